#include <journey/core/event_log.hpp>

#include <algorithm>

#include <journey/version.hpp>

namespace journey {

std::string_view version() noexcept { return JOURNEY_VERSION_STRING; }

std::string_view attr_type_name(AttrType t) noexcept {
    switch (t) {
    case AttrType::string:
        return "string";
    case AttrType::integer:
        return "int";
    case AttrType::real:
        return "float";
    case AttrType::boolean:
        return "boolean";
    case AttrType::time:
        return "date";
    case AttrType::id:
        return "id";
    case AttrType::list:
        return "list";
    }
    return "string";
}

const std::int64_t* AttrColumn::find(std::uint32_t row) const noexcept {
    const auto it = std::lower_bound(rows.begin(), rows.end(), row);
    if (it == rows.end() || *it != row) {
        return nullptr;
    }
    return &values[static_cast<std::size_t>(it - rows.begin())];
}

namespace {

const AttrColumn* find_column(const std::vector<AttrColumn>& cols, const StringTable& names,
                              std::string_view key, AttrType type) noexcept {
    const Id k = names.find(key);
    if (k == StringTable::not_found) {
        return nullptr;
    }
    for (const AttrColumn& c : cols) {
        if (c.key == k && c.type == type) {
            return &c;
        }
    }
    return nullptr;
}

std::vector<const AttrColumn*> columns_named(const std::vector<AttrColumn>& cols,
                                             const StringTable& names, std::string_view key) {
    std::vector<const AttrColumn*> out;
    const Id k = names.find(key);
    if (k == StringTable::not_found) {
        return out;
    }
    for (const AttrColumn& c : cols) {
        if (c.key == k) {
            out.push_back(&c);
        }
    }
    return out;
}

template <typename T> std::size_t bytes(const std::vector<T>& v) noexcept {
    return v.capacity() * sizeof(T);
}

} // namespace

const AttrColumn* EventLog::event_attribute(std::string_view key, AttrType type) const noexcept {
    return find_column(m_event_attrs, m_attr_names, key, type);
}

const AttrColumn* EventLog::case_attribute(std::string_view key, AttrType type) const noexcept {
    return find_column(m_case_attrs, m_attr_names, key, type);
}

std::vector<const AttrColumn*> EventLog::event_attribute_columns(std::string_view key) const {
    return columns_named(m_event_attrs, m_attr_names, key);
}

std::vector<const AttrColumn*> EventLog::case_attribute_columns(std::string_view key) const {
    return columns_named(m_case_attrs, m_attr_names, key);
}

std::size_t EventLog::core_column_bytes() const noexcept {
    return bytes(m_case_offsets) + bytes(m_case_names) + bytes(m_activity) + bytes(m_resource) +
           bytes(m_department) + bytes(m_channel) + bytes(m_lifecycle) + bytes(m_timestamps);
}

std::size_t EventLog::memory_bytes() const noexcept {
    std::size_t n = core_column_bytes();
    for (const StringTable* t :
         {&m_case_table, &m_activity_table, &m_resource_table, &m_department_table,
          &m_channel_table, &m_lifecycle_table, &m_attr_names, &m_values, &m_object_types,
          &m_object_ids}) {
        n += t->memory_bytes();
    }
    for (const auto* cols : {&m_event_attrs, &m_case_attrs}) {
        for (const AttrColumn& c : *cols) {
            n += bytes(c.rows) + bytes(c.values);
        }
    }
    return n + bytes(m_objects);
}

namespace {

/// Compares an id column of two logs by the names the ids stand for.
bool same_names(std::span<const Id> a, const StringTable& ta, std::span<const Id> b,
                const StringTable& tb) noexcept {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ta[a[i]] != tb[b[i]]) {
            return false;
        }
    }
    return true;
}

/// Attribute columns compared by name and value text, not by raw ids.
bool same_attrs(const std::vector<AttrColumn>& a, const EventLog& la,
                const std::vector<AttrColumn>& b, const EventLog& lb) noexcept {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        const AttrColumn& x = a[i];
        const AttrColumn& y = b[i];
        if (la.attribute_names()[x.key] != lb.attribute_names()[y.key] || x.type != y.type ||
            x.rows != y.rows) {
            return false;
        }
        const bool interned =
            x.type == AttrType::string || x.type == AttrType::id || x.type == AttrType::list;
        for (std::size_t r = 0; r < x.values.size(); ++r) {
            if (interned) {
                if (la.values()[static_cast<Id>(x.values[r])] !=
                    lb.values()[static_cast<Id>(y.values[r])]) {
                    return false;
                }
            } else if (x.values[r] != y.values[r]) {
                return false;
            }
        }
    }
    return true;
}

} // namespace

bool operator==(const EventLog& a, const EventLog& b) noexcept {
    if (a.num_cases() != b.num_cases() || a.num_events() != b.num_events() ||
        a.m_case_offsets != b.m_case_offsets || a.m_timestamps != b.m_timestamps) {
        return false;
    }
    for (std::size_t c = 0; c < a.num_cases(); ++c) {
        if (a.case_name(c) != b.case_name(c)) {
            return false;
        }
    }
    if (!same_names(a.m_activity, a.m_activity_table, b.m_activity, b.m_activity_table) ||
        !same_names(a.m_resource, a.m_resource_table, b.m_resource, b.m_resource_table) ||
        !same_names(a.m_department, a.m_department_table, b.m_department,
                    b.m_department_table) ||
        !same_names(a.m_channel, a.m_channel_table, b.m_channel, b.m_channel_table)) {
        return false;
    }
    for (std::size_t i = 0; i < a.num_events(); ++i) {
        if (a.m_lifecycle_table[a.m_lifecycle[i]] != b.m_lifecycle_table[b.m_lifecycle[i]]) {
            return false;
        }
    }
    if (!same_attrs(a.m_event_attrs, a, b.m_event_attrs, b) ||
        !same_attrs(a.m_case_attrs, a, b.m_case_attrs, b)) {
        return false;
    }
    if (a.m_objects.size() != b.m_objects.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.m_objects.size(); ++i) {
        const ObjectLink& x = a.m_objects[i];
        const ObjectLink& y = b.m_objects[i];
        if (x.event != y.event || a.m_object_types[x.type] != b.m_object_types[y.type] ||
            a.m_object_ids[x.object] != b.m_object_ids[y.object] ||
            a.m_values[x.qualifier] != b.m_values[y.qualifier]) {
            return false;
        }
    }
    return a.m_meta == b.m_meta;
}

} // namespace journey
