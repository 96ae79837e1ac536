// The watermelon chart (plain SVG): geometry worked out from the default options,
// escaping, determinism and input checks.

#include <catch2/catch.hpp>

#include <string>

#include <journey/core/error.hpp>
#include <journey/render/watermelon_chart.hpp>

using namespace journey;
using journey::render::AttainmentBar;
using journey::render::WatermelonChart;

namespace {

WatermelonChart telco_chart() {
    WatermelonChart c;
    c.title = "Telco install: watermelon";
    c.subtitle = "every measure green, half the journeys red";
    c.bars = {AttainmentBar{"validate", 0.5, 0.9, "red"}, AttainmentBar{"install", 0.97, 0.9, "green"},
              AttainmentBar{"port", 0.85, 0.9, "amber"}, AttainmentBar{"no target", 0.25, -1, ""}};
    c.journey_success = 0.5;
    c.inside_target = 0.7;
    c.score_label = "score";
    c.histogram = {0, 25, 25, 0, 0, 0, 0, 0, 25, 25, 0};
    c.histogram_red = {0, 25, 25, 0, 0, 0, 0, 0, 0, 0, 0};
    c.modes = {1, 8};
    c.valley = 3;
    c.bimodality_coefficient = 0.8815792558484339;
    return c;
}

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) {
        ++n;
    }
    return n;
}

} // namespace

TEST_CASE("Watermelon chart: a well-formed SVG with bars, modes and valley", "[render][watermelon]") {
    const std::string svg = render::watermelon_chart_svg(telco_chart());
    CHECK(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 0) == 0);
    CHECK(svg.size() > 7);
    CHECK(svg.substr(svg.size() - 7) == "</svg>\n");
    CHECK(count(svg, "<svg ") == 1);
    CHECK(svg.find("<title>Telco install: watermelon</title>") != std::string::npos);
    // Default geometry: the left panel ends at 560 px; labels take 200 px, so bars start
    // at x = 24 + 200 + 8 = 232 and are 560 − 232 − 56 = 272 px long.
    // validate at 50 %: a 136 px red bar; its 90 % target tick at 232 + 244.8 = 476.8.
    CHECK(svg.find("width=\"136.0\" height=\"16.0\" fill=\"#e45756\"") != std::string::npos);
    CHECK(svg.find("<line x1=\"476.8\"") != std::string::npos);
    // install at 97 %: 263.84 px green; port at 85 % amber: 231.2 px.
    CHECK(svg.find("width=\"263.8\" height=\"16.0\" fill=\"#54a24b\"") != std::string::npos);
    CHECK(svg.find("width=\"231.2\" height=\"16.0\" fill=\"#f2b447\"") != std::string::npos);
    // A bar without a target is grey and has no tick (three ticks for bars, one for τ_J).
    CHECK(svg.find("width=\"68.0\" height=\"16.0\" fill=\"#9e9e9e\"") != std::string::npos);
    CHECK(count(svg, "stroke-width=\"2\"") == 5); // 3 bar ticks, τ_J tick, legend tick
    CHECK(svg.find("97.0%") != std::string::npos);
    CHECK(svg.find("50.0% green, 50.0% red") != std::string::npos);
    // The histogram: two modes and a valley, the coefficient with three decimals.
    CHECK(count(svg, ">mode</text>") == 2);
    CHECK(count(svg, ">valley</text>") == 1);
    CHECK(svg.find("bimodality coefficient 0.882") != std::string::npos);
    CHECK(svg.find("<title>score 1: 25 journeys, 25 red</title>") != std::string::npos);
    // Deterministic.
    CHECK(render::watermelon_chart_svg(telco_chart()) == svg);
}

TEST_CASE("Watermelon chart escapes text and draws without a histogram", "[render][watermelon]") {
    WatermelonChart c;
    c.title = "A <b> & \"c\"";
    c.bars = {AttainmentBar{"T<1>", std::numeric_limits<double>::quiet_NaN(), 0.9, ""}};
    c.journey_success = std::numeric_limits<double>::quiet_NaN();
    const std::string svg = render::watermelon_chart_svg(c);
    CHECK(svg.find("A &lt;b&gt; &amp; &quot;c&quot;") != std::string::npos);
    CHECK(svg.find("T&lt;1&gt;") != std::string::npos);
    CHECK(svg.find("<b>") == std::string::npos);
    CHECK(svg.find("n/a") != std::string::npos);
    CHECK(svg.find("Inside: ") != std::string::npos); // the journeys bar
    CHECK(svg.find("of surveyed journeys") == std::string::npos);
    CHECK(svg.find("valley") == std::string::npos);
    // An empty chart still renders.
    const std::string empty = render::watermelon_chart_svg(WatermelonChart{});
    CHECK(empty.find("no touchpoint measures") != std::string::npos);
    CHECK(empty.find("<title>Watermelon chart</title>") != std::string::npos);
}

TEST_CASE("Watermelon chart rejects inconsistent histograms", "[render][watermelon]") {
    WatermelonChart c = telco_chart();
    c.histogram_red = {1, 2};
    CHECK_THROWS_WITH(render::watermelon_chart_svg(c),
                      "watermelon chart: 2 red counts for 11 histogram bins");
    c = telco_chart();
    c.histogram_red[1] = 26;
    CHECK_THROWS_WITH(render::watermelon_chart_svg(c), "watermelon chart: bin 1 has 26 red of 25 journeys");
    c = telco_chart();
    c.modes = {11};
    CHECK_THROWS_AS(render::watermelon_chart_svg(c), usage_error);
    CHECK_THROWS_WITH(render::watermelon_chart_svg(c), "watermelon chart: mode 11 is not a bin");
    c = telco_chart();
    c.valley = 20;
    CHECK_THROWS_WITH(render::watermelon_chart_svg(c), "watermelon chart: valley 20 is not a bin");
}
