#include <journey/core/event_log_builder.hpp>

#include <algorithm>
#include <numeric>
#include <string>

#include <journey/core/error.hpp>

namespace journey {

namespace {
constexpr std::uint32_t unassigned = 0xFFFFFFFFu;
}

EventLogBuilder::EventLogBuilder() = default;

void EventLogBuilder::reserve(std::size_t events) {
    m_case_of.reserve(events);
    m_activity.reserve(events);
    m_resource.reserve(events);
    m_department.reserve(events);
    m_channel.reserve(events);
    m_lifecycle.reserve(events);
    m_timestamps.reserve(events);
}

std::uint32_t EventLogBuilder::case_index(std::string_view case_id) {
    const Id id = m_log.m_case_table.insert(case_id);
    if (id >= m_index_of_case_id.size()) {
        m_index_of_case_id.resize(static_cast<std::size_t>(id) + 1, unassigned);
    }
    std::uint32_t& index = m_index_of_case_id[id];
    if (index == unassigned) {
        index = static_cast<std::uint32_t>(m_log.m_case_names.size());
        m_log.m_case_names.push_back(id);
    }
    return index;
}

std::uint32_t EventLogBuilder::begin_case(std::string_view case_id) {
    m_current_case = case_index(case_id);
    m_in_case = true;
    return m_current_case;
}

void EventLogBuilder::add_event(const EventFields& fields) {
    if (!m_in_case) {
        throw error("EventLogBuilder: add_event(fields) without begin_case()");
    }
    add_event_to(m_current_case, fields);
}

void EventLogBuilder::add_event(std::string_view case_id, const EventFields& fields) {
    add_event_to(case_index(case_id), fields);
}

void EventLogBuilder::add_event_to(std::uint32_t case_index, const EventFields& fields) {
    if (fields.lifecycle > 255) {
        throw error("more than 255 distinct lifecycle values in one log");
    }
    m_current_case = case_index;
    m_case_of.push_back(case_index);
    m_activity.push_back(fields.activity);
    m_resource.push_back(fields.resource);
    m_department.push_back(fields.department);
    m_channel.push_back(fields.channel);
    m_lifecycle.push_back(static_cast<std::uint8_t>(fields.lifecycle));
    m_timestamps.push_back(fields.timestamp);
}

void EventLogBuilder::add_events(std::span<const std::uint32_t> case_index,
                                 std::span<const Id> activity, std::span<const Id> resource,
                                 std::span<const Id> department, std::span<const Id> channel,
                                 std::span<const Id> lifecycle,
                                 std::span<const Timestamp> timestamp) {
    const std::size_t n = timestamp.size();
    const auto fits = [n](std::size_t size) { return size == n || size == 0; };
    if (case_index.size() != n || activity.size() != n || !fits(resource.size()) ||
        !fits(department.size()) || !fits(channel.size()) || !fits(lifecycle.size())) {
        throw error("EventLogBuilder::add_events: columns of different lengths");
    }
    for (const Id l : lifecycle) {
        if (l > 255) {
            throw error("more than 255 distinct lifecycle values in one log");
        }
    }
    if (n == 0) {
        return;
    }
    const auto append = [n](std::vector<Id>& to, std::span<const Id> from) {
        if (from.empty()) {
            to.resize(to.size() + n, no_id);
        } else {
            to.insert(to.end(), from.begin(), from.end());
        }
    };
    m_case_of.insert(m_case_of.end(), case_index.begin(), case_index.end());
    m_activity.insert(m_activity.end(), activity.begin(), activity.end());
    append(m_resource, resource);
    append(m_department, department);
    append(m_channel, channel);
    if (lifecycle.empty()) {
        m_lifecycle.resize(m_lifecycle.size() + n, 0);
    } else {
        for (const Id l : lifecycle) {
            m_lifecycle.push_back(static_cast<std::uint8_t>(l));
        }
    }
    m_timestamps.insert(m_timestamps.end(), timestamp.begin(), timestamp.end());
    m_current_case = case_index.back();
}

EventLogBuilder::AttrHandle EventLogBuilder::find_or_add(std::string_view key, AttrType type,
                                                         bool case_level) {
    const Id k = m_log.m_attr_names.insert(key);
    for (const AttrKey& e : m_attr_index) {
        if (e.key == k && e.type == type && e.case_level == case_level) {
            return {e.index, case_level};
        }
    }
    auto& cols = case_level ? m_case_attrs : m_event_attrs;
    const auto index = static_cast<std::uint32_t>(cols.size());
    cols.push_back(StagedAttr{k, type, {}, {}});
    m_attr_index.push_back(AttrKey{k, type, case_level, index});
    return {index, case_level};
}

EventLogBuilder::AttrHandle EventLogBuilder::event_attribute(std::string_view key, AttrType type) {
    return find_or_add(key, type, false);
}

EventLogBuilder::AttrHandle EventLogBuilder::case_attribute(std::string_view key, AttrType type) {
    return find_or_add(key, type, true);
}

namespace {

void put(std::vector<std::uint32_t>& rows, std::vector<std::int64_t>& values, std::uint32_t row,
         std::int64_t raw) {
    if (!rows.empty() && rows.back() == row) {
        values.back() = raw;
        return;
    }
    rows.push_back(row);
    values.push_back(raw);
}

} // namespace

void EventLogBuilder::set(AttrHandle h, std::int64_t raw) {
    if (h.case_level) {
        set_case(h, m_current_case, raw);
        return;
    }
    if (m_timestamps.empty()) {
        throw error("EventLogBuilder: event attribute set before any event");
    }
    StagedAttr& a = m_event_attrs[h.index];
    put(a.rows, a.values, static_cast<std::uint32_t>(m_timestamps.size() - 1), raw);
}

void EventLogBuilder::set_case(AttrHandle h, std::uint32_t case_index, std::int64_t raw) {
    StagedAttr& a = m_case_attrs[h.index];
    put(a.rows, a.values, case_index, raw);
}

void EventLogBuilder::set_rows(AttrHandle h, std::span<const std::uint32_t> rows,
                               std::span<const std::int64_t> raws) {
    if (rows.size() != raws.size()) {
        throw error("EventLogBuilder::set_rows: rows and values of different lengths");
    }
    StagedAttr& a = h.case_level ? m_case_attrs[h.index] : m_event_attrs[h.index];
    if (!h.case_level) {
        for (const std::uint32_t r : rows) {
            if (r >= m_timestamps.size()) {
                throw error("EventLogBuilder::set_rows: event row not added yet");
            }
        }
    }
    const std::size_t need = a.rows.size() + rows.size();
    if (a.rows.capacity() < need) {
        // Geometric, so that many small calls stay linear.
        const std::size_t cap = std::max(need, a.rows.capacity() * 2);
        a.rows.reserve(cap);
        a.values.reserve(cap);
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
        put(a.rows, a.values, rows[i], raws[i]);
    }
}

void EventLogBuilder::add_object(std::string_view type, std::string_view object_id,
                                 std::string_view qualifier) {
    if (m_timestamps.empty()) {
        throw error("EventLogBuilder: object link added before any event");
    }
    m_objects.push_back(ObjectLink{static_cast<std::uint32_t>(m_timestamps.size() - 1),
                                   m_log.m_object_types.insert(type),
                                   m_log.m_object_ids.insert(object_id),
                                   qualifier.empty() ? no_id : m_log.m_values.insert(qualifier)});
}

namespace {

template <typename T>
std::vector<T> permute(std::vector<T>& src, const std::vector<std::uint32_t>& order, bool identity) {
    if (identity) {
        // Growth by doubling can leave up to half a column unused: give it back
        // when more than a tenth is spare (the memory budget is per event).
        if (src.capacity() > src.size() + src.size() / 10) {
            src.shrink_to_fit();
        }
        return std::move(src);
    }
    std::vector<T> out(src.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        out[i] = src[order[i]];
    }
    std::vector<T>().swap(src);
    return out;
}

/// Sorts a staged column by row and keeps the last value set for a row.
AttrColumn finish_column(Id key, AttrType type, std::vector<std::uint32_t> rows,
                         std::vector<std::int64_t> values) {
    AttrColumn col;
    col.key = key;
    col.type = type;
    if (!std::is_sorted(rows.begin(), rows.end())) {
        std::vector<std::uint32_t> idx(rows.size());
        std::iota(idx.begin(), idx.end(), 0u);
        std::stable_sort(idx.begin(), idx.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return rows[a] < rows[b]; });
        std::vector<std::uint32_t> r(rows.size());
        std::vector<std::int64_t> v(rows.size());
        for (std::size_t i = 0; i < idx.size(); ++i) {
            r[i] = rows[idx[i]];
            v[i] = values[idx[i]];
        }
        rows = std::move(r);
        values = std::move(v);
    }
    const auto tight = [](const auto& v) { return v.capacity() - v.size() <= v.size() / 8; };
    if (tight(rows) && tight(values) &&
        std::adjacent_find(rows.begin(), rows.end()) == rows.end()) {
        // No row set twice and little spare capacity (the usual case for bulk
        // set_rows()): the staged arrays become the column without a copy.
        col.rows = std::move(rows);
        col.values = std::move(values);
        return col;
    }
    col.rows.reserve(rows.size());
    col.values.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        put(col.rows, col.values, rows[i], values[i]);
    }
    return col;
}

} // namespace

