#include "checker.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <journey/core/calendar.hpp>
#include <journey/core/regex.hpp>

namespace journey::dsl::detail {

namespace {

std::string quoted(std::string_view s) {
    return "'" + std::string(s) + "'";
}

std::string unknown_code(DeclKind k) {
    switch (k) {
    case DeclKind::event_class:
        return "unknown-class";
    case DeclKind::object_type:
        return "unknown-object";
    default:
        return "unknown-" + std::string(decl_kind_name(k));
    }
}

// ---- overlap analysis of match rules

bool literal_equal(const Literal& a, const Literal& b) {
    if (a.kind == Literal::Kind::number && b.kind == Literal::Kind::number) {
        return a.number == b.number;
    }
    return a.text == b.text;
}

bool is_set_op(CompareOp op) {
    return op == CompareOp::eq || op == CompareOp::in;
}
bool is_negated_set_op(CompareOp op) {
    return op == CompareOp::ne || op == CompareOp::not_in;
}
bool is_ordered_op(CompareOp op) {
    return op == CompareOp::lt || op == CompareOp::le || op == CompareOp::gt || op == CompareOp::ge;
}

// The numbers an ordered predicate on numbers accepts, as an interval.
struct Interval {
    double lo = -std::numeric_limits<double>::infinity();
    double hi = std::numeric_limits<double>::infinity();
    bool lo_open = true;
    bool hi_open = true;
};

std::optional<Interval> interval_of(const Predicate& p) {
    if (p.values.size() != 1 || p.values.front().kind != Literal::Kind::number) {
        return std::nullopt;
    }
    const double v = p.values.front().number;
    Interval i;
    switch (p.op) {
    case CompareOp::lt:
        i.hi = v;
        break;
    case CompareOp::le:
        i.hi = v;
        i.hi_open = false;
        break;
    case CompareOp::gt:
        i.lo = v;
        break;
    case CompareOp::ge:
        i.lo = v;
        i.lo_open = false;
        break;
    case CompareOp::eq:
        i.lo = i.hi = v;
        i.lo_open = i.hi_open = false;
        break;
    default:
        return std::nullopt;
    }
    return i;
}

bool intervals_disjoint(const Interval& a, const Interval& b) {
    // a entirely below b, or b entirely below a.
    auto below = [](const Interval& x, const Interval& y) {
        return x.hi < y.lo || (x.hi == y.lo && (x.hi_open || y.lo_open));
    };
    return below(a, b) || below(b, a);
}

std::optional<Regex> regex_of(const Predicate& p) {
    if (p.values.empty()) {
        return std::nullopt;
    }
    return Regex::compile(p.values.front().text, p.values.front().icase);
}

// True when no value can satisfy both `a` (a set predicate) and `b`.
bool set_disjoint(const Predicate& a, const Predicate& b) {
    const std::vector<Literal>& vals = a.values;
    if (is_set_op(b.op)) {
        return std::none_of(vals.begin(), vals.end(), [&](const Literal& x) {
            return std::any_of(b.values.begin(), b.values.end(),
                               [&](const Literal& y) { return literal_equal(x, y); });
        });
    }
    if (is_negated_set_op(b.op)) {
        return std::all_of(vals.begin(), vals.end(), [&](const Literal& x) {
            return std::any_of(b.values.begin(), b.values.end(),
                               [&](const Literal& y) { return literal_equal(x, y); });
        });
    }
    if (b.op == CompareOp::matches || b.op == CompareOp::not_matches) {
        const auto re = regex_of(b);
        if (!re) {
            return false;
        }
        const bool want = b.op == CompareOp::matches;
        return std::none_of(vals.begin(), vals.end(),
                            [&](const Literal& x) { return re->search(x.text) == want; });
    }
    if (b.op == CompareOp::missing) {
        return std::none_of(vals.begin(), vals.end(),
                            [](const Literal& x) { return x.text.empty(); });
    }
    if (is_ordered_op(b.op)) {
        const auto ib = interval_of(b);
        if (!ib) {
            return false;
        }
        return std::all_of(vals.begin(), vals.end(), [&](const Literal& x) {
            if (x.kind != Literal::Kind::number) {
                return false;
            }
            Predicate point;
            point.op = CompareOp::eq;
            point.values = {x};
            return intervals_disjoint(*interval_of(point), *ib);
        });
    }
    return false;
}

bool predicates_disjoint(const Predicate& a, const Predicate& b) {
    if ((a.op == CompareOp::exists && b.op == CompareOp::missing) ||
        (a.op == CompareOp::missing && b.op == CompareOp::exists)) {
        return true;
    }
    if (is_set_op(a.op)) {
        return set_disjoint(a, b);
    }
    if (is_set_op(b.op)) {
        return set_disjoint(b, a);
    }
    if (is_ordered_op(a.op) && is_ordered_op(b.op)) {
        const auto ia = interval_of(a);
        const auto ib = interval_of(b);
        return ia && ib && intervals_disjoint(*ia, *ib);
    }
    return false;
}

bool same_field(const Predicate& a, const Predicate& b) {
    return a.field == b.field && (a.field != EventField::attribute || a.attribute == b.attribute);
}

// Whether two rules can match one event. Decided when the activity tests allow it:
// two rules that test the activity only with regular expressions are not compared
// (that is undecidable here). `witness` receives an activity both accept, if known.
bool may_overlap(const Condition& a, const Condition& b, std::string& witness) {
    // A rule with a broken regular expression is reported as such, not compared.
    for (const Condition* c : {&a, &b}) {
        for (const Predicate& p : c->all) {
            if ((p.op == CompareOp::matches || p.op == CompareOp::not_matches) && !regex_of(p)) {
                return false;
            }
        }
    }
    for (const Predicate& pa : a.all) {
        for (const Predicate& pb : b.all) {
            if (same_field(pa, pb) && predicates_disjoint(pa, pb)) {
                return false;
            }
        }
    }
    auto activity_literals = [](const Condition& c) -> std::optional<std::vector<Literal>> {
        for (const Predicate& p : c.all) {
            if (p.field == EventField::activity && is_set_op(p.op)) {
                return p.values;
            }
        }
        return std::nullopt;
    };
    auto tests_activity = [](const Condition& c) {
        return std::any_of(c.all.begin(), c.all.end(),
                           [](const Predicate& p) { return p.field == EventField::activity; });
    };
    const auto la = activity_literals(a);
    const auto lb = activity_literals(b);
    auto accepts = [](const Condition& c, const std::string& activity) {
        for (const Predicate& p : c.all) {
            if (p.field != EventField::activity) {
                continue;
            }
            Predicate point;
            point.op = CompareOp::eq;
            point.values = {Literal::string_value(activity)};
            if (predicates_disjoint(point, p)) {
                return false;
            }
        }
        return true;
    };
    if (la || lb) {
        const auto& lits = la ? *la : *lb;
        const Condition& other = la ? b : a;
        for (const Literal& l : lits) {
            if (accepts(other, l.text) && accepts(la ? a : b, l.text)) {
                witness = l.text;
                return true;
            }
        }
        return false;
    }
    // Neither names activities: overlapping unless both use regexes on the activity.
    return !(tests_activity(a) && tests_activity(b));
}

// ---- designed order

bool contains(const OrderNode& n, const std::string& id) {
    if (n.kind == OrderNode::Kind::touchpoint) {
        return n.touchpoint == id;
    }
    return std::any_of(n.children.begin(), n.children.end(),
                       [&](const OrderNode& c) { return contains(c, id); });
}

// Whether some trace of `n` has `a` before `b`.
bool can_follow(const OrderNode& n, const std::string& a, const std::string& b) {
    switch (n.kind) {
    case OrderNode::Kind::touchpoint:
        return false;
    case OrderNode::Kind::optional:
        return can_follow(n.children.front(), a, b);
    case OrderNode::Kind::one_or_more:
    case OrderNode::Kind::zero_or_more:
        return contains(n.children.front(), a) && contains(n.children.front(), b);
    case OrderNode::Kind::sequence:
    case OrderNode::Kind::parallel:
    case OrderNode::Kind::choice: {
        std::optional<std::size_t> ia;
        std::optional<std::size_t> ib;
        for (std::size_t i = 0; i < n.children.size(); ++i) {
            if (!ia && contains(n.children[i], a)) {
                ia = i;
            }
            if (contains(n.children[i], b)) {
                ib = i; // the last child holding b
            }
        }
        if (!ia || !ib) {
            return false;
        }
        if (*ia == *ib) {
            return can_follow(n.children[*ia], a, b);
        }
        if (n.kind == OrderNode::Kind::sequence) {
            return *ia < *ib;
        }
        return n.kind == OrderNode::Kind::parallel;
    }
    }
    return false;
}

class Checker {
public:
    Checker(ParsedSpec& spec, SourceManager& sources, FileId file, const CompileOptions& options,
            std::vector<Diagnostic>& diags)
        : m_spec(spec), m_model(spec.model), m_sources(sources), m_file(file), m_options(options),
          m_diags(diags) {}

