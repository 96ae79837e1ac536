#include "input_options.hpp"

#include <fstream>
#include <memory>

#include <CLI/CLI.hpp>

#include <journey/core/csv_text.hpp>
#include <journey/core/error.hpp>
#include <journey/io/reader.hpp>
#ifdef JOURNEY_HAVE_STORE
#include <journey/store/ocel.hpp>
#include <journey/store/store.hpp>
#endif

#include "progress.hpp"

namespace journey::cli {

void add_input_options(CLI::App& sub, InputOptions& o, bool store_filters) {
    const char* group = "Input";
    sub.add_option("--format", o.format, "Input format: auto, csv, xes (auto: extension, then content)")
        ->check(CLI::IsMember({"auto", "csv", "xes"}))
        ->group(group);
    sub.add_option("--case-column", o.columns.case_id, "Column/key with the case (journey) id")
        ->group(group);
    sub.add_option("--activity-column", o.columns.activity, "Column/key with the activity")
        ->group(group);
    sub.add_option("--timestamp-column", o.columns.timestamp, "Column/key with the timestamp")
        ->group(group);
    sub.add_option("--resource-column", o.columns.resource, "Column/key with the resource")
        ->group(group);
    sub.add_option("--department-column", o.columns.department,
                   "Column/key with the department (default org:group)")
        ->group(group);
    sub.add_option("--channel-column", o.columns.channel, "Column/key with the channel")
        ->group(group);
    sub.add_option("--lifecycle-column", o.columns.lifecycle, "Column/key with the lifecycle")
        ->group(group);
    sub.add_option("--time-format", o.time_format,
                   "Timestamp format: auto, iso, ymd, dmy, mdy, epoch-s, epoch-ms or a pattern "
                   "such as '%d.%m.%Y %H:%M'")
        ->group(group);
    sub.add_option("--delimiter", o.delimiter, "CSV delimiter: ',', ';', 'tab' or '|' (default: sniffed)")
        ->group(group);
    sub.add_option("--on-bad-row", o.on_bad_row,
                   "What to do with a bad row: fail (stop with an error) or skip (count, report, "
                   "keep in --reject-file)")
        ->check(CLI::IsMember({"fail", "skip"}))
        ->group(group);
    sub.add_option("--reject-file", o.reject_file,
                   "Write rejected rows here (CSV: line,column,reason,record)")
        ->group(group);
    sub.add_flag("--ignore-utc-offsets", o.ignore_utc_offsets,
                 "Read times as local wall-clock time, dropping UTC offsets (as pm4py does)")
        ->group(group);
    sub.add_option("--threads", o.threads, "Worker threads (0 = all cores); results do not depend on it")
        ->group(group);
#ifdef JOURNEY_HAVE_STORE
    if (store_filters) {
        sub.add_option("--source", o.sources,
                       "Store input: read only this source (repeatable; default: all)")
            ->group("Store input");
        sub.add_option("--journey-type", o.journey_types,
                       "Store input: read only sources of this journey type (repeatable)")
            ->group("Store input");
    }
#else
    (void)store_filters;
#endif
}

namespace {

char parse_delimiter(const std::string& d) {
    if (d.empty()) {
        return '\0';
    }
    if (d == "tab" || d == "\\t" || d == "\t") {
        return '\t';
    }
    if (d.size() == 1 && (d == "," || d == ";" || d == "|")) {
        return d[0];
    }
    throw usage_error("--delimiter must be ',', ';', 'tab' or '|', not '" + d + "'");
}


#ifdef JOURNEY_HAVE_STORE
bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// True when `path` names an SQLite file: by content, or by extension for a file
/// that is not there (so that the store reports it missing).
bool is_sqlite_input(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (in) {
        char head[16] = {};
        in.read(head, sizeof head);
        if (store::is_sqlite_header(std::string_view(head, static_cast<std::size_t>(in.gcount())))) {
            return true;
        }
    }
    return ends_with(path, ".sqlite") || ends_with(path, ".db");
}

io::ReadResult load_sqlite(const std::string& path, const InputOptions& o) {
    io::ReadResult r;
    if (store::sniff_sqlite(path) == store::SqliteKind::ocel) {
        if (!o.sources.empty() || !o.journey_types.empty()) {
            throw usage_error(path + ": --source and --journey-type apply to a journeykit store, "
                                     "not to an OCEL file");
        }
        r.log = store::read_ocel_sqlite(path).events;
        r.report.format = "ocel-sqlite";
    } else {
        const store::Store s(path);
        store::ReadFilter filter;
        filter.sources = o.sources;
        filter.journey_types = o.journey_types;
        r.log = s.read_log(filter);
        r.report.format = "store";
    }
    r.report.path = path;
    r.report.records = r.log.num_events();
    r.report.events = r.log.num_events();
    r.report.cases = r.log.num_cases();
    return r;
}
#endif

} // namespace

io::ReadResult load_log(const std::string& path, const InputOptions& o, Context& ctx,
                        std::vector<RejectedRecord>* all_rejects) {
#ifdef JOURNEY_HAVE_STORE
    if (is_sqlite_input(path)) {
        return load_sqlite(path, o);
    }
    if (!o.sources.empty() || !o.journey_types.empty()) {
        throw usage_error("--source and --journey-type apply to a store (an SQLite file made by "
                          "journey import), not to " + path);
    }
#endif
    io::ReadOptions ro;
    ro.format = o.format;
    ro.columns = o.columns;
    ro.time_format = o.time_format;
    ro.delimiter = parse_delimiter(o.delimiter);
    ro.on_bad_record = o.on_bad_row == "skip" ? BadRecordPolicy::skip : BadRecordPolicy::fail;
    ro.threads = o.threads;
    ro.ignore_utc_offsets = o.ignore_utc_offsets;

    std::unique_ptr<std::ofstream> rejects;
    if (all_rejects != nullptr) {
        ro.reject_sink = [all_rejects](const RejectedRecord& r) { all_rejects->push_back(r); };
    }
    if (!o.reject_file.empty()) {
        rejects = std::make_unique<std::ofstream>(o.reject_file, std::ios::binary);
        if (!*rejects) {
            throw io_error(o.reject_file, "cannot open reject file for writing");
        }
        *rejects << "line,column,reason,record\n";
        ro.reject_sink = [&out = *rejects, all_rejects](const RejectedRecord& r) {
            if (all_rejects != nullptr) {
                all_rejects->push_back(r);
            }
            out << r.line << ',' << r.column << ',';
            write_csv_field(out, r.reason);
            out << ',';
            write_csv_field(out, r.record);
            out << '\n';
        };
    }
    ProgressBar bar(ctx.err, ctx.err_is_terminal, "reading");
    ro.progress = [&bar](std::uint64_t done, std::uint64_t total) { return bar.update(done, total); };

    io::ReadResult result = io::read_log(path, ro);
    bar.done();
    if (rejects) {
        rejects->flush();
        if (!*rejects) {
            throw io_error(o.reject_file, "write failed");
        }
    }
    const ImportReport& r = result.report;
    for (const std::string& w : r.warnings) {
        ctx.err << "journey: " << path << ": warning: " << w << "\n";
    }
    if (r.rejected > 0) {
        ctx.err << "journey: " << path << ": " << r.rejected << " of " << r.records
                << " records rejected";
        if (!r.rejects.empty()) {
            ctx.err << " (first: line " << r.rejects.front().line << ": "
                    << r.rejects.front().reason << ")";
        }
        if (!o.reject_file.empty()) {
            ctx.err << "; written to " << o.reject_file;
        } else {
            ctx.err << "; use --reject-file to keep them";
        }
        ctx.err << "\n";
    }
    return result;
}

} // namespace journey::cli
