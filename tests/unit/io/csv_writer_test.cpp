#include <catch2/catch.hpp>

#include "../test_util.hpp"

#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include <journey/core/error.hpp>
#include <journey/core/event_log_builder.hpp>
#include <journey/io/csv.hpp>

using namespace journey;
using journey::io::CsvWriteOptions;
using journey::io::read_csv;
using journey::io::ReadOptions;
using journey::io::ReadResult;
using journey::io::write_csv;

namespace {

Timestamp iso(std::string_view s) {
    const auto t = parse_iso8601(s);
    REQUIRE(t.has_value());
    return *t;
}

std::string to_csv(const EventLog& log, char delimiter = ',') {
    std::ostringstream out;
    CsvWriteOptions o;
    o.delimiter = delimiter;
    write_csv(log, out, o);
    return out.str();
}

/// write_csv then read_csv.
EventLog round_trip(const EventLog& log, char delimiter = ',') {
    ReadOptions o;
    o.threads = 1;
    return read_csv(to_csv(log, delimiter), o, "round-trip.csv").log;
}

EventFields fields(EventLogBuilder& b, std::string_view activity, Timestamp t,
                   std::string_view resource = {}, std::string_view department = {},
                   std::string_view channel = {}, std::string_view lifecycle = {}) {
    EventFields f;
    f.activity = b.activities().insert(activity);
    f.resource = b.resources().insert(resource);
    f.department = b.departments().insert(department);
    f.channel = b.channels().insert(channel);
    f.lifecycle = b.lifecycles().insert(lifecycle);
    f.timestamp = t;
    return f;
}

/// A small log with every attribute type, case attributes and awkward text.
EventLog small_log() {
    EventLogBuilder b;
    const auto amount = b.event_attribute("amount", AttrType::real);
    const auto count = b.event_attribute("count", AttrType::integer);
    const auto ok = b.event_attribute("ok", AttrType::boolean);
    const auto due = b.event_attribute("due", AttrType::time);
    const auto note = b.event_attribute("note", AttrType::string);
    const auto uuid = b.event_attribute("uuid", AttrType::id);
    const auto segment = b.case_attribute("segment", AttrType::string);
    const auto score = b.case_attribute("score", AttrType::integer);

    b.begin_case("c-1");
    b.set(segment, b.values().insert("retail"));
    b.set(score, 7);
    b.add_event(fields(b, "register", iso("2021-03-01T09:00:00Z"), "Ann", "Sales", "web",
                       "complete"));
    b.set(amount, attr_raw(12.5));
    b.set(count, 3);
    b.set(ok, 1);
    b.set(due, iso("2021-03-05T00:00:00Z"));
    b.set_string(note, "said \"hi\", left");
    b.set(uuid, b.values().insert("0b6f1e6c-1"));
    b.add_event(fields(b, "check", iso("2021-03-01T10:00:00.250Z"), "Bob", "Back office", "",
                       "complete"));
    b.set(amount, attr_raw(3.0));
    b.set_string(note, "two\nlines");
    b.begin_case("c;2");
    b.add_event(fields(b, "register", iso("2021-03-02T08:00:00Z"), "", "Sales", "phone",
                       "start"));
    b.set(count, -12);
    b.set(ok, 0);
    return b.finish();
}

} // namespace

TEST_CASE("write_csv: exact output", "[io][csv][writer]") {
    const std::string expected =
        "case:concept:name,concept:name,time:timestamp,org:resource,org:group,channel,"
        "lifecycle:transition,amount,count,due,note,ok,uuid:id,case:score,case:segment\n"
        "c-1,register,2021-03-01T09:00:00+00:00,Ann,Sales,web,complete,12.5,3,"
        "2021-03-05T00:00:00+00:00,\"said \"\"hi\"\", left\",true,0b6f1e6c-1,7,retail\n"
        "c-1,check,2021-03-01T10:00:00.250+00:00,Bob,Back office,,complete,3.0,,,"
        "\"two\nlines\",,,7,retail\n"
        "\"c;2\",register,2021-03-02T08:00:00+00:00,,Sales,phone,start,,-12,,,false,,,\n";
    const EventLog log = small_log();
    CHECK(to_csv(log) == expected);
    // Deterministic.
    CHECK(to_csv(log) == to_csv(log));
}

TEST_CASE("write_csv: empty core columns are left out, required ones are not",
          "[io][csv][writer]") {
    EventLogBuilder b;
    b.begin_case("c");
    b.add_event(fields(b, "a", no_timestamp));
    const EventLog log = b.finish();
    CHECK(to_csv(log) == "case:concept:name,concept:name,time:timestamp\nc,a,\n");
    CHECK(round_trip(log) == log);
    CHECK(to_csv(EventLog()) == "case:concept:name,concept:name,time:timestamp\n");
    CHECK(round_trip(EventLog()) == EventLog());
}

