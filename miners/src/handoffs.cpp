#include <journey/miners/handoffs.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <journey/core/calendar.hpp>
#include <journey/core/error.hpp>
#include <journey/miners/dfg.hpp>

#include "activity_map.hpp"
#include "handoff_detail.hpp"
#include "parallel.hpp"

namespace journey::miners {

namespace {

using detail::no_node;

/// Above this many nodes the dense edge matrix would be too large.
constexpr std::size_t max_dense = 2048;

/// Bucket of events that name no object (and of every event at case level).
constexpr std::uint32_t case_bucket = 0xFFFFFFFFu;

/// Indirect-succession pairs lighter than this are skipped: it bounds the work on long
/// sequences, and what is left out is below 1e-12 of a direct succession per event.
constexpr double min_weight = 1e-12;

struct WaitAcc {
    std::vector<std::int64_t> samples; // microseconds
    std::uint64_t over = 0;

    void add(std::int64_t us, std::int64_t threshold_us) {
        samples.push_back(us);
        if (us > threshold_us) {
            ++over;
        }
    }
    void merge(const WaitAcc& o) {
        samples.insert(samples.end(), o.samples.begin(), o.samples.end());
        over += o.over;
    }
    WaitSummary summary() const {
        WaitSummary s;
        s.count = samples.size();
        if (s.count == 0) {
            return s;
        }
        std::vector<std::int64_t> scratch = samples;
        const DurationStats d = duration_stats(scratch);
        s.mean_s = d.mean_s;
        s.median_s = d.median_s;
        s.p90_s = d.p90_s;
        s.over_threshold = over;
        s.share_over = static_cast<double>(over) / static_cast<double>(s.count);
        return s;
    }
};

struct EdgeAcc {
    std::uint32_t from = 0;
    std::uint32_t to = 0;
    std::uint64_t count = 0;
    std::uint64_t cases = 0;
    std::uint64_t batch = 0;
    std::uint64_t returns = 0;
    std::uint64_t reasks = 0;
    std::uint64_t bounces = 0;
    std::uint64_t post_rework = 0;
    std::uint64_t outcome_cases = 0;
    std::uint64_t red_cases = 0;
    double weight = 0; // indirect succession weight (beta > 0)
    WaitAcc wait;
    WaitAcc business;
    double day_sum = 0; // Σ working-day length over business-measured handovers
    std::uint64_t stamp = 0; // serial of the last case that had this edge (not merged)
};

struct Pm4Acc {
    std::uint32_t from = 0;
    std::uint32_t to = 0;
    std::uint64_t count = 0;
    double weight = 0;
    WaitAcc wait;
};

/// Edges keyed by (from, to) node ids: a dense matrix for few nodes, a hash map beyond.
template <typename T> class EdgeTable {
public:
    std::vector<T> edges;

    T& get(std::uint32_t a, std::uint32_t b) {
        grow(std::max(a, b) + 1);
        if (m_dim <= max_dense) {
            std::uint32_t& slot = m_dense[a * m_dim + b];
            if (slot == 0) {
                edges.push_back(make(a, b));
                slot = static_cast<std::uint32_t>(edges.size());
            }
            return edges[slot - 1];
        }
        const auto [it, fresh] = m_sparse.emplace(key(a, b), static_cast<std::uint32_t>(edges.size()));
        if (fresh) {
            edges.push_back(make(a, b));
        }
        return edges[it->second];
    }

    std::size_t index_of(const T& e) const { return static_cast<std::size_t>(&e - edges.data()); }

    const T* find(std::uint32_t a, std::uint32_t b) const {
        if (std::max(a, b) >= m_dim) {
            return nullptr;
        }
        if (m_dim <= max_dense) {
            const std::uint32_t slot = m_dense[a * m_dim + b];
            return slot == 0 ? nullptr : &edges[slot - 1];
        }
        const auto it = m_sparse.find(key(a, b));
        return it == m_sparse.end() ? nullptr : &edges[it->second];
    }

private:
    static T make(std::uint32_t a, std::uint32_t b) {
        T t;
        t.from = a;
        t.to = b;
        return t;
    }
    static std::uint64_t key(std::uint32_t a, std::uint32_t b) noexcept {
        return (static_cast<std::uint64_t>(a) << 32) | b;
    }
    void grow(std::size_t n) {
        if (n <= m_dim) {
            return;
        }
        std::size_t d = std::max<std::size_t>(m_dim * 2, 16);
        while (d < n) {
            d *= 2;
        }
        m_dim = d;
        if (m_dim > max_dense) {
            m_dense.clear();
            m_dense.shrink_to_fit();
            m_sparse.clear();
            for (std::size_t i = 0; i < edges.size(); ++i) {
                m_sparse.emplace(key(edges[i].from, edges[i].to), static_cast<std::uint32_t>(i));
            }
            return;
        }
        m_dense.assign(m_dim * m_dim, 0);
        for (std::size_t i = 0; i < edges.size(); ++i) {
            m_dense[edges[i].from * m_dim + edges[i].to] = static_cast<std::uint32_t>(i + 1);
        }
    }

    std::size_t m_dim = 0;
    std::vector<std::uint32_t> m_dense;
    std::unordered_map<std::uint64_t, std::uint32_t> m_sparse;
};

struct PairAcc {
    std::uint64_t count = 0;
    std::uint64_t cases = 0;
    std::uint32_t max_depth = 0;
    std::uint64_t stamp = 0;
};

struct ActAcc {
    std::uint64_t instances = 0;
    std::uint64_t rework = 0;
    std::uint64_t self_loops = 0;
    std::uint64_t loops = 0;
    std::uint64_t cases = 0;
    std::uint64_t stamp = 0;
};

/// A journey whose state (complete, orphan, open) is decided at finish().
struct Candidate {
    std::uint32_t case_index = 0;
    Timestamp complete_at = no_timestamp; // when its end milestone is confirmed
    Timestamp last_work = no_timestamp;
    Timestamp last_event = no_timestamp;
    std::uint32_t from = no_node; // the last work event's handover, when it is one
    std::uint32_t to = no_node;
    std::string case_id; // only when it ends with a handover
};

/// One work event of an object's sequence.
struct Work {
    std::uint32_t node;
    std::uint32_t act;
    std::uint32_t event;
    std::uint32_t role;
    Timestamp ts;
    Timestamp start; // start of the activity (lifecycle start), else ts
};

/// A working calendar prepared for one department.
struct DeptCalendar {
    BusinessCalendar calendar;
    double day_s = 0; // mean length of a working day
};

double working_day_seconds(const BusinessCalendar& cal) {
    long long minutes = 0;
    int days = 0;
    for (const auto& day : cal.week()) {
        long long m = 0;
        for (const MinuteRange& r : day) {
            m += r.end - r.begin;
        }
        if (m > 0) {
            minutes += m;
            ++days;
        }
    }
    return days == 0 ? 0.0 : static_cast<double>(minutes) * 60.0 / days;
}

bool is_start_name(std::string_view s) {
    if (s.size() != 5) {
        return false;
    }
    static constexpr std::string_view want = "start";
    for (std::size_t i = 0; i < 5; ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
        if (c != want[i]) {
            return false;
        }
    }
    return true;
}

} // namespace

std::string_view mode_name(HandoffMode m) noexcept {
    return m == HandoffMode::pm4py ? "pm4py" : "journey";
}

const HandoverEdge* HandoffResult::find(std::string_view from, std::string_view to) const noexcept {
    for (const HandoverEdge& e : edges) {
        if (e.from == from && e.to == to) {
            return &e;
        }
    }
    return nullptr;
}

// ---------------------------------------------------------------------------

struct HandoffAccumulator::Impl {
    HandoffOptions options;
    StringTable nodes;      // local node names
    StringTable activities; // local activity names
    detail::NodeMap node_map;
    detail::ActivityMap act_map;

