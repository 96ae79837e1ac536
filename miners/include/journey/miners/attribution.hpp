#pragma once
/// @file
/// Attributing red journeys (domain §3.5): per-journey features, their association
/// with red (lift, relative risk, odds ratio with a 95 % interval, Fisher and χ²
/// p-values, Benjamini–Hochberg q-values, population attributable fraction), a greedy
/// set cover ("k features explain x % of red journeys"), first-failure blame edges,
/// and the differential DFG (red against green per edge) that maps colour edges by.
///
/// Population: ended journeys (green or red); censored and unstarted cases are left out.
///
/// Features of a journey (presence, 0/1):
/// - `touchpoint:ID`          an event bound to the touchpoint
/// - `activity:NAME`          an event of the activity
/// - `activity:NAME[ATTR=V]`  ... whose string or boolean attribute ATTR is V (attributes
///                            with at most AttributionOptions::max_attribute_values values)
/// - `class:ID`               an event of the class
/// - `rework:NAME`            the activity happens more than once
/// - `handoff:X>Y`            consecutive work events on one object pass from department
///                            X to Y (object level; non-work and survey classes left out)
/// - `slow-handoff:X>Y`       such a handoff waited longer than that edge's 90th percentile
/// - `ping-pong:TYPE`         x, y, z consecutive work events on an object of the type with
///                            dept(x) = dept(z) != dept(y), and act(z) = act(x) or y returns work
/// - `breach:MEASURE`         a breached instance of the touchpoint measure
/// - `segment:ID=VALUE`       the journey's segment value
/// - `first-failure:NAME`     the earliest failure marker (return, correction, failure
///                            demand, data request or complaint class) is this activity
/// - `blame:X>Y`              the handoff on the marker's object just before it (`blame:none`
///                            when there is none)
/// Objects are the spec's object types (else the log's object links); a journey whose
/// events name no object is one object. Features the spec's outcomes are defined by
/// (lagging ones included: churn is a consequence) are `definitional`: the classes,
/// touchpoints and activities their checks count (with the activities those classes
/// and touchpoints name, touchpoints that name only such activities, and first
/// failures that are such activities). They are reported but never ranked as causes,
/// since "journeys with a complaint are red" explains nothing.
///
/// Causes are the eligible features by attributable fraction; features present in
/// exactly the same journeys are folded into one cause (Cause::aliases). The cover
/// takes, step by step, the feature with the highest attributable fraction among the
/// red journeys not yet covered (green journeys stay), until none adds any.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/event_log.hpp>
#include <journey/miners/outcomes.hpp>
#include <journey/miners/stats.hpp>

