#include <journey/miners/attribution.hpp>

#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstdio>
#include <tuple>

#include <journey/core/error.hpp>

#include "attribution_acc.hpp"

namespace journey::miners {

std::string_view feature_kind_name(FeatureKind k) noexcept {
    switch (k) {
    case FeatureKind::touchpoint:
        return "touchpoint";
    case FeatureKind::activity:
        return "activity";
    case FeatureKind::activity_value:
        return "activity-value";
    case FeatureKind::event_class:
        return "class";
    case FeatureKind::rework:
        return "rework";
    case FeatureKind::handoff:
        return "handoff";
    case FeatureKind::slow_handoff:
        return "slow-handoff";
    case FeatureKind::ping_pong:
        return "ping-pong";
    case FeatureKind::sla_breach:
        return "breach";
    case FeatureKind::segment:
        return "segment";
    case FeatureKind::first_failure:
        return "first-failure";
    case FeatureKind::blame:
        return "blame";
    }
    return "activity";
}

namespace detail {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string percent(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f%%", x * 100);
    return buf;
}

std::string seconds_text(double s) {
    char buf[32];
    if (s < 3600) {
        std::snprintf(buf, sizeof buf, "%.0f min", s / 60);
    } else if (s < 86400) {
        std::snprintf(buf, sizeof buf, "%.1f h", s / 3600);
    } else {
        std::snprintf(buf, sizeof buf, "%.1f d", s / 86400);
    }
    return buf;
}

/// Activities and touchpoints a condition names by literal value (= and in).
void named_in(const Condition& c, const Journey& spec, std::vector<std::string>& activities,
              std::vector<std::uint8_t>& touchpoints) {
    for (const Predicate& p : c.all) {
        if (p.op != CompareOp::eq && p.op != CompareOp::in) {
            continue;
        }
        for (const Literal& l : p.values) {
            if (p.field == EventField::activity) {
                activities.push_back(l.text);
            } else if (p.field == EventField::touchpoint) {
                const std::size_t t = spec.touchpoint_index(l.text);
                if (t != Journey::npos) {
                    touchpoints[t] = 1;
                }
            }
        }
    }
}

} // namespace

// ---------------------------------------------------------------------------
// FeatureAcc

FeatureAcc::FeatureAcc(const Engine& engine, std::size_t max_attribute_values)
    : m_engine(&engine) {
    const Journey& spec = engine.spec();
    const EventLog& log = engine.log();
    m_departments = log.department_names().size();

    // Definitional features: what the non-lagging outcomes count.
    m_definitional_tp.assign(spec.touchpoints.size(), 0);
    m_definitional_class.assign(spec.classes.size(), 0);
    std::vector<std::string> acts;
    auto selector = [&](const Selector& s) {
        switch (s.kind) {
        case Selector::Kind::touchpoint: {
            const std::size_t t = spec.touchpoint_index(s.name);
            if (t != Journey::npos) {
                m_definitional_tp[t] = 1;
            }
            break;
        }
        case Selector::Kind::event_class: {
            const std::size_t k = spec.class_index(s.name);
            if (k != Journey::npos) {
                m_definitional_class[k] = 1;
                for (const Condition& c : spec.classes[k].any) {
                    named_in(c, spec, acts, m_definitional_tp);
                }
            }
            break;
        }
        case Selector::Kind::events:
            named_in(s.condition, spec, acts, m_definitional_tp);
            break;
        default:
            break;
        }
    };
    auto measure = [&](const Measure& m) {
        selector(m.from);
        selector(m.to);
        selector(m.window_after);
    };
    // Lagging outcomes (churn) count consequences of red journeys: those are no
    // causes either.
    for (const Outcome& o : spec.outcomes) {
        for (const Check& k : o.all) {
            measure(k.lhs);
            if (k.rhs) {
                measure(*k.rhs);
            }
        }
    }
    for (std::size_t t = 0; t < spec.touchpoints.size(); ++t) {
        if (m_definitional_tp[t] != 0) {
            for (const MatchRule& r : spec.touchpoints[t].match) {
                std::vector<std::uint8_t> ignored(spec.touchpoints.size(), 0);
                named_in(r.condition, spec, acts, ignored);
            }
        }
    }
    m_definitional_act.assign(log.activity_names().size(), 0);
    for (const std::string& a : acts) {
        const Id id = log.activity_names().find(a);
        if (id != StringTable::not_found) {
            m_definitional_act[id] = 1;
        }
    }
    // A touchpoint whose match rules name only definitional activities is one too
    // (a chase-call touchpoint when the criterion counts chase calls).
    for (std::size_t t = 0; t < spec.touchpoints.size(); ++t) {
        std::vector<std::string> named;
        std::vector<std::uint8_t> ignored(spec.touchpoints.size(), 0);
        for (const MatchRule& r : spec.touchpoints[t].match) {
            named_in(r.condition, spec, named, ignored);
        }
        const bool all_def = !named.empty() && std::all_of(named.begin(), named.end(), [&](const std::string& a) {
            return std::find(acts.begin(), acts.end(), a) != acts.end();
        });
        if (all_def) {
            m_definitional_tp[t] = 1;
        }
    }

    m_tp_feat.assign(spec.touchpoints.size(), none32);
    m_act_feat.assign(log.activity_names().size(), none32);
    m_rework_feat.assign(log.activity_names().size(), none32);
    m_first_feat.assign(log.activity_names().size(), none32);
    m_class_feat.assign(spec.classes.size(), none32);
    m_breach_feat.assign(engine.measures().size(), none32);
    m_handoff_feat.assign(m_departments * m_departments, none32);
    m_blame_feat.assign(m_departments * m_departments, none32);
    m_pp_feat.assign(engine.object_sources().size() + 1, none32);
    m_segment_feat.resize(engine.segment_ids().size());
    m_act_count.assign(log.activity_names().size(), 0);

    // Low-cardinality string and boolean attributes become activity-value features.
    if (max_attribute_values > 0) {
        std::vector<std::string> skip{spec.object_columns.type_attribute,
                                      spec.object_columns.id_attribute,
                                      engine.options().score_attribute};
        for (const ObjectType& ot : spec.object_types) {
            if (ot.naming == ObjectNaming::attribute) {
                skip.push_back(ot.effective_key());
            }
        }
        std::vector<std::uint8_t> seen;
        for (const AttrColumn& col : log.event_attributes()) {
            if (col.type != AttrType::string && col.type != AttrType::boolean) {
                continue;
            }
            const std::string name(log.attribute_names()[col.key]);
            if (std::find(skip.begin(), skip.end(), name) != skip.end()) {
                continue;
            }
            std::size_t distinct = 0;
            if (col.type == AttrType::boolean) {
                bool t = false;
                bool f = false;
                for (const std::int64_t v : col.values) {
                    (v != 0 ? t : f) = true;
                }
                distinct = (t ? 1 : 0) + (f ? 1 : 0);
            } else {
                seen.assign(log.values().size(), 0);
                for (const std::int64_t v : col.values) {
                    std::uint8_t& s = seen[static_cast<std::size_t>(v)];
                    if (s == 0) {
                        s = 1;
                        if (++distinct > max_attribute_values) {
                            break;
                        }
                    }
                }
            }
            if (distinct >= 2 && distinct <= max_attribute_values) {
                ValueColumn vc;
                vc.column = &col;
                vc.name = name;
                m_values.push_back(std::move(vc));
            }
        }
    }
}

std::uint32_t FeatureAcc::intern(const std::string& key, FeatureKind kind,
                                 const std::string& description, bool definitional) {
    const auto [it, fresh] = m_ids.try_emplace(key, static_cast<std::uint32_t>(m_meta.size()));
    if (fresh) {
        m_meta.push_back({key, kind, description, definitional});
        m_support.push_back(0);
        m_red.push_back(0);
    }
    return it->second;
}

std::string FeatureAcc::dept(std::uint32_t e) const {
    return std::string(m_engine->log().department_names()[m_engine->log().departments()[e]]);
}

std::string FeatureAcc::activity(std::uint32_t e) const {
    return std::string(m_engine->log().activity_names()[m_engine->log().activities()[e]]);
}

void FeatureAcc::work_sequence(const CaseEval& ev, const Scratch& s, std::size_t first,
                               std::size_t last, bool case_level,
                               std::vector<std::uint32_t>& out) const {
    out.clear();
    if (case_level) {
        for (std::uint32_t e = ev.begin; e < ev.end; ++e) {
            if (m_engine->is_work(ev, s, e)) {
                out.push_back(e);
            }
        }
        return;
    }
    for (std::size_t i = first; i < last; ++i) {
        const std::uint32_t e = s.by_object[i].second;
        if (m_engine->is_work(ev, s, e)) {
            out.push_back(e);
        }
    }
}

void FeatureAcc::add(const CaseEval& ev, Scratch& s) {
    if (ev.state != JourneyState::green && ev.state != JourneyState::red) {
        return;
    }
    const Engine& eng = *m_engine;
    const EventLog& log = eng.log();
    const Journey& spec = eng.spec();
    const auto acts = log.activities();
    const auto depts = log.departments();
    const auto ts = log.timestamps();
    const bool red = ev.state == JourneyState::red;
    m_feats.clear();

    // Touchpoints.
    for (const std::uint32_t t : s.touched_tps) {
        const Touchpoint& tp = spec.touchpoints[t];
        m_feats.push_back(cached(m_tp_feat, t, [&] {
            return Meta{"touchpoint:" + tp.id, FeatureKind::touchpoint,
                        "touchpoint " + tp.id + (tp.label.empty() ? "" : " (" + tp.label + ")") +
                            " happened",
                        m_definitional_tp[t] != 0};
        }));
    }
    // Activities and rework.
    for (std::uint32_t e = ev.begin; e < ev.end; ++e) {
        const Id a = acts[e];
        if (m_act_count[a]++ == 0) {
            m_touched_acts.push_back(a);
        }
    }
    for (const Id a : m_touched_acts) {
        const bool def = m_definitional_act[a] != 0;
        m_feats.push_back(cached(m_act_feat, a, [&] {
            const std::string name(log.activity_names()[a]);
            return Meta{"activity:" + name, FeatureKind::activity, "'" + name + "' happened", def};
        }));
        if (m_act_count[a] > 1) {
            m_feats.push_back(cached(m_rework_feat, a, [&] {
                const std::string name(log.activity_names()[a]);
                return Meta{"rework:" + name, FeatureKind::rework,
                            "'" + name + "' happened more than once", def};
            }));
        }
        m_act_count[a] = 0;
    }
    m_touched_acts.clear();
    // Activity with attribute values.
    const bool sequential = m_last_case != static_cast<std::size_t>(-1) && m_last_case + 1 == ev.c;
    m_last_case = ev.c;
    for (ValueColumn& vc : m_values) {
        const auto& rows = vc.column->rows;
        if (!sequential) {
            vc.cursor = static_cast<std::size_t>(
                std::lower_bound(rows.begin(), rows.end(), ev.begin) - rows.begin());
        }
        while (vc.cursor < rows.size() && rows[vc.cursor] < ev.begin) {
            ++vc.cursor;
        }
        for (; vc.cursor < rows.size() && rows[vc.cursor] < ev.end; ++vc.cursor) {
            const std::uint32_t e = rows[vc.cursor];
            const std::int64_t raw = vc.column->values[vc.cursor];
            const Id a = acts[e];
            const std::uint64_t key = (static_cast<std::uint64_t>(a) << 32) |
                                      static_cast<std::uint32_t>(raw);
            auto it = vc.features.find(key);
            if (it == vc.features.end()) {
                std::string value = vc.column->type == AttrType::boolean
                                        ? (raw != 0 ? "true" : "false")
                                        : std::string(log.values()[static_cast<Id>(raw)]);
                if (value.empty()) {
                    continue;
                }
                const std::string name(log.activity_names()[a]);
                const std::uint32_t f = intern(
                    "activity:" + name + "[" + vc.name + "=" + value + "]",
                    FeatureKind::activity_value,
                    "'" + name + "' with " + vc.name + " = " + value, m_definitional_act[a] != 0);
                it = vc.features.emplace(key, f).first;
            }
            m_feats.push_back(it->second);
        }
    }
    // Classes.
    for (std::size_t k = 0; k < spec.classes.size(); ++k) {
        if (!s.slot_span[k].empty()) {
            const EventClass& c = spec.classes[k];
            m_feats.push_back(cached(m_class_feat, k, [&] {
                return Meta{"class:" + c.id, FeatureKind::event_class,
                            "an event of class " + c.id +
                                (c.label.empty() ? "" : " (" + c.label + ")"),
                            m_definitional_class[k] != 0};
            }));
        }
    }
    // Breaches.
    for (std::size_t m = 0; m < eng.measures().size(); ++m) {
        if (ev.m_instances[m] > ev.m_met[m]) {
            const MeasureInfo& info = eng.measures()[m];
            m_feats.push_back(cached(m_breach_feat, m, [&] {
                return Meta{"breach:" + info.key, FeatureKind::sla_breach,
                            info.key + " missed its target (" + info.description + ")", false};
            }));
        }
    }
    // Segments.
    for (std::size_t i = 0; i < ev.segments.size(); ++i) {
        auto& map = m_segment_feat[i];
        auto it = map.find(ev.segments[i]);
        if (it == map.end()) {
            const std::string& id = eng.segment_ids()[i];
            const std::uint32_t f = intern("segment:" + id + "=" + ev.segments[i], FeatureKind::segment,
                                           id + " is " + ev.segments[i]);
            it = map.emplace(ev.segments[i], f).first;
        }
        m_feats.push_back(it->second);
    }

    // Object-level handoffs and ping-pong.
    eng.load_objects(ev, s);
    m_case_handoffs.clear();
    const bool case_level = s.by_object.empty();
    auto scan = [&](std::size_t first, std::size_t last, std::size_t source) {
        work_sequence(ev, s, first, last, case_level, m_seq);
        for (std::size_t i = 1; i < m_seq.size(); ++i) {
            const std::uint32_t x = m_seq[i - 1];
            const std::uint32_t y = m_seq[i];
            if (depts[x] != depts[y]) {
                const std::uint32_t f = cached(
                    m_handoff_feat, static_cast<std::size_t>(depts[x]) * m_departments + depts[y], [&] {
                        const std::string dx = dept(x);
                        const std::string dy = dept(y);
                        return Meta{"handoff:" + dx + ">" + dy, FeatureKind::handoff,
                                    "work passed from " + dx + " to " + dy, false};
                    });
                m_feats.push_back(f);
                const std::int64_t wait =
                    ts[x] == no_timestamp || ts[y] == no_timestamp ? 0 : ts[y] - ts[x];
                m_case_handoffs.push_back({f, wait});
            }
            if (i + 1 < m_seq.size()) {
                const std::uint32_t z = m_seq[i + 1];
                if (depts[x] == depts[z] && depts[x] != depts[y] &&
                    (acts[z] == acts[x] ||
                     (s.roles[y - ev.begin] & role_bit::return_) != 0)) {
                    m_feats.push_back(cached(m_pp_feat, source, [&] {
                        const std::string type = source < eng.object_sources().size()
                                                     ? eng.object_sources()[source].name
                                                     : std::string("journey");
                        return Meta{"ping-pong:" + type, FeatureKind::ping_pong,
                                    "work on a " + type + " bounced between departments", false};
                    }));
                }
            }
        }
    };
    if (case_level) {
        scan(0, 0, eng.object_sources().size());
    } else {
        for (std::size_t i = 0; i < s.by_object.size();) {
            std::size_t j = i;
            while (j < s.by_object.size() && s.by_object[j].first == s.by_object[i].first) {
                ++j;
            }
            scan(i, j, static_cast<std::size_t>(s.by_object[i].first >> 32));
            i = j;
        }
    }

    // First failure marker and the handoff before it.
    std::uint32_t marker = none32;
    for (std::uint32_t e = ev.begin; e < ev.end; ++e) {
        if ((s.roles[e - ev.begin] & role_bit::marker) != 0) {
            marker = e;
            break;
        }
    }
    if (marker != none32) {
        const Id a = acts[marker];
        m_feats.push_back(cached(m_first_feat, a, [&] {
            const std::string name(log.activity_names()[a]);
            return Meta{"first-failure:" + name, FeatureKind::first_failure,
                        "the first failure was '" + name + "'", m_definitional_act[a] != 0};
        }));
        std::uint32_t bx = none32;
        std::uint32_t by = none32;
        auto last_handoff = [&](bool whole_case, std::size_t first, std::size_t last) {
            work_sequence(ev, s, first, last, whole_case, m_seq);
            for (std::size_t i = 1; i < m_seq.size() && m_seq[i] < marker; ++i) {
                if (depts[m_seq[i - 1]] != depts[m_seq[i]]) {
                    bx = m_seq[i - 1];
                    by = m_seq[i];
                }
            }
        };
        auto it = std::lower_bound(s.by_event.begin(), s.by_event.end(),
                                   std::pair<std::uint32_t, std::uint64_t>{marker, 0});
        for (; it != s.by_event.end() && it->first == marker && bx == none32; ++it) {
            const std::uint64_t key = it->second;
            const auto lo = std::lower_bound(s.by_object.begin(), s.by_object.end(),
                                             std::pair<std::uint64_t, std::uint32_t>{key, 0});
            auto hi = lo;
            while (hi != s.by_object.end() && hi->first == key) {
                ++hi;
            }
            last_handoff(false, static_cast<std::size_t>(lo - s.by_object.begin()),
                         static_cast<std::size_t>(hi - s.by_object.begin()));
        }
        if (bx == none32) {
            last_handoff(true, 0, 0);
        }
        if (bx == none32) {
            if (m_blame_none == none32) {
                m_blame_none = intern("blame:none", FeatureKind::blame,
                                      "no handoff preceded the first failure");
            }
            m_feats.push_back(m_blame_none);
        } else {
            m_feats.push_back(cached(
                m_blame_feat, static_cast<std::size_t>(depts[bx]) * m_departments + depts[by], [&] {
                    const std::string dx = dept(bx);
                    const std::string dy = dept(by);
                    return Meta{"blame:" + dx + ">" + dy, FeatureKind::blame,
                                "the first failure came right after a " + dx + " to " + dy +
                                    " handoff",
                                false};
                }));
        }
    }

    // Each feature once (order does not matter): a stamp per feature instead of a sort.
    ++m_stamp;
    if (m_seen.size() < m_meta.size()) {
        m_seen.resize(m_meta.size(), 0);
    }
    std::size_t kept = 0;
    for (const std::uint32_t f : m_feats) {
        if (m_seen[f] != m_stamp) {
            m_seen[f] = m_stamp;
            m_feats[kept++] = f;
        }
    }
    m_feats.resize(kept);
    ++m_journeys;
    for (const std::uint32_t f : m_feats) {
        ++m_support[f];
    }
    if (red) {
        ++m_red_journeys;
        for (const std::uint32_t f : m_feats) {
            ++m_red[f];
        }
        m_red_features.insert(m_red_features.end(), m_feats.begin(), m_feats.end());
        m_red_offsets.push_back(m_red_features.size());
    }
    m_handoffs.insert(m_handoffs.end(), m_case_handoffs.begin(), m_case_handoffs.end());
    m_handoff_offsets.push_back(m_handoffs.size());
    m_is_red.push_back(red ? 1 : 0);
}

void FeatureAcc::merge(const FeatureAcc& o) {
    std::vector<std::uint32_t> remap(o.m_meta.size());
    for (std::size_t f = 0; f < o.m_meta.size(); ++f) {
        const Meta& m = o.m_meta[f];
        remap[f] = intern(m.key, m.kind, m.description, m.definitional);
        m_support[remap[f]] += o.m_support[f];
        m_red[remap[f]] += o.m_red[f];
    }
    m_journeys += o.m_journeys;
    m_red_journeys += o.m_red_journeys;
    for (std::size_t r = 0; r + 1 < o.m_red_offsets.size(); ++r) {
        for (std::uint64_t i = o.m_red_offsets[r]; i < o.m_red_offsets[r + 1]; ++i) {
            m_red_features.push_back(remap[o.m_red_features[i]]);
        }
        m_red_offsets.push_back(m_red_features.size());
    }
    for (const Handoff& h : o.m_handoffs) {
        m_handoffs.push_back({remap[h.feature], h.wait_us});
    }
    const std::uint64_t base = m_handoff_offsets.back();
    for (std::size_t i = 1; i < o.m_handoff_offsets.size(); ++i) {
        m_handoff_offsets.push_back(base + o.m_handoff_offsets[i]);
    }
    m_is_red.insert(m_is_red.end(), o.m_is_red.begin(), o.m_is_red.end());
}

Attribution FeatureAcc::finish(const AttributionOptions& options) const {
    Attribution out;
    out.journeys = m_journeys;
    out.red = m_red_journeys;
    out.red_rate = ratio(m_red_journeys, m_journeys);

    std::vector<Meta> meta = m_meta;
    std::vector<std::uint64_t> support = m_support;
    std::vector<std::uint64_t> redc = m_red;
    // Red journeys' features, slow handoffs added below.
    std::vector<std::vector<std::uint32_t>> red_lists;
    red_lists.reserve(m_red_journeys);
    for (std::size_t r = 0; r + 1 < m_red_offsets.size(); ++r) {
        red_lists.emplace_back(m_red_features.begin() + static_cast<std::ptrdiff_t>(m_red_offsets[r]),
                               m_red_features.begin() + static_cast<std::ptrdiff_t>(m_red_offsets[r + 1]));
    }

    // Slow handoffs: a wait above the 90th percentile of its edge.
    std::vector<std::vector<double>> waits(m_meta.size());
    for (const Handoff& h : m_handoffs) {
        waits[h.feature].push_back(static_cast<double>(h.wait_us));
    }
    std::vector<double> p90(m_meta.size(), nan);
    std::vector<std::uint32_t> slow(m_meta.size(), none32);
    for (std::size_t f = 0; f < waits.size(); ++f) {
        if (waits[f].empty()) {
            continue;
        }
        std::sort(waits[f].begin(), waits[f].end());
        p90[f] = stats::quantile_sorted(waits[f], 0.9);
    }
    std::size_t red_index = 0;
    std::vector<std::uint32_t> journey_slow;
    for (std::size_t j = 0; j + 1 < m_handoff_offsets.size(); ++j) {
        journey_slow.clear();
        for (std::uint64_t i = m_handoff_offsets[j]; i < m_handoff_offsets[j + 1]; ++i) {
            const Handoff& h = m_handoffs[i];
            if (static_cast<double>(h.wait_us) > p90[h.feature]) {
                if (slow[h.feature] == none32) {
                    slow[h.feature] = static_cast<std::uint32_t>(meta.size());
                    const std::string edge = m_meta[h.feature].key.substr(8); // after "handoff:"
                    const auto gt = edge.find('>');
                    meta.push_back({"slow-handoff:" + edge, FeatureKind::slow_handoff,
                                    "a " + edge.substr(0, gt) + " to " + edge.substr(gt + 1) +
                                        " handoff waited longer than its 90th percentile (" +
                                        seconds_text(p90[h.feature] / 1e6) + ")",
                                    false});
                    support.push_back(0);
                    redc.push_back(0);
                }
                journey_slow.push_back(slow[h.feature]);
            }
        }
        std::sort(journey_slow.begin(), journey_slow.end());
        journey_slow.erase(std::unique(journey_slow.begin(), journey_slow.end()), journey_slow.end());
        const bool red = m_is_red[j] != 0;
        for (const std::uint32_t f : journey_slow) {
            ++support[f];
            if (red) {
                ++redc[f];
            }
        }
        if (red) {
            auto& list = red_lists[red_index];
            list.insert(list.end(), journey_slow.begin(), journey_slow.end());
            ++red_index;
        }
    }

    // Statistics per feature, in key order.
    std::vector<std::uint32_t> order(meta.size());
    for (std::uint32_t f = 0; f < order.size(); ++f) {
        order[f] = f;
    }
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return meta[a].key < meta[b].key; });
    std::vector<std::size_t> position(meta.size());
    const double n = static_cast<double>(m_journeys);
    const double base = out.red_rate;
    std::vector<double> pvalues;
    for (const std::uint32_t f : order) {
        position[f] = out.features.size();
        FeatureStats st;
        st.key = meta[f].key;
        st.kind = meta[f].kind;
        st.description = meta[f].description;
        st.definitional = meta[f].definitional;
        st.journeys = support[f];
        st.red = redc[f];
        stats::Table2x2 t;
        t.a = redc[f];
        t.b = support[f] - redc[f];
        t.c = m_red_journeys - redc[f];
        t.d = (m_journeys - m_red_journeys) - t.b;
        st.red_rate = ratio(t.a, support[f]);
        st.red_rate_without = ratio(t.c, m_journeys - support[f]);
        st.lift = st.red_rate / base;
        st.relative_risk = st.red_rate / st.red_rate_without;
        st.risk_difference = st.red_rate - st.red_rate_without;
        st.odds_ratio = stats::odds_ratio(t);
        st.p = stats::fisher_exact(t);
        st.chi2_p = stats::chi_square(t).p;
        st.attributable_fraction = (base - st.red_rate_without) / base;
        pvalues.push_back(st.p);
        out.features.push_back(std::move(st));
    }
    const std::vector<double> q = stats::benjamini_hochberg(pvalues);
    std::vector<std::size_t> eligible;
    for (std::size_t i = 0; i < out.features.size(); ++i) {
        FeatureStats& st = out.features[i];
        st.q = q[i];
        const double share = static_cast<double>(st.journeys) / n;
        st.eligible = m_red_journeys > 0 && !st.definitional && share >= options.min_support &&
                      share <= options.max_support && st.q < options.max_q &&
                      st.lift > options.min_lift && std::isfinite(st.attributable_fraction);
        if (st.eligible) {
            eligible.push_back(i);
        }
    }
    // Red journeys of each feature, and a hash of that set to recognise aliases
    // (features present in exactly the same journeys: an activity and its touchpoint).
    std::vector<std::vector<std::uint32_t>> covers(meta.size());
    std::vector<std::uint64_t> red_hash(meta.size(), 0);
    for (std::size_t r = 0; r < red_lists.size(); ++r) {
        for (const std::uint32_t f : red_lists[r]) {
            covers[f].push_back(static_cast<std::uint32_t>(r));
            red_hash[f] = red_hash[f] * 0x100000001B3ULL + r + 1;
        }
    }
    // Rank: attributable fraction, then the kind that reads best, then key.
    auto kind_rank = [](FeatureKind k) {
        switch (k) {
        case FeatureKind::touchpoint:
            return 0;
        case FeatureKind::activity:
            return 1;
        case FeatureKind::handoff:
            return 2;
        case FeatureKind::blame:
            return 3;
        case FeatureKind::activity_value:
            return 4;
        case FeatureKind::event_class:
            return 5;
        case FeatureKind::rework:
            return 6;
        case FeatureKind::slow_handoff:
            return 7;
        case FeatureKind::ping_pong:
            return 8;
        case FeatureKind::sla_breach:
            return 9;
        case FeatureKind::segment:
            return 10;
        case FeatureKind::first_failure:
            return 11;
        }
        return 12;
    };
    std::sort(eligible.begin(), eligible.end(), [&](std::size_t a, std::size_t b) {
        const FeatureStats& fa = out.features[a];
        const FeatureStats& fb = out.features[b];
        if (fa.attributable_fraction != fb.attributable_fraction) {
            return fa.attributable_fraction > fb.attributable_fraction;
        }
        if (kind_rank(fa.kind) != kind_rank(fb.kind)) {
            return kind_rank(fa.kind) < kind_rank(fb.kind);
        }
        return fa.key < fb.key;
    });
    for (std::size_t i = 0; i < eligible.size(); ++i) {
        const FeatureStats& st = out.features[eligible[i]];
        const std::uint32_t f = order[eligible[i]];
        bool alias = false;
        for (Cause& c : out.causes) {
            const FeatureStats& rep = out.features[c.feature];
            const std::uint32_t rf = order[c.feature];
            if (rep.journeys == st.journeys && rep.red == st.red && red_hash[rf] == red_hash[f]) {
                c.aliases.push_back(st.key);
                alias = true;
                break;
            }
        }
        if (alias || out.causes.size() >= options.max_causes) {
            continue;
        }
        std::string sentence = st.description;
        if (!sentence.empty()) {
            sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
        }
        sentence += ": red in " + percent(st.red_rate) + " of the " + std::to_string(st.journeys) +
                    " journeys with it against " + percent(st.red_rate_without) +
                    " without; it accounts for " + percent(st.attributable_fraction) +
                    " of red journeys.";
        out.causes.push_back({eligible[i], std::move(sentence), {}});
    }

    // Greedy cover (domain §3.5, overlap): take the feature with the highest
    // attributable fraction among the red journeys not yet covered, remove the red
    // journeys it covers, recompute, repeat while a feature still adds some.
    if (m_red_journeys > 0 && options.max_cover > 0 && !eligible.empty()) {
        std::vector<std::uint8_t> is_eligible(meta.size(), 0);
        for (const std::size_t i : eligible) {
            is_eligible[order[i]] = 1;
        }
        std::vector<std::uint64_t> red_left(meta.size(), 0);
        for (const std::size_t i : eligible) {
            red_left[order[i]] = out.features[i].red;
        }
        std::vector<std::uint8_t> covered(red_lists.size(), 0);
        const double green = static_cast<double>(m_journeys - m_red_journeys);
        std::uint64_t left = m_red_journeys;
        std::uint64_t total = 0;
        while (out.cover.size() < options.max_cover && left > 0) {
            std::size_t best = eligible.size();
            double best_paf = 0;
            for (std::size_t k = 0; k < eligible.size(); ++k) {
                const std::uint32_t f = order[eligible[k]];
                if (red_left[f] == 0) {
                    continue;
                }
                const FeatureStats& st = out.features[eligible[k]];
                const double red_f = static_cast<double>(red_left[f]);
                const double green_f = static_cast<double>(st.journeys - st.red);
                const double red_now = static_cast<double>(left);
                const double p = red_now / (green + red_now);
                const double rest = green + red_now - green_f - red_f;
                const double without = rest > 0 ? (red_now - red_f) / rest : 0.0;
                const double paf = 1 - without / p;
                if (best == eligible.size() || paf > best_paf) {
                    best = k;
                    best_paf = paf;
                }
            }
            if (best == eligible.size() || !(best_paf > 0)) {
                break;
            }
            const std::uint32_t f = order[eligible[best]];
            std::uint64_t fresh = 0;
            for (const std::uint32_t r : covers[f]) {
                if (covered[r] != 0) {
                    continue;
                }
                covered[r] = 1;
                ++fresh;
                for (const std::uint32_t g : red_lists[r]) {
                    if (is_eligible[g] != 0) {
                        --red_left[g];
                    }
                }
            }
            left -= fresh;
            total += fresh;
            out.cover.push_back({meta[f].key, fresh,
                                 static_cast<double>(total) / static_cast<double>(m_red_journeys)});
        }
    }

    // Blame edges over red journeys.
    for (const FeatureStats& st : out.features) {
        if (st.kind != FeatureKind::blame || st.red == 0) {
            continue;
        }
        BlameEdge b;
        if (st.key != "blame:none") {
            const std::string edge = st.key.substr(6);
            const auto gt = edge.find('>');
            b.from = edge.substr(0, gt);
            b.to = edge.substr(gt + 1);
        }
        b.red = st.red;
        b.share_of_red = ratio(st.red, m_red_journeys);
        out.blame.push_back(std::move(b));
    }
    std::stable_sort(out.blame.begin(), out.blame.end(),
                     [](const BlameEdge& a, const BlameEdge& b) { return a.red > b.red; });
    return out;
}

