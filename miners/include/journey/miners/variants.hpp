#pragma once
/// @file
/// Variants: the distinct activity sequences (traces) of a log with their counts.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/event_log.hpp>

namespace journey::miners {

struct Variant {
    std::vector<std::uint32_t> trace; ///< indices into Variants::activities
    std::uint64_t count = 0;
    friend bool operator==(const Variant&, const Variant&) = default;
};

/// A finished variant list: a self-contained value (names included).
struct Variants {
    std::vector<std::string> activities; ///< sorted by name
    /// Sorted by count descending, then by trace (compared name by name).
    std::vector<Variant> variants;
    std::uint64_t cases = 0;
    friend bool operator==(const Variants&, const Variants&) = default;

    /// Share of cases that follow variant `i` (0 when there are no cases).
    double share(std::size_t i) const noexcept {
        return cases == 0 ? 0.0 : static_cast<double>(variants[i].count) / static_cast<double>(cases);
    }
};

/// Accumulator form; partial results merge by activity name.
/// Thread-safety: one thread at a time per accumulator.
class JOURNEY_API VariantAccumulator {
public:
    VariantAccumulator();
    VariantAccumulator(const VariantAccumulator&);
    VariantAccumulator& operator=(const VariantAccumulator&);
    VariantAccumulator(VariantAccumulator&&) noexcept;
    VariantAccumulator& operator=(VariantAccumulator&&) noexcept;
    ~VariantAccumulator();

    void add_case(const EventLog& log, std::size_t c);
    void add_cases(const EventLog& log, std::size_t first, std::size_t last);
    void merge(const VariantAccumulator& other);
    Variants finish() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// The variants of a whole log (`threads` workers split by case; 0 = hardware
/// concurrency; the result never depends on it).
JOURNEY_API Variants discover_variants(const EventLog& log, unsigned threads = 0);

} // namespace journey::miners
