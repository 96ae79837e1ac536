// The store through the command line: journey import / export / stitch, and every
// LOG command reading a store (the contract in docs/cli/journey-import.md).

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <journey/io/reader.hpp>
#include <journey/sim/scenario.hpp>
#include <journey/sim/simulate.hpp>
#include <journey/store/results.hpp>
#include <journey/store/store.hpp>

#include "../cli_run.hpp"
#include "../test_util.hpp"
#include "cmd_spec.hpp"
#include "store_test_util.hpp"

using journey::test::data_path;
using journey::test::run;
using journey::test::Run;

namespace {

void write(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

} // namespace

TEST_CASE("import then dfg on the store prints what dfg on the file prints", "[store][cli]") {
    journey::test::TempDir dir;
    const std::string db = dir.file("app.sqlite");
    for (const char* f : {"logs/running-example.xes", "logs/sepsis-semicolon.csv"}) {
        INFO(f);
        const std::string one = dir.file(std::string("one-") + (f + 5) + ".sqlite");
        const Run imp = run({"import", one, data_path(f)});
        CHECK(imp.code == 0);
        CHECK(imp.err.empty());
        const Run from_store = run({"dfg", one, "--json"});
        const Run from_file = run({"dfg", data_path(f), "--json"});
        CHECK(from_store.code == 0);
        CHECK(from_store.err.empty());
        CHECK(from_store.out == from_file.out);
        const Run v_store = run({"variants", one, "--json"});
        CHECK(v_store.out == run({"variants", data_path(f), "--json"}).out);
    }
    const Run first = run({"import", db, data_path("logs/running-example.xes")});
    CHECK(first.out == "imported " + data_path("logs/running-example.xes") +
                           " as source 'running-example': 42 events, 6 cases\n");
}

TEST_CASE("importing the same file twice exits 1 unless --force", "[store][cli]") {
    journey::test::TempDir dir;
    const std::string db = dir.file("app.sqlite");
    const std::string log = data_path("logs/running-example.xes");
    REQUIRE(run({"import", db, log}).code == 0);
    const Run again = run({"import", db, log});
    CHECK(again.code == 1);
    CHECK(again.out.empty());
    CHECK(again.err == "journey: " + log +
                           ": already imported as source 'running-example'; use --force to "
                           "import it again\n");
    const Run forced = run({"import", db, log, "--force"});
    CHECK(forced.code == 0);
    CHECK(forced.out == "imported " + log + " as source 'running-example-2': 42 events, 6 cases\n");
    // Two sources with the same case ids are one log of the same 6 cases, doubled.
    const Run info = run({"dfg", db, "--json", "--source", "running-example-2"});
    CHECK(info.out == run({"dfg", log, "--json"}).out);
    CHECK(run({"import", db, log, "--source-name", "x", log}).code == 2);
    const Run taken = run({"import", db, data_path("logs/receipt.xes.gz"), "--source-name", "running-example"});
    CHECK(taken.code == 2);
    CHECK(taken.err == "journey: a source named 'running-example' already exists in " + db + "\n");
}

TEST_CASE("a bad file leaves the store as it was; skipped rows are kept", "[store][cli]") {
    journey::test::TempDir dir;
    const std::string db = dir.file("app.sqlite");
    const std::string good = dir.file("crm.csv");
    const std::string bad = dir.file("billing.csv");
    write(good, "case,activity,timestamp\nC1,Call answered,2024-01-01T10:00:00\n");
    write(bad, "case,activity,timestamp\nA1,Bill issued,2024-01-02T10:00:00\nA1,Bill paid,soon\n");
    REQUIRE(run({"import", db, data_path("logs/running-example.xes")}).code == 0);
    const Run r = run({"import", db, good, bad});
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::StartsWith(bad + ":3:"));
    CHECK(journey::store::Store(db).sources().size() == 1); // crm.csv was rolled back too

    const Run skip = run({"import", db, good, bad, "--on-bad-row", "skip", "--journey-type", "move"});
    CHECK(skip.code == 0);
    CHECK(skip.out == "imported " + good + " as source 'crm': 1 events, 1 cases\n"
                      "imported " + bad + " as source 'billing': 1 events, 1 cases, 1 rejected rows kept\n");
    const Run rej = run({"export", db, "--rejected-rows", dir.file("rejected.csv")});
    CHECK(rej.code == 0);
    CHECK(rej.out == "wrote 1 rejected rows to " + dir.file("rejected.csv") + "\n");
    CHECK_THAT(journey::test::read_file(dir.file("rejected.csv")),
               Catch::StartsWith("source,line,column,reason,record\nbilling,3,"));
    const Run typed = run({"info", db, "--journey-type", "move", "--json"});
    CHECK(typed.code == 0);
    CHECK_THAT(typed.out, Catch::Contains("\"events\":2"));
    const Run list = run({"import", db, "--list"});
    CHECK(list.code == 0);
    CHECK_THAT(list.out, Catch::Contains("billing"));
    CHECK_THAT(list.out, Catch::Contains("crm.csv"));
}

