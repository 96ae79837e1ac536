// Result tables that need a journey spec (handoffs, scorecard, journey outcomes,
// watermelon): the figures equal what the miners return on a simulated move-house
// log, the table and column names are the documented ones (docs/store.md), the CSV of
// the hand-worked mini move (tests/unit/miners/journey_fixtures.hpp) is exact, and
// SQLite gives back every cell.

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>

#include <sqlite3.h>

#include <journey/core/binding.hpp>
#include <journey/io/reader.hpp>
#include <journey/miners/handoff_context.hpp>
#include <journey/miners/handoffs.hpp>
#include <journey/miners/outcomes.hpp>
#include <journey/miners/scorecard.hpp>
#include <journey/miners/watermelon.hpp>
#include <journey/sim/scenario.hpp>
#include <journey/sim/simulate.hpp>
#include <journey/store/results.hpp>

#include "../miners/journey_fixtures.hpp"
#include "../test_util.hpp"
#include "cmd_spec.hpp"
#include "store_test_util.hpp"

using namespace journey;
using store::Cell;
using store::ColumnType;
using store::ResultTable;

namespace {

/// The bundled move-house spec, compiled as `journey export --spec` compiles it.
Journey move_house_spec() {
    std::ostringstream out;
    std::ostringstream err;
    cli::Context ctx{out, err};
    std::optional<Journey> spec =
        cli::load_spec(std::string(JOURNEY_SOURCE_DIR) + "/examples/move-house/move-house.journey", ctx);
    INFO(err.str());
    REQUIRE(spec);
    return std::move(*spec);
}

/// 2000 simulated as-is move-house journeys (seed 7), read back through the CSV reader.
const EventLog& simulated_log() {
    static const EventLog log = [] {
        sim::SimulateOptions o;
        o.journeys = 2000;
        o.seed = 7;
        o.threads = 1;
        std::ostringstream events;
        std::ostringstream truth;
        sim::simulate(sim::Scenario{}, o, events, truth);
        io::ReadOptions ro;
        ro.format = "csv";
        return io::read_log_buffer(events.str(), ro, "events.csv").log;
    }();
    return log;
}

const ResultTable& table(const std::vector<ResultTable>& ts, const std::string& name) {
    for (const ResultTable& t : ts) {
        if (t.name == name) {
            return t;
        }
    }
    throw std::runtime_error("no table " + name);
}

std::size_t column(const ResultTable& t, const std::string& name) {
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        if (t.columns[c].name == name) {
            return c;
        }
    }
    throw std::runtime_error("no column " + name + " in " + t.name);
}

/// The cell of `row` in the named column.
const Cell& at(const ResultTable& t, std::size_t row, const std::string& name) {
    return t.rows.at(row).at(column(t, name));
}

/// Cells as the miners' figures: NaN stands for NULL.
double real(const Cell& c) {
    return std::holds_alternative<double>(c) ? std::get<double>(c) : std::nan("");
}
std::int64_t integer(const Cell& c) { return std::get<std::int64_t>(c); }
std::string text(const Cell& c) {
    return std::holds_alternative<std::string>(c) ? std::get<std::string>(c) : std::string("(null)");
}

/// Exact equality, NaN equal to NaN (an undefined figure is NULL in the table).
bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

/// The value column of a metric of a narrow table (handoff_summary, watermelon).
const Cell& metric(const ResultTable& t, const std::string& name, const char* col = "value") {
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        if (text(at(t, r, "metric")) == name) {
            return at(t, r, col);
        }
    }
    throw std::runtime_error("no metric " + name + " in " + t.name);
}

std::string csv(const ResultTable& t) {
    std::ostringstream out;
    store::write_csv(t, out);
    return out.str();
}

} // namespace

