// Result tables that need a journey spec: handoffs, the scorecard, journey outcomes
// and the watermelon report (docs/store.md). Every figure is the miner's value; the
// builders only lay them out as rows.

#include <journey/store/results.hpp>

#include <cmath>
#include <limits>

#include <journey/core/binding.hpp>
#include <journey/core/time.hpp>
#include <journey/miners/attribution.hpp>
#include <journey/miners/handoff_context.hpp>

#include "results_detail.hpp"

namespace journey::store {

namespace {

using I = std::int64_t;

Cell count(std::uint64_t n) { return static_cast<I>(n); }

/// NULL for an undefined figure (NaN, infinite), so that tables compare with == and
/// both writers show the same thing.
Cell real(double v) { return std::isfinite(v) ? Cell{v} : Cell{}; }

Cell flag(bool b) { return static_cast<I>(b ? 1 : 0); }

Cell target_cell(const std::optional<Thresholds>& t) {
    return t ? Cell{t->target_percent / 100.0} : Cell{};
}

Cell status_cell(const std::optional<Thresholds::Status>& s) {
    return s ? Cell{std::string(status_name(*s))} : Cell{};
}

/// metric, value rows of a narrow table.
struct MetricRows {
    ResultTable& t;
    void number(const char* metric, double v) { t.rows.push_back({std::string(metric), real(v)}); }
    void count(const char* metric, std::uint64_t n) {
        t.rows.push_back({std::string(metric), Cell{static_cast<double>(n)}});
    }
};

/// metric, value, text rows of the watermelon table.
struct FigureRows {
    ResultTable& t;
    void number(const char* metric, double v) {
        t.rows.push_back({std::string(metric), real(v), Cell{}});
    }
    void count(const char* metric, std::uint64_t n) {
        t.rows.push_back({std::string(metric), Cell{static_cast<double>(n)}, Cell{}});
    }
    void flag(const char* metric, bool b) {
        t.rows.push_back({std::string(metric), Cell{b ? 1.0 : 0.0}, Cell{}});
    }
    void text(const char* metric, std::string s) {
        t.rows.push_back({std::string(metric), Cell{}, Cell{std::move(s)}});
    }
};

bool ended(miners::JourneyState s) {
    return s == miners::JourneyState::green || s == miners::JourneyState::red;
}

} // namespace

ResultTable handover_table(const miners::HandoffResult& h) {
    ResultTable t{"handover",
                  {{"from_department", ColumnType::text},
                   {"to_department", ColumnType::text},
                   {"count", ColumnType::integer},
                   {"value", ColumnType::real},
                   {"cases", ColumnType::integer},
                   {"case_rate", ColumnType::real},
                   {"median_wait_s", ColumnType::real},
                   {"p90_wait_s", ColumnType::real},
                   {"mean_wait_s", ColumnType::real},
                   {"business_median_wait_s", ColumnType::real},
                   {"business_p90_wait_s", ColumnType::real},
                   {"returns", ColumnType::integer},
                   {"rejection_rate", ColumnType::real},
                   {"bounces", ColumnType::integer},
                   {"orphans", ColumnType::integer}},
                  {}};
    for (const miners::HandoverEdge& e : h.edges) {
        t.rows.push_back({e.from, e.to, count(e.count), real(e.value), count(e.cases),
                          real(e.case_rate), real(e.wait.median_s), real(e.wait.p90_s),
                          real(e.wait.mean_s),
                          h.business_time ? real(e.business_wait.median_s) : Cell{},
                          h.business_time ? real(e.business_wait.p90_s) : Cell{},
                          count(e.returns), real(e.rejection_rate), count(e.bounces),
                          count(e.orphans)});
    }
    return t;
}

ResultTable ping_pong_pair_table(const miners::HandoffResult& h) {
    ResultTable t{"ping_pong_pair",
                  {{"department_a", ColumnType::text},
                   {"department_b", ColumnType::text},
                   {"count", ColumnType::integer},
                   {"cases", ColumnType::integer},
                   {"handovers", ColumnType::integer},
                   {"per_100_handovers", ColumnType::real},
                   {"max_depth", ColumnType::integer}},
                  {}};
    for (const miners::PingPongPair& p : h.ping_pong.pairs) {
        t.rows.push_back({p.a, p.b, count(p.count), count(p.cases), count(p.handovers),
                          real(p.per_100_handovers), count(p.max_depth)});
    }
    return t;
}

ResultTable handoff_summary_table(const miners::HandoffResult& h) {
    ResultTable t{"handoff_summary", {{"metric", ColumnType::text}, {"value", ColumnType::real}}, {}};
    MetricRows m{t};
    const miners::HandoffTotals& tot = h.totals;
    m.count("totals.journeys", tot.journeys);
    m.count("totals.events", tot.events);
    m.count("totals.work_events", tot.work_events);
    m.count("totals.handovers", tot.handovers);
    m.number("totals.handovers_per_journey", tot.handovers_per_journey);
    m.count("totals.journeys_with_handover", tot.journeys_with_handover);
    m.number("totals.wait_share", tot.wait_share);
    m.number("totals.wait_share_total", tot.wait_share_total);
    const miners::PingPongSummary& pp = h.ping_pong;
    m.number("ping_pong.object_level_case_rate", pp.object_level_case_rate);
    m.number("ping_pong.naive_case_rate", pp.naive_case_rate);
    m.count("ping_pong.bounces", pp.bounces);
    m.count("ping_pong.cases", pp.cases);
    m.count("ping_pong.naive_cases", pp.naive_cases);
    const miners::ReworkSummary& rw = h.rework;
    m.count("rework.rework", rw.rework);
    m.number("rework.rework_share", rw.rework_share);
    m.count("rework.cases", rw.cases);
    m.number("rework.case_rate", rw.case_rate);
    m.count("information_loss.reask_cases", tot.reask_cases);
    m.count("information_loss.returns", tot.returns);
    m.number("information_loss.rejection_rate", tot.rejection_rate);
    const miners::OrphanSummary& os = h.orphans;
    m.count("orphans.complete", os.complete);
    m.count("orphans.orphans", os.orphans);
    m.number("orphans.orphan_rate", os.orphan_rate);
    m.count("orphans.open", os.open);
    m.number("orphans.open_rate", os.open_rate);
    return t;
}

ResultTable touchpoint_measure_table(const miners::OutsideSummary& outside) {
    ResultTable t{"touchpoint_measure",
                  {{"touchpoint", ColumnType::text},
                   {"measure", ColumnType::text},
                   {"kind", ColumnType::text},
                   {"label", ColumnType::text},
                   {"owner", ColumnType::text},
                   {"description", ColumnType::text},
                   {"instances", ColumnType::integer},
                   {"met", ColumnType::integer},
                   {"open", ColumnType::integer},
                   {"attainment", ColumnType::real},
                   {"target", ColumnType::real},
                   {"status", ColumnType::text},
                   {"per_case", ColumnType::real}},
                  {}};
    for (const miners::TouchpointScore& r : outside.rows) {
        t.rows.push_back({r.touchpoint, r.measure,
                          std::string(r.kind == miners::MeasureInfo::Kind::sla ? "sla" : "kpi"),
                          r.label, r.owner, r.description, count(r.instances), count(r.met),
                          count(r.open), real(r.attainment), target_cell(r.target),
                          status_cell(r.status), real(r.per_case)});
    }
    return t;
}

ResultTable criterion_table(const miners::InsideSummary& inside) {
    ResultTable t{"criterion",
                  {{"criterion", ColumnType::text},
                   {"label", ColumnType::text},
                   {"lagging", ColumnType::integer},
                   {"counted", ColumnType::integer},
                   {"met", ColumnType::integer},
                   {"not_counted", ColumnType::integer},
                   {"rate", ColumnType::real},
                   {"target", ColumnType::real},
                   {"status", ColumnType::text},
                   {"rate_green", ColumnType::real},
                   {"rate_red", ColumnType::real}},
                  {}};
    for (const miners::OutcomeScore& o : inside.outcomes) {
        t.rows.push_back({o.id, o.label, flag(o.lagging), count(o.counted), count(o.met),
                          count(o.not_counted), real(o.rate), target_cell(o.target),
                          status_cell(o.status), real(o.rate_green), real(o.rate_red)});
    }
    return t;
}

ResultTable journey_outcome_table(const EventLog& log, const miners::JourneyOutcomes& o) {
    ResultTable t{"journey_outcome",
                  {{"case_id", ColumnType::text},
                   {"state", ColumnType::text},
                   {"ended", ColumnType::integer},
                   {"start_time_utc", ColumnType::text},
                   {"end_time_utc", ColumnType::text},
                   {"duration_s", ColumnType::real},
                   {"score", ColumnType::real}},
                  {}};
    for (std::size_t c = 0; c < o.state.size(); ++c) {
        // An ended journey has both milestones (outcomes.hpp); end is no_timestamp otherwise.
        const bool e = o.end[c] != no_timestamp && o.start[c] != no_timestamp;
        t.rows.push_back({std::string(log.case_name(c)),
                          std::string(miners::journey_state_name(o.state[c])), flag(ended(o.state[c])),
                          detail::time_cell(o.start[c]), detail::time_cell(o.end[c]),
                          e ? Cell{static_cast<double>(o.end[c] - o.start[c]) /
                                   static_cast<double>(micros_per_second)}
                            : Cell{},
                          real(o.score[c])});
    }
    return t;
}

ResultTable journey_criterion_table(const EventLog& log, const miners::JourneyOutcomes& o) {
    ResultTable t{"journey_criterion",
                  {{"case_id", ColumnType::text},
                   {"criterion", ColumnType::text},
                   {"counted", ColumnType::integer},
                   {"met", ColumnType::integer}},
                  {}};
    for (std::size_t c = 0; c < o.state.size(); ++c) {
        if (!ended(o.state[c])) {
            continue;
        }
        const std::string id(log.case_name(c));
        for (std::size_t k = 0; k < o.outcome_ids.size(); ++k) {
            const std::int8_t r = o.result(c, k);
            t.rows.push_back({id, o.outcome_ids[k], flag(r >= 0), r < 0 ? Cell{} : flag(r == 1)});
        }
    }
    return t;
}

ResultTable watermelon_table(const miners::WatermelonReport& r, const std::string& journey_name,
                             Timestamp as_of) {
    ResultTable t{"watermelon",
                  {{"metric", ColumnType::text}, {"value", ColumnType::real}, {"text", ColumnType::text}},
                  {}};
    FigureRows f{t};
    f.text("journey", journey_name);
    f.text("as_of", as_of == no_timestamp ? std::string() : format_iso8601(as_of));
    f.text("verdict", std::string(miners::verdict_name(r.verdict)));
    f.text("verdict_text", r.verdict_text);
    f.flag("flag", r.flag);
    const miners::OutsideSummary& out = r.scorecard.outside;
    f.flag("outside.dashboard_green", out.dashboard_green);
    f.number("outside.min_attainment", out.min_attainment);
    f.text("outside.min_measure", out.min_measure);
    f.number("outside.weighted_attainment", out.weighted_attainment);
    f.count("outside.scored", out.scored);
    f.count("outside.green", out.green);
    f.count("outside.amber", out.amber);
    f.count("outside.red", out.red);
    const miners::InsideSummary& in = r.scorecard.inside;
    f.count("inside.journeys", in.ended);
    f.number("inside.success_rate", in.success_rate);
    f.count("inside.censored", in.censored);
    f.count("inside.cases", in.cases);
    f.count("inside.started", in.journeys);
    f.count("inside.no_start", in.no_start);
    f.count("inside.green", in.green);
    f.count("inside.red", in.red);
    f.number("inside.target", in.target ? in.target->target_percent / 100.0
                                          : std::numeric_limits<double>::quiet_NaN());
    f.text("inside.status", in.status ? std::string(status_name(*in.status)) : std::string());
    f.number("inside.e2e.p50_s", in.e2e.p50_s);
    f.number("inside.e2e.p90_s", in.e2e.p90_s);
    f.number("inside_target", r.inside_target);
    f.number("gap", r.gap);
    f.number("hidden_red_share", r.discrimination.hidden_red_share);
    f.number("clean_green_share", r.discrimination.clean_green_share);
    f.number("sla_clean_share", r.discrimination.sla_clean_share);
    f.number("sla_auc", r.discrimination.auc);
    f.number("sla_lift", r.discrimination.lift);
    f.number("compounding.expected_clean", r.compounding.expected_clean);
    f.number("compounding.observed_clean", r.compounding.observed_clean);
    f.number("dark_time.mean_share", r.dark_time.mean_share);
    f.number("dark_time.median_share", r.dark_time.median_share);
    const miners::ScoreShape& s = r.scores;
    f.number("bimodality.coefficient", s.bimodality_coefficient);
    f.flag("bimodality.valley", s.valley.valley);
    f.flag("bimodality.bimodal", s.bimodal);
    f.text("bimodality.attribute", s.attribute);
    f.count("bimodality.surveyed", s.surveyed);
    f.number("bimodality.mean", s.mean);
    f.number("bimodality.mean_red", s.mean_red);
    f.number("bimodality.mean_green", s.mean_green);
    return t;
}

ResultTable watermelon_cause_table(const miners::WatermelonReport& r) {
    ResultTable t{"watermelon_cause",
                  {{"rank", ColumnType::integer},
                   {"feature", ColumnType::text},
                   {"kind", ColumnType::text},
                   {"journeys", ColumnType::integer},
                   {"red", ColumnType::integer},
                   {"red_rate", ColumnType::real},
                   {"lift", ColumnType::real},
                   {"relative_risk", ColumnType::real},
                   {"attributable_fraction", ColumnType::real},
                   {"q", ColumnType::real},
                   {"sentence", ColumnType::text}},
                  {}};
    const miners::Attribution& a = r.attribution;
    for (std::size_t i = 0; i < a.causes.size(); ++i) {
        const miners::FeatureStats& f = a.features[a.causes[i].feature];
        t.rows.push_back({static_cast<I>(i + 1), f.key, std::string(miners::feature_kind_name(f.kind)),
                          count(f.journeys), count(f.red), real(f.red_rate), real(f.lift),
                          real(f.relative_risk), real(f.attributable_fraction), real(f.q),
                          a.causes[i].sentence});
    }
    return t;
}

ResultTable watermelon_period_table(const miners::WatermelonReport& r) {
    ResultTable t{"watermelon_period",
                  {{"period", ColumnType::text},
                   {"verdict", ColumnType::text},
                   {"flag", ColumnType::integer},
                   {"journeys", ColumnType::integer},
                   {"censored", ColumnType::integer},
                   {"red", ColumnType::integer},
                   {"dashboard_green", ColumnType::integer},
                   {"weighted_attainment", ColumnType::real},
                   {"min_attainment", ColumnType::real},
                   {"success_rate", ColumnType::real},
                   {"gap", ColumnType::real},
                   {"hidden_red_share", ColumnType::real},
                   {"sla_auc", ColumnType::real}},
                  {}};
    for (const miners::GroupFigures& g : r.periods) {
        t.rows.push_back({g.value, std::string(miners::verdict_name(g.verdict)), flag(g.flag),
                          count(g.ended), count(g.censored), count(g.red), flag(g.dashboard_green),
                          real(g.weighted_attainment), real(g.min_attainment), real(g.success_rate),
                          real(g.gap), real(g.hidden_red_share), real(g.sla_auc)});
    }
    return t;
}

std::vector<std::string> journey_result_names() {
    return {"handover",        "ping_pong_pair",    "handoff_summary", "touchpoint_measure",
            "criterion",       "journey_outcome",   "journey_criterion", "watermelon",
            "watermelon_cause", "watermelon_period"};
}

std::vector<ResultTable> journey_results(const EventLog& log, const Journey& spec,
                                         const ResultOptions& options) {
    // The handoff analysis as `journey handoffs LOG --spec FILE` runs it.
    const miners::HandoffContext context = miners::make_handoff_context(spec, log, bind(spec, log));
    miners::HandoffOptions ho;
    ho.threads = options.threads;
    ho.as_of = options.evaluation.as_of;
    const miners::HandoffResult handoffs = miners::analyze_handoffs(log, context, ho);

    // The scorecard and the watermelon report as `journey watermelon` computes them;
    // the report holds the scorecard.
    const miners::JourneyEvaluator evaluator(spec, log, options.evaluation);
    const miners::WatermelonReport report =
        miners::detect_watermelon(evaluator, options.watermelon, options.threads);
    const miners::JourneyOutcomes outcomes =
        miners::evaluate_outcomes(spec, log, options.evaluation, options.threads);

    std::vector<ResultTable> out;
    out.push_back(handover_table(handoffs));
    out.push_back(ping_pong_pair_table(handoffs));
    out.push_back(handoff_summary_table(handoffs));
    out.push_back(touchpoint_measure_table(report.scorecard.outside));
    out.push_back(criterion_table(report.scorecard.inside));
    out.push_back(journey_outcome_table(log, outcomes));
    out.push_back(journey_criterion_table(log, outcomes));
    out.push_back(watermelon_table(report, spec.name, evaluator.as_of()));
    out.push_back(watermelon_cause_table(report));
    out.push_back(watermelon_period_table(report));
    return out;
}

} // namespace journey::store
