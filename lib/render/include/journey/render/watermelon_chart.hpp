#pragma once
/// @file
/// The watermelon chart as plain SVG text (no Graphviz): on the left, the touchpoint
/// attainment bars (the outside) against the share of journeys that are red (the
/// inside); on the right, the histogram of journey scores with its modes and valley
/// marked. The caller fills WatermelonChart from the watermelon report (the CLI does),
/// so this library needs nothing from the miners.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <journey/core/api.hpp>

namespace journey::render {

/// One touchpoint measure on the dashboard.
struct AttainmentBar {
    std::string label;      ///< e.g. "T05 final read"
    double attainment = 0;  ///< 0..1; NaN = no instances (drawn empty)
    double target = -1;     ///< 0..1; negative = none (no tick)
    /// "green", "amber", "red" or empty (no target): the bar colour.
    std::string status;
    friend bool operator==(const AttainmentBar&, const AttainmentBar&) = default;
};

/// What the chart shows.
struct WatermelonChart {
    std::string title;
    std::string subtitle;            ///< e.g. the verdict sentence; may be empty
    std::vector<AttainmentBar> bars; ///< in dashboard order
    double journey_success = 0;      ///< J_in, 0..1 (NaN = unknown)
    double inside_target = -1;       ///< τ_J, 0..1; negative = none
    std::string score_label = "journey score";
    /// Score histogram (bin i = score i); empty = no right panel.
    std::vector<std::uint64_t> histogram;
    /// Red journeys per bin, drawn as the lower part of each bar (may be empty).
    std::vector<std::uint64_t> histogram_red;
    std::vector<std::size_t> modes;        ///< bins marked as modes
    std::optional<std::size_t> valley;     ///< bin marked as the valley
    double bimodality_coefficient = -1;    ///< shown when >= 0
    friend bool operator==(const WatermelonChart&, const WatermelonChart&) = default;
};

struct WatermelonChartOptions {
    double width = 1000;     ///< px
    double bar_height = 16;  ///< px per touchpoint bar
    double font_size = 12;   ///< px
    std::string font = "Helvetica";
    friend bool operator==(const WatermelonChartOptions&, const WatermelonChartOptions&) = default;
};

/// The chart as a standalone SVG document (UTF-8, ends with a newline). The text is
/// deterministic: fixed number formatting, no timestamps; text is escaped and invalid
/// UTF-8 becomes U+FFFD.
/// @throws journey::usage_error when histogram_red is given with another length than
///         histogram, a red count exceeds its bin, or a mode or the valley is not a bin.
JOURNEY_API std::string watermelon_chart_svg(const WatermelonChart& chart,
                                             const WatermelonChartOptions& options = {});

} // namespace journey::render