TEST_CASE("journey result tables equal the miners' figures on a simulated log", "[results][sim]") {
    const Journey spec = move_house_spec();
    const EventLog& log = simulated_log();
    store::ResultOptions opt;
    opt.threads = 1;
    const std::vector<ResultTable> tables = store::journey_results(log, spec, opt);

    // The miners, called as `journey handoffs --spec`, `journey scorecard` and
    // `journey watermelon` call them.
    const miners::HandoffContext hctx = miners::make_handoff_context(spec, log, bind(spec, log));
    miners::HandoffOptions ho;
    ho.threads = 1;
    const miners::HandoffResult h = miners::analyze_handoffs(log, hctx, ho);
    const miners::JourneyEvaluator ev(spec, log);
    const miners::Scorecard sc = miners::compute_scorecard(ev, 1);
    const miners::WatermelonReport w = miners::detect_watermelon(ev, {}, 1);
    const miners::JourneyOutcomes o = miners::evaluate_outcomes(spec, log, {}, 1);

    SECTION("handover") {
        const ResultTable& t = table(tables, "handover");
        REQUIRE(t.rows.size() == h.edges.size());
        REQUIRE(t.rows.size() > 10);
        REQUIRE(h.business_time);
        std::uint64_t handovers = 0;
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            const miners::HandoverEdge& e = h.edges[r];
            INFO(e.from << " -> " << e.to);
            CHECK(text(at(t, r, "from_department")) == e.from);
            CHECK(text(at(t, r, "to_department")) == e.to);
            CHECK(integer(at(t, r, "count")) == static_cast<std::int64_t>(e.count));
            CHECK(real(at(t, r, "value")) == e.value);
            CHECK(integer(at(t, r, "cases")) == static_cast<std::int64_t>(e.cases));
            CHECK(real(at(t, r, "case_rate")) == e.case_rate);
            CHECK(real(at(t, r, "median_wait_s")) == e.wait.median_s);
            CHECK(real(at(t, r, "p90_wait_s")) == e.wait.p90_s);
            CHECK(real(at(t, r, "mean_wait_s")) == e.wait.mean_s);
            CHECK(real(at(t, r, "business_median_wait_s")) == e.business_wait.median_s);
            CHECK(real(at(t, r, "business_p90_wait_s")) == e.business_wait.p90_s);
            CHECK(integer(at(t, r, "returns")) == static_cast<std::int64_t>(e.returns));
            CHECK(real(at(t, r, "rejection_rate")) == e.rejection_rate);
            CHECK(integer(at(t, r, "bounces")) == static_cast<std::int64_t>(e.bounces));
            CHECK(integer(at(t, r, "orphans")) == static_cast<std::int64_t>(e.orphans));
            handovers += e.count;
        }
        CHECK(handovers == h.totals.handovers);
    }

    SECTION("ping-pong pairs and the handoff summary") {
        const ResultTable& p = table(tables, "ping_pong_pair");
        REQUIRE(p.rows.size() == h.ping_pong.pairs.size());
        REQUIRE_FALSE(p.rows.empty());
        for (std::size_t r = 0; r < p.rows.size(); ++r) {
            const miners::PingPongPair& x = h.ping_pong.pairs[r];
            CHECK(text(at(p, r, "department_a")) == x.a);
            CHECK(text(at(p, r, "department_b")) == x.b);
            CHECK(integer(at(p, r, "count")) == static_cast<std::int64_t>(x.count));
            CHECK(integer(at(p, r, "cases")) == static_cast<std::int64_t>(x.cases));
            CHECK(integer(at(p, r, "handovers")) == static_cast<std::int64_t>(x.handovers));
            CHECK(real(at(p, r, "per_100_handovers")) == x.per_100_handovers);
            CHECK(integer(at(p, r, "max_depth")) == static_cast<std::int64_t>(x.max_depth));
        }
        const ResultTable& s = table(tables, "handoff_summary");
        const auto n = [](std::uint64_t v) { return static_cast<double>(v); };
        CHECK(real(metric(s, "totals.journeys")) == n(h.totals.journeys));
        CHECK(real(metric(s, "totals.journeys")) == n(log.num_cases()));
        CHECK(real(metric(s, "totals.handovers")) == n(h.totals.handovers));
        CHECK(real(metric(s, "totals.handovers_per_journey")) == h.totals.handovers_per_journey);
        CHECK(real(metric(s, "ping_pong.object_level_case_rate")) == h.ping_pong.object_level_case_rate);
        CHECK(real(metric(s, "ping_pong.naive_case_rate")) == h.ping_pong.naive_case_rate);
        CHECK(real(metric(s, "ping_pong.bounces")) == n(h.ping_pong.bounces));
        CHECK(real(metric(s, "ping_pong.cases")) == n(h.ping_pong.cases));
        CHECK(real(metric(s, "ping_pong.naive_cases")) == n(h.ping_pong.naive_cases));
        CHECK(real(metric(s, "rework.case_rate")) == h.rework.case_rate);
        CHECK(real(metric(s, "rework.cases")) == n(h.rework.cases));
        CHECK(real(metric(s, "rework.rework_share")) == h.rework.rework_share);
        CHECK(real(metric(s, "information_loss.rejection_rate")) == h.totals.rejection_rate);
        CHECK(real(metric(s, "orphans.orphans")) == n(h.orphans.orphans));
        CHECK(real(metric(s, "orphans.orphan_rate")) == h.orphans.orphan_rate);
        CHECK(real(metric(s, "orphans.open")) == n(h.orphans.open));
        CHECK(real(metric(s, "orphans.complete")) == n(h.orphans.complete));
        CHECK(s.rows.size() == 25);
    }

    SECTION("touchpoint measures and criteria: the scorecard") {
        const ResultTable& t = table(tables, "touchpoint_measure");
        REQUIRE(t.rows.size() == sc.outside.rows.size());
        REQUIRE(t.rows.size() > 10);
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            const miners::TouchpointScore& m = sc.outside.rows[r];
            INFO(m.measure);
            CHECK(text(at(t, r, "touchpoint")) == m.touchpoint);
            CHECK(text(at(t, r, "measure")) == m.measure);
            CHECK(text(at(t, r, "kind")) == (m.kind == miners::MeasureInfo::Kind::sla ? "sla" : "kpi"));
            CHECK(text(at(t, r, "owner")) == m.owner);
            CHECK(text(at(t, r, "label")) == m.label);
            CHECK(text(at(t, r, "description")) == m.description);
            CHECK(integer(at(t, r, "instances")) == static_cast<std::int64_t>(m.instances));
            CHECK(integer(at(t, r, "met")) == static_cast<std::int64_t>(m.met));
            CHECK(integer(at(t, r, "open")) == static_cast<std::int64_t>(m.open));
            CHECK(same(real(at(t, r, "attainment")), m.attainment));
            CHECK(same(real(at(t, r, "target")),
                       m.target ? m.target->target_percent / 100.0 : std::nan("")));
            CHECK(text(at(t, r, "status")) ==
                  (m.status ? std::string(status_name(*m.status)) : std::string("(null)")));
            CHECK(real(at(t, r, "per_case")) == m.per_case);
        }
        const ResultTable& c = table(tables, "criterion");
        REQUIRE(c.rows.size() == sc.inside.outcomes.size());
        REQUIRE(c.rows.size() == spec.outcomes.size());
        for (std::size_t r = 0; r < c.rows.size(); ++r) {
            const miners::OutcomeScore& s = sc.inside.outcomes[r];
            CHECK(text(at(c, r, "criterion")) == s.id);
            CHECK(integer(at(c, r, "lagging")) == (s.lagging ? 1 : 0));
            CHECK(integer(at(c, r, "counted")) == static_cast<std::int64_t>(s.counted));
            CHECK(integer(at(c, r, "met")) == static_cast<std::int64_t>(s.met));
            CHECK(integer(at(c, r, "not_counted")) == static_cast<std::int64_t>(s.not_counted));
            CHECK(same(real(at(c, r, "rate")), s.rate));
            CHECK(same(real(at(c, r, "rate_green")), s.rate_green));
            CHECK(same(real(at(c, r, "rate_red")), s.rate_red));
        }
    }

    SECTION("journey outcomes and criteria per journey") {
        const ResultTable& t = table(tables, "journey_outcome");
        REQUIRE(t.rows.size() == log.num_cases());
        std::map<std::string, std::uint64_t> states;
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            CHECK(text(at(t, r, "case_id")) == log.case_name(r));
            CHECK(text(at(t, r, "state")) == miners::journey_state_name(o.state[r]));
            ++states[text(at(t, r, "state"))];
            CHECK(same(real(at(t, r, "score")), o.score[r]));
        }
        CHECK(states["green"] == sc.inside.green);
        CHECK(states["red"] == sc.inside.red);
        CHECK(states["censored"] == sc.inside.censored);
        CHECK(states["no_start"] == sc.inside.no_start);
        CHECK(states["green"] > 0);
        CHECK(states["red"] > 0);

        // journey_criterion holds the ended journeys; summed per criterion it gives
        // the scorecard's counted / met / not counted.
        const ResultTable& jc = table(tables, "journey_criterion");
        CHECK(jc.rows.size() == sc.inside.ended * spec.outcomes.size());
        std::map<std::string, std::array<std::uint64_t, 3>> sums;
        for (std::size_t r = 0; r < jc.rows.size(); ++r) {
            auto& s = sums[text(at(jc, r, "criterion"))];
            if (integer(at(jc, r, "counted")) == 1) {
                ++s[0];
                s[1] += static_cast<std::uint64_t>(integer(at(jc, r, "met")));
            } else {
                CHECK(std::holds_alternative<std::monostate>(at(jc, r, "met")));
                ++s[2];
            }
        }
        for (const miners::OutcomeScore& s : sc.inside.outcomes) {
            INFO(s.id);
            CHECK(sums[s.id][0] == s.counted);
            CHECK(sums[s.id][1] == s.met);
            CHECK(sums[s.id][2] == s.not_counted);
        }
    }

    SECTION("watermelon figures, causes and periods") {
        const ResultTable& t = table(tables, "watermelon");
        CHECK(text(metric(t, "journey", "text")) == spec.name);
        CHECK(text(metric(t, "as_of", "text")) == format_iso8601(ev.as_of()));
        CHECK(text(metric(t, "verdict", "text")) == miners::verdict_name(w.verdict));
        CHECK(text(metric(t, "verdict_text", "text")) == w.verdict_text);
        CHECK(real(metric(t, "flag")) == (w.flag ? 1.0 : 0.0));
        CHECK(real(metric(t, "outside.dashboard_green")) == (sc.outside.dashboard_green ? 1.0 : 0.0));
        CHECK(same(real(metric(t, "outside.min_attainment")), sc.outside.min_attainment));
        CHECK(same(real(metric(t, "outside.weighted_attainment")), sc.outside.weighted_attainment));
        CHECK(real(metric(t, "inside.journeys")) == static_cast<double>(sc.inside.ended));
        CHECK(same(real(metric(t, "inside.success_rate")), sc.inside.success_rate));
        CHECK(real(metric(t, "inside.censored")) == static_cast<double>(sc.inside.censored));
        CHECK(same(real(metric(t, "gap")), w.gap));
        CHECK(same(real(metric(t, "hidden_red_share")), w.discrimination.hidden_red_share));
        CHECK(same(real(metric(t, "sla_auc")), w.discrimination.auc));
        CHECK(same(real(metric(t, "bimodality.coefficient")), w.scores.bimodality_coefficient));
        CHECK(real(metric(t, "bimodality.valley")) == (w.scores.valley.valley ? 1.0 : 0.0));

        const ResultTable& c = table(tables, "watermelon_cause");
        REQUIRE(c.rows.size() == w.attribution.causes.size());
        for (std::size_t r = 0; r < c.rows.size(); ++r) {
            const miners::FeatureStats& f = w.attribution.features[w.attribution.causes[r].feature];
            CHECK(integer(at(c, r, "rank")) == static_cast<std::int64_t>(r + 1));
            CHECK(text(at(c, r, "feature")) == f.key);
            CHECK(integer(at(c, r, "journeys")) == static_cast<std::int64_t>(f.journeys));
            CHECK(same(real(at(c, r, "lift")), f.lift));
            CHECK(same(real(at(c, r, "relative_risk")), std::isfinite(f.relative_risk) ? f.relative_risk
                                                                                      : std::nan("")));
            CHECK(same(real(at(c, r, "attributable_fraction")), f.attributable_fraction));
            CHECK(same(real(at(c, r, "q")), f.q));
            CHECK(text(at(c, r, "sentence")) == w.attribution.causes[r].sentence);
        }

        const ResultTable& p = table(tables, "watermelon_period");
        REQUIRE(p.rows.size() == w.periods.size());
        REQUIRE_FALSE(p.rows.empty());
        std::uint64_t ended = 0;
        for (std::size_t r = 0; r < p.rows.size(); ++r) {
            const miners::GroupFigures& g = w.periods[r];
            CHECK(text(at(p, r, "period")) == g.value);
            CHECK(text(at(p, r, "verdict")) == miners::verdict_name(g.verdict));
            CHECK(integer(at(p, r, "journeys")) == static_cast<std::int64_t>(g.ended));
            CHECK(same(real(at(p, r, "success_rate")), g.success_rate));
            CHECK(same(real(at(p, r, "min_attainment")), g.min_attainment));
            CHECK(same(real(at(p, r, "gap")), g.gap));
            ended += g.ended;
        }
        CHECK(ended == sc.inside.ended);
    }

    SECTION("the tables do not depend on the thread count") {
        store::ResultOptions two;
        two.threads = 2;
        CHECK(store::journey_results(log, spec, two) == tables);
    }
}

