#include <journey/store/store.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <journey/core/error.hpp>

#include "store_impl.hpp"
#include "store_sql.hpp"

namespace journey::store {

using detail::Db;
using detail::SourceRow;
using detail::Stmt;

namespace {

constexpr int sqlite_notadb = 26;

std::string read_head(const std::string& path, std::size_t n) {
    std::ifstream in(path, std::ios::binary);
    std::string head(n, '\0');
    in.read(head.data(), static_cast<std::streamsize>(n));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head;
}

void apply_write_pragmas(Db& db) {
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("PRAGMA synchronous=NORMAL");
    db.exec("PRAGMA cache_size=-65536");
    db.exec("PRAGMA temp_store=MEMORY");
}

} // namespace

bool is_sqlite_header(std::string_view head) noexcept {
    static constexpr std::string_view magic("SQLite format 3\0", 16);
    return head.substr(0, magic.size()) == magic;
}

SqliteKind sniff_sqlite(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec) || !is_sqlite_header(read_head(path, 16))) {
        return SqliteKind::not_sqlite;
    }
    try {
        Db db(path, SQLITE_OPEN_READONLY);
        if (db.has_table("journeykit_meta")) {
            return SqliteKind::store;
        }
        if (db.has_table("event") && db.has_table("object") && db.has_table("event_object") &&
            db.has_table("event_map_type")) {
            return SqliteKind::ocel;
        }
        return SqliteKind::other;
    } catch (const store_error&) {
        return SqliteKind::not_sqlite;
    }
}

// ---------------------------------------------------------------------------
// Opening

Store::Store(const std::string& path, OpenMode mode) : m_impl(std::make_unique<Impl>()) {
    Impl& s = *m_impl;
    s.path = path;
    s.writable = mode != OpenMode::read_only;
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (!exists && mode != OpenMode::create) {
        throw io_error(path, "no such file");
    }
    if (exists) {
        if (std::filesystem::is_directory(path, ec)) {
            throw io_error(path, "is a directory");
        }
        const std::string head = read_head(path, 16);
        if (!head.empty() && !is_sqlite_header(head)) {
            throw store_error(sqlite_notadb, path + ": not a journeykit store (not an SQLite file)");
        }
    }
    const int flags = mode == OpenMode::read_only ? SQLITE_OPEN_READONLY
                      : mode == OpenMode::read_write
                          ? SQLITE_OPEN_READWRITE
                          : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    s.db = Db(path, flags);

    bool empty = false;
    {
        Stmt st(s.db, "SELECT count(*) FROM sqlite_master");
        st.step();
        empty = st.int64(0) == 0;
    }
    if (empty) {
        if (mode != OpenMode::create) {
            throw store_error(sqlite_notadb,
                              path + ": not a journeykit store (an empty SQLite database)");
        }
        // A new store: page size before the first table, then WAL, then the schema in
        // one transaction.
        s.db.exec("PRAGMA page_size=16384");
        apply_write_pragmas(s.db);
        s.db.exec("BEGIN IMMEDIATE");
        try {
            s.db.exec(detail::schema_sql);
            s.db.exec(detail::views_sql);
            Stmt ins(s.db, "INSERT INTO journeykit_meta(key, value) VALUES (?1, ?2)");
            ins.bind(1, "layout_major").bind(2, std::to_string(layout_major)).run();
            ins.bind(1, "layout_minor").bind(2, std::to_string(layout_minor)).run();
            ins.bind(1, "application").bind(2, "journeykit").run();
            s.db.exec("COMMIT");
        } catch (...) {
            s.db.exec("ROLLBACK");
            throw;
        }
    } else if (!s.db.has_table("journeykit_meta")) {
        std::string what = "not a journeykit store";
        if (s.db.has_table("event_object") && s.db.has_table("event_map_type")) {
            what += " (an OCEL 2.0 log: use `journey import STORE " +
                    std::filesystem::path(path).filename().string() + "` to import it)";
        }
        throw store_error(sqlite_notadb, path + ": " + what);
    } else if (s.writable) {
        apply_write_pragmas(s.db);
    }

    if (s.writable) {
        s.insert_name = Stmt(s.db, "INSERT INTO name(id, text) VALUES (?1, ?2)");
        s.insert_object = Stmt(s.db, "INSERT INTO object(id, type, name) VALUES (?1, ?2, ?3)");
    }
    Stmt v(s.db, "SELECT key, value FROM journeykit_meta WHERE key IN ('layout_major', 'layout_minor')");
    while (v.step()) {
        const int n = std::atoi(std::string(v.text(1)).c_str());
        (v.text(0) == "layout_major" ? s.major : s.minor) = n;
    }
    if (s.major != layout_major) {
        throw store_error(sqlite_notadb,
                          path + ": store layout " + std::to_string(s.major) + "." +
                              std::to_string(s.minor) +
                              " is not supported by this journeykit (it reads layout " +
                              std::to_string(layout_major) + ".x)");
    }
}

Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const std::string& Store::path() const noexcept { return m_impl->path; }