// ---------------------------------------------------------------------------
// DiffDfgAcc

namespace {

constexpr double bin_ratio = 1.01;
constexpr std::size_t max_bin = 4000;

std::size_t wait_bin(double seconds) {
    if (!(seconds >= 1)) {
        return 0;
    }
    const double b = 1 + std::floor(std::log(seconds) / std::log(bin_ratio));
    return std::min(static_cast<std::size_t>(b), max_bin);
}

double bin_value(std::size_t b) {
    return b == 0 ? 0.0 : std::exp((static_cast<double>(b) - 0.5) * std::log(bin_ratio));
}

void add_hist(std::vector<std::uint64_t>& into, const std::vector<std::uint64_t>& from) {
    if (into.size() < from.size()) {
        into.resize(from.size(), 0);
    }
    for (std::size_t i = 0; i < from.size(); ++i) {
        into[i] += from[i];
    }
}

/// Nearest-rank quantile of a binned sample.
double hist_quantile(const std::vector<std::uint64_t>& h, double q) {
    std::uint64_t n = 0;
    for (const std::uint64_t c : h) {
        n += c;
    }
    if (n == 0) {
        return nan;
    }
    const auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(n)));
    std::uint64_t cum = 0;
    for (std::size_t b = 0; b < h.size(); ++b) {
        cum += h[b];
        if (cum >= std::max<std::uint64_t>(rank, 1)) {
            return bin_value(b);
        }
    }
    return bin_value(h.size() - 1);
}

} // namespace

