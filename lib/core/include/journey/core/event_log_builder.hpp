#pragma once
/// @file
/// Builds an EventLog from events that arrive in any order, or grouped by case.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/event_log.hpp>

namespace journey {

/// The core fields of one event, as interned ids of the builder's tables.
struct EventFields {
    Id activity = no_id;
    Id resource = no_id;
    Id department = no_id;
    Id channel = no_id;
    Id lifecycle = no_id;
    Timestamp timestamp = no_timestamp;
};

/// Collects events and produces an EventLog.
///
/// Two ways to feed it:
/// - any order: add_event(case_id, fields) for each event; cases are ordered by
///   first appearance, events within a case by (timestamp, order of arrival);
/// - grouped by case (streaming form): begin_case(case_id), then add_event(fields)
///   for each event of that case. Cheaper: no case lookup per event.
/// Both can be mixed; a case id seen again continues that case.
///
/// Attributes, objects and the attribute-column handles refer to the event or case
/// added last. Intern names through the tables (activities(), ...) once and reuse
/// the ids: that is what keeps readers fast.
///
/// Thread-safety: one thread at a time.
class JOURNEY_API EventLogBuilder {
public:
    EventLogBuilder();

    /// Reserves room for `events` events.
    void reserve(std::size_t events);

    StringTable& activities() noexcept { return m_log.m_activity_table; }
    StringTable& resources() noexcept { return m_log.m_resource_table; }
    StringTable& departments() noexcept { return m_log.m_department_table; }
    StringTable& channels() noexcept { return m_log.m_channel_table; }
    StringTable& lifecycles() noexcept { return m_log.m_lifecycle_table; }
    StringTable& values() noexcept { return m_log.m_values; }
    StringTable& object_types() noexcept { return m_log.m_object_types; }
    StringTable& object_ids() noexcept { return m_log.m_object_ids; }

    /// Interns a case id. @returns the case's index in order of first appearance.
    std::uint32_t case_index(std::string_view case_id);

    /// Starts (or continues) the case with this id; following add_event(fields)
    /// calls belong to it. @returns the case index.
    std::uint32_t begin_case(std::string_view case_id);

    /// Adds an event to the current case (begin_case() must have been called).
    /// @throws journey::error if the lifecycle id is over 255 (a log with more than
    /// 255 distinct lifecycle values).
    void add_event(const EventFields& fields);
    /// Adds an event to the case with this id.
    void add_event(std::string_view case_id, const EventFields& fields);
    /// Adds an event to the case with this index (from case_index()).
    void add_event_to(std::uint32_t case_index, const EventFields& fields);
    /// Bulk form of add_event_to(): adds event i to case `case_index[i]` with the
    /// fields at index i of each span, without a call per event (for readers that
    /// parse in parallel and merge). All spans have the same length, except that an
    /// empty resource, department, channel or lifecycle span means no_id throughout.
    /// @throws journey::error on spans of different lengths or a lifecycle id over 255.
    void add_events(std::span<const std::uint32_t> case_index, std::span<const Id> activity,
                    std::span<const Id> resource, std::span<const Id> department,
                    std::span<const Id> channel, std::span<const Id> lifecycle,
                    std::span<const Timestamp> timestamp);

    /// Number of events added so far.
    std::size_t num_events() const noexcept { return m_timestamps.size(); }
    /// Number of distinct cases so far.
    std::size_t num_cases() const noexcept { return m_log.m_case_names.size(); }

    /// Handle to an attribute column, to set values without a name lookup.
    struct AttrHandle {
        std::uint32_t index = 0;
        bool case_level = false;
    };
    /// The event-level column for (key, type), created on first use.
    AttrHandle event_attribute(std::string_view key, AttrType type);
    /// The case-level column for (key, type), created on first use.
    AttrHandle case_attribute(std::string_view key, AttrType type);

    /// Sets a raw value (see AttrType) on the last event (event handle) or on the
    /// case `case_index` (case handle; defaults to the current case). Setting the
    /// same attribute twice on one row keeps the last value.
    void set(AttrHandle h, std::int64_t raw);
    void set_case(AttrHandle h, std::uint32_t case_index, std::int64_t raw);
    /// Bulk setter: the value raws[i] for row rows[i], where a row is an event index
    /// (events numbered in the order they were added) for an event handle, a case
    /// index for a case handle. Same result as one set()/set_case() per pair, in order.
    /// @throws journey::error on spans of different lengths or an event row not yet added.
    void set_rows(AttrHandle h, std::span<const std::uint32_t> rows,
                  std::span<const std::int64_t> raws);

    /// Convenience setters for the last event: the value is converted to raw.
    void set_string(AttrHandle h, std::string_view value) { set(h, values().insert(value)); }
    void set_real(AttrHandle h, double value) { set(h, attr_raw(value)); }

    /// Links the last event to an object.
    void add_object(std::string_view type, std::string_view object_id,
                    std::string_view qualifier = {});

    /// Log-level metadata (XES log attributes, extensions, globals, classifiers).
    LogMeta& meta() noexcept { return m_log.m_meta; }

    /// Sorts and assembles the log. The builder is empty afterwards.
    EventLog finish();

private:
    struct StagedAttr {
        Id key;
        AttrType type;
        std::vector<std::uint32_t> rows;
        std::vector<std::int64_t> values;
    };
    struct AttrKey {
        Id key;
        AttrType type;
        bool case_level;
        std::uint32_t index;
    };

    AttrHandle find_or_add(std::string_view key, AttrType type, bool case_level);

    EventLog m_log; // tables live here during building
    std::vector<std::uint32_t> m_case_of;  // per staged event
    std::vector<Id> m_activity;
    std::vector<Id> m_resource;
    std::vector<Id> m_department;
    std::vector<Id> m_channel;
    std::vector<std::uint8_t> m_lifecycle;
    std::vector<Timestamp> m_timestamps;
    std::vector<std::uint32_t> m_index_of_case_id; // case-table id -> case index
    std::vector<StagedAttr> m_event_attrs;
    std::vector<StagedAttr> m_case_attrs;
    std::vector<AttrKey> m_attr_index; // small; linear scan by interned key
    std::vector<ObjectLink> m_objects;  // event = staged index
    std::uint32_t m_current_case = 0;
    bool m_in_case = false;
};

} // namespace journey
