#include "parser.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>

#include "lexer.hpp"

namespace journey::dsl::detail {

std::string_view decl_kind_name(DeclKind k) noexcept {
    switch (k) {
    case DeclKind::calendar:
        return "calendar";
    case DeclKind::department:
        return "department";
    case DeclKind::stage:
        return "stage";
    case DeclKind::touchpoint:
        return "touchpoint";
    case DeclKind::event_class:
        return "class";
    case DeclKind::object_type:
        return "object type";
    case DeclKind::segment:
        return "segment";
    case DeclKind::outcome:
        return "outcome";
    case DeclKind::kpi:
        return "kpi";
    case DeclKind::sla:
        return "sla";
    }
    return "definition";
}

std::string duplicate_code(DeclKind k) {
    switch (k) {
    case DeclKind::event_class:
        return "duplicate-class";
    case DeclKind::object_type:
        return "duplicate-object";
    default:
        return "duplicate-" + std::string(decl_kind_name(k));
    }
}

bool is_reserved(std::string_view word) noexcept {
    static constexpr std::array<std::string_view, 12> words{"and",   "attr",  "class", "end",
                                                            "event", "false", "first", "in",
                                                            "last",  "not",   "start", "true"};
    return std::find(words.begin(), words.end(), word) != words.end();
}

namespace {

// Thrown after a syntax error has been reported; the statement loop recovers.
struct Abort {};
// Thrown when too many errors were reported; parsing stops.
struct Stop {};

const std::vector<std::string> journey_statements{
    "actor",  "calendar", "class",  "department", "ends",      "key",
    "object", "objects",  "order",  "outcome",    "promise",   "segment",
    "source", "stage",    "starts", "success",    "touchpoint"};
const std::vector<std::string> calendar_statements{"holidays", "tz",  "mon", "tue", "wed",
                                                   "thu",      "fri", "sat", "sun"};
const std::vector<std::string> department_statements{"calendar", "color", "external", "lane"};
const std::vector<std::string> stage_statements{"touchpoint"};
const std::vector<std::string> touchpoint_statements{"adhoc", "channels", "designed", "hidden",
                                                     "kpi",   "match",    "owner",    "sla"};
const std::vector<std::string> class_statements{"match"};
const std::vector<std::string> field_names{"activity",   "actor",     "attr",   "channel",
                                           "department", "lifecycle", "object", "resource",
                                           "source",     "touchpoint"};

enum class ConditionContext { match_rule, event_class, selector, kpi };

class Parser {
public:
    Parser(const SourceManager& sources, FileId file, std::vector<Diagnostic>& diags,
           std::size_t max_errors)
        : m_sources(sources), m_file(file), m_diags(diags), m_max_errors(max_errors) {
        LexResult lexed = lex(sources, file, diags);
        m_tokens = std::move(lexed.tokens);
        m_comments = std::move(lexed.comments);
        m_errors = error_count(diags);
    }

    ParsedSpec run() {
        try {
            top();
        } catch (const Stop&) {
        }
        // Comments not claimed by a statement (after the journey, or after a stop).
        while (m_next_comment < m_comments.size()) {
            attach(m_next_comment++, "eof", false);
        }
        group_touchpoints_by_stage();
        return std::move(m_out);
    }

private:
    // ---- tokens

    const Token& cur() const { return m_tokens[m_index]; }
    const Token& ahead(std::size_t n) const {
        return m_tokens[std::min(m_index + n, m_tokens.size() - 1)];
    }
    bool at(Tok k) const { return cur().kind == k; }
    bool at_word(std::string_view w) const { return cur().kind == Tok::ident && cur().text == w; }
    const Token& take() {
        const Token& t = m_tokens[m_index];
        if (m_index + 1 < m_tokens.size()) {
            ++m_index;
        }
        m_last = &t;
        return t;
    }
    bool accept(Tok k) {
        if (at(k)) {
            take();
            return true;
        }
        return false;
    }
    bool accept_word(std::string_view w) {
        if (at_word(w)) {
            take();
            return true;
        }
        return false;
    }

    SourceRange range(const Token& t) const { return token_range(m_sources, m_file, t); }
    SourceRange range(const Token& from, const Token& to) const {
        return {m_sources.location(m_file, from.begin), m_sources.location(m_file, to.end)};
    }
    // From `from` to the last token taken.
    SourceRange range_to_last(const Token& from) const {
        return range(from, m_last != nullptr ? *m_last : from);
    }

    std::string found() const {
        const Token& t = cur();
        switch (t.kind) {
        case Tok::ident:
            return "'" + t.text + "'";
        case Tok::string:
            return "a string";
        case Tok::number:
        case Tok::duration:
        case Tok::time:
        case Tok::date:
            return "'" + t.text + "'";
        case Tok::percent:
            return "'" + t.text + "%'";
        default:
            return std::string(describe(t.kind));
        }
    }

    // ---- diagnostics

    void report(SourceRange r, std::string code, std::string message,
                std::vector<DiagnosticNote> notes = {}, Severity severity = Severity::error) {
        Diagnostic d;
        d.severity = severity;
        d.code = std::move(code);
        d.message = std::move(message);
        d.range = r;
        d.notes = std::move(notes);
        m_diags.push_back(std::move(d));
        if (severity == Severity::error && ++m_errors > m_max_errors) {
            throw Stop{};
        }
    }

    [[noreturn]] void fail(std::string message, std::string code = "syntax-error") {
        report(range(cur()), std::move(code), std::move(message));
        throw Abort{};
    }

    [[noreturn]] void expected(std::string_view what) {
        fail("expected " + std::string(what) + ", found " + found());
    }

    const Token& expect(Tok k, std::string_view what) {
        if (!at(k)) {
            expected(what);
        }
        return take();
    }

    void expect_word(std::string_view w) {
        if (!at_word(w)) {
            expected("'" + std::string(w) + "'");
        }
        take();
    }

    // A name that defines something (not a reserved word).
    const Token& definition_name(std::string_view what) {
        if (!at(Tok::ident)) {
            expected(std::string(what));
        }
        if (is_reserved(cur().text)) {
            fail("'" + cur().text + "' is a reserved word and cannot name a " + std::string(what),
                 "reserved-name");
        }
        return take();
    }

    // A name used as a reference.
    const Token& reference_name(std::string_view what) {
        if (!at(Tok::ident)) {
            expected(what);
        }
        return take();
    }

    // An attribute name: a bare word or a string ("org:role").
    std::string attribute_name() {
        if (at(Tok::ident) || at(Tok::string)) {
            if (at(Tok::string) && cur().text.empty()) {
                fail("an attribute name cannot be empty");
            }
            return take().text;
        }
        expected("an attribute name");
    }

    std::string optional_label() {
        if (at(Tok::string)) {
            return take().text;
        }
        return {};
    }

    void declare(DeclKind kind, const Token& name, std::size_t index, std::string scope = {}) {
        m_out.decls.push_back({kind, name.text, range(name), std::move(scope), index});
    }

