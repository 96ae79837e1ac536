// journey stitch DB --key ...: joins the sources of a journey store into end-to-end
// journeys by their keys and saves them as a new source.

#include <fstream>
#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>

#include <journey/core/csv_text.hpp>
#include <journey/core/error.hpp>
#include <journey/miners/stitch.hpp>
#include <journey/store/store.hpp>

#include "commands.hpp"
#include "input_options.hpp"

namespace journey::cli {

namespace {

struct StitchCmdOptions {
    std::string db;
    std::vector<std::string> sources;
    std::vector<std::string> journey_types;
    std::vector<std::string> keys;
    std::vector<std::string> unique;
    std::vector<std::string> links;
    std::string links_file;
    std::vector<std::string> start;
    std::vector<std::string> end;
    double max_days = 0;
    std::string name;
    std::string output_type;
    std::string report;
    bool dry_run = false;
};

/// ENTITY=FIELD[@SOURCE]
miners::KeyDecl parse_key(const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
        throw usage_error("--key '" + text + "' is not ENTITY=FIELD[@SOURCE]");
    }
    miners::KeyDecl d;
    d.entity = text.substr(0, eq);
    std::string field = text.substr(eq + 1);
    const auto at = field.rfind('@');
    if (at != std::string::npos) {
        d.source = field.substr(at + 1);
        field.resize(at);
        if (d.source.empty()) {
            throw usage_error("--key '" + text + "' names no source after '@'");
        }
    }
    d.field = miners::parse_key_field(field);
    return d;
}

/// ENTITY:VALUE
std::pair<std::string, std::string> parse_key_value(const std::string& text, const std::string& whole) {
    const auto colon = text.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
        throw usage_error("--link '" + whole + "' is not ENTITY:VALUE=ENTITY:VALUE");
    }
    return {text.substr(0, colon), text.substr(colon + 1)};
}

miners::KeyLink parse_link(const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos) {
        throw usage_error("--link '" + text + "' is not ENTITY:VALUE=ENTITY:VALUE");
    }
    const auto [fe, fv] = parse_key_value(text.substr(0, eq), text);
    const auto [te, tv] = parse_key_value(text.substr(eq + 1), text);
    return {fe, fv, te, tv};
}

/// Splits one CSV record (RFC 4180 quoting; no embedded newlines).
std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                out.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                out.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.emplace_back();
        } else if (c != '\r') {
            out.back() += c;
        }
    }
    return out;
}

/// A links file: CSV with the header from_entity,from_value,to_entity,to_value.
std::vector<miners::KeyLink> read_links(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw io_error(path, "cannot open for reading");
    }
    std::string line;
    std::getline(in, line);
    if (csv_fields(line) != std::vector<std::string>{"from_entity", "from_value", "to_entity", "to_value"}) {
        throw format_error(path, 1, 1, "the header must be from_entity,from_value,to_entity,to_value");
    }
    std::vector<miners::KeyLink> links;
    for (std::uint64_t n = 2; std::getline(in, line); ++n) {
        if (line.empty() || line == "\r") {
            continue;
        }
        const std::vector<std::string> f = csv_fields(line);
        if (f.size() != 4 || f[0].empty() || f[2].empty()) {
            throw format_error(path, n, 1, "expected 4 fields with non-empty entities");
        }
        links.push_back({f[0], f[1], f[2], f[3]});
    }
    return links;
}


