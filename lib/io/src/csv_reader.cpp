// CSV event log reader.
//
// Pipeline: strip a BOM, sniff the delimiter, read the header and map columns to
// roles, sample the first records to choose the timestamp format and the type of
// every attribute column, then parse the data. Large inputs are cut into chunks at
// record boundaries and parsed in parallel into chunk-local columns and string
// tables; the chunks are merged in input order into one EventLogBuilder, so the
// log does not depend on the number of threads (string ids included).

#include <journey/io/csv.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <thread>
#include <utility>

#include <journey/core/error.hpp>

#include "csv_common.hpp"
#include "csv_parse.hpp"
#include "csv_scan.hpp"

namespace journey::io {

namespace {

using detail::CsvField;
using detail::CsvRole;
using detail::CsvScanner;
using detail::csv::AttrSpec;
using detail::csv::Chunk;
using detail::csv::chunk_min_bytes;
using detail::csv::LocalReject;
using detail::csv::npos;
using detail::csv::Plan;
using detail::csv::Progress;
using detail::csv::slot_kinds;
using detail::csv::slot_typed;

constexpr std::size_t parallel_min_bytes = std::size_t{4} << 20;
constexpr std::size_t sniff_records = 20;
constexpr std::size_t sniff_max_bytes = std::size_t{1} << 20;

// Chooses among , ; tab | by counting them outside quotes in the header and the
// first records: a candidate must occur in the header; one whose count is the
// same in every sampled record beats one whose count varies; then the higher
// header count wins; then the order , ; tab |.
char sniff_delimiter(std::string_view data) {
    constexpr std::array<char, 4> cands{',', ';', '\t', '|'};
    std::array<std::size_t, 4> header{};
    std::array<std::size_t, 4> count{};
    std::array<bool, 4> consistent{true, true, true, true};
    std::size_t records = 0;
    bool in_quotes = false;
    bool content = false;
    const auto end_record = [&] {
        if (content) {
            if (records == 0) {
                header = count;
            } else {
                for (std::size_t k = 0; k < cands.size(); ++k) {
                    consistent[k] = consistent[k] && count[k] == header[k];
                }
            }
            ++records;
        }
        count = {};
        content = false;
    };
    const std::size_t n = std::min(data.size(), sniff_max_bytes);
    for (std::size_t i = 0; i < n && records <= sniff_records; ++i) {
        const char c = data[i];
        if (c == '"') {
            in_quotes = !in_quotes;
            content = true;
        } else if (in_quotes) {
            continue;
        } else if (c == '\n') {
            end_record();
        } else if (c != '\r') {
            content = true;
            for (std::size_t k = 0; k < cands.size(); ++k) {
                count[k] += c == cands[k] ? 1 : 0;
            }
        }
    }
    if (records == 0 || (n == data.size() && !in_quotes)) {
        end_record(); // the last (or only) record had no line break
    }
    std::size_t best = npos;
    for (std::size_t k = 0; k < cands.size(); ++k) {
        if (header[k] == 0) {
            continue;
        }
        if (best == npos || (consistent[k] && !consistent[best]) ||
            (consistent[k] == consistent[best] && header[k] > header[best])) {
            best = k;
        }
    }
    return best == npos ? ',' : cands[best];
}

std::string join_names(const std::vector<std::string>& names) {
    std::string s;
    for (const std::string& n : names) {
        if (!s.empty()) {
            s += ", ";
        }
        s += n;
    }
    return s;
}

std::string join_aliases(CsvRole role) {
    std::string s;
    for (const std::string_view a : detail::csv_role_aliases(role)) {
        if (!s.empty()) {
            s += ", ";
        }
        s += a;
    }
    return s;
}

// Finds the column a user named: exact, then without surrounding blanks, then
// ignoring ASCII case.
std::size_t find_named_column(const std::vector<std::string>& names, const std::string& want) {
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == want) {
            return i;
        }
    }
    const std::string_view w = detail::csv_trim(want);
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (detail::csv_trim(names[i]) == w) {
            return i;
        }
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (detail::csv_iequals(detail::csv_trim(names[i]), w)) {
            return i;
        }
    }
    throw usage_error("column '" + want + "' not found in header (columns: " +
                      join_names(names) + ")");
}

