// Store::begin_source / SourceAppender: one source imported in chunks holds the
// rows import_log() writes for the whole log (docs/store.md, "Sources").

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <sqlite3.h>

#include <journey/core/error.hpp>
#include <journey/core/event_log_builder.hpp>
#include <journey/store/store.hpp>

#include "cli.hpp"
#include "store_test_util.hpp"

using namespace journey;
using journey::store::OpenMode;
using journey::store::Store;

namespace {

/// Cases C<first> .. C<last - 1>, the same content whichever range builds them:
/// 1-4 events each with resources, departments, channels, lifecycles, event
/// attributes of several types (string values shared between cases), a case
/// attribute, object links (objects shared between cases) and log metadata.
EventLog make_log(int first, int last) {
    EventLogBuilder b;
    const auto amount = b.event_attribute("amount", AttrType::real);
    const auto step = b.event_attribute("step", AttrType::integer);
    const auto note = b.event_attribute("note", AttrType::string);
    const auto ref = b.event_attribute("ref", AttrType::id);
    const auto segment = b.case_attribute("segment", AttrType::string);
    const char* const activities[] = {"Call answered", "Quote issued", "Meter read",
                                      "Final bill issued"};
    const char* const departments[] = {"Customer Service", "Sales", "Metering", "Billing"};
    const Timestamp t0 = 1'700'000'000LL * micros_per_second;
    for (int c = first; c < last; ++c) {
        const std::string name = "C" + std::to_string(c);
        const std::uint32_t ci = b.begin_case(name);
        const int n = 1 + c % 4;
        for (int e = 0; e < n; ++e) {
            EventFields f;
            f.activity = b.activities().insert(activities[(c + e) % 4]);
            f.resource = b.resources().insert("agent-" + std::to_string((c * 7 + e) % 5));
            f.department = b.departments().insert(departments[e % 4]);
            f.channel = b.channels().insert(e % 2 == 0 ? "phone" : "");
            f.lifecycle = b.lifecycles().insert("complete");
            f.timestamp = e == 3 ? no_timestamp : t0 + c * 3'600'000'000LL + e * 60'000'000LL;
            b.add_event(f);
            if (e % 2 == 0) {
                b.set_real(amount, 10.25 * c + e);
            }
            b.set(step, e);
            if (c % 3 != 0) {
                b.set_string(note, "note " + std::to_string((c + e) % 6));
            }
            if (e == 1) {
                b.set_string(ref, "R-" + std::to_string(c));
            }
            b.add_object("account", "A-" + std::to_string(c / 3), e == 0 ? "billed to" : "");
            if (e == 2) {
                b.add_object("premise", "P-" + std::to_string(c));
            }
        }
        if (c % 2 == 1) {
            b.set_case(segment, ci, b.values().insert(c % 4 == 1 ? "mover" : "stayer"));
        }
    }
    b.meta().attributes.push_back({"concept:name", AttrType::string, "chunks"});
    b.meta().classifiers.push_back({"Activity", "concept:name"});
    return b.finish();
}

constexpr int total_cases = 21;

std::vector<RejectedRecord> make_rejects() {
    std::vector<RejectedRecord> r;
    for (std::uint64_t i = 0; i < 5; ++i) {
        r.push_back({10 * i + 3, 1, "empty case id", ",Call answered,2023-11-14T22:13:20Z"});
    }
    return r;
}

ImportReport make_report() {
    ImportReport rep;
    rep.format = "csv";
    rep.records = 70;
    rep.rejected = 5;
    rep.timestamp_format = "iso";
    rep.mapping = {{"case", "case_id"}, {"activity", "activity"}, {"timestamp", "timestamp"}};
    rep.warnings = {"column 9 has no name; read as 'column_9'"};
    rep.rejects = {make_rejects().front()}; // the first N only: the appended ones win
    return rep;
}

store::SourceInfo info(std::string name, std::string hash = "sha256:abc") {
    store::SourceInfo i;
    i.name = std::move(name);
    i.journey_type = "move-house";
    i.file_name = "events.csv";
    i.content_hash = std::move(hash);
    i.imported_at = 1'700'000'000LL * micros_per_second;
    return i;
}

/// A store with one earlier source (so that ids, names and objects do not start
/// from nothing).
void add_earlier_source(Store& s) {
    s.import_log(make_log(100, 104), info("earlier", "sha256:earlier"));
}

/// The rows of a query, columns joined by '|' (NULL as "<null>").
std::vector<std::string> query(const std::string& file, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    INFO(sql);
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::vector<std::string> rows;
    while (sqlite3_step(st) == SQLITE_ROW) {
        std::string row;
        for (int c = 0; c < sqlite3_column_count(st); ++c) {
            const unsigned char* t = sqlite3_column_text(st, c);
            row +=
                (c > 0 ? "|" : "") + (t == nullptr ? std::string("<null>")
                                                   : std::string(reinterpret_cast<const char*>(t)));
        }
        rows.push_back(std::move(row));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rows;
}

/// Every table of the store, with name ids resolved to their text.
std::vector<std::pair<std::string, std::vector<std::string>>> dump(const std::string& file) {
    const std::string text = "(SELECT text FROM name WHERE id = %)";
    const auto name = [&](const std::string& col) {
        std::string s = text;
        return s.replace(s.find('%'), 1, col);
    };
    const std::string value =
        "CASE WHEN a.type IN (0, 5, 6) THEN " + name("a.value") + " ELSE a.value END";
    const std::vector<std::string> sql{
        "SELECT * FROM source ORDER BY id",
        "SELECT * FROM source_mapping ORDER BY source_id, seq",
        "SELECT * FROM source_warning ORDER BY source_id, seq",
        "SELECT * FROM rejected_row ORDER BY source_id, seq",
        "SELECT * FROM log_meta ORDER BY source_id, seq",
        "SELECT id, source_id, " + name("case_name") +
            ", first_event, events FROM trace ORDER BY id",
        "SELECT id, trace_id, " + name("activity") + ", ts, " + name("resource") + ", " +
            name("department") + ", " + name("channel") + ", " + name("lifecycle") +
            " FROM event ORDER BY id",
        "SELECT a.event_id, " + name("a.key") + " AS k, a.type, " + value +
            " FROM event_attr a ORDER BY a.event_id, k, a.type",
        "SELECT a.trace_id, " + name("a.key") + " AS k, a.type, " + value +
            " FROM case_attr a ORDER BY a.trace_id, k, a.type",
        "SELECT id, " + name("type") + ", " + name("name") + " FROM object ORDER BY id",
        "SELECT event_id, seq, object_id, " + name("qualifier") +
            " FROM event_object ORDER BY event_id, seq",
        "SELECT count(*), count(DISTINCT text), max(id) FROM name",
        "SELECT text FROM name ORDER BY text",
    };
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    for (const std::string& q : sql) {
        out.emplace_back(q, query(file, q));
    }
    return out;
}

/// Imports cases [0, total_cases) in `chunks` chunks (as even as may be), the
/// rejected records spread over them.
store::SourceRecord append_in_chunks(Store& s, int chunks) {
    store::Store::SourceAppender app = s.begin_source(info("sim"));
    const std::vector<RejectedRecord> rejects = make_rejects();
    std::size_t r = 0;
    for (int k = 0; k < chunks; ++k) {
        const int a = total_cases * k / chunks;
        const int b = total_cases * (k + 1) / chunks;
        const std::size_t r_end =
            rejects.size() * static_cast<std::size_t>(k + 1) / static_cast<std::size_t>(chunks);
        app.append(make_log(a, b), std::span<const RejectedRecord>(rejects).subspan(r, r_end - r));
        r = r_end;
        CHECK(app.cases() == static_cast<std::uint64_t>(b));
    }
    return app.finish(make_report());
}

std::uint64_t count_rows(const std::string& file, const std::string& table) {
    return std::stoull(query(file, "SELECT count(*) FROM " + table).front());
}

} // namespace

TEST_CASE("a log appended in chunks is stored as import_log stores it whole", "[store][append]") {
    test::TempDir dir;
    const EventLog whole = make_log(0, total_cases);
    REQUIRE(whole.num_cases() == 21);
    REQUIRE(whole.num_events() == 51);
    const std::vector<RejectedRecord> rejects = make_rejects();
    const std::string ref_file = dir.file("whole.sqlite");
    store::SourceRecord ref;
    {
        Store s(ref_file, OpenMode::create);
        add_earlier_source(s);
        ref = s.import_log(whole, info("sim"), make_report(), rejects);
    }
    CHECK(ref.events == 51);
    CHECK(ref.cases == 21);
    CHECK(ref.records == 70);
    CHECK(ref.rejected == 5);
    const auto expected = dump(ref_file);
    // The earlier source's 4 cases and 10 events come first.
    CHECK(query(ref_file, "SELECT first_trace, first_event FROM source WHERE name = 'sim'") ==
          std::vector<std::string>{"5|11"});
    // One account link per event, one premise link per case with 3 or more events.
    CHECK(count_rows(ref_file, "event_object") == 51 + 10 + 10 + 2);
    CHECK(count_rows(ref_file, "case_attr") == 10 + 2);

    for (const int chunks : {1, 2, 7}) {
        SECTION(std::to_string(chunks) + " chunks") {
            const std::string file = dir.file("chunks" + std::to_string(chunks) + ".sqlite");
            {
                Store s(file, OpenMode::create);
                add_earlier_source(s);
                const store::SourceRecord rec = append_in_chunks(s, chunks);
                CHECK(rec == ref);
                // The read API sees the same source, log and rejected rows.
                CHECK(s.sources().back() == ref);
                CHECK(s.rejected_records("sim") == rejects);
                store::ReadFilter only;
                only.sources = {"sim"};
                CHECK(s.read_log(only) == whole);
                CHECK(s.read_log().num_cases() == 25);
            }
            // Every table holds the same rows, name ids resolved.
            const auto got = dump(file);
            REQUIRE(got.size() == expected.size());
            for (std::size_t i = 0; i < got.size(); ++i) {
                INFO(got[i].first);
                CHECK(got[i].second == expected[i].second);
            }
        }
    }
}

TEST_CASE("the report's rejected records are stored when none were appended", "[store][append]") {
    test::TempDir dir;
    Store s(dir.file("a.sqlite"), OpenMode::create);
    store::Store::SourceAppender app = s.begin_source(info("sim"));
    app.append(make_log(0, 4));
    const store::SourceRecord rec = app.finish(make_report());
    CHECK(rec.rejected == 5); // report.rejected
    CHECK(rec.events == 10);
    CHECK(rec.records == 70);
    CHECK(s.rejected_records("sim") == std::vector<RejectedRecord>{make_rejects().front()});
    // Without counts in the report, records = events, as import_log() records.
    store::Store::SourceAppender two = s.begin_source(info("two", "sha256:two"));
    two.append(make_log(0, 2));
    CHECK(two.finish().records == 3);
}

TEST_CASE("a case split across chunks is refused and nothing is stored", "[store][append]") {
    test::TempDir dir;
    const std::string file = dir.file("a.sqlite");
    Store s(file, OpenMode::create);
    add_earlier_source(s);
    const auto before = dump(file);
    {
        store::Store::SourceAppender app = s.begin_source(info("sim"));
        app.append(make_log(0, 3));
        try {
            app.append(make_log(2, 5));
            FAIL("no error");
        } catch (const usage_error& e) {
            CHECK(std::string(e.what()) ==
                  "case 'C2' is in an earlier chunk of source 'sim': cut the log into chunks "
                  "at case boundaries");
        }
        // The appender is spent: it rolls back when destroyed.
        CHECK_THROWS_WITH(app.append(make_log(5, 6)),
                          "append: an earlier step of source 'sim' failed; it will be rolled back");
        CHECK_THROWS_WITH(app.finish(),
                          "finish: an earlier step of source 'sim' failed; it will be rolled back");
    }
    CHECK(s.sources().size() == 1);
    CHECK(dump(file) == before);
    // The store works on: the name is free again.
    CHECK(s.import_log(make_log(0, 2), info("sim")).events == 3);
}

TEST_CASE("an appender destroyed without finish() leaves no source", "[store][append]") {
    test::TempDir dir;
    const std::string file = dir.file("a.sqlite");
    Store s(file, OpenMode::create);
    add_earlier_source(s);
    const auto before = dump(file);
    {
        store::Store::SourceAppender app = s.begin_source(info("sim"));
        app.append(make_log(0, 10), make_rejects());
        app.append(make_log(10, 12));
        CHECK(app.events() == 30);
        CHECK(app.cases() == 12);
        // While it is open, other imports and a second appender are refused.
        CHECK_THROWS_AS(s.import_log(make_log(50, 51), info("other", "")), usage_error);
        CHECK_THROWS_AS(s.begin_source(info("other", "")), usage_error);
        // Moving it keeps the one savepoint.
        store::Store::SourceAppender moved = std::move(app);
        CHECK(moved.cases() == 12);
        CHECK_THROWS_AS(app.append(make_log(12, 13)), usage_error);
    }
    CHECK(s.sources().size() == 1);
    CHECK_FALSE(s.find_source("sim"));
    CHECK(dump(file) == before);
    // Ids continue after the earlier source as if nothing had happened.
    s.import_log(make_log(0, 1), info("sim"));
    CHECK(query(file, "SELECT first_trace, first_event FROM source WHERE name = 'sim'") ==
          std::vector<std::string>{"5|11"});

    // Finished, it is spent too, and destroying it keeps the source.
    {
        store::Store::SourceAppender app = s.begin_source(info("done", "sha256:done"));
        app.append(make_log(0, 1));
        app.finish();
        CHECK_THROWS_WITH(app.finish(), "finish: source 'done' is already finished");
    }
    CHECK(s.find_source("done"));
}

TEST_CASE("an appender refuses content already imported unless forced", "[store][append]") {
    test::TempDir dir;
    Store s(dir.file("a.sqlite"), OpenMode::create);
    s.import_log(make_log(0, 3), info("first", "sha256:same"));
    try {
        (void)s.begin_source(info("second", "sha256:same"));
        FAIL("no error");
    } catch (const store::duplicate_source_error& e) {
        CHECK(e.existing_source() == "first");
        CHECK(std::string(e.what()) == "already imported as source 'first' (sha256:same)");
    }
    // A taken name is refused as import_log() refuses it.
    CHECK_THROWS_AS(s.begin_source(info("first", "sha256:other")), usage_error);
    // Forced, with a unique name.
    store::SourceInfo forced = info("first", "sha256:same");
    forced.force = true;
    forced.unique_name = true;
    {
        store::Store::SourceAppender app = s.begin_source(forced);
        app.append(make_log(0, 3));
        CHECK(app.finish().name == "first-2");
    }
    // What an appender stored is found by hash, as an import's content.
    {
        store::Store::SourceAppender app = s.begin_source(info("third", "sha256:third"));
        app.append(make_log(0, 1));
        app.finish();
    }
    CHECK_THROWS_AS(s.import_log(make_log(0, 1), info("fourth", "sha256:third")),
                    store::duplicate_source_error);
    CHECK(s.sources().size() == 3);
}

TEST_CASE("simulate --format sqlite stores a log of several chunks as journey import does",
          "[store][append][sim][cli]") {
    // 6000 noisy journeys make about 23 MB of CSV: two chunks (of whole blocks of
    // 1024 journeys, at least 16 MiB), with late arrivals (rows written at the end
    // of their block) and rows without a case id (rejected records).
    test::TempDir tmp;
    const std::string spec =
        std::string(JOURNEY_SOURCE_DIR) + "/examples/move-house/move-house.journey";
    std::string err_text;
    const auto run = [&](std::vector<std::string> args) {
        std::ostringstream out;
        std::ostringstream err;
        const int code = cli::run_cli(args, out, err);
        err_text = err.str();
        return code;
    };
    const auto simulate = [&](const std::string& dir, const std::string& format) {
        return run({"simulate", "--spec", spec, "--scenario", "noisy", "--journeys", "6000",
                    "--seed", "4", "--out", (tmp.path() / dir).string(), "--format", format,
                    "--threads", "2"});
    };
    REQUIRE(simulate("csv", "csv") == 0);
    REQUIRE(simulate("db", "sqlite") == 0);
    CHECK(err_text.empty());
    const std::string csv = (tmp.path() / "csv" / "events.csv").string();
    REQUIRE(std::filesystem::file_size(csv) > (16u << 20));
    const std::string imported = tmp.file("imported.sqlite");
    REQUIRE(run({"import", imported, csv, "--source-name", "simulate", "--journey-type",
                 "move-house", "--on-bad-row", "skip"}) == 0);
    CHECK(err_text.find("1557 of 157237 records rejected") != std::string::npos);

    const Store a((tmp.path() / "db" / "events.sqlite").string());
    const Store b(imported);
    store::SourceRecord ra = a.sources().front();
    store::SourceRecord rb = b.sources().front();
    CHECK(ra.rejected > 0);
    CHECK(ra.content_hash == store::sha256_file(csv));
    ra.imported_at.clear();
    rb.imported_at.clear();
    CHECK(ra == rb);
    // Rejected rows with their lines in the whole file, the mapping and warnings.
    CHECK(a.rejected_records("simulate") == b.rejected_records("simulate"));
    for (const std::string table : {"source_mapping", "source_warning"}) {
        CHECK(query(a.path(), "SELECT * FROM " + table) ==
              query(b.path(), "SELECT * FROM " + table));
    }
    CHECK(a.read_log() == b.read_log());
}
