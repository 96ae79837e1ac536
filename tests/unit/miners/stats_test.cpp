// Statistics: every expected value is computed independently of the code under test
// (by hand, from a textbook example, or with exact integer arithmetic in Python's
// fractions/math.comb, as the comment next to it says). Tolerances are stated per
// check: 1e-12 relative for closed forms evaluated the same way, 1e-9 relative where
// our evaluation order differs (log-space sums, Stirling's series), looser only
// where an iterative fit is compared with a population value.

#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include <journey/miners/stats.hpp>

#include "../direct_stats.hpp"

using namespace journey::miners::stats;

namespace {

std::vector<double> repeat(std::initializer_list<std::pair<double, int>> spec) {
    std::vector<double> v;
    for (const auto& [x, k] : spec) {
        v.insert(v.end(), static_cast<std::size_t>(k), x);
    }
    return v;
}

/// Normal quantile by bisection on erfc (independent of the code under test).
double normal_quantile(double p) {
    double lo = -10, hi = 10;
    for (int i = 0; i < 200; ++i) {
        const double mid = (lo + hi) / 2;
        const double cdf = 0.5 * std::erfc(-mid / std::sqrt(2.0));
        (cdf < p ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
}

} // namespace

TEST_CASE("AUC counts ties as one half", "[miners][stats]") {
    // Pairs (positive, negative): (1,2) 0, (1,4) 0, (2,2) 1/2, (2,4) 0, (3,2) 1, (3,4) 0.
    const std::vector<double> pos{1, 2, 3};
    const std::vector<double> neg{2, 4};
    CHECK(auc(pos, neg) == 1.5 / 6);
    // All tied: every pair counts 1/2.
    CHECK(auc(std::vector<double>{5, 5, 5}, std::vector<double>{5, 5}) == 0.5);
    CHECK(auc(std::vector<double>{3, 4}, std::vector<double>{1, 2}) == 1.0);
    CHECK(auc(std::vector<double>{1, 2}, std::vector<double>{3, 4}) == 0.0);
    // Empty groups are undefined.
    CHECK(std::isnan(auc(std::vector<double>{}, std::vector<double>{1})));
    CHECK(std::isnan(auc(std::vector<double>{1}, std::vector<double>{})));
}

TEST_CASE("AUC from counts merges repeated scores", "[miners][stats]") {
    // Same as above, entries split and unsorted: scores 3:(1,0) 2:(1,0),(0,1) 4:(0,1) 1:(1,0).
    const std::vector<ScoreCount> c{{3, 1, 0}, {2, 1, 0}, {4, 0, 1}, {2, 0, 1}, {1, 1, 0}};
    CHECK(auc(c) == 1.5 / 6);
    // Breach fractions 0 for most journeys: red {0 x60, 0.5 x40}, green {0 x70, 0.5 x30}:
    // U = 40*70 + 0.5*(60*70 + 40*30) = 2800 + 2700 = 5500 of 100*100.
    const std::vector<ScoreCount> d{{0, 60, 70}, {0.5, 40, 30}};
    CHECK(auc(d) == 0.55);
    CHECK(std::isnan(auc(std::vector<ScoreCount>{{1, 0, 5}})));
}

TEST_CASE("Moments: mean, variance, skewness, kurtosis", "[miners][stats]") {
    Moments m;
    for (double x : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) {
        m.add(x);
    }
    // Python (exact two-pass formulas): mean 5, var 32/7, G1 0.8184875533567997,
    // G2 0.940625, BC 0.28591492776886035.
    CHECK(m.count() == 8);
    CHECK(m.mean() == Approx(5.0).epsilon(1e-12));
    CHECK(m.variance() == Approx(32.0 / 7).epsilon(1e-12));
    CHECK(m.skewness() == Approx(0.8184875533567997).epsilon(1e-12));
    CHECK(m.excess_kurtosis() == Approx(0.940625).epsilon(1e-12));
    CHECK(m.bimodality_coefficient() == Approx(0.28591492776886035).epsilon(1e-12));

    // Weighted adds and merges give the same moments as single adds.
    Moments w;
    w.add(4.0, 3);
    w.add(2.0);
    Moments rest;
    rest.add(5.0, 2);
    rest.add(7.0);
    rest.add(9.0);
    w.merge(rest);
    CHECK(w.count() == 8);
    CHECK(w.skewness() == Approx(m.skewness()).epsilon(1e-12));
    CHECK(w.bimodality_coefficient() == Approx(m.bimodality_coefficient()).epsilon(1e-12));
}

TEST_CASE("Moments are undefined for zero variance and tiny samples", "[miners][stats]") {
    Moments empty;
    CHECK(std::isnan(empty.mean()));
    CHECK(std::isnan(empty.variance()));
    Moments constant;
    constant.add(7.0, 100);
    CHECK(constant.mean() == 7.0);
    CHECK(constant.variance() == 0.0);
    CHECK(std::isnan(constant.skewness()));
    CHECK(std::isnan(constant.excess_kurtosis()));
    CHECK(std::isnan(constant.bimodality_coefficient()));
    Moments three;
    three.add(1.0);
    three.add(2.0);
    three.add(4.0);
    CHECK(!std::isnan(three.skewness()));
    CHECK(std::isnan(three.excess_kurtosis()));
    CHECK(std::isnan(three.bimodality_coefficient()));
}

TEST_CASE("Bimodality coefficient of the telco toy distribution is 0.882", "[miners][stats]") {
    // Domain §8: 25 % each at 1, 2, 8, 9 (here 25 of each, n = 100) gives BC 0.882.
    // Exact value (Python, two-pass): 0.8815792558484339; also checked against the
    // direct formula in this file.
    const std::vector<double> xs = repeat({{1, 25}, {2, 25}, {8, 25}, {9, 25}});
    Moments m;
    for (double x : xs) {
        m.add(x);
    }
    CHECK(m.bimodality_coefficient() == Approx(0.8815792558484339).epsilon(1e-12));
    CHECK(m.bimodality_coefficient() ==
          Approx(journey::test::direct_bimodality_coefficient(xs)).epsilon(1e-12));
    CHECK(m.bimodality_coefficient() > bimodality_threshold);
    CHECK(std::round(m.bimodality_coefficient() * 1000) == 882);

    // A discrete uniform scale sits just above 5/9 (Python: 0.5592473746217507 for 0..10
    // repeated 100 times), as Pfister et al. warn: pair BC with a second test.
    Moments u;
    for (int r = 0; r < 100; ++r) {
        for (int k = 0; k <= 10; ++k) {
            u.add(k);
        }
    }
    CHECK(u.bimodality_coefficient() == Approx(0.5592473746217507).epsilon(1e-12));

    // Strongly skewed unimodal data also exceeds 5/9 (Python: 0.9133243506577737).
    const std::vector<double> skew = repeat({{0, 10}, {9, 50}, {10, 40}, {5, 3}});
    Moments s;
    for (double x : skew) {
        s.add(x);
    }
    CHECK(s.bimodality_coefficient() == Approx(0.9133243506577737).epsilon(1e-12));
}

TEST_CASE("Valley test finds the telco split and rejects unimodal scales", "[miners][stats]") {
    // Telco: 25 each at 1, 2, 8, 9 of 100.
    const std::vector<std::uint64_t> telco{0, 25, 25, 0, 0, 0, 0, 0, 25, 25, 0};
    const ValleyResult v = valley_test(telco);
    CHECK(v.valley);
    // Modes: local maxima 1, 2, 8, 9; the pair with the largest smaller mass wins,
    // lowest i then j first: (1, 8) has masses h0+h1+h2 = 50 and h7+h8+h9 = 50.
    CHECK(v.low_mode == 1);
    CHECK(v.high_mode == 8);
    CHECK(v.valley_bin == 3);
    CHECK(v.valley_ratio == 0.0);
    CHECK(v.low_mass == 0.5);
    CHECK(v.high_mass == 0.5);

    // Unimodal, skewed high: no second mode.
    const std::vector<std::uint64_t> skewed{2, 1, 1, 2, 3, 5, 8, 15, 25, 25, 13};
    CHECK_FALSE(valley_test(skewed).valley);

    // A bottom mode with 10 % mass (under 15 %): no.
    const std::vector<std::uint64_t> small_bottom{10, 0, 0, 0, 0, 5, 10, 20, 25, 20, 10};
    CHECK_FALSE(valley_test(small_bottom).valley);
    // The same with 20 % at the bottom: bins 0..1 hold 20 of 110, mass(0) = 0.1818.
    const std::vector<std::uint64_t> bottom{20, 0, 0, 0, 0, 5, 10, 20, 25, 20, 10};
    const ValleyResult b = valley_test(bottom);
    CHECK(b.valley);
    CHECK(b.low_mode == 0);
    CHECK(b.high_mode == 8);
    CHECK(b.low_mass == Approx(20.0 / 110).epsilon(1e-12));

    // Modes only two points apart do not count (min separation 3).
    const std::vector<std::uint64_t> close{0, 0, 0, 40, 0, 40, 0, 0, 0, 0, 0};
    CHECK_FALSE(valley_test(close).valley);
    // A shallow valley (more than half the smaller mode) does not count.
    const std::vector<std::uint64_t> shallow{0, 30, 20, 20, 20, 30, 0, 0, 0, 0, 0};
    CHECK_FALSE(valley_test(shallow).valley);
    ValleyOptions loose;
    loose.max_valley_ratio = 0.7;
    CHECK(valley_test(shallow, loose).valley);

    // Empty histograms.
    CHECK_FALSE(valley_test(std::vector<std::uint64_t>{}).valley);
    CHECK_FALSE(valley_test(std::vector<std::uint64_t>(11, 0)).valley);
}

TEST_CASE("Two-component Gaussian mixture separates two clusters", "[miners][stats]") {
    // Deterministic samples: normal quantiles at (i + 0.5)/n of N(0, 1) and N(10, 2).
    std::vector<double> xs;
    const int n = 1000;
    for (int i = 0; i < n; ++i) {
        const double z = normal_quantile((i + 0.5) / n);
        xs.push_back(z);
        xs.push_back(10 + 2 * z);
    }
    const GaussianMixture2 g = fit_gaussian_mixture2(xs);
    REQUIRE(g.valid);
    CHECK(g.converged);
    // The clusters overlap by less than 1e-5 of their mass, so the MLE is within 1 %
    // of each cluster's own mean and sd (the quantile samples have sd 0.9977 and
    // 1.9954: the (i + 0.5)/n grid trims the tails slightly).
    CHECK(g.weight[0] == Approx(0.5).margin(0.005));
    CHECK(g.mean[0] == Approx(0.0).margin(0.01));
    CHECK(g.mean[1] == Approx(10.0).epsilon(0.001));
    CHECK(g.sd[0] == Approx(1.0).epsilon(0.01));
    CHECK(g.sd[1] == Approx(2.0).epsilon(0.01));
    // Ashman's D = √2·10/√5 = 6.3246 for the population values.
    CHECK(g.ashman_d == Approx(std::sqrt(2.0) * 10 / std::sqrt(5.0)).epsilon(0.01));
    CHECK(g.ashman_d == Approx(ashman_d(g.mean[0], g.sd[0], g.mean[1], g.sd[1])).epsilon(1e-12));
    CHECK(g.bic2 < g.bic1);

    // Weights as repeat counts give the same fit as repeated values.
    std::vector<double> values{1, 2, 3, 7, 8, 9};
    std::vector<double> weights{3, 5, 3, 2, 6, 2};
    std::vector<double> expanded;
    for (std::size_t i = 0; i < values.size(); ++i) {
        expanded.insert(expanded.end(), static_cast<std::size_t>(weights[i]), values[i]);
    }
    const GaussianMixture2 a = fit_gaussian_mixture2(values, weights);
    const GaussianMixture2 b = fit_gaussian_mixture2(expanded);
    CHECK(a.mean[0] == Approx(b.mean[0]).epsilon(1e-9));
    CHECK(a.mean[1] == Approx(b.mean[1]).epsilon(1e-9));
    CHECK(a.sd[1] == Approx(b.sd[1]).epsilon(1e-9));
    CHECK(a.weight[0] == Approx(b.weight[0]).epsilon(1e-9));
    // Weighted means: (3+10+9)/11 = 2 and (14+48+18)/10 = 8.
    CHECK(a.mean[0] == Approx(2.0).epsilon(1e-6));
    CHECK(a.mean[1] == Approx(8.0).epsilon(1e-6));
}

TEST_CASE("Gaussian mixture on a single normal finds no separation", "[miners][stats]") {
    std::vector<double> xs;
    for (int i = 0; i < 2000; ++i) {
        xs.push_back(5 + normal_quantile((i + 0.5) / 2000));
    }
    const GaussianMixture2 g = fit_gaussian_mixture2(xs);
    REQUIRE(g.valid);
    CHECK(g.ashman_d < 2);
    CHECK(g.bic1 < g.bic2);
}

TEST_CASE("Gaussian mixture rejects degenerate input", "[miners][stats]") {
    CHECK_FALSE(fit_gaussian_mixture2(std::vector<double>{}).valid);
    CHECK_FALSE(fit_gaussian_mixture2(std::vector<double>{3.0}).valid);
    CHECK_FALSE(fit_gaussian_mixture2(std::vector<double>(50, 2.5)).valid);
    CHECK_FALSE(fit_gaussian_mixture2(std::vector<double>{1, 2}, std::vector<double>{0, 0}).valid);
    const double inf = std::numeric_limits<double>::infinity();
    CHECK_FALSE(fit_gaussian_mixture2(std::vector<double>{inf, 1.0}).valid);
    CHECK(ashman_d(1, 0, 1, 0) == 0.0);
    CHECK(std::isinf(ashman_d(1, 0, 2, 0)));
}

TEST_CASE("Fisher exact test: textbook tables", "[miners][stats]") {
    // Fisher's lady tasting tea: [[3,1],[1,3]]. Hypergeometric probabilities
    // 1, 16, 36, 16, 1 (/70): two-sided 34/70, greater 17/70, less 69/70.
    CHECK(fisher_exact({3, 1, 1, 3}) == Approx(34.0 / 70).epsilon(1e-12));
    CHECK(fisher_exact({3, 1, 1, 3}, Alternative::greater) == Approx(17.0 / 70).epsilon(1e-12));
    CHECK(fisher_exact({3, 1, 1, 3}, Alternative::less) == Approx(69.0 / 70).epsilon(1e-12));
    // Wikipedia's example (men/women studying): [[1,9],[11,3]], p = 0.0027594561852200836
    // (exact, Python math.comb).
    CHECK(fisher_exact({1, 9, 11, 3}) == Approx(0.0027594561852200836).epsilon(1e-9));
    // The most extreme table of its margins: [[0,5],[5,0]] = 2/C(10,5) = 2/252.
    CHECK(fisher_exact({0, 5, 5, 0}) == Approx(2.0 / 252).epsilon(1e-12));
    // The table at the mode: p = 1.
    CHECK(fisher_exact({5, 5, 5, 5}) == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("Fisher exact test: large tables", "[miners][stats]") {
    // Exact values by Python math.comb over the whole support.
    CHECK(fisher_exact({300, 700, 200, 800}) == Approx(2.975241938212637e-07).epsilon(1e-9));
    CHECK(fisher_exact({300, 700, 200, 800}, Alternative::greater) ==
          Approx(1.4876209691063186e-07).epsilon(1e-9));
    CHECK(fisher_exact({600, 1400, 4000, 14000}) == Approx(2.722092824026406e-14).epsilon(1e-9));
    // log10 p = -62.504209676743336.
    CHECK(std::log10(fisher_exact({800, 1200, 4000, 14000})) ==
          Approx(-62.504209676743336).epsilon(1e-9));
    // log10 p = -616.27: below the smallest double, so it is 0.
    CHECK(fisher_exact({2000, 3000, 1000, 14000}) == 0.0);
    // A table of a million journeys finishes (O(√N) terms) and is well-formed.
    const double p = fisher_exact({5100, 94900, 48900, 851100});
    CHECK(p >= 0.0);
    CHECK(p <= 1.0);
}

TEST_CASE("Fisher exact test with empty margins", "[miners][stats]") {
    CHECK(fisher_exact({0, 0, 3, 4}) == 1.0);
    CHECK(fisher_exact({0, 3, 0, 4}) == 1.0);
    CHECK(fisher_exact({}) == 1.0);
}

TEST_CASE("Pearson chi-square on a 2x2 table", "[miners][stats]") {
    // [[10,20],[30,40]]: 100·200²/(30·70·40·60) = 0.7936507936507936,
    // p = erfc(√(x/2)) = 0.37299848361348714; Yates: 0.44642857142857145, p 0.5040358664525048.
    const ChiSquare c = chi_square({10, 20, 30, 40});
    CHECK(c.statistic == Approx(0.7936507936507936).epsilon(1e-12));
    CHECK(c.p == Approx(0.37299848361348714).epsilon(1e-12));
    const ChiSquare y = chi_square({10, 20, 30, 40}, true);
    CHECK(y.statistic == Approx(0.44642857142857145).epsilon(1e-12));
    CHECK(y.p == Approx(0.5040358664525048).epsilon(1e-12));
    const ChiSquare e = chi_square({0, 0, 3, 4});
    CHECK(e.statistic == 0.0);
    CHECK(e.p == 1.0);
    CHECK(chi_square1_sf(0) == 1.0);
    // χ²(1) at 3.841458820694124 is the 95 % point.
    CHECK(chi_square1_sf(3.841458820694124) == Approx(0.05).epsilon(1e-9));
}

TEST_CASE("Odds ratio with a Woolf interval", "[miners][stats]") {
    // [[10,20],[30,40]]: OR 400/600; log SE √(1/10+1/20+1/30+1/40) = 0.456435;
    // Python: CI 0.2725148475430258 .. 1.6308999250922414.
    const OddsRatio o = odds_ratio({10, 20, 30, 40});
    CHECK_FALSE(o.corrected);
    CHECK(o.estimate == Approx(2.0 / 3).epsilon(1e-12));
    CHECK(o.lower == Approx(0.2725148475430258).epsilon(1e-12));
    CHECK(o.upper == Approx(1.6308999250922414).epsilon(1e-12));
    // A zero cell: 0.5 added to all: [[0.5,10.5],[5.5,20.5]] → 0.1774891774891775,
    // CI 0.00893368067282645 .. 3.5262518640951113.
    const OddsRatio z = odds_ratio({0, 10, 5, 20});
    CHECK(z.corrected);
    CHECK(z.estimate == Approx(0.1774891774891775).epsilon(1e-12));
    CHECK(z.lower == Approx(0.00893368067282645).epsilon(1e-12));
    CHECK(z.upper == Approx(3.5262518640951113).epsilon(1e-12));
    // All empty: every cell 0.5, OR 1.
    const OddsRatio e = odds_ratio({});
    CHECK(e.estimate == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("Benjamini-Hochberg q-values", "[miners][stats]") {
    // m = 4, sorted 0.005 (×4/1 = 0.02), 0.01 (0.02), 0.03 (0.04), 0.04 (0.04).
    const std::vector<double> p{0.01, 0.04, 0.03, 0.005};
    const std::vector<double> q = benjamini_hochberg(p);
    REQUIRE(q.size() == 4);
    CHECK(q[0] == Approx(0.02).epsilon(1e-12));
    CHECK(q[1] == Approx(0.04).epsilon(1e-12));
    CHECK(q[2] == Approx(0.04).epsilon(1e-12));
    CHECK(q[3] == Approx(0.02).epsilon(1e-12));
    // Monotone step-up: [0.01, 0.02, 0.9] → 0.03, 0.03, 0.9.
    const std::vector<double> q2 = benjamini_hochberg(std::vector<double>{0.01, 0.02, 0.9});
    CHECK(q2[0] == Approx(0.03).epsilon(1e-12));
    CHECK(q2[1] == Approx(0.03).epsilon(1e-12));
    CHECK(q2[2] == Approx(0.9).epsilon(1e-12));
    // Ties and the cap at 1; NaN stays NaN and does not count in m.
    const std::vector<double> q3 =
        benjamini_hochberg(std::vector<double>{0.05, std::nan(""), 0.05, 0.8});
    CHECK(q3[0] == Approx(0.075).epsilon(1e-12));
    CHECK(std::isnan(q3[1]));
    CHECK(q3[2] == Approx(0.075).epsilon(1e-12));
    CHECK(q3[3] == Approx(0.8).epsilon(1e-12));
    CHECK(benjamini_hochberg(std::vector<double>{}).empty());
    CHECK(benjamini_hochberg(std::vector<double>{1.0})[0] == 1.0);
}

TEST_CASE("Quantiles interpolate between closest ranks", "[miners][stats]") {
    const std::vector<double> s{10, 20, 60};
    CHECK(quantile_sorted(s, 0.5) == 20.0);
    CHECK(quantile_sorted(s, 0.9) == Approx(52.0).epsilon(1e-12));
    CHECK(quantile_sorted(s, 0) == 10.0);
    CHECK(quantile_sorted(s, 1) == 60.0);
    CHECK(std::isnan(quantile_sorted(std::vector<double>{}, 0.5)));
}

TEST_CASE("Kaplan-Meier with censoring and ties", "[miners][stats]") {
    // times 1 2 2 3 4 5, ended 1 1 0 1 0 1 (by hand):
    // t=1: 6 at risk, 1 ends: S = 5/6
    // t=2: 5 at risk, 1 ends, 1 censored: S = 5/6·4/5 = 2/3
    // t=3: 3 at risk, 1 ends: S = 4/9
    // t=4: 2 at risk, 1 censored
    // t=5: 1 at risk, 1 ends: S = 0
    const std::vector<double> t{2, 1, 3, 2, 5, 4};
    const std::vector<std::uint8_t> e{0, 1, 1, 1, 1, 0};
    const KaplanMeier km = kaplan_meier(t, e);
    REQUIRE(km.steps.size() == 5);
    CHECK(km.subjects == 6);
    CHECK(km.events == 4);
    CHECK(km.steps[0].survival == Approx(5.0 / 6).epsilon(1e-12));
    CHECK(km.steps[1].at_risk == 5);
    CHECK(km.steps[1].events == 1);
    CHECK(km.steps[1].censored == 1);
    CHECK(km.steps[1].survival == Approx(2.0 / 3).epsilon(1e-12));
    // Greenwood at t=2: (2/3)·√(1/(6·5) + 1/(5·4)) = 0.19245008972987526.
    CHECK(km.steps[1].std_error == Approx(0.19245008972987526).epsilon(1e-12));
    CHECK(km.steps[2].survival == Approx(4.0 / 9).epsilon(1e-12));
    CHECK(km.steps[3].events == 0);
    CHECK(km.steps[4].survival == 0.0);
    CHECK(km.survival(0.5) == 1.0);
    CHECK(km.survival(2.5) == Approx(2.0 / 3).epsilon(1e-12));
    CHECK(km.survival(100) == 0.0);
    CHECK(km.quantile(0.5) == 3.0);
    CHECK(km.quantile(0.2) == 2.0);
    // Heavy censoring: the median is never reached.
    const KaplanMeier c = kaplan_meier(std::vector<double>{1, 2, 3, 4},
                                       std::vector<std::uint8_t>{1, 0, 0, 0});
    CHECK(c.steps[0].survival == 0.75);
    CHECK(std::isnan(c.quantile(0.5)));
    // Empty input.
    const KaplanMeier empty = kaplan_meier(std::vector<double>{}, std::vector<std::uint8_t>{});
    CHECK(empty.steps.empty());
    CHECK(empty.survival(1) == 1.0);
    CHECK(std::isnan(empty.quantile(0.5)));
}