/// The report as CSV: kind,group,journey,source,case_id,position,activity,timestamp,detail.
void write_report(const miners::StitchReport& rep, const std::string& path) {
    std::ofstream out(path, std::ios::binary);
    if (!out) {
        throw io_error(path, "cannot open for writing");
    }
    const auto row = [&](std::string_view kind, std::string_view group, std::string_view journey,
                         const miners::EventRef* e, std::string_view detail) {
        write_csv_field(out, kind);
        out << ',';
        write_csv_field(out, group);
        out << ',';
        write_csv_field(out, journey);
        out << ',';
        if (e != nullptr) {
            write_csv_field(out, e->source);
            out << ',';
            write_csv_field(out, e->case_id);
            out << ',' << e->position << ',';
            write_csv_field(out, e->activity);
            out << ',' << (e->time == no_timestamp ? std::string() : format_iso8601(e->time));
        } else {
            out << ",,,,";
        }
        out << ',';
        write_csv_field(out, detail);
        out << '\n';
    };
    out << "kind,group,journey,source,case_id,position,activity,timestamp,detail\n";
    for (const auto& m : rep.merges) {
        for (const auto& [source, n] : m.sources) {
            write_csv_field(out, "merge");
            out << ",,";
            write_csv_field(out, m.journey);
            out << ',';
            write_csv_field(out, source);
            out << ",,,,," << n << '\n';
        }
    }
    for (const auto& s : rep.splits) {
        for (const std::string& j : s.journeys) {
            row("split", s.group, j, nullptr, "");
        }
    }
    for (const auto& c : rep.conflicts) {
        std::string values;
        for (const std::string& v : c.values) {
            values += values.empty() ? "" : ";";
            values += v;
        }
        row("conflict", c.group, "", nullptr, c.entity + "=" + values);
    }
    for (const auto& e : rep.unlinked) {
        row("unlinked", "", "", &e, "no key");
    }
    for (const auto& e : rep.outside) {
        row("outside", "", "", &e, "outside every journey window");
    }
    for (const auto& l : rep.unused_links) {
        row("unused_link", "", "", nullptr,
            l.from_entity + ":" + l.from_value + "=" + l.to_entity + ":" + l.to_value);
    }
    for (const std::string& w : rep.warnings) {
        row("warning", "", "", nullptr, w);
    }
    out.flush();
    if (!out) {
        throw io_error(path, "write failed");
    }
}

int run_stitch(const StitchCmdOptions& o, Context& ctx) {
    miners::StitchOptions so;
    for (const std::string& k : o.keys) {
        so.keys.push_back(parse_key(k));
    }
    if (so.keys.empty()) {
        throw usage_error("stitch: declare at least one --key ENTITY=FIELD[@SOURCE]");
    }
    so.unique_entities = o.unique;
    for (const std::string& l : o.links) {
        so.links.push_back(parse_link(l));
    }
    if (!o.links_file.empty()) {
        for (miners::KeyLink& l : read_links(o.links_file)) {
            so.links.push_back(std::move(l));
        }
    }
    so.window.start_activities = o.start;
    so.window.end_activities = o.end;
    if (o.max_days < 0) {
        throw usage_error("--max-days must not be negative");
    }
    so.window.max_duration = static_cast<Timestamp>(o.max_days * 86400.0 * 1e6);
    if ((!o.end.empty() || o.max_days > 0) && o.start.empty()) {
        throw usage_error("stitch: --end and --max-days need --start");
    }

    store::Store s(o.db, o.dry_run ? store::OpenMode::read_only : store::OpenMode::read_write);
    store::ReadFilter filter;
    filter.journey_types = o.journey_types;
    filter.sources = o.sources;
    if (filter.sources.empty()) {
        // Earlier stitched results are not inputs unless named.
        for (const store::SourceRecord& r : s.sources(filter)) {
            if (r.kind != "stitched") {
                filter.sources.push_back(r.name);
            }
        }
        if (filter.sources.empty()) {
            throw usage_error("stitch: no sources to stitch in " + o.db);
        }
    }
    const std::vector<store::SourceLog> logs = s.read_sources(filter);
    std::vector<miners::StitchSource> inputs;
    for (const store::SourceLog& sl : logs) {
        inputs.push_back({sl.source.name, &sl.log});
    }
    const miners::StitchResult r = miners::stitch(inputs, so);
    const miners::StitchReport& rep = r.report;

    std::string saved;
    if (!o.dry_run) {
        store::SourceInfo info;
        info.name = o.name.empty() ? "stitched" : o.name;
        info.unique_name = o.name.empty();
        info.kind = "stitched";
        info.format = "stitched";
        info.journey_type = o.output_type;
        saved = s.import_log(r.log, info).name;
    }

    std::ostream& out = ctx.out;
    out << "stitched " << inputs.size() << " sources (" << rep.events_in << " events) into "
        << rep.journeys << " journeys";
    if (!o.dry_run) {
        out << ", saved as source '" << saved << "'";
        if (!o.output_type.empty()) {
            out << " (journey type '" << o.output_type << "')";
        }
    } else {
        out << " (dry run: nothing saved)";
    }
    out << "\n";
    for (const auto& c : rep.sources) {
        out << "  " << c.source << ": " << c.events << " events, " << c.stitched << " stitched, "
            << c.unlinked << " unlinked, " << c.outside << " outside\n";
    }
    out << "groups of linked keys: " << rep.groups << " (" << rep.keys << " keys)\n";
    out << "merged:    " << rep.merges.size() << " journeys hold events of several sources\n";
    out << "split:     " << rep.splits.size() << " groups make several journeys\n";
    out << "unlinked:  " << rep.unlinked.size() << " events carry no key\n";
    out << "outside:   " << rep.outside.size() << " events are outside every journey window\n";
    out << "conflicts: " << rep.conflicts.size() << " groups hold several values of a unique entity\n";
    if (!rep.unused_links.empty()) {
        out << "unused links: " << rep.unused_links.size() << " join keys no event carries\n";
    }
    for (const std::string& w : rep.warnings) {
        out << "warning: " << w << "\n";
    }
    if (!o.report.empty()) {
        write_report(rep, o.report);
        out << "report: " << o.report << "\n";
    }
    return exit_ok;
}

} // namespace

