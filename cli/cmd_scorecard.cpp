// journey scorecard LOG --spec FILE: the touchpoint dashboard (SLA clocks and KPIs
// against their targets) and the journey outcomes (the spec's criteria) of a log.

#include <memory>
#include <optional>
#include <ostream>

#include <CLI/CLI.hpp>

#include <journey/miners/scorecard.hpp>

#include "cmd_spec.hpp"
#include "commands.hpp"
#include "json.hpp"
#include "watermelon_output.hpp"

namespace journey::cli {

namespace {

int run_scorecard(const OutcomeCmdOptions& o, Context& ctx) {
    const miners::EvaluationOptions eval = evaluation_options(o);
    const std::optional<Journey> spec = load_spec(o.spec, ctx);
    if (!spec) {
        return exit_data;
    }
    const io::ReadResult read = load_log(o.log, o.input, ctx);
    const miners::JourneyEvaluator evaluator(*spec, read.log, eval);
    const miners::Scorecard sc = miners::compute_scorecard(evaluator, o.input.threads);
    if (o.json) {
        JsonWriter j(ctx.out, true);
        j.begin_object();
        j.field("journey", spec->name);
        j.key("as_of").value(format_iso8601(evaluator.as_of()));
        j.key("outside");
        write_outside_json(j, sc.outside);
        j.key("inside");
        write_inside_json(j, sc.inside);
        j.end_object();
        j.finish();
        return exit_ok;
    }
    if (o.csv) {
        CsvRows csv(ctx.out);
        csv.row("journey", "", "name", spec->name);
        csv.row("journey", "", "as_of", format_iso8601(evaluator.as_of()));
        write_outside_csv(csv, sc.outside);
        write_inside_csv(csv, sc.inside);
        return exit_ok;
    }
    std::ostream& out = ctx.out;
    out << "Scorecard: " << (spec->name.empty() ? o.spec : spec->name) << " (as of "
        << format_iso8601(evaluator.as_of()) << ")\n\n";
    print_outside(out, sc.outside);
    out << "\n";
    print_inside(out, sc.inside);
    return exit_ok;
}

} // namespace

void setup_scorecard(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<OutcomeCmdOptions>();
    CLI::App* sub = app.add_subcommand(
        "scorecard", "Touchpoint dashboard (SLA and KPI attainment) and journey outcomes against a spec");
    add_outcome_options(*sub, *opt);
    sub->callback([opt, &ctx] { ctx.exit_code = run_scorecard(*opt, ctx); });
}

} // namespace journey::cli
