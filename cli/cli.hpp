#pragma once
// The journey command line as a library function, so tests run it in-process.

#include <iosfwd>
#include <string>
#include <vector>

namespace journey::cli {

/// Exit codes of every subcommand.
enum ExitCode : int {
    exit_ok = 0,    ///< success
    exit_data = 1,  ///< the input data (or spec) has errors, or an operation failed
    exit_usage = 2, ///< the command line is wrong
};

/// Runs `journey <args...>`: data on `out`, diagnostics on `err`.
/// `err_is_terminal` turns on progress bars.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
            bool err_is_terminal = false);

} // namespace journey::cli
