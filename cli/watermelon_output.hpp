#pragma once
// Output of `journey scorecard` and `journey watermelon`: the shared options, JSON
// objects, tidy CSV rows (section,item,metric,value) and terminal tables.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

#include <journey/miners/scorecard.hpp>
#include <journey/miners/watermelon.hpp>

#include "input_options.hpp"
#include "json.hpp"

namespace CLI {
class App;
}

namespace journey::cli {

/// Options both commands share.
struct OutcomeCmdOptions {
    std::string log;
    std::string spec;
    InputOptions input;
    bool json = false;
    bool csv = false;
    std::string as_of;           ///< ISO 8601; empty = the latest event
    std::string score_attribute; ///< empty = from the spec
};

/// Adds LOG, --spec, --json, --csv, --as-of, --score-attribute and the input options.
void add_outcome_options(CLI::App& sub, OutcomeCmdOptions& o);

/// The evaluation options from the command line.
/// @throws journey::usage_error for an --as-of that is not ISO 8601.
miners::EvaluationOptions evaluation_options(const OutcomeCmdOptions& o);

/// Tidy CSV: one row per figure, `section,item,metric,value` (RFC 4180 quoting).
class CsvRows {
public:
    explicit CsvRows(std::ostream& out);
    void row(std::string_view section, std::string_view item, std::string_view metric,
             std::string_view value);
    void number(std::string_view section, std::string_view item, std::string_view metric,
                double value, int decimals = 6);
    void count(std::string_view section, std::string_view item, std::string_view metric,
               std::uint64_t value);
    void flag(std::string_view section, std::string_view item, std::string_view metric, bool value);

private:
    void field(std::string_view s);
    std::ostream& m_out;
};

/// A Thresholds target as a fraction (JSON null / CSV empty when none).
void json_target(JsonWriter& j, std::string_view key, const std::optional<Thresholds>& t);
void json_status(JsonWriter& j, std::string_view key,
                 const std::optional<Thresholds::Status>& s);

/// The `outside` object (contract: dashboard_green, min_attainment,
/// weighted_attainment, touchpoints[{id, attainment, target, status}] and more).
void write_outside_json(JsonWriter& j, const miners::OutsideSummary& out);
/// The `inside` object (contract: journeys, success_rate, censored and more).
void write_inside_json(JsonWriter& j, const miners::InsideSummary& in);
void write_outside_csv(CsvRows& csv, const miners::OutsideSummary& out);
void write_inside_csv(CsvRows& csv, const miners::InsideSummary& in);

/// Terminal tables of the touchpoint dashboard and the journey outcomes.
void print_outside(std::ostream& out, const miners::OutsideSummary& o);
void print_inside(std::ostream& out, const miners::InsideSummary& in);

/// "96.6%" (one decimal); "n/a" for NaN.
std::string percent_text(double fraction);
/// 12,345 with thousands separators.
std::string count_text(std::uint64_t n);

} // namespace journey::cli
