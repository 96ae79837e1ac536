#pragma once
// Private: the canonical text in which XES lists, containers and attributes with
// nested attributes are kept (AttrType::list values). It is compact JSON:
//
//   node     = {"key":K,"type":T[,"value":V][,"items":[node,...]][,"attrs":[node,...]]}
//
// - "key" is left out at the top level (the column or meta key names it);
// - T is one of string, date, int, float, boolean, id, list, container;
// - "value" is the lexical value (after XML entity decoding) and is present exactly
//   for the scalar types;
// - "items" is present exactly for list (the children of <values>) and container
//   (its child attributes), possibly empty;
// - "attrs" holds nested (meta) attributes of a scalar or of a list, and is left out
//   when there are none.
// Fields appear in this order, strings are JSON-escaped (", \, control characters as
// \n \r \t \b \f or \u00XX; other bytes are copied), no whitespace is added. See
// docs/formats.md.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace journey::io::detail {

/// Appends `s` as a JSON string literal (quotes included).
void append_json_string(std::string& out, std::string_view s);

/// One attribute of the canonical text, decoded.
struct XesNode {
    std::string key;
    std::string type;  ///< string, date, int, float, boolean, id, list, container
    std::string value; ///< scalars only
    std::vector<XesNode> items;
    std::vector<XesNode> attrs;
};

/// True for the scalar type names (string, date, int, float, boolean, id).
bool is_scalar_type_name(std::string_view type) noexcept;

/// Parses canonical text (a top-level node, without "key"). On failure returns
/// nullopt and sets `error` to a short reason.
std::optional<XesNode> parse_canonical(std::string_view text, std::string& error);

} // namespace journey::io::detail