    EdgeTable<EdgeAcc> edges;
    EdgeTable<Pm4Acc> pm4;
    std::unordered_map<std::uint64_t, PairAcc> pairs;
    std::vector<ActAcc> acts;
    std::unordered_set<std::uint64_t> causal; // local activity pairs

    HandoffTotals totals;
    std::uint64_t successions = 0;
    double weight_total = 0;       // journey mode, beta > 0
    std::uint64_t pm4_successions = 0;
    double pm4_weight_total = 0;
    long double share_sum = 0;
    std::uint64_t share_n = 0;
    long double union_sum = 0;
    long double span_sum = 0;
    std::uint64_t bounces = 0, bounce_cases = 0, naive_cases = 0, runs = 0, by_return = 0,
                  by_redo = 0;
    std::uint64_t depth_sum = 0;
    std::uint32_t max_depth = 0;
    std::uint64_t rework = 0, self_loops = 0, loops = 0, correction_events = 0,
                  cases_with_rework = 0, cases_with_correction = 0, rework_cases = 0,
                  post_rework = 0, post_rework_cases = 0;
    std::uint64_t complete = 0;
    std::uint64_t red_known = 0, red = 0;
    Timestamp max_ts = no_timestamp;
    bool end_milestone = false;
    bool business_time = false;
    std::vector<Candidate> candidates;
    std::vector<std::uint8_t> case_flags;
    std::uint64_t serial = 0;        // case serial (edge and pair stamps)
    std::uint64_t object_serial = 0; // object serial (activity stamps)

    // Per-log caches.
    const EventLog* cal_log = nullptr;
    const HandoffContext* cal_ctx = nullptr;
    std::vector<DeptCalendar> calendars;
    std::vector<std::int32_t> dept_calendar; // log department id -> index, -1 none
    const EventLog* lc_log = nullptr;
    std::vector<std::uint8_t> start_lifecycle;

    // Scratch buffers (reused across cases).
    struct Item {
        std::uint32_t object;
        std::uint32_t offset;
    };
    std::vector<Item> items;
    std::vector<Work> seq;
    std::vector<std::pair<std::uint32_t, Timestamp>> pending; // (act, start ts)
    std::vector<std::uint32_t> handover_pos;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> case_handovers; // (event, edge)
    std::vector<std::uint32_t> open_requests;                          // data requests
    std::vector<std::pair<Timestamp, Timestamp>> intervals;
    std::vector<std::uint32_t> case_edges;
    std::vector<std::uint64_t> act_seen; // object serial of the last object with the activity
    std::vector<std::uint32_t> act_pos;  // its position in that object's sequence

    explicit Impl(HandoffOptions o) : options(std::move(o)) {
        if (!(options.beta >= 0 && options.beta < 1)) {
            throw usage_error("handoffs: beta must be in [0, 1), not " +
                              std::to_string(options.beta));
        }
        if (options.level == HandoffLevel::attribute && options.attribute.empty()) {
            throw usage_error("handoffs: level 'attribute' needs an attribute name");
        }
        for (const auto& [a, b] : options.causal_pairs) {
            causal.insert(key(activities.insert(a), activities.insert(b)));
        }
    }

    static std::uint64_t key(std::uint32_t a, std::uint32_t b) noexcept {
        return (static_cast<std::uint64_t>(a) << 32) | b;
    }

    bool causal_ok(std::uint32_t a, std::uint32_t b) const {
        return !options.causal || causal.count(key(a, b)) != 0;
    }

    void prepare_calendars(const EventLog& log, const HandoffContext& ctx) {
        if (cal_log == &log && cal_ctx == &ctx) {
            return;
        }
        cal_log = &log;
        cal_ctx = &ctx;
        calendars.clear();
        dept_calendar.assign(log.department_names().size(), -1);
        for (const auto& [dept, cal] : ctx.calendars) {
            const Id id = log.department_names().find(dept);
            if (id == StringTable::not_found || dept_calendar[id] >= 0) {
                continue;
            }
            DeptCalendar dc{BusinessCalendar(cal), 0};
            dc.day_s = working_day_seconds(dc.calendar);
            dept_calendar[id] = static_cast<std::int32_t>(calendars.size());
            calendars.push_back(std::move(dc));
        }
        if (!calendars.empty()) {
            business_time = true;
        }
    }

    void prepare_lifecycles(const EventLog& log) {
        if (lc_log == &log && start_lifecycle.size() == log.lifecycle_names().size()) {
            return;
        }
        lc_log = &log;
        start_lifecycle.assign(log.lifecycle_names().size(), 0);
        for (std::size_t i = 0; i < start_lifecycle.size(); ++i) {
            start_lifecycle[i] = is_start_name(log.lifecycle_names()[static_cast<Id>(i)]) ? 1 : 0;
        }
    }

    void grow_acts() {
        if (acts.size() < activities.size()) {
            acts.resize(activities.size());
            act_seen.resize(activities.size(), 0);
            act_pos.resize(activities.size(), 0);
        }
    }

