#include <journey/miners/stats.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>

namespace journey::miners::stats {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

__extension__ using U128 = unsigned __int128;

} // namespace

// ---------------------------------------------------------------------------
// AUC

double auc(std::span<const ScoreCount> counts) {
    std::vector<ScoreCount> v(counts.begin(), counts.end());
    std::sort(v.begin(), v.end(),
              [](const ScoreCount& x, const ScoreCount& y) { return x.score < y.score; });
    std::uint64_t pos = 0;
    std::uint64_t neg = 0;
    for (const ScoreCount& s : v) {
        pos += s.positives;
        neg += s.negatives;
    }
    if (pos == 0 || neg == 0) {
        return nan;
    }
    // 2U counted exactly: each positive beats the negatives below it (2 each) and
    // ties with the negatives at its score (1 each).
    U128 twice_u = 0;
    std::uint64_t neg_below = 0;
    for (std::size_t i = 0; i < v.size();) {
        std::uint64_t p = 0;
        std::uint64_t n = 0;
        std::size_t j = i;
        for (; j < v.size() && v[j].score == v[i].score; ++j) {
            p += v[j].positives;
            n += v[j].negatives;
        }
        twice_u += static_cast<U128>(p) * (2 * static_cast<U128>(neg_below) + n);
        neg_below += n;
        i = j;
    }
    const U128 denom = 2 * static_cast<U128>(pos) * neg;
    return static_cast<double>(static_cast<long double>(twice_u) /
                               static_cast<long double>(denom));
}

double auc(std::span<const double> positives, std::span<const double> negatives) {
    std::vector<ScoreCount> v;
    v.reserve(positives.size() + negatives.size());
    for (const double x : positives) {
        v.push_back({x, 1, 0});
    }
    for (const double x : negatives) {
        v.push_back({x, 0, 1});
    }
    return auc(v);
}

// ---------------------------------------------------------------------------
// Moments

void Moments::add(double x, std::uint64_t weight) noexcept {
    if (weight == 0) {
        return;
    }
    Moments one;
    one.m_n = weight;
    one.m_mean = x;
    merge(one);
}

void Moments::merge(const Moments& o) noexcept {
    if (o.m_n == 0) {
        return;
    }
    if (m_n == 0) {
        *this = o;
        return;
    }
    const double na = static_cast<double>(m_n);
    const double nb = static_cast<double>(o.m_n);
    const double n = na + nb;
    const double delta = o.m_mean - m_mean;
    const double d2 = delta * delta;
    const double m2 = m_m2 + o.m_m2 + d2 * na * nb / n;
    const double m3 = m_m3 + o.m_m3 + d2 * delta * na * nb * (na - nb) / (n * n) +
                      3 * delta * (na * o.m_m2 - nb * m_m2) / n;
    const double m4 = m_m4 + o.m_m4 +
                      d2 * d2 * na * nb * (na * na - na * nb + nb * nb) / (n * n * n) +
                      6 * d2 * (na * na * o.m_m2 + nb * nb * m_m2) / (n * n) +
                      4 * delta * (na * o.m_m3 - nb * m_m3) / n;
    m_mean += delta * nb / n;
    m_m2 = m2;
    m_m3 = m3;
    m_m4 = m4;
    m_n += o.m_n;
}

double Moments::mean() const noexcept { return m_n == 0 ? nan : m_mean; }

double Moments::variance() const noexcept {
    return m_n < 2 ? nan : m_m2 / static_cast<double>(m_n - 1);
}

double Moments::skewness() const noexcept {
    if (m_n < 3 || !(m_m2 > 0)) {
        return nan;
    }
    const double n = static_cast<double>(m_n);
    const double g1 = std::sqrt(n) * m_m3 / std::pow(m_m2, 1.5);
    return g1 * std::sqrt(n * (n - 1)) / (n - 2);
}

double Moments::excess_kurtosis() const noexcept {
    if (m_n < 4 || !(m_m2 > 0)) {
        return nan;
    }
    const double n = static_cast<double>(m_n);
    const double g2 = n * m_m4 / (m_m2 * m_m2) - 3;
    return ((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3));
}

double Moments::bimodality_coefficient() const noexcept {
    if (m_n < 4 || !(m_m2 > 0)) {
        return nan;
    }
    const double n = static_cast<double>(m_n);
    const double g1 = skewness();
    const double g2 = excess_kurtosis();
    return (g1 * g1 + 1) / (g2 + 3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3)));
}

// ---------------------------------------------------------------------------
// Valley test

