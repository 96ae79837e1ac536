// journey spec check|fmt|bind: check a .journey file, print it in canonical form,
// and bind a log to it. The language is in journey::dsl, binding in journey::bind().

#include "cmd_spec.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include <journey/core/binding.hpp>
#include <journey/core/error.hpp>
#include <journey/dsl/dsl.hpp>

#include "cli.hpp"
#include "input_options.hpp"
#include "json.hpp"
#include "text_format.hpp"

namespace journey::cli {

namespace {

// Reads files from disk for the compiler (holiday lists next to the spec).
class DiskFileSystem : public dsl::FileSystem {
public:
    std::optional<std::string> read(const std::string& path) override {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            return std::nullopt;
        }
        std::ostringstream s;
        s << in.rdbuf();
        if (in.bad()) {
            return std::nullopt;
        }
        return s.str();
    }
};

std::string read_text(const std::string& path) {
    DiskFileSystem disk;
    auto text = disk.read(path);
    if (!text) {
        throw io_error(path, "cannot read the spec file");
    }
    return std::move(*text);
}

struct Compiled {
    dsl::SourceManager sources;
    dsl::CompileResult result;
    std::string text;
};

struct DiagnosticOptions {
    std::vector<std::string> no_warn;
    bool werror = false;
    std::size_t max_errors = 50;
    bool brief = false;
};

std::unique_ptr<Compiled> compile_file(const std::string& path, const DiagnosticOptions& o) {
    auto c = std::make_unique<Compiled>();
    c->text = read_text(path);
    DiskFileSystem disk;
    dsl::CompileOptions options;
    options.files = &disk;
    options.max_errors = o.max_errors;
    options.warnings_as_errors = o.werror;
    const auto& known = dsl::warning_codes();
    for (const std::string& w : o.no_warn) {
        if (std::find(known.begin(), known.end(), w) == known.end()) {
            std::string list;
            for (const std::string& k : known) {
                list += (list.empty() ? "" : ", ") + k;
            }
            throw usage_error("--no-warn: '" + w + "' is not a warning code (warnings: " + list +
                              ")");
        }
        options.disabled_warnings.insert(w);
    }
    c->result = dsl::compile_text(c->sources, path, c->text, options);
    return c;
}

void print_diagnostics(std::ostream& err, const std::vector<dsl::Diagnostic>& diagnostics,
                       const dsl::SourceManager& sources, bool brief, bool errors_only = false) {
    for (const dsl::Diagnostic& d : diagnostics) {
        if (errors_only && d.severity != dsl::Severity::error) {
            continue;
        }
        const std::string text = dsl::render_diagnostic(d, sources);
        err << (brief ? text.substr(0, text.find('\n') + 1) : text);
    }
}

void add_diagnostic_options(CLI::App& sub, DiagnosticOptions& o) {
    sub.add_option("--no-warn", o.no_warn,
                   "Do not report this warning (repeatable), e.g. "
                   "unordered-touchpoint");
    sub.add_flag("--werror", o.werror, "Treat warnings as errors");
    sub.add_option("--max-errors", o.max_errors, "Stop after this many errors (default 50)")
        ->check(CLI::Range(1, 100000));
    sub.add_flag("--brief", o.brief, "One line per diagnostic (no source excerpt)");
}

std::size_t count_severity(const std::vector<dsl::Diagnostic>& ds, dsl::Severity s) {
    return static_cast<std::size_t>(std::count_if(
        ds.begin(), ds.end(), [&](const dsl::Diagnostic& d) { return d.severity == s; }));
}

std::string plural(std::size_t n, const std::string& one, const std::string& many = {}) {
    return std::to_string(n) + " " + (n == 1 ? one : many.empty() ? one + "s" : many);
}

// ---- check

struct CheckOptions {
    std::string file;
    bool json = false;
    DiagnosticOptions diag;
};

void write_location(JsonWriter& j, const dsl::SourceManager& sources, const dsl::SourceRange& r) {
    j.field("file", r.begin.file < sources.size() ? sources.name(r.begin.file) : std::string());
    j.field("line", static_cast<std::uint64_t>(r.begin.line));
    j.field("column", static_cast<std::uint64_t>(r.begin.column));
    j.field("end_line", static_cast<std::uint64_t>(r.end.line));
    j.field("end_column", static_cast<std::uint64_t>(r.end.column));
}

int run_check(const CheckOptions& o, Context& ctx) {
    const auto c = compile_file(o.file, o.diag);
    const dsl::CompileResult& r = c->result;
    print_diagnostics(ctx.err, r.diagnostics, c->sources, o.diag.brief);
    const Journey& m = r.model;
    if (o.json) {
        JsonWriter j(ctx.out, true);
        j.begin_object();
        j.field("journey", m.name);
        j.key("departments").begin_array();
        for (const Department& d : m.departments) {
            j.value(d.id);
        }
        j.end_array();
        j.key("touchpoints").begin_array();
        for (const Touchpoint& t : m.touchpoints) {
            j.begin_object()
                .field("id", t.id)
                .field("label", t.label)
                .field("owner", t.owner)
                .field("designed", t.designed)
                .end_object();
        }
        j.end_array();
        j.key("diagnostics").begin_array();
        for (const dsl::Diagnostic& d : r.diagnostics) {
            j.begin_object();
            j.field("severity", std::string(dsl::severity_name(d.severity)));
            j.field("code", d.code);
            j.field("message", d.message);
            write_location(j, c->sources, d.range);
            j.key("notes").begin_array();
            for (const dsl::DiagnosticNote& n : d.notes) {
                j.begin_object();
                j.field("message", n.message);
                write_location(j, c->sources, n.range);
                j.end_object();
            }
            j.end_array();
            j.end_object();
        }
        j.end_array();
        j.end_object();
        j.finish();
    } else if (!r.has_errors()) {
        const std::size_t warnings = count_severity(r.diagnostics, dsl::Severity::warning);
        ctx.out << o.file << ": ok: journey \"" << m.name << "\", "
                << plural(m.touchpoints.size(), "touchpoint") << ", "
                << plural(m.departments.size(), "department") << ", "
                << plural(m.outcomes.size(), "outcome")
                << (warnings > 0 ? ", " + plural(warnings, "warning") : std::string()) << "\n";
    }
    return r.has_errors() ? exit_data : exit_ok;
}

// ---- fmt

struct FmtOptions {
    std::string file;
    bool write = false;
    bool check = false;
};

int run_fmt(const FmtOptions& o, Context& ctx) {
    const auto c = compile_file(o.file, DiagnosticOptions{});
    const dsl::CompileResult& r = c->result;
    if (r.has_errors()) {
        print_diagnostics(ctx.err, r.diagnostics, c->sources, false, true);
        ctx.err << "journey: " << o.file << " has errors; not formatted\n";
        return exit_data;
    }
    const std::string text = dsl::format_spec(r.model, r.comments);
    if (o.check) {
        if (text != c->text) {
            ctx.err << o.file << ": not in canonical form; run 'journey spec fmt --write " << o.file
                    << "'\n";
            return exit_data;
        }
        return exit_ok;
    }
    if (o.write) {
        if (text != c->text) {
            std::ofstream out(o.file, std::ios::binary | std::ios::trunc);
            out << text;
            out.flush();
            if (!out) {
                throw io_error(o.file, "cannot write the formatted spec");
            }
        }
        return exit_ok;
    }
    ctx.out << text;
    return exit_ok;
}

// ---- bind

struct BindOptions {
    std::string spec;
    std::string log;
    InputOptions input;
    bool json = false;
    bool strict = false;
};

std::string percent(std::uint64_t part, std::uint64_t whole) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%",
                  whole == 0 ? 100.0
                             : 100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return buf;
}