    void add(const EventLog& log, const HandoffContext& ctx, std::size_t first, std::size_t last);
    void add_case(const EventLog& log, const HandoffContext& ctx, std::size_t c,
                  const std::vector<std::uint32_t>& act_of);
    void pm4py_case(const EventLog& log, std::size_t c);
};

void HandoffAccumulator::Impl::add(const EventLog& log, const HandoffContext& ctx,
                                   std::size_t first, std::size_t last) {
    const std::size_t n = log.num_events();
    if ((!ctx.roles.empty() && ctx.roles.size() != n) ||
        (!ctx.object_offsets.empty() && ctx.object_offsets.size() != n + 1) ||
        (!ctx.red.empty() && ctx.red.size() != log.num_cases())) {
        throw usage_error("handoffs: the context does not belong to this log (" +
                          std::to_string(n) + " events, " + std::to_string(log.num_cases()) +
                          " cases)");
    }
    prepare_calendars(log, ctx);
    prepare_lifecycles(log);
    if (ctx.has_end_milestone) {
        end_milestone = true;
    }
    node_map.prepare(log, options, nodes);
    const std::vector<std::uint32_t>& act_of = act_map.for_log(log, activities);
    grow_acts();
    if (case_flags.size() < last) {
        case_flags.resize(last, 0);
    }
    for (std::size_t c = first; c < last; ++c) {
        if (options.mode == HandoffMode::pm4py) {
            pm4py_case(log, c);
        }
        add_case(log, ctx, c, act_of);
    }
}

void HandoffAccumulator::Impl::pm4py_case(const EventLog& log, std::size_t c) {
    const std::size_t b = log.case_begin(c);
    const std::size_t e = log.case_end(c);
    const auto ts = log.timestamps();
    for (std::size_t i = b; i < e; ++i) {
        if (node_map.node(i) == no_node) {
            throw usage_error(
                "pm4py mode: event " + std::to_string(i - b + 1) + " of case '" +
                std::string(log.case_name(c)) + "' has no " + detail::level_label(options) +
                " value; pm4py's handover of work fails on such logs (use mode journey, "
                "which skips these events)");
        }
    }
    if (e - b < 2) {
        return;
    }
    pm4_successions += e - b - 1;
    const std::int64_t thr = options.wait_threshold_s * micros_per_second;
    for (std::size_t i = b; i + 1 < e; ++i) {
        const std::uint32_t x = node_map.node(i);
        const std::uint32_t y = node_map.node(i + 1);
        Pm4Acc& edge = pm4.get(x, y);
        ++edge.count;
        if (ts[i] != no_timestamp && ts[i + 1] != no_timestamp) {
            edge.wait.add(ts[i + 1] - ts[i], thr);
        }
    }
    if (options.beta > 0) {
        for (std::size_t i = b; i + 1 < e; ++i) {
            const std::uint32_t x = node_map.node(i);
            double w = 1;
            for (std::size_t j = i + 1; j < e && w >= min_weight; ++j) {
                pm4.get(x, node_map.node(j)).weight += w;
                pm4_weight_total += w;
                w *= options.beta;
            }
        }
    }
}

void HandoffAccumulator::Impl::add_case(const EventLog& log, const HandoffContext& ctx,
                                        std::size_t c, const std::vector<std::uint32_t>& act_of) {
    const std::size_t b = log.case_begin(c);
    const std::size_t e = log.case_end(c);
    const auto ts = log.timestamps();
    const auto act = log.activities();
    const auto lc = log.lifecycles();
    ++serial;
    ++totals.journeys;
    totals.events += e - b;
    if (b == e) {
        return;
    }
    for (std::size_t i = b; i < e; ++i) {
        if (ts[i] != no_timestamp && (max_ts == no_timestamp || ts[i] > max_ts)) {
            max_ts = ts[i];
        }
    }

    // Pass 1 over the case: roles, the interleaved trace, the naive test, the items.
    items.clear();
    std::uint32_t last_work_event = 0xFFFFFFFFu;
    std::uint32_t prev_work_node = no_node;
    std::uint32_t naive_prev2 = no_node;
    std::uint32_t naive_prev = no_node;
    bool naive = false;
    bool correction = false;
    const bool objects = options.object_level && !ctx.object_offsets.empty();
    for (std::size_t i = b; i < e; ++i) {
        const std::uint32_t role = ctx.role(i);
        const std::uint32_t node = node_map.node(i);
        const bool start = lc[i] < start_lifecycle.size() && start_lifecycle[lc[i]] != 0;
        if (node != no_node && node != naive_prev) {
            if (naive_prev2 == node) {
                naive = true;
            }
            naive_prev2 = naive_prev;
            naive_prev = node;
        }
        if ((role & event_role::correction) != 0) {
            ++correction_events;
            correction = true;
        }
        bool work = false;
        if ((role & event_role::non_work) != 0) {
            ++totals.non_work_events;
        } else if (!start) {
            if (node == no_node) {
                ++totals.unassigned_events;
            } else {
                work = true;
                ++totals.work_events;
                if (prev_work_node != no_node && node != prev_work_node) {
                    ++totals.interleaved_handovers;
                }
                prev_work_node = node;
                last_work_event = static_cast<std::uint32_t>(i);
            }
        }
        const bool keep = work || (start && node != no_node && (role & event_role::non_work) == 0) ||
                          (role & event_role::data_request) != 0;
        if (!keep) {
            continue;
        }
        const auto off = static_cast<std::uint32_t>(i - b);
        bool placed = false;
        if (objects) {
            const auto [o, oe] = ctx.objects_of(i);
            for (const std::uint32_t* p = o; p != oe; ++p) {
                items.push_back({*p, off});
                placed = true;
            }
        }
        if (!placed) {
            items.push_back({case_bucket, off});
        }
    }
    std::sort(items.begin(), items.end(), [](const Item& x, const Item& y) {
        return x.object != y.object ? x.object < y.object : x.offset < y.offset;
    });

    // Pass 2: each object's sequence.
    case_handovers.clear();
    open_requests.clear();
    intervals.clear();
    case_edges.clear();
    bool ends_with_handover = false;
    std::uint32_t last_from = no_node;
    std::uint32_t last_to = no_node;
    bool bounce = false;
    bool reworked = false;
    bool post = false;
    bool rejected = false;
    bool reask = false;
    const std::int64_t thr = options.wait_threshold_s * micros_per_second;
    std::size_t g = 0;
    while (g < items.size()) {
        std::size_t h = g;
        while (h < items.size() && items[h].object == items[g].object) {
            ++h;
        }
        ++object_serial;
        seq.clear();
        pending.clear();
        handover_pos.clear();
        std::int64_t last_handover_edge = -1;
        for (std::size_t k = g; k < h; ++k) {
            const std::size_t i = b + items[k].offset;
            const std::uint32_t role = ctx.role(i);
            const std::uint32_t node = node_map.node(i);
            const bool start = lc[i] < start_lifecycle.size() && start_lifecycle[lc[i]] != 0;
            const bool work = (role & event_role::non_work) == 0 && !start && node != no_node;
            if ((role & event_role::data_request) != 0 && !work) {
                if (last_handover_edge >= 0) {
                    ++edges.edges[static_cast<std::size_t>(last_handover_edge)].reasks;
                    ++totals.reask_events;
                    reask = true;
                } else {
                    open_requests.push_back(static_cast<std::uint32_t>(i));
                }
                continue;
            }
            if (!work) {
                // A lifecycle start of a work activity: remember when it started.
                pending.emplace_back(act_of[act[i]], ts[i]);
                continue;
            }
            const std::uint32_t a = act_of[act[i]];
            Work w{node, a, static_cast<std::uint32_t>(i), role, ts[i], ts[i]};
            for (std::size_t p = 0; p < pending.size(); ++p) {
                if (pending[p].first == a) {
                    if (seq.empty() || pending[p].second >= seq.back().ts) {
                        w.start = pending[p].second;
                    }
                    pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(p));
                    break;
                }
            }
            seq.push_back(w);
            const std::size_t pos = seq.size() - 1;
            const bool request = (role & event_role::data_request) != 0;
            ActAcc& aa = acts[a];
            ++aa.instances;
            if (pos > 0) {
                ++successions;
                const Work& prev = seq[pos - 1];
                if (prev.node != w.node) {
                    if (causal_ok(prev.act, a)) {
                        EdgeAcc& edge = edges.get(prev.node, w.node);
                        const auto ei = static_cast<std::uint32_t>(edges.index_of(edge));
                        ++edge.count;
                        ++totals.handovers;
                        if (edge.stamp != serial) {
                            edge.stamp = serial;
                            ++edge.cases;
                            case_edges.push_back(ei);
                        }
                        last_handover_edge = ei;
                        case_handovers.emplace_back(w.event, ei);
                        handover_pos.push_back(static_cast<std::uint32_t>(pos));
                        const bool batch = ((prev.role | w.role) & event_role::batch) != 0;
                        if (batch) {
                            ++edge.batch;
                        }
                        if ((!batch || options.batch_waits) && prev.ts != no_timestamp &&
                            w.start != no_timestamp) {
                            const std::int64_t wait = std::max<std::int64_t>(0, w.start - prev.ts);
                            edge.wait.add(wait, thr);
                            if (wait > 0) {
                                intervals.emplace_back(prev.ts, prev.ts + wait);
                            }
                            const Id dept = log.departments()[w.event];
                            if (dept < dept_calendar.size() && dept_calendar[dept] >= 0) {
                                const DeptCalendar& dc =
                                    calendars[static_cast<std::size_t>(dept_calendar[dept])];
                                edge.business.add(dc.calendar.working_micros(prev.ts, prev.ts + wait),
                                                  thr);
                                edge.day_sum += dc.day_s;
                            }
                        }
                    }
                }
            }
            if (request) {
                // A work event that asks the customer again (e.g. a back-office letter).
                if (last_handover_edge >= 0) {
                    ++edges.edges[static_cast<std::size_t>(last_handover_edge)].reasks;
                    ++totals.reask_events;
                    reask = true;
                } else {
                    open_requests.push_back(static_cast<std::uint32_t>(i));
                }
            }
        }
        if (!seq.empty()) {
            ++totals.objects;
        }
        // Rework, post-handoff rework and ping-pong on the finished sequence.
        {
            // The previous occurrence of each activity on this object.
            for (std::size_t pos = 0; pos < seq.size(); ++pos) {
                const Work& w = seq[pos];
                ActAcc& aa = acts[w.act];
                const bool seen = act_seen[w.act] == object_serial;
                const std::size_t prev_pos = act_pos[w.act];
                act_seen[w.act] = object_serial;
                act_pos[w.act] = static_cast<std::uint32_t>(pos);
                if (!seen) {
                    continue;
                }
                ++aa.rework;
                ++rework;
                reworked = true;
                if (aa.stamp != serial) {
                    aa.stamp = serial;
                    ++aa.cases;
                }
                if (prev_pos + 1 == pos) {
                    ++aa.self_loops;
                    ++self_loops;
                } else {
                    ++aa.loops;
                    ++loops;
                }
                if (seq[prev_pos].node == w.node) {
                    std::size_t q = prev_pos + 1;
                    while (q < pos && seq[q].node == w.node) {
                        ++q;
                    }
                    if (q < pos) {
                        ++post_rework;
                        post = true;
                        ++edges.get(w.node, seq[q].node).post_rework;
                    }
                }
            }
        }
        // IL2: a return by the receiver soon after each handover.
        for (const std::uint32_t pos : handover_pos) {
            const Work& recv = seq[pos];
            const std::uint32_t lim =
                options.return_window_events == 0 ? 0xFFFFFFFFu : options.return_window_events;
            for (std::size_t j = pos; j < seq.size() && j - pos < lim; ++j) {
                if (seq[j].node != recv.node) {
                    break;
                }
                if (options.return_window_s > 0 && recv.ts != no_timestamp &&
                    seq[j].ts != no_timestamp &&
                    seq[j].ts - recv.ts > options.return_window_s * micros_per_second) {
                    break;
                }
                if ((seq[j].role & event_role::return_) != 0) {
                    ++edges.get(seq[pos - 1].node, recv.node).returns;
                    ++totals.returns;
                    rejected = true;
                    break;
                }
            }
        }
        // Ping-pong: consecutive x, y, z with node(x) = node(z) != node(y) and evidence.
        {
            std::size_t run = seq.empty() ? 0 : 1;
            bool run_bounce = false;
            std::uint64_t run_pair = 0;
            const auto close_run = [&] {
                if (run_bounce) {
                    ++runs;
                    depth_sum += run;
                    max_depth = std::max<std::uint32_t>(max_depth, static_cast<std::uint32_t>(run));
                    PairAcc& pa = pairs[run_pair];
                    pa.max_depth = std::max<std::uint32_t>(pa.max_depth, static_cast<std::uint32_t>(run));
                }
                run_bounce = false;
            };
            for (std::size_t pos = 1; pos < seq.size(); ++pos) {
                const bool alternating = pos >= 2 && seq[pos].node == seq[pos - 2].node &&
                                         seq[pos].node != seq[pos - 1].node;
                if (alternating) {
                    ++run;
                } else {
                    close_run();
                    run = seq[pos].node != seq[pos - 1].node ? 2 : 1;
                }
                if (!alternating) {
                    continue;
                }
                const Work& x = seq[pos - 2];
                const Work& y = seq[pos - 1];
                const Work& z = seq[pos];
                const bool by_ret = (y.role & event_role::return_) != 0;
                const bool by_rd = z.act == x.act;
                if (!by_ret && !by_rd) {
                    continue;
                }
                ++bounces;
                bounce = true;
                if (by_ret) {
                    ++by_return;
                } else {
                    ++by_redo;
                }
                run_bounce = true;
                const std::uint32_t lo = std::min(x.node, y.node);
                const std::uint32_t hi = std::max(x.node, y.node);
                run_pair = key(lo, hi);
                PairAcc& pa = pairs[run_pair];
                ++pa.count;
                if (pa.stamp != serial) {
                    pa.stamp = serial;
                    ++pa.cases;
                }
                ++edges.get(x.node, y.node).bounces;
            }
            close_run();
        }
        // Indirect succession (beta > 0).
        if (options.beta > 0) {
            for (std::size_t i = 0; i + 1 < seq.size(); ++i) {
                double w = 1;
                for (std::size_t j = i + 1; j < seq.size() && w >= min_weight; ++j) {
                    weight_total += w;
                    if (seq[i].node != seq[j].node && causal_ok(seq[i].act, seq[j].act)) {
                        edges.get(seq[i].node, seq[j].node).weight += w;
                    }
                    w *= options.beta;
                }
            }
        }
        // Does the journey's last work event receive a handover here?
        for (std::size_t pos = 1; pos < seq.size(); ++pos) {
            if (seq[pos].event == last_work_event && seq[pos - 1].node != seq[pos].node) {
                ends_with_handover = true;
                last_from = seq[pos - 1].node;
                last_to = seq[pos].node;
            }
        }
        g = h;
    }

