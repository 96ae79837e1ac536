#include <catch2/catch.hpp>

#include "../test_util.hpp"

#include <string>
#include <vector>

#include <journey/core/error.hpp>
#include <journey/io/csv.hpp>

using namespace journey;
using journey::io::read_csv;
using journey::io::ReadOptions;
using journey::io::ReadResult;

namespace {

/// what() of the format_error read_csv throws, or "no error".
std::string error_of(std::string_view csv, const ReadOptions& o = {},
                     const std::string& path = "in.csv") {
    try {
        (void)read_csv(csv, o, path);
    } catch (const format_error& e) {
        return e.what();
    }
    return "no error";
}

ReadOptions skipping(std::vector<RejectedRecord>* sink = nullptr) {
    ReadOptions o;
    o.on_bad_record = BadRecordPolicy::skip;
    if (sink != nullptr) {
        o.reject_sink = [sink](const RejectedRecord& r) { sink->push_back(r); };
    }
    return o;
}

std::string file(std::string_view name) {
    return test::read_file(test::data_path("csv/" + std::string(name)));
}

} // namespace

TEST_CASE("unparseable timestamp: exact message under fail, exact reject under skip",
          "[io][csv][malformed]") {
    const std::string csv = "case:concept:name,concept:name,time:timestamp\n"
                            "c1,a,2019-12-01\n"
                            "c1,b,2019-13-01\n"
                            "c2,a,2019-12-03\n";
    try {
        (void)read_csv(csv, ReadOptions{}, "log.csv");
        FAIL("no exception");
    } catch (const format_error& e) {
        CHECK(std::string(e.what()) ==
              "log.csv:3:6: unparseable timestamp '2019-13-01' in column 'time:timestamp'");
        CHECK(e.path() == "log.csv");
        CHECK(e.line() == 3);
        CHECK(e.column() == 6);
        CHECK(e.message() == "unparseable timestamp '2019-13-01' in column 'time:timestamp'");
    }

    std::vector<RejectedRecord> sunk;
    const ReadResult r = read_csv(csv, skipping(&sunk), "log.csv");
    const RejectedRecord expected{
        3, 6, "unparseable timestamp '2019-13-01' in column 'time:timestamp'", "c1,b,2019-13-01"};
    CHECK(r.report.rejected == 1);
    CHECK(r.report.records == 3);
    CHECK(r.report.events == 2);
    CHECK(r.report.cases == 2);
    REQUIRE(r.report.rejects.size() == 1);
    CHECK(r.report.rejects[0] == expected);
    REQUIRE(sunk.size() == 1);
    CHECK(sunk[0] == expected);
    CHECK(r.log.num_events() == 2);
}

TEST_CASE("times outside the years 0001-9999 are unparseable", "[io][csv][malformed]") {
    ReadOptions o = skipping();
    o.time_format = "epoch-s";
    const ReadResult r = read_csv("case,activity,timestamp\n"
                                  "c,first,-62135596800\n"
                                  "c,before,-62135596801\n"
                                  "c,last,253402300799\n"
                                  "c,after,253402300800\n",
                                  o);
    CHECK(r.log.num_events() == 2);
    CHECK(r.log.timestamps()[0] == -62135596800LL * 1000000);
    REQUIRE(r.report.rejects.size() == 2);
    CHECK(r.report.rejects[0].reason ==
          "unparseable timestamp '-62135596801' in column 'timestamp'");
    CHECK(r.report.rejects[1].line == 5);
}

TEST_CASE("wrong number of fields", "[io][csv][malformed]") {
    const std::string csv = "case,activity,timestamp\n"
                            "c1,a,2020-01-01,extra,more\n"
                            "c1,b\n"
                            "c1,c,2020-01-03\n";
    CHECK(error_of(csv) == "in.csv:2:17: wrong number of fields: expected 3, found 5");
    std::vector<RejectedRecord> sunk;
    const ReadResult r = read_csv(csv, skipping(&sunk), "in.csv");
    REQUIRE(sunk.size() == 2);
    CHECK(sunk[0] == RejectedRecord{2, 17, "wrong number of fields: expected 3, found 5",
                                    "c1,a,2020-01-01,extra,more"});
    // Too few: the column just past the end of the record.
    CHECK(sunk[1] == RejectedRecord{3, 5, "wrong number of fields: expected 3, found 2", "c1,b"});
    CHECK(r.report.rejects == sunk);
    CHECK(r.report.rejected == 2);
    CHECK(r.report.records == 3);
    CHECK(r.log.num_events() == 1);
}

