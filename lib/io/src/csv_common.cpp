#include "csv_common.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <system_error>

namespace journey::io::detail {

namespace {

constexpr std::array<std::string_view, 5> case_aliases{"case:concept:name", "case_id", "Case ID",
                                                       "case", "CaseID"};
constexpr std::array<std::string_view, 3> activity_aliases{"concept:name", "activity",
                                                           "Activity"};
constexpr std::array<std::string_view, 5> timestamp_aliases{
    "time:timestamp", "timestamp", "Complete Timestamp", "Timestamp", "time"};
constexpr std::array<std::string_view, 3> resource_aliases{"org:resource", "resource",
                                                           "Resource"};
constexpr std::array<std::string_view, 3> department_aliases{"org:group", "department",
                                                             "Department"};
constexpr std::array<std::string_view, 2> channel_aliases{"channel", "Channel"};
constexpr std::array<std::string_view, 2> lifecycle_aliases{"lifecycle:transition", "lifecycle"};

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

} // namespace

std::string_view csv_role_name(CsvRole role) noexcept {
    switch (role) {
    case CsvRole::case_id:
        return "case";
    case CsvRole::activity:
        return "activity";
    case CsvRole::timestamp:
        return "timestamp";
    case CsvRole::resource:
        return "resource";
    case CsvRole::department:
        return "department";
    case CsvRole::channel:
        return "channel";
    case CsvRole::lifecycle:
        return "lifecycle";
    }
    return "case";
}

std::span<const std::string_view> csv_role_aliases(CsvRole role) noexcept {
    switch (role) {
    case CsvRole::case_id:
        return case_aliases;
    case CsvRole::activity:
        return activity_aliases;
    case CsvRole::timestamp:
        return timestamp_aliases;
    case CsvRole::resource:
        return resource_aliases;
    case CsvRole::department:
        return department_aliases;
    case CsvRole::channel:
        return channel_aliases;
    case CsvRole::lifecycle:
        return lifecycle_aliases;
    }
    return {};
}

bool csv_is_role_alias(std::string_view header) noexcept {
    header = csv_trim(header);
    for (std::size_t r = 0; r < csv_role_count; ++r) {
        for (const std::string_view a : csv_role_aliases(static_cast<CsvRole>(r))) {
            if (csv_iequals(a, header)) {
                return true;
            }
        }
    }
    return false;
}

std::string_view csv_trim(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

bool csv_iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

bool csv_parse_integer(std::string_view s, std::int64_t& out) noexcept {
    std::size_t i = 0;
    const bool neg = !s.empty() && s[0] == '-';
    if (neg) {
        i = 1;
    }
    const std::size_t digits = s.size() - i;
    if (digits == 0 || digits > 19 || (s[i] == '0' && digits > 1)) {
        return false;
    }
    // Accumulate negatively so that INT64_MIN is representable.
    std::int64_t v = 0;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c < '0' || c > '9') {
            return false;
        }
        const int d = c - '0';
        if (v < (INT64_MIN + d) / 10) {
            return false;
        }
        v = v * 10 - d;
    }
    if (!neg) {
        if (v == INT64_MIN) {
            return false;
        }
        v = -v;
    }
    out = v;
    return true;
}

namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// `-?(0|[1-9][0-9]*)(\.[0-9]*)?([eE][+-]?[0-9]+)?`, `-?\.[0-9]+...`, or inf/infinity/nan:
// no leading zeros, so that codes like `01234` stay text.
bool real_syntax(std::string_view s) noexcept {
    std::size_t i = 0;
    if (i < s.size() && s[i] == '-') {
        ++i;
    }
    const std::string_view rest = s.substr(i);
    if (csv_iequals(rest, "inf") || csv_iequals(rest, "infinity") || csv_iequals(rest, "nan")) {
        return true;
    }
    std::size_t int_digits = 0;
    if (i < s.size() && s[i] == '0') {
        ++i;
        int_digits = 1;
        if (i < s.size() && is_digit(s[i])) {
            return false;
        }
    } else {
        while (i < s.size() && is_digit(s[i])) {
            ++i;
            ++int_digits;
        }
    }
    std::size_t frac_digits = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && is_digit(s[i])) {
            ++i;
            ++frac_digits;
        }
    }
    if (int_digits + frac_digits == 0) {
        return false;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
            ++i;
        }
        std::size_t exp_digits = 0;
        while (i < s.size() && is_digit(s[i])) {
            ++i;
            ++exp_digits;
        }
        if (exp_digits == 0) {
            return false;
        }
    }
    return i == s.size();
}

} // namespace

bool csv_parse_real(std::string_view s, double& out) noexcept {
    if (!real_syntax(s)) {
        return false;
    }
    double v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size()) {
        return false;
    }
    out = v;
    return true;
}

