// Journey outcomes: milestones, censoring, the J criteria, SLA clocks (restarts,
// pauses, business time), and the per-journey red flag. Every expected value is
// worked out by hand in the comments from the fixtures in journey_fixtures.hpp.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include <journey/core/error.hpp>
#include <journey/dsl/compile.hpp>
#include <journey/io/csv.hpp>
#include <journey/miners/outcomes.hpp>

#include "journey_fixtures.hpp"

using namespace journey;
using namespace journey::test;
using journey::miners::JourneyEvaluator;
using journey::miners::JourneyResult;
using journey::miners::JourneyState;

namespace {

miners::EvaluationOptions as_of_june() {
    miners::EvaluationOptions o;
    o.as_of = mini_move_as_of();
    return o;
}

} // namespace

TEST_CASE("Journey states of the mini move", "[miners][outcomes]") {
    const Journey spec = mini_move_spec();
    const EventLog log = mini_move_log();
    const std::vector<JourneyState> s = miners::journey_states(spec, log, as_of_june());
    // A green; B red (two failure calls, score 3); C red (bill cancelled: rework);
    // D censored (no bill); E no start (no move request); F green (late, but every
    // criterion met); G censored (bill on 05-20, its 30-day look-ahead ends 06-19).
    CHECK(s == std::vector<JourneyState>{JourneyState::green, JourneyState::red, JourneyState::red,
                                         JourneyState::censored, JourneyState::no_start,
                                         JourneyState::green, JourneyState::censored});
    CHECK(miners::journey_state_name(JourneyState::no_start) == "no_start");
    CHECK(miners::journey_state_name(JourneyState::censored) == "censored");
}

TEST_CASE("Outcome results per journey", "[miners][outcomes]") {
    const Journey spec = mini_move_spec();
    const EventLog log = mini_move_log();
    const miners::JourneyOutcomes o = miners::evaluate_outcomes(spec, log, as_of_june());
    REQUIRE(o.outcome_ids == std::vector<std::string>{"J1", "J2", "J3", "J4", "J6", "churn"});
    auto row = [&](std::size_t c) {
        std::vector<int> r;
        for (std::size_t k = 0; k < o.outcome_ids.size(); ++k) {
            r.push_back(o.result(c, k));
        }
        return r;
    };
    // A: 4 days, no failure, survey 9.
    CHECK(row(0) == std::vector<int>{1, 1, 1, 1, 1, 1});
    // B: 8d23h; two status calls (J2 fails); score 3 (J6 fails); switched away (churn).
    CHECK(row(1) == std::vector<int>{1, 0, 1, 1, 0, 0});
    // C: the first bill is cancelled within 30 days, so the end is the second bill,
    // 21 days after the start (J1 met); one correction (J3 fails); not surveyed.
    CHECK(row(2) == std::vector<int>{1, 1, 0, 1, -1, 1});
    // D: no end yet, so the duration to the end is unbounded (J1 fails, but D is censored).
    CHECK(row(3) == std::vector<int>{0, 1, 1, 1, -1, 1});
    // E: no start: the duration has no start (not counted); one status call.
    CHECK(row(4) == std::vector<int>{-1, 1, 1, 1, -1, 1});
    CHECK(row(5) == std::vector<int>{1, 1, 1, 1, -1, 1});
    CHECK(o.score[0] == 9.0);
    CHECK(o.score[1] == 3.0);
    CHECK(std::isnan(o.score[2]));
    CHECK(o.start[2] == at("2024-01-15T09:30:00Z"));
    CHECK(o.end[2] == at("2024-02-05T10:00:00Z"));
    CHECK(o.end[3] == no_timestamp);
    CHECK(o.start[4] == no_timestamp);
}

