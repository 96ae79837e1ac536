// Dates, durations, time zones and business time (journey/core/calendar.hpp).

#include <catch2/catch.hpp>

#include <journey/core/calendar.hpp>
#include <journey/core/error.hpp>

using namespace journey;

namespace {

Timestamp at(const char* iso) {
    return *parse_iso8601(iso);
}

constexpr std::int64_t hour = micros_per_hour;

Calendar office(const std::string& zone = "UTC") {
    Calendar c;
    c.id = "office";
    c.hours.push_back({{{Weekday::mon, Weekday::fri}}, {{9 * 60, 17 * 60}}});
    c.time_zone = zone;
    return c;
}

} // namespace

TEST_CASE("dates: weekdays, parsing and formatting", "[core][calendar]") {
    CHECK(weekday_of(0) == Weekday::thu); // 1970-01-01
    CHECK(weekday_of(-1) == Weekday::wed);
    CHECK(weekday_of(*parse_date("2026-03-02")) == Weekday::mon);
    CHECK(weekday_name(Weekday::sun) == "sun");
    CHECK(parse_weekday("sat") == Weekday::sat);
    CHECK_FALSE(parse_weekday("Sat"));
    CHECK(parse_date("1970-01-01") == 0);
    CHECK(parse_date("2024-02-29") == days_from_civil(2024, 2, 29));
    CHECK_FALSE(parse_date("2026-02-29"));
    CHECK_FALSE(parse_date("2026-13-01"));
    CHECK_FALSE(parse_date("2026-1-01"));
    CHECK_FALSE(parse_date("0000-01-01"));
    CHECK(format_date(*parse_date("2026-12-28")) == "2026-12-28");
    CHECK(format_date(-1) == "1969-12-31");
    CHECK(civil_from_days(days_from_civil(2000, 2, 29)) == CivilDate{2000, 2, 29});
}

TEST_CASE("durations: units, parsing, formatting, limits", "[core][calendar]") {
    CHECK(parse_duration("24h") == Duration{24, DurationUnit::hours});
    CHECK(parse_duration("30min") == Duration{30, DurationUnit::minutes});
    CHECK(parse_duration("2wd") == Duration{2, DurationUnit::working_days});
    CHECK(parse_duration("-1d") == Duration{-1, DurationUnit::days});
    CHECK_FALSE(parse_duration("1.5h"));
    CHECK_FALSE(parse_duration("3hrs"));
    CHECK_FALSE(parse_duration("h"));
    CHECK_FALSE(parse_duration("100001wd"));
    CHECK(parse_duration("100000wd"));
    CHECK_FALSE(parse_duration("99999999999999999d"));
    CHECK(Duration{90, DurationUnit::minutes}.micros() == 90 * micros_per_minute);
    CHECK(Duration{2, DurationUnit::weeks}.micros() == 14 * micros_per_day);
    CHECK(Duration{3, DurationUnit::seconds}.seconds() == 3.0);
    CHECK(format_duration({2, DurationUnit::working_days}) == "2wd");
    CHECK(format_duration({-45, DurationUnit::days}) == "-45d");
    const auto max_w = max_duration_value(DurationUnit::weeks);
    CHECK(Duration{max_w, DurationUnit::weeks}.micros() > 0); // no overflow
}

TEST_CASE("time zones: UTC and fixed offsets", "[core][calendar]") {
    for (const char* utc : {"UTC", "Z", "GMT", "Etc/UTC"}) {
        const auto z = TimeZone::from_name(utc);
        REQUIRE(z);
        CHECK(z->offset_minutes(0) == 0);
        CHECK(z->name() == utc);
    }
    CHECK(TimeZone::from_name("+01:00")->offset_minutes(0) == 60);
    CHECK(TimeZone::from_name("-05:30")->offset_minutes(0) == -330);
    CHECK(TimeZone::from_name("+0930")->offset_minutes(0) == 570);
    CHECK(TimeZone::from_name("+2")->offset_minutes(0) == 120);
    CHECK(TimeZone::from_name("UTC+02:00")->offset_minutes(0) == 120);
    CHECK(TimeZone::from_name("-18:00"));
    for (const char* bad :
         {"+18:01", "+25:00", "+1:0", "01:00", "Mars/Olympus", "", "+01:60", "Europe/london"}) {
        CHECK_FALSE(TimeZone::from_name(bad));
    }
    const TimeZone plus2 = *TimeZone::from_name("+02:00");
    CHECK(plus2.to_local(at("2026-03-02T10:00:00Z")) == at("2026-03-02T12:00:00Z"));
    CHECK(plus2.to_utc(at("2026-03-02T12:00:00Z")) == at("2026-03-02T10:00:00Z"));
    CHECK_FALSE(plus2.has_dst());
}

