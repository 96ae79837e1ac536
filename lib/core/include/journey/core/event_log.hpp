#pragma once
/// @file
/// EventLog: the columnar, interned event log every miner reads.
///
/// Layout (DESIGN.md, key decision 1):
/// - cases (journeys) are contiguous: the events of case c are the index range
///   [case_begin(c), case_end(c)), sorted by (timestamp, source order);
/// - each core column is a flat array indexed by event: activity, resource,
///   department (org:group), channel and lifecycle as small integer ids into
///   string tables, timestamps as int64 microseconds UTC;
/// - attributes are typed sparse columns at event and case level;
/// - objects (OCEL style) are a separate event <-> object table.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/string_table.hpp>
#include <journey/core/time.hpp>

namespace journey {

/// The type of an attribute value; matches the XES attribute types.
enum class AttrType : std::uint8_t {
    string,  ///< value is an id into EventLog::values()
    integer, ///< value is the int64 itself
    real,    ///< value is a double stored with std::bit_cast
    boolean, ///< value is 0 or 1
    time,    ///< value is a Timestamp
    id,      ///< XES `id` (a UUID as text); value is an id into values()
    list,    ///< XES list or container, kept as canonical text in values() (see docs/formats.md)
};

/// The XES/JSON name of a type: "string", "int", "float", "boolean", "date", "id", "list".
JOURNEY_API std::string_view attr_type_name(AttrType t) noexcept;

/// One sparse attribute column: the rows (event or case indices) that carry the
/// attribute, in ascending order, and their values.
struct AttrColumn {
    Id key = no_id;                 ///< name, in EventLog::attribute_names()
    AttrType type = AttrType::string;
    std::vector<std::uint32_t> rows; ///< event or case index, strictly ascending
    std::vector<std::int64_t> values; ///< raw value, meaning depends on type

    /// The raw value at `row`, or nullptr if the row has no value here.
    const std::int64_t* find(std::uint32_t row) const noexcept;

    friend bool operator==(const AttrColumn&, const AttrColumn&) = default;
};

inline double attr_real(std::int64_t raw) noexcept { return std::bit_cast<double>(raw); }
inline std::int64_t attr_raw(double v) noexcept { return std::bit_cast<std::int64_t>(v); }

/// An event's link to an object (OCEL 2.0 event-to-object relation).
struct ObjectLink {
    std::uint32_t event = 0; ///< event index
    Id type = no_id;         ///< in EventLog::object_types()
    Id object = no_id;       ///< in EventLog::object_ids()
    Id qualifier = no_id;    ///< in EventLog::values(); no_id when none
    friend bool operator==(const ObjectLink&, const ObjectLink&) = default;
};

/// Log-level metadata that formats such as XES carry (kept for faithful export).
struct LogMeta {
    struct Attribute {
        std::string key;
        AttrType type = AttrType::string;
        std::string value; ///< lexical form as in the source
        friend bool operator==(const Attribute&, const Attribute&) = default;
    };
    struct Extension {
        std::string name, prefix, uri;
        friend bool operator==(const Extension&, const Extension&) = default;
    };
    struct Global {
        std::string scope; ///< "trace" or "event"
        Attribute attribute;
        friend bool operator==(const Global&, const Global&) = default;
    };
    struct Classifier {
        std::string name;
        std::string keys; ///< as written in XES (space-separated keys)
        friend bool operator==(const Classifier&, const Classifier&) = default;
    };
    std::vector<Attribute> attributes;
    std::vector<Extension> extensions;
    std::vector<Global> globals;
    std::vector<Classifier> classifiers;
    friend bool operator==(const LogMeta&, const LogMeta&) = default;
};

/// A columnar, interned event log. Build one with EventLogBuilder.
///
/// Thread-safety: immutable once built; concurrent reads are safe.
class JOURNEY_API EventLog {
public:
    EventLog() = default;

    std::size_t num_cases() const noexcept { return m_case_names.size(); }
    std::size_t num_events() const noexcept { return m_timestamps.size(); }

