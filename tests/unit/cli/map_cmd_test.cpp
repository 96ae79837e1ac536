// journey map, poster and compare, run in-process. poster and compare are set up on
// an application of their own, so these tests do not depend on the command list.

#include <cstdlib>
#include <filesystem>
#include <fstream>
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
void setup_poster(CLI::App& app, Context& ctx);
void setup_compare(CLI::App& app, Context& ctx);
} // namespace journey::cli

namespace {

struct Run {
    int code = 0;
    std::string out;
    std::string err;
};

// Runs one of the map commands on an application of its own.
Run run_command(void (*setup)(CLI::App&, journey::cli::Context&), std::vector<std::string> args) {
    std::ostringstream out;
    std::ostringstream err;
    journey::cli::Context ctx{out, err, false, 0};
    CLI::App app{"test"};
    app.require_subcommand(1);
    setup(app, ctx);
    std::vector<std::string> rev(args.rbegin(), args.rend());
    try {
        app.parse(rev);
    } catch (const CLI::ParseError& e) {
        return {2, out.str(), e.what()};
    } catch (const std::exception& e) {
        return {1, out.str(), e.what()};
    }
    return {ctx.exit_code, out.str(), err.str()};
}

std::string source(const std::string& relative) {
    return std::string(JOURNEY_SOURCE_DIR) + "/" + relative;
}

std::string temp(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("journey-map-cmd-" + name)).string();
}

std::size_t pages(const std::string& pdf) {
    std::size_t n = 0;
    for (std::size_t at = pdf.find("/Type /Page"); at != std::string::npos;
         at = pdf.find("/Type /Page", at + 1)) {
        n += pdf[at + 11] != 's' ? 1 : 0;
    }
    return n;
}

} // namespace

TEST_CASE("journey map --spec: the move-house example as DOT (golden)", "[cli][map]") {
    const std::string out = temp("move-house.dot");
    const Run r = run_command(journey::cli::setup_map,
                              {"map", source("examples/move-house/move-house-log.csv"), "--spec",
                               source("examples/move-house/move-house.journey"), "-o", out});
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    const std::string dot = journey::test::read_file(out);
    const std::string golden = journey::test::data_path("render/maps/move_house_example.dot");
    const char* update = std::getenv("JOURNEY_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        std::ofstream(golden, std::ios::binary) << dot;
        WARN("rewrote " << golden);
    }
    CHECK(dot == journey::test::read_file(golden));
    // The lanes in the spec's order; ad hoc touchpoints dashed.
    CHECK(dot.find("// lane 1: Customer Service") < dot.find("// lane 2: Digital"));
    CHECK(dot.find("\"n:T16\" [label=\"T16\\nStatus-chase\\nand query\\ncontacts") != std::string::npos);
    CHECK(dot.find("style=\"rounded,filled,dashed\"") != std::string::npos);
    std::filesystem::remove(out);
}

