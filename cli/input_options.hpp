#pragma once
// Options every command that reads a log shares: format, column mapping, timestamp
// format, bad-row policy and reject file, threads.

#include <string>
#include <vector>

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
    bool ignore_utc_offsets = false;
#ifdef JOURNEY_HAVE_STORE
    /// When the input is a store: the sources and journey types to read (empty = all).
    std::vector<std::string> sources;
    std::vector<std::string> journey_types;
#endif
};

/// Adds --format, --case-column ... --lifecycle-column, --time-format, --delimiter,
/// --on-bad-row, --reject-file and --threads to `sub`; with a store build and
/// `store_filters`, also --source and --journey-type.
void add_input_options(CLI::App& sub, InputOptions& options, bool store_filters = true);

/// Reads a log as the options say. Rejected rows go to --reject-file (CSV with
/// columns line,column,reason,record) and to `all_rejects` when given, and a
/// one-line summary goes to stderr. Shows a progress bar on stderr when it is a
/// terminal and the read takes a while. A journeykit store (an SQLite file, or a
/// path ending in .sqlite or .db) is read through --source/--journey-type; an OCEL
/// 2.0 SQLite file reads as one case per event.
/// @throws journey::usage_error for bad option values; reader exceptions pass through.
io::ReadResult load_log(const std::string& path, const InputOptions& options, Context& ctx,
                        std::vector<RejectedRecord>* all_rejects = nullptr);

} // namespace journey::cli
