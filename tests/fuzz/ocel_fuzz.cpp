// libFuzzer harness for the OCEL 2.0 SQLite reader (journey::store::read_ocel_sqlite).
//
// Raw bytes as an SQLite file would mostly test SQLite's header check, so the input is
// a recipe that builds an OCEL-shaped database in a per-process temporary file:
//
//   Two control bytes, each XORed with '@' (0x40) first, so that `@@` is the plain layout
//   and a recipe that uses only the common bits stays text:
//   byte 0   bits 0-5 leave out the tables event, object, event_object, object_object,
//            event_map_type, object_map_type; bits 6-7 choose the core tables' columns:
//            0 TEXT, 1 untyped, 2 INTEGER (numeric affinity), 3 one column missing.
//   byte 1   per-type tables: bit 0 no ocel_id, bit 1 no ocel_time, bit 2 no
//            ocel_changed_field (object tables), bit 3 WITHOUT ROWID; bit 4 core tables
//            WITHOUT ROWID; bit 5 core tables are views over <name>_rows; bit 6 the
//            finished file is truncated to half its size; bit 7 the rest of the input is
//            written to the file as it is (not-SQLite, empty and corrupt files).
//   then lines of tab-separated fields; the first character picks the table:
//     E id type               event            O id type             object
//     L event object qual     event_object     R source target qual  object_object
//     M type map              event_map_type   N type map            object_map_type
//     e map id time [name decl value]...       event_<map>
//     o map id time changed [name decl value]... object_<map>
//   A value is text, except: `~` NULL, `#123` an integer, `%1.5` a real (nan, inf and
//   hex allowed), `!bytes` a blob; a leading `\` escapes these. `decl`'s first letter picks a
//   declared column type (S TEXT, I INTEGER, R REAL, B BOOLEAN, T TIMESTAMP, D DATETIME,
//   F FLOAT, N NUMERIC, X BLOB, V VARCHAR(20), anything else none). Names, maps and
//   values are arbitrary bytes (quotes, odd characters); every value is bound and every
//   identifier quoted, so the input cannot run SQL of its own. NUL bytes are left out of
//   identifiers; a column named like an earlier one of its table (ignoring case, as SQLite
//   does) is that column. Seeds: tests/fuzz/ocel-seeds/*.recipe.
//
// read_ocel_sqlite must succeed or throw a journey::error. When it succeeds, the log has
// one event (and case) per row of `event`, one object per row of `object`, one link per
// row of `event_object` and one relation per row of `object_object` (the reader fails on
// duplicate ids and on rows it cannot place). Then write_ocel_sqlite must write it and the
// written file must read back with the same events, objects, links and relations; writing
// and reading that again changes nothing. With OCEL_FUZZ_VERBOSE set, each run prints
// what was read or the error (to see what a seed exercises).

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <sqlite3.h>
#include <unistd.h>

#include <journey/core/error.hpp>
#include <journey/store/ocel.hpp>

namespace {

using journey::store::OcelLog;

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t p = s.find(sep, start);
        out.push_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
        if (p == std::string_view::npos) {
            return out;
        }
        start = p + 1;
    }
}

std::string quote(std::string_view name) {
    std::string s = "\"";
    for (const char c : name) {
        if (c == '\0') {
            continue; // SQL text ends at a NUL
        }
        if (c == '"') {
            s += '"';
        }
        s += c;
    }
    return s + '"';
}

