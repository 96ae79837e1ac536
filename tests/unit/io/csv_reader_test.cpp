#include <catch2/catch.hpp>

#include "../test_util.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include <journey/core/error.hpp>
#include <journey/io/csv.hpp>

using namespace journey;
using journey::io::read_csv;
using journey::io::ReadOptions;
using journey::io::ReadResult;

namespace {

using Mapping = std::vector<std::pair<std::string, std::string>>;

std::vector<std::string> activities_of(const EventLog& log, std::size_t c) {
    std::vector<std::string> out;
    for (std::size_t i = log.case_begin(c); i < log.case_end(c); ++i) {
        out.emplace_back(log.activity_names()[log.activities()[i]]);
    }
    return out;
}

std::size_t case_index(const EventLog& log, std::string_view name) {
    for (std::size_t c = 0; c < log.num_cases(); ++c) {
        if (log.case_name(c) == name) {
            return c;
        }
    }
    FAIL("no case " << name);
    return 0;
}

/// The string value of an event attribute at event `e`, or "<none>".
std::string string_attr(const EventLog& log, std::string_view key, std::uint32_t e) {
    const AttrColumn* col = log.event_attribute(key, AttrType::string);
    if (col == nullptr) {
        return "<none>";
    }
    const std::int64_t* v = col->find(e);
    return v == nullptr ? "<none>" : std::string(log.values()[static_cast<Id>(*v)]);
}

Timestamp iso(std::string_view s) {
    const auto t = parse_iso8601(s);
    REQUIRE(t.has_value());
    return *t;
}

} // namespace

TEST_CASE("sepsis CSV: every event, the NA case, ymd timestamps", "[io][csv]") {
    const std::string data = test::read_file(test::data_path("logs/sepsis-semicolon.csv"));
    REQUIRE(!data.empty());
    ReadOptions o;
    const ReadResult r = read_csv(data, o, "sepsis-semicolon.csv");
    const EventLog& log = r.log;

    CHECK(log.num_cases() == 1050);
    CHECK(log.num_events() == 15214);
    CHECK(log.activity_names().size() == 17); // 16 activities and the empty string
    CHECK(r.report.path == "sepsis-semicolon.csv");
    CHECK(r.report.format == "csv");
    CHECK(r.report.records == 15214);
    CHECK(r.report.events == 15214);
    CHECK(r.report.cases == 1050);
    CHECK(r.report.rejected == 0);
    CHECK(r.report.bytes == data.size());
    CHECK(r.report.timestamp_format == "ymd");
    CHECK(r.report.timestamp_format_inferred);
    CHECK(r.report.warnings.empty());
    CHECK(r.report.mapping == Mapping{{"case", "Case ID"},
                                      {"activity", "Activity"},
                                      {"timestamp", "Complete Timestamp"},
                                      {"department", "org:group"},
                                      {"lifecycle", "lifecycle:transition"}});

    // The case literally named NA is a case, not a missing value.
    const std::size_t na = case_index(log, "NA");
    CHECK(log.case_end(na) - log.case_begin(na) == 24);
    CHECK(activities_of(log, na).front() == "ER Registration");
    CHECK(log.timestamps()[log.case_begin(na)] == iso("2014-11-10T01:45:19Z"));

    // First case, first events (file order, already sorted).
    CHECK(log.case_name(0) == "A");
    const std::vector<std::string> a = activities_of(log, 0);
    REQUIRE(a.size() >= 4);
    CHECK(a[0] == "ER Registration");
    CHECK(a[1] == "Leucocytes");
    CHECK(log.timestamps()[0] == iso("2014-10-22T11:15:41"));
    CHECK(log.department_names()[log.departments()[0]] == "A");
    CHECK(log.lifecycle_names()[log.lifecycles()[0]] == "complete");

    // Typed attributes.
    const AttrColumn* age = log.event_attribute("Age", AttrType::integer);
    REQUIRE(age != nullptr);
    REQUIRE(age->find(0) != nullptr);
    CHECK(*age->find(0) == 85);
    CHECK(age->find(1) == nullptr); // empty cell: no value
    const AttrColumn* crp = log.event_attribute("CRP", AttrType::real);
    REQUIRE(crp != nullptr);
    REQUIRE(crp->find(2) != nullptr);
    CHECK(attr_real(*crp->find(2)) == 21.0);
    const AttrColumn* leu = log.event_attribute("Leucocytes", AttrType::real);
    REQUIRE(leu != nullptr);
    CHECK(attr_real(*leu->find(1)) == 9.6);
    const AttrColumn* astrup = log.event_attribute("DiagnosticArtAstrup", AttrType::boolean);
    REQUIRE(astrup != nullptr);
    CHECK(*astrup->find(0) == 1);
    CHECK(log.event_attribute("Variant index", AttrType::integer) != nullptr);
    CHECK(string_attr(log, "Variant", 0) == "Variant 63");
    CHECK(string_attr(log, "Diagnose", 0) == "A");
    // No column got a second, string-typed part: every value fitted its type.
    for (const AttrColumn& c : log.event_attributes()) {
        const std::string_view key = log.attribute_names()[c.key];
        if (c.type == AttrType::string) {
            CHECK((key == "Variant" || key == "Diagnose"));
        }
    }
    CHECK(log.case_attributes().empty());
}

