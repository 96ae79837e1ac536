#include "watermelon_output.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <ostream>

#include <CLI/CLI.hpp>

#include <journey/core/error.hpp>

#include "cmd_spec.hpp"
#include "text_format.hpp"

namespace journey::cli {

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
} // namespace

void add_outcome_options(CLI::App& sub, OutcomeCmdOptions& o) {
    sub.add_option("LOG", o.log, "Event log (CSV, XES, XES.gz)")->required();
    add_spec_option(sub, o.spec, true);
    CLI::Option* json = sub.add_flag("--json", o.json, "Print every figure as JSON");
    CLI::Option* csv = sub.add_flag("--csv", o.csv, "Print every figure as CSV rows (section,item,metric,value)");
    json->excludes(csv);
    sub.add_option("--as-of", o.as_of,
                   "Extraction time (ISO 8601): journeys not ended by then are censored "
                   "(default: the latest event)");
    sub.add_option("--score-attribute", o.score_attribute,
                   "Attribute with the journey survey score (default: the one the spec's "
                   "outcomes compare with a number, else 'score')");
    add_input_options(sub, o.input);
}

miners::EvaluationOptions evaluation_options(const OutcomeCmdOptions& o) {
    miners::EvaluationOptions e;
    if (!o.as_of.empty()) {
        const auto t = parse_iso8601(o.as_of);
        if (!t) {
            throw usage_error("--as-of: '" + o.as_of + "' is not an ISO 8601 time");
        }
        e.as_of = *t;
    }
    e.score_attribute = o.score_attribute;
    return e;
}

// ---------------------------------------------------------------------------
// CSV

CsvRows::CsvRows(std::ostream& out) : m_out(out) { m_out << "section,item,metric,value\n"; }

void CsvRows::field(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
        m_out << s;
        return;
    }
    m_out << '"';
    for (const char c : s) {
        if (c == '"') {
            m_out << '"';
        }
        m_out << c;
    }
    m_out << '"';
}

void CsvRows::row(std::string_view section, std::string_view item, std::string_view metric,
                  std::string_view value) {
    field(section);
    m_out << ',';
    field(item);
    m_out << ',';
    field(metric);
    m_out << ',';
    field(value);
    m_out << '\n';
}

void CsvRows::number(std::string_view section, std::string_view item, std::string_view metric,
                     double value, int decimals) {
    row(section, item, metric, std::isfinite(value) ? format_number(value, decimals) : std::string());
}

void CsvRows::count(std::string_view section, std::string_view item, std::string_view metric,
                    std::uint64_t value) {
    row(section, item, metric, std::to_string(value));
}

void CsvRows::flag(std::string_view section, std::string_view item, std::string_view metric, bool value) {
    row(section, item, metric, value ? "true" : "false");
}

// ---------------------------------------------------------------------------
// JSON

void json_target(JsonWriter& j, std::string_view key, const std::optional<Thresholds>& t) {
    j.key(key);
    if (t) {
        j.value(t->target_percent / 100.0);
    } else {
        j.null();
    }
}

void json_status(JsonWriter& j, std::string_view key, const std::optional<Thresholds::Status>& s) {
    j.key(key);
    if (s) {
        j.value(status_name(*s));
    } else {
        j.null();
    }
}

void write_outside_json(JsonWriter& j, const miners::OutsideSummary& out) {
    j.begin_object();
    j.field("dashboard_green", out.dashboard_green);
    j.field("min_attainment", out.min_attainment);
    j.field("min_measure", out.min_measure);
    j.field("weighted_attainment", out.weighted_attainment);
    j.field("scored", static_cast<std::uint64_t>(out.scored));
    j.field("green", static_cast<std::uint64_t>(out.green));
    j.field("amber", static_cast<std::uint64_t>(out.amber));
    j.field("red", static_cast<std::uint64_t>(out.red));
    j.key("touchpoints").begin_array();
    for (const miners::TouchpointScore& r : out.rows) {
        j.begin_object();
        j.field("id", r.touchpoint);
        j.field("measure", r.measure);
        j.field("kind", r.kind == miners::MeasureInfo::Kind::sla ? "sla" : "kpi");
        j.field("label", r.label);
        j.field("owner", r.owner);
        j.field("description", r.description);
        j.field("attainment", r.attainment);
        json_target(j, "target", r.target);
        j.key("amber");
        if (r.target && r.target->amber_percent) {
            j.value(*r.target->amber_percent / 100.0);
        } else {
            j.null();
        }
        json_status(j, "status", r.status);
        j.field("instances", r.instances);
        j.field("met", r.met);
        j.field("open", r.open);
        j.field("per_case", r.per_case);
        j.end_object();
    }
    j.end_array();
    j.end_object();
}