void map_columns(Plan& plan, const ColumnMapping& explicit_map, std::uint64_t header_line) {
    const std::array<const std::string*, detail::csv_role_count> wanted{
        &explicit_map.case_id,    &explicit_map.activity, &explicit_map.timestamp,
        &explicit_map.resource,   &explicit_map.department, &explicit_map.channel,
        &explicit_map.lifecycle};
    plan.role.fill(npos);
    std::vector<bool> used(plan.names.size(), false);
    for (std::size_t r = 0; r < detail::csv_role_count; ++r) {
        if (!wanted[r]->empty()) {
            plan.role[r] = find_named_column(plan.names, *wanted[r]);
            used[plan.role[r]] = true;
        }
    }
    for (std::size_t r = 0; r < detail::csv_role_count; ++r) {
        if (plan.role[r] != npos) {
            continue;
        }
        const auto aliases = detail::csv_role_aliases(static_cast<CsvRole>(r));
        for (int pass = 0; pass < 2 && plan.role[r] == npos; ++pass) {
            for (const std::string_view alias : aliases) {
                for (std::size_t i = 0; i < plan.names.size() && plan.role[r] == npos; ++i) {
                    const std::string_view n = detail::csv_trim(plan.names[i]);
                    if (!used[i] && (pass == 0 ? n == alias : detail::csv_iequals(n, alias))) {
                        plan.role[r] = i;
                        used[i] = true;
                    }
                }
                if (plan.role[r] != npos) {
                    break;
                }
            }
        }
    }
    const std::array<std::pair<CsvRole, const char*>, 3> required{
        std::pair{CsvRole::case_id, "no case id column (looked for: "},
        std::pair{CsvRole::activity, "no activity column (looked for: "},
        std::pair{CsvRole::timestamp, "no timestamp column (looked for: "}};
    const std::array<const char*, 3> flags{"--case-column", "--activity-column",
                                           "--timestamp-column"};
    for (std::size_t k = 0; k < required.size(); ++k) {
        if (!plan.has(required[k].first)) {
            throw format_error(plan.path, header_line, 0,
                               std::string(required[k].second) +
                                   join_aliases(required[k].first) + "; use " + flags[k] +
                                   ")");
        }
    }
}

// Every column that feeds no role becomes an attribute.
void plan_attributes(Plan& plan, ImportReport& report) {
    std::vector<bool> is_role(plan.names.size(), false);
    for (const std::size_t c : plan.role) {
        if (c != npos) {
            is_role[c] = true;
        }
    }
    for (std::size_t i = 0; i < plan.names.size(); ++i) {
        if (is_role[i]) {
            continue;
        }
        AttrSpec spec;
        spec.column = i;
        std::string key;
        if (detail::csv_trim(plan.names[i]).empty()) {
            key = "column_" + std::to_string(i + 1);
            report.warnings.push_back("column " + std::to_string(i + 1) +
                                      " has no name; read as '" + key + "'");
        } else {
            const detail::CsvAttrHeader h = detail::csv_split_header(plan.names[i]);
            key = std::string(h.key);
            spec.case_level = h.case_level;
            if (h.hint) {
                spec.hinted = true;
                spec.type = *h.hint;
            }
        }
        // Two columns that would fill the same attribute: rename the later one.
        const auto clashes = [&](const std::string& k) {
            return std::any_of(plan.attrs.begin(), plan.attrs.end(), [&](const AttrSpec& o) {
                return o.key == k && o.case_level == spec.case_level &&
                       (!o.hinted || !spec.hinted || o.type == spec.type);
            });
        };
        if (clashes(key)) {
            std::string renamed;
            for (std::size_t n = 2;; ++n) {
                renamed = key + "_" + std::to_string(n);
                if (!clashes(renamed)) {
                    break;
                }
            }
            report.warnings.push_back("column " + std::to_string(i + 1) + " '" +
                                      plan.names[i] + "' repeats an attribute name; read as '" +
                                      renamed + "'");
            key = renamed;
        }
        spec.key = std::move(key);
        plan.attrs.push_back(std::move(spec));
    }
}