TEST_CASE("bpic2016 complaints: explicit mapping, date-only ties keep file order",
          "[io][csv]") {
    const std::string data = test::read_file(test::data_path("logs/bpic2016-complaints.csv"));
    ReadOptions o;
    o.columns.case_id = "CustomerID";
    o.columns.activity = "ComplaintTopic_EN";
    o.columns.timestamp = "ContactDate";
    o.columns.channel = "ContactChannelID";
    const ReadResult r = read_csv(data, o, "bpic2016-complaints.csv");
    const EventLog& log = r.log;

    CHECK(log.num_events() == 289);
    CHECK(log.num_cases() == 226);
    CHECK(r.report.records == 289);
    CHECK(r.report.rejected == 0);
    CHECK(r.report.timestamp_format == "iso");
    CHECK(r.report.mapping == Mapping{{"case", "CustomerID"},
                                      {"activity", "ComplaintTopic_EN"},
                                      {"timestamp", "ContactDate"},
                                      {"channel", "ContactChannelID"}});
    CHECK(log.activity_names().size() == 70 + 1);

    // Customer 1202227 has five complaints on 2015-07-07, in the file as
    // ComplaintID 6, 5, 3, 4, 7: the tie keeps that order.
    const std::size_t c = case_index(log, "1202227");
    const AttrColumn* id = log.event_attribute("ComplaintID", AttrType::integer);
    REQUIRE(id != nullptr);
    std::vector<std::int64_t> ids;
    for (std::size_t e = log.case_begin(c); e < log.case_end(c); ++e) {
        CHECK(log.timestamps()[e] == iso("2015-07-07"));
        ids.push_back(*id->find(static_cast<std::uint32_t>(e)));
    }
    CHECK(ids == std::vector<std::int64_t>{6, 5, 3, 4, 7});
    // Customer 1893155: two complaints on 2016-01-27, lines 16 and 50.
    const std::size_t d = case_index(log, "1893155");
    REQUIRE(log.case_end(d) - log.case_begin(d) == 2);
    CHECK(*id->find(static_cast<std::uint32_t>(log.case_begin(d))) == 246);
    CHECK(*id->find(static_cast<std::uint32_t>(log.case_begin(d) + 1)) == 247);
    // Channel ids are text in the channel column.
    CHECK(log.channel_names()[log.channels()[log.case_begin(d)]] == "5");
    // Text that is not UTF-8 (the file is Latin-1) is kept byte for byte.
    CHECK(log.event_attribute("Gender", AttrType::string) != nullptr);
}

