#include "engine.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include <journey/core/error.hpp>

namespace journey::miners::detail {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    const std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

std::optional<double> parse_number(std::string_view s) {
    double v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || r.ec != std::errc{} || r.ptr != s.data() + s.size()) {
        return std::nullopt;
    }
    return v;
}

std::string number_text(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

Value column_value(const EventLog& log, const AttrColumn& col, std::int64_t raw) {
    Value v;
    switch (col.type) {
    case AttrType::string:
    case AttrType::id:
    case AttrType::list:
        v.kind = Value::Kind::text;
        v.text = std::string(log.values()[static_cast<Id>(raw)]);
        if (v.text.empty()) {
            v.kind = Value::Kind::none;
        }
        break;
    case AttrType::integer:
        v.kind = Value::Kind::number;
        v.number = static_cast<double>(raw);
        v.text = std::to_string(raw);
        break;
    case AttrType::real:
        v.kind = Value::Kind::number;
        v.number = attr_real(raw);
        v.text = number_text(v.number);
        break;
    case AttrType::boolean:
        v.kind = Value::Kind::number;
        v.number = raw != 0 ? 1 : 0;
        v.text = raw != 0 ? "true" : "false";
        break;
    case AttrType::time:
        v.kind = Value::Kind::time;
        v.micros = raw;
        v.text = format_iso8601(raw);
        break;
    }
    return v;
}

/// A number from a value (numbers, and text that reads as one).
std::optional<double> as_number(const Value& v) {
    if (v.kind == Value::Kind::number) {
        return v.number;
    }
    if (v.kind == Value::Kind::text) {
        return parse_number(v.text);
    }
    return std::nullopt;
}

/// A time from a value (times, and text in ISO 8601).
std::optional<Timestamp> as_time(const Value& v) {
    if (v.kind == Value::Kind::time) {
        return v.micros;
    }
    if (v.kind == Value::Kind::text) {
        return parse_iso8601(v.text);
    }
    return std::nullopt;
}

int cmp3(double a, double b) noexcept { return a < b ? -1 : (a > b ? 1 : 0); }
int cmp3(std::int64_t a, std::int64_t b) noexcept { return a < b ? -1 : (a > b ? 1 : 0); }

int apply(CompareOp op, int c) noexcept {
    switch (op) {
    case CompareOp::eq:
        return c == 0;
    case CompareOp::ne:
        return c != 0;
    case CompareOp::lt:
        return c < 0;
    case CompareOp::le:
        return c <= 0;
    case CompareOp::gt:
        return c > 0;
    case CompareOp::ge:
        return c >= 0;
    default:
        return -1;
    }
}

/// Instant `t` moved on by `d` (working days count on `cal`).
Timestamp shift(Timestamp t, const Duration& d, const BusinessCalendar& cal) {
    if (d.unit == DurationUnit::working_days) {
        if (d.value >= 0) {
            return cal.working_days_deadline(t, d.value);
        }
        return t - (-d.value) * micros_per_day * 7 / 5;
    }
    return t + d.micros();
}

bool point_less(const Point& a, const Point& b) noexcept {
    return a.ts != b.ts ? a.ts < b.ts : a.event < b.event;
}

} // namespace

std::uint16_t bit_of(ClassRole r) noexcept {
    switch (r) {
    case ClassRole::none:
        return 0;
    case ClassRole::non_work:
        return role_bit::non_work;
    case ClassRole::return_:
        return role_bit::return_;
    case ClassRole::correction:
        return role_bit::correction;
    case ClassRole::failure_demand:
        return role_bit::failure_demand;
    case ClassRole::value_demand:
        return role_bit::value_demand;
    case ClassRole::data_request:
        return role_bit::data_request;
    case ClassRole::complaint:
        return role_bit::complaint;
    case ClassRole::transfer:
        return role_bit::transfer;
    case ClassRole::survey:
        return role_bit::survey;
    case ClassRole::batch:
        return role_bit::batch;
    }
    return 0;
}

std::string month_name(std::int64_t month) {
    const std::int64_t y = floor_div(month, 12);
    const std::int64_t m = month - y * 12 + 1;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04lld-%02lld", static_cast<long long>(y),
                  static_cast<long long>(m));
    return buf;
}

// ---------------------------------------------------------------------------
// Construction

