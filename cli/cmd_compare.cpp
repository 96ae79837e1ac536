// journey compare BEFORE AFTER [--spec FILE] -o FILE: one map of what got better or
// worse between two logs of the same journey, edge by edge (docs/cli/journey-compare.md).

#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>

#ifdef JOURNEY_HAVE_RENDER
#include <journey/render/journey_map.hpp>
#endif

#include "commands.hpp"
#include "map_data.hpp"

namespace journey::cli {

namespace {

struct CompareCmdOptions {
    std::string before;
    std::string after;
    std::string output;
    MapCliOptions map;
    double dpi = 96;
};

int run_compare(const CompareCmdOptions& o, Context& ctx) {
#ifdef JOURNEY_HAVE_RENDER
    const auto before = load_map_data(o.before, o.map, ctx);
    if (!before) {
        return exit_data;
    }
    const auto after = load_map_data(o.after, o.map, ctx);
    if (!after) {
        return exit_data;
    }
    const render::JourneyMapData delta = render::compare_maps(*before, *after);
    render::MapOptions options = map_options(o.map, *after);
    options.metric = render::EdgeMetric::change;
    options.dpi = o.dpi;
    render::render_map_file(delta, options, o.output);
    ctx.out << delta.verdict << "\n";
    for (const render::MapCallout& c : delta.callouts) {
        ctx.out << "  " << c.number << ". " << c.title << ": " << c.text << "\n";
    }
    return exit_ok;
#else
    no_map_renderer(o, ctx);
#endif
}

} // namespace

void setup_compare(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<CompareCmdOptions>();
    CLI::App* sub = app.add_subcommand(
        "compare", "Draw what got better or worse between two logs of the same journey");
    sub->add_option("BEFORE", opt->before, "Event log before the change")->required();
    sub->add_option("AFTER", opt->after, "Event log after the change")->required();
    sub->add_option("-o,--output", opt->output, "Output file: .svg, .pdf, .png or .dot")->required();
    sub->add_option("--dpi", opt->dpi, "PNG resolution")->capture_default_str();
    add_map_options(*sub, opt->map);
    sub->callback([opt, &ctx] { ctx.exit_code = run_compare(*opt, ctx); });
}

} // namespace journey::cli