TEST_CASE("recognised column names: exact first, then ignoring case", "[io][csv]") {
    SECTION("pm4py names") {
        const ReadResult r = read_csv("case:concept:name,concept:name,time:timestamp,"
                                      "org:resource,org:group,channel,lifecycle:transition\n"
                                      "c1,a,2020-01-01,r,g,web,complete\n",
                                      ReadOptions{});
        CHECK(r.report.mapping == Mapping{{"case", "case:concept:name"},
                                          {"activity", "concept:name"},
                                          {"timestamp", "time:timestamp"},
                                          {"resource", "org:resource"},
                                          {"department", "org:group"},
                                          {"channel", "channel"},
                                          {"lifecycle", "lifecycle:transition"}});
        CHECK(r.log.channel_names()[r.log.channels()[0]] == "web");
        CHECK(r.log.event_attributes().empty());
    }
    SECTION("aliases and case-insensitive matches") {
        const ReadResult r = read_csv("CASE_ID;ACTIVITY;Time;RESOURCE;department;CHANNEL;Lifecycle\n"
                                      "c1;a;2020-01-01;r;g;web;start\n",
                                      ReadOptions{});
        CHECK(r.report.mapping == Mapping{{"case", "CASE_ID"},
                                          {"activity", "ACTIVITY"},
                                          {"timestamp", "Time"},
                                          {"resource", "RESOURCE"},
                                          {"department", "department"},
                                          {"channel", "CHANNEL"},
                                          {"lifecycle", "Lifecycle"}});
    }
    SECTION("an exact match beats an earlier case-insensitive one") {
        const ReadResult r =
            read_csv("ACTIVITY,case,activity,timestamp\nx,c1,a,2020-01-01\n", ReadOptions{});
        CHECK(r.report.mapping == Mapping{{"case", "case"},
                                          {"activity", "activity"},
                                          {"timestamp", "timestamp"}});
        CHECK(r.log.activity_names()[r.log.activities()[0]] == "a");
        CHECK(string_attr(r.log, "ACTIVITY", 0) == "x");
    }
    SECTION("alias order decides between two matching columns") {
        const ReadResult r = read_csv("time,Timestamp,case,activity\n"
                                      "2020-01-01,2021-02-02,c,a\n",
                                      ReadOptions{});
        CHECK(r.report.mapping[2] == std::pair<std::string, std::string>{"timestamp", "Timestamp"});
        CHECK(r.log.timestamps()[0] == iso("2021-02-02"));
        // The other one is an attribute of type time.
        const AttrColumn* t = r.log.event_attribute("time", AttrType::time);
        REQUIRE(t != nullptr);
        CHECK(t->values[0] == iso("2020-01-01"));
    }
    SECTION("blanks around header names do not stop recognition") {
        const ReadResult r = read_csv("case , activity,timestamp\nc,a,2020-01-01\n", ReadOptions{});
        CHECK(r.report.mapping[0] == std::pair<std::string, std::string>{"case", "case "});
    }
}

TEST_CASE("explicit columns win; a missing one is a usage error", "[io][csv]") {
    const std::string csv = "id,step,when,case,activity,timestamp\n"
                            "1,s,2020-01-02,c,a,2020-01-01\n";
    ReadOptions o;
    o.columns.case_id = "id";
    o.columns.activity = "STEP"; // found ignoring case
    o.columns.timestamp = "when";
    const ReadResult r = read_csv(csv, o);
    CHECK(r.report.mapping == Mapping{{"case", "id"}, {"activity", "step"}, {"timestamp", "when"}});
    CHECK(r.log.case_name(0) == "1");
    CHECK(r.log.activity_names()[r.log.activities()[0]] == "s");
    // The recognisable columns that lost their role are attributes.
    CHECK(string_attr(r.log, "case", 0) == "c");
    CHECK(string_attr(r.log, "activity", 0) == "a");
    CHECK(r.log.event_attribute("timestamp", AttrType::time) != nullptr);

    o.columns.resource = "who";
    try {
        (void)read_csv(csv, o);
        FAIL("no exception");
    } catch (const usage_error& e) {
        CHECK(std::string(e.what()) == "column 'who' not found in header (columns: id, step, "
                                       "when, case, activity, timestamp)");
    }
}

