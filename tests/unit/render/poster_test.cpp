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
    CHECK(default_min_label_pt(paper_size("A1")) == Approx(14 * 594.0 / 841)); // 9.9 pt
    CHECK(default_min_label_pt(paper_size("A2")) == Approx(14 * 420.0 / 841)); // 7.0 pt
    CHECK(default_min_label_pt(paper_size("A3")) == Approx(6)); // 4.9 pt proportionally; never below 6
    CHECK(default_min_label_pt(paper_size("A4")) == Approx(6));
    CHECK(default_min_label_pt(paper_size("1000x2000")) == Approx(14 * 1000.0 / 841));
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

    SECTION("portrait turns the page and narrows the boxes; labels still reach 14 pt") {
        PosterOptions portrait = p;
        portrait.landscape = false;
        const PosterInfo pi = plan_poster(d, map, portrait);
        CHECK(pi.page_width_pt == Approx(841 * mm));
        CHECK(pi.page_height_pt == Approx(1189 * mm));
        CHECK(pi.label_pt >= 14.0);
        CHECK(pi.box_width == Approx(96));
        CHECK(pi.panel_below);
        CHECK(info.box_width == Approx(132)); // landscape: wide boxes, no name cut short
        CHECK_FALSE(info.panel_below);
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

namespace {

// The smallest headline text and the number of overlapping text pairs of a page.
struct PageCheck {
    double smallest_headline = 0;
    std::size_t clashes = 0;
};

PageCheck check_page(const MapGeometry& g) {
    PageCheck c;
    for (const MapTextBox& t : g.texts) {
        if (t.headline && (c.smallest_headline == 0 || t.font_pt < c.smallest_headline)) {
            c.smallest_headline = t.font_pt;
        }
    }
    // Boxes that touch are apart (rounding of the scaling).
    c.clashes = test::overlapping_texts(g, 0.01);
    return c;
}

} // namespace

TEST_CASE("poster label sizes on the move-house map, A0 to A4, as docs/maps.md promises",
          "[render][poster][layout]") {
    if (!layout_available()) {
        WARN("skipped: this build has no Graphviz");
        return;
    }
    const JourneyMapData d = test::move_house_map();
    MapOptions map; // what `journey poster --spec` does by default
    map.edge_coverage = 97;
    for (const char* name : {"A0", "A1", "A2", "A3", "A4"}) {
        for (const bool landscape : {false, true}) {
            PosterOptions p;
            p.size = paper_size(name);
            p.landscape = landscape;
            INFO(name << (landscape ? " landscape" : " portrait"));
            const PosterInfo info = plan_poster(d, map, p);
            const double aim = default_min_label_pt(p.size);
            CHECK(info.aim_label_pt == Approx(aim));
            // Proportional to the short side of the paper: 14 pt on A0, 9.9 on A1,
            // 7.0 on A2, 4.9 on A3, 3.5 on A4.
            CHECK(info.label_pt >= 14.0 * p.size.width_mm / 841.0);
            if (p.size.name == "A0" || p.size.name == "A1" || p.size.name == "A2") {
                CHECK(info.label_pt >= aim); // 14 pt on A0
            } else {
                CHECK(info.label_pt < aim); // this map is too large for 6 pt on A3 and A4
            }
        }
    }
}

TEST_CASE("poster_geometry: the page's texts, no overlaps, the reported label size",
          "[render][poster][layout]") {
    if (!layout_available()) {
        WARN("skipped: this build has no Graphviz");
        return;
    }
    const JourneyMapData d = test::move_house_map();
    MapOptions map;
    map.edge_coverage = 97;
    for (const bool landscape : {false, true}) {
        INFO((landscape ? "A0 landscape" : "A0 portrait"));
        PosterOptions p;
        p.landscape = landscape;
        const PosterInfo info = plan_poster(d, map, p);
        const MapGeometry g = poster_geometry(d, map, p);
        CHECK(g.width_pt == Approx(info.page_width_pt));
        CHECK(g.height_pt == Approx(info.page_height_pt));
        const PageCheck c = check_page(g);
        CHECK(c.clashes == 0);
        CHECK(c.smallest_headline == Approx(info.label_pt));
        CHECK(c.smallest_headline >= 14.0);
        // Every text is on the page, inside the 12 mm border.
        for (const MapTextBox& t : g.texts) {
            CHECK(t.x >= 12 * mm - 0.01);
            CHECK(t.y >= 12 * mm - 0.01);
            CHECK(t.x + t.width <= g.width_pt - 12 * mm + 0.01);
            CHECK(t.y + t.height <= g.height_pt - 12 * mm + 0.01);
        }
        // Touchpoint names are whole (hyphenated where a word is wider than the
        // box, never cut short with an ellipsis) and drawn at full size.
        std::size_t names = 0;
        for (const MapTextBox& t : g.texts) {
            if (t.role == "node" && t.headline) {
                ++names;
                CHECK(t.text.find("…") == std::string::npos);
            }
        }
        CHECK(names >= 19);
    }
}

TEST_CASE("poster shape: chosen from the grid and the page, not from the log's figures",
          "[render][poster][layout]") {
    if (!layout_available()) {
        WARN("skipped: this build has no Graphviz");
        return;
    }
    const JourneyMapData before = test::move_house_map();
    JourneyMapData after = before; // another log of the same journey: other figures
    for (MapEdge& e : after.edges) {
        e.count = e.count * 7 + 12345;
        e.median_wait_s *= 3;
    }
    for (MapNode& n : after.nodes) {
        n.volume = n.volume * 7 + 12345;
        n.attainment = 0.5;
    }
    after.callouts.push_back({3, "Another finding", std::string(400, 'x'), Rag::amber});
    MapOptions map;
    map.edge_coverage = 100;
    for (const char* name : {"A0", "A2", "A4", "1500x600"}) {
        for (const bool landscape : {false, true}) {
            INFO(name << (landscape ? " landscape" : " portrait"));
            PosterOptions p;
            p.size = paper_size(name);
            p.landscape = landscape;
            const PosterInfo a = plan_poster(before, map, p);
            const PosterInfo b = plan_poster(after, map, p);
            CHECK(a.box_width == b.box_width);
            CHECK(a.panel_below == b.panel_below);
        }
    }
}
