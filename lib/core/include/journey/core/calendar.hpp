#pragma once
/// @file
/// Working calendars and business time: weekly working hours in a time zone,
/// holidays, durations written with units, and working time between two instants.
///
/// Time zones: "UTC" (also "Z", "GMT"), fixed offsets ("+01:00", "-0530", "UTC+02:00")
/// and a built-in table of common named zones (TimeZone::named_zones()) with their
/// *current* daylight-saving rules applied to every year. Historical rule changes are
/// not modelled (the C++20 tz database is not available with the toolchain we
/// target), so durations across e.g. the 2007 US rule change may be off by an hour.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/time.hpp>

namespace journey {

inline constexpr std::int64_t micros_per_minute = 60 * micros_per_second;
inline constexpr std::int64_t micros_per_hour = 60 * micros_per_minute;
inline constexpr std::int64_t micros_per_day = 24 * micros_per_hour;

// ---------------------------------------------------------------------------
// Dates and weekdays

/// Day of the week, Monday first (ISO 8601).
enum class Weekday : std::uint8_t { mon, tue, wed, thu, fri, sat, sun };

/// "mon", "tue", ... "sun".
JOURNEY_API std::string_view weekday_name(Weekday d) noexcept;
/// Parses "mon" ... "sun" (lower case). @returns nullopt otherwise.
JOURNEY_API std::optional<Weekday> parse_weekday(std::string_view s) noexcept;
/// The weekday of a date given as days since 1970-01-01 (a Thursday).
JOURNEY_API Weekday weekday_of(std::int64_t days) noexcept;

/// A proleptic Gregorian calendar date.
struct CivilDate {
    std::int64_t year = 1970;
    unsigned month = 1; ///< 1..12
    unsigned day = 1;   ///< 1..31
    friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

/// The civil date of `days` since 1970-01-01.
JOURNEY_API CivilDate civil_from_days(std::int64_t days) noexcept;
/// Parses `YYYY-MM-DD` (exactly that shape, a real date). @returns days since 1970-01-01.
JOURNEY_API std::optional<std::int64_t> parse_date(std::string_view s) noexcept;
/// Formats days since 1970-01-01 as `YYYY-MM-DD`.
JOURNEY_API std::string format_date(std::int64_t days);

// ---------------------------------------------------------------------------
// Durations

/// The unit a duration was written in. `working_days` has no fixed length: it is
/// counted on a Calendar (see BusinessCalendar::working_days_deadline()).
enum class DurationUnit : std::uint8_t { seconds, minutes, hours, days, weeks, working_days };

/// A duration as written in a spec: an integer amount of one unit ("24h", "2wd").
/// Days and weeks are 24 h and 7 × 24 h of elapsed (or, under a business basis,
/// working) time.
struct Duration {
    std::int64_t value = 0;
    DurationUnit unit = DurationUnit::seconds;

    /// Length in microseconds. Precondition: unit != working_days.
    std::int64_t micros() const noexcept;
    /// Length in seconds (as micros() / 1e6).
    double seconds() const noexcept { return static_cast<double>(micros()) / 1e6; }

    friend bool operator==(const Duration&, const Duration&) = default;
};

/// The largest amount accepted for a unit so that micros() cannot overflow
/// (working days: 100000).
JOURNEY_API std::int64_t max_duration_value(DurationUnit unit) noexcept;
/// The suffix of a unit: "s", "min", "h", "d", "w", "wd".
JOURNEY_API std::string_view duration_unit_suffix(DurationUnit unit) noexcept;
/// Parses a unit suffix as listed above.
JOURNEY_API std::optional<DurationUnit> parse_duration_unit(std::string_view s) noexcept;
/// "24h", "2wd", "-1d".
JOURNEY_API std::string format_duration(const Duration& d);
/// Parses "<integer><unit>" ("24h", "30min", "2wd"); rejects amounts over
/// max_duration_value(). @returns nullopt when malformed.
JOURNEY_API std::optional<Duration> parse_duration(std::string_view s) noexcept;

// ---------------------------------------------------------------------------
// Calendars (the spec's data)

/// Local clock time within one day in minutes since midnight: [begin, end),
/// 0 <= begin < end <= 1440 (1440 is written "24:00").
struct MinuteRange {
    std::int32_t begin = 0;
    std::int32_t end = 0;
    friend bool operator==(const MinuteRange&, const MinuteRange&) = default;
};

/// An inclusive range of weekdays, first <= last ("mon-fri"; "sat" is sat-sat).
struct WeekdayRange {
    Weekday first = Weekday::mon;
    Weekday last = Weekday::mon;
    friend bool operator==(const WeekdayRange&, const WeekdayRange&) = default;
};

/// One line of working hours: on these days, these local time ranges are working
/// time ("mon-fri 08:00-12:00, 13:00-17:00").
struct WorkingHours {
    std::vector<WeekdayRange> days;
    std::vector<MinuteRange> times;
    friend bool operator==(const WorkingHours&, const WorkingHours&) = default;
};

/// Holidays read from a file (one `YYYY-MM-DD` per line).
struct HolidayFile {
    std::string path;               ///< as written in the spec (relative to the spec file)
    std::vector<std::int64_t> days; ///< dates read from it, days since 1970-01-01
    friend bool operator==(const HolidayFile&, const HolidayFile&) = default;
};

/// A named working calendar, shared by departments and SLAs.
struct Calendar {
    std::string id;
    std::string label;
    /// Working hours, in the order written; lines for the same day add up.
    std::vector<WorkingHours> hours;
    /// Time zone name as written (see TimeZone::from_name()); empty means UTC.
    std::string time_zone;
    /// Holidays written inline, local dates as days since 1970-01-01, in the order written.
    std::vector<std::int64_t> holidays;
    /// Holiday files, in the order written.
    std::vector<HolidayFile> holiday_files;