TEST_CASE("attribute typing from a sample of values", "[io][csv]") {
    const std::string csv = "case,activity,timestamp,n,x,flag,when,code,text,empty,mixed\n"
                            "c1,a,2020-01-01,1,1.5,true,2020-02-01,01234,hello,,1\n"
                            "c1,b,2020-01-02,-7,2,FALSE,2020-02-02 10:00,00001,,,2\n"
                            "c2,a,2020-01-03,,1e3,,,,\"quoted, text\",,x\n";
    const ReadResult r = read_csv(csv, ReadOptions{});
    const EventLog& log = r.log;
    REQUIRE(log.num_events() == 3);
    // Events: c1/a (0), c1/b (1), c2/a (2).
    const AttrColumn* n = log.event_attribute("n", AttrType::integer);
    REQUIRE(n != nullptr);
    CHECK(n->rows == std::vector<std::uint32_t>{0, 1});
    CHECK(n->values == std::vector<std::int64_t>{1, -7});
    const AttrColumn* x = log.event_attribute("x", AttrType::real);
    REQUIRE(x != nullptr);
    CHECK(attr_real(x->values[0]) == 1.5);
    CHECK(attr_real(x->values[1]) == 2.0);
    CHECK(attr_real(x->values[2]) == 1000.0);
    const AttrColumn* flag = log.event_attribute("flag", AttrType::boolean);
    REQUIRE(flag != nullptr);
    CHECK(flag->values == std::vector<std::int64_t>{1, 0});
    const AttrColumn* when = log.event_attribute("when", AttrType::time);
    REQUIRE(when != nullptr);
    CHECK(when->values == std::vector<std::int64_t>{iso("2020-02-01"), iso("2020-02-02T10:00")});
    // Leading zeros make text (codes), not numbers.
    CHECK(log.event_attribute("code", AttrType::string) != nullptr);
    CHECK(string_attr(log, "code", 0) == "01234");
    CHECK(string_attr(log, "text", 2) == "quoted, text");
    // A column without any value is no column at all.
    CHECK(log.event_attribute("empty", AttrType::string) == nullptr);
    // Mixed values are text.
    CHECK(string_attr(log, "mixed", 0) == "1");
    CHECK(string_attr(log, "mixed", 2) == "x");
    CHECK(log.event_attributes().size() == 7);
}

TEST_CASE("a value that does not fit the inferred type goes to a string column of the same key",
          "[io][csv]") {
    // 1000 integers fill the sample; the value after them does not fit.
    std::string csv = "case,activity,timestamp,amount\n";
    for (int i = 0; i < 1000; ++i) {
        csv += "c,a,2020-01-01," + test::numbered("", i) + "\n";
    }
    csv += "c,a,2020-01-01,n/a\n";
    csv += "c,a,2020-01-01,5\n";
    const ReadResult r = read_csv(csv, ReadOptions{});
    const AttrColumn* ints = r.log.event_attribute("amount", AttrType::integer);
    const AttrColumn* strs = r.log.event_attribute("amount", AttrType::string);
    REQUIRE(ints != nullptr);
    REQUIRE(strs != nullptr);
    CHECK(ints->rows.size() == 1001);
    CHECK(ints->values.back() == 5);
    CHECK(strs->rows == std::vector<std::uint32_t>{1000});
    CHECK(r.log.values()[static_cast<Id>(strs->values[0])] == "n/a");
    CHECK(r.report.rejected == 0);
}

TEST_CASE("a column empty in the sample window is typed from its first values", "[io][csv]") {
    std::string csv = "case,activity,timestamp,late,late_text\n";
    for (int i = 0; i < 10005; ++i) {
        csv += "c,a,2020-01-01,,\n";
    }
    // 1000 integers after the window decide the type; the value after them does not fit.
    for (int i = 0; i < 1000; ++i) {
        csv += "c,a,2020-01-01," + test::numbered("", i) + "," + (i == 0 ? "x" : "7") + "\n";
    }
    csv += "c,a,2020-01-01,oops,\n";
    const ReadResult r = read_csv(csv, ReadOptions{});
    const AttrColumn* late = r.log.event_attribute("late", AttrType::integer);
    REQUIRE(late != nullptr);
    REQUIRE(late->rows.size() == 1000);
    CHECK(late->rows.front() == 10005);
    CHECK(late->values.back() == 999);
    CHECK(string_attr(r.log, "late", 11005) == "oops");
    CHECK(r.log.event_attribute("late", AttrType::string)->rows.size() == 1);
    CHECK(string_attr(r.log, "late_text", 10006) == "7");
    CHECK(r.log.event_attribute("late_text", AttrType::integer) == nullptr);
}

TEST_CASE("case:<x> columns are case attributes: first non-empty value wins", "[io][csv]") {
    const std::string csv = "case,activity,timestamp,case:segment,case:score,note\n"
                            "c1,a,2020-01-01,,,n1\n"
                            "c2,a,2020-01-01,retail,3,\n"
                            "c1,b,2020-01-02,business,7,\n"
                            "c1,c,2020-01-03,retail,9,\n"
                            "c2,b,2020-01-02,,4,\n";
    const ReadResult r = read_csv(csv, ReadOptions{});
    const EventLog& log = r.log;
    const AttrColumn* seg = log.case_attribute("segment", AttrType::string);
    REQUIRE(seg != nullptr);
    REQUIRE(seg->rows == std::vector<std::uint32_t>{0, 1});
    CHECK(log.values()[static_cast<Id>(seg->values[0])] == "business");
    CHECK(log.values()[static_cast<Id>(seg->values[1])] == "retail");
    const AttrColumn* score = log.case_attribute("score", AttrType::integer);
    REQUIRE(score != nullptr);
    CHECK(score->values == std::vector<std::int64_t>{7, 3});
    CHECK(log.event_attributes().size() == 1);
    CHECK(log.case_attributes().size() == 2);
}