    // Data requests without a handover on their object: the latest handover of the
    // journey before them.
    if (!open_requests.empty() && !case_handovers.empty()) {
        std::sort(case_handovers.begin(), case_handovers.end());
        for (const std::uint32_t r : open_requests) {
            const auto it = std::lower_bound(
                case_handovers.begin(), case_handovers.end(), std::make_pair(r, 0u));
            if (it == case_handovers.begin()) {
                continue;
            }
            ++edges.edges[std::prev(it)->second].reasks;
            ++totals.reask_events;
            reask = true;
        }
    }

    // Wait share: the union of handover waits over the journey's span.
    if (ts[b] != no_timestamp && ts[e - 1] != no_timestamp && ts[e - 1] > ts[b]) {
        std::sort(intervals.begin(), intervals.end());
        std::int64_t covered = 0;
        Timestamp cur_a = 0;
        Timestamp cur_b = 0;
        bool have = false;
        for (const auto& [x, y] : intervals) {
            if (!have || x > cur_b) {
                if (have) {
                    covered += cur_b - cur_a;
                }
                cur_a = x;
                cur_b = y;
                have = true;
            } else {
                cur_b = std::max(cur_b, y);
            }
        }
        if (have) {
            covered += cur_b - cur_a;
        }
        const std::int64_t span = ts[e - 1] - ts[b];
        covered = std::min(covered, span);
        share_sum += static_cast<long double>(covered) / static_cast<long double>(span);
        ++share_n;
        union_sum += covered;
        span_sum += span;
    }

