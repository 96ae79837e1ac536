#include <journey/core/calendar.hpp>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cstdio>

#include <journey/core/error.hpp>

namespace journey {

namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        --q;
    }
    return q;
}

constexpr std::array<std::string_view, 7> weekday_names{"mon", "tue", "wed", "thu",
                                                        "fri", "sat", "sun"};

bool leap(std::int64_t y) noexcept {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned days_in_month(std::int64_t y, unsigned m) noexcept {
    static constexpr std::array<unsigned, 12> n{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : n[m - 1];
}

// Local dates we compute on: years 0001..9999. Timestamps outside are clamped, which
// keeps every day * micros_per_day product far from overflow.
constexpr std::int64_t min_day = -719162; // 0001-01-01
constexpr std::int64_t max_day = 2932896; // 9999-12-31
constexpr Timestamp min_time = min_day * micros_per_day;
constexpr Timestamp max_time = (max_day + 1) * micros_per_day - 1;

Timestamp clamp_time(Timestamp t) noexcept {
    return std::clamp(t, min_time, max_time);
}

// ---- daylight-saving rules (current rules, applied to every year)

struct Transition {
    unsigned month;
    unsigned week;       // 1..4: n-th Sunday; 5: last Sunday
    std::int32_t minute; // minutes after midnight
    bool utc;            // minute is UTC; else local standard time
};

struct DstRule {
    Transition start;
    Transition end;
};

constexpr std::array<DstRule, 5> dst_rules{{
    {{0, 0, 0, false}, {0, 0, 0, false}},      // 0: none
    {{3, 5, 60, true}, {10, 5, 60, true}},     // 1: EU, 01:00 UTC
    {{3, 2, 120, false}, {11, 1, 60, false}},  // 2: US/Canada, 02:00 local
    {{10, 1, 120, false}, {4, 1, 120, false}}, // 3: south-east Australia
    {{9, 5, 120, false}, {4, 1, 120, false}},  // 4: New Zealand
}};

struct NamedZone {
    std::string_view name;
    std::int32_t standard_minutes;
    std::uint8_t rule;
};

// Sorted by name.
constexpr std::array<NamedZone, 50> named_zone_table{{
    {"Africa/Johannesburg", 120, 0},  {"Africa/Lagos", 60, 0},
    {"Africa/Nairobi", 180, 0},       {"America/Anchorage", -540, 2},
    {"America/Chicago", -360, 2},     {"America/Denver", -420, 2},
    {"America/Halifax", -240, 2},     {"America/Los_Angeles", -480, 2},
    {"America/Mexico_City", -360, 0}, {"America/New_York", -300, 2},
    {"America/Phoenix", -420, 0},     {"America/Sao_Paulo", -180, 0},
    {"America/Toronto", -300, 2},     {"America/Vancouver", -480, 2},
    {"Asia/Dubai", 240, 0},           {"Asia/Hong_Kong", 480, 0},
    {"Asia/Jakarta", 420, 0},         {"Asia/Kolkata", 330, 0},
    {"Asia/Seoul", 540, 0},           {"Asia/Shanghai", 480, 0},
    {"Asia/Singapore", 480, 0},       {"Asia/Tokyo", 540, 0},
    {"Australia/Adelaide", 570, 3},   {"Australia/Brisbane", 600, 0},
    {"Australia/Darwin", 570, 0},     {"Australia/Hobart", 600, 3},
    {"Australia/Melbourne", 600, 3},  {"Australia/Perth", 480, 0},
    {"Australia/Sydney", 600, 3},     {"Europe/Amsterdam", 60, 1},
    {"Europe/Athens", 120, 1},        {"Europe/Berlin", 60, 1},
    {"Europe/Brussels", 60, 1},       {"Europe/Bucharest", 120, 1},
    {"Europe/Budapest", 60, 1},       {"Europe/Copenhagen", 60, 1},
    {"Europe/Dublin", 0, 1},          {"Europe/Helsinki", 120, 1},
    {"Europe/Lisbon", 0, 1},          {"Europe/London", 0, 1},
    {"Europe/Madrid", 60, 1},         {"Europe/Oslo", 60, 1},
    {"Europe/Paris", 60, 1},          {"Europe/Prague", 60, 1},
    {"Europe/Rome", 60, 1},           {"Europe/Stockholm", 60, 1},
    {"Europe/Vienna", 60, 1},         {"Europe/Warsaw", 60, 1},
    {"Europe/Zurich", 60, 1},         {"Pacific/Auckland", 720, 4},
}};

// Day (since epoch) of the transition's Sunday in year y.
std::int64_t transition_day(std::int64_t y, const Transition& t) noexcept {
    if (t.week == 5) {
        const std::int64_t last = days_from_civil(y, t.month, days_in_month(y, t.month));
        const auto wd = static_cast<std::int64_t>(weekday_of(last));
        return last - (wd + 1) % 7; // back to Sunday (wd 6)
    }
    const std::int64_t first = days_from_civil(y, t.month, 1);
    const auto wd = static_cast<std::int64_t>(weekday_of(first));
    const std::int64_t first_sunday = first + (6 - wd + 7) % 7;
    return first_sunday + 7 * (static_cast<std::int64_t>(t.week) - 1);
}

Timestamp transition_instant(std::int64_t y, const Transition& t,
                             std::int32_t standard_minutes) noexcept {
    const std::int64_t day = transition_day(y, t);
    Timestamp at = day * micros_per_day + t.minute * micros_per_minute;
    if (!t.utc) {
        at -= standard_minutes * micros_per_minute;
    }
    return at;
}

bool parse_two_digits(std::string_view s, std::size_t& pos, int& out, bool allow_one) {
    int v = 0;
    std::size_t n = 0;
    while (pos < s.size() && n < 2 && s[pos] >= '0' && s[pos] <= '9') {
        v = v * 10 + (s[pos] - '0');
        ++pos;
        ++n;
    }
    out = v;
    return n == 2 || (allow_one && n == 1);
}

std::optional<std::int32_t> parse_offset(std::string_view s) {
    if (s.empty() || (s[0] != '+' && s[0] != '-')) {
        return std::nullopt;
    }
    const int sign = s[0] == '-' ? -1 : 1;
    std::size_t pos = 1;
    int hh = 0;
    int mm = 0;
    if (!parse_two_digits(s, pos, hh, true)) {
        return std::nullopt;
    }
    if (pos < s.size()) {
        if (s[pos] == ':') {
            ++pos;
        }
        if (!parse_two_digits(s, pos, mm, false) || pos != s.size()) {
            return std::nullopt;
        }
    }
    if (mm >= 60 || hh * 60 + mm > 18 * 60) {
        return std::nullopt;
    }
    return sign * (hh * 60 + mm);
}

} // namespace

// ---------------------------------------------------------------------------

std::string_view weekday_name(Weekday d) noexcept {
    return weekday_names[static_cast<std::size_t>(d)];
}

std::optional<Weekday> parse_weekday(std::string_view s) noexcept {
    for (std::size_t i = 0; i < weekday_names.size(); ++i) {
        if (weekday_names[i] == s) {
            return static_cast<Weekday>(i);
        }
    }
    return std::nullopt;
}

Weekday weekday_of(std::int64_t days) noexcept {
    // 1970-01-01 was a Thursday (index 3 with Monday = 0).
    return static_cast<Weekday>(((days % 7) + 7 + 3) % 7);
}

CivilDate civil_from_days(std::int64_t z) noexcept {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2 ? 1 : 0), m, d};
}

