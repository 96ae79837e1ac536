#pragma once
/// @file
/// Does a journey spec (the model a `.journey` file compiles to) fit the process
/// the simulator generates?

#include <cstdint>
#include <string>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/model.hpp>
#include <journey/sim/generator.hpp>

namespace journey::sim {

/// Checks `spec` against the generator's process. Problems, in this order:
/// - a department of the catalogue that the spec does not declare
///   ("department 'MIMO' is not in the spec");
/// - a touchpoint of the catalogue that the spec does not declare;
/// - an activity of `sample_journeys` simulated journeys that the spec binds to no
///   touchpoint and no class ("activity 'Read requested' binds to nothing (12 events)");
/// - an event the spec binds to another touchpoint than the simulator's touchpoint
///   column says ("'Call answered' is bound to T16 by the spec but simulated as T01
///   (3 events)").
/// @returns the problems; empty when the spec fits.
/// @throws journey::usage_error when a regular expression of the spec does not compile.
JOURNEY_API std::vector<std::string> check_spec(const journey::Journey& spec,
                                                const Generator& generator,
                                                std::uint64_t sample_journeys = 300);

} // namespace journey::sim