    void refer(DeclKind kind, const Token& name) {
        m_out.refs.push_back({kind, name.text, range(name)});
    }

    // Reports a second occurrence of a one-per-block setting.
    void setting(std::map<std::string, SourceRange>& seen, const std::string& name,
                 const Token& at_token) {
        const auto it = seen.find(name);
        if (it != seen.end()) {
            report(range(at_token), "duplicate-setting", "'" + name + "' is set twice",
                   {{it->second, "first set here"}});
            return;
        }
        seen.emplace(name, range(at_token));
    }

    // ---- comments

    void attach(std::size_t index, const std::string& anchor, bool trailing) {
        m_out.comments.push_back({anchor, m_comments[index].text, trailing});
    }

    // Comments before `offset` belong to the statement `anchor`.
    void leading(const std::string& anchor, std::uint32_t offset) {
        while (m_next_comment < m_comments.size() && m_comments[m_next_comment].begin < offset) {
            attach(m_next_comment++, anchor, false);
        }
    }

    // A comment on `line` after code belongs to `anchor` as a trailing comment, when
    // no other statement follows on that line.
    void trailing(const std::string& anchor, std::uint32_t line) {
        if (m_next_comment >= m_comments.size() || m_comments[m_next_comment].own_line ||
            m_comments[m_next_comment].line != line) {
            return;
        }
        std::size_t next = m_index;
        while (m_tokens[next].kind == Tok::semicolon && next + 1 < m_tokens.size()) {
            ++next;
        }
        if (m_tokens[next].kind != Tok::eof && m_tokens[next].line == line) {
            return; // more code on this line: the comment belongs to what ends the line
        }
        attach(m_next_comment++, anchor, true);
    }

    void trailing_after_last(const std::string& anchor) {
        if (m_last != nullptr) {
            trailing(anchor, m_last->line);
        }
    }

    // ---- recovery

    // A word that begins a line and can start a statement: any word except those
    // that continue a statement broken over several lines.
    static bool starts_statement(const Token& t) {
        static const std::vector<std::string_view> continuation{
            "after", "amber", "and",      "business", "for", "from",   "in",   "lagging", "not",
            "of",    "pause", "priority", "target",   "to",  "unless", "when", "within"};
        return t.kind == Tok::ident && t.first_on_line &&
               std::find(continuation.begin(), continuation.end(), t.text) == continuation.end();
    }

    // Skips to the start of the next statement: after a ';', before a '}' that
    // closes the current block, or before a word that begins a line (see
    // starts_statement()).
    void synchronize() {
        int depth = 0;
        bool moved = false;
        while (!at(Tok::eof)) {
            const Token& t = cur();
            if (depth == 0) {
                if (t.kind == Tok::semicolon) {
                    take();
                    return;
                }
                if (t.kind == Tok::rbrace) {
                    return;
                }
                if (moved && starts_statement(t)) {
                    return;
                }
            }
            if (t.kind == Tok::lbrace) {
                ++depth;
            } else if (t.kind == Tok::rbrace) {
                --depth;
            }
            take();
            moved = true;
        }
    }

    // ---- blocks

    // Parses statements until the '}' matching `open` (already taken).
    template <typename F>
    void block(const Token& open, const std::string& anchor, const std::vector<std::string>& words,
               std::string_view what, F&& statement) {
        const SourceRange open_range = range(open);
        trailing(anchor, open.line);
        while (true) {
            while (accept(Tok::semicolon)) {
            }
            if (at(Tok::rbrace)) {
                leading(anchor + "/}", cur().begin);
                take();
                trailing(anchor + "/}", m_last->line);
                return;
            }
            if (at(Tok::eof)) {
                report(open_range, "syntax-error", "this '{' is never closed");
                return;
            }
            const std::size_t before = m_index;
            try {
                if (!at(Tok::ident)) {
                    expected("a statement of the " + std::string(what));
                }
                if (std::find(words.begin(), words.end(), cur().text) == words.end()) {
                    const std::string hint = closest_name(cur().text, words);
                    fail("unknown statement '" + cur().text + "' in the " + std::string(what) +
                             (hint.empty() ? "" : "; did you mean '" + hint + "'?"),
                         "unknown-statement");
                }
                statement();
            } catch (const Abort&) {
                synchronize();
            }
            if (m_index == before && !at(Tok::eof) && !at(Tok::rbrace)) {
                take(); // always make progress
            }
        }
    }

    // ---- top level

    void top() {
        while (!at(Tok::eof) && !at_word("journey")) {
            if (at(Tok::semicolon)) {
                take();
                continue;
            }
            report(range(cur()), "syntax-error",
                   "expected 'journey \"Name\" { ... }', found " + found());
            // Skip to a line that starts with 'journey'.
            take();
            while (!at(Tok::eof) && !(at_word("journey") && cur().first_on_line)) {
                take();
            }
        }
        if (at(Tok::eof)) {
            if (!m_out.has_journey) {
                const SourceLocation start = m_sources.location(m_file, 0);
                report({start, start}, "missing-journey",
                       "the file defines no journey; start with 'journey \"Name\" { ... }'");
            }
            return;
        }
        const Token& kw = take();
        m_out.has_journey = true;
        m_out.journey_range = range(kw);
        leading("journey", kw.begin);
        try {
            if (!at(Tok::string)) {
                expected("the journey's name in quotes");
            }
            m_out.model.name = take().text;
            const Token& open = expect(Tok::lbrace, "'{'");
            block(open, "journey", journey_statements, "journey", [&] { journey_statement(); });
        } catch (const Abort&) {
            return;
        }
        while (accept(Tok::semicolon)) {
        }
        if (at_word("journey")) {
            report(range(cur()), "extra-journey", "a file holds one journey; this is a second one");
        } else if (!at(Tok::eof)) {
            report(range(cur()), "syntax-error",
                   "expected end of file after the journey's closing '}', found " + found());
        }
    }