std::optional<std::int64_t> parse_date(std::string_view s) noexcept {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
        return std::nullopt;
    }
    unsigned v[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lens[3] = {4, 2, 2};
    for (int k = 0; k < 3; ++k) {
        for (std::size_t i = starts[k]; i < starts[k] + lens[k]; ++i) {
            if (s[i] < '0' || s[i] > '9') {
                return std::nullopt;
            }
            v[k] = v[k] * 10 + static_cast<unsigned>(s[i] - '0');
        }
    }
    if (v[0] < 1 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > days_in_month(v[0], v[1])) {
        return std::nullopt;
    }
    return days_from_civil(v[0], v[1], v[2]);
}

std::string format_date(std::int64_t days) {
    const CivilDate c = civil_from_days(days);
    char buf[32];
    const int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.year),
                                c.month, c.day);
    return std::string(buf, static_cast<std::size_t>(n));
}

// ---------------------------------------------------------------------------

namespace {

std::int64_t unit_micros(DurationUnit u) noexcept {
    switch (u) {
    case DurationUnit::seconds:
        return micros_per_second;
    case DurationUnit::minutes:
        return micros_per_minute;
    case DurationUnit::hours:
        return micros_per_hour;
    case DurationUnit::days:
        return micros_per_day;
    case DurationUnit::weeks:
        return 7 * micros_per_day;
    case DurationUnit::working_days:
        return 0;
    }
    return 0;
}

} // namespace

