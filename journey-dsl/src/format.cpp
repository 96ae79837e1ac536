#include <journey/dsl/format.hpp>

#include <algorithm>
#include <charconv>

#include "parser.hpp"

namespace journey::dsl {

std::string quote(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += c;
        }
    }
    out += '"';
    return out;
}

namespace {

constexpr std::size_t width = 100;

bool is_identifier(std::string_view s) {
    if (s.empty()) {
        return false;
    }
    const auto alpha = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    };
    if (!alpha(s.front())) {
        return false;
    }
    return std::all_of(s.begin(), s.end(),
                       [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); });
}

// A name that may be written bare (attribute names, channels): quoted otherwise.
std::string name_text(std::string_view s) {
    if (is_identifier(s) && !detail::is_reserved(s)) {
        return std::string(s);
    }
    return quote(s);
}

std::string percent_text(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    return std::string(buf, r.ptr) + "%";
}

std::string literal_text(const Literal& l) {
    switch (l.kind) {
    case Literal::Kind::string:
        return quote(l.text);
    case Literal::Kind::identifier:
        // A value position reads any word back as an identifier, reserved words included.
        return is_identifier(l.text) ? l.text : quote(l.text);
    case Literal::Kind::number:
    case Literal::Kind::boolean:
        return l.text;
    case Literal::Kind::duration:
        return format_duration(l.duration);
    case Literal::Kind::regex:
        return "/" + l.text + "/" + (l.icase ? "i" : "");
    }
    return quote(l.text);
}

std::string spaces(std::size_t n) {
    return std::string(n, ' ');
}

// Renders `[a, b]`; with `wrap`, one item per line at indent + 2, ']' at indent.
std::string list_text(const std::vector<Literal>& values, std::optional<std::size_t> wrap) {
    if (!wrap || values.size() < 2) {
        std::string s = "[";
        for (std::size_t i = 0; i < values.size(); ++i) {
            s += (i ? ", " : "") + literal_text(values[i]);
        }
        return s + "]";
    }
    std::string s = "[\n";
    for (std::size_t i = 0; i < values.size(); ++i) {
        s += spaces(*wrap + 2) + literal_text(values[i]) + (i + 1 < values.size() ? ",\n" : "\n");
    }
    return s + spaces(*wrap) + "]";
}

std::string predicate_text(const Predicate& p, std::optional<std::size_t> wrap) {
    std::string s(field_name(p.field));
    if (p.field == EventField::attribute) {
        s += " " + name_text(p.attribute);
    }
    switch (p.op) {
    case CompareOp::exists:
    case CompareOp::missing:
        return s + " " + std::string(op_text(p.op));
    case CompareOp::in:
    case CompareOp::not_in:
        return s + " " + std::string(op_text(p.op)) + " " + list_text(p.values, wrap);
    default:
        break;
    }
    s += " " + std::string(op_text(p.op));
    if (!p.values.empty()) {
        s += " " + literal_text(p.values.front());
    }
    return s;
}

std::string condition_text(const Condition& c, std::optional<std::size_t> wrap = {}) {
    std::string s;
    for (std::size_t i = 0; i < c.all.size(); ++i) {
        s += (i ? " and " : "") + predicate_text(c.all[i], wrap);
    }
    return s;
}

std::string selector_text(const Selector& sel) {
    std::string s = sel.pick == Selector::Pick::last ? "last " : "";
    switch (sel.kind) {
    case Selector::Kind::none:
        return s;
    case Selector::Kind::touchpoint:
        return s + sel.name;
    case Selector::Kind::event_class:
        return s + "class " + sel.name;
    case Selector::Kind::events:
        return s + "event(" + condition_text(sel.condition) + ")";
    case Selector::Kind::attribute:
        return "attr " + name_text(sel.name);
    case Selector::Kind::start:
        return s + "start";
    case Selector::Kind::end:
        return s + "end";
    case Selector::Kind::later: {
        std::string t = "later(";
        for (std::size_t i = 0; i < sel.operands.size(); ++i) {
            t += (i == 0 ? "" : ", ") + selector_text(sel.operands[i]);
        }
        return t + ")";
    }
    }
    return s;
}

