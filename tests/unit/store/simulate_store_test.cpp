// journey simulate --format sqlite / ocel: the simulated events as a journey store
// (one source "simulate") and as OCEL 2.0 SQLite (docs/cli/journey-simulate.md).

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <journey/store/ocel.hpp>
#include <journey/store/store.hpp>

#include "../cli_run.hpp"
#include "../test_util.hpp"
#include "store_test_util.hpp"

namespace fs = std::filesystem;
using namespace journey;
using journey::test::run;
using journey::test::Run;

namespace {

const std::string spec =
    std::string(JOURNEY_SOURCE_DIR) + "/examples/move-house/move-house.journey";

/// `journey simulate` of the as_is scenario into `dir` (seed 11, 400 journeys).
Run simulate(const fs::path& dir, const std::string& format, const std::string& threads = "2") {
    return run({"simulate", "--spec", spec, "--scenario", "as_is", "--journeys", "400", "--seed",
                "11", "--out", dir.string(), "--format", format, "--threads", threads});
}

std::uint64_t csv_rows(const std::string& text) {
    std::uint64_t n = 0;
    for (char c : text) {
        n += c == '\n' ? 1 : 0;
    }
    return n - 1; // header
}

/// Distinct (object_type, object_id) attribute pairs of a log's events.
std::set<std::pair<std::string, std::string>> object_pairs(const EventLog& log) {
    const AttrColumn* types = log.event_attribute("object_type", AttrType::string);
    const AttrColumn* ids = log.event_attribute("object_id", AttrType::string);
    REQUIRE(types != nullptr);
    REQUIRE(ids != nullptr);
    std::set<std::pair<std::string, std::string>> out;
    for (std::uint32_t e = 0; e < log.num_events(); ++e) {
        const std::int64_t* t = types->find(e);
        const std::int64_t* i = ids->find(e);
        REQUIRE(t != nullptr);
        REQUIRE(i != nullptr);
        out.emplace(std::string(log.values()[static_cast<Id>(*t)]),
                    std::string(log.values()[static_cast<Id>(*i)]));
    }
    return out;
}

} // namespace

TEST_CASE("simulate --format sqlite writes a store equal to the CSV run", "[store][sim][cli]") {
    test::TempDir tmp;
    const fs::path csv_dir = tmp.path() / "csv";
    const fs::path db_dir = tmp.path() / "db";
    const Run c = simulate(csv_dir, "csv");
    REQUIRE(c.code == 0);
    REQUIRE(c.err.empty());
    const Run d = simulate(db_dir, "sqlite");
    INFO(d.err);
    REQUIRE(d.code == 0);
    CHECK(d.err.empty());
    const fs::path db = db_dir / "events.sqlite";
    CHECK(d.out.find("wrote " + db.string() +
                     " (source 'simulate', journey type 'move-house'), journeys.csv,") !=
          std::string::npos);
    // The first two summary lines are the same; only the events file differs.
    CHECK(d.out.substr(0, d.out.find("wrote")) == c.out.substr(0, c.out.find("wrote")));

    // Next to the store: the same ground truth and catalogues; no events.csv, no
    // temporary file left.
    CHECK(test::read_file(db_dir / "journeys.csv") == test::read_file(csv_dir / "journeys.csv"));
    CHECK(test::read_file(db_dir / "touchpoints.csv") == test::read_file(csv_dir / "touchpoints.csv"));
    CHECK(test::read_file(db_dir / "departments.csv") == test::read_file(csv_dir / "departments.csv"));
    CHECK_FALSE(fs::exists(db_dir / "events.csv"));
    CHECK_FALSE(fs::exists(db_dir / "events.csv.tmp"));
    const std::string config = test::read_file(db_dir / "config.json");
    CHECK(config.find("\"format\": \"sqlite\"") != std::string::npos);
    CHECK(config.find("\"generator_version\": \"journey-sim 3\"") != std::string::npos);

    // One source, recorded as `journey import` records events.csv.
    const std::string events_csv = test::read_file(csv_dir / "events.csv");
    const std::uint64_t rows = csv_rows(events_csv);
    {
        const store::Store s(db.string());
        const std::vector<store::SourceRecord> sources = s.sources();
        REQUIRE(sources.size() == 1);
        const store::SourceRecord& r = sources.front();
        CHECK(r.name == "simulate");
        CHECK(r.kind == "log");
        CHECK(r.journey_type == "move-house");
        CHECK(r.file_name == "events.csv");
        CHECK(r.format == "csv");
        CHECK(r.content_hash == store::sha256_file((csv_dir / "events.csv").string()));
        CHECK(r.events == rows);
        CHECK(r.records == rows);
        CHECK(r.cases == 400);
        CHECK(r.rejected == 0);
    }

    // Every command reads it as it reads the CSV.
    const Run dfg_csv = run({"dfg", (csv_dir / "events.csv").string(), "--json"});
    const Run dfg_db = run({"dfg", db.string(), "--json"});
    REQUIRE(dfg_csv.code == 0);
    REQUIRE(dfg_db.code == 0);
    CHECK(dfg_db.err.empty());
    CHECK(dfg_db.out == dfg_csv.out);
    const Run filtered = run({"dfg", db.string(), "--json", "--journey-type", "move-house"});
    CHECK(filtered.out == dfg_csv.out);
    CHECK(run({"variants", db.string(), "--json"}).out ==
          run({"variants", (csv_dir / "events.csv").string(), "--json"}).out);
    const Run info = run({"info", db.string()});
    CHECK(info.out.find("events      " + std::to_string(rows)) != std::string::npos);

    // Same seed, same content: the store records its import time, so compare the
    // rows it holds, not the file's bytes. A second run in the same directory
    // replaces the store.
    const store::Store first(db.string());
    const EventLog log1 = first.read_log();
    store::SourceRecord rec1 = first.sources().front();
    const fs::path again = tmp.path() / "again";
    REQUIRE(simulate(again, "sqlite").code == 0);
    REQUIRE(simulate(again, "sqlite").code == 0);
    const store::Store second((again / "events.sqlite").string());
    REQUIRE(second.sources().size() == 1);
    store::SourceRecord rec2 = second.sources().front();
    rec1.imported_at.clear();
    rec2.imported_at.clear();
    CHECK(rec1 == rec2);
    CHECK(second.read_log() == log1);
    CHECK(log1.num_events() == rows);

    // It holds what `journey import` stores for the CSV run's events.csv.
    const fs::path imported = tmp.path() / "imported.sqlite";
    const Run imp =
        run({"import", imported.string(), (csv_dir / "events.csv").string(), "--source-name",
             "simulate", "--journey-type", "move-house", "--on-bad-row", "skip"});
    REQUIRE(imp.code == 0);
    const store::Store by_import(imported.string());
    store::SourceRecord rec3 = by_import.sources().front();
    rec3.imported_at.clear();
    CHECK(rec3 == rec1);
    CHECK(by_import.read_log() == log1);
}

