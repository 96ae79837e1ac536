#include <journey/core/binding.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <tuple>

#include <journey/core/error.hpp>
#include <journey/core/regex.hpp>

namespace journey {

namespace {

// An event's value of one field, as the predicates see it.
struct Value {
    bool present = false;
    bool numeric = false;
    bool is_time = false;
    double number = 0;
    Timestamp time = 0;
    std::string_view text;
    std::string storage; // text of a number, boolean or time
};

std::string number_text(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::optional<double> text_number(std::string_view s) {
    double v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc{} || r.ptr != s.data() + s.size() || s.empty()) {
        return std::nullopt;
    }
    return v;
}

bool equal(const Literal& lit, const Value& v) {
    if (lit.kind == Literal::Kind::number) {
        const std::optional<double> n =
            v.numeric ? std::optional<double>(v.number) : text_number(v.text);
        if (n) {
            return *n == lit.number;
        }
    }
    return v.text == lit.text;
}

// -1, 0, 1 for value <=> literal.
int order(const Literal& lit, const Value& v) {
    if (lit.kind == Literal::Kind::number) {
        std::optional<double> n;
        if (v.numeric) {
            n = v.number;
        } else {
            n = text_number(v.text);
        }
        if (n) {
            return *n < lit.number ? -1 : (*n > lit.number ? 1 : 0);
        }
    }
    if (v.is_time) {
        if (const auto t = parse_iso8601(lit.text)) {
            return v.time < *t ? -1 : (v.time > *t ? 1 : 0);
        }
    }
    const int c = v.text.compare(lit.text);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool test_value(const Predicate& p, const std::optional<Regex>& re, const Value& v) {
    const bool has = v.present && (v.numeric || v.is_time || !v.text.empty());
    switch (p.op) {
    case CompareOp::exists:
        return has;
    case CompareOp::missing:
        return !has;
    case CompareOp::eq:
    case CompareOp::in:
        return has && std::any_of(p.values.begin(), p.values.end(),
                                  [&](const Literal& l) { return equal(l, v); });
    case CompareOp::ne:
    case CompareOp::not_in:
        return !(has && std::any_of(p.values.begin(), p.values.end(),
                                    [&](const Literal& l) { return equal(l, v); }));
    case CompareOp::matches:
        return has && re && re->search(v.text);
    case CompareOp::not_matches:
        return !(has && re && re->search(v.text));
    case CompareOp::lt:
    case CompareOp::le:
    case CompareOp::gt:
    case CompareOp::ge: {
        if (!has || p.values.empty()) {
            return false;
        }
        const int c = order(p.values.front(), v);
        switch (p.op) {
        case CompareOp::lt:
            return c < 0;
        case CompareOp::le:
            return c <= 0;
        case CompareOp::gt:
            return c > 0;
        default:
            return c >= 0;
        }
    }
    }
    return false;
}

struct ObjectTest {
    ObjectNaming naming = ObjectNaming::link;
    Id link_type = StringTable::not_found;
    std::string key;
};

struct CompiledPredicate {
    const Predicate* p = nullptr;
    enum class Source { core, attribute, touchpoint, object } source = Source::core;
    std::span<const Id> column;       // core: the field's column
    std::vector<std::uint8_t> accept; // core: per table id; touchpoint: per index + unbound
    std::string attribute;            // attribute: the name
    std::vector<const AttrColumn*> event_columns;
    std::vector<const AttrColumn*> case_columns;
    // Positions in the columns' rows: events are tested in ascending order, so a search
    // continues from where the previous one stopped.
    std::vector<std::size_t> event_cursors;
    std::vector<std::size_t> case_cursors;
    std::vector<std::int8_t> string_cache; // attribute: per value id, -1 unknown
    std::optional<Regex> regex;
    std::vector<ObjectTest> objects; // object: the types named by the values
    bool object_any = false;         // object: exists/missing over every declared type
};

struct CompiledCondition {
    std::vector<CompiledPredicate> predicates;
    std::vector<std::uint8_t> activity_mask; // empty: every activity
};

class Matcher {
public:
    Matcher(const Journey& journey, const EventLog& log) : m_journey(journey), m_log(log) {
        m_case_of.resize(log.num_events());
        for (std::size_t c = 0; c < log.num_cases(); ++c) {
            for (std::size_t e = log.case_begin(c); e < log.case_end(c); ++e) {
                m_case_of[e] = static_cast<std::uint32_t>(c);
            }
        }
    }

    CompiledCondition compile(const Condition& cond, const std::string& where) {
        CompiledCondition out;
        for (const Predicate& p : cond.all) {
            out.predicates.push_back(compile(p, where));
            const CompiledPredicate& cp = out.predicates.back();
            if (p.field == EventField::activity) {
                if (out.activity_mask.empty()) {
                    out.activity_mask = cp.accept;
                } else {
                    for (std::size_t i = 0; i < cp.accept.size(); ++i) {
                        out.activity_mask[i] = out.activity_mask[i] & cp.accept[i];
                    }
                }
            }
        }
        return out;
    }

    bool test(CompiledCondition& c, std::uint32_t event, std::uint32_t bound) {
        if (!c.activity_mask.empty() && !c.activity_mask[m_log.activities()[event]]) {
            return false;
        }
        for (CompiledPredicate& p : c.predicates) {
            if (!test(p, event, bound)) {
                return false;
            }
        }
        return true;
    }

private:
    CompiledPredicate compile(const Predicate& p, const std::string& where) {
        CompiledPredicate cp;
        cp.p = &p;
        if (p.op == CompareOp::matches || p.op == CompareOp::not_matches) {
            if (!p.values.empty()) {
                RegexError err;
                cp.regex = Regex::compile(p.values.front().text, p.values.front().icase, &err);
                if (!cp.regex) {
                    throw usage_error(where + ": bad regular expression /" + p.values.front().text +
                                      "/: " + err.message);
                }
            }
        }
        switch (p.field) {
        case EventField::activity:
            core(cp, m_log.activities(), m_log.activity_names());
            break;
        case EventField::resource:
            core(cp, m_log.resources(), m_log.resource_names());
            break;
        case EventField::department:
            core(cp, m_log.departments(), m_log.department_names());
            break;
        case EventField::channel:
            core(cp, m_log.channels(), m_log.channel_names());
            break;
        case EventField::lifecycle:
            lifecycle(cp);
            break;
        case EventField::source:
            attribute(cp, m_journey.source_attribute);
            break;
        case EventField::actor:
            attribute(cp, m_journey.actor_attribute);
            break;
        case EventField::attribute:
            attribute(cp, p.attribute);
            break;
        case EventField::touchpoint:
            touchpoint(cp);
            break;
        case EventField::object:
            object(cp);
            break;
        }
        return cp;
    }

    void core(CompiledPredicate& cp, std::span<const Id> column, const StringTable& table) {
        cp.source = CompiledPredicate::Source::core;
        cp.column = column;
        cp.accept.resize(table.size());
        for (std::size_t id = 0; id < table.size(); ++id) {
            Value v;
            v.present = id != no_id;
            v.text = table[static_cast<Id>(id)];
            cp.accept[id] = test_value(*cp.p, cp.regex, v) ? 1 : 0;
        }
    }

    void lifecycle(CompiledPredicate& cp) {
        // Lifecycle ids are stored as bytes; widen them through a table test.
        cp.source = CompiledPredicate::Source::core;
        const StringTable& table = m_log.lifecycle_names();
        cp.accept.resize(table.size());
        for (std::size_t id = 0; id < table.size(); ++id) {
            Value v;
            v.present = id != no_id;
            v.text = table[static_cast<Id>(id)];
            cp.accept[id] = test_value(*cp.p, cp.regex, v) ? 1 : 0;
        }
        cp.column = {};
    }

    void attribute(CompiledPredicate& cp, const std::string& name) {
        cp.source = CompiledPredicate::Source::attribute;
        cp.attribute = name;
        cp.event_columns = m_log.event_attribute_columns(name);
        cp.case_columns = m_log.case_attribute_columns(name);
        cp.event_cursors.assign(cp.event_columns.size(), 0);
        cp.case_cursors.assign(cp.case_columns.size(), 0);
    }

    // The raw value of `row` in `c`, searching from `cursor` (restarting when the row
    // lies before it).
    static const std::int64_t* seek(const AttrColumn& c, std::uint32_t row, std::size_t& cursor) {
        if (cursor > c.rows.size() || (cursor > 0 && c.rows[cursor - 1] >= row)) {
            cursor = 0;
        }
        const auto it = std::lower_bound(c.rows.begin() + static_cast<std::ptrdiff_t>(cursor),
                                         c.rows.end(), row);
        cursor = static_cast<std::size_t>(it - c.rows.begin());
        if (it == c.rows.end() || *it != row) {
            return nullptr;
        }
        return &c.values[cursor];
    }

    void touchpoint(CompiledPredicate& cp) {
        cp.source = CompiledPredicate::Source::touchpoint;
        const std::size_t n = m_journey.touchpoints.size();
        cp.accept.assign(n + 1, 0);
        for (std::size_t i = 0; i <= n; ++i) {
            Value v;
            v.present = i < n;
            v.text = i < n ? std::string_view(m_journey.touchpoints[i].id) : std::string_view();
            cp.accept[i] = test_value(*cp.p, cp.regex, v) ? 1 : 0;
        }
    }

    ObjectTest object_test(const ObjectType& type) const {
        ObjectTest t;
        t.naming = type.naming;
        t.key = type.effective_key();
        if (type.naming == ObjectNaming::link) {
            t.link_type = m_log.object_types().find(t.key);
        }
        return t;
    }

    void object(CompiledPredicate& cp) {
        cp.source = CompiledPredicate::Source::object;
        const Predicate& p = *cp.p;
        if (p.op == CompareOp::exists || p.op == CompareOp::missing) {
            cp.object_any = true;
            for (const ObjectType& type : m_journey.object_types) {
                cp.objects.push_back(object_test(type));
            }
            return;
        }
        for (const Literal& l : p.values) {
            if (const ObjectType* type = m_journey.find_object_type(l.text)) {
                cp.objects.push_back(object_test(*type));
            }
        }
    }

    // The value of an attribute for an event: event column first, then case column.
    Value attribute_value(CompiledPredicate& cp, std::uint32_t event) {
        Value v;
        const AttrColumn* col = nullptr;
        const std::int64_t* raw = nullptr;
        for (std::size_t i = 0; i < cp.event_columns.size(); ++i) {
            raw = seek(*cp.event_columns[i], event, cp.event_cursors[i]);
            if (raw != nullptr) {
                col = cp.event_columns[i];
                break;
            }
        }
        if (col == nullptr) {
            for (std::size_t i = 0; i < cp.case_columns.size(); ++i) {
                raw = seek(*cp.case_columns[i], m_case_of[event], cp.case_cursors[i]);
                if (raw != nullptr) {
                    col = cp.case_columns[i];
                    break;
                }
            }
        }
        if (col == nullptr) {
            return v;
        }
        v.present = true;
        switch (col->type) {
        case AttrType::string:
        case AttrType::id:
        case AttrType::list:
            v.text = m_log.values()[static_cast<Id>(*raw)];
            break;
        case AttrType::integer:
            v.numeric = true;
            v.number = static_cast<double>(*raw);
            v.storage = std::to_string(*raw);
            v.text = v.storage;
            break;
        case AttrType::real:
            v.numeric = true;
            v.number = attr_real(*raw);
            v.storage = number_text(v.number);
            v.text = v.storage;
            break;
        case AttrType::boolean:
            v.storage = *raw != 0 ? "true" : "false";
            v.text = v.storage;
            break;
        case AttrType::time:
            v.is_time = true;
            v.time = *raw;
            v.storage = format_iso8601(*raw);
            v.text = v.storage;
            break;
        }
        return v;
    }

    // The event attribute columns named `name` (looked up once per name).
    const std::vector<const AttrColumn*>& columns_named(const std::string& name) {
        auto it = m_columns_by_name.find(name);
        if (it == m_columns_by_name.end()) {
            it = m_columns_by_name.emplace(name, m_log.event_attribute_columns(name)).first;
        }
        return it->second;
    }

    // Whether the event has a non-empty value of attribute `name`; `out` receives the
    // text of a string value.
    bool string_attribute(const std::string& name, std::uint32_t event, std::string_view& out) {
        for (const AttrColumn* c : columns_named(name)) {
            if (const std::int64_t* raw = c->find(event)) {
                if (c->type == AttrType::string || c->type == AttrType::id) {
                    out = m_log.values()[static_cast<Id>(*raw)];
                    return !out.empty();
                }
                return true;
            }
        }
        return false;
    }

    bool names_object(const ObjectTest& t, std::uint32_t event) {
        switch (t.naming) {
        case ObjectNaming::link: {
            if (t.link_type == StringTable::not_found) {
                return false;
            }
            const auto& links = m_log.object_links();
            auto it =
                std::lower_bound(links.begin(), links.end(), event,
                                 [](const ObjectLink& l, std::uint32_t e) { return l.event < e; });
            for (; it != links.end() && it->event == event; ++it) {
                if (it->type == t.link_type) {
                    return true;
                }
            }
            return false;
        }
        case ObjectNaming::attribute: {
            std::string_view s;
            return string_attribute(t.key, event, s);
        }
        case ObjectNaming::pair: {
            std::string_view type;
            std::string_view id;
            return string_attribute(m_journey.object_columns.type_attribute, event, type) &&
                   type == t.key &&
                   string_attribute(m_journey.object_columns.id_attribute, event, id);
        }
        }
        return false;
    }

    bool test(CompiledPredicate& cp, std::uint32_t event, std::uint32_t bound) {
        switch (cp.source) {
        case CompiledPredicate::Source::core: {
            const Id id =
                cp.column.empty() ? static_cast<Id>(m_log.lifecycles()[event]) : cp.column[event];
            return id < cp.accept.size() && cp.accept[id] != 0;
        }
        case CompiledPredicate::Source::touchpoint: {
            const std::size_t n = m_journey.touchpoints.size();
            return cp.accept[bound == Binding::unbound ? n : bound] != 0;
        }
        case CompiledPredicate::Source::object: {
            const bool any =
                std::any_of(cp.objects.begin(), cp.objects.end(),
                            [&](const ObjectTest& t) { return names_object(t, event); });
            const CompareOp op = cp.p->op;
            if (op == CompareOp::ne || op == CompareOp::not_in || op == CompareOp::missing) {
                return !any;
            }
            return any;
        }
        case CompiledPredicate::Source::attribute:
            break;
        }
        // Attribute: string values are cached per interned value.
        for (std::size_t i = 0; i < cp.event_columns.size(); ++i) {
            const AttrColumn* c = cp.event_columns[i];
            if (const std::int64_t* raw = seek(*c, event, cp.event_cursors[i])) {
                if (c->type == AttrType::string || c->type == AttrType::id) {
                    return cached(cp, static_cast<Id>(*raw));
                }
                break;
            }
        }
        const Value v = attribute_value(cp, event);
        return test_value(*cp.p, cp.regex, v);
    }

    bool cached(CompiledPredicate& cp, Id value) {
        if (cp.string_cache.size() < m_log.values().size()) {
            cp.string_cache.resize(m_log.values().size(), -1);
        }
        std::int8_t& slot = cp.string_cache[value];
        if (slot < 0) {
            Value v;
            v.present = true;
            v.text = m_log.values()[value];
            slot = test_value(*cp.p, cp.regex, v) ? 1 : 0;
        }
        return slot != 0;
    }

    const Journey& m_journey;
    const EventLog& m_log;
    std::vector<std::uint32_t> m_case_of;
    std::map<std::string, std::vector<const AttrColumn*>> m_columns_by_name;
};

struct RuleRef {
    std::uint32_t touchpoint = 0;
    std::uint32_t rule = 0;
    std::uint32_t rank = 0; // precedence: lower wins
    CompiledCondition condition;
};

std::vector<ActivityCount> sorted_counts(const std::vector<std::uint64_t>& counts,
                                         const StringTable& names) {
    std::vector<ActivityCount> out;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (counts[i] > 0) {
            out.push_back({std::string(names[static_cast<Id>(i)]), counts[i]});
        }
    }
    std::sort(out.begin(), out.end(), [](const ActivityCount& a, const ActivityCount& b) {
        return a.events != b.events ? a.events > b.events : a.activity < b.activity;
    });
    return out;
}

} // namespace

Binding bind(const Journey& journey, const EventLog& log) {
    Matcher matcher(journey, log);
    const std::size_t n_events = log.num_events();
    const std::size_t n_activities = log.activity_names().size();

    // Rules in precedence order: priority descending, then model order.
    std::vector<RuleRef> rules;
    for (std::size_t t = 0; t < journey.touchpoints.size(); ++t) {
        const Touchpoint& tp = journey.touchpoints[t];
        for (std::size_t r = 0; r < tp.match.size(); ++r) {
            RuleRef ref;
            ref.touchpoint = static_cast<std::uint32_t>(t);
            ref.rule = static_cast<std::uint32_t>(r);
            ref.condition = matcher.compile(tp.match[r].condition, "touchpoint '" + tp.id + "'");
            rules.push_back(std::move(ref));
        }
    }
    std::stable_sort(rules.begin(), rules.end(), [&](const RuleRef& a, const RuleRef& b) {
        return journey.touchpoints[a.touchpoint].match[a.rule].priority >
               journey.touchpoints[b.touchpoint].match[b.rule].priority;
    });
    for (std::size_t i = 0; i < rules.size(); ++i) {
        rules[i].rank = static_cast<std::uint32_t>(i);
    }

    // Candidate rules per activity (rules with activity predicates) and rules that
    // accept every activity.
    std::vector<std::vector<std::uint32_t>> by_activity(n_activities);
    std::vector<std::uint32_t> any_activity;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const auto& mask = rules[i].condition.activity_mask;
        if (mask.empty()) {
            any_activity.push_back(static_cast<std::uint32_t>(i));
            continue;
        }
        for (std::size_t a = 0; a < n_activities; ++a) {
            if (mask[a] != 0) {
                by_activity[a].push_back(static_cast<std::uint32_t>(i));
            }
        }
    }

