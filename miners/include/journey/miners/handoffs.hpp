#pragma once
/// @file
/// Handoff-failure analysis (docs/metrics.md, domain §4.1–4.5): where work passes
/// between departments, how often it comes back, how long it waits there, and what
/// that costs the journey.
///
/// One pass over the log computes, per work object after removing non-work events:
/// - handover of work between departments (or resources, or the values of an
///   attribute): counts, per-journey rates, the van der Aalst normalisation, the
///   indirect form with depth factor β and an optional causality filter;
/// - waiting time at each handover edge, in calendar and business time;
/// - ping-pong with evidence, bounce depth, and the naive case-level test beside it;
/// - rework (activity repeats, correction events, post-handoff rework);
/// - information-loss signals attributed to edges: re-asks (IL1) and handoff
///   rejections (IL2);
/// - orphans (journeys whose last work event is a handover that nobody acted on) and
///   open journeys (right-censored);
/// - an impact ranking of the handover edges.
/// A compatible mode (`pm4py`) reproduces the handover-of-work values of pm4py's
/// `discover_handover_of_work_network` (see HandoffMode::pm4py for the rules).
///
/// The accumulator form (add … merge … finish) lets a log split by journey be mined
/// shard by shard; results do not depend on how it was split.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/event_log.hpp>
#include <journey/core/time.hpp>
#include <journey/miners/handoff_context.hpp>

