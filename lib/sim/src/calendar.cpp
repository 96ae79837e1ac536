#include <journey/sim/calendar.hpp>

#include <algorithm>

namespace journey::sim {

CivilDate civil_from_days(Day z) noexcept {
    // H. Hinnant's civil_from_days (public-domain algorithm description).
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return CivilDate{m <= 2 ? y + 1 : y, m, d};
}

WorkCalendar::WorkCalendar(std::vector<Day> holidays) : m_holidays(std::move(holidays)) {
    std::sort(m_holidays.begin(), m_holidays.end());
    m_holidays.erase(std::unique(m_holidays.begin(), m_holidays.end()), m_holidays.end());
    if (!m_holidays.empty()) {
        m_first = m_holidays.front();
        m_flags.assign(static_cast<std::size_t>(m_holidays.back() - m_first + 1), 0);
        for (Day h : m_holidays) {
            m_flags[static_cast<std::size_t>(h - m_first)] = 1;
        }
    }
}

bool WorkCalendar::is_holiday(Day d) const noexcept {
    if (d < m_first || d - m_first >= static_cast<Day>(m_flags.size())) {
        return false;
    }
    return m_flags[static_cast<std::size_t>(d - m_first)] != 0;
}

Day WorkCalendar::next_working_day(Day d) const noexcept {
    while (!is_working_day(d)) {
        ++d;
    }
    return d;
}

Day WorkCalendar::add_working_days(Day d, std::int64_t k) const noexcept {
    while (k > 0) {
        ++d;
        if (is_working_day(d)) {
            --k;
        }
    }
    return d;
}

std::int64_t WorkCalendar::working_days_between(Day from, Day to) const noexcept {
    std::int64_t n = 0;
    for (Day d = from + 1; d <= to; ++d) {
        if (is_working_day(d)) {
            ++n;
        }
    }
    return n;
}

Day WorkCalendar::next_contact_day(Day d) const noexcept {
    while (!is_contact_day(d)) {
        ++d;
    }
    return d;
}

namespace {

// Day number of the last Sunday of a month (month has 31 days: March, October).
Day last_sunday_of(std::int64_t year, unsigned month) noexcept {
    const Day last = days_from_civil(year, month, 31);
    return last - (weekday(last) + 1) % 7; // Sunday is weekday 6
}

} // namespace

int TimeZone::offset_minutes(Timestamp local) const noexcept {
    if (dst == Dst::none) {
        return base_minutes;
    }
    const std::int64_t year = civil_from_days(day_of(local)).year;
    const Timestamp start = last_sunday_of(year, 3) * us_day + us_hour; // UTC
    const Timestamp end = last_sunday_of(year, 10) * us_day + us_hour;  // UTC
    const Timestamp utc_if_summer = local - static_cast<Timestamp>(base_minutes + 60) * us_minute;
    return utc_if_summer >= start && utc_if_summer < end ? base_minutes + 60 : base_minutes;
}

} // namespace journey::sim
