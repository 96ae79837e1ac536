#pragma once
/// @file
/// OCEL 2.0 object-centric event logs: the value type, and reading and writing the
/// standard's SQLite encoding (tables event, object, event_object, object_object,
/// event_map_type, object_map_type, event_<Type>, object_<Type>).

#include <cstdint>
#include <string>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/event_log.hpp>
#include <journey/core/time.hpp>

namespace journey::store {

/// One attribute value of an object, valid from `time` on (OCEL 2.0 object
/// attributes change over time).
struct OcelAttributeValue {
    std::string key;
    AttrType type = AttrType::string;
    std::int64_t raw = 0; ///< int, boolean, date (Timestamp), float (attr_raw); 0 for text types
    std::string text;     ///< string, id and list values; empty for the others
    Timestamp time = 0;
    friend bool operator==(const OcelAttributeValue&, const OcelAttributeValue&) = default;
};

struct OcelObject {
    std::string type;
    std::string id;
    /// Sorted by (time, key); values at the object's earliest time are its initial ones.
    std::vector<OcelAttributeValue> attributes;
    friend bool operator==(const OcelObject&, const OcelObject&) = default;
};

/// An object-to-object relation.
struct OcelRelation {
    std::string source_type;
    std::string source_id;
    std::string target_type;
    std::string target_id;
    std::string qualifier;
    friend bool operator==(const OcelRelation&, const OcelRelation&) = default;
};

/// An object-centric log.
///
/// `events` holds one case per OCEL event, named by the event's id, in the order of
/// the OCEL `event` table: activity = event type, timestamp = `ocel_time`, event
/// attributes from the `event_<Type>` tables (columns named `org:resource`,
/// `org:group`, `channel` and `lifecycle:transition` fill those core fields), object
/// links with their qualifiers. Journeys are made from it by stitching over objects.
struct OcelLog {
    EventLog events;
    std::vector<OcelObject> objects;     ///< sorted by (type, id)
    std::vector<OcelRelation> relations; ///< sorted by all fields
    friend bool operator==(const OcelLog&, const OcelLog&) = default;
};

/// Reads an OCEL 2.0 SQLite file.
/// @throws journey::io_error (cannot open), journey::format_error (required table
///   missing, event of an unknown type, unparseable time, link to an unknown event
///   or object).
JOURNEY_API OcelLog read_ocel_sqlite(const std::string& path);

/// Writes an OCEL 2.0 SQLite file; an existing file is replaced. Events get the id
/// of their case when every case has one event (a log read from OCEL), else
/// `<case id>:<n>` (n = 1-based position in the case). Object ids are written as
/// they are unless one id occurs with several types: then every object is written
/// as `<type>:<id>`.
/// @throws journey::io_error, journey::store_error
JOURNEY_API void write_ocel_sqlite(const OcelLog& log, const std::string& path);

/// Wraps a plain event log as an OCEL log: the objects its events link to (no
/// attribute values) and no relations.
JOURNEY_API OcelLog ocel_from_log(EventLog log);

} // namespace journey::store
