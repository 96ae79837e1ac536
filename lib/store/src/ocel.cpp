// OCEL 2.0 SQLite encoding: reading and writing.

#include <journey/store/ocel.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include <journey/core/error.hpp>
#include <journey/core/event_log_builder.hpp>
#include <journey/store/store.hpp>

#include "attr_value.hpp"
#include "sqlite_utils.hpp"

namespace journey::store {

using detail::Db;
using detail::quote_identifier;
using detail::Stmt;

namespace {

// Columns of event_<Type> tables that fill core fields of the event log.
constexpr std::string_view col_resource = "org:resource";
constexpr std::string_view col_department = "org:group";
constexpr std::string_view col_channel = "channel";
constexpr std::string_view col_lifecycle = "lifecycle:transition";

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

/// The attribute type a declared SQLite column type stands for.
AttrType declared_type(std::string_view decl) {
    const std::string d = lower(decl);
    if (d.find("bool") != std::string::npos) {
        return AttrType::boolean;
    }
    if (d.find("int") != std::string::npos) {
        return AttrType::integer;
    }
    if (d.find("real") != std::string::npos || d.find("floa") != std::string::npos ||
        d.find("doub") != std::string::npos) {
        return AttrType::real;
    }
    if (d.find("time") != std::string::npos || d.find("date") != std::string::npos) {
        return AttrType::time;
    }
    return AttrType::string;
}

std::string_view sql_type(AttrType t) {
    switch (t) {
    case AttrType::integer:
        return "INTEGER";
    case AttrType::real:
        return "REAL";
    case AttrType::boolean:
        return "BOOLEAN";
    case AttrType::time:
        return "TIMESTAMP";
    default:
        return "TEXT";
    }
}

// The times OCEL files may hold: years 0000 to 9999 in UTC, what ISO 8601 text with
// four-digit years (the form written back) can carry.
constexpr std::int64_t min_seconds = -62'167'219'200; // 0000-01-01T00:00:00Z
constexpr std::int64_t max_seconds = 253'402'300'799; // 9999-12-31T23:59:59Z

bool time_in_range(Timestamp t) {
    return t >= min_seconds * micros_per_second && t < (max_seconds + 1) * micros_per_second;
}

/// A cell converted to a typed value.
struct Cell {
    AttrType type = AttrType::string;
    std::int64_t raw = 0;
    std::string text;
};

bool parse_int(std::string_view s, std::int64_t& out) {
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty();
}

bool parse_real(std::string_view s, double& out) {
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty();
}

/// Converts a non-NULL cell, guided by the column's declared type; a value that
/// does not fit the declared type keeps the type of what is stored.
Cell read_cell(const Stmt& st, int col, AttrType declared) {
    Cell c;
    const int storage = st.type(col);
    if (storage == SQLITE_INTEGER) {
        c.raw = st.int64(col);
        if (declared == AttrType::boolean && (c.raw == 0 || c.raw == 1)) {
            c.type = AttrType::boolean;
        } else if (declared == AttrType::real) {
            c.type = AttrType::real;
            c.raw = attr_raw(static_cast<double>(c.raw));
        } else {
            c.type = AttrType::integer;
        }
        return c;
    }
    if (storage == SQLITE_FLOAT) {
        c.type = AttrType::real;
        c.raw = attr_raw(st.real(col));
        return c;
    }
    const std::string_view text = st.text(col);
    switch (declared) {
    case AttrType::time:
        if (const auto t = parse_iso8601(text); t && time_in_range(*t)) {
            c.type = AttrType::time;
            c.raw = *t;
            return c;
        }
        break;
    case AttrType::integer:
        if (parse_int(text, c.raw)) {
            c.type = AttrType::integer;
            return c;
        }
        break;
    case AttrType::real: {
        double v = 0;
        if (parse_real(text, v)) {
            c.type = AttrType::real;
            c.raw = attr_raw(v);
            return c;
        }
        break;
    }
    case AttrType::boolean: {
        const std::string l = lower(text);
        if (l == "true" || l == "1" || l == "false" || l == "0") {
            c.type = AttrType::boolean;
            c.raw = l == "true" || l == "1" ? 1 : 0;
            return c;
        }
        break;
    }
    default:
        break;
    }
    c.type = AttrType::string;
    c.raw = 0;
    c.text = text;
    return c;
}

/// "YYYY-MM-DD HH:MM:SS[.fff|.ffffff]" in UTC, the form OCEL 2.0 SQLite files use.
std::string ocel_time(Timestamp t) {
    std::string s = format_iso8601(t);
    const auto tpos = s.find('T');
    if (tpos != std::string::npos) {
        s[tpos] = ' ';
    }
    if (s.size() > 6 && s.compare(s.size() - 6, 6, "+00:00") == 0) {
        s.resize(s.size() - 6);
    }
    return s;
}

/// Type name -> table-name part: letters and digits only (as pm4py writes them).
std::string map_name(std::string_view type) {
    std::string out;
    for (const char c : type) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
            out += c;
        }
    }
    return out.empty() ? std::string("Type") : out;
}

