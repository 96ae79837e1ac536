#pragma once
// A minimal JSON reader for tests (reference files, CLI output). Not for the library.

#include <cstdlib>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace journey::test {

struct Json {
    enum class Type { null, boolean, number, string, array, object } type = Type::null;
    bool b = false;
    double n = 0;
    std::string s;
    std::vector<Json> a;
    std::vector<std::pair<std::string, Json>> o; // in document order

    const Json& operator[](std::string_view key) const {
        for (const auto& [k, v] : o) {
            if (k == key) {
                return v;
            }
        }
        throw std::out_of_range("no key '" + std::string(key) + "'");
    }
    const Json& operator[](std::size_t i) const { return a.at(i); }
    bool has(std::string_view key) const {
        for (const auto& kv : o) {
            if (kv.first == key) {
                return true;
            }
        }
        return false;
    }
    std::size_t size() const { return type == Type::array ? a.size() : o.size(); }
};

class JsonParser {
public:
    explicit JsonParser(std::string_view text) : m_s(text) {}

    Json parse() {
        Json v = value();
        ws();
        if (m_i != m_s.size()) {
            fail("trailing characters");
        }
        return v;
    }

private:
    [[noreturn]] void fail(const std::string& what) {
        throw std::runtime_error("json: " + what + " at offset " + std::to_string(m_i));
    }
    void ws() {
        while (m_i < m_s.size() && (m_s[m_i] == ' ' || m_s[m_i] == '\n' || m_s[m_i] == '\r' || m_s[m_i] == '\t')) {
            ++m_i;
        }
    }
    bool lit(std::string_view w) {
        if (m_s.substr(m_i, w.size()) == w) {
            m_i += w.size();
            return true;
        }
        return false;
    }
    Json value() {
        ws();
        if (m_i >= m_s.size()) {
            fail("unexpected end");
        }
        Json j;
        const char c = m_s[m_i];
        if (c == '{') {
            ++m_i;
            j.type = Json::Type::object;
            ws();
            if (m_i < m_s.size() && m_s[m_i] == '}') {
                ++m_i;
                return j;
            }
            while (true) {
                ws();
                std::string k = str();
                ws();
                if (!lit(":")) {
                    fail("expected ':'");
                }
                j.o.emplace_back(std::move(k), value());
                ws();
                if (lit(",")) {
                    continue;
                }
                if (lit("}")) {
                    return j;
                }
                fail("expected ',' or '}'");
            }
        }
        if (c == '[') {
            ++m_i;
            j.type = Json::Type::array;
            ws();
            if (m_i < m_s.size() && m_s[m_i] == ']') {
                ++m_i;
                return j;
            }
            while (true) {
                j.a.push_back(value());
                ws();
                if (lit(",")) {
                    continue;
                }
                if (lit("]")) {
                    return j;
                }
                fail("expected ',' or ']'");
            }
        }
        if (c == '"') {
            j.type = Json::Type::string;
            j.s = str();
            return j;
        }
        if (lit("true")) {
            j.type = Json::Type::boolean;
            j.b = true;
            return j;
        }
        if (lit("false")) {
            j.type = Json::Type::boolean;
            return j;
        }
        if (lit("null")) {
            return j;
        }
        if (lit("NaN")) {
            j.type = Json::Type::number;
            j.n = std::numeric_limits<double>::quiet_NaN();
            return j;
        }
        j.type = Json::Type::number;
        const std::string rest(m_s.substr(m_i, 64));
        char* end = nullptr;
        j.n = std::strtod(rest.c_str(), &end);
        if (end == rest.c_str()) {
            fail("bad value");
        }
        m_i += static_cast<std::size_t>(end - rest.c_str());
        return j;
    }
    std::string str() {
        if (!lit("\"")) {
            fail("expected string");
        }
        std::string out;
        while (m_i < m_s.size() && m_s[m_i] != '"') {
            char c = m_s[m_i++];
            if (c == '\\') {
                if (m_i >= m_s.size()) {
                    fail("bad escape");
                }
                const char e = m_s[m_i++];
                switch (e) {
                case 'n': out += '\n'; break;
                case 't': out += '\t'; break;
                case 'r': out += '\r'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'u': {
                    const unsigned cp = static_cast<unsigned>(std::stoul(std::string(m_s.substr(m_i, 4)), nullptr, 16));
                    m_i += 4;
                    unsigned code = cp;
                    if (cp >= 0xD800 && cp < 0xDC00 && m_s.substr(m_i, 2) == "\\u") {
                        const unsigned lo = static_cast<unsigned>(std::stoul(std::string(m_s.substr(m_i + 2, 4)), nullptr, 16));
                        m_i += 6;
                        code = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    if (code < 0x80) {
                        out += static_cast<char>(code);
                    } else if (code < 0x800) {
                        out += static_cast<char>(0xC0 | (code >> 6));
                        out += static_cast<char>(0x80 | (code & 0x3F));
                    } else if (code < 0x10000) {
                        out += static_cast<char>(0xE0 | (code >> 12));
                        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
                        out += static_cast<char>(0x80 | (code & 0x3F));
                    } else {
                        out += static_cast<char>(0xF0 | (code >> 18));
                        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
                        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
                        out += static_cast<char>(0x80 | (code & 0x3F));
                    }
                    break;
                }
                default: out += e;
                }
            } else {
                out += c;
            }
        }
        if (!lit("\"")) {
            fail("unterminated string");
        }
        return out;
    }

    std::string_view m_s;
    std::size_t m_i = 0;
};

inline Json parse_json(std::string_view text) { return JsonParser(text).parse(); }

} // namespace journey::test
