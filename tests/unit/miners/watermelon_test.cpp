// The watermelon detector: hand-computed figures on the mini move (journey_fixtures.hpp),
// verdicts on planted logs whose counts are fixed by construction, and merging.

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <journey/miners/watermelon.hpp>

#include "../test_util.hpp"
#include "journey_fixtures.hpp"

using namespace journey;
using namespace journey::test;
using miners::Verdict;

namespace {

miners::WatermelonReport mini_report() {
    Journey spec = mini_move_spec();
    Segment month;
    month.id = "month";
    month.kind = Segment::Kind::month;
    spec.segments.push_back(month);
    miners::EvaluationOptions eo;
    eo.as_of = mini_move_as_of();
    miners::WatermelonOptions wo;
    wo.min_journeys = 1;
    return miners::detect_watermelon(spec, mini_move_log(), eo, wo);
}

} // namespace

TEST_CASE("Watermelon figures of the mini move", "[miners][watermelon]") {
    const miners::WatermelonReport r = mini_report();
    // The dashboard is red (T2 at 50 %, T3 at 75 %): an honest red, no watermelon flag.
    CHECK(r.verdict == Verdict::red);
    CHECK_FALSE(r.flag);
    CHECK(r.verdict_text ==
          "Red: the dashboard shows it; 2 of 3 touchpoint measures miss their target (lowest T2 at "
          "50.0%), and 50.0% of journeys succeed.");
    CHECK(r.inside_target == 0.7);
    CHECK(r.gap == 0.75 - 0.5);

    // W4/W5. Breaches: A 0 of 3, B 0 of 4, C 1 of 2, F 2 of 2. Red B, C; green A, F.
    const miners::Discrimination& d = r.discrimination;
    CHECK(d.red == 2);
    CHECK(d.green == 2);
    CHECK(d.hidden_red_share == 0.5);  // B
    CHECK(d.clean_green_share == 0.5); // A
    CHECK(d.sla_clean_share == 0.5);
    // Pairs (red, green): (B 0, A 0) ½, (B 0, F 1) 0, (C ½, A 0) 1, (C ½, F 1) 0.
    CHECK(d.auc == 0.375);
    // P(red | breach) = 1/2 (C of C, F); P(red) = 1/2.
    CHECK(d.lift == 1.0);

    // W6: (0.5 · 0.75)^(4/7) · 1^(4/7).
    CHECK(r.compounding.expected_clean == Approx(std::pow(0.375, 4.0 / 7)).epsilon(1e-12));
    CHECK(r.compounding.observed_clean == 0.5);
    CHECK(r.compounding.success_rate == 0.5);

    // W7: no objects in this log, so a correction anywhere later in the journey within
    // 30 days judges an output. C's bill cancellation (02-01) follows its T2 output
    // (01-19, late) and its first bill (01-22, on time).
    REQUIRE(r.timely_but_wrong.size() == 2);
    const miners::TimelyButWrong& t2 = r.timely_but_wrong[0];
    CHECK(t2.measure == "T2");
    CHECK(t2.outputs == 4);
    CHECK(t2.on_time == 2);
    CHECK(t2.corrected == 1);
    CHECK(t2.on_time_corrected == 0);
    CHECK(t2.accuracy == 0.75);
    CHECK(t2.gap == 0.5 - 0.75);
    const miners::TimelyButWrong& t3 = r.timely_but_wrong[1];
    CHECK(t3.outputs == 4);
    CHECK(t3.on_time_corrected == 1);
    CHECK(t3.timely_but_wrong == 0.25);
    CHECK(t3.attainment == 0.75);
    CHECK(t3.gap == 0.0);

    // W8, minutes: A 1 − 4435/5700; B 1 − 2930/12900; C 1 − 6500/30270; F 1 − 14395/15780.
    const double a = 1 - 4435.0 / 5700, b = 1 - 2930.0 / 12900, c = 1 - 6500.0 / 30270,
                 f = 1 - 14395.0 / 15780;
    CHECK(r.dark_time.journeys == 4);
    CHECK(r.dark_time.mean_share == Approx((a + b + c + f) / 4).epsilon(1e-12));
    CHECK(r.dark_time.median_share == Approx((a + b) / 2).epsilon(1e-12));

    // W9: two surveyed journeys, A 9 (green) and B 3 (red).
    CHECK(r.scores.attribute == "score");
    CHECK(r.scores.surveyed == 2);
    CHECK(r.scores.mean == 6.0);
    CHECK(r.scores.mean_red == 3.0);
    CHECK(r.scores.mean_green == 9.0);
    CHECK(r.scores.integer_scale);
    CHECK(r.scores.histogram == std::vector<std::uint64_t>{0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0});
    CHECK(r.scores.bottom_box == 0.5);
    CHECK(r.scores.low_box == 0.5);
    CHECK(r.scores.top_box == 0.5);
    CHECK(std::isnan(r.scores.bimodality_coefficient));
    CHECK_FALSE(r.scores.bimodal);

    // Periods by month of the start: January A, B, C; February F; May D, G (censored).
    REQUIRE(r.periods.size() == 3);
    CHECK(r.periods[0].value == "2024-01");
    CHECK(r.periods[0].ended == 3);
    CHECK(r.periods[0].red == 2);
    // January: T2 2 of 3, T3 3 of 3, T4 3 of 3: G_out 8/9; J_in 1/3.
    CHECK(r.periods[0].weighted_attainment == Approx(8.0 / 9).epsilon(1e-12));
    CHECK(r.periods[0].success_rate == Approx(1.0 / 3).epsilon(1e-12));
    CHECK_FALSE(r.periods[0].dashboard_green);
    CHECK(r.periods[0].verdict == Verdict::red);
    CHECK(r.periods[1].value == "2024-02");
    CHECK(r.periods[1].weighted_attainment == 0.0);
    CHECK(r.periods[2].value == "2024-05");
    CHECK(r.periods[2].ended == 0);
    CHECK(r.periods[2].censored == 2);
    CHECK(r.periods[2].verdict == Verdict::insufficient_data);

    // Segments ranked by ended × gap: January 3 × (8/9 − 1/3), February 1 × (0 − 1), May none.
    REQUIRE(r.segments.size() == 3);
    CHECK(r.segments[0].segment == "month");
    CHECK(r.segments[0].value == "2024-01");
    CHECK(r.segments[0].rank == Approx(3 * (8.0 / 9 - 1.0 / 3)).epsilon(1e-12));
    CHECK(r.segments[1].value == "2024-02");
    CHECK(r.segments[1].rank == -1.0);
    CHECK(r.segments[2].value == "2024-05");
    CHECK(std::isnan(r.segments[2].rank));

    // Attribution ran over the four ended journeys.
    CHECK(r.attribution.journeys == 4);
    CHECK(r.attribution.red == 2);
    CHECK(r.differential.red == 2);
    CHECK(r.differential.green == 2);
}

