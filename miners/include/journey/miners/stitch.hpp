#pragma once
/// @file
/// Journey stitching: joins the events of several source logs (each department's
/// export, with its own keys) into end-to-end journeys.
///
/// Each event yields keys: (entity, value) pairs such as ("customer", "CU17") or
/// ("account", "AC17-2"), found where the KeyDecls say (the case id, an event or case
/// attribute, an object link). Keys on the same event are linked, and so are the
/// pairs of explicit KeyLinks (account lineage old -> new). Union-find over the links
/// gives groups of keys; the events of one group are one customer's history, which a
/// JourneyWindow splits into journey instances between start and end milestones.
/// The report lists what was merged, split, left unlinked or outside every window,
/// and conflicting links: no event disappears without a line in the report.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/event_log.hpp>
#include <journey/core/time.hpp>

namespace journey::miners {

/// Where an event carries a key.
struct KeyField {
    enum class Kind : std::uint8_t {
        case_id,         ///< the event's case id in its source
        event_attribute, ///< event attribute `name` (string, id or int values)
        case_attribute,  ///< case attribute `name` of the event's case
        object,          ///< the ids of the event's object links of type `name`
    };
    Kind kind = Kind::case_id;
    std::string name;
    friend bool operator==(const KeyField&, const KeyField&) = default;
};

/// Events of `source` (every source when empty) carry keys of `entity` in `field`.
struct KeyDecl {
    std::string entity;
    KeyField field;
    std::string source;
    friend bool operator==(const KeyDecl&, const KeyDecl&) = default;
};

/// An explicit link between two keys, e.g. ("account", "A1") -> ("account", "A2").
struct KeyLink {
    std::string from_entity;
    std::string from_value;
    std::string to_entity;
    std::string to_value;
    friend bool operator==(const KeyLink&, const KeyLink&) = default;
};

/// How a group's history is split into journey instances.
struct JourneyWindow {
    /// An event of one of these activities opens a journey when none is open. Empty:
    /// each group of linked keys is one journey and the other fields are ignored.
    std::vector<std::string> start_activities;
    /// The first event of one of these activities after the start ends the journey
    /// (it belongs to it). Empty: a journey runs until max_duration or the group's end.
    std::vector<std::string> end_activities;
    /// Events later than start + max_duration (microseconds) are not in the journey;
    /// 0 = no limit.
    Timestamp max_duration = 0;
    friend bool operator==(const JourneyWindow&, const JourneyWindow&) = default;
};

struct StitchOptions {
    std::vector<KeyDecl> keys;
    /// Entities a journey should hold one value of (e.g. "customer"); a group with
    /// several is stitched anyway and reported as a conflict.
    std::vector<std::string> unique_entities;
    std::vector<KeyLink> links;
    JourneyWindow window;
    /// Event attribute naming each event's source ("" = none). As the journey model's
    /// `source_attribute`.
    std::string source_attribute = "source";
    /// Event attribute holding each event's case id in its source ("" = none).
    std::string source_case_attribute = "source_case";
    /// Link every event to its keys as objects (type = entity, id = value), so that
    /// per-object miners see the stitched keys.
    bool key_objects = true;
    /// Copy the case attributes of each source case onto its events as event
    /// attributes named `case:<name>` (a journey joins many source cases).
    bool case_attributes = true;
};

/// One source log.
struct StitchSource {
    std::string name;
    const EventLog* log = nullptr;
};

/// One event named in a report.
struct EventRef {
    std::string source;
    std::string case_id;
    std::uint32_t position = 0; ///< 0-based index of the event in its case
    std::string activity;
    Timestamp time = no_timestamp;
    friend bool operator==(const EventRef&, const EventRef&) = default;
};

struct StitchReport {
    struct SourceCounts {
        std::string source;
        std::uint64_t events = 0;   ///< events read
        std::uint64_t stitched = 0; ///< events in a journey
        std::uint64_t unlinked = 0; ///< events without any key
        std::uint64_t outside = 0;  ///< keyed events outside every journey window
        friend bool operator==(const SourceCounts&, const SourceCounts&) = default;
    };
    /// A journey holding events of several sources.
    struct Merge {
        std::string journey;
        std::vector<std::pair<std::string, std::uint64_t>> sources; ///< source, events; by name
        friend bool operator==(const Merge&, const Merge&) = default;
    };
    /// A group of linked keys split into several journeys by the window.
    struct Split {
        std::string group; ///< the group's name (its first key, "entity:value")
        std::vector<std::string> journeys;
        friend bool operator==(const Split&, const Split&) = default;
    };
    /// A group (and so the journeys made from it) with several values of a unique entity.
    struct Conflict {
        std::string group;
        std::string entity;
        std::vector<std::string> values; ///< sorted
        friend bool operator==(const Conflict&, const Conflict&) = default;
    };

    std::vector<SourceCounts> sources; ///< in input order
    std::uint64_t events_in = 0;
    std::uint64_t events_out = 0;
    std::uint64_t groups = 0;   ///< groups of linked keys
    std::uint64_t journeys = 0;
    std::uint64_t keys = 0;     ///< distinct (entity, value) keys
    std::vector<Merge> merges;         ///< by journey id
    std::vector<Split> splits;         ///< by group
    std::vector<Conflict> conflicts;   ///< by (group, entity)
    std::vector<EventRef> unlinked;    ///< input order
    std::vector<EventRef> outside;     ///< input order
    /// Explicit links neither of whose keys any event carries (they join nothing).
    std::vector<KeyLink> unused_links;
    /// Key declarations that found nothing, e.g. "source 'crm' has no event attribute
    /// 'account'", and attribute values of a type that cannot be a key.
    std::vector<std::string> warnings;
    friend bool operator==(const StitchReport&, const StitchReport&) = default;
};

struct StitchResult {
    /// One case per journey, named by its group (the first key of the group,
    /// "entity:value", in KeyDecl entity order then by value), with "#n" (1-based,
    /// in time order) when the group has several journeys. Cases sorted by the time
    /// of their first event, then by name. Events keep their core fields, attributes
    /// and object links, plus the attributes and objects the options add.
    EventLog log;
    StitchReport report;
};

/// Stitches `sources` into journeys.
/// @throws journey::usage_error when a KeyDecl or KeyLink has an empty entity, a
///   KeyDecl an object/attribute field without a name, or a source no log. A KeyDecl
///   naming a source that is not stitched is only reported (StitchReport::warnings).
JOURNEY_API StitchResult stitch(const std::vector<StitchSource>& sources,
                                const StitchOptions& options);

/// Parses a key field as written on the command line: `case`, `attr:NAME`,
/// `case-attr:NAME` or `object:TYPE`.
/// @throws journey::usage_error for anything else.
JOURNEY_API KeyField parse_key_field(const std::string& text);

} // namespace journey::miners