std::string fold(std::string_view name) {
    std::string s;
    for (const char c : name) {
        if (c != '\0') {
            s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return s;
}

std::string_view decl_type(std::string_view field) {
    switch (field.empty() ? ' ' : std::toupper(static_cast<unsigned char>(field[0]))) {
    case 'S':
        return "TEXT";
    case 'I':
        return "INTEGER";
    case 'R':
        return "REAL";
    case 'B':
        return "BOOLEAN";
    case 'T':
        return "TIMESTAMP";
    case 'D':
        return "DATETIME";
    case 'F':
        return "FLOAT";
    case 'N':
        return "NUMERIC";
    case 'X':
        return "BLOB";
    case 'V':
        return "VARCHAR(20)";
    default:
        return "";
    }
}

void bind_field(sqlite3_stmt* st, int i, const std::string_view* field) {
    if (field == nullptr || *field == "~") {
        sqlite3_bind_null(st, i);
        return;
    }
    const std::string_view f = *field;
    if (!f.empty() && f[0] == '#') {
        std::int64_t v = 0;
        std::from_chars(f.data() + 1, f.data() + f.size(), v);
        sqlite3_bind_int64(st, i, v);
        return;
    }
    if (!f.empty() && f[0] == '%') {
        const std::string s(f.substr(1));
        sqlite3_bind_double(st, i, std::strtod(s.c_str(), nullptr));
        return;
    }
    if (!f.empty() && f[0] == '!') {
        sqlite3_bind_blob64(st, i, f.data() + 1, f.size() - 1, SQLITE_TRANSIENT);
        return;
    }
    const std::string_view text = !f.empty() && f[0] == '\\' ? f.substr(1) : f;
    sqlite3_bind_text64(st, i, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

/// One table: its columns and the rows to insert (fields by column, absent = NULL).
struct Table {
    std::vector<std::string> columns;
    std::vector<std::string> decls;
    std::vector<std::map<std::size_t, std::string_view>> rows;
    std::size_t inserted = 0;

    std::size_t column(std::string_view name, std::string_view decl) {
        const std::string f = fold(name);
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (fold(columns[c]) == f) {
                return c;
            }
        }
        columns.emplace_back(name);
        decls.emplace_back(decl);
        return columns.size() - 1;
    }
};

/// Creates `name` and inserts its rows; failures (duplicate keys, names SQLite refuses)
/// leave rows out, and `inserted` counts the rows that went in.
void create(sqlite3* db, const std::string& name, Table& t, bool without_rowid, bool as_view,
            bool pk_all) {
    if (t.columns.empty()) {
        return;
    }
    const std::string target = as_view ? name + "_rows" : name;
    std::string ddl = "CREATE TABLE " + quote(target) + " (";
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        ddl += (c > 0 ? ", " : "") + quote(t.columns[c]) + " " + t.decls[c];
    }
    if (without_rowid) {
        ddl += ", PRIMARY KEY (" + quote(t.columns[0]);
        for (std::size_t c = 1; pk_all && c < t.columns.size(); ++c) {
            ddl += ", " + quote(t.columns[c]);
        }
        ddl += ")) WITHOUT ROWID";
    } else {
        ddl += ")";
    }
    if (sqlite3_exec(db, ddl.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        return;
    }
    if (as_view) {
        const std::string view = "CREATE VIEW " + quote(name) + " AS SELECT * FROM " + quote(target);
        if (sqlite3_exec(db, view.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
            return;
        }
    }
    std::string insert = "INSERT INTO " + quote(target) + " VALUES (";
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        insert += (c > 0 ? ", ?" : "?") + std::to_string(c + 1);
    }
    insert += ")";
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, insert.c_str(), static_cast<int>(insert.size()), &st, nullptr) !=
        SQLITE_OK) {
        sqlite3_finalize(st);
        return;
    }
    for (const auto& row : t.rows) {
        sqlite3_reset(st);
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const auto it = row.find(c);
            bind_field(st, static_cast<int>(c + 1), it == row.end() ? nullptr : &it->second);
        }
        if (sqlite3_step(st) == SQLITE_DONE) {
            ++t.inserted;
        }
    }
    sqlite3_finalize(st);
}

struct Built {
    bool checkable = false; // the row counts below are what the reader must see
    std::size_t events = 0, objects = 0, links = 0, relations = 0;
};

void remove_db(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
        std::filesystem::remove(path + suffix, ec);
    }
}

/// This process's two database files, in the temporary directory (TMPDIR); removed at exit.
const std::string& temp_path(int n) {
    static const std::string paths[2] = {
        (std::filesystem::temp_directory_path() /
         ("journey-ocel-fuzz-" + std::to_string(getpid()) + "-in.sqlite"))
            .string(),
        (std::filesystem::temp_directory_path() /
         ("journey-ocel-fuzz-" + std::to_string(getpid()) + "-out.sqlite"))
            .string()};
    static const bool cleanup = [] {
        return std::atexit([] {
            remove_db(paths[0]);
            remove_db(paths[1]);
        }) == 0;
    }();
    (void)cleanup;
    return paths[n];
}

