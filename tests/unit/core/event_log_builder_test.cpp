#include <catch2/catch.hpp>

#include "../test_util.hpp"

#include <journey/core/error.hpp>
#include <journey/core/event_log_builder.hpp>

using namespace journey;

namespace {

EventFields ev(EventLogBuilder& b, std::string_view activity, Timestamp t,
               std::string_view resource = {}) {
    EventFields f;
    f.activity = b.activities().insert(activity);
    f.resource = b.resources().insert(resource);
    f.timestamp = t;
    return f;
}

std::vector<std::string> trace(const EventLog& log, std::size_t c) {
    std::vector<std::string> out;
    for (std::size_t i = log.case_begin(c); i < log.case_end(c); ++i) {
        out.emplace_back(log.activity_names()[log.activities()[i]]);
    }
    return out;
}

} // namespace

TEST_CASE("events in any order: cases by first appearance, events by time then arrival",
          "[core][builder]") {
    EventLogBuilder b;
    b.add_event("c2", ev(b, "x", 30));
    b.add_event("c1", ev(b, "b", 20));
    b.add_event("c2", ev(b, "w", 10));
    b.add_event("c1", ev(b, "a", 10));
    b.add_event("c1", ev(b, "tie-first", 20)); // same time as "b": keeps arrival order
    const EventLog log = b.finish();

    REQUIRE(log.num_cases() == 2);
    REQUIRE(log.num_events() == 5);
    CHECK(log.case_name(0) == "c2");
    CHECK(log.case_name(1) == "c1");
    CHECK(trace(log, 0) == std::vector<std::string>{"w", "x"});
    CHECK(trace(log, 1) == std::vector<std::string>{"a", "b", "tie-first"});
    CHECK(log.case_offsets().size() == 3);
    CHECK(log.timestamps()[2] == 10);
}

TEST_CASE("grouped form gives the same log as the any-order form", "[core][builder]") {
    EventLogBuilder g;
    g.begin_case("A");
    g.add_event(ev(g, "one", 5, "r1"));
    g.add_event(ev(g, "two", 3, "r2"));
    g.begin_case("B");
    g.add_event(ev(g, "three", 1));
    const EventLog grouped = g.finish();

    EventLogBuilder a;
    a.add_event("A", ev(a, "one", 5, "r1"));
    a.add_event("B", ev(a, "three", 1));
    a.add_event("A", ev(a, "two", 3, "r2"));
    const EventLog any = a.finish();

    CHECK(grouped == any);
    CHECK(trace(grouped, 0) == std::vector<std::string>{"two", "one"});
    CHECK(grouped.resource_names()[grouped.resources()[0]] == "r2");
}

TEST_CASE("attributes follow their events through sorting", "[core][builder]") {
    EventLogBuilder b;
    const auto amount = b.event_attribute("amount", AttrType::real);
    const auto reason = b.event_attribute("reason", AttrType::string);
    const auto region = b.case_attribute("region", AttrType::string);
    b.add_event("c", ev(b, "late", 100));
    b.set_real(amount, 2.5);
    b.add_event("c", ev(b, "early", 50));
    b.set_string(reason, "moved");
    b.set(region, b.values().insert("north"));
    b.set(reason, b.values().insert("moved again")); // second set on one event: last wins
    const EventLog log = b.finish();

    const AttrColumn* a = log.event_attribute("amount", AttrType::real);
    const AttrColumn* r = log.event_attribute("reason", AttrType::string);
    const AttrColumn* g = log.case_attribute("region", AttrType::string);
    REQUIRE(a != nullptr);
    REQUIRE(r != nullptr);
    REQUIRE(g != nullptr);
    CHECK(a->rows == std::vector<std::uint32_t>{1}); // "late" is now event 1
    CHECK(attr_real(a->values[0]) == 2.5);
    CHECK(r->rows == std::vector<std::uint32_t>{0});
    CHECK(log.values()[static_cast<Id>(r->values[0])] == "moved again");
    CHECK(g->rows == std::vector<std::uint32_t>{0});
    CHECK(log.event_attribute("amount", AttrType::integer) == nullptr);
    CHECK(log.event_attributes().size() == 2);
    CHECK(log.attribute_names()[log.event_attributes()[0].key] == "amount");
}

