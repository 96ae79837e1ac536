#include <journey/render/dot.hpp>

#include <algorithm>
#include <queue>
#include <vector>

#include <journey/core/error.hpp>

namespace journey::render {

namespace {

using Kind = GraphNode::Kind;

void check_edges(const ProcessGraph& graph) {
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        const GraphEdge& e = graph.edges[i];
        if (e.from >= graph.nodes.size() || e.to >= graph.nodes.size()) {
            throw usage_error("process graph: edge " + std::to_string(i) + " (" +
                              std::to_string(e.from) + " -> " + std::to_string(e.to) +
                              ") refers to a node that does not exist (" +
                              std::to_string(graph.nodes.size()) + " nodes)");
        }
    }
}

bool is_activity_edge(const ProcessGraph& graph, const GraphEdge& e) {
    return graph.nodes[e.from].kind == Kind::activity && graph.nodes[e.to].kind == Kind::activity;
}

// Orders edge indices by count, highest first, then by position (the edges are
// sorted by (from, to)).
struct ByCount {
    const ProcessGraph* graph;
    bool operator()(std::size_t a, std::size_t b) const {
        const std::uint64_t ca = graph->edges[a].count;
        const std::uint64_t cb = graph->edges[b].count;
        return ca != cb ? ca > cb : a < b;
    }
};

// The `limit` activity edges with keep[i] set and the highest counts.
std::vector<std::size_t> top_edges(const ProcessGraph& graph, const std::vector<bool>& keep,
                                   std::size_t limit) {
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        if (keep[i] && is_activity_edge(graph, graph.edges[i])) {
            candidates.push_back(i);
        }
    }
    std::sort(candidates.begin(), candidates.end(), ByCount{&graph});
    candidates.resize(std::min(candidates.size(), limit));
    return candidates;
}

// Up to `limit` activity edges with keep[i] set, grown from the start nodes: each
// step takes the busiest edge leaving a node reached so far (through kept start
// edges or the edges taken before). Plain top-N could keep a busy loop whose way
// in was cut, and that loop would then be hidden anyway.
std::vector<std::size_t> top_edges_from_start(const ProcessGraph& graph,
                                              const std::vector<bool>& keep, std::size_t limit) {
    const std::size_t n = graph.nodes.size();
    std::vector<std::vector<std::size_t>> out(n);
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        if (keep[i]) {
            out[graph.edges[i].from].push_back(i);
        }
    }
    std::vector<bool> reached(n, false);
    // A max-heap on ByCount order: std::priority_queue pops the "largest", so the
    // comparison is reversed.
    const auto later = [&graph](std::size_t a, std::size_t b) { return ByCount{&graph}(b, a); };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> frontier(later);
    std::vector<std::size_t> stack;
    const auto reach = [&](std::size_t v) {
        stack.push_back(v);
        while (!stack.empty()) {
            const std::size_t u = stack.back();
            stack.pop_back();
            if (reached[u]) {
                continue;
            }
            reached[u] = true;
            for (const std::size_t i : out[u]) {
                const GraphEdge& e = graph.edges[i];
                if (is_activity_edge(graph, e)) {
                    frontier.push(i);
                } else {
                    stack.push_back(e.to); // start and end edges are free
                }
            }
        }
    };
    for (std::size_t v = 0; v < n; ++v) {
        if (graph.nodes[v].kind == Kind::start) {
            reach(v);
        }
    }
    std::vector<std::size_t> chosen;
    while (chosen.size() < limit && !frontier.empty()) {
        const std::size_t i = frontier.top();
        frontier.pop();
        chosen.push_back(i);
        reach(graph.edges[i].to);
    }
    return chosen;
}

// Nodes reachable from any start node over the edges with keep[i] set.
std::vector<bool> reachable(const ProcessGraph& graph, const std::vector<bool>& keep) {
    const std::size_t n = graph.nodes.size();
    std::vector<std::vector<std::size_t>> out(n);
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        if (keep[i]) {
            out[graph.edges[i].from].push_back(graph.edges[i].to);
        }
    }
    std::vector<bool> seen(n, false);
    std::vector<std::size_t> stack;
    for (std::size_t v = 0; v < n; ++v) {
        if (graph.nodes[v].kind == Kind::start) {
            seen[v] = true;
            stack.push_back(v);
        }
    }
    while (!stack.empty()) {
        const std::size_t v = stack.back();
        stack.pop_back();
        for (const std::size_t w : out[v]) {
            if (!seen[w]) {
                seen[w] = true;
                stack.push_back(w);
            }
        }
    }
    return seen;
}

