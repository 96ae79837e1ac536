#pragma once
// Private: the state behind journey::store::Store, shared by the files that
// implement it (store.cpp: open, sources, transactions; store_write.cpp: imports;
// store_read.cpp: reads).

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

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

} // namespace detail

struct Store::Impl {
    detail::Db db;
    std::string path;
    bool writable = false;
    bool in_transaction = false;
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
    /// Runs `work` inside a savepoint; rolls back and rethrows on failure.
    template <typename F> auto in_savepoint(F&& work) -> decltype(work());

    EventLog read(const std::vector<detail::SourceRow>& rows);
};

template <typename F> auto Store::Impl::in_savepoint(F&& work) -> decltype(work()) {
    if (!writable) {
        throw store_error(8, path + ": store is open read-only");
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
