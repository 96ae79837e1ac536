#include <journey/core/regex.hpp>

#include <utility>

#include <journey/core/hex.hpp>

namespace journey {

namespace {

enum Op : std::uint8_t { op_set, op_split, op_jump, op_bol, op_eol, op_match };

using ByteSet = Regex::ByteSet;

void set_add(ByteSet& s, unsigned char c) {
    s[c >> 6] |= std::uint64_t{1} << (c & 63);
}
bool set_has(const ByteSet& s, unsigned char c) {
    return (s[c >> 6] >> (c & 63)) & 1u;
}
void set_range(ByteSet& s, unsigned char lo, unsigned char hi) {
    for (unsigned c = lo; c <= hi; ++c) {
        set_add(s, static_cast<unsigned char>(c));
    }
}
void set_union(ByteSet& a, const ByteSet& b) {
    for (std::size_t i = 0; i < 4; ++i) {
        a[i] |= b[i];
    }
}
ByteSet set_invert(const ByteSet& a) {
    ByteSet r{};
    for (std::size_t i = 0; i < 4; ++i) {
        r[i] = ~a[i];
    }
    return r;
}

ByteSet digit_set() {
    ByteSet s{};
    set_range(s, '0', '9');
    return s;
}
ByteSet word_set() {
    ByteSet s = digit_set();
    set_range(s, 'a', 'z');
    set_range(s, 'A', 'Z');
    set_add(s, '_');
    return s;
}
ByteSet space_set() {
    ByteSet s{};
    for (const char c : {' ', '\t', '\n', '\r', '\f', '\v'}) {
        set_add(s, static_cast<unsigned char>(c));
    }
    return s;
}

struct Node {
    enum Kind : std::uint8_t { set, bol, eol, cat, alt, rep, empty };
    Kind kind = empty;
    ByteSet bytes{};
    std::vector<Node> kids;
    int min = 0;
    int max = 0; // -1: unbounded
};

struct Failure {
    std::size_t offset;
    std::string message;
};

constexpr int max_depth = 200;
constexpr int max_repeat = 1000;

class Parser {
public:
    Parser(std::string_view p, bool icase) : m_p(p), m_icase(icase) {}

    Node parse() {
        Node n = alternation(0);
        if (m_pos < m_p.size()) {
            // Only an unmatched ')' stops alternation() early.
            fail("unmatched ')'");
        }
        return n;
    }

private:
    [[noreturn]] void fail(std::string message) { throw Failure{m_pos, std::move(message)}; }
    [[noreturn]] void fail_at(std::size_t at, std::string message) {
        throw Failure{at, std::move(message)};
    }

    bool at_end() const { return m_pos >= m_p.size(); }
    char peek() const { return m_p[m_pos]; }

    Node alternation(int depth) {
        if (depth > max_depth) {
            fail("pattern nests too deeply");
        }
        Node first = concatenation(depth);
        if (at_end() || peek() != '|') {
            return first;
        }
        Node alt;
        alt.kind = Node::alt;
        alt.kids.push_back(std::move(first));
        while (!at_end() && peek() == '|') {
            ++m_pos;
            alt.kids.push_back(concatenation(depth));
        }
        return alt;
    }

    Node concatenation(int depth) {
        Node cat;
        cat.kind = Node::cat;
        while (!at_end() && peek() != '|' && peek() != ')') {
            cat.kids.push_back(repetition(depth));
        }
        if (cat.kids.size() == 1) {
            return std::move(cat.kids.front());
        }
        if (cat.kids.empty()) {
            return Node{};
        }
        return cat;
    }

    bool read_int(int& out) {
        const std::size_t start = m_pos;
        long v = 0;
        while (!at_end() && peek() >= '0' && peek() <= '9') {
            v = v * 10 + (peek() - '0');
            if (v > 100000) {
                v = 100000;
            }
            ++m_pos;
        }
        out = static_cast<int>(v);
        return m_pos > start;
    }

