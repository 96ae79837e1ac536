#pragma once
/// @file
/// Builds the flow of a journey map from a log: which touchpoints (or activities)
/// journeys pass through, how many journeys, and the transitions between them with
/// their waits and their lift in red journeys. Results of other analyses (SLA
/// attainment, handoff figures, callouts, the banner) are filled in by the caller.
///
/// A transition is two consecutive events of one journey (case) that belong to
/// different nodes; events that belong to no node (not bound to a touchpoint) are
/// skipped, and repeats of one node are one visit. Waits are the time between the
/// two events (calendar time).
///
/// Thread-safety: no state; concurrent calls are safe.

#include <cstdint>
#include <span>
#include <string>

#include <journey/core/api.hpp>
#include <journey/core/binding.hpp>
#include <journey/core/event_log.hpp>
#include <journey/core/model.hpp>
#include <journey/render/journey_map.hpp>

namespace journey::render {

/// The map of `journey` over `log`: one lane per department that owns a touchpoint
/// (lane order; lanes without touchpoints are left out), the stages in order, one
/// node per touchpoint (owner = lane; ad hoc and hidden flags; volume, events,
/// repeat share), edges between touchpoints. The title is the journey's name and
/// promise; title.journeys counts the cases with a bound event.
///
/// `red` (optional, one entry per case): 1 = red journey, 0 = green, anything else
/// unknown; with it every edge gets its log-lift (shares smoothed as
/// (k + 0.5) / (n + 1)).
/// @throws journey::usage_error when binding.touchpoint does not have one entry per
///         event or red is neither empty nor one entry per case.
JOURNEY_API JourneyMapData map_from_spec(const Journey& journey, const EventLog& log,
                                         const Binding& binding,
                                         std::span<const std::uint8_t> red = {});

/// The departmental map of `log` without a spec: one node per activity, in the lane
/// of the department (org:group) most of its events have (ties: the first by name;
/// none: no lane), lanes in the order their first activity appears in the flow,
/// one stage. `red` as for map_from_spec().
/// @throws journey::usage_error when red has the wrong size.
JOURNEY_API JourneyMapData map_from_log(const EventLog& log, std::span<const std::uint8_t> red = {});

/// "YYYY-MM-DD to YYYY-MM-DD" (UTC) of the log's first and last timestamps; empty
/// when it has none.
JOURNEY_API std::string log_period(const EventLog& log);

} // namespace journey::render
