// journey handoffs LOG [--spec FILE]: which handoffs between departments fail, how
// often, how long work waits there and what it costs the journey (docs/metrics.md,
// docs/cli/journey-handoffs.md).

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include <CLI/CLI.hpp>

#include <journey/core/binding.hpp>
#include <journey/core/calendar.hpp>
#include <journey/core/csv_text.hpp>
#include <journey/core/error.hpp>
#include <journey/miners/contact_centre.hpp>
#include <journey/miners/handoff_signals.hpp>
#include <journey/miners/handoffs.hpp>
#include <journey/miners/outcomes.hpp>
#ifdef JOURNEY_HAVE_RENDER
#include <journey/render/heatmatrix.hpp>
#endif

#include "cmd_spec.hpp"
#include "commands.hpp"
#include "input_options.hpp"
#include "json.hpp"
#include "text_format.hpp"

namespace journey::cli {

namespace {

struct HandoffsOptions {
    std::string log;
    std::string spec;
    InputOptions input;
    std::string by = "department";
    std::string mode = "journey";
    bool json = false;
    bool csv = false;
    std::string csv_table = "handover";
    std::string heatmap;
    std::string heatmap_metric = "count";
    std::size_t top = 5;
    double beta = 0;
    bool causal = false;
    std::string causal_model = "discovered";
    bool case_level = false;
    bool batch_waits = false;
    std::string wait_threshold = "2d";
    std::string stall = "30d";
    std::string as_of;
    std::string red_file;
    std::string journeys_file;
    std::uint32_t return_events = 3;
    std::string return_within = "30d";
    std::vector<std::string> drift;
    std::vector<std::string> conflicts;
};

/// Seconds of a duration option ("48h", "30d"); working days are not allowed here.
std::int64_t seconds_of(const std::string& text, const char* option) {
    const auto d = parse_duration(text);
    if (!d || d->unit == DurationUnit::working_days || d->value < 0) {
        throw usage_error(std::string(option) + " must be a duration such as 48h or 30d, not '" +
                          text + "'");
    }
    return d->micros() / micros_per_second;
}

/// The case ids and red flags of a CSV with a header naming `case_id` and `red`
/// (e.g. the simulator's journeys.csv or a scorecard export).
std::vector<std::uint8_t> read_red(const std::string& path, const EventLog& log) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw io_error(path, "cannot open the red-journey file");
    }
    const auto split = [](const std::string& line) {
        std::vector<std::string> f;
        std::string cur;
        bool quoted = false;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const char c = line[i];
            if (quoted) {
                if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                    cur += '"';
                    ++i;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur += c;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                f.push_back(cur);
                cur.clear();
            } else if (c != '\r') {
                cur += c;
            }
        }
        f.push_back(cur);
        return f;
    };
    std::string line;
    if (!std::getline(in, line)) {
        throw format_error(path, 1, 0, "empty red-journey file");
    }
    const std::vector<std::string> header = split(line);
    const auto col = [&](const char* name) -> std::size_t {
        const auto it = std::find(header.begin(), header.end(), name);
        if (it == header.end()) {
            throw format_error(path, 1, 0, std::string("no column '") + name + "' in the header");
        }
        return static_cast<std::size_t>(it - header.begin());
    };
    const std::size_t id_col = col("case_id");
    const std::size_t red_col = col("red");
    std::vector<std::uint8_t> red(log.num_cases(), 2); // 2 = unknown
    std::unordered_map<std::string_view, std::size_t> case_of;
    for (std::size_t c = 0; c < log.num_cases(); ++c) {
        case_of.emplace(log.case_name(c), c);
    }
    std::uint64_t line_no = 1;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty() || line == "\r") {
            continue;
        }
        const std::vector<std::string> f = split(line);
        if (f.size() <= std::max(id_col, red_col)) {
            throw format_error(path, line_no, 0, "too few fields");
        }
        const auto it = case_of.find(f[id_col]);
        if (it == case_of.end()) {
            continue; // a journey without events in this log
        }
        const std::string& v = f[red_col];
        std::uint8_t flag = 2;
        if (v == "1" || v == "true") {
            flag = 1;
        } else if (v == "0" || v == "false") {
            flag = 0;
        } else if (!v.empty()) {
            throw format_error(path, line_no, 0, "red must be 0, 1, true or false, not '" + v + "'");
        }
        red[it->second] = flag;
    }
    return red;
}

std::string plural(std::uint64_t n, const std::string& one, const std::string& many = {}) {
    return std::to_string(n) + " " + (n == 1 ? one : (many.empty() ? one + "s" : many));
}

std::string pct(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %%", share * 100);
    return buf;
}

std::string num(double v, int decimals = 1) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

const char* level_name(const miners::HandoffResult& r) {
    switch (r.level) {
    case miners::HandoffLevel::department:
        return "department";
    case miners::HandoffLevel::resource:
        return "resource";
    case miners::HandoffLevel::attribute:
        return "attribute";
    }
    return "department";
}

// ---------------------------------------------------------------------------
// JSON

