#pragma once
// Private: run an accumulator over a log's cases on several threads and merge the
// partial results in case order, so the result does not depend on the thread count.

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <utility>
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

/// Runs `make()`-created accumulators over case ranges on `threads` workers (split by
/// split_cases()) and merges them in range order: `add(acc, first, last)` fills one,
/// `acc.merge(other)` combines. Merges must be exact (counts, concatenation in case
/// order) so that the result does not depend on the thread count. When `add` throws,
/// the exception of the first range that failed is rethrown once every worker has
/// finished.
template <typename Acc, typename Make, typename Add>
Acc run_parallel(const EventLog& log, unsigned threads, Make make, Add add) {
    const unsigned n = worker_count(threads, log.num_events());
    const std::vector<std::size_t> bounds = split_cases(log, n);
    std::vector<Acc> parts;
    parts.reserve(n);
    for (unsigned i = 0; i < n; ++i) {
        parts.push_back(make());
    }
    if (n == 1) {
        add(parts[0], 0, log.num_cases());
        return std::move(parts[0]);
    }
    std::vector<std::thread> workers;
    std::vector<std::exception_ptr> errors(n);
    for (unsigned i = 1; i < n; ++i) {
        workers.emplace_back([&, i] {
            try {
                add(parts[i], bounds[i], bounds[i + 1]);
            } catch (...) {
                errors[i] = std::current_exception();
            }
        });
    }
    try {
        add(parts[0], bounds[0], bounds[1]);
    } catch (...) {
        errors[0] = std::current_exception();
    }
    for (std::thread& t : workers) {
        t.join();
    }
    for (const std::exception_ptr& e : errors) {
        if (e) {
            std::rethrow_exception(e);
        }
    }
    for (unsigned i = 1; i < n; ++i) {
        parts[0].merge(parts[i]);
    }
    return std::move(parts[0]);
}

/// run_parallel() for an accumulator whose `add_cases(log, first, last)` adds a case
/// range.
template <typename Acc, typename Make>
Acc accumulate_parallel(const EventLog& log, unsigned threads, Make make) {
    return run_parallel<Acc>(
        log, threads, make,
        [&log](Acc& acc, std::size_t first, std::size_t last) { acc.add_cases(log, first, last); });
}

} // namespace journey::miners::detail