    // Tries to read `{n}`, `{n,}` or `{n,m}` at m_pos; restores m_pos when it is not one.
    bool braces(int& min, int& max) {
        const std::size_t start = m_pos;
        ++m_pos; // '{'
        if (!read_int(min)) {
            m_pos = start;
            return false;
        }
        max = min;
        if (!at_end() && peek() == ',') {
            ++m_pos;
            if (!read_int(max)) {
                max = -1;
            }
        }
        if (at_end() || peek() != '}') {
            m_pos = start;
            return false;
        }
        ++m_pos;
        if (min > max_repeat || max > max_repeat) {
            fail_at(start, "repeat count over 1000");
        }
        if (max != -1 && max < min) {
            fail_at(start, "repeat range out of order");
        }
        return true;
    }

    bool quantifier_here() const {
        if (at_end()) {
            return false;
        }
        const char c = peek();
        return c == '*' || c == '+' || c == '?';
    }

    Node repetition(int depth) {
        const std::size_t atom_pos = m_pos;
        if (quantifier_here()) {
            fail("nothing to repeat");
        }
        Node n = atom(depth);
        bool quantified = false;
        while (!at_end()) {
            int min = 0;
            int max = 0;
            const char c = peek();
            if (c == '*') {
                min = 0;
                max = -1;
                ++m_pos;
            } else if (c == '+') {
                min = 1;
                max = -1;
                ++m_pos;
            } else if (c == '?') {
                min = 0;
                max = 1;
                ++m_pos;
            } else if (c == '{') {
                if (!braces(min, max)) {
                    break;
                }
            } else {
                break;
            }
            if (quantified) {
                fail_at(m_pos - 1, "nothing to repeat");
            }
            if (n.kind == Node::bol || n.kind == Node::eol) {
                fail_at(atom_pos, "an anchor cannot be repeated");
            }
            quantified = true;
            if (!at_end() && peek() == '?') {
                ++m_pos; // lazy: same language
            }
            Node r;
            r.kind = Node::rep;
            r.min = min;
            r.max = max;
            r.kids.push_back(std::move(n));
            n = std::move(r);
        }
        return n;
    }

    Node literal(unsigned char c) {
        Node n;
        n.kind = Node::set;
        set_add(n.bytes, c);
        if (m_icase) {
            if (c >= 'a' && c <= 'z') {
                set_add(n.bytes, static_cast<unsigned char>(c - 'a' + 'A'));
            } else if (c >= 'A' && c <= 'Z') {
                set_add(n.bytes, static_cast<unsigned char>(c - 'A' + 'a'));
            }
        }
        return n;
    }

    // Reads the escape after a '\' at m_pos - 1. Returns true with `set` for a class
    // escape, false with `c` for a single byte.
    bool escape(ByteSet& set, unsigned char& c) {
        const std::size_t at = m_pos - 1;
        if (at_end()) {
            fail_at(at, "pattern ends with '\\'");
        }
        const char e = peek();
        ++m_pos;
        switch (e) {
        case 'd':
            set = digit_set();
            return true;
        case 'D':
            set = set_invert(digit_set());
            return true;
        case 'w':
            set = word_set();
            return true;
        case 'W':
            set = set_invert(word_set());
            return true;
        case 's':
            set = space_set();
            return true;
        case 'S':
            set = set_invert(space_set());
            return true;
        case 't':
            c = '\t';
            return false;
        case 'n':
            c = '\n';
            return false;
        case 'r':
            c = '\r';
            return false;
        case 'f':
            c = '\f';
            return false;
        case 'v':
            c = '\v';
            return false;
        case 'x': {
            if (m_pos + 2 > m_p.size() || hex_digit_value(m_p[m_pos]) < 0 ||
                hex_digit_value(m_p[m_pos + 1]) < 0) {
                fail_at(at, "'\\x' needs two hex digits");
            }
            c = static_cast<unsigned char>(hex_digit_value(m_p[m_pos]) * 16 +
                                           hex_digit_value(m_p[m_pos + 1]));
            m_pos += 2;
            return false;
        }
        default:
            break;
        }
        if (e >= '0' && e <= '9') {
            fail_at(at, "backreferences are not supported");
        }
        if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z')) {
            fail_at(at, std::string("unknown escape '\\") + e + "'");
        }
        c = static_cast<unsigned char>(e);
        return false;
    }

