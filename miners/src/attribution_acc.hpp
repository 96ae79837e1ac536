#pragma once
// Private: the mergeable accumulators behind attribute_red() and differential_dfg(),
// also embedded in the watermelon accumulator.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <journey/miners/attribution.hpp>

#include "engine.hpp"

namespace journey::miners::detail {

/// Per-journey features and their counts over red and green journeys.
class FeatureAcc {
public:
    FeatureAcc(const Engine& engine, std::size_t max_attribute_values);

    /// Adds an evaluated case (only green and red journeys count).
    void add(const CaseEval& ev, Scratch& s);
    /// Adds another partial result (features matched by key; journeys appended).
    void merge(const FeatureAcc& o);
    Attribution finish(const AttributionOptions& options) const;

private:
    struct Meta {
        std::string key;
        FeatureKind kind = FeatureKind::activity;
        std::string description;
        bool definitional = false;
    };
    struct Handoff {
        std::uint32_t feature = 0; ///< the handoff:X>Y feature
        std::int64_t wait_us = 0;
    };
    struct ValueColumn {
        const AttrColumn* column = nullptr;
        std::string name;
        std::size_t cursor = 0;
        std::unordered_map<std::uint64_t, std::uint32_t> features; ///< (activity, value) → feature
    };

    std::uint32_t intern(const std::string& key, FeatureKind kind, const std::string& description,
                         bool definitional = false);
    /// The feature in cache[index], interned from make() (a Meta) on first use.
    template <typename Make>
    std::uint32_t cached(std::vector<std::uint32_t>& cache, std::size_t index, Make make) {
        std::uint32_t& slot = cache[index];
        if (slot == none32) {
            const Meta m = make();
            slot = intern(m.key, m.kind, m.description, m.definitional);
        }
        return slot;
    }
    std::string dept(std::uint32_t e) const;
    std::string activity(std::uint32_t e) const;
    void work_sequence(const CaseEval& ev, const Scratch& s, std::size_t first, std::size_t last,
                       bool case_level, std::vector<std::uint32_t>& out) const;

    const Engine* m_engine;
    std::vector<Meta> m_meta;
    std::unordered_map<std::string, std::uint32_t> m_ids;
    std::vector<std::uint64_t> m_support;
    std::vector<std::uint64_t> m_red;
    std::uint64_t m_journeys = 0;
    std::uint64_t m_red_journeys = 0;
    // Features of each red journey, for the set cover.
    std::vector<std::uint32_t> m_red_features;
    std::vector<std::uint64_t> m_red_offsets{0};
    // Handoffs of each ended journey, for the slow-handoff features.
    std::vector<Handoff> m_handoffs;
    std::vector<std::uint64_t> m_handoff_offsets{0};
    std::vector<std::uint8_t> m_is_red; ///< per ended journey

    // Caches keyed by the log's ids (this accumulator's log only).
    std::vector<std::uint32_t> m_tp_feat, m_act_feat, m_rework_feat, m_first_feat, m_class_feat,
        m_breach_feat, m_handoff_feat, m_blame_feat, m_pp_feat;
    std::uint32_t m_blame_none = none32;
    std::vector<std::unordered_map<std::string, std::uint32_t>> m_segment_feat;
    std::vector<ValueColumn> m_values;
    std::vector<std::uint8_t> m_definitional_tp, m_definitional_class, m_definitional_act;
    std::size_t m_departments = 0;
    std::size_t m_last_case = static_cast<std::size_t>(-1);

    // Scratch.
    std::vector<std::uint32_t> m_feats;
    std::vector<std::uint32_t> m_seen; ///< per feature: stamp of the last journey that had it
    std::uint32_t m_stamp = 0;
    std::vector<std::uint32_t> m_act_count;
    std::vector<std::uint32_t> m_touched_acts;
    std::vector<std::uint32_t> m_seq;
    std::vector<Handoff> m_case_handoffs;
};

/// Red-versus-green directly-follows counts and waits.
class DiffDfgAcc {
public:
    void add_case(const EventLog& log, std::size_t c, bool red);
    void merge(const DiffDfgAcc& o);
    DifferentialDfg finish() const;

private:
    struct Node {
        std::uint64_t events[2] = {0, 0};
        std::uint64_t journeys[2] = {0, 0};
        std::uint64_t rework[2] = {0, 0};
    };
    struct Edge {
        std::uint32_t from = 0;
        std::uint32_t to = 0;
        std::uint64_t count[2] = {0, 0};
        std::uint64_t journeys[2] = {0, 0};
        std::vector<std::uint64_t> waits[2]; ///< histogram on 1 % log bins
    };

    std::uint32_t local(const std::string& name);
    std::uint32_t edge(std::uint32_t from, std::uint32_t to);

    std::vector<std::string> m_names;
    std::unordered_map<std::string, std::uint32_t> m_name_index;
    std::vector<Node> m_nodes;
    std::vector<Edge> m_edges;
    std::unordered_map<std::uint64_t, std::uint32_t> m_edge_index;
    /// Dense (from, to) → edge + 1 (0 = none) while there are few activities.
    std::vector<std::uint32_t> m_matrix;
    std::size_t m_stride = 0;
    std::uint64_t m_journeys[2] = {0, 0};

    const EventLog* m_log = nullptr;
    std::vector<std::uint32_t> m_local; ///< log activity id → local id
    std::vector<std::uint32_t> m_count; ///< scratch per local id
    std::vector<std::uint32_t> m_touched;
    std::vector<std::uint64_t> m_edge_stamp;
    std::uint64_t m_stamp = 0;
};

} // namespace journey::miners::detail
