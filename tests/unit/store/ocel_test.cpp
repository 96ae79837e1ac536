// OCEL 2.0 SQLite: the reference example imports with pm4py's counts; export and
// re-import give the same log; the store keeps objects and relations.

#include <catch2/catch.hpp>

#include <fstream>
#include <map>

#include <sqlite3.h>

#include <journey/core/error.hpp>
#include <journey/core/event_log_builder.hpp>
#include <journey/store/ocel.hpp>
#include <journey/store/store.hpp>

#include "../json_lite.hpp"
#include "../test_util.hpp"
#include "store_test_util.hpp"

using namespace journey;
using journey::store::OcelLog;

namespace {

const std::string example = test::data_path("ocel/ocel20_example.sqlite");

std::size_t count_relations(const OcelLog& o) { return o.relations.size(); }

void check_reference_counts(const OcelLog& o) {
    const test::Json ref =
        test::parse_json(test::read_file(test::data_path("ocel/ocel.json")))["ocel20_example.sqlite"];
    const EventLog& log = o.events;
    CHECK(log.num_events() == static_cast<std::size_t>(ref["events"].n));
    CHECK(o.objects.size() == static_cast<std::size_t>(ref["objects"].n));
    CHECK(log.object_links().size() == static_cast<std::size_t>(ref["event_object_relations"].n));
    CHECK(count_relations(o) == static_cast<std::size_t>(ref["object_object_relations"].n));

    std::map<std::string, double> activities;
    for (const Id a : log.activities()) {
        activities[std::string(log.activity_names()[a])] += 1;
    }
    std::map<std::string, double> expected_activities;
    for (const auto& [k, v] : ref["activities"].o) {
        expected_activities[k] = v.n;
    }
    CHECK(activities == expected_activities);

    std::map<std::string, double> types;
    for (const store::OcelObject& obj : o.objects) {
        types[obj.type] += 1;
    }
    std::map<std::string, double> expected_types;
    for (const auto& [k, v] : ref["object_types"].o) {
        expected_types[k] = v.n;
    }
    CHECK(types == expected_types);
}

const store::OcelObject& find(const OcelLog& o, std::string_view id) {
    for (const store::OcelObject& obj : o.objects) {
        if (obj.id == id) {
            return obj;
        }
    }
    throw std::runtime_error("no object " + std::string(id));
}

} // namespace

TEST_CASE("the OCEL 2.0 example reads with the reference counts", "[store][ocel]") {
    const OcelLog o = store::read_ocel_sqlite(example);
    check_reference_counts(o);
    const EventLog& log = o.events;
    // One case per event, named by the event id, in the order of the event table.
    REQUIRE(log.num_cases() == 13);
    CHECK(log.case_name(0) == "e1");
    CHECK(log.case_name(12) == "e13");
    CHECK(log.activity_names()[log.activities()[0]] == "Create Purchase Requisition");
    CHECK(format_iso8601(log.timestamps()[0]) == "2022-01-09T15:00:00+00:00");
    const AttrColumn* creator = log.event_attribute("pr_creator", AttrType::string);
    REQUIRE(creator != nullptr);
    CHECK(creator->rows == std::vector<std::uint32_t>{0});
    CHECK(log.values()[static_cast<Id>(creator->values[0])] == "Mike");
    // e3 links PR1 and PO1 with qualifiers.
    std::vector<std::string> e3;
    for (const ObjectLink& l : log.object_links()) {
        if (l.event == 2) {
            e3.push_back(std::string(log.object_types()[l.type]) + "/" +
                         std::string(log.object_ids()[l.object]) + "/" +
                         std::string(log.values()[l.qualifier]));
        }
    }
    CHECK(e3 == std::vector<std::string>{"Purchase Order/PO1/Created order with identifier",
                                         "Purchase Requisition/PR1/Created order from PR"});
    // Object attributes over time: R3 is blocked, then unblocked.
    const store::OcelObject& r3 = find(o, "R3");
    CHECK(r3.type == "Invoice");
    REQUIRE(r3.attributes.size() == 3);
    CHECK(r3.attributes[0].key == "is_blocked");
    CHECK(r3.attributes[0].text == "No");
    CHECK(format_iso8601(r3.attributes[0].time) == "1970-01-01T01:00:00+00:00");
    CHECK(r3.attributes[1].text == "Yes");
    CHECK(format_iso8601(r3.attributes[1].time) == "2022-02-03T07:30:00+00:00");
    CHECK(r3.attributes[2].text == "No");
    // PO1's quantity changes from 500 to 600; the change row's other cells are NULL.
    const store::OcelObject& po1 = find(o, "PO1");
    REQUIRE(po1.attributes.size() == 3);
    CHECK(po1.attributes[0].key == "po_product");
    CHECK(po1.attributes[0].text == "Cows");
    CHECK(po1.attributes[1].key == "po_quantity");
    CHECK(po1.attributes[1].text == "500");
    CHECK(po1.attributes[2].text == "600");
    CHECK(o.relations.front() == store::OcelRelation{"Invoice", "R1", "Payment", "P1",
                                                     "Payment from invoice"});
}

