#pragma once
/// @file
/// Results for BI tools: mining results as plain tables with stable names and column
/// names (documented in docs/store.md), written to SQLite or to CSV files, so that
/// Power BI, Superset or Metabase read them directly.
///
/// Adding a result means adding a function that turns the miner's value into a
/// ResultTable and listing it in standard_results() (or, for tables that need a
/// journey spec, in journey_results()); the writers are generic.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/event_log.hpp>
#include <journey/core/model.hpp>
#include <journey/miners/dfg.hpp>
#include <journey/miners/handoffs.hpp>
#include <journey/miners/outcomes.hpp>
#include <journey/miners/scorecard.hpp>
#include <journey/miners/variants.hpp>
#include <journey/miners/watermelon.hpp>

namespace journey::store {

/// Layout version of the result tables (in the results_info table). Major: a
/// column was renamed, removed or changed meaning; minor: tables or columns added.
inline constexpr int results_major = 1;
inline constexpr int results_minor = 1;

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
/// `results_info`: key, value: `results_layout` ("<results_major>.<results_minor>"),
/// `cases`, `events`, then `extra` in order.
JOURNEY_API ResultTable info_table(const EventLog& log,
                                   const std::vector<std::pair<std::string, std::string>>& extra);

// ---------------------------------------------------------------------------
// Tables that need a journey spec (journey_results()). Figures are the miners'
// values unchanged; a figure that is undefined (NaN, infinite) is NULL.

/// `handover`: from_department, to_department, count, value, cases, case_rate,
/// median_wait_s, p90_wait_s, mean_wait_s, business_median_wait_s,
/// business_p90_wait_s, returns, rejection_rate, bounces, orphans; by (from, to).
/// The HandoverEdge values of the journey method (as `journey handoffs --json`);
/// business waits are NULL when no calendar was available.
JOURNEY_API ResultTable handover_table(const miners::HandoffResult& handoffs);
/// `ping_pong_pair`: department_a, department_b, count, cases, handovers,
/// per_100_handovers, max_depth; by (a, b).
JOURNEY_API ResultTable ping_pong_pair_table(const miners::HandoffResult& handoffs);
/// `handoff_summary`: metric, value (REAL). The metric is the key path in `journey
/// handoffs --json` ("ping_pong.naive_case_rate"); fixed rows in a fixed order.
JOURNEY_API ResultTable handoff_summary_table(const miners::HandoffResult& handoffs);
/// `touchpoint_measure`: touchpoint, measure, kind ("sla"/"kpi"), label, owner,
/// description, instances, met, open, attainment, target (fraction), status
/// ("green"/"amber"/"red"), per_case; one row per SLA clock or KPI, in model order.
JOURNEY_API ResultTable touchpoint_measure_table(const miners::OutsideSummary& outside);
/// `criterion`: criterion, label, lagging (0/1), counted, met, not_counted, rate,
/// target, status, rate_green, rate_red; one row per spec outcome, in spec order.
JOURNEY_API ResultTable criterion_table(const miners::InsideSummary& inside);
/// `journey_outcome`: case_id, state (journey_state_name()), ended (0/1),
/// start_time_utc, end_time_utc, duration_s, score; one row per case in log order.
/// `outcomes` must be the outcomes of `log`.
JOURNEY_API ResultTable journey_outcome_table(const EventLog& log,
                                              const miners::JourneyOutcomes& outcomes);
/// `journey_criterion`: case_id, criterion, counted (0/1), met (0/1; NULL when not
/// counted); one row per ended journey (green or red) and criterion, in log order,
/// then spec order.
JOURNEY_API ResultTable journey_criterion_table(const EventLog& log,
                                                const miners::JourneyOutcomes& outcomes);
/// `watermelon`: metric, value (REAL), text (TEXT). The metric is the key path in
/// `journey watermelon --json` ("outside.min_attainment"); numbers and flags (0/1) in
/// value, words (verdict, status, as_of) in text. Fixed rows in a fixed order.
/// `as_of` is the evaluator's extraction time.
JOURNEY_API ResultTable watermelon_table(const miners::WatermelonReport& report,
                                         const std::string& journey_name, Timestamp as_of);
/// `watermelon_cause`: rank (1 = first), feature, kind, journeys, red, red_rate,
/// lift, relative_risk, attributable_fraction, q, sentence; the ranked causes.
JOURNEY_API ResultTable watermelon_cause_table(const miners::WatermelonReport& report);
/// `watermelon_period`: period (YYYY-MM of the journey start), verdict, flag,
/// journeys (ended), censored, red, dashboard_green, weighted_attainment,
/// min_attainment, success_rate, gap, hidden_red_share, sla_auc; by period.
JOURNEY_API ResultTable watermelon_period_table(const miners::WatermelonReport& report);

struct ResultOptions {
    /// Worker threads for the miners (0 = hardware concurrency); results never depend on it.
    unsigned threads = 0;
    /// Extra rows for results_info (e.g. which sources were read).
    std::vector<std::pair<std::string, std::string>> info;
    /// The journey spec. With one, standard_results() also writes the tables of
    /// journey_results(); without one, results_info says they were not written.
    std::optional<Journey> spec;
    /// Extraction time and survey score of the journey tables (also the `as_of` of
    /// the handoff analysis's orphans).
    miners::EvaluationOptions evaluation;
    /// Options of the watermelon detector (the attribution gives watermelon_cause).
    miners::WatermelonOptions watermelon;
};

/// The names of the tables journey_results() computes, in order: handover,
/// ping_pong_pair, handoff_summary, touchpoint_measure, criterion, journey_outcome,
/// journey_criterion, watermelon, watermelon_cause, watermelon_period.
JOURNEY_API std::vector<std::string> journey_result_names();

/// The tables that need a journey spec (journey_result_names(), in that order):
/// the handoff analysis as `journey handoffs LOG --spec FILE` runs it, the
/// scorecard, every journey's outcome, and the watermelon report, each with
/// options.threads workers. options.spec and options.info are not used.
/// @throws journey::usage_error as miners::JourneyEvaluator.
JOURNEY_API std::vector<ResultTable> journey_results(const EventLog& log, const Journey& spec,
                                                     const ResultOptions& options = {});

/// Every table this build computes, in this order: results_info, activity,
/// dfg_edge, variant, variant_step, journey, then, when options.spec is set, the
/// tables of journey_results(). results_info gets a row `spec_tables`: `written`, or
/// `not written (no spec)`.
/// @throws journey::usage_error as journey_results().
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