void wait_fields(JsonWriter& j, const char* prefix, const miners::WaitSummary& w) {
    const std::string p(prefix);
    j.key(p + "median_wait_s").value(w.median_s, 3);
    j.key(p + "p90_wait_s").value(w.p90_s, 3);
    j.key(p + "mean_wait_s").value(w.mean_s, 3);
    j.field(p + "waits_measured", w.count);
    j.field(p + "waits_over_threshold", w.over_threshold);
    j.key(p + "share_over_threshold").value(w.share_over);
}

void write_json(const miners::HandoffResult& r, const miners::InformationLoss& il,
                const std::optional<miners::ContactCentreMetrics>& cc, std::ostream& out) {
    JsonWriter j(out, true);
    j.begin_object();
    j.key("options").begin_object();
    j.field("mode", std::string(miners::mode_name(r.mode)));
    j.field("by", r.level == miners::HandoffLevel::attribute ? r.attribute
                                                              : std::string(level_name(r)));
    j.field("object_level", r.object_level);
    j.key("beta").value(r.beta);
    j.field("causal", r.causal);
    j.field("wait_threshold_s", static_cast<std::int64_t>(r.wait_threshold_s));
    j.field("business_time", r.business_time);
    j.end_object();

    const miners::HandoffTotals& t = r.totals;
    j.key("totals").begin_object();
    j.field("journeys", t.journeys);
    j.field("events", t.events);
    j.field("work_events", t.work_events);
    j.field("non_work_events", t.non_work_events);
    j.field("unassigned_events", t.unassigned_events);
    j.field("objects", t.objects);
    j.field("successions", t.successions);
    j.field("handovers", t.handovers);
    j.key("handovers_per_journey").value(t.handovers_per_journey);
    j.field("interleaved_handovers", t.interleaved_handovers);
    j.key("interleaved_per_journey").value(t.interleaved_per_journey);
    j.field("journeys_with_handover", t.journeys_with_handover);
    j.key("wait_share").value(t.wait_share);
    j.key("wait_share_total").value(t.wait_share_total);
    j.end_object();

    j.key("handover").begin_array();
    if (r.mode == miners::HandoffMode::pm4py) {
        for (const miners::Pm4pyHandover& e : r.pm4py) {
            j.begin_object().field("from", e.from).field("to", e.to).field("count", e.count);
            j.key("value").value(e.value, 9);
            j.key("median_wait_s").value(e.wait.median_s, 3);
            j.key("p90_wait_s").value(e.wait.p90_s, 3);
            j.end_object();
        }
    } else {
        for (const miners::HandoverEdge& e : r.edges) {
            j.begin_object().field("from", e.from).field("to", e.to).field("count", e.count);
            j.key("value").value(e.value, 9);
            wait_fields(j, "", e.wait);
            wait_fields(j, "business_", e.business_wait);
            j.key("working_day_s").value(e.working_day_s, 3);
            j.field("cases", e.cases);
            j.key("case_rate").value(e.case_rate);
            j.key("per_journey").value(e.per_journey);
            j.field("batch", e.batch);
            j.field("returns", e.returns);
            j.key("rejection_rate").value(e.rejection_rate);
            j.field("reasks", e.reasks);
            j.field("bounces", e.bounces);
            j.field("post_handoff_rework", e.post_handoff_rework);
            j.field("orphans", e.orphans);
            j.end_object();
        }
    }
    j.end_array();

    const miners::PingPongSummary& pp = r.ping_pong;
    j.key("ping_pong").begin_object();
    j.key("object_level_case_rate").value(pp.object_level_case_rate);
    j.key("naive_case_rate").value(pp.naive_case_rate);
    j.field("bounces", pp.bounces);
    j.field("cases", pp.cases);
    j.field("naive_cases", pp.naive_cases);
    j.field("by_return", pp.by_return);
    j.field("by_redo", pp.by_redo);
    j.field("runs", pp.runs);
    j.key("mean_depth").value(pp.mean_depth);
    j.field("max_depth", static_cast<std::uint64_t>(pp.max_depth));
    j.key("pairs").begin_array();
    for (const miners::PingPongPair& p : pp.pairs) {
        j.begin_object().field("a", p.a).field("b", p.b).field("count", p.count);
        j.field("cases", p.cases).field("handovers", p.handovers);
        j.key("per_100_handovers").value(p.per_100_handovers);
        j.field("max_depth", static_cast<std::uint64_t>(p.max_depth));
        j.end_object();
    }
    j.end_array();
    j.end_object();

    const miners::ReworkSummary& rw = r.rework;
    j.key("rework").begin_object();
    j.field("activity_instances", rw.activity_instances);
    j.field("rework", rw.rework);
    j.key("rework_share").value(rw.rework_share);
    j.field("self_loops", rw.self_loops);
    j.field("loops", rw.loops);
    j.field("correction_events", rw.correction_events);
    j.field("cases_with_rework", rw.cases_with_rework);
    j.field("cases_with_correction", rw.cases_with_correction);
    j.field("cases", rw.cases);
    j.key("case_rate").value(rw.case_rate);
    j.field("post_handoff_rework", rw.post_handoff_rework);
    j.field("post_handoff_cases", rw.post_handoff_cases);
    j.key("activities").begin_array();
    for (const miners::ActivityRework& a : rw.activities) {
        j.begin_object().field("activity", a.activity).field("instances", a.instances);
        j.field("rework", a.rework).field("self_loops", a.self_loops).field("loops", a.loops);
        j.field("cases", a.cases);
        j.end_object();
    }
    j.end_array();
    j.end_object();

    j.key("information_loss").begin_object();
    j.field("reask_cases", t.reask_cases);
    j.field("reask_events", t.reask_events);
    j.field("returns", t.returns);
    j.key("rejection_rate").value(t.rejection_rate);
    j.key("drift").begin_array();
    for (const miners::AttributeDrift& d : il.drift) {
        j.begin_object().field("attribute", d.attribute).field("cases_with_value", d.cases_with_value);
        j.field("cases", d.cases);
        j.key("rate").value(d.rate);
        j.field("inconsistencies", d.inconsistencies);
        j.key("pairs").begin_array();
        for (const miners::DriftPair& p : d.pairs) {
            j.begin_object().field("a", p.a).field("b", p.b).field("cases", p.cases).end_object();
        }
        j.end_array();
        j.end_object();
    }
    j.end_array();
    j.field("outbound_messages", il.outbound_messages);
    j.field("contradictory_pairs", il.contradictory_pairs);
    j.field("contradictions_by_value", il.contradictions_by_value);
    j.field("contradictions_by_intent", il.contradictions_by_intent);
    j.field("contradiction_cases", il.contradiction_cases);
    j.key("contradiction_rate").value(il.contradiction_rate);
    j.field("status_method", il.status_method);
    j.field("inbound_contacts", il.inbound_contacts);
    j.field("status_chases", il.status_chases);
    j.key("status_chase_share").value(il.status_chase_share);
    j.field("status_chase_cases", il.status_chase_cases);
    j.key("missing_touchpoints").begin_array();
    for (const miners::MissingTouchpoint& m : il.missing) {
        j.begin_object().field("touchpoint", m.touchpoint).field("journeys", m.journeys);
        j.key("rate").value(m.rate);
        j.end_object();
    }
    j.end_array();
    j.key("duplicates").begin_array();
    for (const miners::DuplicateEntity& d : il.duplicates) {
        j.begin_object().field("object_type", d.object_type);
        j.field("cases_with_entity", d.cases_with_entity).field("cases", d.cases);
        j.key("rate").value(d.rate);
        j.field("max_per_case", static_cast<std::uint64_t>(d.max_per_case));
        j.end_object();
    }
    j.end_array();
    j.end_object();

    const miners::OrphanSummary& os = r.orphans;
    j.key("orphans").begin_object();
    if (os.as_of == no_timestamp) {
        j.key("as_of").null();
    } else {
        j.field("as_of", format_iso8601(os.as_of));
    }
    j.field("stall_s", static_cast<std::int64_t>(os.stall_s));
    j.field("end_milestone", os.end_milestone);
    j.field("complete", os.complete);
    j.field("orphans", os.orphans);
    j.key("orphan_rate").value(os.orphan_rate);
    j.field("open", os.open);
    j.key("open_rate").value(os.open_rate);
    j.key("longest").begin_array();
    for (const miners::OrphanCase& o : os.longest) {
        j.begin_object().field("case_id", o.case_id).field("from", o.from).field("to", o.to);
        j.field("last_work", format_iso8601(o.last_work));
        j.key("stalled_s").value(o.stalled_s, 3);
        j.end_object();
    }
    j.end_array();
    j.end_object();

    const miners::ImpactRanking& ir = r.impact;
    j.key("impact").begin_object();
    j.field("basis", ir.basis);
    j.field("journeys", ir.journeys);
    j.field("red", ir.red);
    j.key("red_rate").value(ir.red_rate);
    j.key("edges").begin_array();
    for (const miners::HandoffImpact& h : ir.edges) {
        j.begin_object().field("from", h.from).field("to", h.to).field("cases", h.cases);
        j.field("red_cases", h.red_cases);
        j.key("red_rate").value(h.red_rate);
        j.key("red_rate_without").value(h.red_rate_without);
        j.key("lift").value(h.lift);
        j.key("relative_risk").value(h.relative_risk);
        j.key("risk_difference").value(h.risk_difference);
        j.key("paf").value(h.paf);
        j.key("score").value(h.score, 3);
        j.end_object();
    }
    j.end_array();
    j.end_object();

    j.key("annotations").begin_array();
    for (const miners::HandoffAnnotation& a : miners::handoff_annotations(r)) {
        j.begin_object().field("from", a.from).field("to", a.to).field("handovers", a.handovers);
        j.key("median_wait_s").value(a.median_wait_s, 3);
        j.key("p90_wait_s").value(a.p90_wait_s, 3);
        j.field("business_time", a.business_time);
        j.key("rejection_rate").value(a.rejection_rate);
        j.key("ping_pong_per_100").value(a.ping_pong_per_100);
        j.field("rank", static_cast<std::uint64_t>(a.rank));
        j.field("label", a.label);
        j.field("sentence", a.sentence);
        j.end_object();
    }
    j.end_array();

    if (cc) {
        const miners::ContactCentreMetrics& m = *cc;
        j.key("contact_centre").begin_object();
        j.field("journeys", m.journeys);
        j.field("contacts", m.contacts);
        j.field("value_demand", m.value_demand);
        j.field("failure_demand", m.failure_demand);
        j.key("contacts_per_journey").value(m.contacts_per_journey);
        j.key("failure_demand_per_journey").value(m.failure_demand_per_journey);
        j.key("failure_demand_ratio").value(m.failure_demand_ratio);
        j.key("fcr").begin_array();
        for (const miners::FcrWindow& f : m.fcr) {
            j.begin_object().field("window_s", f.window_s).field("repeated", f.repeated);
            j.key("fcr").value(f.fcr);
            j.key("gap").value(f.gap);
            j.end_object();
        }
        j.end_array();
        j.field("with_disposition", m.with_disposition);
        j.field("resolved", m.resolved);
        j.key("self_reported_fcr").value(m.self_reported_fcr);
        j.field("transferred", m.transferred);
        j.field("transfers", m.transfers);
        j.key("transfer_rate").value(m.transfer_rate);
        j.field("many_transfers", m.many_transfers);
        j.field("with_wait", m.with_wait);
        j.field("within_service_level", m.within_service_level);
        j.key("service_level").value(m.service_level);
        j.key("asa_s").value(m.asa_s, 3);
        j.field("abandoned", m.abandoned);
        j.field("short_abandons", m.short_abandons);
        j.field("offered", m.offered);
        j.key("abandonment_rate").value(m.abandonment_rate);
        j.key("abandonment_rate_excl_short").value(m.abandonment_rate_excl_short);
        j.field("journeys_with_contact", m.journeys_with_contact);
        j.field("multichannel_journeys", m.multichannel_journeys);
        j.key("channel_switching_rate").value(m.channel_switching_rate);
        j.field("digital_attempt_journeys", m.digital_attempt_journeys);
        j.field("digital_fallback_journeys", m.digital_fallback_journeys);
        j.key("digital_fallback_rate").value(m.digital_fallback_rate);
        j.key("redundant_steps").begin_array();
        for (const miners::RedundantStep& s : m.redundant_steps) {
            j.begin_object().field("label", s.label).field("journeys_with_step", s.journeys_with_step);
            j.field("journeys_repeated", s.journeys_repeated).field("extra", s.extra);
            j.key("rate").value(s.rate);
            j.end_object();
        }
        j.end_array();
        j.key("channels").begin_array();
        for (const miners::ChannelContacts& c : m.channels) {
            j.begin_object().field("channel", c.channel).field("contacts", c.contacts);
            j.field("failure_demand", c.failure_demand).end_object();
        }
        j.end_array();
        j.key("reasons").begin_array();
        for (const miners::ReasonContacts& c : m.reasons) {
            j.begin_object().field("reason", c.reason).field("contacts", c.contacts);
            j.field("failure_demand", c.failure_demand).end_object();
        }
        j.end_array();
        j.end_object();
    }
    j.end_object();
    j.finish();
}