std::string thresholds_text(const Thresholds& t) {
    std::string s = "target " + percent_text(t.target_percent);
    if (t.amber_percent) {
        s += " amber " + percent_text(*t.amber_percent);
    }
    return s;
}

std::string measure_text(const Measure& m) {
    switch (m.kind) {
    case Measure::Kind::duration: {
        std::string s = "duration(" + selector_text(m.from) + " -> " + selector_text(m.to) + ")";
        if (m.basis == TimeBasis::business) {
            s += " business";
            if (!m.calendar.empty()) {
                s += " calendar " + m.calendar;
            }
        }
        return s;
    }
    case Measure::Kind::count: {
        std::string s = "count(" + selector_text(m.from);
        if (m.window) {
            s +=
                " within " + format_duration(*m.window) + " after " + selector_text(m.window_after);
        }
        return s + ")";
    }
    case Measure::Kind::time:
        return "time(" + selector_text(m.from) + ")";
    case Measure::Kind::attribute:
        return "attr " + name_text(m.attribute);
    case Measure::Kind::exists:
        return "exists(" + selector_text(m.from) + ")";
    }
    return {};
}

std::string check_text(const Check& c) {
    if (c.op == CompareOp::exists) {
        return measure_text(c.lhs);
    }
    std::string s = measure_text(c.lhs) + " " + std::string(op_text(c.op)) + " ";
    if (c.value) {
        s += literal_text(*c.value);
    } else if (c.rhs) {
        s += measure_text(*c.rhs);
        if (c.offset) {
            Duration d = *c.offset;
            const bool minus = d.value < 0;
            d.value = minus ? -d.value : d.value;
            s += std::string(minus ? " - " : " + ") + format_duration(d);
        }
    }
    return s;
}

std::string days_text(const std::vector<WeekdayRange>& days) {
    std::string s;
    for (std::size_t i = 0; i < days.size(); ++i) {
        s += i ? ", " : "";
        s += weekday_name(days[i].first);
        if (days[i].last != days[i].first) {
            s += "-" + std::string(weekday_name(days[i].last));
        }
    }
    return s;
}

std::string minute_text(std::int32_t m) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", m / 60, m % 60);
    return buf;
}

std::string hours_text(const WorkingHours& h) {
    std::string s = days_text(h.days) + " ";
    for (std::size_t i = 0; i < h.times.size(); ++i) {
        s += (i ? ", " : "") + minute_text(h.times[i].begin) + "-" + minute_text(h.times[i].end);
    }
    return s;
}

bool is_binary(const OrderNode& n) {
    return n.kind == OrderNode::Kind::sequence || n.kind == OrderNode::Kind::parallel ||
           n.kind == OrderNode::Kind::choice;
}

std::string_view order_op(OrderNode::Kind k) {
    return k == OrderNode::Kind::sequence ? "->" : k == OrderNode::Kind::parallel ? "&" : "|";
}

std::string_view order_suffix(OrderNode::Kind k) {
    return k == OrderNode::Kind::optional       ? "?"
           : k == OrderNode::Kind::one_or_more  ? "+"
           : k == OrderNode::Kind::zero_or_more ? "*"
                                                : "";
}

std::string order_flat(const OrderNode& n) {
    if (n.kind == OrderNode::Kind::touchpoint) {
        return n.touchpoint;
    }
    if (!is_binary(n)) {
        if (n.children.empty()) {
            return {};
        }
        const OrderNode& c = n.children.front();
        const bool paren = c.kind != OrderNode::Kind::touchpoint;
        return (paren ? "(" : "") + order_flat(c) + (paren ? ")" : "") +
               std::string(order_suffix(n.kind));
    }
    std::string s;
    for (std::size_t i = 0; i < n.children.size(); ++i) {
        const OrderNode& c = n.children[i];
        if (i > 0) {
            s += " " + std::string(order_op(n.kind)) + " ";
        }
        s += is_binary(c) ? "(" + order_flat(c) + ")" : order_flat(c);
    }
    return s;
}

