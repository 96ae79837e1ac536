#include <journey/render/layout.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <journey/core/error.hpp>
#include <journey/render/dot.hpp>

#include "golden.hpp"
#include "sample_graphs.hpp"

using namespace journey;
using journey::render::render_file;

namespace {

std::string render_to_string(std::string_view dot, const std::string& format) {
    std::ostringstream out;
    render::render(dot, format, out);
    return out.str();
}

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos;
         at = text.find(what, at + what.size())) {
        ++n;
    }
    return n;
}

std::uint32_t big_endian(const std::string& data, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        v = (v << 8) | static_cast<unsigned char>(data[at + i]);
    }
    return v;
}

// Redirects file descriptor 2 to a temporary file while alive; text() is what
// was written to stderr meanwhile (by this library or by Graphviz underneath it).
class StderrCapture {
public:
    StderrCapture() : m_file(std::tmpfile()) {
        std::fflush(stderr);
        m_saved = dup(2);
        dup2(fileno(m_file), 2);
    }
    ~StderrCapture() {
        restore();
        std::fclose(m_file);
    }
    StderrCapture(const StderrCapture&) = delete;
    StderrCapture& operator=(const StderrCapture&) = delete;

    std::string text() {
        restore();
        std::rewind(m_file);
        std::string s;
        for (int c = std::fgetc(m_file); c != EOF; c = std::fgetc(m_file)) {
            s += static_cast<char>(c);
        }
        return s;
    }

private:
    void restore() {
        if (m_saved >= 0) {
            std::fflush(stderr);
            dup2(m_saved, 2);
            close(m_saved);
            m_saved = -1;
        }
    }
    std::FILE* m_file;
    int m_saved = -1;
};

