#include "commands.hpp"

#include "cmd_spec.hpp"

#include <CLI/CLI.hpp>

namespace journey::cli {

void register_commands(CLI::App& app, Context& ctx) {
    setup_info(app, ctx);
    setup_dfg(app, ctx);
    setup_variants(app, ctx);
    setup_map(app, ctx);
    setup_poster(app, ctx);
    setup_compare(app, ctx);
    setup_handoffs(app, ctx);
    setup_scorecard(app, ctx);
    setup_watermelon(app, ctx);
    setup_convert(app, ctx);
    setup_spec(app, ctx);
#ifdef JOURNEY_HAVE_SIM
    setup_simulate(app, ctx);
#endif
#ifdef JOURNEY_HAVE_STORE
    setup_import(app, ctx);
    setup_export(app, ctx);
    setup_stitch(app, ctx);
#endif
}

} // namespace journey::cli
