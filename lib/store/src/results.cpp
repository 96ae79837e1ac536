#include <journey/core/csv_text.hpp>
#include <journey/store/results.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <set>

#include <journey/core/error.hpp>
#include <journey/store/store.hpp>

#include "results_detail.hpp"
#include "sqlite_utils.hpp"

namespace journey::store {

using detail::Db;
using detail::quote_identifier;
using detail::Stmt;
using detail::time_cell;

namespace {

using I = std::int64_t;

std::string format_real(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 6);
    std::string s(buf, r.ptr);
    while (s.back() == '0') {
        s.pop_back();
    }
    if (s.back() == '.') {
        s.pop_back();
    }
    return s == "-0" ? "0" : s;
}


std::string_view sql_type(ColumnType t) {
    switch (t) {
    case ColumnType::integer:
        return "INTEGER";
    case ColumnType::real:
        return "REAL";
    case ColumnType::text:
        break;
    }
    return "TEXT";
}

} // namespace

ResultTable activity_table(const miners::Dfg& dfg) {
    ResultTable t{"activity",
                  {{"activity", ColumnType::text},
                   {"events", ColumnType::integer},
                   {"start_cases", ColumnType::integer},
                   {"end_cases", ColumnType::integer}},
                  {}};
    for (std::size_t i = 0; i < dfg.activities.size(); ++i) {
        t.rows.push_back({dfg.activities[i], static_cast<I>(dfg.activity_counts[i]),
                          static_cast<I>(dfg.start_counts[i]), static_cast<I>(dfg.end_counts[i])});
    }
    return t;
}

ResultTable dfg_edge_table(const miners::Dfg& dfg) {
    ResultTable t{"dfg_edge",
                  {{"from_activity", ColumnType::text},
                   {"to_activity", ColumnType::text},
                   {"count", ColumnType::integer},
                   {"mean_s", ColumnType::real},
                   {"median_s", ColumnType::real},
                   {"p90_s", ColumnType::real},
                   {"min_s", ColumnType::real},
                   {"max_s", ColumnType::real}},
                  {}};
    for (const miners::DfgEdge& e : dfg.edges) {
        t.rows.push_back({dfg.activities[e.from], dfg.activities[e.to], static_cast<I>(e.count),
                          e.duration.mean_s, e.duration.median_s, e.duration.p90_s,
                          e.duration.min_s, e.duration.max_s});
    }
    return t;
}

ResultTable variant_table(const miners::Variants& v) {
    ResultTable t{"variant",
                  {{"variant_id", ColumnType::integer},
                   {"cases", ColumnType::integer},
                   {"share", ColumnType::real},
                   {"events", ColumnType::integer},
                   {"trace", ColumnType::text}},
                  {}};
    for (std::size_t i = 0; i < v.variants.size(); ++i) {
        std::string trace;
        for (const std::uint32_t a : v.variants[i].trace) {
            trace += trace.empty() ? "" : " > ";
            trace += v.activities[a];
        }
        t.rows.push_back({static_cast<I>(i + 1), static_cast<I>(v.variants[i].count), v.share(i),
                          static_cast<I>(v.variants[i].trace.size()), std::move(trace)});
    }
    return t;
}

ResultTable variant_step_table(const miners::Variants& v) {
    ResultTable t{"variant_step",
                  {{"variant_id", ColumnType::integer},
                   {"position", ColumnType::integer},
                   {"activity", ColumnType::text}},
                  {}};
    for (std::size_t i = 0; i < v.variants.size(); ++i) {
        const auto& trace = v.variants[i].trace;
        for (std::size_t p = 0; p < trace.size(); ++p) {
            t.rows.push_back({static_cast<I>(i + 1), static_cast<I>(p + 1), v.activities[trace[p]]});
        }
    }
    return t;
}

ResultTable journey_table(const EventLog& log, const miners::Variants& variants) {
    ResultTable t{"journey",
                  {{"case_id", ColumnType::text},
                   {"variant_id", ColumnType::integer},
                   {"events", ColumnType::integer},
                   {"first_activity", ColumnType::text},
                   {"last_activity", ColumnType::text},
                   {"start_time_utc", ColumnType::text},
                   {"end_time_utc", ColumnType::text},
                   {"duration_s", ColumnType::real},
                   {"departments", ColumnType::integer}},
                  {}};
    // Log activity id -> index in variants.activities (sorted names).
    std::vector<std::uint32_t> local(log.activity_names().size(), 0);
    for (std::size_t a = 0; a < local.size(); ++a) {
        const std::string_view name = log.activity_names()[static_cast<Id>(a)];
        const auto it = std::lower_bound(variants.activities.begin(), variants.activities.end(), name);
        local[a] = static_cast<std::uint32_t>(it - variants.activities.begin());
    }
    std::map<std::vector<std::uint32_t>, std::size_t> id_of;
    for (std::size_t i = 0; i < variants.variants.size(); ++i) {
        id_of.emplace(variants.variants[i].trace, i + 1);
    }
    const auto acts = log.activities();
    const auto ts = log.timestamps();
    std::vector<std::uint32_t> trace;
    std::set<Id> departments;
    for (std::size_t c = 0; c < log.num_cases(); ++c) {
        const std::size_t b = log.case_begin(c);
        const std::size_t e = log.case_end(c);
        trace.clear();
        departments.clear();
        Timestamp first = no_timestamp;
        Timestamp last = no_timestamp;
        for (std::size_t i = b; i < e; ++i) {
            trace.push_back(local[acts[i]]);
            if (log.departments()[i] != no_id) {
                departments.insert(log.departments()[i]);
            }
            if (ts[i] != no_timestamp) {
                first = first == no_timestamp ? ts[i] : std::min(first, ts[i]);
                last = last == no_timestamp ? ts[i] : std::max(last, ts[i]);
            }
        }
        const auto it = id_of.find(trace);
        t.rows.push_back({std::string(log.case_name(c)),
                          it == id_of.end() ? Cell{} : Cell{static_cast<I>(it->second)},
                          static_cast<I>(e - b),
                          b < e ? Cell{std::string(log.activity_names()[acts[b]])} : Cell{},
                          b < e ? Cell{std::string(log.activity_names()[acts[e - 1]])} : Cell{},
                          time_cell(first), time_cell(last),
                          first == no_timestamp
                              ? Cell{}
                              : Cell{static_cast<double>(last - first) / static_cast<double>(micros_per_second)},
                          static_cast<I>(departments.size())});
    }
    return t;
}

