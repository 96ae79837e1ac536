#pragma once
// Internal: Graphviz layout output in any of its text formats (e.g. "plain"),
// under the one Graphviz lock of layout.cpp. Used by the journey map drawing.

#include <string>
#include <string_view>

namespace journey::render::detail {

// Lays out `dot` with the dot engine and returns the output of `format` (a Graphviz
// device name such as "plain"). Throws journey::error as render().
std::string graphviz_output(std::string_view dot, const std::string& format);

} // namespace journey::render::detail
