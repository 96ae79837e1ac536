#pragma once
/// @file
/// Journey outcomes: each journey of a log measured against a journey spec — where it
/// starts and ends, whether it is still running (right-censored), which criteria
/// (the spec's outcomes J1..J6) it met, its survey score, its touchpoint SLA clock
/// instances — and the red flag other analyses build on (handoff impact ranking,
/// maps, attribution).
///
/// Semantics (docs/watermelon.md has the reader's version):
/// - The journey starts at the start milestone (Journey::start; by default the case's
///   first event). A case without it is `no_start` and is left out of every figure.
/// - It ends at the first end-milestone event at or after the start that no
///   Journey::end_unless event follows within Journey::lookahead. Without an end
///   milestone in the spec, the case's last event ends it. A journey whose end
///   milestone has not happened, or whose look-ahead window reaches past the
///   extraction time (EvaluationOptions::as_of), is `censored`.
/// - An outcome counts for a journey when all its `when` checks hold; it is met when
///   all its checks hold. A check whose measure has no value (a missing attribute, a
///   time of an event that never happened) makes the outcome not counted, except a
///   duration whose end event never happened, which is infinitely long.
/// - An ended journey is red when a counted non-lagging outcome failed, else green.
///   Lagging outcomes (churn) never make a journey red.
/// - SLA clocks (Sla): within a journey an instance opens at a `from` event, a later
///   `from` event while it is open restarts it (resubmission, resend, release), and
///   the first later `to` event stops it. Pauses (from → next to) do not count.
///   Calendar basis: elapsed time; business basis: working time of the SLA's calendar
///   (the owner's by default; 24×7 when neither names one); `within N wd`: the stop
///   is no later than BusinessCalendar::working_days_deadline(start, N), moved on by
///   the paused working time. Instances still open at the end of the case are open
///   (censored), not breaches.
/// - KPIs (Kpi): every event of the touchpoint in the KPI's scope is an instance; it
///   is met when it meets the KPI's condition.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/event_log.hpp>
#include <journey/core/model.hpp>

namespace journey::miners {

namespace detail {
class Engine;
}

/// What one case is, measured against a spec.
enum class JourneyState : std::uint8_t {
    green,    ///< ended; every counted non-lagging outcome met
    red,      ///< ended; a counted non-lagging outcome failed
    censored, ///< not ended by the extraction time (right-censored)
    no_start, ///< the start milestone never happened: not a journey of this spec
};

/// "green", "red", "censored", "no_start".
JOURNEY_API std::string_view journey_state_name(JourneyState s) noexcept;

struct EvaluationOptions {
    /// Extraction time (µs UTC): look-ahead windows must end by then for a journey to
    /// count as ended. no_timestamp = the latest timestamp in the log.
    Timestamp as_of = no_timestamp;
    /// Attribute holding the journey survey score. Empty: the attribute the first
    /// outcome check compares with a number (e.g. J6 `attr score >= 7`; non-lagging
    /// outcomes first), else "score".
    std::string score_attribute;
    /// How long after a touchpoint's output a correction (a `return` or `correction`
    /// class event on the same object) still judges that output wrong (W7). Zero: the
    /// spec's look-ahead, or 60 days when it has none.
    std::int64_t correction_window_us = 0;
};

/// One touchpoint measure: an SLA clock or a KPI of a touchpoint.
struct MeasureInfo {
    enum class Kind : std::uint8_t { sla, kpi };
    Kind kind = Kind::sla;
    std::size_t touchpoint = 0; ///< index into Journey::touchpoints
    std::size_t index = 0;      ///< index into the touchpoint's slas or kpis
    /// Display key: the touchpoint id, then "/" and the SLA or KPI id when the
    /// touchpoint has more than one measure ("T05", "T16/answer").
    std::string key;
    std::string description;         ///< e.g. "within 2wd (business)"
    std::optional<Thresholds> target; ///< attainment target
    friend bool operator==(const MeasureInfo&, const MeasureInfo&) = default;
};

/// One SLA clock instance of a journey.
struct SlaInstance {
    std::uint32_t measure = 0;     ///< index into JourneyEvaluator::measures()
    std::uint32_t start_event = 0; ///< event index in the log
    std::uint32_t stop_event = 0;  ///< event index; meaningless when open
    Timestamp start = 0;
    Timestamp stop = 0; ///< no_timestamp when open
    bool met = false;
    bool open = false; ///< still running when the case's events end (censored)
    friend bool operator==(const SlaInstance&, const SlaInstance&) = default;
};

/// Everything measured on one journey (case).
struct JourneyResult {
    JourneyState state = JourneyState::no_start;
    Timestamp start = no_timestamp; ///< start milestone
    Timestamp end = no_timestamp;   ///< end milestone; no_timestamp unless ended
    /// Per Journey::outcomes: 1 met, 0 failed, -1 not counted.
    std::vector<std::int8_t> outcomes;
    double score = 0;       ///< survey score; NaN when none
    std::vector<SlaInstance> instances; ///< SLA clock instances, by measure then start
    std::vector<std::uint32_t> kpi_instances; ///< per measure (0 for SLA measures)
    std::vector<std::uint32_t> kpi_met;       ///< per measure
    /// Share of [start, end] covered by no SLA clock (W8); NaN unless ended with end > start.
    double dark_share = 0;
    std::vector<std::string> segments; ///< value per Journey::segments ("(none)" when missing)
    friend bool operator==(const JourneyResult&, const JourneyResult&) = default;
};

/// A spec bound to one log, ready to evaluate journeys: binding (bind()), compiled
/// selectors, calendars and attribute lookups. Built once per log; all analyses of
/// this library (scorecard, watermelon, attribution) run on one.
///
/// Thread-safety: immutable after construction; evaluate() may run concurrently.
/// The spec and the log must outlive the evaluator.
class JOURNEY_API JourneyEvaluator {
public:
    /// Binds the log (bind() with the spec's classes plus one class per selector
    /// condition) and prepares calendars.
    /// @throws journey::usage_error when a regular expression or a calendar's time
    ///         zone in the spec is invalid (the DSL checker reports those first).
    JourneyEvaluator(const Journey& spec, const EventLog& log, EvaluationOptions options = {});
    JourneyEvaluator(JourneyEvaluator&&) noexcept;
    JourneyEvaluator& operator=(JourneyEvaluator&&) noexcept;
    ~JourneyEvaluator();

