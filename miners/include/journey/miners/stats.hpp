#pragma once
/// @file
/// Statistics the watermelon detector and the attribution need: AUC with ties,
/// moments and the bimodality coefficient, the valley test for discrete scales, a
/// two-component Gaussian mixture (EM) with Ashman's D, 2×2 contingency tests
/// (Fisher exact, Pearson χ²), odds ratios with Woolf confidence intervals,
/// Benjamini–Hochberg q-values, quantiles and the Kaplan–Meier estimator.
///
/// Conventions: a statistic that is undefined for its input (an empty group, zero
/// variance, too few values) is NaN, never an exception; functions are pure and
/// thread-safe.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include <journey/core/api.hpp>

namespace journey::miners::stats {

// ---------------------------------------------------------------------------
// Discrimination

/// A score value with the number of positive and negative items that have it.
struct ScoreCount {
    double score = 0;
    std::uint64_t positives = 0;
    std::uint64_t negatives = 0;
    friend bool operator==(const ScoreCount&, const ScoreCount&) = default;
};

/// Area under the ROC curve of `score` as a predictor of "positive": the probability
/// that a random positive scores higher than a random negative, ties counting ½
/// (the Mann–Whitney U statistic divided by n₊·n₋). The entries may be in any order
/// and may repeat a score. @returns NaN when either group is empty.
JOURNEY_API double auc(std::span<const ScoreCount> counts);

/// The same from two samples of scores.
JOURNEY_API double auc(std::span<const double> positives, std::span<const double> negatives);

// ---------------------------------------------------------------------------
// Moments and the shape of a distribution

/// Sample moments of weighted values (a weight is a repeat count), computed in one
/// pass with the two-pass-stable updates of Pébay (2008); accumulators merge.
class JOURNEY_API Moments {
public:
    /// Adds `x` `weight` times (weight 0 is ignored).
    void add(double x, std::uint64_t weight = 1) noexcept;
    /// Adds the values of another accumulator.
    void merge(const Moments& other) noexcept;