// The format that parses the most samples (ties: iso, ymd, dmy, mdy, epoch);
// nullopt when none parses any.
std::optional<TimeFormat> best_partial_format(const std::vector<std::string_view>& samples,
                                              std::size_t& parsed) {
    using K = TimeFormat::Kind;
    std::optional<TimeFormat> best;
    parsed = 0;
    for (const K kind : {K::iso, K::ymd, K::dmy, K::mdy, K::epoch_s}) {
        const TimeFormat f(kind);
        std::vector<std::string_view> ok;
        for (const std::string_view s : samples) {
            Timestamp t = 0;
            if (f.parse(s, t)) {
                ok.push_back(s);
            }
        }
        if (ok.size() > parsed) {
            parsed = ok.size();
            best = kind == K::epoch_s ? infer_time_format(ok) : f;
        }
    }
    return best;
}

// Reads the first records to collect timestamp and attribute samples.
// @returns the mean bytes per record seen (an estimate to reserve memory with).
double sample(Plan& plan, const char* begin, const char* end,
              std::vector<std::string>& time_samples) {
    CsvScanner scanner(begin, end, plan.delimiter);
    std::vector<CsvField> fields;
    const std::size_t ncols = plan.names.size();
    const std::size_t c_time = plan.col(CsvRole::timestamp);
    std::size_t records = 0;
    while (scanner.next(fields) == CsvScanner::Status::record) {
        if (fields.size() != ncols) {
            continue;
        }
        const bool in_window = records < detail::csv_sample_records;
        ++records;
        if (fields[c_time].size != 0) {
            time_samples.emplace_back(fields[c_time].view());
        }
        if (!in_window) {
            // Past the window only to find some timestamp at all.
            if (time_samples.size() >= detail::csv_sample_values) {
                break;
            }
            continue;
        }
        for (AttrSpec& a : plan.attrs) {
            const CsvField& f = fields[a.column];
            if (!a.hinted && f.size != 0 && a.samples.size() < detail::csv_sample_values) {
                a.samples.emplace_back(f.view());
            }
        }
        if (records == detail::csv_sample_records && !time_samples.empty()) {
            break;
        }
    }
    return records == 0 ? 64.0
                        : static_cast<double>(scanner.position() - begin) /
                              static_cast<double>(records);
}

void choose_time_format(Plan& plan, const ReadOptions& options,
                        const std::vector<std::string>& time_samples, ImportReport& report) {
    if (!options.time_format.empty() && options.time_format != "auto") {
        const auto f = TimeFormat::from_spec(options.time_format);
        if (!f) {
            throw usage_error("unknown time format '" + options.time_format +
                              "' (use auto, iso, ymd, dmy, mdy, epoch-s, epoch-ms or a "
                              "%-pattern such as '%d.%m.%Y %H:%M')");
        }
        plan.time_format = options.ignore_utc_offsets ? f->ignoring_offsets() : *f;
        report.timestamp_format = f->spec();
        report.timestamp_format_inferred = false;
        return;
    }
    report.timestamp_format_inferred = true;
    const std::vector<std::string_view> views(time_samples.begin(), time_samples.end());
    if (views.empty()) {
        plan.time_format = TimeFormat(TimeFormat::Kind::iso);
    } else if (const auto f = infer_time_format(views)) {
        plan.time_format = *f;
    } else {
        std::size_t parsed = 0;
        const auto best = best_partial_format(views, parsed);
        if (best) {
            plan.time_format = *best;
            report.warnings.push_back(
                "timestamp format '" + best->spec() + "' parses " + std::to_string(parsed) +
                " of " + std::to_string(views.size()) + " sampled values of column '" +
                plan.names[plan.col(CsvRole::timestamp)] + "'");
        } else {
            plan.time_format = TimeFormat(TimeFormat::Kind::iso);
            report.warnings.push_back("no timestamp format parses the sampled values of column '" +
                                      plan.names[plan.col(CsvRole::timestamp)] +
                                      "'; trying iso");
        }
    }
    report.timestamp_format = plan.time_format.spec();
    if (options.ignore_utc_offsets) {
        plan.time_format = plan.time_format.ignoring_offsets();
    }
}