TEST_CASE("case ids are text: only the empty string is missing", "[io][csv]") {
    const std::string csv = "case,activity,timestamp\n"
                            "NA,a,2020-01-01\n"
                            "null,a,2020-01-01\n"
                            "NaN,a,2020-01-01\n"
                            "\"\",a,2020-01-01\n"
                            " ,a,2020-01-01\n"
                            "None,a,2020-01-01\n";
    ReadOptions o;
    o.on_bad_record = BadRecordPolicy::skip;
    const ReadResult r = read_csv(csv, o);
    REQUIRE(r.log.num_cases() == 5);
    CHECK(r.log.case_name(0) == "NA");
    CHECK(r.log.case_name(1) == "null");
    CHECK(r.log.case_name(2) == "NaN");
    CHECK(r.log.case_name(3) == " ");
    CHECK(r.log.case_name(4) == "None");
    CHECK(r.report.rejected == 1);
    CHECK(r.report.records == 6);
}

TEST_CASE("empty timestamp cells are events without a timestamp", "[io][csv]") {
    const ReadResult r = read_csv("case,activity,timestamp\nc,a,2020-01-02\nc,b,\n", ReadOptions{});
    REQUIRE(r.log.num_events() == 2);
    // No timestamp sorts first within the case.
    CHECK(activities_of(r.log, 0) == std::vector<std::string>{"b", "a"});
    CHECK(r.log.timestamps()[0] == no_timestamp);
}

TEST_CASE("time formats: inferred, explicit, unknown", "[io][csv]") {
    const std::string dmy = "case,activity,timestamp\nc,a,13/01/2020 10:00\nc,b,02/01/2020\n";
    SECTION("auto infers dmy from a day over 12") {
        const ReadResult r = read_csv(dmy, ReadOptions{});
        CHECK(r.report.timestamp_format == "dmy");
        CHECK(r.report.timestamp_format_inferred);
        CHECK(r.log.timestamps()[0] == iso("2020-01-02"));
        CHECK(r.log.timestamps()[1] == iso("2020-01-13T10:00"));
    }
    SECTION("epoch milliseconds") {
        const ReadResult r = read_csv("case,activity,timestamp\nc,a,1413976541000\n", ReadOptions{});
        CHECK(r.report.timestamp_format == "epoch-ms");
        CHECK(r.log.timestamps()[0] == 1413976541000LL * 1000);
    }
    SECTION("an explicit pattern") {
        ReadOptions o;
        o.time_format = "%d.%m.%Y %H:%M";
        const ReadResult r =
            read_csv("case,activity,timestamp\nc,a,22.10.2014 11:15\n", o);
        CHECK(r.report.timestamp_format == "%d.%m.%Y %H:%M");
        CHECK_FALSE(r.report.timestamp_format_inferred);
        CHECK(r.log.timestamps()[0] == iso("2014-10-22T11:15"));
    }
    SECTION("an explicit format that does not fit makes bad rows") {
        ReadOptions o;
        o.time_format = "mdy";
        try {
            (void)read_csv(dmy, o, "x.csv");
            FAIL("no exception");
        } catch (const format_error& e) {
            CHECK(std::string(e.what()) ==
                  "x.csv:2:5: unparseable timestamp '13/01/2020 10:00' in column 'timestamp'");
        }
    }
    SECTION("an unknown spec") {
        ReadOptions o;
        o.time_format = "european";
        CHECK_THROWS_MATCHES(read_csv(dmy, o), usage_error,
                             Catch::Message("unknown time format 'european' (use auto, iso, ymd, "
                                            "dmy, mdy, epoch-s, epoch-ms or a %-pattern such as "
                                            "'%d.%m.%Y %H:%M')"));
    }
    SECTION("when no format fits every sample, the one that fits most is used") {
        ReadOptions o;
        o.on_bad_record = BadRecordPolicy::skip;
        const ReadResult r = read_csv(
            "case,activity,timestamp\nc,a,2020-01-01\nc,b,2019-13-01\nc,c,2020-01-03\n", o);
        CHECK(r.report.timestamp_format == "iso");
        CHECK(r.report.warnings == std::vector<std::string>{
                                       "timestamp format 'iso' parses 2 of 3 sampled values of "
                                       "column 'timestamp'"});
        CHECK(r.log.num_events() == 2);
        CHECK(r.report.rejected == 1);
    }
}