ValleyResult valley_test(std::span<const std::uint64_t> h, const ValleyOptions& o) {
    ValleyResult best;
    const std::size_t n = h.size();
    const std::uint64_t total = std::accumulate(h.begin(), h.end(), std::uint64_t{0});
    if (n == 0 || total == 0) {
        return best;
    }
    auto is_mode = [&](std::size_t i) {
        return h[i] > 0 && (i == 0 || h[i] >= h[i - 1]) && (i + 1 == n || h[i] >= h[i + 1]);
    };
    auto mass = [&](std::size_t i) {
        std::uint64_t s = h[i];
        if (i > 0) {
            s += h[i - 1];
        }
        if (i + 1 < n) {
            s += h[i + 1];
        }
        return static_cast<double>(s) / static_cast<double>(total);
    };
    double best_min_mass = -1;
    for (std::size_t i = 0; i < n; ++i) {
        if (!is_mode(i)) {
            continue;
        }
        for (std::size_t j = i + std::max<std::size_t>(o.min_separation, 1); j < n; ++j) {
            if (!is_mode(j)) {
                continue;
            }
            std::size_t k = i + 1;
            for (std::size_t x = i + 1; x < j; ++x) {
                if (h[x] < h[k]) {
                    k = x;
                }
            }
            const double smaller = static_cast<double>(std::min(h[i], h[j]));
            if (k >= j || static_cast<double>(h[k]) > o.max_valley_ratio * smaller) {
                continue;
            }
            const double mi = mass(i);
            const double mj = mass(j);
            if (mi < o.min_mode_mass || mj < o.min_mode_mass) {
                continue;
            }
            if (std::min(mi, mj) > best_min_mass) {
                best_min_mass = std::min(mi, mj);
                best.valley = true;
                best.low_mode = i;
                best.high_mode = j;
                best.valley_bin = k;
                best.valley_ratio = static_cast<double>(h[k]) / smaller;
                best.low_mass = mi;
                best.high_mass = mj;
            }
        }
    }
    return best;
}

// ---------------------------------------------------------------------------
// Gaussian mixture

double ashman_d(double mean1, double sd1, double mean2, double sd2) noexcept {
    const double s = std::sqrt(sd1 * sd1 + sd2 * sd2);
    if (!(s > 0)) {
        return mean1 == mean2 ? 0.0 : std::numeric_limits<double>::infinity();
    }
    return std::sqrt(2.0) * std::fabs(mean1 - mean2) / s;
}

namespace {

constexpr double log_sqrt_2pi = 0.91893853320467274178;

double log_normal_pdf(double x, double mean, double var) noexcept {
    const double d = x - mean;
    return -log_sqrt_2pi - 0.5 * std::log(var) - d * d / (2 * var);
}

double weighted_quantile(const std::vector<std::pair<double, double>>& sorted, double total,
                         double q) {
    double cum = 0;
    for (const auto& [x, w] : sorted) {
        cum += w;
        if (cum >= q * total) {
            return x;
        }
    }
    return sorted.back().first;
}

} // namespace

