#pragma once
/// @file
/// A heat matrix (rows × columns of coloured cells) as plain SVG text, e.g. the
/// department × department handover matrix of `journey handoffs --heatmap`. Needs no
/// Graphviz: the layout is a fixed grid.

#include <string>
#include <vector>

#include <journey/core/api.hpp>

namespace journey::render {

/// What a heat matrix shows. Cell (r, c) is values[r * columns.size() + c].
struct HeatMatrix {
    std::string title;
    std::string subtitle;             ///< one line under the title; may be empty
    std::string row_axis = "from";    ///< caption of the row labels
    std::string column_axis = "to";   ///< caption of the column labels
    std::vector<std::string> rows;
    std::vector<std::string> columns;
    /// rows × columns values; NaN (or a missing entry) = an empty cell. Colour
    /// intensity is value / (the largest finite value); negative values count as 0.
    std::vector<double> values;
    /// Optional text per cell (same indexing); an empty string shows the value with
    /// HeatMatrixOptions::decimals.
    std::vector<std::string> cell_text;
    /// Optional tooltip per cell (an SVG <title>); empty = "row → column: text".
    std::vector<std::string> tooltips;
    std::string legend; ///< what the colour means, e.g. "handovers"
    friend bool operator==(const HeatMatrix&, const HeatMatrix&) = default;
};

struct HeatMatrixOptions {
    double cell = 48;        ///< cell width and height (px)
    double font_size = 12;   ///< px
    std::string font = "Helvetica";
    std::string low = "#fff5f0";  ///< colour of 0
    std::string high = "#a50f15"; ///< colour of the largest value
    int decimals = 0;             ///< for values shown without cell_text
    friend bool operator==(const HeatMatrixOptions&, const HeatMatrixOptions&) = default;
};

/// The matrix as a standalone SVG document (UTF-8, ends with a newline). The text is
/// deterministic: fixed number formatting, no timestamps; names are escaped and
/// invalid UTF-8 becomes U+FFFD.
/// @throws journey::usage_error when values (or cell_text, tooltips when given) do
///         not have rows × columns entries, or a colour is not "#rrggbb".
JOURNEY_API std::string heat_matrix_svg(const HeatMatrix& matrix,
                                        const HeatMatrixOptions& options = {});

} // namespace journey::render