    /// Working ranges of `day`, sorted and with overlaps merged.
    std::vector<MinuteRange> ranges_on(Weekday day) const;
    /// True when `day` (days since 1970-01-01, local date) is a holiday of this
    /// calendar, inline or from a file.
    bool is_holiday(std::int64_t day) const noexcept;

    friend bool operator==(const Calendar&, const Calendar&) = default;
};

// ---------------------------------------------------------------------------
// Time zones and business time

/// A time zone: UTC, a fixed offset or a built-in named zone (see the file comment).
///
/// Thread-safety: immutable; safe to share.
class JOURNEY_API TimeZone {
public:
    /// UTC.
    TimeZone() = default;

    /// Resolves "UTC", "Z", "GMT", "Etc/UTC", "+hh:mm", "-hh:mm", "+hhmm", "+hh",
    /// "UTC+hh:mm" and the names in named_zones(). Offsets must be within ±18:00.
    /// @returns nullopt for anything else.
    static std::optional<TimeZone> from_name(std::string_view name);
    /// The named zones this build knows, sorted.
    static std::vector<std::string_view> named_zones();

    /// The name it was created from ("UTC" for the default).
    const std::string& name() const noexcept { return m_name; }
    /// Local time minus UTC at the UTC instant `utc`, in minutes.
    std::int32_t offset_minutes(Timestamp utc) const noexcept;
    /// Local wall-clock time (microseconds since 1970-01-01T00:00 local) of `utc`.
    std::int64_t to_local(Timestamp utc) const noexcept;
    /// The UTC instant of a local wall-clock time. A time skipped by a spring-forward
    /// change is read with the offset in force before it; a time that occurs twice
    /// resolves to the earlier instant.
    Timestamp to_utc(std::int64_t local) const noexcept;
    /// True when the zone observes daylight-saving time.
    bool has_dst() const noexcept { return m_rule != 0; }

    friend bool operator==(const TimeZone& a, const TimeZone& b) noexcept {
        return a.m_standard_minutes == b.m_standard_minutes && a.m_rule == b.m_rule;
    }

private:
    bool in_dst(Timestamp utc) const noexcept;

    std::string m_name = "UTC";
    std::int32_t m_standard_minutes = 0;
    std::uint8_t m_rule = 0; // 0 none, else an index into the rule table
};

/// A Calendar prepared for computing: its time zone resolved, hours merged per
/// weekday, holidays sorted.
///
/// Thread-safety: immutable after construction; safe to share.
class JOURNEY_API BusinessCalendar {
public:
    /// Always-working calendar in UTC (24 × 7, no holidays).
    BusinessCalendar();
    /// @throws journey::usage_error when the calendar's time zone is unknown.
    explicit BusinessCalendar(const Calendar& calendar);

    /// Working time in [from, to), in microseconds; 0 when to <= from.
    std::int64_t working_micros(Timestamp from, Timestamp to) const;
    /// The earliest instant t >= from with working_micros(from, t) == micros
    /// (micros >= 0). @returns no_timestamp when the calendar has no working time.
    Timestamp add_working_time(Timestamp from, std::int64_t micros) const;
    /// The deadline "within `days` working days" of `from`: the end of the working
    /// hours of the `days`-th working day after the local date of `from`. For
    /// days == 0 it is the end of the working day of `from` (or of the next working
    /// day when `from` is not on one). @returns no_timestamp when the calendar has no
    /// working days.
    Timestamp working_days_deadline(Timestamp from, std::int64_t days) const;
    /// True when the local date (days since 1970-01-01) has working hours and is no holiday.
    bool is_working_day(std::int64_t local_day) const noexcept;
    /// True when `t` falls inside working hours.
    bool is_working_time(Timestamp t) const noexcept;
    /// The local date of `t`, days since 1970-01-01.
    std::int64_t local_day(Timestamp t) const noexcept;

    const TimeZone& time_zone() const noexcept { return m_zone; }
    /// Merged working ranges per weekday (index 0 = Monday).
    const std::array<std::vector<MinuteRange>, 7>& week() const noexcept { return m_week; }

private:
    Timestamp local_minute_to_utc(std::int64_t day, std::int32_t minute) const noexcept;

    std::array<std::vector<MinuteRange>, 7> m_week;
    std::vector<std::int64_t> m_holidays; // sorted, unique
    TimeZone m_zone;
    bool m_has_working_time = true;
};

/// Working time between two instants under `calendar`, in microseconds.
/// Builds a BusinessCalendar each call; keep one when measuring many durations.
/// @throws journey::usage_error when the calendar's time zone is unknown.
JOURNEY_API std::int64_t business_duration(const Calendar& calendar, Timestamp from, Timestamp to);

} // namespace journey