    void run() {
        duplicates();
        references();
        milestones();
        touchpoints();
        stages();
        order();
        slas();
        outcomes();
        regexes();
        zones();
        includes();
        hours();
        lanes();
        overlaps();
    }

private:
    void report(Severity severity, SourceRange r, std::string code, std::string message,
                std::vector<DiagnosticNote> notes = {}) {
        Diagnostic d;
        d.severity = severity;
        d.code = std::move(code);
        d.message = std::move(message);
        d.range = r;
        d.notes = std::move(notes);
        m_diags.push_back(std::move(d));
    }
    void error(SourceRange r, std::string code, std::string message,
               std::vector<DiagnosticNote> notes = {}) {
        report(Severity::error, r, std::move(code), std::move(message), std::move(notes));
    }
    void warning(SourceRange r, std::string code, std::string message,
                 std::vector<DiagnosticNote> notes = {}) {
        report(Severity::warning, r, std::move(code), std::move(message), std::move(notes));
    }

    const Decl* find_decl(DeclKind kind, std::string_view name, std::string_view scope = {}) const {
        for (const Decl& d : m_spec.decls) {
            if (d.kind == kind && d.name == name && d.scope == scope) {
                return &d;
            }
        }
        return nullptr;
    }

    const Decl* touchpoint_decl(std::size_t index) const {
        for (const Decl& d : m_spec.decls) {
            if (d.kind == DeclKind::touchpoint && d.index == index) {
                return &d;
            }
        }
        return nullptr;
    }