std::uint32_t DiffDfgAcc::local(const std::string& name) {
    const auto [it, fresh] = m_name_index.try_emplace(name, static_cast<std::uint32_t>(m_names.size()));
    if (fresh) {
        m_names.push_back(name);
        m_nodes.emplace_back();
        m_count.push_back(0);
    }
    return it->second;
}

std::uint32_t DiffDfgAcc::edge(std::uint32_t from, std::uint32_t to) {
    // A dense matrix for up to 1024 activities (the usual case), a hash map beyond.
    constexpr std::size_t dense_limit = 1024;
    if (from < m_stride && to < m_stride) {
        const std::uint32_t slot = m_matrix[from * m_stride + to];
        if (slot != 0) {
            return slot - 1;
        }
    } else if (m_names.size() <= dense_limit && m_stride < m_names.size()) {
        m_stride = std::min(dense_limit, std::max<std::size_t>(64, 2 * m_names.size()));
        m_matrix.assign(m_stride * m_stride, 0);
        for (std::size_t i = 0; i < m_edges.size(); ++i) {
            m_matrix[m_edges[i].from * m_stride + m_edges[i].to] = static_cast<std::uint32_t>(i + 1);
        }
        if (const std::uint32_t slot = m_matrix[from * m_stride + to]; slot != 0) {
            return slot - 1;
        }
    }
    const std::uint64_t key = (static_cast<std::uint64_t>(from) << 32) | to;
    const auto [it, fresh] = m_edge_index.try_emplace(key, static_cast<std::uint32_t>(m_edges.size()));
    if (fresh) {
        Edge e;
        e.from = from;
        e.to = to;
        m_edges.push_back(std::move(e));
        m_edge_stamp.push_back(0);
        if (from < m_stride && to < m_stride) {
            m_matrix[from * m_stride + to] = it->second + 1;
        }
    }
    return it->second;
}