namespace journey::miners {

/// How handovers are counted.
enum class HandoffMode : std::uint8_t {
    /// The journey method (domain §4.1): per work object, non-work events removed,
    /// X→Y with X ≠ Y only, events without a department skipped.
    journey,
    /// pm4py's `discover_handover_of_work_network` (pm4py 2.7): the whole case trace
    /// (every event, no objects, no roles), self-handovers X→X included, value =
    /// count / Σ(|σ|−1) for β = 0 and weight / Σ weights for β > 0. pm4py raises an
    /// error when an event has no value of the resource key, so this mode throws
    /// journey::usage_error on such an event.
    pm4py,
};

/// What a node of the handover network is.
enum class HandoffLevel : std::uint8_t {
    department, ///< the department column (XES org:group)
    resource,   ///< the resource column (XES org:resource)
    attribute,  ///< the string value of an event attribute (HandoffOptions::attribute)
};

/// "journey" / "pm4py".
JOURNEY_API std::string_view mode_name(HandoffMode m) noexcept;

struct HandoffOptions {
    HandoffMode mode = HandoffMode::journey;
    HandoffLevel level = HandoffLevel::department;
    /// Event attribute naming the node when level == attribute (string values).
    std::string attribute;
    /// Journey mode: count per work object (the context's objects). false: on each
    /// journey's whole work trace.
    bool object_level = true;
    /// Depth factor of indirect succession, 0 <= beta < 1. 0: direct succession.
    /// With beta > 0 a pair (w_i, w_j), i < j, weighs beta^(j−i−1) and `value` is the
    /// weight of X→Y over the weight of all pairs (van der Aalst et al. 2005). Pairs
    /// lighter than 1e-12 are skipped (so long sequences stay linear in practice).
    double beta = 0;
    /// Count a pair only when its activities are a causal relation: the pairs in
    /// causal_pairs, or, when that is empty, a→b with a directly followed by b and
    /// never b by a on the work sequences (the alpha-algorithm relation).
    bool causal = false;
    std::vector<std::pair<std::string, std::string>> causal_pairs;
    /// Waits above this count as "over threshold" (seconds, calendar time; the same
    /// number of working seconds for business time).
    std::int64_t wait_threshold_s = 2 * 86400;
    /// Keep handovers from or to a batch activity in the wait statistics (they are
    /// counted in HandoverEdge::batch either way).
    bool batch_waits = false;
    /// IL2: a return event counts against an X→Y handover when it is among the first
    /// `return_window_events` work events of Y on the object after the handover
    /// (the receiving event included) and at most return_window_s after it (0 = no
    /// time limit).
    std::uint32_t return_window_events = 3;
    std::int64_t return_window_s = 30 * 86400;
    /// A journey that is not complete and whose last work event is a handover is an
    /// orphan when that event is older than this at `as_of`. Every other journey that
    /// is not complete is open (right-censored); without an end milestone (no spec)
    /// only those with an event within this time of `as_of` are.
    std::int64_t stall_s = 30 * 86400;
    /// The end of the log. no_timestamp: the latest timestamp seen.
    Timestamp as_of = no_timestamp;
    /// Orphan journeys listed in HandoffResult::orphans.longest (most stalled first).
    std::size_t orphans_listed = 20;
    /// Impact ranking with red flags: features need support in
    /// [min_support_share·N, max_support_share·N] journeys.
    double min_support_share = 0.005;
    double max_support_share = 0.9;
    /// Worker threads for analyze_handoffs() (0 = hardware concurrency). The result
    /// never depends on it.
    unsigned threads = 0;
};

/// Waiting-time statistics of one handover edge (seconds).
struct WaitSummary {
    std::uint64_t count = 0; ///< handovers measured
    double mean_s = 0;
    double median_s = 0; ///< as DurationStats (mean of the middle two for even counts)
    double p90_s = 0;    ///< linear interpolation between closest ranks
    std::uint64_t over_threshold = 0; ///< waits > HandoffOptions::wait_threshold_s
    double share_over = 0;            ///< over_threshold / count (0 when count is 0)
    friend bool operator==(const WaitSummary&, const WaitSummary&) = default;
};

/// One handover edge X→Y.
struct HandoverEdge {
    std::string from;
    std::string to;
    std::uint64_t count = 0; ///< handovers (direct succession, after the causality filter)
    /// Normalised handover of work: count / Σ successions (β = 0) or weight / Σ
    /// weights (β > 0). In pm4py mode equal to pm4py's value.
    double value = 0;
    std::uint64_t cases = 0;  ///< journeys with at least one such handover
    double case_rate = 0;     ///< cases / journeys
    double per_journey = 0;   ///< count / journeys
    WaitSummary wait;          ///< calendar time
    WaitSummary business_wait; ///< working time under the receiving department's calendar
    /// Mean length of a working day of the calendars business waits were measured
    /// under (seconds; 0 when none): divides business waits into working days.
    double working_day_s = 0;
    std::uint64_t batch = 0;   ///< handovers from or to a batch activity
    std::uint64_t returns = 0; ///< IL2: handovers followed by a return event of the receiver
    double rejection_rate = 0; ///< returns / count: the receiver-judged inaccuracy of X's output
    std::uint64_t reasks = 0;  ///< IL1: data-request events after this handover
    std::uint64_t bounces = 0; ///< ping-pongs X→Y→X with evidence that start with this edge
    std::uint64_t post_handoff_rework = 0; ///< rework at X after the object went X→Y→X
    std::uint64_t orphans = 0; ///< orphan journeys whose last work event is this handover
    std::uint64_t outcome_cases = 0; ///< journeys with this handover whose red flag is known
    std::uint64_t red_cases = 0;     ///< ... and that are red
    friend bool operator==(const HandoverEdge&, const HandoverEdge&) = default;
};

/// Ping-pong between two departments (unordered pair, a < b by name).
struct PingPongPair {
    std::string a;
    std::string b;
    std::uint64_t count = 0;     ///< bounces (x, y, z with evidence) between a and b
    std::uint64_t cases = 0;     ///< journeys with at least one
    std::uint64_t handovers = 0; ///< handovers a→b plus b→a
    double per_100_handovers = 0;
    std::uint32_t max_depth = 0; ///< longest alternating a,b,a,… run holding a bounce
    friend bool operator==(const PingPongPair&, const PingPongPair&) = default;
};

struct PingPongSummary {
    std::uint64_t bounces = 0;
    std::uint64_t cases = 0;            ///< journeys with a bounce (object level, with evidence)
    double object_level_case_rate = 0;  ///< cases / journeys
    std::uint64_t naive_cases = 0;      ///< journeys with X→Y→X on the interleaved trace
    double naive_case_rate = 0;
    std::uint64_t runs = 0;             ///< alternating runs holding at least one bounce
    double mean_depth = 0;              ///< mean length of those runs (events)
    std::uint32_t max_depth = 0;
    std::uint64_t by_return = 0; ///< bounces whose evidence is a return event
    std::uint64_t by_redo = 0;   ///< bounces whose evidence is X redoing its step
    std::vector<PingPongPair> pairs; ///< sorted by (a, b)
    friend bool operator==(const PingPongSummary&, const PingPongSummary&) = default;
};

/// Rework of one activity.
struct ActivityRework {
    std::string activity;
    std::uint64_t instances = 0; ///< work events of the activity
    std::uint64_t rework = 0;    ///< Σ max(0, count per object − 1)
    std::uint64_t self_loops = 0;
    std::uint64_t loops = 0;
    std::uint64_t cases = 0;     ///< journeys where it was reworked
    friend bool operator==(const ActivityRework&, const ActivityRework&) = default;
};

struct ReworkSummary {
    std::uint64_t activity_instances = 0; ///< work events
    std::uint64_t rework = 0;             ///< Σ_a RewC
    double rework_share = 0;              ///< rework / activity_instances
    std::uint64_t self_loops = 0;
    std::uint64_t loops = 0;
    std::uint64_t correction_events = 0;
    std::uint64_t cases_with_rework = 0;     ///< journeys with any RewC > 0
    std::uint64_t cases_with_correction = 0; ///< journeys with a correction event
    std::uint64_t cases = 0;                 ///< journeys with either
    double case_rate = 0;                    ///< cases / journeys
    std::uint64_t post_handoff_rework = 0;
    std::uint64_t post_handoff_cases = 0;
    /// Activities with rework, by rework descending, then name.
    std::vector<ActivityRework> activities;
    friend bool operator==(const ReworkSummary&, const ReworkSummary&) = default;
};

/// A journey whose last work event is a handover nobody acted on.
struct OrphanCase {
    std::string case_id;
    std::string from;
    std::string to;
    Timestamp last_work = no_timestamp; ///< time of the handover
    double stalled_s = 0;               ///< as_of − last_work
    friend bool operator==(const OrphanCase&, const OrphanCase&) = default;
};

struct OrphanSummary {
    Timestamp as_of = no_timestamp;
    std::int64_t stall_s = 0;
    bool end_milestone = false;  ///< whether completion came from a spec's end milestone
    std::uint64_t complete = 0;  ///< journeys that reached the end milestone
    std::uint64_t orphans = 0;
    double orphan_rate = 0;      ///< orphans / journeys
    std::uint64_t open = 0;      ///< not complete and not orphans (right-censored; see stall_s)
    double open_rate = 0;
    std::vector<OrphanCase> longest; ///< most stalled first, then case id
    friend bool operator==(const OrphanSummary&, const OrphanSummary&) = default;
};

/// Impact of one handover edge on journey outcomes.
struct HandoffImpact {
    std::string from;
    std::string to;
    std::uint64_t cases = 0;     ///< n_f: journeys with the handover
    std::uint64_t red_cases = 0;
    double red_rate = 0;         ///< r_f = P(red | f)
    double red_rate_without = 0; ///< r_¬f
    double lift = 0;             ///< r_f / P(red)
    double relative_risk = 0;    ///< r_f / r_¬f (infinite when r_¬f is 0)
    double risk_difference = 0;  ///< r_f − r_¬f
    double paf = 0;              ///< population attributable fraction (P(red) − r_¬f) / P(red)
    /// Without red flags: handovers × median wait (s) × rejection rate.
    double score = 0;
    friend bool operator==(const HandoffImpact&, const HandoffImpact&) = default;
};

struct ImpactRanking {
    /// "red" (lift/PAF against red journeys) or "volume_wait_rejection".
    std::string basis;
    std::uint64_t journeys = 0;    ///< journeys with a known outcome (basis red)
    std::uint64_t red = 0;
    double red_rate = 0;
    /// Ranked, best first. Basis red: edges with support in range and lift > 1, by PAF
    /// descending; otherwise every edge by score, then handovers × median wait.
    /// Ties: by (from, to).
    std::vector<HandoffImpact> edges;
    friend bool operator==(const ImpactRanking&, const ImpactRanking&) = default;
};

/// Totals of the analysis.
struct HandoffTotals {
    std::uint64_t journeys = 0;
    std::uint64_t events = 0;
    std::uint64_t work_events = 0;       ///< after removing non-work and lifecycle-start events
    std::uint64_t non_work_events = 0;
    std::uint64_t unassigned_events = 0; ///< work events without a node value (skipped)
    std::uint64_t objects = 0;           ///< work sequences with a work event (objects, or journeys at case level)
    std::uint64_t successions = 0;       ///< Σ (|sequence| − 1)
    std::uint64_t handovers = 0;
    double handovers_per_journey = 0;
    /// Handovers counted on each journey's interleaved work trace (no objects).
    std::uint64_t interleaved_handovers = 0;
    double interleaved_per_journey = 0;
    std::uint64_t journeys_with_handover = 0;
    /// Handoff-wait share of journey time: the union of handover waits over the
    /// journey's span, averaged over journeys with a span > 0 ...
    double wait_share = 0;
    /// ... and Σ union / Σ span over those journeys.
    double wait_share_total = 0;
    std::uint64_t reask_cases = 0;     ///< IL1: journeys with a data request after a handover
    std::uint64_t reask_events = 0;
    std::uint64_t returns = 0;         ///< IL2: handovers followed by a return
    double rejection_rate = 0;         ///< returns / handovers
    friend bool operator==(const HandoffTotals&, const HandoffTotals&) = default;
};

/// Per-journey findings (HandoffResult::case_flags).
namespace case_flag {
inline constexpr std::uint8_t ping_pong = 1;       ///< object-level bounce with evidence
inline constexpr std::uint8_t naive_ping_pong = 2; ///< X→Y→X on the interleaved trace
inline constexpr std::uint8_t reask = 4;           ///< data request after a handover
inline constexpr std::uint8_t rework = 8;          ///< activity rework or a correction event
inline constexpr std::uint8_t orphan = 16;
inline constexpr std::uint8_t open = 32;
inline constexpr std::uint8_t rejected = 64;       ///< a handover was returned
inline constexpr std::uint8_t complete = 128;      ///< reached the end milestone
} // namespace case_flag

/// A pm4py-compatible handover value (HandoffMode::pm4py), self-handovers included.
struct Pm4pyHandover {
    std::string from;
    std::string to;
    std::uint64_t count = 0; ///< direct successions
    double value = 0;
    WaitSummary wait; ///< time between the two events
    friend bool operator==(const Pm4pyHandover&, const Pm4pyHandover&) = default;
};

struct HandoffResult {
    HandoffMode mode = HandoffMode::journey;
    HandoffLevel level = HandoffLevel::department;
    std::string attribute;
    bool object_level = true;
    double beta = 0;
    bool causal = false;
    std::int64_t wait_threshold_s = 0;
    bool business_time = false; ///< whether any calendar was available