    Node char_class() {
        const std::size_t open = m_pos - 1;
        bool negate = false;
        if (!at_end() && peek() == '^') {
            negate = true;
            ++m_pos;
        }
        ByteSet set{};
        bool first = true;
        while (true) {
            if (at_end()) {
                fail_at(open, "missing ']'");
            }
            if (peek() == ']' && !first) {
                ++m_pos;
                break;
            }
            if (peek() == ']') { // "[]": empty class
                ++m_pos;
                break;
            }
            first = false;
            unsigned char lo = 0;
            ByteSet esc{};
            const std::size_t item_pos = m_pos;
            if (peek() == '\\') {
                ++m_pos;
                if (escape(esc, lo)) {
                    set_union(set, esc);
                    continue;
                }
            } else {
                lo = static_cast<unsigned char>(peek());
                ++m_pos;
            }
            if (m_pos + 1 < m_p.size() && peek() == '-' && m_p[m_pos + 1] != ']') {
                ++m_pos;
                unsigned char hi = 0;
                if (peek() == '\\') {
                    ++m_pos;
                    if (escape(esc, hi)) {
                        fail_at(item_pos, "a class escape cannot end a range");
                    }
                } else {
                    hi = static_cast<unsigned char>(peek());
                    ++m_pos;
                }
                if (hi < lo) {
                    fail_at(item_pos, "range out of order");
                }
                set_range(set, lo, hi);
            } else {
                set_add(set, lo);
            }
        }
        if (m_icase) {
            for (unsigned c = 'a'; c <= 'z'; ++c) {
                const auto lower = static_cast<unsigned char>(c);
                const auto upper = static_cast<unsigned char>(c - 'a' + 'A');
                if (set_has(set, lower) || set_has(set, upper)) {
                    set_add(set, lower);
                    set_add(set, upper);
                }
            }
        }
        Node n;
        n.kind = Node::set;
        n.bytes = negate ? set_invert(set) : set;
        return n;
    }

    Node atom(int depth) {
        const char c = peek();
        ++m_pos;
        switch (c) {
        case '(': {
            const std::size_t open = m_pos - 1;
            if (m_pos + 1 < m_p.size() && peek() == '?') {
                if (m_p[m_pos + 1] != ':') {
                    fail_at(open, "only '(?:' groups are supported");
                }
                m_pos += 2;
            }
            Node inner = alternation(depth + 1);
            if (at_end() || peek() != ')') {
                fail_at(open, "missing ')'");
            }
            ++m_pos;
            return inner;
        }
        case '[':
            return char_class();
        case '.': {
            Node n;
            n.kind = Node::set;
            n.bytes = set_invert(ByteSet{});
            n.bytes[0] &= ~(std::uint64_t{1} << '\n');
            return n;
        }
        case '^': {
            Node n;
            n.kind = Node::bol;
            return n;
        }
        case '$': {
            Node n;
            n.kind = Node::eol;
            return n;
        }
        case '\\': {
            ByteSet set{};
            unsigned char b = 0;
            if (escape(set, b)) {
                Node n;
                n.kind = Node::set;
                n.bytes = set;
                return n;
            }
            return literal(b);
        }
        default:
            return literal(static_cast<unsigned char>(c));
        }
    }

    std::string_view m_p;
    bool m_icase;
    std::size_t m_pos = 0;
};

class Compiler {
public:
    Compiler(std::vector<Regex::Inst>& program, std::vector<ByteSet>& sets)
        : m_program(program), m_sets(sets) {}

    void emit_node(const Node& n) {
        switch (n.kind) {
        case Node::empty:
            return;
        case Node::set:
            m_sets.push_back(n.bytes);
            emit(op_set, static_cast<std::uint32_t>(m_sets.size() - 1), 0);
            return;
        case Node::bol:
            emit(op_bol, 0, 0);
            return;
        case Node::eol:
            emit(op_eol, 0, 0);
            return;
        case Node::cat:
            for (const Node& k : n.kids) {
                emit_node(k);
            }
            return;
        case Node::alt: {
            std::vector<std::size_t> jumps;
            for (std::size_t i = 0; i + 1 < n.kids.size(); ++i) {
                const std::size_t split = emit(op_split, 0, 0);
                m_program[split].x = here();
                emit_node(n.kids[i]);
                jumps.push_back(emit(op_jump, 0, 0));
                m_program[split].y = here();
            }
            emit_node(n.kids.back());
            for (const std::size_t j : jumps) {
                m_program[j].x = here();
            }
            return;
        }
        case Node::rep: {
            const Node& body = n.kids.front();
            for (int i = 0; i < n.min; ++i) {
                emit_node(body);
            }
            if (n.max == -1) {
                const std::size_t split = emit(op_split, 0, 0);
                m_program[split].x = here();
                emit_node(body);
                emit(op_jump, static_cast<std::uint32_t>(split), 0);
                m_program[split].y = here();
            } else {
                std::vector<std::size_t> splits;
                for (int i = n.min; i < n.max; ++i) {
                    const std::size_t split = emit(op_split, 0, 0);
                    m_program[split].x = here();
                    splits.push_back(split);
                    emit_node(body);
                }
                for (const std::size_t s : splits) {
                    m_program[s].y = here();
                }
            }
            return;
        }
        }
    }