TEST_CASE("header names: type hints, empty and repeated names", "[io][csv]") {
    const std::string csv = "case,activity,timestamp,zip:string,n:int,n:string,,dup,dup,case:k:int\n"
                            "c,a,2020-01-01,01234,5,5,v,d1,d2,9\n";
    const ReadResult r = read_csv(csv, ReadOptions{});
    const EventLog& log = r.log;
    CHECK(string_attr(log, "zip", 0) == "01234");
    CHECK(string_attr(log, "n", 0) == "5");
    REQUIRE(log.event_attribute("n", AttrType::integer) != nullptr);
    CHECK(string_attr(log, "column_7", 0) == "v");
    CHECK(string_attr(log, "dup", 0) == "d1");
    CHECK(string_attr(log, "dup_2", 0) == "d2");
    REQUIRE(log.case_attribute("k", AttrType::integer) != nullptr);
    CHECK(r.report.warnings ==
          std::vector<std::string>{"column 7 has no name; read as 'column_7'",
                                   "column 9 'dup' repeats an attribute name; read as 'dup_2'"});
}

TEST_CASE("progress is reported and can cancel", "[io][csv]") {
    std::string csv = "case,activity,timestamp\n";
    while (csv.size() < (std::size_t{9} << 20)) {
        csv += "case-with-a-long-name,activity,2020-01-01T10:00:00\n";
    }
    std::vector<std::uint64_t> calls;
    ReadOptions o;
    o.threads = 1;
    o.progress = [&](std::uint64_t done, std::uint64_t total) {
        CHECK(total == csv.size());
        calls.push_back(done);
        return true;
    };
    const ReadResult r = read_csv(csv, o);
    REQUIRE(calls.size() >= 3);
    CHECK(std::is_sorted(calls.begin(), calls.end()));
    CHECK(calls.back() == csv.size());

    o.progress = [](std::uint64_t, std::uint64_t) { return false; };
    CHECK_THROWS_MATCHES(read_csv(csv, o), journey::error, Catch::Message("cancelled"));
    o.threads = 2;
    CHECK_THROWS_MATCHES(read_csv(csv, o), journey::error, Catch::Message("cancelled"));
}

