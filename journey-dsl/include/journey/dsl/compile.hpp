#pragma once
/// @file
/// Compiling `.journey` text to the journey model (journey/core/model.hpp).
///
/// compile() lexes and parses the text (recovering at statement boundaries, so one run
/// reports many syntax errors), then runs a separate checker over the result
/// (references, duplicates, cycles, SLAs, overlapping match rules, ...). It never
/// throws on bad text: problems come back as diagnostics, and the model is as complete
/// as the text allowed.

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/model.hpp>
#include <journey/dsl/diagnostic.hpp>
#include <journey/dsl/source.hpp>

namespace journey::dsl {

/// A comment of the source text (`# ...`), kept so that the formatter can print it
/// again. `anchor` names the statement it belongs to (e.g. "touchpoint:T01/match:0");
/// `trailing` comments were on the same line after the statement's code.
struct SpecComment {
    std::string anchor;
    std::string text; ///< without the '#', trailing blanks removed
    bool trailing = false;
    friend bool operator==(const SpecComment&, const SpecComment&) = default;
};

struct CompileOptions {
    /// Reads holiday files; nullptr = includes are reported as not found.
    FileSystem* files = nullptr;
    /// Stop collecting errors after this many (a final "too-many-errors" error says so).
    std::size_t max_errors = 50;
    /// Warning codes not to report (e.g. "unordered-touchpoint").
    std::set<std::string, std::less<>> disabled_warnings;
    /// Report warnings as errors.
    bool warnings_as_errors = false;
};

struct CompileResult {
    Journey model;
    std::vector<Diagnostic> diagnostics; ///< sorted by location
    std::vector<SpecComment> comments;   ///< in source order
    bool has_errors() const noexcept { return dsl::has_errors(diagnostics); }
};

/// Compiles the buffer `file` of `sources`.
/// Thread-safety: uses only its arguments; `sources` is modified (included files are
/// added to it).
JOURNEY_API CompileResult compile(SourceManager& sources, FileId file,
                                  const CompileOptions& options = {});

/// Convenience: stores `text` under `name` in `sources` and compiles it.
JOURNEY_API CompileResult compile_text(SourceManager& sources, std::string name, std::string text,
                                       const CompileOptions& options = {});

/// Every diagnostic code compile() can report, sorted (for docs and tests).
JOURNEY_API const std::vector<std::string>& diagnostic_codes();

/// Codes that are warnings (the rest are errors).
JOURNEY_API const std::vector<std::string>& warning_codes();

} // namespace journey::dsl
