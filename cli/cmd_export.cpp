// journey export DB: results as tables for BI tools (SQLite or CSV), the store as an
// OCEL 2.0 log, the events as CSV/XES, and the rows rejected at import.

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>

#include <CLI/CLI.hpp>

#include <journey/core/csv_text.hpp>
#include <journey/core/error.hpp>
#include <journey/io/reader.hpp>
#include <journey/store/ocel.hpp>
#include <journey/store/results.hpp>
#include <journey/store/store.hpp>

#include "cmd_spec.hpp"
#include "commands.hpp"
#include "input_options.hpp"

namespace journey::cli {

namespace {

struct ExportOptions {
    std::string db;
    std::string results;
    std::string results_format = "auto";
    std::string ocel;
    std::string log;
    std::string rejected;
    std::string spec;
    InputOptions input;
};

bool has_suffix(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}


std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const std::string& x : v) {
        s += s.empty() ? "" : ",";
        s += x;
    }
    return s;
}

int run_export(const ExportOptions& o, Context& ctx) {
    if (o.results.empty() && o.ocel.empty() && o.log.empty() && o.rejected.empty()) {
        throw usage_error("export: nothing to do; give --results, --ocel, --log or --rejected-rows");
    }
    if (!o.spec.empty() && o.results.empty()) {
        throw usage_error("export: --spec is only used with --results");
    }
    const bool is_store = store::sniff_sqlite(o.db) == store::SqliteKind::store;
    store::ReadFilter filter;
    filter.sources = o.input.sources;
    filter.journey_types = o.input.journey_types;

    if (!o.results.empty() || !o.log.empty()) {
        std::optional<Journey> spec;
        if (!o.spec.empty()) {
            spec = load_spec(o.spec, ctx);
            if (!spec) {
                return exit_data;
            }
        }
        const io::ReadResult r = load_log(o.db, o.input, ctx);
        if (!o.results.empty()) {
            store::ResultOptions ropt;
            ropt.threads = o.input.threads;
            ropt.spec = std::move(spec);
            if (is_store) {
                std::vector<std::string> names;
                for (const store::SourceRecord& s : store::Store(o.db).sources(filter)) {
                    names.push_back(s.name);
                }
                ropt.info.emplace_back("sources", joined(names));
                if (!filter.journey_types.empty()) {
                    ropt.info.emplace_back("journey_types", joined(filter.journey_types));
                }
            } else {
                ropt.info.emplace_back("log", std::filesystem::path(o.db).filename().string());
            }
            if (!o.spec.empty()) {
                ropt.info.emplace_back("spec", std::filesystem::path(o.spec).filename().string());
            }
            const auto tables = store::standard_results(r.log, ropt);
            std::string format = o.results_format;
            if (format == "auto") {
                format = has_suffix(o.results, ".sqlite") || has_suffix(o.results, ".db") ||
                                 store::sniff_sqlite(o.results) != store::SqliteKind::not_sqlite
                             ? "sqlite"
                             : "csv";
            }
            if (format == "sqlite") {
                store::write_results_sqlite(tables, o.results);
            } else {
                store::write_results_csv(tables, o.results);
            }
            ctx.out << "wrote " << tables.size() << " result tables (" << format << ") to "
                    << o.results << "\n";
        }
        if (!o.log.empty()) {
            io::write_log(r.log, o.log);
            ctx.out << "wrote " << r.log.num_events() << " events to " << o.log << "\n";
        }
    }
    if (!o.ocel.empty()) {
        store::OcelLog ocel = is_store ? store::Store(o.db).read_ocel(filter)
                                       : store::ocel_from_log(load_log(o.db, o.input, ctx).log);
        store::write_ocel_sqlite(ocel, o.ocel);
        ctx.out << "wrote " << ocel.events.num_events() << " events and " << ocel.objects.size()
                << " objects (OCEL 2.0) to " << o.ocel << "\n";
    }
    if (!o.rejected.empty()) {
        if (!is_store) {
            throw usage_error("export: --rejected-rows needs a journey store, not " + o.db);
        }
        const store::Store s(o.db);
        std::ofstream out(o.rejected, std::ios::binary);
        if (!out) {
            throw io_error(o.rejected, "cannot open for writing");
        }
        out << "source,line,column,reason,record\n";
        std::uint64_t n = 0;
        for (const store::SourceRecord& src : s.sources(filter)) {
            for (const RejectedRecord& r : s.rejected_records(src.name)) {
                write_csv_field(out, src.name);
                out << ',' << r.line << ',' << r.column << ',';
                write_csv_field(out, r.reason);
                out << ',';
                write_csv_field(out, r.record);
                out << '\n';
                ++n;
            }
        }
        out.flush();
        if (!out) {
            throw io_error(o.rejected, "write failed");
        }
        ctx.out << "wrote " << n << " rejected rows to " << o.rejected << "\n";
    }
    return exit_ok;
}

} // namespace

void setup_export(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<ExportOptions>();
    CLI::App* sub = app.add_subcommand(
        "export", "Export results for BI tools (SQLite/CSV tables), OCEL 2.0, events, rejected rows");
    sub->add_option("DB", opt->db, "Journey store (or any event log)")->required();
    sub->add_option("--results", opt->results,
                    "Write the result tables: a directory of CSV files, or an SQLite file "
                    "(.sqlite/.db or an existing SQLite file)");
    sub->add_option("--results-format", opt->results_format, "auto, csv or sqlite")
        ->check(CLI::IsMember({"auto", "csv", "sqlite"}));
    sub->add_option("--spec", opt->spec,
                    "Journey spec (.journey): --results also writes the handoff, scorecard, "
                    "journey outcome and watermelon tables");
    sub->add_option("--ocel", opt->ocel, "Write an OCEL 2.0 SQLite file (replaced if present)");
    sub->add_option("--log", opt->log, "Write the events as CSV or XES (by extension)");
    sub->add_option("--rejected-rows", opt->rejected,
                    "Write the rows rejected at import as CSV (source,line,column,reason,record)");
    add_input_options(*sub, opt->input);
    sub->callback([opt, &ctx] { ctx.exit_code = run_export(*opt, ctx); });
}

} // namespace journey::cli
