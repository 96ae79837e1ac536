// Imports in chunks: one source written chunk by chunk inside one savepoint, so that
// a log larger than memory (journey simulate --format sqlite) can be stored. The
// rows are those import_log() writes for the concatenated log (store_write.cpp
// holds the shared steps).

#include <journey/store/store.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <journey/core/error.hpp>

#include "store_impl.hpp"

namespace journey::store {

using detail::SourceRow;
using detail::Stmt;

namespace {

/// Name and object ids looked up in the tables (by their unique indexes) with a
/// bounded cache, instead of the store's mirrors, which grow with every string: a
/// chunked import keeps its memory bounded. New names and objects get the ids the
/// mirrors would give them (max + 1, in order of first use).
class TableIds final : public detail::Interner {
public:
    explicit TableIds(detail::Db& db)
        : m_find_name(db, "SELECT id FROM name WHERE text = ?1"),
          m_add_name(db, "INSERT INTO name(id, text) VALUES (?1, ?2)"),
          m_find_object(db, "SELECT id FROM object WHERE type = ?1 AND name = ?2"),
          m_add_object(db, "INSERT INTO object(id, type, name) VALUES (?1, ?2, ?3)"),
          m_next_name(detail::next_id(db, "name")), m_next_object(detail::next_id(db, "object")) {}

    /// The name id of `s`, 0 when it is "" or not in the table.
    std::int64_t find_name(std::string_view s) {
        if (s.empty()) {
            return 0;
        }
        m_key.assign(s);
        if (const auto it = m_names.find(m_key); it != m_names.end()) {
            return it->second;
        }
        m_find_name.reset();
        m_find_name.bind(1, s);
        const std::int64_t id = m_find_name.step() ? m_find_name.int64(0) : 0;
        m_find_name.reset();
        if (id != 0) {
            remember(m_names, std::move(m_key), id);
        }
        return id;
    }

    std::int64_t name_id(std::string_view s) override {
        if (s.empty()) {
            return 0;
        }
        std::int64_t id = find_name(s);
        if (id == 0) {
            id = m_next_name++;
            m_add_name.reset();
            m_add_name.bind(1, id).bind(2, s).run();
            remember(m_names, std::string(s), id);
        }
        return id;
    }

    std::int64_t object_id(std::int64_t type, std::int64_t name) override {
        const std::uint64_t key =
            static_cast<std::uint64_t>(type) << 32 | static_cast<std::uint64_t>(name);
        if (const auto it = m_objects.find(key); it != m_objects.end()) {
            return it->second;
        }
        m_find_object.reset();
        m_find_object.bind(1, type).bind(2, name);
        std::int64_t id = m_find_object.step() ? m_find_object.int64(0) : 0;
        m_find_object.reset();
        if (id == 0) {
            id = m_next_object++;
            m_add_object.reset();
            m_add_object.bind(1, id).bind(2, type).bind(3, name).run();
        }
        remember(m_objects, key, id);
        return id;
    }

    /// One more than the largest name id.
    std::int64_t name_count() const noexcept { return m_next_name; }

private:
    static constexpr std::size_t cache_entries = 1u << 16;

    template <typename Map, typename Key> static void remember(Map& m, Key&& k, std::int64_t id) {
        if (m.size() >= cache_entries) {
            m.clear();
        }
        m.emplace(std::forward<Key>(k), id);
    }

    detail::Stmt m_find_name;
    detail::Stmt m_add_name;
    detail::Stmt m_find_object;
    detail::Stmt m_add_object;
    std::int64_t m_next_name;
    std::int64_t m_next_object;
    std::string m_key;
    std::unordered_map<std::string, std::int64_t> m_names;
    std::unordered_map<std::uint64_t, std::int64_t> m_objects;
};

} // namespace

struct Store::SourceAppender::State {
    Store::Impl* s = nullptr;
    std::unique_ptr<TableIds> ids;
    SourceRow row;
    std::string info_format; ///< SourceInfo::format ("" = the report's)
    std::uint64_t events = 0;
    std::uint64_t cases = 0;
    std::uint64_t rejects = 0; ///< rejected records appended
    LogMeta meta;              ///< union of the chunks' metadata
    /// By name id: true for the case names of the chunks appended so far (one bit
    /// per name).
    std::vector<bool> seen;
    bool open = true;    ///< savepoint held (not finished, not rolled back)
    bool failed = false; ///< an append() or finish() threw

    void check_usable(const char* what) const {
        if (!open) {
            throw usage_error(std::string(what) + ": source '" + row.record.name +
                              "' is already finished");
        }
        if (failed) {
            throw usage_error(std::string(what) + ": an earlier step of source '" +
                              row.record.name + "' failed; it will be rolled back");
        }
    }

