#pragma once
/// @file
/// Lays out DOT text with the Graphviz library (gvc/cgraph, "dot" engine) and
/// renders it to SVG, PDF or PNG. Graphviz is optional at build time
/// (JOURNEY_WITH_GRAPHVIZ); without it these functions report that layout is not
/// available, and DOT text (journey/render/dot.hpp) still works.
///
/// Thread-safety: the Graphviz library is not thread-safe. These functions may be
/// called from any thread, but journeykit runs one layout at a time (an internal
/// mutex); other code in the same process must not call Graphviz concurrently.
/// Graphviz messages never reach stderr: errors become exceptions, warnings are
/// dropped.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <journey/core/api.hpp>

namespace journey::render {

/// True when this build lays out maps with Graphviz.
JOURNEY_API bool layout_available() noexcept;

/// The formats render() can produce: {"svg", "pdf", "png"} with Graphviz, else empty.
JOURNEY_API std::vector<std::string> layout_formats();

/// Lays out `dot` (one graph in the DOT language) and writes it to `out` in `format`:
/// "svg", "pdf" or "png"; "dot" copies the text unchanged (no Graphviz needed).
/// @throws journey::usage_error for an unknown format.
/// @throws journey::error when Graphviz is not compiled in, rejects the text (the
///         message holds Graphviz's own, e.g. "syntax error in line 1 near '->'"),
///         or cannot render the format (a missing plugin at run time).
JOURNEY_API void render(std::string_view dot, const std::string& format, std::ostream& out);

/// Like render(), writing to the file `path`, with the format taken from its
/// extension (.svg, .pdf, .png or .dot, any case). Nothing is written when layout fails.
/// @throws journey::usage_error for another extension, journey::io_error when the
///         file cannot be written, journey::error as render().
JOURNEY_API void render_file(std::string_view dot, const std::string& path);

} // namespace journey::render
