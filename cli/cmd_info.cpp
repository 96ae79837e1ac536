// journey info LOG: what a log holds.

#include <algorithm>
#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>

#include <journey/core/event_log.hpp>

#include "commands.hpp"
#include "input_options.hpp"
#include "json.hpp"
#include "text_format.hpp"

namespace journey::cli {

namespace {

struct InfoOptions {
    std::string log;
    InputOptions input;
    bool json = false;
};

struct AttrSummary {
    std::string name;
    std::string type;
    std::string level;
    std::uint64_t count;
};

std::vector<AttrSummary> attributes(const EventLog& log) {
    std::vector<AttrSummary> out;
    for (const AttrColumn& c : log.event_attributes()) {
        out.push_back({std::string(log.attribute_names()[c.key]), std::string(attr_type_name(c.type)),
                       "event", c.rows.size()});
    }
    for (const AttrColumn& c : log.case_attributes()) {
        out.push_back({std::string(log.attribute_names()[c.key]), std::string(attr_type_name(c.type)),
                       "case", c.rows.size()});
    }
    return out;
}

/// Events per activity, sorted by name.
std::vector<std::pair<std::string, std::uint64_t>> activity_counts(const EventLog& log) {
    std::vector<std::uint64_t> n(log.activity_names().size(), 0);
    for (const Id a : log.activities()) {
        ++n[a];
    }
    std::vector<std::pair<std::string, std::uint64_t>> out;
    for (std::size_t i = 0; i < n.size(); ++i) {
        if (n[i] > 0) {
            out.emplace_back(std::string(log.activity_names()[static_cast<Id>(i)]), n[i]);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::size_t used_names(std::span<const Id> column, std::size_t table_size) {
    std::vector<bool> seen(table_size, false);
    std::size_t n = 0;
    for (const Id v : column) {
        if (v != no_id && !seen[v]) {
            seen[v] = true;
            ++n;
        }
    }
    return n;
}

int run_info(const InfoOptions& o, Context& ctx) {
    const io::ReadResult r = load_log(o.log, o.input, ctx);
    const EventLog& log = r.log;
    Timestamp first = no_timestamp;
    Timestamp last = no_timestamp;
    for (const Timestamp t : log.timestamps()) {
        if (t == no_timestamp) {
            continue;
        }
        first = first == no_timestamp ? t : std::min(first, t);
        last = last == no_timestamp ? t : std::max(last, t);
    }
    const auto acts = activity_counts(log);
    const auto attrs = attributes(log);
    if (o.json) {
        JsonWriter j(ctx.out, true);
        j.begin_object();
        j.field("cases", static_cast<std::uint64_t>(log.num_cases()));
        j.field("events", static_cast<std::uint64_t>(log.num_events()));
        j.key("activities").begin_object();
        for (const auto& [name, n] : acts) {
            j.field(name, n);
        }
        j.end_object();
        j.key("start");
        first == no_timestamp ? j.null() : j.value(format_iso8601(first));
        j.key("end");
        last == no_timestamp ? j.null() : j.value(format_iso8601(last));
        j.key("attributes").begin_array();
        for (const AttrSummary& a : attrs) {
            j.begin_object()
                .field("name", a.name)
                .field("type", a.type)
                .field("level", a.level)
                .field("count", a.count)
                .end_object();
        }
        j.end_array();
        j.key("import").begin_object();
        j.field("format", r.report.format);
        j.field("timestamp_format", r.report.timestamp_format);
        j.field("records", r.report.records);
        j.field("rejected", r.report.rejected);
        j.key("mapping").begin_object();
        for (const auto& [role, column] : r.report.mapping) {
            j.field(role, column);
        }
        j.end_object();
        j.end_object();
        j.end_object();
        j.finish();
        return exit_ok;
    }
    std::ostream& out = ctx.out;
    out << "log         " << o.log << " (" << r.report.format << ")\n";
    out << "cases       " << log.num_cases() << "\n";
    out << "events      " << log.num_events() << "\n";
    out << "activities  " << acts.size() << "\n";
    out << "resources   " << used_names(log.resources(), log.resource_names().size()) << "\n";
    out << "departments " << used_names(log.departments(), log.department_names().size()) << "\n";
    out << "period      " << (first == no_timestamp ? "-" : format_iso8601(first)) << " .. "
        << (last == no_timestamp ? "-" : format_iso8601(last)) << "\n";
    out << "timestamps  " << r.report.timestamp_format
        << (r.report.timestamp_format_inferred ? " (inferred)" : "") << "\n";
    if (r.report.rejected > 0) {
        out << "rejected    " << r.report.rejected << " of " << r.report.records << " records\n";
    }
    out << "mapping     ";
    for (std::size_t i = 0; i < r.report.mapping.size(); ++i) {
        out << (i ? ", " : "") << r.report.mapping[i].first << "=" << r.report.mapping[i].second;
    }
    out << "\n\nevents per activity\n";
    std::size_t width = 8;
    for (const auto& a : acts) {
        width = std::max(width, a.first.size());
    }
    for (const auto& [name, n] : acts) {
        out << "  " << pad(name, width) << "  " << rpad(std::to_string(n), 9) << "\n";
    }
    if (!attrs.empty()) {
        out << "\nattributes\n";
        for (const AttrSummary& a : attrs) {
            out << "  " << pad(a.name, width) << "  " << pad(a.type, 8) << pad(a.level, 6)
                << rpad(std::to_string(a.count), 9) << "\n";
        }
    }
    return exit_ok;
}

} // namespace

void setup_info(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<InfoOptions>();
    CLI::App* sub = app.add_subcommand("info", "Summarise a log: cases, events, activities, period, attributes");
    sub->add_option("LOG", opt->log, "Event log (CSV, XES, XES.gz)")->required();
    sub->add_flag("--json", opt->json, "Print JSON (schema in docs/cli/journey-info.md)");
    add_input_options(*sub, opt->input);
    sub->callback([opt, &ctx] { ctx.exit_code = run_info(*opt, ctx); });
}

} // namespace journey::cli
