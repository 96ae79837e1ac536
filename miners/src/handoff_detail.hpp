#pragma once
// Private helpers shared by the handoff sources: node ids per event, the work
// sequences of a journey, and the impact ranking.

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <journey/core/event_log.hpp>
#include <journey/core/string_table.hpp>
#include <journey/miners/handoffs.hpp>

namespace journey::miners::detail {

/// "No node": the event has no department (resource, attribute value).
inline constexpr std::uint32_t no_node = 0xFFFFFFFFu;

/// The text of an attribute value as a node name.
inline std::string attr_text(const EventLog& log, const AttrColumn& c, std::int64_t raw) {
    switch (c.type) {
    case AttrType::string:
    case AttrType::id:
    case AttrType::list:
        return std::string(log.values()[static_cast<Id>(raw)]);
    case AttrType::integer:
        return std::to_string(raw);
    case AttrType::boolean:
        return raw != 0 ? "true" : "false";
    case AttrType::real: {
        char buf[64];
        const auto r = std::to_chars(buf, buf + sizeof buf, attr_real(raw));
        return std::string(buf, r.ptr);
    }
    case AttrType::time:
        return format_iso8601(raw);
    }
    return {};
}

/// Maps each event of a log to a node id of an accumulator's own name table.
class NodeMap {
public:
    void prepare(const EventLog& log, const HandoffOptions& o, StringTable& names) {
        const std::size_t table_size = o.level == HandoffLevel::department
                                           ? log.department_names().size()
                                           : log.resource_names().size();
        if (&log == m_log && table_size == m_table_size) {
            return;
        }
        m_log = &log;
        m_table_size = table_size;
        m_map.clear();
        m_per_event.clear();
        if (o.level == HandoffLevel::attribute) {
            m_per_event.assign(log.num_events(), no_node);
            for (const AttrColumn& c : log.event_attributes()) {
                if (log.attribute_names()[c.key] != o.attribute) {
                    continue;
                }
                for (std::size_t i = 0; i < c.rows.size(); ++i) {
                    const std::string text = attr_text(log, c, c.values[i]);
                    if (!text.empty()) {
                        m_per_event[c.rows[i]] = names.insert(text);
                    }
                }
            }
            return;
        }
        const StringTable& table =
            o.level == HandoffLevel::department ? log.department_names() : log.resource_names();
        m_column = o.level == HandoffLevel::department ? log.departments() : log.resources();
        m_map.assign(table.size(), no_node);
        for (std::size_t i = 1; i < table.size(); ++i) {
            m_map[i] = names.insert(table[static_cast<Id>(i)]);
        }
    }

    std::uint32_t node(std::size_t event) const noexcept {
        return m_per_event.empty() ? m_map[m_column[event]] : m_per_event[event];
    }

    void reset() noexcept {
        m_log = nullptr;
        m_table_size = 0;
    }

private:
    const EventLog* m_log = nullptr;
    std::size_t m_table_size = 0;
    std::span<const Id> m_column;
    std::vector<std::uint32_t> m_map;
    std::vector<std::uint32_t> m_per_event;
};

/// How the node is called in messages: "department", "resource" or the attribute.
inline std::string level_label(const HandoffOptions& o) {
    switch (o.level) {
    case HandoffLevel::department:
        return "department (org:group)";
    case HandoffLevel::resource:
        return "resource (org:resource)";
    case HandoffLevel::attribute:
        return "'" + o.attribute + "'";
    }
    return {};
}

/// Fills result.impact (handoff_report.cpp).
void rank_impact(HandoffResult& result, std::uint64_t red_known, std::uint64_t red,
                 const HandoffOptions& options);

} // namespace journey::miners::detail
