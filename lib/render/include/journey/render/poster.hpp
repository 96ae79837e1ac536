#pragma once
/// @file
/// Posters and tiled sheets of a journey map: the map fitted on one page of a paper
/// size (A0–A4 or custom, portrait or landscape) as vector PDF or SVG, a PNG preview
/// at a chosen resolution, or the poster split onto A4/A3 sheets with an overlap
/// margin, crop and registration marks and row/column labels, after an assembly
/// sheet that shows the grid.
///
/// Text scales with the poster: the labels people read from a distance (touchpoint
/// names, lanes, stages, title, banner: MapTextBox::headline) are at least
/// PosterOptions::min_label_pt on the printed page whenever the map fits at that
/// size (14 pt on A0, less on smaller paper: see default_min_label_pt());
/// PosterInfo::label_pt says what was reached. To get there the map is drawn in the
/// shape that suits the page: touchpoint boxes of the map's own width, wider ones
/// (names that would be cut short fit), or narrower, taller ones for a page
/// narrower than the map (portrait); the side panel to the right or under the map.
/// Both depend on the grid and the page only, never on the figures of the log, so
/// two logs of the same journey give the same layout.
///
/// Thread-safety: as journey/render/journey_map.hpp.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <journey/core/api.hpp>
#include <journey/render/journey_map.hpp>

namespace journey::render {

/// A paper size in millimetres, portrait (width <= height).
struct PaperSize {
    std::string name; ///< "A0" ... "A4", or "WxH" for a custom size
    double width_mm = 0;
    double height_mm = 0;
    friend bool operator==(const PaperSize&, const PaperSize&) = default;
};

/// "A0".."A4" (any case), or a custom size "WIDTHxHEIGHT" in millimetres, optionally
/// followed by "mm" (e.g. "600x900mm"); the result is portrait.
/// @throws journey::usage_error for anything else or a side outside 50..5000 mm.
JOURNEY_API PaperSize paper_size(std::string_view name);

/// The smallest label size the poster aims at: 14 pt on A0, scaled by the short
/// side of the paper against A0's (10 pt on A1, 7 pt on A2, ...), never below 6 pt.
JOURNEY_API double default_min_label_pt(const PaperSize& size);

struct PosterOptions {
    PaperSize size = paper_size("A0");
    bool landscape = false;
    /// Split onto sheets of this size (portrait sheets; each tile is printed in the
    /// orientation that needs fewer sheets). nullopt: one page of `size`.
    std::optional<PaperSize> tile;
    double overlap_mm = 10; ///< poster area printed on both of two neighbouring sheets
    double margin_mm = 8;   ///< unprinted border of a sheet (office printers cannot print to the edge)
    bool marks = true;      ///< crop and registration marks and sheet labels on tiles
    double min_label_pt = 0; ///< 0: default_min_label_pt(size)
    double dpi = 150;        ///< PNG preview resolution
    /// Text for the sheet labels and the assembly sheet, e.g. the map title.
    std::string caption;
};

/// How a poster was laid out.
struct PosterInfo {
    std::size_t pages = 0;
    double page_width_pt = 0;  ///< first page (the poster, or the assembly sheet)
    double page_height_pt = 0;
    double tile_width_pt = 0;  ///< tile pages; 0 without tiles
    double tile_height_pt = 0;
    std::size_t rows = 0;      ///< tile grid; 0 without tiles
    std::size_t columns = 0;
    double scale = 0;          ///< map points to poster points
    /// Smallest label read from a distance (MapTextBox::headline) on the poster, as
    /// drawn: names that are shrunk to fit count at their drawn size.
    double label_pt = 0;
    double aim_label_pt = 0;   ///< what it aimed at (PosterOptions::min_label_pt or the default)
    double text_scale = 0;     ///< MapOptions::text_scale used for the layout
    double box_width = 0;      ///< touchpoint box width at text scale 1 (the map's own: 118)
    bool panel_below = false;  ///< the side panel and legend are under the map
};

/// The tile grid of a poster: how many rows and columns of sheets of the printable
/// area (sheet − 2 × margin) cover it when neighbouring sheets overlap by `overlap`.
struct TileGrid {
    std::size_t rows = 0;
    std::size_t columns = 0;
    double step_x = 0; ///< poster points between the left edges of two neighbouring tiles
    double step_y = 0;
    double cell_width = 0; ///< printable width of a sheet, points
    double cell_height = 0;
    friend bool operator==(const TileGrid&, const TileGrid&) = default;
};

/// The grid for a poster of poster_w × poster_h points on sheets of sheet_w × sheet_h
/// points. @throws journey::usage_error when the printable area is not larger
/// than the overlap.
JOURNEY_API TileGrid tile_grid(double poster_w, double poster_h, double sheet_w, double sheet_h,
                               double margin, double overlap);

/// The texts of the poster page (no tiles) in points of the page, y down.
/// @throws as plan_poster().
JOURNEY_API MapGeometry poster_geometry(const JourneyMapData& data, const MapOptions& map,
                                        const PosterOptions& poster);

/// Lays the poster out without writing it.
/// @throws journey::usage_error for a bad option; journey::error as render_map().
JOURNEY_API PosterInfo plan_poster(const JourneyMapData& data, const MapOptions& map,
                                   const PosterOptions& poster);

/// Writes the poster to `path`: ".pdf" (one page, or with a tile size the assembly
/// sheet then one page per tile), ".svg" (one page; no tiles), ".png" (a preview of
/// the poster page at poster.dpi; no tiles). Nothing is written when drawing fails.
/// @throws journey::usage_error for another extension or tiles with SVG/PNG;
///         journey::io_error when the file cannot be written; journey::error as
///         render_map().
JOURNEY_API PosterInfo write_poster(const JourneyMapData& data, const MapOptions& map,
                                    const PosterOptions& poster, const std::string& path);

} // namespace journey::render