    void duplicates() {
        std::map<std::tuple<DeclKind, std::string, std::string>, const Decl*> first;
        for (const Decl& d : m_spec.decls) {
            const auto [it, fresh] = first.try_emplace({d.kind, d.scope, d.name}, &d);
            if (fresh) {
                continue;
            }
            std::string what = std::string(decl_kind_name(d.kind)) + " " + quoted(d.name);
            if (!d.scope.empty()) {
                what += " of touchpoint " + quoted(d.scope);
            }
            error(d.range, duplicate_code(d.kind), what + " is defined twice",
                  {{it->second->range, "first defined here"}});
        }
    }

    void references() {
        for (const Ref& r : m_spec.refs) {
            if (find_decl(r.kind, r.name) != nullptr) {
                continue;
            }
            std::vector<std::string> names;
            for (const Decl& d : m_spec.decls) {
                if (d.kind == r.kind && d.scope.empty()) {
                    names.push_back(d.name);
                }
            }
            const std::string hint = closest_name(r.name, names);
            error(r.range, unknown_code(r.kind),
                  "unknown " + std::string(decl_kind_name(r.kind)) + " " + quoted(r.name) +
                      (hint.empty() ? "" : "; did you mean " + quoted(hint) + "?"));
        }
    }

    void milestones() {
        if (!m_spec.has_journey) {
            return;
        }
        if (!m_model.start.given()) {
            error(m_spec.journey_range, "missing-milestone",
                  "the journey has no start milestone; add 'starts at TOUCHPOINT'");
        }
        if (!m_model.end.given()) {
            error(m_spec.journey_range, "missing-milestone",
                  "the journey has no end milestone; add 'ends at TOUCHPOINT'");
        }
    }

