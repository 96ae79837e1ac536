#include "lexer.hpp"

#include <cstdio>

#include <journey/core/calendar.hpp>

namespace journey::dsl::detail {

std::string_view describe(Tok t) noexcept {
    switch (t) {
    case Tok::eof:
        return "end of file";
    case Tok::ident:
        return "a name";
    case Tok::string:
        return "a string";
    case Tok::number:
        return "a number";
    case Tok::duration:
        return "a duration";
    case Tok::percent:
        return "a percentage";
    case Tok::time:
        return "a time";
    case Tok::date:
        return "a date";
    case Tok::regex:
        return "a regular expression";
    case Tok::lbrace:
        return "'{'";
    case Tok::rbrace:
        return "'}'";
    case Tok::lparen:
        return "'('";
    case Tok::rparen:
        return "')'";
    case Tok::lbracket:
        return "'['";
    case Tok::rbracket:
        return "']'";
    case Tok::comma:
        return "','";
    case Tok::semicolon:
        return "';'";
    case Tok::colon:
        return "':'";
    case Tok::eq:
        return "'='";
    case Tok::ne:
        return "'!='";
    case Tok::lt:
        return "'<'";
    case Tok::le:
        return "'<='";
    case Tok::gt:
        return "'>'";
    case Tok::ge:
        return "'>='";
    case Tok::tilde:
        return "'~'";
    case Tok::not_tilde:
        return "'!~'";
    case Tok::arrow:
        return "'->'";
    case Tok::minus:
        return "'-'";
    case Tok::plus:
        return "'+'";
    case Tok::star:
        return "'*'";
    case Tok::question:
        return "'?'";
    case Tok::amp:
        return "'&'";
    case Tok::pipe:
        return "'|'";
    }
    return "a token";
}

SourceRange token_range(const SourceManager& sources, FileId file, const Token& t) {
    return {sources.location(file, t.begin), sources.location(file, t.end)};
}

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_alnum(char c) {
    return is_alpha(c) || is_digit(c);
}

class Lexer {
public:
    Lexer(const SourceManager& sources, FileId file, std::vector<Diagnostic>& diags)
        : m_sources(sources), m_file(file), m_text(sources.text(file)), m_diags(diags) {}

    LexResult run() {
        LexResult out;
        bool line_has_token = false;
        std::uint32_t line = 1;
        while (true) {
            // Blanks and comments.
            while (m_pos < m_text.size()) {
                const char c = m_text[m_pos];
                if (c == '\n') {
                    ++line;
                    ++m_pos;
                    line_has_token = false;
                } else if (c == ' ' || c == '\t' || c == '\r') {
                    ++m_pos;
                } else if (c == '#') {
                    Comment com;
                    com.begin = static_cast<std::uint32_t>(m_pos);
                    com.line = line;
                    com.own_line = !line_has_token;
                    std::size_t end = m_text.find('\n', m_pos);
                    if (end == std::string_view::npos) {
                        end = m_text.size();
                    }
                    std::string_view body = m_text.substr(m_pos + 1, end - m_pos - 1);
                    while (!body.empty() &&
                           (body.back() == ' ' || body.back() == '\t' || body.back() == '\r')) {
                        body.remove_suffix(1);
                    }
                    com.text = std::string(body);
                    out.comments.push_back(std::move(com));
                    m_pos = end;
                } else {
                    break;
                }
            }
            Token t;
            t.begin = static_cast<std::uint32_t>(m_pos);
            t.line = line;
            t.first_on_line = !line_has_token;
            if (m_pos >= m_text.size()) {
                t.kind = Tok::eof;
                t.end = t.begin;
                out.tokens.push_back(std::move(t));
                return out;
            }
            if (!scan(t)) {
                continue; // a bad character: reported, skipped
            }
            t.end = static_cast<std::uint32_t>(m_pos);
            line_has_token = true;
            out.tokens.push_back(std::move(t));
        }
    }

private:
    void error(std::size_t begin, std::size_t end, std::string code, std::string message) {
        Diagnostic d;
        d.severity = Severity::error;
        d.code = std::move(code);
        d.message = std::move(message);
        d.range = {m_sources.location(m_file, static_cast<std::uint32_t>(begin)),
                   m_sources.location(m_file, static_cast<std::uint32_t>(end))};
        m_diags.push_back(std::move(d));
    }

    char peek(std::size_t ahead = 0) const {
        return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
    }

