#pragma once
/// @file
/// Civil dates, working-day calendars and the local time zone the simulator uses.
///
/// The generator works in local wall-clock time (microseconds since 1970-01-01
/// 00:00 local, as if it were UTC) because calendars (office hours, nightly batch
/// runs) are local; output timestamps carry the local offset of a TimeZone.

#include <cstdint>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/time.hpp>

namespace journey::sim {

/// Days since 1970-01-01 of a civil (local) date.
using Day = std::int64_t;

inline constexpr Timestamp us_second = 1'000'000;
inline constexpr Timestamp us_minute = 60 * us_second;
inline constexpr Timestamp us_hour = 60 * us_minute;
inline constexpr Timestamp us_day = 24 * us_hour;

/// A proleptic Gregorian date.
struct CivilDate {
    std::int64_t year = 1970;
    unsigned month = 1; ///< 1..12
    unsigned day = 1;   ///< 1..31
    friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

/// The date of a day number (inverse of journey::days_from_civil()).
JOURNEY_API CivilDate civil_from_days(Day d) noexcept;

/// Day of the week, 0 = Monday .. 6 = Sunday.
inline int weekday(Day d) noexcept {
    const std::int64_t w = (d + 3) % 7; // 1970-01-01 was a Thursday
    return static_cast<int>(w < 0 ? w + 7 : w);
}

/// The day a local timestamp falls on (floor division).
inline Day day_of(Timestamp t) noexcept {
    return t >= 0 ? t / us_day : -((-t + us_day - 1) / us_day);
}

/// Microseconds since local midnight.
inline Timestamp time_of_day(Timestamp t) noexcept {
    return t - day_of(t) * us_day;
}

/// Working days are Monday to Friday except holidays; contact-centre days are
/// Monday to Saturday except holidays.
///
/// Thread-safety: immutable after construction; safe to share.
class JOURNEY_API WorkCalendar {
public:
    WorkCalendar() = default;
    /// `holidays` in any order; duplicates are ignored.
    explicit WorkCalendar(std::vector<Day> holidays);

    bool is_holiday(Day d) const noexcept;
    bool is_working_day(Day d) const noexcept { return weekday(d) < 5 && !is_holiday(d); }
    bool is_contact_day(Day d) const noexcept { return weekday(d) < 6 && !is_holiday(d); }

    /// The first working day on or after `d`.
    Day next_working_day(Day d) const noexcept;
    /// The k-th working day strictly after `d` (k >= 1); `d` itself for k = 0.
    Day add_working_days(Day d, std::int64_t k) const noexcept;
    /// The number of working days in the half-open interval (from, to]; 0 when to <= from.
    /// This is how the simulator's SLA clocks count working days.
    std::int64_t working_days_between(Day from, Day to) const noexcept;
    /// The first contact-centre day on or after `d`.
    Day next_contact_day(Day d) const noexcept;

    const std::vector<Day>& holidays() const noexcept { return m_holidays; }

private:
    std::vector<Day> m_holidays;       // sorted, unique
    Day m_first = 0;                   // first day covered by m_flags
    std::vector<std::uint8_t> m_flags; // 1 = holiday, for days [m_first, m_first + size)
};

/// A local time zone: a standard offset plus an optional daylight-saving rule.
struct TimeZone {
    enum class Dst : std::uint8_t {
        none, ///< fixed offset all year
        eu,   ///< +1 h from the last Sunday of March to the last Sunday of October, 01:00 UTC
    };
    int base_minutes = 0; ///< standard offset east of UTC, e.g. 60 for CET
    Dst dst = Dst::none;

    /// The UTC offset in minutes in force at local wall-clock time `local`. In the
    /// hour that repeats in autumn the summer offset is chosen.
    JOURNEY_API int offset_minutes(Timestamp local) const noexcept;

    friend bool operator==(const TimeZone&, const TimeZone&) = default;
};

} // namespace journey::sim