Engine::Engine(const Journey& spec, const EventLog& log, EvaluationOptions options)
    : m_spec(spec), m_log(log), m_options(std::move(options)) {
    Journey aug = spec;

    m_class_bits.resize(spec.classes.size());
    for (std::size_t k = 0; k < spec.classes.size(); ++k) {
        m_class_bits[k] = bit_of(spec.classes[k].role);
    }

    m_start = compile(aug, spec.start, "journey start");
    m_end = compile(aug, spec.end, "journey end");
    m_unless = compile(aug, spec.end_unless, "journey end unless");
    m_lookahead = spec.lookahead;

    // Touchpoint measures: SLAs then KPIs of each touchpoint.
    for (std::size_t t = 0; t < spec.touchpoints.size(); ++t) {
        const Touchpoint& tp = spec.touchpoints[t];
        const bool several = tp.slas.size() + tp.kpis.size() > 1;
        for (std::size_t i = 0; i < tp.slas.size(); ++i) {
            const Sla& sla = tp.slas[i];
            MeasureInfo info;
            info.kind = MeasureInfo::Kind::sla;
            info.touchpoint = t;
            info.index = i;
            info.key = tp.id;
            if (several) {
                info.key += "/" + (sla.id.empty() ? "sla" + std::to_string(i + 1) : sla.id);
            }
            const bool business =
                sla.basis == TimeBasis::business || sla.within.unit == DurationUnit::working_days;
            info.description = "within " + format_duration(sla.within) +
                               (business ? " (business)" : " (calendar)");
            info.target = sla.target;
            SlaPlan plan;
            plan.measure = static_cast<std::uint32_t>(m_measures.size());
            plan.touchpoint = static_cast<std::uint32_t>(t);
            const std::string where = "sla " + info.key;
            plan.from = compile(aug, sla.from, where + " from");
            plan.to = compile(aug, sla.to, where + " to");
            for (const Pause& p : sla.pauses) {
                plan.pauses.emplace_back(compile(aug, p.from, where + " pause from"),
                                         compile(aug, p.to, where + " pause to"));
            }
            plan.business = business;
            const Calendar* cal = spec.sla_calendar(tp, sla);
            plan.calendar = cal != nullptr ? calendar(cal->id) : &m_always;
            plan.within = sla.within;
            m_slas.push_back(std::move(plan));
            m_measures.push_back(std::move(info));
        }
        for (std::size_t i = 0; i < tp.kpis.size(); ++i) {
            const Kpi& kpi = tp.kpis[i];
            MeasureInfo info;
            info.kind = MeasureInfo::Kind::kpi;
            info.touchpoint = t;
            info.index = i;
            info.key = tp.id;
            if (several) {
                info.key += "/" + (kpi.id.empty() ? "kpi" + std::to_string(i + 1) : kpi.id);
            }
            info.description = kpi.label.empty() ? "kpi " + kpi.id : kpi.label;
            info.target = kpi.target;
            Predicate on_tp;
            on_tp.field = EventField::touchpoint;
            on_tp.op = CompareOp::eq;
            on_tp.values.push_back(Literal::identifier(tp.id));
            Condition scope = kpi.scope;
            scope.all.push_back(on_tp);
            Condition met = kpi.condition;
            met.all.insert(met.all.end(), scope.all.begin(), scope.all.end());
            KpiPlan plan;
            plan.measure = static_cast<std::uint32_t>(m_measures.size());
            plan.scope_slot = add_condition(aug, scope, "kpi " + info.key + " scope");
            plan.met_slot = add_condition(aug, met, "kpi " + info.key);
            m_kpis.push_back(plan);
            m_measures.push_back(std::move(info));
        }
    }

    // Outcomes.
    for (const Outcome& o : spec.outcomes) {
        OutcomePlan plan;
        plan.lagging = o.lagging;
        const std::string where = "outcome " + o.id;
        for (int pass = 0; pass < 2; ++pass) {
            const auto& checks = pass == 0 ? o.all : o.when;
            for (const Check& k : checks) {
                CheckPlan cp;
                cp.lhs = compile(aug, k.lhs, where);
                cp.op = k.op;
                cp.value = k.value;
                if (k.rhs) {
                    cp.rhs = compile(aug, *k.rhs, where);
                }
                cp.offset = k.offset;
                (pass == 0 ? plan.all : plan.when).push_back(std::move(cp));
            }
        }
        m_outcomes.push_back(std::move(plan));
    }

    // Score attribute: the option, else the first attribute an outcome check compares
    // with a number (J6: `attr journey_score >= 7`; non-lagging outcomes first), else
    // "score".
    std::string score = m_options.score_attribute;
    for (int lagging = 0; lagging < 2 && score.empty(); ++lagging) {
        for (const Outcome& o : spec.outcomes) {
            if (o.lagging != (lagging == 1) || !score.empty()) {
                continue;
            }
            for (const auto* checks : {&o.all, &o.when}) {
                for (const Check& k : *checks) {
                    if (score.empty() && k.lhs.kind == Measure::Kind::attribute && k.value &&
                        k.value->kind == Literal::Kind::number) {
                        score = k.lhs.attribute;
                    }
                }
            }
        }
    }
    if (score.empty()) {
        score = "score";
    }
    m_options.score_attribute = score;
    m_score = attribute_ref(score);

    for (const Segment& seg : spec.segments) {
        SegmentPlan p;
        p.kind = seg.kind;
        p.field = seg.field;
        if (seg.kind == Segment::Kind::attribute) {
            p.attribute = attribute_ref(seg.attribute);
        } else if (seg.kind == Segment::Kind::field && seg.field == EventField::source) {
            p.attribute = attribute_ref(spec.source_attribute);
        } else if (seg.kind == Segment::Kind::field && seg.field == EventField::actor) {
            p.attribute = attribute_ref(spec.actor_attribute);
        }
        p.of = compile(aug, seg.of, "segment " + seg.id);
        m_segments.push_back(std::move(p));
        m_segment_ids.push_back(seg.id);
    }

    // Object sources: the spec's object types, else every object link type of the log.
    auto columns_named = [&](const std::string& name) {
        std::vector<const AttrColumn*> out;
        for (const AttrColumn& col : log.event_attributes()) {
            if (log.attribute_names()[col.key] == name &&
                (col.type == AttrType::string || col.type == AttrType::id)) {
                out.push_back(&col);
            }
        }
        return out;
    };
    if (!spec.object_types.empty()) {
        for (const ObjectType& ot : spec.object_types) {
            ObjectSource src;
            src.name = ot.id;
            src.naming = ot.naming;
            const std::string& key = ot.effective_key();
            switch (ot.naming) {
            case ObjectNaming::link:
                src.link_type = log.object_types().find(key);
                break;
            case ObjectNaming::attribute:
                src.id_columns = columns_named(key);
                break;
            case ObjectNaming::pair:
                src.type_columns = columns_named(spec.object_columns.type_attribute);
                src.id_columns = columns_named(spec.object_columns.id_attribute);
                src.type_value = log.values().find(key);
                // A reader that turned the type/id columns into object links.
                src.link_type = log.object_types().find(key);
                break;
            }
            m_objects.push_back(std::move(src));
        }
    } else {
        for (std::size_t id = 1; id < log.object_types().size(); ++id) {
            ObjectSource src;
            src.name = std::string(log.object_types()[static_cast<Id>(id)]);
            src.naming = ObjectNaming::link;
            src.link_type = static_cast<Id>(id);
            m_objects.push_back(std::move(src));
        }
    }

    // Object lookup plans: link type → source; attribute columns; the pair columns
    // with a table from type value to source.
    m_link_source.assign(log.object_types().size(), none32);
    for (std::size_t k = 0; k < m_objects.size(); ++k) {
        const ObjectSource& src = m_objects[k];
        if (src.link_type != StringTable::not_found && m_link_source[src.link_type] == none32) {
            m_link_source[src.link_type] = static_cast<std::uint32_t>(k);
        }
        if (src.naming == ObjectNaming::attribute) {
            for (const AttrColumn* col : src.id_columns) {
                m_attribute_sources.emplace_back(static_cast<std::uint32_t>(k), col);
            }
        } else if (src.naming == ObjectNaming::pair) {
            m_pair_type_columns = src.type_columns;
            m_pair_id_columns = src.id_columns;
            if (src.type_value != StringTable::not_found) {
                m_pair_value.emplace_back(src.type_value, static_cast<std::uint32_t>(k));
            }
        }
    }
    std::sort(m_pair_value.begin(), m_pair_value.end());
    m_pair_value.erase(std::unique(m_pair_value.begin(), m_pair_value.end(),
                                   [](const auto& x, const auto& y) { return x.first == y.first; }),
                       m_pair_value.end());

    m_binding = bind(aug, log);

    if (m_options.as_of != no_timestamp) {
        m_as_of = m_options.as_of;
    } else {
        Timestamp latest = no_timestamp;
        for (const Timestamp t : log.timestamps()) {
            latest = std::max(latest, t);
        }
        m_as_of = latest == no_timestamp ? 0 : latest;
    }
    if (m_options.correction_window_us > 0) {
        m_correction_window = m_options.correction_window_us;
    } else if (spec.lookahead.value > 0 && spec.lookahead.unit != DurationUnit::working_days) {
        m_correction_window = spec.lookahead.micros();
    } else if (spec.lookahead.value > 0) {
        m_correction_window = spec.lookahead.value * micros_per_day * 7 / 5;
    } else {
        m_correction_window = 60 * micros_per_day;
    }
}