TEST_CASE("Evaluator details of one journey", "[miners][outcomes]") {
    const Journey spec = mini_move_spec();
    const EventLog log = mini_move_log();
    const JourneyEvaluator ev(spec, log, as_of_june());
    CHECK(ev.score_attribute() == "score");
    CHECK(ev.as_of() == mini_move_as_of());
    REQUIRE(ev.measures().size() == 3);
    CHECK(ev.measures()[0].key == "T2");
    CHECK(ev.measures()[0].description == "within 2wd (business)");
    CHECK(ev.measures()[1].key == "T3");
    CHECK(ev.measures()[1].description == "within 48h (calendar)");
    CHECK(ev.measures()[2].key == "T4");
    CHECK(ev.measures()[2].kind == miners::MeasureInfo::Kind::kpi);
    CHECK(ev.measures()[2].description == "answered within 60 s");

    const JourneyResult a = ev.evaluate(0);
    CHECK(a.state == JourneyState::green);
    CHECK(a.start == at("2024-01-01T10:00:00Z"));
    CHECK(a.end == at("2024-01-05T09:00:00Z"));
    REQUIRE(a.instances.size() == 2);
    // T2: received Mon 10:05, processed Wed 12:00; 2wd deadline = Wed 17:00: met.
    CHECK(a.instances[0].measure == 0);
    CHECK(a.instances[0].start == at("2024-01-01T10:05:00Z"));
    CHECK(a.instances[0].stop == at("2024-01-03T12:00:00Z"));
    CHECK(a.instances[0].met);
    // T3: read Thu 09:00, bill Fri 09:00: 24 h <= 48 h.
    CHECK(a.instances[1].measure == 1);
    CHECK(a.instances[1].met);
    CHECK(a.kpi_instances == std::vector<std::uint32_t>{0, 0, 1});
    CHECK(a.kpi_met == std::vector<std::uint32_t>{0, 0, 1});
    // Dark time: journey 95 h; clocks cover 49 h 55 min + 24 h = 4435 min of 5700.
    CHECK(a.dark_share == Approx(1.0 - 4435.0 / 5700.0).epsilon(1e-12));

    // C: T2 received Mon 09:40, deadline Wed 17:00, processed Fri 16:00: breached.
    const JourneyResult c = ev.evaluate(2);
    REQUIRE(c.instances.size() == 2);
    CHECK_FALSE(c.instances[0].met);
    // T3 stops at the first bill (6 h); the second bill has no open clock.
    CHECK(c.instances[1].met);
    CHECK(c.instances[1].stop == at("2024-01-22T15:00:00Z"));

    // D: T2 still open at the end of the case.
    const JourneyResult d = ev.evaluate(3);
    REQUIRE(d.instances.size() == 1);
    CHECK(d.instances[0].open);
    CHECK(d.instances[0].stop == no_timestamp);
    CHECK(std::isnan(d.dark_share));

    // F: T2 (deadline Wed 02-07 17:00, processed Mon 02-12) and T3 (72 h) breached.
    const JourneyResult f = ev.evaluate(5);
    REQUIRE(f.instances.size() == 2);
    CHECK_FALSE(f.instances[0].met);
    CHECK_FALSE(f.instances[1].met);
    CHECK(f.state == JourneyState::green);

    // E: no start, but the touchpoint KPI still counts its call.
    const JourneyResult e = ev.evaluate(4);
    CHECK(e.state == JourneyState::no_start);
    CHECK(e.kpi_instances[2] == 1);
    CHECK(e.kpi_met[2] == 1);
}

TEST_CASE("The extraction time defaults to the latest event", "[miners][outcomes]") {
    const Journey spec = mini_move_spec();
    const EventLog log = mini_move_log();
    const JourneyEvaluator ev(spec, log);
    // D's move-out received at 2024-05-20T10:05 is the latest event.
    CHECK(ev.as_of() == at("2024-05-20T10:05:00Z"));
    CHECK(ev.evaluate(2).state == JourneyState::red);
    CHECK(ev.evaluate(6).state == JourneyState::censored);
    // Moving the extraction time past G's look-ahead window (2024-06-19T10:00) ends it.
    miners::EvaluationOptions later;
    later.as_of = at("2024-06-19T10:00:00Z");
    const JourneyEvaluator ev2(spec, log, later);
    const JourneyResult g = ev2.evaluate(6);
    CHECK(g.state == JourneyState::green);
    CHECK(g.end == at("2024-05-20T10:00:00Z"));
}

