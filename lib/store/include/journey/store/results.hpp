#pragma once
/// @file
/// Results for BI tools: mining results as plain tables with stable names and column
/// names (documented in docs/store.md), written to SQLite or to CSV files, so that
/// Power BI, Superset or Metabase read them directly.
///
/// Adding a result means adding a function that turns the miner's value into a
/// ResultTable and listing it in standard_results(); the writers are generic.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/event_log.hpp>
#include <journey/miners/dfg.hpp>
#include <journey/miners/variants.hpp>

namespace journey::store {

/// Layout version of the result tables (in the results_info table). Major: a
/// column was renamed, removed or changed meaning; minor: tables or columns added.
inline constexpr int results_major = 1;
inline constexpr int results_minor = 0;

enum class ColumnType : std::uint8_t { integer, real, text };

struct ResultColumn {
    std::string name;
    ColumnType type = ColumnType::text;
    friend bool operator==(const ResultColumn&, const ResultColumn&) = default;
};

/// A cell: NULL, an integer, a real or text.
using Cell = std::variant<std::monostate, std::int64_t, double, std::string>;

/// A table of results: a value, rows in a deterministic order.
struct ResultTable {
    std::string name; ///< SQLite table name; CSV file `<name>.csv`
    std::vector<ResultColumn> columns;
    std::vector<std::vector<Cell>> rows;
    friend bool operator==(const ResultTable&, const ResultTable&) = default;
};

/// `activity`: activity, events, start_cases, end_cases; by activity.
JOURNEY_API ResultTable activity_table(const miners::Dfg& dfg);
/// `dfg_edge`: from_activity, to_activity, count, mean_s, median_s, p90_s, min_s,
/// max_s; by (from_activity, to_activity).
JOURNEY_API ResultTable dfg_edge_table(const miners::Dfg& dfg);
/// `variant`: variant_id (1 = most frequent), cases, share, events, trace (activities
/// joined by " > "); by variant_id.
JOURNEY_API ResultTable variant_table(const miners::Variants& variants);
/// `variant_step`: variant_id, position (1-based), activity.
JOURNEY_API ResultTable variant_step_table(const miners::Variants& variants);
/// `journey`: case_id, variant_id, events, first_activity, last_activity,
/// start_time_utc, end_time_utc (`YYYY-MM-DD hh:mm:ss[.ffffff]`), duration_s,
/// departments (distinct non-empty departments); in log order. `variants` must be
/// the variants of `log`.
JOURNEY_API ResultTable journey_table(const EventLog& log, const miners::Variants& variants);
/// `results_info`: key, value: `results_layout` ("1.0"), `cases`, `events`, then
/// `extra` in order.
JOURNEY_API ResultTable info_table(const EventLog& log,
                                   const std::vector<std::pair<std::string, std::string>>& extra);

struct ResultOptions {
    /// Worker threads for the miners (0 = hardware concurrency); results never depend on it.
    unsigned threads = 0;
    /// Extra rows for results_info (e.g. which sources were read).
    std::vector<std::pair<std::string, std::string>> info;
};

/// Every table this build computes, in this order: results_info, activity,
/// dfg_edge, variant, variant_step, journey.
JOURNEY_API std::vector<ResultTable> standard_results(const EventLog& log,
                                                      const ResultOptions& options = {});

/// Writes the tables into an SQLite file (created if absent; a journeykit store is
/// fine). Tables with these names are replaced; others are left alone. One
/// transaction: on failure the file is as it was.
/// @throws journey::store_error, journey::io_error
JOURNEY_API void write_results_sqlite(const std::vector<ResultTable>& tables,
                                      const std::string& path);

/// Writes one CSV file per table, `<directory>/<name>.csv` (the directory is
/// created): a header row of column names, RFC 4180 quoting, `\n` line ends, empty
/// for NULL, reals with up to 6 decimals (trailing zeros dropped).
/// @throws journey::io_error
JOURNEY_API void write_results_csv(const std::vector<ResultTable>& tables,
                                   const std::string& directory);

/// Writes one table as CSV (as write_results_csv()).
JOURNEY_API void write_csv(const ResultTable& table, std::ostream& out);

} // namespace journey::store
