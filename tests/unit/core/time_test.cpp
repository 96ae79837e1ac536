#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <journey/core/time.hpp>

using namespace journey;

namespace {

constexpr Timestamp s = micros_per_second;

/// Seconds since the epoch of a UTC date and time.
Timestamp at(std::int64_t y, unsigned mo, unsigned d, int h = 0, int mi = 0, int sec = 0) {
    return (days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec) * s;
}

std::optional<Timestamp> parse(std::string_view spec, std::string_view text) {
    const auto f = TimeFormat::from_spec(spec);
    REQUIRE(f.has_value());
    Timestamp t = 0;
    if (!f->parse(text, t)) {
        return std::nullopt;
    }
    return t;
}

std::string inferred(std::vector<std::string_view> samples) {
    const auto f = infer_time_format(samples);
    return f ? f->spec() : "none";
}

} // namespace

TEST_CASE("days_from_civil", "[core][time]") {
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(days_from_civil(1969, 12, 31) == -1);
    CHECK(days_from_civil(2000, 3, 1) == 11017);
    CHECK(days_from_civil(2000, 2, 29) == 11016);
    CHECK(days_from_civil(1900, 3, 1) - days_from_civil(1900, 2, 28) == 1); // no Feb 29 in 1900
    CHECK(days_from_civil(0, 1, 1) == -719528);
}

TEST_CASE("iso: dates, times, fractions, offsets", "[core][time]") {
    CHECK(parse("iso", "2014-10-22") == at(2014, 10, 22));
    CHECK(parse("iso", "2014-10-22T11:15") == at(2014, 10, 22, 11, 15));
    CHECK(parse("iso", "2014-10-22 11:15:41") == at(2014, 10, 22, 11, 15, 41));
    CHECK(parse("iso", "2014-10-22t11:15:41z") == at(2014, 10, 22, 11, 15, 41));
    CHECK(parse("iso", "2014-1-5") == at(2014, 1, 5));
    CHECK(parse("iso", "  2014-10-22T11:15:41Z \r") == at(2014, 10, 22, 11, 15, 41));
    // Fractions: 1 to 9 digits, kept to the microsecond (truncated); ',' works too.
    CHECK(parse("iso", "2014-10-22T11:15:41.5") == at(2014, 10, 22, 11, 15, 41) + 500000);
    CHECK(parse("iso", "2014-10-22T11:15:41,250") == at(2014, 10, 22, 11, 15, 41) + 250000);
    CHECK(parse("iso", "2014-10-22T11:15:41.123456789") ==
          at(2014, 10, 22, 11, 15, 41) + 123456);
    CHECK_FALSE(parse("iso", "2014-10-22T11:15:41.1234567890"));
    CHECK_FALSE(parse("iso", "2014-10-22T11:15:41."));
    // Offsets: the result is UTC.
    CHECK(parse("iso", "2014-10-22T11:15:41+02:00") == at(2014, 10, 22, 9, 15, 41));
    CHECK(parse("iso", "2014-10-22T11:15:41-0530") == at(2014, 10, 22, 16, 45, 41));
    CHECK(parse("iso", "2014-10-22T11:15:41+01") == at(2014, 10, 22, 10, 15, 41));
    CHECK(parse("iso", "2014-10-22T00:30:00-01:00") == at(2014, 10, 22, 1, 30));
    CHECK(parse("iso", "2014-10-22T11:15:41.250+01:00") ==
          at(2014, 10, 22, 10, 15, 41) + 250000);
    CHECK_FALSE(parse("iso", "2014-10-22T11:15:41+24:00"));
    CHECK_FALSE(parse("iso", "2014-10-22T11:15:41+01:"));
    CHECK_FALSE(parse("iso", "2014-10-22T11:15:41+1"));
    // End of day and leap second roll over.
    CHECK(parse("iso", "2014-10-22T24:00:00") == at(2014, 10, 23));
    CHECK(parse("iso", "2016-12-31T23:59:60Z") == at(2017, 1, 1));
    CHECK_FALSE(parse("iso", "2014-10-22T24:00:01"));
    // Impossible dates and times.
    CHECK_FALSE(parse("iso", "2019-13-01"));
    CHECK_FALSE(parse("iso", "2019-00-10"));
    CHECK_FALSE(parse("iso", "2019-02-29"));
    CHECK(parse("iso", "2020-02-29") == at(2020, 2, 29));
    CHECK_FALSE(parse("iso", "2021-04-31"));
    CHECK_FALSE(parse("iso", "2021-04-00"));
    CHECK_FALSE(parse("iso", "2021-04-10T10:60"));
    CHECK_FALSE(parse("iso", "2021-04-10T25:00"));
    // Not iso.
    CHECK_FALSE(parse("iso", ""));
    CHECK_FALSE(parse("iso", "21-04-10"));
    CHECK_FALSE(parse("iso", "2021/04/10"));
    CHECK_FALSE(parse("iso", "2021-04-10T"));
    CHECK_FALSE(parse("iso", "2021-04-10T10"));
    CHECK_FALSE(parse("iso", "2021-04-10T10:00:00 garbage"));
    CHECK_FALSE(parse("iso", "2021-04-10Z"));
    CHECK(parse_iso8601("1970-01-01T00:00:00Z") == 0);
    CHECK_FALSE(parse_iso8601("yesterday"));
}