AttrRef Engine::attribute_ref(std::string_view name) const {
    AttrRef r;
    r.name = std::string(name);
    r.event_columns = m_log.event_attribute_columns(name);
    r.case_columns = m_log.case_attribute_columns(name);
    return r;
}

std::uint32_t Engine::add_condition(Journey& aug, const Condition& cond, const std::string& where) {
    for (std::size_t i = 0; i < m_conditions.size(); ++i) {
        if (m_conditions[i] == cond) {
            return static_cast<std::uint32_t>(m_spec.classes.size() + i);
        }
    }
    EventClass ec;
    ec.id = where;
    ec.any.push_back(cond);
    aug.classes.push_back(std::move(ec));
    m_conditions.push_back(cond);
    return static_cast<std::uint32_t>(m_spec.classes.size() + m_conditions.size() - 1);
}

SelectorRef Engine::compile(Journey& aug, const Selector& s, const std::string& where) {
    SelectorRef r;
    r.kind = s.kind;
    r.pick = s.pick;
    switch (s.kind) {
    case Selector::Kind::touchpoint: {
        const std::size_t i = m_spec.touchpoint_index(s.name);
        r.unknown = i == Journey::npos;
        r.slot = r.unknown ? 0 : static_cast<std::uint32_t>(i);
        break;
    }
    case Selector::Kind::event_class: {
        const std::size_t i = m_spec.class_index(s.name);
        r.unknown = i == Journey::npos;
        r.slot = r.unknown ? 0 : static_cast<std::uint32_t>(i);
        break;
    }
    case Selector::Kind::events:
        r.slot = add_condition(aug, s.condition, where);
        break;
    case Selector::Kind::attribute:
        r.attribute = attribute_ref(s.name);
        break;
    case Selector::Kind::later:
        for (const Selector& o : s.operands) {
            r.operands.push_back(compile(aug, o, where));
        }
        break;
    case Selector::Kind::none:
    case Selector::Kind::start:
    case Selector::Kind::end:
        break;
    }
    return r;
}

MeasurePlan Engine::compile(Journey& aug, const Measure& m, const std::string& where) {
    MeasurePlan p;
    p.kind = m.kind;
    p.from = compile(aug, m.from, where);
    p.to = compile(aug, m.to, where);
    p.window_after = compile(aug, m.window_after, where);
    p.window = m.window;
    p.business = m.basis == TimeBasis::business;
    p.calendar = m.calendar.empty() ? &m_always : calendar(m.calendar);
    if (m.kind == Measure::Kind::attribute) {
        p.attribute = attribute_ref(m.attribute);
    }
    return p;
}

const BusinessCalendar* Engine::calendar(const std::string& id) {
    for (const auto& [name, cal] : m_calendars) {
        if (name == id) {
            return &cal;
        }
    }
    const Calendar* c = m_spec.find_calendar(id);
    if (c == nullptr) {
        return &m_always;
    }
    m_calendars.emplace_back(id, BusinessCalendar(*c));
    return &m_calendars.back().second;
}

Scratch Engine::make_scratch() const {
    Scratch s;
    const std::size_t slots = m_spec.classes.size() + m_conditions.size();
    s.slot_cursor.assign(slots, 0);
    s.slot_span.resize(slots);
    s.tp_events.resize(m_spec.touchpoints.size());
    return s;
}

// ---------------------------------------------------------------------------
// Per case

void Engine::load_case(std::size_t c, Scratch& s, std::uint32_t begin, std::uint32_t end) const {
    const bool sequential = s.last_case != static_cast<std::size_t>(-1) && s.last_case + 1 == c;
    for (std::size_t k = 0; k < s.slot_span.size(); ++k) {
        const std::vector<std::uint32_t>& v = m_binding.class_events[k];
        std::size_t i = s.slot_cursor[k];
        if (!sequential || (i > 0 && i <= v.size() && v[i - 1] >= begin)) {
            i = static_cast<std::size_t>(std::lower_bound(v.begin(), v.end(), begin) - v.begin());
        }
        while (i < v.size() && v[i] < begin) {
            ++i;
        }
        std::size_t j = i;
        while (j < v.size() && v[j] < end) {
            ++j;
        }
        s.slot_span[k] = std::span<const std::uint32_t>(v.data() + i, j - i);
        s.slot_cursor[k] = j;
    }
    s.last_case = c;
    for (const std::uint32_t t : s.touched_tps) {
        s.tp_events[t].clear();
    }
    s.touched_tps.clear();
    for (std::uint32_t e = begin; e < end; ++e) {
        const std::uint32_t t = m_binding.touchpoint[e];
        if (t != Binding::unbound) {
            if (s.tp_events[t].empty()) {
                s.touched_tps.push_back(t);
            }
            s.tp_events[t].push_back(e);
        }
    }
    s.roles.assign(end - begin, 0);
    for (std::size_t k = 0; k < m_class_bits.size(); ++k) {
        if (m_class_bits[k] == 0) {
            continue;
        }
        for (const std::uint32_t e : s.slot_span[k]) {
            s.roles[e - begin] |= m_class_bits[k];
        }
    }
    s.objects_ready = false;
}

