#pragma once
/// @file
/// What an import did: counts, the choices it made, and the records it rejected.

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <journey/core/api.hpp>

namespace journey {

/// What a reader does with a record it cannot use (bad timestamp, empty case id,
/// wrong number of fields).
enum class BadRecordPolicy {
    fail, ///< throw journey::format_error naming file, line, column and value (default)
    skip, ///< count it, keep it in the report (first N) and pass it to the reject sink
};

/// One rejected record.
struct RejectedRecord {
    std::uint64_t line = 0;   ///< 1-based line (CSV) or line of the element (XES)
    std::uint64_t column = 0; ///< 1-based column (bytes) of the offending field; 0 unknown
    std::string reason;       ///< e.g. "unparseable timestamp '2019-13-01'"
    std::string record;       ///< the raw record text (CSV row; XES event element summary)
    friend bool operator==(const RejectedRecord&, const RejectedRecord&) = default;
};

/// Receives every rejected record (all of them, not only the first N).
using RejectSink = std::function<void(const RejectedRecord&)>;

/// The summary a reader returns beside the log.
struct ImportReport {
    std::string path;
    std::string format;            ///< "csv", "xes", ...
    std::uint64_t records = 0;     ///< data records read (rows, events), rejected included
    std::uint64_t events = 0;      ///< events accepted
    std::uint64_t cases = 0;       ///< distinct cases accepted
    std::uint64_t rejected = 0;    ///< records rejected
    std::uint64_t bytes = 0;       ///< input bytes (uncompressed)
    std::string timestamp_format;  ///< format used, e.g. "iso" or "%d.%m.%Y %H:%M"
    bool timestamp_format_inferred = false;
    /// role -> source column/key, e.g. {"case","Case ID"}, in a fixed role order
    std::vector<std::pair<std::string, std::string>> mapping;
    std::vector<RejectedRecord> rejects; ///< the first `max_kept_rejects`
    std::vector<std::string> warnings;

    static constexpr std::size_t max_kept_rejects = 100;

    /// Records a rejection: counts it, keeps it if there is room, forwards it to `sink`.
    void reject(RejectedRecord r, const RejectSink& sink) {
        ++rejected;
        if (sink) {
            sink(r);
        }
        if (rejects.size() < max_kept_rejects) {
            rejects.push_back(std::move(r));
        }
    }
};

/// Called during long work with (bytes or items done, total; 0 when unknown).
/// Returning false asks the operation to stop (it then throws journey::error "cancelled").
using ProgressCallback = std::function<bool(std::uint64_t done, std::uint64_t total)>;

} // namespace journey
