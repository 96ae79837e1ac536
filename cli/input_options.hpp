#pragma once
// Options every command that reads a log shares: format, column mapping, timestamp
// format, bad-row policy and reject file, threads.

#include <string>

#include <journey/io/read_options.hpp>

#include "context.hpp"

namespace CLI {
class App;
}

namespace journey::cli {

struct InputOptions {
    std::string format = "auto";
    io::ColumnMapping columns;
    std::string time_format = "auto";
    std::string delimiter;
    std::string on_bad_row = "fail";
    std::string reject_file;
    unsigned threads = 0;
};

/// Adds --format, --case-column ... --lifecycle-column, --time-format, --delimiter,
/// --on-bad-row, --reject-file and --threads to `sub`.
void add_input_options(CLI::App& sub, InputOptions& options);

/// Reads a log as the options say. Rejected rows go to --reject-file (CSV with
/// columns line,column,reason,record) and a one-line summary goes to stderr.
/// Shows a progress bar on stderr when it is a terminal and the read takes a while.
/// @throws journey::usage_error for bad option values; reader exceptions pass through.
io::ReadResult load_log(const std::string& path, const InputOptions& options, Context& ctx);

} // namespace journey::cli
