// journey map LOG -o FILE: the process map (DFG) as DOT, SVG, PDF or PNG.

#include <fstream>
#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>

#include <journey/core/error.hpp>
#include <journey/miners/dfg.hpp>
#ifdef JOURNEY_HAVE_RENDER
#include <journey/render/dot.hpp>
#include <journey/render/layout.hpp>
#endif

#include "commands.hpp"
#include "input_options.hpp"

namespace journey::cli {

namespace {

struct MapOptions {
    std::string log;
    std::string output;
    InputOptions input;
    std::size_t max_edges = 0;
    std::uint64_t min_count = 0;
    bool durations = false;
    std::string rankdir = "LR";
    std::string title;
};

std::string base_name(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

int run_map(const MapOptions& o, Context& ctx) {
#ifdef JOURNEY_HAVE_RENDER
    const std::string ext = o.output.substr(o.output.find_last_of('.') == std::string::npos
                                                ? o.output.size()
                                                : o.output.find_last_of('.') + 1);
    if (ext != "dot" && ext != "svg" && ext != "pdf" && ext != "png") {
        throw usage_error("cannot tell the map format of '" + o.output +
                          "': use a .dot, .svg, .pdf or .png extension");
    }
    const io::ReadResult r = load_log(o.log, o.input, ctx);
    miners::DfgOptions dopt;
    dopt.threads = o.input.threads;
    const miners::Dfg d = miners::discover_dfg(r.log, dopt);
    const std::string title =
        o.title.empty() ? base_name(o.log) + ": " + std::to_string(d.cases) + " cases, " +
                              std::to_string(d.events) + " events"
                        : o.title;
    render::DotOptions dot_options;
    dot_options.max_edges = o.max_edges;
    dot_options.min_count = o.min_count;
    dot_options.durations = o.durations;
    dot_options.rankdir = o.rankdir;
    const std::string dot = render::to_dot(miners::dfg_to_graph(d, title), dot_options);
    render::render_file(dot, o.output);
    return exit_ok;
#else
    (void)o;
    (void)ctx;
    throw error("this build of journey has no map renderer");
#endif
}

} // namespace

void setup_map(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<MapOptions>();
    CLI::App* sub = app.add_subcommand("map", "Draw the process map of a log (DOT, SVG, PDF, PNG)");
    sub->add_option("LOG", opt->log, "Event log (CSV, XES, XES.gz)")->required();
    sub->add_option("-o,--output", opt->output, "Output file: .dot, .svg, .pdf or .png")->required();
    sub->add_option("--max-edges", opt->max_edges,
                    "Keep only the N most frequent edges between activities (0 = all)");
    sub->add_option("--min-count", opt->min_count, "Hide edges seen fewer than N times");
    sub->add_flag("--durations", opt->durations, "Label edges with the median duration too");
    sub->add_option("--rankdir", opt->rankdir, "Layout direction: LR (left to right) or TB")
        ->check(CLI::IsMember({"LR", "TB"}));
    sub->add_option("--title", opt->title, "Title shown on the map (default: file name and counts)");
    add_input_options(*sub, opt->input);
    sub->callback([opt, &ctx] { ctx.exit_code = run_map(*opt, ctx); });
}

} // namespace journey::cli
