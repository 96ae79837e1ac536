#include <journey/miners/dfg.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "activity_map.hpp"
#include "parallel.hpp"

namespace journey::miners {

namespace {

/// Above this many activities the dense edge matrix would be too large.
constexpr std::size_t max_dense = 2048;

struct EdgeAcc {
    std::uint32_t from = 0;
    std::uint32_t to = 0;
    std::uint64_t count = 0;
    std::vector<std::int64_t> durations; // microseconds
};

} // namespace

struct DfgAccumulator::Impl {
    DfgOptions options;
    StringTable names; // local activity names
    detail::ActivityMap map;
    std::vector<std::uint64_t> activity_counts;
    std::vector<std::uint64_t> start_counts;
    std::vector<std::uint64_t> end_counts;
    std::uint64_t cases = 0;
    std::uint64_t events = 0;

    std::vector<EdgeAcc> edges;
    std::size_t dim = 0;
    std::vector<std::uint32_t> dense;                     // dim*dim, edge index + 1
    std::unordered_map<std::uint64_t, std::uint32_t> sparse; // when dim > max_dense

    void grow(std::size_t n) {
        if (activity_counts.size() < n) {
            activity_counts.resize(n, 0);
            start_counts.resize(n, 0);
            end_counts.resize(n, 0);
        }
        if (n <= dim) {
            return;
        }
        std::size_t d = std::max<std::size_t>(dim * 2, 16);
        while (d < n) {
            d *= 2;
        }
        dim = d;
        if (dim > max_dense) {
            dense.clear();
            dense.shrink_to_fit();
            sparse.clear();
            for (std::size_t i = 0; i < edges.size(); ++i) {
                sparse.emplace(key(edges[i].from, edges[i].to), static_cast<std::uint32_t>(i));
            }
            return;
        }
        dense.assign(dim * dim, 0);
        for (std::size_t i = 0; i < edges.size(); ++i) {
            dense[edges[i].from * dim + edges[i].to] = static_cast<std::uint32_t>(i + 1);
        }
    }

    static std::uint64_t key(std::uint32_t a, std::uint32_t b) noexcept {
        return (static_cast<std::uint64_t>(a) << 32) | b;
    }