TEST_CASE("simulate --format ocel writes OCEL 2.0 with the simulated objects",
          "[store][sim][cli]") {
    test::TempDir tmp;
    const fs::path db_dir = tmp.path() / "db";
    const fs::path ocel_dir = tmp.path() / "ocel";
    REQUIRE(simulate(db_dir, "sqlite").code == 0);
    const Run o = simulate(ocel_dir, "ocel");
    INFO(o.err);
    REQUIRE(o.code == 0);
    CHECK(o.err.empty());
    const fs::path file = ocel_dir / "events.ocel.sqlite";
    REQUIRE(fs::exists(file));
    CHECK_FALSE(fs::exists(ocel_dir / "events.csv.tmp"));
    CHECK(test::read_file(ocel_dir / "config.json").find("\"format\": \"ocel\"") != std::string::npos);
    CHECK(store::sniff_sqlite(file.string()) == store::SqliteKind::ocel);

    const store::Store s((db_dir / "events.sqlite").string());
    const EventLog log = s.read_log();
    const auto pairs = object_pairs(log);
    CHECK(pairs.size() > 2 * log.num_cases()); // move case, contacts, reads, bills, ...

    const store::OcelLog ocel = store::read_ocel_sqlite(file.string());
    // One OCEL event per simulated event, each linked to its one object.
    CHECK(ocel.events.num_events() == log.num_events());
    CHECK(ocel.events.num_cases() == log.num_events());
    CHECK(ocel.events.object_links().size() == log.num_events());
    CHECK(ocel.objects.size() == pairs.size());
    std::set<std::pair<std::string, std::string>> objects;
    for (const store::OcelObject& obj : ocel.objects) {
        objects.emplace(obj.type, obj.id);
    }
    CHECK(objects == pairs);
    CHECK(o.out.find("(" + std::to_string(pairs.size()) + " objects)") != std::string::npos);
    // The OCEL log reads like the store, event for event.
    CHECK(run({"dfg", file.string(), "--json"})
              .out.find("\"events\":" + std::to_string(log.num_events())) != std::string::npos);
    // No time of export: the same seed gives the same file, whatever the threads.
    const fs::path again = tmp.path() / "again";
    REQUIRE(simulate(again, "ocel", "1").code == 0);
    CHECK(test::read_file(again / "events.ocel.sqlite") == test::read_file(file));
}

TEST_CASE("simulate --format sqlite keeps rows without a case id as rejected records",
          "[store][sim][cli]") {
    // The noisy scenario writes account-only rows (no case id), as `journey import
    // --on-bad-row skip` keeps them.
    test::TempDir tmp;
    const fs::path dir = tmp.path() / "noisy";
    std::vector<std::string> args{"simulate",   "--spec",   spec,     "--scenario", "noisy",
                                  "--journeys", "300",      "--seed", "4",          "--out",
                                  dir.string(), "--format", "sqlite"};
    const Run r = run(args);
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    // journeys.csv counts the account-only rows of each journey.
    const std::string truth = test::read_file(dir / "journeys.csv");
    std::istringstream in(truth);
    std::string line;
    std::getline(in, line);
    std::size_t col = 0;
    {
        std::istringstream h(line);
        std::string name;
        for (std::size_t i = 0; std::getline(h, name, ','); ++i) {
            if (name == "noise_account_only") {
                col = i;
            }
        }
    }
    REQUIRE(col > 0);
    std::uint64_t account_only = 0;
    while (std::getline(in, line)) {
        std::istringstream f(line);
        std::string v;
        for (std::size_t i = 0; i <= col; ++i) {
            std::getline(f, v, ',');
        }
        account_only += std::stoull(v);
    }
    REQUIRE(account_only > 0);
    const store::Store s((dir / "events.sqlite").string());
    const store::SourceRecord rec = s.sources().front();
    CHECK(rec.rejected == account_only);
    CHECK(s.rejected_records("simulate").size() == account_only);
    CHECK(r.out.find(std::to_string(account_only) +
                     " rows without a case id kept as rejected records") != std::string::npos);
}

TEST_CASE("simulate --format rejects unknown formats", "[store][sim][cli]") {
    test::TempDir tmp;
    const Run r = simulate(tmp.path() / "x", "json");
    CHECK(r.code == 2);
    CHECK(r.err == "journey: --format: 'json' is not csv, xes, sqlite or ocel\n");
    CHECK_FALSE(fs::exists(tmp.path() / "x"));
}