TEST_CASE("empty case id and empty activity", "[io][csv][malformed]") {
    const std::string csv = "Case ID;Activity;Timestamp\n"
                            ";a;2020-01-01\n"
                            "c1;;2020-01-01\n"
                            "c1;\"\";2020-01-01\n";
    CHECK(error_of(csv) == "in.csv:2:1: empty case id in column 'Case ID'");
    const ReadResult r = read_csv(csv, skipping(), "in.csv");
    REQUIRE(r.report.rejects.size() == 3);
    CHECK(r.report.rejects[0] ==
          RejectedRecord{2, 1, "empty case id in column 'Case ID'", ";a;2020-01-01"});
    CHECK(r.report.rejects[1] ==
          RejectedRecord{3, 4, "empty activity in column 'Activity'", "c1;;2020-01-01"});
    CHECK(r.report.rejects[2] ==
          RejectedRecord{4, 4, "empty activity in column 'Activity'", "c1;\"\";2020-01-01"});
    CHECK(r.log.num_events() == 0);
    CHECK(r.log.num_cases() == 0);
}

TEST_CASE("missing required columns", "[io][csv][malformed]") {
    CHECK(error_of("id,activity,timestamp\n1,a,2020-01-01\n") ==
          "in.csv:1: no case id column (looked for: case:concept:name, case_id, Case ID, case, "
          "CaseID; use --case-column)");
    CHECK(error_of("case,step,timestamp\n1,a,2020-01-01\n") ==
          "in.csv:1: no activity column (looked for: concept:name, activity, Activity; use "
          "--activity-column)");
    CHECK(error_of("case,activity,date\n1,a,2020-01-01\n") ==
          "in.csv:1: no timestamp column (looked for: time:timestamp, timestamp, Complete "
          "Timestamp, Timestamp, time; use --timestamp-column)");
    // Leading blank lines move the header.
    CHECK(error_of("\n\ncase,activity\n", ReadOptions{}, "") ==
          "<input>:3: no timestamp column (looked for: time:timestamp, timestamp, Complete "
          "Timestamp, Timestamp, time; use --timestamp-column)");
}

TEST_CASE("unbalanced quote: an error under both policies", "[io][csv][malformed]") {
    const std::string csv = file("unterminated-quote.csv");
    const std::string expected =
        "unterminated-quote.csv:3:17: unterminated quoted field starting at line 3";
    CHECK(error_of(csv, ReadOptions{}, "unterminated-quote.csv") == expected);
    CHECK(error_of(csv, skipping(), "unterminated-quote.csv") == expected);
    // In the header.
    CHECK(error_of("case,\"activity,timestamp\n") ==
          "in.csv:1:6: unterminated quoted field starting at line 1");
    // A quote inside an unquoted field is an ordinary character.
    const ReadResult r = read_csv("case,activity,timestamp\nc,12\" pipe,2020-01-01\n", ReadOptions{});
    CHECK(r.log.activity_names()[r.log.activities()[0]] == "12\" pipe");
}

TEST_CASE("empty input and header only", "[io][csv][malformed]") {
    CHECK(error_of("") == "in.csv: empty input: no header row");
    CHECK(error_of("\xEF\xBB\xBF") == "in.csv: empty input: no header row");
    CHECK(error_of("\n\r\n\n") == "in.csv: empty input: no header row");

    const ReadResult r = read_csv("case,activity,timestamp,x\n", ReadOptions{}, "h.csv");
    CHECK(r.log.num_events() == 0);
    CHECK(r.log.num_cases() == 0);
    CHECK(r.log == EventLog());
    CHECK(r.report.records == 0);
    CHECK(r.report.timestamp_format == "iso");
    CHECK(r.report.warnings.empty());
    // Without a final line break too.
    CHECK(read_csv("case,activity,timestamp", ReadOptions{}).log.num_events() == 0);
}

TEST_CASE("BOM and CRLF", "[io][csv][malformed]") {
    const ReadResult r = read_csv(file("bom-crlf.csv"), ReadOptions{}, "bom-crlf.csv");
    const EventLog& log = r.log;
    REQUIRE(log.num_events() == 3);
    CHECK(r.report.mapping[0] ==
          std::pair<std::string, std::string>{"case", "case:concept:name"});
    CHECK(log.case_name(0) == "c1");
    // 09:30+01:00 is 08:30 UTC: "check" sorts before "register".
    CHECK(log.activity_names()[log.activities()[0]] == "check");
    CHECK(log.timestamps()[0] == *parse_iso8601("2021-03-01T08:30:00Z"));
    CHECK(log.resource_names()[log.resources()[0]] == "Bob");
    CHECK(log.resource_names()[log.resources()[1]] == "Ann");
    // No '\r' is left on the last field: it was empty.
    CHECK(log.resources()[2] == no_id);
    // Columns count from after the BOM.
    std::string bad = file("bom-crlf.csv");
    bad.replace(bad.find("2021-03-02"), 10, "2021-02-30");
    CHECK(error_of(bad) ==
          "in.csv:4:13: unparseable timestamp '2021-02-30T10:00:00Z' in column 'time:timestamp'");
    CHECK(error_of("\xEF\xBB\xBF\"case,activity,timestamp\n") ==
          "in.csv:1:1: unterminated quoted field starting at line 1");
}

