// The journey CLI run in-process: help, exit codes, errors, JSON contracts.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "../json_lite.hpp"
#include "../test_util.hpp"

#include "../cli_run.hpp"

using journey::test::data_path;
using journey::test::run;
using journey::test::Run;

TEST_CASE("help works for the tool and every subcommand", "[cli]") {
    const Run top = run({"--help"});
    CHECK(top.code == 0);
    CHECK(top.err.empty());
    for (const char* sub : {"info", "dfg", "variants", "map", "poster", "compare", "convert"}) {
        INFO(sub);
        CHECK_THAT(top.out, Catch::Contains(sub));
        const Run r = run({sub, "--help"});
        CHECK(r.code == 0);
        CHECK(r.err.empty());
        CHECK_THAT(r.out, Catch::Contains("--on-bad-row"));
        CHECK_THAT(r.out, Catch::Contains("--format"));
        CHECK_THAT(r.out, Catch::Contains("--reject-file"));
    }
}

TEST_CASE("version flag lists the features", "[cli]") {
    const Run r = run({"--version"});
    CHECK(r.code == 0);
    CHECK_THAT(r.out, Catch::StartsWith("journey 0.1.0\nfeatures: csv xes"));
}

TEST_CASE("usage errors exit 2 with a one-line message", "[cli]") {
    const Run none = run({});
    CHECK(none.code == 2);
    CHECK_THAT(none.err, Catch::StartsWith("journey: A subcommand is required"));

    const Run unknown = run({"frobnicate"});
    CHECK(unknown.code == 2);

    const Run missing = run({"dfg"});
    CHECK(missing.code == 2);
    CHECK_THAT(missing.err, Catch::Contains("LOG is required"));

    const Run policy = run({"info", data_path("logs/running-example.xes"), "--on-bad-row", "ignore"});
    CHECK(policy.code == 2);
    CHECK_THAT(policy.err, Catch::Contains("--on-bad-row"));

    const Run delim = run({"info", data_path("logs/sepsis-semicolon.csv"), "--delimiter", "x"});
    CHECK(delim.code == 2);
    CHECK(delim.err == "journey: --delimiter must be ',', ';', 'tab' or '|', not 'x'\n");
}

TEST_CASE("a missing file is a data error (exit 1) naming the file", "[cli]") {
    const Run r = run({"info", "no-such-file.csv"});
    CHECK(r.code == 1);
    CHECK(r.err == "journey: no-such-file.csv: No such file or directory\n");
    CHECK(r.out.empty());
}

TEST_CASE("dfg --json follows the documented contract", "[cli][contract]") {
    const Run r = run({"dfg", data_path("logs/running-example.xes"), "--json"});
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    const auto j = journey::test::parse_json(r.out);
    CHECK(j["cases"].n == 6);
    CHECK(j["events"].n == 42);
    REQUIRE(j["edges"].size() == 16);
    const auto& e0 = j["edges"][0];
    CHECK(e0["from"].s == "check ticket");
    CHECK(e0["to"].s == "decide");
    CHECK(e0["count"].n == 6);
    CHECK(e0["mean_s"].n == 181960);
    CHECK(e0["median_s"].n == 129300);
    CHECK(j["start"]["register request"].n == 6);
    CHECK(j["end"]["pay compensation"].n == 3);
    CHECK(j["end"]["reject request"].n == 3);
    // sorted by (from, to)
    for (std::size_t i = 1; i < j["edges"].size(); ++i) {
        const auto& a = j["edges"][i - 1];
        const auto& b = j["edges"][i];
        CHECK((a["from"].s < b["from"].s || (a["from"].s == b["from"].s && a["to"].s < b["to"].s)));
    }
}