void setup_stitch(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<StitchCmdOptions>();
    CLI::App* sub = app.add_subcommand(
        "stitch", "Join a store's sources into end-to-end journeys by linking their keys");
    sub->add_option("DB", opt->db, "Journey store")->required();
    sub->add_option("--key", opt->keys,
                    "ENTITY=FIELD[@SOURCE]: events carry keys of ENTITY in FIELD (case, attr:NAME, "
                    "case-attr:NAME, object:TYPE), in SOURCE or every source (repeatable)")
        ->required();
    sub->add_option("--unique", opt->unique,
                    "A journey holds one value of this entity (e.g. customer); more is a conflict");
    sub->add_option("--link", opt->links,
                    "ENTITY:VALUE=ENTITY:VALUE: an explicit link, e.g. account lineage (repeatable)");
    sub->add_option("--links", opt->links_file,
                    "CSV file of links: from_entity,from_value,to_entity,to_value");
    sub->add_option("--start", opt->start,
                    "Start milestone activity: opens a journey (repeatable; default: one journey "
                    "per group of linked keys)");
    sub->add_option("--end", opt->end, "End milestone activity: closes a journey (repeatable)");
    sub->add_option("--max-days", opt->max_days, "A journey lasts at most this many days");
    sub->add_option("--source", opt->sources,
                    "Stitch only this source (repeatable; default: every source not made by stitch)");
    sub->add_option("--journey-type", opt->journey_types,
                    "Stitch only sources of this journey type (repeatable)");
    sub->add_option("--name", opt->name, "Name of the saved result source (default: stitched)");
    sub->add_option("--output-type", opt->output_type, "Journey type recorded for the result");
    sub->add_option("--report", opt->report,
                    "Write every merged, split, unlinked, outside and conflicting item as CSV");
    sub->add_flag("--dry-run", opt->dry_run, "Report only; save nothing");
    sub->callback([opt, &ctx] { ctx.exit_code = run_stitch(*opt, ctx); });
}

} // namespace journey::cli