// The order expression starting at `column`, lines after the first indented by `indent`.
std::string order_text(const OrderNode& n, std::size_t indent, std::size_t column) {
    const std::string flat = order_flat(n);
    if (column + flat.size() <= width || n.kind == OrderNode::Kind::touchpoint) {
        return flat;
    }
    if (!is_binary(n)) {
        if (n.children.empty()) {
            return flat;
        }
        const OrderNode& c = n.children.front();
        if (c.kind == OrderNode::Kind::touchpoint) {
            return flat;
        }
        return "(\n" + spaces(indent + 2) + order_text(c, indent + 2, indent + 2) + "\n" +
               spaces(indent) + ")" + std::string(order_suffix(n.kind));
    }
    std::string s;
    for (std::size_t i = 0; i < n.children.size(); ++i) {
        const OrderNode& c = n.children[i];
        std::size_t col = column;
        if (i > 0) {
            s += "\n" + spaces(indent + 2) + std::string(order_op(n.kind)) + " ";
            col = indent + 3 + order_op(n.kind).size();
        }
        const std::size_t child_indent = i > 0 ? indent + 2 : indent;
        if (!is_binary(c)) {
            s += order_text(c, child_indent, col);
            continue;
        }
        const std::string child_flat = "(" + order_flat(c) + ")";
        if (col + child_flat.size() <= width) {
            s += child_flat;
        } else {
            s += "(\n" + spaces(child_indent + 2) +
                 order_text(c, child_indent + 2, child_indent + 2) + "\n" + spaces(child_indent) +
                 ")";
        }
    }
    return s;
}

class Printer {
public:
    Printer(const Journey& j, std::span<const SpecComment> comments)
        : m_j(j), m_comments(comments), m_used(comments.size(), false) {}

    std::string run() {
        lead("journey");
        open("journey " + quote(m_j.name), "journey");
        settings();
        begin_group();
        for (const Calendar& c : m_j.calendars) {
            calendar(c);
        }
        begin_group();
        for (const Department& d : m_j.departments) {
            department(d);
        }
        begin_group();
        for (const ObjectType& o : m_j.object_types) {
            object(o);
        }
        begin_group();
        for (const EventClass& c : m_j.classes) {
            event_class(c);
        }
        begin_group();
        for (const Segment& s : m_j.segments) {
            segment(s);
        }
        for (const Stage& s : m_j.stages) {
            begin_group();
            start_item();
            stage(s);
        }
        begin_group();
        for (const Touchpoint& tp : m_j.touchpoints) {
            if (tp.stage.empty() || m_j.find_stage(tp.stage) == nullptr) {
                start_item();
                blank();
                touchpoint(tp);
            }
        }
        if (m_j.order) {
            begin_group();
            start_item();
            lead("order");
            const std::size_t ind = m_indent * 2;
            const std::string prefix = spaces(ind) + "order ";
            put(prefix + order_text(*m_j.order, ind, prefix.size()) + trail("order"));
        }
        begin_group();
        for (const Outcome& o : m_j.outcomes) {
            outcome(o);
        }
        // Comments whose statements are gone come last, inside the journey.
        for (std::size_t i = 0; i < m_comments.size(); ++i) {
            if (!m_used[i] && m_comments[i].anchor != "eof" && m_comments[i].anchor != "journey") {
                comment_line(i);
            }
        }
        --m_indent;
        put("}" + trail("journey/}"));
        for (std::size_t i = 0; i < m_comments.size(); ++i) {
            if (!m_used[i]) {
                comment_line(i);
            }
        }
        return std::move(m_out);
    }

private:
    // ---- layout

    // Appends one line (which may contain line breaks of a wrapped statement).
    void put(const std::string& line, bool opens = false) {
        m_out += line;
        m_out += '\n';
        m_after_open = opens;
    }

