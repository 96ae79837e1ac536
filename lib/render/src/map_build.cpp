// Journey map flows: touchpoints (or activities), transitions, waits and red lift
// from a log.

#include <journey/render/map_build.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>

#include <journey/core/error.hpp>
#include <journey/core/time.hpp>

namespace journey::render {

namespace {

// Per-event node index (or `none`) -> nodes' volume/events/repeats and edges, built
// one case at a time: the caller counts a case's events, visits and touched nodes
// and adds its transitions with step(), then closes it with end_case().
struct Flow {
    static constexpr std::uint32_t none = 0xFFFFFFFFu;
    std::vector<std::uint64_t> volume, events, repeats;
    struct Edge {
        std::uint64_t count = 0, journeys = 0, red = 0, green = 0;
        std::vector<double> waits;
    };
    std::map<std::pair<std::uint32_t, std::uint32_t>, Edge> edges;
    std::uint64_t journeys = 0, red = 0, green = 0;

    // The current case: visits per node (to tell repeats), the nodes it touched and
    // the edges it took.
    std::vector<std::uint32_t> visits;
    std::vector<std::uint32_t> touched;
    std::vector<Edge*> case_edges;

    explicit Flow(std::size_t nodes)
        : volume(nodes, 0), events(nodes, 0), repeats(nodes, 0), visits(nodes, 0) {}

    // A transition from -> to of the current case, with its wait when both times are known.
    void step(std::uint32_t from, std::uint32_t to, Timestamp from_time, Timestamp to_time) {
        Edge& edge = edges[{from, to}];
        ++edge.count;
        if (from_time != no_timestamp && to_time != no_timestamp) {
            edge.waits.push_back(static_cast<double>(to_time - from_time) /
                                 static_cast<double>(micros_per_second));
        }
        case_edges.push_back(&edge);
    }