// Cuts [begin, end) into up to `n` chunks that start at record boundaries, found
// by quote parity (a `\n` with an even number of quotes before it). A cut that is
// wrong (stray quotes inside unquoted fields) is caught when the chunk before it
// ends inside a quoted field; see read_csv.
std::vector<Chunk> cut_chunks(const char* begin, const char* end, std::size_t n) {
    std::vector<const char*> cuts{begin};
    const auto size = static_cast<std::size_t>(end - begin);
    const char* counted = begin;
    bool odd = false;
    for (std::size_t i = 1; i < n; ++i) {
        const char* target = begin + size / n * i;
        if (target <= cuts.back()) {
            continue;
        }
        for (const char* q = counted;;) {
            q = static_cast<const char*>(
                std::memchr(q, '"', static_cast<std::size_t>(target - q)));
            if (q == nullptr) {
                break;
            }
            odd = !odd;
            ++q;
        }
        const char* p = target;
        while (p != end && (*p != '\n' || odd)) {
            odd = odd != (*p == '"');
            ++p;
        }
        if (p == end || p + 1 == end) {
            break;
        }
        cuts.push_back(p + 1);
        counted = p + 1;
    }
    std::vector<Chunk> chunks(cuts.size());
    for (std::size_t i = 0; i < cuts.size(); ++i) {
        chunks[i].begin = cuts[i];
        chunks[i].end = i + 1 < cuts.size() ? cuts[i + 1] : end;
    }
    return chunks;
}

void reserve_chunk(Chunk& c, const Plan& plan, double bytes_per_record) {
    const auto n = static_cast<std::size_t>(static_cast<double>(c.end - c.begin) /
                                            std::max(bytes_per_record, 8.0) * 1.05) +
                   16;
    c.ev_case.reserve(n);
    c.ev_activity.reserve(n);
    c.ev_time.reserve(n);
    if (plan.has(CsvRole::resource)) {
        c.ev_resource.reserve(n);
    }
    if (plan.has(CsvRole::department)) {
        c.ev_department.reserve(n);
    }
    if (plan.has(CsvRole::channel)) {
        c.ev_channel.reserve(n);
    }
    if (plan.has(CsvRole::lifecycle)) {
        c.ev_lifecycle.reserve(n);
    }
    // Typed event columns are usually dense.
    c.slots.resize(plan.attrs.size() * slot_kinds);
    for (std::size_t a = 0; a < plan.attrs.size(); ++a) {
        if (!plan.attrs[a].case_level && !plan.attrs[a].deferred) {
            c.slots[a * slot_kinds + slot_typed].rows.reserve(n);
            c.slots[a * slot_kinds + slot_typed].raws.reserve(n);
        }
    }
}

void parse_all(const Plan& plan, std::vector<Chunk>& chunks, Progress* progress) {
    std::vector<std::thread> workers;
    workers.reserve(chunks.size());
    try {
        for (std::size_t i = 1; i < chunks.size(); ++i) {
            workers.emplace_back(detail::csv::parse_chunk, std::cref(plan), std::ref(chunks[i]), progress,
                                 false);
        }
    } catch (...) {
        // Could not start a thread: the rest is parsed below on this one.
    }
    detail::csv::parse_chunk(plan, chunks[0], progress, true);
    for (std::thread& t : workers) {
        t.join();
    }
    for (std::size_t i = workers.size() + 1; i < chunks.size(); ++i) {
        detail::csv::parse_chunk(plan, chunks[i], progress, true);
    }
    for (const Chunk& c : chunks) {
        if (c.exception) {
            std::rethrow_exception(c.exception);
        }
    }
}

} // namespace