    void touchpoints() {
        for (const Decl& d : m_spec.decls) {
            if (d.kind != DeclKind::touchpoint || d.index >= m_model.touchpoints.size()) {
                continue;
            }
            const Touchpoint& tp = m_model.touchpoints[d.index];
            if (tp.id != d.name) {
                continue;
            }
            if (tp.owner.empty()) {
                error(d.range, "missing-owner",
                      "touchpoint " + quoted(tp.id) + " has no owner; add 'owner DEPARTMENT'");
            }
            if (tp.match.empty()) {
                warning(d.range, "no-match-rule",
                        "touchpoint " + quoted(tp.id) +
                            " has no match rule, so no event can evidence it");
            }
        }
    }

    void stages() {
        const std::size_t n = m_model.stages.size();
        std::map<std::string, std::size_t> index;
        for (std::size_t i = 0; i < n; ++i) {
            index.try_emplace(m_model.stages[i].id, i);
        }
        // Edges from a stage to the stages it follows.
        std::vector<std::vector<std::size_t>> preds(n);
        for (std::size_t i = 0; i < n; ++i) {
            for (const std::string& p : m_model.stage_predecessors(i)) {
                const auto it = index.find(p);
                if (it != index.end()) {
                    preds[i].push_back(it->second);
                }
            }
        }
        std::vector<int> state(n, 0); // 0 new, 1 on stack, 2 done
        std::vector<std::size_t> stack;
        std::vector<bool> reported(n, false);
        for (std::size_t s = 0; s < n; ++s) {
            if (state[s] == 0) {
                dfs(s, preds, state, stack, reported);
            }
        }
    }

    void dfs(std::size_t v, const std::vector<std::vector<std::size_t>>& preds,
             std::vector<int>& state, std::vector<std::size_t>& stack,
             std::vector<bool>& reported) {
        // Iterative DFS (stage graphs from fuzzed input can be long chains).
        std::vector<std::pair<std::size_t, std::size_t>> work{{v, 0}};
        state[v] = 1;
        stack.push_back(v);
        while (!work.empty()) {
            auto& [node, next] = work.back();
            if (next < preds[node].size()) {
                const std::size_t p = preds[node][next++];
                if (state[p] == 0) {
                    state[p] = 1;
                    stack.push_back(p);
                    work.emplace_back(p, 0);
                } else if (state[p] == 1) {
                    report_cycle(p, stack, reported);
                }
                continue;
            }
            state[node] = 2;
            stack.pop_back();
            work.pop_back();
        }
    }

    void report_cycle(std::size_t start, const std::vector<std::size_t>& stack,
                      std::vector<bool>& reported) {
        const auto it = std::find(stack.begin(), stack.end(), start);
        std::vector<std::size_t> cycle(it, stack.end());
        if (std::any_of(cycle.begin(), cycle.end(), [&](std::size_t s) { return reported[s]; })) {
            return;
        }
        for (const std::size_t s : cycle) {
            reported[s] = true;
        }
        // The stack runs from a stage to what it follows; print in journey order.
        std::reverse(cycle.begin(), cycle.end());
        const std::size_t first = *std::min_element(cycle.begin(), cycle.end());
        std::rotate(cycle.begin(), std::find(cycle.begin(), cycle.end(), first), cycle.end());
        std::string path;
        for (const std::size_t s : cycle) {
            path += m_model.stages[s].id + " -> ";
        }
        path += m_model.stages[first].id;
        const Decl* d = find_decl(DeclKind::stage, m_model.stages[first].id);
        error(d != nullptr ? d->range : m_spec.journey_range, "stage-cycle",
              "the stage order has a cycle: " + path);
    }

