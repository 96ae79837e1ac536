#pragma once
// Private: run an accumulator over a log's cases on several threads and merge the
// partial results in case order, so the result does not depend on the thread count.

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

#include <journey/core/event_log.hpp>

namespace journey::miners::detail {

inline unsigned worker_count(unsigned requested, std::size_t events) {
    unsigned n = requested == 0 ? std::max(1u, std::thread::hardware_concurrency()) : requested;
    // Threads cost more than they give below ~200k events.
    if (events < 200'000) {
        n = 1;
    }
    return n;
}

/// Splits cases into `n` ranges of roughly equal event counts.
inline std::vector<std::size_t> split_cases(const EventLog& log, unsigned n) {
    std::vector<std::size_t> bounds{0};
    const std::size_t cases = log.num_cases();
    const std::size_t events = log.num_events();
    std::size_t c = 0;
    for (unsigned part = 1; part < n; ++part) {
        const std::size_t target = events * part / n;
        while (c < cases && log.case_begin(c) < target) {
            ++c;
        }
        bounds.push_back(c);
    }
    bounds.push_back(cases);
    return bounds;
}

/// `make()` creates an empty accumulator; each worker adds its case range; the
/// partial results are merged into the first in range order.
template <typename Acc, typename Make>
Acc accumulate_parallel(const EventLog& log, unsigned threads, Make make) {
    const unsigned n = worker_count(threads, log.num_events());
    const std::vector<std::size_t> bounds = split_cases(log, n);
    std::vector<Acc> parts;
    parts.reserve(n);
    for (unsigned i = 0; i < n; ++i) {
        parts.push_back(make());
    }
    if (n == 1) {
        parts[0].add_cases(log, 0, log.num_cases());
        return std::move(parts[0]);
    }
    std::vector<std::thread> workers;
    for (unsigned i = 1; i < n; ++i) {
        workers.emplace_back([&, i] { parts[i].add_cases(log, bounds[i], bounds[i + 1]); });
    }
    parts[0].add_cases(log, bounds[0], bounds[1]);
    for (std::thread& t : workers) {
        t.join();
    }
    for (unsigned i = 1; i < n; ++i) {
        parts[0].merge(parts[i]);
    }
    return std::move(parts[0]);
}

} // namespace journey::miners::detail