    // A blank line, unless at the start of a block or after another blank line.
    void blank() {
        if (!m_out.empty() && !m_after_open && !m_out.ends_with("\n\n")) {
            m_out += '\n';
        }
    }

    // The next item starts a new group: a blank line goes before it.
    void begin_group() { m_pending_group = true; }
    void start_item() {
        if (m_pending_group) {
            blank();
            m_pending_group = false;
        }
    }

    void comment_line(std::size_t i) {
        m_used[i] = true;
        put(spaces(m_indent * 2) + "#" + m_comments[i].text, m_after_open);
    }

    // Leading comments of `anchor` (and extra trailing ones) as lines.
    void lead(const std::string& anchor) {
        bool trailing_seen = false;
        for (std::size_t i = 0; i < m_comments.size(); ++i) {
            if (m_used[i] || m_comments[i].anchor != anchor) {
                continue;
            }
            if (m_comments[i].trailing && !trailing_seen) {
                trailing_seen = true; // printed at the end of the statement's line
                continue;
            }
            comment_line(i);
        }
    }

    // The first unused trailing comment of `anchor`, as "  #text", or empty.
    std::string trail(const std::string& anchor) {
        for (std::size_t i = 0; i < m_comments.size(); ++i) {
            if (!m_used[i] && m_comments[i].anchor == anchor && m_comments[i].trailing) {
                m_used[i] = true;
                return "  #" + m_comments[i].text;
            }
        }
        return {};
    }

    // Unused comments under `prefix` (children of a block whose statements are gone),
    // except those of `keep` (printed by the caller).
    void leftovers(const std::string& prefix, const std::string& keep = {}) {
        for (std::size_t i = 0; i < m_comments.size(); ++i) {
            if (!m_used[i] && m_comments[i].anchor.starts_with(prefix) &&
                m_comments[i].anchor != keep) {
                comment_line(i);
            }
        }
    }

    bool has_comments_under(const std::string& prefix) const {
        for (std::size_t i = 0; i < m_comments.size(); ++i) {
            if (!m_used[i] && m_comments[i].anchor.starts_with(prefix)) {
                return true;
            }
        }
        return false;
    }

    // A one-line statement: leading comments, the pieces (wrapped when too long),
    // the trailing comment.
    void statement(const std::vector<std::string>& pieces, const std::string& anchor) {
        lead(anchor);
        const std::size_t ind = m_indent * 2;
        std::string flat;
        for (std::size_t i = 0; i < pieces.size(); ++i) {
            flat += (i ? " " : "") + pieces[i];
        }
        std::string text;
        if (ind + flat.size() <= width || pieces.size() == 1) {
            text = spaces(ind) + flat;
        } else {
            text = spaces(ind) + pieces.front();
            for (std::size_t i = 1; i < pieces.size(); ++i) {
                text += "\n" + spaces(ind + 4) + pieces[i];
            }
        }
        put(text + trail(anchor));
    }

    void open(const std::string& header, const std::string& anchor) {
        lead(anchor);
        put(spaces(m_indent * 2) + header + " {" + trail(anchor), true);
        ++m_indent;
    }

    void close(const std::string& anchor) {
        leftovers(anchor + "/", anchor + "/}");
        lead(anchor + "/}");
        --m_indent;
        put(spaces(m_indent * 2) + "}" + trail(anchor + "/}"));
    }

    // A condition as a piece starting at the statement indent; lists wrap when the
    // piece alone is too long.
    std::string condition_piece(const std::string& head, const Condition& c,
                                bool continuation = false) {
        const std::size_t ind = m_indent * 2 + (continuation ? 4 : 0);
        std::string flat = head + condition_text(c);
        if (ind + flat.size() <= width) {
            return flat;
        }
        return head + condition_text(c, ind);
    }

