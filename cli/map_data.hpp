#pragma once
// The journey map data of `journey map`, `journey poster` and `journey compare`:
// the flow from the log (journey/render/map_build.hpp) with the results of the
// scorecard, watermelon and handoff miners filled in (the adapters), and the
// options the three commands share.

#include <cstddef>
#include <optional>
#include <string>

#include <journey/core/model.hpp>

#include "context.hpp"
#include "input_options.hpp"

#ifdef JOURNEY_HAVE_RENDER
#include <journey/render/journey_map.hpp>
#endif

namespace CLI {
class App;
}

namespace journey::cli {

/// Options shared by the map commands.
struct MapCliOptions {
    std::string spec;
    InputOptions input;
    std::string metric = "frequency";
    double coverage = 100;
    double edge_coverage = -1; ///< -1: 97 with a spec, 100 without
    std::size_t max_edges = 0;
    long max_nodes = -1; ///< -1: automatic (see map_options())
    std::uint64_t min_count = 0;
    bool durations = false;
    std::string title;
    std::size_t callouts = 6;
    bool no_legend = false;
    bool no_panel = false;
    bool no_analyses = false;
};

/// What a map command does in a build without the map renderer: throws
/// journey::error "this build of journey has no map renderer". The second form takes
/// the command's options and context, which such a build leaves unused, so that
/// they need no (void) casts.
[[noreturn]] void no_map_renderer();
template <typename... Unused>
[[noreturn]] void no_map_renderer(const Unused&...) {
    no_map_renderer();
}

/// Adds --spec, --metric, --coverage, --edge-coverage, --max-edges, --min-count,
/// --durations, --title, --callouts, --no-legend, --no-panel, --no-analyses and the
/// input options to `sub`.
void add_map_options(CLI::App& sub, MapCliOptions& options);

#ifdef JOURNEY_HAVE_RENDER
/// The render options the command line asks for. A map of more than
/// `auto_limit_above` nodes drawn without any filter option gets automatic limits
/// (the 40 busiest nodes, the 100 busiest edges), and a note on the map says so:
/// Graphviz needs minutes for hundreds of boxes, and no one reads such a map.
render::MapOptions map_options(const MapCliOptions& options, const render::JourneyMapData& data);

inline constexpr std::size_t auto_limit_above = 60;

/// Reads the log (and the spec when given) and builds the map: with a spec the
/// journey map (touchpoints, SLA attainment and status from the scorecard, the
/// watermelon banner and findings, handoff rejection and ping-pong on the edges,
/// callouts on the worst handoffs and the top causes of red journeys); without one
/// the departmental map of the activities (lanes from org:group, handoff figures
/// and callouts from the handoff analysis).
/// @returns nullopt when the spec has errors (already reported on ctx.err).
std::optional<render::JourneyMapData> load_map_data(const std::string& log,
                                                    const MapCliOptions& options, Context& ctx);
#endif

} // namespace journey::cli
