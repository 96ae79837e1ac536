// Journey map compare: the delta of two maps of the same journey, edge by edge.

#include <journey/render/journey_map.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <journey/render/dot.hpp>

#include "map_scene.hpp"
#include "text.hpp"

namespace journey::render {

namespace {

double share_of(std::uint64_t part, std::uint64_t whole) {
    return whole == 0 ? no_value : static_cast<double>(part) / static_cast<double>(whole);
}

// +1 worse, -1 better, 0 no clear change, for a figure where lower is better.
int judge(double before, double after, double relative, double absolute) {
    if (!std::isfinite(before) || !std::isfinite(after)) {
        return 0;
    }
    const double diff = after - before;
    if (std::fabs(diff) < absolute || std::fabs(diff) < relative * std::fabs(before)) {
        return 0;
    }
    return diff > 0 ? 1 : -1;
}

std::string pct_points(double share) {
    return detail::fixed(share * 100, 0) + " %";
}

} // namespace

JourneyMapData compare_maps(const JourneyMapData& before, const JourneyMapData& after) {
    JourneyMapData out = after;
    out.callouts.clear();
    out.notes.clear();
    for (const MapLane& l : before.lanes) {
        if (std::none_of(out.lanes.begin(), out.lanes.end(), [&](const MapLane& x) { return x.id == l.id; })) {
            out.lanes.push_back(l);
        }
    }
    for (const MapStage& s : before.stages) {
        if (std::none_of(out.stages.begin(), out.stages.end(), [&](const MapStage& x) { return x.id == s.id; })) {
            out.stages.push_back(s);
        }
    }
    std::map<std::string, const MapNode*> old_nodes;
    for (const MapNode& n : before.nodes) {
        old_nodes.emplace(n.id, &n);
    }
    std::map<std::string, bool> new_ids;
    for (MapNode& n : out.nodes) {
        n.callout = 0;
        new_ids[n.id] = true;
        const auto it = old_nodes.find(n.id);
        if (it == old_nodes.end()) {
            n.change = Change::added;
            n.change_text = "new: " + detail::thousands(n.volume) + " journeys";
            continue;
        }
        const MapNode& o = *it->second;
        if (std::isfinite(o.attainment) && std::isfinite(n.attainment)) {
            const int j = -judge(o.attainment, n.attainment, 0, 0.005);
            n.change = j > 0 ? Change::worse : j < 0 ? Change::better : Change::same;
            n.change_text = "SLA " + detail::percent(o.attainment) + " → " + detail::percent(n.attainment);
        } else {
            const double so = share_of(o.volume, before.title.journeys);
            const double sn = share_of(n.volume, after.title.journeys);
            n.change = Change::same;
            if (!n.designed) {
                const int j = judge(so, sn, 0.1, 0.02);
                n.change = j > 0 ? Change::worse : j < 0 ? Change::better : Change::same;
            }
            n.change_text = std::isfinite(so) && std::isfinite(sn)
                                ? pct_points(so) + " → " + pct_points(sn) + " of journeys"
                                : std::string();
        }
    }
    for (const MapNode& o : before.nodes) {
        if (new_ids.count(o.id) == 0) {
            MapNode gone = o;
            gone.change = Change::removed;
            gone.change_text = "gone (was " + detail::thousands(o.volume) + " journeys)";
            gone.callout = 0;
            gone.volume = 0;
            gone.events = 0;
            out.nodes.push_back(gone);
        }
    }

    std::map<std::pair<std::string, std::string>, const MapEdge*> old_edges;
    for (const MapEdge& e : before.edges) {
        old_edges.emplace(std::make_pair(e.from, e.to), &e);
    }
    struct Ranked {
        std::size_t index;
        double weight;
    };
    std::vector<Ranked> worse, better;
    std::map<std::pair<std::string, std::string>, bool> seen;
    std::size_t n_better = 0, n_worse = 0, n_added = 0, n_removed = 0;
    for (std::size_t i = 0; i < out.edges.size(); ++i) {
        MapEdge& e = out.edges[i];
        e.callout = 0;
        seen[{e.from, e.to}] = true;
        const auto it = old_edges.find({e.from, e.to});
        if (it == old_edges.end()) {
            e.change = Change::added;
            e.change_text = "new · " + detail::thousands(e.count);
            ++n_added;
            continue;
        }
        const MapEdge& o = *it->second;
        const double so = share_of(o.journeys, before.title.journeys);
        const double sn = share_of(e.journeys, after.title.journeys);
        int score = 0;
        std::vector<std::string> why;
        const auto consider = [&](int judgement, const std::string& text, int weight) {
            if (judgement != 0) {
                score += judgement * weight;
                why.push_back(text);
            }
        };
        const bool failure_path = std::any_of(out.nodes.begin(), out.nodes.end(), [&](const MapNode& n) {
            return n.id == e.to && !n.designed;
        });
        if (failure_path) {
            // Fewer journeys falling into a failure-driven step is the point of a redesign.
            consider(judge(so, sn, 0.2, 0.002), "journeys " + pct_points(so) + " → " + pct_points(sn), 2);
        }
        consider(judge(o.median_wait_s, e.median_wait_s, 0.15, 3600),
                 "wait " + human_duration(o.median_wait_s) + " → " + human_duration(e.median_wait_s), 1);
        consider(judge(o.rejection_rate, e.rejection_rate, 0, 0.02),
                 "sent back " + detail::percent(o.rejection_rate, 0) + " → " +
                     detail::percent(e.rejection_rate, 0),
                 1);
        // Lift needs enough journeys on both sides to mean anything.
        if (o.journeys >= 30 && e.journeys >= 30) {
            consider(judge(o.log_lift, e.log_lift, 0, 0.15),
                     "red lift ×" + detail::fixed(std::exp(o.log_lift), 1) + " → ×" +
                         detail::fixed(std::exp(e.log_lift), 1),
                     1);
        }
        e.change = score > 0 ? Change::worse : score < 0 ? Change::better : Change::same;
        std::string text = detail::thousands(o.count) + " → " + detail::thousands(e.count);
        for (std::size_t k = 0; k < std::min<std::size_t>(why.size(), 2); ++k) {
            text += " · " + why[k];
        }
        e.change_text = text;
        const double weight = std::isfinite(sn) ? sn : 0;
        if (e.change == Change::worse) {
            worse.push_back({i, weight});
            ++n_worse;
        } else if (e.change == Change::better) {
            better.push_back({i, weight});
            ++n_better;
        }
    }
    for (const MapEdge& o : before.edges) {
        if (seen.count({o.from, o.to}) == 0) {
            MapEdge gone = o;
            gone.change = Change::removed;
            gone.change_text = "gone (was " + detail::thousands(o.count) + ")";
            gone.callout = 0;
            out.edges.push_back(gone);
            ++n_removed;
        }
    }
    // Keep the edge order (from, to) by node order.
    std::map<std::string, std::size_t> pos;
    for (std::size_t v = 0; v < out.nodes.size(); ++v) {
        pos[out.nodes[v].id] = v;
    }
    std::vector<std::size_t> order(out.edges.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto ka = std::make_pair(pos[out.edges[a].from], pos[out.edges[a].to]);
        const auto kb = std::make_pair(pos[out.edges[b].from], pos[out.edges[b].to]);
        return ka < kb;
    });
    std::vector<MapEdge> sorted;
    std::vector<std::size_t> new_index(out.edges.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        new_index[order[k]] = k;
        sorted.push_back(out.edges[order[k]]);
    }
    out.edges = std::move(sorted);