namespace {

struct Plant {
    int journeys = 1000;
    int late_every = 20; ///< journey i is late when i % late_every == 7
    int red_of_5 = 2;    ///< journey i has a chase call when i % 5 < red_of_5
};

// T1 notify (CS) → T2 processing (BO, SLA received → processed within 2 days, 90 %)
// → T3 bill (BIL). Red: a chase call (J2) or a score under 7 (J6).
Journey plant_spec() {
    Journey j;
    j.touchpoints.push_back(touchpoint("T1", "CS", activity_is("Notify")));
    Touchpoint t2 = touchpoint("T2", "BO", activity_in({"Received", "Processed"}));
    t2.slas.push_back(sla(sel_events(activity_is("Received")), sel_events(activity_is("Processed")),
                          days(2), target(90)));
    j.touchpoints.push_back(t2);
    j.touchpoints.push_back(touchpoint("T3", "BIL", activity_is("Bill issued")));
    j.touchpoints.push_back(touchpoint("T4", "CS", activity_is("Chase call"), false));
    j.classes.push_back(event_class("chase", ClassRole::failure_demand, activity_is("Chase call")));
    j.start = sel_touchpoint("T1");
    j.end = sel_touchpoint("T3");
    j.outcomes.push_back(
        outcome("J2", {check(m_count(sel_class("chase")), CompareOp::eq, Literal::number_value(0))}));
    j.outcomes.push_back(outcome("J6", {check(m_attr("score"), CompareOp::ge, Literal::number_value(7))},
                                 {check_exists(m_exists(sel_attr("score")))}));
    return j;
}

EventLog plant_log(const Plant& p) {
    EventLogBuilder b;
    const Id notify = b.activities().insert("Notify");
    const Id received = b.activities().insert("Received");
    const Id processed = b.activities().insert("Processed");
    const Id call = b.activities().insert("Chase call");
    const Id bill = b.activities().insert("Bill issued");
    const Id survey = b.activities().insert("Survey");
    const Id cs = b.departments().insert("CS");
    const Id bo = b.departments().insert("BO");
    const Id bil = b.departments().insert("BIL");
    const Id cxi = b.departments().insert("CXI");
    const auto score = b.event_attribute("score", AttrType::integer);
    const Timestamp t0 = at("2024-01-01T09:00:00Z");
    constexpr Timestamp hour = 3600 * micros_per_second;
    for (int i = 0; i < p.journeys; ++i) {
        b.begin_case(numbered("P", i));
        const Timestamp s = t0 + static_cast<Timestamp>(i) * hour;
        const bool late = i % p.late_every == 7;
        const bool chase = i % 5 < p.red_of_5;
        auto add = [&](Id act, Id dept, Timestamp t) {
            EventFields f;
            f.activity = act;
            f.department = dept;
            f.timestamp = t;
            b.add_event(f);
        };
        add(notify, cs, s);
        add(received, bo, s + hour);
        add(processed, bo, s + hour + (late ? 72 : 20) * hour);
        if (chase) {
            add(call, cs, s + 80 * hour);
        }
        add(bill, bil, s + 100 * hour);
        if (i % 2 == 0) {
            // Surveyed: red journeys score 1 or 2, green ones 8 or 9.
            add(survey, cxi, s + 200 * hour);
            b.set(score, chase ? 1 + (i / 2) % 2 : 8 + (i / 2) % 2);
        }
    }
    return b.finish();
}

} // namespace

