// The files: events.csv / events.xes columns and read-back through journey::io,
// journeys.csv, the catalogues, config.json, and the accounting of noise.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <journey/core/error.hpp>
#include <journey/core/time.hpp>
#include <journey/io/csv.hpp>
#include <journey/io/xes.hpp>
#include <journey/sim/event_log.hpp>
#include <journey/sim/generator.hpp>
#include <journey/sim/output.hpp>

#include "sim_test_util.hpp"

using namespace journey;
using namespace journey::sim;
using namespace journey::sim::test;

namespace {

io::ReadOptions csv_options() {
    io::ReadOptions ro;
    ro.format = "csv";
    ro.columns.case_id = "case_id";
    ro.columns.activity = "activity";
    ro.columns.timestamp = "timestamp";
    ro.columns.department = "department";
    ro.columns.resource = "resource";
    ro.columns.channel = "channel";
    ro.columns.lifecycle = "lifecycle";
    return ro;
}

std::string header_of(const std::string& events) {
    return events.substr(0, events.find('\n'));
}

} // namespace

TEST_CASE("events.csv has the contract's columns", "[sim][output]") {
    const std::string core =
        "case_id,event_seq,activity,timestamp,lifecycle,department,resource,channel,touchpoint,"
        "object_type,object_id,actor_type";
    CHECK(header_of(run(as_is(), 1, 1, 1).events) ==
          core + ",reason,disposition,wait_s,handle_s,template,read_reason,read_type,read_date,"
                 "premise,balance,amount,tariff,sent_to,move_date,journey_score,csat,meter_type,"
                 "payment_method,region");
    CHECK(header_of(run(telco(), 1, 1, 1).events) ==
          core +
              ",order_id,work_order_id,reason,disposition,wait_s,handle_s,promised_date,"
              "in_window,abort_reason,port_on_date,entered_same_day,product,region,amount,score");
    CHECK(header_of(run(as_is(), 1, 1, 1).journeys) ==
          "case_id,variant,channel,start_ts,move_date_declared,move_date_actual,end_ts,censored,"
          "red,J1,J2,J3,J4,J5,J6,defects,defect_names,fd_contacts,contacts,resolved_contacts,"
          "transfers,rebills,complaint,wrongful_dunning,pingpong,reask,orphan,sla_instances,"
          "sla_breaches,score,churn_90d,events,noise_date_only,noise_skew_s,noise_duplicates,"
          "noise_missing_department,noise_account_only,noise_late");
}

TEST_CASE("every row is well formed", "[sim][output]") {
    for (const Scenario& sc : {as_is(), telco()}) {
        const Output o = run(sc, 1500, 4, 1);
        const auto rows = lines(o.events);
        const std::size_t width = fields(rows[0]).size();
        std::uint64_t n = 0;
        std::string last_case;
        std::set<std::string> cases;
        for (std::size_t i = 1; i < rows.size(); ++i) {
            const auto f = fields(rows[i]);
            REQUIRE(f.size() == width);
            const auto ts = parse_iso8601(f[3]);
            REQUIRE(ts.has_value());
            REQUIRE(f[3].size() == 25); // YYYY-MM-DDThh:mm:ss+hh:mm
            REQUIRE(f[4] == "complete");
            REQUIRE_FALSE(f[2].empty());
            REQUIRE_FALSE(f[5].empty());
            REQUIRE_FALSE(f[6].empty());
            REQUIRE_FALSE(f[10].empty());
            if (f[0] != last_case) {
                REQUIRE(cases.insert(std::string(f[0])).second); // cases are contiguous
                last_case = std::string(f[0]);
            }
            ++n;
        }
        CHECK(n == o.summary.events);
        CHECK(cases.size() == 1500);
        const auto jrows = lines(o.journeys);
        CHECK(jrows.size() == 1501);
        for (std::size_t i = 1; i < jrows.size(); ++i) {
            REQUIRE(fields(jrows[i]).size() == 38);
        }
    }
}