    HandoffTotals totals;
    std::vector<HandoverEdge> edges; ///< journey method, X ≠ Y, sorted by (from, to)
    /// pm4py mode only: pm4py's handover values, sorted by (from, to).
    std::vector<Pm4pyHandover> pm4py;
    PingPongSummary ping_pong;
    ReworkSummary rework;
    OrphanSummary orphans;
    ImpactRanking impact;
    /// Per case of the log(s) added (by case index): case_flag bits. When several logs
    /// are added to one accumulator their case indices overlap and the flags are ORed.
    std::vector<std::uint8_t> case_flags;

    /// The edge X→Y, or nullptr.
    const HandoverEdge* find(std::string_view from, std::string_view to) const noexcept;

    friend bool operator==(const HandoffResult&, const HandoffResult&) = default;
};

/// Accumulator form: add journeys, merge partial results, finish.
///
/// Thread-safety: one thread at a time per accumulator; use one per thread and merge.
class JOURNEY_API HandoffAccumulator {
public:
    /// @throws journey::usage_error for options out of range (beta outside [0, 1),
    ///         level attribute without a name) or a calendar with an unknown time zone
    ///         (when cases are added).
    explicit HandoffAccumulator(HandoffOptions options = {});
    HandoffAccumulator(const HandoffAccumulator&);
    HandoffAccumulator& operator=(const HandoffAccumulator&);
    HandoffAccumulator(HandoffAccumulator&&) noexcept;
    HandoffAccumulator& operator=(HandoffAccumulator&&) noexcept;
    ~HandoffAccumulator();