TEST_CASE("stitch joins the store's sources and saves the journeys", "[store][cli]") {
    journey::test::TempDir dir;
    const std::string db = dir.file("app.sqlite");
    write(dir.file("crm.csv"), "case,activity,timestamp,account\n"
                               "CU1,Call answered,2024-01-01T10:00:00,A1\n"
                               "CU2,Call answered,2024-01-01T11:00:00,B1\n");
    write(dir.file("billing.csv"), "case,activity,timestamp\n"
                                   "A1,Final bill issued,2024-01-05T10:00:00\n"
                                   "A2,First bill issued,2024-01-09T10:00:00\n"
                                   "Z9,Reminder sent,2024-01-09T10:00:00\n");
    write(dir.file("links.csv"), "from_entity,from_value,to_entity,to_value\naccount,A1,account,A2\n");
    REQUIRE(run({"import", db, dir.file("crm.csv"), dir.file("billing.csv")}).code == 0);
    const Run s = run({"stitch", db, "--key", "customer=case@crm", "--key", "account=attr:account@crm",
                       "--key", "account=case@billing", "--unique", "customer", "--links",
                       dir.file("links.csv"), "--output-type", "move-house", "--report",
                       dir.file("report.csv")});
    CHECK(s.code == 0);
    CHECK(s.err.empty());
    CHECK(s.out == "stitched 2 sources (5 events) into 3 journeys, saved as source 'stitched' "
                   "(journey type 'move-house')\n"
                   "  crm: 2 events, 2 stitched, 0 unlinked, 0 outside\n"
                   "  billing: 3 events, 3 stitched, 0 unlinked, 0 outside\n"
                   "groups of linked keys: 3 (6 keys)\n"
                   "merged:    1 journeys hold events of several sources\n"
                   "split:     0 groups make several journeys\n"
                   "unlinked:  0 events carry no key\n"
                   "outside:   0 events are outside every journey window\n"
                   "conflicts: 0 groups hold several values of a unique entity\n"
                   "report: " + dir.file("report.csv") + "\n");
    CHECK(journey::test::read_file(dir.file("report.csv")) ==
          "kind,group,journey,source,case_id,position,activity,timestamp,detail\n"
          "merge,,customer:CU1,billing,,,,,2\n"
          "merge,,customer:CU1,crm,,,,,1\n");
    const Run v = run({"variants", db, "--journey-type", "move-house", "--json"});
    CHECK(v.code == 0);
    CHECK_THAT(v.out, Catch::Contains("\"cases\":3"));
    // A second stitch does not read the first one's result.
    const Run again = run({"stitch", db, "--key", "account=case@billing", "--dry-run"});
    CHECK(again.code == 0);
    CHECK_THAT(again.out, Catch::StartsWith("stitched 2 sources (5 events) into 3 journeys (dry run: nothing saved)\n"));
    CHECK_THAT(again.out, Catch::Contains("unlinked:  2 events carry no key\n"));
    const Run bad = run({"stitch", db, "--key", "customer"});
    CHECK(bad.code == 2);
    CHECK(bad.err == "journey: --key 'customer' is not ENTITY=FIELD[@SOURCE]\n");
}

TEST_CASE("export writes BI tables, OCEL and logs; OCEL imports with its counts", "[store][cli]") {
    journey::test::TempDir dir;
    const std::string db = dir.file("app.sqlite");
    const Run imp = run({"import", db, data_path("ocel/ocel20_example.sqlite"), "--source-name", "p2p"});
    CHECK(imp.code == 0);
    CHECK(imp.out == "imported " + data_path("ocel/ocel20_example.sqlite") +
                         " as source 'p2p': 13 events, 13 cases\n");
    const Run e = run({"export", db, "--results", dir.file("bi"), "--ocel", dir.file("p2p.sqlite")});
    CHECK(e.code == 0);
    CHECK(e.out == "wrote 6 result tables (csv) to " + dir.file("bi") + "\n"
                   "wrote 13 events and 9 objects (OCEL 2.0) to " + dir.file("p2p.sqlite") + "\n");
    CHECK_THAT(journey::test::read_file(dir.file("bi/results_info.csv")),
               Catch::Contains("sources,p2p\n"));
    const Run sq = run({"export", db, "--results", dir.file("bi.sqlite")});
    CHECK(sq.out == "wrote 6 result tables (sqlite) to " + dir.file("bi.sqlite") + "\n");
    CHECK(run({"dfg", dir.file("p2p.sqlite"), "--json"}).out == run({"dfg", db, "--json"}).out);
    const Run none = run({"export", db});
    CHECK(none.code == 2);
    CHECK(none.err == "journey: export: nothing to do; give --results, --ocel, --log or --rejected-rows\n");
}