std::pair<int, int> Store::layout_version() const { return {m_impl->major, m_impl->minor}; }

// ---------------------------------------------------------------------------
// Name and object mirrors

void Store::Impl::load_names() {
    if (names_loaded) {
        return;
    }
    names = StringTable();
    Stmt st(db, "SELECT id, text FROM name ORDER BY id");
    while (st.step()) {
        const std::int64_t id = st.int64(0);
        if (id != static_cast<std::int64_t>(names.size()) || names.insert(st.text(1)) != id) {
            throw store_error(11, path + ": the name table is damaged (ids not dense or text repeated)");
        }
    }
    names_loaded = true;
}

std::int64_t Store::Impl::name_id(std::string_view s) {
    if (s.empty()) {
        return 0;
    }
    const std::size_t before = names.size();
    const Id id = names.insert(s);
    if (names.size() != before) {
        if (!writable) {
            throw store_error(8, path + ": store is open read-only");
        }
        insert_name.reset();
        insert_name.bind(1, static_cast<std::int64_t>(id)).bind(2, s).run();
    }
    return id;
}

void Store::Impl::load_objects() {
    if (objects_loaded) {
        return;
    }
    objects.assign(1, detail::ObjectRow{});
    object_of.clear();
    Stmt st(db, "SELECT id, type, name FROM object ORDER BY id");
    while (st.step()) {
        const std::int64_t id = st.int64(0);
        if (id != static_cast<std::int64_t>(objects.size())) {
            throw store_error(11, path + ": the object table is damaged (ids not dense)");
        }
        const detail::ObjectRow row{st.int64(1), st.int64(2)};
        objects.push_back(row);
        object_of.emplace(static_cast<std::uint64_t>(row.type) << 32 |
                              static_cast<std::uint64_t>(row.name),
                          id);
    }
    objects_loaded = true;
}

std::int64_t Store::Impl::object_id(std::int64_t type, std::int64_t name) {
    const std::uint64_t key =
        static_cast<std::uint64_t>(type) << 32 | static_cast<std::uint64_t>(name);
    const auto it = object_of.find(key);
    if (it != object_of.end()) {
        return it->second;
    }
    const auto id = static_cast<std::int64_t>(objects.size());
    insert_object.reset();
    insert_object.bind(1, id).bind(2, type).bind(3, name).run();
    objects.push_back(detail::ObjectRow{type, name});
    object_of.emplace(key, id);
    return id;
}

void Store::Impl::drop_caches() {
    names_loaded = false;
    names = StringTable();
    objects_loaded = false;
    objects.clear();
    object_of.clear();
}

// ---------------------------------------------------------------------------
// Sources

std::vector<SourceRow> Store::Impl::source_rows(std::string_view where,
                                                std::string_view bind) const {
    std::string sql =
        "SELECT id, name, kind, journey_type, file_name, format, content_hash, records, "
        "events, traces, rejected, timestamp_format, imported_at, first_trace, first_event "
        "FROM source";
    if (!where.empty()) {
        sql += " WHERE ";
        sql += where;
    }
    sql += " ORDER BY id";
    Stmt st(db, sql);
    if (!where.empty()) {
        st.bind(1, bind);
    }
    std::vector<SourceRow> rows;
    while (st.step()) {
        SourceRow r;
        SourceRecord& s = r.record;
        s.id = st.int64(0);
        s.name = st.text(1);
        s.kind = st.text(2);
        s.journey_type = st.text(3);
        s.file_name = st.text(4);
        s.format = st.text(5);
        s.content_hash = st.text(6);
        s.records = static_cast<std::uint64_t>(st.int64(7));
        s.events = static_cast<std::uint64_t>(st.int64(8));
        s.cases = static_cast<std::uint64_t>(st.int64(9));
        s.rejected = static_cast<std::uint64_t>(st.int64(10));
        s.timestamp_format = st.text(11);
        s.imported_at = st.text(12);
        r.first_trace = st.int64(13);
        r.first_event = st.int64(14);
        rows.push_back(std::move(r));
    }
    return rows;
}

