#pragma once
/// @file
/// Simulated journeys as an in-memory EventLog (for tests, embedding and spec
/// checks on small samples; large runs stream with simulate()).

#include <cstdint>

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

} // namespace journey::sim