TEST_CASE("OCEL export then re-import gives the same log", "[store][ocel]") {
    test::TempDir dir;
    const OcelLog o = store::read_ocel_sqlite(example);
    store::write_ocel_sqlite(o, dir.file("out.sqlite"));
    CHECK(store::sniff_sqlite(dir.file("out.sqlite")) == store::SqliteKind::ocel);
    const OcelLog again = store::read_ocel_sqlite(dir.file("out.sqlite"));
    CHECK(again.events == o.events);
    CHECK(again.objects == o.objects);
    CHECK(again.relations == o.relations);
    CHECK(again == o);
    check_reference_counts(again);
    // Writing over an existing file replaces it.
    store::write_ocel_sqlite(again, dir.file("out.sqlite"));
    CHECK(store::read_ocel_sqlite(dir.file("out.sqlite")) == o);
}

TEST_CASE("the store keeps an OCEL log: import, read, export, re-import", "[store][ocel]") {
    test::TempDir dir;
    const OcelLog o = store::read_ocel_sqlite(example);
    {
        store::Store s(dir.file("s.sqlite"), store::OpenMode::create);
        store::SourceInfo info;
        info.name = "p2p";
        info.content_hash = store::sha256_file(example);
        const store::SourceRecord r = s.import_ocel(o, info);
        CHECK(r.kind == "ocel");
        CHECK(r.format == "ocel-sqlite");
        CHECK(r.events == 13);
        CHECK(r.cases == 13);
    }
    store::Store s(dir.file("s.sqlite"));
    const OcelLog back = s.read_ocel();
    CHECK(back == o);
    check_reference_counts(back);
    CHECK(s.read_log() == o.events);

    store::write_ocel_sqlite(back, dir.file("export.sqlite"));
    store::Store t(dir.file("t.sqlite"), store::OpenMode::create);
    store::SourceInfo info;
    info.name = "again";
    t.import_ocel(store::read_ocel_sqlite(dir.file("export.sqlite")), info);
    CHECK(t.read_ocel() == o);
}

