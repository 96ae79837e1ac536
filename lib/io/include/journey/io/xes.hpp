#pragma once
/// @file
/// XES (IEEE 1849-2016) event logs, plain or gzip-compressed.

#include <iosfwd>
#include <string>
#include <string_view>

#include <journey/core/api.hpp>
#include <journey/io/read_options.hpp>

namespace journey::io {

/// Reads an XES file (`.xes` or `.xes.gz`; gzip is detected by content), streaming
/// trace by trace so memory is bounded by the largest trace plus the log built.
/// Core fields come from `concept:name`, `time:timestamp`, `org:resource`,
/// `org:group`, `lifecycle:transition` (or the keys in options.columns); every other
/// attribute is kept, typed, at event or case level; lists and containers are kept
/// as canonical text (docs/formats.md). Log attributes, extensions, globals and
/// classifiers go to EventLog::meta().
/// @throws journey::io_error if the file cannot be read; journey::format_error on
///         malformed XML/gzip, or a bad event under BadRecordPolicy::fail.
JOURNEY_API ReadResult read_xes_file(const std::string& path, const ReadOptions& options);

/// Reads XES held in memory (plain or gzip bytes).
JOURNEY_API ReadResult read_xes(std::string_view data, const ReadOptions& options,
                                const std::string& path = {});

/// Writes the log as XES (uncompressed): meta, then one trace per case with its
/// attributes and events. import -> write -> import gives an equal EventLog.
/// @throws journey::error if a list attribute does not hold canonical list text.
JOURNEY_API void write_xes(const EventLog& log, std::ostream& out);

} // namespace journey::io
