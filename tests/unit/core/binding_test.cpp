// bind(): events → touchpoints and classes, on a log built in memory and a model built
// in code (no parser involved).

#include <catch2/catch.hpp>

#include <journey/core/binding.hpp>
#include <journey/core/error.hpp>
#include <journey/core/event_log_builder.hpp>

using namespace journey;

namespace {

Predicate pred(EventField f, CompareOp op, std::vector<Literal> values, std::string attr = {}) {
    Predicate p;
    p.field = f;
    p.op = op;
    p.values = std::move(values);
    p.attribute = std::move(attr);
    return p;
}

Literal str(const char* s) {
    return Literal::string_value(s);
}

Predicate activity_is(const char* a) {
    return pred(EventField::activity, CompareOp::eq, {str(a)});
}

Touchpoint tp(const char* id, std::vector<Predicate> preds, std::int32_t priority = 0) {
    Touchpoint t;
    t.id = id;
    t.owner = "d";
    MatchRule r;
    r.condition.all = std::move(preds);
    r.priority = priority;
    t.match.push_back(std::move(r));
    return t;
}

EventClass cls(const char* id, std::vector<Predicate> preds) {
    EventClass c;
    c.id = id;
    Condition cond;
    cond.all = std::move(preds);
    c.any.push_back(std::move(cond));
    return c;
}

Journey model() {
    Journey j;
    j.source_attribute = "system";
    using F = EventField;
    using O = CompareOp;
    j.touchpoints = {
        tp("call", {activity_is("Call"), pred(F::attribute, O::eq, {str("move")}, "reason")}),
        tp("chase", {activity_is("Call"), pred(F::attribute, O::ne, {str("move")}, "reason")}),
        tp("read_out", {pred(F::activity, O::matches, {Literal::regex("^read", true)}),
                        pred(F::attribute, O::eq, {str("out")}, "why")}),
        tp("read_any", {pred(F::activity, O::matches, {Literal::regex("^Read")})}, -1),
        tp("big",
           {activity_is("Pay"), pred(F::attribute, O::ge, {Literal::number_value(100)}, "amount")}),
        tp("src", {pred(F::source, O::eq, {str("MDM")}), activity_is("Sync")}),
        tp("life", {pred(F::lifecycle, O::eq, {str("start")}), activity_is("Job")}),
        tp("by_case",
           {activity_is("Welcome"), pred(F::attribute, O::eq, {str("north")}, "region")}),
        tp("chan",
           {pred(F::channel, O::in, {Literal::identifier("web"), Literal::identifier("app")}),
            activity_is("Form")}),
        tp("res", {pred(F::resource, O::ne, {str("bot")}), activity_is("Check")}),
        tp("dup_a", {activity_is("Same")}),
        tp("dup_b", {activity_is("Same")}),
    };
    j.object_types = {{"bill", "", ObjectNaming::link, ""},
                      {"meter", "", ObjectNaming::attribute, "meter_id"},
                      {"move", "", ObjectNaming::pair, "MoveCase"}};
    j.classes = {
        cls("calls", {pred(F::touchpoint, O::in,
                           {Literal::identifier("call"), Literal::identifier("chase")})}),
        cls("customer", {pred(F::actor, O::eq, {Literal::identifier("customer")})}),
        cls("billed", {pred(F::object, O::eq, {Literal::identifier("bill")})}),
        cls("metered", {pred(F::object, O::eq, {Literal::identifier("meter")})}),
        cls("cased", {pred(F::object, O::eq, {Literal::identifier("move")})}),
        cls("lonely", {activity_is("Lonely"), pred(F::object, O::missing, {})}),
        cls("nothing", {activity_is("Nope")}),
    };
    return j;
}

// The log of the scenario (event indices in the comments of the test below).
EventLog scenario_log() {
    EventLogBuilder b;
    auto ev = [&](const char* c, const char* activity, std::int64_t minute) {
        EventFields f;
        f.activity = b.activities().insert(activity);
        f.timestamp = minute * 60 * micros_per_second;
        b.add_event(c, f);
    };
    const auto reason = b.event_attribute("reason", AttrType::string);
    const auto why = b.event_attribute("why", AttrType::string);
    const auto amount_i = b.event_attribute("amount", AttrType::integer);
    const auto amount_r = b.event_attribute("amount", AttrType::real);
    const auto system = b.event_attribute("system", AttrType::string);
    const auto actor = b.event_attribute("actor_type", AttrType::string);
    const auto meter = b.event_attribute("meter_id", AttrType::string);
    const auto otype = b.event_attribute("object_type", AttrType::string);
    const auto oid = b.event_attribute("object_id", AttrType::string);
    const auto region = b.case_attribute("region", AttrType::string);

    ev("c1", "Call", 1);
    b.set_string(reason, "move");
    b.set_string(actor, "customer");
    ev("c1", "Call", 2);
    b.set_string(reason, "status");
    ev("c1", "Call", 3); // no reason: != "move" holds for a missing value
    ev("c1", "Read done", 4);
    b.set_string(why, "out");
    ev("c1", "Read done", 5);
    b.set_string(why, "in");
    ev("c1", "Pay", 6);
    b.set(amount_i, 150);
    ev("c1", "Pay", 7);
    b.set_real(amount_r, 99.5);
    ev("c1", "Sync", 8);
    b.set_string(system, "MDM");
    {
        EventFields f;
        f.activity = b.activities().insert("Job");
        f.lifecycle = b.lifecycles().insert("start");
        f.timestamp = 9 * 60 * micros_per_second;
        b.add_event("c1", f);
        f.lifecycle = b.lifecycles().insert("complete");
        f.timestamp = 10 * 60 * micros_per_second;
        b.add_event("c1", f);
    }
    ev("c1", "Welcome", 11);
    {
        EventFields f;
        f.activity = b.activities().insert("Form");
        f.channel = b.channels().insert("web");
        f.timestamp = 12 * 60 * micros_per_second;
        b.add_event("c1", f);
        f.channel = b.channels().insert("phone");
        f.timestamp = 13 * 60 * micros_per_second;
        b.add_event("c1", f);
        f.activity = b.activities().insert("Check");
        f.channel = no_id;
        f.resource = b.resources().insert("bot");
        f.timestamp = 14 * 60 * micros_per_second;
        b.add_event("c1", f);
    }
    ev("c1", "Check", 15); // no resource
    ev("c1", "Invoice sent", 16);
    b.add_object("bill", "B-1");
    ev("c1", "Meter job", 17);
    b.set_string(meter, "M-1");
    ev("c1", "Move step", 18);
    b.set_string(otype, "MoveCase");
    b.set_string(oid, "MC-1");
    ev("c1", "Lonely", 19);
    ev("c1", "Mystery", 20);
    ev("c1", "Same", 21);
    b.set_case(region, b.case_index("c1"), b.values().insert("north"));
    ev("c2", "Welcome", 1);
    b.set_case(region, b.case_index("c2"), b.values().insert("south"));
    ev("c2", "Mystery", 2);
    ev("c2", "Lonely", 3);
    b.add_object("bill", "B-2");
    return b.finish();
}

std::string bound(const Journey& j, const Binding& b, std::size_t e) {
    return b.touchpoint[e] == Binding::unbound ? "-" : j.touchpoints[b.touchpoint[e]].id;
}

} // namespace

