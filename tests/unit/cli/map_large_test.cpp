// journey map on a log with 300 activities: without filter options the map gets
// automatic limits (and says so); with coverage filters it keeps what they say.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>

#include "../test_util.hpp"
#include "cli.hpp"
#include "context.hpp"

namespace journey::cli {
void setup_map(CLI::App& app, Context& ctx);
} // namespace journey::cli

namespace {

std::string temp(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("journey-map-large-" + name)).string();
}

/// 2000 journeys of 8..20 events over 300 activities with Zipf-like frequencies
/// (activity k drawn with weight 1/(k+1)), 12 departments; a fixed LCG.
std::string wide_log() {
    const std::string path = temp("wide.csv");
    std::ofstream out(path, std::ios::binary);
    out << "case_id,activity,timestamp,org:group\n";
    std::vector<double> cdf(300);
    double total = 0;
    for (std::size_t k = 0; k < cdf.size(); ++k) {
        total += 1.0 / static_cast<double>(k + 1);
        cdf[k] = total;
    }
    std::uint64_t state = 42;
    const auto uniform = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 11) / 9007199254740992.0;
    };
    for (int c = 0; c < 2000; ++c) {
        const int n = 8 + c % 13;
        for (int i = 0; i < n; ++i) {
            const double u = uniform() * total;
            std::size_t a = 0;
            while (a + 1 < cdf.size() && cdf[a] < u) {
                ++a;
            }
            out << 'c' << c << ",A" << (a < 10 ? "00" : (a < 100 ? "0" : "")) << a
                << ",2024-01-01T" << (i / 60 < 10 ? "0" : "") << i / 60 << ':'
                << (i % 60 < 10 ? "0" : "") << i % 60 << ":00Z,D" << a % 12 << '\n';
        }
    }
    return path;
}

struct Run {
    int code = 0;
    std::string err;
};

Run map(std::vector<std::string> args) {
    std::ostringstream out;
    std::ostringstream err;
    journey::cli::Context ctx{out, err, false, 0};
    CLI::App app{"test"};
    journey::cli::setup_map(app, ctx);
    args.insert(args.begin(), "map");
    std::vector<std::string> rev(args.rbegin(), args.rend());
    app.parse(rev);
    return {ctx.exit_code, err.str()};
}

std::size_t boxes(const std::string& dot) {
    std::size_t n = 0;
    std::istringstream in(dot);
    for (std::string line; std::getline(in, line);) {
        n += line.rfind("  \"n:", 0) == 0 && line.find(" -> ") == std::string::npos ? 1 : 0;
    }
    return n;
}

} // namespace

TEST_CASE("map of 300 activities: automatic limits without filter options", "[cli][map]") {
    const std::string log = wide_log();
    const std::string dot = temp("auto.dot");
    REQUIRE(map({log, "-o", dot}).code == 0);
    const std::string text = journey::test::read_file(dot);
    CHECK(boxes(text) <= 40);
    CHECK(boxes(text) >= 30);

    // 40 kept by the limit, fewer once the top 100 edges leave some without an arrow.
    CHECK(text.find(" of 300 activities (not in top 40), ") != std::string::npos);
    CHECK(text.find(" edges (not in top 100)\n") != std::string::npos);
    CHECK(text.find("  // note: automatic limits for a map of 300 boxes: --max-nodes 0 --max-edges 0 "
                    "draws everything, --coverage N chooses by share of events\n") != std::string::npos);
    std::set<std::string> arrows; // an edge can be drawn in two strokes
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("  \"n:", 0) == 0 && line.find(" -> ") != std::string::npos) {
            arrows.insert(line.substr(0, line.find(" [")));
        }
    }
    CHECK(arrows.size() <= 100);
    CHECK(arrows.size() >= 50);

    // Laid out and drawn (the limits keep Graphviz quick).
    const std::string svg = temp("auto.svg");
    REQUIRE(map({log, "-o", svg}).code == 0);
    CHECK(journey::test::read_file(svg).rfind("<?xml", 0) == 0);

    // Asking for everything switches the limits off (DOT only: no layout needed).
    const std::string all = temp("all.dot");
    REQUIRE(map({log, "--max-nodes", "0", "--max-edges", "0", "-o", all}).code == 0);
    CHECK(boxes(journey::test::read_file(all)) == 300);
    for (const std::string& f : {log, dot, svg, all}) {
        std::filesystem::remove(f);
    }
}

TEST_CASE("map of 300 activities: coverage filters replace the automatic limits", "[cli][map]") {
    const std::string log = wide_log();
    const std::string svg = temp("cov.dot");
    REQUIRE(map({log, "--coverage", "60", "--edge-coverage", "60", "-o", svg}).code == 0);
    const std::string picture = journey::test::read_file(svg);
    CHECK(picture.find("of 300 activities (keeping 60 % of events)") != std::string::npos);
    CHECK(picture.find("automatic limits") == std::string::npos);
    std::filesystem::remove(log);
    std::filesystem::remove(svg);
}
