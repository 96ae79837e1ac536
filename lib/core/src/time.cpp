#include <journey/core/time.hpp>

#include <array>
#include <climits>
#include <cstdio>

namespace journey {

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
    // Howard Hinnant's algorithm (public domain description of the civil calendar).
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

namespace {

struct Civil {
    std::int64_t y;
    unsigned m;
    unsigned d;
};

Civil civil_from_days(std::int64_t z) noexcept {
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

bool leap(std::int64_t y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) noexcept {
    static constexpr std::array<unsigned, 12> n{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : n[m - 1];
}

/// A cursor over the text being parsed.
struct Cursor {
    const char* p;
    const char* end;

    bool done() const noexcept { return p == end; }
    char peek() const noexcept { return p == end ? '\0' : *p; }
    bool eat(char c) noexcept {
        if (p != end && *p == c) {
            ++p;
            return true;
        }
        return false;
    }
    /// Reads between min and max digits.
    bool digits(unsigned min, unsigned max, unsigned& value, unsigned* count = nullptr) noexcept {
        unsigned n = 0;
        unsigned v = 0;
        while (p != end && n < max && *p >= '0' && *p <= '9') {
            v = v * 10 + static_cast<unsigned>(*p - '0');
            ++p;
            ++n;
        }
        if (count != nullptr) {
            *count = n;
        }
        value = v;
        return n >= min;
    }
};

struct Fields {
    std::int64_t year = 1970;
    unsigned month = 1;
    unsigned day = 1;
    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;
    std::int64_t micros = 0;
    std::int64_t offset_s = 0;
};

bool finish(const Fields& f, Timestamp& out, bool ignore_offset) noexcept {
    if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > days_in_month(f.year, f.month) ||
        f.hour > 24 || f.minute > 59 || f.second > 60) {
        return false;
    }
    if (f.hour == 24 && (f.minute != 0 || f.second != 0 || f.micros != 0)) {
        return false;
    }
    const std::int64_t days = days_from_civil(f.year, f.month, f.day);
    const std::int64_t secs = days * 86400 + f.hour * 3600 + f.minute * 60 +
                              static_cast<std::int64_t>(f.second) - (ignore_offset ? 0 : f.offset_s);
    out = secs * micros_per_second + f.micros;
    return true;
}

/// Fraction after the decimal point: 1 to 9 digits, kept to microseconds (truncated).
bool fraction(Cursor& c, std::int64_t& micros) noexcept {
    unsigned n = 0;
    std::int64_t v = 0;
    while (!c.done() && c.peek() >= '0' && c.peek() <= '9') {
        if (n < 6) {
            v = v * 10 + (c.peek() - '0');
        }
        ++n;
        ++c.p;
    }
    if (n == 0 || n > 9) {
        return false;
    }
    for (unsigned i = n; i < 6; ++i) {
        v *= 10;
    }
    micros = v;
    return true;
}

/// Optional `Z`, `±hh`, `±hh:mm` or `±hhmm`.
bool offset(Cursor& c, std::int64_t& offset_s) noexcept {
    if (c.eat('Z') || c.eat('z')) {
        offset_s = 0;
        return true;
    }
    const char sign = c.peek();
    if (sign != '+' && sign != '-') {
        return true;
    }
    ++c.p;
    unsigned hh = 0;
    unsigned mm = 0;
    if (!c.digits(2, 2, hh)) {
        return false;
    }
    // `±hh`, `±hhmm` or `±hh:mm`; a colon needs the minutes after it.
    if (c.eat(':') || !c.done()) {
        if (!c.digits(2, 2, mm)) {
            return false;
        }
    }
    if (hh > 23 || mm > 59) {
        return false;
    }
    offset_s = static_cast<std::int64_t>(hh * 3600 + mm * 60) * (sign == '-' ? -1 : 1);
    return true;
}

/// `[T| ]hh:mm[:ss[.f]][offset]` after a date; nothing at all is fine.
bool time_part(Cursor& c, Fields& f) noexcept {
    if (c.done()) {
        return true;
    }
    if (!(c.eat('T') || c.eat('t') || c.eat(' '))) {
        return false;
    }
    while (c.eat(' ')) {
    }
    if (!c.digits(2, 2, f.hour) || !c.eat(':') || !c.digits(2, 2, f.minute)) {
        return false;
    }
    if (c.eat(':')) {
        if (!c.digits(2, 2, f.second)) {
            return false;
        }
        if (c.eat('.') || c.eat(',')) {
            if (!fraction(c, f.micros)) {
                return false;
            }
        }
    }
    while (c.eat(' ')) {
    }
    return offset(c, f.offset_s) && c.done();
}

bool parse_ymd(Cursor c, char sep, Timestamp& out, bool ignore_offset) noexcept {
    Fields f;
    unsigned y = 0;
    if (!c.digits(4, 4, y) || !c.eat(sep) || !c.digits(1, 2, f.month) || !c.eat(sep) ||
        !c.digits(1, 2, f.day)) {
        return false;
    }
    f.year = y;
    return time_part(c, f) && finish(f, out, ignore_offset);
}

bool parse_dmy(Cursor c, bool day_first, Timestamp& out, bool ignore_offset) noexcept {
    Fields f;
    unsigned a = 0;
    unsigned b = 0;
    unsigned y = 0;
    if (!c.digits(1, 2, a)) {
        return false;
    }
    const char sep = c.peek();
    if (sep != '/' && sep != '-' && sep != '.') {
        return false;
    }
    ++c.p;
    if (!c.digits(1, 2, b) || !c.eat(sep) || !c.digits(4, 4, y)) {
        return false;
    }
    f.year = y;
    f.day = day_first ? a : b;
    f.month = day_first ? b : a;
    return time_part(c, f) && finish(f, out, ignore_offset);
}

bool parse_epoch(Cursor c, std::int64_t scale, Timestamp& out) noexcept {
    bool neg = c.eat('-');
    std::int64_t whole = 0;
    unsigned n = 0;
    while (!c.done() && c.peek() >= '0' && c.peek() <= '9') {
        if (n >= 15) {
            return false;
        }
        whole = whole * 10 + (c.peek() - '0');
        ++c.p;
        ++n;
    }
    if (n == 0 || whole > INT64_MAX / scale - 1) {
        return false;
    }
    std::int64_t frac_us = 0;
    if (c.eat('.')) {
        std::int64_t micros = 0;
        if (!fraction(c, micros)) {
            return false;
        }
        frac_us = scale == micros_per_second ? micros : micros / 1000;
    }
    if (!c.done()) {
        return false;
    }
    const std::int64_t v = whole * scale + frac_us;
    out = neg ? -v : v;
    return true;
}

bool parse_pattern(Cursor c, std::string_view pattern, Timestamp& out,
                   bool ignore_offset) noexcept {
    Fields f;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char pc = pattern[i];
        if (pc != '%' || i + 1 == pattern.size()) {
            if (!c.eat(pc)) {
                return false;
            }
            continue;
        }
        unsigned v = 0;
        switch (pattern[++i]) {
        case 'Y':
            if (!c.digits(4, 4, v)) {
                return false;
            }
            f.year = v;
            break;
        case 'm':
            if (!c.digits(1, 2, f.month)) {
                return false;
            }
            break;
        case 'd':
            if (!c.digits(1, 2, f.day)) {
                return false;
            }
            break;
        case 'H':
            if (!c.digits(1, 2, f.hour)) {
                return false;
            }
            break;
        case 'M':
            if (!c.digits(1, 2, f.minute)) {
                return false;
            }
            break;
        case 'S':
            if (!c.digits(1, 2, f.second)) {
                return false;
            }
            break;
        case 'f':
            if (!fraction(c, f.micros)) {
                return false;
            }
            break;
        case 'z':
            if (!offset(c, f.offset_s)) {
                return false;
            }
            break;
        case '%':
            if (!c.eat('%')) {
                return false;
            }
            break;
        default:
            return false;
        }
    }
    return c.done() && finish(f, out, ignore_offset);
}

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

} // namespace

std::optional<TimeFormat> TimeFormat::from_spec(std::string_view spec) {
    if (spec == "iso") {
        return TimeFormat(Kind::iso);
    }
    if (spec == "ymd") {
        return TimeFormat(Kind::ymd);
    }
    if (spec == "dmy") {
        return TimeFormat(Kind::dmy);
    }
    if (spec == "mdy") {
        return TimeFormat(Kind::mdy);
    }
    if (spec == "epoch-s") {
        return TimeFormat(Kind::epoch_s);
    }
    if (spec == "epoch-ms") {
        return TimeFormat(Kind::epoch_ms);
    }
    if (spec.find('%') != std::string_view::npos) {
        // Every directive must be one parse() knows, or the format could never match.
        for (std::size_t i = 0; i < spec.size(); ++i) {
            if (spec[i] == '%') {
                if (i + 1 == spec.size() ||
                    std::string_view("YmdHMSfz%").find(spec[i + 1]) == std::string_view::npos) {
                    return std::nullopt;
                }
                ++i;
            }
        }
        TimeFormat f(Kind::pattern);
        f.m_pattern = std::string(spec);
        return f;
    }
    return std::nullopt;
}

std::string TimeFormat::spec() const {
    switch (m_kind) {
    case Kind::iso:
        return "iso";
    case Kind::ymd:
        return "ymd";
    case Kind::dmy:
        return "dmy";
    case Kind::mdy:
        return "mdy";
    case Kind::epoch_s:
        return "epoch-s";
    case Kind::epoch_ms:
        return "epoch-ms";
    case Kind::pattern:
        return m_pattern;
    }
    return "iso";
}

bool TimeFormat::parse(std::string_view text, Timestamp& out) const noexcept {
    text = trim(text);
    Cursor c{text.data(), text.data() + text.size()};
    switch (m_kind) {
    case Kind::iso:
        return parse_ymd(c, '-', out, m_ignore_offsets);
    case Kind::ymd:
        return parse_ymd(c, '/', out, m_ignore_offsets);
    case Kind::dmy:
        return parse_dmy(c, true, out, m_ignore_offsets);
    case Kind::mdy:
        return parse_dmy(c, false, out, m_ignore_offsets);
    case Kind::epoch_s:
        return parse_epoch(c, micros_per_second, out);
    case Kind::epoch_ms:
        return parse_epoch(c, 1000, out);
    case Kind::pattern:
        return parse_pattern(c, m_pattern, out, m_ignore_offsets);
    }
    return false;
}

std::optional<TimeFormat> infer_time_format(std::span<const std::string_view> samples) {
    using K = TimeFormat::Kind;
    // epoch-ms before epoch-s: 13-digit values are milliseconds in practice; a
    // 10-digit value is read as seconds (see the magnitude check below).
    static constexpr std::array<K, 5> order{K::iso, K::ymd, K::dmy, K::mdy, K::epoch_s};
    for (const K kind : order) {
        const TimeFormat f(kind);
        bool all = true;
        bool saw_value = false;
        std::int64_t max_abs = 0;
        for (const std::string_view s : samples) {
            if (trim(s).empty()) {
                continue;
            }
            saw_value = true;
            Timestamp t = 0;
            if (!f.parse(s, t)) {
                all = false;
                break;
            }
            const std::int64_t a = t < 0 ? -t : t;
            max_abs = a > max_abs ? a : max_abs;
        }
        if (!saw_value) {
            return std::nullopt;
        }
        if (all) {
            if (kind == K::epoch_s && max_abs / micros_per_second > 100'000'000'000LL) {
                // Seconds beyond year 5138: these are milliseconds.
                return TimeFormat(K::epoch_ms);
            }
            return f;
        }
    }
    return std::nullopt;
}

std::string format_iso8601(Timestamp t) {
    if (t == no_timestamp) {
        return {};
    }
    std::int64_t secs = t / micros_per_second;
    std::int64_t us = t % micros_per_second;
    if (us < 0) {
        us += micros_per_second;
        secs -= 1;
    }
    std::int64_t days = secs / 86400;
    std::int64_t sod = secs % 86400;
    if (sod < 0) {
        sod += 86400;
        days -= 1;
    }
    const Civil c = civil_from_days(days);
    char buf[64];
    int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld",
                          static_cast<long long>(c.y), c.m, c.d,
                          static_cast<long long>(sod / 3600),
                          static_cast<long long>(sod / 60 % 60), static_cast<long long>(sod % 60));
    if (us != 0) {
        if (us % 1000 == 0) {
            n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%03lld",
                               static_cast<long long>(us / 1000));
        } else {
            n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%06lld",
                               static_cast<long long>(us));
        }
    }
    std::string s(buf, static_cast<std::size_t>(n));
    s += "+00:00";
    return s;
}

std::optional<Timestamp> parse_iso8601(std::string_view text) noexcept {
    Timestamp t = 0;
    if (TimeFormat(TimeFormat::Kind::iso).parse(text, t)) {
        return t;
    }
    return std::nullopt;
}

} // namespace journey
