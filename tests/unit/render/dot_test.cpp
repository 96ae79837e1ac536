#include <journey/render/dot.hpp>

#include <algorithm>
#include <string>

#include <catch2/catch.hpp>

#include <journey/core/error.hpp>
#include <journey/io/reader.hpp>
#include <journey/miners/dfg.hpp>

#include "golden.hpp"
#include "sample_graphs.hpp"

using namespace journey;
using journey::render::DotOptions;
using journey::render::to_dot;
using journey::test::activity;
using journey::test::edge;
using journey::test::terminal;
using Kind = GraphNode::Kind;

namespace {

// Names a log can hold: quotes, backslashes (one at the end), non-ASCII, a
// newline, a byte that is not UTF-8, a control character, HTML-looking text,
// and two nodes with the same id.
ProcessGraph awkward_names() {
    ProcessGraph g;
    g.title = "<Escapes> & \"quotes\"";
    g.note = "line one\nline two";
    g.nodes = {terminal(Kind::start, 4),
               activity("say \"hi\"", 3),                               // 1
               activity("back\\slash\\", 2),                            // 2
               activity("Z\xC3\xBCrich \xE2\x86\x92 Gen\xC3\xA8ve", 5), // 3: Zürich → Genève
               activity("two\nlines", 1),                               // 4
               activity("bad \xFF byte", 1),                            // 5
               activity("ctrl\x01"
                        "char",
                        1),                               // 6
               activity("<b>&amp;</b>", 1, "Dept \"X\""), // 7
               activity("dup", 1),                        // 8
               activity("dup", 1),                        // 9
               terminal(Kind::end, 4)};                   // 10
    g.nodes[9].label = "dup again";
    g.edges = {edge(0, 1, 4), edge(1, 2, 2), edge(1, 3, 2),  edge(2, 3, 1),
               edge(3, 4, 1), edge(4, 5, 1), edge(5, 6, 1),  edge(6, 7, 1),
               edge(7, 8, 1), edge(8, 9, 1), edge(9, 10, 1), edge(3, 10, 3)};
    return g;
}

bool has_line(const std::string& text, const std::string& line) {
    return text.find("\n" + line + "\n") != std::string::npos;
}

} // namespace

TEST_CASE("to_dot: running example matches the golden file", "[render][dot]") {
    test::check_golden("running_example.dot", to_dot(test::running_example()));
}

TEST_CASE("to_dot: durations and top-to-bottom", "[render][dot]") {
    DotOptions options;
    options.durations = true;
    options.rankdir = "TB";
    test::check_golden("running_example_durations_tb.dot",
                       to_dot(test::running_example(), options));
}

TEST_CASE("to_dot: lanes become clusters in first-appearance order", "[render][dot]") {
    DotOptions options;
    options.durations = true;
    const std::string dot = to_dot(test::move_house_lanes(), options);
    test::check_golden("move_house_lanes.dot", dot);
    const std::size_t contact = dot.find("subgraph \"cluster_Contact centre\"");
    const std::size_t field = dot.find("subgraph \"cluster_Field service\"");
    const std::size_t billing = dot.find("subgraph \"cluster_Billing\"");
    REQUIRE(contact != std::string::npos);
    REQUIRE(field != std::string::npos);
    REQUIRE(billing != std::string::npos);
    CHECK(contact < field);
    CHECK(field < billing);
    // "Complaint" (node 5) sits in its lane's cluster, before the next cluster.
    const std::size_t complaint = dot.find("\"Complaint\" [");
    CHECK(complaint > contact);
    CHECK(complaint < field);
}

TEST_CASE("to_dot: large graph cut to the 40 busiest edges", "[render][dot]") {
    DotOptions options;
    options.max_edges = 40;
    const std::string dot = to_dot(test::large_graph(), options);
    test::check_golden("large_top40.dot", dot);
    std::size_t arrows = 0;
    for (std::size_t at = dot.find(" -> "); at != std::string::npos;
         at = dot.find(" -> ", at + 1)) {
        ++arrows;
    }
    CHECK(arrows == 44); // 40 between activities, 2 from the start, 2 to the end
}