std::string case_of(const EventLog& log, std::uint32_t event) {
    const auto offsets = log.case_offsets();
    const auto it =
        std::upper_bound(offsets.begin(), offsets.end(), static_cast<std::uint64_t>(event));
    const auto c = static_cast<std::size_t>(it - offsets.begin()) - 1;
    return c < log.num_cases() ? std::string(log.case_name(c)) : std::string();
}

void write_counts(JsonWriter& j, const char* key, const std::vector<ActivityCount>& counts) {
    j.key(key).begin_array();
    for (const ActivityCount& a : counts) {
        j.begin_object().field("activity", a.activity).field("events", a.events).end_object();
    }
    j.end_array();
}

void text_counts(std::ostream& out, const char* title, const std::vector<ActivityCount>& counts) {
    out << "\n" << title << "\n";
    if (counts.empty()) {
        out << "  (none)\n";
        return;
    }
    std::size_t width = 8;
    for (const ActivityCount& a : counts) {
        width = std::max(width, a.activity.size());
    }
    for (const ActivityCount& a : counts) {
        out << "  " << pad(a.activity, width) << "  " << rpad(std::to_string(a.events), 8) << "\n";
    }
}

int run_bind(const BindOptions& o, Context& ctx) {
    const std::optional<Journey> model = load_spec(o.spec, ctx);
    if (!model) {
        return exit_data;
    }
    const io::ReadResult read = load_log(o.log, o.input, ctx);
    const EventLog& log = read.log;
    const Binding b = bind(*model, log);
    const Journey& m = *model;
    if (o.json) {
        JsonWriter j(ctx.out, true);
        j.begin_object();
        j.field("journey", m.name);
        j.field("cases", static_cast<std::uint64_t>(log.num_cases()));
        j.field("events", b.events);
        j.field("bound", b.bound_events);
        j.field("class_only", b.class_only_events);
        j.field("unmatched", b.unmatched_events);
        j.key("touchpoints").begin_array();
        for (std::size_t t = 0; t < m.touchpoints.size(); ++t) {
            j.begin_object();
            j.field("id", m.touchpoints[t].id);
            j.field("label", m.touchpoints[t].label);
            j.field("events", b.touchpoint_events[t]);
            j.key("rules").begin_array();
            for (const std::uint64_t n : b.rule_events[t]) {
                j.value(n);
            }
            j.end_array();
            j.end_object();
        }
        j.end_array();
        j.key("classes").begin_array();
        for (std::size_t c = 0; c < m.classes.size(); ++c) {
            j.begin_object()
                .field("id", m.classes[c].id)
                .field("role", std::string(role_name(m.classes[c].role)))
                .field("events", static_cast<std::uint64_t>(b.class_events[c].size()))
                .end_object();
        }
        j.end_array();
        write_counts(j, "unmatched_activities", b.unmatched);
        write_counts(j, "class_only_activities", b.class_only);
        j.key("double_matches").begin_array();
        for (const DoubleMatch& d : b.double_matches) {
            j.begin_object()
                .field("activity", d.activity)
                .field("winner", m.touchpoints[d.winner].id)
                .field("other", m.touchpoints[d.other].id)
                .field("events", d.events)
                .field("first_case", case_of(log, d.first_event))
                .field("first_event", static_cast<std::uint64_t>(d.first_event))
                .end_object();
        }
        j.end_array();
        j.end_object();
        j.finish();
    } else {
        std::ostream& out = ctx.out;
        out << "spec    " << o.spec << ": \"" << m.name << "\", "
            << plural(m.touchpoints.size(), "touchpoint") << ", "
            << plural(m.classes.size(), "class", "classes") << "\n";
        out << "log     " << o.log << ": " << plural(log.num_cases(), "case") << ", "
            << plural(b.events, "event") << "\n";
        out << "events  " << b.bound_events << " bound to a touchpoint, " << b.class_only_events
            << " only in classes, " << b.unmatched_events << " unmatched ("
            << percent(b.bound_events + b.class_only_events, b.events) << " accounted for)\n";
        out << "\nevents per touchpoint\n";
        std::size_t id_w = 4;
        std::size_t label_w = 8;
        for (const Touchpoint& t : m.touchpoints) {
            id_w = std::max(id_w, t.id.size());
            label_w = std::max(label_w, t.label.size());
        }
        for (std::size_t t = 0; t < m.touchpoints.size(); ++t) {
            out << "  " << pad(m.touchpoints[t].id, id_w) << "  "
                << pad(m.touchpoints[t].label, label_w) << "  "
                << rpad(std::to_string(b.touchpoint_events[t]), 8)
                << (b.touchpoint_events[t] == 0 ? "  (matched nothing)" : "") << "\n";
        }
        if (!m.classes.empty()) {
            out << "\nevents per class\n";
            std::size_t w = 8;
            for (const EventClass& c : m.classes) {
                w = std::max(w, c.id.size());
            }
            for (std::size_t c = 0; c < m.classes.size(); ++c) {
                out << "  " << pad(m.classes[c].id, w) << "  "
                    << pad(std::string(role_name(m.classes[c].role)), 14) << "  "
                    << rpad(std::to_string(b.class_events[c].size()), 8) << "\n";
            }
        }
        text_counts(out, "unmatched activities (no touchpoint, no class)", b.unmatched);
        text_counts(out, "activities only in classes", b.class_only);
        out << "\ndouble matches (rules of two touchpoints matched; the first one won)\n";
        if (b.double_matches.empty()) {
            out << "  (none)\n";
        }
        for (const DoubleMatch& d : b.double_matches) {
            out << "  " << d.activity << ": " << m.touchpoints[d.winner].id << " over "
                << m.touchpoints[d.other].id << ", " << plural(d.events, "event")
                << " (first: case " << case_of(log, d.first_event) << ")\n";
        }
    }
    if (o.strict && (b.unmatched_events > 0 || !b.double_matches.empty())) {
        ctx.err << "journey: " << o.log << ": " << plural(b.unmatched_events, "event")
                << " unmatched, "
                << plural(b.double_matches.size(), "double match", "double matches")
                << " (--strict)\n";
        return exit_data;
    }
    return exit_ok;
}

} // namespace

