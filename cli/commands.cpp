#include "commands.hpp"

#include <CLI/CLI.hpp>

namespace journey::cli {

void register_commands(CLI::App& app, Context& ctx) {
    setup_info(app, ctx);
    setup_dfg(app, ctx);
    setup_variants(app, ctx);
    setup_map(app, ctx);
    setup_convert(app, ctx);
}

} // namespace journey::cli