TEST_CASE("bind: each predicate kind and the precedence of rules", "[core][binding]") {
    const Journey j = model();
    const EventLog log = scenario_log();
    REQUIRE(log.num_events() == 24);
    const Binding b = bind(j, log);
    std::vector<std::string> got;
    for (std::size_t e = 0; e < log.num_events(); ++e) {
        got.push_back(bound(j, b, e));
    }
    const std::vector<std::string> want{"call", "chase", "chase", "read_out", "read_any", "big",
                                        "-",    "src",   "life",  "-",        "by_case",  "chan",
                                        "-",    "-",     "res",   "-",        "-",        "-",
                                        "-",    "-",     "dup_a", "-",        "-",        "-"};
    CHECK(got == want);
    CHECK(b.events == 24);
    CHECK(b.bound_events == 12);
    CHECK(b.touchpoint_events == std::vector<std::uint64_t>{1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0});
    CHECK(b.rule_events[11] == std::vector<std::uint64_t>{0});

    // Rules of two touchpoints matched: the higher priority, then the earlier one, won.
    REQUIRE(b.double_matches.size() == 2);
    CHECK(b.double_matches[0] == DoubleMatch{"Read done", 2, 3, 1, 3});
    CHECK(b.double_matches[1] == DoubleMatch{"Same", 10, 11, 1, 20});

    // Classes.
    CHECK(b.class_events[0] == std::vector<std::uint32_t>{0, 1, 2}); // touchpoint in [call, chase]
    CHECK(b.class_events[1] == std::vector<std::uint32_t>{0});       // actor = customer
    CHECK(b.class_events[2] == std::vector<std::uint32_t>{15, 23});  // links of type bill
    CHECK(b.class_events[3] == std::vector<std::uint32_t>{16});      // meter_id attribute
    CHECK(b.class_events[4] == std::vector<std::uint32_t>{17});      // object_type/object_id pair
    CHECK(b.class_events[5] == std::vector<std::uint32_t>{18});      // Lonely without an object
    CHECK(b.class_events[6].empty());

    CHECK(b.class_only_events == 5);
    CHECK(b.class_only ==
          std::vector<ActivityCount>{
              {"Lonely", 2}, {"Invoice sent", 1}, {"Meter job", 1}, {"Move step", 1}});
    CHECK(b.unmatched_events == 7);
    CHECK(b.unmatched ==
          std::vector<ActivityCount>{
              {"Mystery", 2}, {"Check", 1}, {"Form", 1}, {"Job", 1}, {"Pay", 1}, {"Welcome", 1}});
    CHECK_FALSE(b.complete());
}