TEST_CASE("A spec without an end milestone ends at the last event", "[miners][outcomes]") {
    Journey spec = mini_move_spec();
    spec.end = Selector{};
    spec.end_unless = Selector{};
    const EventLog log = mini_move_log();
    const JourneyEvaluator ev(spec, log, as_of_june());
    // D now ends at its last event (5 minutes after the start) and meets every criterion.
    const JourneyResult d = ev.evaluate(3);
    CHECK(d.state == JourneyState::green);
    CHECK(d.end == at("2024-05-20T10:05:00Z"));
    CHECK(d.outcomes[0] == 1);
    // C ends at its last event, the second bill: the cancellation still fails J3.
    const JourneyResult c = ev.evaluate(2);
    CHECK(c.state == JourneyState::red);
    CHECK(c.end == at("2024-02-05T10:00:00Z"));
}

namespace {

/// One touchpoint with several clocks over the same events (see the test below).
Journey clock_spec() {
    Journey j;
    j.calendars.push_back(office_calendar());
    Department bo;
    bo.id = "BO";
    bo.calendar = "office";
    j.departments.push_back(bo);
    Touchpoint t = touchpoint("T1", "BO", activity_in({"Received", "Resubmitted", "Done"}));
    const Selector from = sel_events(activity_in({"Received", "Resubmitted"}));
    const Selector to = sel_events(activity_is("Done"));
    Pause pause;
    pause.from = sel_events(activity_is("Wait"));
    pause.to = sel_events(activity_is("Reply"));
    Sla a = sla(from, to, hours(8), target(90), TimeBasis::business);
    a.id = "a";
    a.pauses.push_back(pause);
    Sla b = sla(from, to, hours(24), target(90), TimeBasis::calendar);
    b.id = "b";
    b.pauses.push_back(pause);
    Sla c = sla(from, to, hours(8), target(90), TimeBasis::business);
    c.id = "c";
    Sla d = sla(from, to, wd(0), target(90));
    d.id = "d";
    d.pauses.push_back(pause);
    Sla e = sla(from, to, wd(0), target(90));
    e.id = "e";
    for (Sla* s : {&a, &b, &c, &d, &e}) {
        t.slas.push_back(*s);
    }
    j.touchpoints.push_back(t);
    return j;
}

} // namespace