    const Journey& spec() const noexcept;
    const EventLog& log() const noexcept;
    /// The extraction time in force (options.as_of or the latest timestamp).
    Timestamp as_of() const noexcept;
    /// The score attribute in force.
    const std::string& score_attribute() const noexcept;
    /// Touchpoint measures: for each touchpoint in model order, its SLAs, then its KPIs.
    const std::vector<MeasureInfo>& measures() const noexcept;

    /// Evaluates case `c` (0 <= c < log().num_cases()).
    JourneyResult evaluate(std::size_t c) const;

    /// The engine the analyses of this library share (private API).
    const detail::Engine& engine() const noexcept { return *m_engine; }

private:
    std::unique_ptr<detail::Engine> m_engine;
};

/// Per-journey results of a whole log, column by column (index = case index).
struct JourneyOutcomes {
    std::vector<std::string> outcome_ids; ///< Journey::outcomes ids, in order
    std::vector<JourneyState> state;
    std::vector<Timestamp> start;
    std::vector<Timestamp> end;
    /// Case-major: results[c * outcome_ids.size() + o] is 1 met, 0 failed, -1 not counted.
    std::vector<std::int8_t> results;
    std::vector<double> score; ///< NaN when none

    std::int8_t result(std::size_t c, std::size_t o) const noexcept {
        return results[c * outcome_ids.size() + o];
    }
    friend bool operator==(const JourneyOutcomes&, const JourneyOutcomes&) = default;
};

/// Evaluates every journey of `log` (with `threads` workers, 0 = hardware
/// concurrency; the result does not depend on it).
/// @throws journey::usage_error as JourneyEvaluator.
JOURNEY_API JourneyOutcomes evaluate_outcomes(const Journey& spec, const EventLog& log,
                                              const EvaluationOptions& options = {},
                                              unsigned threads = 1);

/// The state of every case: the per-journey red flag (JourneyState::red) that handoff
/// impact rankings and maps use.
/// @throws journey::usage_error as JourneyEvaluator.
JOURNEY_API std::vector<JourneyState> journey_states(const Journey& spec, const EventLog& log,
                                                     const EvaluationOptions& options = {},
                                                     unsigned threads = 1);

} // namespace journey::miners
