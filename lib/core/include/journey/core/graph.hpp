#pragma once
/// @file
/// ProcessGraph: a value type for the graphs that maps draw (a DFG, later a
/// journey map). Miners produce it, renderers consume it; it knows nothing of either.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace journey {

struct GraphNode {
    enum class Kind : std::uint8_t { activity, start, end };
    std::string id;       ///< stable key (DOT node id is derived from it)
    std::string label;    ///< text shown
    Kind kind = Kind::activity;
    std::uint64_t count = 0;
    std::string lane;     ///< swimlane (department); empty for none
    friend bool operator==(const GraphNode&, const GraphNode&) = default;
};

struct GraphEdge {
    std::size_t from = 0; ///< index into ProcessGraph::nodes
    std::size_t to = 0;
    std::uint64_t count = 0;
    double mean_s = 0;    ///< mean duration in seconds (0 when unknown)
    double median_s = 0;  ///< median duration in seconds
    friend bool operator==(const GraphEdge&, const GraphEdge&) = default;
};

struct ProcessGraph {
    std::string title;
    std::vector<GraphNode> nodes; ///< in a stable order
    std::vector<GraphEdge> edges; ///< sorted by (from, to)
    std::string note;             ///< e.g. what a filter hid; shown under the title
    friend bool operator==(const ProcessGraph&, const ProcessGraph&) = default;
};

} // namespace journey