TEST_CASE("time zones: named zones follow their daylight-saving rules", "[core][calendar]") {
    const TimeZone london = *TimeZone::from_name("Europe/London");
    CHECK(london.has_dst());
    // 2026: BST from 29 March 01:00 UTC to 25 October 01:00 UTC.
    CHECK(london.offset_minutes(at("2026-03-29T00:59:59Z")) == 0);
    CHECK(london.offset_minutes(at("2026-03-29T01:00:00Z")) == 60);
    CHECK(london.offset_minutes(at("2026-10-25T00:59:59Z")) == 60);
    CHECK(london.offset_minutes(at("2026-10-25T01:00:00Z")) == 0);
    // A skipped local time reads with the old offset; a repeated one resolves early.
    CHECK(london.to_utc(at("2026-03-29T01:30:00Z")) == at("2026-03-29T01:30:00Z"));
    CHECK(london.to_utc(at("2026-10-25T01:30:00Z")) == at("2026-10-25T00:30:00Z"));
    CHECK(london.to_utc(at("2026-07-01T09:00:00Z")) == at("2026-07-01T08:00:00Z"));

    const TimeZone paris = *TimeZone::from_name("Europe/Paris");
    CHECK(paris.offset_minutes(at("2026-03-29T00:59:00Z")) == 60);
    CHECK(paris.offset_minutes(at("2026-03-29T01:00:00Z")) == 120);

    // US: from the second Sunday of March 02:00 to the first Sunday of November 02:00.
    const TimeZone ny = *TimeZone::from_name("America/New_York");
    CHECK(ny.offset_minutes(at("2026-03-08T06:59:00Z")) == -300);
    CHECK(ny.offset_minutes(at("2026-03-08T07:00:00Z")) == -240);
    CHECK(ny.offset_minutes(at("2026-11-01T05:59:00Z")) == -240);
    CHECK(ny.offset_minutes(at("2026-11-01T06:00:00Z")) == -300);

    // Southern hemisphere: daylight time spans the new year.
    const TimeZone sydney = *TimeZone::from_name("Australia/Sydney");
    CHECK(sydney.offset_minutes(at("2026-01-15T00:00:00Z")) == 660);
    CHECK(sydney.offset_minutes(at("2026-04-04T15:59:00Z")) == 660);
    CHECK(sydney.offset_minutes(at("2026-04-04T16:00:00Z")) == 600);
    CHECK(sydney.offset_minutes(at("2026-10-03T15:59:00Z")) == 600);
    CHECK(sydney.offset_minutes(at("2026-10-03T16:00:00Z")) == 660);

    const TimeZone brisbane = *TimeZone::from_name("Australia/Brisbane");
    CHECK(brisbane.offset_minutes(at("2026-01-15T00:00:00Z")) == 600);

    const auto names = TimeZone::named_zones();
    CHECK(std::is_sorted(names.begin(), names.end()));
    CHECK(std::find(names.begin(), names.end(), "Europe/London") != names.end());
    for (const std::string_view n : names) {
        CHECK(TimeZone::from_name(n));
    }
}

TEST_CASE("calendar data: merged ranges and holidays", "[core][calendar]") {
    Calendar c;
    c.hours.push_back({{{Weekday::mon, Weekday::fri}}, {{8 * 60, 12 * 60}, {13 * 60, 17 * 60}}});
    c.hours.push_back({{{Weekday::fri, Weekday::fri}}, {{11 * 60, 14 * 60}, {17 * 60, 18 * 60}}});
    CHECK(c.ranges_on(Weekday::mon) == std::vector<MinuteRange>{{480, 720}, {780, 1020}});
    CHECK(c.ranges_on(Weekday::fri) == std::vector<MinuteRange>{{480, 1080}});
    CHECK(c.ranges_on(Weekday::sun).empty());
    c.holidays.push_back(*parse_date("2026-12-25"));
    c.holiday_files.push_back({"uk.txt", {*parse_date("2026-12-28")}});
    CHECK(c.is_holiday(*parse_date("2026-12-25")));
    CHECK(c.is_holiday(*parse_date("2026-12-28")));
    CHECK_FALSE(c.is_holiday(*parse_date("2026-12-24")));
}

