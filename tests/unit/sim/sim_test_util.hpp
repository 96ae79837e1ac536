#pragma once
// Helpers shared by the simulator tests.

#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <journey/sim/scenario.hpp>
#include <journey/sim/simulate.hpp>

namespace journey::sim::test {

inline std::string example(const std::string& rel) {
    return std::string(JOURNEY_SOURCE_DIR) + "/examples/" + rel;
}

inline Scenario as_is() {
    return load_scenario(example("move-house/scenarios/as_is.scenario"));
}
inline Scenario redesign() {
    return load_scenario(example("move-house/scenarios/redesign.scenario"));
}
inline Scenario telco() {
    return load_scenario(example("telco-install/scenarios/telco_install.scenario"));
}

// FNV-1a 64 of a byte string (to pin outputs in golden tests).
inline std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 0xCBF29CE484222325ULL;
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001B3ULL;
    }
    return h;
}

struct Output {
    std::string events;
    std::string journeys;
    SimulateSummary summary;
};

inline Output run(const Scenario& sc, std::uint64_t journeys, std::uint64_t seed, unsigned threads,
                  EventFormat format = EventFormat::csv) {
    SimulateOptions o;
    o.journeys = journeys;
    o.seed = seed;
    o.threads = threads;
    o.format = format;
    std::ostringstream ev, jo;
    Output out;
    out.summary = simulate(sc, o, ev, jo);
    out.events = ev.str();
    out.journeys = jo.str();
    return out;
}

inline std::vector<std::string_view> lines(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t nl = text.find('\n', pos);
        out.push_back(text.substr(pos, nl - pos));
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
    }
    return out;
}

inline std::vector<std::string_view> fields(std::string_view row) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = row.find(',', start);
        out.push_back(row.substr(start, comma == std::string_view::npos ? row.size() - start
                                                                        : comma - start));
        if (comma == std::string_view::npos) {
            return out;
        }
        start = comma + 1;
    }
}

} // namespace journey::sim::test