std::span<const std::uint32_t> Engine::events(const SelectorRef& r, const CaseEval& ev,
                                              Scratch& s) const {
    if (r.unknown) {
        return {};
    }
    switch (r.kind) {
    case Selector::Kind::touchpoint:
        return s.tp_events[r.slot];
    case Selector::Kind::event_class:
    case Selector::Kind::events:
        return s.slot_span[r.slot];
    case Selector::Kind::start:
        if (ev.start_event == none32) {
            return {};
        }
        s.milestone[0] = ev.start_event;
        return std::span<const std::uint32_t>(&s.milestone[0], 1);
    case Selector::Kind::end:
        if (ev.end_event == none32) {
            return {};
        }
        s.milestone[1] = ev.end_event;
        return std::span<const std::uint32_t>(&s.milestone[1], 1);
    case Selector::Kind::attribute:
    case Selector::Kind::later:
    case Selector::Kind::none:
        break;
    }
    return {};
}

void Engine::points(const SelectorRef& r, const CaseEval& ev, Scratch& s,
                    std::vector<Point>& out) const {
    out.clear();
    if (r.kind == Selector::Kind::later) {
        if (const auto t = instant(r, ev, s)) {
            out.push_back({*t, none32});
        }
        return;
    }
    if (r.kind == Selector::Kind::attribute) {
        if (const auto t = attribute_time(r.attribute, ev, {})) {
            out.push_back({*t, none32});
        }
        return;
    }
    if (r.kind == Selector::Kind::end && ev.end_event == none32 && ev.end_ts != no_timestamp) {
        out.push_back({ev.end_ts, none32});
        return;
    }
    if (r.kind == Selector::Kind::start && ev.start_event == none32 &&
        ev.start_ts != no_timestamp) {
        out.push_back({ev.start_ts, none32});
        return;
    }
    const auto ts = m_log.timestamps();
    for (const std::uint32_t e : events(r, ev, s)) {
        if (ts[e] != no_timestamp) {
            out.push_back({ts[e], e});
        }
    }
}

std::optional<Timestamp> Engine::instant(const SelectorRef& r, const CaseEval& ev,
                                         Scratch& s) const {
    switch (r.kind) {
    case Selector::Kind::none:
        return std::nullopt;
    case Selector::Kind::attribute:
        return attribute_time(r.attribute, ev, {});
    case Selector::Kind::start:
        return ev.start_ts == no_timestamp ? std::nullopt : std::optional<Timestamp>(ev.start_ts);
    case Selector::Kind::end:
        return ev.end_ts == no_timestamp ? std::nullopt : std::optional<Timestamp>(ev.end_ts);
    case Selector::Kind::later: {
        std::optional<Timestamp> latest;
        for (const SelectorRef& o : r.operands) {
            const auto t = instant(o, ev, s);
            if (t && (!latest || *t > *latest)) {
                latest = t;
            }
        }
        return latest;
    }
    default:
        break;
    }
    const auto ts = m_log.timestamps();
    const auto evs = events(r, ev, s);
    if (r.pick == Selector::Pick::first) {
        for (const std::uint32_t e : evs) {
            if (ts[e] != no_timestamp) {
                return ts[e];
            }
        }
    } else {
        for (auto it = evs.rbegin(); it != evs.rend(); ++it) {
            if (ts[*it] != no_timestamp) {
                return ts[*it];
            }
        }
    }
    return std::nullopt;
}

Value Engine::attribute_at(const AttrRef& ref, std::uint32_t e, std::size_t c) const {
    for (const AttrColumn* col : ref.event_columns) {
        if (const std::int64_t* raw = col->find(e)) {
            return column_value(m_log, *col, *raw);
        }
    }
    for (const AttrColumn* col : ref.case_columns) {
        if (const std::int64_t* raw = col->find(static_cast<std::uint32_t>(c))) {
            return column_value(m_log, *col, *raw);
        }
    }
    return {};
}

Value Engine::case_or_last(const AttrRef& ref, const CaseEval& ev) const {
    for (const AttrColumn* col : ref.case_columns) {
        if (const std::int64_t* raw = col->find(static_cast<std::uint32_t>(ev.c))) {
            Value v = column_value(m_log, *col, *raw);
            if (v.kind != Value::Kind::none) {
                return v;
            }
        }
    }
    const AttrColumn* best = nullptr;
    std::size_t best_pos = 0;
    std::uint32_t best_row = 0;
    for (const AttrColumn* col : ref.event_columns) {
        const auto it = std::lower_bound(col->rows.begin(), col->rows.end(), ev.end);
        if (it == col->rows.begin()) {
            continue;
        }
        const std::uint32_t row = *(it - 1);
        if (row >= ev.begin && (best == nullptr || row > best_row)) {
            best = col;
            best_row = row;
            best_pos = static_cast<std::size_t>(it - 1 - col->rows.begin());
        }
    }
    if (best == nullptr) {
        return {};
    }
    return column_value(m_log, *best, best->values[best_pos]);
}

std::optional<Timestamp> Engine::attribute_time(const AttrRef& ref, const CaseEval& ev,
                                                std::span<const std::uint32_t>) const {
    for (const AttrColumn* col : ref.case_columns) {
        if (const std::int64_t* raw = col->find(static_cast<std::uint32_t>(ev.c))) {
            if (const auto t = as_time(column_value(m_log, *col, *raw))) {
                return t;
            }
        }
    }
    // First event of the case with a value.
    const AttrColumn* best = nullptr;
    std::size_t best_pos = 0;
    for (const AttrColumn* col : ref.event_columns) {
        const auto it = std::lower_bound(col->rows.begin(), col->rows.end(), ev.begin);
        if (it == col->rows.end() || *it >= ev.end) {
            continue;
        }
        const auto pos = static_cast<std::size_t>(it - col->rows.begin());
        if (best == nullptr || col->rows[pos] < best->rows[best_pos]) {
            best = col;
            best_pos = pos;
        }
    }
    if (best == nullptr) {
        return std::nullopt;
    }
    return as_time(column_value(m_log, *best, best->values[best_pos]));
}