std::vector<SourceRow> Store::Impl::select(const ReadFilter& filter) const {
    std::vector<SourceRow> all = source_rows();
    const auto names_of = [&] {
        std::string list;
        for (const SourceRow& r : all) {
            list += list.empty() ? "" : ", ";
            list += r.record.name;
        }
        return list.empty() ? std::string("none") : list;
    };
    for (const std::string& n : filter.sources) {
        if (std::none_of(all.begin(), all.end(),
                         [&](const SourceRow& r) { return r.record.name == n; })) {
            throw usage_error("no source named '" + n + "' in " + path + " (sources: " +
                              names_of() + ")");
        }
    }
    for (const std::string& t : filter.journey_types) {
        if (std::none_of(all.begin(), all.end(),
                         [&](const SourceRow& r) { return r.record.journey_type == t; })) {
            throw usage_error("no source with journey type '" + t + "' in " + path);
        }
    }
    const auto has = [](const std::vector<std::string>& list, const std::string& v) {
        return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
    };
    std::vector<SourceRow> out;
    for (SourceRow& r : all) {
        if (has(filter.sources, r.record.name) && has(filter.journey_types, r.record.journey_type)) {
            out.push_back(std::move(r));
        }
    }
    if (out.empty() && !(filter.sources.empty() && filter.journey_types.empty())) {
        throw usage_error("no source in " + path + " matches both the source and the journey-type filter");
    }
    return out;
}

std::vector<SourceRecord> Store::sources() const {
    std::vector<SourceRecord> out;
    for (SourceRow& r : m_impl->source_rows()) {
        out.push_back(std::move(r.record));
    }
    return out;
}

std::vector<SourceRecord> Store::sources(const ReadFilter& filter) const {
    std::vector<SourceRecord> out;
    for (SourceRow& r : m_impl->select(filter)) {
        out.push_back(std::move(r.record));
    }
    return out;
}

std::optional<SourceRecord> Store::find_source(std::string_view name) const {
    auto rows = m_impl->source_rows("name = ?1", name);
    if (rows.empty()) {
        return std::nullopt;
    }
    return std::move(rows.front().record);
}

std::optional<SourceRecord> Store::find_source_by_hash(std::string_view hash) const {
    if (hash.empty()) {
        return std::nullopt;
    }
    auto rows = m_impl->source_rows("content_hash = ?1", hash);
    if (rows.empty()) {
        return std::nullopt;
    }
    return std::move(rows.front().record);
}

std::vector<RejectedRecord> Store::rejected_records(std::string_view source) const {
    const std::optional<SourceRecord> s = find_source(source);
    if (!s) {
        throw usage_error("no source named '" + std::string(source) + "' in " + m_impl->path);
    }
    Stmt st(m_impl->db,
            "SELECT line, col, reason, record FROM rejected_row WHERE source_id = ?1 ORDER BY seq");
    st.bind(1, s->id);
    std::vector<RejectedRecord> out;
    while (st.step()) {
        out.push_back(RejectedRecord{static_cast<std::uint64_t>(st.int64(0)),
                                     static_cast<std::uint64_t>(st.int64(1)),
                                     std::string(st.text(2)), std::string(st.text(3))});
    }
    return out;
}

// ---------------------------------------------------------------------------
// Transactions

Store::Transaction Store::transaction() {
    Impl& s = *m_impl;
    if (!s.writable) {
        throw store_error(8, s.path + ": store is open read-only");
    }
    if (s.in_transaction) {
        throw store_error(1, s.path + ": a transaction is already open");
    }
    s.db.exec("BEGIN IMMEDIATE");
    s.in_transaction = true;
    return Transaction(this);
}

void Store::Transaction::commit() {
    if (m_store == nullptr) {
        throw store_error(21, "transaction already finished");
    }
    Impl& s = *m_store->m_impl;
    s.db.exec("COMMIT");
    s.in_transaction = false;
    m_store = nullptr;
}

Store::Transaction::~Transaction() {
    if (m_store == nullptr) {
        return;
    }
    Impl& s = *m_store->m_impl;
    try {
        s.db.exec("ROLLBACK");
    } catch (...) {
        // Already rolled back by SQLite (an I/O error ends the transaction).
    }
    s.in_transaction = false;
    s.drop_caches();
}

} // namespace journey::store