namespace {

/// A deterministic, realistic CSV: cases of 3-14 events in consecutive rows, 20
/// activities, 150 resources, 6 departments, typed attributes, a case attribute,
/// and (with `quirks`) quoted fields with embedded line breaks, stray quotes in
/// unquoted fields and bad rows.
std::string generate_csv(std::size_t events, bool quirks) {
    std::uint64_t state = 42;
    const auto next = [&state](std::uint64_t n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return (state >> 33) % n;
    };
    std::string out = "case:concept:name,concept:name,time:timestamp,org:resource,org:group,"
                      "amount,priority,comment,case:segment\n";
    std::size_t written = 0;
    for (std::size_t c = 0; written < events; ++c) {
        const std::size_t len = 3 + next(12);
        std::int64_t t = 1'600'000'000 + static_cast<std::int64_t>(c) * 600;
        for (std::size_t e = 0; e < len && written < events; ++e, ++written) {
            t += static_cast<std::int64_t>(next(7200));
            const std::time_t tt = t;
            std::tm tm{};
            gmtime_r(&tt, &tm);
            char ts[80];
            std::snprintf(ts, sizeof ts, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900,
                          tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
            out += test::numbered("case-", static_cast<long long>(c));
            out += ',';
            out += test::numbered("Activity ", static_cast<long long>(next(20)));
            out += ',';
            out += ts;
            out += ',';
            out += test::numbered("user", static_cast<long long>(next(150)));
            out += ',';
            out += test::numbered("dept-", static_cast<long long>(next(6)));
            out += ',';
            out += test::numbered("", static_cast<long long>(next(100000))) + "." +
                   test::numbered("", static_cast<long long>(10 + next(90)));
            out += ',';
            out += next(3) == 0 ? "" : test::numbered("", static_cast<long long>(next(5)));
            out += ',';
            const std::uint64_t k = next(200);
            if (quirks && k == 0) {
                out += "\"multi\nline, \"\"quoted\"\"\ncomment\"";
            } else if (quirks && k == 1) {
                out += "12\" pipe";
            } else if (k < 40) {
                out += "ok";
            }
            out += ',';
            out += e == 1 ? (c % 3 == 0 ? "retail" : "business") : "";
            out += '\n';
            if (quirks && next(5000) == 0) {
                out += test::numbered("case-", static_cast<long long>(c)) +
                       ",broken row,2020-13-45,x,y,1,2,3,\n";
            }
        }
    }
    return out;
}

} // namespace

TEST_CASE("the result does not depend on the number of threads", "[io][csv][threads]") {
    const bool quirks = GENERATE(false, true);
    const std::string csv = generate_csv(140000, quirks);
    REQUIRE(csv.size() > (std::size_t{8} << 20));
    ReadOptions o;
    o.on_bad_record = BadRecordPolicy::skip;
    std::vector<RejectedRecord> sunk1;
    o.reject_sink = [&](const RejectedRecord& r) { sunk1.push_back(r); };
    o.threads = 1;
    const ReadResult one = read_csv(csv, o, "gen.csv");
    CHECK(one.log.num_events() == 140000);
    CHECK(one.report.records == 140000 + one.report.rejected);
    if (quirks) {
        CHECK(one.report.rejected > 5);
        CHECK(one.log.event_attribute("comment", AttrType::string) != nullptr);
    } else {
        CHECK(one.report.rejected == 0);
    }
    CHECK(one.log.event_attribute("amount", AttrType::real) != nullptr);
    CHECK(one.log.event_attribute("priority", AttrType::integer) != nullptr);
    CHECK(one.log.case_attribute("segment", AttrType::string) != nullptr);

    for (const unsigned threads : {2u, 3u, 5u}) {
        std::vector<RejectedRecord> sunk;
        o.reject_sink = [&](const RejectedRecord& r) { sunk.push_back(r); };
        o.threads = threads;
        const ReadResult many = read_csv(csv, o, "gen.csv");
        CHECK(many.log == one.log);
        CHECK(sunk == sunk1);
        CHECK(many.report.rejects == one.report.rejects);
        CHECK(many.report.records == one.report.records);
        // Same ids, not only the same names.
        CHECK(many.log.activities()[0] == one.log.activities()[0]);
        CHECK(many.log.values().strings() == one.log.values().strings());
        CHECK(many.log.resource_names().strings() == one.log.resource_names().strings());
    }
    // Under the fail policy the first bad row in the input is the one reported.
    if (quirks) {
        ReadOptions f;
        f.threads = 1;
        std::string first;
        try {
            (void)read_csv(csv, f, "gen.csv");
        } catch (const format_error& e) {
            first = e.what();
        }
        CHECK(first == "gen.csv:" + std::to_string(sunk1.front().line) + ":" +
                           std::to_string(sunk1.front().column) + ": " + sunk1.front().reason);
        f.threads = 2;
        CHECK_THROWS_MATCHES(read_csv(csv, f, "gen.csv"), format_error, Catch::Message(first));
    }
}

TEST_CASE("a cut inside a quoted field is detected and parsed again", "[io][csv][threads]") {
    // One stray quote early makes quote parity wrong for the rest of the input;
    // long quoted fields with line breaks follow, so the parity-based cut lands
    // inside one of them.
    std::string csv = "case,activity,timestamp,text\nc0,a,2020-01-01,5\" stray\n";
    std::size_t rows = 0;
    while (csv.size() < (std::size_t{12} << 20)) {
        csv += test::numbered("c", static_cast<long long>(rows / 10)) +
               ",a,2020-01-01,\"line one\nline two\nline three " +
               test::numbered("", static_cast<long long>(rows)) + "\"\n";
        ++rows;
    }
    csv += "c-last,z,2020-01-0x,end\n";
    ReadOptions o;
    o.threads = 1;
    o.on_bad_record = BadRecordPolicy::skip;
    const ReadResult one = read_csv(csv, o);
    o.threads = 2;
    const ReadResult two = read_csv(csv, o);
    CHECK(one.log.num_events() == rows + 1);
    CHECK(two.log == one.log);
    REQUIRE(two.report.rejects.size() == 1);
    CHECK(two.report.rejects == one.report.rejects);
    CHECK(two.report.rejects[0].line == 3 + rows * 3);
}
