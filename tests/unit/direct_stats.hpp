#pragma once
// Statistics computed straight from their textbook definitions (two passes, no
// shortcuts), for checking the library's own implementations and for calibration
// figures in the tests.

#include <cmath>
#include <vector>

namespace journey::test {

/// Sample bimodality coefficient (SAS; Pfister et al. 2013) with the bias-corrected
/// skewness G1 and excess kurtosis G2: (G1² + 1) / (G2 + 3 (n-1)² / ((n-2)(n-3))).
inline double direct_bimodality_coefficient(const std::vector<double>& xs) {
    const double n = static_cast<double>(xs.size());
    double mean = 0;
    for (const double x : xs) {
        mean += x;
    }
    mean /= n;
    double m2 = 0, m3 = 0, m4 = 0;
    for (const double x : xs) {
        const double d = x - mean;
        m2 += d * d;
        m3 += d * d * d;
        m4 += d * d * d * d;
    }
    m2 /= n;
    m3 /= n;
    m4 /= n;
    const double g1 = m3 / std::pow(m2, 1.5);
    const double g2 = m4 / (m2 * m2) - 3;
    const double G1 = g1 * std::sqrt(n * (n - 1)) / (n - 2);
    const double G2 = ((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3));
    return (G1 * G1 + 1) / (G2 + 3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3)));
}

} // namespace journey::test
