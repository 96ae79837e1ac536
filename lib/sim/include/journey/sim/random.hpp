#pragma once
/// @file
/// The simulator's random numbers: SplitMix64 (seeding) and xoshiro256** (the
/// per-journey stream), with the few distributions the generator draws from.
///
/// Every journey gets its own stream, seeded from (seed, case index) only
/// (journey_stream()), so the output never depends on threads or sharding.
/// The distributions use std::log/std::cos/std::sqrt from the C library, so
/// byte-identical output is promised for one platform and C library.

#include <bit>
#include <cmath>
#include <cstdint>

namespace journey::sim {

/// SplitMix64 (Steele, Lea, Flood 2014): a 64-bit counter passed through a mixer.
/// Used to expand one 64-bit seed into a xoshiro state.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) noexcept : m_state(seed) {}

    std::uint64_t next() noexcept {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

private:
    std::uint64_t m_state;
};

/// xoshiro256** 1.0 (Blackman, Vigna 2018) with helpers for the distributions the
/// generator needs. One object per journey; not thread-safe (one thread at a time).
class Xoshiro256ss {
public:
    /// Seeds the state with four SplitMix64 outputs of `seed`.
    explicit Xoshiro256ss(std::uint64_t seed) noexcept {
        SplitMix64 sm(seed);
        for (std::uint64_t& w : m_s) {
            w = sm.next();
        }
    }

    /// Uses `state` as is (must not be all zero); for reference-vector tests.
    Xoshiro256ss(std::uint64_t s0, std::uint64_t s1, std::uint64_t s2, std::uint64_t s3) noexcept
        : m_s{s0, s1, s2, s3} {}

    std::uint64_t next() noexcept {
        const std::uint64_t result = std::rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = std::rotl(m_s[3], 45);
        return result;
    }

    /// Uniform in [0, 1), 53 random bits.
    double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    /// Uniform in [lo, hi).
    double uniform(double lo, double hi) noexcept { return lo + (hi - lo) * uniform(); }

    /// True with probability p (p <= 0: never, p >= 1: always; one draw either way).
    bool bernoulli(double p) noexcept { return uniform() < p; }

    /// Uniform integer in [0, n) by Lemire's multiply-and-reject; n > 0.
    std::uint64_t below(std::uint64_t n) noexcept {
        __extension__ using U128 = unsigned __int128;
        U128 m = static_cast<U128>(next()) * n;
        auto low = static_cast<std::uint64_t>(m);
        if (low < n) {
            const std::uint64_t threshold = (0 - n) % n;
            while (low < threshold) {
                m = static_cast<U128>(next()) * n;
                low = static_cast<std::uint64_t>(m);
            }
        }
        return static_cast<std::uint64_t>(m >> 64);
    }

    /// Uniform integer in [lo, hi] (inclusive); lo <= hi.
    std::int64_t range(std::int64_t lo, std::int64_t hi) noexcept {
        return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }

    /// Exponential with the given mean.
    double exponential(double mean) noexcept { return -mean * std::log(1.0 - uniform()); }

    /// Standard normal (Box-Muller, one value per call, two draws).
    double normal() noexcept {
        const double u1 = 1.0 - uniform(); // (0, 1]
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

    /// Normal with mean and standard deviation.
    double normal(double mean, double sd) noexcept { return mean + sd * normal(); }

    /// Lognormal with the given median and log-scale sigma.
    double lognormal(double median, double sigma) noexcept {
        return median * std::exp(sigma * normal());
    }

    /// Index drawn from non-negative weights w[0..n) (not necessarily normalised);
    /// returns n-1 when the weights sum to zero.
    template <typename Weights> std::size_t choose(const Weights& w) noexcept {
        double total = 0;
        for (double x : w) {
            total += x;
        }
        double u = uniform() * total;
        std::size_t i = 0;
        for (double x : w) {
            if (u < x) {
                return i;
            }
            u -= x;
            ++i;
        }
        return i == 0 ? 0 : i - 1;
    }

private:
    std::uint64_t m_s[4];
};

/// Golden-ratio increment used to spread case indices over the seed space.
inline constexpr std::uint64_t stream_increment = 0x9E3779B97F4A7C15ULL;

/// The random stream of journey `case_index` (0-based) for `seed`:
/// xoshiro256** seeded by SplitMix64(seed ^ case_index * 0x9E3779B97F4A7C15).
inline Xoshiro256ss journey_stream(std::uint64_t seed, std::uint64_t case_index) noexcept {
    return Xoshiro256ss(seed ^ (case_index * stream_increment));
}

} // namespace journey::sim