void DiffDfgAcc::add_case(const EventLog& log, std::size_t c, bool red) {
    if (m_log != &log) {
        m_log = &log;
        m_local.assign(log.activity_names().size(), none32);
    }
    const int g = red ? 0 : 1;
    ++m_journeys[g];
    ++m_stamp;
    const auto acts = log.activities();
    const auto ts = log.timestamps();
    const std::size_t b = log.case_begin(c);
    const std::size_t e = log.case_end(c);
    std::uint32_t prev = none32;
    for (std::size_t i = b; i < e; ++i) {
        std::uint32_t& l = m_local[acts[i]];
        if (l == none32) {
            l = local(std::string(log.activity_names()[acts[i]]));
        }
        if (m_count[l]++ == 0) {
            m_touched.push_back(l);
        }
        ++m_nodes[l].events[g];
        if (prev != none32) {
            const std::uint32_t k = edge(prev, l);
            Edge& ed = m_edges[k];
            ++ed.count[g];
            if (m_edge_stamp[k] != m_stamp) {
                m_edge_stamp[k] = m_stamp;
                ++ed.journeys[g];
            }
            if (ts[i] != no_timestamp && ts[i - 1] != no_timestamp) {
                const std::size_t bin = wait_bin(static_cast<double>(ts[i] - ts[i - 1]) / 1e6);
                std::vector<std::uint64_t>& h = ed.waits[g];
                if (h.size() <= bin) {
                    h.resize(bin + 1, 0);
                }
                ++h[bin];
            }
        }
        prev = l;
    }
    for (const std::uint32_t l : m_touched) {
        ++m_nodes[l].journeys[g];
        if (m_count[l] > 1) {
            ++m_nodes[l].rework[g];
        }
        m_count[l] = 0;
    }
    m_touched.clear();
}

