#pragma once
// The checker of the journey DSL (private): semantic checks over a parsed spec.

#include <vector>

#include <journey/dsl/compile.hpp>
#include <journey/dsl/diagnostic.hpp>
#include <journey/dsl/source.hpp>

#include "parser.hpp"

namespace journey::dsl::detail {

// Resolves names, loads holiday files (adding them to `sources`) and runs the
// semantic checks; fills spec.model's holiday files. Diagnostics go to `diags`.
void check(ParsedSpec& spec, SourceManager& sources, FileId file, const CompileOptions& options,
           std::vector<Diagnostic>& diags);

} // namespace journey::dsl::detail
