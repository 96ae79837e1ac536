#pragma once
// The journey command line run in-process, for the tests that link journey_cli_lib.

#include <sstream>
#include <string>
#include <vector>

#include "cli.hpp"

namespace journey::test {

/// What one run of the command line gave: its exit code, standard output and
/// standard error.
struct Run {
    int code;
    std::string out;
    std::string err;
};

/// Runs `journey <args...>` (as journey::cli::run_cli, err not a terminal).
inline Run run(const std::vector<std::string>& args) {
    std::ostringstream out;
    std::ostringstream err;
    const int code = cli::run_cli(args, out, err);
    return {code, out.str(), err.str()};
}

} // namespace journey::test
