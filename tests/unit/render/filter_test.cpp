#include <journey/render/dot.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include <journey/core/error.hpp>

#include "sample_graphs.hpp"

using namespace journey;
using journey::render::DotOptions;
using journey::render::filter_graph;
using journey::test::activity;
using journey::test::edge;
using journey::test::terminal;
using Kind = GraphNode::Kind;

namespace {

std::vector<std::string> node_names(const ProcessGraph& g) {
    std::vector<std::string> names;
    for (const GraphNode& n : g.nodes) {
        names.push_back(n.id);
    }
    return names;
}

// "from -> to (count)" for every edge, in order.
std::vector<std::string> edge_names(const ProcessGraph& g) {
    std::vector<std::string> names;
    for (const GraphEdge& e : g.edges) {
        names.push_back(g.nodes[e.from].id + " -> " + g.nodes[e.to].id + " (" +
                        std::to_string(e.count) + ")");
    }
    return names;
}

} // namespace

TEST_CASE("filter_graph: default options change nothing but the edge order", "[render][filter]") {
    ProcessGraph g = test::running_example();
    std::reverse(g.edges.begin(), g.edges.end());
    const ProcessGraph filtered = filter_graph(g, DotOptions{});
    CHECK(filtered == test::running_example());
}

TEST_CASE("filter_graph: min_count drops edges and the activities cut off", "[render][filter]") {
    DotOptions options;
    options.min_count = 2;
    const ProcessGraph filtered = filter_graph(test::running_example(), options);
    // Every way into "examine thoroughly" has count 1, so it goes with its edges.
    CHECK(node_names(filtered) == std::vector<std::string>{"__start__", "check ticket", "decide",
                                                           "examine casually", "pay compensation",
                                                           "register request", "reinitiate request",
                                                           "reject request", "__end__"});
    CHECK(edge_names(filtered) ==
          std::vector<std::string>{
              "__start__ -> register request (6)", "check ticket -> decide (6)",
              "check ticket -> examine casually (2)", "decide -> pay compensation (3)",
              "decide -> reinitiate request (3)", "decide -> reject request (3)",
              "examine casually -> check ticket (4)", "examine casually -> decide (2)",
              "pay compensation -> __end__ (3)", "register request -> check ticket (2)",
              "register request -> examine casually (3)", "reject request -> __end__ (3)"});
    CHECK(filtered.note ==
          "6 cases, 42 events\nhidden: 7 of 19 edges (count < 2), 1 of 8 activities");
    CHECK(filtered.title == "running-example.xes");
}

TEST_CASE("filter_graph: max_edges grows the busiest edges from the start", "[render][filter]") {
    DotOptions options;
    options.max_edges = 5;
    const ProcessGraph filtered = filter_graph(test::running_example(), options);
    // From register request the busiest way on is examine casually (3), then
    // examine casually -> check ticket (4), check ticket -> decide (6), and of the
    // three edges of 3 out of decide the first two by name.
    CHECK(edge_names(filtered) ==
          std::vector<std::string>{
              "__start__ -> register request (6)", "check ticket -> decide (6)",
              "decide -> pay compensation (3)", "decide -> reinitiate request (3)",
              "examine casually -> check ticket (4)", "pay compensation -> __end__ (3)",
              "register request -> examine casually (3)"});
    CHECK(node_names(filtered) == std::vector<std::string>{"__start__", "check ticket", "decide",
                                                           "examine casually", "pay compensation",
                                                           "register request", "reinitiate request",
                                                           "__end__"});
    CHECK(filtered.note ==
          "6 cases, 42 events\nhidden: 12 of 19 edges (not in top 5), 2 of 8 activities");
}