TEST_CASE("attribute columns by name: every type, event and case level apart", "[core][event_log]") {
    EventLogBuilder b;
    b.add_event("c", ev(b, "a", 1));
    b.set_real(b.event_attribute("amount", AttrType::real), 2.5);
    b.set_string(b.event_attribute("reason", AttrType::string), "moved");
    b.set(b.case_attribute("amount", AttrType::string), b.values().insert("high"));
    b.set(b.case_attribute("region", AttrType::string), b.values().insert("north"));
    b.add_event("c", ev(b, "b", 2));
    b.set(b.event_attribute("amount", AttrType::integer), 7); // the same name, another type
    const EventLog log = b.finish();

    const std::vector<const AttrColumn*> amount = log.event_attribute_columns("amount");
    REQUIRE(amount.size() == 2);
    CHECK(amount[0] == log.event_attribute("amount", AttrType::integer));
    CHECK(amount[1] == log.event_attribute("amount", AttrType::real));
    CHECK(amount[0]->rows == std::vector<std::uint32_t>{1});
    CHECK(amount[1]->rows == std::vector<std::uint32_t>{0});
    CHECK(log.event_attribute_columns("reason") ==
          std::vector<const AttrColumn*>{log.event_attribute("reason", AttrType::string)});
    CHECK(log.case_attribute_columns("amount") ==
          std::vector<const AttrColumn*>{log.case_attribute("amount", AttrType::string)});
    CHECK(log.event_attribute_columns("region").empty()); // a case attribute only
    CHECK(log.case_attribute_columns("reason").empty());  // an event attribute only
    CHECK(log.event_attribute_columns("missing").empty());
    CHECK(log.case_attribute_columns("missing").empty());
}

TEST_CASE("object links are remapped and sorted", "[core][builder]") {
    EventLogBuilder b;
    b.add_event("c", ev(b, "second", 2));
    b.add_object("meter", "M1");
    b.add_object("account", "A9", "billed");
    b.add_event("c", ev(b, "first", 1));
    b.add_object("account", "A1");
    const EventLog log = b.finish();
    const auto& links = log.object_links();
    REQUIRE(links.size() == 3);
    CHECK(links[0].event == 0);
    CHECK(log.object_ids()[links[0].object] == "A1");
    CHECK(links[1].event == 1);
    CHECK(log.object_types()[links[1].type] == "account");
    CHECK(log.values()[links[1].qualifier] == "billed");
    CHECK(log.object_types()[links[2].type] == "meter");
}

TEST_CASE("misuse is reported, not undefined", "[core][builder]") {
    EventLogBuilder b;
    CHECK_THROWS_AS(b.add_event(EventFields{}), error);
    const auto h = b.event_attribute("k", AttrType::integer);
    CHECK_THROWS_WITH(b.set(h, 1), "EventLogBuilder: event attribute set before any event");
    EventFields f;
    f.lifecycle = 300;
    CHECK_THROWS_WITH(b.add_event("c", f), "more than 255 distinct lifecycle values in one log");
}

TEST_CASE("empty log", "[core][builder]") {
    EventLogBuilder b;
    const EventLog log = b.finish();
    CHECK(log.num_cases() == 0);
    CHECK(log.num_events() == 0);
    CHECK(log.case_offsets().empty());
    CHECK(log == EventLog{});
}

TEST_CASE("core columns stay under 40 bytes per event", "[core][memory]") {
    EventLogBuilder b;
    const Id act = b.activities().insert("a");
    for (int c = 0; c < 1000; ++c) {
        const auto ci = b.begin_case(journey::test::numbered("case-", c));
        (void)ci;
        for (int i = 0; i < 20; ++i) {
            EventFields f;
            f.activity = act;
            f.timestamp = i;
            b.add_event(f);
        }
    }
    const EventLog log = b.finish();
    const double per_event =
        static_cast<double>(log.core_column_bytes()) / static_cast<double>(log.num_events());
    CHECK(per_event < 40.0);
}

TEST_CASE("equality compares names, not ids", "[core][event_log]") {
    EventLogBuilder x;
    x.activities().insert("unused"); // shifts ids
    x.add_event("c", ev(x, "a", 1));
    EventLogBuilder y;
    y.add_event("c", ev(y, "a", 1));
    const EventLog lx = x.finish();
    const EventLog ly = y.finish();
    CHECK(lx == ly);
    EventLogBuilder z;
    z.add_event("c", ev(z, "b", 1));
    CHECK_FALSE(lx == z.finish());
}