TEST_CASE("result tables and columns are the documented ones", "[results]") {
    store::ResultOptions opt;
    opt.threads = 1;
    opt.spec = test::mini_move_spec();
    opt.evaluation.as_of = test::mini_move_as_of();
    const std::vector<ResultTable> tables = store::standard_results(test::mini_move_log(), opt);
    // Golden list (docs/store.md): adding a table or a column is a minor layout
    // change; renaming or removing one is a major one.
    const std::vector<std::pair<std::string, std::vector<std::string>>> golden = {
        {"results_info", {"key", "value"}},
        {"activity", {"activity", "events", "start_cases", "end_cases"}},
        {"dfg_edge", {"from_activity", "to_activity", "count", "mean_s", "median_s", "p90_s", "min_s", "max_s"}},
        {"variant", {"variant_id", "cases", "share", "events", "trace"}},
        {"variant_step", {"variant_id", "position", "activity"}},
        {"journey",
         {"case_id", "variant_id", "events", "first_activity", "last_activity", "start_time_utc",
          "end_time_utc", "duration_s", "departments"}},
        {"handover",
         {"from_department", "to_department", "count", "value", "cases", "case_rate", "median_wait_s",
          "p90_wait_s", "mean_wait_s", "business_median_wait_s", "business_p90_wait_s", "returns",
          "rejection_rate", "bounces", "orphans"}},
        {"ping_pong_pair",
         {"department_a", "department_b", "count", "cases", "handovers", "per_100_handovers", "max_depth"}},
        {"handoff_summary", {"metric", "value"}},
        {"touchpoint_measure",
         {"touchpoint", "measure", "kind", "label", "owner", "description", "instances", "met", "open",
          "attainment", "target", "status", "per_case"}},
        {"criterion",
         {"criterion", "label", "lagging", "counted", "met", "not_counted", "rate", "target", "status",
          "rate_green", "rate_red"}},
        {"journey_outcome",
         {"case_id", "state", "ended", "start_time_utc", "end_time_utc", "duration_s", "score"}},
        {"journey_criterion", {"case_id", "criterion", "counted", "met"}},
        {"watermelon", {"metric", "value", "text"}},
        {"watermelon_cause",
         {"rank", "feature", "kind", "journeys", "red", "red_rate", "lift", "relative_risk",
          "attributable_fraction", "q", "sentence"}},
        {"watermelon_period",
         {"period", "verdict", "flag", "journeys", "censored", "red", "dashboard_green",
          "weighted_attainment", "min_attainment", "success_rate", "gap", "hidden_red_share", "sla_auc"}},
    };
    REQUIRE(tables.size() == golden.size());
    for (std::size_t i = 0; i < tables.size(); ++i) {
        INFO(golden[i].first);
        CHECK(tables[i].name == golden[i].first);
        std::vector<std::string> names;
        for (const store::ResultColumn& c : tables[i].columns) {
            names.push_back(c.name);
        }
        CHECK(names == golden[i].second);
        for (const auto& row : tables[i].rows) {
            REQUIRE(row.size() == tables[i].columns.size());
        }
    }
    std::vector<std::string> journey_names;
    for (std::size_t i = 6; i < golden.size(); ++i) {
        journey_names.push_back(golden[i].first);
    }
    CHECK(store::journey_result_names() == journey_names);
    // The metrics of the narrow tables are fixed rows in a fixed order.
    std::vector<std::string> metrics;
    for (std::size_t r = 0; r < table(tables, "handoff_summary").rows.size(); ++r) {
        metrics.push_back(text(at(table(tables, "handoff_summary"), r, "metric")));
    }
    CHECK(metrics == std::vector<std::string>{
                         "totals.journeys", "totals.events", "totals.work_events", "totals.handovers",
                         "totals.handovers_per_journey", "totals.journeys_with_handover",
                         "totals.wait_share", "totals.wait_share_total",
                         "ping_pong.object_level_case_rate", "ping_pong.naive_case_rate",
                         "ping_pong.bounces", "ping_pong.cases", "ping_pong.naive_cases",
                         "rework.rework", "rework.rework_share", "rework.cases", "rework.case_rate",
                         "information_loss.reask_cases", "information_loss.returns",
                         "information_loss.rejection_rate", "orphans.complete", "orphans.orphans",
                         "orphans.orphan_rate", "orphans.open", "orphans.open_rate"});
    metrics.clear();
    for (std::size_t r = 0; r < table(tables, "watermelon").rows.size(); ++r) {
        metrics.push_back(text(at(table(tables, "watermelon"), r, "metric")));
    }
    CHECK(metrics == std::vector<std::string>{
                         "journey", "as_of", "verdict", "verdict_text", "flag",
                         "outside.dashboard_green", "outside.min_attainment", "outside.min_measure",
                         "outside.weighted_attainment", "outside.scored", "outside.green",
                         "outside.amber", "outside.red", "inside.journeys", "inside.success_rate",
                         "inside.censored", "inside.cases", "inside.started", "inside.no_start",
                         "inside.green", "inside.red", "inside.target", "inside.status",
                         "inside.e2e.p50_s", "inside.e2e.p90_s", "inside_target", "gap",
                         "hidden_red_share", "clean_green_share", "sla_clean_share", "sla_auc",
                         "sla_lift", "compounding.expected_clean", "compounding.observed_clean",
                         "dark_time.mean_share", "dark_time.median_share", "bimodality.coefficient",
                         "bimodality.valley", "bimodality.bimodal", "bimodality.attribute",
                         "bimodality.surveyed", "bimodality.mean", "bimodality.mean_red",
                         "bimodality.mean_green"});
    // Without a spec the journey tables are left out and results_info says so.
    const std::vector<ResultTable> plain = store::standard_results(test::mini_move_log());
    CHECK(plain.size() == 6);
    CHECK(csv(plain[0]) ==
          "key,value\nresults_layout,1.1\ncases,7\nevents,33\nspec_tables,not written (no spec)\n");
    CHECK(csv(tables[0]) ==
          "key,value\nresults_layout,1.1\ncases,7\nevents,33\nspec_tables,written\n");
}