std::int64_t Duration::micros() const noexcept {
    return value * unit_micros(unit);
}

std::int64_t max_duration_value(DurationUnit unit) noexcept {
    if (unit == DurationUnit::working_days) {
        return 100000;
    }
    return INT64_MAX / unit_micros(unit);
}

std::string_view duration_unit_suffix(DurationUnit unit) noexcept {
    switch (unit) {
    case DurationUnit::seconds:
        return "s";
    case DurationUnit::minutes:
        return "min";
    case DurationUnit::hours:
        return "h";
    case DurationUnit::days:
        return "d";
    case DurationUnit::weeks:
        return "w";
    case DurationUnit::working_days:
        return "wd";
    }
    return "s";
}

std::optional<DurationUnit> parse_duration_unit(std::string_view s) noexcept {
    for (const DurationUnit u :
         {DurationUnit::seconds, DurationUnit::minutes, DurationUnit::hours, DurationUnit::days,
          DurationUnit::weeks, DurationUnit::working_days}) {
        if (duration_unit_suffix(u) == s) {
            return u;
        }
    }
    return std::nullopt;
}

std::string format_duration(const Duration& d) {
    return std::to_string(d.value) + std::string(duration_unit_suffix(d.unit));
}

std::optional<Duration> parse_duration(std::string_view s) noexcept {
    bool negative = false;
    if (!s.empty() && s[0] == '-') {
        negative = true;
        s.remove_prefix(1);
    }
    std::size_t i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        ++i;
    }
    if (i == 0 || i > 18) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    std::from_chars(s.data(), s.data() + i, value);
    const auto unit = parse_duration_unit(s.substr(i));
    if (!unit || value > max_duration_value(*unit)) {
        return std::nullopt;
    }
    return Duration{negative ? -value : value, *unit};
}

// ---------------------------------------------------------------------------