GaussianMixture2 fit_gaussian_mixture2(std::span<const double> values,
                                       std::span<const double> weights,
                                       const MixtureOptions& options) {
    GaussianMixture2 g;
    std::vector<std::pair<double, double>> xw;
    xw.reserve(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double w = weights.empty() ? 1.0 : (i < weights.size() ? weights[i] : 0.0);
        if (w > 0 && std::isfinite(values[i])) {
            xw.emplace_back(values[i], w);
        }
    }
    double total = 0;
    double mean = 0;
    for (const auto& [x, w] : xw) {
        total += w;
        mean += w * x;
    }
    if (xw.size() < 2 || !(total > 0)) {
        return g;
    }
    mean /= total;
    double var = 0;
    for (const auto& [x, w] : xw) {
        var += w * (x - mean) * (x - mean);
    }
    var /= total;
    if (!(var > 0)) {
        return g;
    }
    g.valid = true;
    const double var_floor = 1e-6 * var;

    std::vector<std::pair<double, double>> sorted = xw;
    std::sort(sorted.begin(), sorted.end());
    double mu[2] = {weighted_quantile(sorted, total, 0.25), weighted_quantile(sorted, total, 0.75)};
    if (mu[0] == mu[1]) {
        mu[0] = sorted.front().first;
        mu[1] = sorted.back().first;
    }
    double v[2] = {var / 4, var / 4};
    double pi[2] = {0.5, 0.5};

    auto loglik = [&](std::vector<double>* resp) {
        double ll = 0;
        for (std::size_t i = 0; i < xw.size(); ++i) {
            const double x = xw[i].first;
            const double l0 = pi[0] > 0 ? std::log(pi[0]) + log_normal_pdf(x, mu[0], v[0])
                                        : -std::numeric_limits<double>::infinity();
            const double l1 = pi[1] > 0 ? std::log(pi[1]) + log_normal_pdf(x, mu[1], v[1])
                                        : -std::numeric_limits<double>::infinity();
            const double m = std::max(l0, l1);
            const double lse = m + std::log(std::exp(l0 - m) + std::exp(l1 - m));
            ll += xw[i].second * lse;
            if (resp != nullptr) {
                (*resp)[i] = std::exp(l0 - lse);
            }
        }
        return ll;
    };

    std::vector<double> r(xw.size());
    double prev = -std::numeric_limits<double>::infinity();
    std::size_t it = 0;
    for (; it < options.max_iterations; ++it) {
        const double ll = loglik(&r);
        if (it > 0 && std::fabs(ll - prev) <= options.tolerance * std::fabs(ll)) {
            g.converged = true;
            break;
        }
        prev = ll;
        double nk[2] = {0, 0};
        double sx[2] = {0, 0};
        for (std::size_t i = 0; i < xw.size(); ++i) {
            const double w0 = xw[i].second * r[i];
            const double w1 = xw[i].second * (1 - r[i]);
            nk[0] += w0;
            nk[1] += w1;
            sx[0] += w0 * xw[i].first;
            sx[1] += w1 * xw[i].first;
        }
        double sxx[2] = {0, 0};
        for (int k = 0; k < 2; ++k) {
            if (nk[k] > 0) {
                mu[k] = sx[k] / nk[k];
            }
        }
        for (std::size_t i = 0; i < xw.size(); ++i) {
            const double d0 = xw[i].first - mu[0];
            const double d1 = xw[i].first - mu[1];
            sxx[0] += xw[i].second * r[i] * d0 * d0;
            sxx[1] += xw[i].second * (1 - r[i]) * d1 * d1;
        }
        for (int k = 0; k < 2; ++k) {
            pi[k] = nk[k] / total;
            if (nk[k] > 0) {
                v[k] = std::max(sxx[k] / nk[k], var_floor);
            }
        }
    }
    g.iterations = it;
    g.log_likelihood = loglik(nullptr);
    const int lo = mu[0] <= mu[1] ? 0 : 1;
    const int hi = 1 - lo;
    g.weight[0] = pi[lo];
    g.weight[1] = pi[hi];
    g.mean[0] = mu[lo];
    g.mean[1] = mu[hi];
    g.sd[0] = std::sqrt(v[lo]);
    g.sd[1] = std::sqrt(v[hi]);
    g.ashman_d = ashman_d(g.mean[0], g.sd[0], g.mean[1], g.sd[1]);
    double ll1 = 0;
    for (const auto& [x, w] : xw) {
        ll1 += w * log_normal_pdf(x, mean, var);
    }
    g.bic1 = -2 * ll1 + 2 * std::log(total);
    g.bic2 = -2 * g.log_likelihood + 5 * std::log(total);
    return g;
}

// ---------------------------------------------------------------------------
// 2×2 tables