TEST_CASE("business time: working hours between two instants", "[core][calendar]") {
    const BusinessCalendar cal(office());
    // Friday 16:00 to Monday 10:00: one hour on Friday, one on Monday.
    CHECK(cal.working_micros(at("2026-03-06T16:00:00Z"), at("2026-03-09T10:00:00Z")) == 2 * hour);
    // Entirely outside working hours.
    CHECK(cal.working_micros(at("2026-03-07T09:00:00Z"), at("2026-03-08T18:00:00Z")) == 0);
    // A whole week: five days of eight hours.
    CHECK(cal.working_micros(at("2026-03-02T00:00:00Z"), at("2026-03-09T00:00:00Z")) == 40 * hour);
    CHECK(cal.working_micros(at("2026-03-09T10:00:00Z"), at("2026-03-06T16:00:00Z")) == 0);
    CHECK(cal.working_micros(no_timestamp, at("2026-03-06T16:00:00Z")) == 0);
    CHECK(cal.is_working_time(at("2026-03-06T16:59:59Z")));
    CHECK_FALSE(cal.is_working_time(at("2026-03-06T17:00:00Z")));
    CHECK(cal.is_working_day(*parse_date("2026-03-06")));
    CHECK_FALSE(cal.is_working_day(*parse_date("2026-03-07")));

    Calendar with_holiday = office();
    with_holiday.holidays.push_back(*parse_date("2026-03-09"));
    CHECK(business_duration(with_holiday, at("2026-03-06T16:00:00Z"), at("2026-03-10T10:00:00Z")) ==
          2 * hour);
}

TEST_CASE("business time: local working hours across a clock change", "[core][calendar]") {
    const BusinessCalendar london(office("Europe/London"));
    // Friday 27 March 16:00 GMT to Monday 30 March 10:00 BST (09:00 UTC): two hours.
    CHECK(london.working_micros(at("2026-03-27T16:00:00Z"), at("2026-03-30T09:00:00Z")) ==
          2 * hour);
    // In summer, 09:00-17:00 local is 08:00-16:00 UTC.
    CHECK(london.is_working_time(at("2026-07-01T08:00:00Z")));
    CHECK_FALSE(london.is_working_time(at("2026-07-01T16:00:00Z")));
    CHECK(london.local_day(at("2026-07-01T23:30:00Z")) == *parse_date("2026-07-02"));
    const BusinessCalendar tokyo(office("+09:00"));
    CHECK(tokyo.working_micros(at("2026-03-02T00:00:00Z"), at("2026-03-02T08:00:00Z")) == 8 * hour);
}

TEST_CASE("business time: adding working time and working-day deadlines", "[core][calendar]") {
    Calendar c = office();
    c.holidays.push_back(*parse_date("2026-03-11")); // a Wednesday
    const BusinessCalendar cal(c);
    CHECK(cal.add_working_time(at("2026-03-06T16:00:00Z"), 2 * hour) == at("2026-03-09T10:00:00Z"));
    CHECK(cal.add_working_time(at("2026-03-07T12:00:00Z"), hour) == at("2026-03-09T10:00:00Z"));
    CHECK(cal.add_working_time(at("2026-03-06T16:00:00Z"), 0) == at("2026-03-06T16:00:00Z"));
    CHECK(cal.add_working_time(at("2026-03-10T16:00:00Z"), 2 * hour) == at("2026-03-12T10:00:00Z"));

    // Monday 10:00 + 2 working days: end of Wednesday, but Wednesday is a holiday.
    CHECK(cal.working_days_deadline(at("2026-03-09T10:00:00Z"), 2) == at("2026-03-12T17:00:00Z"));
    CHECK(cal.working_days_deadline(at("2026-03-09T10:00:00Z"), 1) == at("2026-03-10T17:00:00Z"));
    // Received on Saturday: Monday is the first working day after it.
    CHECK(cal.working_days_deadline(at("2026-03-07T10:00:00Z"), 1) == at("2026-03-09T17:00:00Z"));
    CHECK(cal.working_days_deadline(at("2026-03-09T10:00:00Z"), 0) == at("2026-03-09T17:00:00Z"));
    CHECK(cal.working_days_deadline(at("2026-03-07T10:00:00Z"), 0) == at("2026-03-09T17:00:00Z"));
    CHECK(cal.working_days_deadline(at("2026-03-07T10:00:00Z"), -1) == no_timestamp);

    const BusinessCalendar never{Calendar{}};
    CHECK(never.add_working_time(at("2026-03-07T10:00:00Z"), hour) == no_timestamp);
    CHECK(never.working_days_deadline(at("2026-03-07T10:00:00Z"), 1) == no_timestamp);
    const BusinessCalendar always;
    CHECK(always.working_micros(at("2026-03-07T10:00:00Z"), at("2026-03-08T10:00:00Z")) ==
          24 * hour);
}

TEST_CASE("an unknown time zone is a usage error", "[core][calendar]") {
    CHECK_THROWS_AS(BusinessCalendar(office("Mars/Olympus")), usage_error);
    CHECK_THROWS_WITH(business_duration(office("Mars/Olympus"), 0, 1),
                      "calendar 'office': unknown time zone 'Mars/Olympus'");
}