    /// Adds cases [first, last) of `log`; `context` belongs to `log` (its per-event
    /// vectors are empty or have log.num_events() entries).
    /// @throws journey::usage_error in pm4py mode on an event without a node value, or
    ///         when the context's sizes do not match the log.
    void add_cases(const EventLog& log, const HandoffContext& context, std::size_t first,
                   std::size_t last);
    /// Adds another partial result.
    void merge(const HandoffAccumulator& other);
    /// The finished result; the accumulator stays usable.
    HandoffResult finish() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// The whole analysis of a log, using options.threads workers split by journey. When
/// options.causal is set without causal_pairs, a first pass finds the alpha relation;
/// when options.as_of is unset, it is the log's latest timestamp.
/// @throws journey::usage_error as HandoffAccumulator.
JOURNEY_API HandoffResult analyze_handoffs(const EventLog& log, const HandoffContext& context,
                                           const HandoffOptions& options = {});

/// The causal activity pairs of the alpha relation on the work sequences the
/// analysis would use (a→b: a directly followed by b somewhere, b by a nowhere),
/// sorted by name.
JOURNEY_API std::vector<std::pair<std::string, std::string>>
causal_relation(const EventLog& log, const HandoffContext& context, const HandoffOptions& options);

/// One plain sentence about a handover edge, built from its numbers, e.g.
/// "Metering → Billing: 1 in 7 handovers comes back; work waits 3.2 working days
/// (p90 9.1)." Business time is used when it was measured.
JOURNEY_API std::string describe_handover(const HandoverEdge& edge, const HandoffResult& result);

/// A handover edge annotation for maps (department lanes): the figures the map draws
/// beside an edge X→Y.
struct HandoffAnnotation {
    std::string from;
    std::string to;
    std::uint64_t handovers = 0;
    double median_wait_s = 0;   ///< business time when measured, else calendar
    double p90_wait_s = 0;
    bool business_time = false;
    double rejection_rate = 0;
    double ping_pong_per_100 = 0; ///< bounces of the pair per 100 handovers
    std::uint32_t rank = 0;       ///< position in the impact ranking (1 = worst), 0 = unranked
    std::string label;            ///< short text: "412 · 2.1 wd · 14 % back"
    std::string sentence;         ///< describe_handover()
    friend bool operator==(const HandoffAnnotation&, const HandoffAnnotation&) = default;
};

/// Annotations for every edge, sorted by (from, to).
JOURNEY_API std::vector<HandoffAnnotation> handoff_annotations(const HandoffResult& result);

} // namespace journey::miners