    void journey_statement() {
        const Token& kw = cur();
        const std::string& w = kw.text;
        if (w == "calendar") {
            return calendar_decl();
        }
        if (w == "department") {
            return department_decl();
        }
        if (w == "object") {
            return object_decl();
        }
        if (w == "stage") {
            return stage_decl();
        }
        if (w == "touchpoint") {
            return touchpoint_decl(std::string());
        }
        if (w == "class") {
            return class_decl();
        }
        if (w == "segment") {
            return segment_decl();
        }
        if (w == "outcome") {
            return outcome_decl();
        }
        // One-line settings.
        leading(w, kw.begin);
        take();
        setting(m_journey_settings, w, kw);
        Journey& j = m_out.model;
        if (w == "promise") {
            if (!at(Tok::string)) {
                expected("the promise in quotes");
            }
            j.promise = take().text;
        } else if (w == "key") {
            if (accept_word("case")) {
                j.key = {JourneyKey::Kind::case_id, {}};
            } else if (accept_word("attr")) {
                j.key = {JourneyKey::Kind::attribute, attribute_name()};
            } else if (accept_word("object")) {
                const Token& name = reference_name("an object type");
                refer(DeclKind::object_type, name);
                j.key = {JourneyKey::Kind::object, name.text};
            } else {
                expected("'case', 'attr NAME' or 'object TYPE'");
            }
        } else if (w == "starts") {
            expect_word("at");
            const Token& sel_token = cur();
            j.start = selector(false);
            instant_only(j.start, sel_token, "a milestone");
            m_out.starts_range = range_to_last(kw);
        } else if (w == "ends") {
            expect_word("at");
            const Token& sel_token = cur();
            j.end = selector(false);
            instant_only(j.end, sel_token, "a milestone");
            m_out.ends_range = range_to_last(kw);
            if (accept_word("unless")) {
                const Token& unless_token = cur();
                j.end_unless = selector(false);
                instant_only(j.end_unless, unless_token, "a milestone");
                expect_word("within");
                j.lookahead = duration_literal(false);
            }
        } else if (w == "source") {
            expect_word("attr");
            j.source_attribute = attribute_name();
        } else if (w == "actor") {
            expect_word("attr");
            j.actor_attribute = attribute_name();
        } else if (w == "objects") {
            expect_word("attr");
            j.object_columns.type_attribute = attribute_name();
            expect(Tok::comma, "',' and the attribute holding the object id");
            j.object_columns.id_attribute = attribute_name();
        } else if (w == "success") {
            j.success = thresholds(true);
        } else if (w == "order") {
            const Token& first = cur();
            j.order = order_expression(0);
            m_out.order_range = range_to_last(first);
        }
        trailing_after_last(w);
    }

    // ---- literals

    double percent_value() {
        const Token& t = expect(Tok::percent, "a percentage such as '90%'");
        double v = 0;
        std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
        if (v > 100) {
            report(range(t), "bad-percentage", "percentage " + t.text + "% is over 100%");
        }
        return v;
    }

    // `target P% [amber P%]`; `required` says whether 'target' must be there.
    std::optional<Thresholds> thresholds(bool required) {
        if (!at_word("target")) {
            if (required) {
                expected("'target' and a percentage");
            }
            return std::nullopt;
        }
        take();
        return thresholds_after_target();
    }

    // The percentages after 'target'.
    Thresholds thresholds_after_target() {
        Thresholds t;
        const Token& target_token = cur();
        t.target_percent = percent_value();
        if (accept_word("amber")) {
            const Token& amber_token = cur();
            t.amber_percent = percent_value();
            if (*t.amber_percent >= t.target_percent) {
                report(range(amber_token), "bad-thresholds",
                       "the amber threshold " + amber_token.text + "% must be below the target " +
                           target_token.text + "%");
            }
        }
        return t;
    }

    Duration duration_literal(bool allow_working_days) {
        const Token& t = expect(Tok::duration, "a duration such as '24h', '5d' or '2wd'");
        auto d = parse_duration(t.text);
        if (!d) {
            return Duration{}; // reported by the lexer
        }
        if (!allow_working_days && d->unit == DurationUnit::working_days) {
            report(range(t), "type-mismatch",
                   "working days ('" + t.text +
                       "') are only allowed for SLA targets and business "
                       "durations; use 'd' here");
        }
        return *d;
    }

    Literal number_literal(bool negative) {
        const Token& t = expect(Tok::number, "a number");
        double v = 0;
        std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
        return Literal::number_value(negative ? -v : v);
    }

    std::int32_t integer(std::string_view what, std::int32_t min, std::int32_t max) {
        bool negative = false;
        const Token& first = cur();
        if (accept(Tok::minus)) {
            negative = true;
        }
        const Token& t = expect(Tok::number, what);
        std::int64_t v = 0;
        const auto r = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
        if (r.ptr != t.text.data() + t.text.size() || r.ec != std::errc{}) {
            report(range(first, t), "bad-number", std::string(what) + " must be a whole number");
            return 0;
        }
        v = negative ? -v : v;
        if (v < min || v > max) {
            report(range(first, t), "bad-number",
                   std::string(what) + " must be between " + std::to_string(min) + " and " +
                       std::to_string(max));
            return 0;
        }
        return static_cast<std::int32_t>(v);
    }

    // A value in a predicate.
    Literal value(EventField field) {
        if (at(Tok::string)) {
            const Token& t = take();
            if (field == EventField::touchpoint) {
                refer(DeclKind::touchpoint, t);
            } else if (field == EventField::object) {
                refer(DeclKind::object_type, t);
            }
            return Literal::string_value(t.text);
        }
        if (at(Tok::minus) && ahead(1).kind == Tok::number) {
            take();
            return number_literal(true);
        }
        if (at(Tok::number)) {
            return number_literal(false);
        }
        if (at(Tok::ident)) {
            const Token& t = take();
            if (t.text == "true" || t.text == "false") {
                return Literal::boolean(t.text == "true");
            }
            if (field == EventField::touchpoint) {
                refer(DeclKind::touchpoint, t);
            } else if (field == EventField::object) {
                refer(DeclKind::object_type, t);
            }
            return Literal::identifier(t.text);
        }
        expected("a value (a string, a number, a name, true or false)");
    }

    std::vector<Literal> value_list(EventField field) {
        const Token& open = expect(Tok::lbracket, "'[' to start a list");
        std::vector<Literal> out;
        if (at(Tok::rbracket)) {
            report(range(open, cur()), "syntax-error", "a list needs at least one value");
            take();
            return out;
        }
        while (true) {
            out.push_back(value(field));
            if (accept(Tok::comma)) {
                if (at(Tok::rbracket)) {
                    take();
                    break;
                }
                continue;
            }
            expect(Tok::rbracket, "',' or ']'");
            break;
        }
        return out;
    }

    // ---- conditions