/// The causal activity pairs of the designed journey (the reference model of §4.1):
/// (a, b) when a's touchpoint is designed to be followed by b's, or both are bound to
/// the same touchpoint (work passed on inside one touchpoint, such as a read
/// investigation); activities bound to no touchpoint are in no pair.
std::vector<std::pair<std::string, std::string>> designed_causal_pairs(const Journey& spec,
                                                                       const EventLog& log,
                                                                       const Binding& binding) {
    std::vector<std::set<std::string>> acts(spec.touchpoints.size());
    for (std::size_t e = 0; e < binding.touchpoint.size() && e < log.num_events(); ++e) {
        if (binding.touchpoint[e] != Binding::unbound) {
            acts[binding.touchpoint[e]].insert(std::string(log.activity_names()[log.activities()[e]]));
        }
    }
    std::set<std::pair<std::string, std::string>> pairs;
    const auto add = [&](std::size_t a, std::size_t b) {
        for (const std::string& x : acts[a]) {
            for (const std::string& y : acts[b]) {
                pairs.emplace(x, y);
            }
        }
    };
    for (std::size_t t = 0; t < acts.size(); ++t) {
        add(t, t);
    }
    if (const std::optional<OrderNode> order = spec.designed_order()) {
        for (const auto& [a, b] : order->designed_steps()) {
            const std::size_t ia = spec.touchpoint_index(a);
            const std::size_t ib = spec.touchpoint_index(b);
            if (ia != Journey::npos && ib != Journey::npos) {
                add(ia, ib);
            }
        }
    }
    return {pairs.begin(), pairs.end()};
}

