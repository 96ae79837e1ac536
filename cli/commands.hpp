#pragma once
// The one list of subcommands (see commands.cpp).

#include "cli.hpp"
#include "context.hpp"

namespace CLI {
class App;
}

namespace journey::cli {

/// Adds every subcommand to `app`.
void register_commands(CLI::App& app, Context& ctx);

// One setup function per subcommand, each in its own cmd_<name>.cpp.
void setup_info(CLI::App& app, Context& ctx);
void setup_dfg(CLI::App& app, Context& ctx);
void setup_variants(CLI::App& app, Context& ctx);
void setup_map(CLI::App& app, Context& ctx);
void setup_convert(CLI::App& app, Context& ctx);
void setup_simulate(CLI::App& app, Context& ctx);
void setup_import(CLI::App& app, Context& ctx);
void setup_export(CLI::App& app, Context& ctx);
void setup_stitch(CLI::App& app, Context& ctx);
void setup_poster(CLI::App& app, Context& ctx);
void setup_compare(CLI::App& app, Context& ctx);
void setup_handoffs(CLI::App& app, Context& ctx);
void setup_scorecard(CLI::App& app, Context& ctx);
void setup_watermelon(CLI::App& app, Context& ctx);

} // namespace journey::cli
