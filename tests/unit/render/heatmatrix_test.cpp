// The heat-matrix SVG writer: exact text against tests/data/handoffs/*.svg
// (JOURNEY_UPDATE_GOLDEN=1 rewrites them), escaping, colours and errors.

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <string>

#include "../test_util.hpp"

#include <journey/core/error.hpp>
#include <journey/render/heatmatrix.hpp>

using namespace journey;

namespace {

void check_golden_svg(const std::string& name, const std::string& actual) {
    const std::string path = test::data_path("handoffs/" + name);
    const char* update = std::getenv("JOURNEY_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        std::ofstream(path, std::ios::binary | std::ios::trunc) << actual;
        return;
    }
    CHECK(actual == test::read_file(path));
}

render::HeatMatrix departments() {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    render::HeatMatrix m;
    m.title = "Handovers between departments";
    m.subtitle = "412 journeys; row = from, column = to";
    m.rows = {"BIL", "CS", "MET"};
    m.columns = {"BIL", "CS", "MET"};
    m.values = {nan, 3, 40, 12, nan, 5, 80, 0, nan};
    m.cell_text = {"", "3", "40", "12", "", "5", "80 · 25 % back", "", ""};
    m.legend = "handovers";
    return m;
}

} // namespace

TEST_CASE("heat matrix SVG is deterministic text", "[render][heatmatrix]") {
    const std::string svg = render::heat_matrix_svg(departments());
    check_golden_svg("heatmatrix.svg", svg);
    CHECK(svg == render::heat_matrix_svg(departments()));
    // The largest value gets the high colour, 0 the low one, empty cells grey.
    CHECK(svg.find("fill=\"#a50f15\" stroke=\"#dddddd\"/><text") != std::string::npos);
    CHECK(svg.find("fill=\"#fff5f0\" stroke=\"#dddddd\"/><text") != std::string::npos);
    CHECK(svg.find("fill=\"#f7f7f7\"") != std::string::npos);
    CHECK(svg.find("<title>MET → BIL: 80 · 25 % back</title>") != std::string::npos);
}

TEST_CASE("heat matrix escapes names and repairs UTF-8", "[render][heatmatrix]") {
    render::HeatMatrix m;
    m.rows = {"R&D <lab>"};
    m.columns = {std::string("bad\xff\"x")};
    m.values = {1};
    const std::string svg = render::heat_matrix_svg(m);
    CHECK(svg.find("R&amp;D &lt;lab&gt;") != std::string::npos);
    CHECK(svg.find("bad\xEF\xBF\xBD&quot;x") != std::string::npos);
    CHECK(svg.find("<title>heat matrix</title>") != std::string::npos);
    CHECK(svg.find("\xff") == std::string::npos);
}

TEST_CASE("heat matrix rejects inconsistent input", "[render][heatmatrix]") {
    render::HeatMatrix m = departments();
    m.values.pop_back();
    CHECK_THROWS_MATCHES(render::heat_matrix_svg(m), usage_error,
                         Catch::Message("heat matrix: 8 values for 3 × 3 cells"));
    m = departments();
    m.tooltips = {"x"};
    CHECK_THROWS_MATCHES(render::heat_matrix_svg(m), usage_error,
                         Catch::Message("heat matrix: 1 tooltips for 9 cells"));
    render::HeatMatrixOptions o;
    o.high = "red";
    CHECK_THROWS_MATCHES(render::heat_matrix_svg(departments(), o), usage_error,
                         Catch::Message("heat matrix: colour must be \"#rrggbb\", not \"red\""));
    // An empty matrix is a valid (small) document.
    const std::string empty = render::heat_matrix_svg(render::HeatMatrix{});
    CHECK(empty.rfind("<?xml", 0) == 0);
    CHECK(empty.find("</svg>\n") == empty.size() - 7);
}