class OcelReader {
public:
    explicit OcelReader(const std::string& path) : m_path(path) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) {
            throw io_error(path, "no such file");
        }
        if (sniff_sqlite(path) == SqliteKind::not_sqlite) {
            fail("not an SQLite file");
        }
        m_db = Db(path, SQLITE_OPEN_READONLY);
        for (const char* t : {"event", "object", "event_object"}) {
            if (!m_db.has_table(t)) {
                fail(std::string("not an OCEL 2.0 log: table '") + t + "' is missing");
            }
        }
    }

    OcelLog read() {
        read_objects();
        read_links();
        read_events();
        read_relations();
        OcelLog out;
        out.events = m_builder.finish();
        for (auto& [key, o] : m_objects) {
            std::stable_sort(o.attributes.begin(), o.attributes.end(),
                             [](const OcelAttributeValue& a, const OcelAttributeValue& b) {
                                 return a.time != b.time ? a.time < b.time : a.key < b.key;
                             });
            out.objects.push_back(std::move(o));
        }
        std::sort(out.objects.begin(), out.objects.end(), [](const OcelObject& a, const OcelObject& b) {
            return a.type != b.type ? a.type < b.type : a.id < b.id;
        });
        out.relations = std::move(m_relations);
        std::sort(out.relations.begin(), out.relations.end(),
                  [](const OcelRelation& a, const OcelRelation& b) {
                      return std::tie(a.source_type, a.source_id, a.target_type, a.target_id,
                                      a.qualifier) < std::tie(b.source_type, b.source_id,
                                                              b.target_type, b.target_id,
                                                              b.qualifier);
                  });
        return out;
    }

