#pragma once
/// @file
/// CSV event logs (RFC 4180): reading with column mapping and typed attributes,
/// and writing.

#include <iosfwd>
#include <string>
#include <string_view>

#include <journey/core/api.hpp>
#include <journey/io/read_options.hpp>

namespace journey::io {

/// Reads a CSV event log held in memory. `path` is used in messages only.
/// Handles RFC 4180 quoting (doubled quotes, embedded newlines), a UTF-8 BOM, CRLF,
/// and delimiter sniffing. Columns not mapped to a core field become typed event
/// attributes (int, float, boolean, date, else string), typed by a sample.
/// @throws journey::format_error on malformed input or, under BadRecordPolicy::fail,
///         on the first bad row; journey::usage_error when a mapped column is absent.
JOURNEY_API ReadResult read_csv(std::string_view data, const ReadOptions& options,
                                const std::string& path = {});

struct CsvWriteOptions {
    char delimiter = ',';
};

/// Writes one row per event, grouped by case in log order, with a header:
/// `case:concept:name,concept:name,time:timestamp,org:resource,org:group,channel,
/// lifecycle:transition` (empty core columns are left out), then one column per
/// event attribute (`name` or `name:type` when a name has several types), then
/// case attributes as `case:<name>`. Timestamps in ISO 8601 UTC.
JOURNEY_API void write_csv(const EventLog& log, std::ostream& out,
                           const CsvWriteOptions& options = {});

} // namespace journey::io