namespace journey::miners {

enum class FeatureKind : std::uint8_t {
    touchpoint,
    activity,
    activity_value,
    event_class,
    rework,
    handoff,
    slow_handoff,
    ping_pong,
    sla_breach,
    segment,
    first_failure,
    blame,
};

/// "touchpoint", "activity", "activity-value", "class", "rework", "handoff",
/// "slow-handoff", "ping-pong", "breach", "segment", "first-failure", "blame".
JOURNEY_API std::string_view feature_kind_name(FeatureKind k) noexcept;

/// One feature against red.
struct FeatureStats {
    std::string key;         ///< stable key, e.g. "handoff:MET>BIL"
    FeatureKind kind = FeatureKind::activity;
    std::string description; ///< in words, e.g. "work passed from MET to BIL"
    std::uint64_t journeys = 0; ///< ended journeys with it (support n_f)
    std::uint64_t red = 0;      ///< red journeys among them
    double red_rate = 0;         ///< P(red | f)
    double red_rate_without = 0; ///< P(red | not f); NaN when every journey has f
    double lift = 0;             ///< P(red | f) / P(red)
    double relative_risk = 0;    ///< P(red | f) / P(red | not f)
    double risk_difference = 0;  ///< P(red | f) − P(red | not f)
    stats::OddsRatio odds_ratio; ///< with a 95 % Woolf interval
    double p = 1;      ///< Fisher exact test, two-sided
    double chi2_p = 1; ///< Pearson χ² test (no continuity correction)
    double q = 1;      ///< Benjamini–Hochberg q of p over all features
    /// Population attributable fraction (P(red) − P(red | not f)) / P(red); NaN when
    /// every journey has f.
    double attributable_fraction = 0;
    bool definitional = false; ///< counted by an outcome that defines red
    bool eligible = false;     ///< passes the support, q and lift filters and is not definitional
};

/// One step of the greedy set cover.
struct CoverStep {
    std::string key;
    std::uint64_t newly_covered = 0; ///< red journeys this feature adds
    double cumulative_share = 0;     ///< of all red journeys, after this step
};

/// A first-failure blame edge over red journeys (Pareto order).
struct BlameEdge {
    std::string from; ///< department handing over; empty when no handoff preceded the marker
    std::string to;
    std::uint64_t red = 0;   ///< red journeys whose first failure it precedes
    double share_of_red = 0;
};

/// A ranked cause: an eligible feature with a sentence for the journey manager.
struct Cause {
    std::size_t feature = 0; ///< index into Attribution::features
    std::string sentence;
    /// Keys of other eligible features present in exactly the same journeys (the
    /// same red journeys and as many journeys), e.g. an activity and its touchpoint.
    std::vector<std::string> aliases;
};

struct AttributionOptions {
    double min_support = 0.005; ///< least share of journeys with a feature to rank it
    double max_support = 0.9;   ///< near-universal features give unstable fractions
    double max_q = 0.01;
    double min_lift = 1.0;      ///< lift must exceed this
    std::size_t max_causes = 10;
    std::size_t max_cover = 10; ///< set-cover steps
    /// String and boolean attributes with at most this many distinct values become
    /// activity-value features (0 = none).
    std::size_t max_attribute_values = 20;
};

struct Attribution {
    std::uint64_t journeys = 0; ///< ended journeys
    std::uint64_t red = 0;
    double red_rate = 0;
    std::vector<FeatureStats> features; ///< sorted by key
    std::vector<Cause> causes;          ///< eligible features by attributable fraction
    std::vector<CoverStep> cover;
    std::vector<BlameEdge> blame;
};

/// A node of the differential DFG.
struct DiffNode {
    std::string activity;
    std::uint64_t red_events = 0, green_events = 0;
    std::uint64_t red_journeys = 0, green_journeys = 0; ///< journeys with the activity
    /// Share of the journeys with the activity that have it more than once.
    double red_rework_rate = 0;
    double green_rework_rate = 0;
};

/// An edge a → b (directly follows on the journey's trace) of the differential DFG.
struct DiffEdge {
    std::string from;
    std::string to;
    std::uint64_t red_count = 0, green_count = 0;       ///< occurrences
    std::uint64_t red_journeys = 0, green_journeys = 0; ///< journeys with the edge
    double red_per_journey = 0;   ///< occurrences per red journey
    double green_per_journey = 0; ///< occurrences per green journey
    /// ln of (share of red journeys with the edge) / (share of green journeys with it),
    /// each share smoothed as (k + 0.5) / (n + 1). Positive: the edge belongs to red journeys.
    double log_lift = 0;
    /// Waits (seconds, calendar time) over all, red and green occurrences; binned on a
    /// log scale (bins 1 % wide), so within ±0.5 %. NaN when there are none.
    double median_wait_s = 0, p90_wait_s = 0;
    double red_median_wait_s = 0, green_median_wait_s = 0;
};

struct DifferentialDfg {
    std::uint64_t red = 0;
    std::uint64_t green = 0;
    std::vector<DiffNode> nodes; ///< sorted by activity
    std::vector<DiffEdge> edges; ///< sorted by (from, to)
};

/// The differential DFG of `log` given the state of every case (journey_states());
/// only green and red journeys count. `states` has one entry per case.
/// @throws journey::usage_error when states.size() != log.num_cases().
JOURNEY_API DifferentialDfg differential_dfg(const EventLog& log, std::span<const JourneyState> states);

/// Features, causes, set cover and blame edges of the evaluator's log.
JOURNEY_API Attribution attribute_red(const JourneyEvaluator& evaluator,
                                      const AttributionOptions& options = {}, unsigned threads = 1);

} // namespace journey::miners