    // Per-case findings.
    std::uint8_t& flags = case_flags[c];
    if (!case_edges.empty()) {
        ++totals.journeys_with_handover;
    }
    if (bounce) {
        ++bounce_cases;
        flags |= case_flag::ping_pong;
    }
    if (naive) {
        ++naive_cases;
        flags |= case_flag::naive_ping_pong;
    }
    if (reask) {
        ++totals.reask_cases;
        flags |= case_flag::reask;
    }
    if (rejected) {
        flags |= case_flag::rejected;
    }
    if (reworked) {
        ++cases_with_rework;
    }
    if (correction) {
        ++cases_with_correction;
    }
    if (reworked || correction) {
        ++rework_cases;
        flags |= case_flag::rework;
    }
    if (post) {
        ++post_rework_cases;
    }
    if (!ctx.red.empty() && ctx.red[c] <= 1) {
        ++red_known;
        if (ctx.red[c] == 1) {
            ++red;
        }
        for (const std::uint32_t ei : case_edges) {
            ++edges.edges[ei].outcome_cases;
            if (ctx.red[c] == 1) {
                ++edges.edges[ei].red_cases;
            }
        }
    }
    // Completion: the first end-milestone event that no voiding event follows within
    // the look-ahead; it is confirmed once the look-ahead has passed.
    Timestamp complete_at = no_timestamp;
    if (ctx.has_end_milestone) {
        const std::int64_t ahead = ctx.end_lookahead_s * micros_per_second;
        for (std::size_t i = b; i < e && complete_at == no_timestamp; ++i) {
            if ((ctx.role(i) & event_role::end_milestone) == 0 || ts[i] == no_timestamp) {
                continue;
            }
            bool voided = false;
            for (std::size_t k = i + 1; k < e && ahead > 0; ++k) {
                if (ts[k] != no_timestamp && ts[k] - ts[i] > ahead) {
                    break;
                }
                if ((ctx.role(k) & event_role::end_unless) != 0) {
                    voided = true;
                    break;
                }
            }
            if (!voided) {
                complete_at = ts[i];
            }
        }
    }
    if (complete_at != no_timestamp && options.as_of != no_timestamp &&
        complete_at <= options.as_of) {
        ++complete;
        flags |= case_flag::complete;
    } else if (last_work_event != 0xFFFFFFFFu || complete_at != no_timestamp) {
        Candidate cand;
        cand.case_index = static_cast<std::uint32_t>(c);
        cand.complete_at = complete_at;
        cand.last_work = last_work_event == 0xFFFFFFFFu ? no_timestamp : ts[last_work_event];
        cand.last_event = ts[e - 1];
        if (ends_with_handover) {
            cand.from = last_from;
            cand.to = last_to;
            cand.case_id = std::string(log.case_name(c));
        }
        candidates.push_back(std::move(cand));
    }
}

// ---------------------------------------------------------------------------

HandoffAccumulator::HandoffAccumulator(HandoffOptions options)
    : m_impl(std::make_unique<Impl>(std::move(options))) {}