TEST_CASE("SLA clocks restart, pause and run on business time", "[miners][outcomes]") {
    const Journey spec = clock_spec();
    // Mon 2024-01-01 is a Monday; office hours 09:00-17:00.
    const EventLog log = build_log({
        {"X",
         {{"Received", "2024-01-01T16:00:00Z", "BO"},
          {"Resubmitted", "2024-01-02T10:00:00Z", "BO"}, // restarts the clock
          {"Wait", "2024-01-02T11:00:00Z", "BO"},
          {"Reply", "2024-01-03T11:00:00Z", "BO"}, // pause: 24 h elapsed, 8 working hours
          {"Done", "2024-01-03T15:00:00Z", "BO"},
          {"Received", "2024-01-04T09:00:00Z", "BO"}}}, // never done: open
        {"Y",
         {{"Done", "2024-01-01T09:00:00Z", "BO"}, // no clock running: ignored
          {"Received", "2024-01-01T10:00:00Z", "BO"},
          {"Done", "2024-01-01T11:00:00Z", "BO"}}},
    });
    const JourneyEvaluator ev(spec, log);
    REQUIRE(ev.measures().size() == 5);
    CHECK(ev.measures()[0].key == "T1/a");
    CHECK(ev.measures()[3].description == "within 0wd (business)");

    const JourneyResult x = ev.evaluate(0);
    // Per clock: one stopped instance (Tue 10:00 -> Wed 15:00) and one open one.
    REQUIRE(x.instances.size() == 10);
    for (std::size_t m = 0; m < 5; ++m) {
        const miners::SlaInstance& stopped = x.instances[2 * m];
        const miners::SlaInstance& open = x.instances[2 * m + 1];
        CHECK(stopped.measure == m);
        CHECK(stopped.start == at("2024-01-02T10:00:00Z"));
        CHECK(stopped.stop == at("2024-01-03T15:00:00Z"));
        CHECK_FALSE(stopped.open);
        CHECK(open.open);
        CHECK(open.start == at("2024-01-04T09:00:00Z"));
        CHECK_FALSE(open.met);
    }
    // a: working time Tue 10-17 (7 h) + Wed 9-15 (6 h) = 13 h, minus 8 paused: 5 h <= 8 h.
    CHECK(x.instances[0].met);
    // b: elapsed 29 h minus the 24 h pause: 5 h <= 24 h.
    CHECK(x.instances[2].met);
    // c: 13 working hours, no pause: over 8 h.
    CHECK_FALSE(x.instances[4].met);
    // d: 0wd from Tue 10:00 = Tue 17:00, moved on by 8 paused working hours = Wed 17:00.
    CHECK(x.instances[6].met);
    // e: Tue 17:00 without the pause: breached.
    CHECK_FALSE(x.instances[8].met);

    const JourneyResult y = ev.evaluate(1);
    REQUIRE(y.instances.size() == 5);
    CHECK(y.instances[0].start == at("2024-01-01T10:00:00Z"));
    CHECK(y.instances[0].stop == at("2024-01-01T11:00:00Z"));
    CHECK(y.instances[0].met);
}

TEST_CASE("Checks compare times, attributes, windows and business durations",
          "[miners][outcomes]") {
    Journey spec = clock_spec();
    spec.touchpoints[0].slas.clear();
    spec.start = sel_events(activity_is("Received"));
    // No end milestone: the journey ends at its last event.
    Check promised;
    promised.lhs = m_time(sel_events(activity_is("Done")));
    promised.op = CompareOp::le;
    promised.rhs = m_attr("promised");
    promised.offset = days(1);
    spec.outcomes.push_back(outcome("K1", {promised}));
    spec.outcomes.push_back(
        outcome("K2", {check(m_attr("channel"), CompareOp::eq, Literal::string_value("web"))}));
    Measure windowed = m_count(sel_events(activity_is("Received")));
    windowed.window = days(1);
    windowed.window_after = sel_start();
    spec.outcomes.push_back(outcome("K3", {check(windowed, CompareOp::ge, Literal::number_value(1))}));
    Measure business = m_duration(sel_start(), sel_events(activity_is("Done")));
    business.basis = TimeBasis::business;
    business.calendar = "office";
    spec.outcomes.push_back(
        outcome("K4", {check(business, CompareOp::le, Literal::duration_value(wd(2)))}));
    spec.outcomes.push_back(
        outcome("K5", {check(m_attr("nothing"), CompareOp::ge, Literal::number_value(1))}));
    spec.outcomes.push_back(outcome(
        "K6", {check(m_duration(sel_start(), sel_events(activity_is("Never"))), CompareOp::le,
                     Literal::duration_value(days(30)))}));
    spec.outcomes.push_back(outcome("K7", {check_exists(m_exists(sel_events(activity_is("Wait"))))}));
    spec.outcomes.push_back(outcome(
        "K8", {check(business, CompareOp::le, Literal::duration_value(hours(4)))}));

    const EventLog log = build_log({
        {"X",
         {{"Received", "2024-01-01T16:00:00Z", "BO", {{"promised", "2024-01-02"}, {"channel", "web"}}},
          {"Resubmitted", "2024-01-02T10:00:00Z", "BO"},
          {"Wait", "2024-01-02T11:00:00Z", "BO"},
          {"Reply", "2024-01-03T11:00:00Z", "BO"},
          {"Done", "2024-01-03T15:00:00Z", "BO"}}},
    });
    const JourneyEvaluator ev(spec, log);
    const JourneyResult x = ev.evaluate(0);
    // K1: done Wed 15:00 > promised 01-02 + 1d = Wed 00:00: failed.
    // K2: channel "web": met. K3: one Received within a day of the start: met.
    // K4: 2wd from Mon 16:00 = Wed 17:00 >= done Wed 15:00: met.
    // K5: no such attribute: not counted. K6: "Never" never happens: failed.
    // K7: a Wait exists: met. K8: working time Mon 16-17, Tue 8 h, Wed 9-15 = 15 h > 4 h.
    CHECK(x.outcomes == std::vector<std::int8_t>{0, 1, 1, 1, -1, 0, 1, 0});
    CHECK(x.state == JourneyState::red);
    CHECK(x.end == at("2024-01-03T15:00:00Z"));
}

