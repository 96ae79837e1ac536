#include <journey/render/poster.hpp>

#include <cstdio>
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include <journey/core/error.hpp>
#include <journey/render/layout.hpp>

#include "../test_util.hpp"
#include "pdf_util.hpp"
#include "sample_maps.hpp"

using namespace journey;
using namespace journey::render;

namespace {

constexpr double mm = 72.0 / 25.4;

std::string temp_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("journey-poster-test-" + name)).string();
}

} // namespace

TEST_CASE("paper_size: ISO sizes and custom sizes", "[render][poster]") {
    CHECK(paper_size("A0") == PaperSize{"A0", 841, 1189});
    CHECK(paper_size("a3") == PaperSize{"A3", 297, 420});
    CHECK(paper_size("A4") == PaperSize{"A4", 210, 297});
    CHECK(paper_size("900x600mm") == PaperSize{"900x600mm", 600, 900});
    CHECK(paper_size("600x900") == PaperSize{"600x900mm", 600, 900});
    CHECK_THROWS_WITH(paper_size("A5"),
                      "unknown paper size 'A5' (use A0, A1, A2, A3, A4 or WIDTHxHEIGHT in mm, e.g. 600x900)");
    CHECK_THROWS_WITH(paper_size("10x900"), "paper size '10x900': each side must be between 50 and 5000 mm");
    CHECK_THROWS_AS(paper_size("x900"), usage_error);
    CHECK_THROWS_AS(paper_size("1.2.3x900"), usage_error);
}

TEST_CASE("default_min_label_pt: 14 pt on A0, scaled with the paper", "[render][poster]") {
    CHECK(default_min_label_pt(paper_size("A0")) == Approx(14));
    CHECK(default_min_label_pt(paper_size("A1")) == Approx(14 * 594.0 / 841));
    CHECK(default_min_label_pt(paper_size("A4")) == Approx(6));
}

TEST_CASE("write_poster: one page of the poster size", "[render][poster][layout]") {
    if (!layout_available()) {
        WARN("skipped: this build has no Graphviz");
        return;
    }
    const JourneyMapData d = test::move_house_map();
    PosterOptions p;
    p.size = paper_size("A0");
    p.landscape = true;
    MapOptions map; // what `journey poster --spec` does by default
    map.edge_coverage = 97;
    const std::string pdf_path = temp_path("a0.pdf");
    const PosterInfo info = write_poster(d, map, p, pdf_path);
    CHECK(info.pages == 1);
    CHECK(info.page_width_pt == Approx(1189 * mm));
    CHECK(info.page_height_pt == Approx(841 * mm));
    CHECK(info.rows == 0);
    // The labels people read from two metres: at least 14 pt on A0.
    CHECK(info.label_pt >= 14.0);
    const std::string pdf = test::read_file(pdf_path);
    const auto pages = test::pdf_pages(pdf);
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].first == Approx(1189 * mm).epsilon(1e-4));
    CHECK(pages[0].second == Approx(841 * mm).epsilon(1e-4));
    CHECK(pdf.find("CreationDate") == std::string::npos);
    write_poster(d, map, p, pdf_path);
    CHECK(test::read_file(pdf_path) == pdf); // byte-stable

    SECTION("portrait turns the page; text still scales with the paper") {
        PosterOptions portrait = p;
        portrait.landscape = false;
        const PosterInfo pi = plan_poster(d, map, portrait);
        CHECK(pi.page_width_pt == Approx(841 * mm));
        CHECK(pi.page_height_pt == Approx(1189 * mm));
        // This wide map does not reach 14 pt across portrait A0 (see docs/maps.md).
        CHECK(pi.label_pt > 12.0);
        CHECK(pi.label_pt < info.label_pt);
        PosterOptions a3 = p;
        a3.size = paper_size("A3");
        const PosterInfo small = plan_poster(d, map, a3);
        CHECK(small.label_pt < pi.label_pt);
        CHECK(small.text_scale >= info.text_scale);
    }
    SECTION("SVG and a PNG preview") {
        const std::string svg_path = temp_path("a0.svg");
        write_poster(d, {}, p, svg_path);
        const std::string svg = test::read_file(svg_path);
        CHECK(svg.rfind("<?xml", 0) == 0);
        CHECK(svg.find("width=\"3370.393701pt\" height=\"2383.937008pt\"") != std::string::npos);
        const std::string png_path = temp_path("a0.png");
        PosterOptions preview = p;
        preview.dpi = 20;
        write_poster(d, {}, preview, png_path);
        const std::string png = test::read_file(png_path);
        REQUIRE(png.size() > 24);
        CHECK(png.compare(1, 3, "PNG") == 0);
        const auto be32 = [&](std::size_t at) {
            return (static_cast<std::uint32_t>(static_cast<unsigned char>(png[at])) << 24) |
                   (static_cast<std::uint32_t>(static_cast<unsigned char>(png[at + 1])) << 16) |
                   (static_cast<std::uint32_t>(static_cast<unsigned char>(png[at + 2])) << 8) |
                   static_cast<std::uint32_t>(static_cast<unsigned char>(png[at + 3]));
        };
        CHECK(be32(16) == 937); // ceil(1189 mm at 20 dpi)
        CHECK(be32(20) == 663);
        std::filesystem::remove(svg_path);
        std::filesystem::remove(png_path);
    }
    SECTION("bad requests") {
        PosterOptions tiles = p;
        tiles.tile = paper_size("A4");
        CHECK_THROWS_WITH(write_poster(d, {}, tiles, temp_path("x.svg")),
                          temp_path("x.svg") + ": tiled sheets are written as PDF (use a .pdf file)");
        CHECK_THROWS_WITH(write_poster(d, {}, p, temp_path("x.eps")),
                          temp_path("x.eps") + ": unknown poster format '.eps' (use .pdf, .svg or .png)");
        PosterOptions overlap = p;
        overlap.overlap_mm = -1;
        CHECK_THROWS_WITH(plan_poster(d, {}, overlap), "tile overlap must be between 0 and 100 mm, not -1.0");
        CHECK_THROWS_AS(write_poster(d, {}, p, "/nonexistent-dir/poster.pdf"), io_error);
    }
    std::filesystem::remove(pdf_path);
}