void DiffDfgAcc::merge(const DiffDfgAcc& o) {
    std::vector<std::uint32_t> remap(o.m_names.size());
    for (std::size_t i = 0; i < o.m_names.size(); ++i) {
        remap[i] = local(o.m_names[i]);
        for (int g = 0; g < 2; ++g) {
            m_nodes[remap[i]].events[g] += o.m_nodes[i].events[g];
            m_nodes[remap[i]].journeys[g] += o.m_nodes[i].journeys[g];
            m_nodes[remap[i]].rework[g] += o.m_nodes[i].rework[g];
        }
    }
    for (const Edge& oe : o.m_edges) {
        Edge& e = m_edges[edge(remap[oe.from], remap[oe.to])];
        for (int g = 0; g < 2; ++g) {
            e.count[g] += oe.count[g];
            e.journeys[g] += oe.journeys[g];
            add_hist(e.waits[g], oe.waits[g]);
        }
    }
    m_journeys[0] += o.m_journeys[0];
    m_journeys[1] += o.m_journeys[1];
    // Activity ids of this accumulator's log may now map to other local ids only for
    // names added above, which m_local has not cached yet: nothing to invalidate.
}

DifferentialDfg DiffDfgAcc::finish() const {
    DifferentialDfg d;
    d.red = m_journeys[0];
    d.green = m_journeys[1];
    for (std::size_t i = 0; i < m_names.size(); ++i) {
        DiffNode n;
        n.activity = m_names[i];
        n.red_events = m_nodes[i].events[0];
        n.green_events = m_nodes[i].events[1];
        n.red_journeys = m_nodes[i].journeys[0];
        n.green_journeys = m_nodes[i].journeys[1];
        n.red_rework_rate = ratio(m_nodes[i].rework[0], n.red_journeys);
        n.green_rework_rate = ratio(m_nodes[i].rework[1], n.green_journeys);
        d.nodes.push_back(std::move(n));
    }
    std::sort(d.nodes.begin(), d.nodes.end(),
              [](const DiffNode& a, const DiffNode& b) { return a.activity < b.activity; });
    for (const Edge& e : m_edges) {
        DiffEdge x;
        x.from = m_names[e.from];
        x.to = m_names[e.to];
        x.red_count = e.count[0];
        x.green_count = e.count[1];
        x.red_journeys = e.journeys[0];
        x.green_journeys = e.journeys[1];
        x.red_per_journey = d.red == 0 ? nan : static_cast<double>(x.red_count) / static_cast<double>(d.red);
        x.green_per_journey =
            d.green == 0 ? nan : static_cast<double>(x.green_count) / static_cast<double>(d.green);
        const double sr = (static_cast<double>(x.red_journeys) + 0.5) / (static_cast<double>(d.red) + 1);
        const double sg =
            (static_cast<double>(x.green_journeys) + 0.5) / (static_cast<double>(d.green) + 1);
        x.log_lift = std::log(sr / sg);
        std::vector<std::uint64_t> all = e.waits[0];
        add_hist(all, e.waits[1]);
        x.median_wait_s = hist_quantile(all, 0.5);
        x.p90_wait_s = hist_quantile(all, 0.9);
        x.red_median_wait_s = hist_quantile(e.waits[0], 0.5);
        x.green_median_wait_s = hist_quantile(e.waits[1], 0.5);
        d.edges.push_back(std::move(x));
    }
    std::sort(d.edges.begin(), d.edges.end(), [](const DiffEdge& a, const DiffEdge& b) {
        return std::tie(a.from, a.to) < std::tie(b.from, b.to);
    });
    return d;
}

} // namespace detail