    void order() {
        std::map<std::string, SourceRange> seen;
        for (const OrderLeafSite& leaf : m_spec.order_leaves) {
            const auto [it, fresh] = seen.try_emplace(leaf.touchpoint, leaf.range);
            if (!fresh) {
                error(leaf.range, "duplicate-in-order",
                      "touchpoint " + quoted(leaf.touchpoint) +
                          " appears twice in the order; use '+' or '*' for a repeated touchpoint",
                      {{it->second, "first listed here"}});
                continue;
            }
            const Touchpoint* tp = m_model.find_touchpoint(leaf.touchpoint);
            if (tp != nullptr && !tp->designed) {
                warning(leaf.range, "adhoc-in-order",
                        "ad hoc touchpoint " + quoted(tp->id) +
                            " is in the designed order; ad hoc touchpoints may happen anywhere");
            }
        }
        if (m_model.order) {
            for (const Decl& d : m_spec.decls) {
                if (d.kind != DeclKind::touchpoint || d.index >= m_model.touchpoints.size()) {
                    continue;
                }
                const Touchpoint& tp = m_model.touchpoints[d.index];
                if (tp.designed && tp.id == d.name && seen.count(tp.id) == 0) {
                    warning(d.range, "unordered-touchpoint",
                            "designed touchpoint " + quoted(tp.id) +
                                " is not in the designed order",
                            m_spec.order_range ? std::vector<DiagnosticNote>{{*m_spec.order_range,
                                                                              "the order is here"}}
                                               : std::vector<DiagnosticNote>{});
                }
            }
        }
        reachability();
    }

    void reachability() {
        if (!m_spec.ends_range || m_model.end.kind != Selector::Kind::touchpoint) {
            return;
        }
        const Touchpoint* end = m_model.find_touchpoint(m_model.end.name);
        if (end == nullptr) {
            return; // reported as unknown
        }
        const std::optional<OrderNode> ord = m_model.designed_order();
        std::vector<DiagnosticNote> notes;
        if (m_spec.order_range) {
            notes.push_back({*m_spec.order_range, "the designed order is here"});
        }
        if (!ord || !contains(*ord, end->id)) {
            error(*m_spec.ends_range, "unreachable-end",
                  "the end milestone " + quoted(end->id) +
                      " is not in the designed order, so no journey can reach it",
                  notes);
            return;
        }
        if (m_model.start.kind != Selector::Kind::touchpoint || m_model.start.name == end->id) {
            return;
        }
        if (m_model.find_touchpoint(m_model.start.name) == nullptr ||
            !contains(*ord, m_model.start.name)) {
            return;
        }
        if (!can_follow(*ord, m_model.start.name, end->id)) {
            error(*m_spec.ends_range, "unreachable-end",
                  "the end milestone " + quoted(end->id) +
                      " can never follow the start milestone " + quoted(m_model.start.name) +
                      " in the designed order",
                  notes);
        }
    }

    void slas() {
        for (const SlaSite& site : m_spec.slas) {
            if (site.touchpoint >= m_model.touchpoints.size()) {
                continue;
            }
            const Touchpoint& tp = m_model.touchpoints[site.touchpoint];
            if (site.sla >= tp.slas.size()) {
                continue;
            }
            const Sla& sla = tp.slas[site.sla];
            const std::string name =
                sla.id.empty() ? "SLA of touchpoint " + quoted(tp.id)
                               : "SLA " + quoted(sla.id) + " of touchpoint " + quoted(tp.id);
            if (!sla.to.given()) {
                error(site.range, "sla-without-stop",
                      name +
                          " has no stop selector; add 'to ...' (the event that stops the clock)");
            }
            if (sla.basis != TimeBasis::business || !sla.calendar.empty()) {
                continue;
            }
            const Department* owner = m_model.find_department(tp.owner);
            if (owner == nullptr) {
                continue; // no or unknown owner: reported elsewhere
            }
            if (owner->calendar.empty()) {
                error(site.range, "needs-calendar",
                      name + " counts working time, but its owner " + quoted(owner->id) +
                          " has no calendar; give the department a calendar or the SLA "
                          "'calendar NAME'");
            }
        }
    }

    void outcomes() {
        for (const Decl& d : m_spec.decls) {
            if (d.kind != DeclKind::outcome || d.index >= m_model.outcomes.size()) {
                continue;
            }
            const Outcome& o = m_model.outcomes[d.index];
            bool missing = false;
            for (const auto* list : {&o.all, &o.when}) {
                for (const Check& c : *list) {
                    for (const Measure* m : {&c.lhs, c.rhs ? &*c.rhs : nullptr}) {
                        if (m != nullptr && m->kind == Measure::Kind::duration &&
                            m->basis == TimeBasis::business && m->calendar.empty()) {
                            missing = true;
                        }
                    }
                }
            }
            if (missing) {
                error(d.range, "needs-calendar",
                      "outcome " + quoted(o.id) +
                          " measures working time but names no calendar; write "
                          "'duration(...) business calendar NAME'");
            }
        }
    }