TEST_CASE("a plain log exports as OCEL with its objects", "[store][ocel]") {
    EventLogBuilder b;
    const auto amount = b.event_attribute("amount", AttrType::real);
    const auto when = b.event_attribute("due", AttrType::time);
    EventFields f;
    f.activity = b.activities().insert("Bill issued");
    f.resource = b.resources().insert("billing-bot");
    f.department = b.departments().insert("Billing");
    f.timestamp = 1'000'000;
    b.add_event("C1", f);
    b.set_real(amount, 12.5);
    b.set(when, 86'400'000'000LL);
    b.add_object("account", "1001", "billed");
    f.activity = b.activities().insert("Order completed");
    f.resource = no_id;
    f.department = b.departments().insert("Field service");
    f.channel = b.channels().insert("visit");
    f.timestamp = 2'000'000;
    b.add_event("C1", f);
    b.add_object("order", "1001"); // same id, another type
    const EventLog log = b.finish();

    test::TempDir dir;
    store::write_ocel_sqlite(store::ocel_from_log(log), dir.file("plain.sqlite"));
    const OcelLog back = store::read_ocel_sqlite(dir.file("plain.sqlite"));
    REQUIRE(back.events.num_events() == 2);
    CHECK(back.events.case_name(0) == "C1:1");
    CHECK(back.events.case_name(1) == "C1:2");
    REQUIRE(back.objects.size() == 2);
    CHECK(back.objects[0].id == "account:1001"); // one id, two types: qualified
    CHECK(back.objects[1].id == "order:1001");
    CHECK(back.events.department_names()[back.events.departments()[1]] == "Field service");
    CHECK(back.events.channel_names()[back.events.channels()[1]] == "visit");
    CHECK(back.events.resource_names()[back.events.resources()[0]] == "billing-bot");
    const AttrColumn* a = back.events.event_attribute("amount", AttrType::real);
    REQUIRE(a != nullptr);
    CHECK(attr_real(a->values[0]) == 12.5);
    const AttrColumn* d = back.events.event_attribute("due", AttrType::time);
    REQUIRE(d != nullptr);
    CHECK(d->values[0] == 86'400'000'000LL);
}

TEST_CASE("bad OCEL files are reported, not crashed on", "[store][ocel]") {
    test::TempDir dir;
    CHECK_THROWS_MATCHES(store::read_ocel_sqlite(dir.file("none.sqlite")), io_error,
                         Catch::Message(dir.file("none.sqlite") + ": no such file"));
    const auto make = [&](const std::string& name, const char* sql) {
        sqlite3* db = nullptr;
        sqlite3_open(dir.file(name).c_str(), &db);
        sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
        sqlite3_close(db);
        return dir.file(name);
    };
    const std::string no_tables = make("a.sqlite", "CREATE TABLE x(y)");
    CHECK_THROWS_MATCHES(store::read_ocel_sqlite(no_tables), format_error,
                         Catch::Message(no_tables + ": not an OCEL 2.0 log: table 'event' is missing"));
    const char* base = "CREATE TABLE event(ocel_id TEXT, ocel_type TEXT);"
                       "CREATE TABLE object(ocel_id TEXT, ocel_type TEXT);"
                       "CREATE TABLE event_object(ocel_event_id, ocel_object_id, ocel_qualifier);"
                       "INSERT INTO event VALUES ('e1', 'A');"
                       "INSERT INTO object VALUES ('o1', 'T');";
    const std::string no_detail = make("b.sqlite", base);
    CHECK_THROWS_MATCHES(store::read_ocel_sqlite(no_detail), format_error,
                         Catch::Message(no_detail + ": event 'e1' of type 'A' has no row in table event_A"));
    const std::string bad_time =
        make("c.sqlite", (std::string(base) + "CREATE TABLE event_A(ocel_id TEXT, ocel_time TIMESTAMP);"
                                              "INSERT INTO event_A VALUES ('e1', 'yesterday');")
                             .c_str());
    CHECK_THROWS_MATCHES(store::read_ocel_sqlite(bad_time), format_error,
                         Catch::Message(bad_time + ": table event_A: 'e1': unparseable ocel_time 'yesterday'"));
    const std::string bad_link =
        make("d.sqlite", (std::string(base) + "CREATE TABLE event_A(ocel_id TEXT, ocel_time TIMESTAMP);"
                                              "INSERT INTO event_A VALUES ('e1', '2024-01-01 10:00:00');"
                                              "INSERT INTO event_object VALUES ('e1', 'o2', 'q');")
                             .c_str());
    CHECK_THROWS_MATCHES(store::read_ocel_sqlite(bad_link), format_error,
                         Catch::Message(bad_link + ": event_object: event 'e1' links to unknown object 'o2'"));
    const std::string bad_event =
        make("e.sqlite", (std::string(base) + "CREATE TABLE event_A(ocel_id TEXT, ocel_time TIMESTAMP);"
                                              "INSERT INTO event_A VALUES ('e1', '2024-01-01 10:00:00');"
                                              "INSERT INTO event_object VALUES ('e9', 'o1', 'q');")
                             .c_str());
    CHECK_THROWS_MATCHES(store::read_ocel_sqlite(bad_event), format_error,
                         Catch::Message(bad_event + ": event_object: unknown event 'e9'"));
    const std::string good =
        make("f.sqlite", (std::string(base) + "CREATE TABLE event_A(ocel_id TEXT, ocel_time TIMESTAMP, n INTEGER, ok BOOLEAN, x REAL);"
                                              "INSERT INTO event_A VALUES ('e1', '2024-01-01 10:00:00', '7', 'true', 'n/a');")
                             .c_str());
    const OcelLog o = store::read_ocel_sqlite(good);
    CHECK(o.events.event_attribute("n", AttrType::integer) != nullptr);
    CHECK(o.events.event_attribute("ok", AttrType::boolean) != nullptr);
    CHECK(o.events.event_attribute("x", AttrType::string) != nullptr);
    CHECK(o.objects.size() == 1);
}

namespace {

/// Builds an SQLite file from SQL text; the SQL must run.
std::string make_db(const test::TempDir& dir, const std::string& name, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(dir.file(name).c_str(), &db) == SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    const std::string message = err != nullptr ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    REQUIRE(message.empty());
    REQUIRE(rc == SQLITE_OK);
    return dir.file(name);
}

// The smallest OCEL file that reads: event e1 of type A (table event_A), object o1 of
// type T; callers add rows and tables.
const std::string ocel_base = "CREATE TABLE event(ocel_id TEXT, ocel_type TEXT);"
                              "CREATE TABLE object(ocel_id TEXT, ocel_type TEXT);"
                              "CREATE TABLE event_object(ocel_event_id, ocel_object_id, ocel_qualifier);"
                              "INSERT INTO event VALUES ('e1', 'A');"
                              "INSERT INTO object VALUES ('o1', 'T');";
const std::string event_a = "CREATE TABLE event_A(ocel_id TEXT, ocel_time TIMESTAMP);"
                            "INSERT INTO event_A VALUES ('e1', '2024-01-01 10:00:00');";

void check_refused(const std::string& path, const std::string& message) {
    CHECK_THROWS_MATCHES(store::read_ocel_sqlite(path), format_error, Catch::Message(path + ": " + message));
}

} // namespace

TEST_CASE("OCEL files that are not SQLite, or lack a required table, are refused", "[store][ocel]") {
    test::TempDir dir;
    {
        std::ofstream(dir.file("empty.sqlite"));
    }
    check_refused(dir.file("empty.sqlite"), "not an SQLite file");
    {
        std::ofstream(dir.file("text.sqlite")) << "ocel_id,ocel_type\ne1,A\n";
    }
    check_refused(dir.file("text.sqlite"), "not an SQLite file");
    {
        // The SQLite header followed by garbage.
        std::ofstream(dir.file("garbage.sqlite"), std::ios::binary)
            << std::string("SQLite format 3\0", 16) << std::string(200, '\x7f');
    }
    check_refused(dir.file("garbage.sqlite"), "not an SQLite file");

    const std::string no_object = make_db(dir, "a.sqlite",
                                          "CREATE TABLE event(ocel_id TEXT, ocel_type TEXT);"
                                          "CREATE TABLE event_object(ocel_event_id, ocel_object_id, ocel_qualifier);");
    check_refused(no_object, "not an OCEL 2.0 log: table 'object' is missing");
    const std::string no_links = make_db(dir, "b.sqlite",
                                         "CREATE TABLE event(ocel_id TEXT, ocel_type TEXT);"
                                         "CREATE TABLE object(ocel_id TEXT, ocel_type TEXT);");
    check_refused(no_links, "not an OCEL 2.0 log: table 'event_object' is missing");
    // A required table without a required column is an SQLite error.
    const std::string no_type = make_db(dir, "c.sqlite",
                                        "CREATE TABLE event(ocel_id TEXT);"
                                        "CREATE TABLE object(ocel_id TEXT, ocel_type TEXT);"
                                        "CREATE TABLE event_object(ocel_event_id, ocel_object_id, ocel_qualifier);");
    CHECK_THROWS_MATCHES(store::read_ocel_sqlite(no_type), store_error,
                         Catch::Message(no_type + ": SQLite error in prepare: no such column: ocel_type"));
    // The optional tables may be left out: no relations, names derived from the types.
    const OcelLog o = store::read_ocel_sqlite(make_db(dir, "d.sqlite", ocel_base + event_a));
    CHECK(o.events.num_events() == 1);
    CHECK(o.objects.size() == 1);
    CHECK(o.relations.empty());
}

TEST_CASE("OCEL files with duplicate ids or dangling references are refused", "[store][ocel]") {
    test::TempDir dir;
    check_refused(make_db(dir, "a.sqlite", ocel_base + event_a + "INSERT INTO event VALUES ('e1', 'B');"),
                  "event 'e1' is listed twice");
    check_refused(make_db(dir, "b.sqlite", ocel_base + event_a + "INSERT INTO object VALUES ('o1', 'U');"),
                  "object 'o1' is listed twice");
    check_refused(make_db(dir, "c.sqlite",
                          ocel_base + event_a +
                              "CREATE TABLE object_object(ocel_source_id, ocel_target_id, ocel_qualifier);"
                              "INSERT INTO object_object VALUES ('o1', 'o2', 'owns');"),
                  "object_object: unknown object 'o2'");
    check_refused(make_db(dir, "d.sqlite",
                          ocel_base + event_a +
                              "CREATE TABLE object_object(ocel_source_id, ocel_target_id, ocel_qualifier);"
                              "INSERT INTO object_object VALUES ('o0', 'o1', 'owns');"),
                  "object_object: unknown object 'o0'");
    check_refused(make_db(dir, "e.sqlite", ocel_base + event_a + "INSERT INTO event_A VALUES ('e9', '2024-01-01');"),
                  "table event_A: unknown event 'e9'");
    check_refused(make_db(dir, "f.sqlite",
                          ocel_base + event_a +
                              "CREATE TABLE object_T(ocel_id TEXT, ocel_time TIMESTAMP, colour TEXT);"
                              "INSERT INTO object_T VALUES ('o9', '2024-01-01', 'red');"),
                  "table object_T: unknown object 'o9'");
    check_refused(make_db(dir, "g.sqlite",
                          ocel_base + "CREATE TABLE event_A(id TEXT, ocel_time TIMESTAMP);"
                                      "INSERT INTO event_A VALUES ('e1', '2024-01-01');"),
                  "table event_A has no ocel_id column");
    check_refused(make_db(dir, "h.sqlite",
                          ocel_base + event_a + "CREATE TABLE object_T(id TEXT, colour TEXT);"),
                  "table object_T has no ocel_id column");
    // A well-formed relation reads.
    const OcelLog o = store::read_ocel_sqlite(
        make_db(dir, "i.sqlite",
                ocel_base + event_a +
                    "INSERT INTO object VALUES ('o2', 'T');"
                    "CREATE TABLE object_object(ocel_source_id, ocel_target_id, ocel_qualifier);"
                    "INSERT INTO object_object VALUES ('o1', 'o2', 'owns');"));
    REQUIRE(o.relations.size() == 1);
    CHECK(o.relations[0] == store::OcelRelation{"T", "o1", "T", "o2", "owns"});
}

TEST_CASE("OCEL type maps that point at a missing or wrong table", "[store][ocel]") {
    test::TempDir dir;
    const std::string maps = "CREATE TABLE event_map_type(ocel_type TEXT, ocel_type_map TEXT);"
                             "CREATE TABLE object_map_type(ocel_type TEXT, ocel_type_map TEXT);";
    // The event type's table does not exist: its events have no row.
    check_refused(make_db(dir, "a.sqlite",
                          ocel_base + event_a + maps + "INSERT INTO event_map_type VALUES ('A', 'Missing');"),
                  "event 'e1' of type 'A' has no row in table event_Missing");
    // A map naming one of the standard tables reads it as the type's table.
    check_refused(make_db(dir, "b.sqlite",
                          ocel_base + event_a + maps + "INSERT INTO event_map_type VALUES ('A', 'object');"),
                  "table event_object has no ocel_id column");
    // An object type's table may be missing: its objects have no attribute values.
    const OcelLog o = store::read_ocel_sqlite(make_db(
        dir, "c.sqlite",
        ocel_base + event_a + maps +
            "INSERT INTO object_map_type VALUES ('T', 'Missing');"
            "CREATE TABLE object_T(ocel_id TEXT, ocel_time TIMESTAMP, colour TEXT);"
            "INSERT INTO object_T VALUES ('o1', '2024-01-01', 'red');"));
    REQUIRE(o.objects.size() == 1);
    CHECK(o.objects[0].attributes.empty());
    // A map with quotes in the table name reads the table it names.
    const OcelLog q = store::read_ocel_sqlite(make_db(
        dir, "d.sqlite",
        ocel_base + maps +
            "INSERT INTO event_map_type VALUES ('A', 'a\"b''c');"
            "CREATE TABLE \"event_a\"\"b'c\"(ocel_id TEXT, ocel_time TIMESTAMP);"
            "INSERT INTO \"event_a\"\"b'c\" VALUES ('e1', '2024-01-01 10:00:00');"));
    CHECK(format_iso8601(q.events.timestamps()[0]) == "2024-01-01T10:00:00+00:00");
}

// Found by fuzz_ocel: an integer ocel_time of 2^63-1 seconds overflowed when made
// microseconds (undefined behaviour), a huge real one became no time at all, and a time
// before year 0 or after 9999 read but was written back as text that does not read.
TEST_CASE("OCEL times outside years 0000 to 9999 are refused", "[store][ocel]") {
    test::TempDir dir;
    const std::string table = "CREATE TABLE event_A(ocel_id TEXT, ocel_time TIMESTAMP);";
    const auto with_time = [&](const std::string& name, const std::string& value) {
        return make_db(dir, name, ocel_base + table + "INSERT INTO event_A VALUES ('e1', " + value + ");");
    };
    check_refused(with_time("a.sqlite", "9223372036854775807"),
                  "table event_A: 'e1': ocel_time out of range '9223372036854775807'");
    check_refused(with_time("b.sqlite", "-9223372036854775808"),
                  "table event_A: 'e1': ocel_time out of range '-9223372036854775808'");
    check_refused(with_time("c.sqlite", "1e300"), "table event_A: 'e1': ocel_time out of range '1.0e+300'");
    check_refused(with_time("d.sqlite", "253402300800"),
                  "table event_A: 'e1': ocel_time out of range '253402300800'");
    check_refused(with_time("e.sqlite", "'0000-01-01 00:00:00+01:00'"),
                  "table event_A: 'e1': ocel_time out of range '0000-01-01 00:00:00+01:00'");
    check_refused(with_time("f.sqlite", "'9999-12-31T23:59:59-00:30'"),
                  "table event_A: 'e1': ocel_time out of range '9999-12-31T23:59:59-00:30'");
    check_refused(make_db(dir, "g.sqlite",
                          ocel_base + event_a +
                              "CREATE TABLE object_T(ocel_id TEXT, ocel_time TIMESTAMP, colour TEXT);"
                              "INSERT INTO object_T VALUES ('o1', -62167219201, 'red');"),
                  "table object_T: 'o1': ocel_time out of range '-62167219201'");

    // The ends of the range read, and export and re-import keep them.
    const std::string ends = make_db(
        dir, "h.sqlite",
        ocel_base + table + "INSERT INTO event_A VALUES ('e1', 253402300799.5);" +
            "INSERT INTO event VALUES ('e2', 'A'); INSERT INTO event_A VALUES ('e2', -62167219200);" +
            "INSERT INTO event VALUES ('e3', 'A');"
            "INSERT INTO event_A VALUES ('e3', '9999-12-31T23:59:59.999999Z');");
    const OcelLog o = store::read_ocel_sqlite(ends);
    REQUIRE(o.events.num_events() == 3);
    CHECK(format_iso8601(o.events.timestamps()[0]) == "9999-12-31T23:59:59.500+00:00");
    CHECK(format_iso8601(o.events.timestamps()[1]) == "0000-01-01T00:00:00+00:00");
    CHECK(format_iso8601(o.events.timestamps()[2]) == "9999-12-31T23:59:59.999999+00:00");
    store::write_ocel_sqlite(o, dir.file("out.sqlite"));
    CHECK(store::read_ocel_sqlite(dir.file("out.sqlite")) == o);

    // An event attribute declared as a time but out of range stays text.
    const OcelLog a = store::read_ocel_sqlite(make_db(
        dir, "i.sqlite",
        ocel_base + "CREATE TABLE event_A(ocel_id TEXT, ocel_time TIMESTAMP, due TIMESTAMP, start TIMESTAMP);"
                    "INSERT INTO event_A VALUES ('e1', '2024-01-01', '9999-12-31T23:00:00-01:00', "
                    "'2024-01-02 00:00:00');"));
    const AttrColumn* due = a.events.event_attribute("due", AttrType::string);
    REQUIRE(due != nullptr);
    CHECK(a.events.values()[static_cast<Id>(due->values[0])] == "9999-12-31T23:00:00-01:00");
    const AttrColumn* start = a.events.event_attribute("start", AttrType::time);
    REQUIRE(start != nullptr);
    CHECK(format_iso8601(start->values[0]) == "2024-01-02T00:00:00+00:00");
}

namespace {

/// Rows of a two-column table of an SQLite file, as "a=b", in order.
std::vector<std::string> pairs(const std::string& path, const std::string& table) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    const std::string sql = "SELECT * FROM " + table + " ORDER BY 1";
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::vector<std::string> out;
    while (sqlite3_step(st) == SQLITE_ROW) {
        out.push_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) + "=" +
                      reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

} // namespace

// Found by fuzz_ocel: SQLite compares table and column names ignoring case, so types
// `Pay now` and `PAY NOW` both wrote a table event_Paynow/event_PAYNOW ("already exists"),
// a type `object` wrote over the standard table event_object, and an attribute column
// `OCEL_TIME` (or `ORG:RESOURCE` beside a resource) clashed with ocel_time ("duplicate
// column name"): write_ocel_sqlite threw a store_error.
TEST_CASE("OCEL export keeps table and column names apart ignoring case", "[store][ocel]") {
    EventLogBuilder b;
    EventFields f;
    f.timestamp = 1'000'000;
    const auto shouting = b.event_attribute("ORG:RESOURCE", AttrType::string);
    for (const char* type : {"Pay now", "PAY NOW", "object"}) {
        f.activity = b.activities().insert(type);
        f.resource = b.resources().insert("ann");
        b.add_event(std::string("e-") + type, f);
    }
    b.set_string(shouting, "Bob"); // the resource column org:resource is taken
    b.add_object("Order", "o1");
    b.add_object("ORDER", "o2");
    b.add_object("object", "o3");
    test::TempDir dir;
    const std::string out = dir.file("types.sqlite");
    store::write_ocel_sqlite(store::ocel_from_log(b.finish()), out);
    CHECK(pairs(out, "event_map_type") ==
          std::vector<std::string>{"PAY NOW=PAYNOW", "Pay now=Paynow2", "object=object2"});
    CHECK(pairs(out, "object_map_type") ==
          std::vector<std::string>{"ORDER=ORDER", "Order=Order2", "object=object2"});
    const OcelLog o = store::read_ocel_sqlite(out);
    REQUIRE(o.events.num_events() == 3);
    CHECK(o.events.case_name(2) == "e-object");
    CHECK(o.events.activity_names()[o.events.activities()[2]] == "object");
    CHECK(o.events.timestamps()[2] == 1'000'000);
    REQUIRE(o.objects.size() == 3);
    CHECK(o.objects[0].type == "ORDER");
    CHECK(o.objects[2].type == "object");
    CHECK(o.events.object_links().size() == 3);
    CHECK(o.events.resource_names()[o.events.resources()[2]] == "ann");
    const AttrColumn* bob = o.events.event_attribute("ORG:RESOURCE:string", AttrType::string);
    REQUIRE(bob != nullptr);
    CHECK(bob->rows == std::vector<std::uint32_t>{2});
    CHECK(o.events.values()[static_cast<Id>(bob->values[0])] == "Bob");
    store::write_ocel_sqlite(o, dir.file("again.sqlite"));
    CHECK(store::read_ocel_sqlite(dir.file("again.sqlite")) == o);

    // Attribute columns named like the standard ones in other case keep their values
    // under `<key>:<type>`.
    const std::string cols = make_db(
        dir, "cols.sqlite",
        ocel_base +
            "CREATE TABLE event_A(ocel_id TEXT, \"OCEL_TIME\" TEXT, \"Org:Resource\" TEXT);"
            "INSERT INTO event_A VALUES ('e1', 'late', 'Bob');"
            "CREATE TABLE object_T(ocel_id TEXT, ocel_time TIMESTAMP, \"OCEL_CHANGED_FIELD\" TEXT);"
            "INSERT INTO object_T VALUES ('o1', '2024-01-01 00:00:00', 'red');");
    const OcelLog c = store::read_ocel_sqlite(cols);
    store::write_ocel_sqlite(c, dir.file("cols-out.sqlite"));
    const OcelLog back = store::read_ocel_sqlite(dir.file("cols-out.sqlite"));
    const EventLog& log = back.events;
    REQUIRE(log.num_events() == 1);
    CHECK(log.timestamps()[0] == no_timestamp);
    CHECK(log.resources()[0] == no_id);
    const AttrColumn* late = log.event_attribute("OCEL_TIME:string", AttrType::string);
    REQUIRE(late != nullptr);
    CHECK(log.values()[static_cast<Id>(late->values[0])] == "late");
    const AttrColumn* mixed = log.event_attribute("Org:Resource", AttrType::string);
    REQUIRE(mixed != nullptr);
    CHECK(log.values()[static_cast<Id>(mixed->values[0])] == "Bob");
    REQUIRE(back.objects.size() == 1);
    REQUIRE(back.objects[0].attributes.size() == 1);
    CHECK(back.objects[0].attributes[0].key == "OCEL_CHANGED_FIELD:string");
    CHECK(back.objects[0].attributes[0].text == "red");
}