bool csv_parse_boolean(std::string_view s, bool& out) noexcept {
    if (csv_iequals(s, "true")) {
        out = true;
        return true;
    }
    if (csv_iequals(s, "false")) {
        out = false;
        return true;
    }
    return false;
}

bool csv_parse_time(const TimeFormat& format, std::string_view text, Timestamp& out) noexcept {
    static const Timestamp lo = days_from_civil(1, 1, 1) * 86400 * micros_per_second;
    static const Timestamp hi = days_from_civil(10000, 1, 1) * 86400 * micros_per_second;
    Timestamp t = 0;
    if (!format.parse(text, t) || t < lo || t >= hi) {
        return false;
    }
    out = t;
    return true;
}

AttrType csv_infer_type(std::span<const std::string_view> samples, const TimeFormat& time_format) {
    if (samples.empty()) {
        return AttrType::string;
    }
    bool all_int = true;
    bool all_num = true;
    bool all_bool = true;
    bool all_time = true;
    for (const std::string_view s : samples) {
        std::int64_t i = 0;
        double d = 0;
        bool b = false;
        Timestamp t = 0;
        const bool is_int = all_int && csv_parse_integer(s, i);
        all_int = is_int;
        all_num = all_num && (is_int || csv_parse_integer(s, i) || csv_parse_real(s, d));
        all_bool = all_bool && csv_parse_boolean(s, b);
        all_time = all_time && csv_parse_time(time_format, s, t);
        if (!all_num && !all_bool && !all_time) {
            return AttrType::string;
        }
    }
    if (all_int) {
        return AttrType::integer;
    }
    if (all_num) {
        return AttrType::real;
    }
    if (all_bool) {
        return AttrType::boolean;
    }
    return AttrType::time;
}

bool csv_parse_typed(std::string_view text, AttrType type, const TimeFormat& time_format,
                     std::int64_t& raw) noexcept {
    switch (type) {
    case AttrType::integer:
        return csv_parse_integer(text, raw);
    case AttrType::real: {
        std::int64_t i = 0;
        double d = 0;
        if (csv_parse_integer(text, i)) {
            d = static_cast<double>(i);
        } else if (!csv_parse_real(text, d)) {
            return false;
        }
        raw = attr_raw(d);
        return true;
    }
    case AttrType::boolean: {
        bool b = false;
        if (!csv_parse_boolean(text, b)) {
            return false;
        }
        raw = b ? 1 : 0;
        return true;
    }
    case AttrType::time: {
        Timestamp t = 0;
        if (!csv_parse_time(time_format, text, t)) {
            return false;
        }
        raw = t;
        return true;
    }
    case AttrType::string:
    case AttrType::id:
    case AttrType::list:
        return false;
    }
    return false;
}

std::optional<AttrType> csv_type_from_name(std::string_view name) noexcept {
    static constexpr std::array<AttrType, 7> all{AttrType::string,  AttrType::integer,
                                                 AttrType::real,    AttrType::boolean,
                                                 AttrType::time,    AttrType::id,
                                                 AttrType::list};
    for (const AttrType t : all) {
        if (attr_type_name(t) == name) {
            return t;
        }
    }
    return std::nullopt;
}

CsvAttrHeader csv_split_header(std::string_view cell) noexcept {
    CsvAttrHeader h;
    const std::size_t colon = cell.rfind(':');
    if (colon != std::string_view::npos && colon > 0) {
        if (const auto t = csv_type_from_name(cell.substr(colon + 1))) {
            h.hint = t;
            cell = cell.substr(0, colon);
        }
    }
    constexpr std::string_view prefix = "case:";
    if (cell.size() > prefix.size() && cell.substr(0, prefix.size()) == prefix) {
        h.case_level = true;
        cell.remove_prefix(prefix.size());
    }
    h.key = cell;
    return h;
}

void csv_format_value(AttrType type, std::int64_t raw, std::string& out) {
    char buf[64];
    switch (type) {
    case AttrType::integer: {
        const auto r = std::to_chars(buf, buf + sizeof buf, raw);
        out.append(buf, r.ptr);
        return;
    }
    case AttrType::real: {
        const double d = attr_real(raw);
        const auto r = std::to_chars(buf, buf + sizeof buf, d);
        const std::string_view s(buf, static_cast<std::size_t>(r.ptr - buf));
        out += s;
        // Keep the reader from taking an integral real for an integer.
        if (std::isfinite(d) && s.find_first_of(".e") == std::string_view::npos) {
            out += ".0";
        }
        return;
    }
    case AttrType::boolean:
        out += raw != 0 ? "true" : "false";
        return;
    case AttrType::time:
        out += format_iso8601(raw);
        return;
    case AttrType::string:
    case AttrType::id:
    case AttrType::list:
        return;
    }
}

} // namespace journey::io::detail