    Binding b;
    b.events = n_events;
    b.touchpoint.assign(n_events, Binding::unbound);
    b.touchpoint_events.assign(journey.touchpoints.size(), 0);
    b.rule_events.resize(journey.touchpoints.size());
    for (std::size_t t = 0; t < journey.touchpoints.size(); ++t) {
        b.rule_events[t].assign(journey.touchpoints[t].match.size(), 0);
    }

    using DoubleKey = std::tuple<Id, std::uint32_t, std::uint32_t>;
    std::map<DoubleKey, DoubleMatch> doubles;
    std::vector<std::uint32_t> matched; // rule indices matching the current event
    std::vector<std::uint32_t> others;
    for (std::size_t e = 0; e < n_events; ++e) {
        const auto ev = static_cast<std::uint32_t>(e);
        const Id act = log.activities()[e];
        matched.clear();
        for (const auto* list : {&by_activity[act], &any_activity}) {
            for (const std::uint32_t r : *list) {
                if (matcher.test(rules[r].condition, ev, Binding::unbound)) {
                    matched.push_back(r);
                }
            }
        }
        if (matched.empty()) {
            continue;
        }
        const std::uint32_t win = *std::min_element(matched.begin(), matched.end());
        const std::uint32_t tp = rules[win].touchpoint;
        b.touchpoint[e] = tp;
        ++b.touchpoint_events[tp];
        ++b.rule_events[tp][rules[win].rule];
        others.clear();
        for (const std::uint32_t r : matched) {
            const std::uint32_t o = rules[r].touchpoint;
            if (o != tp && std::find(others.begin(), others.end(), o) == others.end()) {
                others.push_back(o);
            }
        }
        for (const std::uint32_t o : others) {
            auto [it, fresh] = doubles.try_emplace(DoubleKey{act, tp, o});
            if (fresh) {
                it->second.activity = std::string(log.activity_names()[act]);
                it->second.winner = tp;
                it->second.other = o;
                it->second.first_event = ev;
            }
            ++it->second.events;
        }
    }

