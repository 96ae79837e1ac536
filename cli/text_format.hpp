#pragma once
// Human-readable formatting for the CLI's text output.

#include <cstdio>
#include <string>

#include "json.hpp"

namespace journey::cli {

/// "45 s", "12.5 min", "3.2 h", "4.1 d" (one decimal above a minute).
inline std::string human_duration(double seconds) {
    char buf[32];
    const double a = seconds < 0 ? -seconds : seconds;
    if (a < 60) {
        std::snprintf(buf, sizeof buf, "%.0f s", seconds);
    } else if (a < 3600) {
        std::snprintf(buf, sizeof buf, "%.1f min", seconds / 60);
    } else if (a < 86400) {
        std::snprintf(buf, sizeof buf, "%.1f h", seconds / 3600);
    } else {
        std::snprintf(buf, sizeof buf, "%.1f d", seconds / 86400);
    }
    return buf;
}

/// Pads `s` on the right to `width` display columns (UTF-8 aware).
inline std::string pad(const std::string& s, std::size_t width) {
    std::size_t cols = 0;
    for (const char c : s) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++cols;
        }
    }
    return cols >= width ? s : s + std::string(width - cols, ' ');
}

/// Pads on the left (for numbers).
inline std::string rpad(const std::string& s, std::size_t width) {
    return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

} // namespace journey::cli