// ---------------------------------------------------------------------------
// CSV


void write_csv(const miners::HandoffResult& r, const std::string& table, std::ostream& out) {
    const auto n = [](double v, int d = 6) { return format_number(v, d); };
    if (table == "handover") {
        if (r.mode == miners::HandoffMode::pm4py) {
            out << "from,to,count,value,median_wait_s,p90_wait_s\n";
            for (const miners::Pm4pyHandover& e : r.pm4py) {
                write_csv_field(out, e.from);
                out << ',';
                write_csv_field(out, e.to);
                out << ',' << e.count << ',' << n(e.value, 9) << ',' << n(e.wait.median_s, 3) << ','
                    << n(e.wait.p90_s, 3) << '\n';
            }
            return;
        }
        out << "from,to,count,value,cases,case_rate,per_journey,median_wait_s,p90_wait_s,"
               "mean_wait_s,share_over_threshold,business_median_wait_s,business_p90_wait_s,"
               "working_day_s,batch,returns,rejection_rate,reasks,bounces,post_handoff_rework,"
               "orphans\n";
        for (const miners::HandoverEdge& e : r.edges) {
            write_csv_field(out, e.from);
            out << ',';
            write_csv_field(out, e.to);
            out << ',' << e.count << ',' << n(e.value, 9) << ',' << e.cases << ','
                << n(e.case_rate) << ',' << n(e.per_journey) << ',' << n(e.wait.median_s, 3) << ','
                << n(e.wait.p90_s, 3) << ',' << n(e.wait.mean_s, 3) << ',' << n(e.wait.share_over)
                << ',' << n(e.business_wait.median_s, 3) << ',' << n(e.business_wait.p90_s, 3)
                << ',' << n(e.working_day_s, 3) << ',' << e.batch << ',' << e.returns << ','
                << n(e.rejection_rate) << ',' << e.reasks << ',' << e.bounces << ','
                << e.post_handoff_rework << ',' << e.orphans << '\n';
        }
    } else if (table == "ping_pong") {
        out << "a,b,count,cases,handovers,per_100_handovers,max_depth\n";
        for (const miners::PingPongPair& p : r.ping_pong.pairs) {
            write_csv_field(out, p.a);
            out << ',';
            write_csv_field(out, p.b);
            out << ',' << p.count << ',' << p.cases << ',' << p.handovers << ','
                << n(p.per_100_handovers) << ',' << p.max_depth << '\n';
        }
    } else if (table == "rework") {
        out << "activity,instances,rework,self_loops,loops,cases\n";
        for (const miners::ActivityRework& a : r.rework.activities) {
            write_csv_field(out, a.activity);
            out << ',' << a.instances << ',' << a.rework << ',' << a.self_loops << ',' << a.loops
                << ',' << a.cases << '\n';
        }
    } else if (table == "orphans") {
        out << "case_id,from,to,last_work,stalled_s\n";
        for (const miners::OrphanCase& o : r.orphans.longest) {
            write_csv_field(out, o.case_id);
            out << ',';
            write_csv_field(out, o.from);
            out << ',';
            write_csv_field(out, o.to);
            out << ',' << format_iso8601(o.last_work) << ',' << n(o.stalled_s, 3) << '\n';
        }
    } else {
        out << "rank,from,to,cases,red_cases,red_rate,lift,relative_risk,paf,score\n";
        std::size_t rank = 0;
        for (const miners::HandoffImpact& h : r.impact.edges) {
            out << ++rank << ',';
            write_csv_field(out, h.from);
            out << ',';
            write_csv_field(out, h.to);
            out << ',' << h.cases << ',' << h.red_cases << ',' << n(h.red_rate) << ','
                << n(h.lift) << ',' << (std::isfinite(h.relative_risk) ? n(h.relative_risk) : "")
                << ',' << n(h.paf) << ',' << n(h.score, 3) << '\n';
        }
    }
}