    bool scan(Token& t) {
        const char c = m_text[m_pos];
        if (is_alpha(c)) {
            const std::size_t start = m_pos;
            while (m_pos < m_text.size() && is_alnum(m_text[m_pos])) {
                ++m_pos;
            }
            t.kind = Tok::ident;
            t.text = std::string(m_text.substr(start, m_pos - start));
            return true;
        }
        if (is_digit(c)) {
            scan_number(t);
            return true;
        }
        switch (c) {
        case '"':
            scan_string(t);
            return true;
        case '/':
            scan_regex(t);
            return true;
        case '{':
            return single(t, Tok::lbrace);
        case '}':
            return single(t, Tok::rbrace);
        case '(':
            return single(t, Tok::lparen);
        case ')':
            return single(t, Tok::rparen);
        case '[':
            return single(t, Tok::lbracket);
        case ']':
            return single(t, Tok::rbracket);
        case ',':
            return single(t, Tok::comma);
        case ';':
            return single(t, Tok::semicolon);
        case ':':
            return single(t, Tok::colon);
        case '~':
            return single(t, Tok::tilde);
        case '+':
            return single(t, Tok::plus);
        case '*':
            return single(t, Tok::star);
        case '?':
            return single(t, Tok::question);
        case '&':
            return single(t, Tok::amp);
        case '|':
            return single(t, Tok::pipe);
        case '=':
            m_pos += peek(1) == '=' ? 2 : 1;
            t.kind = Tok::eq;
            return true;
        case '<':
            return pair(t, '=', Tok::le, Tok::lt);
        case '>':
            return pair(t, '=', Tok::ge, Tok::gt);
        case '-':
            return pair(t, '>', Tok::arrow, Tok::minus);
        case '!':
            if (peek(1) == '=') {
                m_pos += 2;
                t.kind = Tok::ne;
                return true;
            }
            if (peek(1) == '~') {
                m_pos += 2;
                t.kind = Tok::not_tilde;
                return true;
            }
            break;
        default:
            break;
        }
        // A character that starts no token. Skip a whole UTF-8 sequence at once.
        const std::size_t start = m_pos;
        const auto byte = static_cast<unsigned char>(c);
        ++m_pos;
        if (byte >= 0x80) {
            while (m_pos < m_text.size() &&
                   (static_cast<unsigned char>(m_text[m_pos]) & 0xC0) == 0x80) {
                ++m_pos;
            }
            error(start, m_pos, "bad-character",
                  "unexpected character outside a string (names are ASCII letters, digits "
                  "and '_'; put other text in quotes)");
        } else if (byte < 0x20 || byte == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "0x%02X", byte);
            error(start, m_pos, "bad-character", std::string("unexpected control byte ") + buf);
        } else {
            error(start, m_pos, "bad-character", std::string("unexpected character '") + c + "'");
        }
        return false;
    }

    bool single(Token& t, Tok k) {
        ++m_pos;
        t.kind = k;
        return true;
    }

    bool pair(Token& t, char second, Tok two, Tok one) {
        if (peek(1) == second) {
            m_pos += 2;
            t.kind = two;
        } else {
            ++m_pos;
            t.kind = one;
        }
        return true;
    }

    std::size_t digits_from(std::size_t p) const {
        std::size_t n = 0;
        while (p + n < m_text.size() && is_digit(m_text[p + n])) {
            ++n;
        }
        return n;
    }

