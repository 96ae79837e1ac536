#pragma once
/// @file
/// Options shared by every reader, and the result a reader returns.

#include <string>

#include <journey/core/event_log.hpp>
#include <journey/core/import_report.hpp>

namespace journey::io {

/// Which source column (CSV) or attribute key (XES) feeds each core field.
/// Empty means "recognise it": the XES/pm4py names first (`case:concept:name`,
/// `concept:name`, `time:timestamp`, `org:resource`, `org:group`,
/// `lifecycle:transition`), then the aliases listed in docs/formats.md.
struct ColumnMapping {
    std::string case_id;
    std::string activity;
    std::string timestamp;
    std::string resource;
    std::string department;
    std::string channel;
    std::string lifecycle;
    friend bool operator==(const ColumnMapping&, const ColumnMapping&) = default;
};

struct ReadOptions {
    /// "auto" (extension, then content), "csv" or "xes".
    std::string format = "auto";
    ColumnMapping columns;
    /// "auto" (inferred from a sample, stated in the report) or a TimeFormat spec.
    std::string time_format = "auto";
    /// Read timestamps as local wall-clock time, ignoring their UTC offsets, as
    /// pm4py does (durations across a daylight-saving change then differ from the
    /// true elapsed time by an hour). Off: offsets are applied and times are UTC.
    bool ignore_utc_offsets = false;
    /// CSV field delimiter; '\0' sniffs among , ; tab |.
    char delimiter = '\0';
    BadRecordPolicy on_bad_record = BadRecordPolicy::fail;
    /// Receives every rejected record (the CLI writes them to --reject-file).
    RejectSink reject_sink;
    /// Progress in input bytes; may be empty.
    ProgressCallback progress;
    /// Worker threads for readers that split work (0 = hardware concurrency).
    /// The result never depends on it.
    unsigned threads = 0;
};

struct ReadResult {
    EventLog log;
    ImportReport report;
};

} // namespace journey::io