TEST_CASE("A planted watermelon: green dashboard, red journeys", "[miners][watermelon]") {
    const Journey spec = plant_spec();
    const EventLog log = plant_log({});
    const miners::WatermelonReport r = miners::detect_watermelon(spec, log);
    // T2: 950 of 1000 on time (5 % late) ≥ 90 %: the dashboard is green.
    REQUIRE(r.scorecard.outside.rows.size() == 1);
    CHECK(r.scorecard.outside.rows[0].attainment == 0.95);
    CHECK(r.scorecard.outside.dashboard_green);
    // 40 % of journeys have a chase call: J_in = 0.6 < τ_J = 0.7.
    CHECK(r.scorecard.inside.success_rate == 0.6);
    CHECK(r.gap == Approx(0.35).epsilon(1e-12));
    CHECK(r.flag);
    CHECK(r.verdict == Verdict::watermelon);
    CHECK(r.verdict_text ==
          "Watermelon: every touchpoint measure with a target is green (95.0% of instances on "
          "target, lowest T2 at 95.0%), but only 60.0% of journeys succeed (target 70.0%).");
    // Late journeys (i % 20 == 7) never have a chase call (i % 5 == 2): every red
    // journey is SLA-clean, and 550 of the 600 green ones.
    CHECK(r.discrimination.hidden_red_share == 1.0);
    CHECK(r.discrimination.clean_green_share == Approx(550.0 / 600).epsilon(1e-12));
    // AUC: red all b = 0; green 550 at 0 (ties) and 50 at 1: ½ · 550/600.
    CHECK(r.discrimination.auc == Approx(0.5 * 550 / 600).epsilon(1e-12));
    CHECK(r.discrimination.lift == 0.0);
    // Compounding: 0.95^1 expected clean against 0.95 observed; success 0.6.
    CHECK(r.compounding.expected_clean == Approx(0.95).epsilon(1e-12));
    CHECK(r.compounding.observed_clean == Approx(0.95).epsilon(1e-12));

    // Scores: 500 surveyed; red 1-2, green 8-9: bimodal by both tests.
    CHECK(r.scores.surveyed == 500);
    CHECK(r.scores.integer_scale);
    CHECK(r.scores.bimodality_coefficient > miners::stats::bimodality_threshold);
    CHECK(r.scores.valley.valley);
    CHECK(r.scores.bimodal);
    REQUIRE(r.scores.modes.size() == 2);
    CHECK(r.scores.modes[0].journeys == 200);
    CHECK(r.scores.modes[0].red_share == 1.0);
    CHECK(r.scores.modes[1].journeys == 300);
    CHECK(r.scores.modes[1].red_share == 0.0);
    CHECK(r.scores.modes[1].mean == 8.5);

    // Attribution: the chase call defines red (J2): its activity, its class and its
    // touchpoint (which matches nothing else) are reported but are no causes. The
    // paths red journeys take (handoffs to and from the call) are.
    CHECK(r.attribution.red == 400);
    std::vector<std::string> causes;
    for (const miners::Cause& c : r.attribution.causes) {
        CHECK_FALSE(r.attribution.features[c.feature].definitional);
        causes.push_back(r.attribution.features[c.feature].key);
    }
    // The case trace (no objects): Notify CS, Received BO, Processed BO, Chase call CS,
    // Bill issued BIL, Survey CXI. Red journeys alone have BO > CS and CS > BIL, and the
    // blame edge CS > BO (the handoff before the first failure): one cause, three names.
    REQUIRE(causes == std::vector<std::string>{"handoff:BO>CS"});
    CHECK(r.attribution.causes[0].aliases == std::vector<std::string>{"handoff:CS>BIL", "blame:CS>BO"});
}

