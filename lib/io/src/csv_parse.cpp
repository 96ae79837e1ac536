#include "csv_parse.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <thread>
#include <utility>

#include <journey/core/error.hpp>
#include <journey/core/event_log_builder.hpp>

#include "csv_scan.hpp"

namespace journey::io::detail::csv {

namespace {

constexpr std::size_t max_value_in_message = 100;

// A value as shown in a message: cut to a readable length.
std::string clip(std::string_view v) {
    if (v.size() <= max_value_in_message) {
        return std::string(v);
    }
    return std::string(v.substr(0, max_value_in_message)) + "...";
}

inline std::uint64_t load8(const char* p) noexcept {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

inline std::uint64_t load4(const char* p) noexcept {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

// Up to 8 bytes of `s` folded into a word with fixed-size loads (overlapping for
// 4-7 bytes): no library call for short strings.
inline std::uint64_t short_word(const char* p, std::size_t n) noexcept {
    if (n >= 4) {
        return load4(p) | (load4(p + n - 4) << 32);
    }
    if (n > 0) {
        return static_cast<unsigned char>(p[0]) |
               (std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
               (std::uint64_t{static_cast<unsigned char>(p[n - 1])} << 16);
    }
    return 0;
}

// Equality of short strings without a library call.
inline bool same_text(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = a.size();
    if (n != b.size()) {
        return false;
    }
    if (n < 8) {
        // short_word() is injective for a fixed length below 8.
        return short_word(a.data(), n) == short_word(b.data(), n);
    }
    std::uint64_t x;
    std::uint64_t y;
    std::memcpy(&x, a.data() + n - 8, 8);
    std::memcpy(&y, b.data() + n - 8, 8);
    if (x != y) {
        return false;
    }
    for (std::size_t i = 0; i + 8 < n; i += 8) {
        std::memcpy(&x, a.data() + i, 8);
        std::memcpy(&y, b.data() + i, 8);
        if (x != y) {
            return false;
        }
    }
    return true;
}

// Interns `s`, reusing the previous id when the value repeats.
inline Id intern(StringTable& t, Id& last, std::string_view s) {
    if (same_text(t[last], s)) {
        return last;
    }
    last = t.insert(s);
    return last;
}

// A direct-mapped cache in front of a StringTable for one column: most columns
// hold few distinct values, and a cheap hash of the first and last bytes plus
// one compare is faster than the table's full hash and probe.
class ColumnInterner {
public:
    Id operator()(StringTable& t, std::string_view s) {
        Id& slot = m_slots[quick_hash(s) & (slots - 1)];
        if (same_text(t[slot], s)) {
            return slot;
        }
        slot = t.insert(s);
        return slot;
    }

private:
    static constexpr std::size_t slots = 4096;

    static std::uint64_t quick_hash(std::string_view s) noexcept {
        const std::size_t n = s.size();
        std::uint64_t head = 0;
        std::uint64_t tail = 0;
        if (n >= 8) {
            head = load8(s.data());
            tail = load8(s.data() + n - 8);
        } else {
            head = short_word(s.data(), n);
        }
        // Fold of a 128-bit product: every input bit reaches the low bits.
        __extension__ using u128 = unsigned __int128;
        const u128 r = static_cast<u128>(head ^ 0x9E3779B97F4A7C15ULL) *
                       (tail ^ (n * 0xC2B2AE3D27D4EB4FULL) ^ 0x165667B19E3779F9ULL);
        return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
    }

    std::array<Id, slots> m_slots{}; // no_id: the empty string, which matches only itself
};

class ChunkParser {
public:
    ChunkParser(const Plan& plan, Chunk& chunk, Progress* progress, bool reporter)
        : m_plan(plan), m_chunk(chunk), m_progress(progress), m_reporter(reporter),
          m_case_has(plan.attrs.size()), m_value_cache(plan.attrs.size()) {
        chunk.slots.resize(plan.attrs.size() * slot_kinds);
    }

    void run() {
        const Plan& plan = m_plan;
        Chunk& ch = m_chunk;
        CsvScanner scanner(ch.begin, ch.end, plan.delimiter);
        std::vector<CsvField> fields;
        fields.reserve(plan.names.size() + 1);
        const std::size_t ncols = plan.names.size();
        const std::size_t c_case = plan.col(CsvRole::case_id);
        const std::size_t c_act = plan.col(CsvRole::activity);
        const std::size_t c_time = plan.col(CsvRole::timestamp);
        const std::size_t c_res = plan.col(CsvRole::resource);
        const std::size_t c_dep = plan.col(CsvRole::department);
        const std::size_t c_chan = plan.col(CsvRole::channel);
        const std::size_t c_life = plan.col(CsvRole::lifecycle);
        Id last_case = no_id;
        ColumnInterner act_cache;
        ColumnInterner res_cache;
        ColumnInterner dep_cache;
        ColumnInterner chan_cache;
        ColumnInterner life_cache;
        // Offsets, not pointers: a pointer past the end of a small buffer is invalid.
        const auto offset = [&] { return static_cast<std::uint64_t>(scanner.position() - ch.begin); };
        constexpr std::uint64_t tick_bytes = chunk_min_bytes / 2;
        std::uint64_t next_tick = tick_bytes;
        std::uint64_t ticked = 0;

        while (true) {
            const CsvScanner::Status st = scanner.next(fields);
            if (st == CsvScanner::Status::end) {
                break;
            }
            if (st == CsvScanner::Status::unterminated) {
                ch.ran_off = true;
                scanner.locate(scanner.unterminated_quote(), ch.open_quote_line,
                               ch.open_quote_column);
                break;
            }
            ++ch.records;
            if (offset() >= next_tick) {
                if (m_progress != nullptr) {
                    m_progress->done.fetch_add(offset() - ticked, std::memory_order_relaxed);
                    ticked = offset();
                    if (m_reporter && m_progress->callback != nullptr) {
                        m_progress->report();
                    }
                    if (m_progress->cancelled.load(std::memory_order_relaxed)) {
                        break;
                    }
                }
                next_tick = offset() + tick_bytes;
            }
            if (fields.size() != ncols) {
                const char* at = fields.size() > ncols ? fields[ncols].raw
                                                       : scanner.record_begin() +
                                                             scanner.record_text().size();
                if (!bad(scanner, at,
                         "wrong number of fields: expected " + std::to_string(ncols) +
                             ", found " + std::to_string(fields.size()))) {
                    break;
                }
                continue;
            }
            const CsvField& fc = fields[c_case];
            if (fc.size == 0) {
                if (!bad(scanner, fc.raw,
                         "empty case id in column '" + plan.names[c_case] + "'")) {
                    break;
                }
                continue;
            }
            const CsvField& fa = fields[c_act];
            if (fa.size == 0) {
                if (!bad(scanner, fa.raw,
                         "empty activity in column '" + plan.names[c_act] + "'")) {
                    break;
                }
                continue;
            }
            Timestamp ts = no_timestamp;
            const CsvField& ft = fields[c_time];
            if (ft.size != 0 && !csv_parse_time(plan.time_format, ft.view(), ts)) {
                if (!bad(scanner, ft.raw,
                         "unparseable timestamp '" + clip(ft.view()) + "' in column '" +
                             plan.names[c_time] + "'")) {
                    break;
                }
                continue;
            }

            const auto row = static_cast<std::uint32_t>(ch.ev_time.size());
            const Id case_id = intern(ch.cases, last_case, fc.view());
            ch.ev_case.push_back(case_id);
            ch.ev_activity.push_back(act_cache(ch.activities, fa.view()));
            ch.ev_time.push_back(ts);
            if (c_res != npos) {
                ch.ev_resource.push_back(res_cache(ch.resources, fields[c_res].view()));
            }
            if (c_dep != npos) {
                ch.ev_department.push_back(dep_cache(ch.departments, fields[c_dep].view()));
            }
            if (c_chan != npos) {
                ch.ev_channel.push_back(chan_cache(ch.channels, fields[c_chan].view()));
            }
            if (c_life != npos) {
                ch.ev_lifecycle.push_back(life_cache(ch.lifecycles, fields[c_life].view()));
            }
            for (std::size_t a = 0; a < plan.attrs.size(); ++a) {
                const AttrSpec& spec = plan.attrs[a];
                const CsvField& f = fields[spec.column];
                if (f.size == 0) {
                    continue;
                }
                if (spec.case_level) {
                    std::vector<std::uint8_t>& has = m_case_has[a];
                    if (case_id >= has.size()) {
                        has.resize(std::max<std::size_t>(case_id + 1, has.size() * 2), 0);
                    }
                    if (has[case_id] != 0) {
                        continue; // the first non-empty value of a case wins
                    }
                    has[case_id] = 1;
                }
                add_value(a, spec, spec.case_level ? case_id : row, f.view());
            }
        }
        if (m_progress != nullptr) {
            m_progress->done.fetch_add(offset() - ticked, std::memory_order_relaxed);
        }
        ch.lines = scanner.lines();
    }

private:
    void add_value(std::size_t a, const AttrSpec& spec, std::uint32_t row, std::string_view v) {
        Chunk& ch = m_chunk;
        Slot* slots = &ch.slots[a * slot_kinds];
        const auto put = [row](Slot& slot, std::int64_t raw) {
            slot.rows.push_back(row);
            slot.raws.push_back(raw);
        };
        StringTable& strings = spec.case_level ? ch.case_values : ch.values;
        if (spec.deferred) {
            put(slots[slot_deferred], ch.deferred.insert(v));
            return;
        }
        switch (spec.type) {
        case AttrType::string:
        case AttrType::id:
        case AttrType::list:
            put(slots[slot_typed], m_value_cache[a](strings, v));
            return;
        case AttrType::integer:
        case AttrType::real:
        case AttrType::boolean:
        case AttrType::time:
            break;
        }
        std::int64_t raw = 0;
        if (csv_parse_typed(v, spec.type, m_plan.time_format, raw)) {
            put(slots[slot_typed], raw);
        } else {
            put(slots[slot_string], m_value_cache[a](strings, v));
        }
    }

    // Records a bad record. @returns false when parsing must stop (fail policy).
    bool bad(const CsvScanner& scanner, const char* at, std::string reason) {
        LocalReject r;
        scanner.locate(at, r.line, r.column);
        r.reason = std::move(reason);
        r.record = std::string(scanner.record_text());
        m_chunk.rejects.push_back(std::move(r));
        if (m_plan.policy == BadRecordPolicy::fail) {
            m_chunk.failed = true;
            return false;
        }
        return true;
    }

    const Plan& m_plan;
    Chunk& m_chunk;
    Progress* m_progress;
    bool m_reporter;
    std::vector<std::vector<std::uint8_t>> m_case_has; // per attribute, per local case id
    std::vector<ColumnInterner> m_value_cache;           // per attribute
};


// Runs `f(i)` for i in [0, n), on this thread and up to n-1 more. `f` must not throw.
template <typename F> void run_parallel(std::size_t n, const F& f) {
    std::vector<std::thread> workers;
    try {
        for (std::size_t i = 1; i < n; ++i) {
            workers.emplace_back(f, i);
        }
    } catch (...) {
        // Could not start a thread: the rest runs below on this one.
    }
    f(0);
    for (std::thread& t : workers) {
        t.join();
    }
    for (std::size_t i = workers.size() + 1; i < n; ++i) {
        f(i);
    }
}

// Maps each id of a chunk-local table to the id of the same string in `global`.
std::vector<Id> map_table(const StringTable& local, StringTable& global) {
    std::vector<Id> map(local.size(), no_id);
    for (std::size_t i = 1; i < local.size(); ++i) {
        map[i] = global.insert(local[static_cast<Id>(i)]);
    }
    return map;
}

bool is_interned(AttrType t) noexcept {
    return t == AttrType::string || t == AttrType::id || t == AttrType::list;
}

// Chunk-local ids to the builder's ids and indices.
struct ChunkMaps {
    std::vector<Id> cases; // local case id -> case index
    std::vector<Id> activities;
    std::vector<Id> resources;
    std::vector<Id> departments;
    std::vector<Id> channels;
    std::vector<Id> lifecycles;
    std::vector<Id> values;
    std::uint32_t event_base = 0; // index of the chunk's first event in the log
};

// Rewrites a chunk's event columns and event attribute slots to builder ids, in place.
void remap(const Plan& plan, Chunk& c, const ChunkMaps& m) noexcept {
    const auto through = [](Staged<Id>& ids, const std::vector<Id>& map) {
        for (Id& id : ids) {
            id = map[id];
        }
    };
    through(c.ev_case, m.cases);
    through(c.ev_activity, m.activities);
    through(c.ev_resource, m.resources);
    through(c.ev_department, m.departments);
    through(c.ev_channel, m.channels);
    through(c.ev_lifecycle, m.lifecycles);
    for (std::size_t a = 0; a < plan.attrs.size(); ++a) {
        const AttrSpec& spec = plan.attrs[a];
        if (spec.case_level || spec.deferred) {
            continue;
        }
        for (const std::uint32_t kind : {slot_typed, slot_string}) {
            Slot& slot = c.slots[a * slot_kinds + kind];
            for (std::uint32_t& r : slot.rows) {
                r += m.event_base;
            }
            if (kind == slot_string || is_interned(spec.type)) {
                for (std::int64_t& v : slot.raws) {
                    v = m.values[static_cast<std::size_t>(v)];
                }
            }
        }
    }
}

// Builds the log from the parsed chunks, in input order. Ids come out the same
// whatever the chunking: the builder's tables get the event-level strings chunk
// by chunk (each chunk's table is in order of first use), then case attribute
// strings, then the strings of deferred columns, both in input order.
class Merger {
public:
    Merger(const Plan& plan, std::vector<Chunk>& chunks)
        : m_plan(plan), m_chunks(chunks), m_maps(chunks.size()),
          m_handles(plan.attrs.size() * slot_kinds) {}

    EventLog run(std::size_t events) {
        EventLogBuilder& b = m_builder;
        b.reserve(events);
        std::uint32_t base = 0;
        for (std::size_t k = 0; k < m_chunks.size(); ++k) {
            const Chunk& c = m_chunks[k];
            ChunkMaps& m = m_maps[k];
            m.cases.assign(c.cases.size(), 0);
            for (std::size_t i = 1; i < c.cases.size(); ++i) {
                m.cases[i] = b.case_index(c.cases[static_cast<Id>(i)]);
            }
            m.activities = map_table(c.activities, b.activities());
            m.resources = map_table(c.resources, b.resources());
            m.departments = map_table(c.departments, b.departments());
            m.channels = map_table(c.channels, b.channels());
            m.lifecycles = map_table(c.lifecycles, b.lifecycles());
            m.values = map_table(c.values, b.values());
            m.event_base = base;
            base += static_cast<std::uint32_t>(c.ev_time.size());
        }
        if (b.lifecycles().size() > 256) {
            throw format_error(m_plan.path, 0, 0,
                               "more than 255 distinct values in lifecycle column '" +
                                   m_plan.names[m_plan.col(CsvRole::lifecycle)] + "'");
        }
        run_parallel(m_chunks.size(),
                     [this](std::size_t k) noexcept { remap(m_plan, m_chunks[k], m_maps[k]); });
        for (Chunk& c : m_chunks) {
            b.add_events(c.ev_case, c.ev_activity, c.ev_resource, c.ev_department, c.ev_channel,
                         c.ev_lifecycle, c.ev_time);
            // Staging memory goes as soon as it is copied: that lowers the peak.
            release(c.ev_case);
            release(c.ev_activity);
            release(c.ev_resource);
            release(c.ev_department);
            release(c.ev_channel);
            release(c.ev_lifecycle);
            release(c.ev_time);
        }
        for (std::size_t a = 0; a < m_plan.attrs.size(); ++a) {
            const AttrSpec& spec = m_plan.attrs[a];
            if (!spec.case_level && !spec.deferred) {
                add_event_attribute(a);
            }
        }
        for (std::size_t a = 0; a < m_plan.attrs.size(); ++a) {
            const AttrSpec& spec = m_plan.attrs[a];
            if (spec.case_level && !spec.deferred) {
                add_case_attribute(a);
            }
        }
        for (std::size_t a = 0; a < m_plan.attrs.size(); ++a) {
            if (m_plan.attrs[a].deferred) {
                add_deferred(a);
            }
        }
        return b.finish();
    }

private:
    EventLogBuilder::AttrHandle handle(std::size_t a, std::uint32_t kind, AttrType type) {
        std::optional<EventLogBuilder::AttrHandle>& h = m_handles[a * slot_kinds + kind];
        if (!h) {
            const AttrSpec& spec = m_plan.attrs[a];
            h = spec.case_level ? m_builder.case_attribute(spec.key, type)
                                : m_builder.event_attribute(spec.key, type);
        }
        return *h;
    }

    template <typename T> static void release(Staged<T>& v) { Staged<T>().swap(v); }

    void add_event_attribute(std::size_t a) {
        const AttrSpec& spec = m_plan.attrs[a];
        for (const std::uint32_t kind : {slot_typed, slot_string}) {
            for (Chunk& c : m_chunks) {
                Slot& slot = c.slots[a * slot_kinds + kind];
                if (!slot.rows.empty()) {
                    m_builder.set_rows(
                        handle(a, kind, kind == slot_typed ? spec.type : AttrType::string),
                        slot.rows, slot.raws);
                }
                release(slot.rows);
                release(slot.raws);
            }
        }
    }

    // Marks case `c` as having attribute a. @returns false if it already had it.
    static bool first_for_case(std::vector<std::uint8_t>& has, std::uint32_t c) {
        if (c >= has.size()) {
            has.resize(std::max<std::size_t>(c + 1, has.size() * 2), 0);
        }
        if (has[c] != 0) {
            return false;
        }
        has[c] = 1;
        return true;
    }

    void add_case_attribute(std::size_t a) {
        const AttrSpec& spec = m_plan.attrs[a];
        std::vector<std::uint8_t> has;
        for (std::size_t k = 0; k < m_chunks.size(); ++k) {
            const Chunk& c = m_chunks[k];
            // A case has at most one value per chunk, so typed and string values
            // of one chunk never compete; an earlier chunk's value wins.
            for (const std::uint32_t kind : {slot_typed, slot_string}) {
                const Slot& slot = c.slots[a * slot_kinds + kind];
                const bool text = kind == slot_string || is_interned(spec.type);
                for (std::size_t i = 0; i < slot.rows.size(); ++i) {
                    const std::uint32_t case_index = m_maps[k].cases[slot.rows[i]];
                    if (!first_for_case(has, case_index)) {
                        continue;
                    }
                    std::int64_t raw = slot.raws[i];
                    if (text) {
                        raw = m_builder.values().insert(c.case_values[static_cast<Id>(raw)]);
                    }
                    m_builder.set_case(
                        handle(a, kind, kind == slot_typed ? spec.type : AttrType::string),
                        case_index, raw);
                }
            }
        }
    }

    // A column without values in the sample window: typed now from its first
    // values (for a case attribute, the first value of each case).
    void add_deferred(std::size_t a) {
        const AttrSpec& spec = m_plan.attrs[a];
        struct Value {
            std::uint32_t row;
            std::string_view text;
        };
        std::vector<Value> values;
        std::vector<std::uint8_t> has;
        for (std::size_t k = 0; k < m_chunks.size(); ++k) {
            const Chunk& c = m_chunks[k];
            const Slot& slot = c.slots[a * slot_kinds + slot_deferred];
            for (std::size_t i = 0; i < slot.rows.size(); ++i) {
                const std::string_view text = c.deferred[static_cast<Id>(slot.raws[i])];
                if (spec.case_level) {
                    const std::uint32_t case_index = m_maps[k].cases[slot.rows[i]];
                    if (first_for_case(has, case_index)) {
                        values.push_back({case_index, text});
                    }
                } else {
                    values.push_back({slot.rows[i] + m_maps[k].event_base, text});
                }
            }
        }
        std::vector<std::string_view> samples;
        for (std::size_t i = 0; i < values.size() && i < csv_sample_values; ++i) {
            samples.push_back(values[i].text);
        }
        const AttrType type = csv_infer_type(samples, m_plan.time_format);
        Slot typed;
        Slot text;
        for (const Value& v : values) {
            std::int64_t raw = 0;
            if (type != AttrType::string &&
                csv_parse_typed(v.text, type, m_plan.time_format, raw)) {
                typed.rows.push_back(v.row);
                typed.raws.push_back(raw);
            } else {
                text.rows.push_back(v.row);
                text.raws.push_back(m_builder.values().insert(v.text));
            }
        }
        if (!typed.rows.empty()) {
            m_builder.set_rows(handle(a, slot_typed, type), typed.rows, typed.raws);
        }
        if (!text.rows.empty()) {
            m_builder.set_rows(handle(a, slot_string, AttrType::string), text.rows, text.raws);
        }
    }

    const Plan& m_plan;
    std::vector<Chunk>& m_chunks;
    std::vector<ChunkMaps> m_maps;
    EventLogBuilder m_builder;
    std::vector<std::optional<EventLogBuilder::AttrHandle>> m_handles;
};


} // namespace

void parse_chunk(const Plan& plan, Chunk& chunk, Progress* progress, bool reporter) noexcept {
    try {
        ChunkParser(plan, chunk, progress, reporter).run();
    } catch (...) {
        chunk.exception = std::current_exception();
    }
}

EventLog merge(const Plan& plan, std::vector<Chunk>& chunks, std::size_t events) {
    return Merger(plan, chunks).run(events);
}

} // namespace journey::io::detail::csv