private:
    [[noreturn]] void fail(const std::string& message) const {
        throw format_error(m_path, 0, 0, message);
    }

    /// type -> table-name part, from <kind>_map_type or derived from the name.
    std::map<std::string, std::string> type_map(const char* table) {
        std::map<std::string, std::string> m;
        if (m_db.has_table(table)) {
            Stmt st(m_db, std::string("SELECT ocel_type, ocel_type_map FROM ") + table);
            while (st.step()) {
                m.emplace(std::string(st.text(0)), std::string(st.text(1)));
            }
        }
        return m;
    }

    std::string table_for(const std::map<std::string, std::string>& m, const std::string& prefix,
                          const std::string& type) const {
        const auto it = m.find(type);
        return prefix + (it != m.end() ? it->second : map_name(type));
    }

    /// Rows of a table in insertion order where the table has a rowid.
    Stmt select_all(const std::string& table, const std::string& columns) {
        const std::string base = "SELECT " + columns + " FROM " + quote_identifier(table);
        try {
            return Stmt(m_db, base + " ORDER BY rowid");
        } catch (const store_error&) {
            return Stmt(m_db, base);
        }
    }

    Timestamp parse_time(const Stmt& st, int col, const std::string& table,
                         std::string_view id) const {
        if (st.is_null(col)) {
            return no_timestamp;
        }
        const auto out_of_range = [&] {
            fail("table " + table + ": '" + std::string(id) + "': ocel_time out of range '" +
                 std::string(st.text(col)) + "'");
        };
        if (st.type(col) == SQLITE_INTEGER) {
            const std::int64_t s = st.int64(col);
            if (s < min_seconds || s > max_seconds) {
                out_of_range();
            }
            return s * micros_per_second;
        }
        if (st.type(col) == SQLITE_FLOAT) {
            const double s = st.real(col);
            if (!(s >= static_cast<double>(min_seconds) && s < static_cast<double>(max_seconds + 1))) {
                out_of_range();
            }
            return std::min<Timestamp>(std::llround(s * 1e6), (max_seconds + 1) * micros_per_second - 1);
        }
        const auto t = parse_iso8601(st.text(col));
        if (!t) {
            fail("table " + table + ": '" + std::string(id) + "': unparseable ocel_time '" +
                 std::string(st.text(col)) + "'");
        }
        if (!time_in_range(*t)) {
            out_of_range();
        }
        return *t;
    }

    void read_objects() {
        Stmt st = select_all("object", "ocel_id, ocel_type");
        std::set<std::string> types;
        while (st.step()) {
            const std::string id(st.text(0));
            const std::string type(st.text(1));
            if (!m_type_of.emplace(id, type).second) {
                fail("object '" + id + "' is listed twice");
            }
            OcelObject& o = m_objects[{type, id}];
            o.type = type;
            o.id = id;
            types.insert(type);
        }
        const auto maps = type_map("object_map_type");
        for (const std::string& type : types) {
            const std::string table = table_for(maps, "object_", type);
            if (!m_db.has_table(table)) {
                continue;
            }
            Stmt rows = select_all(table, "*");
            int id_col = -1, time_col = -1, changed_col = -1;
            std::vector<std::pair<int, AttrType>> attr_cols;
            for (int c = 0; c < rows.columns(); ++c) {
                const std::string_view name = rows.column_name(c);
                if (name == "ocel_id") {
                    id_col = c;
                } else if (name == "ocel_time") {
                    time_col = c;
                } else if (name == "ocel_changed_field") {
                    changed_col = c;
                } else {
                    attr_cols.emplace_back(c, declared_type(rows.declared_type(c)));
                }
            }
            if (id_col < 0) {
                fail("table " + table + " has no ocel_id column");
            }
            while (rows.step()) {
                const std::string id(rows.text(id_col));
                const auto it = m_objects.find({type, id});
                if (it == m_objects.end()) {
                    fail("table " + table + ": unknown object '" + id + "'");
                }
                const Timestamp t = time_col < 0 ? 0 : parse_time(rows, time_col, table, id);
                const std::string changed =
                    changed_col < 0 || rows.is_null(changed_col) ? std::string()
                                                                  : std::string(rows.text(changed_col));
                for (const auto& [c, declared] : attr_cols) {
                    const std::string key(rows.column_name(c));
                    if (rows.is_null(c) || (!changed.empty() && key != changed)) {
                        continue;
                    }
                    Cell cell = read_cell(rows, c, declared);
                    it->second.attributes.push_back(
                        OcelAttributeValue{key, cell.type, cell.raw, std::move(cell.text),
                                           t == no_timestamp ? 0 : t});
                }
            }
        }
    }

    void read_links() {
        Stmt st = select_all("event_object", "ocel_event_id, ocel_object_id, ocel_qualifier");
        while (st.step()) {
            const std::string object(st.text(1));
            if (m_type_of.find(object) == m_type_of.end()) {
                fail("event_object: event '" + std::string(st.text(0)) + "' links to unknown object '" +
                     object + "'");
            }
            m_links[std::string(st.text(0))].emplace_back(object, std::string(st.text(2)));
        }
    }

    void read_events() {
        // Times and attributes per event id, from the event_<Type> tables.
        struct Detail {
            Timestamp time = no_timestamp;
            std::vector<std::pair<std::string, Cell>> attrs;
            std::string resource, department, channel, lifecycle;
            bool found = false;
        };
        std::unordered_map<std::string, Detail> details;
        std::vector<std::pair<std::string, std::string>> events; // id, type
        std::set<std::string> types;
        {
            Stmt st = select_all("event", "ocel_id, ocel_type");
            while (st.step()) {
                events.emplace_back(std::string(st.text(0)), std::string(st.text(1)));
                types.insert(events.back().second);
                if (!details.emplace(events.back().first, Detail{}).second) {
                    fail("event '" + events.back().first + "' is listed twice");
                }
            }
        }
        const auto maps = type_map("event_map_type");
        std::map<std::string, std::string> table_of;
        for (const std::string& type : types) {
            const std::string table = table_for(maps, "event_", type);
            table_of[type] = table;
            if (!m_db.has_table(table)) {
                continue;
            }
            Stmt rows = select_all(table, "*");
            int id_col = -1, time_col = -1;
            std::vector<std::pair<int, AttrType>> attr_cols;
            for (int c = 0; c < rows.columns(); ++c) {
                const std::string_view name = rows.column_name(c);
                if (name == "ocel_id") {
                    id_col = c;
                } else if (name == "ocel_time") {
                    time_col = c;
                } else {
                    attr_cols.emplace_back(c, declared_type(rows.declared_type(c)));
                }
            }
            if (id_col < 0) {
                fail("table " + table + " has no ocel_id column");
            }
            while (rows.step()) {
                const std::string id(rows.text(id_col));
                const auto it = details.find(id);
                if (it == details.end()) {
                    fail("table " + table + ": unknown event '" + id + "'");
                }
                Detail& d = it->second;
                d.found = true;
                d.time = time_col < 0 ? no_timestamp : parse_time(rows, time_col, table, id);
                for (const auto& [c, declared] : attr_cols) {
                    if (rows.is_null(c)) {
                        continue;
                    }
                    const std::string_view name = rows.column_name(c);
                    const bool text = rows.type(c) == SQLITE_TEXT;
                    if (text && name == col_resource) {
                        d.resource = rows.text(c);
                    } else if (text && name == col_department) {
                        d.department = rows.text(c);
                    } else if (text && name == col_channel) {
                        d.channel = rows.text(c);
                    } else if (text && name == col_lifecycle) {
                        d.lifecycle = rows.text(c);
                    } else {
                        d.attrs.emplace_back(std::string(name), read_cell(rows, c, declared));
                    }
                }
            }
        }

        EventLogBuilder& b = m_builder;
        b.reserve(events.size());
        for (const auto& [id, type] : events) {
            const Detail& d = details[id];
            if (!d.found) {
                fail("event '" + id + "' of type '" + type + "' has no row in table " + table_of[type]);
            }
            EventFields f;
            f.activity = b.activities().insert(type);
            f.timestamp = d.time;
            f.resource = b.resources().insert(d.resource);
            f.department = b.departments().insert(d.department);
            f.channel = b.channels().insert(d.channel);
            f.lifecycle = b.lifecycles().insert(d.lifecycle);
            b.add_event(id, f);
            for (const auto& [key, cell] : d.attrs) {
                const auto h = b.event_attribute(key, cell.type);
                b.set(h, detail::is_text_type(cell.type) ? b.values().insert(cell.text) : cell.raw);
            }
            const auto links = m_links.find(id);
            if (links != m_links.end()) {
                for (const auto& [object, qualifier] : links->second) {
                    b.add_object(m_type_of[object], object, qualifier);
                }
                m_links.erase(links);
            }
        }
        if (!m_links.empty()) {
            fail("event_object: unknown event '" + m_links.begin()->first + "'");
        }
    }

    void read_relations() {
        if (!m_db.has_table("object_object")) {
            return;
        }
        Stmt st = select_all("object_object", "ocel_source_id, ocel_target_id, ocel_qualifier");
        while (st.step()) {
            const std::string from(st.text(0));
            const std::string to(st.text(1));
            for (const std::string* id : {&from, &to}) {
                if (m_type_of.find(*id) == m_type_of.end()) {
                    fail("object_object: unknown object '" + *id + "'");
                }
            }
            m_relations.push_back(
                OcelRelation{m_type_of[from], from, m_type_of[to], to, std::string(st.text(2))});
        }
    }

    std::string m_path;
    Db m_db;
    EventLogBuilder m_builder;
    std::unordered_map<std::string, std::string> m_type_of; // object id -> type
    std::map<std::pair<std::string, std::string>, OcelObject> m_objects;
    std::unordered_map<std::string, std::vector<std::pair<std::string, std::string>>> m_links;
    std::vector<OcelRelation> m_relations;
};