HandoffAccumulator::HandoffAccumulator(const HandoffAccumulator& o)
    : m_impl(std::make_unique<Impl>(*o.m_impl)) {
    m_impl->node_map.reset();
    m_impl->act_map.reset();
    m_impl->cal_log = nullptr;
    m_impl->lc_log = nullptr;
}
HandoffAccumulator& HandoffAccumulator::operator=(const HandoffAccumulator& o) {
    if (this != &o) {
        m_impl = std::make_unique<Impl>(*o.m_impl);
        m_impl->node_map.reset();
        m_impl->act_map.reset();
        m_impl->cal_log = nullptr;
        m_impl->lc_log = nullptr;
    }
    return *this;
}
HandoffAccumulator::HandoffAccumulator(HandoffAccumulator&&) noexcept = default;
HandoffAccumulator& HandoffAccumulator::operator=(HandoffAccumulator&&) noexcept = default;
HandoffAccumulator::~HandoffAccumulator() = default;

void HandoffAccumulator::add_cases(const EventLog& log, const HandoffContext& context,
                                   std::size_t first, std::size_t last) {
    m_impl->add(log, context, first, std::min(last, log.num_cases()));
}

void HandoffAccumulator::merge(const HandoffAccumulator& other) {
    Impl& m = *m_impl;
    const Impl& o = *other.m_impl;
    const std::vector<std::uint32_t> nodes = detail::ActivityMap::between(o.nodes, m.nodes);
    const std::vector<std::uint32_t> acts = detail::ActivityMap::between(o.activities, m.activities);
    m.grow_acts();
    for (const EdgeAcc& e : o.edges.edges) {
        EdgeAcc& mine = m.edges.get(nodes[e.from], nodes[e.to]);
        mine.count += e.count;
        mine.cases += e.cases;
        mine.batch += e.batch;
        mine.returns += e.returns;
        mine.reasks += e.reasks;
        mine.bounces += e.bounces;
        mine.post_rework += e.post_rework;
        mine.outcome_cases += e.outcome_cases;
        mine.red_cases += e.red_cases;
        mine.weight += e.weight;
        mine.wait.merge(e.wait);
        mine.business.merge(e.business);
        mine.day_sum += e.day_sum;
    }
    for (EdgeAcc& e : m.edges.edges) {
        e.stamp = 0; // stamps of merged parts are not comparable with later serials
    }
    for (const Pm4Acc& e : o.pm4.edges) {
        Pm4Acc& mine = m.pm4.get(nodes[e.from], nodes[e.to]);
        mine.count += e.count;
        mine.weight += e.weight;
        mine.wait.merge(e.wait);
    }
    for (const auto& [k, p] : o.pairs) {
        const auto lo = nodes[static_cast<std::uint32_t>(k >> 32)];
        const auto hi = nodes[static_cast<std::uint32_t>(k & 0xFFFFFFFFu)];
        PairAcc& mine = m.pairs[Impl::key(std::min(lo, hi), std::max(lo, hi))];
        mine.count += p.count;
        mine.cases += p.cases;
        mine.max_depth = std::max(mine.max_depth, p.max_depth);
    }
    for (auto& [k, p] : m.pairs) {
        p.stamp = 0;
    }
    for (std::size_t i = 0; i < o.acts.size(); ++i) {
        ActAcc& mine = m.acts[acts[i]];
        mine.instances += o.acts[i].instances;
        mine.rework += o.acts[i].rework;
        mine.self_loops += o.acts[i].self_loops;
        mine.loops += o.acts[i].loops;
        mine.cases += o.acts[i].cases;
    }
    for (ActAcc& a : m.acts) {
        a.stamp = 0;
    }
    HandoffTotals& t = m.totals;
    const HandoffTotals& u = o.totals;
    t.journeys += u.journeys;
    t.events += u.events;
    t.work_events += u.work_events;
    t.non_work_events += u.non_work_events;
    t.unassigned_events += u.unassigned_events;
    t.objects += u.objects;
    t.handovers += u.handovers;
    t.interleaved_handovers += u.interleaved_handovers;
    t.journeys_with_handover += u.journeys_with_handover;
    t.reask_cases += u.reask_cases;
    t.reask_events += u.reask_events;
    t.returns += u.returns;
    m.successions += o.successions;
    m.weight_total += o.weight_total;
    m.pm4_successions += o.pm4_successions;
    m.pm4_weight_total += o.pm4_weight_total;
    m.share_sum += o.share_sum;
    m.share_n += o.share_n;
    m.union_sum += o.union_sum;
    m.span_sum += o.span_sum;
    m.bounces += o.bounces;
    m.bounce_cases += o.bounce_cases;
    m.naive_cases += o.naive_cases;
    m.runs += o.runs;
    m.by_return += o.by_return;
    m.by_redo += o.by_redo;
    m.depth_sum += o.depth_sum;
    m.max_depth = std::max(m.max_depth, o.max_depth);
    m.rework += o.rework;
    m.self_loops += o.self_loops;
    m.loops += o.loops;
    m.correction_events += o.correction_events;
    m.cases_with_rework += o.cases_with_rework;
    m.cases_with_correction += o.cases_with_correction;
    m.rework_cases += o.rework_cases;
    m.post_rework += o.post_rework;
    m.post_rework_cases += o.post_rework_cases;
    m.complete += o.complete;
    m.red_known += o.red_known;
    m.red += o.red;
    if (o.max_ts != no_timestamp && (m.max_ts == no_timestamp || o.max_ts > m.max_ts)) {
        m.max_ts = o.max_ts;
    }
    m.end_milestone = m.end_milestone || o.end_milestone;
    m.business_time = m.business_time || o.business_time;
    for (const Candidate& cand : o.candidates) {
        Candidate copy = cand;
        if (copy.from != no_node) {
            copy.from = nodes[copy.from];
            copy.to = nodes[copy.to];
        }
        m.candidates.push_back(std::move(copy));
    }
    if (m.case_flags.size() < o.case_flags.size()) {
        m.case_flags.resize(o.case_flags.size(), 0);
    }
    for (std::size_t i = 0; i < o.case_flags.size(); ++i) {
        m.case_flags[i] |= o.case_flags[i];
    }
}

namespace {

double ratio(double a, double b) { return b > 0 ? a / b : 0.0; }

} // namespace

