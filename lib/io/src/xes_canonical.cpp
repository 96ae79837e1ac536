#include "xes_canonical.hpp"

#include <cstdint>

#include <journey/core/hex.hpp>

namespace journey::io::detail {

void append_json_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    std::size_t run = 0; // start of the pending run of plain bytes
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') {
            continue;
        }
        out.append(s.data() + run, i - run);
        run = i + 1;
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
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
            break;
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

bool is_scalar_type_name(std::string_view type) noexcept {
    return type == "string" || type == "date" || type == "int" || type == "float" ||
           type == "boolean" || type == "id";
}

namespace {

class CanonicalParser {
public:
    explicit CanonicalParser(std::string_view text) : m_s(text) {}

    std::optional<XesNode> parse_top(std::string& error) {
        XesNode node;
        if (!parse_node(node, false, 0)) {
            error = m_error + " at offset " + std::to_string(m_pos);
            return std::nullopt;
        }
        if (m_pos != m_s.size()) {
            error = "trailing text at offset " + std::to_string(m_pos);
            return std::nullopt;
        }
        return node;
    }

private:
    static constexpr int max_depth = 200;

    bool fail(std::string msg) {
        m_error = std::move(msg);
        return false;
    }

    bool eat(char c) {
        if (m_pos < m_s.size() && m_s[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }

    static void append_utf8(std::string& out, std::uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    bool parse_string(std::string& out) {
        if (!eat('"')) {
            return fail("expected '\"'");
        }
        out.clear();
        while (true) {
            if (m_pos >= m_s.size()) {
                return fail("unterminated string");
            }
            const char c = m_s[m_pos++];
            if (c == '"') {
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20) {
                return fail("control character in string");
            }
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_pos >= m_s.size()) {
                return fail("unterminated escape");
            }
            const char e = m_s[m_pos++];
            switch (e) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case '/':
                out += '/';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'u': {
                if (m_s.size() - m_pos < 4) {
                    return fail("short \\u escape");
                }
                std::uint32_t cp = 0;
                for (int i = 0; i < 4; ++i) {
                    const int d = hex_digit_value(m_s[m_pos++]);
                    if (d < 0) {
                        return fail("bad \\u escape");
                    }
                    cp = cp * 16 + static_cast<std::uint32_t>(d);
                }
                append_utf8(out, cp);
                break;
            }
            default:
                return fail("bad escape");
            }
        }
    }

    bool parse_list(std::vector<XesNode>& out, int depth) {
        if (!eat('[')) {
            return fail("expected '['");
        }
        if (eat(']')) {
            return true;
        }
        while (true) {
            out.emplace_back();
            if (!parse_node(out.back(), true, depth + 1)) {
                return false;
            }
            if (eat(']')) {
                return true;
            }
            if (!eat(',')) {
                return fail("expected ',' or ']'");
            }
        }
    }

    bool parse_node(XesNode& node, bool keyed, int depth) {
        if (depth > max_depth) {
            return fail("nested too deeply");
        }
        if (!eat('{')) {
            return fail("expected '{'");
        }
        std::string field;
        bool has_key = false;
        bool has_type = false;
        bool has_value = false;
        bool has_items = false;
        bool has_attrs = false;
        bool first = true;
        while (!eat('}')) {
            if (!first && !eat(',')) {
                return fail("expected ',' or '}'");
            }
            first = false;
            if (!parse_string(field) || !eat(':')) {
                return fail("expected a field name and ':'");
            }
            bool ok = false;
            if (field == "key" && !has_key) {
                has_key = ok = parse_string(node.key);
            } else if (field == "type" && !has_type) {
                has_type = ok = parse_string(node.type);
            } else if (field == "value" && !has_value) {
                has_value = ok = parse_string(node.value);
            } else if (field == "items" && !has_items) {
                has_items = ok = parse_list(node.items, depth);
            } else if (field == "attrs" && !has_attrs) {
                has_attrs = ok = parse_list(node.attrs, depth);
            } else {
                return fail("unexpected field '" + field + "'");
            }
            if (!ok) {
                return false;
            }
        }
        if (has_key != keyed) {
            return fail(keyed ? "missing \"key\"" : "unexpected \"key\" at the top level");
        }
        if (!has_type) {
            return fail("missing \"type\"");
        }
        const bool scalar = is_scalar_type_name(node.type);
        if (!scalar && node.type != "list" && node.type != "container") {
            return fail("unknown type '" + node.type + "'");
        }
        if (scalar != has_value) {
            return fail(scalar ? "missing \"value\"" : "\"value\" on a list or container");
        }
        if (scalar == has_items) {
            return fail(scalar ? "\"items\" on a scalar" : "missing \"items\"");
        }
        if (node.type == "container" && has_attrs) {
            return fail("\"attrs\" on a container");
        }
        return true;
    }

    std::string_view m_s;
    std::size_t m_pos = 0;
    std::string m_error;
};

} // namespace

std::optional<XesNode> parse_canonical(std::string_view text, std::string& error) {
    return CanonicalParser(text).parse_top(error);
}

} // namespace journey::io::detail
