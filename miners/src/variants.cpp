#include <journey/miners/variants.hpp>

#include <algorithm>
#include <unordered_map>

#include "activity_map.hpp"
#include "parallel.hpp"

namespace journey::miners {

namespace {

std::uint64_t hash_trace(const std::uint32_t* p, std::size_t n) noexcept {
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    for (std::size_t i = 0; i < n; ++i) {
        h ^= p[i];
        h *= 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    return h;
}

struct Stored {
    std::uint64_t offset = 0; // into arena
    std::uint32_t length = 0;
    std::uint64_t count = 0;
    std::uint32_t next = 0xFFFFFFFFu; // next variant with the same hash bucket
};

} // namespace

struct VariantAccumulator::Impl {
    StringTable names;
    detail::ActivityMap map;
    std::vector<std::uint32_t> arena;
    std::vector<Stored> variants;
    std::unordered_map<std::uint64_t, std::uint32_t> heads; // hash -> first variant
    std::uint64_t cases = 0;
    std::vector<std::uint32_t> scratch;

    void add(const std::uint32_t* trace, std::size_t n, std::uint64_t count) {
        const std::uint64_t h = hash_trace(trace, n);
        const auto [it, inserted] = heads.emplace(h, static_cast<std::uint32_t>(variants.size()));
        if (!inserted) {
            for (std::uint32_t v = it->second; v != 0xFFFFFFFFu; v = variants[v].next) {
                Stored& s = variants[v];
                if (s.length == n && std::equal(trace, trace + n, arena.data() + s.offset)) {
                    s.count += count;
                    return;
                }
            }
        }
        Stored s;
        s.offset = arena.size();
        s.length = static_cast<std::uint32_t>(n);
        s.count = count;
        if (!inserted) {
            s.next = it->second;
            it->second = static_cast<std::uint32_t>(variants.size());
        }
        arena.insert(arena.end(), trace, trace + n);
        variants.push_back(s);
    }
};

VariantAccumulator::VariantAccumulator() : m_impl(std::make_unique<Impl>()) {}
VariantAccumulator::VariantAccumulator(const VariantAccumulator& o)
    : m_impl(std::make_unique<Impl>(*o.m_impl)) {
    m_impl->map.reset();
}
VariantAccumulator& VariantAccumulator::operator=(const VariantAccumulator& o) {
    if (this != &o) {
        m_impl = std::make_unique<Impl>(*o.m_impl);
        m_impl->map.reset();
    }
    return *this;
}
VariantAccumulator::VariantAccumulator(VariantAccumulator&&) noexcept = default;
VariantAccumulator& VariantAccumulator::operator=(VariantAccumulator&&) noexcept = default;
VariantAccumulator::~VariantAccumulator() = default;

void VariantAccumulator::add_case(const EventLog& log, std::size_t c) { add_cases(log, c, c + 1); }

void VariantAccumulator::add_cases(const EventLog& log, std::size_t first, std::size_t last) {
    Impl& m = *m_impl;
    const std::vector<std::uint32_t>& local = m.map.for_log(log, m.names);
    const auto act = log.activities();
    for (std::size_t c = first; c < last; ++c) {
        m.scratch.clear();
        for (std::size_t i = log.case_begin(c); i < log.case_end(c); ++i) {
            m.scratch.push_back(local[act[i]]);
        }
        m.add(m.scratch.data(), m.scratch.size(), 1);
        ++m.cases;
    }
}

void VariantAccumulator::merge(const VariantAccumulator& other) {
    Impl& m = *m_impl;
    const Impl& o = *other.m_impl;
    const std::vector<std::uint32_t> local = detail::ActivityMap::between(o.names, m.names);
    std::vector<std::uint32_t> buf;
    for (const Stored& s : o.variants) {
        buf.clear();
        for (std::uint32_t i = 0; i < s.length; ++i) {
            buf.push_back(local[o.arena[s.offset + i]]);
        }
        m.add(buf.data(), buf.size(), s.count);
    }
    m.cases += o.cases;
}

Variants VariantAccumulator::finish() const {
    const Impl& m = *m_impl;
    Variants out;
    out.cases = m.cases;
    std::vector<std::uint32_t> order;
    detail::sorted_ranks(m.names, order);
    // Only activities that occur; the empty name (id 0) occurs only if an event had it.
    std::vector<bool> used(m.names.size(), false);
    for (const std::uint32_t a : m.arena) {
        used[a] = true;
    }
    std::vector<std::uint32_t> index(m.names.size(), 0);
    for (const std::uint32_t id : order) {
        if (used[id]) {
            index[id] = static_cast<std::uint32_t>(out.activities.size());
            out.activities.emplace_back(m.names[id]);
        }
    }
    out.variants.reserve(m.variants.size());
    for (const Stored& s : m.variants) {
        Variant v;
        v.count = s.count;
        v.trace.reserve(s.length);
        for (std::uint32_t i = 0; i < s.length; ++i) {
            v.trace.push_back(index[m.arena[s.offset + i]]);
        }
        out.variants.push_back(std::move(v));
    }
    // Indices follow name order, so comparing index sequences compares names.
    std::sort(out.variants.begin(), out.variants.end(), [](const Variant& a, const Variant& b) {
        return a.count != b.count ? a.count > b.count : a.trace < b.trace;
    });
    return out;
}

Variants discover_variants(const EventLog& log, unsigned threads) {
    return detail::accumulate_parallel<VariantAccumulator>(log, threads,
                                                           [] { return VariantAccumulator(); })
        .finish();
}

} // namespace journey::miners