TEST_CASE("An honest red dashboard is no watermelon", "[miners][watermelon]") {
    // 20 h of processing misses a 10 h SLA in every journey: the dashboard says so.
    Journey spec = plant_spec();
    spec.touchpoints[1].slas[0].within = hours(10);
    const miners::WatermelonReport r = miners::detect_watermelon(spec, plant_log({}));
    CHECK(r.scorecard.outside.rows[0].attainment == 0.0);
    CHECK_FALSE(r.scorecard.outside.dashboard_green);
    CHECK(r.verdict == Verdict::red);
    CHECK_FALSE(r.flag);
}

TEST_CASE("Healthy journeys behind a green dashboard: green", "[miners][watermelon]") {
    Plant p;
    p.red_of_5 = 0; // no chase calls: every journey green
    const miners::WatermelonReport r = miners::detect_watermelon(plant_spec(), plant_log(p));
    CHECK(r.scorecard.inside.success_rate == 1.0);
    CHECK(r.verdict == Verdict::green);
    CHECK(r.verdict_text ==
          "Green: every touchpoint measure with a target is green and 100.0% of journeys "
          "succeed (target 70.0%).");
    CHECK(std::isnan(r.discrimination.hidden_red_share));
    CHECK(std::isnan(r.discrimination.auc));
}

TEST_CASE("Too few journeys: insufficient data", "[miners][watermelon]") {
    Plant p;
    p.journeys = 20;
    const miners::WatermelonReport r = miners::detect_watermelon(plant_spec(), plant_log(p));
    CHECK(r.verdict == Verdict::insufficient_data);
    CHECK(r.verdict_text == "Insufficient data: 20 ended journeys, at least 30 needed.");
    Journey bare = plant_spec();
    bare.touchpoints[1].slas.clear();
    const miners::WatermelonReport none = miners::detect_watermelon(bare, plant_log({}));
    CHECK(none.verdict == Verdict::insufficient_data);
    CHECK(none.verdict_text == "Insufficient data: no touchpoint measure with a target has instances.");
    CHECK(miners::verdict_name(Verdict::insufficient_data) == "insufficient data");
    CHECK(miners::verdict_name(Verdict::watermelon) == "watermelon");
}