    // `head condition` as one piece when it fits, else `head` and the condition as a
    // continuation piece.
    std::vector<std::string> headed(const std::string& head, const Condition& c) {
        const std::string one = condition_piece(head + " ", c);
        const std::size_t first_line = std::min(one.find('\n'), one.size());
        if (m_indent * 2 + first_line <= width) {
            return {one};
        }
        return {head, condition_piece("", c, true)};
    }

    static std::string header(const std::string& kw, const std::string& id,
                              const std::string& label) {
        return kw + " " + id + (label.empty() ? "" : " " + quote(label));
    }

    // ---- sections

    void settings() {
        const Journey& j = m_j;
        bool any = false;
        if (!j.promise.empty()) {
            statement({"promise " + quote(j.promise)}, "promise");
            any = true;
        }
        if (j.key.kind != JourneyKey::Kind::case_id) {
            statement({j.key.kind == JourneyKey::Kind::attribute
                           ? "key attr " + name_text(j.key.name)
                           : "key object " + j.key.name},
                      "key");
            any = true;
        }
        if (j.start.given()) {
            statement({"starts at " + selector_text(j.start)}, "starts");
            any = true;
        }
        if (j.end.given()) {
            std::vector<std::string> pieces{"ends at " + selector_text(j.end)};
            if (j.end_unless.given()) {
                pieces.push_back("unless " + selector_text(j.end_unless));
                pieces.push_back("within " + format_duration(j.lookahead));
            }
            statement(pieces, "ends");
            any = true;
        }
        const Journey defaults;
        if (j.source_attribute != defaults.source_attribute) {
            statement({"source attr " + name_text(j.source_attribute)}, "source");
            any = true;
        }
        if (j.actor_attribute != defaults.actor_attribute) {
            statement({"actor attr " + name_text(j.actor_attribute)}, "actor");
            any = true;
        }
        if (j.object_columns != defaults.object_columns) {
            statement({"objects attr " + name_text(j.object_columns.type_attribute) + ", " +
                       name_text(j.object_columns.id_attribute)},
                      "objects");
            any = true;
        }
        if (j.success) {
            statement({"success " + thresholds_text(*j.success)}, "success");
            any = true;
        }
        if (any) {
            begin_group();
        }
    }

    void calendar(const Calendar& c) {
        const std::string anchor = "calendar:" + c.id;
        std::vector<std::pair<std::string, std::string>> body; // text, anchor
        for (std::size_t i = 0; i < c.hours.size(); ++i) {
            body.emplace_back(hours_text(c.hours[i]), anchor + "/hours:" + std::to_string(i));
        }
        if (!c.time_zone.empty()) {
            body.emplace_back("tz " + quote(c.time_zone), anchor + "/tz");
        }
        if (!c.holidays.empty()) {
            std::string s = "holidays ";
            for (std::size_t i = 0; i < c.holidays.size(); ++i) {
                s += (i ? ", " : "") + format_date(c.holidays[i]);
            }
            body.emplace_back(s, anchor + "/holidays");
        }
        for (const HolidayFile& f : c.holiday_files) {
            body.emplace_back("holidays " + quote(f.path), anchor + "/holidays:" + f.path);
        }
        block_or_line(header("calendar", c.id, c.label), anchor, body, true);
    }

    // Prints `head { a; b }` on one line when it fits and no comment is inside,
    // else as a block. Without body, `head` alone (or `head { }` if `braces`).
    void block_or_line(const std::string& head, const std::string& anchor,
                       const std::vector<std::pair<std::string, std::string>>& body, bool braces) {
        start_item();
        if (body.empty()) {
            lead(anchor);
            leftovers(anchor + "/");
            put(spaces(m_indent * 2) + head + (braces ? " {}" : "") + trail(anchor));
            return;
        }
        std::string one = head + " { ";
        for (std::size_t i = 0; i < body.size(); ++i) {
            one += (i ? "; " : "") + body[i].first;
        }
        one += " }";
        if (m_indent * 2 + one.size() <= width && !has_comments_under(anchor + "/")) {
            lead(anchor);
            put(spaces(m_indent * 2) + one + trail(anchor));
            return;
        }
        open(head, anchor);
        for (const auto& [text, a] : body) {
            statement({text}, a);
        }
        close(anchor);
    }