    // Callouts: the busiest edges that got worse, then better.
    const auto by_weight = [](const Ranked& a, const Ranked& b) {
        return a.weight != b.weight ? a.weight > b.weight : a.index < b.index;
    };
    std::sort(worse.begin(), worse.end(), by_weight);
    std::sort(better.begin(), better.end(), by_weight);
    std::uint32_t number = 0;
    const auto label_of = [&](const std::string& id) {
        for (const MapNode& n : out.nodes) {
            if (n.id == id) {
                return n.label.empty() ? n.id : n.id + " " + n.label;
            }
        }
        return id;
    };
    for (int pass = 0; pass < 2; ++pass) {
        const auto& list = pass == 0 ? worse : better;
        for (std::size_t k = 0; k < std::min<std::size_t>(list.size(), 3); ++k) {
            MapEdge& e = out.edges[new_index[list[k].index]];
            e.callout = ++number;
            MapCallout c;
            c.number = number;
            c.severity = pass == 0 ? Rag::red : Rag::green;
            c.title = std::string(pass == 0 ? "Worse: " : "Better: ") + label_of(e.from) + " → " +
                      label_of(e.to);
            c.text = "Before → after: " + e.change_text + ".";
            out.callouts.push_back(c);
        }
    }

    // Banner: the figures of both maps side by side.
    const auto pair_figures = [](const std::vector<MapFigure>& a, const std::vector<MapFigure>& b) {
        std::vector<MapFigure> out_figures;
        for (const MapFigure& f : b) {
            MapFigure x = f;
            for (const MapFigure& o : a) {
                if (o.label == f.label) {
                    x.value = o.value + " → " + f.value;
                    x.note = "before → after";
                }
            }
            out_figures.push_back(x);
        }
        return out_figures;
    };
    out.outside = pair_figures(before.outside, after.outside);
    out.inside = pair_figures(before.inside, after.inside);
    out.verdict = "Before → after: " + std::to_string(n_better) + " paths better, " +
                  std::to_string(n_worse) + " worse, " + std::to_string(n_added) + " new, " +
                  std::to_string(n_removed) + " gone";
    out.verdict_status = n_worse > n_better ? Rag::red : n_better > n_worse ? Rag::green : Rag::amber;
    out.title.subtitle = "Compare: " + (before.title.source.empty() ? "before" : before.title.source) +
                         " → " + (after.title.source.empty() ? "after" : after.title.source);
    out.title.period = before.title.period.empty() && after.title.period.empty()
                           ? std::string()
                           : before.title.period + " → " + after.title.period;
    out.title.journeys = after.title.journeys;
    return out;
}

} // namespace journey::render
