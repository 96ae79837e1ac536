// journey watermelon LOG --spec FILE: are green touchpoint KPIs hiding red journeys,
// and where does the red come from? (domain §3; docs/watermelon.md)

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>

#include <CLI/CLI.hpp>

#include <journey/core/error.hpp>
#include <journey/miners/watermelon.hpp>
#ifdef JOURNEY_HAVE_RENDER
#include <journey/render/watermelon_chart.hpp>
#endif

#include "cmd_spec.hpp"
#include "commands.hpp"
#include "json.hpp"
#include "text_format.hpp"
#include "watermelon_output.hpp"

namespace journey::cli {

namespace {

struct WatermelonCmdOptions {
    OutcomeCmdOptions common;
    std::string chart;
    std::uint64_t min_journeys = 30;
    double inside_target = -1; ///< percent; negative = the spec's, else 70
    double gap_threshold = 20; ///< percentage points
    std::size_t top = 5;
    bool no_attribution = false;
};

void write_group_json(JsonWriter& j, const miners::GroupFigures& g) {
    j.begin_object();
    if (!g.segment.empty()) {
        j.field("segment", g.segment);
    }
    j.field("value", g.value);
    j.field("verdict", miners::verdict_name(g.verdict));
    j.field("flag", g.flag);
    j.field("cases", g.cases);
    j.field("journeys", g.ended);
    j.field("censored", g.censored);
    j.field("green", g.green);
    j.field("red", g.red);
    j.field("dashboard_green", g.dashboard_green);
    j.field("measures_below_target", static_cast<std::uint64_t>(g.measures_red));
    j.field("weighted_attainment", g.weighted_attainment);
    j.field("min_attainment", g.min_attainment);
    j.field("success_rate", g.success_rate);
    j.field("gap", g.gap);
    j.field("hidden_red_share", g.hidden_red_share);
    j.field("sla_auc", g.sla_auc);
    if (!g.segment.empty()) {
        j.field("rank", g.rank);
    }
    j.end_object();
}

void write_feature_json(JsonWriter& j, const miners::FeatureStats& f) {
    j.field("feature", f.key);
    j.field("kind", miners::feature_kind_name(f.kind));
    j.field("description", f.description);
    j.field("journeys", f.journeys);
    j.field("red", f.red);
    j.field("red_rate", f.red_rate);
    j.field("red_rate_without", f.red_rate_without);
    j.field("lift", f.lift);
    j.field("relative_risk", f.relative_risk);
    j.field("risk_difference", f.risk_difference);
    j.field("odds_ratio", f.odds_ratio.estimate);
    j.field("odds_ratio_lower", f.odds_ratio.lower);
    j.field("odds_ratio_upper", f.odds_ratio.upper);
    j.key("p").value(f.p, 12);
    j.key("chi2_p").value(f.chi2_p, 12);
    j.key("q").value(f.q, 12);
    j.field("attributable_fraction", f.attributable_fraction);
    j.field("definitional", f.definitional);
    j.field("eligible", f.eligible);
}

void write_json(const Journey& spec, const miners::JourneyEvaluator& ev,
                const miners::WatermelonReport& r, std::ostream& os) {
    JsonWriter j(os, true);
    j.begin_object();
    j.field("journey", spec.name);
    j.key("as_of").value(format_iso8601(ev.as_of()));
    j.field("verdict", miners::verdict_name(r.verdict));
    j.field("verdict_text", r.verdict_text);
    j.field("flag", r.flag);
    j.key("outside");
    write_outside_json(j, r.scorecard.outside);
    j.key("inside");
    write_inside_json(j, r.scorecard.inside);
    j.field("inside_target", r.inside_target);
    j.field("gap", r.gap);
    j.field("hidden_red_share", r.discrimination.hidden_red_share);
    j.field("clean_green_share", r.discrimination.clean_green_share);
    j.field("sla_clean_share", r.discrimination.sla_clean_share);
    j.field("sla_auc", r.discrimination.auc);
    j.field("sla_lift", r.discrimination.lift);
    j.key("compounding").begin_object();
    j.field("expected_clean", r.compounding.expected_clean);
    j.field("observed_clean", r.compounding.observed_clean);
    j.field("success_rate", r.compounding.success_rate);
    j.end_object();
    j.key("timely_but_wrong").begin_array();
    for (const miners::TimelyButWrong& t : r.timely_but_wrong) {
        j.begin_object();
        j.field("measure", t.measure);
        j.field("touchpoint", t.touchpoint);
        j.field("outputs", t.outputs);
        j.field("on_time", t.on_time);
        j.field("corrected", t.corrected);
        j.field("on_time_corrected", t.on_time_corrected);
        j.field("attainment", t.attainment);
        j.field("accuracy", t.accuracy);
        j.field("timely_but_wrong", t.timely_but_wrong);
        j.field("gap", t.gap);
        j.end_object();
    }
    j.end_array();
    j.key("dark_time").begin_object();
    j.field("journeys", r.dark_time.journeys);
    j.field("mean_share", r.dark_time.mean_share);
    j.field("median_share", r.dark_time.median_share);
    j.end_object();
    const miners::ScoreShape& s = r.scores;
    j.key("bimodality").begin_object();
    j.field("coefficient", s.bimodality_coefficient);
    j.field("valley", s.valley.valley);
    j.field("bimodal", s.bimodal);
    j.field("attribute", s.attribute);
    j.field("surveyed", s.surveyed);
    j.field("mean", s.mean);
    j.field("mean_red", s.mean_red);
    j.field("mean_green", s.mean_green);
    j.field("bottom_box", s.bottom_box);
    j.field("low_box", s.low_box);
    j.field("top_box", s.top_box);
    j.key("histogram").begin_array();
    for (const std::uint64_t h : s.histogram) {
        j.value(h);
    }
    j.end_array();
    j.key("histogram_red").begin_array();
    for (const std::uint64_t h : s.histogram_red) {
        j.value(h);
    }
    j.end_array();
    if (s.valley.valley) {
        j.key("valley_test").begin_object();
        j.field("low_mode", static_cast<std::uint64_t>(s.valley.low_mode));
        j.field("high_mode", static_cast<std::uint64_t>(s.valley.high_mode));
        j.field("valley_bin", static_cast<std::uint64_t>(s.valley.valley_bin));
        j.field("valley_ratio", s.valley.valley_ratio);
        j.field("low_mass", s.valley.low_mass);
        j.field("high_mass", s.valley.high_mass);
        j.end_object();
    }
    j.key("modes").begin_array();
    for (const miners::ScoreMode& m : s.modes) {
        j.begin_object();
        j.field("low", m.low);
        j.field("high", m.high);
        j.field("journeys", m.journeys);
        j.field("share", m.share);
        j.field("mean", m.mean);
        j.field("red_share", m.red_share);
        j.end_object();
    }
    j.end_array();
    j.end_object();
    const miners::DurationShape& d = r.durations;
    j.key("durations").begin_object();
    j.field("mixture_valid", d.mixture.valid);
    j.key("mode_low_s").value(d.mode_low_s, 3);
    j.key("mode_high_s").value(d.mode_high_s, 3);
    j.field("weight_high", d.mixture.weight[1]);
    j.field("ashman_d", d.mixture.ashman_d);
    j.field("bic1", d.mixture.bic1);
    j.field("bic2", d.mixture.bic2);
    j.field("bimodal", d.bimodal);
    j.end_object();
    j.key("periods").begin_array();
    for (const miners::GroupFigures& g : r.periods) {
        write_group_json(j, g);
    }
    j.end_array();
    j.key("segments").begin_array();
    for (const miners::GroupFigures& g : r.segments) {
        write_group_json(j, g);
    }
    j.end_array();
    const miners::Attribution& a = r.attribution;
    j.key("attribution").begin_object();
    j.field("journeys", a.journeys);
    j.field("red", a.red);
    j.field("red_rate", a.red_rate);
    j.end_object();
    j.key("causes").begin_array();
    for (const miners::Cause& c : a.causes) {
        j.begin_object();
        write_feature_json(j, a.features[c.feature]);
        j.field("sentence", c.sentence);
        j.key("aliases").begin_array();
        for (const std::string& al : c.aliases) {
            j.value(al);
        }
        j.end_array();
        j.end_object();
    }
    j.end_array();
    j.key("cover").begin_array();
    for (const miners::CoverStep& c : a.cover) {
        j.begin_object();
        j.field("feature", c.key);
        j.field("newly_covered", c.newly_covered);
        j.field("cumulative_share", c.cumulative_share);
        j.end_object();
    }
    j.end_array();
    j.key("blame").begin_array();
    for (const miners::BlameEdge& b : a.blame) {
        j.begin_object();
        j.field("from", b.from);
        j.field("to", b.to);
        j.field("red", b.red);
        j.field("share_of_red", b.share_of_red);
        j.end_object();
    }
    j.end_array();
    j.key("features").begin_array();
    for (const miners::FeatureStats& f : a.features) {
        j.begin_object();
        write_feature_json(j, f);
        j.end_object();
    }
    j.end_array();
    const miners::DifferentialDfg& g = r.differential;
    j.key("differential_dfg").begin_object();
    j.field("red", g.red);
    j.field("green", g.green);
    j.key("nodes").begin_array();
    for (const miners::DiffNode& n : g.nodes) {
        j.begin_object();
        j.field("activity", n.activity);
        j.field("red_events", n.red_events);
        j.field("green_events", n.green_events);
        j.field("red_journeys", n.red_journeys);
        j.field("green_journeys", n.green_journeys);
        j.field("red_rework_rate", n.red_rework_rate);
        j.field("green_rework_rate", n.green_rework_rate);
        j.end_object();
    }
    j.end_array();
    j.key("edges").begin_array();
    for (const miners::DiffEdge& e : g.edges) {
        j.begin_object();
        j.field("from", e.from);
        j.field("to", e.to);
        j.field("red_count", e.red_count);
        j.field("green_count", e.green_count);
        j.field("red_journeys", e.red_journeys);
        j.field("green_journeys", e.green_journeys);
        j.field("red_per_journey", e.red_per_journey);
        j.field("green_per_journey", e.green_per_journey);
        j.field("log_lift", e.log_lift);
        j.key("median_wait_s").value(e.median_wait_s, 1);
        j.key("p90_wait_s").value(e.p90_wait_s, 1);
        j.key("red_median_wait_s").value(e.red_median_wait_s, 1);
        j.key("green_median_wait_s").value(e.green_median_wait_s, 1);
        j.end_object();
    }
    j.end_array();
    j.end_object();
    j.end_object();
    j.finish();
}

void write_group_csv(CsvRows& csv, std::string_view section, const miners::GroupFigures& g) {
    const std::string item = g.segment.empty() ? g.value : g.segment + "=" + g.value;
    csv.row(section, item, "verdict", miners::verdict_name(g.verdict));
    csv.flag(section, item, "flag", g.flag);
    csv.count(section, item, "journeys", g.ended);
    csv.count(section, item, "censored", g.censored);
    csv.count(section, item, "red", g.red);
    csv.flag(section, item, "dashboard_green", g.dashboard_green);
    csv.number(section, item, "weighted_attainment", g.weighted_attainment);
    csv.number(section, item, "min_attainment", g.min_attainment);
    csv.number(section, item, "success_rate", g.success_rate);
    csv.number(section, item, "gap", g.gap);
    csv.number(section, item, "hidden_red_share", g.hidden_red_share);
    csv.number(section, item, "sla_auc", g.sla_auc);
    if (!g.segment.empty()) {
        csv.number(section, item, "rank", g.rank);
    }
}

void write_csv(const Journey& spec, const miners::JourneyEvaluator& ev,
               const miners::WatermelonReport& r, std::ostream& os) {
    CsvRows csv(os);
    csv.row("journey", "", "name", spec.name);
    csv.row("journey", "", "as_of", format_iso8601(ev.as_of()));
    csv.row("verdict", "", "verdict", miners::verdict_name(r.verdict));
    csv.row("verdict", "", "text", r.verdict_text);
    csv.flag("verdict", "", "flag", r.flag);
    csv.number("verdict", "", "gap", r.gap);
    csv.number("verdict", "", "inside_target", r.inside_target);
    write_outside_csv(csv, r.scorecard.outside);
    write_inside_csv(csv, r.scorecard.inside);
    csv.number("discrimination", "", "hidden_red_share", r.discrimination.hidden_red_share);
    csv.number("discrimination", "", "clean_green_share", r.discrimination.clean_green_share);
    csv.number("discrimination", "", "sla_clean_share", r.discrimination.sla_clean_share);
    csv.number("discrimination", "", "sla_auc", r.discrimination.auc);
    csv.number("discrimination", "", "sla_lift", r.discrimination.lift);
    csv.number("compounding", "", "expected_clean", r.compounding.expected_clean);
    csv.number("compounding", "", "observed_clean", r.compounding.observed_clean);
    for (const miners::TimelyButWrong& t : r.timely_but_wrong) {
        csv.count("timely_but_wrong", t.measure, "outputs", t.outputs);
        csv.number("timely_but_wrong", t.measure, "attainment", t.attainment);
        csv.number("timely_but_wrong", t.measure, "accuracy", t.accuracy);
        csv.number("timely_but_wrong", t.measure, "timely_but_wrong", t.timely_but_wrong);
        csv.number("timely_but_wrong", t.measure, "gap", t.gap);
    }
    csv.count("dark_time", "", "journeys", r.dark_time.journeys);
    csv.number("dark_time", "", "mean_share", r.dark_time.mean_share);
    csv.number("dark_time", "", "median_share", r.dark_time.median_share);
    const miners::ScoreShape& s = r.scores;
    csv.row("scores", "", "attribute", s.attribute);
    csv.count("scores", "", "surveyed", s.surveyed);
    csv.number("scores", "", "mean", s.mean);
    csv.number("scores", "", "mean_red", s.mean_red);
    csv.number("scores", "", "mean_green", s.mean_green);
    csv.number("scores", "", "bottom_box", s.bottom_box);
    csv.number("scores", "", "low_box", s.low_box);
    csv.number("scores", "", "top_box", s.top_box);
    csv.number("scores", "", "bimodality_coefficient", s.bimodality_coefficient);
    csv.flag("scores", "", "valley", s.valley.valley);
    csv.flag("scores", "", "bimodal", s.bimodal);
    for (std::size_t i = 0; i < s.histogram.size(); ++i) {
        csv.count("score_histogram", std::to_string(i), "journeys", s.histogram[i]);
        csv.count("score_histogram", std::to_string(i), "red", s.histogram_red[i]);
    }
    for (std::size_t i = 0; i < s.modes.size(); ++i) {
        const std::string item = std::to_string(i + 1);
        csv.number("score_mode", item, "low", s.modes[i].low);
        csv.number("score_mode", item, "high", s.modes[i].high);
        csv.number("score_mode", item, "share", s.modes[i].share);
        csv.number("score_mode", item, "mean", s.modes[i].mean);
        csv.number("score_mode", item, "red_share", s.modes[i].red_share);
    }
    csv.number("durations", "", "mode_low_s", r.durations.mode_low_s, 3);
    csv.number("durations", "", "mode_high_s", r.durations.mode_high_s, 3);
    csv.number("durations", "", "ashman_d", r.durations.mixture.ashman_d);
    csv.flag("durations", "", "bimodal", r.durations.bimodal);
    for (const miners::GroupFigures& g : r.periods) {
        write_group_csv(csv, "period", g);
    }
    for (const miners::GroupFigures& g : r.segments) {
        write_group_csv(csv, "segment", g);
    }
    const miners::Attribution& a = r.attribution;
    for (std::size_t i = 0; i < a.causes.size(); ++i) {
        const miners::FeatureStats& f = a.features[a.causes[i].feature];
        const std::string item = std::to_string(i + 1);
        csv.row("cause", item, "feature", f.key);
        csv.number("cause", item, "lift", f.lift);
        csv.number("cause", item, "attributable_fraction", f.attributable_fraction);
        csv.number("cause", item, "q", f.q, 12);
        csv.row("cause", item, "sentence", a.causes[i].sentence);
    }
    for (const miners::CoverStep& c : a.cover) {
        csv.count("cover", c.key, "newly_covered", c.newly_covered);
        csv.number("cover", c.key, "cumulative_share", c.cumulative_share);
    }
    for (const miners::BlameEdge& b : a.blame) {
        const std::string item = b.from.empty() ? std::string("none") : b.from + ">" + b.to;
        csv.count("blame", item, "red", b.red);
        csv.number("blame", item, "share_of_red", b.share_of_red);
    }
    for (const miners::FeatureStats& f : a.features) {
        csv.count("feature", f.key, "journeys", f.journeys);
        csv.count("feature", f.key, "red", f.red);
        csv.number("feature", f.key, "lift", f.lift);
        csv.number("feature", f.key, "relative_risk", f.relative_risk);
        csv.number("feature", f.key, "odds_ratio", f.odds_ratio.estimate);
        csv.number("feature", f.key, "odds_ratio_lower", f.odds_ratio.lower);
        csv.number("feature", f.key, "odds_ratio_upper", f.odds_ratio.upper);
        csv.number("feature", f.key, "p", f.p, 12);
        csv.number("feature", f.key, "q", f.q, 12);
        csv.number("feature", f.key, "attributable_fraction", f.attributable_fraction);
        csv.flag("feature", f.key, "eligible", f.eligible);
    }
    for (const miners::DiffEdge& e : r.differential.edges) {
        const std::string item = e.from + ">" + e.to;
        csv.count("dfg_edge", item, "red_count", e.red_count);
        csv.count("dfg_edge", item, "green_count", e.green_count);
        csv.number("dfg_edge", item, "log_lift", e.log_lift);
        csv.number("dfg_edge", item, "median_wait_s", e.median_wait_s, 1);
    }
}

/// Fixed decimals for the terminal ("n/a" for NaN).
std::string fixed(double v, int decimals) {
    if (!std::isfinite(v)) {
        return "n/a";
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

void print_text(const Journey& spec, const std::string& spec_path, const miners::JourneyEvaluator& ev,
                const miners::WatermelonReport& r, std::size_t top, std::ostream& out) {
    std::string verdict(miners::verdict_name(r.verdict));
    std::transform(verdict.begin(), verdict.end(), verdict.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    out << (spec.name.empty() ? spec_path : spec.name) << ": " << verdict << " (as of "
        << format_iso8601(ev.as_of()) << ")\n";
    out << r.verdict_text << "\n\n";
    const miners::OutsideSummary& o = r.scorecard.outside;
    const miners::InsideSummary& in = r.scorecard.inside;
    out << "  Outside    " << o.green << " of " << o.scored << " touchpoint measures on target; "
        << percent_text(o.weighted_attainment) << " of instances on target";
    if (!o.min_measure.empty()) {
        out << " (lowest " << o.min_measure << ", " << percent_text(o.min_attainment) << ")";
    }
    out << "\n";
    out << "  Inside     " << percent_text(in.success_rate) << " of " << count_text(in.ended)
        << " ended journeys green (target " << percent_text(r.inside_target) << "); "
        << count_text(in.censored) << " still running, left out\n";
    if (std::isfinite(r.gap)) {
        out << "  Gap        " << fixed(r.gap * 100, 1)
            << " points between the dashboard and the journeys\n";
    }
    const miners::Discrimination& d = r.discrimination;
    if (std::isfinite(d.hidden_red_share)) {
        out << "  Hidden     " << percent_text(d.hidden_red_share)
            << " of red journeys missed no SLA or KPI at all (green journeys: "
            << percent_text(d.clean_green_share) << ")\n";
    }
    if (std::isfinite(d.auc)) {
        out << "  SLA AUC    " << fixed(d.auc, 3)
            << (d.auc < 0.6 ? ": the touchpoint measures barely tell red journeys from green (0.5 = blind)\n"
                            : ": the touchpoint measures see part of the failure (0.5 = blind, 1 = perfect)\n");
    }
    if (std::isfinite(r.compounding.expected_clean)) {
        out << "  Seams      the measures compound to " << percent_text(r.compounding.expected_clean)
            << " breach-free journeys; " << percent_text(r.compounding.observed_clean)
            << " observed, " << percent_text(in.success_rate) << " green\n";
    }
    const miners::ScoreShape& s = r.scores;
    if (s.surveyed > 0) {
        out << "  Scores     mean " << fixed(s.mean, 1) << " hides red " << fixed(s.mean_red, 1)
            << " against green " << fixed(s.mean_green, 1) << "; bimodality coefficient "
            << fixed(s.bimodality_coefficient, 3) << ", valley "
            << (s.valley.valley ? "yes" : "no") << (s.bimodal ? ": two populations" : "") << "\n";
    }
    if (std::isfinite(r.dark_time.mean_share)) {
        out << "  Dark time  " << percent_text(r.dark_time.mean_share)
            << " of journey time runs on no SLA clock (mean)\n";
    }
    const miners::Attribution& a = r.attribution;
    if (!a.causes.empty()) {
        out << "\nTop causes\n";
        for (std::size_t i = 0; i < a.causes.size() && i < top; ++i) {
            out << "  " << i + 1 << ". " << a.causes[i].sentence << "\n";
            if (!a.causes[i].aliases.empty()) {
                out << "     (same journeys: ";
                for (std::size_t k = 0; k < a.causes[i].aliases.size() && k < 3; ++k) {
                    out << (k ? ", " : "") << a.causes[i].aliases[k];
                }
                if (a.causes[i].aliases.size() > 3) {
                    out << " and " << a.causes[i].aliases.size() - 3 << " more";
                }
                out << ")\n";
            }
        }
        if (!a.cover.empty()) {
            out << "  " << a.cover.size() << " feature" << (a.cover.size() == 1 ? "" : "s") << " explain "
                << percent_text(a.cover.back().cumulative_share) << " of red journeys:";
            for (std::size_t i = 0; i < a.cover.size(); ++i) {
                out << (i ? ", " : " ") << a.cover[i].key;
            }
            out << "\n";
        }
    }
    if (!a.blame.empty()) {
        out << "\nFirst failures come right after these handoffs (share of red journeys):";
        for (std::size_t i = 0; i < a.blame.size() && i < top; ++i) {
            out << (i ? ", " : " ")
                << (a.blame[i].from.empty() ? std::string("no handoff") : a.blame[i].from + " -> " + a.blame[i].to)
                << " " << percent_text(a.blame[i].share_of_red);
        }
        out << "\n";
    }
    std::vector<const miners::TimelyButWrong*> tbw;
    for (const miners::TimelyButWrong& t : r.timely_but_wrong) {
        if (t.outputs > 0 && t.timely_but_wrong > 0) {
            tbw.push_back(&t);
        }
    }
    std::stable_sort(tbw.begin(), tbw.end(), [](const auto* x, const auto* y) {
        return x->timely_but_wrong > y->timely_but_wrong;
    });
    if (!tbw.empty()) {
        out << "\nTimely but wrong (on time, then returned or corrected on the same object)\n";
        for (std::size_t i = 0; i < tbw.size() && i < top; ++i) {
            out << "  " << pad(tbw[i]->measure, 22) << percent_text(tbw[i]->attainment) << " on time, "
                << percent_text(tbw[i]->accuracy) << " accurate: " << percent_text(tbw[i]->timely_but_wrong)
                << " timely but wrong\n";
        }
    }
    if (r.periods.size() > 1) {
        out << "\nBy month (journey start): ";
        for (std::size_t i = 0; i < r.periods.size(); ++i) {
            const miners::GroupFigures& g = r.periods[i];
            out << (i ? "; " : "") << g.value << " " << miners::verdict_name(g.verdict);
            if (std::isfinite(g.gap)) {
                out << " (gap " << fixed(g.gap * 100, 1) << ")";
            }
        }
        out << "\n";
    }
    if (!r.segments.empty()) {
        out << "\nWhere the watermelon is (flagged segments by journeys × gap):";
        std::size_t shown = 0;
        for (const miners::GroupFigures& g : r.segments) {
            if (!g.flag || shown >= top) {
                continue;
            }
            out << (shown ? ", " : " ") << g.segment << "=" << g.value << " (" << count_text(g.ended)
                << " journeys, gap " << fixed(g.gap * 100, 1) << ")";
            ++shown;
        }
        out << (shown == 0 ? " none" : "") << "\n";
    }
}

#ifdef JOURNEY_HAVE_RENDER
render::WatermelonChart chart_of(const Journey& spec, const miners::WatermelonReport& r) {
    render::WatermelonChart c;
    c.title = (spec.name.empty() ? std::string("Journey") : spec.name) + ": " +
              std::string(miners::verdict_name(r.verdict));
    c.subtitle = r.verdict_text;
    for (const miners::TouchpointScore& row : r.scorecard.outside.rows) {
        if (row.instances == 0) {
            continue;
        }
        render::AttainmentBar b;
        b.label = row.measure;
        b.attainment = row.attainment;
        b.target = row.target ? row.target->target_percent / 100.0 : -1;
        b.status = row.status ? std::string(status_name(*row.status)) : std::string();
        c.bars.push_back(std::move(b));
    }
    c.journey_success = r.scorecard.inside.success_rate;
    c.inside_target = r.inside_target;
    const miners::ScoreShape& s = r.scores;
    c.score_label = s.attribute;
    if (s.integer_scale) {
        c.histogram = s.histogram;
        c.histogram_red = s.histogram_red;
        if (s.valley.valley) {
            c.modes = {s.valley.low_mode, s.valley.high_mode};
            c.valley = s.valley.valley_bin;
        } else {
            const auto top = std::max_element(s.histogram.begin(), s.histogram.end());
            c.modes = {static_cast<std::size_t>(top - s.histogram.begin())};
        }
        if (std::isfinite(s.bimodality_coefficient)) {
            c.bimodality_coefficient = s.bimodality_coefficient;
        }
    }
    return c;
}
#endif

int run_watermelon(const WatermelonCmdOptions& w, Context& ctx) {
    const OutcomeCmdOptions& o = w.common;
    const miners::EvaluationOptions eval = evaluation_options(o);
    if (w.inside_target > 100 || w.gap_threshold < 0 || w.gap_threshold > 100) {
        throw usage_error("--inside-target and --gap-threshold are percentages (0-100)");
    }
#ifndef JOURNEY_HAVE_RENDER
    if (!w.chart.empty()) {
        throw usage_error("--chart: this build has no renderer (journey::render)");
    }
#endif
    const std::optional<Journey> spec = load_spec(o.spec, ctx);
    if (!spec) {
        return exit_data;
    }
    const io::ReadResult read = load_log(o.log, o.input, ctx);
    const miners::JourneyEvaluator evaluator(*spec, read.log, eval);
    miners::WatermelonOptions wo;
    wo.min_journeys = w.min_journeys;
    if (w.inside_target >= 0) {
        wo.inside_target = w.inside_target / 100.0;
    }
    wo.gap_threshold = w.gap_threshold / 100.0;
    wo.attribute = !w.no_attribution;
    const miners::WatermelonReport r = miners::detect_watermelon(evaluator, wo, o.input.threads);
#ifdef JOURNEY_HAVE_RENDER
    if (!w.chart.empty()) {
        std::ofstream f(w.chart, std::ios::binary);
        if (!f) {
            throw io_error(w.chart, "cannot open for writing");
        }
        f << render::watermelon_chart_svg(chart_of(*spec, r));
        if (!f) {
            throw io_error(w.chart, "write failed");
        }
    }
#endif
    if (o.json) {
        write_json(*spec, evaluator, r, ctx.out);
    } else if (o.csv) {
        write_csv(*spec, evaluator, r, ctx.out);
    } else {
        print_text(*spec, o.spec, evaluator, r, w.top, ctx.out);
    }
    return exit_ok;
}

} // namespace

void setup_watermelon(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<WatermelonCmdOptions>();
    CLI::App* sub = app.add_subcommand(
        "watermelon", "Do green touchpoint KPIs hide red journeys? The verdict, its figures and causes");
    add_outcome_options(*sub, opt->common);
    sub->add_option("--chart", opt->chart, "Also write the watermelon chart (SVG) to this file");
    sub->add_option("--min-journeys", opt->min_journeys,
                    "Fewer ended journeys give 'insufficient data' (default 30)");
    sub->add_option("--inside-target", opt->inside_target,
                    "Journey success target in percent (default: the spec's success target, else 70)");
    sub->add_option("--gap-threshold", opt->gap_threshold,
                    "Flag a watermelon when the gap reaches this many points (default 20)");
    sub->add_option("--top", opt->top, "Causes, handoffs and segments shown in the text output (default 5)");
    sub->add_flag("--no-attribution", opt->no_attribution,
                  "Skip the attribution of red journeys and the differential DFG (faster)");
    sub->callback([opt, &ctx] { ctx.exit_code = run_watermelon(*opt, ctx); });
}

} // namespace journey::cli