    // Closes case `c` (red or green by `red_flags`, when given). A case that touched a
    // node counts as a journey, once on each node's volume (and repeats, when visited
    // more than once) and on each edge's journeys. Then the case is cleared.
    void end_case(std::size_t c, std::span<const std::uint8_t> red_flags) {
        if (!touched.empty()) {
            ++journeys;
            const bool is_red = !red_flags.empty() && red_flags[c] == 1;
            const bool is_green = !red_flags.empty() && red_flags[c] == 0;
            red += is_red ? 1 : 0;
            green += is_green ? 1 : 0;
            for (const std::uint32_t v : touched) {
                ++volume[v];
                if (visits[v] > 1) {
                    ++repeats[v];
                }
                visits[v] = 0;
            }
            std::sort(case_edges.begin(), case_edges.end());
            case_edges.erase(std::unique(case_edges.begin(), case_edges.end()), case_edges.end());
            for (Edge* edge : case_edges) {
                ++edge->journeys;
                edge->red += is_red ? 1 : 0;
                edge->green += is_green ? 1 : 0;
            }
        }
        touched.clear();
        case_edges.clear();
    }
};

double quantile(std::vector<double>& v, double q) {
    if (v.empty()) {
        return no_value;
    }
    std::sort(v.begin(), v.end());
    if (q == 0.5) {
        const std::size_t n = v.size();
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
    const double pos = q * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

Flow flow_of(const EventLog& log, const std::vector<std::uint32_t>& node_of, std::size_t nodes,
             std::span<const std::uint8_t> red) {
    Flow f(nodes);
    const auto ts = log.timestamps();
    for (std::size_t c = 0; c < log.num_cases(); ++c) {
        std::uint32_t prev = Flow::none;
        Timestamp prev_end = no_timestamp;
        for (std::size_t e = log.case_begin(c); e < log.case_end(c); ++e) {
            const std::uint32_t v = node_of[e];
            if (v == Flow::none) {
                continue;
            }
            ++f.events[v];
            if (v == prev) {
                prev_end = ts[e];
                continue;
            }
            if (f.visits[v]++ == 0) {
                f.touched.push_back(v);
            }
            if (prev != Flow::none) {
                f.step(prev, v, prev_end, ts[e]);
            }
            prev = v;
            prev_end = ts[e];
        }
        f.end_case(c, red);
    }
    return f;
}

void fill(JourneyMapData& data, Flow& f) {
    for (std::size_t v = 0; v < data.nodes.size(); ++v) {
        MapNode& node = data.nodes[v];
        node.volume = f.volume[v];
        node.events = f.events[v];
        node.repeat_share = f.volume[v] == 0 ? no_value
                                             : static_cast<double>(f.repeats[v]) /
                                                   static_cast<double>(f.volume[v]);
    }
    const bool lift = f.red > 0 && f.green > 0;
    for (auto& [key, e] : f.edges) {
        MapEdge edge;
        edge.from = data.nodes[key.first].id;
        edge.to = data.nodes[key.second].id;
        edge.count = e.count;
        edge.journeys = e.journeys;
        edge.median_wait_s = quantile(e.waits, 0.5);
        edge.p90_wait_s = quantile(e.waits, 0.9);
        if (lift) {
            const double share_red = (static_cast<double>(e.red) + 0.5) / (static_cast<double>(f.red) + 1);
            const double share_green =
                (static_cast<double>(e.green) + 0.5) / (static_cast<double>(f.green) + 1);
            edge.log_lift = std::log(share_red / share_green);
        }
        data.edges.push_back(std::move(edge));
    }
    data.title.journeys = f.journeys;
}

void check_red(const EventLog& log, std::span<const std::uint8_t> red) {
    if (!red.empty() && red.size() != log.num_cases()) {
        throw usage_error("journey map: " + std::to_string(red.size()) + " red flags for " +
                          std::to_string(log.num_cases()) + " cases");
    }
}

} // namespace

std::string log_period(const EventLog& log) {
    Timestamp lo = no_timestamp;
    Timestamp hi = no_timestamp;
    for (const Timestamp t : log.timestamps()) {
        if (t == no_timestamp) {
            continue;
        }
        lo = lo == no_timestamp ? t : std::min(lo, t);
        hi = hi == no_timestamp ? t : std::max(hi, t);
    }
    if (lo == no_timestamp) {
        return {};
    }
    return format_iso8601(lo).substr(0, 10) + " to " + format_iso8601(hi).substr(0, 10);
}


JourneyMapData map_from_spec(const Journey& journey, const EventLog& log, const Binding& binding,
                             std::span<const std::uint8_t> red) {
    if (binding.touchpoint.size() != log.num_events()) {
        throw usage_error("journey map: the binding has " + std::to_string(binding.touchpoint.size()) +
                          " entries for " + std::to_string(log.num_events()) + " events");
    }
    check_red(log, red);
    JourneyMapData data;
    data.title.title = journey.name;
    data.title.subtitle = journey.promise;
    data.title.period = log_period(log);
    for (const std::size_t d : journey.departments_by_lane()) {
        const Department& dep = journey.departments[d];
        const bool owns = std::any_of(journey.touchpoints.begin(), journey.touchpoints.end(),
                                      [&](const Touchpoint& tp) { return tp.owner == dep.id; });
        if (owns) {
            data.lanes.push_back(MapLane{dep.id, dep.label.empty() ? dep.id : dep.label, dep.color,
                                         dep.external});
        }
    }
    for (const Stage& s : journey.stages) {
        data.stages.push_back(MapStage{s.id, s.label.empty() ? s.id : s.label});
    }
    const std::size_t n = journey.touchpoints.size();
    for (const Touchpoint& tp : journey.touchpoints) {
        MapNode node;
        node.id = tp.id;
        node.label = tp.label;
        node.lane = tp.owner;
        node.stage = tp.stage;
        node.designed = tp.designed;
        node.hidden = tp.hidden;
        data.nodes.push_back(std::move(node));
    }

    // Designed steps from the designed order.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> designed;
    if (const std::optional<OrderNode> order = journey.designed_order()) {
        const std::vector<std::pair<std::string, std::string>> steps = order->designed_steps();
        for (const auto& [a, b] : steps) {
            const std::size_t ia = journey.touchpoint_index(a);
            const std::size_t ib = journey.touchpoint_index(b);
            if (ia != Journey::npos && ib != Journey::npos && ia != ib) {
                designed.emplace_back(static_cast<std::uint32_t>(ia), static_cast<std::uint32_t>(ib));
            }
        }
    }

    Flow f(n);
    const auto ts = log.timestamps();
    std::vector<std::vector<Timestamp>> times(n);
    std::vector<std::uint8_t> seen(n, 0); // touchpoint reached in the current case
    for (std::size_t c = 0; c < log.num_cases(); ++c) {
        std::uint32_t prev = Flow::none;
        Timestamp prev_end = no_timestamp;
        for (std::size_t e = log.case_begin(c); e < log.case_end(c); ++e) {
            const std::uint32_t v = binding.touchpoint[e];
            if (v == Binding::unbound || v >= n) {
                continue;
            }
            ++f.events[v];
            if (seen[v] == 0) {
                seen[v] = 1;
                f.touched.push_back(v);
            }
            if (ts[e] != no_timestamp) {
                times[v].push_back(ts[e]);
            }
            if (v != prev) {
                ++f.visits[v];
                // A failure-driven touchpoint: the step the journey was at leads to it.
                if (prev != Flow::none && !journey.touchpoints[v].designed) {
                    f.step(prev, v, prev_end, ts[e]);
                }
            }
            prev = v;
            prev_end = ts[e];
        }
        // Designed steps a -> b the journey took: b's first event after an event of a.
        for (const auto& [a, b] : designed) {
            if (times[a].empty() || times[b].empty()) {
                continue;
            }
            const Timestamp first_b = times[b].front();
            const auto it = std::upper_bound(times[a].begin(), times[a].end(), first_b);
            if (it == times[a].begin()) {
                continue;
            }
            f.step(a, b, *(it - 1), first_b);
        }
        for (const std::uint32_t v : f.touched) {
            times[v].clear();
            seen[v] = 0;
        }
        f.end_case(c, red);
    }
    fill(data, f);
    // Repeats say something for failure-driven touchpoints (another call, another
    // dispute); designed ones interleave with parallel work, so a second visit is
    // not a repeat of the step.
    for (std::size_t v = 0; v < n; ++v) {
        if (journey.touchpoints[v].designed) {
            data.nodes[v].repeat_share = no_value;
        }
    }
    return data;
}

JourneyMapData map_from_log(const EventLog& log, std::span<const std::uint8_t> red) {
    check_red(log, red);
    JourneyMapData data;
    data.title.period = log_period(log);
    const auto activities = log.activities();
    const auto departments = log.departments();
    const StringTable& names = log.activity_names();
    const StringTable& dept_names = log.department_names();

    // Nodes: activities that occur, sorted by name.
    std::vector<std::uint64_t> seen(names.size(), 0);
    for (const Id a : activities) {
        ++seen[a];
    }
    std::vector<Id> order;
    for (Id a = 0; a < names.size(); ++a) {
        if (seen[a] > 0) {
            order.push_back(a);
        }
    }
    std::sort(order.begin(), order.end(),
              [&](Id a, Id b) { return names[a] != names[b] ? names[a] < names[b] : a < b; });
    std::vector<std::uint32_t> node_of_activity(names.size(), Flow::none);
    for (std::size_t k = 0; k < order.size(); ++k) {
        node_of_activity[order[k]] = static_cast<std::uint32_t>(k);
        MapNode node;
        node.id = std::string(names[order[k]]);
        node.label = node.id;
        node.show_id = false;
        data.nodes.push_back(std::move(node));
    }
    // Lane of an activity: the department most of its events have.
    std::map<std::pair<std::uint32_t, Id>, std::uint64_t> by_dept;
    std::vector<Id> lane_order;
    std::vector<bool> lane_seen(dept_names.size(), false);
    for (std::size_t e = 0; e < log.num_events(); ++e) {
        const Id d = departments.empty() ? no_id : departments[e];
        if (d == no_id || dept_names[d].empty()) {
            continue;
        }
        ++by_dept[{node_of_activity[activities[e]], d}];
        if (!lane_seen[d]) {
            lane_seen[d] = true;
            lane_order.push_back(d);
        }
    }
    std::vector<Id> best(data.nodes.size(), no_id);
    std::vector<std::uint64_t> best_count(data.nodes.size(), 0);
    for (const auto& [key, count] : by_dept) {
        const auto [v, d] = key;
        if (count > best_count[v] ||
            (count == best_count[v] && best[v] != no_id && dept_names[d] < dept_names[best[v]])) {
            best[v] = d;
            best_count[v] = count;
        }
    }
    for (std::size_t v = 0; v < data.nodes.size(); ++v) {
        if (best[v] != no_id) {
            data.nodes[v].lane = std::string(dept_names[best[v]]);
        }
    }
    for (const Id d : lane_order) {
        const std::string id(dept_names[d]);
        const bool used = std::any_of(data.nodes.begin(), data.nodes.end(),
                                      [&](const MapNode& n) { return n.lane == id; });
        if (used) {
            data.lanes.push_back(MapLane{id, id, "", false});
        }
    }
    std::vector<std::uint32_t> node_of(log.num_events(), Flow::none);
    for (std::size_t e = 0; e < log.num_events(); ++e) {
        node_of[e] = node_of_activity[activities[e]];
    }
    Flow f = flow_of(log, node_of, data.nodes.size(), red);
    fill(data, f);
    return data;
}

} // namespace journey::render