TEST_CASE("to_dot: awkward names are escaped", "[render][dot]") {
    const std::string dot = to_dot(awkward_names());
    test::check_golden("escaping.dot", dot);
    // Quotes and backslashes escaped in ids and labels.
    CHECK(has_line(dot,
                   "  \"say \\\"hi\\\"\" [label=\"say \\\"hi\\\"\\n3\", fillcolor=\"#7398bd\"];"));
    CHECK(has_line(dot, "  \"back\\\\slash\\\\\" [label=\"back\\\\slash\\\\\\n2\", "
                        "fillcolor=\"#9db7d1\"];"));
    // UTF-8 passes through unchanged.
    CHECK(dot.find("\"Z\xC3\xBCrich \xE2\x86\x92 Gen\xC3\xA8ve\" [label=\"Z\xC3\xBCrich "
                   "\xE2\x86\x92 Gen\xC3\xA8ve\\n5\"") != std::string::npos);
    // A newline is an escape in the id and a line break in the label.
    CHECK(has_line(dot, "  \"two\\nlines\" [label=\"two\\nlines\\n1\", fillcolor=\"#c7d6e6\"];"));
    // Bytes that are not UTF-8 and control characters become U+FFFD.
    CHECK(dot.find("\"bad \xEF\xBF\xBD byte\"") != std::string::npos);
    CHECK(dot.find("\"ctrl\xEF\xBF\xBD"
                   "char\"") != std::string::npos);
    CHECK(dot.find('\xFF') == std::string::npos);
    CHECK(dot.find('\x01') == std::string::npos);
    // Plain labels keep HTML-looking text as it is; the lane id and label are escaped.
    CHECK(dot.find("[label=\"<b>&amp;</b>\\n1\"") != std::string::npos);
    CHECK(dot.find("subgraph \"cluster_Dept \\\"X\\\"\" {") != std::string::npos);
    CHECK(dot.find("graph [label=\"Dept \\\"X\\\"\"") != std::string::npos);
    // The graph label is HTML-like: entities and left-aligned line breaks.
    CHECK(dot.find("label=<<font point-size=\"16\"><b>&lt;Escapes&gt; &amp; &quot;quotes&quot;"
                   "</b></font><br align=\"left\"/><font point-size=\"10\" color=\"#5a6570\">"
                   "line one<br align=\"left\"/>line two</font><br align=\"left\"/>>") !=
          std::string::npos);
    // Two nodes with one id stay two nodes.
    CHECK(has_line(dot, "  \"dup\" [label=\"dup\\n1\", fillcolor=\"#c7d6e6\"];"));
    CHECK(has_line(dot, "  \"dup~2\" [label=\"dup again\\n1\", fillcolor=\"#c7d6e6\"];"));
    CHECK(has_line(dot, "  \"dup\" -> \"dup~2\" [label=\"1\", penwidth=\"2.75\", "
                        "color=\"#8592a0\", weight=\"3\"];"));
}

TEST_CASE("to_dot: invalid UTF-8 is repaired byte by byte", "[render][dot]") {
    const std::string r = "\xEF\xBF\xBD"; // U+FFFD
    ProcessGraph g;
    g.nodes = {activity("overlong \xC0\xAF|surrogate \xED\xA0\x80|cut \xE2\x82x|"
                        "emoji \xF0\x9F\x98\x80|too big \xF4\x90\x80\x80|del \x7F|"
                        "tab\tend",
                        1)};
    const std::string dot = to_dot(g);
    const std::string label = "overlong " + r + r + "|surrogate " + r + r + r + "|cut " + r + r +
                              "x|emoji \xF0\x9F\x98\x80|too big " + r + r + r + r + "|del " + r +
                              "|tab";
    // The id keeps the tab; the label turns it into a space.
    CHECK(has_line(dot, "  \"" + label + "\tend\" [label=\"" + label +
                            " end\\n1\", "
                            "fillcolor=\"#1f5a94\", fontcolor=\"#ffffff\"];"));
}

TEST_CASE("to_dot: the DFG mined from running-example.xes", "[render][dot]") {
    // The graph the miner builds from the real log is the one these tests build by
    // hand, so the golden file shows what `journey map` draws for it.
    const io::ReadResult read = io::read_log(test::data_path("logs/running-example.xes"));
    ProcessGraph g = miners::dfg_to_graph(miners::discover_dfg(read.log), "running-example.xes");
    g.note = "6 cases, 42 events";
    CHECK(g == test::running_example());
    test::check_golden("running_example.dot", to_dot(g));
}

TEST_CASE("to_dot: empty graph and single node", "[render][dot]") {
    test::check_golden("empty.dot", to_dot(ProcessGraph{}));

    ProcessGraph single;
    single.nodes = {activity("only", 7)};
    const std::string dot = to_dot(single);
    test::check_golden("single_node.dot", dot);
    CHECK(has_line(dot, "  \"only\" [label=\"only\\n7\", fillcolor=\"#1f5a94\", "
                        "fontcolor=\"#ffffff\"];"));
    CHECK(dot.find("->") == std::string::npos);
    CHECK(dot.find("label=<") == std::string::npos); // no title, no note: no graph label
}

