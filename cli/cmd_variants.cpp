// journey variants LOG: distinct traces with counts and shares.

#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>

#include <journey/miners/variants.hpp>

#include "commands.hpp"
#include "input_options.hpp"
#include "json.hpp"
#include "text_format.hpp"

namespace journey::cli {

namespace {

struct VariantsCmdOptions {
    std::string log;
    InputOptions input;
    bool json = false;
    std::size_t top = 0;
};

int run_variants(const VariantsCmdOptions& o, Context& ctx) {
    const io::ReadResult r = load_log(o.log, o.input, ctx);
    const miners::Variants v = miners::discover_variants(r.log, o.input.threads);
    const std::size_t shown =
        o.top == 0 ? v.variants.size() : std::min(o.top, v.variants.size());
    if (o.json) {
        JsonWriter j(ctx.out, true);
        j.begin_object();
        j.field("cases", v.cases);
        j.field("distinct", static_cast<std::uint64_t>(v.variants.size()));
        j.key("variants").begin_array();
        for (std::size_t i = 0; i < shown; ++i) {
            j.begin_object();
            j.key("trace").begin_array();
            for (const std::uint32_t a : v.variants[i].trace) {
                j.value(v.activities[a]);
            }
            j.end_array();
            j.field("count", v.variants[i].count);
            j.key("share").value(v.share(i), 6);
            j.end_object();
        }
        j.end_array();
        j.end_object();
        j.finish();
        return exit_ok;
    }
    std::ostream& out = ctx.out;
    out << v.variants.size() << " variants over " << v.cases << " cases";
    if (shown < v.variants.size()) {
        out << " (top " << shown << " shown)";
    }
    out << "\n\n";
    double cumulative = 0;
    for (std::size_t i = 0; i < shown; ++i) {
        cumulative += v.share(i);
        out << rpad("#" + std::to_string(i + 1), 6) << "  " << rpad(std::to_string(v.variants[i].count), 8)
            << "  " << rpad(format_number(v.share(i) * 100, 1) + "%", 6) << "  cum "
            << rpad(format_number(cumulative * 100, 1) + "%", 6) << "  "
            << v.variants[i].trace.size() << " events\n        ";
        for (std::size_t k = 0; k < v.variants[i].trace.size(); ++k) {
            out << (k ? " > " : "") << v.activities[v.variants[i].trace[k]];
        }
        out << "\n";
    }
    return exit_ok;
}

} // namespace

void setup_variants(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<VariantsCmdOptions>();
    CLI::App* sub = app.add_subcommand("variants", "Distinct traces (variants) with counts and shares");
    sub->add_option("LOG", opt->log, "Event log (CSV, XES, XES.gz)")->required();
    sub->add_flag("--json", opt->json, "Print JSON (schema in docs/cli/journey-variants.md)");
    sub->add_option("--top", opt->top, "Show only the N most frequent variants (0 = all)");
    add_input_options(*sub, opt->input);
    sub->callback([opt, &ctx] { ctx.exit_code = run_variants(*opt, ctx); });
}

} // namespace journey::cli