TEST_CASE("bind: numbers compare numerically with numeric text, dates as ISO text",
          "[core][binding]") {
    EventLogBuilder b;
    const auto code = b.event_attribute("code", AttrType::string);
    const auto due = b.event_attribute("due", AttrType::time);
    for (const char* c : {"12.0", "12", "x12", "7"}) {
        EventFields f;
        f.activity = b.activities().insert(c);
        b.add_event("c", f);
        b.set_string(code, c);
        b.set(due, *parse_iso8601("2026-03-31T12:00:00Z"));
    }
    const EventLog log = b.finish();
    Journey j;
    j.classes = {
        cls("is12",
            {pred(EventField::attribute, CompareOp::eq, {Literal::number_value(12)}, "code")}),
        cls("lt10",
            {pred(EventField::attribute, CompareOp::lt, {Literal::number_value(10)}, "code")}),
        cls("early", {pred(EventField::attribute, CompareOp::lt, {str("2026-04-01")}, "due")}),
        cls("late", {pred(EventField::attribute, CompareOp::gt, {str("2026-04-01")}, "due")})};
    const Binding r = bind(j, log);
    CHECK(r.class_events[0] == std::vector<std::uint32_t>{0, 1});
    // "x12" is not a number: compared as text, "x12" > "10".
    CHECK(r.class_events[1] == std::vector<std::uint32_t>{3});
    CHECK(r.class_events[2] == std::vector<std::uint32_t>{0, 1, 2, 3});
    CHECK(r.class_events[3].empty());
}

TEST_CASE("bind: an empty model binds nothing; an empty log gives empty results",
          "[core][binding]") {
    const EventLog log = scenario_log();
    const Binding none = bind(Journey{}, log);
    CHECK(none.bound_events == 0);
    CHECK(none.unmatched_events == 24);
    CHECK(none.unmatched.front() == ActivityCount{"Call", 3});
    const Binding empty = bind(model(), EventLog{});
    CHECK(empty.events == 0);
    CHECK(empty.touchpoint_events.size() == 12);
    CHECK(empty.complete());
}

TEST_CASE("bind: a broken regular expression in a model built in code is a usage error",
          "[core][binding]") {
    Journey j;
    j.touchpoints.push_back(
        tp("t", {pred(EventField::activity, CompareOp::matches, {Literal::regex("a(")})}));
    CHECK_THROWS_WITH(bind(j, scenario_log()),
                      "touchpoint 't': bad regular expression /a(/: missing ')'");
}