DifferentialDfg differential_dfg(const EventLog& log, std::span<const JourneyState> states) {
    if (states.size() != log.num_cases()) {
        throw usage_error("differential_dfg: " + std::to_string(states.size()) +
                          " journey states for " + std::to_string(log.num_cases()) + " cases");
    }
    detail::DiffDfgAcc acc;
    for (std::size_t c = 0; c < log.num_cases(); ++c) {
        if (states[c] == JourneyState::green || states[c] == JourneyState::red) {
            acc.add_case(log, c, states[c] == JourneyState::red);
        }
    }
    return acc.finish();
}

Attribution attribute_red(const JourneyEvaluator& evaluator, const AttributionOptions& options,
                          unsigned threads) {
    const detail::Engine& engine = evaluator.engine();
    detail::FeatureAcc acc = detail::run_parallel<detail::FeatureAcc>(
        engine.log(), threads,
        [&] { return detail::FeatureAcc(engine, options.max_attribute_values); },
        [&](detail::FeatureAcc& a, std::size_t first, std::size_t last) {
            detail::Scratch s = engine.make_scratch();
            detail::CaseEval ev;
            for (std::size_t c = first; c < last; ++c) {
                engine.evaluate(c, s, ev);
                a.add(ev, s);
            }
        });
    return acc.finish(options);
}

} // namespace journey::miners
