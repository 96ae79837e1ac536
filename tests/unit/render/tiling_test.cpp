#include <journey/render/poster.hpp>

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

} // namespace

TEST_CASE("tile_grid: sheets with margins and overlap cover the poster", "[render][tiling]") {
    // A0 landscape on landscape A4 sheets: printable 281 x 194 mm, steps 271 x 184 mm.
    const TileGrid g = tile_grid(1189 * mm, 841 * mm, 297 * mm, 210 * mm, 8 * mm, 10 * mm);
    CHECK(g.columns == 5); // 281 + 4 * 271 = 1365 >= 1189 > 281 + 3 * 271
    CHECK(g.rows == 5);    // 194 + 4 * 184 = 930 >= 841 > 194 + 3 * 184
    CHECK(g.cell_width == Approx(281 * mm));
    CHECK(g.step_x == Approx(271 * mm));
    CHECK(g.step_y == Approx(184 * mm));
    // The same poster on portrait A4 needs more sheets.
    const TileGrid p = tile_grid(1189 * mm, 841 * mm, 210 * mm, 297 * mm, 8 * mm, 10 * mm);
    CHECK(p.columns == 7);
    CHECK(p.rows == 4);
    // A poster no larger than one printable area is one sheet.
    const TileGrid one = tile_grid(100 * mm, 100 * mm, 210 * mm, 297 * mm, 8 * mm, 10 * mm);
    CHECK(one.rows == 1);
    CHECK(one.columns == 1);
    // Exactly two printable areas minus the overlap: two columns, not three.
    const TileGrid two = tile_grid((194 + 184) * mm, 100 * mm, 210 * mm, 297 * mm, 8 * mm, 10 * mm);
    CHECK(two.columns == 2);
    CHECK_THROWS_WITH(tile_grid(100, 100, 60 * mm, 60 * mm, 20 * mm, 25 * mm),
                      "the printable area of a sheet (20 x 20 mm) must be larger than the overlap");
}

TEST_CASE("write_poster with tiles: assembly sheet, then one page per tile", "[render][tiling][layout]") {
    if (!layout_available()) {
        WARN("skipped: this build has no Graphviz");
        return;
    }
    const JourneyMapData d = test::move_house_map();
    const std::string path =
        (std::filesystem::temp_directory_path() / "journey-tiling-test.pdf").string();
    PosterOptions p;
    p.size = paper_size("A0");
    p.landscape = true;
    p.tile = paper_size("A4");
    p.caption = "Move house";
    const PosterInfo info = write_poster(d, {}, p, path);
    CHECK(info.rows == 5);
    CHECK(info.columns == 5);
    CHECK(info.pages == 26);
    CHECK(info.tile_width_pt == Approx(297 * mm));
    CHECK(info.tile_height_pt == Approx(210 * mm));
    const auto pages = test::pdf_pages(test::read_file(path));
    REQUIRE(pages.size() == 26);
    // The assembly sheet is A4, turned like the poster; the tiles are A4 landscape.
    CHECK(pages[0].first == Approx(297 * mm).epsilon(1e-4));
    CHECK(pages[0].second == Approx(210 * mm).epsilon(1e-4));
    for (std::size_t k = 1; k < pages.size(); ++k) {
        CHECK(pages[k].first == Approx(297 * mm).epsilon(1e-4));
        CHECK(pages[k].second == Approx(210 * mm).epsilon(1e-4));
    }

    SECTION("A3 sheets, portrait poster") {
        PosterOptions a3 = p;
        a3.landscape = false;
        a3.tile = paper_size("A3");
        const PosterInfo i3 = write_poster(d, {}, a3, path);
        // A0 portrait (841 x 1189) on A3: portrait printable 281 x 404 -> 4 columns x
        // 3 rows = 12 sheets; landscape 404 x 281 -> 3 x 5 = 15. Portrait wins.
        CHECK(i3.columns == 4);
        CHECK(i3.rows == 3);
        const auto p3 = test::pdf_pages(test::read_file(path));
        REQUIRE(p3.size() == 13);
        CHECK(p3[0].first == Approx(297 * mm).epsilon(1e-4)); // assembly: A3 portrait
        CHECK(p3[0].second == Approx(420 * mm).epsilon(1e-4));
        CHECK(p3[1].first == Approx(297 * mm).epsilon(1e-4));
        CHECK(p3[1].second == Approx(420 * mm).epsilon(1e-4));
    }
    SECTION("A0 portrait on A4: 25 portrait sheets, the same poster as untiled") {
        PosterOptions portrait = p;
        portrait.landscape = false;
        MapOptions map; // what `journey poster --spec` does by default
        map.edge_coverage = 97;
        const PosterInfo ip = write_poster(d, map, portrait, path);
        // Portrait A4 sheets (printable 194 x 281 mm, steps 184 x 271 mm): 5 columns
        // across 841 mm, 5 rows down 1189 mm = 25; landscape sheets would need
        // 4 x 7 = 28.
        CHECK(ip.columns == 5);
        CHECK(ip.rows == 5);
        CHECK(ip.pages == 26);
        const auto pp = test::pdf_pages(test::read_file(path));
        REQUIRE(pp.size() == 26);
        for (const auto& page : pp) { // the assembly sheet too: A4 portrait
            CHECK(page.first == Approx(210 * mm).epsilon(1e-4));
            CHECK(page.second == Approx(297 * mm).epsilon(1e-4));
        }
        PosterOptions untiled = portrait;
        untiled.tile.reset();
        const PosterInfo whole = plan_poster(d, map, untiled);
        CHECK(ip.label_pt == Approx(whole.label_pt));
        CHECK(ip.label_pt >= 14.0);
        CHECK(ip.scale == Approx(whole.scale));
    }
    SECTION("A1 landscape on A3, without marks") {
        PosterOptions a1 = p;
        a1.size = paper_size("A1");
        a1.tile = paper_size("A3");
        a1.marks = false;
        MapOptions map;
        map.edge_coverage = 97;
        const PosterInfo i1 = write_poster(d, map, a1, path);
        // A1 landscape (841 x 594 mm) on landscape A3 (printable 404 x 281, steps
        // 394 x 271): 3 columns x 3 rows = 9; portrait sheets: 4 x 2 = 8. Portrait wins.
        CHECK(i1.columns == 4);
        CHECK(i1.rows == 2);
        const auto p1 = test::pdf_pages(test::read_file(path));
        REQUIRE(p1.size() == 9);
        CHECK(p1[0].first == Approx(420 * mm).epsilon(1e-4)); // assembly: A3 landscape
        CHECK(p1[0].second == Approx(297 * mm).epsilon(1e-4));
        for (std::size_t k = 1; k < p1.size(); ++k) {
            CHECK(p1[k].first == Approx(297 * mm).epsilon(1e-4));
            CHECK(p1[k].second == Approx(420 * mm).epsilon(1e-4));
        }
        CHECK(i1.label_pt >= default_min_label_pt(paper_size("A1")));
    }
    SECTION("a margin and overlap larger than the sheet are refused") {
        PosterOptions bad = p;
        bad.tile = paper_size("100x100");
        bad.margin_mm = 30;
        bad.overlap_mm = 50;
        CHECK_THROWS_WITH(write_poster(d, {}, bad, path),
                          "the printable area of a sheet (40 x 40 mm) must be larger than the overlap");
    }
    std::filesystem::remove(path);
}
