#pragma once
// Text helpers shared by the DOT writer: UTF-8 repair, DOT and HTML-label escaping,
// locale-independent number formatting.

#include <cstdint>
#include <string>
#include <string_view>

namespace journey::render::detail {

// `text` as valid UTF-8: every byte that does not start a well-formed sequence
// (overlong forms, surrogates and code points above U+10FFFF included) and every
// control character other than tab, newline and carriage return becomes U+FFFD.
std::string valid_utf8(std::string_view text);

// Body of a DOT quoted string for an ID: '"' and '\' escaped, newline and carriage
// return written as \n and \r so the DOT text keeps one statement per line.
std::string dot_id(std::string_view text);

// Body of a DOT quoted string for a label (an escString): like dot_id, but line
// breaks (\r\n, \r, \n) become the centred break "\n" and tabs become spaces.
std::string dot_label(std::string_view text);

// Text for an HTML-like label: & < > " ' as entities, tabs as spaces, each line
// break as <br align="left"/>.
std::string html_text(std::string_view text);

// Text for SVG character data and attribute values: valid UTF-8, the XML specials
// escaped, tabs and line breaks as spaces (one line of text).
std::string svg_text(std::string_view text);

// `value` with exactly `decimals` digits after the point, '.' as separator, whatever
// the C or C++ locale.
std::string fixed(double value, int decimals);

// "#rrggbb".
std::string hex_colour(std::uint8_t r, std::uint8_t g, std::uint8_t b);

} // namespace journey::render::detail
