// The store: round trips of EventLogs, import records, duplicates, filters,
// transactions, layout version checks.

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include <sqlite3.h>

#include <journey/core/error.hpp>
#include <journey/core/event_log_builder.hpp>
#include <journey/io/reader.hpp>
#include <journey/store/store.hpp>

#include "../test_util.hpp"
#include "store_test_util.hpp"

using namespace journey;
using journey::store::OpenMode;
using journey::store::Store;

namespace {

/// A log that uses every feature of EventLog: empty strings, missing timestamps,
/// every attribute type (NaN and -0.0 included), several types under one key, case
/// attributes, an empty case, object links with and without qualifiers, metadata.
EventLog rich_log() {
    EventLogBuilder b;
    const auto amount = b.event_attribute("amount", AttrType::real);
    const auto count = b.event_attribute("count", AttrType::integer);
    const auto count_s = b.event_attribute("count", AttrType::string);
    const auto flag = b.event_attribute("flag", AttrType::boolean);
    const auto due = b.event_attribute("due", AttrType::time);
    const auto uuid = b.event_attribute("uuid", AttrType::id);
    const auto list = b.event_attribute("items", AttrType::list);
    const auto segment = b.case_attribute("segment", AttrType::string);
    const auto score = b.case_attribute("score", AttrType::real);

    const auto ev = [&](std::string_view c, std::string_view act, Timestamp t,
                        std::string_view res = {}, std::string_view dep = {},
                        std::string_view chan = {}, std::string_view life = {}) {
        EventFields f;
        f.activity = b.activities().insert(act);
        f.resource = b.resources().insert(res);
        f.department = b.departments().insert(dep);
        f.channel = b.channels().insert(chan);
        f.lifecycle = b.lifecycles().insert(life);
        f.timestamp = t;
        b.add_event(c, f);
    };
    const Timestamp t0 = 1'700'000'000LL * micros_per_second;
    ev("C1", "Call answered", t0, "agent-1", "Customer Service", "phone", "complete");
    b.set_real(amount, 12.5);
    b.set(count, 3);
    b.set_string(count_s, "three");
    b.set(flag, 1);
    b.set(due, t0 + 86'400'000'000LL);
    b.set_string(uuid, "5f0c6f43-2b7a-4a1e-9f7a-6ad1d7a3c9e1");
    b.set_string(list, "[a, b]");
    b.add_object("account", "A-1", "billed to");
    b.add_object("premise", "P-9");
    ev("C1", "Quote issued", t0 + 60'000'123, "", "Sales", "", "");
    b.set_real(amount, std::numeric_limits<double>::quiet_NaN());
    b.set_string(count_s, "");
    ev("C1", "", no_timestamp); // no activity, no timestamp
    b.set_real(amount, -0.0);
    b.set_real(amount, std::numeric_limits<double>::infinity());
    ev("C2", "Call answered", t0 - 5);
    b.set(flag, 0);
    b.add_object("account", "A-2", "");
    b.add_object("account", "A-2", "again");
    b.case_index("C-empty");
    ev("C3", "Final bill issued", t0 + 1, "billing-bot", "Billing", "letter", "complete");
    b.set(count, -42);
    b.set_real(amount, -0.0);
    b.set_case(segment, b.case_index("C1"), b.values().insert("mover"));
    b.set_case(score, b.case_index("C3"), attr_raw(7.25));
    b.set_case(segment, b.case_index("C-empty"), b.values().insert(""));
    b.meta().attributes.push_back({"concept:name", AttrType::string, "rich"});
    b.meta().extensions.push_back({"Concept", "concept", "http://www.xes-standard.org/concept.xesext"});
    b.meta().globals.push_back({"event", {"concept:name", AttrType::string, "__INVALID__"}});
    b.meta().classifiers.push_back({"Activity", "concept:name"});
    return b.finish();
}

store::SourceInfo info(std::string name) {
    store::SourceInfo i;
    i.name = std::move(name);
    i.imported_at = 1'700'000'000LL * micros_per_second;
    return i;
}

} // namespace

TEST_CASE("a log round-trips through the store exactly", "[store]") {
    test::TempDir dir;
    const EventLog log = rich_log();
    REQUIRE(log.num_cases() == 4);
    REQUIRE(log.num_events() == 5);
    {
        Store s(dir.file("a.sqlite"), OpenMode::create);
        const store::SourceRecord r = s.import_log(log, info("rich"));
        CHECK(r.name == "rich");
        CHECK(r.kind == "log");
        CHECK(r.events == 5);
        CHECK(r.cases == 4);
        CHECK(r.records == 5);
        CHECK(r.imported_at == "2023-11-14T22:13:20+00:00");
    }
    Store s(dir.file("a.sqlite"));
    const EventLog back = s.read_log();
    CHECK(back == log);
    // NaN and -0.0 keep their exact bits.
    const AttrColumn* amount = back.event_attribute("amount", AttrType::real);
    REQUIRE(amount != nullptr);
    REQUIRE(amount->values.size() == 4);
    int nans = 0, infs = 0, negative_zeros = 0;
    for (const std::int64_t raw : amount->values) {
        const double v = attr_real(raw);
        nans += std::isnan(v) ? 1 : 0;
        infs += std::isinf(v) ? 1 : 0;
        negative_zeros += v == 0.0 && std::signbit(v) ? 1 : 0;
    }
    CHECK(nans == 1);
    CHECK(infs == 1);
    CHECK(negative_zeros == 1);
    CHECK(s.layout_version() == std::pair<int, int>(store::layout_major, store::layout_minor));
}

TEST_CASE("real logs round-trip through the store", "[store]") {
    test::TempDir dir;
    Store s(dir.file("logs.sqlite"), OpenMode::create);
    const char* files[] = {"running-example.xes", "receipt.xes.gz", "sepsis-semicolon.csv",
                           "helpdesk.xes.gz", "roadtraffic-100-traces.xes"};
    for (const char* f : files) {
        INFO(f);
        const io::ReadResult r = io::read_log(test::data_path(std::string("logs/") + f));
        store::SourceInfo i = info(f);
        const store::SourceRecord rec = s.import_log(r.log, i, r.report);
        CHECK(rec.format == r.report.format);
        CHECK(rec.records == r.report.records);
        store::ReadFilter only;
        only.sources = {f};
        CHECK(s.read_log(only) == r.log);
    }
    CHECK(s.sources().size() == 5);
}

TEST_CASE("several sources read as one log; same case ids are one case", "[store]") {
    test::TempDir dir;
    Store s(dir.file("m.sqlite"), OpenMode::create);
    EventLogBuilder a;
    EventFields f;
    f.activity = a.activities().insert("x");
    f.timestamp = 10;
    a.add_event("K", f);
    f.timestamp = 30;
    a.add_event("L", f);
    EventLogBuilder b;
    EventFields g;
    g.activity = b.activities().insert("y");
    g.timestamp = 20;
    b.add_event("K", g);
    s.import_log(a.finish(), info("jan"));
    store::SourceInfo feb = info("feb");
    feb.journey_type = "move-house";
    s.import_log(b.finish(), feb);

    const EventLog all = s.read_log();
    REQUIRE(all.num_cases() == 2);
    CHECK(all.case_name(0) == "K");
    REQUIRE(all.case_end(0) - all.case_begin(0) == 2);
    CHECK(all.activity_names()[all.activities()[0]] == "x");
    CHECK(all.activity_names()[all.activities()[1]] == "y");

    store::ReadFilter by_type;
    by_type.journey_types = {"move-house"};
    const EventLog feb_only = s.read_log(by_type);
    CHECK(feb_only.num_events() == 1);
    CHECK(feb_only.case_name(0) == "K");

    store::ReadFilter unknown;
    unknown.sources = {"mar"};
    CHECK_THROWS_MATCHES(s.read_log(unknown), usage_error,
                         Catch::Message("no source named 'mar' in " + dir.file("m.sqlite") +
                                        " (sources: jan, feb)"));
    store::ReadFilter no_type;
    no_type.journey_types = {"install"};
    CHECK_THROWS_MATCHES(s.read_log(no_type), usage_error,
                         Catch::Message("no source with journey type 'install' in " +
                                        dir.file("m.sqlite")));
    store::ReadFilter both;
    both.sources = {"jan"};
    both.journey_types = {"move-house"};
    CHECK_THROWS_AS(s.read_log(both), usage_error);

    const auto per_source = s.read_sources();
    REQUIRE(per_source.size() == 2);
    CHECK(per_source[0].source.name == "jan");
    CHECK(per_source[0].log.num_events() == 2);
    CHECK(per_source[1].source.journey_type == "move-house");
}

TEST_CASE("the same content is refused unless forced; names stay unique", "[store]") {
    test::TempDir dir;
    Store s(dir.file("d.sqlite"), OpenMode::create);
    const EventLog log = rich_log();
    store::SourceInfo i = info("crm");
    i.content_hash = store::sha256_hex("abc");
    s.import_log(log, i);

    store::SourceInfo again = info("crm-copy");
    again.content_hash = i.content_hash;
    try {
        s.import_log(log, again);
        FAIL("no exception");
    } catch (const store::duplicate_source_error& e) {
        CHECK(e.existing_source() == "crm");
        CHECK(e.code() == 19);
        CHECK(std::string(e.what()) ==
              "already imported as source 'crm' (" + i.content_hash + ")");
    }
    CHECK(s.sources().size() == 1);

    store::SourceInfo same_name = info("crm");
    CHECK_THROWS_MATCHES(s.import_log(log, same_name), usage_error,
                         Catch::Message("a source named 'crm' already exists in " +
                                        dir.file("d.sqlite")));
    same_name.content_hash = i.content_hash;
    same_name.force = true;
    same_name.unique_name = true;
    CHECK(s.import_log(log, same_name).name == "crm-2");
    CHECK(s.import_log(log, same_name).name == "crm-3");
    CHECK(s.find_source_by_hash(i.content_hash)->name == "crm");
    CHECK_FALSE(s.find_source_by_hash("").has_value());
    CHECK(s.read_log().num_events() == 15);
}

TEST_CASE("import records counts, mapping, warnings and every rejected row", "[store]") {
    test::TempDir dir;
    const std::string csv = dir.file("bad.csv");
    {
        std::ofstream out(csv);
        out << "case,activity,timestamp\n"
               "1,a,2024-01-01T10:00:00\n"
               "1,b,not a time\n"
               ",c,2024-01-01T11:00:00\n"
               "2,d,2024-01-02T10:00:00\n";
    }
    io::ReadOptions ro;
    ro.on_bad_record = BadRecordPolicy::skip;
    std::vector<RejectedRecord> all;
    ro.reject_sink = [&](const RejectedRecord& r) { all.push_back(r); };
    const io::ReadResult r = io::read_log(csv, ro);
    REQUIRE(r.report.rejected == 2);

    Store s(dir.file("r.sqlite"), OpenMode::create);
    store::SourceInfo i = info("bad");
    i.file_name = "bad.csv";
    i.content_hash = store::sha256_file(csv);
    const store::SourceRecord rec = s.import_log(r.log, i, r.report, all);
    CHECK(rec.records == 4);
    CHECK(rec.rejected == 2);
    CHECK(rec.events == 2);
    CHECK(rec.cases == 2);
    CHECK(rec.format == "csv");
    CHECK(rec.file_name == "bad.csv");
    CHECK(rec.timestamp_format == r.report.timestamp_format);
    CHECK(s.rejected_records("bad") == all);
    CHECK(s.sources().front() == rec);
    CHECK_THROWS_AS(s.rejected_records("nope"), usage_error);
}

TEST_CASE("a failing import leaves the store as it was", "[store]") {
    test::TempDir dir;
    const std::string path = dir.file("t.sqlite");
    {
        Store s(path, OpenMode::create);
        s.import_log(rich_log(), info("one"));
    }
    const std::string before = test::read_file(path);
    {
        Store s(path, OpenMode::read_write);
        auto tx = s.transaction();
        s.import_log(rich_log(), info("two"));
        CHECK(s.sources().size() == 2);
        // A failing import inside the transaction rolls back only itself...
        CHECK_THROWS_AS(s.import_log(rich_log(), info("two")), usage_error);
        CHECK(s.sources().size() == 2);
        // ...and dropping the transaction rolls back everything.
    }
    {
        Store s(path, OpenMode::read_write);
        CHECK(s.sources().size() == 1);
        CHECK(s.read_log() == rich_log());
        // Names added by a rolled-back import are gone; later imports still work.
        EventLogBuilder b;
        EventFields f;
        f.activity = b.activities().insert("brand new activity");
        b.add_event("Z", f);
        s.import_log(b.finish(), info("three"));
        store::ReadFilter only;
        only.sources = {"three"};
        CHECK(s.read_log(only).activity_names()[1] == "brand new activity");
    }
    {
        Store s(path, OpenMode::read_write);
        auto tx = s.transaction();
        s.import_log(rich_log(), info("four"));
        tx.commit();
        CHECK_THROWS_AS(tx.commit(), store_error);
    }
    CHECK(Store(path).sources().size() == 3);
    CHECK(before != test::read_file(path));
}

TEST_CASE("opening checks the file and the layout version", "[store]") {
    test::TempDir dir;
    CHECK_THROWS_MATCHES(Store(dir.file("missing.sqlite")), io_error,
                         Catch::Message(dir.file("missing.sqlite") + ": no such file"));
    {
        std::ofstream out(dir.file("text.sqlite"));
        out << "case,activity\n";
    }
    CHECK_THROWS_MATCHES(Store(dir.file("text.sqlite")), store_error,
                         Catch::Message(dir.file("text.sqlite") +
                                        ": not a journeykit store (not an SQLite file)"));
    {
        sqlite3* db = nullptr;
        sqlite3_open(dir.file("other.sqlite").c_str(), &db);
        sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }
    CHECK_THROWS_MATCHES(Store(dir.file("other.sqlite"), OpenMode::create), store_error,
                         Catch::Message(dir.file("other.sqlite") + ": not a journeykit store"));
    CHECK(store::sniff_sqlite(dir.file("other.sqlite")) == store::SqliteKind::other);
    CHECK(store::sniff_sqlite(dir.file("text.sqlite")) == store::SqliteKind::not_sqlite);
    CHECK(store::sniff_sqlite(dir.file("missing.sqlite")) == store::SqliteKind::not_sqlite);

    const std::string path = dir.file("v.sqlite");
    { Store s(path, OpenMode::create); }
    CHECK(store::sniff_sqlite(path) == store::SqliteKind::store);
    {
        sqlite3* db = nullptr;
        sqlite3_open(path.c_str(), &db);
        sqlite3_exec(db, "UPDATE journeykit_meta SET value = '7' WHERE key = 'layout_minor'",
                     nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }
    CHECK(Store(path).layout_version() == std::pair<int, int>(1, 7));
    {
        sqlite3* db = nullptr;
        sqlite3_open(path.c_str(), &db);
        sqlite3_exec(db, "UPDATE journeykit_meta SET value = '2' WHERE key = 'layout_major'",
                     nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }
    CHECK_THROWS_MATCHES(Store(path), store_error,
                         Catch::Message(path + ": store layout 2.7 is not supported by this "
                                               "journeykit (it reads layout 1.x)"));
    // A read-only store refuses writes.
    const std::string ro = dir.file("ro.sqlite");
    { Store s(ro, OpenMode::create); }
    Store s(ro);
    CHECK_THROWS_MATCHES(s.import_log(rich_log(), info("x")), store_error,
                         Catch::Message(ro + ": store is open read-only"));
}

TEST_CASE("an empty store reads as an empty log", "[store]") {
    test::TempDir dir;
    Store s(dir.file("e.sqlite"), OpenMode::create);
    const EventLog log = s.read_log();
    CHECK(log.num_cases() == 0);
    CHECK(log.num_events() == 0);
    CHECK(s.sources().empty());
    CHECK(s.read_log() == EventLog());
}

TEST_CASE("sha256 matches the FIPS 180-4 examples", "[store]") {
    CHECK(store::sha256_hex("") ==
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(store::sha256_hex("abc") ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(store::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(store::sha256_hex(std::string(1'000'000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    test::TempDir dir;
    {
        std::ofstream out(dir.file("abc"), std::ios::binary);
        out << "abc";
    }
    CHECK(store::sha256_file(dir.file("abc")) ==
          "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK_THROWS_AS(store::sha256_file(dir.file("none")), io_error);
    CHECK(store::is_sqlite_header(std::string_view("SQLite format 3\0xyz", 19)));
    CHECK_FALSE(store::is_sqlite_header("SQLite format 3"));
}

TEST_CASE("a damaged store is reported, not crashed on", "[store]") {
    test::TempDir dir;
    const std::string path = dir.file("d.sqlite");
    {
        Store s(path, OpenMode::create);
        s.import_log(rich_log(), info("rich"));
    }
    const auto exec = [&](const char* sql) {
        sqlite3* db = nullptr;
        sqlite3_open(path.c_str(), &db);
        sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
        sqlite3_close(db);
    };
    exec("UPDATE event SET activity = 999999 WHERE id = 1");
    CHECK_THROWS_MATCHES(Store(path).read_log(), store_error,
                         Catch::Message(path + ": store damaged: name id 999999 out of range"));
    exec("UPDATE event SET activity = NULL WHERE id = 1; UPDATE event_attr SET type = 9 WHERE type = 2");
    CHECK_THROWS_MATCHES(Store(path).read_log(), store_error,
                         Catch::Message(path + ": store damaged: attribute type 9"));
    exec("DELETE FROM event_attr; DELETE FROM event WHERE id = 2");
    CHECK_THROWS_MATCHES(Store(path).read_log(), store_error,
                         Catch::Message(path + ": store damaged: source 'rich' lacks events"));
    exec("DELETE FROM name WHERE id = 2");
    CHECK_THROWS_MATCHES(Store(path).read_log(), store_error,
                         Catch::Message(path + ": the name table is damaged (ids not dense or text repeated)"));
}
