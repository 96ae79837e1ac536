#pragma once
// Private: the state behind journey::store::Store, shared by the files that
// implement it (store.cpp: open, sources, transactions; store_write.cpp: imports;
// store_append.cpp: imports in chunks; store_read.cpp: reads).

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <journey/core/error.hpp>
#include <journey/core/string_table.hpp>
#include <journey/store/store.hpp>

#include "sqlite_utils.hpp"

namespace journey::store {

namespace detail {

/// A source row with the id ranges it occupies.
struct SourceRow {
    SourceRecord record;
    std::int64_t first_trace = 0;
    std::int64_t first_event = 0;
};

/// An object row: type and name are name ids.
struct ObjectRow {
    std::int64_t type = 0;
    std::int64_t name = 0;
};

/// Gives the name ids and object ids a write uses, adding rows for new ones. The
/// store's mirrors (Store::Impl::name_id/object_id) serve import_log(); a chunked
/// import uses lookups in the tables instead, so that its memory stays bounded.
class Interner {
public:
    virtual ~Interner() = default;
    /// The name id of `s` (0 for ""), added to `name` if new.
    virtual std::int64_t name_id(std::string_view s) = 0;
    /// The object id of (type, name) given as name ids, added to `object` if new.
    virtual std::int64_t object_id(std::int64_t type, std::int64_t name) = 0;
};

/// "now" as ISO 8601 UTC, whole seconds.
std::string now_iso();
/// max(id) + 1 of a table (1 when empty).
std::int64_t next_id(Db& db, const char* table);
/// Writes a source's log_meta rows.
void write_meta(Db& db, std::int64_t source, const LogMeta& meta);
/// Adds the items of `from` that `to` lacks, keeping order (how reads of several
/// sources, and chunks appended to one, merge their log metadata).
void merge_meta(LogMeta& to, const LogMeta& from);

} // namespace detail

struct Store::Impl {
    detail::Db db;
    std::string path;
    bool writable = false;
    bool in_transaction = false;
    /// A SourceAppender is open (its savepoint): other imports are refused.
    bool appending = false;
    int major = 0;
    int minor = 0;

    // Mirror of the `name` table: names[i] is the text of name id i (id 0 = "", NULL).
    bool names_loaded = false;
    StringTable names;
    // Mirror of the `object` table.
    bool objects_loaded = false;
    std::vector<detail::ObjectRow> objects;                    // index = object id
    std::unordered_map<std::uint64_t, std::int64_t> object_of; // (type << 32 | name) -> id

    detail::Stmt insert_name;
    detail::Stmt insert_object;

    void load_names();
    /// The name id of `s`, adding it to the table if new (0 for "").
    std::int64_t name_id(std::string_view s);
    void load_objects();
    /// The object id of (type, name) given as name ids, adding it if new.
    std::int64_t object_id(std::int64_t type, std::int64_t name);
    /// Forgets the mirrors (after a rollback they may hold rows that are gone).
    void drop_caches();

    std::vector<detail::SourceRow> source_rows(std::string_view where = {},
                                               std::string_view bind = {}) const;
    std::vector<detail::SourceRow> select(const ReadFilter& filter) const;

    /// Imports inside an open savepoint; returns the source row written.
    detail::SourceRow write_log(const EventLog& log, const SourceInfo& info,
                                const ImportReport& report,
                                std::span<const RejectedRecord> rejects);
    // The steps of write_log(), shared with Store::SourceAppender:
    /// Checks content hash (duplicate_source_error) and name (usage_error); returns
    /// the name to record (with "-2", ... when info.unique_name).
    std::string claim_name(const SourceInfo& info);
    /// Inserts the source row as `row` holds it.
    void insert_source(const detail::SourceRow& row);
    /// Writes the traces, events, attributes and object links of `log`, its case i
    /// as trace first_trace + i and its event j as event first_event + j, with the
    /// name and object ids of `ids`.
    void write_events(const EventLog& log, std::int64_t source, std::int64_t first_trace,
                      std::int64_t first_event, detail::Interner& ids);
    /// Writes the report's mapping and warnings.
    void write_report(std::int64_t source, const ImportReport& report);
    /// Writes rejected rows numbered from first_seq.
    void write_rejects(std::int64_t source, std::span<const RejectedRecord> rejects,
                       std::int64_t first_seq);
    /// Runs `work` inside a savepoint; rolls back and rethrows on failure.
    template <typename F> auto in_savepoint(F&& work) -> decltype(work());

    EventLog read(const std::vector<detail::SourceRow>& rows);
};

template <typename F> auto Store::Impl::in_savepoint(F&& work) -> decltype(work()) {
    if (!writable) {
        throw store_error(8, path + ": store is open read-only");
    }
    if (appending) {
        throw usage_error(path + ": a source is being appended; finish it first");
    }
    db.exec("SAVEPOINT journey_import");
    try {
        auto result = work();
        db.exec("RELEASE journey_import");
        return result;
    } catch (...) {
        try {
            db.exec("ROLLBACK TO journey_import");
            db.exec("RELEASE journey_import");
        } catch (...) {
            // The connection rolled the transaction back itself (e.g. disk full).
        }
        drop_caches();
        throw;
    }
}

} // namespace journey::store