    void department(const Department& d) {
        const std::string anchor = "department:" + d.id;
        std::vector<std::pair<std::string, std::string>> body;
        if (d.lane != 0) {
            body.emplace_back("lane " + std::to_string(d.lane), anchor + "/lane");
        }
        if (!d.color.empty()) {
            body.emplace_back("color " + quote(d.color), anchor + "/color");
        }
        if (!d.calendar.empty()) {
            body.emplace_back("calendar " + d.calendar, anchor + "/calendar");
        }
        if (d.external) {
            body.emplace_back("external", anchor + "/external");
        }
        block_or_line(header("department", d.id, d.label), anchor, body, false);
    }

    void object(const ObjectType& o) {
        start_item();
        std::string s = header("object", o.id, o.label) + " from ";
        switch (o.naming) {
        case ObjectNaming::link:
            s += "link";
            if (!o.key.empty() && o.key != o.id) {
                s += " " + quote(o.key);
            }
            break;
        case ObjectNaming::attribute:
            s += "attr " + name_text(o.effective_key());
            break;
        case ObjectNaming::pair:
            s += "pair";
            if (!o.key.empty() && o.key != o.id) {
                s += " " + quote(o.key);
            }
            break;
        }
        const std::string anchor = "object:" + o.id;
        lead(anchor);
        leftovers(anchor + "/");
        statement({s}, anchor);
    }

    void event_class(const EventClass& c) {
        start_item();
        const std::string anchor = "class:" + c.id;
        std::string head = header("class", c.id, c.label);
        if (c.role != ClassRole::none) {
            head += " : " + std::string(role_name(c.role));
        }
        if (c.any.size() == 1) {
            lead(anchor);
            leftovers(anchor + "/");
            statement(headed(head + " =", c.any.front()), anchor);
            return;
        }
        open(head, anchor);
        for (std::size_t i = 0; i < c.any.size(); ++i) {
            statement({condition_piece("match ", c.any[i])},
                      anchor + "/match:" + std::to_string(i));
        }
        close(anchor);
    }

    void segment(const Segment& s) {
        start_item();
        std::string text = header("segment", s.id, s.label) + " = ";
        switch (s.kind) {
        case Segment::Kind::field:
            text += std::string(field_name(s.field));
            break;
        case Segment::Kind::attribute:
            text += "attr " + name_text(s.attribute);
            break;
        case Segment::Kind::month:
            text += "month";
            break;
        case Segment::Kind::weekday:
            text += "weekday";
            break;
        }
        if (s.of.given()) {
            text += " of " + selector_text(s.of);
        }
        statement({text}, "segment:" + s.id);
    }

    void stage(const Stage& s) {
        std::string head = header("stage", s.id, s.label);
        if (!s.after.empty()) {
            head += " after ";
            for (std::size_t i = 0; i < s.after.size(); ++i) {
                head += (i ? ", " : "") + s.after[i];
            }
        }
        const std::string anchor = "stage:" + s.id;
        open(head, anchor);
        bool first = true;
        for (const Touchpoint& tp : m_j.touchpoints) {
            if (tp.stage != s.id) {
                continue;
            }
            if (!first) {
                blank();
            }
            first = false;
            touchpoint(tp);
        }
        close(anchor);
    }