// ---------------------------------------------------------------------------
// Terminal report

std::string wait_text(const miners::WaitSummary& w, const miners::WaitSummary& b,
                      double working_day_s) {
    if (b.count > 0 && working_day_s > 0) {
        return num(b.median_s / working_day_s) + " wd";
    }
    return w.count > 0 ? human_duration(w.median_s) : "-";
}

void write_text(const std::string& log_name, const miners::HandoffResult& r,
                const miners::InformationLoss& il,
                const std::optional<miners::ContactCentreMetrics>& cc, std::size_t top,
                std::ostream& out) {
    const miners::HandoffTotals& t = r.totals;
    out << "Handoffs in " << log_name << ": " << plural(t.journeys, "journey") << ", "
        << plural(t.events, "event") << " (" << plural(t.work_events, "work event");
    if (r.object_level) {
        out << " on " << plural(t.objects, "work sequence");
    }
    out << ")\n";
    if (r.mode == miners::HandoffMode::pm4py) {
        out << "\nHandover of work (pm4py mode, by " << level_name(r) << "): " << r.pm4py.size()
            << " pairs; highest values:\n";
        std::vector<const miners::Pm4pyHandover*> sorted;
        for (const miners::Pm4pyHandover& e : r.pm4py) {
            sorted.push_back(&e);
        }
        std::stable_sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
            return a->value > b->value;
        });
        for (std::size_t i = 0; i < sorted.size() && i < top; ++i) {
            out << "  " << sorted[i]->from << " → " << sorted[i]->to << "  "
                << format_number(sorted[i]->value, 6) << " (" << sorted[i]->count << ")\n";
        }
        return;
    }
    out << "Handovers: " << t.handovers << " (" << num(t.handovers_per_journey)
        << " per journey";
    if (r.object_level) {
        out << "; " << num(t.interleaved_per_journey) << " on the interleaved trace";
    }
    out << "); " << pct(t.rejection_rate) << " come back; waits cover "
        << pct(t.wait_share) << " of journey time\n";
    out << "Ping-pong: " << pct(r.ping_pong.object_level_case_rate)
        << " of journeys (per work object, with evidence); the naive case-level test says "
        << pct(r.ping_pong.naive_case_rate) << "\n";
    out << "Rework: " << pct(r.rework.case_rate) << " of journeys; "
        << plural(r.rework.post_handoff_rework, "post-handoff rework") << "; "
        << plural(r.rework.correction_events, "correction") << "\n";
    out << "Re-asks: the customer was asked again for data in "
        << plural(t.reask_cases, "journey") << "\n";
    out << "Orphans: " << plural(r.orphans.orphans, "journey") << " ("
        << pct(r.orphans.orphan_rate) << ") stalled after a handover; " << r.orphans.open
        << " still open at the end of the log (censored, not failures)\n";

    out << "\nWorst handoffs ("
        << (r.impact.basis == "red" ? "by attributable share of red journeys"
                                    : "by volume × wait × rejection")
        << "):\n";
    std::size_t shown = 0;
    for (const miners::HandoffImpact& h : r.impact.edges) {
        if (shown == top) {
            break;
        }
        const miners::HandoverEdge* e = r.find(h.from, h.to);
        if (e == nullptr) {
            continue;
        }
        ++shown;
        out << rpad(std::to_string(shown), 2) << ". " << miners::describe_handover(*e, r) << "\n";
        out << "    " << plural(e->count, "handover") << " · wait "
            << wait_text(e->wait, e->business_wait, e->working_day_s)
            << " · " << pct(e->rejection_rate) << " back";
        if (r.impact.basis == "red") {
            out << " · PAF " << num(h.paf, 2);
        }
        out << "\n";
    }
    if (shown == 0) {
        out << "  (none)\n";
    }
    if (!il.missing.empty()) {
        const auto worst = std::max_element(
            il.missing.begin(), il.missing.end(),
            [](const miners::MissingTouchpoint& a, const miners::MissingTouchpoint& b) {
                return a.journeys < b.journeys;
            });
        if (worst->journeys > 0) {
            out << "\nMost often missing designed touchpoint: " << worst->touchpoint << " ("
                << pct(worst->rate) << " of journeys)\n";
        }
    }
    if (cc) {
        const miners::ContactCentreMetrics& m = *cc;
        out << "\nContact centre: " << num(m.contacts_per_journey, 2) << " contacts per journey, "
            << pct(m.failure_demand_ratio) << " failure demand";
        for (const miners::FcrWindow& f : m.fcr) {
            out << "; FCR " << f.window_s / 86400 << "d " << pct(f.fcr);
        }
        if (m.with_disposition > 0) {
            out << " vs self-reported " << pct(m.self_reported_fcr);
        }
        out << "; transfers " << pct(m.transfer_rate) << "\n";
    }
}