TEST_CASE("reading events.csv gives the generator's log", "[sim][output]") {
    for (const Scenario& sc : {as_is(), telco()}) {
        const Output o = run(sc, 300, 6, 1);
        const io::ReadResult r = io::read_csv(o.events, csv_options(), "events.csv");
        const Generator g(sc, {300, 6});
        const EventLog direct = to_event_log(g, 0, 300);
        CHECK(r.report.rejected == 0);
        CHECK(r.log.num_cases() == 300);
        CHECK(r.log.num_events() == o.summary.events);
        CHECK(r.log == direct);
    }
}

TEST_CASE("events.xes reads back to the same events", "[sim][output]") {
    const Scenario sc = as_is();
    const Output csv = run(sc, 200, 8, 1);
    const Output xes = run(sc, 200, 8, 1, EventFormat::xes);
    CHECK(xes.events.rfind(
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1849-2016\"", 0) ==
          0);
    CHECK(xes.events.substr(xes.events.size() - 7) == "</log>\n");
    namespace fs = std::filesystem;
    const fs::path file = fs::temp_directory_path() / "journey_sim_output_test.xes";
    {
        std::ofstream out(file, std::ios::binary);
        out << xes.events;
    }
    const io::ReadResult x = io::read_xes_file(file.string(), io::ReadOptions{});
    fs::remove(file);
    const io::ReadResult c = io::read_csv(csv.events, csv_options(), "events.csv");
    REQUIRE(x.log.num_cases() == c.log.num_cases());
    REQUIRE(x.log.num_events() == c.log.num_events());
    for (std::size_t e = 0; e < c.log.num_events(); ++e) {
        REQUIRE(x.log.timestamps()[e] == c.log.timestamps()[e]);
        REQUIRE(x.log.activity_names()[x.log.activities()[e]] ==
                c.log.activity_names()[c.log.activities()[e]]);
        REQUIRE(x.log.department_names()[x.log.departments()[e]] ==
                c.log.department_names()[c.log.departments()[e]]);
    }
    for (std::size_t k = 0; k < c.log.num_cases(); ++k) {
        REQUIRE(x.log.case_name(k) == c.log.case_name(k));
    }
    // Typed attributes survive: ints, floats, booleans, dates.
    CHECK(x.log.event_attribute("wait_s", AttrType::integer) != nullptr);
    CHECK(x.log.event_attribute("balance", AttrType::real) != nullptr);
    CHECK(x.log.event_attribute("move_date", AttrType::time) != nullptr);
    CHECK(x.log.meta().attributes.size() == 2);
}