    std::uint64_t count() const noexcept { return m_n; }
    double mean() const noexcept;
    /// Sample variance (divisor n − 1); NaN for n < 2.
    double variance() const noexcept;
    /// Bias-corrected sample skewness G1 = g1·√(n(n−1))/(n−2); NaN for n < 3 or zero variance.
    double skewness() const noexcept;
    /// Bias-corrected sample excess kurtosis G2 = ((n+1)g2 + 6)(n−1)/((n−2)(n−3));
    /// NaN for n < 4 or zero variance.
    double excess_kurtosis() const noexcept;
    /// Sample bimodality coefficient (SAS; Pfister et al. 2013):
    /// BC = (G1² + 1) / (G2 + 3(n−1)²/((n−2)(n−3))). Above 5/9 suggests bimodality.
    /// NaN for n < 4 or zero variance.
    double bimodality_coefficient() const noexcept;

private:
    std::uint64_t m_n = 0;
    double m_mean = 0;
    double m_m2 = 0; // sums of powers of deviations from the mean
    double m_m3 = 0;
    double m_m4 = 0;
};

/// The threshold 5/9 above which the bimodality coefficient suggests two modes.
inline constexpr double bimodality_threshold = 5.0 / 9.0;

/// Settings of the valley test (domain §3.4).
struct ValleyOptions {
    std::size_t min_separation = 3; ///< the two modes are at least this many points apart
    double max_valley_ratio = 0.5;  ///< valley <= ratio × the smaller mode's count
    double min_mode_mass = 0.15;    ///< each mode ±1 point holds at least this share
};

/// Result of the valley test on a histogram.
struct ValleyResult {
    bool valley = false;          ///< two separated modes with a deep valley were found
    std::size_t low_mode = 0;     ///< bin of the lower mode (when valley)
    std::size_t high_mode = 0;    ///< bin of the upper mode (when valley)
    std::size_t valley_bin = 0;   ///< the lowest bin strictly between them
    double valley_ratio = 0;      ///< h(valley) / min(h(low), h(high))
    double low_mass = 0;          ///< share of the mass within ±1 of the lower mode
    double high_mass = 0;         ///< same for the upper mode
    friend bool operator==(const ValleyResult&, const ValleyResult&) = default;
};

/// Valley test for a discrete scale (bins 0..n−1, e.g. scores 0–10): looks for local
/// maxima i < j with j − i >= min_separation, a bin k in (i, j) with
/// h(k) <= max_valley_ratio·min(h(i), h(j)), and at least min_mode_mass of all counts
/// within ±1 bin of each mode. Among qualifying pairs it reports the one with the
/// largest smaller mode mass (then the lowest i, then the lowest j).
/// A local maximum is a non-empty bin at least as high as its neighbours.
JOURNEY_API ValleyResult valley_test(std::span<const std::uint64_t> histogram,
                                     const ValleyOptions& options = {});

// ---------------------------------------------------------------------------
// Two-component Gaussian mixture

struct MixtureOptions {
    std::size_t max_iterations = 500;
    double tolerance = 1e-9; ///< stop when the log-likelihood gains less (relative)
};

/// A fitted two-component univariate Gaussian mixture; component 0 has the lower mean.
struct GaussianMixture2 {
    double weight[2] = {0, 0};
    double mean[2] = {0, 0};
    double sd[2] = {0, 0};
    double log_likelihood = 0;
    /// BIC of this fit (5 parameters) and of a single Gaussian (2 parameters):
    /// the two-component model is preferred when bic2 < bic1.
    double bic1 = 0;
    double bic2 = 0;
    /// Ashman's D = √2·|μ1 − μ2| / √(σ1² + σ2²); D > 2 means clean separation.
    double ashman_d = 0;
    std::size_t iterations = 0;
    bool converged = false;
    bool valid = false; ///< false for fewer than 2 values or zero variance
};

/// Fits a two-component mixture by EM. `weights` (repeat counts, same length as
/// `values`, or empty for 1 each) let callers fit a binned sample.
/// Deterministic start: means at the weighted 25th and 75th percentiles, both
/// standard deviations half the overall one, equal weights. Each variance is kept
/// above 1e-6 of the overall variance so that a component cannot collapse.
JOURNEY_API GaussianMixture2 fit_gaussian_mixture2(std::span<const double> values,
                                                   std::span<const double> weights = {},
                                                   const MixtureOptions& options = {});

/// Ashman's D of two normal components.
JOURNEY_API double ashman_d(double mean1, double sd1, double mean2, double sd2) noexcept;

// ---------------------------------------------------------------------------
// 2×2 tables

/// A 2×2 contingency table:
///
///                 outcome yes   outcome no
///     exposed          a             b
///     not exposed      c             d
struct Table2x2 {
    std::uint64_t a = 0, b = 0, c = 0, d = 0;
    std::uint64_t total() const noexcept { return a + b + c + d; }
    friend bool operator==(const Table2x2&, const Table2x2&) = default;
};

enum class Alternative : std::uint8_t {
    two_sided, ///< tables at most as probable as the observed one (R's fisher.test)
    greater,   ///< odds ratio > 1: P(A >= a)
    less,      ///< odds ratio < 1: P(A <= a)
};

/// Fisher's exact test on a 2×2 table (hypergeometric, margins fixed). Two-sided:
/// sum of the probabilities of tables no more probable than the observed one, with a
/// relative tolerance of 1e-7 (as R). Terms are summed in log space from the mode
/// outwards and the walk stops once further terms cannot change the sum by 1e-17
/// relative, so large tables cost O(√N) terms, not O(N). A table with an empty margin
/// has p = 1.
JOURNEY_API double fisher_exact(const Table2x2& t, Alternative alt = Alternative::two_sided);

/// Pearson's χ² statistic of a 2×2 table (optionally with Yates' continuity
/// correction) and its p-value from χ²(1). An empty margin gives statistic 0, p = 1.
struct ChiSquare {
    double statistic = 0;
    double p = 1;
};
JOURNEY_API ChiSquare chi_square(const Table2x2& t, bool yates = false);

/// The survival function of χ² with one degree of freedom: P(X > x) = erfc(√(x/2)).
JOURNEY_API double chi_square1_sf(double x) noexcept;

/// Odds ratio (a·d)/(b·c) with a Woolf (logit) confidence interval
/// exp(ln OR ± z·√(1/a + 1/b + 1/c + 1/d)). When a cell is 0, 0.5 is added to every
/// cell (Haldane–Anscombe) for the estimate and the interval, and `corrected` says so.
struct OddsRatio {
    double estimate = 0;
    double lower = 0;
    double upper = 0;
    bool corrected = false;
};
/// @param z the normal quantile of the interval (1.959963984540054 for 95 %).
JOURNEY_API OddsRatio odds_ratio(const Table2x2& t, double z = 1.959963984540054);

/// Benjamini–Hochberg q-values (false discovery rate), in the order of `p`:
/// q(i) = min over j with p(j) >= p(i) of m·p(j)/rank(j), capped at 1. NaN p-values
/// stay NaN and do not count in m.
JOURNEY_API std::vector<double> benjamini_hochberg(std::span<const double> p);

// ---------------------------------------------------------------------------
// Quantiles and survival

/// The q-quantile (0 <= q <= 1) of a sorted sample by linear interpolation between
/// closest ranks (numpy's default, R type 7). NaN for an empty sample.
JOURNEY_API double quantile_sorted(std::span<const double> sorted, double q) noexcept;

/// One step of a Kaplan–Meier curve: at `time`, `events` ended out of `at_risk`.
struct KmStep {
    double time = 0;
    std::uint64_t at_risk = 0;
    std::uint64_t events = 0;
    std::uint64_t censored = 0; ///< censored at this time (after the events)
    double survival = 1;        ///< S(time), just after the step
    double std_error = 0;       ///< Greenwood standard error of S(time)
    friend bool operator==(const KmStep&, const KmStep&) = default;
};

/// A Kaplan–Meier estimate of a survival function S(t) = P(T > t).
struct KaplanMeier {
    std::vector<KmStep> steps; ///< one per distinct time with an event or a censoring
    std::uint64_t subjects = 0;
    std::uint64_t events = 0;

    /// S(t): the survival after every step at or before t (1 before the first).
    double survival(double t) const noexcept;
    /// The smallest event time with S <= 1 − q, i.e. the q-quantile of T (q = 0.5:
    /// the median). NaN when the curve never gets that low (too much censoring).
    double quantile(double q) const noexcept;
};

/// Estimates S(t) from durations and whether each ended (true) or was censored
/// (false, still running at that time). At tied times events come before
/// censorings. `ended` has the same length as `times` (1 = ended, 0 = censored).
/// Non-finite times are skipped.
JOURNEY_API KaplanMeier kaplan_meier(std::span<const double> times,
                                     std::span<const std::uint8_t> ended);

} // namespace journey::miners::stats