// ---------------------------------------------------------------------------

#ifdef JOURNEY_HAVE_RENDER
void write_heatmap(const std::string& path, const std::string& metric, const std::string& log_name,
                   const miners::HandoffResult& r, const std::optional<Journey>& spec) {
    std::vector<std::string> nodes;
    for (const miners::HandoverEdge& e : r.edges) {
        nodes.push_back(e.from);
        nodes.push_back(e.to);
    }
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    if (spec && r.level == miners::HandoffLevel::department) {
        // Map order: departments by lane, then the rest by name.
        std::vector<std::string> ordered;
        for (const std::size_t d : spec->departments_by_lane()) {
            const std::string& id = spec->departments[d].id;
            if (std::binary_search(nodes.begin(), nodes.end(), id)) {
                ordered.push_back(id);
            }
        }
        for (const std::string& n : nodes) {
            if (std::find(ordered.begin(), ordered.end(), n) == ordered.end()) {
                ordered.push_back(n);
            }
        }
        nodes = std::move(ordered);
    }
    render::HeatMatrix m;
    m.title = "Handovers: " + log_name;
    m.rows = nodes;
    m.columns = nodes;
    const std::size_t n = nodes.size();
    m.values.assign(n * n, std::numeric_limits<double>::quiet_NaN());
    m.cell_text.assign(n * n, std::string());
    m.tooltips.assign(n * n, std::string());
    const auto index = [&](const std::string& name) {
        return static_cast<std::size_t>(std::find(nodes.begin(), nodes.end(), name) - nodes.begin());
    };
    for (const miners::HandoverEdge& e : r.edges) {
        const std::size_t i = index(e.from) * n + index(e.to);
        if (metric == "rejection") {
            m.values[i] = e.rejection_rate * 100;
            m.cell_text[i] = num(e.rejection_rate * 100, 0) + "%";
        } else if (metric == "wait") {
            const bool wd = e.business_wait.count > 0 && e.working_day_s > 0;
            m.values[i] = wd ? e.business_wait.median_s / e.working_day_s : e.wait.median_s / 86400;
            m.cell_text[i] = num(m.values[i], 1);
        } else {
            m.values[i] = static_cast<double>(e.count);
            m.cell_text[i] = std::to_string(e.count);
        }
        m.tooltips[i] = miners::describe_handover(e, r);
    }
    if (metric == "rejection") {
        m.legend = "% of handovers returned by the receiver";
    } else if (metric == "wait") {
        m.legend = r.business_time ? "median wait (working days where calendars are known, else days)"
                                   : "median wait (days)";
    } else {
        m.legend = "handovers";
    }
    m.subtitle = std::to_string(r.totals.journeys) + " journeys, " +
                 std::to_string(r.totals.handovers) + " handovers; row hands over to column";
    const std::string svg = render::heat_matrix_svg(m);
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!f) {
        throw io_error(path, "cannot open for writing");
    }
    f << svg;
    if (!f) {
        throw io_error(path, "write failed");
    }
}
#endif

