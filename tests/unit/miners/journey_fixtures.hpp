#pragma once
// Hand-built journey specs and logs for the scorecard, outcome, watermelon and
// attribution tests: small enough that every expected figure can be worked out by
// hand (the comments in the tests do so).

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <journey/core/calendar.hpp>
#include <journey/core/event_log.hpp>
#include <journey/core/event_log_builder.hpp>
#include <journey/core/model.hpp>

namespace journey::test {

// ---------------------------------------------------------------------------
// Spec pieces

inline Predicate pred(EventField f, CompareOp op, std::vector<Literal> values,
                      std::string attribute = {}) {
    Predicate p;
    p.field = f;
    p.op = op;
    p.values = std::move(values);
    p.attribute = std::move(attribute);
    return p;
}

inline Condition activity_is(const std::string& a) {
    return Condition{{pred(EventField::activity, CompareOp::eq, {Literal::string_value(a)})}};
}

inline Condition activity_in(std::initializer_list<std::string> names) {
    std::vector<Literal> v;
    for (const std::string& n : names) {
        v.push_back(Literal::string_value(n));
    }
    return Condition{{pred(EventField::activity, CompareOp::in, v)}};
}

inline Condition with(Condition c, Predicate p) {
    c.all.push_back(std::move(p));
    return c;
}

inline Selector sel_touchpoint(const std::string& id) {
    Selector s;
    s.kind = Selector::Kind::touchpoint;
    s.name = id;
    return s;
}
inline Selector sel_class(const std::string& id) {
    Selector s;
    s.kind = Selector::Kind::event_class;
    s.name = id;
    return s;
}
inline Selector sel_events(Condition c, Selector::Pick pick = Selector::Pick::first) {
    Selector s;
    s.kind = Selector::Kind::events;
    s.condition = std::move(c);
    s.pick = pick;
    return s;
}
inline Selector sel_start() {
    Selector s;
    s.kind = Selector::Kind::start;
    return s;
}
inline Selector sel_end() {
    Selector s;
    s.kind = Selector::Kind::end;
    return s;
}
inline Selector sel_attr(const std::string& name) {
    Selector s;
    s.kind = Selector::Kind::attribute;
    s.name = name;
    return s;
}

inline Measure m_count(Selector from) {
    Measure m;
    m.kind = Measure::Kind::count;
    m.from = std::move(from);
    return m;
}
inline Measure m_duration(Selector from, Selector to) {
    Measure m;
    m.kind = Measure::Kind::duration;
    m.from = std::move(from);
    m.to = std::move(to);
    return m;
}
inline Measure m_exists(Selector from) {
    Measure m;
    m.kind = Measure::Kind::exists;
    m.from = std::move(from);
    return m;
}
inline Measure m_time(Selector from) {
    Measure m;
    m.kind = Measure::Kind::time;
    m.from = std::move(from);
    return m;
}
inline Measure m_attr(const std::string& name) {
    Measure m;
    m.kind = Measure::Kind::attribute;
    m.attribute = name;
    return m;
}

inline Check check(Measure lhs, CompareOp op, Literal value) {
    Check c;
    c.lhs = std::move(lhs);
    c.op = op;
    c.value = std::move(value);
    return c;
}
inline Check check_exists(Measure lhs) {
    Check c;
    c.lhs = std::move(lhs);
    c.op = CompareOp::exists;
    return c;
}

inline Outcome outcome(const std::string& id, std::vector<Check> all, std::vector<Check> when = {},
                       bool lagging = false) {
    Outcome o;
    o.id = id;
    o.all = std::move(all);
    o.when = std::move(when);
    o.lagging = lagging;
    return o;
}

inline Thresholds target(double percent, std::optional<double> amber = std::nullopt) {
    Thresholds t;
    t.target_percent = percent;
    t.amber_percent = amber;
    return t;
}

inline Duration days(std::int64_t n) { return Duration{n, DurationUnit::days}; }
inline Duration hours(std::int64_t n) { return Duration{n, DurationUnit::hours}; }
inline Duration wd(std::int64_t n) { return Duration{n, DurationUnit::working_days}; }

inline Touchpoint touchpoint(const std::string& id, const std::string& owner, Condition match,
                             bool designed = true) {
    Touchpoint t;
    t.id = id;
    t.owner = owner;
    t.designed = designed;
    MatchRule r;
    r.condition = std::move(match);
    t.match.push_back(std::move(r));
    return t;
}

inline Sla sla(Selector from, Selector to, Duration within, std::optional<Thresholds> tgt,
               TimeBasis basis = TimeBasis::calendar) {
    Sla s;
    s.from = std::move(from);
    s.to = std::move(to);
    s.within = within;
    s.basis = within.unit == DurationUnit::working_days ? TimeBasis::business : basis;
    s.target = tgt;
    return s;
}

inline EventClass event_class(const std::string& id, ClassRole role, Condition c) {
    EventClass e;
    e.id = id;
    e.role = role;
    e.any.push_back(std::move(c));
    return e;
}

/// Monday to Friday 09:00-17:00 UTC.
inline Calendar office_calendar() {
    Calendar c;
    c.id = "office";
    WorkingHours h;
    h.days.push_back({Weekday::mon, Weekday::fri});
    h.times.push_back({9 * 60, 17 * 60});
    c.hours.push_back(h);
    return c;
}

// ---------------------------------------------------------------------------
// Logs

/// One event to add: activity, ISO time, department, and optional extras.
struct Ev {
    std::string activity;
    std::string time; ///< "2024-01-01T10:00:00Z"
    std::string department;
    std::vector<std::pair<std::string, std::string>> text = {};    ///< string attributes
    std::vector<std::pair<std::string, std::int64_t>> ints = {};  ///< integer attributes
    std::vector<std::pair<std::string, std::string>> objects = {}; ///< (type, id) links
};

inline EventLog build_log(const std::vector<std::pair<std::string, std::vector<Ev>>>& cases) {
    EventLogBuilder b;
    for (const auto& [name, events] : cases) {
        b.begin_case(name);
        for (const Ev& e : events) {
            EventFields f;
            f.activity = b.activities().insert(e.activity);
            f.department = b.departments().insert(e.department);
            f.timestamp = *parse_iso8601(e.time);
            b.add_event(f);
            for (const auto& [k, v] : e.text) {
                b.set_string(b.event_attribute(k, AttrType::string), v);
            }
            for (const auto& [k, v] : e.ints) {
                b.set(b.event_attribute(k, AttrType::integer), v);
            }
            for (const auto& [t, id] : e.objects) {
                b.add_object(t, id);
            }
        }
    }
    return b.finish();
}

inline Timestamp at(const char* iso) { return *parse_iso8601(iso); }

// ---------------------------------------------------------------------------
// The mini move: a four-touchpoint move-house journey used across the tests.
//
//   T1 notify   (CS)   "Move request"                       start milestone
//   T2 moveout  (MIMO) "Move-out received/processed"        SLA received -> processed within 2wd, 90 %
//   T3 bill     (BIL)  "Bill issued"                         SLA "Read taken" -> T3 within 48h, 90 % (amber 80)
//   T4 contact  (CS)   "Call" (ad hoc)                       KPI wait_s <= 60, 80 %
//   end = T3 unless class correction within 30d
//   J1 duration(start -> end) <= 30d   J2 count(class failure) < 2   J3 count(class correction) = 0
//   J4 count(class complaint) = 0      J6 attr score >= 7 when exists(class survey)
//   churn: count(event(activity = "Switched away")) = 0 (lagging)

inline Journey mini_move_spec() {
    Journey j;
    j.name = "mini move";
    j.calendars.push_back(office_calendar());
    for (const char* d : {"CS", "MIMO", "MET", "BIL"}) {
        Department dep;
        dep.id = d;
        dep.calendar = std::string(d) == "CS" ? "" : "office";
        j.departments.push_back(dep);
    }
    j.touchpoints.push_back(touchpoint("T1", "CS", activity_is("Move request")));
    Touchpoint t2 = touchpoint("T2", "MIMO", activity_in({"Move-out received", "Move-out processed"}));
    t2.slas.push_back(sla(sel_events(activity_is("Move-out received")),
                          sel_events(activity_is("Move-out processed")), wd(2), target(90)));
    j.touchpoints.push_back(t2);
    Touchpoint t3 = touchpoint("T3", "BIL", activity_is("Bill issued"));
    t3.slas.push_back(sla(sel_events(activity_is("Read taken")), sel_touchpoint("T3"), hours(48),
                          target(90, 80)));
    j.touchpoints.push_back(t3);
    Touchpoint t4 = touchpoint("T4", "CS", activity_is("Call"), false);
    Kpi k;
    k.id = "answered";
    k.label = "answered within 60 s";
    k.condition = Condition{{pred(EventField::attribute, CompareOp::le,
                                  {Literal::number_value(60)}, "wait_s")}};
    k.target = target(80);
    t4.kpis.push_back(k);
    j.touchpoints.push_back(t4);

    j.classes.push_back(event_class(
        "failure", ClassRole::failure_demand,
        with(activity_is("Call"),
             pred(EventField::attribute, CompareOp::ne, {Literal::string_value("move")}, "reason"))));
    j.classes.push_back(event_class("correction", ClassRole::correction, activity_is("Bill cancelled")));
    j.classes.push_back(event_class("complaint", ClassRole::complaint, activity_is("Complaint")));
    j.classes.push_back(event_class("survey", ClassRole::survey, activity_is("Survey")));

    j.start = sel_touchpoint("T1");
    j.end = sel_touchpoint("T3");
    j.end_unless = sel_class("correction");
    j.lookahead = days(30);

    j.outcomes.push_back(outcome(
        "J1", {check(m_duration(sel_start(), sel_end()), CompareOp::le, Literal::duration_value(days(30)))}));
    j.outcomes.push_back(
        outcome("J2", {check(m_count(sel_class("failure")), CompareOp::lt, Literal::number_value(2))}));
    j.outcomes.push_back(
        outcome("J3", {check(m_count(sel_class("correction")), CompareOp::eq, Literal::number_value(0))}));
    j.outcomes.push_back(
        outcome("J4", {check(m_count(sel_class("complaint")), CompareOp::eq, Literal::number_value(0))}));
    j.outcomes.push_back(outcome("J6", {check(m_attr("score"), CompareOp::ge, Literal::number_value(7))},
                                 {check_exists(m_exists(sel_class("survey")))}));
    j.outcomes.push_back(outcome("churn",
                                 {check(m_count(sel_events(activity_is("Switched away"))),
                                        CompareOp::eq, Literal::number_value(0))},
                                 {}, true));
    j.success = target(70);
    return j;
}

/// Seven cases of the mini move (worked through in outcomes_test.cpp):
/// A green, B red (failure demand, low score, churn), C red (rework; T2 late),
/// D censored (no bill), E no start, F green with two SLA breaches, G censored
/// (look-ahead window not over by 2024-06-01).
inline EventLog mini_move_log() {
    return build_log({
        {"A",
         {{"Move request", "2024-01-01T10:00:00Z", "CS"},
          {"Call", "2024-01-01T10:01:00Z", "CS", {{"reason", "move"}}, {{"wait_s", 30}}},
          {"Move-out received", "2024-01-01T10:05:00Z", "MIMO"},
          {"Move-out processed", "2024-01-03T12:00:00Z", "MIMO"},
          {"Read taken", "2024-01-04T09:00:00Z", "MET"},
          {"Bill issued", "2024-01-05T09:00:00Z", "BIL"},
          {"Survey", "2024-01-20T12:00:00Z", "CXI", {}, {{"score", 9}}}}},
        {"B",
         {{"Move request", "2024-01-08T10:00:00Z", "CS"},
          {"Move-out received", "2024-01-08T10:10:00Z", "MIMO"},
          {"Move-out processed", "2024-01-09T11:00:00Z", "MIMO"},
          {"Call", "2024-01-12T10:00:00Z", "CS", {{"reason", "status"}}, {{"wait_s", 30}}},
          {"Call", "2024-01-15T10:00:00Z", "CS", {{"reason", "status"}}, {{"wait_s", 40}}},
          {"Read taken", "2024-01-16T09:00:00Z", "MET"},
          {"Bill issued", "2024-01-17T09:00:00Z", "BIL"},
          {"Survey", "2024-01-25T12:00:00Z", "CXI", {}, {{"score", 3}}},
          {"Switched away", "2024-02-01T12:00:00Z", "MKT"}}},
        {"C",
         {{"Move request", "2024-01-15T09:30:00Z", "CS"},
          {"Move-out received", "2024-01-15T09:40:00Z", "MIMO"},
          {"Move-out processed", "2024-01-19T16:00:00Z", "MIMO"},
          {"Read taken", "2024-01-22T09:00:00Z", "MET"},
          {"Bill issued", "2024-01-22T15:00:00Z", "BIL"},
          {"Bill cancelled", "2024-02-01T10:00:00Z", "BIL"},
          {"Bill issued", "2024-02-05T10:00:00Z", "BIL"}}},
        {"D",
         {{"Move request", "2024-05-20T10:00:00Z", "CS"},
          {"Move-out received", "2024-05-20T10:05:00Z", "MIMO"}}},
        {"E", {{"Call", "2024-01-03T10:00:00Z", "CS", {{"reason", "status"}}, {{"wait_s", 10}}}}},
        {"F",
         {{"Move request", "2024-02-05T10:00:00Z", "CS"},
          {"Move-out received", "2024-02-05T10:05:00Z", "MIMO"},
          {"Move-out processed", "2024-02-12T10:00:00Z", "MIMO"},
          {"Read taken", "2024-02-13T09:00:00Z", "MET"},
          {"Bill issued", "2024-02-16T09:00:00Z", "BIL"}}},
        {"G",
         {{"Move request", "2024-05-10T10:00:00Z", "CS"},
          {"Bill issued", "2024-05-20T10:00:00Z", "BIL"}}},
    });
}

/// The extraction time used with mini_move_log().
inline Timestamp mini_move_as_of() { return at("2024-06-01T00:00:00Z"); }

} // namespace journey::test