namespace {

/// ln(n!) without lgamma (glibc's lgamma writes the global signgam, a data race
/// when tests run on several threads): exact sums below 32, Stirling's series above
/// (error below 1e-15 there).
double log_factorial(std::uint64_t n) noexcept {
    static const std::array<double, 32> table = [] {
        std::array<double, 32> t{};
        t[0] = 0;
        for (std::size_t i = 1; i < t.size(); ++i) {
            t[i] = t[i - 1] + std::log(static_cast<double>(i));
        }
        return t;
    }();
    if (n < table.size()) {
        return table[n];
    }
    const double x = static_cast<double>(n);
    const double x2 = x * x;
    return x * std::log(x) - x + 0.5 * std::log(2 * std::numbers::pi * x) + 1.0 / (12 * x) -
           1.0 / (360 * x * x2) + 1.0 / (1260 * x * x2 * x2) - 1.0 / (1680 * x * x2 * x2 * x2);
}

/// Log-sum-exp accumulator.
struct LogSum {
    double max = -std::numeric_limits<double>::infinity();
    double sum = 0; // of exp(x - max)
    void add(double x) noexcept {
        if (x > max) {
            sum = sum * std::exp(max - x) + 1;
            max = x;
        } else {
            sum += std::exp(x - max);
        }
    }
    double value() const noexcept {
        return sum == 0 ? -std::numeric_limits<double>::infinity() : max + std::log(sum);
    }
};

class Hypergeometric {
public:
    explicit Hypergeometric(const Table2x2& t)
        : m_r1(t.a + t.b), m_r2(t.c + t.d), m_c1(t.a + t.c), m_n(t.total()) {
        m_lo = m_c1 > m_r2 ? m_c1 - m_r2 : 0;
        m_hi = std::min(m_r1, m_c1);
        m_const = log_factorial(m_r1) + log_factorial(m_r2) + log_factorial(m_c1) +
                  log_factorial(m_n - m_c1) - log_factorial(m_n);
        // Mode of the hypergeometric distribution.
        const double mode = std::floor((static_cast<double>(m_r1) + 1) *
                                       (static_cast<double>(m_c1) + 1) /
                                       (static_cast<double>(m_n) + 2));
        m_mode = std::clamp(static_cast<std::uint64_t>(std::max(mode, 0.0)), m_lo, m_hi);
    }
    double lp(std::uint64_t k) const noexcept {
        return m_const - log_factorial(k) - log_factorial(m_r1 - k) - log_factorial(m_c1 - k) -
               log_factorial(m_r2 - m_c1 + k);
    }
    std::uint64_t lo() const noexcept { return m_lo; }
    std::uint64_t hi() const noexcept { return m_hi; }
    std::uint64_t mode() const noexcept { return m_mode; }

private:
    std::uint64_t m_r1, m_r2, m_c1, m_n;
    std::uint64_t m_lo = 0, m_hi = 0, m_mode = 0;
    double m_const = 0;
};

// Further terms are below e^-60 of the largest one: they cannot change the sum.
constexpr double negligible = 60;

} // namespace

double fisher_exact(const Table2x2& t, Alternative alt) {
    const std::uint64_t r1 = t.a + t.b;
    const std::uint64_t r2 = t.c + t.d;
    const std::uint64_t c1 = t.a + t.c;
    const std::uint64_t c2 = t.b + t.d;
    if (r1 == 0 || r2 == 0 || c1 == 0 || c2 == 0) {
        return 1.0;
    }
    const Hypergeometric h(t);
    LogSum acc;
    if (alt == Alternative::greater || alt == Alternative::less) {
        const bool up = alt == Alternative::greater;
        const std::uint64_t mode = h.mode();
        for (std::uint64_t k = t.a;; up ? ++k : --k) {
            const double x = h.lp(k);
            acc.add(x);
            const bool past_mode = up ? k > mode : k < mode;
            if ((past_mode && x < acc.max - negligible) || k == (up ? h.hi() : h.lo())) {
                break;
            }
        }
        return std::min(1.0, std::exp(acc.value()));
    }
    const double threshold = h.lp(t.a) + std::log1p(1e-7);
    // Each side of the mode is monotone: find the first term at or below the
    // threshold by bisection, then sum outwards until the terms are negligible.
    const std::uint64_t mode = h.mode();
    if (h.lp(mode) <= threshold) {
        acc.add(h.lp(mode));
    }
    // Left side, k in [lo, mode): the largest k with a term at or below the threshold.
    if (mode > h.lo() && h.lp(h.lo()) <= threshold) {
        std::uint64_t lo = h.lo();
        std::uint64_t hi = mode - 1;
        while (lo < hi) {
            const std::uint64_t mid = lo + (hi - lo + 1) / 2;
            if (h.lp(mid) <= threshold) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        for (std::uint64_t k = lo;; --k) {
            const double x = h.lp(k);
            acc.add(x);
            if (x < acc.max - negligible || k == h.lo()) {
                break;
            }
        }
    }
    // Right side, k in (mode, hi]: the smallest such k.
    if (mode < h.hi() && h.lp(h.hi()) <= threshold) {
        std::uint64_t lo = mode + 1;
        std::uint64_t hi = h.hi();
        while (lo < hi) {
            const std::uint64_t mid = lo + (hi - lo) / 2;
            if (h.lp(mid) <= threshold) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        for (std::uint64_t k = lo;; ++k) {
            const double x = h.lp(k);
            acc.add(x);
            if (x < acc.max - negligible || k == h.hi()) {
                break;
            }
        }
    }
    return std::min(1.0, std::exp(acc.value()));
}

double chi_square1_sf(double x) noexcept {
    if (!(x > 0)) {
        return 1.0;
    }
    return std::erfc(std::sqrt(x / 2));
}

ChiSquare chi_square(const Table2x2& t, bool yates) {
    ChiSquare r;
    const double a = static_cast<double>(t.a);
    const double b = static_cast<double>(t.b);
    const double c = static_cast<double>(t.c);
    const double d = static_cast<double>(t.d);
    const double n = a + b + c + d;
    const double margins = (a + b) * (c + d) * (a + c) * (b + d);
    if (!(margins > 0)) {
        return r;
    }
    double diff = std::fabs(a * d - b * c);
    if (yates) {
        diff = std::max(0.0, diff - n / 2);
    }
    // n·diff²/margins, arranged so that the intermediate values stay in range.
    r.statistic = (diff / (a + b)) * (diff / (c + d)) * (n / (a + c)) / (b + d);
    r.p = chi_square1_sf(r.statistic);
    return r;
}

OddsRatio odds_ratio(const Table2x2& t, double z) {
    OddsRatio r;
    double a = static_cast<double>(t.a);
    double b = static_cast<double>(t.b);
    double c = static_cast<double>(t.c);
    double d = static_cast<double>(t.d);
    if (t.a == 0 || t.b == 0 || t.c == 0 || t.d == 0) {
        a += 0.5;
        b += 0.5;
        c += 0.5;
        d += 0.5;
        r.corrected = true;
    }
    const double log_or = std::log(a) + std::log(d) - std::log(b) - std::log(c);
    const double se = std::sqrt(1 / a + 1 / b + 1 / c + 1 / d);
    r.estimate = std::exp(log_or);
    r.lower = std::exp(log_or - z * se);
    r.upper = std::exp(log_or + z * se);
    return r;
}

std::vector<double> benjamini_hochberg(std::span<const double> p) {
    std::vector<double> q(p.size(), nan);
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (!std::isnan(p[i])) {
            idx.push_back(i);
        }
    }
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t x, std::size_t y) { return p[x] < p[y]; });
    const double m = static_cast<double>(idx.size());
    double running = 1.0;
    for (std::size_t r = idx.size(); r-- > 0;) {
        const double v = std::min(1.0, p[idx[r]] * m / static_cast<double>(r + 1));
        running = std::min(running, v);
        q[idx[r]] = running;
    }
    return q;
}