/// Per-journey findings as CSV (--journeys FILE).
void write_journeys(const std::string& path, const EventLog& log, const miners::HandoffResult& r,
                    const miners::InformationLoss& il) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!f) {
        throw io_error(path, "cannot open for writing");
    }
    f << "case_id,ping_pong,naive_ping_pong,reask,rejected,rework,orphan,open,complete,drift,"
         "contradiction,status_chase,missing_touchpoint,duplicate\n";
    for (std::size_t c = 0; c < log.num_cases(); ++c) {
        const std::uint8_t h = c < r.case_flags.size() ? r.case_flags[c] : 0;
        const std::uint8_t s = c < il.case_flags.size() ? il.case_flags[c] : 0;
        const auto bit = [](std::uint8_t v, std::uint8_t b) { return (v & b) != 0 ? ",1" : ",0"; };
        write_csv_field(f, std::string(log.case_name(c)));
        namespace cf = miners::case_flag;
        namespace sf = miners::signal_flag;
        f << bit(h, cf::ping_pong) << bit(h, cf::naive_ping_pong) << bit(h, cf::reask)
          << bit(h, cf::rejected) << bit(h, cf::rework) << bit(h, cf::orphan) << bit(h, cf::open)
          << bit(h, cf::complete) << bit(s, sf::drift) << bit(s, sf::contradiction)
          << bit(s, sf::status_chase) << bit(s, sf::missing_touchpoint) << bit(s, sf::duplicate)
          << '\n';
    }
    if (!f) {
        throw io_error(path, "write failed");
    }
}

std::string base_name(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

int run_handoffs(const HandoffsOptions& o, Context& ctx) {
    if (o.json && o.csv) {
        throw usage_error("--json and --csv cannot be combined");
    }
#ifndef JOURNEY_HAVE_RENDER
    if (!o.heatmap.empty()) {
        throw error("this build of journey has no renderer for --heatmap");
    }
#endif
    miners::HandoffOptions ho;
    ho.mode = o.mode == "pm4py" ? miners::HandoffMode::pm4py : miners::HandoffMode::journey;
    if (o.by == "department" || o.by == "org:group") {
        ho.level = miners::HandoffLevel::department;
    } else if (o.by == "resource" || o.by == "org:resource") {
        ho.level = miners::HandoffLevel::resource;
    } else {
        ho.level = miners::HandoffLevel::attribute;
        ho.attribute = o.by;
    }
    ho.object_level = !o.case_level;
    ho.beta = o.beta;
    ho.causal = o.causal;
    ho.batch_waits = o.batch_waits;
    ho.wait_threshold_s = seconds_of(o.wait_threshold, "--wait-threshold");
    ho.stall_s = seconds_of(o.stall, "--stall");
    ho.return_window_events = o.return_events;
    ho.return_window_s = seconds_of(o.return_within, "--return-within");
    ho.threads = o.input.threads;
    if (!o.as_of.empty()) {
        const auto t = parse_iso8601(o.as_of);
        if (!t) {
            throw usage_error("--as-of must be an ISO 8601 time such as 2024-06-30T00:00:00Z, not '" +
                              o.as_of + "'");
        }
        ho.as_of = *t;
    }
    miners::SignalOptions so;
    if (!o.drift.empty()) {
        so.drift_attributes = o.drift;
    }
    for (const std::string& c : o.conflicts) {
        const auto comma = c.find(',');
        if (comma == std::string::npos) {
            throw usage_error("--conflict needs two activities separated by a comma, not '" + c + "'");
        }
        so.conflicting_activities.emplace_back(c.substr(0, comma), c.substr(comma + 1));
    }

    std::optional<Journey> spec;
    if (!o.spec.empty()) {
        spec = load_spec(o.spec, ctx);
        if (!spec) {
            return exit_data;
        }
    }
    const io::ReadResult r = load_log(o.log, o.input, ctx);
    miners::HandoffContext hctx;
    std::optional<Binding> binding;
    if (spec) {
        binding = bind(*spec, r.log);
        hctx = miners::make_handoff_context(*spec, r.log, *binding);
    } else {
        hctx = miners::make_handoff_context(r.log);
    }
    if (o.causal && o.causal_model == "designed") {
        if (!spec) {
            throw usage_error("--causal-model designed needs --spec (the designed order)");
        }
        ho.causal_pairs = designed_causal_pairs(*spec, r.log, *binding);
    }
    if (!o.red_file.empty()) {
        hctx.red = read_red(o.red_file, r.log);
    } else if (spec && !spec->outcomes.empty()) {
        // The spec's journey criteria say which journeys are red (the watermelon
        // detector's inside view); running and unstarted journeys are unknown.
        const std::vector<miners::JourneyState> states = miners::journey_states(*spec, r.log);
        hctx.red.assign(r.log.num_cases(), 2);
        for (std::size_t c = 0; c < states.size(); ++c) {
            if (states[c] == miners::JourneyState::red) {
                hctx.red[c] = 1;
            } else if (states[c] == miners::JourneyState::green) {
                hctx.red[c] = 0;
            }
        }
    }
    const miners::HandoffResult result = miners::analyze_handoffs(r.log, hctx, ho);
    const miners::InformationLoss il = miners::information_loss(r.log, hctx, so);
    std::optional<miners::ContactCentreMetrics> cc;
    if (spec) {
        cc = miners::contact_centre_metrics(r.log, hctx);
    }
#ifdef JOURNEY_HAVE_RENDER
    if (!o.heatmap.empty()) {
        write_heatmap(o.heatmap, o.heatmap_metric, base_name(o.log), result, spec);
    }
#endif
    if (!o.journeys_file.empty()) {
        write_journeys(o.journeys_file, r.log, result, il);
    }
    if (o.json) {
        write_json(result, il, cc, ctx.out);
    } else if (o.csv) {
        write_csv(result, o.csv_table, ctx.out);
    } else {
        write_text(base_name(o.log), result, il, cc, o.top, ctx.out);
    }
    return exit_ok;
}

} // namespace