TEST_CASE("ymd, dmy, mdy", "[core][time]") {
    CHECK(parse("ymd", "2014/10/22 11:15:41.000") == at(2014, 10, 22, 11, 15, 41));
    CHECK_FALSE(parse("ymd", "2014-10-22"));
    CHECK(parse("dmy", "22/10/2014") == at(2014, 10, 22));
    CHECK(parse("dmy", "22-10-2014 11:15") == at(2014, 10, 22, 11, 15));
    CHECK(parse("dmy", "22.10.2014 11:15:41") == at(2014, 10, 22, 11, 15, 41));
    CHECK(parse("dmy", "1/2/2014") == at(2014, 2, 1));
    CHECK_FALSE(parse("dmy", "22/10-2014"));  // mixed separators
    CHECK_FALSE(parse("dmy", "22/10/14"));    // two-digit year
    CHECK_FALSE(parse("dmy", "10/22/2014"));  // month 22
    CHECK(parse("mdy", "10/22/2014 11:15") == at(2014, 10, 22, 11, 15));
    CHECK(parse("mdy", "1/2/2014") == at(2014, 1, 2));
    CHECK_FALSE(parse("mdy", "22/10/2014"));
}

TEST_CASE("epoch seconds and milliseconds", "[core][time]") {
    CHECK(parse("epoch-s", "1413976541") == 1413976541 * s);
    CHECK(parse("epoch-s", "1413976541.25") == 1413976541 * s + 250000);
    CHECK(parse("epoch-s", "-1") == -s);
    CHECK(parse("epoch-s", "-1.5") == -s - 500000);
    CHECK(parse("epoch-s", "0") == 0);
    CHECK(parse("epoch-ms", "1413976541000") == 1413976541000LL * 1000);
    CHECK(parse("epoch-ms", "1.5") == 1500);
    CHECK_FALSE(parse("epoch-s", ""));
    CHECK_FALSE(parse("epoch-s", "-"));
    CHECK_FALSE(parse("epoch-s", "12a"));
    CHECK_FALSE(parse("epoch-s", "1e9"));
    CHECK_FALSE(parse("epoch-s", "123456789012345")); // 15 digits: out of range
    CHECK_FALSE(parse("epoch-s", "99999999999999"));  // beyond int64 microseconds
}

TEST_CASE("strftime-like patterns", "[core][time]") {
    CHECK(parse("%d.%m.%Y %H:%M", "22.10.2014 11:15") == at(2014, 10, 22, 11, 15));
    CHECK(parse("%Y%m%d", "20141022") == at(2014, 10, 22));
    CHECK(parse("%Y%m%d%H%M%S", "20141022111541") == at(2014, 10, 22, 11, 15, 41));
    CHECK(parse("%H:%M:%S.%f %d/%m/%Y", "11:15:41.5 22/10/2014") ==
          at(2014, 10, 22, 11, 15, 41) + 500000);
    CHECK(parse("%Y-%m-%dT%H:%M%z", "2014-10-22T11:15+0200") == at(2014, 10, 22, 9, 15));
    CHECK(parse("%Y-%m-%d 100%%", "2014-10-22 100%") == at(2014, 10, 22));
    CHECK(parse("[%Y-%m-%d]", "[2014-10-22]") == at(2014, 10, 22));
    CHECK_FALSE(parse("%d.%m.%Y", "22.10.2014 11:15"));
    CHECK_FALSE(parse("%d.%m.%Y", "22/10/2014"));
    CHECK_FALSE(parse("%d.%m.%Y", "31.02.2014"));
}

