// The XES reader: a purpose-built XML tokenizer over a sliding window of the
// (decompressed) input. The prolog and the <log> start tag are parsed first; then
// every child of <log> (a trace, a log attribute, an extension, ...) is parsed as a
// unit. A unit's results are kept in scratch buffers that point into the window and
// are committed to the EventLogBuilder only once the whole unit has been parsed.
// When a unit runs past the end of the window, the parser throws NeedMore, the
// window is refilled (keeping the unit's bytes) and the unit is parsed again. So the
// memory held is the window (8 MB, or twice the largest trace) plus the log built.

#include <journey/io/xes.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <journey/core/error.hpp>
#include <journey/core/event_log_builder.hpp>

#include "input_file.hpp"
#include "xes_canonical.hpp"
#include "xes_reader_impl.hpp"
#include "xes_source.hpp"

namespace journey::io {

namespace {

// ---------------------------------------------------------------------------
// Character classes

struct CharTables {
    std::array<bool, 256> ws{};
    std::array<bool, 256> name_start{};
    std::array<bool, 256> name{};
    std::array<bool, 256> stop_dq{}; // ends a fast scan of a "..." attribute value
    std::array<bool, 256> stop_sq{}; // ends a fast scan of a '...' attribute value
};

constexpr CharTables make_tables() {
    CharTables t;
    for (int c = 0; c < 256; ++c) {
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        const bool start = alpha || c == '_' || c == ':' || c >= 0x80;
        t.name_start[c] = start;
        t.name[c] = start || (c >= '0' && c <= '9') || c == '-' || c == '.';
        t.ws[c] = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        const bool stop = c < 0x20 || c == '&' || c == '<';
        t.stop_dq[c] = stop || c == '"';
        t.stop_sq[c] = stop || c == '\'';
    }
    return t;
}

constexpr CharTables chars = make_tables();

inline bool is_ws(char c) noexcept { return chars.ws[static_cast<unsigned char>(c)]; }
inline bool is_name(char c) noexcept { return chars.name[static_cast<unsigned char>(c)]; }
inline bool is_name_start(char c) noexcept {
    return chars.name_start[static_cast<unsigned char>(c)];
}

// ---------------------------------------------------------------------------
// Element kinds

enum class Elem : std::uint8_t {
    other,
    log,
    trace,
    event,
    values,
    extension,
    global,
    classifier,
    // attribute elements; the scalar ones first
    a_string,
    a_date,
    a_int,
    a_float,
    a_boolean,
    a_id,
    a_list,
    a_container,
};

inline bool is_attr(Elem e) noexcept { return e >= Elem::a_string; }
inline bool is_scalar(Elem e) noexcept { return e >= Elem::a_string && e <= Elem::a_id; }

AttrType scalar_type(Elem e) noexcept {
    switch (e) {
    case Elem::a_date:
        return AttrType::time;
    case Elem::a_int:
        return AttrType::integer;
    case Elem::a_float:
        return AttrType::real;
    case Elem::a_boolean:
        return AttrType::boolean;
    case Elem::a_id:
        return AttrType::id;
    case Elem::a_list:
    case Elem::a_container:
        return AttrType::list;
    default:
        return AttrType::string;
    }
}

std::string_view type_name(Elem e) noexcept {
    switch (e) {
    case Elem::a_string:
        return "string";
    case Elem::a_date:
        return "date";
    case Elem::a_int:
        return "int";
    case Elem::a_float:
        return "float";
    case Elem::a_boolean:
        return "boolean";
    case Elem::a_id:
        return "id";
    case Elem::a_list:
        return "list";
    case Elem::a_container:
        return "container";
    default:
        return "";
    }
}

Elem classify(std::string_view n) noexcept {
    switch (n.size()) {
    case 2:
        return n == "id" ? Elem::a_id : Elem::other;
    case 3:
        return n == "log" ? Elem::log : n == "int" ? Elem::a_int : Elem::other;
    case 4:
        return n == "date" ? Elem::a_date : n == "list" ? Elem::a_list : Elem::other;
    case 5:
        return n == "event"   ? Elem::event
               : n == "trace" ? Elem::trace
               : n == "float" ? Elem::a_float
                              : Elem::other;
    case 6:
        return n == "string"   ? Elem::a_string
               : n == "values" ? Elem::values
               : n == "global" ? Elem::global
                               : Elem::other;
    case 7:
        return n == "boolean" ? Elem::a_boolean : Elem::other;
    case 9:
        return n == "container"   ? Elem::a_container
               : n == "extension" ? Elem::extension
                                  : Elem::other;
    case 10:
        return n == "classifier" ? Elem::classifier : Elem::other;
    default:
        return Elem::other;
    }
}

// ---------------------------------------------------------------------------
// Small helpers

/// Cuts `s` to at most `max` bytes (at a UTF-8 character boundary), adding "...".
std::string clip(std::string_view s, std::size_t max = 100) {
    if (s.size() <= max) {
        return std::string(s);
    }
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) {
        --n;
    }
    return std::string(s.substr(0, n)) + "...";
}

std::string plural(std::uint64_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string_view trim_ws(std::string_view s) noexcept {
    while (!s.empty() && is_ws(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && is_ws(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

bool parse_int(std::string_view s, std::int64_t& out) noexcept {
    s = trim_ws(s);
    if (!s.empty() && s.front() == '+') {
        s.remove_prefix(1);
        if (!s.empty() && s.front() == '-') {
            return false;
        }
    }
    if (s.empty()) {
        return false;
    }
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool parse_float(std::string_view s, std::int64_t& out) noexcept {
    s = trim_ws(s);
    double v = 0;
    if (s == "INF" || s == "+INF" || s == "inf" || s == "+inf" || s == "Infinity") {
        v = std::numeric_limits<double>::infinity();
    } else if (s == "-INF" || s == "-inf" || s == "-Infinity") {
        v = -std::numeric_limits<double>::infinity();
    } else if (s == "NaN" || s == "nan") {
        v = std::numeric_limits<double>::quiet_NaN();
    } else {
        if (!s.empty() && s.front() == '+') {
            s.remove_prefix(1);
            if (!s.empty() && s.front() == '-') {
                return false;
            }
        }
        if (s.empty()) {
            return false;
        }
        // Only decimal digits, sign, point and exponent: from_chars would also take
        // "inf"/"nan" spellings and hexadecimal forms we do not want here.
        for (const char c : s) {
            if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' ||
                  c == '+')) {
                return false;
            }
        }
        const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
        if (r.ec != std::errc() || r.ptr != s.data() + s.size()) {
            return false;
        }
    }
    if (std::isnan(v)) {
        v = std::numeric_limits<double>::quiet_NaN(); // one bit pattern for every NaN
    }
    out = attr_raw(v);
    return true;
}

bool parse_bool(std::string_view s, std::int64_t& out) noexcept {
    s = trim_ws(s);
    const auto eq = [](std::string_view a, std::string_view b) {
        return a.size() == b.size() &&
               std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                   return (x | 0x20) == y;
               });
    };
    if (s == "1" || eq(s, "true")) {
        out = 1;
        return true;
    }
    if (s == "0" || eq(s, "false")) {
        out = 0;
        return true;
    }
    return false;
}

/// Parses a time and keeps it only within years 0001-9999 (UTC): the range that
/// format_iso8601() writes in a form that reads back.
bool parse_time(const TimeFormat& format, std::string_view s, std::int64_t& out) noexcept {
    static const Timestamp lo = days_from_civil(1, 1, 1) * 86400 * micros_per_second;
    static const Timestamp hi = (days_from_civil(9999, 12, 31) + 1) * 86400 * micros_per_second - 1;
    Timestamp t = 0;
    if (!format.parse(s, t) || t < lo || t > hi) {
        return false;
    }
    out = t;
    return true;
}

void append_utf8(char*& out, std::uint32_t cp) noexcept {
    if (cp < 0x80) {
        *out++ = static_cast<char>(cp);
    } else if (cp < 0x800) {
        *out++ = static_cast<char>(0xC0 | (cp >> 6));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *out++ = static_cast<char>(0xE0 | (cp >> 12));
        *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        *out++ = static_cast<char>(0xF0 | (cp >> 18));
        *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    }
}

/// Bump allocator for decoded values and canonical texts of one unit.
class Arena {
public:
    /// Room for `n` bytes; give back what was not used with shrink().
    char* alloc(std::size_t n) {
        while (m_block < m_blocks.size() && m_used + n > m_sizes[m_block]) {
            ++m_block;
            m_used = 0;
        }
        if (m_block == m_blocks.size()) {
            const std::size_t size = std::max<std::size_t>(n, block_size);
            m_blocks.emplace_back(new char[size]);
            m_sizes.push_back(size);
            m_used = 0;
        }
        char* p = m_blocks[m_block].get() + m_used;
        m_used += n;
        return p;
    }
    void shrink(std::size_t unused) noexcept { m_used -= unused; }
    std::string_view store(std::string_view s) {
        char* p = alloc(s.size());
        if (!s.empty()) {
            std::memcpy(p, s.data(), s.size());
        }
        return {p, s.size()};
    }
    void reset() noexcept {
        m_block = 0;
        m_used = 0;
    }

private:
    static constexpr std::size_t block_size = 64 * 1024;
    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::vector<std::size_t> m_sizes;
    std::size_t m_block = 0;
    std::size_t m_used = 0;
};

/// Thrown when a unit runs past the end of the window and more input exists.
struct NeedMore {};

// Roles of an event attribute key (bit positions).
enum Role : unsigned {
    role_activity,
    role_timestamp,
    role_resource,
    role_department,
    role_channel,
    role_lifecycle,
    role_count
};

constexpr std::int32_t no_column = -1;

struct KeyInfo {
    std::uint8_t event_roles = 0; // bit per Role
    bool case_key = false;
    std::array<std::int32_t, 7> event_col{no_column, no_column, no_column, no_column,
                                          no_column, no_column, no_column};
    std::array<std::int32_t, 7> case_col{no_column, no_column, no_column, no_column,
                                         no_column, no_column, no_column};
};

struct XmlAttr {
    std::string_view name;
    std::string_view raw;
    const char* pos = nullptr;
    bool decode = false;
};

struct Tag {
    const char* pos = nullptr; // the '<'
    std::string_view name;
    Elem elem = Elem::other;
    bool self_closing = false;
    bool has_key = false;
    bool has_value = false;
    bool key_decode = false;
    bool value_decode = false;
    std::string_view key_raw;
    std::string_view value_raw;
    const char* key_pos = nullptr;
    const char* value_pos = nullptr;
};

/// A parsed attribute at log, trace or event level.
struct TopAttr {
    std::string_view key;
    std::string_view value;     // scalars: decoded lexical value
    std::string_view canonical; // set when structured
    bool structured = false;    // list, container, or scalar with nested attributes
    bool had_nested = false;    // a scalar with nested attributes
};

struct AttrRec {
    std::uint32_t key = 0;
    AttrType type = AttrType::string;
    std::int64_t raw = 0;
    std::string_view text; // string, id, list
};

struct EventRec {
    const char* pos = nullptr;
    std::uint32_t attr_begin = 0;
    std::uint32_t attr_end = 0;
    std::array<std::string_view, role_count> role_text{};
    std::uint8_t present = 0;
    Timestamp ts = no_timestamp;
};

struct PendingReject {
    const char* pos;
    std::string reason;
    std::string record;
};

/// A warning that is counted, with the first occurrence described.
struct Tally {
    std::uint64_t count = 0;
    const char* first_pos = nullptr; // unit-local: position of the first occurrence
    std::string first;               // description of the first occurrence
    std::string first_where;         // "line:col" once committed
};

struct OpenElem {
    std::string_view name;
    const char* pos = nullptr; // nullptr: use line/col
    std::uint64_t line = 0;
    std::uint64_t col = 0;
};

constexpr int max_depth = 100;

// ---------------------------------------------------------------------------

class XesParser {
public:
    XesParser(detail::ByteSource& source, const ReadOptions& options, const std::string& path,
              std::size_t window)
        : m_src(source), m_options(options), m_path(path), m_cap(std::max<std::size_t>(window, 1)) {
        const auto key_or = [](const std::string& k, const char* def) {
            return k.empty() ? std::string(def) : k;
        };
        const ColumnMapping& c = options.columns;
        m_case_key = key_or(c.case_id, "concept:name");
        if (m_case_key.rfind("case:", 0) == 0 && m_case_key.size() > 5) {
            m_case_key.erase(0, 5);
        }
        m_role_keys[role_activity] = key_or(c.activity, "concept:name");
        m_role_keys[role_timestamp] = key_or(c.timestamp, "time:timestamp");
        m_role_keys[role_resource] = key_or(c.resource, "org:resource");
        m_role_keys[role_department] = key_or(c.department, "org:group");
        m_role_keys[role_channel] = key_or(c.channel, "channel");
        m_role_keys[role_lifecycle] = key_or(c.lifecycle, "lifecycle:transition");
        if (!options.time_format.empty() && options.time_format != "auto") {
            const auto f = TimeFormat::from_spec(options.time_format);
            if (!f) {
                throw usage_error("unknown time format '" + options.time_format + "'");
            }
            m_time_format = *f;
        }
        if (options.ignore_utc_offsets) {
            m_time_format = m_time_format.ignoring_offsets();
        }
        m_items_pool.resize(max_depth + 2);
        m_attrs_pool.resize(max_depth + 2);
    }

    ReadResult run();

private:
    // ---- window -----------------------------------------------------------
    void fill();
    const char* refill(const char* keep);
    void account_lines(const char* from, const char* to) noexcept;
    std::pair<std::uint64_t, std::uint64_t> location(const char* pos);
    std::string where(const char* pos) {
        const auto [l, c] = location(pos);
        return std::to_string(l) + ":" + std::to_string(c);
    }

    [[noreturn]] void more();
    [[noreturn]] void fail(const char* pos, const std::string& message);
    bool match(const char* p, std::string_view lit);

    // ---- tokens -------------------------------------------------------------
    void parse_start_tag(const char*& p, Tag& t);
    void parse_end_tag(const char*& p);
    void skip_comment(const char*& p);
    void skip_cdata(const char*& p);
    void skip_pi(const char*& p);
    void skip_doctype(const char*& p);
    bool next_child(const char*& p);
    std::string_view decode(std::string_view raw, bool needed, const char* pos);

    // ---- structure ----------------------------------------------------------
    void parse_prolog(const char*& p);
    bool parse_log_child(const char*& p);
    bool parse_epilogue_item(const char*& p);
    void parse_trace(const char*& p, const Tag& t);
    void parse_event(const char*& p, const Tag& t, bool in_trace);
    void parse_top_attribute(const char*& p, const Tag& t, TopAttr& out);
    void parse_children(const char*& p, const Tag& parent, Elem mode, std::string& items,
                        std::string& attrs, int depth);
    void emit_node(const char*& p, const Tag& t, std::string& out, int depth);
    void skip_element(const char*& p, const Tag& t);
    void skip_unknown(const char*& p, const Tag& t);
    void push_typed(std::uint32_t key, Elem e, const TopAttr& a, const char* pos,
                    std::vector<AttrRec>& out);
    std::string attr_value(std::string_view name, const char* def = "");

    // ---- units ----------------------------------------------------------------
    void begin_unit();
    void commit_unit();
    void commit_trace(const char* pos);
    void note(Tally& t, const char* pos, std::string what) {
        if (t.count++ == 0) {
            t.first_pos = pos;
            t.first = std::move(what);
        }
    }
    void merge(Tally& total, Tally& unit);
    void progress();

    std::uint32_t key_id(std::string_view key);
    std::int64_t raw_of(const AttrRec& a);
    EventLogBuilder::AttrHandle column(std::uint32_t key, AttrType type, bool case_level);

    void push_open(std::string_view name, const char* pos) {
        m_open.push_back(OpenElem{name, pos, 0, 0});
    }
    std::string open_where(const OpenElem& o) {
        if (o.pos != nullptr) {
            return where(o.pos);
        }
        return std::to_string(o.line) + ":" + std::to_string(o.col);
    }

    detail::ByteSource& m_src;
    const ReadOptions& m_options;
    const std::string& m_path;

    // Window: [m_buf, m_end), with a '\0' sentinel at m_end.
    std::unique_ptr<char[]> m_storage;
    char* m_buf = nullptr;
    const char* m_end = nullptr;
    std::size_t m_cap;
    std::size_t m_len = 0;
    bool m_eof = false;
    std::exception_ptr m_source_error; // thrown when the parser needs more bytes
    std::uint64_t m_stream_off = 0; // stream offset of m_buf[0]
    std::uint64_t m_line_base = 1;  // line of m_buf[0]
    std::uint64_t m_col_base = 0;   // bytes of that line before m_buf[0]
    const char* m_lc_pos = nullptr; // location cache
    std::uint64_t m_lc_line = 0;
    const char* m_lc_line_start = nullptr;
    bool m_in_prolog = false;

    // Keys and roles
    std::string m_case_key;
    std::array<std::string, role_count> m_role_keys;
    TimeFormat m_time_format{TimeFormat::Kind::iso};
    const TimeFormat m_iso{TimeFormat::Kind::iso};
    StringTable m_keys;
    std::vector<KeyInfo> m_key_info;

    // Unit scratch
    Arena m_arena;
    std::vector<OpenElem> m_open;
    std::vector<XmlAttr> m_xml_attrs;
    std::vector<EventRec> m_events;
    std::vector<AttrRec> m_attrs;
    std::vector<AttrRec> m_case_attrs;
    std::vector<PendingReject> m_rejects;
    std::vector<std::string> m_items_pool;
    std::vector<std::string> m_attrs_pool;
    std::string m_json;
    std::string_view m_case_name;
    bool m_has_case_name = false;
    std::uint64_t m_unit_records = 0;
    Tally m_u_outside, m_u_unknown, m_u_mismatch, m_u_dropped;

    // Totals
    EventLogBuilder m_builder;
    ImportReport m_report;
    std::uint64_t m_traces = 0;
    std::uint8_t m_roles_seen = 0;
    Tally m_outside, m_unknown, m_mismatch, m_dropped, m_unnamed, m_duplicate;
    std::string m_encoding_warning;
    std::uint64_t m_next_progress = 0;
    bool m_root_empty = false;
};

// ---------------------------------------------------------------------------
// Window

void XesParser::fill() {
    if (m_source_error) {
        std::rethrow_exception(m_source_error);
    }
    const std::size_t start = m_len;
    while (m_len < m_cap && !m_eof) {
        std::size_t n = 0;
        try {
            n = m_src.read(m_buf + m_len, m_cap - m_len);
        } catch (...) {
            if (m_len == start) {
                throw;
            }
            // Parse the good bytes first: an XML error in them comes first, whatever
            // the window size.
            m_source_error = std::current_exception();
            break;
        }
        if (n == 0) {
            m_eof = true;
        }
        m_len += n;
    }
    m_buf[m_len] = '\0';
    m_end = m_buf + m_len;
}

void XesParser::account_lines(const char* from, const char* to) noexcept {
    const auto n = static_cast<std::uint64_t>(std::count(from, to, '\n'));
    if (n == 0) {
        m_col_base += static_cast<std::uint64_t>(to - from);
        return;
    }
    m_line_base += n;
    const void* last = ::memrchr(from, '\n', static_cast<std::size_t>(to - from));
    m_col_base = static_cast<std::uint64_t>(to - (static_cast<const char*>(last) + 1));
}

const char* XesParser::refill(const char* keep) {
    const auto off = static_cast<std::size_t>(keep - m_buf);
    account_lines(m_buf, keep);
    m_stream_off += off;
    const std::size_t tail = m_len - off;
    if (off > 0 && tail > 0) {
        std::memmove(m_buf, keep, tail);
    }
    m_len = tail;
    if (m_len > m_cap / 2) {
        // One unit fills half the window: grow, so refills stay amortised O(n).
        const std::size_t cap = m_cap * 2;
        std::unique_ptr<char[]> bigger(new char[cap + 1]);
        std::memcpy(bigger.get(), m_buf, m_len);
        m_storage = std::move(bigger);
        m_buf = m_storage.get();
        m_cap = cap;
    }
    fill();
    m_lc_pos = nullptr;
    return m_buf;
}

std::pair<std::uint64_t, std::uint64_t> XesParser::location(const char* pos) {
    if (m_lc_pos == nullptr || pos < m_lc_pos) {
        m_lc_pos = m_buf;
        m_lc_line = m_line_base;
        m_lc_line_start = nullptr;
    }
    const char* q = m_lc_pos;
    while (q < pos) {
        const void* nl = std::memchr(q, '\n', static_cast<std::size_t>(pos - q));
        if (nl == nullptr) {
            break;
        }
        q = static_cast<const char*>(nl) + 1;
        ++m_lc_line;
        m_lc_line_start = q;
    }
    m_lc_pos = pos;
    const std::uint64_t col =
        m_lc_line_start != nullptr
            ? static_cast<std::uint64_t>(pos - m_lc_line_start) + 1
            : m_col_base + static_cast<std::uint64_t>(pos - m_buf) + 1;
    return {m_lc_line, col};
}

void XesParser::more() {
    if (!m_eof) {
        throw NeedMore{};
    }
    const auto [line, col] = location(m_end);
    std::string msg = "unexpected end of input";
    if (m_in_prolog) {
        msg += ": no <log> element";
    } else if (!m_open.empty()) {
        const OpenElem& o = m_open.back();
        msg += ": <" + std::string(o.name) + "> opened at " + open_where(o) + " is not closed";
    }
    throw format_error(m_path, line, col, msg);
}

void XesParser::fail(const char* pos, const std::string& message) {
    const auto [line, col] = location(pos);
    throw format_error(m_path, line, col, message);
}

bool XesParser::match(const char* p, std::string_view lit) {
    const auto avail = static_cast<std::size_t>(m_end - p);
    if (avail >= lit.size()) {
        return std::memcmp(p, lit.data(), lit.size()) == 0;
    }
    if (std::memcmp(p, lit.data(), avail) == 0) {
        more(); // could still match
    }
    return false;
}

// ---------------------------------------------------------------------------
// Tokens

void XesParser::parse_start_tag(const char*& p, Tag& t) {
    t.pos = p;
    t.has_key = t.has_value = false;
    t.key_decode = t.value_decode = false;
    m_xml_attrs.clear();
    ++p;
    const char* n = p;
    if (!is_name_start(*p)) {
        if (p == m_end) {
            more();
        }
        fail(t.pos, "expected an element name after '<'");
    }
    while (is_name(*p)) {
        ++p;
    }
    if (p == m_end) {
        more();
    }
    t.name = {n, static_cast<std::size_t>(p - n)};
    t.elem = classify(t.name);
    for (;;) {
        const char* before = p;
        while (is_ws(*p)) {
            ++p;
        }
        if (p == m_end) {
            more();
        }
        const char c = *p;
        if (c == '>') {
            ++p;
            t.self_closing = false;
            return;
        }
        if (c == '/') {
            if (p + 1 == m_end) {
                more();
            }
            if (p[1] != '>') {
                fail(p, "expected '>' after '/' in <" + std::string(t.name) + ">");
            }
            p += 2;
            t.self_closing = true;
            return;
        }
        if (!is_name_start(c)) {
            fail(p, "unexpected character '" + std::string(1, c) + "' in <" +
                        std::string(t.name) + ">");
        }
        if (p == before) {
            fail(p, "missing whitespace before attribute in <" + std::string(t.name) + ">");
        }
        const char* an = p;
        while (is_name(*p)) {
            ++p;
        }
        const std::string_view aname{an, static_cast<std::size_t>(p - an)};
        while (is_ws(*p)) {
            ++p;
        }
        if (p == m_end) {
            more();
        }
        if (*p != '=') {
            fail(p, "expected '=' after attribute name '" + std::string(aname) + "'");
        }
        ++p;
        while (is_ws(*p)) {
            ++p;
        }
        if (p == m_end) {
            more();
        }
        const char q = *p;
        if (q != '"' && q != '\'') {
            fail(p, "expected a quoted value for attribute '" + std::string(aname) + "'");
        }
        ++p;
        const char* vs = p;
        bool dec = false;
        const bool* stop = q == '"' ? chars.stop_dq.data() : chars.stop_sq.data();
        for (;;) {
            while (!stop[static_cast<unsigned char>(*p)]) {
                ++p;
            }
            const char s = *p;
            if (s == q) {
                break;
            }
            if (s == '&' || s == '\t' || s == '\n' || s == '\r') {
                dec = true;
                ++p;
                continue;
            }
            if (p == m_end) {
                more();
            }
            if (s == '<') {
                fail(p, "'<' in the value of attribute '" + std::string(aname) + "'");
            }
            char buf[8];
            std::snprintf(buf, sizeof buf, "%02X", static_cast<unsigned>(static_cast<unsigned char>(s)));
            fail(p, "invalid character U+00" + std::string(buf) + " in the value of attribute '" +
                        std::string(aname) + "'");
        }
        const std::string_view raw{vs, static_cast<std::size_t>(p - vs)};
        ++p;
        if (aname == "key") {
            t.has_key = true;
            t.key_raw = raw;
            t.key_decode = dec;
            t.key_pos = vs;
        } else if (aname == "value") {
            t.has_value = true;
            t.value_raw = raw;
            t.value_decode = dec;
            t.value_pos = vs;
        } else {
            m_xml_attrs.push_back(XmlAttr{aname, raw, vs, dec});
        }
    }
}

void XesParser::parse_end_tag(const char*& p) {
    const char* start = p;
    p += 2;
    const char* n = p;
    while (is_name(*p)) {
        ++p;
    }
    const std::string_view name{n, static_cast<std::size_t>(p - n)};
    while (is_ws(*p)) {
        ++p;
    }
    if (p == m_end) {
        more();
    }
    if (*p != '>' || name.empty()) {
        fail(start, "malformed end tag");
    }
    ++p;
    const OpenElem& o = m_open.back();
    if (name != o.name) {
        fail(start, "end tag </" + std::string(name) + "> does not match <" +
                        std::string(o.name) + "> opened at " + open_where(o));
    }
}

void XesParser::skip_comment(const char*& p) {
    const std::string_view rest{p + 4, static_cast<std::size_t>(m_end - (p + 4))};
    const std::size_t e = rest.find("-->");
    if (e == std::string_view::npos) {
        more();
    }
    p += 4 + e + 3;
}

void XesParser::skip_cdata(const char*& p) {
    const std::string_view rest{p + 9, static_cast<std::size_t>(m_end - (p + 9))};
    const std::size_t e = rest.find("]]>");
    if (e == std::string_view::npos) {
        more();
    }
    p += 9 + e + 3;
}

void XesParser::skip_pi(const char*& p) {
    const std::string_view rest{p + 2, static_cast<std::size_t>(m_end - (p + 2))};
    const std::size_t e = rest.find("?>");
    if (e == std::string_view::npos) {
        more();
    }
    p += 2 + e + 2;
}

void XesParser::skip_doctype(const char*& p) {
    const char* q = p + 9;
    int depth = 0;
    char quote = 0;
    for (;; ++q) {
        if (q == m_end) {
            more();
        }
        const char c = *q;
        if (quote != 0) {
            if (c == quote) {
                quote = 0;
            }
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[') {
            ++depth;
        } else if (c == ']') {
            --depth;
        } else if (c == '>' && depth <= 0) {
            break;
        }
    }
    p = q + 1;
}

// Moves to the next child start tag of the innermost open element, skipping text,
// comments, CDATA sections and processing instructions. @returns false after the
// element's end tag.
bool XesParser::next_child(const char*& p) {
    for (;;) {
        const void* lt = std::memchr(p, '<', static_cast<std::size_t>(m_end - p));
        if (lt == nullptr) {
            p = m_end;
            more();
        }
        p = static_cast<const char*>(lt);
        if (p + 1 == m_end) {
            more();
        }
        const char c = p[1];
        if (c == '/') {
            parse_end_tag(p);
            return false;
        }
        if (c == '?') {
            skip_pi(p);
        } else if (c == '!') {
            if (match(p, "<!--")) {
                skip_comment(p);
            } else if (match(p, "<![CDATA[")) {
                skip_cdata(p);
            } else {
                fail(p, "unexpected '<!' markup");
            }
        } else {
            return true;
        }
    }
}

std::string_view XesParser::decode(std::string_view raw, bool needed, const char* pos) {
    if (!needed) {
        return raw;
    }
    char* out = m_arena.alloc(raw.size());
    char* w = out;
    const char* s = raw.data();
    const char* e = s + raw.size();
    while (s < e) {
        const char c = *s;
        if (c == '\r') {
            // Line-end normalisation, then attribute-value normalisation.
            *w++ = ' ';
            s += (s + 1 < e && s[1] == '\n') ? 2 : 1;
            continue;
        }
        if (c == '\n' || c == '\t') {
            *w++ = ' ';
            ++s;
            continue;
        }
        if (c != '&') {
            *w++ = c;
            ++s;
            continue;
        }
        const char* semi = static_cast<const char*>(
            std::memchr(s, ';', static_cast<std::size_t>(std::min<std::ptrdiff_t>(e - s, 32))));
        const char* at = pos + (s - raw.data());
        if (semi == nullptr) {
            fail(at, "unterminated entity reference");
        }
        const std::string_view ent{s + 1, static_cast<std::size_t>(semi - s - 1)};
        if (ent == "amp") {
            *w++ = '&';
        } else if (ent == "lt") {
            *w++ = '<';
        } else if (ent == "gt") {
            *w++ = '>';
        } else if (ent == "quot") {
            *w++ = '"';
        } else if (ent == "apos") {
            *w++ = '\'';
        } else if (ent.size() >= 2 && ent[0] == '#') {
            std::uint32_t cp = 0;
            const bool hex = ent[1] == 'x';
            const std::string_view digits = ent.substr(hex ? 2 : 1);
            const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), cp,
                                           hex ? 16 : 10);
            if (digits.empty() || r.ec != std::errc() || r.ptr != digits.data() + digits.size() ||
                cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                fail(at, "invalid character reference '&" + std::string(ent) + ";'");
            }
            append_utf8(w, cp);
        } else {
            fail(at, "unknown entity '&" + std::string(ent) + ";'");
        }
        s = semi + 1;
    }
    m_arena.shrink(raw.size() - static_cast<std::size_t>(w - out));
    return {out, static_cast<std::size_t>(w - out)};
}

std::string XesParser::attr_value(std::string_view name, const char* def) {
    for (const XmlAttr& a : m_xml_attrs) {
        if (a.name == name) {
            return std::string(decode(a.raw, a.decode, a.pos));
        }
    }
    return def;
}

// ---------------------------------------------------------------------------
// Structure

void XesParser::parse_prolog(const char*& p) {
    m_in_prolog = true;
    m_encoding_warning.clear();
    if (match(p, "\xEF\xBB\xBF")) {
        p += 3;
    }
    bool first = true;
    for (;;) {
        while (is_ws(*p)) {
            ++p;
        }
        if (p == m_end) {
            more();
        }
        if (*p != '<') {
            fail(p, "not an XES document: expected '<'");
        }
        if (p + 1 == m_end) {
            more();
        }
        const char c = p[1];
        if (c == '?') {
            const char* start = p;
            skip_pi(p);
            const std::string_view pi{start, static_cast<std::size_t>(p - start)};
            if (first && pi.size() > 6 && pi.substr(0, 5) == "<?xml" && is_ws(pi[5])) {
                const std::size_t e = pi.find("encoding");
                if (e != std::string_view::npos) {
                    std::size_t i = e + 8;
                    while (i < pi.size() && (is_ws(pi[i]) || pi[i] == '=')) {
                        ++i;
                    }
                    if (i < pi.size() && (pi[i] == '"' || pi[i] == '\'')) {
                        const std::size_t j = pi.find(pi[i], i + 1);
                        std::string enc(pi.substr(i + 1, j == std::string_view::npos
                                                             ? 0
                                                             : j - i - 1));
                        std::string low = enc;
                        for (char& ch : low) {
                            ch = static_cast<char>(ch | 0x20);
                        }
                        if (low != "utf-8" && low != "utf8" && low != "us-ascii" &&
                            low != "ascii") {
                            m_encoding_warning = "declared encoding '" + enc +
                                                 "' is not UTF-8; bytes were read as UTF-8";
                        }
                    }
                }
            }
        } else if (c == '!') {
            if (match(p, "<!--")) {
                skip_comment(p);
            } else if (match(p, "<!DOCTYPE")) {
                skip_doctype(p);
            } else {
                fail(p, "not an XES document: unexpected '<!' markup");
            }
        } else if (c == '/') {
            fail(p, "not an XES document: end tag before the root element");
        } else {
            Tag t;
            parse_start_tag(p, t);
            if (t.elem != Elem::log) {
                fail(t.pos, "not an XES document: the root element is <" + std::string(t.name) +
                                ">, expected <log>");
            }
            m_root_empty = t.self_closing;
            const auto [line, col] = location(t.pos);
            m_open.clear();
            m_open.push_back(OpenElem{"log", nullptr, line, col});
            break;
        }
        first = false;
    }
    m_in_prolog = false;
}

void XesParser::begin_unit() {
    m_open.resize(1);
    m_arena.reset();
    m_events.clear();
    m_attrs.clear();
    m_case_attrs.clear();
    m_rejects.clear();
    m_case_name = {};
    m_has_case_name = false;
    m_unit_records = 0;
    m_u_outside = Tally{};
    m_u_unknown = Tally{};
    m_u_mismatch = Tally{};
    m_u_dropped = Tally{};
}

void XesParser::merge(Tally& total, Tally& unit) {
    if (unit.count == 0) {
        return;
    }
    if (total.count == 0) {
        total.first = std::move(unit.first);
        total.first_where = where(unit.first_pos);
    }
    total.count += unit.count;
}

void XesParser::commit_unit() {
    m_report.records += m_unit_records;
    for (PendingReject& r : m_rejects) {
        const auto [line, col] = location(r.pos);
        m_report.reject(RejectedRecord{line, col, std::move(r.reason), std::move(r.record)},
                        m_options.reject_sink);
    }
    merge(m_outside, m_u_outside);
    merge(m_unknown, m_u_unknown);
    merge(m_mismatch, m_u_mismatch);
    merge(m_dropped, m_u_dropped);
}

void XesParser::progress() {
    if (!m_options.progress) {
        return;
    }
    const std::uint64_t done = m_src.input_done();
    if (done < m_next_progress) {
        return;
    }
    m_next_progress = done + (std::uint64_t{4} << 20);
    if (!m_options.progress(done, m_src.input_total())) {
        throw error("cancelled");
    }
}

std::uint32_t XesParser::key_id(std::string_view key) {
    const Id id = m_keys.insert(key);
    if (id >= m_key_info.size()) {
        // Ids are dense and handed out in order (id 0, the empty key, included).
        m_key_info.resize(id);
        KeyInfo info;
        for (unsigned r = 0; r < role_count; ++r) {
            if (key == m_role_keys[r]) {
                info.event_roles = static_cast<std::uint8_t>(info.event_roles | (1u << r));
            }
        }
        info.case_key = key == m_case_key;
        m_key_info.push_back(info);
    }
    return id;
}

EventLogBuilder::AttrHandle XesParser::column(std::uint32_t key, AttrType type, bool case_level) {
    KeyInfo& k = m_key_info[key];
    std::int32_t& slot = case_level ? k.case_col[static_cast<std::size_t>(type)]
                                    : k.event_col[static_cast<std::size_t>(type)];
    if (slot == no_column) {
        const auto h = case_level ? m_builder.case_attribute(m_keys[key], type)
                                  : m_builder.event_attribute(m_keys[key], type);
        slot = static_cast<std::int32_t>(h.index);
    }
    return EventLogBuilder::AttrHandle{static_cast<std::uint32_t>(slot), case_level};
}

std::int64_t XesParser::raw_of(const AttrRec& a) {
    if (a.type == AttrType::string || a.type == AttrType::id || a.type == AttrType::list) {
        return m_builder.values().insert(a.text);
    }
    return a.raw;
}

// Parses an attribute element at log, trace or event level (its start tag is read).
void XesParser::parse_top_attribute(const char*& p, const Tag& t, TopAttr& out) {
    if (!t.has_key) {
        fail(t.pos, "<" + std::string(t.name) + "> element without a 'key' attribute");
    }
    out.key = decode(t.key_raw, t.key_decode, t.key_pos);
    out.structured = false;
    out.had_nested = false;
    const bool scalar = is_scalar(t.elem);
    if (scalar) {
        if (!t.has_value) {
            fail(t.pos, "<" + std::string(t.name) + " key=\"" + clip(out.key) +
                            "\"> element without a 'value' attribute");
        }
        out.value = decode(t.value_raw, t.value_decode, t.value_pos);
        if (t.self_closing) {
            return;
        }
    } else {
        out.value = {};
    }
    std::string& items = m_items_pool[0];
    std::string& attrs = m_attrs_pool[0];
    items.clear();
    attrs.clear();
    if (!t.self_closing) {
        parse_children(p, t, t.elem, items, attrs, 0);
    }
    if (scalar && attrs.empty()) {
        return;
    }
    out.had_nested = scalar;
    std::string& j = m_json;
    j.clear();
    j += "{\"type\":\"";
    j += type_name(t.elem);
    j += '"';
    if (scalar) {
        j += ",\"value\":";
        detail::append_json_string(j, out.value);
    } else {
        j += ",\"items\":[";
        j += items;
        j += ']';
    }
    if (!attrs.empty()) {
        j += ",\"attrs\":[";
        j += attrs;
        j += ']';
    }
    j += '}';
    out.structured = true;
    out.canonical = m_arena.store(j);
}

// Parses the content of an attribute element `parent` (scalar, list, container or
// <values> of a list, as `mode`) up to its end tag. Attribute children go to `items`
// (container, values) or `attrs` (scalar, list), as canonical nodes separated by ','.
void XesParser::parse_children(const char*& p, const Tag& parent, Elem mode, std::string& items,
                               std::string& attrs, int depth) {
    push_open(parent.name, parent.pos);
    while (next_child(p)) {
        Tag c;
        parse_start_tag(p, c);
        if (is_attr(c.elem)) {
            std::string& target =
                (mode == Elem::a_container || mode == Elem::values) ? items : attrs;
            if (!target.empty()) {
                target += ',';
            }
            emit_node(p, c, target, depth + 1);
        } else if (c.elem == Elem::values && mode == Elem::a_list) {
            if (!c.self_closing) {
                parse_children(p, c, Elem::values, items, attrs, depth);
            }
        } else {
            skip_unknown(p, c);
        }
    }
    m_open.pop_back();
}

void XesParser::emit_node(const char*& p, const Tag& t, std::string& out, int depth) {
    if (depth >= max_depth) { // depth 0 is the attribute at log, trace or event level
        fail(t.pos, "attributes nested more than " + std::to_string(max_depth) + " levels deep");
    }
    if (!t.has_key) {
        fail(t.pos, "<" + std::string(t.name) + "> element without a 'key' attribute");
    }
    const std::string_view key = decode(t.key_raw, t.key_decode, t.key_pos);
    out += "{\"key\":";
    detail::append_json_string(out, key);
    out += ",\"type\":\"";
    out += type_name(t.elem);
    out += '"';
    const bool scalar = is_scalar(t.elem);
    if (scalar) {
        if (!t.has_value) {
            fail(t.pos, "<" + std::string(t.name) + " key=\"" + clip(key) +
                            "\"> element without a 'value' attribute");
        }
        out += ",\"value\":";
        detail::append_json_string(out, decode(t.value_raw, t.value_decode, t.value_pos));
    }
    std::string& items = m_items_pool[static_cast<std::size_t>(depth)];
    std::string& attrs = m_attrs_pool[static_cast<std::size_t>(depth)];
    items.clear();
    attrs.clear();
    if (!t.self_closing) {
        parse_children(p, t, t.elem, items, attrs, depth);
    }
    if (!scalar) {
        out += ",\"items\":[";
        out += items;
        out += ']';
    }
    if (!attrs.empty()) {
        out += ",\"attrs\":[";
        out += attrs;
        out += ']';
    }
    out += '}';
}

void XesParser::skip_element(const char*& p, const Tag& t) {
    if (t.self_closing) {
        return;
    }
    const std::size_t base = m_open.size();
    push_open(t.name, t.pos);
    while (m_open.size() > base) {
        if (!next_child(p)) {
            m_open.pop_back();
            continue;
        }
        Tag c;
        parse_start_tag(p, c);
        if (!c.self_closing) {
            push_open(c.name, c.pos);
        }
    }
}

void XesParser::skip_unknown(const char*& p, const Tag& t) {
    std::string what(1, '<'); // built piecewise: g++ 12 warns (-Wrestrict) on "<" + string
    what += clip(t.name, 40);
    what += '>';
    note(m_u_unknown, t.pos, std::move(what));
    skip_element(p, t);
}

void XesParser::push_typed(std::uint32_t key, Elem e, const TopAttr& a, const char* pos,
                           std::vector<AttrRec>& out) {
    AttrRec r;
    r.key = key;
    r.type = scalar_type(e);
    bool ok = true;
    switch (e) {
    case Elem::a_string:
    case Elem::a_id:
        r.text = a.value;
        break;
    case Elem::a_int:
        ok = parse_int(a.value, r.raw);
        break;
    case Elem::a_float:
        ok = parse_float(a.value, r.raw);
        break;
    case Elem::a_boolean:
        ok = parse_bool(a.value, r.raw);
        break;
    case Elem::a_date:
        ok = parse_time(m_iso, a.value, r.raw);
        break;
    default:
        break;
    }
    if (!ok) {
        note(m_u_mismatch, pos,
             std::string(type_name(e)) + " '" + clip(a.key, 60) + "' = '" + clip(a.value, 60) +
                 "'");
        r.type = AttrType::string;
        r.text = a.value;
        r.raw = 0;
    }
    out.push_back(r);
}

void XesParser::parse_event(const char*& p, const Tag& t, bool in_trace) {
    ++m_unit_records;
    EventRec ev;
    ev.pos = t.pos;
    ev.attr_begin = static_cast<std::uint32_t>(m_attrs.size());
    if (!t.self_closing) {
        push_open(t.name, t.pos);
        TopAttr a;
        while (next_child(p)) {
            Tag c;
            parse_start_tag(p, c);
            if (!is_attr(c.elem)) {
                skip_unknown(p, c);
                continue;
            }
            parse_top_attribute(p, c, a);
            const std::uint32_t k = key_id(a.key);
            const std::uint8_t roles = m_key_info[k].event_roles;
            if (roles != 0 && is_scalar(c.elem)) {
                for (unsigned r = 0; r < role_count; ++r) {
                    if ((roles >> r) & 1u) {
                        ev.role_text[r] = a.value;
                    }
                }
                ev.present = static_cast<std::uint8_t>(ev.present | roles);
                if (a.had_nested) {
                    note(m_u_dropped, c.pos, "under '" + clip(a.key, 60) + "'");
                }
            } else if (a.structured) {
                AttrRec r;
                r.key = k;
                r.type = AttrType::list;
                r.text = a.canonical;
                m_attrs.push_back(r);
            } else {
                push_typed(k, c.elem, a, c.pos, m_attrs);
            }
        }
        m_open.pop_back();
    }
    std::string reason;
    if (!in_trace) {
        reason = "event outside a trace";
        note(m_u_outside, t.pos, {});
    } else if ((ev.present & (1u << role_activity)) == 0) {
        reason = "event has no '" + m_role_keys[role_activity] + "' attribute";
    } else if ((ev.present & (1u << role_timestamp)) != 0 &&
               !parse_time(m_time_format, ev.role_text[role_timestamp], ev.ts)) {
        reason = "unparseable timestamp '" + clip(ev.role_text[role_timestamp]) + "'";
    }
    if (reason.empty()) {
        ev.attr_end = static_cast<std::uint32_t>(m_attrs.size());
        m_events.push_back(ev);
        return;
    }
    if (in_trace && m_options.on_bad_record == BadRecordPolicy::fail) {
        fail(t.pos, reason);
    }
    // The record: the element's text without the whitespace between tags.
    std::string rec;
    const char* q = t.pos;
    constexpr std::size_t max_record = 300;
    while (q < p && rec.size() < max_record) {
        if (is_ws(*q) && !rec.empty() && rec.back() == '>') {
            const char* r = q;
            while (r < p && is_ws(*r)) {
                ++r;
            }
            if (r == p || *r == '<') {
                q = r;
                continue;
            }
        }
        rec += *q++;
    }
    if (q < p) {
        rec = clip(rec, max_record - 1);
        if (rec.size() < 3 || rec.compare(rec.size() - 3, 3, "...") != 0) {
            rec += "...";
        }
    }
    m_attrs.resize(ev.attr_begin);
    m_rejects.push_back(PendingReject{t.pos, std::move(reason), std::move(rec)});
}

void XesParser::parse_trace(const char*& p, const Tag& t) {
    if (!t.self_closing) {
        push_open(t.name, t.pos);
        TopAttr a;
        while (next_child(p)) {
            Tag c;
            parse_start_tag(p, c);
            if (c.elem == Elem::event) {
                parse_event(p, c, true);
                continue;
            }
            if (!is_attr(c.elem)) {
                skip_unknown(p, c);
                continue;
            }
            parse_top_attribute(p, c, a);
            const std::uint32_t k = key_id(a.key);
            if (m_key_info[k].case_key && is_scalar(c.elem)) {
                m_case_name = a.value;
                m_has_case_name = true;
                if (a.had_nested) {
                    note(m_u_dropped, c.pos, "under '" + clip(a.key, 60) + "'");
                }
            } else if (a.structured) {
                AttrRec r;
                r.key = k;
                r.type = AttrType::list;
                r.text = a.canonical;
                m_case_attrs.push_back(r);
            } else {
                push_typed(k, c.elem, a, c.pos, m_case_attrs);
            }
        }
        m_open.pop_back();
    }
    commit_trace(t.pos);
}

void XesParser::commit_trace(const char* pos) {
    ++m_traces;
    std::string generated;
    std::string_view name = m_case_name;
    if (!m_has_case_name) {
        generated = "trace-" + std::to_string(m_traces);
        name = generated;
        if (m_unnamed.count++ == 0) {
            m_unnamed.first = generated;
            m_unnamed.first_where = where(pos);
        }
    }
    const std::size_t before = m_builder.num_cases();
    const std::uint32_t ci = m_builder.begin_case(name);
    if (m_builder.num_cases() == before && m_duplicate.count++ == 0) {
        m_duplicate.first = "'" + clip(name, 60) + "'";
        m_duplicate.first_where = where(pos);
    }
    for (const AttrRec& a : m_case_attrs) {
        m_builder.set_case(column(a.key, a.type, true), ci, raw_of(a));
    }
    for (const EventRec& ev : m_events) {
        EventFields f;
        f.activity = m_builder.activities().insert(ev.role_text[role_activity]);
        if ((ev.present >> role_resource) & 1u) {
            f.resource = m_builder.resources().insert(ev.role_text[role_resource]);
        }
        if ((ev.present >> role_department) & 1u) {
            f.department = m_builder.departments().insert(ev.role_text[role_department]);
        }
        if ((ev.present >> role_channel) & 1u) {
            f.channel = m_builder.channels().insert(ev.role_text[role_channel]);
        }
        if ((ev.present >> role_lifecycle) & 1u) {
            f.lifecycle = m_builder.lifecycles().insert(ev.role_text[role_lifecycle]);
        }
        f.timestamp = ev.ts;
        m_builder.add_event(f);
        m_roles_seen = static_cast<std::uint8_t>(m_roles_seen | ev.present);
        for (std::uint32_t i = ev.attr_begin; i < ev.attr_end; ++i) {
            const AttrRec& a = m_attrs[i];
            m_builder.set(column(a.key, a.type, false), raw_of(a));
        }
    }
    m_report.events += m_events.size();
}

// Parses one child of <log> (with the text and comments before it) and commits it.
// @returns false after </log>.
bool XesParser::parse_log_child(const char*& p) {
    if (!next_child(p)) {
        commit_unit();
        return false;
    }
    Tag t;
    parse_start_tag(p, t);
    switch (t.elem) {
    case Elem::trace:
        parse_trace(p, t);
        break;
    case Elem::event:
        parse_event(p, t, false);
        break;
    case Elem::extension: {
        LogMeta::Extension x{attr_value("name"), attr_value("prefix"),
                             attr_value("uri")};
        skip_element(p, t);
        m_builder.meta().extensions.push_back(std::move(x));
        break;
    }
    case Elem::classifier: {
        LogMeta::Classifier x{attr_value("name"), attr_value("keys")};
        skip_element(p, t);
        m_builder.meta().classifiers.push_back(std::move(x));
        break;
    }
    case Elem::global: {
        const std::string scope = attr_value("scope", "event");
        std::vector<LogMeta::Global> globals;
        if (!t.self_closing) {
            push_open(t.name, t.pos);
            TopAttr a;
            while (next_child(p)) {
                Tag c;
                parse_start_tag(p, c);
                if (!is_attr(c.elem)) {
                    skip_unknown(p, c);
                    continue;
                }
                parse_top_attribute(p, c, a);
                globals.push_back(LogMeta::Global{
                    scope, LogMeta::Attribute{std::string(a.key),
                                              a.structured ? AttrType::list : scalar_type(c.elem),
                                              std::string(a.structured ? a.canonical : a.value)}});
            }
            m_open.pop_back();
        }
        auto& g = m_builder.meta().globals;
        g.insert(g.end(), std::make_move_iterator(globals.begin()),
                 std::make_move_iterator(globals.end()));
        break;
    }
    default:
        if (is_attr(t.elem)) {
            TopAttr a;
            parse_top_attribute(p, t, a);
            m_builder.meta().attributes.push_back(
                LogMeta::Attribute{std::string(a.key),
                                   a.structured ? AttrType::list : scalar_type(t.elem),
                                   std::string(a.structured ? a.canonical : a.value)});
        } else {
            skip_unknown(p, t);
        }
        break;
    }
    commit_unit();
    return true;
}

// After </log>: only whitespace, comments and processing instructions.
// @returns false at the end of the input.
bool XesParser::parse_epilogue_item(const char*& p) {
    while (is_ws(*p)) {
        ++p;
    }
    if (p == m_end) {
        if (m_eof) {
            return false;
        }
        throw NeedMore{};
    }
    if (*p == '<') {
        if (p + 1 == m_end) {
            more();
        }
        if (p[1] == '?') {
            skip_pi(p);
            return true;
        }
        if (match(p, "<!--")) {
            skip_comment(p);
            return true;
        }
    }
    fail(p, "content after the end of the <log> element");
}

ReadResult XesParser::run() {
    m_report.format = "xes";
    m_report.path = m_path;
    m_report.timestamp_format = m_time_format.spec();
    m_report.timestamp_format_inferred = false;

    const std::uint64_t total = m_src.input_total();
    if (total > 0 && total + 1 < m_cap) {
        m_cap = static_cast<std::size_t>(total) + 1; // small input: a small window
    }
    m_storage.reset(new char[m_cap + 1]);
    m_buf = m_storage.get();
    fill();
    if (m_len == 0) {
        throw format_error(m_path, 0, 0, "empty input");
    }

    const char* p = m_buf;
    for (;;) {
        try {
            p = m_buf;
            parse_prolog(p);
            break;
        } catch (const NeedMore&) {
            refill(m_buf);
        }
    }
    progress();
    if (!m_root_empty) {
        for (;;) {
            const char* unit = p;
            bool go_on = false;
            try {
                begin_unit();
                go_on = parse_log_child(p);
            } catch (const NeedMore&) {
                p = refill(unit);
                continue;
            }
            progress();
            if (!go_on) {
                break;
            }
        }
    }
    m_open.clear();
    for (;;) {
        const char* unit = p;
        try {
            if (!parse_epilogue_item(p)) {
                break;
            }
        } catch (const NeedMore&) {
            p = refill(unit);
        }
    }

    // Report
    m_report.bytes = m_stream_off + m_len;
    m_report.cases = m_builder.num_cases();
    if (!m_encoding_warning.empty()) {
        m_report.warnings.push_back(m_encoding_warning);
    }
    const auto where_first = [](const Tally& t) {
        return t.first + " at " + t.first_where;
    };
    if (m_outside.count > 0) {
        m_report.warnings.push_back(plural(m_outside.count, "event", "events") +
                                    " outside a trace rejected (first at " +
                                    m_outside.first_where + ")");
    }
    if (m_unnamed.count > 0) {
        m_report.warnings.push_back(plural(m_unnamed.count, "trace", "traces") + " without '" +
                                    m_case_key + "' given generated ids (first: " +
                                    where_first(m_unnamed) + ")");
    }
    if (m_duplicate.count > 0) {
        m_report.warnings.push_back(plural(m_duplicate.count, "trace", "traces") +
                                    " repeating an earlier trace's '" + m_case_key +
                                    "' merged into that case (first: " +
                                    where_first(m_duplicate) + ")");
    }
    if (m_mismatch.count > 0) {
        m_report.warnings.push_back(plural(m_mismatch.count, "attribute value", "attribute values") +
                                    " not matching the declared type kept as strings (first: " +
                                    where_first(m_mismatch) + ")");
    }
    if (m_dropped.count > 0) {
        m_report.warnings.push_back(
            plural(m_dropped.count, "core attribute", "core attributes") +
            " with nested attributes: the nested attributes were dropped (first: " +
            where_first(m_dropped) + ")");
    }
    if (m_unknown.count > 0) {
        m_report.warnings.push_back(plural(m_unknown.count, "unknown element", "unknown elements") +
                                    " ignored (first: " + where_first(m_unknown) + ")");
    }
    m_report.mapping.emplace_back("case", m_case_key);
    m_report.mapping.emplace_back("activity", m_role_keys[role_activity]);
    m_report.mapping.emplace_back("timestamp", m_role_keys[role_timestamp]);
    static constexpr std::array<std::pair<Role, const char*>, 4> optional_roles{
        {{role_resource, "resource"},
         {role_department, "department"},
         {role_channel, "channel"},
         {role_lifecycle, "lifecycle"}}};
    for (const auto& [role, name] : optional_roles) {
        if ((m_roles_seen >> role) & 1u) {
            m_report.mapping.emplace_back(name, m_role_keys[role]);
        }
    }
    if (m_options.progress) {
        if (!m_options.progress(m_src.input_done(), total)) {
            throw error("cancelled");
        }
    }

    ReadResult result;
    result.log = m_builder.finish();
    result.report = std::move(m_report);
    return result;
}

unsigned worker_threads(const ReadOptions& options) {
    if (options.threads != 0) {
        return options.threads;
    }
    return std::max(1u, std::thread::hardware_concurrency());
}

ReadResult read_from(std::unique_ptr<detail::ByteSource> raw, std::string head,
                     const ReadOptions& options, const std::string& path) {
    const bool gz = detail::is_gzip(head);
    std::unique_ptr<detail::ByteSource> src =
        detail::prefixed_source(std::move(head), std::move(raw));
    if (gz) {
        src = detail::gzip_source(std::move(src), path);
        if (worker_threads(options) > 1) {
            // Inflate in a second thread while this one parses.
            src = detail::prefetch_source(std::move(src), std::size_t{4} << 20);
        }
    }
    return detail::read_xes_stream(*src, options, path);
}

} // namespace

namespace detail {

ReadResult read_xes_stream(ByteSource& source, const ReadOptions& options,
                           const std::string& path, std::size_t window) {
    XesParser parser(source, options, path, window);
    return parser.run();
}

} // namespace detail

ReadResult read_xes_file(const std::string& path, const ReadOptions& options) {
    auto raw = detail::file_source(path);
    std::string head = detail::read_prefix(*raw, 2);
    return read_from(std::move(raw), std::move(head), options, path);
}

ReadResult read_xes(std::string_view data, const ReadOptions& options, const std::string& path) {
    auto raw = detail::memory_source(data);
    std::string head = detail::read_prefix(*raw, 2);
    return read_from(std::move(raw), std::move(head), options, path);
}

} // namespace journey::io