    std::size_t emit(std::uint8_t op, std::uint32_t x, std::uint32_t y) {
        if (m_program.size() >= Regex::max_program_size) {
            throw Failure{0, "pattern is too complex"};
        }
        m_program.push_back({op, x, y});
        return m_program.size() - 1;
    }

private:
    std::uint32_t here() const { return static_cast<std::uint32_t>(m_program.size()); }

    std::vector<Regex::Inst>& m_program;
    std::vector<ByteSet>& m_sets;
};

} // namespace

Regex::Regex() {
    m_program.push_back({op_match, 0, 0});
}

std::optional<Regex> Regex::compile(std::string_view pattern, bool icase, RegexError* error) {
    if (pattern.size() > max_pattern_bytes) {
        if (error != nullptr) {
            *error = {max_pattern_bytes, "pattern is longer than 4096 bytes"};
        }
        return std::nullopt;
    }
    Regex r;
    r.m_pattern = std::string(pattern);
    r.m_icase = icase;
    r.m_program.clear();
    try {
        Parser parser(pattern, icase);
        const Node root = parser.parse();
        Compiler compiler(r.m_program, r.m_sets);
        compiler.emit_node(root);
        compiler.emit(op_match, 0, 0);
    } catch (const Failure& f) {
        if (error != nullptr) {
            *error = {f.offset, f.message};
        }
        return std::nullopt;
    }
    return r;
}

bool Regex::search(std::string_view text) const {
    return run(text, false);
}

bool Regex::full_match(std::string_view text) const {
    return run(text, true);
}

bool Regex::run(std::string_view text, bool anchored) const {
    const std::size_t n = m_program.size();
    std::vector<std::uint32_t> current;
    std::vector<std::uint32_t> next;
    current.reserve(n);
    next.reserve(n);
    std::vector<std::size_t> mark(n, static_cast<std::size_t>(-1));
    std::vector<std::uint32_t> stack;
    std::size_t generation = 0;
    bool matched = false;

    // Follows jumps, splits and assertions from pc at text position pos, adding the
    // byte-consuming instructions reached to `list`.
    auto add = [&](std::vector<std::uint32_t>& list, std::uint32_t pc, std::size_t pos) {
        stack.push_back(pc);
        while (!stack.empty()) {
            const std::uint32_t p = stack.back();
            stack.pop_back();
            if (mark[p] == generation) {
                continue;
            }
            mark[p] = generation;
            const Inst& in = m_program[p];
            switch (in.op) {
            case op_jump:
                stack.push_back(in.x);
                break;
            case op_split:
                stack.push_back(in.y);
                stack.push_back(in.x);
                break;
            case op_bol:
                if (pos == 0) {
                    stack.push_back(p + 1);
                }
                break;
            case op_eol:
                if (pos == text.size()) {
                    stack.push_back(p + 1);
                }
                break;
            case op_match:
                if (!anchored || pos == text.size()) {
                    matched = true;
                }
                break;
            default:
                list.push_back(p);
            }
        }
    };

    add(current, 0, 0);
    for (std::size_t pos = 0; pos < text.size() && !matched; ++pos) {
        if (current.empty() && anchored) {
            return false;
        }
        ++generation;
        next.clear();
        const auto c = static_cast<unsigned char>(text[pos]);
        for (const std::uint32_t p : current) {
            if (set_has(m_sets[m_program[p].x], c)) {
                add(next, p + 1, pos + 1);
            }
        }
        if (!anchored) {
            add(next, 0, pos + 1);
        }
        std::swap(current, next);
    }
    return matched;
}

} // namespace journey
