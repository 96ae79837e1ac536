// Map data for the map commands: the flow from the log plus the adapters that carry
// the scorecard, watermelon and handoff results onto the map.

#include "map_data.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include <CLI/CLI.hpp>

#include <journey/core/binding.hpp>
#include <journey/core/error.hpp>
#include <journey/version.hpp>
#ifdef JOURNEY_HAVE_RENDER
#include <journey/miners/handoff_context.hpp>
#include <journey/miners/handoffs.hpp>
#include <journey/miners/outcomes.hpp>
#include <journey/miners/scorecard.hpp>
#include <journey/miners/watermelon.hpp>
#include <journey/render/map_build.hpp>
#endif

#include "cmd_spec.hpp"

namespace journey::cli {

void no_map_renderer() {
    throw error("this build of journey has no map renderer");
}

void add_map_options(CLI::App& sub, MapCliOptions& o) {
    add_spec_option(sub, o.spec);
    sub.add_option("--metric", o.metric,
                   "What edge colours show: frequency, wait (median), p90, lift (red vs green "
                   "journeys) or rejection")
        ->capture_default_str()
        ->check(CLI::IsMember({"frequency", "wait", "median", "p90", "lift", "rejection"}));
    sub.add_option("--coverage", o.coverage,
                   "Keep the busiest touchpoints/activities covering this % of events")
        ->capture_default_str()
        ->check(CLI::Range(0.01, 100.0));
    sub.add_option("--edge-coverage", o.edge_coverage,
                   "Keep the busiest edges covering this % of transitions (default: 97 with "
                   "--spec, 100 without)")
        ->check(CLI::Range(0.01, 100.0));
    sub.add_option("--max-edges", o.max_edges, "Keep at most N edges, busiest first (0 = all)");
    sub.add_option("--max-nodes", o.max_nodes,
                   "Keep at most N touchpoints/activities, busiest first (0 = all; without any "
                   "filter option a map of more than 60 gets 40 nodes and 100 edges)")
        ->check(CLI::Range(0L, 100000L));
    sub.add_option("--min-count", o.min_count, "Hide edges seen fewer than N times");
    sub.add_flag("--durations", o.durations, "Same as --metric wait (edge labels show the median wait)");
    sub.add_option("--title", o.title, "Title of the map (default: the journey name or the file name)");
    sub.add_option("--callouts", o.callouts, "Numbered findings at most (0 = none)")
        ->capture_default_str();
    sub.add_flag("--no-legend", o.no_legend, "Leave out the legend");
    sub.add_flag("--no-panel", o.no_panel, "Leave out the side panel with the findings");
    sub.add_flag("--no-analyses", o.no_analyses,
                 "Draw the flow only: no scorecard, watermelon or handoff figures (faster)");
    add_input_options(sub, o.input);
}

#ifdef JOURNEY_HAVE_RENDER

namespace {

using render::JourneyMapData;
using render::MapCallout;
using render::MapEdge;
using render::MapFigure;
using render::MapNode;
using render::Rag;

std::string pct(double share, int decimals = 1) {
    if (!std::isfinite(share)) {
        return "–";
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f %%", decimals, share * 100);
    return buf;
}

Rag rag_of(const std::optional<Thresholds::Status>& s) {
    if (!s) {
        return Rag::none;
    }
    switch (*s) {
    case Thresholds::Status::green:
        return Rag::green;
    case Thresholds::Status::amber:
        return Rag::amber;
    case Thresholds::Status::red:
        return Rag::red;
    }
    return Rag::none;
}

int severity(Rag r) {
    return r == Rag::red ? 3 : r == Rag::amber ? 2 : r == Rag::green ? 1 : 0;
}

std::string base_name(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

MapNode* find_node(JourneyMapData& d, const std::string& id) {
    for (MapNode& n : d.nodes) {
        if (n.id == id) {
            return &n;
        }
    }
    return nullptr;
}

std::string lane_label(const JourneyMapData& d, const std::string& id) {
    for (const auto& l : d.lanes) {
        if (l.id == id) {
            return l.label.empty() ? id : l.label;
        }
    }
    return id;
}

// The busiest map edge from a node of lane x to a node of lane y.
MapEdge* busiest_between(JourneyMapData& d, const std::string& x, const std::string& y) {
    std::map<std::string, std::string> lane;
    for (const MapNode& n : d.nodes) {
        lane[n.id] = n.lane;
    }
    MapEdge* best = nullptr;
    for (MapEdge& e : d.edges) {
        if (lane[e.from] == x && lane[e.to] == y && (best == nullptr || e.count > best->count)) {
            best = &e;
        }
    }
    return best;
}

std::uint32_t add_callout(JourneyMapData& d, const MapCallout& c, std::size_t limit) {
    if (d.callouts.size() >= limit) {
        return 0;
    }
    MapCallout x = c;
    x.number = static_cast<std::uint32_t>(d.callouts.size() + 1);
    d.callouts.push_back(x);
    return x.number;
}

// Scorecard: each touchpoint shows its worst measure (by status, then attainment).
void apply_scorecard(JourneyMapData& d, const miners::OutsideSummary& outside) {
    for (MapNode& n : d.nodes) {
        const miners::TouchpointScore* pick = nullptr;
        for (const miners::TouchpointScore& row : outside.rows) {
            if (row.touchpoint != n.id || row.instances == 0 || !std::isfinite(row.attainment)) {
                continue;
            }
            if (pick == nullptr) {
                pick = &row;
                continue;
            }
            const int a = severity(rag_of(row.status));
            const int b = severity(rag_of(pick->status));
            if (a > b || (a == b && row.attainment < pick->attainment)) {
                pick = &row;
            }
        }
        if (pick != nullptr) {
            n.attainment = pick->attainment;
            n.target = pick->target ? pick->target->target_percent / 100.0 : render::no_value;
            n.status = rag_of(pick->status);
            n.measure = pick->description;
        }
    }
}

// Handoffs: rejection and ping-pong of the department pair on every edge that
// crosses lanes; callouts on the worst handoffs of the impact ranking.
void apply_handoffs(JourneyMapData& d, const miners::HandoffResult& r, std::size_t limit) {
    std::map<std::string, std::string> lane;
    for (const MapNode& n : d.nodes) {
        lane[n.id] = n.lane;
    }
    for (MapEdge& e : d.edges) {
        const std::string& x = lane[e.from];
        const std::string& y = lane[e.to];
        if (x.empty() || y.empty() || x == y) {
            continue;
        }
        if (const miners::HandoverEdge* h = r.find(x, y); h != nullptr && h->count > 0) {
            e.rejection_rate = h->rejection_rate;
        }
        const std::string& a = std::min(x, y);
        const std::string& b = std::max(x, y);
        for (const miners::PingPongPair& p : r.ping_pong.pairs) {
            if (p.a == a && p.b == b && p.count > 0) {
                e.ping_pong_per_100 = p.per_100_handovers;
            }
        }
    }
    std::size_t listed = 0;
    for (const miners::HandoffImpact& h : r.impact.edges) {
        if (listed >= 3) {
            break;
        }
        const miners::HandoverEdge* edge = r.find(h.from, h.to);
        // A handoff that one journey in a hundred takes is not a war-room finding.
        if (edge == nullptr || edge->count < std::max<std::uint64_t>(3, r.totals.journeys / 100)) {
            continue;
        }
        MapCallout c;
        c.title = "Handoff " + lane_label(d, h.from) + " → " + lane_label(d, h.to);
        c.text = miners::describe_handover(*edge, r);
        if (r.impact.basis == "red" && h.cases > 0 && std::isfinite(h.paf)) {
            c.text += " It is linked to " + pct(h.paf, 0) +
                      " of red journeys (attributable fraction).";
        }
        c.severity = Rag::red;
        const std::uint32_t number = add_callout(d, c, limit);
        if (number == 0) {
            break;
        }
        ++listed;
        if (MapEdge* e = busiest_between(d, h.from, h.to); e != nullptr && e->callout == 0) {
            e->callout = number;
        }
    }
}

void apply_watermelon(JourneyMapData& d, const miners::WatermelonReport& w, std::size_t limit) {
    const miners::OutsideSummary& out = w.scorecard.outside;
    const miners::InsideSummary& in = w.scorecard.inside;
    MapFigure scored;
    scored.label = "Touchpoint measures on target";
    scored.value = std::to_string(out.green) + " of " + std::to_string(out.scored);
    scored.note = out.dashboard_green ? "the dashboard is green"
                                      : std::to_string(out.red + out.amber) + " below target";
    scored.status = out.scored == 0 ? Rag::none : out.dashboard_green ? Rag::green : Rag::amber;
    d.outside.push_back(scored);
    MapFigure gout;
    gout.label = "SLA instances met";
    gout.value = pct(out.weighted_attainment);
    gout.note = "volume-weighted; lowest " + pct(out.min_attainment) +
                (out.min_measure.empty() ? std::string() : " (" + out.min_measure + ")");
    gout.status = scored.status;
    d.outside.push_back(gout);

    MapFigure jin;
    jin.label = "Journeys green";
    jin.value = pct(in.success_rate);
    jin.note = in.target ? "target " + pct(in.target->target_percent / 100, 0) : "no target";
    jin.note += "; " + std::to_string(in.ended) + " ended";
    jin.status = rag_of(in.status);
    if (jin.status == Rag::none && std::isfinite(in.success_rate)) {
        jin.status = in.success_rate < w.inside_target ? Rag::red : Rag::green;
    }
    d.inside.push_back(jin);
    if (w.discrimination.red > 0) {
        MapFigure hidden;
        hidden.label = "Red journeys with no SLA breach";
        hidden.value = pct(w.discrimination.hidden_red_share, 0);
        char auc[32];
        std::snprintf(auc, sizeof auc, "%.2f", w.discrimination.auc);
        hidden.note = std::string("SLA breaches tell red from green: AUC ") + auc;
        hidden.status = w.discrimination.hidden_red_share >= 0.3 ? Rag::red : Rag::amber;
        d.inside.push_back(hidden);
    }
    if (in.e2e.ended > 0 && std::isfinite(in.e2e.p50_s)) {
        MapFigure e2e;
        e2e.label = "End to end, median";
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.0f d", in.e2e.p50_s / 86400);
        e2e.value = buf;
        std::snprintf(buf, sizeof buf, "p90 %.0f d", in.e2e.p90_s / 86400);
        e2e.note = buf;
        d.inside.push_back(e2e);
    }
    d.verdict = w.verdict_text.empty() ? std::string(miners::verdict_name(w.verdict)) : w.verdict_text;
    switch (w.verdict) {
    case miners::Verdict::watermelon:
    case miners::Verdict::red:
        d.verdict_status = Rag::red;
        break;
    case miners::Verdict::green:
        d.verdict_status = Rag::green;
        break;
    case miners::Verdict::insufficient_data:
        d.verdict_status = Rag::none;
        break;
    }
    if (w.verdict == miners::Verdict::watermelon) {
        MapCallout c;
        c.title = "Watermelon: green outside, red inside";
        c.text = std::to_string(out.green) + " of " + std::to_string(out.scored) +
                 " touchpoint measures are on target, yet only " + pct(in.success_rate, 0) +
                 " of journeys are green. " + pct(w.discrimination.hidden_red_share, 0) +
                 " of red journeys breached no SLA at all: the dashboard cannot see them.";
        c.severity = Rag::red;
        add_callout(d, c, limit);
    }
    // Timely but wrong: the largest gap between on time and accurate.
    const miners::TimelyButWrong* tbw = nullptr;
    for (const miners::TimelyButWrong& t : w.timely_but_wrong) {
        if (t.outputs > 0 && t.gap >= 0.05 && (tbw == nullptr || t.gap > tbw->gap)) {
            tbw = &t;
        }
    }
    if (tbw != nullptr) {
        MapCallout c;
        MapNode* n = find_node(d, tbw->touchpoint);
        c.title = "On time but wrong: " + (n != nullptr ? n->id + " " + n->label : tbw->touchpoint);
        c.text = pct(tbw->attainment, 0) + " of outputs are on time, but only " +
                 pct(tbw->accuracy, 0) + " stay uncorrected: " + pct(tbw->timely_but_wrong, 0) +
                 " were on time and later corrected.";
        c.severity = Rag::amber;
        const std::uint32_t number = add_callout(d, c, limit);
        if (n != nullptr && number > 0 && n->callout == 0) {
            n->callout = number;
        }
    }
    // Top causes of red journeys.
    std::size_t taken = 0;
    for (const miners::Cause& cause : w.attribution.causes) {
        if (taken >= 2 || cause.feature >= w.attribution.features.size()) {
            break;
        }
        const miners::FeatureStats& f = w.attribution.features[cause.feature];
        MapCallout c;
        c.title = "Cause of red journeys: " + f.description;
        c.text = cause.sentence;
        c.severity = Rag::red;
        const std::uint32_t number = add_callout(d, c, limit);
        if (number == 0) {
            break;
        }
        ++taken;
        const auto colon = f.key.find(':');
        const std::string rest = colon == std::string::npos ? std::string() : f.key.substr(colon + 1);
        if (f.kind == miners::FeatureKind::touchpoint || f.kind == miners::FeatureKind::sla_breach) {
            const std::string id = rest.substr(0, rest.find('/'));
            if (MapNode* n = find_node(d, id); n != nullptr && n->callout == 0) {
                n->callout = number;
            }
        } else if (f.kind == miners::FeatureKind::handoff || f.kind == miners::FeatureKind::slow_handoff ||
                   f.kind == miners::FeatureKind::blame) {
            const auto gt = rest.find('>');
            if (gt != std::string::npos) {
                if (MapEdge* e = busiest_between(d, rest.substr(0, gt), rest.substr(gt + 1));
                    e != nullptr && e->callout == 0) {
                    e->callout = number;
                }
            }
        }
    }
}

} // namespace

render::MapOptions map_options(const MapCliOptions& o, const render::JourneyMapData& data) {
    render::MapOptions m;
    m.metric = render::parse_metric(o.durations && o.metric == "frequency" ? "wait" : o.metric);
    m.node_coverage = o.coverage;
    m.edge_coverage = o.edge_coverage > 0 ? o.edge_coverage : (o.spec.empty() ? 100.0 : 97.0);
    m.max_edges = o.max_edges;
    m.max_nodes = o.max_nodes > 0 ? static_cast<std::size_t>(o.max_nodes) : 0;
    m.min_count = o.min_count;
    m.legend = !o.no_legend;
    m.panel = !o.no_panel;
    const bool any_filter = o.coverage < 100 || o.edge_coverage > 0 || o.max_edges > 0 ||
                            o.min_count > 0 || o.max_nodes >= 0;
    if (!any_filter && data.nodes.size() > auto_limit_above) {
        m.max_nodes = 40;
        m.max_edges = 100;
        m.notes.push_back("automatic limits for a map of " + std::to_string(data.nodes.size()) +
                          " boxes: --max-nodes 0 --max-edges 0 draws everything, --coverage N "
                          "chooses by share of events");
    }
    return m;
}

std::optional<JourneyMapData> load_map_data(const std::string& log_path, const MapCliOptions& o,
                                            Context& ctx) {
    std::optional<Journey> spec;
    if (!o.spec.empty()) {
        spec = load_spec(o.spec, ctx);
        if (!spec) {
            return std::nullopt;
        }
    }
    const io::ReadResult r = load_log(log_path, o.input, ctx);
    const EventLog& log = r.log;
    const unsigned threads = o.input.threads;
    JourneyMapData d;
    if (spec) {
        const Binding binding = bind(*spec, log);
        std::vector<std::uint8_t> red;
        std::optional<miners::WatermelonReport> report;
        if (!o.no_analyses) {
            const miners::JourneyEvaluator evaluator(*spec, log);
            miners::WatermelonOptions wo;
            report = miners::detect_watermelon(evaluator, wo, threads);
            red.assign(log.num_cases(), 2);
            for (std::size_t c = 0; c < log.num_cases(); ++c) {
                const miners::JourneyState s = evaluator.evaluate(c).state;
                red[c] = s == miners::JourneyState::red ? 1 : s == miners::JourneyState::green ? 0 : 2;
            }
        }
        d = render::map_from_spec(*spec, log, binding, red);
        if (report) {
            apply_scorecard(d, report->scorecard.outside);
            apply_watermelon(d, *report, o.callouts);
            miners::HandoffContext hctx = miners::make_handoff_context(*spec, log, binding);
            hctx.red = red;
            for (std::uint8_t& v : hctx.red) {
                v = v == 1 ? 1 : 0;
            }
            miners::HandoffOptions ho;
            ho.threads = threads;
            apply_handoffs(d, miners::analyze_handoffs(log, hctx, ho), o.callouts);
        }
    } else {
        d = render::map_from_log(log);
        if (!o.no_analyses) {
            const miners::HandoffContext hctx = miners::make_handoff_context(log);
            miners::HandoffOptions ho;
            ho.threads = threads;
            apply_handoffs(d, miners::analyze_handoffs(log, hctx, ho), o.callouts);
        }
        d.title.title = base_name(log_path);
        d.title.subtitle = "Departmental map from the log alone (lanes from org:group)";
    }
    if (!o.title.empty()) {
        d.title.title = o.title;
    }
    d.title.source = base_name(log_path);
    d.title.generated_by = "journeykit " + std::string(version());
    if (o.callouts == 0) {
        d.callouts.clear();
        for (MapNode& n : d.nodes) {
            n.callout = 0;
        }
        for (MapEdge& e : d.edges) {
            e.callout = 0;
        }
    }
    return d;
}

#endif

} // namespace journey::cli