    Predicate predicate(ConditionContext ctx) {
        Predicate p;
        if (!at(Tok::ident)) {
            expected("a field (activity, resource, department, channel, lifecycle, source, actor, "
                     "touchpoint, object or attr NAME)");
        }
        const Token& field_token = cur();
        const std::string& f = field_token.text;
        if (f == "activity") {
            p.field = EventField::activity;
        } else if (f == "resource") {
            p.field = EventField::resource;
        } else if (f == "department") {
            p.field = EventField::department;
        } else if (f == "channel") {
            p.field = EventField::channel;
        } else if (f == "lifecycle") {
            p.field = EventField::lifecycle;
        } else if (f == "source") {
            p.field = EventField::source;
        } else if (f == "actor") {
            p.field = EventField::actor;
        } else if (f == "touchpoint") {
            p.field = EventField::touchpoint;
        } else if (f == "object") {
            p.field = EventField::object;
        } else if (f == "attr") {
            p.field = EventField::attribute;
        } else {
            const std::string hint = closest_name(f, field_names);
            fail("unknown field '" + f + "'" +
                     (hint.empty() ? "" : "; did you mean '" + hint + "'?"),
                 "unknown-field");
        }
        take();
        if (p.field == EventField::attribute) {
            p.attribute = attribute_name();
        }
        if (p.field == EventField::touchpoint && ctx == ConditionContext::match_rule) {
            report(range(field_token), "touchpoint-in-match",
                   "a match rule cannot test 'touchpoint': binding to a touchpoint is what "
                   "the rule decides");
        }
        const Token& op = cur();
        const bool ordered_field = p.field == EventField::attribute ||
                                   p.field == EventField::source || p.field == EventField::actor;
        switch (op.kind) {
        case Tok::eq:
        case Tok::ne:
            take();
            p.op = op.kind == Tok::eq ? CompareOp::eq : CompareOp::ne;
            p.values.push_back(value(p.field));
            return p;
        case Tok::lt:
        case Tok::le:
        case Tok::gt:
        case Tok::ge:
            take();
            if (!ordered_field) {
                report(range(op), "bad-operator",
                       "'" + std::string(op_text(op_of(op.kind))) +
                           "' compares attribute values; '" + f +
                           "' can only be tested with =, !=, in, ~, exists or missing");
            }
            p.op = op_of(op.kind);
            p.values.push_back(value(p.field));
            return p;
        case Tok::tilde:
        case Tok::not_tilde: {
            take();
            p.op = op.kind == Tok::tilde ? CompareOp::matches : CompareOp::not_matches;
            const Token& re =
                expect(Tok::regex, "a regular expression such as /returned|rejected/");
            p.values.push_back(Literal::regex(re.text, re.icase));
            m_out.regexes.push_back({re.text, re.icase, range(re)});
            return p;
        }
        default:
            break;
        }
        if (accept_word("in")) {
            p.op = CompareOp::in;
            p.values = value_list(p.field);
            return p;
        }
        if (accept_word("not")) {
            expect_word("in");
            p.op = CompareOp::not_in;
            p.values = value_list(p.field);
            return p;
        }
        if (accept_word("exists")) {
            p.op = CompareOp::exists;
            return p;
        }
        if (accept_word("missing")) {
            p.op = CompareOp::missing;
            return p;
        }
        expected("an operator (=, !=, <, <=, >, >=, in, not in, ~, !~, exists, missing)");
    }

    static CompareOp op_of(Tok k) {
        switch (k) {
        case Tok::eq:
            return CompareOp::eq;
        case Tok::ne:
            return CompareOp::ne;
        case Tok::lt:
            return CompareOp::lt;
        case Tok::le:
            return CompareOp::le;
        case Tok::gt:
            return CompareOp::gt;
        default:
            return CompareOp::ge;
        }
    }

    Condition condition(ConditionContext ctx) {
        Condition c;
        c.all.push_back(predicate(ctx));
        while (accept_word("and")) {
            c.all.push_back(predicate(ctx));
        }
        return c;
    }

    // ---- selectors

    // `[first|last] (TOUCHPOINT | class NAME | event(COND) | start | end)` or `attr NAME`.
    // `milestone` forbids start/end (a milestone cannot refer to the milestones).
    Selector selector(bool allow_milestones) {
        Selector s;
        const Token& first = cur();
        bool picked = false;
        if (accept_word("first")) {
            picked = true;
        } else if (accept_word("last")) {
            s.pick = Selector::Pick::last;
            picked = true;
        }
        if (!at(Tok::ident)) {
            expected("a selector (a touchpoint id, 'class NAME', 'event(...)', 'attr NAME', "
                     "'start' or 'end')");
        }
        const std::string& w = cur().text;
        if (w == "later" && ahead(1).kind == Tok::lparen) {
            // `later(A, B, ...)`: the later of the operands' instants.
            const Token& kw = take();
            take();
            s.kind = Selector::Kind::later;
            do {
                Selector operand = selector(allow_milestones);
                if (operand.kind == Selector::Kind::later) {
                    operand = flatten_later(std::move(operand), s);
                } else {
                    s.operands.push_back(std::move(operand));
                }
            } while (accept(Tok::comma));
            expect(Tok::rparen, "',' and another selector, or ')'");
            if (picked) {
                report(range(first), "syntax-error",
                       "'" + first.text + "' does not apply to 'later(...)': it names one time");
            }
            if (s.operands.size() < 2) {
                report(range(kw), "syntax-error", "'later(...)' needs two or more selectors");
            }
        } else if (w == "class") {
            take();
            const Token& name = reference_name("a class name");
            refer(DeclKind::event_class, name);
            s.kind = Selector::Kind::event_class;
            s.name = name.text;
        } else if (w == "event") {
            take();
            expect(Tok::lparen, "'(' and a condition");
            s.kind = Selector::Kind::events;
            s.condition = condition(ConditionContext::selector);
            expect(Tok::rparen, "')' or 'and'");
        } else if (w == "attr") {
            take();
            s.kind = Selector::Kind::attribute;
            s.name = attribute_name();
            if (picked) {
                report(range(first), "syntax-error",
                       "'" + first.text +
                           "' does not apply to 'attr': an attribute holds one time");
            }
        } else if (w == "start" || w == "end") {
            const Token& t = take();
            s.kind = w == "start" ? Selector::Kind::start : Selector::Kind::end;
            if (!allow_milestones) {
                report(range(t), "syntax-error",
                       "a milestone cannot be defined by '" + t.text +
                           "'; name a touchpoint, "
                           "class or event");
            }
        } else if (is_reserved(w)) {
            expected("a selector (a touchpoint id, 'class NAME', 'event(...)', 'attr NAME', "
                     "'start' or 'end')");
        } else {
            const Token& name = take();
            refer(DeclKind::touchpoint, name);
            s.kind = Selector::Kind::touchpoint;
            s.name = name.text;
        }
        return s;
    }

    // Nested `later(later(a, b), c)` reads as `later(a, b, c)`.
    static Selector flatten_later(Selector inner, Selector& outer) {
        for (Selector& o : inner.operands) {
            outer.operands.push_back(std::move(o));
        }
        return {};
    }

    // `later(...)` names one instant and selects no events: it fits where a time is
    // needed (durations, time(), 'within ... after', SLA clocks), not where events are
    // counted.
    void instant_only(const Selector& s, const Token& at_token, std::string_view where) {
        if (s.kind == Selector::Kind::later) {
            report(range(at_token), "syntax-error",
                   "'later(...)' names one time, not events; it cannot be used in " +
                       std::string(where));
        }
    }

    // ---- calendars