TEST_CASE("journey map without a spec: the departmental map", "[cli][map]") {
    const std::string out = temp("running.dot");
    const Run r = run_command(journey::cli::setup_map,
                              {"map", journey::test::data_path("logs/running-example.xes"), "-o", out,
                               "--coverage", "90"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    const std::string dot = journey::test::read_file(out);
    CHECK(dot.rfind("digraph \"journey map\" {", 0) == 0);
    CHECK(dot.find("\"n:register request\"") != std::string::npos);
    // What the filter hid is drawn under the map and kept as a comment in the DOT.
    CHECK(dot.find("  // note: hidden: 1 of 8 activities (keeping 90 % of events), 1 of 16 edges\n") !=
          std::string::npos);
    SECTION("--plain keeps the first map") {
        const Run p = run_command(journey::cli::setup_map,
                                  {"map", journey::test::data_path("logs/running-example.xes"), "-o",
                                   out, "--plain"});
        REQUIRE(p.code == 0);
        CHECK(journey::test::read_file(out).rfind("digraph \"journey\" {", 0) == 0);
        const Run bad = run_command(journey::cli::setup_map,
                                    {"map", journey::test::data_path("logs/running-example.xes"),
                                     "-o", out, "--plain", "--spec",
                                     source("examples/move-house/move-house.journey")});
        CHECK(bad.code == 1);
        CHECK(bad.err == "--plain and --rankdir draw the plain process map: they take no --spec");
    }
    SECTION("a bad extension is a usage error") {
        const Run bad = run_command(journey::cli::setup_map,
                                    {"map", journey::test::data_path("logs/running-example.xes"),
                                     "-o", temp("map.gif")});
        CHECK(bad.code == 1);
        CHECK(bad.err == "cannot tell the map format of '" + temp("map.gif") +
                             "': use a .dot, .svg, .pdf or .png extension");
    }
    std::filesystem::remove(out);
}

TEST_CASE("journey poster: one A0 page, or an assembly sheet and A4 tiles", "[cli][poster]") {
    const std::string out = temp("poster.pdf");
    const std::vector<std::string> base{"poster", source("examples/move-house/move-house-log.csv"),
                                        "--spec", source("examples/move-house/move-house.journey"),
                                        "--size", "A0", "--landscape", "-o", out};
    const Run one = run_command(journey::cli::setup_poster, base);
    INFO(one.err);
    REQUIRE(one.code == 0);
    CHECK(one.err.empty());
    CHECK_THAT(one.out, Catch::StartsWith(out + ": A0 landscape, 1 page; labels at least "));
    CHECK_THAT(one.out, Catch::EndsWith(" pt (aim 14.0 pt)\n"));
    CHECK(pages(journey::test::read_file(out)) == 1);
    std::vector<std::string> json = base;
    json.push_back("--json");
    const Run js = run_command(journey::cli::setup_poster, json);
    REQUIRE(js.code == 0);
    CHECK(js.out.find("\"size\":\"A0\",\n  \"orientation\":\"landscape\",\n  \"width_mm\":1189,\n  "
                      "\"height_mm\":841,\n  \"pages\":1,\n  \"tiles\":null,\n  \"min_label_pt\":") !=
          std::string::npos);
    CHECK(js.out.find("\"aim_label_pt\":14,") != std::string::npos);
    // At least 14 pt on A0, landscape and portrait (docs/maps.md).
    const auto min_label = [](const std::string& text) {
        const std::size_t at = text.find("\"min_label_pt\":");
        return at == std::string::npos ? 0.0 : std::stod(text.substr(at + 15));
    };
    CHECK(min_label(js.out) >= 14.0);
    std::vector<std::string> portrait = json;
    portrait.erase(portrait.begin() + 6); // --landscape
    const Run jp = run_command(journey::cli::setup_poster, portrait);
    REQUIRE(jp.code == 0);
    CHECK(jp.out.find("\"orientation\":\"portrait\"") != std::string::npos);
    CHECK(min_label(jp.out) >= 14.0);
    std::vector<std::string> tiled = base;
    tiled.insert(tiled.end(), {"--tile", "A4"});
    const Run tiles = run_command(journey::cli::setup_poster, tiled);
    REQUIRE(tiles.code == 0);
    CHECK_THAT(tiles.out, Catch::StartsWith(out + ": A0 landscape on 25 A4 sheets (5 rows x 5 "
                                                  "columns), 26 pages with the assembly sheet"));
    CHECK(pages(journey::test::read_file(out)) == 26);
    std::vector<std::string> bad = base;
    bad[5] = "B2";
    const Run wrong = run_command(journey::cli::setup_poster, bad);
    CHECK(wrong.code == 1);
    CHECK(wrong.err ==
          "unknown paper size 'B2' (use A0, A1, A2, A3, A4 or WIDTHxHEIGHT in mm, e.g. 600x900)");
    std::filesystem::remove(out);
}

TEST_CASE("journey compare: the delta of two logs on one map", "[cli][compare]") {
    const std::string out = temp("compare.dot");
    const std::string log = source("examples/move-house/move-house-log.csv");
    const Run r = run_command(journey::cli::setup_compare,
                              {"compare", log, log, "--spec",
                               source("examples/move-house/move-house.journey"), "-o", out});
    INFO(r.err);
    REQUIRE(r.code == 0);
    // The same log twice: nothing changed.
    CHECK(r.out == "Before → after: 0 paths better, 0 worse, 0 new, 0 gone\n");
    const std::string dot = journey::test::read_file(out);
    CHECK(dot.find("\"n:T01\"") != std::string::npos);
    std::filesystem::remove(out);
}
