// journey dfg LOG: the directly-follows graph with counts and durations.

#include <algorithm>
#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>

#include <journey/miners/dfg.hpp>

#include "commands.hpp"
#include "input_options.hpp"
#include "json.hpp"
#include "text_format.hpp"

namespace journey::cli {

namespace {

struct DfgCmdOptions {
    std::string log;
    InputOptions input;
    bool json = false;
};

void write_json(const miners::Dfg& d, std::ostream& out) {
    JsonWriter j(out, true);
    j.begin_object();
    j.field("cases", d.cases);
    j.field("events", d.events);
    j.key("edges").begin_array();
    for (const miners::DfgEdge& e : d.edges) {
        j.begin_object()
            .field("from", d.activities[e.from])
            .field("to", d.activities[e.to])
            .field("count", e.count);
        j.key("mean_s").value(e.duration.mean_s, 3);
        j.key("median_s").value(e.duration.median_s, 3);
        j.key("p90_s").value(e.duration.p90_s, 3);
        j.end_object();
    }
    j.end_array();
    j.key("start").begin_object();
    for (std::size_t i = 0; i < d.activities.size(); ++i) {
        if (d.start_counts[i] > 0) {
            j.field(d.activities[i], d.start_counts[i]);
        }
    }
    j.end_object();
    j.key("end").begin_object();
    for (std::size_t i = 0; i < d.activities.size(); ++i) {
        if (d.end_counts[i] > 0) {
            j.field(d.activities[i], d.end_counts[i]);
        }
    }
    j.end_object();
    j.end_object();
    j.finish();
}

void write_text(const miners::Dfg& d, std::ostream& out) {
    out << d.cases << " cases, " << d.events << " events, " << d.activities.size()
        << " activities, " << d.edges.size() << " directly-follows edges\n\n";
    std::size_t w = 4;
    for (const std::string& a : d.activities) {
        w = std::max(w, a.size());
    }
    w = std::min<std::size_t>(w, 40);
    out << pad("from", w) << "  " << pad("to", w) << "  " << rpad("count", 8) << "  "
        << rpad("median", 10) << "  " << rpad("mean", 10) << "\n";
    for (const miners::DfgEdge& e : d.edges) {
        out << pad(d.activities[e.from], w) << "  " << pad(d.activities[e.to], w) << "  "
            << rpad(std::to_string(e.count), 8) << "  "
            << rpad(human_duration(e.duration.median_s), 10) << "  "
            << rpad(human_duration(e.duration.mean_s), 10) << "\n";
    }
    out << "\nstart:";
    for (std::size_t i = 0; i < d.activities.size(); ++i) {
        if (d.start_counts[i] > 0) {
            out << "  " << d.activities[i] << " (" << d.start_counts[i] << ")";
        }
    }
    out << "\nend:  ";
    for (std::size_t i = 0; i < d.activities.size(); ++i) {
        if (d.end_counts[i] > 0) {
            out << "  " << d.activities[i] << " (" << d.end_counts[i] << ")";
        }
    }
    out << "\n";
}

int run_dfg(const DfgCmdOptions& o, Context& ctx) {
    const io::ReadResult r = load_log(o.log, o.input, ctx);
    miners::DfgOptions dopt;
    dopt.threads = o.input.threads;
    const miners::Dfg d = miners::discover_dfg(r.log, dopt);
    if (o.json) {
        write_json(d, ctx.out);
    } else {
        write_text(d, ctx.out);
    }
    return exit_ok;
}

} // namespace

void setup_dfg(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<DfgCmdOptions>();
    CLI::App* sub = app.add_subcommand(
        "dfg", "Directly-follows graph: edge counts, durations, start and end activities");
    sub->add_option("LOG", opt->log, "Event log (CSV, XES, XES.gz)")->required();
    sub->add_flag("--json", opt->json, "Print JSON (schema in docs/cli/journey-dfg.md)");
    add_input_options(*sub, opt->input);
    sub->callback([opt, &ctx] { ctx.exit_code = run_dfg(*opt, ctx); });
}

} // namespace journey::cli