    void calendar_decl() {
        const Token& kw = take();
        const Token& name = definition_name("calendar");
        const std::string anchor = "calendar:" + name.text;
        leading(anchor, kw.begin);
        const std::size_t index = m_out.model.calendars.size();
        declare(DeclKind::calendar, name, index);
        m_out.model.calendars.push_back({});
        Calendar& cal_init = m_out.model.calendars.back();
        cal_init.id = name.text;
        cal_init.label = optional_label();
        const Token& open = expect(Tok::lbrace, "'{' and the calendar's hours");
        std::map<std::string, SourceRange> seen;
        block(open, anchor, calendar_statements, "calendar", [&] {
            Calendar& cal = m_out.model.calendars[index];
            const Token& first = cur();
            const std::string& w = first.text;
            if (w == "tz") {
                leading(anchor + "/tz", first.begin);
                take();
                setting(seen, "tz", first);
                const Token& zone =
                    expect(Tok::string, "a time zone in quotes, e.g. \"Europe/London\"");
                cal.time_zone = zone.text;
                m_out.zones.push_back({index, range(zone)});
                trailing_after_last(anchor + "/tz");
            } else if (w == "holidays") {
                take();
                if (at(Tok::string)) {
                    const Token& path = take();
                    const std::string a = anchor + "/holidays:" + path.text;
                    leading(a, first.begin);
                    cal.holiday_files.push_back({path.text, {}});
                    m_out.includes.push_back({index, cal.holiday_files.size() - 1, range(path)});
                    trailing_after_last(a);
                    return;
                }
                leading(anchor + "/holidays", first.begin);
                while (true) {
                    const Token& d =
                        expect(Tok::date, "a date (YYYY-MM-DD) or a file name in quotes");
                    if (const auto day = parse_date(d.text)) {
                        cal.holidays.push_back(*day);
                    }
                    if (!accept(Tok::comma)) {
                        break;
                    }
                }
                trailing_after_last(anchor + "/holidays");
            } else {
                const std::string a = anchor + "/hours:" + std::to_string(cal.hours.size());
                leading(a, first.begin);
                WorkingHours h = hours_line();
                cal.hours.push_back(std::move(h));
                m_out.hours.push_back({index, cal.hours.size() - 1, range_to_last(first)});
                trailing_after_last(a);
            }
        });
    }

    Weekday weekday() {
        if (at(Tok::ident)) {
            if (const auto d = parse_weekday(cur().text)) {
                take();
                return *d;
            }
        }
        expected("a weekday (mon, tue, wed, thu, fri, sat, sun)");
    }

    std::int32_t minute_of(const Token& t) {
        if (t.text.size() != 5) {
            return 0; // reported by the lexer
        }
        return ((t.text[0] - '0') * 10 + (t.text[1] - '0')) * 60 + (t.text[3] - '0') * 10 +
               (t.text[4] - '0');
    }

    WorkingHours hours_line() {
        WorkingHours h;
        while (true) {
            const Token& first = cur();
            WeekdayRange r;
            r.first = weekday();
            r.last = r.first;
            if (accept(Tok::minus)) {
                r.last = weekday();
                if (r.last < r.first) {
                    report(range(first, *m_last), "bad-hours",
                           "day range '" + first.text + "-" + m_last->text +
                               "' runs backwards; list the days in week order (mon..sun)");
                }
            }
            h.days.push_back(r);
            if (!accept(Tok::comma)) {
                break;
            }
        }
        while (true) {
            const Token& from = expect(Tok::time, "working hours such as 08:00-18:00");
            expect(Tok::minus, "'-' between the start and end times");
            const Token& to = expect(Tok::time, "the end time (HH:MM)");
            MinuteRange m{minute_of(from), minute_of(to)};
            if (m.end <= m.begin) {
                report(range(from, to), "bad-hours",
                       "working hours " + from.text + "-" + to.text + " end before they start");
            }
            h.times.push_back(m);
            if (!accept(Tok::comma)) {
                break;
            }
        }
        return h;
    }

    // ---- departments and objects

    void department_decl() {
        const Token& kw = take();
        const Token& name = definition_name("department");
        const std::string anchor = "department:" + name.text;
        leading(anchor, kw.begin);
        const std::size_t index = m_out.model.departments.size();
        declare(DeclKind::department, name, index);
        m_out.model.departments.push_back({});
        m_out.model.departments.back().id = name.text;
        m_out.model.departments.back().label = optional_label();
        if (!at(Tok::lbrace)) {
            trailing_after_last(anchor);
            return;
        }
        const Token& open = take();
        std::map<std::string, SourceRange> seen;
        block(open, anchor, department_statements, "department", [&] {
            Department& d = m_out.model.departments[index];
            const Token& first = take();
            const std::string& w = first.text;
            const std::string a = anchor + "/" + w;
            leading(a, first.begin);
            setting(seen, w, first);
            if (w == "lane") {
                d.lane = integer("a lane", 1, 1000);
                m_out.lanes.push_back({index, range_to_last(first)});
            } else if (w == "color") {
                const Token& c = expect(Tok::string, "a colour in quotes, e.g. \"#4c78a8\"");
                if (!is_color(c.text)) {
                    report(range(c), "bad-color",
                           "colour \"" + c.text + "\" is not of the form \"#rrggbb\" or \"#rgb\"");
                }
                d.color = c.text;
            } else if (w == "calendar") {
                const Token& cal = reference_name("a calendar name");
                refer(DeclKind::calendar, cal);
                d.calendar = cal.text;
            } else if (w == "external") {
                d.external = true;
            }
            trailing_after_last(a);
        });
    }

    static bool is_color(const std::string& s) {
        if ((s.size() != 7 && s.size() != 4) || s[0] != '#') {
            return false;
        }
        return std::all_of(s.begin() + 1, s.end(), [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        });
    }

    void object_decl() {
        const Token& kw = take();
        const Token& name = definition_name("object type");
        const std::string anchor = "object:" + name.text;
        leading(anchor, kw.begin);
        ObjectType o;
        o.id = name.text;
        o.label = optional_label();
        expect_word("from");
        if (accept_word("link")) {
            o.naming = ObjectNaming::link;
            if (at(Tok::string)) {
                o.key = take().text;
            }
        } else if (accept_word("attr")) {
            o.naming = ObjectNaming::attribute;
            o.key = attribute_name();
        } else if (accept_word("pair")) {
            o.naming = ObjectNaming::pair;
            if (at(Tok::string)) {
                o.key = take().text;
            }
        } else {
            expected("'link', 'attr NAME' or 'pair'");
        }
        if (o.key == o.id && o.naming != ObjectNaming::attribute) {
            o.key.clear(); // the default; keeps the model canonical
        }
        declare(DeclKind::object_type, name, m_out.model.object_types.size());
        m_out.model.object_types.push_back(std::move(o));
        trailing_after_last(anchor);
    }

    // ---- stages and touchpoints

    void stage_decl() {
        const Token& kw = take();
        const Token& name = definition_name("stage");
        const std::string anchor = "stage:" + name.text;
        leading(anchor, kw.begin);
        const std::size_t index = m_out.model.stages.size();
        declare(DeclKind::stage, name, index);
        m_out.model.stages.push_back({});
        m_out.model.stages.back().id = name.text;
        m_out.model.stages.back().label = optional_label();
        if (accept_word("after")) {
            while (true) {
                const Token& prev = reference_name("a stage name");
                refer(DeclKind::stage, prev);
                m_out.model.stages[index].after.push_back(prev.text);
                if (!accept(Tok::comma)) {
                    break;
                }
            }
        }
        const Token& open = expect(Tok::lbrace, "'{' and the stage's touchpoints");
        const std::string stage_id = name.text;
        block(open, anchor, stage_statements, "stage", [&] { touchpoint_decl(stage_id); });
    }

