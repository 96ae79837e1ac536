#pragma once
/// @file
/// Symbol visibility for the journeykit libraries. The libraries are built with
/// -fvisibility=hidden; everything that forms the public API is marked JOURNEY_API.

#if defined(_WIN32)
#define JOURNEY_API
#else
#define JOURNEY_API __attribute__((visibility("default")))
#endif
