// Civil dates, working-day calendars and the EU daylight-saving rule.

#include <catch2/catch.hpp>

#include <journey/core/time.hpp>
#include <journey/sim/calendar.hpp>

using namespace journey;
using namespace journey::sim;

namespace {
Day d(std::int64_t y, unsigned m, unsigned dd) {
    return days_from_civil(y, m, dd);
}
Timestamp local(std::int64_t y, unsigned m, unsigned dd, int h, int mi) {
    return d(y, m, dd) * us_day + h * us_hour + mi * us_minute;
}
} // namespace

TEST_CASE("civil_from_days inverts days_from_civil", "[sim][calendar]") {
    for (Day x = d(1899, 12, 25); x <= d(2101, 1, 5); ++x) {
        const CivilDate c = civil_from_days(x);
        REQUIRE(days_from_civil(c.year, c.month, c.day) == x);
    }
    CHECK(civil_from_days(0) == CivilDate{1970, 1, 1});
    CHECK(civil_from_days(d(2024, 2, 29)) == CivilDate{2024, 2, 29});
}

TEST_CASE("weekday, day_of and time_of_day", "[sim][calendar]") {
    CHECK(weekday(d(2024, 1, 1)) == 0); // a Monday
    CHECK(weekday(d(2024, 1, 7)) == 6);
    CHECK(weekday(d(1969, 12, 31)) == 2);
    CHECK(day_of(-1) == -1);
    CHECK(day_of(local(2024, 3, 4, 23, 59)) == d(2024, 3, 4));
    CHECK(time_of_day(local(2024, 3, 4, 9, 30)) == 9 * us_hour + 30 * us_minute);
}

TEST_CASE("working days skip weekends and holidays", "[sim][calendar]") {
    const WorkCalendar cal({d(2024, 3, 29), d(2024, 4, 1), d(2024, 3, 29)});
    CHECK(cal.holidays().size() == 2);
    CHECK(cal.is_working_day(d(2024, 3, 28)));       // Thursday
    CHECK_FALSE(cal.is_working_day(d(2024, 3, 29))); // Good Friday
    CHECK_FALSE(cal.is_working_day(d(2024, 3, 30))); // Saturday
    CHECK(cal.is_contact_day(d(2024, 3, 30)));       // the contact centre opens on Saturdays
    CHECK_FALSE(cal.is_contact_day(d(2024, 3, 31)));
    CHECK_FALSE(cal.is_contact_day(d(2024, 4, 1))); // Easter Monday
    CHECK(cal.add_working_days(d(2024, 3, 28), 0) == d(2024, 3, 28));
    CHECK(cal.add_working_days(d(2024, 3, 28), 1) == d(2024, 4, 2));
    CHECK(cal.add_working_days(d(2024, 3, 28), 3) == d(2024, 4, 4));
    CHECK(cal.next_working_day(d(2024, 3, 29)) == d(2024, 4, 2));
    CHECK(cal.next_contact_day(d(2024, 3, 31)) == d(2024, 4, 2));
    CHECK(cal.working_days_between(d(2024, 3, 28), d(2024, 4, 2)) == 1);
    CHECK(cal.working_days_between(d(2024, 3, 28), d(2024, 3, 28)) == 0);
    CHECK(cal.working_days_between(d(2024, 4, 2), d(2024, 3, 28)) == 0);
    const WorkCalendar plain;
    CHECK(plain.working_days_between(d(2024, 1, 5), d(2024, 1, 8)) == 1); // Fri -> Mon
    CHECK_FALSE(plain.is_holiday(d(2024, 12, 25)));
}

TEST_CASE("the EU daylight-saving rule switches at 01:00 UTC", "[sim][calendar]") {
    const TimeZone uk{0, TimeZone::Dst::eu};
    CHECK(uk.offset_minutes(local(2024, 3, 31, 0, 30)) == 0);
    CHECK(uk.offset_minutes(local(2024, 3, 31, 2, 30)) == 60);
    CHECK(uk.offset_minutes(local(2024, 7, 1, 12, 0)) == 60);
    CHECK(uk.offset_minutes(local(2024, 10, 27, 1, 30)) == 60); // the repeated hour: summer
    CHECK(uk.offset_minutes(local(2024, 10, 27, 2, 30)) == 0);
    CHECK(uk.offset_minutes(local(2024, 12, 1, 12, 0)) == 0);
    const TimeZone cet{60, TimeZone::Dst::eu};
    CHECK(cet.offset_minutes(local(2024, 3, 31, 1, 59)) == 60);
    CHECK(cet.offset_minutes(local(2024, 3, 31, 3, 0)) == 120);
    const TimeZone fixed{-300, TimeZone::Dst::none};
    CHECK(fixed.offset_minutes(local(2024, 7, 1, 12, 0)) == -300);
}