EventLog EventLogBuilder::finish() {
    const std::size_t n = m_timestamps.size();
    const std::size_t cases = m_log.m_case_names.size();

    // Counting sort by case (stable), then by timestamp within each case (stable).
    std::vector<std::uint64_t> offsets(cases + 1, 0);
    for (const std::uint32_t c : m_case_of) {
        ++offsets[c + 1];
    }
    for (std::size_t c = 0; c < cases; ++c) {
        offsets[c + 1] += offsets[c];
    }
    std::vector<std::uint32_t> order(n);
    bool identity = true;
    {
        std::vector<std::uint64_t> next(offsets.begin(), offsets.end() - 1);
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t pos = next[m_case_of[i]]++;
            order[pos] = static_cast<std::uint32_t>(i);
            identity = identity && pos == i;
        }
    }
    for (std::size_t c = 0; c < cases; ++c) {
        const auto b = order.begin() + static_cast<std::ptrdiff_t>(offsets[c]);
        const auto e = order.begin() + static_cast<std::ptrdiff_t>(offsets[c + 1]);
        const auto by_time = [&](std::uint32_t x, std::uint32_t y) {
            return m_timestamps[x] < m_timestamps[y];
        };
        if (!std::is_sorted(b, e, by_time)) {
            std::stable_sort(b, e, by_time);
            identity = false;
        }
    }

    EventLog log = std::move(m_log);
    log.m_case_offsets = std::move(offsets);
    if (cases == 0) {
        log.m_case_offsets.clear();
    }
    log.m_activity = permute(m_activity, order, identity);
    log.m_resource = permute(m_resource, order, identity);
    log.m_department = permute(m_department, order, identity);
    log.m_channel = permute(m_channel, order, identity);
    log.m_lifecycle = permute(m_lifecycle, order, identity);
    log.m_timestamps = permute(m_timestamps, order, identity);

    std::vector<std::uint32_t> new_pos;
    if (!identity) {
        new_pos.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            new_pos[order[i]] = static_cast<std::uint32_t>(i);
        }
    }
    const auto remap = [&](std::uint32_t staged) { return identity ? staged : new_pos[staged]; };

    const StringTable& names = log.m_attr_names;
    const auto by_name = [&](const AttrColumn& a, const AttrColumn& b) {
        const std::string_view na = names[a.key];
        const std::string_view nb = names[b.key];
        return na != nb ? na < nb : a.type < b.type;
    };
    for (StagedAttr& s : m_event_attrs) {
        for (std::uint32_t& r : s.rows) {
            r = remap(r);
        }
        log.m_event_attrs.push_back(
            finish_column(s.key, s.type, std::move(s.rows), std::move(s.values)));
    }
    for (StagedAttr& s : m_case_attrs) {
        log.m_case_attrs.push_back(
            finish_column(s.key, s.type, std::move(s.rows), std::move(s.values)));
    }
    std::sort(log.m_event_attrs.begin(), log.m_event_attrs.end(), by_name);
    std::sort(log.m_case_attrs.begin(), log.m_case_attrs.end(), by_name);

    for (ObjectLink& o : m_objects) {
        o.event = remap(o.event);
    }
    std::stable_sort(m_objects.begin(), m_objects.end(),
                     [&](const ObjectLink& a, const ObjectLink& b) {
                         if (a.event != b.event) {
                             return a.event < b.event;
                         }
                         const auto ta = log.m_object_types[a.type];
                         const auto tb = log.m_object_types[b.type];
                         if (ta != tb) {
                             return ta < tb;
                         }
                         return log.m_object_ids[a.object] < log.m_object_ids[b.object];
                     });
    log.m_objects = std::move(m_objects);

    *this = EventLogBuilder();
    return log;
}

} // namespace journey