ResultTable info_table(const EventLog& log,
                       const std::vector<std::pair<std::string, std::string>>& extra) {
    ResultTable t{"results_info", {{"key", ColumnType::text}, {"value", ColumnType::text}}, {}};
    t.rows.push_back({std::string("results_layout"),
                      std::to_string(results_major) + "." + std::to_string(results_minor)});
    t.rows.push_back({std::string("cases"), std::to_string(log.num_cases())});
    t.rows.push_back({std::string("events"), std::to_string(log.num_events())});
    for (const auto& [k, v] : extra) {
        t.rows.push_back({k, v});
    }
    return t;
}

std::vector<ResultTable> standard_results(const EventLog& log, const ResultOptions& options) {
    miners::DfgOptions dopt;
    dopt.threads = options.threads;
    const miners::Dfg dfg = miners::discover_dfg(log, dopt);
    const miners::Variants variants = miners::discover_variants(log, options.threads);
    std::vector<ResultTable> journey_tables;
    if (options.spec) {
        journey_tables = journey_results(log, *options.spec, options);
    }
    std::vector<std::pair<std::string, std::string>> info;
    info.emplace_back("spec_tables", options.spec ? "written" : "not written (no spec)");
    info.insert(info.end(), options.info.begin(), options.info.end());
    std::vector<ResultTable> out;
    out.push_back(info_table(log, info));
    out.push_back(activity_table(dfg));
    out.push_back(dfg_edge_table(dfg));
    out.push_back(variant_table(variants));
    out.push_back(variant_step_table(variants));
    out.push_back(journey_table(log, variants));
    for (ResultTable& t : journey_tables) {
        out.push_back(std::move(t));
    }
    return out;
}

void write_results_sqlite(const std::vector<ResultTable>& tables, const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw io_error(path, "is a directory");
    }
    if (std::filesystem::exists(path, ec) && std::filesystem::file_size(path, ec) > 0 &&
        sniff_sqlite(path) == SqliteKind::not_sqlite) {
        throw io_error(path, "exists and is not an SQLite file");
    }
    Db db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.exec("BEGIN IMMEDIATE");
    try {
        for (const ResultTable& t : tables) {
            const std::string name = quote_identifier(t.name);
            db.exec("DROP TABLE IF EXISTS " + name);
            std::string ddl = "CREATE TABLE " + name + " (";
            std::string ins = "INSERT INTO " + name + " VALUES (";
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                ddl += (c > 0 ? ", " : "") + quote_identifier(t.columns[c].name) + " " +
                       std::string(sql_type(t.columns[c].type));
                ins += (c > 0 ? ", ?" : "?") + std::to_string(c + 1);
            }
            db.exec(ddl + ")");
            Stmt st(db, ins + ")");
            for (const auto& row : t.rows) {
                for (std::size_t c = 0; c < row.size(); ++c) {
                    const int p = static_cast<int>(c + 1);
                    std::visit(
                        [&](const auto& v) {
                            using T = std::decay_t<decltype(v)>;
                            if constexpr (std::is_same_v<T, std::monostate>) {
                                st.bind_null(p);
                            } else if constexpr (std::is_same_v<T, double>) {
                                if (std::isfinite(v)) {
                                    st.bind_double(p, v);
                                } else {
                                    st.bind_null(p);
                                }
                            } else {
                                st.bind(p, v);
                            }
                        },
                        row[c]);
                }
                st.run();
            }
        }
        db.exec("COMMIT");
    } catch (...) {
        db.exec("ROLLBACK");
        throw;
    }
}

void write_csv(const ResultTable& t, std::ostream& out) {
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        if (c > 0) {
            out << ',';
        }
        write_csv_field(out, t.columns[c].name);
    }
    out << '\n';
    for (const auto& row : t.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c > 0) {
                out << ',';
            }
            std::visit(
                [&](const auto& v) {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::int64_t>) {
                        out << v;
                    } else if constexpr (std::is_same_v<T, double>) {
                        if (std::isfinite(v)) {
                            out << format_real(v);
                        }
                    } else if constexpr (std::is_same_v<T, std::string>) {
                        write_csv_field(out, v);
                    }
                },
                row[c]);
        }
        out << '\n';
    }
}

void write_results_csv(const std::vector<ResultTable>& tables, const std::string& directory) {
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    if (ec || !std::filesystem::is_directory(directory)) {
        throw io_error(directory, "cannot create directory" + (ec ? ": " + ec.message() : std::string()));
    }
    for (const ResultTable& t : tables) {
        const std::string path = (std::filesystem::path(directory) / (t.name + ".csv")).string();
        std::ofstream out(path, std::ios::binary);
        if (!out) {
            throw io_error(path, "cannot open for writing");
        }
        write_csv(t, out);
        out.flush();
        if (!out) {
            throw io_error(path, "write failed");
        }
    }
}

} // namespace journey::store