TEST_CASE("embedded line breaks in quoted fields keep line numbers right",
          "[io][csv][malformed]") {
    const std::string csv = file("embedded-newline.csv");
    CHECK(error_of(csv, ReadOptions{}, "embedded-newline.csv") ==
          "embedded-newline.csv:9:10: unparseable timestamp '2021-03-32 12:00' in column "
          "'timestamp'");
    const ReadResult r = read_csv(csv, skipping(), "embedded-newline.csv");
    REQUIRE(r.report.rejects.size() == 1);
    CHECK(r.report.rejects[0].line == 9);
    CHECK(r.report.warnings ==
          std::vector<std::string>{
              "timestamp format 'iso' parses 3 of 4 sampled values of column 'timestamp'"});
    const EventLog& log = r.log;
    REQUIRE(log.num_events() == 3);
    CHECK(log.activity_names()[log.activities()[1]] == "check; twice");
    const AttrColumn* note = log.event_attribute("note", AttrType::string);
    REQUIRE(note != nullptr);
    REQUIRE(note->values.size() == 3);
    CHECK(log.values()[static_cast<Id>(note->values[0])] == "first line\nsecond line");
    CHECK(log.values()[static_cast<Id>(note->values[1])] == "say \"hi\"");
    CHECK(log.values()[static_cast<Id>(note->values[2])] == "a\r\nb\n\nc");
    // A record spanning lines is reported whole, and a field that starts on a
    // later line is located on that line.
    const std::string two = "case,activity,timestamp,n\n"
                            "c,\"multi\nline\",2020-01-01,1\n"
                            "c,\"x\ny\",\"\nnot a time\",2\n";
    std::vector<RejectedRecord> sunk;
    (void)read_csv(two, skipping(&sunk));
    REQUIRE(sunk.size() == 1);
    CHECK(sunk[0] == RejectedRecord{5, 4,
                                    "unparseable timestamp '\nnot a time' in column 'timestamp'",
                                    "c,\"x\ny\",\"\nnot a time\",2"});
}

TEST_CASE("lenient quoting: text after a closing quote is kept", "[io][csv][malformed]") {
    const ReadResult r = read_csv("case,activity,timestamp\nc,\"a\"b,2020-01-01\n"
                                  "c,\"x\"\"y\"z\",2020-01-02\n",
                                  ReadOptions{});
    CHECK(r.log.activity_names()[r.log.activities()[0]] == "ab");
    CHECK(r.log.activity_names()[r.log.activities()[1]] == "x\"yz\"");
}

TEST_CASE("each delimiter is sniffed", "[io][csv][malformed]") {
    SECTION("comma") {
        const ReadResult r = read_csv("case,activity,timestamp\nc;1,a|b,2020-01-01\n", ReadOptions{});
        CHECK(r.log.case_name(0) == "c;1");
    }
    SECTION("semicolon, with commas inside quotes") {
        const ReadResult r = read_csv(
            "case;activity;timestamp;\"x,y,z\"\n\"c,1\";a;2020-01-01;\"1,2\"\n", ReadOptions{});
        REQUIRE(r.log.num_events() == 1);
        CHECK(r.log.case_name(0) == "c,1");
        CHECK(r.log.event_attribute("x,y,z", AttrType::string) != nullptr);
    }
    SECTION("tab") {
        const ReadResult r = read_csv(file("tab.tsv"), ReadOptions{});
        REQUIRE(r.log.num_events() == 2);
        CHECK(r.log.activity_names()[r.log.activities()[0]] == "a, b");
        CHECK(r.log.activity_names()[r.log.activities()[1]] == "b; c");
    }
    SECTION("pipe") {
        const ReadResult r = read_csv(file("pipe.csv"), ReadOptions{});
        REQUIRE(r.log.num_events() == 2);
        // "2|5" is text, so the column is text.
        const AttrColumn* a = r.log.event_attribute("amount", AttrType::string);
        REQUIRE(a != nullptr);
        CHECK(r.log.values()[static_cast<Id>(a->values[1])] == "2|5");
    }
    SECTION("a delimiter whose count varies loses to one whose count is constant") {
        // Two commas in the header but a varying number in the rows; one
        // semicolon everywhere.
        const ReadResult r = read_csv("case;activity,a,b;timestamp\nc;x,y;2020-01-01\n"
                                      "c;x,y,z,w;2020-01-02\n",
                                      [] {
                                          ReadOptions o;
                                          o.columns.activity = "activity,a,b";
                                          return o;
                                      }());
        CHECK(r.log.num_events() == 2);
    }
    SECTION("an explicit delimiter is not sniffed") {
        ReadOptions o;
        o.delimiter = ';';
        CHECK(error_of("case,activity,timestamp\nc,a,2020-01-01\n", o) ==
              "in.csv:1: no case id column (looked for: case:concept:name, case_id, Case ID, "
              "case, CaseID; use --case-column)");
        o.delimiter = '"';
        CHECK_THROWS_AS(read_csv("a", o), usage_error);
    }
}