TEST_CASE("Merged partial results equal one pass", "[miners][watermelon]") {
    const Journey spec = plant_spec();
    const EventLog log = plant_log({});
    const miners::JourneyEvaluator ev(spec, log);
    miners::WatermelonAccumulator whole(ev);
    whole.add_cases(0, log.num_cases());
    miners::WatermelonAccumulator first(ev);
    miners::WatermelonAccumulator second(ev);
    first.add_cases(0, 333);
    second.add_cases(333, log.num_cases());
    first.merge(second);
    const miners::WatermelonReport a = whole.finish();
    const miners::WatermelonReport b = first.finish();
    CHECK(a.verdict == b.verdict);
    CHECK(a.scorecard.outside == b.scorecard.outside);
    CHECK(a.scorecard.inside.success_rate == b.scorecard.inside.success_rate);
    CHECK(a.scorecard.inside.e2e.p90_s == b.scorecard.inside.e2e.p90_s);
    CHECK(a.discrimination.auc == b.discrimination.auc);
    CHECK(a.scores.bimodality_coefficient == b.scores.bimodality_coefficient);
    CHECK(a.dark_time.mean_share == b.dark_time.mean_share);
    CHECK(a.durations.mixture.log_likelihood == b.durations.mixture.log_likelihood);
    REQUIRE(a.attribution.features.size() == b.attribution.features.size());
    for (std::size_t i = 0; i < a.attribution.features.size(); ++i) {
        CHECK(a.attribution.features[i].key == b.attribution.features[i].key);
        CHECK(a.attribution.features[i].journeys == b.attribution.features[i].journeys);
        CHECK(a.attribution.features[i].red == b.attribution.features[i].red);
    }
    REQUIRE(a.differential.edges.size() == b.differential.edges.size());
    for (std::size_t i = 0; i < a.differential.edges.size(); ++i) {
        CHECK(a.differential.edges[i].red_count == b.differential.edges[i].red_count);
        CHECK(a.differential.edges[i].median_wait_s == b.differential.edges[i].median_wait_s);
    }
    // A second pass over the same accumulator gives the same report.
    CHECK(whole.finish().scorecard.outside == a.scorecard.outside);
}

TEST_CASE("Two worker threads give the same report as one", "[miners][watermelon]") {
    // 50 000 journeys of 4-6 events: over the 200 000 events from which work is split.
    Plant p;
    p.journeys = 50000;
    const Journey spec = plant_spec();
    const EventLog log = plant_log(p);
    REQUIRE(log.num_events() > 200000);
    const miners::JourneyEvaluator ev(spec, log);
    const miners::WatermelonReport one = miners::detect_watermelon(ev, {}, 1);
    const miners::WatermelonReport two = miners::detect_watermelon(ev, {}, 2);
    CHECK(one.verdict == two.verdict);
    CHECK(one.scorecard.outside == two.scorecard.outside);
    CHECK(one.scorecard.inside.success_rate == two.scorecard.inside.success_rate);
    CHECK(one.scorecard.inside.e2e.km_p50_s == two.scorecard.inside.e2e.km_p50_s);
    CHECK(one.discrimination.auc == two.discrimination.auc);
    CHECK(one.dark_time.mean_share == two.dark_time.mean_share);
    CHECK(one.durations.mixture.ashman_d == two.durations.mixture.ashman_d);
    REQUIRE(one.attribution.features.size() == two.attribution.features.size());
    for (std::size_t i = 0; i < one.attribution.features.size(); ++i) {
        CHECK(one.attribution.features[i].key == two.attribution.features[i].key);
        CHECK(one.attribution.features[i].red == two.attribution.features[i].red);
        CHECK(one.attribution.features[i].p == two.attribution.features[i].p);
    }
    REQUIRE(one.attribution.causes.size() == two.attribution.causes.size());
    for (std::size_t i = 0; i < one.attribution.causes.size(); ++i) {
        CHECK(one.attribution.causes[i].sentence == two.attribution.causes[i].sentence);
        CHECK(one.attribution.causes[i].aliases == two.attribution.causes[i].aliases);
    }
    REQUIRE(one.attribution.cover.size() == two.attribution.cover.size());
    CHECK(one.differential.edges.size() == two.differential.edges.size());
    const std::vector<miners::JourneyState> s1 = miners::journey_states(spec, log, {}, 1);
    CHECK(miners::journey_states(spec, log, {}, 2) == s1);
}

