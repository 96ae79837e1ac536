#pragma once
// Private: mergeable tallies of evaluated journeys, shared by the scorecard and the
// watermelon detector. Every tally merges exactly (integer counts, ordered maps,
// vectors concatenated in case order), so results never depend on how cases were
// split between threads or shards.

#include <array>
#include <cstdint>
#include <map>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include <journey/miners/scorecard.hpp>

#include "engine.hpp"

namespace journey::miners::detail {

/// Figures of one group of cases (the whole log, a month, a segment value).
struct GroupTally {
    std::vector<std::uint64_t> instances, met, open; ///< per measure
    std::uint64_t cases = 0, journeys = 0, ended = 0, censored = 0, no_start = 0;
    std::uint64_t green = 0, red = 0;
    std::uint64_t green_clean = 0, red_clean = 0; ///< ended journeys without a breach
    /// Breach fraction b = breaches / measured, reduced, as (numerator, denominator)
    /// → (red, green) journeys; journeys without instances have b = 0/1.
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::pair<std::uint64_t, std::uint64_t>> breach_fraction;

    explicit GroupTally(std::size_t measures = 0)
        : instances(measures, 0), met(measures, 0), open(measures, 0) {}

    void add(const CaseEval& ev);
    void merge(const GroupTally& o);

    double success_rate() const noexcept;
    /// P(no breach | red) and P(no breach | green).
    double hidden_red_share() const noexcept;
    double clean_green_share() const noexcept;
    double sla_auc() const;
};

/// Per outcome counts over ended journeys.
struct OutcomeTally {
    std::uint64_t counted = 0, met = 0, not_counted = 0;
    std::uint64_t counted_green = 0, met_green = 0, counted_red = 0, met_red = 0;
    void merge(const OutcomeTally& o) {
        counted += o.counted;
        met += o.met;
        not_counted += o.not_counted;
        counted_green += o.counted_green;
        met_green += o.met_green;
        counted_red += o.counted_red;
        met_red += o.met_red;
    }
};

/// The whole-log extras the inside summary needs.
struct InsideTally {
    std::vector<OutcomeTally> outcomes;
    std::vector<double> e2e_s;             ///< ended and censored journeys, case order
    std::vector<std::uint8_t> e2e_ended;   ///< 1 ended, 0 censored
    void add(const CaseEval& ev, Timestamp as_of);
    void merge(const InsideTally& o);
};

OutsideSummary outside_summary(const Engine& engine, const GroupTally& g);
InsideSummary inside_summary(const Engine& engine, const GroupTally& g, const InsideTally& t);


} // namespace journey::miners::detail
