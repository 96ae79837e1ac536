#include <journey/render/dot.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <queue>
#include <set>
#include <string_view>
#include <vector>

#include <journey/core/error.hpp>

#include "text.hpp"

namespace journey::render {

namespace {

using Kind = GraphNode::Kind;

struct Rgb {
    double r;
    double g;
    double b;
};

// Node fill: pale to deep blue. Edge stroke: light to dark slate.
constexpr Rgb fill_low{0xf1, 0xf5, 0xfa};
constexpr Rgb fill_high{0x1f, 0x5a, 0x94};
constexpr Rgb edge_low{0xa3, 0xae, 0xba};
constexpr Rgb edge_high{0x2c, 0x3e, 0x50};

Rgb mix(Rgb low, Rgb high, double t) {
    t = std::clamp(t, 0.0, 1.0);
    return {low.r + (high.r - low.r) * t, low.g + (high.g - low.g) * t,
            low.b + (high.b - low.b) * t};
}

std::uint8_t channel(double v) {
    return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 255.0)));
}

std::string colour(Rgb c) {
    return detail::hex_colour(channel(c.r), channel(c.g), channel(c.b));
}

bool dark(Rgb c) {
    return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b < 140.0;
}

std::string quoted(std::string_view escaped) {
    std::string s;
    s.reserve(escaped.size() + 2);
    s += '"';
    s += escaped;
    s += '"';
    return s;
}

// DOT ids: the node id, escaped; a repeated id gets "~2", "~3", ... so that two
// nodes never merge into one.
std::vector<std::string> node_ids(const ProcessGraph& graph) {
    std::vector<std::string> ids;
    ids.reserve(graph.nodes.size());
    std::set<std::string> used;
    for (const GraphNode& node : graph.nodes) {
        const std::string base = detail::dot_id(node.id);
        std::string id = base;
        for (std::size_t k = 2; used.count(id) > 0; ++k) {
            id = base + "~" + std::to_string(k);
        }
        used.insert(id);
        ids.push_back(quoted(id));
    }
    return ids;
}

std::string graph_label(const ProcessGraph& graph) {
    std::string html;
    if (!graph.title.empty()) {
        html += "<font point-size=\"16\"><b>" + detail::html_text(graph.title) +
                "</b></font><br align=\"left\"/>";
    }
    if (!graph.note.empty()) {
        html += "<font point-size=\"10\" color=\"#5a6570\">" + detail::html_text(graph.note) +
                "</font><br align=\"left\"/>";
    }
    return html;
}

double node_shade(std::uint64_t count, std::uint64_t max_count) {
    if (max_count == 0) {
        return 0;
    }
    return static_cast<double>(count) / static_cast<double>(max_count);
}

std::string node_statement(const GraphNode& node, const std::string& id, std::uint64_t max_count) {
    std::string s = id + " [";
    switch (node.kind) {
    case Kind::start:
        s += "shape=\"circle\", label=\"\", width=\"0.3\", height=\"0.3\", fixedsize=\"true\", "
             "fillcolor=\"#3f9b5a\", color=\"#2b7040\"";
        break;
    case Kind::end:
        s += "shape=\"doublecircle\", label=\"\", width=\"0.24\", height=\"0.24\", "
             "fixedsize=\"true\", fillcolor=\"#c0504d\", color=\"#8e2f2c\"";
        break;
    case Kind::activity: {
        const Rgb fill = mix(fill_low, fill_high, node_shade(node.count, max_count));
        s += "label=\"" + detail::dot_label(node.label) + "\\n" + std::to_string(node.count) +
             "\", fillcolor=\"" + colour(fill) + "\"";
        if (dark(fill)) {
            s += ", fontcolor=\"#ffffff\"";
        }
        break;
    }
    }
    s += "];\n";
    return s;
}