Value Engine::measure(const MeasurePlan& m, const CaseEval& ev, Scratch& s) const {
    Value v;
    const auto ts = m_log.timestamps();
    switch (m.kind) {
    case Measure::Kind::duration: {
        const auto t0 = instant(m.from, ev, s);
        if (!t0) {
            return v;
        }
        v.kind = Value::Kind::duration;
        v.from = *t0;
        v.calendar = m.calendar;
        std::optional<Timestamp> t1;
        if (m.to.kind == Selector::Kind::attribute || m.to.kind == Selector::Kind::start ||
            m.to.kind == Selector::Kind::end || m.to.kind == Selector::Kind::later) {
            const auto t = instant(m.to, ev, s);
            if (t && *t >= *t0) {
                t1 = t;
            }
        } else {
            for (const std::uint32_t e : events(m.to, ev, s)) {
                if (ts[e] != no_timestamp && ts[e] >= *t0) {
                    t1 = ts[e];
                    break;
                }
            }
        }
        if (!t1) {
            v.infinite = true;
            v.to = far_future;
            return v;
        }
        v.to = *t1;
        v.micros = m.business ? m.calendar->working_micros(*t0, *t1) : *t1 - *t0;
        return v;
    }
    case Measure::Kind::count: {
        v.kind = Value::Kind::number;
        if (m.from.kind == Selector::Kind::attribute) {
            v.number = case_or_last(m.from.attribute, ev).kind != Value::Kind::none ? 1 : 0;
            return v;
        }
        const auto evs = events(m.from, ev, s);
        if (!m.window) {
            v.number = static_cast<double>(evs.size());
            return v;
        }
        const auto after = instant(m.window_after, ev, s);
        if (!after) {
            v.kind = Value::Kind::none;
            return v;
        }
        const Timestamp until = shift(*after, *m.window, m_always);
        std::size_t n = 0;
        for (const std::uint32_t e : evs) {
            if (ts[e] != no_timestamp && ts[e] >= *after && ts[e] <= until) {
                ++n;
            }
        }
        v.number = static_cast<double>(n);
        return v;
    }
    case Measure::Kind::time: {
        if (const auto t = instant(m.from, ev, s)) {
            v.kind = Value::Kind::time;
            v.micros = *t;
        }
        return v;
    }
    case Measure::Kind::attribute:
        return case_or_last(m.attribute, ev);
    case Measure::Kind::exists:
        v.kind = Value::Kind::flag;
        if (m.from.kind == Selector::Kind::attribute) {
            // exists(attr X): the journey has a value of X (of any type).
            v.flag = case_or_last(m.from.attribute, ev).kind != Value::Kind::none;
        } else {
            v.flag = !events(m.from, ev, s).empty();
        }
        return v;
    }
    return v;
}

int Engine::check(const CheckPlan& k, const CaseEval& ev, Scratch& s) const {
    const Value lhs = measure(k.lhs, ev, s);
    if (k.op == CompareOp::exists || k.op == CompareOp::missing) {
        if (lhs.kind == Value::Kind::flag) {
            return (k.op == CompareOp::exists) == lhs.flag ? 1 : 0;
        }
        const bool has = lhs.kind != Value::Kind::none;
        return (k.op == CompareOp::exists) == has ? 1 : 0;
    }
    if (lhs.kind == Value::Kind::none) {
        return -1;
    }
    if (k.value) {
        const Literal& lit = *k.value;
        switch (lit.kind) {
        case Literal::Kind::duration: {
            if (lhs.kind != Value::Kind::duration) {
                return -1;
            }
            if (lhs.infinite) {
                return apply(k.op, 1);
            }
            if (lit.duration.unit == DurationUnit::working_days) {
                const BusinessCalendar& cal = lhs.calendar != nullptr ? *lhs.calendar : m_always;
                const Timestamp deadline = cal.working_days_deadline(lhs.from, lit.duration.value);
                if (deadline == no_timestamp) {
                    return -1;
                }
                return apply(k.op, cmp3(lhs.to, deadline));
            }
            return apply(k.op, cmp3(lhs.micros, lit.duration.micros()));
        }
        case Literal::Kind::number: {
            if (const auto n = as_number(lhs)) {
                return apply(k.op, cmp3(*n, lit.number));
            }
            if (lhs.kind == Value::Kind::text) {
                return apply(k.op, lhs.text.compare(lit.text) < 0 ? -1 : (lhs.text == lit.text ? 0 : 1));
            }
            return -1;
        }
        default: {
            if (lhs.kind == Value::Kind::duration || lhs.kind == Value::Kind::flag) {
                return -1;
            }
            if (lhs.kind == Value::Kind::time) {
                if (const auto t = parse_iso8601(lit.text)) {
                    return apply(k.op, cmp3(lhs.micros, *t));
                }
            }
            const int c = lhs.text.compare(lit.text);
            return apply(k.op, c < 0 ? -1 : (c > 0 ? 1 : 0));
        }
        }
    }
    if (!k.rhs) {
        return -1;
    }
    const Value rhs = measure(*k.rhs, ev, s);
    if (rhs.kind == Value::Kind::none) {
        return -1;
    }
    // Times (a time measure or an attribute holding one), optionally shifted.
    if (lhs.kind == Value::Kind::time || rhs.kind == Value::Kind::time || k.offset) {
        const auto a = as_time(lhs);
        auto b = as_time(rhs);
        if (!a || !b) {
            return -1;
        }
        if (k.offset) {
            *b = shift(*b, *k.offset, m_always);
        }
        return apply(k.op, cmp3(*a, *b));
    }
    if (lhs.kind == Value::Kind::duration && rhs.kind == Value::Kind::duration) {
        if (lhs.infinite || rhs.infinite) {
            const int c = lhs.infinite && rhs.infinite ? 0 : (lhs.infinite ? 1 : -1);
            return apply(k.op, c);
        }
        return apply(k.op, cmp3(lhs.micros, rhs.micros));
    }
    const auto a = as_number(lhs);
    const auto b = as_number(rhs);
    if (a && b) {
        return apply(k.op, cmp3(*a, *b));
    }
    if (lhs.kind == Value::Kind::text && rhs.kind == Value::Kind::text) {
        const int c = lhs.text.compare(rhs.text);
        return apply(k.op, c < 0 ? -1 : (c > 0 ? 1 : 0));
    }
    return -1;
}