// ---------------------------------------------------------------------------
// Acceptance on simulated logs (domain §5.5-§5.6, §5.9). Compiled when the test
// executable links the simulator and the DSL (journey::sim, journey::dsl).

#if __has_include(<journey/sim/simulate.hpp>) && __has_include(<journey/dsl/compile.hpp>) && \
    __has_include(<journey/io/csv.hpp>)

#include <algorithm>
#include <map>
#include <sstream>

#include <journey/dsl/compile.hpp>
#include <journey/io/csv.hpp>
#include <journey/sim/simulate.hpp>

namespace {

struct Truth {
    bool red = false;
    bool censored = false;
    std::string defects;
};

struct SimRun {
    EventLog log;
    std::map<std::string, Truth> truth;
};

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(s);
    while (std::getline(in, item, sep)) {
        out.push_back(item);
    }
    if (!s.empty() && s.back() == sep) {
        out.emplace_back();
    }
    return out;
}

/// Simulates `journeys` journeys of a bundled scenario (seed 42) and reads them back
/// through the CSV reader, as `journey simulate` + `journey watermelon` would.
SimRun simulate(const std::string& scenario, std::uint64_t journeys) {
    const sim::Scenario sc = sim::load_scenario(std::string(JOURNEY_SOURCE_DIR) + "/examples/" + scenario);
    sim::SimulateOptions o;
    o.journeys = journeys;
    o.seed = 42;
    o.threads = 2;
    std::ostringstream events;
    std::ostringstream truth;
    sim::simulate(sc, o, events, truth);
    SimRun run;
    run.log = io::read_csv(events.str(), io::ReadOptions{}, "events.csv").log;
    std::istringstream in(truth.str());
    std::string line;
    std::getline(in, line);
    const std::vector<std::string> header = split(line, ',');
    const auto column = [&](const std::string& name) {
        return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    };
    const std::size_t id = column("case_id"), red = column("red"), cens = column("censored"),
                      defects = column("defect_names");
    REQUIRE(defects < header.size());
    while (std::getline(in, line)) {
        const std::vector<std::string> f = split(line, ',');
        run.truth[f[id]] = Truth{f[red] == "1", f[cens] == "1", f[defects]};
    }
    return run;
}

/// A bundled spec compiled with its holiday file.
Journey bundled_spec(const std::string& relative) {
    const std::string path = std::string(JOURNEY_SOURCE_DIR) + "/examples/" + relative;
    dsl::MemoryFileSystem files;
    const std::string holidays = dsl::join_path(path, "uk-bank-holidays.txt");
    files.add(holidays, read_file(holidays));
    dsl::SourceManager sources;
    dsl::CompileOptions co;
    co.files = &files;
    dsl::CompileResult r = dsl::compile(sources, sources.add(path, read_file(path)), co);
    REQUIRE_FALSE(r.has_errors());
    return std::move(r.model);
}