TEST_CASE("variants --json follows the documented contract", "[cli][contract]") {
    const Run r = run({"variants", data_path("logs/roadtraffic-100-traces.xes"), "--json"});
    REQUIRE(r.code == 0);
    const auto j = journey::test::parse_json(r.out);
    CHECK(j["distinct"].n == 10);
    REQUIRE(j["variants"].size() == 10);
    CHECK(j["variants"][0]["count"].n == 36);
    CHECK(j["variants"][0]["trace"][0].s == "Create Fine");
    for (std::size_t i = 1; i < j["variants"].size(); ++i) {
        CHECK(j["variants"][i - 1]["count"].n >= j["variants"][i]["count"].n);
    }
    const Run top = run({"variants", data_path("logs/roadtraffic-100-traces.xes"), "--json", "--top", "3"});
    CHECK(journey::test::parse_json(top.out)["variants"].size() == 3);
    CHECK(journey::test::parse_json(top.out)["distinct"].n == 10);
}

TEST_CASE("info --json follows the documented contract", "[cli][contract]") {
    const Run r = run({"info", data_path("logs/running-example.xes"), "--json"});
    REQUIRE(r.code == 0);
    const auto j = journey::test::parse_json(r.out);
    CHECK(j["cases"].n == 6);
    CHECK(j["events"].n == 42);
    CHECK(j["activities"]["decide"].n == 9);
    CHECK(j["start"].s == "2010-12-30T10:02:00+00:00");
    CHECK(j["end"].s == "2011-01-24T13:56:00+00:00");
    CHECK(j["attributes"].type == journey::test::Json::Type::array);
}

TEST_CASE("convert round-trips XES -> CSV -> XES", "[cli]") {
    const std::string csv = "cli_test_convert.csv";
    const std::string xes = "cli_test_convert.xes";
    REQUIRE(run({"convert", data_path("logs/running-example.xes"), csv}).code == 0);
    REQUIRE(run({"convert", csv, xes}).code == 0);
    const Run a = run({"dfg", data_path("logs/running-example.xes"), "--json"});
    const Run b = run({"dfg", xes, "--json"});
    CHECK(a.out == b.out);
    const Run bad = run({"convert", data_path("logs/running-example.xes"), "out.parquet"});
    CHECK(bad.code == 2);
    CHECK_THAT(bad.err, Catch::Contains("use a .csv or .xes extension"));
    std::remove(csv.c_str());
    std::remove(xes.c_str());
}

TEST_CASE("bad rows: fail names line and column, skip keeps them in the reject file", "[cli]") {
    const std::string path = "cli_test_bad.csv";
    {
        std::ofstream f(path);
        f << "case_id,activity,timestamp\n"
             "1,a,2024-01-01 10:00:00\n"
             "1,b,not a time\n"
             "2,a,2024-01-02 10:00:00\n";
    }
    const Run fail = run({"info", path});
    CHECK(fail.code == 1);
    CHECK_THAT(fail.err, Catch::StartsWith(path + ":3:5: error: "));
    CHECK(std::count(fail.err.begin(), fail.err.end(), '\n') == 1);

    const Run skip = run({"info", path, "--on-bad-row", "skip", "--reject-file", "cli_test_rejects.csv"});
    CHECK(skip.code == 0);
    CHECK(skip.err == "journey: " + path +
                          ": warning: timestamp format 'iso' parses 2 of 3 sampled values of "
                          "column 'timestamp'\n"
                          "journey: " + path +
                          ": 1 of 3 records rejected (first: line 3: unparseable timestamp 'not "
                          "a time' in column 'timestamp'); written to cli_test_rejects.csv\n");
    CHECK_THAT(skip.out, Catch::Contains("events      2"));
    const std::string rejects = journey::test::read_file("cli_test_rejects.csv");
    CHECK_THAT(rejects, Catch::StartsWith("line,column,reason,record\n3,5,"));
    CHECK_THAT(rejects, Catch::EndsWith(",\"1,b,not a time\"\n"));
    std::remove(path.c_str());
    std::remove("cli_test_rejects.csv");
}