    // Event classes.
    std::vector<std::uint8_t> classified(n_events, 0);
    b.class_events.resize(journey.classes.size());
    for (std::size_t c = 0; c < journey.classes.size(); ++c) {
        std::vector<CompiledCondition> conds;
        for (const Condition& cond : journey.classes[c].any) {
            conds.push_back(matcher.compile(cond, "class '" + journey.classes[c].id + "'"));
        }
        for (std::size_t e = 0; e < n_events; ++e) {
            const auto ev = static_cast<std::uint32_t>(e);
            for (CompiledCondition& cond : conds) {
                if (matcher.test(cond, ev, b.touchpoint[e])) {
                    b.class_events[c].push_back(ev);
                    classified[e] = 1;
                    break;
                }
            }
        }
    }

    std::vector<std::uint64_t> unmatched(n_activities, 0);
    std::vector<std::uint64_t> class_only(n_activities, 0);
    for (std::size_t e = 0; e < n_events; ++e) {
        if (b.touchpoint[e] != Binding::unbound) {
            ++b.bound_events;
        } else if (classified[e] != 0) {
            ++b.class_only_events;
            ++class_only[log.activities()[e]];
        } else {
            ++b.unmatched_events;
            ++unmatched[log.activities()[e]];
        }
    }
    b.unmatched = sorted_counts(unmatched, log.activity_names());
    b.class_only = sorted_counts(class_only, log.activity_names());

    for (auto& [key, d] : doubles) {
        b.double_matches.push_back(std::move(d));
    }
    std::sort(b.double_matches.begin(), b.double_matches.end(),
              [](const DoubleMatch& x, const DoubleMatch& y) {
                  if (x.events != y.events) {
                      return x.events > y.events;
                  }
                  return std::tie(x.activity, x.winner, x.other) <
                         std::tie(y.activity, y.winner, y.other);
              });
    return b;
}

} // namespace journey
