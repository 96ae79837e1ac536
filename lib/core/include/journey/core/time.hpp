#pragma once
/// @file
/// Timestamps: int64 microseconds since 1970-01-01T00:00:00Z (UTC), parsing of the
/// formats event logs use, and ISO 8601 formatting.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <journey/core/api.hpp>

namespace journey {

/// Microseconds since the Unix epoch, UTC.
using Timestamp = std::int64_t;

/// "No timestamp" (an event without one). Sorts before every real time.
inline constexpr Timestamp no_timestamp = INT64_MIN;

inline constexpr std::int64_t micros_per_second = 1'000'000;

/// Days since 1970-01-01 of a proleptic Gregorian date.
JOURNEY_API std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept;

/// A timestamp format. Parsing never allocates and never throws.
///
/// Kinds (the `spec` string accepted by parse()):
/// - `iso`: `YYYY-MM-DD`, optionally followed by `T` or a space and `hh:mm[:ss[.f{1,9}]]`,
///   optionally followed by `Z` or `±hh[:]mm`. Without an offset the time is taken as UTC.
/// - `ymd`: like iso but with `/` between the date parts (`2014/10/22 11:15:41.000`).
/// - `dmy`, `mdy`: `DD/MM/YYYY` or `MM/DD/YYYY` (also with `-` or `.`), time as in iso.
/// - `epoch-s`, `epoch-ms`: an integer (optionally with a fraction) since the epoch.
/// - a strftime-like pattern with `%Y %m %d %H %M %S %f %z` and literal characters,
///   e.g. `%d.%m.%Y %H:%M`.
/// - `auto`: not a format itself; see infer_time_format().
///
/// Thread-safety: immutable after construction; safe to share.
class JOURNEY_API TimeFormat {
public:
    enum class Kind { iso, ymd, dmy, mdy, epoch_s, epoch_ms, pattern };

    TimeFormat() = default;
    explicit TimeFormat(Kind kind) : m_kind(kind) {}

    /// Parses a spec string as listed above ("auto" is rejected here).
    /// @returns nullopt when the spec is not a format.
    static std::optional<TimeFormat> from_spec(std::string_view spec);

    /// Parses `text` (surrounding blanks ignored). @returns false when it does not
    /// match the format or names an impossible date/time.
    bool parse(std::string_view text, Timestamp& out) const noexcept;

    Kind kind() const noexcept { return m_kind; }
    /// The spec string that names this format (round-trips through from_spec()).
    std::string spec() const;

    /// A copy that ignores UTC offsets: `2010-03-28T03:00:00+02:00` is read as
    /// 03:00 UTC (the local wall-clock time). This is what pm4py does; durations
    /// across a daylight-saving change then differ from the true elapsed time by
    /// the change (an hour). Off by default.
    TimeFormat ignoring_offsets() const {
        TimeFormat f = *this;
        f.m_ignore_offsets = true;
        return f;
    }
    bool ignores_offsets() const noexcept { return m_ignore_offsets; }

    friend bool operator==(const TimeFormat&, const TimeFormat&) = default;

private:
    Kind m_kind = Kind::iso;
    std::string m_pattern;
    bool m_ignore_offsets = false;
};

/// Chooses the first format, in the order iso, ymd, dmy, mdy, epoch-ms, epoch-s, that
/// parses every non-empty sample. dmy and mdy are told apart by day values over 12
/// (dmy wins a tie, and the choice is stated in import reports).
/// @returns nullopt when no format parses all samples.
JOURNEY_API std::optional<TimeFormat> infer_time_format(std::span<const std::string_view> samples);

/// ISO 8601 in UTC: `YYYY-MM-DDThh:mm:ss[.fff|.ffffff]+00:00`; the fraction is
/// printed with 3 or 6 digits only when it is non-zero.
JOURNEY_API std::string format_iso8601(Timestamp t);

/// Convenience: parse with the iso format. @returns nullopt on failure.
JOURNEY_API std::optional<Timestamp> parse_iso8601(std::string_view text) noexcept;

} // namespace journey
