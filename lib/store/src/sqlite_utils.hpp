#pragma once
// Private RAII wrappers around the SQLite C API: a connection and prepared
// statements. Every failure becomes a journey::store_error carrying the SQLite code.

#include <cstdint>
#include <string>
#include <string_view>

#include <sqlite3.h>

namespace journey::store::detail {

/// Throws store_error for result code `rc` with the connection's message.
[[noreturn]] void throw_sqlite(sqlite3* db, int rc, std::string_view context);

class Db {
public:
    Db() = default;
    /// Opens `path` with sqlite3_open_v2 `flags`.
    Db(const std::string& path, int flags);
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
    Db(Db&& o) noexcept : m_db(o.m_db), m_path(std::move(o.m_path)) { o.m_db = nullptr; }
    Db& operator=(Db&& o) noexcept;
    ~Db();

    sqlite3* get() const noexcept { return m_db; }
    const std::string& path() const noexcept { return m_path; }

    /// Runs one or more statements that return no rows.
    void exec(std::string_view sql);
    std::int64_t last_insert_rowid() const noexcept { return sqlite3_last_insert_rowid(m_db); }
    /// True if a table or view with this name exists.
    bool has_table(std::string_view name);

    [[noreturn]] void fail(int rc, std::string_view context) const { throw_sqlite(m_db, rc, context); }

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
};

class Stmt {
public:
    Stmt() = default;
    Stmt(const Db& db, std::string_view sql);
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    Stmt(Stmt&& o) noexcept : m_stmt(o.m_stmt), m_db(o.m_db) { o.m_stmt = nullptr; }
    Stmt& operator=(Stmt&& o) noexcept;
    ~Stmt();

    Stmt& bind(int i, std::int64_t v) {
        check(sqlite3_bind_int64(m_stmt, i, v));
        return *this;
    }
    Stmt& bind_double(int i, double v) {
        check(sqlite3_bind_double(m_stmt, i, v));
        return *this;
    }
    Stmt& bind(int i, std::string_view v) {
        check(sqlite3_bind_text64(m_stmt, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
        return *this;
    }
    Stmt& bind_null(int i) {
        check(sqlite3_bind_null(m_stmt, i));
        return *this;
    }
    /// Binds a name id, NULL for 0 ("no value").
    Stmt& bind_id(int i, std::int64_t id) { return id == 0 ? bind_null(i) : bind(i, id); }

    /// Steps once: true when a row is available, false when done.
    bool step();
    /// Steps a statement that returns no rows, then resets it.
    void run();
    void reset() noexcept { sqlite3_reset(m_stmt); }

    bool is_null(int col) const noexcept { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
    int type(int col) const noexcept { return sqlite3_column_type(m_stmt, col); }
    std::int64_t int64(int col) const noexcept { return sqlite3_column_int64(m_stmt, col); }
    double real(int col) const noexcept { return sqlite3_column_double(m_stmt, col); }
    std::string_view text(int col) const noexcept {
        const auto* p = sqlite3_column_text(m_stmt, col);
        if (p == nullptr) {
            return {};
        }
        return {reinterpret_cast<const char*>(p),
                static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col))};
    }
    int columns() const noexcept { return sqlite3_column_count(m_stmt); }
    std::string_view column_name(int col) const noexcept {
        const char* n = sqlite3_column_name(m_stmt, col);
        return n == nullptr ? std::string_view() : std::string_view(n);
    }
    std::string_view declared_type(int col) const noexcept {
        const char* t = sqlite3_column_decltype(m_stmt, col);
        return t == nullptr ? std::string_view() : std::string_view(t);
    }

private:
    void check(int rc) const {
        if (rc != SQLITE_OK) {
            throw_sqlite(m_db, rc, "bind");
        }
    }
    sqlite3_stmt* m_stmt = nullptr;
    sqlite3* m_db = nullptr;
};

/// `"name"` with embedded quotes doubled: a safe SQL identifier.
std::string quote_identifier(std::string_view name);

} // namespace journey::store::detail