void Engine::milestones(Scratch& s, CaseEval& out) const {
    const CaseEval& ev = out;
    const auto ts = m_log.timestamps();
    out.start_event = none32;
    out.end_event = none32;
    out.start_ts = no_timestamp;
    out.end_ts = no_timestamp;
    out.state = JourneyState::no_start;
    if (ev.begin == ev.end) {
        return;
    }
    if (m_start.kind == Selector::Kind::none) {
        for (std::uint32_t e = ev.begin; e < ev.end; ++e) {
            if (ts[e] != no_timestamp) {
                out.start_event = e;
                out.start_ts = ts[e];
                break;
            }
        }
    } else if (m_start.kind == Selector::Kind::attribute) {
        if (const auto t = instant(m_start, out, s)) {
            out.start_ts = *t;
        }
    } else {
        const auto evs = events(m_start, out, s);
        if (m_start.pick == Selector::Pick::first) {
            for (const std::uint32_t e : evs) {
                if (ts[e] != no_timestamp) {
                    out.start_event = e;
                    break;
                }
            }
        } else {
            for (auto it = evs.rbegin(); it != evs.rend(); ++it) {
                if (ts[*it] != no_timestamp) {
                    out.start_event = *it;
                    break;
                }
            }
        }
        if (out.start_event != none32) {
            out.start_ts = ts[out.start_event];
        }
    }
    if (out.start_ts == no_timestamp) {
        return;
    }
    out.state = JourneyState::censored;

    if (m_end.kind == Selector::Kind::none) {
        for (std::uint32_t e = ev.end; e-- > ev.begin;) {
            if (ts[e] != no_timestamp) {
                out.end_event = e;
                out.end_ts = std::max(ts[e], out.start_ts);
                break;
            }
        }
        out.state = JourneyState::green;
        return;
    }
    std::vector<Point>& cand = s.points_a;
    points(m_end, out, s, cand);
    std::vector<Point>& unless = s.points_b;
    const bool has_unless = m_unless.kind != Selector::Kind::none;
    if (has_unless) {
        points(m_unless, out, s, unless);
    } else {
        unless.clear();
    }
    const bool unlimited = m_lookahead.value <= 0;
    auto confirm = [&](const Point& p) -> int { // 1 ended, 0 rejected, -1 pending
        Timestamp window_end = p.ts;
        if (has_unless && !unlimited) {
            window_end = shift(p.ts, m_lookahead, m_always);
        }
        for (const Point& u : unless) {
            const bool after = u.ts > p.ts || (u.ts == p.ts && u.event != none32 &&
                                                p.event != none32 && u.event > p.event);
            if (after && (unlimited || u.ts <= window_end)) {
                return 0;
            }
        }
        return window_end <= m_as_of ? 1 : -1;
    };
    auto consider = [&](const Point& p) -> bool { // true when decided
        if (p.ts < out.start_ts) {
            return false;
        }
        const int r = confirm(p);
        if (r == 1) {
            out.end_event = p.event;
            out.end_ts = p.ts;
            out.state = JourneyState::green;
            return true;
        }
        return r == -1;
    };
    if (m_end.pick == Selector::Pick::first) {
        for (const Point& p : cand) {
            if (consider(p)) {
                break;
            }
        }
    } else {
        for (auto it = cand.rbegin(); it != cand.rend(); ++it) {
            if (consider(*it)) {
                break;
            }
        }
    }
}

void Engine::sla_instances(Scratch& s, CaseEval& out) const {
    out.instances.clear();
    for (const SlaPlan& p : m_slas) {
        std::vector<Point>& from = s.points_a;
        std::vector<Point>& to = s.points_b;
        if (p.from.kind == Selector::Kind::none) {
            from.clear();
            for (const std::uint32_t e : s.tp_events[p.touchpoint]) {
                if (m_log.timestamps()[e] != no_timestamp) {
                    from.push_back({m_log.timestamps()[e], e});
                }
            }
        } else {
            points(p.from, out, s, from);
        }
        if (from.empty()) {
            continue;
        }
        if (p.to.kind == Selector::Kind::none) {
            to.clear();
            for (const std::uint32_t e : s.tp_events[p.touchpoint]) {
                if (m_log.timestamps()[e] != no_timestamp) {
                    to.push_back({m_log.timestamps()[e], e});
                }
            }
        } else {
            points(p.to, out, s, to);
        }

        // Pause intervals, merged.
        s.pauses.clear();
        for (const auto& [pf, pt] : p.pauses) {
            std::vector<Point>& a = s.pause_a;
            std::vector<Point>& b = s.pause_b;
            points(pf, out, s, a);
            points(pt, out, s, b);
            std::size_t i = 0;
            std::size_t j = 0;
            while (i < a.size()) {
                const Point open = a[i];
                // The first `to` strictly after the opening event closes the pause.
                while (j < b.size() && !point_less(open, b[j])) {
                    ++j;
                }
                if (j >= b.size()) {
                    s.pauses.emplace_back(open.ts, far_future);
                    break;
                }
                const Point closing = b[j];
                s.pauses.emplace_back(open.ts, closing.ts);
                // The next pause opens at a `from` after the closing event.
                while (i < a.size() && !point_less(closing, a[i])) {
                    ++i;
                }
            }
        }
        std::sort(s.pauses.begin(), s.pauses.end());
        std::size_t merged = 0;
        for (std::size_t i = 0; i < s.pauses.size(); ++i) {
            if (merged > 0 && s.pauses[i].first <= s.pauses[merged - 1].second) {
                s.pauses[merged - 1].second = std::max(s.pauses[merged - 1].second, s.pauses[i].second);
            } else {
                s.pauses[merged++] = s.pauses[i];
            }
        }
        s.pauses.resize(merged);

        auto paused = [&](Timestamp a, Timestamp b, bool working) {
            std::int64_t total = 0;
            for (const auto& [ps, pe] : s.pauses) {
                const Timestamp lo = std::max(a, ps);
                const Timestamp hi = std::min(b, pe);
                if (hi > lo) {
                    total += working ? p.calendar->working_micros(lo, hi) : hi - lo;
                }
            }
            return total;
        };
        auto met = [&](Timestamp a, Timestamp b) {
            if (p.within.unit == DurationUnit::working_days) {
                Timestamp deadline = p.calendar->working_days_deadline(a, p.within.value);
                if (deadline == no_timestamp) {
                    return false;
                }
                if (!s.pauses.empty()) {
                    const std::int64_t pw = paused(a, b, true);
                    if (pw > 0) {
                        deadline = p.calendar->add_working_time(deadline, pw);
                        if (deadline == no_timestamp) {
                            return false;
                        }
                    }
                }
                return b <= deadline;
            }
            if (p.business) {
                const std::int64_t w = p.calendar->working_micros(a, b) -
                                       (s.pauses.empty() ? 0 : paused(a, b, true));
                return w <= p.within.micros();
            }
            return b - a - (s.pauses.empty() ? 0 : paused(a, b, false)) <= p.within.micros();
        };

        bool open = false;
        Point start;
        auto close = [&](const Point& stop) {
            SlaInstance in;
            in.measure = p.measure;
            in.start_event = start.event;
            in.stop_event = stop.event;
            in.start = start.ts;
            in.stop = stop.ts;
            in.met = met(start.ts, stop.ts);
            out.instances.push_back(in);
            ++out.m_instances[p.measure];
            if (in.met) {
                ++out.m_met[p.measure];
            }
            open = false;
        };
        std::size_t i = 0;
        std::size_t j = 0;
        while (i < from.size() || j < to.size()) {
            const bool take_from =
                j >= to.size() || (i < from.size() && point_less(from[i], to[j]));
            if (take_from) {
                start = from[i++];
                open = true;
                continue;
            }
            const Point stop = to[j++];
            const bool same = i < from.size() && from[i].event == stop.event && stop.event != none32;
            if (open && !(stop.event == start.event && stop.event != none32)) {
                close(stop);
                if (same) {
                    ++i; // the event stopped the clock; it does not start another
                }
            } else if (same) {
                start = from[i++];
                open = true;
            }
        }
        if (open) {
            SlaInstance in;
            in.measure = p.measure;
            in.start_event = start.event;
            in.stop_event = 0;
            in.start = start.ts;
            in.stop = no_timestamp;
            in.open = true;
            out.instances.push_back(in);
            ++out.m_open[p.measure];
        }
    }
    for (const KpiPlan& k : m_kpis) {
        out.m_instances[k.measure] = static_cast<std::uint32_t>(s.slot_span[k.scope_slot].size());
        out.m_met[k.measure] = static_cast<std::uint32_t>(s.slot_span[k.met_slot].size());
    }
}

