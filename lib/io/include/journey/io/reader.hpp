#pragma once
/// @file
/// One entry point for every input format: reads a path or a buffer, picking the
/// format from options.format, else the file extension, else the content.

#include <string>
#include <string_view>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/io/read_options.hpp>

namespace journey::io {

/// Formats known to this build, in the order `--help` lists them.
JOURNEY_API const std::vector<std::string>& input_formats();

/// Guesses a format name from a path's extension (".csv", ".tsv", ".txt", ".xes",
/// ".xes.gz"); empty when unknown.
JOURNEY_API std::string format_from_extension(std::string_view path);

/// Guesses a format from the first bytes of content (gzip magic, '<?xml'/'<log',
/// else csv); empty for empty content.
JOURNEY_API std::string format_from_content(std::string_view head);

/// Reads an event log from a file.
/// @throws journey::io_error, journey::format_error, journey::usage_error (unknown format)
JOURNEY_API ReadResult read_log(const std::string& path, const ReadOptions& options = {});

/// Reads an event log from memory. `format` may be "auto" (content sniffing).
JOURNEY_API ReadResult read_log_buffer(std::string_view data, const ReadOptions& options,
                                       const std::string& name = {});

/// Writes a log to a file in `format` ("csv" or "xes"; "auto" = from extension).
/// @throws journey::io_error, journey::usage_error
JOURNEY_API void write_log(const EventLog& log, const std::string& path,
                           const std::string& format = "auto");

} // namespace journey::io