void write_inside_json(JsonWriter& j, const miners::InsideSummary& in) {
    j.begin_object();
    j.field("journeys", in.ended);
    j.field("success_rate", in.success_rate);
    j.field("censored", in.censored);
    j.field("cases", in.cases);
    j.field("started", in.journeys);
    j.field("no_start", in.no_start);
    j.field("green", in.green);
    j.field("red", in.red);
    json_target(j, "target", in.target);
    json_status(j, "status", in.status);
    j.field("censoring", in.censoring);
    j.key("outcomes").begin_array();
    for (const miners::OutcomeScore& o : in.outcomes) {
        j.begin_object();
        j.field("id", o.id);
        j.field("label", o.label);
        j.field("lagging", o.lagging);
        j.field("counted", o.counted);
        j.field("met", o.met);
        j.field("not_counted", o.not_counted);
        j.field("rate", o.rate);
        json_target(j, "target", o.target);
        json_status(j, "status", o.status);
        j.field("rate_green", o.rate_green);
        j.field("rate_red", o.rate_red);
        j.end_object();
    }
    j.end_array();
    j.key("e2e").begin_object();
    j.field("ended", in.e2e.ended);
    j.field("censored", in.e2e.censored);
    j.key("p50_s").value(in.e2e.p50_s, 3);
    j.key("p90_s").value(in.e2e.p90_s, 3);
    j.field("iqr_over_median", in.e2e.iqr_over_median);
    j.key("km_p50_s").value(in.e2e.km_p50_s, 3);
    j.key("km_p90_s").value(in.e2e.km_p90_s, 3);
    j.end_object();
    j.end_object();
}

void write_outside_csv(CsvRows& csv, const miners::OutsideSummary& out) {
    csv.flag("outside", "", "dashboard_green", out.dashboard_green);
    csv.number("outside", "", "weighted_attainment", out.weighted_attainment);
    csv.number("outside", "", "min_attainment", out.min_attainment);
    csv.row("outside", "", "min_measure", out.min_measure);
    csv.count("outside", "", "scored", out.scored);
    csv.count("outside", "", "green", out.green);
    csv.count("outside", "", "amber", out.amber);
    csv.count("outside", "", "red", out.red);
    for (const miners::TouchpointScore& r : out.rows) {
        const std::string& m = r.measure;
        csv.row("touchpoint", m, "touchpoint", r.touchpoint);
        csv.row("touchpoint", m, "kind", r.kind == miners::MeasureInfo::Kind::sla ? "sla" : "kpi");
        csv.row("touchpoint", m, "owner", r.owner);
        csv.row("touchpoint", m, "description", r.description);
        csv.count("touchpoint", m, "instances", r.instances);
        csv.count("touchpoint", m, "met", r.met);
        csv.count("touchpoint", m, "open", r.open);
        csv.number("touchpoint", m, "attainment", r.attainment);
        csv.number("touchpoint", m, "target", r.target ? r.target->target_percent / 100.0 : nan);
        csv.row("touchpoint", m, "status", r.status ? std::string(status_name(*r.status)) : std::string());
        csv.number("touchpoint", m, "per_case", r.per_case);
    }
}

