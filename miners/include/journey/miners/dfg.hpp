#pragma once
/// @file
/// Directly-follows graph (DFG): how often activity b directly follows activity a
/// within a case, with the time between them, and how cases start and end.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/event_log.hpp>
#include <journey/core/graph.hpp>

namespace journey::miners {

/// Durations of one edge, in seconds (calendar time).
struct DurationStats {
    double mean_s = 0;
    double median_s = 0; ///< lower-upper average for even counts (as numpy/pandas)
    double p90_s = 0;    ///< linear interpolation between closest ranks (numpy default)
    double min_s = 0;
    double max_s = 0;
    friend bool operator==(const DurationStats&, const DurationStats&) = default;
};

struct DfgEdge {
    std::uint32_t from = 0; ///< index into Dfg::activities
    std::uint32_t to = 0;
    std::uint64_t count = 0;
    DurationStats duration; ///< over pairs where both events have a timestamp
    friend bool operator==(const DfgEdge&, const DfgEdge&) = default;
};

/// A finished DFG: a self-contained value (names included).
struct Dfg {
    std::vector<std::string> activities;  ///< sorted by name
    std::vector<std::uint64_t> activity_counts; ///< events per activity
    std::vector<std::uint64_t> start_counts;    ///< cases starting with the activity
    std::vector<std::uint64_t> end_counts;      ///< cases ending with the activity
    std::vector<DfgEdge> edges;                 ///< sorted by (from, to), i.e. by names
    std::uint64_t cases = 0;
    std::uint64_t events = 0;
    friend bool operator==(const Dfg&, const Dfg&) = default;
};

struct DfgOptions {
    /// Keep the duration of every edge occurrence (needed for median and p90).
    bool durations = true;
    /// Worker threads for discover_dfg (0 = hardware concurrency). The result never
    /// depends on it.
    unsigned threads = 0;
};

/// Accumulator form: add cases, merge partial results, finish.
/// Partial results from different logs merge by activity name, so a log split by
/// case can be mined shard by shard (DESIGN.md, streaming first).
///
/// Thread-safety: one thread at a time per accumulator; use one per thread and merge.
class JOURNEY_API DfgAccumulator {
public:
    explicit DfgAccumulator(DfgOptions options = {});
    DfgAccumulator(const DfgAccumulator&);
    DfgAccumulator& operator=(const DfgAccumulator&);
    DfgAccumulator(DfgAccumulator&&) noexcept;
    DfgAccumulator& operator=(DfgAccumulator&&) noexcept;
    ~DfgAccumulator();

    /// Adds case `c` of `log`.
    void add_case(const EventLog& log, std::size_t c);
    /// Adds cases [first, last) of `log`.
    void add_cases(const EventLog& log, std::size_t first, std::size_t last);
    /// Adds another partial result (counts add, duration samples concatenate).
    void merge(const DfgAccumulator& other);
    /// The finished DFG; the accumulator stays usable.
    Dfg finish() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// The DFG of a whole log, using options.threads workers split by case.
JOURNEY_API Dfg discover_dfg(const EventLog& log, const DfgOptions& options = {});

/// The DFG as a graph for maps: a start node, an end node, one node per activity
/// (label = name, count = events), edges with counts and durations, start/end edges.
JOURNEY_API ProcessGraph dfg_to_graph(const Dfg& dfg, const std::string& title = {});

/// Mean, median, p90, min and max of a sample of microseconds, in seconds;
/// reorders `micros`. Empty -> zeros.
JOURNEY_API DurationStats duration_stats(std::vector<std::int64_t>& micros);

} // namespace journey::miners
