// journey convert IN OUT: read any supported format, write CSV or XES.

#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>

#include <journey/io/reader.hpp>

#include "commands.hpp"
#include "input_options.hpp"

namespace journey::cli {

namespace {

struct ConvertOptions {
    std::string input_path;
    std::string output_path;
    std::string to = "auto";
    InputOptions input;
};

int run_convert(const ConvertOptions& o, Context& ctx) {
    const io::ReadResult r = load_log(o.input_path, o.input, ctx);
    io::write_log(r.log, o.output_path, o.to);
    return exit_ok;
}

} // namespace

void setup_convert(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<ConvertOptions>();
    CLI::App* sub = app.add_subcommand("convert", "Convert a log between formats (CSV, XES)");
    sub->add_option("IN", opt->input_path, "Input event log (CSV, XES, XES.gz)")->required();
    sub->add_option("OUT", opt->output_path, "Output file (.csv or .xes)")->required();
    sub->add_option("--to", opt->to, "Output format: auto (from OUT's extension), csv, xes")
        ->check(CLI::IsMember({"auto", "csv", "xes"}));
    add_input_options(*sub, opt->input);
    sub->callback([opt, &ctx] { ctx.exit_code = run_convert(*opt, ctx); });
}

} // namespace journey::cli