class TempDir {
public:
    TempDir()
        : m_path(std::filesystem::temp_directory_path() /
                 ("journey-render-test-" + std::to_string(getpid()))) {
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

} // namespace

TEST_CASE("layout: what this build can do", "[render][layout]") {
    if (render::layout_available()) {
        CHECK(render::layout_formats() == std::vector<std::string>{"svg", "pdf", "png"});
    } else {
        CHECK(render::layout_formats().empty());
        CHECK_THROWS_MATCHES(render_to_string("digraph { a }", "svg"), journey::error,
                             Catch::Message("cannot render svg: this build of journeykit has "
                                            "no Graphviz"));
    }
}

TEST_CASE("layout: unknown formats and DOT pass-through", "[render][layout]") {
    CHECK_THROWS_MATCHES(render_to_string("digraph { a }", "gif"), usage_error,
                         Catch::Message("unknown map format 'gif' (use svg, pdf, png or dot)"));
    CHECK_THROWS_MATCHES(render_to_string("digraph { a }", "SVG"), usage_error,
                         Catch::Message("unknown map format 'SVG' (use svg, pdf, png or dot)"));
    CHECK(render_to_string("not even DOT", "dot") == "not even DOT");
}

// The rest needs Graphviz.
TEST_CASE("layout: SVG, PDF and PNG of the running example", "[render][layout][graphviz]") {
    if (!render::layout_available()) {
        return;
    }
    const std::string dot = render::to_dot(test::running_example());
    StderrCapture stderr_capture;

    const std::string svg = render_to_string(dot, "svg");
    CHECK(svg.rfind("<?xml", 0) == 0);
    CHECK(svg.find("<svg") != std::string::npos);
    CHECK(svg.find("</svg>") != std::string::npos);
    CHECK(occurrences(svg, "class=\"node\"") == 10);
    CHECK(occurrences(svg, "class=\"edge\"") == 19);
    CHECK(svg.find(">register request</text>") != std::string::npos);
    CHECK(svg.find(">running&#45;example.xes</text>") != std::string::npos);
    CHECK(svg.find("graphviz version") == std::string::npos); // no tool version

    const std::string pdf = render_to_string(dot, "pdf");
    CHECK(pdf.rfind("%PDF-", 0) == 0);
    CHECK(occurrences(pdf, "/Type /Page\n") + occurrences(pdf, "/Type /Page ") +
              occurrences(pdf, "/Type /Page/") ==
          1);
    CHECK(occurrences(pdf, "/Type /Pages") == 1);
    CHECK(pdf.find("/Count 1") != std::string::npos);
    CHECK(pdf.find("%%EOF") != std::string::npos);
    CHECK(pdf.find("CreationDate") == std::string::npos); // no timestamp
    CHECK(pdf.find("cairo 1.") == std::string::npos);     // no tool version

    const std::string png = render_to_string(dot, "png");
    REQUIRE(png.size() > 24);
    CHECK(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    CHECK(png.compare(12, 4, "IHDR") == 0);
    const std::uint32_t width = big_endian(png, 16);
    const std::uint32_t height = big_endian(png, 20);
    CHECK(width > 600);
    CHECK(width < 3000);
    CHECK(height > 200);
    CHECK(height < 2000);
    CHECK(width > height); // flows left to right

    CHECK(stderr_capture.text().empty());
}

TEST_CASE("layout: the same map renders to the same bytes", "[render][layout][graphviz]") {
    if (!render::layout_available()) {
        return;
    }
    const std::string dot = render::to_dot(test::move_house_lanes());
    for (const std::string format : {"svg", "pdf", "png"}) {
        INFO(format);
        CHECK(render_to_string(dot, format) == render_to_string(dot, format));
    }
}

TEST_CASE("layout: escaped names survive Graphviz", "[render][layout][graphviz]") {
    if (!render::layout_available()) {
        return;
    }
    using test::activity;
    ProcessGraph g;
    g.nodes = {activity("say \"hi\"", 3),
               activity("back\\slash\\", 2),
               activity("Z\xC3\xBCrich \xE2\x86\x92 Gen\xC3\xA8ve", 5),
               activity("two\nlines", 1),
               activity("bad \xFF byte", 1),
               activity("dup", 1),
               activity("dup", 1)};
    g.edges = {test::edge(0, 1, 1), test::edge(1, 2, 1), test::edge(2, 3, 1),
               test::edge(3, 4, 1), test::edge(4, 5, 1), test::edge(5, 6, 1)};
    StderrCapture stderr_capture;
    const std::string svg = render_to_string(render::to_dot(g), "svg");
    CHECK(stderr_capture.text().empty());
    CHECK(occurrences(svg, "class=\"node\"") == 7); // the two "dup" nodes stay apart
    CHECK(occurrences(svg, "class=\"edge\"") == 6);
    CHECK(svg.find(">say &quot;hi&quot;</text>") != std::string::npos);
    CHECK(svg.find(">back\\slash\\</text>") != std::string::npos);
    CHECK(svg.find(">Z\xC3\xBCrich \xE2\x86\x92 Gen\xC3\xA8ve</text>") != std::string::npos);
    CHECK(svg.find(">two</text>") != std::string::npos);
    CHECK(svg.find(">lines</text>") != std::string::npos);
    CHECK(svg.find(">bad \xEF\xBF\xBD byte</text>") != std::string::npos);
}

TEST_CASE("layout: Graphviz errors become exceptions, nothing is printed",
          "[render][layout][graphviz]") {
    if (!render::layout_available()) {
        return;
    }
    StderrCapture stderr_capture;
    CHECK_THROWS_MATCHES(render_to_string("digraph { a -> ; }", "svg"), journey::error,
                         Catch::Message("graphviz: cannot read the DOT text: syntax error in "
                                        "line 1 near ';'"));
    CHECK_THROWS_MATCHES(render_to_string("digraph {\n a -> b\n c -> }\n", "png"), journey::error,
                         Catch::Message("graphviz: cannot read the DOT text: syntax error in "
                                        "line 3 near '}'"));
    CHECK_THROWS_MATCHES(render_to_string("", "svg"), journey::error,
                         Catch::Message("graphviz: cannot read the DOT text: no graph in it"));
    CHECK_THROWS_MATCHES(render_to_string("  \n// just a comment\n", "svg"), journey::error,
                         Catch::Message("graphviz: cannot read the DOT text: no graph in it"));
    CHECK_THROWS_MATCHES(render_to_string("digraph { a }\ndigraph { b }\n", "svg"), journey::error,
                         Catch::Message("graphviz: unexpected text after the graph: another "
                                        "graph"));
    CHECK_THROWS_MATCHES(render_to_string("digraph { a } junk", "svg"), journey::error,
                         Catch::Message("graphviz: unexpected text after the graph: syntax "
                                        "error in line 1 near 'junk'"));
    CHECK_THROWS_MATCHES(render_to_string(std::string_view("digraph { a }\0", 14), "svg"),
                         journey::error,
                         Catch::Message("graphviz: the DOT text contains a NUL byte"));
    // The lexer keeps no leftovers: a good graph after the bad ones renders, and
    // its syntax errors count lines from 1 again.
    const std::string svg = render_to_string("digraph { ok }", "svg");
    CHECK(svg.find(">ok</text>") != std::string::npos);
    CHECK(occurrences(svg, "class=\"node\"") == 1);
    CHECK_THROWS_MATCHES(render_to_string("digraph {\n\n x -> -> y }", "svg"), journey::error,
                         Catch::Message("graphviz: cannot read the DOT text: syntax error in "
                                        "line 3 near '->'"));
    CHECK(stderr_capture.text().empty());
}

TEST_CASE("layout: large graph with max_edges", "[render][layout][graphviz]") {
    if (!render::layout_available()) {
        return;
    }
    render::DotOptions options;
    options.max_edges = 40;
    options.durations = true;
    const ProcessGraph filtered = render::filter_graph(test::large_graph(), options);
    const std::string svg = render_to_string(render::to_dot(test::large_graph(), options), "svg");
    CHECK(occurrences(svg, "class=\"node\"") == filtered.nodes.size());
    CHECK(occurrences(svg, "class=\"edge\"") == 44);
    const std::string png = render_to_string(render::to_dot(test::large_graph(), options), "png");
    CHECK(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
}

// Graphviz 2.43 frees memory twice in its flat-edge code when the ends of a
// labelled edge land on one rank. to_dot avoids that (newrank, no rank constraint
// against an edge into the start); random graphs under AddressSanitizer found both
// cases, and this lane graph crashed the old output on its own.
TEST_CASE("layout: a path leaving a lane and coming back", "[render][layout][graphviz]") {
    if (!render::layout_available()) {
        return;
    }
    using test::activity;
    using test::edge;
    using test::terminal;
    using Kind = GraphNode::Kind;
    ProcessGraph g;
    g.nodes = {terminal(Kind::start, 1), activity("x", 1),         terminal(Kind::end, 1),
               activity("y", 1, "C"),    terminal(Kind::start, 1), terminal(Kind::start, 1)};
    g.nodes[0].id = "s1";
    g.nodes[0].lane = "C";
    g.nodes[2].lane = "C";
    g.nodes[4].id = "s2";
    g.nodes[4].lane = "B";
    g.nodes[5].id = "s3";
    g.edges = {edge(0, 1, 11), edge(2, 1, 20), edge(2, 3, 3), edge(4, 5, 40), edge(4, 2, 0)};
    for (const char* rankdir : {"LR", "TB"}) {
        render::DotOptions options;
        options.rankdir = rankdir;
        const std::string svg = render_to_string(render::to_dot(g, options), "svg");
        CHECK(occurrences(svg, "class=\"edge\"") == g.edges.size());
    }
}

// The sequence of random graphs that found the crashes (the second one only after
// a hundred layouts: Graphviz keeps state between calls). Lanes, several start
// and end nodes, repeated ids, self-loops, edges in every direction, all filters.
TEST_CASE("layout: random graphs", "[render][layout][graphviz]") {
    if (!render::layout_available()) {
        return;
    }
    std::mt19937_64 rng(1);
    const char* lanes[] = {"", "", "A", "B", "C"};
    for (int round = 0; round < 120; ++round) {
        ProcessGraph g;
        g.title = "random " + std::to_string(round);
        const std::size_t n = 1 + rng() % 25;
        for (std::size_t i = 0; i < n; ++i) {
            GraphNode node;
            node.id = "n" + std::to_string(rng() % (n + 3));
            node.label = node.id;
            const auto kind = rng() % 10;
            node.kind = kind == 0   ? GraphNode::Kind::start
                        : kind == 1 ? GraphNode::Kind::end
                                    : GraphNode::Kind::activity;
            node.count = rng() % 100;
            node.lane = lanes[rng() % 5];
            g.nodes.push_back(node);
        }
        const std::size_t m = rng() % (3 * n + 1);
        for (std::size_t j = 0; j < m; ++j) {
            GraphEdge e;
            e.from = rng() % n;
            e.to = rng() % n;
            e.count = rng() % 50;
            e.median_s = static_cast<double>(rng() % 100000);
            g.edges.push_back(e);
        }
        render::DotOptions options;
        options.durations = rng() % 2 == 1;
        options.max_edges = rng() % 3 == 0 ? rng() % 10 : 0;
        options.min_count = rng() % 3 == 0 ? rng() % 20 : 0;
        options.rankdir = rng() % 2 == 1 ? "LR" : "TB";
        const std::string format = rng() % 3 == 0 ? "png" : "svg";
        INFO("round " << round);
        const std::string out = render_to_string(render::to_dot(g, options), format);
        if (format == "svg") {
            CHECK(occurrences(out, "class=\"edge\"") ==
                  render::filter_graph(g, options).edges.size());
        } else {
            CHECK(out.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
        }
    }
}

TEST_CASE("layout: concurrent callers take turns", "[render][layout][graphviz]") {
    if (!render::layout_available()) {
        return;
    }
    const std::string dot = render::to_dot(test::running_example());
    const std::string expected = render_to_string(dot, "svg");
    std::vector<std::string> results(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < results.size(); ++t) {
        threads.emplace_back([&, t] { results[t] = render_to_string(dot, "svg"); });
    }
    for (std::thread& t : threads) {
        t.join();
    }
    for (const std::string& r : results) {
        CHECK(r == expected);
    }
}

TEST_CASE("render_file: format from the extension", "[render][layout]") {
    TempDir dir;
    const std::string dot = render::to_dot(test::running_example());

    render_file(dot, dir.file("map.dot"));
    CHECK(test::read_file(dir.file("map.dot")) == dot);

    CHECK_THROWS_MATCHES(render_file(dot, dir.file("map.gif")), usage_error,
                         Catch::Message(dir.file("map.gif") +
                                        ": unknown map format '.gif' (use .svg, .pdf, .png or "
                                        ".dot)"));
    CHECK_THROWS_MATCHES(render_file(dot, dir.file("map")), usage_error,
                         Catch::Message(dir.file("map") +
                                        ": no file extension to tell the map format (use .svg, "
                                        ".pdf, .png or .dot)"));
    CHECK_FALSE(std::filesystem::exists(dir.file("map.gif")));

    CHECK_THROWS_MATCHES(render_file(dot, dir.file("missing/map.dot")), io_error,
                         Catch::Message(dir.file("missing/map.dot") +
                                        ": cannot open for writing: No such file or directory"));

    if (!render::layout_available()) {
        return;
    }
    render_file(dot, dir.file("map.SVG"));
    CHECK(test::read_file(dir.file("map.SVG")).rfind("<?xml", 0) == 0);
    render_file(dot, dir.file("map.png"));
    CHECK(test::read_file(dir.file("map.png")).compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    render_file(dot, dir.file("map.pdf"));
    CHECK(test::read_file(dir.file("map.pdf")).rfind("%PDF-", 0) == 0);

    // A failed layout leaves no file behind.
    CHECK_THROWS_AS(render_file("digraph {", dir.file("broken.svg")), journey::error);
    CHECK_FALSE(std::filesystem::exists(dir.file("broken.svg")));
}

// Graphviz 2.43 and the font stack under it (fontconfig, pango, glib) keep caches
// and leak layout data even when the API is used as documented (the same leaks
// show with a plain C program doing agread, gvLayout, gvRenderData, gvFreeLayout,
// agclose). These hooks only matter in a sanitizer build: full stacks, so that the
// suppressions can name Graphviz's own functions rather than whole libraries, and
// the graph we open (agread) and the rendered data stay checked.
extern "C" const char* __asan_default_options() {
    return "fast_unwind_on_malloc=0:malloc_context_size=40";
}

extern "C" const char* __lsan_default_suppressions() {
    return "leak:libfontconfig.so\n"
           "leak:libpango-1.0.so\n"
           "leak:libpangoft2-1.0.so\n"
           "leak:libpangocairo-1.0.so\n"
           "leak:libglib-2.0.so\n"
           "leak:libcairo.so\n"
           "leak:gvconfig\n"
           "leak:textspan_size\n"
           "leak:make_label\n"
           "leak:dot_layout\n";
}