std::string Engine::segment_value(const SegmentPlan& p, const CaseEval& ev, Scratch& s) const {
    static const std::string none = "(none)";
    std::uint32_t e = none32;
    Timestamp t = no_timestamp;
    if (p.of.kind == Selector::Kind::none) {
        e = ev.start_event;
        t = ev.start_ts;
    } else if (p.of.kind == Selector::Kind::attribute || p.of.kind == Selector::Kind::start ||
               p.of.kind == Selector::Kind::end) {
        if (p.of.kind == Selector::Kind::start) {
            e = ev.start_event;
        } else if (p.of.kind == Selector::Kind::end) {
            e = ev.end_event;
        }
        if (const auto x = instant(p.of, ev, s)) {
            t = *x;
        }
    } else {
        const auto evs = events(p.of, ev, s);
        if (!evs.empty()) {
            e = p.of.pick == Selector::Pick::first ? evs.front() : evs.back();
            t = m_log.timestamps()[e];
        }
    }
    switch (p.kind) {
    case Segment::Kind::month: {
        if (t == no_timestamp) {
            return none;
        }
        const CivilDate d = civil_from_days(floor_div(t, micros_per_day));
        return month_name(d.year * 12 + d.month - 1);
    }
    case Segment::Kind::weekday:
        if (t == no_timestamp) {
            return none;
        }
        return std::string(weekday_name(weekday_of(floor_div(t, micros_per_day))));
    case Segment::Kind::attribute: {
        if (e == none32) {
            return none;
        }
        const Value v = attribute_at(p.attribute, e, ev.c);
        return v.kind == Value::Kind::none || v.text.empty() ? none : v.text;
    }
    case Segment::Kind::field:
        break;
    }
    if (e == none32) {
        return none;
    }
    std::string_view text;
    switch (p.field) {
    case EventField::activity:
        text = m_log.activity_names()[m_log.activities()[e]];
        break;
    case EventField::resource:
        text = m_log.resource_names()[m_log.resources()[e]];
        break;
    case EventField::department:
        text = m_log.department_names()[m_log.departments()[e]];
        break;
    case EventField::channel:
        text = m_log.channel_names()[m_log.channels()[e]];
        break;
    case EventField::lifecycle:
        text = m_log.lifecycle_names()[m_log.lifecycles()[e]];
        break;
    case EventField::touchpoint: {
        const std::uint32_t tp = m_binding.touchpoint[e];
        if (tp != Binding::unbound) {
            text = m_spec.touchpoints[tp].id;
        }
        break;
    }
    case EventField::source:
    case EventField::actor:
    case EventField::attribute: {
        const Value v = attribute_at(p.attribute, e, ev.c);
        return v.kind == Value::Kind::none || v.text.empty() ? none : v.text;
    }
    case EventField::object:
        break;
    }
    return text.empty() ? none : std::string(text);
}