ReadResult read_csv(std::string_view data, const ReadOptions& options, const std::string& path) {
    ReadResult result;
    ImportReport& report = result.report;
    report.path = path;
    report.format = "csv";
    report.bytes = data.size();

    Plan plan;
    plan.path = path;
    plan.policy = options.on_bad_record;

    const char* const begin = data.data();
    const char* const end = data.data() + data.size();
    const char* p = begin;
    if (data.size() >= 3 && data.substr(0, 3) == "\xEF\xBB\xBF") {
        p += 3;
    }
    if (options.delimiter == '\0') {
        plan.delimiter = sniff_delimiter(std::string_view(p, static_cast<std::size_t>(end - p)));
    } else {
        if (options.delimiter == '"' || options.delimiter == '\n' || options.delimiter == '\r') {
            throw usage_error("invalid CSV delimiter: it cannot be a quote or a line break");
        }
        plan.delimiter = options.delimiter;
    }

    // Header.
    CsvScanner header_scanner(p, end, plan.delimiter);
    std::vector<CsvField> fields;
    const CsvScanner::Status hs = header_scanner.next(fields);
    if (hs == CsvScanner::Status::end) {
        throw format_error(path, 0, 0, "empty input: no header row");
    }
    if (hs == CsvScanner::Status::unterminated) {
        std::uint64_t line = 0;
        std::uint64_t column = 0;
        header_scanner.locate(header_scanner.unterminated_quote(), line, column);
        throw format_error(path, line + 1, column,
                           "unterminated quoted field starting at line " +
                               std::to_string(line + 1));
    }
    const std::uint64_t header_line = header_scanner.record_line() + 1;
    for (const CsvField& f : fields) {
        plan.names.emplace_back(f.view());
    }
    const char* const data_begin = header_scanner.position();
    const std::uint64_t header_lines = header_scanner.lines();

    map_columns(plan, options.columns, header_line);
    for (std::size_t r = 0; r < detail::csv_role_count; ++r) {
        if (plan.role[r] != npos) {
            report.mapping.emplace_back(
                std::string(detail::csv_role_name(static_cast<CsvRole>(r))),
                plan.names[plan.role[r]]);
        }
    }
    plan_attributes(plan, report);

    std::vector<std::string> time_samples;
    const double bytes_per_record = sample(plan, data_begin, end, time_samples);
    choose_time_format(plan, options, time_samples, report);
    for (AttrSpec& a : plan.attrs) {
        if (a.hinted) {
            continue;
        }
        if (a.samples.empty()) {
            a.deferred = true;
        } else {
            const std::vector<std::string_view> views(a.samples.begin(), a.samples.end());
            a.type = detail::csv_infer_type(views, plan.time_format);
        }
        std::vector<std::string>().swap(a.samples);
    }

    // Chunks.
    const auto data_size = static_cast<std::size_t>(end - data_begin);
    std::size_t threads = options.threads;
    if (threads == 0) {
        threads = std::max(1u, std::thread::hardware_concurrency());
    }
    std::size_t nchunks = 1;
    if (threads > 1 && data_size > parallel_min_bytes) {
        nchunks = std::min(threads, data_size / chunk_min_bytes);
    }
    std::vector<Chunk> chunks = cut_chunks(data_begin, end, nchunks);
    for (Chunk& c : chunks) {
        reserve_chunk(c, plan, bytes_per_record);
    }

    Progress progress;
    Progress* prog = nullptr;
    if (options.progress) {
        progress.callback = &options.progress;
        progress.total = data.size();
        progress.base = static_cast<std::uint64_t>(data_begin - begin);
        prog = &progress;
    }
    parse_all(plan, chunks, prog);
    if (progress.cancelled.load()) {
        throw error("cancelled");
    }

    // A chunk other than the last that ends inside quotes was cut at a line break
    // inside a quoted field: parse from its start again, on this thread.
    for (std::size_t i = 0; i + 1 < chunks.size(); ++i) {
        if (chunks[i].ran_off && !chunks[i].failed) {
            const char* from = chunks[i].begin;
            chunks.resize(i + 1);
            chunks[i] = Chunk{};
            chunks[i].begin = from;
            chunks[i].end = end;
            detail::csv::parse_chunk(plan, chunks[i], prog, true);
            if (chunks[i].exception) {
                std::rethrow_exception(chunks[i].exception);
            }
            if (progress.cancelled.load()) {
                throw error("cancelled");
            }
            break;
        }
        if (chunks[i].failed) {
            break;
        }
    }

    // Errors and rejects, in input order.
    std::uint64_t base = header_lines;
    std::uint64_t events = 0;
    for (const Chunk& c : chunks) {
        report.records += c.records;
        for (const LocalReject& r : c.rejects) {
            if (c.failed) {
                throw format_error(path, base + r.line + 1, r.column, r.reason);
            }
            report.reject(RejectedRecord{base + r.line + 1, r.column, r.reason, r.record},
                          options.reject_sink);
        }
        if (c.ran_off) {
            const std::uint64_t line = base + c.open_quote_line + 1;
            throw format_error(path, line, c.open_quote_column,
                               "unterminated quoted field starting at line " +
                                   std::to_string(line));
        }
        base += c.lines;
        events += c.ev_time.size();
    }

    if (events > 0xFFFFFFFFu) {
        throw format_error(path, 0, 0, "more than 4294967295 events: too many for one log");
    }
    result.log = detail::csv::merge(plan, chunks, static_cast<std::size_t>(events));
    std::vector<Chunk>().swap(chunks);
    report.events = result.log.num_events();
    report.cases = result.log.num_cases();
    if (options.progress) {
        options.progress(data.size(), data.size());
    }
    return result;
}

} // namespace journey::io
