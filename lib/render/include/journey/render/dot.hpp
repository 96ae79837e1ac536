#pragma once
/// @file
/// ProcessGraph -> DOT text (the Graphviz language). Needs no Graphviz library:
/// the text can be saved as `.dot` or laid out with journey/render/layout.hpp.
/// The functions here keep no state and may be called from any thread.

#include <cstddef>
#include <cstdint>
#include <string>

#include <journey/core/api.hpp>
#include <journey/core/graph.hpp>

namespace journey::render {

/// What a map shows and how it is drawn.
struct DotOptions {
    /// Keep at most this many activity edges (edges between two activity nodes),
    /// highest count first; ties keep the edge that comes first by (from, to).
    /// When the graph has a start node the edges are chosen outward from it: each
    /// pick is the busiest edge leaving an activity already reached, so every kept
    /// edge stays connected to the start. Edges from a start node or to an end node
    /// do not count against the limit. 0 = keep all.
    std::size_t max_edges = 0;
    /// Drop every edge (start and end edges included) with count < min_count.
    std::uint64_t min_count = 0;
    /// Direction of the flow: "LR" (left to right) or "TB" (top to bottom).
    std::string rankdir = "LR";
    /// Edge labels show the median duration (human units: 45 s, 3.2 h, 4 d) beside
    /// the count. Only edges between two activities carry a duration.
    bool durations = false;
    /// Font family for every text (Graphviz/fontconfig name).
    std::string font = "Helvetica";
};

/// Applies the edge filters of `options` (min_count, then max_edges) and then hides
/// the activity nodes that the dropped edges cut off: when the graph has a start
/// node, an activity that was reachable from a start node and is not any more;
/// without a start node, an activity that had edges and has none left. Edges of
/// hidden activities are dropped too. Start and end nodes are always kept.
///
/// The result keeps the node order, has its edges sorted by (from, to), and when
/// something was hidden its `note` gets a line saying what, e.g.
/// "hidden: 12 of 40 edges (count < 5), 3 of 20 activities" (appended to an existing
/// note after a newline). Filtering with default options returns the graph unchanged
/// apart from the edge order; filtering twice with the same options changes nothing.
/// @throws journey::usage_error when an edge refers to a node that does not exist.
JOURNEY_API ProcessGraph filter_graph(const ProcessGraph& graph, const DotOptions& options);

/// The graph as DOT text, after filter_graph(graph, options). The text is deterministic:
/// nodes in graph order (a lane's nodes grouped in a `cluster_<lane>` subgraph at the
/// place of the lane's first node), edges sorted by (from, to), fixed number formatting,
/// no timestamps or versions. An edge against the main flow (a loop, found by growing
/// from the start along the busiest edges) is written head first with dir=back, so it
/// is drawn the same but does not bend the layout. Names may hold any bytes: they are
/// escaped; invalid UTF-8 and control characters other than tab and line breaks
/// become U+FFFD. Node ids are the escaped GraphNode::id; a repeated id gets "~2",
/// "~3", ... appended.
/// @throws journey::usage_error for an invalid rankdir or an edge to a missing node.
JOURNEY_API std::string to_dot(const ProcessGraph& graph, const DotOptions& options = {});

/// A duration in seconds in short human units: "0 s", "45 s", "12 min", "3.2 h",
/// "4 d", "1.5 y" (one decimal below 10, none above; a day is 86400 s, a year 365 d).
/// Negative values get a leading '-'; NaN and infinities give "?".
JOURNEY_API std::string human_duration(double seconds);

} // namespace journey::render