Built build(const std::uint8_t* data, std::size_t size, const std::string& path) {
    Built built;
    remove_db(path);
    const unsigned c0 = (size > 0 ? data[0] : 0x40u) ^ 0x40u;
    const unsigned c1 = (size > 1 ? data[1] : 0x40u) ^ 0x40u;
    const std::string_view text(reinterpret_cast<const char*>(data) + std::min<std::size_t>(size, 2),
                                size - std::min<std::size_t>(size, 2));
    if ((c1 & 0x80) != 0) {
        std::ofstream(path, std::ios::binary).write(text.data(), static_cast<std::streamsize>(text.size()));
        return built;
    }

    // Core tables: name, columns, the bit of c0 that leaves it out.
    const unsigned variant = c0 >> 6;
    struct Core {
        const char* name;
        std::vector<const char*> columns;
    };
    const Core cores[6] = {
        {"event", {"ocel_id", "ocel_type"}},
        {"object", {"ocel_id", "ocel_type"}},
        {"event_object", {"ocel_event_id", "ocel_object_id", "ocel_qualifier"}},
        {"object_object", {"ocel_source_id", "ocel_target_id", "ocel_qualifier"}},
        {"event_map_type", {"ocel_type", "ocel_type_map"}},
        {"object_map_type", {"ocel_type", "ocel_type_map"}},
    };
    Table core[6];
    for (int k = 0; k < 6; ++k) {
        const auto& cols = cores[k].columns;
        const std::size_t n = variant == 3 ? cols.size() - 1 : cols.size();
        for (std::size_t c = 0; c < n; ++c) {
            core[k].column(cols[c], variant == 0 ? "TEXT" : variant == 2 ? "INTEGER" : "");
        }
    }
    std::map<std::string, Table> per_type; // full table name -> table

    for (const std::string_view line : split(text, '\n')) {
        if (line.empty()) {
            continue;
        }
        const std::vector<std::string_view> f = split(line.substr(1), '\t');
        const auto put_core = [&](int k) {
            std::map<std::size_t, std::string_view> row;
            for (std::size_t c = 0; c < f.size() && c < core[k].columns.size(); ++c) {
                row.emplace(c, f[c]);
            }
            core[k].rows.push_back(std::move(row));
        };
        switch (line[0]) {
        case 'E':
            put_core(0);
            break;
        case 'O':
            put_core(1);
            break;
        case 'L':
            put_core(2);
            break;
        case 'R':
            put_core(3);
            break;
        case 'M':
            put_core(4);
            break;
        case 'N':
            put_core(5);
            break;
        case 'e':
        case 'o': {
            const bool object = line[0] == 'o';
            const std::string name = std::string(object ? "object_" : "event_") + std::string(f[0]);
            Table& t = per_type[name];
            std::map<std::size_t, std::string_view> row;
            const std::size_t fixed = object ? 4 : 3;
            if ((c1 & 0x01) == 0 && f.size() > 1) {
                row.emplace(t.column("ocel_id", "TEXT"), f[1]);
            } else if ((c1 & 0x01) == 0) {
                t.column("ocel_id", "TEXT");
            }
            if ((c1 & 0x02) == 0) {
                const std::size_t c = t.column("ocel_time", "TIMESTAMP");
                if (f.size() > 2) {
                    row.emplace(c, f[2]);
                }
            }
            if (object && (c1 & 0x04) == 0) {
                const std::size_t c = t.column("ocel_changed_field", "TEXT");
                if (f.size() > 3) {
                    row.emplace(c, f[3]);
                }
            }
            for (std::size_t i = fixed; i + 1 < f.size(); i += 3) {
                const std::size_t c = t.column(f[i], decl_type(f[i + 1]));
                if (i + 2 < f.size()) {
                    row[c] = f[i + 2];
                }
            }
            t.rows.push_back(std::move(row));
            break;
        }
        default:
            break;
        }
    }

    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
        sqlite3_close(db);
        return built;
    }
    sqlite3_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN", nullptr, nullptr,
                 nullptr);
    for (int k = 0; k < 6; ++k) {
        if ((c0 & (1u << k)) == 0) {
            create(db, cores[k].name, core[k], (c1 & 0x10) != 0, (c1 & 0x20) != 0, true);
        }
    }
    for (auto& [name, t] : per_type) {
        create(db, name, t, (c1 & 0x08) != 0, false, false);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);

    if ((c1 & 0x40) != 0) {
        std::error_code ec;
        const auto n = std::filesystem::file_size(path, ec);
        if (!ec) {
            std::filesystem::resize_file(path, n / 2, ec);
        }
        return built;
    }
    built.checkable = true;
    built.events = core[0].inserted;
    built.objects = core[1].inserted;
    built.links = core[2].inserted;
    built.relations = core[3].inserted;
    return built;
}

