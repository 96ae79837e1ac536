#pragma once
// Process graphs built by hand for the render tests (no miner involved).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <journey/core/graph.hpp>

namespace journey::test {

inline GraphNode activity(std::string name, std::uint64_t count, std::string lane = {}) {
    GraphNode node;
    node.id = name;
    node.label = std::move(name);
    node.kind = GraphNode::Kind::activity;
    node.count = count;
    node.lane = std::move(lane);
    return node;
}

inline GraphNode terminal(GraphNode::Kind kind, std::uint64_t count) {
    GraphNode node;
    node.id = kind == GraphNode::Kind::start ? "__start__" : "__end__";
    node.label = kind == GraphNode::Kind::start ? "start" : "end";
    node.kind = kind;
    node.count = count;
    return node;
}

inline GraphEdge edge(std::size_t from, std::size_t to, std::uint64_t count, double mean_s = 0,
                      double median_s = 0) {
    GraphEdge e;
    e.from = from;
    e.to = to;
    e.count = count;
    e.mean_s = mean_s;
    e.median_s = median_s;
    return e;
}

/// The DFG of the process-mining running example (running-example.xes: 6 cases,
/// 42 events), with the counts and durations pm4py computes
/// (tests/data/reference/running-example.json).
inline ProcessGraph running_example() {
    ProcessGraph g;
    g.title = "running-example.xes";
    g.note = "6 cases, 42 events";
    g.nodes = {terminal(GraphNode::Kind::start, 6),
               activity("check ticket", 9),        // 1
               activity("decide", 9),              // 2
               activity("examine casually", 6),    // 3
               activity("examine thoroughly", 3),  // 4
               activity("pay compensation", 3),    // 5
               activity("register request", 6),    // 6
               activity("reinitiate request", 3),  // 7
               activity("reject request", 3),      // 8
               terminal(GraphNode::Kind::end, 6)}; // 9
    g.edges = {edge(0, 6, 6),
               edge(1, 2, 6, 181960, 129300),
               edge(1, 3, 2, 92430, 92430),
               edge(1, 4, 1, 95820, 95820),
               edge(2, 5, 3, 514160, 521400),
               edge(2, 7, 3, 66400, 91800),
               edge(2, 8, 3, 154240, 97560),
               edge(3, 1, 4, 47970, 48120),
               edge(3, 2, 2, 375420, 375420),
               edge(4, 1, 2, 309090, 309090),
               edge(4, 2, 1, 76740, 76740),
               edge(5, 9, 3),
               edge(6, 1, 2, 39120, 39120),
               edge(6, 3, 3, 32240, 3840),
               edge(6, 4, 1, 83040, 83040),
               edge(7, 1, 1, 252900, 252900),
               edge(7, 3, 1, 73080, 73080),
               edge(7, 4, 1, 2880, 2880),
               edge(8, 9, 3)};
    return g;
}

/// A move-house journey over three departments (lanes), for the swimlane clusters.
inline ProcessGraph move_house_lanes() {
    ProcessGraph g;
    g.title = "Move house: handoffs";
    g.nodes = {terminal(GraphNode::Kind::start, 120),
               activity("Move reported", 120, "Contact centre"),    // 1
               activity("Final read booked", 110, "Field service"), // 2
               activity("Meter read", 104, "Field service"),        // 3
               activity("Final bill", 118, "Billing"),              // 4
               activity("Complaint", 14, "Contact centre"),         // 5
               activity("Bill corrected", 12, "Billing"),           // 6
               terminal(GraphNode::Kind::end, 120)};                // 7
    g.edges = {edge(0, 1, 120),
               edge(1, 2, 110, 7200, 5400),
               edge(1, 4, 10, 86400 * 3.0, 86400 * 2.5),
               edge(2, 3, 104, 86400 * 4.2, 86400 * 4.0),
               edge(3, 4, 104, 86400 * 1.5, 86400 * 1.2),
               edge(4, 5, 14, 86400 * 9.0, 86400 * 8.5),
               edge(4, 7, 106),
               edge(5, 6, 12, 86400 * 2.0, 86400 * 1.8),
               edge(5, 7, 2),
               edge(6, 7, 12)};
    return g;
}

/// 30 activities and 200 activity edges with skewed counts, plus start and end
/// edges: a pseudo-random but fixed graph (a linear congruential generator).
inline ProcessGraph large_graph() {
    ProcessGraph g;
    g.title = "synthetic: 30 activities, 200 edges";
    std::uint64_t state = 12345;
    const auto next = [&state]() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 33;
    };
    constexpr std::size_t n = 30;
    g.nodes.push_back(terminal(GraphNode::Kind::start, 5000));
    for (std::size_t i = 0; i < n; ++i) {
        g.nodes.push_back(activity("Activity " + std::string(1, static_cast<char>('A' + i % 26)) +
                                       (i >= 26 ? std::to_string(i / 26 + 1) : std::string()) +
                                       " step",
                                   0));
    }
    g.nodes.push_back(terminal(GraphNode::Kind::end, 5000));
    const std::size_t end = n + 1;
    std::vector<std::vector<bool>> used(n + 2, std::vector<bool>(n + 2, false));
    // A main path keeps every activity reachable, then 171 more edges.
    for (std::size_t i = 1; i < n; ++i) {
        const auto hours = static_cast<double>(i);
        g.edges.push_back(edge(i, i + 1, 4000 - 100 * i, 3600.0 * hours, 3000.0 * hours));
        used[i][i + 1] = true;
    }
    while (g.edges.size() < 200) {
        const std::size_t a = 1 + next() % n;
        const std::size_t b = 1 + next() % n;
        if (used[a][b]) {
            continue;
        }
        used[a][b] = true;
        // Mostly rare paths, a few busy ones: 1 + 3000 * u^6 for u uniform in [0, 1).
        const double u = static_cast<double>(next() % 10000) / 10000.0;
        const auto count = static_cast<std::uint64_t>(1.0 + 3000.0 * u * u * u * u * u * u);
        g.edges.push_back(edge(a, b, count, 60.0 * static_cast<double>(next() % 5000),
                               60.0 * static_cast<double>(next() % 4000)));
    }
    g.edges.push_back(edge(0, 1, 4200));
    g.edges.push_back(edge(0, 5, 800));
    g.edges.push_back(edge(n, end, 3000));
    g.edges.push_back(edge(12, end, 2000));
    // Activity counts: what flows in.
    for (const GraphEdge& e : g.edges) {
        g.nodes[e.to].count += e.count;
    }
    g.nodes[end].count = 5000;
    return g;
}

} // namespace journey::test
