#pragma once
/// @file
/// Text output of the simulator: events as CSV or XES, the ground truth
/// (journeys.csv), the touchpoint and department catalogues, and the echoed
/// configuration. Formatters append to strings so that threads can format
/// blocks of journeys independently and a writer concatenates them in order.

#include <cstdint>
#include <string>
#include <string_view>

#include <journey/core/api.hpp>
#include <journey/sim/generator.hpp>

namespace journey::sim {

enum class EventFormat : std::uint8_t { csv, xes };

/// Formats the events and ground truth of generated journeys.
///
/// events.csv columns: case_id, event_seq, activity, timestamp, lifecycle,
/// department, resource, channel, touchpoint, object_type, object_id, actor_type,
/// then the process's Catalogue::attributes. Timestamps are local time with their UTC offset
/// (`2024-03-04T09:15:22+00:00`), or a bare date for date-only noise.
///
/// Thread-safety: immutable; the const methods may run concurrently.
class JOURNEY_API OutputFormatter {
public:
    /// `generator` must outlive the formatter.
    OutputFormatter(const Generator& generator, EventFormat format);

    EventFormat format() const noexcept { return m_format; }

    /// The CSV header row, or the XES prologue up to the first trace.
    void events_header(std::string& out) const;
    /// Nothing for CSV; `</log>` for XES.
    void events_footer(std::string& out) const;
    /// Appends the rows (CSV) or the trace (XES) of a journey. Events flagged late
    /// go to `late` instead (the caller writes it after the journey's block); in XES
    /// they form a second trace with the same case id there. Account-only events
    /// have an empty case id in CSV and form a trace named by the account id,
    /// with the trace attribute `orphan` = true, in XES.
    void journey_events(const SimulatedJourney& journey, std::string& out, std::string& late) const;

    /// The journeys.csv header row.
    void journeys_header(std::string& out) const;
    /// One journeys.csv row.
    void journey_truth(const SimulatedJourney& journey, std::string& out) const;

private:
    const Generator* m_gen;
    EventFormat m_format;
    std::string m_resource_prefix[32]; // "CS-" ... per department
};

/// touchpoints.csv: id, name, owner, designed, hidden, sla_kind, sla_start, sla_stop,
/// sla_unit, sla_target, ontime_p, sla_text (one row per touchpoint; effective values).
JOURNEY_API std::string touchpoints_csv(const Generator& generator);

/// departments.csv: code, name, system, agents, external.
JOURNEY_API std::string departments_csv(const Generator& generator);

/// config.json: generator_version, seed, journeys, the output format ("csv" or
/// "xes"), threads-independent layout (block size), and every scenario parameter
/// (Scenario::values()).
JOURNEY_API std::string config_json(const Generator& generator, EventFormat format);
/// As above with the output format named by the caller (e.g. "sqlite" when the
/// events are written as CSV and then imported into a store).
JOURNEY_API std::string config_json(const Generator& generator, std::string_view format);

} // namespace journey::sim
