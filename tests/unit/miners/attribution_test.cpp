// Attribution of red journeys on a planted log whose counts are known by design:
// 200 journeys, 80 red. Fisher p-values were computed exactly (Python math.comb over
// the whole hypergeometric support); tolerance 1e-9 relative (log-space summation).

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <journey/core/error.hpp>
#include <journey/miners/attribution.hpp>

#include "../test_util.hpp"
#include "journey_fixtures.hpp"

using namespace journey;
using namespace journey::test;
using miners::FeatureKind;
using miners::FeatureStats;

namespace {

// T1 "Notify" (CS) starts, T2 "Bill issued" (BIL) ends. Red: a dispute (J2) or a
// complaint (J4). Objects: the read and the bill.
Journey planted_spec() {
    Journey j;
    for (const char* d : {"CS", "MET", "BIL"}) {
        Department dep;
        dep.id = d;
        j.departments.push_back(dep);
    }
    j.touchpoints.push_back(touchpoint("T1", "CS", activity_is("Notify")));
    j.touchpoints.push_back(touchpoint("T2", "BIL", activity_is("Bill issued")));
    j.classes.push_back(event_class("dispute", ClassRole::failure_demand, activity_is("Dispute")));
    j.classes.push_back(event_class("complaint", ClassRole::complaint, activity_is("Complaint")));
    ObjectType bill;
    bill.id = "bill";
    ObjectType read;
    read.id = "read";
    j.object_types = {bill, read};
    j.start = sel_touchpoint("T1");
    j.end = sel_touchpoint("T2");
    j.outcomes.push_back(
        outcome("J2", {check(m_count(sel_class("dispute")), CompareOp::eq, Literal::number_value(0))}));
    j.outcomes.push_back(
        outcome("J4", {check(m_count(sel_class("complaint")), CompareOp::eq, Literal::number_value(0))}));
    return j;
}

std::string day(int d) {
    return format_iso8601(at("2024-01-01T09:00:00Z") +
                          static_cast<std::int64_t>(d) * 24 * 3600 * micros_per_second);
}

/// 100 green (actual read), 60 red with an estimated read and a dispute 5 days after
/// the bill, 20 red with an actual read and a complaint 10 days after the bill (one
/// of them 20 days), 20 green with an estimated read and no dispute.
EventLog planted_log() {
    std::vector<std::pair<std::string, std::vector<Ev>>> cases;
    for (int i = 0; i < 200; ++i) {
        const bool estimated = (i >= 100 && i < 160) || i >= 180;
        const std::string read = numbered("R", i);
        const std::string bill = numbered("B", i);
        std::vector<Ev> evs{
            {"Notify", day(i), "CS"},
            {"Read", day(i + 1), "MET", {{"read_type", estimated ? "estimated" : "actual"}}, {}, {{"read", read}}},
            {"Bill issued", day(i + 2), "BIL", {}, {}, {{"bill", bill}, {"read", read}}},
        };
        if (i >= 100 && i < 160) {
            evs.push_back({"Dispute", day(i + 7), "CS", {}, {}, {{"bill", bill}, {"read", read}}});
        } else if (i >= 160 && i < 180) {
            evs.push_back({"Complaint", day(i + (i == 179 ? 22 : 12)), "CS", {}, {}, {{"bill", bill}}});
        }
        cases.emplace_back(numbered("J", i), std::move(evs));
    }
    return build_log(cases);
}

const FeatureStats& feature(const miners::Attribution& a, const std::string& key) {
    for (const FeatureStats& f : a.features) {
        if (f.key == key) {
            return f;
        }
    }
    FAIL("no feature " << key);
    return a.features.front();
}

bool has_feature(const miners::Attribution& a, const std::string& key) {
    for (const FeatureStats& f : a.features) {
        if (f.key == key) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("Attribution: feature statistics of a planted log", "[miners][attribution]") {
    const Journey spec = planted_spec();
    const EventLog log = planted_log();
    const miners::JourneyEvaluator ev(spec, log);
    const miners::Attribution a = miners::attribute_red(ev);
    CHECK(a.journeys == 200);
    CHECK(a.red == 80);
    CHECK(a.red_rate == 0.4);

    // The estimated read: 80 journeys (60 red), 120 without (20 red).
    const FeatureStats& est = feature(a, "activity:Read[read_type=estimated]");
    CHECK(est.kind == FeatureKind::activity_value);
    CHECK(est.description == "'Read' with read_type = estimated");
    CHECK(est.journeys == 80);
    CHECK(est.red == 60);
    CHECK(est.red_rate == 0.75);
    CHECK(est.red_rate_without == Approx(20.0 / 120).epsilon(1e-12));
    CHECK(est.lift == Approx(0.75 / 0.4).epsilon(1e-12));
    CHECK(est.relative_risk == Approx(4.5).epsilon(1e-12));
    CHECK(est.risk_difference == Approx(0.75 - 1.0 / 6).epsilon(1e-12));
    CHECK(est.attributable_fraction == Approx((0.4 - 1.0 / 6) / 0.4).epsilon(1e-12));
    // OR = (60·100)/(20·20) = 15; Woolf SE √(1/60+1/20+1/20+1/100).
    CHECK(est.odds_ratio.estimate == Approx(15.0).epsilon(1e-12));
    const double se = std::sqrt(1.0 / 60 + 1.0 / 20 + 1.0 / 20 + 1.0 / 100);
    CHECK(est.odds_ratio.lower == Approx(15.0 * std::exp(-1.959963984540054 * se)).epsilon(1e-12));
    CHECK(est.p == Approx(1.0179819506546192e-16).epsilon(1e-9));
    CHECK(est.q >= est.p);
    CHECK(est.eligible);
    CHECK_FALSE(est.definitional);

    // The handoff Billing -> CS on the bill: every red journey, no green one.
    const FeatureStats& h = feature(a, "handoff:BIL>CS");
    CHECK(h.journeys == 80);
    CHECK(h.red == 80);
    CHECK(h.red_rate_without == 0.0);
    CHECK(h.attributable_fraction == 1.0);
    CHECK(h.p == Approx(6.070618340810939e-58).epsilon(1e-9));
    // Read -> bill on the read object: every journey, too common to rank.
    const FeatureStats& mb = feature(a, "handoff:MET>BIL");
    CHECK(mb.journeys == 200);
    CHECK(std::isnan(mb.red_rate_without));
    CHECK(std::isnan(mb.attributable_fraction));
    CHECK_FALSE(mb.eligible);

    // What defines red is reported but never a cause.
    CHECK(feature(a, "class:dispute").definitional);
    CHECK(feature(a, "activity:Dispute").definitional);
    CHECK(feature(a, "activity:Complaint").definitional);
    CHECK_FALSE(feature(a, "class:complaint").eligible);

    // First failures: the dispute (60, all red) and the complaint (20, all red).
    const FeatureStats& fd = feature(a, "first-failure:Dispute");
    CHECK(fd.journeys == 60);
    CHECK(fd.attributable_fraction == Approx((0.4 - 20.0 / 140) / 0.4).epsilon(1e-12));
    CHECK(fd.p == Approx(5.021395791779444e-34).epsilon(1e-9));
    CHECK(fd.definitional);
    const FeatureStats& fc = feature(a, "first-failure:Complaint");
    CHECK(fc.journeys == 20);
    CHECK(fc.p == Approx(2.1909660996292253e-09).epsilon(1e-9));
    CHECK_FALSE(fc.eligible);

    // The complaint that came 20 days after its bill waited longer than the p90 of the
    // BIL -> CS handoff (10 days): a slow handoff in one red journey, not significant.
    const FeatureStats& slow = feature(a, "slow-handoff:BIL>CS");
    CHECK(slow.journeys == 1);
    CHECK(slow.red == 1);
    CHECK(slow.p == Approx(0.4).epsilon(1e-9));
    CHECK_FALSE(slow.eligible);
    CHECK(slow.description == "a BIL to CS handoff waited longer than its 90th percentile (10.0 d)");
    CHECK_FALSE(has_feature(a, "slow-handoff:MET>BIL"));
    CHECK_FALSE(has_feature(a, "ping-pong:bill"));

    // Features come sorted by key.
    for (std::size_t i = 1; i < a.features.size(); ++i) {
        CHECK(a.features[i - 1].key < a.features[i].key);
    }
}

TEST_CASE("Attribution: causes, set cover and blame edges", "[miners][attribution]") {
    const Journey spec = planted_spec();
    const EventLog log = planted_log();
    const miners::JourneyEvaluator ev(spec, log);
    const miners::Attribution a = miners::attribute_red(ev);
    // Ranked by attributable fraction: the handoff BIL>CS and the blame edge MET>BIL
    // (1.0, present in exactly the same 80 journeys: one cause, the handoff reads
    // better), then the estimated read (0.583). The first failures (dispute 0.643,
    // complaint 0.167) name what defines red, so they are not causes.
    REQUIRE(a.causes.size() == 2);
    CHECK(a.features[a.causes[0].feature].key == "handoff:BIL>CS");
    CHECK(a.causes[0].aliases == std::vector<std::string>{"blame:MET>BIL"});
    CHECK(a.features[a.causes[1].feature].key == "activity:Read[read_type=estimated]");
    CHECK(a.causes[1].aliases.empty());
    CHECK(a.causes[0].sentence ==
          "Work passed from BIL to CS: red in 100% of the 80 journeys with it against 0% "
          "without; it accounts for 100% of red journeys.");
    CHECK(a.causes[1].sentence ==
          "'Read' with read_type = estimated: red in 75% of the 80 journeys with it against 17% "
          "without; it accounts for 58% of red journeys.");
    // One feature covers every red journey.
    REQUIRE(a.cover.size() == 1);
    CHECK(a.cover[0].key == "handoff:BIL>CS");
    CHECK(a.cover[0].newly_covered == 80);
    CHECK(a.cover[0].cumulative_share == 1.0);
    // Every first failure (dispute on the read, complaint on the bill) follows the
    // read -> bill handoff: on the read object for disputes, on the case trace for
    // complaints (the bill names no earlier handoff).
    REQUIRE(a.blame.size() == 1);
    CHECK(a.blame[0].from == "MET");
    CHECK(a.blame[0].to == "BIL");
    CHECK(a.blame[0].red == 80);
    CHECK(a.blame[0].share_of_red == 1.0);

    // Stricter filters: the estimated read (lift 1.875) goes below a lift of 2.
    miners::AttributionOptions strict;
    strict.min_lift = 2;
    const miners::Attribution b = miners::attribute_red(ev, strict);
    REQUIRE(b.causes.size() == 1);
    CHECK(b.features[b.causes[0].feature].key == "handoff:BIL>CS");
    miners::AttributionOptions few;
    few.max_causes = 1;
    few.max_cover = 0;
    const miners::Attribution c = miners::attribute_red(ev, few);
    CHECK(c.causes.size() == 1);
    CHECK(c.cover.empty());
}

TEST_CASE("Attribution of a log without red journeys", "[miners][attribution]") {
    Journey spec = planted_spec();
    spec.outcomes.clear();
    const EventLog log = planted_log();
    const miners::JourneyEvaluator ev(spec, log);
    const miners::Attribution a = miners::attribute_red(ev);
    CHECK(a.journeys == 200);
    CHECK(a.red == 0);
    CHECK(a.causes.empty());
    CHECK(a.cover.empty());
    CHECK(a.blame.empty());
    CHECK(std::isnan(feature(a, "activity:Notify").lift));
}

TEST_CASE("Differential DFG: red against green per edge", "[miners][attribution]") {
    const Journey spec = planted_spec();
    const EventLog log = planted_log();
    const std::vector<miners::JourneyState> states = miners::journey_states(spec, log);
    const miners::DifferentialDfg d = miners::differential_dfg(log, states);
    CHECK(d.red == 80);
    CHECK(d.green == 120);
    REQUIRE(d.nodes.size() == 5);
    CHECK(d.nodes[0].activity == "Bill issued");
    CHECK(d.nodes[0].red_journeys == 80);
    CHECK(d.nodes[0].green_journeys == 120);
    CHECK(d.nodes[0].red_rework_rate == 0.0);
    REQUIRE(d.edges.size() == 4);
    // Sorted by (from, to): Bill issued -> Complaint, Bill issued -> Dispute, Notify -> Read,
    // Read -> Bill issued.
    const miners::DiffEdge& dispute = d.edges[1];
    CHECK(dispute.from == "Bill issued");
    CHECK(dispute.to == "Dispute");
    CHECK(dispute.red_count == 60);
    CHECK(dispute.green_count == 0);
    CHECK(dispute.red_journeys == 60);
    CHECK(dispute.red_per_journey == 0.75);
    CHECK(dispute.green_per_journey == 0.0);
    // ln(((60 + 0.5)/81) / ((0 + 0.5)/121)).
    CHECK(dispute.log_lift == Approx(5.1971319365210435).epsilon(1e-12));
    // Five days, binned at 1 %: within ±0.5 %.
    CHECK(dispute.median_wait_s == Approx(5 * 86400.0).epsilon(0.005));
    CHECK(std::isnan(dispute.green_median_wait_s));
    const miners::DiffEdge& notify = d.edges[2];
    CHECK(notify.from == "Notify");
    CHECK(notify.red_journeys == 80);
    CHECK(notify.green_journeys == 120);
    CHECK(notify.log_lift == Approx(std::log((80.5 / 81) / (120.5 / 121))).epsilon(1e-12));
    CHECK(notify.p90_wait_s == Approx(86400.0).epsilon(0.005));

    const std::vector<miners::JourneyState> wrong(3, miners::JourneyState::red);
    CHECK_THROWS_WITH(miners::differential_dfg(log, wrong),
                      "differential_dfg: 3 journey states for 200 cases");
}
