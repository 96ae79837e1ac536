#pragma once
/// @file
/// Annotated journey maps for war rooms: department swimlanes (rows, in the spec's
/// lane order), stages (columns, left to right), touchpoints as boxes with volume,
/// SLA attainment and a red/amber/green marker, edges sized by volume and coloured
/// by a chosen figure, numbered callouts explained in a side panel, a legend, a
/// title block and a banner with the outside (touchpoint) against the inside
/// (journey) figures.
///
/// The map is drawn from a JourneyMapData value: plain figures that builders
/// (journey/render/map_build.hpp) and the callers' adapters fill from the log, the
/// spec and the results of the miners. Nothing here depends on the miners.
///
/// Drawing: the grid is laid out by Graphviz (dot engine, through the C API) and
/// drawn with cairo to SVG, PDF or PNG; posters and tiled sheets are in
/// journey/render/poster.hpp. Output is deterministic: the same data gives the same
/// bytes (no dates, no tool versions in the files).
///
/// Thread-safety: the functions keep no state; layout runs under the Graphviz lock
/// of journey/render/layout.hpp.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <journey/core/api.hpp>

namespace journey::render {

/// A red/amber/green status; none = not measured.
enum class Rag : std::uint8_t { none, green, amber, red };

/// "none", "green", "amber", "red".
JOURNEY_API std::string_view rag_name(Rag r) noexcept;

/// What the colour of the edges shows.
enum class EdgeMetric : std::uint8_t {
    frequency,  ///< transitions (the width shows it too)
    wait,       ///< median wait between the two touchpoints
    wait_p90,   ///< 90th percentile of the wait
    red_lift,   ///< log-lift of the edge in red journeys against green ones
    rejection,  ///< share of handovers the receiving department sent back
    change,     ///< before/after: better or worse (journey compare)
};

/// "frequency", "wait", "p90", "lift", "rejection", "change".
JOURNEY_API std::string_view metric_name(EdgeMetric m) noexcept;
/// Parses a metric name as above (also "median" for wait). @throws journey::usage_error.
JOURNEY_API EdgeMetric parse_metric(std::string_view name);

/// Before/after state of a node or edge on a compare map.
enum class Change : std::uint8_t { none, better, worse, same, added, removed };

constexpr double no_value = std::numeric_limits<double>::quiet_NaN();

/// A swimlane: a department.
struct MapLane {
    std::string id;
    std::string label;
    std::string colour; ///< "#rrggbb"; empty = a colour from the map palette
    bool external = false;
    friend bool operator==(const MapLane&, const MapLane&) = default;
};

/// A stage: a group of columns.
struct MapStage {
    std::string id;
    std::string label;
    friend bool operator==(const MapStage&, const MapStage&) = default;
};

/// A touchpoint (or, on a map without a spec, an activity).
struct MapNode {
    std::string id;    ///< unique key, e.g. "T05"
    std::string label; ///< e.g. "Final meter read at the old home"
    std::string lane;  ///< MapLane::id; empty or unknown = the "(no department)" lane
    std::string stage; ///< MapStage::id; empty or unknown = after the last stage
    bool designed = true; ///< false: ad hoc (failure-driven), drawn dashed and hatched
    bool hidden = false;  ///< a back-office step the customer does not see
    bool show_id = true;  ///< print the id above the label (touchpoints)
    std::uint64_t volume = 0; ///< journeys that have it
    std::uint64_t events = 0; ///< events bound to it
    /// Share of its journeys that have it more than once (0..1); NaN = not known.
    double repeat_share = no_value;
    /// SLA/KPI attainment 0..1 of its headline measure; NaN = not measured.
    double attainment = no_value;
    double target = no_value; ///< attainment target 0..1; NaN = none
    std::string measure;      ///< what attainment measures, e.g. "within 2wd"
    Rag status = Rag::none;
    Change change = Change::none;
    std::string change_text;  ///< e.g. "SLA 91 % → 96 %"
    std::uint32_t callout = 0; ///< callout number shown on the node; 0 = none
    friend bool operator==(const MapNode&, const MapNode&) = default;
};

/// A transition between two nodes (journeys that go from one to the other).
struct MapEdge {
    std::string from; ///< MapNode::id
    std::string to;
    std::uint64_t count = 0;    ///< transitions
    std::uint64_t journeys = 0; ///< journeys with at least one
    double median_wait_s = no_value; ///< seconds
    double p90_wait_s = no_value;
    /// ln(share of red journeys with the edge / share of green journeys with it);
    /// positive: the edge belongs to red journeys. NaN = not known.
    double log_lift = no_value;
    /// Share 0..1 of the handovers between the two lanes that the receiver returned.
    double rejection_rate = no_value;
    /// Work bounces between the two lanes (ping-pong): bounces per 100 handovers.
    double ping_pong_per_100 = no_value;
    bool ping_pong = false; ///< highlight as a ping-pong loop
    Change change = Change::none;
    std::string change_text; ///< e.g. "412 → 380 · wait 3.1 d → 1.2 d"
    std::uint32_t callout = 0;
    friend bool operator==(const MapEdge&, const MapEdge&) = default;
};

/// A numbered finding, explained in the side panel.
struct MapCallout {
    std::uint32_t number = 0;
    std::string title; ///< a few words, e.g. "Metering → Billing"
    std::string text;  ///< plain sentences
    Rag severity = Rag::red;
    friend bool operator==(const MapCallout&, const MapCallout&) = default;
};

/// One figure of the banner.
struct MapFigure {
    std::string label; ///< e.g. "Touchpoint SLAs met"
    std::string value; ///< e.g. "96.6 %"
    std::string note;  ///< e.g. "18 of 19 on target"
    Rag status = Rag::none;
    friend bool operator==(const MapFigure&, const MapFigure&) = default;
};

/// The title block.
struct MapTitle {
    std::string title;     ///< e.g. "Move house"
    std::string subtitle;  ///< e.g. the promise
    std::string period;    ///< e.g. "2026-01-05 to 2026-06-30"
    std::string source;    ///< data source, e.g. the log's file name
    std::uint64_t journeys = 0;
    std::string generated_by; ///< e.g. "journeykit 0.1.0"
    friend bool operator==(const MapTitle&, const MapTitle&) = default;
};

/// Everything a journey map shows. (`==` is memberwise: figures that are NaN, "not
/// known", compare unequal, as doubles do.)
struct JourneyMapData {
    MapTitle title;
    std::vector<MapLane> lanes;   ///< top to bottom
    std::vector<MapStage> stages; ///< left to right
    std::vector<MapNode> nodes;   ///< in a stable order (the spec's)
    std::vector<MapEdge> edges;   ///< sorted by (from, to) node order
    std::vector<MapCallout> callouts; ///< by number
    std::vector<MapFigure> outside;   ///< banner, left: what the touchpoint dashboard says
    std::vector<MapFigure> inside;    ///< banner, right: what journeys get
    std::string verdict;              ///< banner headline, e.g. "Watermelon: ..."
    Rag verdict_status = Rag::none;
    std::vector<std::string> notes;   ///< e.g. what the filters hid; shown under the map
    friend bool operator==(const JourneyMapData&, const JourneyMapData&) = default;
};

/// How a map is filtered and drawn.
struct MapOptions {
    EdgeMetric metric = EdgeMetric::frequency;
    /// Keep the busiest nodes that together hold at least this share (percent) of
    /// all node events; 100 = keep every node.
    double node_coverage = 100;
    /// Then keep at most this many nodes, busiest first; 0 = no limit.
    std::size_t max_nodes = 0;
    /// Notes to draw under the map after the one filter_map() writes (e.g. why
    /// filters were chosen).
    std::vector<std::string> notes;
    /// Then keep the busiest edges (between kept nodes) that together hold at least
    /// this share (percent) of their transitions; 100 = keep every edge.
    double edge_coverage = 100;
    /// Then drop edges with fewer transitions than this.
    std::uint64_t min_count = 0;
    /// Then keep at most this many edges, busiest first; 0 = no limit.
    std::size_t max_edges = 0;
    /// Drop nodes left without edges by the edge filters (unless they were
    /// isolated before filtering, like a designed touchpoint nobody reached).
    bool hide_orphans = true;
    /// Ping-pong loops: highlight edges between two lanes whose bounces per 100
    /// handovers reach this (and edges marked MapEdge::ping_pong).
    double ping_pong_threshold = 2.0;
    /// Font family (fontconfig name) for every text.
    std::string font = "DejaVu Sans";
    bool legend = true; ///< draw the legend
    bool panel = true;  ///< draw the callout panel
    /// Scale of all text against the grid (1 = as designed); posters raise it.
    double text_scale = 1.0;
    /// PNG resolution of render_map() (dots per inch).
    double dpi = 96;
};

/// The data after the filters of `options`, with a note in `notes` saying what was
/// hidden, e.g. "hidden: 120 of 300 activities (keeping 90 % of events), 410 of 700
/// edges (keeping 90 % of transitions)". Callouts on hidden nodes or edges stay in
/// the panel. Filtering with default options changes nothing.
/// @throws journey::usage_error when an edge names a node that does not exist or a
///         coverage is outside (0, 100].
JOURNEY_API JourneyMapData filter_map(const JourneyMapData& data, const MapOptions& options);

/// The Graphviz DOT text the map is laid out from (after filter_map()): one box per
/// node with its text, an invisible grid that holds the lanes as rows in lane order
/// and the stages as columns in stage order, and the edges. Deterministic, no
/// Graphviz needed; `dot -Tsvg` draws it as a plain version of the map.
/// @throws journey::usage_error as filter_map().
JOURNEY_API std::string journey_map_dot(const JourneyMapData& data, const MapOptions& options = {});

/// Draws the map on one page of its own size: "svg", "pdf", "png" (at options.dpi)
/// or "dot" (journey_map_dot()).
/// @throws journey::usage_error for an unknown format; journey::error when Graphviz
///         or cairo is not available or fails.
JOURNEY_API void render_map(const JourneyMapData& data, const MapOptions& options,
                            const std::string& format, std::ostream& out);

/// render_map() to a file; the format is the extension (.svg, .pdf, .png, .dot).
/// Nothing is written when drawing fails.
/// @throws journey::usage_error for another extension, journey::io_error when the
///         file cannot be written, journey::error as render_map().
JOURNEY_API void render_map_file(const JourneyMapData& data, const MapOptions& options,
                                 const std::string& path);

/// A text box of a drawn map, in points of the map's own page (y down).
struct MapTextBox {
    std::string text;
    double x = 0, y = 0, width = 0, height = 0;
    double font_pt = 0;
    /// "node", "edge", "lane", "stage", "callout", "title", "banner", "panel", "legend", "note"
    std::string role;
    /// Read from a distance: touchpoint names, lane and stage names, the title and
    /// the promise, the banner's verdict, headings, figures and their captions. A
    /// poster's label size (PosterInfo::label_pt) is the smallest of these.
    bool headline = false;
};

/// The geometry of a drawn map, for checks and for fitting it on a page.
struct MapGeometry {
    double width_pt = 0;  ///< page of render_map()
    double height_pt = 0;
    std::vector<MapTextBox> texts; ///< every text drawn, in drawing order
};

/// Lays out the map (as render_map() does) and returns its geometry.
/// @throws journey::error as render_map().
JOURNEY_API MapGeometry map_geometry(const JourneyMapData& data, const MapOptions& options = {});

/// The compare map of two maps of the same journey: the union of their nodes and
/// edges on the layout of `after` (nodes only in `before` are added), each node and
/// edge marked better, worse, same, added or removed by its figures (edges: by the
/// share of journeys that take it, wait, red lift and rejection; nodes: attainment),
/// with change_text saying how. Titles, lanes and stages come from `after` (lanes
/// and stages only in `before` are appended). Callouts list the largest changes.
JOURNEY_API JourneyMapData compare_maps(const JourneyMapData& before, const JourneyMapData& after);

} // namespace journey::render
