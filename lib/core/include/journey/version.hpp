#pragma once
/// @file
/// Version of the journeykit libraries.

#include <string_view>

#include <journey/core/api.hpp>

#define JOURNEY_VERSION_MAJOR 0
#define JOURNEY_VERSION_MINOR 1
#define JOURNEY_VERSION_PATCH 0
#define JOURNEY_VERSION_STRING "0.1.0"

namespace journey {

/// The library version at run time, e.g. "0.1.0".
JOURNEY_API std::string_view version() noexcept;

} // namespace journey