// A layer for every node, for telling the main flow from the loops: grown from the
// start nodes along the busiest edges first (each step takes the edge with the
// highest count from a placed node to an unplaced one, and puts its target one
// layer further). Nodes the start cannot reach are grown the same way from the
// first of them in graph order. End nodes come after everything and lead nowhere.
// Busiest-first keeps a rare shortcut (a case that skipped half the process) from
// pulling a late activity forward and turning the main flow into it into a loop,
// which plain hop distance would do.
std::vector<std::size_t> levels(const ProcessGraph& graph) {
    const std::size_t n = graph.nodes.size();
    std::vector<std::vector<std::size_t>> out(n);
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        out[graph.edges[i].from].push_back(i);
    }
    constexpr std::size_t unset = static_cast<std::size_t>(-1);
    std::vector<std::size_t> level(n, unset);
    for (std::size_t v = 0; v < n; ++v) {
        if (graph.nodes[v].kind == Kind::end) {
            level[v] = n;
        }
    }
    // Highest count on top; among equal counts the edge that comes first.
    const auto lower = [&graph](std::size_t a, std::size_t b) {
        const std::uint64_t ca = graph.edges[a].count;
        const std::uint64_t cb = graph.edges[b].count;
        return ca != cb ? ca < cb : a > b;
    };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(lower)> frontier(lower);
    const auto place = [&](std::size_t v, std::size_t layer) {
        level[v] = layer;
        for (const std::size_t i : out[v]) {
            if (level[graph.edges[i].to] == unset) {
                frontier.push(i);
            }
        }
    };
    const auto grow = [&] {
        while (!frontier.empty()) {
            const GraphEdge& e = graph.edges[frontier.top()];
            frontier.pop();
            if (level[e.to] == unset) {
                place(e.to, level[e.from] + 1);
            }
        }
    };
    for (std::size_t v = 0; v < n; ++v) {
        if (graph.nodes[v].kind == Kind::start) {
            place(v, 0);
        }
    }
    grow();
    for (std::size_t v = 0; v < n; ++v) {
        if (level[v] == unset) {
            place(v, 0);
            grow();
        }
    }
    return level;
}

} // namespace

std::string human_duration(double seconds) {
    if (!std::isfinite(seconds)) {
        return "?";
    }
    struct Unit {
        const char* name;
        double size;
        double next; // value at which the next unit takes over
    };
    static constexpr std::array<Unit, 5> units{{{"s", 1, 60},
                                                {"min", 60, 60},
                                                {"h", 3600, 24},
                                                {"d", 86400, 365},
                                                {"y", 365.0 * 86400, 0}}};
    const std::string sign = seconds < 0 ? "-" : "";
    const double magnitude = std::fabs(seconds);
    std::size_t u = 0;
    while (u + 1 < units.size() && magnitude >= units[u + 1].size) {
        ++u;
    }
    for (;; ++u) {
        const double value = magnitude / units[u].size;
        const int decimals = value >= 9.95 ? 0 : 1;
        const double scale = decimals == 0 ? 1.0 : 10.0;
        const double rounded = std::round(value * scale) / scale;
        // 59.97 s rounds to 60 s: that is "1 min".
        if (u + 1 < units.size() && rounded >= units[u].next) {
            continue;
        }
        if (rounded == 0) {
            return std::string("0 ") + units[u].name;
        }
        std::string text = detail::fixed(rounded, decimals);
        if (decimals == 1 && text.compare(text.size() - 2, 2, ".0") == 0) {
            text.erase(text.size() - 2);
        }
        return sign + text + " " + units[u].name;
    }
}