void write_inside_csv(CsvRows& csv, const miners::InsideSummary& in) {
    csv.count("inside", "", "cases", in.cases);
    csv.count("inside", "", "journeys", in.ended);
    csv.count("inside", "", "censored", in.censored);
    csv.count("inside", "", "no_start", in.no_start);
    csv.count("inside", "", "green", in.green);
    csv.count("inside", "", "red", in.red);
    csv.number("inside", "", "success_rate", in.success_rate);
    csv.number("inside", "", "target", in.target ? in.target->target_percent / 100.0 : nan);
    csv.row("inside", "", "status", in.status ? std::string(status_name(*in.status)) : std::string());
    csv.row("inside", "", "censoring", in.censoring);
    for (const miners::OutcomeScore& o : in.outcomes) {
        csv.flag("outcome", o.id, "lagging", o.lagging);
        csv.count("outcome", o.id, "counted", o.counted);
        csv.count("outcome", o.id, "met", o.met);
        csv.count("outcome", o.id, "not_counted", o.not_counted);
        csv.number("outcome", o.id, "rate", o.rate);
        csv.number("outcome", o.id, "target", o.target ? o.target->target_percent / 100.0 : nan);
        csv.row("outcome", o.id, "status", o.status ? std::string(status_name(*o.status)) : std::string());
        csv.number("outcome", o.id, "rate_green", o.rate_green);
        csv.number("outcome", o.id, "rate_red", o.rate_red);
    }
    csv.number("e2e", "", "p50_s", in.e2e.p50_s, 3);
    csv.number("e2e", "", "p90_s", in.e2e.p90_s, 3);
    csv.number("e2e", "", "iqr_over_median", in.e2e.iqr_over_median);
    csv.number("e2e", "", "km_p50_s", in.e2e.km_p50_s, 3);
    csv.number("e2e", "", "km_p90_s", in.e2e.km_p90_s, 3);
}

// ---------------------------------------------------------------------------
// Text

std::string percent_text(double fraction) {
    if (!std::isfinite(fraction)) {
        return "n/a";
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.1f%%", fraction * 100);
    return buf;
}

std::string count_text(std::uint64_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    return out;
}

namespace {

std::string status_text(const std::optional<Thresholds::Status>& s) {
    return s ? std::string(status_name(*s)) : std::string("-");
}

std::string target_text(const std::optional<Thresholds>& t) {
    return t ? format_number(t->target_percent, 1) + "%" : std::string("-");
}

} // namespace

void print_outside(std::ostream& out, const miners::OutsideSummary& o) {
    out << "Outside: touchpoint measures\n";
    out << "  " << pad("measure", 22) << pad("owner", 8) << rpad("instances", 11) << rpad("attainment", 12)
        << rpad("target", 8) << "  status  description\n";
    for (const miners::TouchpointScore& r : o.rows) {
        out << "  " << pad(r.measure, 22) << pad(r.owner, 8) << rpad(count_text(r.instances), 11)
            << rpad(percent_text(r.attainment), 12) << rpad(target_text(r.target), 8) << "  "
            << pad(status_text(r.status), 8) << r.description << "\n";
    }
    out << "  Dashboard: " << (o.dashboard_green ? "GREEN" : "NOT GREEN") << " (" << o.green << " of "
        << o.scored << " measures on target";
    if (o.amber > 0) {
        out << ", " << o.amber << " amber";
    }
    if (o.red > 0) {
        out << ", " << o.red << " red";
    }
    out << "); " << percent_text(o.weighted_attainment) << " of instances on target";
    if (!o.min_measure.empty()) {
        out << ", lowest " << o.min_measure << " at " << percent_text(o.min_attainment);
    }
    out << "\n";
}

void print_inside(std::ostream& out, const miners::InsideSummary& in) {
    out << "Inside: journey criteria over " << count_text(in.ended) << " ended journeys ("
        << count_text(in.censored) << " still running left out";
    if (in.no_start > 0) {
        out << ", " << count_text(in.no_start) << " cases without a start";
    }
    out << ")\n";
    out << "  " << pad("outcome", 30) << rpad("counted", 10) << rpad("met", 9) << rpad("target", 8)
        << "  status\n";
    for (const miners::OutcomeScore& o : in.outcomes) {
        out << "  " << pad(o.id + (o.lagging ? " (lagging)" : ""), 30) << rpad(count_text(o.counted), 10)
            << rpad(percent_text(o.rate), 9) << rpad(target_text(o.target), 8) << "  "
            << status_text(o.status);
        if (o.lagging) {
            out << "  green " << percent_text(o.rate_green) << ", red " << percent_text(o.rate_red);
        }
        out << "\n";
    }
    out << "  Journeys green: " << percent_text(in.success_rate);
    if (in.target) {
        out << " (target " << target_text(in.target) << ", " << status_text(in.status) << ")";
    }
    out << "\n";
    if (in.e2e.ended > 0) {
        out << "  End to end: median " << human_duration(in.e2e.p50_s) << ", p90 "
            << human_duration(in.e2e.p90_s);
        if (std::isfinite(in.e2e.km_p50_s)) {
            out << " (Kaplan-Meier with running journeys: median " << human_duration(in.e2e.km_p50_s) << ")";
        }
        out << "\n";
    }
}

} // namespace journey::cli