    void touchpoint_decl(const std::string& stage) {
        const Token& kw = take();
        const Token& name = definition_name("touchpoint");
        const std::string anchor = "touchpoint:" + name.text;
        leading(anchor, kw.begin);
        const std::size_t index = m_out.model.touchpoints.size();
        declare(DeclKind::touchpoint, name, index);
        m_out.model.touchpoints.push_back({});
        Touchpoint& init = m_out.model.touchpoints.back();
        init.id = name.text;
        init.stage = stage;
        init.label = optional_label();
        const Token& open = expect(Tok::lbrace, "'{' and the touchpoint's statements");
        std::map<std::string, SourceRange> seen;
        block(open, anchor, touchpoint_statements, "touchpoint", [&] {
            Touchpoint& tp = m_out.model.touchpoints[index];
            const Token& first = cur();
            const std::string w = first.text;
            if (w == "match") {
                const std::string a = anchor + "/match:" + std::to_string(tp.match.size());
                leading(a, first.begin);
                take();
                MatchRule rule;
                rule.condition = condition(ConditionContext::match_rule);
                if (accept_word("priority")) {
                    rule.priority = integer("a priority", -1000, 1000);
                }
                m_out.matches.push_back({index, tp.match.size(), range_to_last(first)});
                m_out.model.touchpoints[index].match.push_back(std::move(rule));
                trailing_after_last(a);
                return;
            }
            if (w == "sla") {
                const std::string a = anchor + "/sla:" + std::to_string(tp.slas.size());
                leading(a, first.begin);
                take();
                Sla sla = sla_statement(first, name.text, tp.slas.size());
                m_out.slas.push_back(
                    {index, m_out.model.touchpoints[index].slas.size(), range(first)});
                m_out.model.touchpoints[index].slas.push_back(std::move(sla));
                trailing_after_last(a);
                return;
            }
            if (w == "kpi") {
                take();
                const Token& id = definition_name("kpi");
                const std::string a = anchor + "/kpi:" + id.text;
                leading(a, first.begin);
                Kpi k;
                k.id = id.text;
                k.label = optional_label();
                expect(Tok::eq, "'=' and the condition each event must meet");
                k.condition = condition(ConditionContext::kpi);
                if (accept_word("for")) {
                    k.scope = condition(ConditionContext::kpi);
                }
                k.target = thresholds(false);
                declare(DeclKind::kpi, id, tp.kpis.size(), name.text);
                m_out.model.touchpoints[index].kpis.push_back(std::move(k));
                trailing_after_last(a);
                return;
            }
            const std::string setting_name = (w == "designed" || w == "adhoc") ? "kind" : w;
            const std::string a = anchor + "/" + setting_name;
            leading(a, first.begin);
            take();
            if (setting_name == "kind") {
                const auto it = seen.find("kind");
                if (it != seen.end()) {
                    report(range(first), "duplicate-setting", "'designed' or 'adhoc' is set twice",
                           {{it->second, "first set here"}});
                } else {
                    seen.emplace("kind", range(first));
                }
            } else {
                setting(seen, w, first);
            }
            if (w == "owner") {
                bool first_owner = true;
                tp.co_owners.clear();
                while (true) {
                    const Token& d = reference_name("a department id");
                    refer(DeclKind::department, d);
                    if (first_owner) {
                        m_out.model.touchpoints[index].owner = d.text;
                        first_owner = false;
                    } else {
                        m_out.model.touchpoints[index].co_owners.push_back(d.text);
                    }
                    if (!accept(Tok::comma)) {
                        break;
                    }
                }
            } else if (w == "channels") {
                while (true) {
                    if (at(Tok::ident) || at(Tok::string)) {
                        m_out.model.touchpoints[index].channels.push_back(take().text);
                    } else {
                        expected("a channel name");
                    }
                    if (!accept(Tok::comma)) {
                        break;
                    }
                }
            } else if (w == "designed") {
                tp.designed = true;
            } else if (w == "adhoc") {
                tp.designed = false;
            } else if (w == "hidden") {
                tp.hidden = true;
            }
            trailing_after_last(a);
        });
    }

    Sla sla_statement(const Token& kw, const std::string& touchpoint, std::size_t index) {
        Sla sla;
        if (at(Tok::ident) && !is_sla_clause(cur().text)) {
            const Token& id = definition_name("sla");
            sla.id = id.text;
            declare(DeclKind::sla, id, index, touchpoint);
            sla.label = optional_label();
        }
        std::map<std::string, SourceRange> seen;
        bool has_within = false;
        while (at(Tok::ident) && is_sla_clause(cur().text)) {
            const Token& clause = take();
            const std::string& w = clause.text;
            if (w != "pause") {
                setting(seen, w, clause);
            }
            if (w == "from") {
                sla.from = selector(true);
            } else if (w == "to") {
                sla.to = selector(true);
            } else if (w == "within") {
                sla.within = duration_literal(true);
                has_within = true;
                if (sla.within.unit == DurationUnit::working_days) {
                    sla.basis = TimeBasis::business;
                }
            } else if (w == "business") {
                sla.basis = TimeBasis::business;
            } else if (w == "calendar") {
                const Token& cal = reference_name("a calendar name");
                refer(DeclKind::calendar, cal);
                sla.calendar = cal.text;
            } else if (w == "pause") {
                Pause p;
                expect_word("from");
                p.from = selector(true);
                expect_word("to");
                p.to = selector(true);
                sla.pauses.push_back(std::move(p));
            } else if (w == "target") {
                sla.target = thresholds_after_target();
            }
        }
        if (!has_within) {
            report(range(kw), "syntax-error",
                   "an SLA needs a target duration: 'within 2wd', 'within 24h', ...");
        }
        return sla;
    }

    static bool is_sla_clause(const std::string& w) {
        return w == "from" || w == "to" || w == "within" || w == "business" || w == "calendar" ||
               w == "pause" || w == "target";
    }

    // ---- classes and segments