/// Share of ended journeys whose red flag agrees with the simulator's ground truth.
double agreement(const Journey& spec, const SimRun& run) {
    const std::vector<miners::JourneyState> s = miners::journey_states(spec, run.log);
    std::uint64_t n = 0;
    std::uint64_t same = 0;
    for (std::size_t c = 0; c < s.size(); ++c) {
        if (s[c] != miners::JourneyState::green && s[c] != miners::JourneyState::red) {
            continue;
        }
        const auto it = run.truth.find(std::string(run.log.case_name(c)));
        if (it == run.truth.end() || it->second.censored) {
            continue;
        }
        ++n;
        same += (s[c] == miners::JourneyState::red) == it->second.red ? 1 : 0;
    }
    return n == 0 ? 0.0 : static_cast<double>(same) / static_cast<double>(n);
}

/// Rank (1-based) of the first cause whose key or aliases contain `needle`; 0 = none.
std::size_t cause_rank(const miners::Attribution& a, const std::string& needle) {
    for (std::size_t i = 0; i < a.causes.size(); ++i) {
        if (a.features[a.causes[i].feature].key.find(needle) != std::string::npos) {
            return i + 1;
        }
        for (const std::string& alias : a.causes[i].aliases) {
            if (alias.find(needle) != std::string::npos) {
                return i + 1;
            }
        }
    }
    return 0;
}

const miners::FeatureStats* find_feature(const miners::Attribution& a, const std::string& key) {
    for (const miners::FeatureStats& f : a.features) {
        if (f.key == key) {
            return &f;
        }
    }
    return nullptr;
}

} // namespace

// Tolerances: with 10 000 journeys the binomial standard error of a share near 0.6 is
// 0.005; the spec's criteria and the simulator's own (journeys.csv) differ on about
// 10 % of journeys (the spec's end milestone accepts an estimated first bill, the
// simulator's does not), so shares are checked to ±0.03 and orderings strictly.

TEST_CASE("Simulated as_is: a watermelon, and the attribution finds the planted defects",
          "[miners][watermelon][sim]") {
    const SimRun run = simulate("move-house/scenarios/as_is.scenario", 10000);
    const Journey spec = bundled_spec("move-house/move-house.journey");
    miners::WatermelonOptions wo;
    wo.attribution.max_causes = 10;
    const miners::WatermelonReport r = miners::detect_watermelon(spec, run.log, {}, wo);

    CHECK(r.verdict == Verdict::watermelon);
    CHECK(r.flag);
    CHECK(r.scorecard.outside.dashboard_green);
    // §5.6: every a_t >= 0.90 (min 0.928, T17), J_in 0.600, gap 0.366.
    CHECK(r.scorecard.outside.min_attainment >= 0.90);
    CHECK(r.scorecard.inside.success_rate == Approx(0.60).margin(0.03));
    CHECK(r.gap >= 0.25);
    // §5.6: AUC 0.533 (≤ 0.6 in the §5.8 acceptance list; ours counts the KPIs too).
    CHECK(r.discrimination.auc < 0.62);
    // §5.6: 0.541 of red journeys have no breach against 0.658 of green ones. More
    // measures here (24 with the KPIs against 19), so fewer clean journeys; the order holds.
    CHECK(r.discrimination.hidden_red_share >= 0.2);
    CHECK(r.discrimination.hidden_red_share < r.discrimination.clean_green_share);
    CHECK(agreement(spec, run) >= 0.88);
    // §5.6: red 4.7 against green 8.9; BC 0.675 (> 5/9).
    CHECK(r.scores.mean_red < r.scores.mean_green - 3);
    CHECK(r.scores.bimodality_coefficient > miners::stats::bimodality_threshold);
    // Churn (lagging): 0.20 green against 0.63 red in §5.6.
    const miners::OutcomeScore& retained = r.scorecard.inside.outcomes.back();
    REQUIRE(retained.lagging);
    CHECK(1 - retained.rate_green == Approx(0.20).margin(0.03));
    CHECK(1 - retained.rate_red > 0.45);

    // Ground truth: D4 (missing opening read) is the top root defect (PAF 0.30 in §5.6).
    // Its trace, an estimated move-in read, ranks among the top causes; the estimated
    // read as such (D3 and D4 together) ranks higher still; the estimated final read
    // (D3) and the bill block (D10) are significant, eligible features.
    const miners::Attribution& a = r.attribution;
    const std::size_t d4 = cause_rank(a, "Read estimated[read_reason=move-in]");
    CHECK(d4 >= 1);
    CHECK(d4 <= 10);
    const std::size_t reads = cause_rank(a, "activity:Read estimated");
    CHECK(reads >= 1);
    CHECK(reads <= 5);
    for (const char* key : {"activity:Read estimated[read_reason=move-out]", "activity:Bill block raised"}) {
        const miners::FeatureStats* f = find_feature(a, key);
        REQUIRE(f != nullptr);
        CHECK(f->eligible);
        CHECK(f->lift > 1.5);
    }
    // The win-back mail (D8) hardly changes the odds of red: not a cause.
    CHECK(cause_rank(a, "WINBACK") == 0);
}

