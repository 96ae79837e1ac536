#pragma once
/// @file
/// Streaming simulation: generate N journeys on several threads and write them in
/// journey order, with memory independent of N.

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>

#include <journey/core/api.hpp>
#include <journey/sim/output.hpp>
#include <journey/sim/scenario.hpp>

namespace journey::sim {

/// Journeys are generated and written in blocks of this many; late-arriving
/// events (noise) are written at the end of their block. Part of the output layout.
inline constexpr std::uint64_t block_size = 1024;

struct SimulateOptions {
    std::uint64_t journeys = 1000;
    std::uint64_t seed = 42;
    /// Worker threads (0 = hardware concurrency). The output never depends on it.
    unsigned threads = 0;
    EventFormat format = EventFormat::csv;
    /// simulate_to_directory(): file name of the events in DIR; empty means
    /// events.csv or events.xes.
    std::string events_file;
    /// simulate_to_directory(): the output format echoed in config.json; empty means
    /// "csv" or "xes" (as `format`). A caller that converts the events afterwards
    /// (journey simulate --format sqlite) names its own format here.
    std::string format_name;
    /// Called after each block with (journeys done, journeys in total, event bytes
    /// written so far) on the calling thread; may be empty.
    std::function<void(std::uint64_t, std::uint64_t, std::uint64_t)> progress;
};

/// What a run produced (figures over all journeys).
struct SimulateSummary {
    std::uint64_t journeys = 0;
    std::uint64_t events = 0; ///< rows written (duplicates included)
    std::uint64_t red = 0;
    std::uint64_t censored = 0;
    std::uint64_t surveyed = 0;
    std::uint64_t churned = 0;
    std::uint64_t orphans = 0; ///< journeys with a planted stalled handoff
};

/// Generates the journeys and writes events (CSV rows or XES) to `events` and the
/// ground truth rows to `journeys` (both with their header).
/// @throws journey::usage_error for a scenario that fails Scenario::check();
///         journey::io_error when a stream fails.
JOURNEY_API SimulateSummary simulate(const Scenario& scenario, const SimulateOptions& options,
                                     std::ostream& events, std::ostream& journeys);

/// Writes DIR/events.csv (or events.xes, or options.events_file), DIR/journeys.csv,
/// DIR/touchpoints.csv, DIR/departments.csv and DIR/config.json, creating DIR if needed.
/// @throws journey::io_error when a file cannot be written; as simulate().
JOURNEY_API SimulateSummary simulate_to_directory(const Scenario& scenario,
                                                  const SimulateOptions& options,
                                                  const std::string& dir);

} // namespace journey::sim