// Nodes with at least one edge with keep[i] set.
std::vector<bool> touched(const ProcessGraph& graph, const std::vector<bool>& keep) {
    std::vector<bool> result(graph.nodes.size(), false);
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        if (keep[i]) {
            result[graph.edges[i].from] = true;
            result[graph.edges[i].to] = true;
        }
    }
    return result;
}

} // namespace

ProcessGraph filter_graph(const ProcessGraph& input, const DotOptions& options) {
    check_edges(input);

    // Work on the edges in (from, to) order so ties and the output are deterministic.
    ProcessGraph graph = input;
    std::stable_sort(graph.edges.begin(), graph.edges.end(),
                     [](const GraphEdge& a, const GraphEdge& b) {
                         return a.from != b.from ? a.from < b.from : a.to < b.to;
                     });
    const std::size_t edge_total = graph.edges.size();

    std::vector<bool> keep(edge_total, true);
    std::size_t below_min = 0;
    for (std::size_t i = 0; i < edge_total; ++i) {
        if (graph.edges[i].count < options.min_count) {
            keep[i] = false;
            ++below_min;
        }
    }

    const bool has_start = std::any_of(graph.nodes.begin(), graph.nodes.end(),
                                       [](const GraphNode& v) { return v.kind == Kind::start; });
    std::size_t beyond_top = 0;
    if (options.max_edges > 0) {
        const std::vector<std::size_t> chosen =
            has_start ? top_edges_from_start(graph, keep, options.max_edges)
                      : top_edges(graph, keep, options.max_edges);
        std::vector<bool> selected(edge_total, false);
        for (const std::size_t i : chosen) {
            selected[i] = true;
        }
        for (std::size_t i = 0; i < edge_total; ++i) {
            if (keep[i] && is_activity_edge(graph, graph.edges[i]) && !selected[i]) {
                keep[i] = false;
                ++beyond_top;
            }
        }
    }

    // Hide the activities the dropped edges cut off.
    const std::vector<bool> all(edge_total, true);
    std::vector<bool> before;
    std::vector<bool> after;
    if (has_start) {
        before = reachable(graph, all);
        after = reachable(graph, keep);
    } else {
        before = touched(graph, all);
        after = touched(graph, keep);
    }
    std::vector<bool> hidden(graph.nodes.size(), false);
    std::size_t activities = 0;
    std::size_t hidden_activities = 0;
    for (std::size_t v = 0; v < graph.nodes.size(); ++v) {
        if (graph.nodes[v].kind != Kind::activity) {
            continue;
        }
        ++activities;
        if (before[v] && !after[v]) {
            hidden[v] = true;
            ++hidden_activities;
        }
    }

    std::vector<std::size_t> new_index(graph.nodes.size(), 0);
    ProcessGraph result;
    result.title = graph.title;
    result.note = graph.note;
    for (std::size_t v = 0; v < graph.nodes.size(); ++v) {
        if (!hidden[v]) {
            new_index[v] = result.nodes.size();
            result.nodes.push_back(graph.nodes[v]);
        }
    }
    for (std::size_t i = 0; i < edge_total; ++i) {
        const GraphEdge& e = graph.edges[i];
        if (keep[i] && !hidden[e.from] && !hidden[e.to]) {
            GraphEdge copy = e;
            copy.from = new_index[e.from];
            copy.to = new_index[e.to];
            result.edges.push_back(copy);
        }
    }

    const std::size_t hidden_edges = edge_total - result.edges.size();
    if (hidden_edges > 0 || hidden_activities > 0) {
        std::string line = "hidden: " + std::to_string(hidden_edges) + " of " +
                           std::to_string(edge_total) + " edges";
        std::vector<std::string> reasons;
        if (below_min > 0) {
            reasons.push_back("count < " + std::to_string(options.min_count));
        }
        if (beyond_top > 0) {
            reasons.push_back("not in top " + std::to_string(options.max_edges));
        }
        if (!reasons.empty()) {
            line += " (" + reasons[0];
            for (std::size_t k = 1; k < reasons.size(); ++k) {
                line += " or " + reasons[k];
            }
            line += ")";
        }
        if (hidden_activities > 0) {
            line += ", " + std::to_string(hidden_activities) + " of " + std::to_string(activities) +
                    " activities";
        }
        result.note = result.note.empty() ? line : result.note + "\n" + line;
    }
    return result;
}

} // namespace journey::render
