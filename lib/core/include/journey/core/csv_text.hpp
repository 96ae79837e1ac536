#pragma once
/// @file
/// RFC 4180 quoting of one CSV field, for every writer of small CSV tables (reject
/// files, result tables, reports). The event-log writer has its own, stricter rule
/// (it also quotes the delimiters its reader sniffs).

#include <iosfwd>
#include <string>
#include <string_view>

#include <journey/core/api.hpp>

namespace journey {

/// Whether `field` needs quotes in a comma-separated file: it holds a comma, a
/// double quote, a carriage return or a line feed.
JOURNEY_API bool csv_needs_quotes(std::string_view field) noexcept;

/// Appends `field` to `out`, in double quotes (inner quotes doubled) when
/// csv_needs_quotes(); otherwise as it is.
JOURNEY_API void append_csv_field(std::string& out, std::string_view field);

/// Writes `field` as append_csv_field() does.
JOURNEY_API void write_csv_field(std::ostream& out, std::string_view field);

/// `field` as append_csv_field() writes it.
JOURNEY_API std::string csv_field_text(std::string_view field);

} // namespace journey