    /// First event index of case `c`.
    std::size_t case_begin(std::size_t c) const noexcept { return m_case_offsets[c]; }
    /// One past the last event index of case `c`.
    std::size_t case_end(std::size_t c) const noexcept { return m_case_offsets[c + 1]; }
    /// Case offsets, num_cases()+1 entries (empty for an empty log).
    std::span<const std::uint64_t> case_offsets() const noexcept { return m_case_offsets; }

    /// The case id of case `c` as text.
    std::string_view case_name(std::size_t c) const noexcept {
        return m_case_table[m_case_names[c]];
    }

    std::span<const Id> activities() const noexcept { return m_activity; }
    std::span<const Id> resources() const noexcept { return m_resource; }
    std::span<const Id> departments() const noexcept { return m_department; }
    std::span<const Id> channels() const noexcept { return m_channel; }
    std::span<const std::uint8_t> lifecycles() const noexcept { return m_lifecycle; }
    std::span<const Timestamp> timestamps() const noexcept { return m_timestamps; }

    const StringTable& activity_names() const noexcept { return m_activity_table; }
    const StringTable& resource_names() const noexcept { return m_resource_table; }
    const StringTable& department_names() const noexcept { return m_department_table; }
    const StringTable& channel_names() const noexcept { return m_channel_table; }
    const StringTable& lifecycle_names() const noexcept { return m_lifecycle_table; }
    const StringTable& case_table() const noexcept { return m_case_table; }
    const StringTable& attribute_names() const noexcept { return m_attr_names; }
    const StringTable& values() const noexcept { return m_values; }
    const StringTable& object_types() const noexcept { return m_object_types; }
    const StringTable& object_ids() const noexcept { return m_object_ids; }

    /// Event attributes (rows are event indices), sorted by (key name, type).
    const std::vector<AttrColumn>& event_attributes() const noexcept { return m_event_attrs; }
    /// Case attributes (rows are case indices), sorted by (key name, type).
    const std::vector<AttrColumn>& case_attributes() const noexcept { return m_case_attrs; }
    /// The event attribute column with this name and type, or nullptr.
    const AttrColumn* event_attribute(std::string_view key, AttrType type) const noexcept;
    /// The case attribute column with this name and type, or nullptr.
    const AttrColumn* case_attribute(std::string_view key, AttrType type) const noexcept;
    /// Every event attribute column with this name (one per type it has), in column order.
    std::vector<const AttrColumn*> event_attribute_columns(std::string_view key) const;
    /// Every case attribute column with this name (one per type it has), in column order.
    std::vector<const AttrColumn*> case_attribute_columns(std::string_view key) const;

    /// Event-to-object links, sorted by (event, type name, object id).
    const std::vector<ObjectLink>& object_links() const noexcept { return m_objects; }

    const LogMeta& meta() const noexcept { return m_meta; }

    /// Bytes held by the per-event core columns (activity, resource, department,
    /// channel, lifecycle, timestamp) and the case offsets.
    std::size_t core_column_bytes() const noexcept;
    /// Bytes held by everything (core columns, tables, attributes, objects).
    std::size_t memory_bytes() const noexcept;

    /// Structural equality: same cases in the same order, same events, names,
    /// attributes, objects and metadata.
    friend JOURNEY_API bool operator==(const EventLog& a, const EventLog& b) noexcept;

private:
    friend class EventLogBuilder;

    std::vector<std::uint64_t> m_case_offsets;
    std::vector<Id> m_case_names;
    std::vector<Id> m_activity;
    std::vector<Id> m_resource;
    std::vector<Id> m_department;
    std::vector<Id> m_channel;
    std::vector<std::uint8_t> m_lifecycle;
    std::vector<Timestamp> m_timestamps;

    StringTable m_case_table;
    StringTable m_activity_table;
    StringTable m_resource_table;
    StringTable m_department_table;
    StringTable m_channel_table;
    StringTable m_lifecycle_table;
    StringTable m_attr_names;
    StringTable m_values;
    StringTable m_object_types;
    StringTable m_object_ids;

    std::vector<AttrColumn> m_event_attrs;
    std::vector<AttrColumn> m_case_attrs;
    std::vector<ObjectLink> m_objects;
    LogMeta m_meta;
};

} // namespace journey