void Engine::evaluate(std::size_t c, Scratch& s, CaseEval& out) const {
    out.c = c;
    out.begin = static_cast<std::uint32_t>(m_log.case_begin(c));
    out.end = static_cast<std::uint32_t>(m_log.case_end(c));
    load_case(c, s, out.begin, out.end);
    milestones(s, out);

    out.outcomes.assign(m_outcomes.size(), -1);
    for (std::size_t o = 0; o < m_outcomes.size(); ++o) {
        const OutcomePlan& plan = m_outcomes[o];
        bool counted = true;
        for (const CheckPlan& k : plan.when) {
            if (check(k, out, s) != 1) {
                counted = false;
                break;
            }
        }
        if (!counted) {
            continue;
        }
        bool failed = false;
        bool unknown = false;
        for (const CheckPlan& k : plan.all) {
            const int r = check(k, out, s);
            if (r == 0) {
                failed = true;
                break;
            }
            if (r < 0) {
                unknown = true;
            }
        }
        out.outcomes[o] = failed ? 0 : (unknown ? -1 : 1);
    }
    if (out.state == JourneyState::green) {
        for (std::size_t o = 0; o < m_outcomes.size(); ++o) {
            if (!m_outcomes[o].lagging && out.outcomes[o] == 0) {
                out.state = JourneyState::red;
                break;
            }
        }
    }

    const Value score = case_or_last(m_score, out);
    const auto n = as_number(score);
    out.score = n ? *n : nan;

    out.segments.resize(m_segments.size());
    for (std::size_t i = 0; i < m_segments.size(); ++i) {
        out.segments[i] = out.state == JourneyState::no_start ? std::string("(none)")
                                                              : segment_value(m_segments[i], out, s);
    }
    out.month = 0;
    if (out.start_ts != no_timestamp) {
        const CivilDate d = civil_from_days(floor_div(out.start_ts, micros_per_day));
        out.month = d.year * 12 + d.month - 1;
    }

    out.m_instances.assign(m_measures.size(), 0);
    out.m_met.assign(m_measures.size(), 0);
    out.m_open.assign(m_measures.size(), 0);
    sla_instances(s, out);
    out.measured = 0;
    out.breaches = 0;
    for (std::size_t m = 0; m < m_measures.size(); ++m) {
        out.measured += out.m_instances[m];
        out.breaches += out.m_instances[m] - out.m_met[m];
    }

    // Dark time: the share of [start, end] that no SLA clock covers.
    out.dark_share = nan;
    if ((out.state == JourneyState::green || out.state == JourneyState::red) &&
        out.end_ts > out.start_ts) {
        s.intervals.clear();
        for (const SlaInstance& in : out.instances) {
            const Timestamp a = std::max(in.start, out.start_ts);
            const Timestamp b = std::min(in.open ? out.end_ts : in.stop, out.end_ts);
            if (b > a) {
                s.intervals.emplace_back(a, b);
            }
        }
        std::sort(s.intervals.begin(), s.intervals.end());
        std::int64_t covered = 0;
        Timestamp cur_a = 0;
        Timestamp cur_b = 0;
        bool have = false;
        for (const auto& [a, b] : s.intervals) {
            if (have && a <= cur_b) {
                cur_b = std::max(cur_b, b);
            } else {
                if (have) {
                    covered += cur_b - cur_a;
                }
                cur_a = a;
                cur_b = b;
                have = true;
            }
        }
        if (have) {
            covered += cur_b - cur_a;
        }
        out.dark_share =
            1.0 - static_cast<double>(covered) / static_cast<double>(out.end_ts - out.start_ts);
    }
}

void Engine::load_objects(const CaseEval& ev, Scratch& s) const {
    if (s.objects_ready) {
        return;
    }
    s.objects_ready = true;
    s.by_object.clear();
    s.by_event.clear();
    auto key = [](std::uint32_t source, Id object) {
        return (static_cast<std::uint64_t>(source) << 32) | object;
    };
    const auto& links = m_log.object_links();
    if (!links.empty()) {
        auto it = std::lower_bound(links.begin(), links.end(), ev.begin,
                                   [](const ObjectLink& l, std::uint32_t e) { return l.event < e; });
        for (; it != links.end() && it->event < ev.end; ++it) {
            const std::uint32_t k = it->type < m_link_source.size() ? m_link_source[it->type] : none32;
            if (k != none32) {
                s.by_object.emplace_back(key(k, it->object), it->event);
            }
        }
    }
    for (const auto& [k, col] : m_attribute_sources) {
        auto it = std::lower_bound(col->rows.begin(), col->rows.end(), ev.begin);
        for (; it != col->rows.end() && *it < ev.end; ++it) {
            const auto value = static_cast<Id>(col->values[static_cast<std::size_t>(it - col->rows.begin())]);
            if (value != no_id) {
                s.by_object.emplace_back(key(k, value), *it);
            }
        }
    }
    if (!m_pair_value.empty()) {
        // Walk each id column and the type columns side by side (rows ascending).
        for (const AttrColumn* col : m_pair_id_columns) {
            auto it = std::lower_bound(col->rows.begin(), col->rows.end(), ev.begin);
            std::vector<std::size_t>& cursor = s.column_cursor;
            cursor.resize(m_pair_type_columns.size());
            for (std::size_t t = 0; t < m_pair_type_columns.size(); ++t) {
                const auto& rows = m_pair_type_columns[t]->rows;
                cursor[t] = static_cast<std::size_t>(std::lower_bound(rows.begin(), rows.end(), ev.begin) -
                                                     rows.begin());
            }
            for (; it != col->rows.end() && *it < ev.end; ++it) {
                const std::uint32_t e = *it;
                const auto value = static_cast<Id>(col->values[static_cast<std::size_t>(it - col->rows.begin())]);
                if (value == no_id) {
                    continue;
                }
                Id type = StringTable::not_found;
                for (std::size_t t = 0; t < m_pair_type_columns.size() && type == StringTable::not_found; ++t) {
                    const AttrColumn& tc = *m_pair_type_columns[t];
                    std::size_t& c = cursor[t];
                    while (c < tc.rows.size() && tc.rows[c] < e) {
                        ++c;
                    }
                    if (c < tc.rows.size() && tc.rows[c] == e) {
                        type = static_cast<Id>(tc.values[c]);
                    }
                }
                const auto p = std::lower_bound(m_pair_value.begin(), m_pair_value.end(),
                                                std::pair<Id, std::uint32_t>{type, 0});
                if (p != m_pair_value.end() && p->first == type) {
                    s.by_object.emplace_back(key(p->second, value), e);
                }
            }
        }
    }
    std::sort(s.by_object.begin(), s.by_object.end());
    s.by_object.erase(std::unique(s.by_object.begin(), s.by_object.end()), s.by_object.end());
    s.by_event.reserve(s.by_object.size());
    for (const auto& [k, e] : s.by_object) {
        s.by_event.emplace_back(e, k);
    }
    std::sort(s.by_event.begin(), s.by_event.end());
}

} // namespace journey::miners::detail
