#pragma once
/// @file
/// The touchpoint scorecard (the "outside", domain §3.3 W1) and the journey outcomes
/// (the "inside", W2) of a log measured against a journey spec.
///
/// Outside: per touchpoint measure (SLA clock or KPI) the attainment a_t = met /
/// instances over every case of the log, as a touchpoint dashboard counts them,
/// against its target; the dashboard is green when every measure with a target
/// reaches it; volume-weighted (G_out) and minimum (G_min) attainment.
/// Inside: per journey the spec's criteria; the success rate J_in = green / ended
/// journeys. Right-censored journeys are excluded from every rate (the choice is
/// stated in InsideSummary::censoring); end-to-end durations are also given by a
/// Kaplan–Meier estimate that keeps them (censored at the extraction time).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/event_log.hpp>
#include <journey/core/model.hpp>
#include <journey/miners/outcomes.hpp>

namespace journey::miners {

/// One row of the touchpoint dashboard: one SLA clock or KPI of a touchpoint.
struct TouchpointScore {
    std::string touchpoint;  ///< touchpoint id
    std::string label;       ///< touchpoint label
    std::string owner;       ///< owning department id
    std::string measure;     ///< MeasureInfo::key
    MeasureInfo::Kind kind = MeasureInfo::Kind::sla;
    std::string description; ///< MeasureInfo::description
    std::uint64_t instances = 0; ///< stopped SLA instances or KPI events
    std::uint64_t met = 0;
    std::uint64_t open = 0;      ///< SLA instances still running (not counted)
    double attainment = 0;       ///< met / instances; NaN without instances
    double per_case = 0;         ///< instances per case (v_t of the compounding check)
    std::optional<Thresholds> target;
    /// Status against the target; nullopt without a target or without instances.
    std::optional<Thresholds::Status> status;
    friend bool operator==(const TouchpointScore&, const TouchpointScore&) = default;
};

/// The outside of the watermelon.
struct OutsideSummary {
    std::vector<TouchpointScore> rows; ///< touchpoints in model order, SLAs then KPIs
    /// Rows that have a target and at least one instance: what the dashboard shows.
    std::size_t scored = 0;
    std::size_t green = 0;
    std::size_t amber = 0;
    std::size_t red = 0;
    /// Every scored row green (and at least one row scored).
    bool dashboard_green = false;
    /// G_out = Σ met / Σ instances over the scored rows; NaN when none.
    double weighted_attainment = 0;
    /// G_min = the lowest attainment of a scored row; NaN when none.
    double min_attainment = 0;
    std::string min_measure; ///< the row with G_min
    friend bool operator==(const OutsideSummary&, const OutsideSummary&) = default;
};

/// One journey criterion (a spec outcome) over the ended journeys.
struct OutcomeScore {
    std::string id;
    std::string label;
    bool lagging = false;
    std::uint64_t counted = 0;     ///< ended journeys where it counts (its `when` held)
    std::uint64_t met = 0;
    std::uint64_t not_counted = 0; ///< ended journeys where it does not count
    double rate = 0;               ///< met / counted; NaN when none
    std::optional<Thresholds> target;
    std::optional<Thresholds::Status> status;
    /// Met rate among green and among red journeys (mostly of interest for lagging
    /// outcomes such as churn); NaN when the group is empty or nothing counted.
    double rate_green = 0;
    double rate_red = 0;
    friend bool operator==(const OutcomeScore&, const OutcomeScore&) = default;
};

/// End-to-end duration (start to end milestone), seconds.
struct DurationSummary {
    std::uint64_t ended = 0;
    std::uint64_t censored = 0;
    double p50_s = 0; ///< over ended journeys; NaN when none
    double p90_s = 0;
    /// Consistency: interquartile range / median over ended journeys.
    double iqr_over_median = 0;
    /// Kaplan–Meier median and 90th percentile over ended and censored journeys
    /// (censored at as_of − start); NaN when the curve does not get that low.
    double km_p50_s = 0;
    double km_p90_s = 0;
    friend bool operator==(const DurationSummary&, const DurationSummary&) = default;
};

/// The inside of the watermelon.
struct InsideSummary {
    std::uint64_t cases = 0;
    std::uint64_t journeys = 0; ///< cases with a start milestone
    std::uint64_t ended = 0;
    std::uint64_t censored = 0;
    std::uint64_t no_start = 0;
    std::uint64_t green = 0;
    std::uint64_t red = 0;
    double success_rate = 0; ///< J_in = green / ended; NaN when none ended
    std::optional<Thresholds> target; ///< Journey::success
    std::optional<Thresholds::Status> status;
    /// How censored journeys are handled, in words.
    std::string censoring;
    std::vector<OutcomeScore> outcomes; ///< in spec order
    DurationSummary e2e;
    friend bool operator==(const InsideSummary&, const InsideSummary&) = default;
};

struct Scorecard {
    OutsideSummary outside;
    InsideSummary inside;
    friend bool operator==(const Scorecard&, const Scorecard&) = default;
};

/// Computes the scorecard with `threads` workers (0 = hardware concurrency); the
/// result does not depend on the thread count.
JOURNEY_API Scorecard compute_scorecard(const JourneyEvaluator& evaluator, unsigned threads = 1);

/// Convenience: builds the evaluator.
/// @throws journey::usage_error as JourneyEvaluator.
JOURNEY_API Scorecard compute_scorecard(const Journey& spec, const EventLog& log,
                                        const EvaluationOptions& options = {},
                                        unsigned threads = 1);

/// The words used for InsideSummary::censoring.
JOURNEY_API std::string_view censoring_statement() noexcept;

} // namespace journey::miners
