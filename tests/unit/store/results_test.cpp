// Result tables for BI: contents, CSV text, SQLite tables.

#include <catch2/catch.hpp>

#include <sstream>

#include <sqlite3.h>

#include <journey/core/error.hpp>
#include <journey/core/event_log_builder.hpp>
#include <journey/io/reader.hpp>
#include <journey/store/results.hpp>
#include <journey/store/store.hpp>

#include "../json_lite.hpp"
#include "../test_util.hpp"
#include "store_test_util.hpp"

using namespace journey;
using store::Cell;
using store::ResultTable;

namespace {

EventLog small_log() {
    EventLogBuilder b;
    const auto ev = [&](const char* c, const char* a, const char* dep, Timestamp t) {
        EventFields f;
        f.activity = b.activities().insert(a);
        f.department = b.departments().insert(dep);
        f.timestamp = t;
        b.add_event(c, f);
    };
    const Timestamp s = micros_per_second;
    ev("J1", "Call answered", "CS", 1000 * s);
    ev("J1", "Quote, \"home\" mover", "Sales", 1060 * s + 500'000);
    ev("J1", "Final bill", "Billing", 4660 * s);
    ev("J2", "Call answered", "CS", 2000 * s);
    ev("J2", "Final bill", "Billing", 2600 * s);
    ev("J3", "Call answered", "CS", no_timestamp);
    return b.finish();
}

const ResultTable& table(const std::vector<ResultTable>& ts, const std::string& name) {
    for (const ResultTable& t : ts) {
        if (t.name == name) {
            return t;
        }
    }
    throw std::runtime_error("no table " + name);
}

std::string csv(const ResultTable& t) {
    std::ostringstream out;
    store::write_csv(t, out);
    return out.str();
}

std::vector<std::string> column_names(const ResultTable& t) {
    std::vector<std::string> out;
    for (const auto& c : t.columns) {
        out.push_back(c.name);
    }
    return out;
}

} // namespace

TEST_CASE("standard results: tables, columns and rows", "[results]") {
    store::ResultOptions opt;
    opt.info = {{"sources", "crm"}};
    const auto tables = store::standard_results(small_log(), opt);
    std::vector<std::string> names;
    for (const ResultTable& t : tables) {
        names.push_back(t.name);
    }
    CHECK(names == std::vector<std::string>{"results_info", "activity", "dfg_edge", "variant",
                                            "variant_step", "journey"});
    CHECK(csv(table(tables, "results_info")) ==
          "key,value\nresults_layout,1.1\ncases,3\nevents,6\nspec_tables,not written (no spec)\n"
          "sources,crm\n");
    CHECK(csv(table(tables, "activity")) == "activity,events,start_cases,end_cases\n"
                                            "Call answered,3,3,1\n"
                                            "Final bill,2,0,2\n"
                                            "\"Quote, \"\"home\"\" mover\",1,0,0\n");
    CHECK(csv(table(tables, "dfg_edge")) ==
          "from_activity,to_activity,count,mean_s,median_s,p90_s,min_s,max_s\n"
          "Call answered,Final bill,1,600,600,600,600,600\n"
          "Call answered,\"Quote, \"\"home\"\" mover\",1,60.5,60.5,60.5,60.5,60.5\n"
          "\"Quote, \"\"home\"\" mover\",Final bill,1,3599.5,3599.5,3599.5,3599.5,3599.5\n");
    CHECK(csv(table(tables, "variant")) ==
          "variant_id,cases,share,events,trace\n"
          "1,1,0.333333,1,Call answered\n"
          "2,1,0.333333,2,Call answered > Final bill\n"
          "3,1,0.333333,3,\"Call answered > Quote, \"\"home\"\" mover > Final bill\"\n");
    CHECK(csv(table(tables, "variant_step")) == "variant_id,position,activity\n"
                                                "1,1,Call answered\n"
                                                "2,1,Call answered\n"
                                                "2,2,Final bill\n"
                                                "3,1,Call answered\n"
                                                "3,2,\"Quote, \"\"home\"\" mover\"\n"
                                                "3,3,Final bill\n");
    CHECK(csv(table(tables, "journey")) ==
          "case_id,variant_id,events,first_activity,last_activity,start_time_utc,end_time_utc,"
          "duration_s,departments\n"
          "J1,3,3,Call answered,Final bill,1970-01-01 00:16:40,1970-01-01 01:17:40,3660,3\n"
          "J2,2,2,Call answered,Final bill,1970-01-01 00:33:20,1970-01-01 00:43:20,600,2\n"
          "J3,1,1,Call answered,Call answered,,,,1\n");
}

TEST_CASE("results of a real log agree with the reference", "[results]") {
    const EventLog log = io::read_log(test::data_path("logs/running-example.xes")).log;
    const test::Json ref =
        test::parse_json(test::read_file(test::data_path("reference/running-example.json")));
    const auto tables = store::standard_results(log);
    CHECK(table(tables, "dfg_edge").rows.size() == ref["dfg"].size());
    CHECK(table(tables, "variant").rows.size() == static_cast<std::size_t>(ref["variants"]["distinct"].n));
    CHECK(table(tables, "activity").rows.size() == ref["summary"]["activities"].size());
    const ResultTable& journeys = table(tables, "journey");
    REQUIRE(journeys.rows.size() == 6);
    double longest = 0;
    for (const auto& row : journeys.rows) {
        longest = std::max(longest, std::get<double>(row[7]));
    }
    CHECK(longest == ref["case_duration_s"]["max"].n);
    // Stable column names (docs/store.md).
    CHECK(column_names(table(tables, "dfg_edge")) ==
          std::vector<std::string>{"from_activity", "to_activity", "count", "mean_s", "median_s",
                                   "p90_s", "min_s", "max_s"});
}

TEST_CASE("results go to SQLite tables and CSV files", "[results]") {
    test::TempDir dir;
    const auto tables = store::standard_results(small_log());
    // Into a store: the store's own tables stay.
    const std::string path = dir.file("app.sqlite");
    {
        store::Store s(path, store::OpenMode::create);
        store::SourceInfo info;
        info.name = "small";
        s.import_log(small_log(), info);
    }
    store::write_results_sqlite(tables, path);
    store::write_results_sqlite(tables, path); // replaces, does not append
    CHECK(store::Store(path).read_log() == small_log());
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    const auto query = [&](const char* sql) {
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
        std::string out;
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); ++c) {
                const auto* t = sqlite3_column_text(st, c);
                out += (c > 0 ? "|" : "") + std::string(t == nullptr ? "NULL" : reinterpret_cast<const char*>(t));
            }
            out += "\n";
        }
        sqlite3_finalize(st);
        return out;
    };
    CHECK(query("SELECT count(*) FROM dfg_edge") == "3\n");
    CHECK(query("SELECT case_id, variant_id, duration_s, typeof(duration_s) FROM journey") ==
          "J1|3|3660.0|real\nJ2|2|600.0|real\nJ3|1|NULL|null\n");
    CHECK(query("SELECT variant_id, typeof(share) FROM variant ORDER BY variant_id LIMIT 1") ==
          "1|real\n");
    sqlite3_close(db);

    store::write_results_csv(tables, dir.file("csv/out"));
    CHECK(test::read_file(dir.file("csv/out/variant_step.csv")) ==
          csv(table(tables, "variant_step")));
    CHECK(test::read_file(dir.file("csv/out/results_info.csv")) ==
          "key,value\nresults_layout,1.1\ncases,3\nevents,6\nspec_tables,not written (no spec)\n");

    {
        std::ofstream text(dir.file("not.sqlite"));
        text << "hello";
    }
    CHECK_THROWS_MATCHES(store::write_results_sqlite(tables, dir.file("not.sqlite")), io_error,
                         Catch::Message(dir.file("not.sqlite") + ": exists and is not an SQLite file"));
    CHECK_THROWS_AS(store::write_results_csv(tables, dir.file("not.sqlite")), io_error);
}