void setup_handoffs(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<HandoffsOptions>();
    CLI::App* sub = app.add_subcommand(
        "handoffs", "Handoff failures between departments: handovers, waits, ping-pong, rework, "
                    "orphans, contact-centre metrics");
    sub->add_option("LOG", opt->log, "Event log (CSV, XES, XES.gz)")->required();
    add_spec_option(*sub, opt->spec);
    sub->add_option("--by", opt->by,
                    "Node of the handover network: department (org:group), resource "
                    "(org:resource) or an event attribute")
        ->capture_default_str();
    sub->add_option("--mode", opt->mode,
                    "journey (per work object, non-work removed) or pm4py (pm4py's handover of "
                    "work values)")
        ->capture_default_str()
        ->check(CLI::IsMember({"journey", "pm4py"}));
    sub->add_flag("--json", opt->json, "Print JSON (schema in docs/cli/journey-handoffs.md)");
    sub->add_flag("--csv", opt->csv, "Print one table as CSV (see --csv-table)");
    sub->add_option("--csv-table", opt->csv_table, "Table for --csv")
        ->capture_default_str()
        ->check(CLI::IsMember({"handover", "ping_pong", "rework", "orphans", "impact"}));
    sub->add_option("--heatmap", opt->heatmap, "Write the department × department heat matrix (SVG)");
    sub->add_option("--heatmap-metric", opt->heatmap_metric, "Heat matrix cells")
        ->capture_default_str()
        ->check(CLI::IsMember({"count", "rejection", "wait"}));
    sub->add_option("--top", opt->top, "Worst handoffs listed in the report")
        ->capture_default_str();
    sub->add_option("--beta", opt->beta, "Depth factor of indirect succession, 0 <= beta < 1")
        ->capture_default_str();
    sub->add_flag("--causal", opt->causal,
                  "Count a handover only when its activities are a causal relation (see --causal-model)");
    sub->add_option("--causal-model", opt->causal_model,
                    "With --causal: 'discovered' (the log's alpha relation) or 'designed' (the "
                    "spec's designed order, plus steps within one touchpoint; needs --spec)")
        ->check(CLI::IsMember({"discovered", "designed"}))
        ->capture_default_str();
    sub->add_flag("--case-level", opt->case_level,
                  "Count on each journey's whole work trace instead of per work object");
    sub->add_flag("--batch-waits", opt->batch_waits,
                  "Keep waits from or to batch activities in the wait statistics");
    sub->add_option("--wait-threshold", opt->wait_threshold,
                    "Waits above this count as over threshold (e.g. 48h, 2d)")
        ->capture_default_str();
    sub->add_option("--stall", opt->stall,
                    "A handover not acted on for this long makes an orphan (e.g. 30d)")
        ->capture_default_str();
    sub->add_option("--as-of", opt->as_of,
                    "End of the log for orphans (ISO 8601; default: the latest event)");
    sub->add_option("--return-events", opt->return_events,
                    "A return within this many events of the receiver rejects a handover")
        ->capture_default_str();
    sub->add_option("--return-within", opt->return_within,
                    "... and within this time (0s = no limit)")
        ->capture_default_str();
    sub->add_option("--red", opt->red_file,
                    "CSV with columns case_id and red (1/0): rank handoffs by red journeys");
    sub->add_option("--journeys", opt->journeys_file,
                    "Write per-journey findings (CSV: case_id and one 0/1 column per finding)");
    sub->add_option("--drift", opt->drift, "Attributes checked for drift across departments (IL3)");
    sub->add_option("--conflict", opt->conflicts,
                    "Two outbound activities with conflicting intents, 'A,B' (IL3b)");
    add_input_options(*sub, opt->input);
    sub->callback([opt, &ctx] { ctx.exit_code = run_handoffs(*opt, ctx); });
}

} // namespace journey::cli