// ---------------------------------------------------------------------------
// Quantiles and survival

double quantile_sorted(std::span<const double> s, double q) noexcept {
    if (s.empty()) {
        return nan;
    }
    q = std::clamp(q, 0.0, 1.0);
    const double pos = q * static_cast<double>(s.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, s.size() - 1);
    const double frac = pos - static_cast<double>(lo);
    return s[lo] + (s[hi] - s[lo]) * frac;
}

double KaplanMeier::survival(double t) const noexcept {
    double s = 1;
    for (const KmStep& k : steps) {
        if (k.time > t) {
            break;
        }
        s = k.survival;
    }
    return s;
}

double KaplanMeier::quantile(double q) const noexcept {
    const double level = 1 - q + 1e-12;
    for (const KmStep& k : steps) {
        if (k.events > 0 && k.survival <= level) {
            return k.time;
        }
    }
    return nan;
}

KaplanMeier kaplan_meier(std::span<const double> times, std::span<const std::uint8_t> ended) {
    KaplanMeier km;
    std::vector<std::pair<double, std::uint8_t>> v;
    v.reserve(times.size());
    for (std::size_t i = 0; i < times.size(); ++i) {
        if (std::isfinite(times[i])) {
            v.emplace_back(times[i], i < ended.size() && ended[i] != 0 ? 1 : 0);
        }
    }
    std::sort(v.begin(), v.end());
    km.subjects = v.size();
    std::uint64_t at_risk = v.size();
    double s = 1;
    double greenwood = 0;
    for (std::size_t i = 0; i < v.size();) {
        KmStep step;
        step.time = v[i].first;
        step.at_risk = at_risk;
        std::size_t j = i;
        for (; j < v.size() && v[j].first == v[i].first; ++j) {
            if (v[j].second != 0) {
                ++step.events;
            } else {
                ++step.censored;
            }
        }
        if (step.events > 0) {
            const double n = static_cast<double>(at_risk);
            const double d = static_cast<double>(step.events);
            s *= 1 - d / n;
            if (at_risk > step.events) {
                greenwood += d / (n * (n - d));
            }
        }
        step.survival = s;
        step.std_error = s * std::sqrt(greenwood);
        km.events += step.events;
        at_risk -= step.events + step.censored;
        km.steps.push_back(step);
        i = j;
    }
    return km;
}

} // namespace journey::miners::stats