    void scan_number(Token& t) {
        const std::size_t start = m_pos;
        const std::size_t int_digits = digits_from(m_pos);
        const std::size_t after = m_pos + int_digits;
        const char next = after < m_text.size() ? m_text[after] : '\0';
        // HH:MM
        if (next == ':') {
            const std::size_t min_digits = digits_from(after + 1);
            m_pos = after + 1 + min_digits;
            t.kind = Tok::time;
            t.text = std::string(m_text.substr(start, m_pos - start));
            const bool shape = int_digits == 2 && min_digits == 2;
            int hh = 0;
            int mm = 0;
            if (shape) {
                hh = (m_text[start] - '0') * 10 + (m_text[start + 1] - '0');
                mm = (m_text[start + 3] - '0') * 10 + (m_text[start + 4] - '0');
            }
            if (!shape || hh > 24 || mm > 59 || (hh == 24 && mm != 0)) {
                error(start, m_pos, "bad-time",
                      "'" + t.text + "' is not a time; write HH:MM from 00:00 to 24:00");
            }
            return;
        }
        // YYYY-MM-DD
        if (int_digits == 4 && next == '-' && after + 1 < m_text.size() &&
            is_digit(m_text[after + 1])) {
            std::size_t p = after + 1;
            while (p < m_text.size() && (is_digit(m_text[p]) || m_text[p] == '-')) {
                ++p;
            }
            m_pos = p;
            t.kind = Tok::date;
            t.text = std::string(m_text.substr(start, m_pos - start));
            if (!parse_date(t.text)) {
                error(start, m_pos, "bad-date", "'" + t.text + "' is not a date; write YYYY-MM-DD");
            }
            return;
        }
        m_pos = after;
        bool fraction = false;
        if (peek() == '.' && is_digit(peek(1))) {
            fraction = true;
            ++m_pos;
            m_pos += digits_from(m_pos);
        }
        const std::string number(m_text.substr(start, m_pos - start));
        if (int_digits > 15 || m_pos - start > 24) {
            error(start, m_pos, "bad-number", "number '" + number + "' has too many digits");
        }
        if (is_alpha(peek())) {
            const std::size_t unit_start = m_pos;
            while (m_pos < m_text.size() && is_alnum(m_text[m_pos])) {
                ++m_pos;
            }
            const std::string unit(m_text.substr(unit_start, m_pos - unit_start));
            t.kind = Tok::duration;
            t.text = number + unit;
            if (fraction) {
                error(start, m_pos, "bad-duration",
                      "duration '" + t.text + "' must be a whole number of " + unit +
                          "; use a smaller unit");
            } else if (!parse_duration_unit(unit)) {
                std::string hint = closest_name(unit, {"s", "min", "h", "d", "w", "wd"});
                error(unit_start, m_pos, "bad-duration",
                      "unknown duration unit '" + unit + "'" +
                          (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
                          " (units: s, min, h, d, w, wd)");
            } else if (int_digits <= 15 && !parse_duration(t.text)) {
                error(start, m_pos, "bad-duration", "duration '" + t.text + "' is too long");
            }
            return;
        }
        if (peek() == '%') {
            ++m_pos;
            t.kind = Tok::percent;
            t.text = number;
            return;
        }
        t.kind = Tok::number;
        t.text = number;
    }

    void scan_string(Token& t) {
        const std::size_t start = m_pos;
        ++m_pos;
        t.kind = Tok::string;
        while (true) {
            if (m_pos >= m_text.size() || m_text[m_pos] == '\n') {
                error(start, start + 1, "unterminated-string",
                      "string is not closed before the end of the line");
                return;
            }
            const char c = m_text[m_pos];
            if (c == '"') {
                ++m_pos;
                return;
            }
            if (c == '\\') {
                const char e = peek(1);
                switch (e) {
                case '"':
                case '\\':
                    t.text += e;
                    break;
                case 'n':
                    t.text += '\n';
                    break;
                case 't':
                    t.text += '\t';
                    break;
                default:
                    error(m_pos, m_pos + (e == '\0' || e == '\n' ? 1 : 2), "bad-escape",
                          std::string("unknown escape in string; use \\\" \\\\ \\n or \\t"));
                    if (e == '\0' || e == '\n') {
                        ++m_pos;
                        continue;
                    }
                    t.text += e;
                }
                m_pos += 2;
                continue;
            }
            t.text += c;
            ++m_pos;
        }
    }

    void scan_regex(Token& t) {
        const std::size_t start = m_pos;
        ++m_pos;
        t.kind = Tok::regex;
        while (true) {
            if (m_pos >= m_text.size() || m_text[m_pos] == '\n') {
                error(start, start + 1, "unterminated-regex",
                      "regular expression is not closed with '/' before the end of the line");
                return;
            }
            const char c = m_text[m_pos];
            if (c == '/') {
                ++m_pos;
                break;
            }
            if (c == '\\' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] != '\n') {
                t.text += c;
                t.text += m_text[m_pos + 1];
                m_pos += 2;
                continue;
            }
            t.text += c;
            ++m_pos;
        }
        while (m_pos < m_text.size() && is_alpha(m_text[m_pos])) {
            if (m_text[m_pos] == 'i' && !t.icase) {
                t.icase = true;
            } else {
                error(m_pos, m_pos + 1, "bad-regex",
                      std::string("unknown regular expression flag '") + m_text[m_pos] +
                          "' (the only flag is 'i')");
            }
            ++m_pos;
        }
    }

    const SourceManager& m_sources;
    FileId m_file;
    std::string_view m_text;
    std::vector<Diagnostic>& m_diags;
    std::size_t m_pos = 0;
};

} // namespace

LexResult lex(const SourceManager& sources, FileId file, std::vector<Diagnostic>& diags) {
    return Lexer(sources, file, diags).run();
}

} // namespace journey::dsl::detail