/// Unique column names for one table: `key` for the first (key, type), then
/// `key:<type>`, and never a reserved name; compared ignoring case, as SQLite does.
class ColumnNames {
public:
    explicit ColumnNames(std::initializer_list<std::string_view> reserved) {
        for (const std::string_view r : reserved) {
            m_taken.insert(lower(r));
        }
    }
    std::string add(const std::string& key, AttrType type) {
        std::string name = key;
        if (!m_taken.insert(lower(name)).second) {
            name = key + ":" + std::string(attr_type_name(type));
            for (int n = 2; !m_taken.insert(lower(name)).second; ++n) {
                name = key + ":" + std::string(attr_type_name(type)) + ":" + std::to_string(n);
            }
        }
        return name;
    }

private:
    std::set<std::string> m_taken;
};

/// Unique table-name parts for types, compared ignoring case as SQLite compares table
/// names; never `object`, which would name a standard table (event_object, object_object).
std::map<std::string, std::string> make_maps(const std::set<std::string>& types) {
    std::map<std::string, std::string> out;
    std::set<std::string> used{"object"};
    for (const std::string& t : types) {
        std::string m = map_name(t);
        const std::string base = m;
        for (int n = 2; !used.insert(lower(m)).second; ++n) {
            m = base + std::to_string(n);
        }
        out.emplace(t, m);
    }
    return out;
}