TEST_CASE("A bad regular expression in the spec is a usage error", "[miners][outcomes]") {
    Journey spec = mini_move_spec();
    spec.classes.push_back(event_class(
        "bad", ClassRole::none,
        Condition{{pred(EventField::activity, CompareOp::matches, {Literal::regex("(")})}}));
    const EventLog log = mini_move_log();
    CHECK_THROWS_AS(JourneyEvaluator(spec, log), usage_error);
}

TEST_CASE("An empty log and an empty spec evaluate to nothing", "[miners][outcomes]") {
    const EventLog empty;
    const Journey spec = mini_move_spec();
    CHECK(miners::journey_states(spec, empty).empty());
    const Journey bare;
    const EventLog log = mini_move_log();
    // No milestones, no outcomes: every case runs from its first to its last event, green.
    const auto s = miners::journey_states(bare, log);
    CHECK(s.size() == 7);
    CHECK(std::all_of(s.begin(), s.end(), [](JourneyState x) { return x == JourneyState::green; }));
}

TEST_CASE("A duration from later(attr, start) counts from whichever came last",
          "[miners][outcomes]") {
    dsl::SourceManager sources;
    const dsl::CompileResult spec = dsl::compile_text(sources, "later.journey", R"(journey "J" {
  starts at a
  ends at b
  department d "Desk"
  touchpoint a { owner d; match activity = "A" }
  touchpoint b { owner d; match activity = "B" }
  outcome on_time = duration(later(attr move_date, start) -> end) <= 10d
}
)");
    REQUIRE_FALSE(spec.has_errors());
    const EventLog log = io::read_csv("case_id,activity,timestamp,move_date\n"
                                      "early,A,2024-01-01T10:00:00Z,2024-01-20\n"
                                      "early,B,2024-01-25T10:00:00Z,\n"
                                      "late,A,2024-02-10T10:00:00Z,2024-02-01\n"
                                      "late,B,2024-02-15T10:00:00Z,\n"
                                      "slow,A,2024-03-01T10:00:00Z,2024-03-05\n"
                                      "slow,B,2024-03-20T10:00:00Z,\n"
                                      "nodate,A,2024-04-01T10:00:00Z,\n"
                                      "nodate,B,2024-04-05T10:00:00Z,\n",
                                      io::ReadOptions{}, "later.csv")
                             .log;
    const miners::JourneyOutcomes o = miners::evaluate_outcomes(spec.model, log);
    REQUIRE(log.num_cases() == 4);
    // early: from the move date (01-20) to 01-25, 5 d (from the start it would be 24 d).
    // late: from the notification (02-10) to 02-15, 5 d (from the move date 14 d).
    // slow: from the move date (03-05) to 03-20, 15 d. nodate: from the start, 4 d.
    std::vector<int> met;
    for (std::size_t c = 0; c < log.num_cases(); ++c) {
        met.push_back(o.result(c, 0));
    }
    CHECK(met == std::vector<int>{1, 1, 0, 1});
}
