#pragma once
// State shared by the subcommands of one run.

#include <iosfwd>

namespace journey::cli {

struct Context {
    std::ostream& out;
    std::ostream& err;
    bool err_is_terminal = false;
    int exit_code = 0;
};

} // namespace journey::cli