    void class_decl() {
        const Token& kw = take();
        const Token& name = definition_name("class");
        const std::string anchor = "class:" + name.text;
        leading(anchor, kw.begin);
        const std::size_t index = m_out.model.classes.size();
        declare(DeclKind::event_class, name, index);
        m_out.model.classes.push_back({});
        m_out.model.classes.back().id = name.text;
        m_out.model.classes.back().label = optional_label();
        if (accept(Tok::colon)) {
            const Token& role = reference_name("a role");
            if (const auto r = parse_role(role.text)) {
                m_out.model.classes[index].role = *r;
            } else {
                std::vector<std::string> names;
                for (int i = 0; i <= static_cast<int>(ClassRole::batch); ++i) {
                    names.emplace_back(role_name(static_cast<ClassRole>(i)));
                }
                const std::string hint = closest_name(role.text, names);
                report(range(role), "unknown-role",
                       "unknown class role '" + role.text + "'" +
                           (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
            }
        }
        if (accept(Tok::eq)) {
            const Token& first = cur();
            Condition c = condition(ConditionContext::event_class);
            m_out.class_rules.push_back({index, 0, range_to_last(first)});
            m_out.model.classes[index].any.push_back(std::move(c));
            trailing_after_last(anchor);
            return;
        }
        const Token& open = expect(Tok::lbrace, "'=' and a condition, or '{' and match rules");
        block(open, anchor, class_statements, "class", [&] {
            EventClass& ec = m_out.model.classes[index];
            const Token& first = cur();
            const std::string a = anchor + "/match:" + std::to_string(ec.any.size());
            leading(a, first.begin);
            take();
            Condition c = condition(ConditionContext::event_class);
            m_out.class_rules.push_back({index, ec.any.size(), range_to_last(first)});
            m_out.model.classes[index].any.push_back(std::move(c));
            trailing_after_last(a);
        });
    }

    void segment_decl() {
        const Token& kw = take();
        const Token& name = definition_name("segment");
        const std::string anchor = "segment:" + name.text;
        leading(anchor, kw.begin);
        Segment s;
        s.id = name.text;
        s.label = optional_label();
        expect(Tok::eq, "'=' and what to slice by");
        if (!at(Tok::ident)) {
            expected("a field, 'attr NAME', 'month' or 'weekday'");
        }
        const Token& what = take();
        const std::string& w = what.text;
        if (w == "attr") {
            s.kind = Segment::Kind::attribute;
            s.attribute = attribute_name();
        } else if (w == "month") {
            s.kind = Segment::Kind::month;
        } else if (w == "weekday") {
            s.kind = Segment::Kind::weekday;
        } else if (w == "activity" || w == "resource" || w == "department" || w == "channel" ||
                   w == "lifecycle" || w == "source" || w == "actor") {
            s.kind = Segment::Kind::field;
            s.field = w == "activity"     ? EventField::activity
                      : w == "resource"   ? EventField::resource
                      : w == "department" ? EventField::department
                      : w == "channel"    ? EventField::channel
                      : w == "lifecycle"  ? EventField::lifecycle
                      : w == "source"     ? EventField::source
                                          : EventField::actor;
        } else {
            const std::string hint =
                closest_name(w, {"activity", "resource", "department", "channel", "lifecycle",
                                 "source", "actor", "attr", "month", "weekday"});
            report(range(what), "unknown-field",
                   "cannot slice by '" + w + "'" +
                       (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
            throw Abort{};
        }
        if (accept_word("of")) {
            const Token& sel_token = cur();
            s.of = selector(true);
            instant_only(s.of, sel_token, "a segment");
        }
        declare(DeclKind::segment, name, m_out.model.segments.size());
        m_out.model.segments.push_back(std::move(s));
        trailing_after_last(anchor);
    }

    // ---- outcomes

    enum class MeasureType { duration, count, time, attribute, boolean };

    Measure measure(MeasureType& type) {
        if (!at(Tok::ident)) {
            expected("a measure: duration(...), count(...), time(...), attr NAME or exists(...)");
        }
        Measure m;
        const Token& kw = cur();
        const std::string& w = kw.text;
        if (w == "duration") {
            take();
            expect(Tok::lparen, "'('");
            m.kind = Measure::Kind::duration;
            m.from = selector(true);
            expect(Tok::arrow, "'->' between the two selectors");
            m.to = selector(true);
            expect(Tok::rparen, "')'");
            if (accept_word("business")) {
                m.basis = TimeBasis::business;
                if (accept_word("calendar")) {
                    const Token& cal = reference_name("a calendar name");
                    refer(DeclKind::calendar, cal);
                    m.calendar = cal.text;
                }
            }
            type = MeasureType::duration;
        } else if (w == "count") {
            take();
            expect(Tok::lparen, "'('");
            m.kind = Measure::Kind::count;
            const Token& sel_token = cur();
            m.from = selector(true);
            instant_only(m.from, sel_token, "count(...)");
            if (accept_word("within")) {
                m.window = duration_literal(false);
                expect_word("after");
                m.window_after = selector(true);
            }
            expect(Tok::rparen, "')'");
            type = MeasureType::count;
        } else if (w == "time") {
            take();
            expect(Tok::lparen, "'('");
            m.kind = Measure::Kind::time;
            m.from = selector(true);
            expect(Tok::rparen, "')'");
            type = MeasureType::time;
        } else if (w == "exists") {
            take();
            expect(Tok::lparen, "'('");
            m.kind = Measure::Kind::exists;
            const Token& sel_token = cur();
            m.from = selector(true);
            instant_only(m.from, sel_token, "exists(...)");
            expect(Tok::rparen, "')'");
            type = MeasureType::boolean;
        } else if (w == "attr") {
            take();
            m.kind = Measure::Kind::attribute;
            m.attribute = attribute_name();
            type = MeasureType::attribute;
        } else {
            const std::string hint =
                closest_name(w, {"duration", "count", "time", "attr", "exists"});
            fail("unknown measure '" + w + "'" +
                     (hint.empty() ? "" : "; did you mean '" + hint + "'?"),
                 "unknown-measure");
        }
        return m;
    }

    static std::string_view type_name(MeasureType t) {
        switch (t) {
        case MeasureType::duration:
            return "a duration";
        case MeasureType::count:
            return "a count";
        case MeasureType::time:
            return "a time";
        case MeasureType::attribute:
            return "an attribute";
        case MeasureType::boolean:
            return "exists(...)";
        }
        return "a value";
    }

    Check check() {
        Check c;
        const Token& first = cur();
        MeasureType lt = MeasureType::count;
        c.lhs = measure(lt);
        if (lt == MeasureType::boolean) {
            c.op = CompareOp::exists;
            return c;
        }
        const Token& op = cur();
        switch (op.kind) {
        case Tok::eq:
        case Tok::ne:
        case Tok::lt:
        case Tok::le:
        case Tok::gt:
        case Tok::ge:
            take();
            c.op = op_of(op.kind);
            break;
        default:
            expected("a comparison (=, !=, <, <=, >, >=)");
        }
        const Token& rhs_first = cur();
        if (at(Tok::number) || (at(Tok::minus) && ahead(1).kind == Tok::number)) {
            const bool negative = accept(Tok::minus);
            c.value = number_literal(negative);
            if (lt != MeasureType::count && lt != MeasureType::attribute) {
                report(range(first, *m_last), "type-mismatch",
                       "cannot compare " + std::string(type_name(lt)) + " with a number" +
                           (lt == MeasureType::duration ? "; write a duration such as '45d'" : ""));
            }
        } else if (at(Tok::duration)) {
            const Token& t = cur();
            const Duration d = duration_literal(true);
            c.value = Literal::duration_value(d);
            if (lt != MeasureType::duration) {
                report(range(first, *m_last), "type-mismatch",
                       "cannot compare " + std::string(type_name(lt)) + " with a duration");
            } else if (d.unit == DurationUnit::working_days && c.lhs.basis != TimeBasis::business) {
                report(range(t), "type-mismatch",
                       "working days need a business duration: write 'duration(...) business'");
            }
        } else if (at(Tok::string)) {
            c.value = Literal::string_value(take().text);
            if (lt != MeasureType::attribute) {
                report(range(first, *m_last), "type-mismatch",
                       "cannot compare " + std::string(type_name(lt)) + " with a string");
            }
        } else {
            MeasureType rt = MeasureType::count;
            c.rhs = measure(rt);
            if (at(Tok::plus) || at(Tok::minus)) {
                const bool minus = take().kind == Tok::minus;
                Duration off = duration_literal(false);
                off.value = minus ? -off.value : off.value;
                c.offset = off;
                if (rt != MeasureType::time && rt != MeasureType::attribute) {
                    report(range(rhs_first, *m_last), "type-mismatch",
                           "only a time can be shifted by a duration");
                }
            }
            const bool ok = rt == MeasureType::boolean ? false
                            : lt == MeasureType::attribute || rt == MeasureType::attribute
                                ? true
                                : lt == rt;
            if (!ok) {
                report(range(first, *m_last), "type-mismatch",
                       "cannot compare " + std::string(type_name(lt)) + " with " +
                           std::string(type_name(rt)));
            }
        }
        return c;
    }

    std::vector<Check> checks() {
        std::vector<Check> out;
        out.push_back(check());
        while (accept_word("and")) {
            out.push_back(check());
        }
        return out;
    }

    void outcome_decl() {
        const Token& kw = take();
        const Token& name = definition_name("outcome");
        const std::string anchor = "outcome:" + name.text;
        leading(anchor, kw.begin);
        Outcome o;
        o.id = name.text;
        o.label = optional_label();
        expect(Tok::eq, "'=' and the checks each journey must pass");
        o.all = checks();
        if (accept_word("when")) {
            o.when = checks();
        }
        o.target = thresholds(false);
        if (accept_word("lagging")) {
            o.lagging = true;
        }
        declare(DeclKind::outcome, name, m_out.model.outcomes.size());
        m_out.model.outcomes.push_back(std::move(o));
        trailing_after_last(anchor);
    }

    // ---- designed order

    OrderNode order_expression(int depth) {
        if (depth > 64) {
            fail("the order expression nests too deeply (over 64 parentheses)");
        }
        std::vector<OrderNode> items;
        items.push_back(order_postfix(depth));
        Tok op = Tok::eof;
        const Token* op_token = nullptr;
        while (at(Tok::arrow) || at(Tok::amp) || at(Tok::pipe)) {
            const Token& t = take();
            if (op == Tok::eof) {
                op = t.kind;
                op_token = &t;
            } else if (t.kind != op) {
                report(range(t), "ambiguous-order",
                       "mixing " + std::string(describe(op)) + " and " +
                           std::string(describe(t.kind)) + " needs parentheses",
                       {{range(*op_token), "first operator here"}});
            }
            items.push_back(order_postfix(depth));
        }
        if (items.size() == 1) {
            return std::move(items.front());
        }
        const OrderNode::Kind kind = op == Tok::arrow ? OrderNode::Kind::sequence
                                     : op == Tok::amp ? OrderNode::Kind::parallel
                                                      : OrderNode::Kind::choice;
        // a -> (b -> c) is the same sequence as a -> b -> c (the operators are
        // associative): flatten, so that the model is canonical.
        std::vector<OrderNode> flat;
        for (OrderNode& n : items) {
            if (n.kind == kind) {
                for (OrderNode& c : n.children) {
                    flat.push_back(std::move(c));
                }
            } else {
                flat.push_back(std::move(n));
            }
        }
        return OrderNode::node(kind, std::move(flat));
    }

    OrderNode order_postfix(int depth) {
        OrderNode n;
        if (accept(Tok::lparen)) {
            n = order_expression(depth + 1);
            expect(Tok::rparen, "')'");
        } else {
            if (!at(Tok::ident) || is_reserved(cur().text)) {
                expected("a touchpoint id or '('");
            }
            const Token& t = take();
            refer(DeclKind::touchpoint, t);
            m_out.order_leaves.push_back({t.text, range(t)});
            n = OrderNode::leaf(t.text);
        }
        if (at(Tok::question) || at(Tok::plus) || at(Tok::star)) {
            const Tok k = take().kind;
            const OrderNode::Kind kind = k == Tok::question ? OrderNode::Kind::optional
                                         : k == Tok::plus   ? OrderNode::Kind::one_or_more
                                                            : OrderNode::Kind::zero_or_more;
            std::vector<OrderNode> child;
            child.push_back(std::move(n));
            n = OrderNode::node(kind, std::move(child));
            if (at(Tok::question) || at(Tok::plus) || at(Tok::star)) {
                fail("only one of '?', '+' or '*' may follow an item; use parentheses");
            }
        }
        return n;
    }

    // ---- helpers for run()

    // Orders touchpoints by stage (stages in the order written, touchpoints outside
    // stages last), keeping the written order within a stage, and points the
    // declarations and sites at the new indices.
    void group_touchpoints_by_stage() {
        std::vector<Touchpoint>& tps = m_out.model.touchpoints;
        std::vector<std::size_t> perm(tps.size());
        for (std::size_t i = 0; i < perm.size(); ++i) {
            perm[i] = i;
        }
        std::stable_sort(perm.begin(), perm.end(), [&](std::size_t a, std::size_t b) {
            return stage_rank(tps[a].stage) < stage_rank(tps[b].stage);
        });
        std::vector<std::size_t> moved_to(perm.size());
        std::vector<Touchpoint> sorted;
        sorted.reserve(tps.size());
        for (std::size_t k = 0; k < perm.size(); ++k) {
            moved_to[perm[k]] = k;
            sorted.push_back(std::move(tps[perm[k]]));
        }
        tps = std::move(sorted);
        for (Decl& d : m_out.decls) {
            if (d.kind == DeclKind::touchpoint) {
                d.index = moved_to[d.index];
            }
        }
        for (MatchSite& s : m_out.matches) {
            s.touchpoint = moved_to[s.touchpoint];
        }
        for (SlaSite& s : m_out.slas) {
            s.touchpoint = moved_to[s.touchpoint];
        }
    }

    std::size_t stage_rank(const std::string& stage) const {
        if (stage.empty()) {
            return m_out.model.stages.size();
        }
        for (std::size_t i = 0; i < m_out.model.stages.size(); ++i) {
            if (m_out.model.stages[i].id == stage) {
                return i;
            }
        }
        return m_out.model.stages.size();
    }

    const SourceManager& m_sources;
    FileId m_file;
    std::vector<Diagnostic>& m_diags;
    std::size_t m_max_errors;
    std::size_t m_errors = 0;
    std::vector<Token> m_tokens;
    std::vector<Comment> m_comments;
    std::size_t m_index = 0;
    std::size_t m_next_comment = 0;
    const Token* m_last = nullptr;
    ParsedSpec m_out;
    std::map<std::string, SourceRange> m_journey_settings;
};

} // namespace

ParsedSpec parse(const SourceManager& sources, FileId file, std::vector<Diagnostic>& diags,
                 std::size_t max_errors) {
    return Parser(sources, file, diags, max_errors).run();
}

} // namespace journey::dsl::detail