TEST_CASE("noise is injected as configured and counted per journey", "[sim][output]") {
    const Scenario noisy = load_scenario(example("move-house/scenarios/noisy.scenario"));
    const Output o = run(noisy, 3000, 12, 1);
    std::map<std::string, std::int64_t> sums;
    std::int64_t skewed = 0;
    const auto jrows = lines(o.journeys);
    const auto head = fields(jrows[0]);
    for (std::size_t i = 1; i < jrows.size(); ++i) {
        const auto f = fields(jrows[i]);
        for (std::size_t k = 32; k < head.size(); ++k) {
            sums[std::string(head[k])] += std::stoll(std::string(f[k]));
        }
        skewed += f[33] != "0" ? 1 : 0;
    }
    std::int64_t date_only = 0, no_case = 0, no_dept = 0, rows = 0;
    std::map<std::string, std::int64_t> per_case;
    std::int64_t out_of_order = 0;
    std::string last_case;
    std::set<std::string> closed;
    for (const std::string_view row : lines(o.events)) {
        const auto f = fields(row);
        if (f[0] == "case_id") {
            continue;
        }
        ++rows;
        date_only += f[3].size() == 10 ? 1 : 0;
        no_case += f[0].empty() ? 1 : 0;
        no_dept += f[5].empty() ? 1 : 0;
        if (!f[0].empty()) {
            // a row of a journey whose rows already ended is a late arrival
            if (std::string(f[0]) != last_case) {
                if (!last_case.empty()) {
                    closed.insert(last_case);
                }
                last_case = std::string(f[0]);
                out_of_order += closed.count(last_case) ? 1 : 0;
            } else if (closed.count(last_case)) {
                ++out_of_order;
            }
        }
    }
    CHECK(rows == static_cast<std::int64_t>(o.summary.events));
    CHECK(date_only == sums["noise_date_only"]);
    CHECK(no_case == sums["noise_account_only"]);
    CHECK(no_dept == sums["noise_missing_department"]);
    // Every injected kind occurs at 3000 journeys with the §5.7 rates.
    CHECK(sums["noise_duplicates"] > 50);
    CHECK(sums["noise_late"] > 100);
    CHECK(out_of_order > 0);
    CHECK(out_of_order <= sums["noise_late"]);
    CHECK(skewed == Approx(150).margin(45)); // 5 % of journeys
    // Noise never changes a clean run's journeys.csv ground-truth columns.
    const Output clean = run(as_is(), 3000, 12, 1);
    const auto crow = lines(clean.journeys);
    for (std::size_t i = 1; i < crow.size(); ++i) {
        const auto a = fields(crow[i]);
        const auto b = fields(jrows[i]);
        for (std::size_t k = 0; k < 31; ++k) {
            REQUIRE(a[k] == b[k]);
        }
    }
}

TEST_CASE("the catalogue files and config.json", "[sim][output]") {
    const Generator g(as_is(), {100, 42});
    const std::string tp_text = touchpoints_csv(g);
    const auto tp = lines(tp_text);
    CHECK(tp.size() == 20);
    CHECK(tp[0] == "id,name,owner,designed,hidden,sla_kind,sla_start,sla_stop,sla_unit,sla_target,"
                   "ontime_p,sla_text");
    CHECK(tp[5] == "T05,Final meter read at the old home,MET,1,0,pair,Read requested,"
                   "Read received;Read estimated,working_days,2,0.94,"
                   "Final read available (actual or estimated) within 2 WD of the request");
    const std::string dep_text = departments_csv(g);
    const auto dep = lines(dep_text);
    CHECK(dep.size() == 15);
    CHECK(dep[7] == "DSO,Network operator / meter reader,dso-b2b,120,1");
    const std::string cfg = config_json(g, EventFormat::csv);
    CHECK(cfg.find("\"generator_version\": \"journey-sim 3\"") != std::string::npos);
    CHECK(cfg.find("\"seed\": 42") != std::string::npos);
    CHECK(cfg.find("\"defects.d7\": \"0.2\"") != std::string::npos);
    CHECK(cfg.find("\"ontime.T17\": \"0.93\"") != std::string::npos);
}

TEST_CASE("simulate_to_directory writes the five files", "[sim][output]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "journey_sim_dir_test" / "nested";
    fs::remove_all(dir.parent_path());
    SimulateOptions o;
    o.journeys = 50;
    o.seed = 1;
    o.threads = 2;
    std::uint64_t last_done = 0;
    o.progress = [&](std::uint64_t done, std::uint64_t total, std::uint64_t bytes) {
        CHECK(total == 50);
        CHECK(bytes > 0);
        last_done = done;
    };
    const SimulateSummary s = simulate_to_directory(as_is(), o, dir.string());
    CHECK(last_done == 50);
    CHECK(s.journeys == 50);
    for (const char* f :
         {"events.csv", "journeys.csv", "touchpoints.csv", "departments.csv", "config.json"}) {
        CHECK(fs::is_regular_file(dir / f));
    }
    fs::remove_all(dir.parent_path());
    // A directory that cannot be created is an io_error naming it.
    CHECK_THROWS_AS(simulate_to_directory(as_is(), o, "/proc/journey_sim_cannot_exist/x"),
                    io_error);
}