std::vector<MinuteRange> Calendar::ranges_on(Weekday day) const {
    std::vector<MinuteRange> all;
    for (const WorkingHours& h : hours) {
        const bool applies = std::any_of(h.days.begin(), h.days.end(), [&](const WeekdayRange& r) {
            return r.first <= day && day <= r.last;
        });
        if (applies) {
            all.insert(all.end(), h.times.begin(), h.times.end());
        }
    }
    std::sort(all.begin(), all.end(), [](const MinuteRange& a, const MinuteRange& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    std::vector<MinuteRange> merged;
    for (const MinuteRange& r : all) {
        if (r.end <= r.begin) {
            continue;
        }
        if (!merged.empty() && r.begin <= merged.back().end) {
            merged.back().end = std::max(merged.back().end, r.end);
        } else {
            merged.push_back(r);
        }
    }
    return merged;
}

bool Calendar::is_holiday(std::int64_t day) const noexcept {
    if (std::find(holidays.begin(), holidays.end(), day) != holidays.end()) {
        return true;
    }
    return std::any_of(holiday_files.begin(), holiday_files.end(), [&](const HolidayFile& f) {
        return std::find(f.days.begin(), f.days.end(), day) != f.days.end();
    });
}

// ---------------------------------------------------------------------------

std::optional<TimeZone> TimeZone::from_name(std::string_view name) {
    TimeZone z;
    z.m_name = std::string(name);
    if (name == "UTC" || name == "Z" || name == "GMT" || name == "Etc/UTC") {
        return z;
    }
    std::string_view rest = name;
    if (rest.starts_with("UTC") || rest.starts_with("GMT")) {
        rest.remove_prefix(3);
    }
    if (const auto off = parse_offset(rest)) {
        z.m_standard_minutes = *off;
        return z;
    }
    const NamedZone* found = nullptr;
    for (const NamedZone& nz : named_zone_table) {
        if (nz.name == name) {
            found = &nz;
        }
    }
    if (found == nullptr) {
        return std::nullopt;
    }
    z.m_standard_minutes = found->standard_minutes;
    z.m_rule = found->rule;
    return z;
}

std::vector<std::string_view> TimeZone::named_zones() {
    std::vector<std::string_view> out;
    for (const NamedZone& nz : named_zone_table) {
        out.push_back(nz.name);
    }
    return out;
}

bool TimeZone::in_dst(Timestamp utc) const noexcept {
    if (m_rule == 0) {
        return false;
    }
    const DstRule& rule = dst_rules[m_rule];
    const Timestamp local_std = clamp_time(utc) + m_standard_minutes * micros_per_minute;
    const std::int64_t year = civil_from_days(floor_div(local_std, micros_per_day)).year;
    const Timestamp start = transition_instant(year, rule.start, m_standard_minutes);
    const Timestamp end = transition_instant(year, rule.end, m_standard_minutes);
    if (rule.start.month < rule.end.month) {
        return start <= utc && utc < end;
    }
    return utc >= start || utc < end;
}

std::int32_t TimeZone::offset_minutes(Timestamp utc) const noexcept {
    return m_standard_minutes + (in_dst(utc) ? 60 : 0);
}

std::int64_t TimeZone::to_local(Timestamp utc) const noexcept {
    const Timestamp t = clamp_time(utc);
    return t + offset_minutes(t) * micros_per_minute;
}

Timestamp TimeZone::to_utc(std::int64_t local) const noexcept {
    local = clamp_time(local);
    const Timestamp standard = local - m_standard_minutes * micros_per_minute;
    if (m_rule == 0) {
        return standard;
    }
    const Timestamp daylight = standard - 60 * micros_per_minute;
    if (in_dst(daylight)) {
        return daylight; // valid as daylight time (the earlier one when ambiguous)
    }
    return standard; // valid as standard time, or skipped: read with the old offset
}

// ---------------------------------------------------------------------------

BusinessCalendar::BusinessCalendar() {
    for (auto& day : m_week) {
        day.push_back({0, 1440});
    }
}

BusinessCalendar::BusinessCalendar(const Calendar& calendar) {
    if (!calendar.time_zone.empty()) {
        auto zone = TimeZone::from_name(calendar.time_zone);
        if (!zone) {
            throw usage_error("calendar '" + calendar.id + "': unknown time zone '" +
                              calendar.time_zone + "'");
        }
        m_zone = std::move(*zone);
    }
    m_has_working_time = false;
    for (std::size_t d = 0; d < 7; ++d) {
        m_week[d] = calendar.ranges_on(static_cast<Weekday>(d));
        m_has_working_time = m_has_working_time || !m_week[d].empty();
    }
    m_holidays = calendar.holidays;
    for (const HolidayFile& f : calendar.holiday_files) {
        m_holidays.insert(m_holidays.end(), f.days.begin(), f.days.end());
    }
    std::sort(m_holidays.begin(), m_holidays.end());
    m_holidays.erase(std::unique(m_holidays.begin(), m_holidays.end()), m_holidays.end());
}

Timestamp BusinessCalendar::local_minute_to_utc(std::int64_t day,
                                                std::int32_t minute) const noexcept {
    return m_zone.to_utc(day * micros_per_day + minute * micros_per_minute);
}

std::int64_t BusinessCalendar::local_day(Timestamp t) const noexcept {
    return floor_div(m_zone.to_local(t), micros_per_day);
}

bool BusinessCalendar::is_working_day(std::int64_t local_day) const noexcept {
    return !m_week[static_cast<std::size_t>(weekday_of(local_day))].empty() &&
           !std::binary_search(m_holidays.begin(), m_holidays.end(), local_day);
}

bool BusinessCalendar::is_working_time(Timestamp t) const noexcept {
    const std::int64_t local = m_zone.to_local(t);
    const std::int64_t day = floor_div(local, micros_per_day);
    if (!is_working_day(day)) {
        return false;
    }
    const std::int64_t in_day = local - day * micros_per_day;
    for (const MinuteRange& r : m_week[static_cast<std::size_t>(weekday_of(day))]) {
        if (r.begin * micros_per_minute <= in_day && in_day < r.end * micros_per_minute) {
            return true;
        }
    }
    return false;
}

std::int64_t BusinessCalendar::working_micros(Timestamp from, Timestamp to) const {
    if (from == no_timestamp || to == no_timestamp) {
        return 0;
    }
    from = clamp_time(from);
    to = clamp_time(to);
    if (to <= from) {
        return 0;
    }
    // One day of margin on each side covers zone offsets of up to ±24 h.
    const std::int64_t first = std::max(min_day, local_day(from) - 1);
    const std::int64_t last = std::min(max_day, local_day(to) + 1);
    std::int64_t total = 0;
    for (std::int64_t d = first; d <= last; ++d) {
        if (!is_working_day(d)) {
            continue;
        }
        for (const MinuteRange& r : m_week[static_cast<std::size_t>(weekday_of(d))]) {
            const Timestamp a = std::max(from, local_minute_to_utc(d, r.begin));
            const Timestamp b = std::min(to, local_minute_to_utc(d, r.end));
            if (b > a) {
                total += b - a;
            }
        }
    }
    return total;
}

Timestamp BusinessCalendar::add_working_time(Timestamp from, std::int64_t micros) const {
    if (from == no_timestamp || !m_has_working_time) {
        return no_timestamp;
    }
    from = clamp_time(from);
    if (micros <= 0) {
        return from;
    }
    std::int64_t remaining = micros;
    for (std::int64_t d = std::max(min_day, local_day(from) - 1); d <= max_day; ++d) {
        if (!is_working_day(d)) {
            continue;
        }
        for (const MinuteRange& r : m_week[static_cast<std::size_t>(weekday_of(d))]) {
            const Timestamp a = std::max(from, local_minute_to_utc(d, r.begin));
            const Timestamp b = local_minute_to_utc(d, r.end);
            if (b <= a) {
                continue;
            }
            if (remaining <= b - a) {
                return a + remaining;
            }
            remaining -= b - a;
        }
    }
    return no_timestamp;
}

Timestamp BusinessCalendar::working_days_deadline(Timestamp from, std::int64_t days) const {
    if (from == no_timestamp || !m_has_working_time || days < 0) {
        return no_timestamp;
    }
    std::int64_t d = local_day(clamp_time(from));
    std::int64_t counted = 0;
    if (days > 0) {
        ++d; // counting starts on the day after the day of `from`
    }
    for (; d <= max_day; ++d) {
        if (!is_working_day(d)) {
            continue;
        }
        ++counted;
        if (counted >= days) {
            const auto& ranges = m_week[static_cast<std::size_t>(weekday_of(d))];
            return local_minute_to_utc(d, ranges.back().end);
        }
    }
    return no_timestamp;
}

std::int64_t business_duration(const Calendar& calendar, Timestamp from, Timestamp to) {
    return BusinessCalendar(calendar).working_micros(from, to);
}

} // namespace journey