HandoffResult HandoffAccumulator::finish() const {
    const Impl& m = *m_impl;
    HandoffResult r;
    r.mode = m.options.mode;
    r.level = m.options.level;
    r.attribute = m.options.attribute;
    r.object_level = m.options.object_level;
    r.beta = m.options.beta;
    r.causal = m.options.causal;
    r.wait_threshold_s = m.options.wait_threshold_s;
    r.business_time = m.business_time;
    r.case_flags = m.case_flags;

    HandoffTotals& t = r.totals;
    t = m.totals;
    t.successions = m.successions;
    const auto journeys = static_cast<double>(t.journeys);
    t.handovers_per_journey = ratio(static_cast<double>(t.handovers), journeys);
    t.interleaved_per_journey = ratio(static_cast<double>(t.interleaved_handovers), journeys);
    t.wait_share = m.share_n == 0 ? 0.0 : static_cast<double>(m.share_sum / m.share_n);
    t.wait_share_total = m.span_sum > 0 ? static_cast<double>(m.union_sum / m.span_sum) : 0.0;
    t.rejection_rate = ratio(static_cast<double>(t.returns), static_cast<double>(t.handovers));

    // Edges sorted by (from, to) names.
    std::vector<std::uint32_t> order;
    const std::vector<std::uint32_t> rank = detail::sorted_ranks(m.nodes, order);
    const auto by_names = [&](std::uint32_t af, std::uint32_t at, std::uint32_t bf,
                              std::uint32_t bt) {
        return rank[af] != rank[bf] ? rank[af] < rank[bf] : rank[at] < rank[bt];
    };
    std::vector<std::size_t> eo(m.edges.edges.size());
    std::iota(eo.begin(), eo.end(), std::size_t{0});
    std::sort(eo.begin(), eo.end(), [&](std::size_t a, std::size_t b) {
        const EdgeAcc& x = m.edges.edges[a];
        const EdgeAcc& y = m.edges.edges[b];
        return by_names(x.from, x.to, y.from, y.to);
    });
    std::vector<std::int64_t> index_of(m.edges.edges.size(), -1);
    for (const std::size_t i : eo) {
        const EdgeAcc& a = m.edges.edges[i];
        HandoverEdge e;
        e.from = std::string(m.nodes[a.from]);
        e.to = std::string(m.nodes[a.to]);
        e.count = a.count;
        e.value = m.options.beta > 0 ? ratio(a.weight, m.weight_total)
                                     : ratio(static_cast<double>(a.count),
                                             static_cast<double>(m.successions));
        e.cases = a.cases;
        e.case_rate = ratio(static_cast<double>(a.cases), journeys);
        e.per_journey = ratio(static_cast<double>(a.count), journeys);
        e.wait = a.wait.summary();
        e.business_wait = a.business.summary();
        e.working_day_s = ratio(a.day_sum, static_cast<double>(a.business.samples.size()));
        e.batch = a.batch;
        e.returns = a.returns;
        e.rejection_rate = ratio(static_cast<double>(a.returns), static_cast<double>(a.count));
        e.reasks = a.reasks;
        e.bounces = a.bounces;
        e.post_handoff_rework = a.post_rework;
        e.outcome_cases = a.outcome_cases;
        e.red_cases = a.red_cases;
        index_of[i] = static_cast<std::int64_t>(r.edges.size());
        r.edges.push_back(std::move(e));
    }

    // pm4py values.
    if (m.options.mode == HandoffMode::pm4py) {
        std::vector<std::size_t> po(m.pm4.edges.size());
        std::iota(po.begin(), po.end(), std::size_t{0});
        std::sort(po.begin(), po.end(), [&](std::size_t a, std::size_t b) {
            const Pm4Acc& x = m.pm4.edges[a];
            const Pm4Acc& y = m.pm4.edges[b];
            return by_names(x.from, x.to, y.from, y.to);
        });
        for (const std::size_t i : po) {
            const Pm4Acc& a = m.pm4.edges[i];
            Pm4pyHandover h;
            h.from = std::string(m.nodes[a.from]);
            h.to = std::string(m.nodes[a.to]);
            h.count = a.count;
            h.value = m.options.beta > 0 ? ratio(a.weight, m.pm4_weight_total)
                                         : ratio(static_cast<double>(a.count),
                                                 static_cast<double>(m.pm4_successions));
            h.wait = a.wait.summary();
            r.pm4py.push_back(std::move(h));
        }
    }

    // Ping-pong.
    PingPongSummary& pp = r.ping_pong;
    pp.bounces = m.bounces;
    pp.cases = m.bounce_cases;
    pp.object_level_case_rate = ratio(static_cast<double>(m.bounce_cases), journeys);
    pp.naive_cases = m.naive_cases;
    pp.naive_case_rate = ratio(static_cast<double>(m.naive_cases), journeys);
    pp.runs = m.runs;
    pp.mean_depth = ratio(static_cast<double>(m.depth_sum), static_cast<double>(m.runs));
    pp.max_depth = m.max_depth;
    pp.by_return = m.by_return;
    pp.by_redo = m.by_redo;
    for (const auto& [k, p] : m.pairs) {
        auto lo = static_cast<std::uint32_t>(k >> 32);
        auto hi = static_cast<std::uint32_t>(k & 0xFFFFFFFFu);
        if (rank[hi] < rank[lo]) {
            std::swap(lo, hi);
        }
        PingPongPair out;
        out.a = std::string(m.nodes[lo]);
        out.b = std::string(m.nodes[hi]);
        out.count = p.count;
        out.cases = p.cases;
        if (const EdgeAcc* x = m.edges.find(lo, hi)) {
            out.handovers += x->count;
        }
        if (const EdgeAcc* y = m.edges.find(hi, lo)) {
            out.handovers += y->count;
        }
        out.per_100_handovers = 100.0 * ratio(static_cast<double>(p.count),
                                              static_cast<double>(out.handovers));
        out.max_depth = p.max_depth;
        pp.pairs.push_back(std::move(out));
    }
    std::sort(pp.pairs.begin(), pp.pairs.end(), [](const PingPongPair& x, const PingPongPair& y) {
        return x.a != y.a ? x.a < y.a : x.b < y.b;
    });

    // Rework.
    ReworkSummary& rw = r.rework;
    rw.activity_instances = t.work_events;
    rw.rework = m.rework;
    rw.rework_share = ratio(static_cast<double>(m.rework), static_cast<double>(t.work_events));
    rw.self_loops = m.self_loops;
    rw.loops = m.loops;
    rw.correction_events = m.correction_events;
    rw.cases_with_rework = m.cases_with_rework;
    rw.cases_with_correction = m.cases_with_correction;
    rw.cases = m.rework_cases;
    rw.case_rate = ratio(static_cast<double>(m.rework_cases), journeys);
    rw.post_handoff_rework = m.post_rework;
    rw.post_handoff_cases = m.post_rework_cases;
    for (std::size_t i = 0; i < m.acts.size(); ++i) {
        const ActAcc& a = m.acts[i];
        if (a.rework == 0) {
            continue;
        }
        rw.activities.push_back({std::string(m.activities[static_cast<Id>(i)]), a.instances,
                                 a.rework, a.self_loops, a.loops, a.cases});
    }
    std::sort(rw.activities.begin(), rw.activities.end(),
              [](const ActivityRework& x, const ActivityRework& y) {
                  return x.rework != y.rework ? x.rework > y.rework : x.activity < y.activity;
              });

    // Orphans and open journeys.
    OrphanSummary& os = r.orphans;
    os.as_of = m.options.as_of != no_timestamp ? m.options.as_of : m.max_ts;
    os.stall_s = m.options.stall_s;
    os.end_milestone = m.end_milestone;
    os.complete = m.complete;
    const std::int64_t stall = m.options.stall_s * micros_per_second;
    for (const Candidate& cand : m.candidates) {
        if (os.as_of == no_timestamp) {
            break;
        }
        std::uint8_t& flags = r.case_flags[cand.case_index];
        if (cand.complete_at != no_timestamp && cand.complete_at <= os.as_of) {
            ++os.complete;
            flags |= case_flag::complete;
        } else if (cand.from != no_node && cand.last_work != no_timestamp &&
            os.as_of - cand.last_work > stall) {
            ++os.orphans;
            flags |= case_flag::orphan;
            if (const EdgeAcc* x = m.edges.find(cand.from, cand.to)) {
                const std::int64_t at = index_of[m.edges.index_of(*x)];
                if (at >= 0) {
                    ++r.edges[static_cast<std::size_t>(at)].orphans;
                }
            }
            OrphanCase oc;
            oc.case_id = cand.case_id;
            oc.from = std::string(m.nodes[cand.from]);
            oc.to = std::string(m.nodes[cand.to]);
            oc.last_work = cand.last_work;
            oc.stalled_s = static_cast<double>(os.as_of - cand.last_work) / 1e6;
            os.longest.push_back(std::move(oc));
        } else if (m.end_milestone ||
                   (cand.last_event != no_timestamp && os.as_of - cand.last_event <= stall)) {
            // Not complete at the end of the log: right-censored. Without an end
            // milestone only journeys active within the stall time count as open.
            ++os.open;
            flags |= case_flag::open;
        }
    }
    std::sort(os.longest.begin(), os.longest.end(), [](const OrphanCase& x, const OrphanCase& y) {
        return x.stalled_s != y.stalled_s ? x.stalled_s > y.stalled_s : x.case_id < y.case_id;
    });
    if (os.longest.size() > m.options.orphans_listed) {
        os.longest.resize(m.options.orphans_listed);
    }
    os.orphan_rate = ratio(static_cast<double>(os.orphans), journeys);
    os.open_rate = ratio(static_cast<double>(os.open), journeys);

    detail::rank_impact(r, m.red_known, m.red, m.options);
    return r;
}