    void rollback() noexcept {
        ids.reset();
        try {
            s->db.exec("ROLLBACK TO journey_append");
            s->db.exec("RELEASE journey_append");
        } catch (...) {
            // The connection rolled the transaction back itself (e.g. disk full).
        }
        s->drop_caches();
        s->appending = false;
        open = false;
    }
};

Store::SourceAppender::SourceAppender(std::unique_ptr<State> state) noexcept
    : m_state(std::move(state)) {}

Store::SourceAppender::SourceAppender(SourceAppender&& o) noexcept = default;

Store::SourceAppender::~SourceAppender() {
    if (m_state && m_state->open) {
        m_state->rollback();
    }
}

std::uint64_t Store::SourceAppender::events() const noexcept {
    return m_state ? m_state->events : 0;
}

std::uint64_t Store::SourceAppender::cases() const noexcept {
    return m_state ? m_state->cases : 0;
}

Store::SourceAppender Store::begin_source(const SourceInfo& info) {
    Impl& s = *m_impl;
    if (!s.writable) {
        throw store_error(8, s.path + ": store is open read-only");
    }
    if (s.appending) {
        throw usage_error(s.path + ": a source is being appended; finish it first");
    }
    auto st = std::make_unique<SourceAppender::State>();
    st->s = &s;
    st->info_format = info.format;
    s.db.exec("SAVEPOINT journey_append");
    s.appending = true;
    try {
        const std::string name = s.claim_name(info);
        // The mirrors would go stale (and they grow with the store): lookups instead.
        s.drop_caches();
        st->ids = std::make_unique<TableIds>(s.db);
        SourceRow& row = st->row;
        SourceRecord& rec = row.record;
        rec.id = detail::next_id(s.db, "source");
        rec.name = name;
        rec.kind = info.kind;
        rec.journey_type = info.journey_type;
        rec.file_name = info.file_name;
        rec.format = info.format;
        rec.content_hash = info.content_hash;
        rec.imported_at =
            info.imported_at == no_timestamp ? detail::now_iso() : format_iso8601(info.imported_at);
        row.first_trace = detail::next_id(s.db, "trace");
        row.first_event = detail::next_id(s.db, "event");
        // Counts and the reader's choices are filled in by finish().
        s.insert_source(row);
    } catch (...) {
        st->rollback();
        throw;
    }
    return SourceAppender(std::move(st));
}

void Store::SourceAppender::append(const EventLog& chunk, std::span<const RejectedRecord> rejects) {
    if (!m_state) {
        throw usage_error("append: the appender was moved from");
    }
    State& st = *m_state;
    st.check_usable("append");
    Impl& s = *st.s;
    try {
        // A case of an earlier chunk: refused before anything of this chunk is written.
        for (std::size_t c = 0; c < chunk.num_cases(); ++c) {
            const std::string_view name = chunk.case_name(c);
            if (name.empty()) {
                continue;
            }
            const auto id = static_cast<std::size_t>(st.ids->find_name(name));
            if (id != 0 && id < st.seen.size() && st.seen[id]) {
                throw usage_error("case '" + std::string(name) +
                                  "' is in an earlier chunk of source '" + st.row.record.name +
                                  "': cut the log into chunks at case boundaries");
            }
        }
        const std::int64_t id = st.row.record.id;
        s.write_events(chunk, id, st.row.first_trace + static_cast<std::int64_t>(st.cases),
                       st.row.first_event + static_cast<std::int64_t>(st.events), *st.ids);
        s.write_rejects(id, rejects, static_cast<std::int64_t>(st.rejects));
        st.seen.resize(static_cast<std::size_t>(st.ids->name_count()), false);
        for (std::size_t c = 0; c < chunk.num_cases(); ++c) {
            const std::string_view name = chunk.case_name(c);
            if (!name.empty()) {
                st.seen[static_cast<std::size_t>(st.ids->find_name(name))] = true;
            }
        }
        st.events += chunk.num_events();
        st.cases += chunk.num_cases();
        st.rejects += rejects.size();
        detail::merge_meta(st.meta, chunk.meta());
    } catch (...) {
        st.failed = true;
        throw;
    }
}

SourceRecord Store::SourceAppender::finish(const ImportReport& report) {
    if (!m_state) {
        throw usage_error("finish: the appender was moved from");
    }
    State& st = *m_state;
    st.check_usable("finish");
    Impl& s = *st.s;
    SourceRecord& rec = st.row.record;
    try {
        // As write_log() fills the record.
        rec.format = st.info_format.empty() ? report.format : st.info_format;
        rec.events = st.events;
        rec.cases = st.cases;
        rec.rejected = std::max<std::uint64_t>(report.rejected, st.rejects);
        rec.records = report.records > 0 || report.rejected > 0 ? report.records : rec.events;
        rec.timestamp_format = report.timestamp_format;
        Stmt upd(s.db, "UPDATE source SET format = ?2, records = ?3, rejected = ?4, "
                       "timestamp_format = ?5, traces = ?6, events = ?7 WHERE id = ?1");
        upd.bind(1, rec.id)
            .bind(2, rec.format)
            .bind(3, static_cast<std::int64_t>(rec.records))
            .bind(4, static_cast<std::int64_t>(rec.rejected))
            .bind(5, rec.timestamp_format)
            .bind(6, static_cast<std::int64_t>(rec.cases))
            .bind(7, static_cast<std::int64_t>(rec.events));
        upd.run();
        detail::write_meta(s.db, rec.id, st.meta);
        s.write_report(rec.id, report);
        if (st.rejects == 0) {
            s.write_rejects(rec.id, report.rejects, 0);
        }
        st.ids.reset();
        s.db.exec("RELEASE journey_append");
    } catch (...) {
        st.failed = true;
        throw;
    }
    st.open = false;
    s.appending = false;
    s.drop_caches();
    return rec;
}

} // namespace journey::store