TEST_CASE("help of the store commands", "[store][cli]") {
    for (const char* sub : {"import", "export", "stitch"}) {
        INFO(sub);
        const Run r = run({sub, "--help"});
        CHECK(r.code == 0);
        CHECK(r.err.empty());
    }
    CHECK_THAT(run({"dfg", "--help"}).out, Catch::Contains("--journey-type"));
    CHECK_THAT(run({"import", "--help"}).out, Catch::Contains("--source-name"));
}

TEST_CASE("export --spec writes the handoff, scorecard, outcome and watermelon tables",
          "[store][cli][results]") {
    journey::test::TempDir dir;
    const std::string log = dir.file("events.csv");
    {
        journey::sim::SimulateOptions o;
        o.journeys = 400;
        o.seed = 11;
        o.threads = 1;
        std::ofstream events(log, std::ios::binary);
        std::ostringstream truth;
        journey::sim::simulate(journey::sim::Scenario{}, o, events, truth);
    }
    const std::string spec = std::string(JOURNEY_SOURCE_DIR) + "/examples/move-house/move-house.journey";
    const Run e = run({"export", log, "--results", dir.file("bi"), "--spec", spec});
    CHECK(e.code == 0);
    CHECK(e.err.empty());
    CHECK(e.out == "wrote 16 result tables (csv) to " + dir.file("bi") + "\n");
    const std::string info = journey::test::read_file(dir.file("bi/results_info.csv"));
    CHECK_THAT(info, Catch::StartsWith("key,value\nresults_layout,1.1\n"));
    CHECK_THAT(info, Catch::EndsWith("spec_tables,written\nlog,events.csv\nspec,move-house.journey\n"));

    // Each file is the library's table, byte for byte.
    std::ostringstream sink;
    journey::cli::Context ctx{sink, sink};
    journey::store::ResultOptions opt;
    opt.spec = journey::cli::load_spec(spec, ctx);
    REQUIRE(opt.spec);
    const auto tables = journey::store::journey_results(journey::io::read_log(log).log, *opt.spec, opt);
    REQUIRE(tables.size() == 10);
    for (const journey::store::ResultTable& t : tables) {
        INFO(t.name);
        std::ostringstream expected;
        journey::store::write_csv(t, expected);
        CHECK(journey::test::read_file(dir.file("bi/" + t.name + ".csv")) == expected.str());
    }
    CHECK_THAT(journey::test::read_file(dir.file("bi/handover.csv")),
               Catch::StartsWith("from_department,to_department,count,value,cases,case_rate,"
                                 "median_wait_s,p90_wait_s,"));
    CHECK_THAT(journey::test::read_file(dir.file("bi/journey_outcome.csv")),
               Catch::StartsWith("case_id,state,ended,start_time_utc,end_time_utc,duration_s,score\n"));

    const Run sq = run({"export", log, "--results", dir.file("bi.sqlite"), "--spec", spec});
    CHECK(sq.code == 0);
    CHECK(sq.out == "wrote 16 result tables (sqlite) to " + dir.file("bi.sqlite") + "\n");

    // Without --spec the spec tables are not written, and results_info says so.
    const Run plain = run({"export", log, "--results", dir.file("plain")});
    CHECK(plain.code == 0);
    CHECK(plain.out == "wrote 6 result tables (csv) to " + dir.file("plain") + "\n");
    CHECK_THAT(journey::test::read_file(dir.file("plain/results_info.csv")),
               Catch::Contains("spec_tables,not written (no spec)\n"));
    CHECK_FALSE(std::filesystem::exists(dir.file("plain/handover.csv")));

    const Run alone = run({"export", log, "--log", dir.file("copy.csv"), "--spec", spec});
    CHECK(alone.code == 2);
    CHECK(alone.err == "journey: export: --spec is only used with --results\n");
    write(dir.file("bad.journey"), "journey \"x\" {\n  touchpoint T1 owner NOPE\n");
    const Run bad = run({"export", log, "--results", dir.file("bad"), "--spec", dir.file("bad.journey")});
    CHECK(bad.code == 1);
    CHECK_FALSE(bad.err.empty());
    CHECK_FALSE(std::filesystem::exists(dir.file("bad")));
}
