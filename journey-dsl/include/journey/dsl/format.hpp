#pragma once
/// @file
/// The formatter: a journey model printed as canonical `.journey` text.
///
/// Compiling the printed text gives back an equal model (parse → print → parse is the
/// identity), and printing is idempotent. Layout: two-space indentation, one statement
/// per line, statements of a block in a fixed order; statements longer than 100 columns
/// break before their clauses (continuation lines indented by four more), lists break
/// one value per line and order expressions at their operators. A single clause that
/// cannot break (a selector's condition) may stay longer.

#include <span>
#include <string>

#include <journey/core/api.hpp>
#include <journey/core/model.hpp>
#include <journey/dsl/compile.hpp>

namespace journey::dsl {

/// Prints `model` as canonical text, with `comments` (from CompileResult) placed at
/// the statements they belong to. A comment whose statement no longer exists is
/// printed at the end of the enclosing block, so no comment is lost.
JOURNEY_API std::string format_spec(const Journey& model,
                                    std::span<const SpecComment> comments = {});

/// Quotes a string for the DSL: `"..."` with `\"`, `\\`, `\n`, `\t` escaped.
JOURNEY_API std::string quote(std::string_view s);

} // namespace journey::dsl