TEST_CASE("journey tables of the mini move as CSV", "[results]") {
    // Every figure worked out by hand in tests/unit/miners/scorecard_test.cpp and
    // outcomes_test.cpp.
    store::ResultOptions opt;
    opt.threads = 1;
    opt.evaluation.as_of = test::mini_move_as_of();
    const std::vector<ResultTable> tables =
        store::journey_results(test::mini_move_log(), test::mini_move_spec(), opt);
    // T2 within 2wd: A, B met, C, F late, D open. T3 within 48h of the read: F late
    // (amber 80 % not reached). T4: four calls within 60 s. 4 instances in 7 cases.
    CHECK(csv(table(tables, "touchpoint_measure")) ==
          "touchpoint,measure,kind,label,owner,description,instances,met,open,attainment,target,"
          "status,per_case\n"
          "T2,T2,sla,,MIMO,within 2wd (business),4,2,1,0.5,0.9,red,0.571429\n"
          "T3,T3,sla,,BIL,within 48h (calendar),4,3,0,0.75,0.9,red,0.571429\n"
          "T4,T4,kpi,,CS,answered within 60 s,4,4,0,1,0.8,green,0.571429\n");
    // A 4 d − 1 h; B 9 d − 1 h; C ends at its second bill, 21 d 30 min; D and G
    // censored; E has no start; F 11 d − 1 h. Scores: A 9, B 3.
    CHECK(csv(table(tables, "journey_outcome")) ==
          "case_id,state,ended,start_time_utc,end_time_utc,duration_s,score\n"
          "A,green,1,2024-01-01 10:00:00,2024-01-05 09:00:00,342000,9\n"
          "B,red,1,2024-01-08 10:00:00,2024-01-17 09:00:00,774000,3\n"
          "C,red,1,2024-01-15 09:30:00,2024-02-05 10:00:00,1816200,\n"
          "D,censored,0,2024-05-20 10:00:00,,,\n"
          "E,no_start,0,,,,\n"
          "F,green,1,2024-02-05 10:00:00,2024-02-16 09:00:00,946800,\n"
          "G,censored,0,2024-05-10 10:00:00,,,\n");
    // Ended journeys only: B fails J2 (two failure calls), J6 (score 3) and churn; C
    // fails J3 (a correction); J6 counts only for surveyed journeys (A, B).
    CHECK(csv(table(tables, "journey_criterion")) ==
          "case_id,criterion,counted,met\n"
          "A,J1,1,1\nA,J2,1,1\nA,J3,1,1\nA,J4,1,1\nA,J6,1,1\nA,churn,1,1\n"
          "B,J1,1,1\nB,J2,1,0\nB,J3,1,1\nB,J4,1,1\nB,J6,1,0\nB,churn,1,0\n"
          "C,J1,1,1\nC,J2,1,1\nC,J3,1,0\nC,J4,1,1\nC,J6,0,\nC,churn,1,1\n"
          "F,J1,1,1\nF,J2,1,1\nF,J3,1,1\nF,J4,1,1\nF,J6,0,\nF,churn,1,1\n");
}

