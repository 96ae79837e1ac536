// journey map LOG [--spec FILE] -o FILE: the annotated journey map (with a spec) or
// the departmental map of the log (without one) as SVG, PDF, PNG or DOT
// (docs/cli/journey-map.md).

#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>

#include <journey/core/error.hpp>
#include <journey/miners/dfg.hpp>
#ifdef JOURNEY_HAVE_RENDER
#include <journey/render/dot.hpp>
#include <journey/render/journey_map.hpp>
#include <journey/render/layout.hpp>
#endif

#include "commands.hpp"
#include "input_options.hpp"
#include "map_data.hpp"

namespace journey::cli {

namespace {

struct MapCmdOptions {
    std::string log;
    std::string output;
    MapCliOptions map;
    bool plain = false;
    std::string rankdir;
    double dpi = 96;
};

std::string base_name(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string extension(const std::string& path) {
    const auto dot = path.find_last_of('.');
    const auto slash = path.find_last_of('/');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) {
        return {};
    }
    std::string ext = path.substr(dot + 1);
    for (char& c : ext) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return ext;
}

#ifdef JOURNEY_HAVE_RENDER
// The plain directly-follows graph of the first map version (--plain or --rankdir).
int run_plain(const MapCmdOptions& o, Context& ctx) {
    if (!o.map.spec.empty()) {
        throw usage_error("--plain and --rankdir draw the plain process map: they take no --spec");
    }
    const io::ReadResult r = load_log(o.log, o.map.input, ctx);
    miners::DfgOptions dopt;
    dopt.threads = o.map.input.threads;
    const miners::Dfg d = miners::discover_dfg(r.log, dopt);
    const std::string title =
        o.map.title.empty() ? base_name(o.log) + ": " + std::to_string(d.cases) + " cases, " +
                                  std::to_string(d.events) + " events"
                            : o.map.title;
    render::DotOptions dot_options;
    dot_options.max_edges = o.map.max_edges;
    dot_options.min_count = o.map.min_count;
    dot_options.durations = o.map.durations;
    dot_options.rankdir = o.rankdir.empty() ? "LR" : o.rankdir;
    render::render_file(render::to_dot(miners::dfg_to_graph(d, title), dot_options), o.output);
    return exit_ok;
}
#endif

int run_map(const MapCmdOptions& o, Context& ctx) {
#ifdef JOURNEY_HAVE_RENDER
    const std::string ext = extension(o.output);
    if (ext != "dot" && ext != "svg" && ext != "pdf" && ext != "png") {
        throw usage_error("cannot tell the map format of '" + o.output +
                          "': use a .dot, .svg, .pdf or .png extension");
    }
    if (o.plain || !o.rankdir.empty()) {
        return run_plain(o, ctx);
    }
    const auto data = load_map_data(o.log, o.map, ctx);
    if (!data) {
        return exit_data;
    }
    render::MapOptions options = map_options(o.map, *data);
    options.dpi = o.dpi;
    render::render_map_file(*data, options, o.output);
    return exit_ok;
#else
    no_map_renderer(o, ctx);
#endif
}

} // namespace

void setup_map(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<MapCmdOptions>();
    CLI::App* sub = app.add_subcommand(
        "map", "Draw the annotated journey map (with --spec) or the departmental map of a log");
    sub->add_option("LOG", opt->log, "Event log (CSV, XES, XES.gz)")->required();
    sub->add_option("-o,--output", opt->output, "Output file: .svg, .pdf, .png or .dot")->required();
    add_map_options(*sub, opt->map);
    sub->add_option("--dpi", opt->dpi, "PNG resolution")->capture_default_str()->check(CLI::Range(10.0, 1200.0));
    sub->add_flag("--plain", opt->plain, "The plain process map (DFG with start and end, no lanes)");
    sub->add_option("--rankdir", opt->rankdir, "Plain map only: layout direction LR or TB (implies --plain)")
        ->check(CLI::IsMember({"LR", "TB"}));
    sub->callback([opt, &ctx] { ctx.exit_code = run_map(*opt, ctx); });
}

} // namespace journey::cli
