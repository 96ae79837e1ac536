#pragma once
/// @file
/// The watermelon detector (domain §3.3): green touchpoint KPIs outside, red journeys
/// inside, measured as a set of figures — never one opaque score:
///
/// | figure | what it is |
/// |---|---|
/// | W1 outside | touchpoint attainment a_t, dashboard green, G_out, G_min (Scorecard) |
/// | W2 inside | journey success J_in over ended journeys (Scorecard) |
/// | W3 gap, flag | G_out − J_in; flag ⇔ dashboard green ∧ (J_in < τ_J ∨ gap >= gap threshold) |
/// | W4 hidden red | P(no SLA breach \| red) against P(no breach \| green) |
/// | W5 discrimination | AUC of the breach fraction b(c) for red (ties ½); lift P(red \| breach) / P(red) |
/// | W6 compounding | E = Π_t a_t^(v_t) against the observed SLA-clean share and J_in |
/// | W7 timely but wrong | per SLA: on time yet corrected later on the same object (receiver-judged) |
/// | W8 dark time | share of each journey no SLA clock covers |
/// | W9 shape | score bottom/top box, bimodality coefficient, valley test, modes; e2e mixture |
/// | W10 segments | W1–W4 per segment value, ranked by volume × gap |
///
/// plus the same figures per month (of the journey start) and the attribution of red
/// journeys (attribution.hpp).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/miners/attribution.hpp>
#include <journey/miners/outcomes.hpp>
#include <journey/miners/scorecard.hpp>
#include <journey/miners/stats.hpp>

