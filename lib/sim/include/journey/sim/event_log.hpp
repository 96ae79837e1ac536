#pragma once
/// @file
/// Simulated journeys as an in-memory EventLog (for tests, embedding and spec
/// checks on small samples; large runs stream with simulate()).

#include <cstdint>
#include <string_view>

#include <journey/core/api.hpp>
#include <journey/core/event_log.hpp>
#include <journey/sim/generator.hpp>

namespace journey::sim {

/// Generates journeys [first, first + count) and builds the log that reading their
/// events.csv with journey::io::read_csv gives: core fields from the columns
/// (timestamp = the written UTC time, lifecycle "complete"), every other column an
/// event attribute typed as the CSV reader types it (event_seq, wait_s, handle_s,
/// scores: int; balance, amount: float; dates: date at 00:00 UTC; in_window and the
/// other flags: boolean; the rest: string). Noise is kept, except that account-only
/// rows stay in their journey's case.
/// @throws journey::usage_error as Generator.
JOURNEY_API EventLog to_event_log(const Generator& generator, std::uint64_t first,
                                  std::uint64_t count);

/// A copy of `log` in which every event with non-empty string values of both
/// attributes `type_attribute` and `id_attribute` (the simulator's object_type and
/// object_id columns, as the CSV reader keeps them) also links to that object
/// (OCEL event-to-object link, no qualifier). Everything else is kept: cases and
/// events in order, fields, attributes (the two columns included), existing links
/// and metadata. Used to write the simulator's events as OCEL 2.0 with objects.
JOURNEY_API EventLog with_object_links(const EventLog& log,
                                       std::string_view type_attribute = "object_type",
                                       std::string_view id_attribute = "object_id");

} // namespace journey::sim
