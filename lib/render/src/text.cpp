#include "text.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace journey::render::detail {

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD"; // U+FFFD

// Length of the well-formed UTF-8 sequence at the start of `s`, 0 if there is none
// (Unicode 15, table 3-7).
std::size_t sequence_length(std::string_view s) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char b0 = byte(0);
    if (b0 < 0x80) {
        return 1;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        if (b0 == 0xE0) {
            lo = 0xA0;
        } else if (b0 == 0xED) {
            hi = 0x9F;
        }
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        if (b0 == 0xF0) {
            lo = 0x90;
        } else if (b0 == 0xF4) {
            hi = 0x8F;
        }
    } else {
        return 0;
    }
    if (s.size() < len) {
        return 0;
    }
    if (byte(1) < lo || byte(1) > hi) {
        return 0;
    }
    for (std::size_t i = 2; i < len; ++i) {
        if (byte(i) < 0x80 || byte(i) > 0xBF) {
            return 0;
        }
    }
    return len;
}

} // namespace

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        const std::size_t len = sequence_length(text);
        if (len == 0) {
            out += replacement;
            text.remove_prefix(1);
            continue;
        }
        if (len == 1) {
            const char c = text[0];
            const bool control =
                (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
                c == 0x7F;
            if (control) {
                out += replacement;
            } else {
                out += c;
            }
        } else {
            out.append(text.substr(0, len));
        }
        text.remove_prefix(len);
    }
    return out;
}

std::string dot_id(std::string_view text) {
    const std::string clean = valid_utf8(text);
    std::string out;
    out.reserve(clean.size() + 8);
    for (const char c : clean) {
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
        default:
            out += c;
        }
    }
    return out;
}

std::string dot_label(std::string_view text) {
    const std::string clean = valid_utf8(text);
    std::string out;
    out.reserve(clean.size() + 8);
    for (std::size_t i = 0; i < clean.size(); ++i) {
        const char c = clean[i];
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\r':
            if (i + 1 < clean.size() && clean[i + 1] == '\n') {
                ++i;
            }
            out += "\\n";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += ' ';
            break;
        default:
            out += c;
        }
    }
    return out;
}

namespace {

enum class Markup { svg, html };

// The body of svg_text() and html_text(): valid UTF-8 with & < > " as entities and
// tabs as spaces. SVG text is one line: ' stays, and each carriage return and line
// feed becomes a space. An HTML-like label writes ' as an entity too, and each line
// break (\r\n, \r, \n) as a left-aligned <br/>.
std::string markup_text(std::string_view text, Markup markup) {
    const bool html = markup == Markup::html;
    const std::string clean = valid_utf8(text);
    std::string out;
    out.reserve(clean.size() + (html ? 16 : 0));
    for (std::size_t i = 0; i < clean.size(); ++i) {
        const char c = clean[i];
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += html ? "&#39;" : "'";
            break;
        case '\t':
            out += ' ';
            break;
        case '\r':
            if (html && i + 1 < clean.size() && clean[i + 1] == '\n') {
                ++i;
            }
            [[fallthrough]];
        case '\n':
            out += html ? "<br align=\"left\"/>" : " ";
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace

std::string svg_text(std::string_view text) {
    return markup_text(text, Markup::svg);
}

std::string html_text(std::string_view text) {
    return markup_text(text, Markup::html);
}

std::string fixed(double value, int decimals) {
    if (!std::isfinite(value)) {
        value = 0;
    }
    std::array<char, 64> buf{};
    const auto result = std::to_chars(buf.data(), buf.data() + buf.size(), value,
                                      std::chars_format::fixed, decimals);
    if (result.ec != std::errc{}) {
        return "0";
    }
    std::string out(buf.data(), result.ptr);
    // -0.00 would make equal drawings differ in their text.
    if (out.find_first_not_of("-0.") == std::string::npos && !out.empty() && out[0] == '-') {
        out.erase(0, 1);
    }
    return out;
}

std::string hex_colour(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    constexpr std::string_view digits = "0123456789abcdef";
    std::string out = "#";
    for (const std::uint8_t v : {r, g, b}) {
        out += digits[v >> 4];
        out += digits[v & 0x0F];
    }
    return out;
}

} // namespace journey::render::detail