// ---------------------------------------------------------------------------

namespace {

/// Adapter for accumulate_parallel: an accumulator bound to a context.
struct Bound {
    HandoffAccumulator acc;
    const HandoffContext* ctx;
    void add_cases(const EventLog& log, std::size_t first, std::size_t last) {
        acc.add_cases(log, *ctx, first, last);
    }
    void merge(const Bound& o) { acc.merge(o.acc); }
};

} // namespace

HandoffResult analyze_handoffs(const EventLog& log, const HandoffContext& context,
                               const HandoffOptions& options) {
    HandoffOptions o = options;
    if (o.causal && o.causal_pairs.empty()) {
        o.causal_pairs = causal_relation(log, context, o);
    }
    if (o.as_of == no_timestamp) {
        for (const Timestamp t : log.timestamps()) {
            if (t != no_timestamp && (o.as_of == no_timestamp || t > o.as_of)) {
                o.as_of = t;
            }
        }
    }
    Bound b = detail::accumulate_parallel<Bound>(log, o.threads, [&] {
        return Bound{HandoffAccumulator(o), &context};
    });
    return b.acc.finish();
}

std::vector<std::pair<std::string, std::string>>
causal_relation(const EventLog& log, const HandoffContext& context, const HandoffOptions& options) {
    if ((!context.roles.empty() && context.roles.size() != log.num_events()) ||
        (!context.object_offsets.empty() && context.object_offsets.size() != log.num_events() + 1)) {
        throw usage_error("handoffs: the context does not belong to this log");
    }
    StringTable names;
    detail::NodeMap nodes;
    nodes.prepare(log, options, names);
    std::vector<std::uint8_t> start(log.lifecycle_names().size(), 0);
    for (std::size_t i = 0; i < start.size(); ++i) {
        start[i] = is_start_name(log.lifecycle_names()[static_cast<Id>(i)]) ? 1 : 0;
    }
    const bool objects = options.object_level && !context.object_offsets.empty();
    const std::size_t na = log.activity_names().size();
    const auto act = log.activities();
    const auto lc = log.lifecycles();
    std::vector<std::uint8_t> follows(na * na, 0);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> items; // (object, event)
    for (std::size_t c = 0; c < log.num_cases(); ++c) {
        items.clear();
        for (std::size_t i = log.case_begin(c); i < log.case_end(c); ++i) {
            if ((context.role(i) & event_role::non_work) != 0 || nodes.node(i) == no_node ||
                (lc[i] < start.size() && start[lc[i]] != 0)) {
                continue;
            }
            bool placed = false;
            if (objects) {
                const auto [o, oe] = context.objects_of(i);
                for (const std::uint32_t* p = o; p != oe; ++p) {
                    items.emplace_back(*p, static_cast<std::uint32_t>(i));
                    placed = true;
                }
            }
            if (!placed) {
                items.emplace_back(case_bucket, static_cast<std::uint32_t>(i));
            }
        }
        std::sort(items.begin(), items.end());
        for (std::size_t k = 1; k < items.size(); ++k) {
            if (items[k].first == items[k - 1].first) {
                follows[act[items[k - 1].second] * na + act[items[k].second]] = 1;
            }
        }
    }
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t a = 0; a < na; ++a) {
        for (std::size_t b = 0; b < na; ++b) {
            if (follows[a * na + b] != 0 && follows[b * na + a] == 0) {
                out.emplace_back(std::string(log.activity_names()[static_cast<Id>(a)]),
                                 std::string(log.activity_names()[static_cast<Id>(b)]));
            }
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace journey::miners
