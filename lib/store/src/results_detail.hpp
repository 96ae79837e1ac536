#pragma once
// Helpers the result-table builders share (results.cpp, results_journey.cpp).

#include <string>

#include <journey/core/time.hpp>
#include <journey/store/results.hpp>

namespace journey::store::detail {

/// `YYYY-MM-DD hh:mm:ss[.ffffff]` (UTC, no offset).
inline std::string utc_text(Timestamp t) {
    std::string s = format_iso8601(t);
    const auto tpos = s.find('T');
    if (tpos != std::string::npos) {
        s[tpos] = ' ';
    }
    if (s.size() > 6 && s.compare(s.size() - 6, 6, "+00:00") == 0) {
        s.resize(s.size() - 6);
    }
    return s;
}

/// utc_text(), NULL for no_timestamp.
inline Cell time_cell(Timestamp t) { return t == no_timestamp ? Cell{} : Cell{utc_text(t)}; }

} // namespace journey::store::detail
