#pragma once
// journey spec check|fmt|bind, and the --spec FILE option every other command shares.

#include <optional>
#include <string>

#include <journey/core/model.hpp>

#include "context.hpp"

namespace CLI {
class App;
}

namespace journey::cli {

/// Adds the `spec` subcommand (check, fmt, bind) to `app`.
void setup_spec(CLI::App& app, Context& ctx);

/// Adds `--spec FILE` (a .journey file) to a subcommand.
void add_spec_option(CLI::App& sub, std::string& path, bool required = false);

/// Reads and compiles a .journey file (holiday files next to it are read from disk).
/// Diagnostics (errors and warnings) go to ctx.err.
/// @returns the model, or nullopt when the spec has errors (the caller exits with 1).
/// @throws journey::io_error when the file cannot be read.
std::optional<Journey> load_spec(const std::string& path, Context& ctx);

} // namespace journey::cli