    void touchpoint(const Touchpoint& tp) {
        const std::string anchor = "touchpoint:" + tp.id;
        open(header("touchpoint", tp.id, tp.label), anchor);
        if (!tp.owner.empty()) {
            std::string s = "owner " + tp.owner;
            for (const std::string& o : tp.co_owners) {
                s += ", " + o;
            }
            statement({s}, anchor + "/owner");
        }
        if (!tp.channels.empty()) {
            std::string s = "channels ";
            for (std::size_t i = 0; i < tp.channels.size(); ++i) {
                s += (i ? ", " : "") + name_text(tp.channels[i]);
            }
            statement({s}, anchor + "/channels");
        }
        if (!tp.designed) {
            statement({"adhoc"}, anchor + "/kind");
        }
        if (tp.hidden) {
            statement({"hidden"}, anchor + "/hidden");
        }
        for (std::size_t i = 0; i < tp.match.size(); ++i) {
            std::vector<std::string> pieces{condition_piece("match ", tp.match[i].condition)};
            if (tp.match[i].priority != 0) {
                pieces.push_back("priority " + std::to_string(tp.match[i].priority));
            }
            statement(pieces, anchor + "/match:" + std::to_string(i));
        }
        for (std::size_t i = 0; i < tp.slas.size(); ++i) {
            statement(sla_pieces(tp.slas[i]), anchor + "/sla:" + std::to_string(i));
        }
        for (const Kpi& k : tp.kpis) {
            std::vector<std::string> pieces =
                headed(header("kpi", k.id, k.label) + " =", k.condition);
            if (!k.scope.empty()) {
                pieces.push_back(condition_piece("for ", k.scope, true));
            }
            if (k.target) {
                pieces.push_back(thresholds_text(*k.target));
            }
            statement(pieces, anchor + "/kpi:" + k.id);
        }
        close(anchor);
    }

    std::vector<std::string> sla_pieces(const Sla& sla) const {
        std::string head = "sla";
        if (!sla.id.empty()) {
            head += " " + sla.id + (sla.label.empty() ? "" : " " + quote(sla.label));
        }
        std::vector<std::string> pieces{head};
        if (sla.from.given()) {
            pieces.push_back("from " + selector_text(sla.from));
        }
        if (sla.to.given()) {
            pieces.push_back("to " + selector_text(sla.to));
        }
        std::string within = "within " + format_duration(sla.within);
        if (sla.basis == TimeBasis::business && sla.within.unit != DurationUnit::working_days) {
            within += " business";
        }
        pieces.push_back(within);
        if (!sla.calendar.empty()) {
            pieces.push_back("calendar " + sla.calendar);
        }
        for (const Pause& p : sla.pauses) {
            pieces.push_back("pause from " + selector_text(p.from) + " to " + selector_text(p.to));
        }
        if (sla.target) {
            pieces.push_back(thresholds_text(*sla.target));
        }
        // Keep "sla ID" and the first clause together when they fit.
        if (pieces.size() > 1 && m_indent * 2 + pieces[0].size() + 1 + pieces[1].size() <= width) {
            pieces[0] += " " + pieces[1];
            pieces.erase(pieces.begin() + 1);
        }
        return pieces;
    }

    void outcome(const Outcome& o) {
        start_item();
        std::vector<std::string> pieces;
        const std::string head = header("outcome", o.id, o.label) + " =";
        for (std::size_t i = 0; i < o.all.size(); ++i) {
            pieces.push_back((i == 0 ? "" : "and ") + check_text(o.all[i]));
        }
        if (!pieces.empty() && m_indent * 2 + head.size() + 1 + pieces.front().size() <= width) {
            pieces.front() = head + " " + pieces.front();
        } else {
            pieces.insert(pieces.begin(), head);
        }
        for (std::size_t i = 0; i < o.when.size(); ++i) {
            pieces.push_back((i == 0 ? "when " : "and ") + check_text(o.when[i]));
        }
        if (o.target) {
            pieces.push_back(thresholds_text(*o.target));
        }
        if (o.lagging) {
            pieces.push_back("lagging");
        }
        statement(pieces, "outcome:" + o.id);
    }

    const Journey& m_j;
    std::span<const SpecComment> m_comments;
    std::vector<bool> m_used;
    std::string m_out;
    std::size_t m_indent = 0;
    bool m_pending_group = false;
    bool m_after_open = false;
};

} // namespace

std::string format_spec(const Journey& model, std::span<const SpecComment> comments) {
    return Printer(model, comments).run();
}

} // namespace journey::dsl