using Link = std::tuple<std::uint32_t, std::string, std::string, std::string>;

std::vector<Link> links_of(const journey::EventLog& log) {
    std::vector<Link> out;
    for (const journey::ObjectLink& l : log.object_links()) {
        out.emplace_back(l.event, std::string(log.object_types()[l.type]),
                         std::string(log.object_ids()[l.object]),
                         l.qualifier == journey::no_id ? std::string() : std::string(log.values()[l.qualifier]));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

/// What the writer keeps of a log read from OCEL: the events (ids, types, times),
/// the objects, the links and the relations (each as a set).
bool same_core(const OcelLog& a, const OcelLog& b) {
    const journey::EventLog& x = a.events;
    const journey::EventLog& y = b.events;
    if (x.num_events() != y.num_events() || x.num_cases() != y.num_cases()) {
        return false;
    }
    for (std::size_t c = 0; c < x.num_cases(); ++c) {
        if (x.case_name(c) != y.case_name(c)) {
            return false;
        }
    }
    for (std::size_t i = 0; i < x.num_events(); ++i) {
        if (x.activity_names()[x.activities()[i]] != y.activity_names()[y.activities()[i]] ||
            x.timestamps()[i] != y.timestamps()[i]) {
            return false;
        }
    }
    if (a.objects.size() != b.objects.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.objects.size(); ++i) {
        if (a.objects[i].type != b.objects[i].type || a.objects[i].id != b.objects[i].id) {
            return false;
        }
    }
    auto ra = a.relations;
    auto rb = b.relations;
    ra.erase(std::unique(ra.begin(), ra.end()), ra.end());
    rb.erase(std::unique(rb.begin(), rb.end()), rb.end());
    return ra == rb && links_of(x) == links_of(y);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string& in = temp_path(0);
    const std::string& out = temp_path(1);
    static const bool verbose = std::getenv("OCEL_FUZZ_VERBOSE") != nullptr;
    const Built built = build(data, size, in);
    OcelLog first;
    try {
        first = journey::store::read_ocel_sqlite(in);
    } catch (const journey::error& e) {
        if (verbose) {
            std::fprintf(stderr, "ocel_fuzz: refused: %s\n", e.what());
        }
        return 0;
    }
    if (verbose) {
        std::fprintf(stderr, "ocel_fuzz: read %zu events, %zu objects, %zu links, %zu relations\n",
                     first.events.num_events(), first.objects.size(),
                     first.events.object_links().size(), first.relations.size());
    }
    if (built.checkable &&
        (first.events.num_events() != built.events || first.events.num_cases() != built.events ||
         first.objects.size() != built.objects ||
         first.events.object_links().size() != built.links ||
         first.relations.size() != built.relations)) {
        std::abort(); // a row read twice, or left out without an error
    }
    OcelLog second;
    try {
        journey::store::write_ocel_sqlite(first, out);
        second = journey::store::read_ocel_sqlite(out);
    } catch (const journey::error& e) {
        // A log read from OCEL must write, and what was written must read.
        std::fprintf(stderr, "ocel_fuzz: round trip failed: %s\n", e.what());
        std::abort();
    }
    if (!same_core(first, second)) {
        std::abort();
    }
    OcelLog third;
    try {
        journey::store::write_ocel_sqlite(second, out);
        third = journey::store::read_ocel_sqlite(out);
    } catch (const journey::error& e) {
        std::fprintf(stderr, "ocel_fuzz: second round trip failed: %s\n", e.what());
        std::abort();
    }
    if (!(third == second)) {
        std::abort();
    }
    return 0;
}