TEST_CASE("write_csv: header hints where the values would read back as another type",
          "[io][csv][writer]") {
    EventLogBuilder b;
    const auto zip = b.event_attribute("zip", AttrType::string);    // looks like integers
    const auto flag = b.event_attribute("flag", AttrType::string);  // looks like booleans
    const auto num_i = b.event_attribute("n", AttrType::integer);   // a name with two types
    const auto num_s = b.event_attribute("n", AttrType::string);
    const auto res = b.event_attribute("Resource", AttrType::string); // a role alias
    const auto odd = b.event_attribute("x:int", AttrType::string);    // looks like a hint
    const auto cid = b.case_attribute("concept:name", AttrType::string);
    const auto ok = b.case_attribute("int", AttrType::boolean);       // `case:int`
    b.begin_case("c");
    b.set(cid, b.values().insert("name of the case"));
    b.set(ok, 1);
    b.add_event(fields(b, "a", iso("2020-01-01T00:00:00Z")));
    b.set_string(zip, "1234");
    b.set_string(flag, "true");
    b.set(num_i, 5);
    b.set_string(res, "Eve");
    b.set_string(odd, "v");
    b.add_event(fields(b, "b", iso("2020-01-02T00:00:00Z")));
    b.set_string(num_s, "five");
    const EventLog log = b.finish();

    const std::string csv = to_csv(log);
    CHECK(csv.substr(0, csv.find('\n')) ==
          "case:concept:name,concept:name,time:timestamp,Resource:string,flag:string,n:string,"
          "n:int,x:int:string,zip:string,case:concept:name:string,case:int:boolean");
    CHECK(round_trip(log) == log);
}

TEST_CASE("write_csv -> read_csv round trips", "[io][csv][writer]") {
    SECTION("every type, case attributes, quoting") {
        const EventLog log = small_log();
        const EventLog back = round_trip(log);
        CHECK(back == log);
        CHECK(round_trip(log, ';') == log);
        CHECK(round_trip(log, '\t') == log);
        CHECK(round_trip(log, '|') == log);
    }
    SECTION("awkward values") {
        EventLogBuilder b;
        const auto r = b.event_attribute("r", AttrType::real);
        const auto i = b.event_attribute("i", AttrType::integer);
        const auto s = b.event_attribute("s", AttrType::string);
        const auto l = b.event_attribute("l", AttrType::list);
        const double reals[] = {0.1,
                                -0.0,
                                1e300,
                                5e-324,
                                std::numeric_limits<double>::infinity(),
                                -std::numeric_limits<double>::infinity(),
                                123456789012345678.0};
        const std::int64_t ints[] = {0, -1, std::numeric_limits<std::int64_t>::max(),
                                     std::numeric_limits<std::int64_t>::min(), 42, 7, 1};
        const char* strings[] = {" padded ", "\"quoted\"", "a,b;c\td|e", "line\r\nbreak",
                                 "NA", "null", "\xC3\xA9t\xC3\xA9"};
        b.begin_case("\"odd\" case, with comma");
        for (int k = 0; k < 7; ++k) {
            b.add_event(fields(b, strings[k], iso("2020-01-01T00:00:00Z") + k * 1000001,
                               strings[6 - k]));
            b.set(r, attr_raw(reals[k]));
            b.set(i, ints[k]);
            b.set_string(s, strings[k]);
            b.set(l, b.values().insert("[a, b]"));
        }
        const EventLog log = b.finish();
        CHECK(round_trip(log) == log);
    }
    SECTION("an attribute that first appears after the sample window") {
        EventLogBuilder b;
        const auto late = b.event_attribute("late", AttrType::real);
        const auto text = b.event_attribute("text", AttrType::string);
        b.begin_case("c");
        for (int k = 0; k < 10050; ++k) {
            b.add_event(fields(b, "a", iso("2020-01-01T00:00:00Z") + k));
            if (k >= 10010) {
                b.set(late, attr_raw(k * 0.5));
                b.set_string(text, test::numbered("", k)); // integers as text
            }
        }
        const EventLog log = b.finish();
        const std::string csv = to_csv(log);
        CHECK(csv.substr(0, csv.find('\n')) ==
              "case:concept:name,concept:name,time:timestamp,late,text:string");
        CHECK(round_trip(log) == log);
    }
    SECTION("sepsis") {
        const std::string data = test::read_file(test::data_path("logs/sepsis-semicolon.csv"));
        const EventLog log = read_csv(data, ReadOptions{}).log;
        const EventLog back = round_trip(log);
        CHECK(back.num_events() == 15214);
        CHECK(back == log);
    }
    SECTION("bpic2016") {
        const std::string data = test::read_file(test::data_path("logs/bpic2016-complaints.csv"));
        ReadOptions o;
        o.columns.case_id = "CustomerID";
        o.columns.activity = "ComplaintTopic_EN";
        o.columns.timestamp = "ContactDate";
        const EventLog log = read_csv(data, o).log;
        CHECK(log.num_events() == 289);
        CHECK(round_trip(log) == log);
    }
}

TEST_CASE("write_csv: limitations are what the documentation says", "[io][csv][writer]") {
    // An empty string value is written as an empty cell, which reads back as no value.
    EventLogBuilder b;
    const auto s = b.event_attribute("s", AttrType::string);
    b.begin_case("c");
    b.add_event(fields(b, "a", iso("2020-01-01T00:00:00Z")));
    b.set_string(s, "");
    const EventLog log = b.finish();
    const EventLog back = round_trip(log);
    CHECK_FALSE(back == log);
    CHECK(back.event_attributes().empty());

    std::ostringstream out;
    CsvWriteOptions o;
    o.delimiter = '\n';
    CHECK_THROWS_AS(write_csv(log, out, o), usage_error);
}
