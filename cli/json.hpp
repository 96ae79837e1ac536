#pragma once
// A small streaming JSON writer for the CLI's --json output: correct escaping,
// locale-independent numbers with a fixed number of decimals, no trailing spaces.

#include <charconv>
#include <cmath>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace journey::cli {

/// Formats a double with at most `decimals` decimals, trailing zeros removed
/// ("181960", "0.083333", "-1.5"); non-finite values become null.
inline std::string format_number(double v, int decimals = 6) {
    if (!std::isfinite(v)) {
        return "null";
    }
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    std::string s(buf, r.ptr);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') {
            s.pop_back();
        }
        if (s.back() == '.') {
            s.pop_back();
        }
    }
    if (s == "-0") {
        s = "0";
    }
    return s;
}

class JsonWriter {
public:
    explicit JsonWriter(std::ostream& out, bool pretty = false) : m_out(out), m_pretty(pretty) {}

    JsonWriter& begin_object() { return open('{'); }
    JsonWriter& end_object() { return close('}'); }
    JsonWriter& begin_array() { return open('['); }
    JsonWriter& end_array() { return close(']'); }

    JsonWriter& key(std::string_view k) {
        separator();
        write_string(k);
        m_out << ':';
        m_after_key = true;
        return *this;
    }
    JsonWriter& value(std::string_view s) {
        separator();
        write_string(s);
        return *this;
    }
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
    JsonWriter& value(bool b) {
        separator();
        m_out << (b ? "true" : "false");
        return *this;
    }
    JsonWriter& value(std::uint64_t n) {
        separator();
        m_out << n;
        return *this;
    }
    JsonWriter& value(std::int64_t n) {
        separator();
        m_out << n;
        return *this;
    }
    JsonWriter& value(unsigned n) { return value(static_cast<std::uint64_t>(n)); }
    JsonWriter& value(int n) { return value(static_cast<std::int64_t>(n)); }
    JsonWriter& value(double d, int decimals = 6) {
        separator();
        m_out << format_number(d, decimals);
        return *this;
    }
    JsonWriter& null() {
        separator();
        m_out << "null";
        return *this;
    }
    /// Ends the document with a newline.
    void finish() { m_out << '\n'; }

    template <typename T> JsonWriter& field(std::string_view k, const T& v) {
        key(k);
        return value(v);
    }

private:
    JsonWriter& open(char c) {
        separator();
        m_out << c;
        m_first.push_back(true);
        return *this;
    }
    JsonWriter& close(char c) {
        const bool empty = m_first.back();
        m_first.pop_back();
        if (m_pretty && !empty) {
            newline();
        }
        m_out << c;
        return *this;
    }
    void newline() {
        m_out << '\n';
        for (std::size_t i = 0; i < m_first.size(); ++i) {
            m_out << "  ";
        }
    }
    void separator() {
        if (m_after_key) {
            m_after_key = false;
            return;
        }
        if (m_first.empty()) {
            return;
        }
        if (!m_first.back()) {
            m_out << ',';
        }
        m_first.back() = false;
        if (m_pretty) {
            newline();
        }
    }
    void write_string(std::string_view s) {
        static constexpr char hex[] = "0123456789abcdef";
        m_out << '"';
        for (const char ch : s) {
            const auto c = static_cast<unsigned char>(ch);
            switch (c) {
            case '"':
                m_out << "\\\"";
                break;
            case '\\':
                m_out << "\\\\";
                break;
            case '\n':
                m_out << "\\n";
                break;
            case '\r':
                m_out << "\\r";
                break;
            case '\t':
                m_out << "\\t";
                break;
            default:
                if (c < 0x20) {
                    m_out << "\\u00" << hex[c >> 4] << hex[c & 15];
                } else {
                    m_out << ch;
                }
            }
        }
        m_out << '"';
    }

    std::ostream& m_out;
    bool m_pretty;
    bool m_after_key = false;
    std::vector<bool> m_first;
};

} // namespace journey::cli
