#pragma once
// Internal: a laid-out journey map (the "scene") in points, and how to draw it with
// cairo. journey_map_dot() gives the DOT text; build_scene() lays it out with
// Graphviz and places every box and text; draw_scene() draws it on any cairo
// context (a page of its own size, a poster, a tile).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <cairo.h>

#include <journey/render/journey_map.hpp>


namespace journey::render::detail {

struct Point {
    double x = 0;
    double y = 0;
};

struct Box {
    double x = 0, y = 0, w = 0, h = 0;
    bool intersects(const Box& o) const noexcept {
        return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
    }
};

// How the sheet is laid out, at text scale 1 (points). The default is the map of
// `journey map`; posters pick one that suits their page (poster.cpp).
struct Shape {
    double box_width = 118;            // a touchpoint box
    std::size_t max_label_lines = 3;   // lines of a touchpoint name (it wraps, then ends in …)
    bool panel_below = false;          // side panel and legend under the map, not to its right
    double margin = 28;                // white border of the sheet
};

// The two box shapes posters choose between: the map's own, and narrower, taller
// boxes for pages narrower than the map (portrait).
Shape wide_shape();
Shape narrow_shape();

// Font sizes and fixed geometry of a map at a text scale (points).
struct Metrics {
    double t = 1; // text scale
    double label_pt = 0, id_pt = 0, small_pt = 0, edge_pt = 0, lane_pt = 0, stage_pt = 0;
    double title_pt = 0, subtitle_pt = 0, panel_pt = 0, figure_pt = 0;
    double node_w = 0, node_h = 0;
    double pad = 0;
    double lane_header_w = 0;
    double panel_w = 0;
    double margin = 0;
    std::size_t label_lines = 3;
    std::size_t figure_lines = 2;
};

Metrics metrics_for(double text_scale, std::size_t label_lines = 3, const Shape& shape = {},
                    std::size_t figure_lines = 2);
// Metrics for a map: node boxes as tall as its longest label needs (1 to
// shape.max_label_lines lines) and its figures need (2 or 3 lines); the lane header
// as wide as the longest word of a lane name needs at the touchpoint label size.
Metrics metrics_for(const JourneyMapData& data, double text_scale, const Shape& shape = {});

// The grid a map is laid out on: lanes as rows (each with as many slots as its
// fullest cell), columns left to right, stages as runs of columns.
struct Grid {
    std::vector<MapLane> lanes;            // lanes shown, top to bottom
    std::vector<std::size_t> lane_of_node; // per node: index into lanes
    std::vector<std::size_t> column;       // per node
    std::vector<std::size_t> slot;         // per node: row within its lane's cell
    std::vector<std::size_t> lane_slots;   // per lane
    std::size_t columns = 0;
    std::vector<std::size_t> stage_of_column; // index into data.stages; stages.size() = none
    std::vector<bool> backward;            // per edge: written head first (dir=back)
    std::vector<std::size_t> from, to;     // per edge: node indices
};

// Throws journey::usage_error when an edge names a missing node.
Grid compute_grid(const JourneyMapData& data);

// The DOT text of data that went through filter_map() already.
std::string dot_text(const JourneyMapData& filtered, const MapOptions& options, const Shape& shape = {});

// Lane colour: the lane's own, else the palette colour of its position.
std::uint32_t lane_rgb(const MapLane& lane, std::size_t position);
std::uint32_t parse_rgb(const std::string& hex, std::uint32_t fallback);

// Colour and width of an edge for the metric.
std::uint32_t edge_rgb(const MapEdge& edge, EdgeMetric metric, double metric_max);
double edge_width(const MapEdge& edge, double max_count, double t);
double metric_value(const MapEdge& edge, EdgeMetric metric);
// The text beside an edge: count, then the metric.
std::string edge_label(const MapEdge& edge, EdgeMetric metric);
// Lines of a node box: the id line, the label lines, the figure lines.
struct NodeText {
    std::string id_line;
    std::string tag; // "ad hoc", "back office"
    std::vector<std::string> label;
    std::vector<std::string> figures;
};
NodeText node_text(const MapNode& node, const Metrics& m);
// Numbers: 1234567 -> "1,234,567"; a share 0..1 -> "96.6 %".
std::string thousands(std::uint64_t n);
std::string percent(double share, int decimals = 1);

// Text width estimate (points) from built-in glyph proportions: deterministic on
// every machine, and a little generous so real glyphs fit.
double text_width(const std::string& text, double pt, bool bold = false);
// Width of the longest word of `text` (words end at spaces and after '-' and '/').
double widest_word(const std::string& text, double pt, bool bold = false);
// Greedy word wrap to `width` points, at most `max_lines` lines (the last one
// ends in an ellipsis when text is left over).
std::vector<std::string> wrap(const std::string& text, double pt, double width,
                              std::size_t max_lines, bool bold = false);

struct SceneText {
    std::string text;
    Box box; // x, y = top left
    double pt = 0;
    bool bold = false;
    std::uint32_t rgb = 0x222222;
    int align = -1; // -1 left, 0 centre, 1 right
    std::string role;
    // Read from a distance (touchpoint names, lanes, stages, title, banner): the
    // poster's smallest label size is the smallest of these.
    bool headline = false;
};

struct SceneNode {
    std::size_t index = 0; // into data.nodes
    Box box;
};

struct SceneEdge {
    std::size_t index = 0;            // into data.edges
    std::vector<Point> spline;        // cubic Bezier control points, from tail to head
    bool arrow_at_start = false;      // the edge was written head first (dir=back)
    bool has_label = false;
    Point label;                      // centre
    double width = 1;                 // stroke, points
    std::uint32_t rgb = 0x444444;
    bool handoff = false;
    bool ping_pong = false;
    bool dashed = false;
};

struct SceneBand {
    std::string label;
    std::uint32_t rgb = 0;
    double a = 0, b = 0; // y range (lanes) or x range (stages)
    bool external = false;
};

// Everything placed, in points of the sheet (y down).
struct Scene {
    JourneyMapData data; // filtered
    MapOptions options;
    Metrics m;
    double width = 0, height = 0;
    Box graph;            // where the Graphviz drawing sits
    double graph_scale = 1;
    std::vector<SceneBand> lanes;
    std::vector<SceneBand> stages;
    std::vector<SceneNode> nodes;
    std::vector<SceneEdge> edges;
    std::vector<SceneText> texts;
    Box header, banner, panel, legend;
    std::vector<double> legend_rows; // centre y of each legend row
    Shape shape;
    bool panel_below = false;
    double max_count = 0;
    // metric colour scale
    double metric_max = 0;
};

// Lays out `filtered` (already through filter_map()) with Graphviz and places the
// sheet in the given shape.
Scene build_scene(const JourneyMapData& filtered, const MapOptions& options, const Shape& shape = {});

// The smallest size (points, on the scene) of the texts read from a distance; 0
// when there are none.
double headline_pt(const Scene& scene);

// Draws the scene with its top left at the origin of `cr`'s current transformation.
void draw_scene(cairo_t* cr, const Scene& scene);

// Helpers shared with the poster code.
void set_rgb(cairo_t* cr, std::uint32_t rgb, double alpha = 1.0);
void draw_text(cairo_t* cr, const std::string& font, const SceneText& text);

// A cairo write function that appends to the std::string `closure`.
cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length);

// Throws journey::error "cairo: cannot <what>: <cairo's reason>" unless `status` is
// success.
void check_cairo(cairo_status_t status, const std::string& what);

// A PNG of `width` x `height` points at `dpi` (the caller checks its range), drawn
// by `draw` with one point as one unit. Throws usage_error when it would have more
// than 400 million pixels.
std::string png_document(double width, double height, double dpi,
                         const std::function<void(cairo_t*)>& draw);

// Whole-map output on one page of the scene's size: "svg", "pdf" or "png".
std::string scene_document(const Scene& scene, const std::string& format, double dpi);

} // namespace journey::render::detail