TEST_CASE("format specs", "[core][time]") {
    for (const std::string_view spec :
         {"iso", "ymd", "dmy", "mdy", "epoch-s", "epoch-ms", "%d.%m.%Y %H:%M"}) {
        const auto f = TimeFormat::from_spec(spec);
        REQUIRE(f.has_value());
        CHECK(f->spec() == spec);
        CHECK(TimeFormat::from_spec(f->spec()) == f);
    }
    CHECK(TimeFormat::from_spec("iso")->kind() == TimeFormat::Kind::iso);
    CHECK(TimeFormat::from_spec("%Y")->kind() == TimeFormat::Kind::pattern);
    CHECK_FALSE(TimeFormat::from_spec("auto"));
    CHECK_FALSE(TimeFormat::from_spec(""));
    CHECK_FALSE(TimeFormat::from_spec("ISO"));
    CHECK_FALSE(TimeFormat::from_spec("european"));
    // A pattern with an unknown directive is no format: it could never parse.
    CHECK_FALSE(TimeFormat::from_spec("%Y-%q"));
    CHECK_FALSE(TimeFormat::from_spec("%Y-%"));
    CHECK(TimeFormat() == TimeFormat(TimeFormat::Kind::iso));
}

TEST_CASE("infer_time_format", "[core][time]") {
    CHECK(inferred({"2014-10-22T11:15:41", "2014-10-23"}) == "iso");
    CHECK(inferred({"2014/10/22 11:15:41.000", "2014/10/23 00:00:00.000"}) == "ymd");
    // dmy and mdy: a day over 12 decides; dmy wins a tie.
    CHECK(inferred({"01/02/2014", "13/02/2014"}) == "dmy");
    CHECK(inferred({"01/02/2014", "02/13/2014"}) == "mdy");
    CHECK(inferred({"01/02/2014", "02/03/2014"}) == "dmy");
    CHECK(inferred({"1413976541", "1413976542"}) == "epoch-s");
    CHECK(inferred({"1413976541000", "1413976542123"}) == "epoch-ms");
    // Blank samples are skipped; nothing but blanks infers nothing.
    CHECK(inferred({"", "2014-10-22", " "}) == "iso");
    CHECK(inferred({"", " "}) == "none");
    CHECK(inferred({}) == "none");
    CHECK(inferred({"2014-10-22", "22/10/2014"}) == "none");
    CHECK(inferred({"2014-10-22", "2014-13-22"}) == "none");
    CHECK(inferred({"yesterday"}) == "none");
}

TEST_CASE("format_iso8601", "[core][time]") {
    CHECK(format_iso8601(0) == "1970-01-01T00:00:00+00:00");
    CHECK(format_iso8601(at(2014, 10, 22, 11, 15, 41)) == "2014-10-22T11:15:41+00:00");
    CHECK(format_iso8601(at(2014, 10, 22, 11, 15, 41) + 250000) ==
          "2014-10-22T11:15:41.250+00:00");
    CHECK(format_iso8601(at(2014, 10, 22, 11, 15, 41) + 1) ==
          "2014-10-22T11:15:41.000001+00:00");
    CHECK(format_iso8601(-1) == "1969-12-31T23:59:59.999999+00:00");
    CHECK(format_iso8601(-s) == "1969-12-31T23:59:59+00:00");
    CHECK(format_iso8601(at(1, 1, 1)) == "0001-01-01T00:00:00+00:00");
    CHECK(format_iso8601(at(9999, 12, 31, 23, 59, 59)) == "9999-12-31T23:59:59+00:00");
    CHECK(format_iso8601(no_timestamp).empty());
    // Every value in years 1..9999 reads back.
    std::uint64_t state = 1;
    for (int i = 0; i < 20000; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        const Timestamp lo = at(1, 1, 1);
        const Timestamp hi = at(9999, 12, 31, 23, 59, 59);
        const Timestamp t =
            lo + static_cast<Timestamp>(state % static_cast<std::uint64_t>(hi - lo));
        const std::string text = format_iso8601(t);
        REQUIRE(parse_iso8601(text) == t);
    }
}