TEST_CASE("filter_graph: both filters, and the note without activities", "[render][filter]") {
    DotOptions options;
    options.min_count = 2;
    options.max_edges = 8;
    ProcessGraph g = test::running_example();
    g.note.clear();
    const ProcessGraph filtered = filter_graph(g, options);
    CHECK(filtered.note == "hidden: 8 of 19 edges (count < 2 or not in top 8), 1 of 8 activities");

    options = {};
    options.min_count = 3;
    ProcessGraph small;
    small.nodes = {terminal(Kind::start, 5), activity("a", 5), activity("b", 5),
                   terminal(Kind::end, 5)};
    small.edges = {edge(0, 1, 5), edge(1, 2, 5), edge(2, 1, 2), edge(2, 3, 5)};
    const ProcessGraph loop_cut = filter_graph(small, options);
    CHECK(loop_cut.note == "hidden: 1 of 4 edges (count < 3)");
    CHECK(loop_cut.nodes == small.nodes);
}

TEST_CASE("filter_graph: the large graph keeps exactly 40 activity edges", "[render][filter]") {
    DotOptions options;
    options.max_edges = 40;
    const ProcessGraph g = test::large_graph();
    REQUIRE(g.edges.size() == 204);
    const ProcessGraph filtered = filter_graph(g, options);
    std::size_t activity_edges = 0;
    for (const GraphEdge& e : filtered.edges) {
        if (filtered.nodes[e.from].kind == Kind::activity &&
            filtered.nodes[e.to].kind == Kind::activity) {
            ++activity_edges;
        }
    }
    CHECK(activity_edges == 40);
    CHECK(filtered.edges.size() == 44);
    CHECK(filtered.note == "hidden: 160 of 204 edges (not in top 40)");
    CHECK(filtered.nodes.size() == 32);
    // Filtering again hides nothing more.
    CHECK(filter_graph(filtered, options) == filtered);
}

TEST_CASE("filter_graph: filtering twice is filtering once", "[render][filter]") {
    for (const auto& [min_count, max_edges] :
         std::vector<std::pair<std::uint64_t, std::size_t>>{{2, 0}, {0, 5}, {2, 8}, {4, 3}}) {
        DotOptions options;
        options.min_count = min_count;
        options.max_edges = max_edges;
        const ProcessGraph once = filter_graph(test::running_example(), options);
        CHECK(filter_graph(once, options) == once);
    }
}

TEST_CASE("filter_graph: without a start node, activities left without edges go",
          "[render][filter]") {
    ProcessGraph g;
    g.nodes = {activity("a", 9), activity("b", 9), activity("c", 1), activity("lonely", 2)};
    g.edges = {edge(0, 1, 9), edge(1, 2, 1), edge(2, 0, 1)};
    DotOptions options;
    options.min_count = 2;
    const ProcessGraph filtered = filter_graph(g, options);
    // "lonely" never had an edge, so the filter did not hide it.
    CHECK(node_names(filtered) == std::vector<std::string>{"a", "b", "lonely"});
    CHECK(edge_names(filtered) == std::vector<std::string>{"a -> b (9)"});
    CHECK(filtered.note == "hidden: 2 of 3 edges (count < 2), 1 of 4 activities");

    options = {};
    options.max_edges = 1;
    CHECK(edge_names(filter_graph(g, options)) == std::vector<std::string>{"a -> b (9)"});
}

TEST_CASE("filter_graph: start and end nodes stay, empty graphs pass", "[render][filter]") {
    DotOptions options;
    options.min_count = 100;
    const ProcessGraph filtered = filter_graph(test::running_example(), options);
    CHECK(node_names(filtered) == std::vector<std::string>{"__start__", "__end__"});
    CHECK(filtered.edges.empty());
    CHECK(filtered.note ==
          "6 cases, 42 events\nhidden: 19 of 19 edges (count < 100), 8 of 8 activities");
    CHECK(filter_graph(ProcessGraph{}, options) == ProcessGraph{});
}

TEST_CASE("filter_graph: an edge to a missing node is a usage error", "[render][filter]") {
    ProcessGraph g;
    g.nodes = {activity("a", 1)};
    g.edges = {edge(0, 0, 1), edge(2, 0, 1)};
    CHECK_THROWS_MATCHES(filter_graph(g, DotOptions{}), usage_error,
                         Catch::Message("process graph: edge 1 (2 -> 0) refers to a node that "
                                        "does not exist (1 nodes)"));
}
