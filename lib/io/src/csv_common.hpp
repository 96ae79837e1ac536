#pragma once
// Private: what the CSV reader and writer must agree on: the role aliases, the
// lexical forms of typed values, type inference and `name:type` header hints.
// The writer predicts the reader's inference with these functions, which is what
// makes write_csv -> read_csv give the log back.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <journey/core/event_log.hpp>
#include <journey/core/time.hpp>

namespace journey::io::detail {

/// The core fields a CSV column can feed, in the order ImportReport::mapping uses.
enum class CsvRole : std::uint8_t {
    case_id,
    activity,
    timestamp,
    resource,
    department,
    channel,
    lifecycle
};
inline constexpr std::size_t csv_role_count = 7;

/// "case", "activity", "timestamp", "resource", "department", "channel", "lifecycle".
std::string_view csv_role_name(CsvRole role) noexcept;
/// The column names recognised for a role, in order of preference.
std::span<const std::string_view> csv_role_aliases(CsvRole role) noexcept;
/// True when `header` (blanks around it ignored) equals some alias of some role,
/// ignoring ASCII case.
bool csv_is_role_alias(std::string_view header) noexcept;

/// Removes spaces and tabs around `s`.
std::string_view csv_trim(std::string_view s) noexcept;
bool csv_iequals(std::string_view a, std::string_view b) noexcept;

/// Records and values the type of an attribute column is inferred from.
inline constexpr std::size_t csv_sample_records = 10000;
inline constexpr std::size_t csv_sample_values = 1000;

/// `-?(0|[1-9][0-9]*)` within int64 range.
bool csv_parse_integer(std::string_view s, std::int64_t& out) noexcept;
/// A decimal or scientific number without leading zeros in its integer part
/// (`1.5`, `-0.25`, `.5`, `2e-3`), or `inf`, `infinity`, `nan` (any case, optional `-`).
bool csv_parse_real(std::string_view s, double& out) noexcept;
/// `true` or `false`, ASCII case ignored.
bool csv_parse_boolean(std::string_view s, bool& out) noexcept;

/// Parses a time with `format` and accepts it only within the years 0001-9999 UTC,
/// the range ISO 8601 text (and so write_csv) can hold; the XES reader does the same.
bool csv_parse_time(const TimeFormat& format, std::string_view text, Timestamp& out) noexcept;

/// The type of a column whose (non-empty) sample values are `samples`: integer if
/// all are integers, real if all are numbers, boolean, time (in `time_format`),
/// else string. An empty sample gives string.
AttrType csv_infer_type(std::span<const std::string_view> samples, const TimeFormat& time_format);

/// Parses `text` as a value of `type` into its raw form (string-like types are not
/// handled here). @returns false when it does not fit.
bool csv_parse_typed(std::string_view text, AttrType type, const TimeFormat& time_format,
                     std::int64_t& raw) noexcept;

/// The type named by a header hint suffix: string, int, float, boolean, date, id, list.
std::optional<AttrType> csv_type_from_name(std::string_view name) noexcept;

/// What a header cell that is not mapped to a role stands for.
struct CsvAttrHeader {
    std::string_view key;         ///< attribute name
    bool case_level = false;      ///< the cell read `case:<key>`
    std::optional<AttrType> hint; ///< the cell ended with `:<type>`
};

/// Splits a header cell: a trailing `:<type>` is a type hint, then a leading
/// `case:` makes it a case attribute.
CsvAttrHeader csv_split_header(std::string_view cell) noexcept;

/// Writes the lexical form the writer uses for a raw value of a non-string type.
void csv_format_value(AttrType type, std::int64_t raw, std::string& out);

} // namespace journey::io::detail