TEST_CASE("to_dot: output is deterministic and independent of edge order", "[render][dot]") {
    ProcessGraph g = test::running_example();
    const std::string first = to_dot(g);
    CHECK(to_dot(g) == first);
    std::reverse(g.edges.begin(), g.edges.end());
    CHECK(to_dot(g) == first);
}

TEST_CASE("to_dot: edge widths, colours and back edges", "[render][dot]") {
    const std::string dot = to_dot(test::running_example());
    // The busiest edge (6 of 6) is the widest and darkest; count 1 gives 1 + 7/6.
    CHECK(has_line(dot, "  \"check ticket\" -> \"decide\" [label=\"6\", penwidth=\"8.00\", "
                        "color=\"#2c3e50\", weight=\"10\"];"));
    CHECK(has_line(dot, "  \"check ticket\" -> \"examine thoroughly\" [label=\"1\", "
                        "penwidth=\"2.17\", color=\"#8f9ba8\", weight=\"3\"];"));
    // reinitiate request -> check ticket goes back towards the start: written head
    // first with dir=back, so the arrow still points at check ticket.
    CHECK(has_line(dot, "  \"check ticket\" -> \"reinitiate request\" [label=\"1\", "
                        "penwidth=\"2.17\", color=\"#8f9ba8\", weight=\"3\", dir=\"back\"];"));
    CHECK(has_line(dot, "  { rank=\"source\"; \"__start__\"; }"));
    CHECK(has_line(dot, "  { rank=\"sink\"; \"__end__\"; }"));
}

TEST_CASE("to_dot: durations only on activity edges", "[render][dot]") {
    DotOptions options;
    options.durations = true;
    const std::string dot = to_dot(test::running_example(), options);
    CHECK(dot.find("\"check ticket\" -> \"decide\" [label=\"6 \xC2\xB7 1.5 d\"") !=
          std::string::npos);
    CHECK(dot.find("\"register request\" -> \"examine casually\" [label=\"3 \xC2\xB7 1.1 h\"") !=
          std::string::npos);
    CHECK(dot.find("\"__start__\" -> \"register request\" [label=\"6\"") != std::string::npos);
    CHECK(dot.find("\"reject request\" -> \"__end__\" [label=\"3\"") != std::string::npos);
}

TEST_CASE("to_dot: options are checked", "[render][dot]") {
    DotOptions options;
    options.rankdir = "RL";
    CHECK_THROWS_MATCHES(to_dot(test::running_example(), options), usage_error,
                         Catch::Message("rankdir must be LR or TB, not 'RL'"));

    options = {};
    options.font = "Fira \"Sans\"";
    CHECK(to_dot(test::running_example(), options).find("fontname=\"Fira \\\"Sans\\\"\"") !=
          std::string::npos);

    ProcessGraph broken = test::running_example();
    broken.edges[3].to = 10;
    CHECK_THROWS_MATCHES(to_dot(broken), usage_error,
                         Catch::Message("process graph: edge 3 (1 -> 10) refers to a node that "
                                        "does not exist (10 nodes)"));
}

TEST_CASE("human_duration", "[render][dot]") {
    using journey::render::human_duration;
    CHECK(human_duration(0) == "0 s");
    CHECK(human_duration(0.04) == "0 s");
    CHECK(human_duration(0.5) == "0.5 s");
    CHECK(human_duration(45) == "45 s");
    CHECK(human_duration(59.4) == "59 s");
    CHECK(human_duration(59.6) == "1 min");
    CHECK(human_duration(90) == "1.5 min");
    CHECK(human_duration(600) == "10 min");
    CHECK(human_duration(3599) == "1 h");
    CHECK(human_duration(3.2 * 3600) == "3.2 h");
    CHECK(human_duration(14 * 3600) == "14 h");
    CHECK(human_duration(86400) == "1 d");
    CHECK(human_duration(4 * 86400) == "4 d");
    CHECK(human_duration(129300) == "1.5 d");
    CHECK(human_duration(9.96 * 86400) == "10 d");
    CHECK(human_duration(364.6 * 86400) == "1 y");
    CHECK(human_duration(1.5 * 365 * 86400) == "1.5 y");
    CHECK(human_duration(-7200) == "-2 h");
    CHECK(human_duration(-0.01) == "0 s");
    CHECK(human_duration(std::numeric_limits<double>::quiet_NaN()) == "?");
    CHECK(human_duration(std::numeric_limits<double>::infinity()) == "?");
}
