#include "input_options.hpp"

#include <fstream>
#include <memory>

#include <CLI/CLI.hpp>

#include <journey/core/error.hpp>
#include <journey/io/reader.hpp>

#include "progress.hpp"

namespace journey::cli {

void add_input_options(CLI::App& sub, InputOptions& o) {
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
    sub.add_option("--threads", o.threads, "Worker threads (0 = all cores); results do not depend on it")
        ->group(group);
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

void csv_field(std::ostream& out, const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) {
        out << s;
        return;
    }
    out << '"';
    for (const char c : s) {
        if (c == '"') {
            out << '"';
        }
        out << c;
    }
    out << '"';
}

} // namespace

io::ReadResult load_log(const std::string& path, const InputOptions& o, Context& ctx) {
    io::ReadOptions ro;
    ro.format = o.format;
    ro.columns = o.columns;
    ro.time_format = o.time_format;
    ro.delimiter = parse_delimiter(o.delimiter);
    ro.on_bad_record = o.on_bad_row == "skip" ? BadRecordPolicy::skip : BadRecordPolicy::fail;
    ro.threads = o.threads;

    std::unique_ptr<std::ofstream> rejects;
    if (!o.reject_file.empty()) {
        rejects = std::make_unique<std::ofstream>(o.reject_file, std::ios::binary);
        if (!*rejects) {
            throw io_error(o.reject_file, "cannot open reject file for writing");
        }
        *rejects << "line,column,reason,record\n";
        ro.reject_sink = [&out = *rejects](const RejectedRecord& r) {
            out << r.line << ',' << r.column << ',';
            csv_field(out, r.reason);
            out << ',';
            csv_field(out, r.record);
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