    void regexes() {
        for (const RegexSite& r : m_spec.regexes) {
            RegexError err;
            if (Regex::compile(r.pattern, r.icase, &err)) {
                continue;
            }
            const std::uint32_t at =
                r.range.begin.offset + 1 +
                static_cast<std::uint32_t>(std::min(err.offset, r.pattern.size()));
            const SourceLocation loc = m_sources.location(r.range.begin.file, at);
            SourceLocation end = m_sources.location(r.range.begin.file, at + 1);
            if (end.line != loc.line) {
                end = loc;
            }
            error({loc, end}, "bad-regex", "bad regular expression: " + err.message);
        }
    }

    void zones() {
        for (const ZoneSite& z : m_spec.zones) {
            const std::string& name = m_model.calendars[z.calendar].time_zone;
            if (TimeZone::from_name(name)) {
                continue;
            }
            std::vector<std::string> names;
            for (const std::string_view n : TimeZone::named_zones()) {
                names.emplace_back(n);
            }
            const std::string hint = closest_name(name, names);
            error(z.range, "unknown-timezone",
                  "unknown time zone \"" + name + "\"" +
                      (hint.empty() ? "" : "; did you mean \"" + hint + "\"?") +
                      " (use \"UTC\", an offset such as \"+01:00\", or a zone listed in "
                      "docs/dsl-reference.md)");
        }
    }

    void includes() {
        for (const IncludeSite& inc : m_spec.includes) {
            Calendar& cal = m_model.calendars[inc.calendar];
            HolidayFile& hf = cal.holiday_files[inc.file];
            const std::string path = join_path(m_sources.name(m_file), hf.path);
            std::optional<std::string> text;
            if (m_options.files != nullptr) {
                text = m_options.files->read(path);
            }
            if (!text) {
                error(inc.range, "include-not-found",
                      "cannot read holiday file " + quoted(hf.path) +
                          (path != hf.path ? " (looked for " + quoted(path) + ")" : ""));
                continue;
            }
            const FileId id = m_sources.add(path, std::move(*text));
            hf.days = holiday_days(id);
        }
    }

    std::vector<std::int64_t> holiday_days(FileId id) {
        std::vector<std::int64_t> days;
        const std::string& text = m_sources.text(id);
        std::size_t pos = 0;
        while (pos < text.size()) {
            std::size_t end = text.find('\n', pos);
            if (end == std::string::npos) {
                end = text.size();
            }
            std::string_view line(text.data() + pos, end - pos);
            const std::size_t hash = line.find('#');
            if (hash != std::string_view::npos) {
                line = line.substr(0, hash);
            }
            std::size_t b = 0;
            while (b < line.size() && (line[b] == ' ' || line[b] == '\t' || line[b] == '\r')) {
                ++b;
            }
            std::size_t e = b;
            while (e < line.size() && line[e] != ' ' && line[e] != '\t' && line[e] != '\r') {
                ++e;
            }
            if (e > b) {
                const std::string_view word = line.substr(b, e - b);
                if (const auto day = parse_date(word)) {
                    days.push_back(*day);
                } else {
                    const auto at = static_cast<std::uint32_t>(pos + b);
                    error({m_sources.location(id, at),
                           m_sources.location(id, at + static_cast<std::uint32_t>(word.size()))},
                          "bad-holiday",
                          quoted(word) + " is not a date; holiday files hold one YYYY-MM-DD per "
                                         "line, optionally followed by a name");
                }
            }
            pos = end + 1;
        }
        return days;
    }

