#include "sqlite_utils.hpp"

#include <journey/core/error.hpp>

namespace journey::store::detail {

void throw_sqlite(sqlite3* db, int rc, std::string_view context) {
    std::string msg;
    if (db != nullptr) {
        const char* path = sqlite3_db_filename(db, "main");
        if (path != nullptr && *path != '\0') {
            msg += path;
            msg += ": ";
        }
    }
    msg += "SQLite error in ";
    msg += context;
    msg += ": ";
    msg += db != nullptr && sqlite3_errcode(db) == rc ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw store_error(rc, msg);
}

Db::Db(const std::string& path, int flags) : m_path(path) {
    // One thread at a time per connection (documented on Store): no mutex per call.
    const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = path + ": cannot open: ";
        msg += m_db != nullptr ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw store_error(rc, msg);
    }
    sqlite3_extended_result_codes(m_db, 0);
    // Wait for a concurrent writer instead of failing at once.
    sqlite3_busy_timeout(m_db, 5000);
}

Db& Db::operator=(Db&& o) noexcept {
    if (this != &o) {
        if (m_db != nullptr) {
            sqlite3_close_v2(m_db);
        }
        m_db = o.m_db;
        m_path = std::move(o.m_path);
        o.m_db = nullptr;
    }
    return *this;
}

Db::~Db() {
    if (m_db != nullptr) {
        sqlite3_close_v2(m_db);
    }
}

void Db::exec(std::string_view sql) {
    const std::string s(sql);
    char* err = nullptr;
    const int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = m_path + ": SQLite error: " + (err != nullptr ? err : sqlite3_errstr(rc));
        sqlite3_free(err);
        throw store_error(rc, msg);
    }
}

bool Db::has_table(std::string_view name) {
    Stmt st(*this, "SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?1");
    st.bind(1, name);
    return st.step();
}

Stmt::Stmt(const Db& db, std::string_view sql) : m_db(db.get()) {
    const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        throw_sqlite(m_db, rc, "prepare");
    }
}

Stmt& Stmt::operator=(Stmt&& o) noexcept {
    if (this != &o) {
        sqlite3_finalize(m_stmt);
        m_stmt = o.m_stmt;
        m_db = o.m_db;
        o.m_stmt = nullptr;
    }
    return *this;
}

Stmt::~Stmt() { sqlite3_finalize(m_stmt); }

bool Stmt::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    const int code = sqlite3_errcode(m_db);
    sqlite3_reset(m_stmt);
    throw_sqlite(m_db, code != SQLITE_OK ? code : rc, "step");
}

void Stmt::run() {
    step();
    sqlite3_reset(m_stmt);
}

std::string quote_identifier(std::string_view name) {
    std::string s = "\"";
    for (const char c : name) {
        if (c == '"') {
            s += '"';
        }
        s += c;
    }
    s += '"';
    return s;
}

} // namespace journey::store::detail