std::string to_dot(const ProcessGraph& input, const DotOptions& options) {
    if (options.rankdir != "LR" && options.rankdir != "TB") {
        throw usage_error("rankdir must be LR or TB, not '" + options.rankdir + "'");
    }
    const ProcessGraph graph = filter_graph(input, options);
    const std::vector<std::string> ids = node_ids(graph);
    const std::string font = quoted(detail::dot_id(options.font));

    std::uint64_t max_node = 0;
    for (const GraphNode& node : graph.nodes) {
        if (node.kind == Kind::activity) {
            max_node = std::max(max_node, node.count);
        }
    }
    std::uint64_t max_edge = 0;
    for (const GraphEdge& edge : graph.edges) {
        max_edge = std::max(max_edge, edge.count);
    }

    std::string out;
    out += "digraph \"journey\" {\n";
    out += "  graph [rankdir=\"" + options.rankdir + "\", fontname=" + font +
           ", fontsize=\"11\", nodesep=\"0.3\", ranksep=\"0.45\", pad=\"0.3\", "
           "bgcolor=\"#ffffff\", labelloc=\"t\", labeljust=\"l\", newrank=\"true\"";
    const std::string title = graph_label(graph);
    if (!title.empty()) {
        out += ", label=<" + title + ">";
    }
    out += "];\n";
    out += "  node [shape=\"box\", style=\"rounded,filled\", fontname=" + font +
           ", fontsize=\"11\", color=\"#4f6479\", penwidth=\"1.2\", margin=\"0.16,0.07\"];\n";
    out += "  edge [fontname=" + font +
           ", fontsize=\"9\", fontcolor=\"#33414e\", arrowsize=\"0.7\"];\n";

    // Nodes in graph order; a lane's nodes form one cluster at its first node.
    std::vector<std::string> lanes;
    for (const GraphNode& node : graph.nodes) {
        if (!node.lane.empty() && std::find(lanes.begin(), lanes.end(), node.lane) == lanes.end()) {
            lanes.push_back(node.lane);
        }
    }
    std::vector<bool> lane_written(lanes.size(), false);
    for (std::size_t v = 0; v < graph.nodes.size(); ++v) {
        const GraphNode& node = graph.nodes[v];
        if (node.lane.empty()) {
            out += "  " + node_statement(node, ids[v], max_node);
            continue;
        }
        const auto lane = static_cast<std::size_t>(
            std::find(lanes.begin(), lanes.end(), node.lane) - lanes.begin());
        if (lane_written[lane]) {
            continue;
        }
        lane_written[lane] = true;
        out += "  subgraph " + quoted("cluster_" + detail::dot_id(node.lane)) + " {\n";
        out += "    graph [label=\"" + detail::dot_label(node.lane) +
               "\", style=\"rounded,filled\", fillcolor=\"#f5f7f9\", color=\"#c3ccd5\", "
               "fontsize=\"12\", fontcolor=\"#3a4652\"];\n";
        for (std::size_t w = v; w < graph.nodes.size(); ++w) {
            if (graph.nodes[w].lane == node.lane) {
                out += "    " + node_statement(graph.nodes[w], ids[w], max_node);
            }
        }
        out += "  }\n";
    }

    // The start node alone on the first rank, the end node alone on the last. Only
    // for a single start or end node outside lanes: with two, an edge between them
    // would lie within one rank, and a rank constraint across clusters fights them.
    for (const auto& [kind, rank] :
         {std::pair{Kind::start, "source"}, std::pair{Kind::end, "sink"}}) {
        std::size_t found = 0;
        std::size_t member = 0;
        for (std::size_t v = 0; v < graph.nodes.size(); ++v) {
            if (graph.nodes[v].kind == kind) {
                ++found;
                member = v;
            }
        }
        if (found == 1 && graph.nodes[member].lane.empty()) {
            out += std::string("  { rank=\"") + rank + "\"; " + ids[member] + "; }\n";
        }
    }

    const std::vector<std::size_t> level = levels(graph);
    for (const GraphEdge& edge : graph.edges) {
        const double share =
            max_edge == 0 ? 0.0 : static_cast<double>(edge.count) / static_cast<double>(max_edge);
        std::string label = std::to_string(edge.count);
        if (options.durations && graph.nodes[edge.from].kind == Kind::activity &&
            graph.nodes[edge.to].kind == Kind::activity) {
            label += " \xC2\xB7 " + human_duration(edge.median_s);
        }
        // A backward edge (see levels()) is written head first with dir=back: it is
        // drawn the same, but dot ranks it as a forward edge. (constraint=false would
        // do the same without the swap, but dot 2.43 corrupts memory on labelled
        // edges that end up within one rank.) Edges into a start node or out of an
        // end node always go backward, or they would fight the start's first rank.
        const bool backward = level[edge.to] < level[edge.from] ||
                              (edge.from != edge.to && (graph.nodes[edge.to].kind == Kind::start ||
                                                        graph.nodes[edge.from].kind == Kind::end));
        out += "  " + ids[backward ? edge.to : edge.from] + " -> " +
               ids[backward ? edge.from : edge.to] + " [label=\"" + label + "\", penwidth=\"" +
               detail::fixed(1.0 + 7.0 * share, 2) + "\", color=\"" +
               colour(mix(edge_low, edge_high, share)) + "\", weight=\"" +
               std::to_string(1 + std::lround(9.0 * share)) + "\"";
        if (backward) {
            out += ", dir=\"back\"";
        }
        out += "];\n";
    }
    out += "}\n";
    return out;
}

} // namespace journey::render
