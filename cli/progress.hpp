#pragma once
// A progress bar on stderr for long work, shown only on a terminal and only once
// the work has taken more than a moment.

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace journey::cli {

class ProgressBar {
public:
    ProgressBar(std::ostream& err, bool enabled, std::string label)
        : m_err(err), m_enabled(enabled), m_label(std::move(label)),
          m_start(std::chrono::steady_clock::now()) {}
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;
    ~ProgressBar() { done(); }

    /// Updates the bar; cheap when called often. Always returns true (never cancels).
    bool update(std::uint64_t done, std::uint64_t total) {
        if (!m_enabled) {
            return true;
        }
        const auto now = std::chrono::steady_clock::now();
        if (now - m_start < std::chrono::milliseconds(500) ||
            now - m_last < std::chrono::milliseconds(100)) {
            return true;
        }
        m_last = now;
        m_shown = true;
        constexpr int width = 30;
        const double f = total == 0 ? 0.0 : static_cast<double>(done) / static_cast<double>(total);
        const int filled = static_cast<int>(f * width);
        m_err << '\r' << m_label << " [" << std::string(static_cast<std::size_t>(filled), '#')
              << std::string(static_cast<std::size_t>(width - filled), ' ') << "] "
              << static_cast<int>(f * 100) << "% " << done / (1024 * 1024) << " MB" << std::flush;
        return true;
    }

    /// Clears the bar line if one was drawn.
    void done() {
        if (m_shown) {
            m_err << '\r' << std::string(m_label.size() + 50, ' ') << '\r' << std::flush;
            m_shown = false;
        }
    }

private:
    std::ostream& m_err;
    bool m_enabled;
    std::string m_label;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last{};
    bool m_shown = false;
};

} // namespace journey::cli