TEST_CASE("journey tables round-trip through SQLite", "[results]") {
    test::TempDir dir;
    store::ResultOptions opt;
    opt.threads = 1;
    opt.spec = move_house_spec();
    const std::vector<ResultTable> tables = store::standard_results(simulated_log(), opt);
    REQUIRE(tables.size() == 16);
    const std::string path = dir.file("bi.sqlite");
    store::write_results_sqlite(tables, path);

    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    for (const ResultTable& t : tables) {
        INFO(t.name);
        // Declared types.
        {
            sqlite3_stmt* st = nullptr;
            REQUIRE(sqlite3_prepare_v2(db, ("PRAGMA table_info(\"" + t.name + "\")").c_str(), -1, &st,
                                       nullptr) == SQLITE_OK);
            std::vector<store::ResultColumn> cols;
            while (sqlite3_step(st) == SQLITE_ROW) {
                const std::string name = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
                const std::string type = reinterpret_cast<const char*>(sqlite3_column_text(st, 2));
                cols.push_back({name, type == "INTEGER" ? ColumnType::integer
                                      : type == "REAL"  ? ColumnType::real
                                                        : ColumnType::text});
            }
            sqlite3_finalize(st);
            CHECK(cols == t.columns);
        }
        // Every cell, in order (rowid order is insertion order).
        ResultTable back{t.name, t.columns, {}};
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, ("SELECT * FROM \"" + t.name + "\" ORDER BY rowid").c_str(), -1,
                                   &st, nullptr) == SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW) {
            std::vector<Cell> row;
            for (int c = 0; c < sqlite3_column_count(st); ++c) {
                switch (sqlite3_column_type(st, c)) {
                case SQLITE_INTEGER:
                    row.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(st, c)));
                    break;
                case SQLITE_FLOAT:
                    row.emplace_back(sqlite3_column_double(st, c));
                    break;
                case SQLITE_TEXT:
                    row.emplace_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, c)),
                                                 static_cast<std::size_t>(sqlite3_column_bytes(st, c))));
                    break;
                default:
                    row.emplace_back();
                }
            }
            back.rows.push_back(std::move(row));
        }
        sqlite3_finalize(st);
        CHECK(back.rows.size() == t.rows.size());
        CHECK(back == t);
    }
    sqlite3_close(db);
}
