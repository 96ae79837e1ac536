// OCEL 2.0 SQLite: the reference example imports with pm4py's counts; export and
// re-import give the same log; the store keeps objects and relations.

#include <catch2/catch.hpp>

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
