#pragma once
// Private: maps a log's activity ids to an accumulator's own name table, so that
// partial results from different logs (shards) merge by name.

#include <algorithm>
#include <cstdint>
#include <vector>

#include <journey/core/event_log.hpp>
#include <journey/core/string_table.hpp>

namespace journey::miners::detail {

class ActivityMap {
public:
    /// Local ids for every activity of `log`; rebuilt only when the log changes.
    const std::vector<std::uint32_t>& for_log(const EventLog& log, StringTable& names) {
        const StringTable& src = log.activity_names();
        if (&log != m_log || src.size() != m_map.size()) {
            m_log = &log;
            m_map.resize(src.size());
            for (std::size_t i = 0; i < src.size(); ++i) {
                m_map[i] = names.insert(src[static_cast<Id>(i)]);
            }
        }
        return m_map;
    }

    /// Local ids for another accumulator's table.
    static std::vector<std::uint32_t> between(const StringTable& from, StringTable& to) {
        std::vector<std::uint32_t> m(from.size());
        for (std::size_t i = 0; i < from.size(); ++i) {
            m[i] = to.insert(from[static_cast<Id>(i)]);
        }
        return m;
    }

    void reset() noexcept {
        m_log = nullptr;
        m_map.clear();
    }

private:
    const EventLog* m_log = nullptr;
    std::vector<std::uint32_t> m_map;
};

/// Rank of each id of `names` when the names are sorted (id 0, the empty name, included).
inline std::vector<std::uint32_t> sorted_ranks(const StringTable& names,
                                               std::vector<std::uint32_t>& order) {
    order.resize(names.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = static_cast<std::uint32_t>(i);
    }
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return names[a] < names[b]; });
    std::vector<std::uint32_t> rank(names.size());
    for (std::size_t r = 0; r < order.size(); ++r) {
        rank[order[r]] = static_cast<std::uint32_t>(r);
    }
    return rank;
}

} // namespace journey::miners::detail