void bind_value(Stmt& st, int i, AttrType type, std::int64_t raw, std::string_view text) {
    switch (type) {
    case AttrType::integer:
    case AttrType::boolean:
        st.bind(i, raw);
        return;
    case AttrType::real: {
        const double v = attr_real(raw);
        if (std::isnan(v)) {
            st.bind(i, std::string_view("NaN"));
        } else {
            st.bind_double(i, v);
        }
        return;
    }
    case AttrType::time:
        st.bind(i, ocel_time(raw));
        return;
    default:
        st.bind(i, text);
    }
}

} // namespace

OcelLog read_ocel_sqlite(const std::string& path) { return OcelReader(path).read(); }

OcelLog ocel_from_log(EventLog log) {
    OcelLog out;
    std::set<std::pair<std::string, std::string>> seen;
    for (const ObjectLink& l : log.object_links()) {
        seen.emplace(std::string(log.object_types()[l.type]), std::string(log.object_ids()[l.object]));
    }
    for (const auto& [type, id] : seen) {
        out.objects.push_back(OcelObject{type, id, {}});
    }
    out.events = std::move(log);
    return out;
}

void write_ocel_sqlite(const OcelLog& ocel, const std::string& path) {
    const EventLog& log = ocel.events;
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::filesystem::remove(path + suffix, ec);
        if (ec) {
            throw io_error(path + suffix, "cannot replace: " + ec.message());
        }
    }
    Db db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.exec("BEGIN");

    // Objects: every object of the log, its links and its relations.
    std::set<std::pair<std::string, std::string>> objects; // (type, id)
    for (const OcelObject& o : ocel.objects) {
        objects.emplace(o.type, o.id);
    }
    for (const ObjectLink& l : log.object_links()) {
        objects.emplace(std::string(log.object_types()[l.type]), std::string(log.object_ids()[l.object]));
    }
    for (const OcelRelation& r : ocel.relations) {
        objects.emplace(r.source_type, r.source_id);
        objects.emplace(r.target_type, r.target_id);
    }
    std::set<std::string> ids;
    bool qualify = false;
    for (const auto& [type, id] : objects) {
        qualify = qualify || !ids.insert(id).second;
    }
    const auto object_name = [&](std::string_view type, std::string_view id) {
        return qualify ? std::string(type) + ":" + std::string(id) : std::string(id);
    };

    // Event ids.
    bool single = true;
    for (std::size_t c = 0; c < log.num_cases(); ++c) {
        single = single && log.case_end(c) - log.case_begin(c) == 1;
    }
    std::vector<std::string> event_id(log.num_events());
    for (std::size_t c = 0; c < log.num_cases(); ++c) {
        for (std::size_t i = log.case_begin(c); i < log.case_end(c); ++i) {
            event_id[i] = single ? std::string(log.case_name(c))
                                 : std::string(log.case_name(c)) + ":" +
                                       std::to_string(i - log.case_begin(c) + 1);
        }
    }

    std::set<std::string> event_types;
    for (const Id a : log.activities()) {
        event_types.insert(std::string(log.activity_names()[a]));
    }
    std::set<std::string> object_types;
    for (const auto& [type, id] : objects) {
        object_types.insert(type);
    }
    const auto event_maps = make_maps(event_types);
    const auto object_maps = make_maps(object_types);

    db.exec("CREATE TABLE event_map_type (ocel_type TEXT PRIMARY KEY, ocel_type_map TEXT);"
            "CREATE TABLE object_map_type (ocel_type TEXT PRIMARY KEY, ocel_type_map TEXT);"
            "CREATE TABLE event (ocel_id TEXT PRIMARY KEY, ocel_type TEXT);"
            "CREATE TABLE object (ocel_id TEXT PRIMARY KEY, ocel_type TEXT);"
            "CREATE TABLE event_object (ocel_event_id TEXT, ocel_object_id TEXT, ocel_qualifier TEXT,"
            " PRIMARY KEY (ocel_event_id, ocel_object_id, ocel_qualifier));"
            "CREATE TABLE object_object (ocel_source_id TEXT, ocel_target_id TEXT, ocel_qualifier TEXT,"
            " PRIMARY KEY (ocel_source_id, ocel_target_id, ocel_qualifier));");
    {
        Stmt st(db, "INSERT INTO event_map_type VALUES (?1, ?2)");
        for (const auto& [type, m] : event_maps) {
            st.bind(1, type).bind(2, m).run();
        }
        Stmt so(db, "INSERT INTO object_map_type VALUES (?1, ?2)");
        for (const auto& [type, m] : object_maps) {
            so.bind(1, type).bind(2, m).run();
        }
        Stmt ob(db, "INSERT INTO object VALUES (?1, ?2)");
        for (const auto& [type, id] : objects) {
            ob.bind(1, object_name(type, id)).bind(2, type).run();
        }
    }

    // Events, grouped by type: one event_<Type> table each.
    struct TypeColumns {
        std::vector<std::size_t> events;
        bool resource = false, department = false, channel = false, lifecycle = false;
        std::set<std::pair<std::string, AttrType>> attrs;
    };
    std::map<std::string, TypeColumns> by_type;
    for (std::size_t i = 0; i < log.num_events(); ++i) {
        TypeColumns& t = by_type[std::string(log.activity_names()[log.activities()[i]])];
        t.events.push_back(i);
        t.resource = t.resource || log.resources()[i] != no_id;
        t.department = t.department || log.departments()[i] != no_id;
        t.channel = t.channel || log.channels()[i] != no_id;
        t.lifecycle = t.lifecycle || log.lifecycles()[i] != no_id;
    }
    const auto& attr_cols = log.event_attributes();
    // Which attribute columns each type uses.
    for (std::size_t k = 0; k < attr_cols.size(); ++k) {
        for (const std::uint32_t row : attr_cols[k].rows) {
            by_type[std::string(log.activity_names()[log.activities()[row]])].attrs.emplace(
                std::string(log.attribute_names()[attr_cols[k].key]), attr_cols[k].type);
        }
    }
    {
        Stmt ev(db, "INSERT INTO event VALUES (?1, ?2)");
        for (std::size_t i = 0; i < log.num_events(); ++i) {
            ev.bind(1, event_id[i]).bind(2, log.activity_names()[log.activities()[i]]).run();
        }
    }
    for (const auto& [type, cols] : by_type) {
        const std::string table = "event_" + event_maps.at(type);
        ColumnNames names({"ocel_id", "ocel_time"});
        std::string ddl = "CREATE TABLE " + quote_identifier(table) +
                          " (ocel_id TEXT PRIMARY KEY, ocel_time TIMESTAMP";
        std::string insert = "INSERT INTO " + quote_identifier(table) + " VALUES (?1, ?2";
        int param = 2;
        const auto add_column = [&](const std::string& name, std::string_view sql) {
            ddl += ", " + quote_identifier(name) + " " + std::string(sql);
            insert += ", ?" + std::to_string(++param);
            return param;
        };
        const int p_res = cols.resource ? add_column(names.add(std::string(col_resource), AttrType::string), "TEXT") : 0;
        const int p_dep = cols.department ? add_column(names.add(std::string(col_department), AttrType::string), "TEXT") : 0;
        const int p_chan = cols.channel ? add_column(names.add(std::string(col_channel), AttrType::string), "TEXT") : 0;
        const int p_life = cols.lifecycle ? add_column(names.add(std::string(col_lifecycle), AttrType::string), "TEXT") : 0;
        std::map<std::pair<std::string, AttrType>, int> attr_param;
        for (const auto& [key, type_] : cols.attrs) {
            attr_param[{key, type_}] = add_column(names.add(key, type_), sql_type(type_));
        }
        db.exec(ddl + ")");
        Stmt st(db, insert + ")");
        for (const std::size_t i : cols.events) {
            st.reset();
            for (int p = 1; p <= param; ++p) {
                st.bind_null(p);
            }
            st.bind(1, event_id[i]);
            if (log.timestamps()[i] != no_timestamp) {
                st.bind(2, ocel_time(log.timestamps()[i]));
            }
            if (p_res > 0 && log.resources()[i] != no_id) {
                st.bind(p_res, log.resource_names()[log.resources()[i]]);
            }
            if (p_dep > 0 && log.departments()[i] != no_id) {
                st.bind(p_dep, log.department_names()[log.departments()[i]]);
            }
            if (p_chan > 0 && log.channels()[i] != no_id) {
                st.bind(p_chan, log.channel_names()[log.channels()[i]]);
            }
            if (p_life > 0 && log.lifecycles()[i] != no_id) {
                st.bind(p_life, log.lifecycle_names()[log.lifecycles()[i]]);
            }
            for (std::size_t k = 0; k < attr_cols.size(); ++k) {
                const AttrColumn& c = attr_cols[k];
                if (const std::int64_t* raw = c.find(static_cast<std::uint32_t>(i))) {
                    const int p = attr_param.at({std::string(log.attribute_names()[c.key]), c.type});
                    bind_value(st, p, c.type, *raw,
                               detail::is_text_type(c.type) ? log.values()[static_cast<Id>(*raw)]
                                                                  : std::string_view());
                }
            }
            st.run();
        }
    }

    {
        Stmt st(db, "INSERT OR IGNORE INTO event_object VALUES (?1, ?2, ?3)");
        for (const ObjectLink& l : log.object_links()) {
            st.bind(1, event_id[l.event])
                .bind(2, object_name(log.object_types()[l.type], log.object_ids()[l.object]))
                .bind(3, log.values()[l.qualifier])
                .run();
        }
        Stmt rel(db, "INSERT OR IGNORE INTO object_object VALUES (?1, ?2, ?3)");
        for (const OcelRelation& r : ocel.relations) {
            rel.bind(1, object_name(r.source_type, r.source_id))
                .bind(2, object_name(r.target_type, r.target_id))
                .bind(3, r.qualifier)
                .run();
        }
    }

    // Object attributes: per type, one row with the values at the object's earliest
    // time (ocel_changed_field NULL), then one row per later value.
    std::map<std::string, std::vector<const OcelObject*>> objects_of_type;
    for (const OcelObject& o : ocel.objects) {
        objects_of_type[o.type].push_back(&o);
    }
    for (const std::string& type : object_types) {
        const std::string table = "object_" + object_maps.at(type);
        ColumnNames names({"ocel_id", "ocel_time", "ocel_changed_field"});
        std::map<std::pair<std::string, AttrType>, std::string> column_of;
        std::vector<std::pair<std::string, AttrType>> keys;
        for (const OcelObject* o : objects_of_type[type]) {
            for (const OcelAttributeValue& v : o->attributes) {
                if (column_of.emplace(std::pair(v.key, v.type), std::string()).second) {
                    keys.emplace_back(v.key, v.type);
                }
            }
        }
        std::sort(keys.begin(), keys.end());
        std::string ddl = "CREATE TABLE " + quote_identifier(table) +
                          " (ocel_id TEXT, ocel_time TIMESTAMP, ocel_changed_field TEXT";
        std::string insert = "INSERT INTO " + quote_identifier(table) + " VALUES (?1, ?2, ?3";
        std::map<std::pair<std::string, AttrType>, int> param_of;
        int param = 3;
        for (const auto& k : keys) {
            const std::string name = names.add(k.first, k.second);
            column_of[k] = name;
            ddl += ", " + quote_identifier(name) + " " + std::string(sql_type(k.second));
            insert += ", ?" + std::to_string(++param);
            param_of[k] = param;
        }
        db.exec(ddl + ")");
        Stmt st(db, insert + ")");
        const auto begin_row = [&](const OcelObject& o, Timestamp t) {
            st.reset();
            for (int p = 1; p <= param; ++p) {
                st.bind_null(p);
            }
            st.bind(1, object_name(o.type, o.id)).bind(2, ocel_time(t));
        };
        for (const OcelObject* o : objects_of_type[type]) {
            if (o->attributes.empty()) {
                continue;
            }
            const Timestamp first = std::min_element(o->attributes.begin(), o->attributes.end(),
                                                     [](const auto& a, const auto& b) { return a.time < b.time; })
                                        ->time;
            std::set<std::pair<std::string, AttrType>> in_first;
            std::vector<const OcelAttributeValue*> later;
            begin_row(*o, first);
            for (const OcelAttributeValue& v : o->attributes) {
                const auto k = std::pair(v.key, v.type);
                if (v.time == first && in_first.insert(k).second) {
                    bind_value(st, param_of.at(k), v.type, v.raw, v.text);
                } else {
                    later.push_back(&v);
                }
            }
            st.run();
            for (const OcelAttributeValue* v : later) {
                const auto k = std::pair(v->key, v->type);
                begin_row(*o, v->time);
                st.bind(3, column_of.at(k));
                bind_value(st, param_of.at(k), v->type, v->raw, v->text);
                st.run();
            }
        }
    }
    db.exec("COMMIT");
}

} // namespace journey::store