namespace journey::miners {

enum class Verdict : std::uint8_t {
    watermelon,        ///< dashboard green, journeys red
    green,             ///< dashboard green, journeys healthy
    red,               ///< the dashboard itself shows red (honest red)
    insufficient_data, ///< too few ended journeys, or no measure with a target and instances
};

/// "watermelon", "green", "red", "insufficient data".
JOURNEY_API std::string_view verdict_name(Verdict v) noexcept;

struct WatermelonOptions {
    /// τ_J as a fraction. Negative: the spec's `success target`, else 0.70.
    double inside_target = -1;
    /// The flag also fires when G_out − J_in reaches this.
    double gap_threshold = 0.20;
    /// Fewer ended journeys than this give "insufficient data" (overall, per month, per
    /// segment); the valley test needs this many survey answers.
    std::uint64_t min_journeys = 30;
    /// Score boxes: bottom P(score <= bottom_box), low P(score <= low_box), top P(score >= top_box).
    double bottom_box = 3;
    double low_box = 6;
    double top_box = 9;
    stats::ValleyOptions valley;
    AttributionOptions attribution;
    /// Compute the attribution (features, causes, cover, blame) and the differential DFG.
    bool attribute = true;
};

/// W4 and W5.
struct Discrimination {
    std::uint64_t red = 0, green = 0;
    std::uint64_t red_clean = 0, green_clean = 0; ///< without any breach
    double hidden_red_share = 0;  ///< P(no breach | red)
    double clean_green_share = 0; ///< P(no breach | green)
    double sla_clean_share = 0;   ///< share of ended journeys without a breach
    double auc = 0;               ///< breach fraction as a score for red; 0.5 = blind
    double lift = 0;              ///< P(red | any breach) / P(red)
};

/// W6.
struct Compounding {
    double expected_clean = 0; ///< Π_t a_t^(v_t) over measures with instances
    double observed_clean = 0; ///< SLA-clean share of ended journeys
    double success_rate = 0;   ///< J_in
};

/// W7 for one SLA measure: its outputs (stopped instances) judged by what followed.
struct TimelyButWrong {
    std::string measure;    ///< MeasureInfo::key
    std::string touchpoint;
    std::uint64_t outputs = 0;
    std::uint64_t on_time = 0;
    std::uint64_t corrected = 0; ///< a return or correction on the same object within the window
    std::uint64_t on_time_corrected = 0;
    double attainment = 0;       ///< on_time / outputs
    double accuracy = 0;         ///< q_t = 1 − corrected / outputs
    double timely_but_wrong = 0; ///< TBW_t = on_time_corrected / outputs
    double gap = 0;              ///< a_t − q_t
};

/// W8.
struct DarkTime {
    std::uint64_t journeys = 0; ///< ended journeys with end > start
    double mean_share = 0;
    double median_share = 0;
};

/// One mode of a bimodal score distribution.
struct ScoreMode {
    double low = 0, high = 0; ///< score range
    std::uint64_t journeys = 0;
    double share = 0;
    double mean = 0;
    double red_share = 0; ///< share of the mode's journeys that are red
};

/// W9 on the survey score of ended journeys.
struct ScoreShape {
    std::string attribute;
    std::uint64_t surveyed = 0;
    double mean = 0, mean_red = 0, mean_green = 0;
    /// All scores are integers in 0..10: the histogram and the valley test apply.
    bool integer_scale = false;
    std::vector<std::uint64_t> histogram; ///< 11 bins when integer_scale
    std::vector<std::uint64_t> histogram_red;
    double bottom_box = 0, low_box = 0, top_box = 0;
    double bimodality_coefficient = 0;
    stats::ValleyResult valley;
    /// BC above 5/9 and the valley test positive (for integer scales; otherwise BC and
    /// a mixture with Ashman's D > 2).
    bool bimodal = false;
    std::vector<ScoreMode> modes; ///< two when bimodal
};

/// W9 on end-to-end durations: a two-component mixture on log seconds.
struct DurationShape {
    DurationSummary e2e;
    stats::GaussianMixture2 mixture; ///< on ln(seconds) of ended journeys
    double mode_low_s = 0, mode_high_s = 0; ///< exp of the component means
    bool bimodal = false; ///< Ashman's D > 2 and the two-component BIC is lower
};

/// W1–W5 for a group of journeys (a month or a segment value).
struct GroupFigures {
    std::string segment; ///< segment id; empty for months
    std::string value;   ///< the month (YYYY-MM) or the segment value
    std::uint64_t cases = 0, journeys = 0, ended = 0, censored = 0, green = 0, red = 0;
    bool dashboard_green = false;
    std::size_t measures_red = 0; ///< scored measures below target (red or amber)
    double weighted_attainment = 0;
    double min_attainment = 0;
    double success_rate = 0;
    double gap = 0;
    double hidden_red_share = 0;
    double sla_auc = 0;
    bool flag = false;
    Verdict verdict = Verdict::insufficient_data;
    double rank = 0; ///< ended journeys × gap (segments)
};

struct WatermelonReport {
    Verdict verdict = Verdict::insufficient_data;
    std::string verdict_text; ///< one sentence
    bool flag = false;
    double inside_target = 0; ///< τ_J in force
    double gap = 0;           ///< G_out − J_in
    Scorecard scorecard;
    Discrimination discrimination;
    Compounding compounding;
    std::vector<TimelyButWrong> timely_but_wrong; ///< SLA measures in model order
    DarkTime dark_time;
    ScoreShape scores;
    DurationShape durations;
    std::vector<GroupFigures> periods;  ///< by month of the journey start
    std::vector<GroupFigures> segments; ///< by rank, then segment and value
    Attribution attribution;
    DifferentialDfg differential;
};

/// Accumulator form: add ranges of cases, merge partial results of other shards of
/// the same spec (built with the same options), finish.
///
/// Thread-safety: one thread at a time per accumulator; use one per thread and merge.
class JOURNEY_API WatermelonAccumulator {
public:
    /// `evaluator` must outlive the accumulator.
    explicit WatermelonAccumulator(const JourneyEvaluator& evaluator, WatermelonOptions options = {});
    WatermelonAccumulator(WatermelonAccumulator&&) noexcept;
    WatermelonAccumulator& operator=(WatermelonAccumulator&&) noexcept;
    ~WatermelonAccumulator();

    /// Adds cases [first, last) of the evaluator's log, in order.
    void add_cases(std::size_t first, std::size_t last);
    /// Adds another accumulator's journeys (after this one's).
    void merge(const WatermelonAccumulator& other);
    /// The report; the accumulator stays usable.
    WatermelonReport finish() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// The whole analysis with `threads` workers (0 = hardware concurrency); the result
/// does not depend on the thread count.
JOURNEY_API WatermelonReport detect_watermelon(const JourneyEvaluator& evaluator,
                                               const WatermelonOptions& options = {},
                                               unsigned threads = 1);

/// Convenience: builds the evaluator.
/// @throws journey::usage_error as JourneyEvaluator.
JOURNEY_API WatermelonReport detect_watermelon(const Journey& spec, const EventLog& log,
                                               const EvaluationOptions& evaluation = {},
                                               const WatermelonOptions& options = {},
                                               unsigned threads = 1);

} // namespace journey::miners