TEST_CASE("Simulated redesign: the gap shrinks, the dashboard barely moves", "[miners][watermelon][sim]") {
    const Journey spec = bundled_spec("move-house/move-house.journey");
    const miners::WatermelonReport before =
        miners::detect_watermelon(spec, simulate("move-house/scenarios/as_is.scenario", 10000).log);
    const miners::WatermelonReport after =
        miners::detect_watermelon(spec, simulate("move-house/scenarios/redesign.scenario", 10000).log);
    // §5.6: J_in 0.600 → 0.831 (this simulator: ~0.80); gap 0.366 → 0.138; G_out 0.966 → 0.969.
    CHECK(after.scorecard.inside.success_rate >= 0.77);
    CHECK(after.gap < before.gap - 0.15);
    CHECK(std::fabs(after.scorecard.outside.weighted_attainment -
                    before.scorecard.outside.weighted_attainment) < 0.02);
    CHECK(after.scorecard.outside.dashboard_green);
    CHECK(after.verdict == Verdict::green);
}

TEST_CASE("Simulated honest red: the dashboard is red, no watermelon", "[miners][watermelon][sim]") {
    const Journey spec = bundled_spec("move-house/move-house.journey");
    const miners::WatermelonReport r =
        miners::detect_watermelon(spec, simulate("move-house/scenarios/honest_red.scenario", 10000).log);
    CHECK_FALSE(r.scorecard.outside.dashboard_green);
    CHECK(r.verdict == Verdict::red);
    CHECK_FALSE(r.flag);
}

TEST_CASE("Simulated telco install: bimodal scores and the back office's timely-but-wrong gap",
          "[miners][watermelon][sim]") {
    const SimRun run = simulate("telco-install/scenarios/telco_install.scenario", 5000);
    const Journey spec = bundled_spec("telco-install/install.journey");
    const miners::WatermelonReport r = miners::detect_watermelon(spec, run.log);
    // §5.9 / §8: 8-9 against 1-2, BC ≈ 0.88, valley test positive.
    CHECK(r.scores.integer_scale);
    CHECK(r.scores.bimodality_coefficient == Approx(0.88).margin(0.03));
    CHECK(r.scores.valley.valley);
    CHECK(r.scores.bimodal);
    REQUIRE(r.scores.modes.size() == 2);
    CHECK(r.scores.modes[0].red_share > 0.95);
    CHECK(r.scores.modes[1].red_share < 0.05);
    // §2 / §5.9: orders incomplete with p ≈ 0.45: the back office's forwarded orders
    // are about 55 % accurate, and many were forwarded on time and still wrong.
    const miners::TimelyButWrong* validate = nullptr;
    for (const miners::TimelyButWrong& t : r.timely_but_wrong) {
        if (t.touchpoint == "validate") {
            validate = &t;
        }
    }
    REQUIRE(validate != nullptr);
    CHECK(validate->accuracy == Approx(0.55).margin(0.05));
    CHECK(validate->timely_but_wrong > 0.2);
    CHECK(agreement(spec, run) >= 0.99);
}

#endif