void add_spec_option(CLI::App& sub, std::string& path, bool required) {
    CLI::Option* opt = sub.add_option("--spec", path, "Journey spec (.journey file)");
    if (required) {
        opt->required();
    }
}

std::optional<Journey> load_spec(const std::string& path, Context& ctx) {
    const auto c = compile_file(path, DiagnosticOptions{});
    print_diagnostics(ctx.err, c->result.diagnostics, c->sources, false);
    if (c->result.has_errors()) {
        return std::nullopt;
    }
    return std::move(c->result.model);
}

void setup_spec(CLI::App& app, Context& ctx) {
    CLI::App* spec = app.add_subcommand("spec", "Check, format and bind journey specs (.journey)");
    spec->require_subcommand(1);

    auto check = std::make_shared<CheckOptions>();
    CLI::App* c = spec->add_subcommand(
        "check", "Check a spec: diagnostics on stderr; exit 0 when valid, 1 when it has errors");
    c->add_option("FILE", check->file, "Journey spec (.journey)")->required();
    c->add_flag("--json", check->json,
                "Print journey, departments, touchpoints and diagnostics "
                "as JSON (docs/cli/journey-spec.md)");
    add_diagnostic_options(*c, check->diag);
    c->callback([check, &ctx] { ctx.exit_code = run_check(*check, ctx); });

    auto fmt = std::make_shared<FmtOptions>();
    CLI::App* f = spec->add_subcommand("fmt", "Print a spec in canonical form (comments kept)");
    f->add_option("FILE", fmt->file, "Journey spec (.journey)")->required();
    CLI::Option* write = f->add_flag("--write", fmt->write, "Rewrite FILE in place");
    f->add_flag("--check", fmt->check, "Only check: exit 1 when FILE is not in canonical form")
        ->excludes(write);
    f->callback([fmt, &ctx] { ctx.exit_code = run_fmt(*fmt, ctx); });

    auto bind_opt = std::make_shared<BindOptions>();
    CLI::App* b = spec->add_subcommand(
        "bind",
        "Bind a log to a spec: events per touchpoint, unmatched activities, double matches");
    b->add_option("FILE", bind_opt->spec, "Journey spec (.journey)")->required();
    b->add_option("LOG", bind_opt->log, "Event log (CSV, XES, XES.gz)")->required();
    b->add_flag("--json", bind_opt->json, "Print JSON (docs/cli/journey-spec.md)");
    b->add_flag("--strict", bind_opt->strict,
                "Exit 1 when an event matched nothing or matched rules of two touchpoints");
    add_input_options(*b, bind_opt->input);
    b->callback([bind_opt, &ctx] { ctx.exit_code = run_bind(*bind_opt, ctx); });
}

} // namespace journey::cli