    void hours() {
        // Per calendar: for every weekday, the ranges of each line.
        for (std::size_t i = 0; i < m_spec.hours.size(); ++i) {
            const HoursSite& a = m_spec.hours[i];
            const WorkingHours& ha = m_model.calendars[a.calendar].hours[a.line];
            if (overlaps_within(ha)) {
                warning(a.range, "overlapping-hours", "working hours on this line overlap");
                continue;
            }
            for (std::size_t j = 0; j < i; ++j) {
                const HoursSite& b = m_spec.hours[j];
                if (b.calendar != a.calendar) {
                    continue;
                }
                const WorkingHours& hb = m_model.calendars[b.calendar].hours[b.line];
                if (const auto day = shared_overlap(ha, hb)) {
                    warning(a.range, "overlapping-hours",
                            "working hours on " + std::string(weekday_name(*day)) +
                                " overlap an earlier line",
                            {{b.range, "the earlier line"}});
                    break;
                }
            }
        }
    }

    static bool overlaps_within(const WorkingHours& h) {
        for (std::size_t i = 0; i < h.times.size(); ++i) {
            for (std::size_t j = 0; j < i; ++j) {
                if (h.times[i].begin < h.times[j].end && h.times[j].begin < h.times[i].end) {
                    return true;
                }
            }
        }
        return false;
    }

    static std::optional<Weekday> shared_overlap(const WorkingHours& a, const WorkingHours& b) {
        for (int d = 0; d < 7; ++d) {
            const auto day = static_cast<Weekday>(d);
            auto covers = [&](const WorkingHours& h) {
                return std::any_of(h.days.begin(), h.days.end(), [&](const WeekdayRange& r) {
                    return r.first <= day && day <= r.last;
                });
            };
            if (!covers(a) || !covers(b)) {
                continue;
            }
            for (const MinuteRange& x : a.times) {
                for (const MinuteRange& y : b.times) {
                    if (x.begin < y.end && y.begin < x.end) {
                        return day;
                    }
                }
            }
        }
        return std::nullopt;
    }

    void lanes() {
        std::map<std::int32_t, const LaneSite*> first;
        for (const LaneSite& s : m_spec.lanes) {
            const Department& d = m_model.departments[s.department];
            if (d.lane == 0) {
                continue;
            }
            const auto [it, fresh] = first.try_emplace(d.lane, &s);
            if (!fresh) {
                const Department& other = m_model.departments[it->second->department];
                warning(s.range, "duplicate-lane",
                        "departments " + quoted(other.id) + " and " + quoted(d.id) +
                            " share lane " + std::to_string(d.lane),
                        {{it->second->range, "lane first used here"}});
            }
        }
    }

    void overlaps() {
        std::size_t reported = 0;
        for (std::size_t i = 0; i < m_spec.matches.size(); ++i) {
            const MatchSite& b = m_spec.matches[i];
            for (std::size_t j = 0; j < i; ++j) {
                const MatchSite& a = m_spec.matches[j];
                if (a.touchpoint == b.touchpoint || a.touchpoint >= m_model.touchpoints.size() ||
                    b.touchpoint >= m_model.touchpoints.size()) {
                    continue;
                }
                const Touchpoint& ta = m_model.touchpoints[a.touchpoint];
                const Touchpoint& tb = m_model.touchpoints[b.touchpoint];
                const MatchRule& ra = ta.match[a.rule];
                const MatchRule& rb = tb.match[b.rule];
                if (ra.priority != rb.priority) {
                    continue;
                }
                std::string witness;
                if (!may_overlap(ra.condition, rb.condition, witness)) {
                    continue;
                }
                error(b.range, "overlapping-match",
                      "match rules of touchpoints " + quoted(ta.id) + " and " + quoted(tb.id) +
                          " can match the same event" +
                          (witness.empty() ? "" : " (activity " + quoted(witness) + ")") +
                          "; make them exclusive or give one a priority",
                      {{a.range, "the other rule"}});
                if (++reported >= m_options.max_errors) {
                    return;
                }
                break;
            }
        }
    }

    ParsedSpec& m_spec;
    Journey& m_model;
    SourceManager& m_sources;
    FileId m_file;
    const CompileOptions& m_options;
    std::vector<Diagnostic>& m_diags;
};

} // namespace

void check(ParsedSpec& spec, SourceManager& sources, FileId file, const CompileOptions& options,
           std::vector<Diagnostic>& diags) {
    Checker(spec, sources, file, options, diags).run();
}

} // namespace journey::dsl::detail
