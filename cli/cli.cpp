#include "cli.hpp"

#include <ostream>

#include <CLI/CLI.hpp>

#include <journey/core/error.hpp>
#include <journey/version.hpp>

#include "commands.hpp"
#include "context.hpp"

namespace journey::cli {

namespace {

std::string features() {
    std::string f = "csv xes";
#ifdef JOURNEY_HAVE_RENDER
    f += " dot graphviz";
#endif
#ifdef JOURNEY_HAVE_DSL
    f += " dsl";
#endif
#ifdef JOURNEY_HAVE_SIM
    f += " sim";
#endif
#ifdef JOURNEY_HAVE_STORE
    f += " store ocel";
#endif
    return f;
}

} // namespace

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
            bool err_is_terminal) {
    Context ctx{out, err, err_is_terminal, exit_ok};
    CLI::App app{"journey: customer-journey mapping and process mining", "journey"};
    app.require_subcommand(1);
    app.fallthrough(false);
    app.set_version_flag("--version", std::string("journey ") + std::string(version()) +
                                          "\nfeatures: " + features());
    register_commands(app, ctx);

    // CLI11 wants argv order reversed for parse(std::vector<std::string>).
    std::vector<std::string> rev(args.rbegin(), args.rend());
    try {
        app.parse(rev);
    } catch (const CLI::CallForHelp& e) {
        app.exit(e, out, err);
        return exit_ok;
    } catch (const CLI::CallForAllHelp& e) {
        app.exit(e, out, err);
        return exit_ok;
    } catch (const CLI::CallForVersion& e) {
        app.exit(e, out, err);
        return exit_ok;
    } catch (const CLI::ParseError& e) {
        err << "journey: " << e.what() << "\n";
        err << "Run with --help for more information.\n";
        return exit_usage;
    } catch (const usage_error& e) {
        err << "journey: " << e.what() << "\n";
        return exit_usage;
    } catch (const format_error& e) {
        err << format_error::compose(e.path(), e.line(), e.column(), "error: " + e.message())
            << "\n";
        return exit_data;
    } catch (const error& e) {
        err << "journey: " << e.what() << "\n";
        return exit_data;
    } catch (const std::bad_alloc&) {
        err << "journey: out of memory\n";
        return exit_data;
    } catch (const std::exception& e) {
        err << "journey: internal error: " << e.what() << "\n";
        return exit_data;
    }
    return ctx.exit_code;
}

} // namespace journey::cli