    EdgeAcc& edge(std::uint32_t a, std::uint32_t b) {
        if (dim <= max_dense) {
            std::uint32_t& slot = dense[a * dim + b];
            if (slot == 0) {
                edges.push_back(EdgeAcc{a, b, 0, {}});
                slot = static_cast<std::uint32_t>(edges.size());
            }
            return edges[slot - 1];
        }
        const auto [it, inserted] =
            sparse.emplace(key(a, b), static_cast<std::uint32_t>(edges.size()));
        if (inserted) {
            edges.push_back(EdgeAcc{a, b, 0, {}});
        }
        return edges[it->second];
    }
};

DfgAccumulator::DfgAccumulator(DfgOptions options) : m_impl(std::make_unique<Impl>()) {
    m_impl->options = options;
}
DfgAccumulator::DfgAccumulator(const DfgAccumulator& o)
    : m_impl(std::make_unique<Impl>(*o.m_impl)) {
    m_impl->map.reset();
}
DfgAccumulator& DfgAccumulator::operator=(const DfgAccumulator& o) {
    if (this != &o) {
        m_impl = std::make_unique<Impl>(*o.m_impl);
        m_impl->map.reset();
    }
    return *this;
}
DfgAccumulator::DfgAccumulator(DfgAccumulator&&) noexcept = default;
DfgAccumulator& DfgAccumulator::operator=(DfgAccumulator&&) noexcept = default;
DfgAccumulator::~DfgAccumulator() = default;

void DfgAccumulator::add_case(const EventLog& log, std::size_t c) { add_cases(log, c, c + 1); }

void DfgAccumulator::add_cases(const EventLog& log, std::size_t first, std::size_t last) {
    Impl& m = *m_impl;
    const std::vector<std::uint32_t>& local = m.map.for_log(log, m.names);
    m.grow(m.names.size());
    const auto act = log.activities();
    const auto ts = log.timestamps();
    const bool keep = m.options.durations;
    for (std::size_t c = first; c < last; ++c) {
        const std::size_t b = log.case_begin(c);
        const std::size_t e = log.case_end(c);
        ++m.cases;
        if (b == e) {
            continue;
        }
        m.events += e - b;
        std::uint32_t prev = local[act[b]];
        ++m.activity_counts[prev];
        ++m.start_counts[prev];
        for (std::size_t i = b + 1; i < e; ++i) {
            const std::uint32_t cur = local[act[i]];
            ++m.activity_counts[cur];
            EdgeAcc& edge = m.edge(prev, cur);
            ++edge.count;
            if (keep && ts[i] != no_timestamp && ts[i - 1] != no_timestamp) {
                edge.durations.push_back(ts[i] - ts[i - 1]);
            }
            prev = cur;
        }
        ++m.end_counts[prev];
    }
}

void DfgAccumulator::merge(const DfgAccumulator& other) {
    Impl& m = *m_impl;
    const Impl& o = *other.m_impl;
    const std::vector<std::uint32_t> local = detail::ActivityMap::between(o.names, m.names);
    m.grow(m.names.size());
    for (std::size_t i = 0; i < o.activity_counts.size(); ++i) {
        m.activity_counts[local[i]] += o.activity_counts[i];
        m.start_counts[local[i]] += o.start_counts[i];
        m.end_counts[local[i]] += o.end_counts[i];
    }
    for (const EdgeAcc& e : o.edges) {
        EdgeAcc& mine = m.edge(local[e.from], local[e.to]);
        mine.count += e.count;
        mine.durations.insert(mine.durations.end(), e.durations.begin(), e.durations.end());
    }
    m.cases += o.cases;
    m.events += o.events;
}

DurationStats duration_stats(std::vector<std::int64_t>& micros) {
    DurationStats s;
    if (micros.empty()) {
        return s;
    }
    const std::size_t n = micros.size();
    const auto sec = [](std::int64_t us) { return static_cast<double>(us) / 1e6; };
    // One pass for min, max and the sum (in long double: exact for any realistic
    // sample, and independent of the order in which partial results merged).
    std::int64_t lo_v = micros[0];
    std::int64_t hi_v = micros[0];
    long double sum = 0;
    for (const std::int64_t v : micros) {
        lo_v = std::min(lo_v, v);
        hi_v = std::max(hi_v, v);
        sum += static_cast<long double>(v);
    }
    s.min_s = sec(lo_v);
    s.max_s = sec(hi_v);
    s.mean_s = static_cast<double>(sum / static_cast<long double>(n) / 1e6L);
    // Order statistics by selection (O(n)), not by sorting.
    const auto kth = [&](std::size_t k) {
        std::nth_element(micros.begin(), micros.begin() + static_cast<std::ptrdiff_t>(k), micros.end());
        return micros[k];
    };
    const auto next_after = [&](std::size_t k) {
        // Smallest value in the part after position k (valid right after kth(k)).
        return *std::min_element(micros.begin() + static_cast<std::ptrdiff_t>(k) + 1, micros.end());
    };
    const std::size_t mid = n / 2;
    if (n % 2 == 1) {
        s.median_s = sec(kth(mid));
    } else {
        const std::int64_t lower = kth(mid - 1);
        s.median_s = (sec(lower) + sec(next_after(mid - 1))) / 2;
    }
    // p90: linear interpolation between closest ranks (numpy's default).
    const double pos = 0.9 * static_cast<double>(n - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const double frac = pos - static_cast<double>(lo);
    const std::int64_t at_lo = kth(lo);
    const std::int64_t at_hi = lo + 1 < n ? next_after(lo) : at_lo;
    s.p90_s = sec(at_lo) + (sec(at_hi) - sec(at_lo)) * frac;
    return s;
}

Dfg DfgAccumulator::finish() const {
    const Impl& m = *m_impl;
    Dfg d;
    d.cases = m.cases;
    d.events = m.events;
    // Activities that occur, sorted by name.
    std::vector<std::uint32_t> order;
    const std::vector<std::uint32_t> rank = detail::sorted_ranks(m.names, order);
    std::vector<std::uint32_t> index(m.names.size(), 0xFFFFFFFFu);
    for (const std::uint32_t id : order) {
        if (id < m.activity_counts.size() && m.activity_counts[id] > 0) {
            index[id] = static_cast<std::uint32_t>(d.activities.size());
            d.activities.emplace_back(m.names[id]);
            d.activity_counts.push_back(m.activity_counts[id]);
            d.start_counts.push_back(m.start_counts[id]);
            d.end_counts.push_back(m.end_counts[id]);
        }
    }
    std::vector<std::uint32_t> edge_order(m.edges.size());
    std::iota(edge_order.begin(), edge_order.end(), 0u);
    std::sort(edge_order.begin(), edge_order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const EdgeAcc& x = m.edges[a];
        const EdgeAcc& y = m.edges[b];
        return rank[x.from] != rank[y.from] ? rank[x.from] < rank[y.from] : rank[x.to] < rank[y.to];
    });
    d.edges.reserve(m.edges.size());
    std::vector<std::int64_t> scratch;
    for (const std::uint32_t i : edge_order) {
        const EdgeAcc& e = m.edges[i];
        DfgEdge out;
        out.from = index[e.from];
        out.to = index[e.to];
        out.count = e.count;
        scratch.assign(e.durations.begin(), e.durations.end());
        out.duration = duration_stats(scratch);
        d.edges.push_back(out);
    }
    return d;
}

Dfg discover_dfg(const EventLog& log, const DfgOptions& options) {
    return detail::accumulate_parallel<DfgAccumulator>(log, options.threads,
                                                       [&] { return DfgAccumulator(options); })
        .finish();
}

ProcessGraph dfg_to_graph(const Dfg& dfg, const std::string& title) {
    ProcessGraph g;
    g.title = title;
    GraphNode start;
    start.id = "__start__";
    start.label = "start";
    start.kind = GraphNode::Kind::start;
    start.count = dfg.cases;
    g.nodes.push_back(start);
    for (std::size_t i = 0; i < dfg.activities.size(); ++i) {
        GraphNode n;
        n.id = dfg.activities[i];
        n.label = dfg.activities[i];
        n.count = dfg.activity_counts[i];
        g.nodes.push_back(n);
    }
    GraphNode end;
    end.id = "__end__";
    end.label = "end";
    end.kind = GraphNode::Kind::end;
    end.count = dfg.cases;
    g.nodes.push_back(end);
    const std::size_t end_index = g.nodes.size() - 1;
    for (std::size_t i = 0; i < dfg.activities.size(); ++i) {
        if (dfg.start_counts[i] > 0) {
            g.edges.push_back(GraphEdge{0, i + 1, dfg.start_counts[i], 0, 0});
        }
    }
    for (const DfgEdge& e : dfg.edges) {
        g.edges.push_back(GraphEdge{e.from + 1u, e.to + 1u, e.count, e.duration.mean_s,
                                    e.duration.median_s});
    }
    for (std::size_t i = 0; i < dfg.activities.size(); ++i) {
        if (dfg.end_counts[i] > 0) {
            g.edges.push_back(GraphEdge{i + 1, end_index, dfg.end_counts[i], 0, 0});
        }
    }
    std::stable_sort(g.edges.begin(), g.edges.end(), [](const GraphEdge& a, const GraphEdge& b) {
        return a.from != b.from ? a.from < b.from : a.to < b.to;
    });
    return g;
}

} // namespace journey::miners
