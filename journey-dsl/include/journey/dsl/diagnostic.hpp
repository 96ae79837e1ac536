#pragma once
/// @file
/// Diagnostics: problems found in spec text, collected (never thrown) and rendered as
/// `file:line:col: error: message [code]`, the source line, and a caret/underline.

#include <string>
#include <string_view>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/dsl/source.hpp>

namespace journey::dsl {

enum class Severity : std::uint8_t { error, warning };

/// "error" or "warning".
JOURNEY_API std::string_view severity_name(Severity s) noexcept;

/// A secondary location with a message ("first defined here").
struct DiagnosticNote {
    SourceRange range;
    std::string message;
    friend bool operator==(const DiagnosticNote&, const DiagnosticNote&) = default;
};

/// One problem in a spec. `code` is stable (docs/dsl-reference.md lists every code)
/// and names the warning to switch off for warnings.
struct Diagnostic {
    Severity severity = Severity::error;
    std::string code;
    std::string message;
    SourceRange range;
    std::vector<DiagnosticNote> notes;
    friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

/// True when any diagnostic is an error.
JOURNEY_API bool has_errors(const std::vector<Diagnostic>& diagnostics) noexcept;
/// Number of errors.
JOURNEY_API std::size_t error_count(const std::vector<Diagnostic>& diagnostics) noexcept;

/// Sorts by (file, offset, severity, code, message); stable for equal keys.
JOURNEY_API void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

/// Renders one diagnostic:
/// ```
/// move.journey:12:11: error: unknown department 'BILL'; did you mean 'BIL'? [unknown-department]
///    12 |     owner BILL
///       |           ^~~~
/// move.journey:3:5: note: first defined here
///     3 | ...
/// ```
/// Source lines longer than 72 bytes are shown as a window around the range, marked
/// with "...". Tabs are kept so the caret lines up. Ends with a newline.
JOURNEY_API std::string render_diagnostic(const Diagnostic& d, const SourceManager& sources);

/// Renders all diagnostics in order.
JOURNEY_API std::string render_diagnostics(const std::vector<Diagnostic>& diagnostics,
                                           const SourceManager& sources);

/// The "did you mean" candidate for `name` among `candidates`: the closest by edit
/// distance (case-insensitive), if within max(1, size/3) edits; empty otherwise.
JOURNEY_API std::string closest_name(std::string_view name,
                                     const std::vector<std::string>& candidates);

} // namespace journey::dsl
