// Touchpoint scorecard (outside) and journey outcomes (inside) of the mini move,
// worked out by hand from journey_fixtures.hpp (see outcomes_test.cpp for the
// per-journey walk-through).

#include <catch2/catch.hpp>

#include <cmath>

#include <journey/miners/scorecard.hpp>

#include "journey_fixtures.hpp"

using namespace journey;
using namespace journey::test;

namespace {

miners::Scorecard mini_scorecard() {
    miners::EvaluationOptions o;
    o.as_of = mini_move_as_of();
    return miners::compute_scorecard(mini_move_spec(), mini_move_log(), o);
}

} // namespace

TEST_CASE("Scorecard outside: attainment per touchpoint measure", "[miners][scorecard]") {
    const miners::Scorecard sc = mini_scorecard();
    const miners::OutsideSummary& out = sc.outside;
    REQUIRE(out.rows.size() == 3);
    // T2 move-out within 2wd: stopped in A, B, C, F; met in A and B; D still open.
    const miners::TouchpointScore& t2 = out.rows[0];
    CHECK(t2.touchpoint == "T2");
    CHECK(t2.owner == "MIMO");
    CHECK(t2.measure == "T2");
    CHECK(t2.instances == 4);
    CHECK(t2.met == 2);
    CHECK(t2.open == 1);
    CHECK(t2.attainment == 0.5);
    CHECK(t2.per_case == Approx(4.0 / 7).epsilon(1e-12));
    REQUIRE(t2.status);
    CHECK(*t2.status == Thresholds::Status::red);
    // T3 bill within 48h of the read: A, B, C met; F (72 h) breached: 0.75 < amber 80.
    const miners::TouchpointScore& t3 = out.rows[1];
    CHECK(t3.instances == 4);
    CHECK(t3.met == 3);
    CHECK(t3.attainment == 0.75);
    CHECK(*t3.status == Thresholds::Status::red);
    // T4 calls answered within 60 s: A 1, B 2, E 1 call, all answered.
    const miners::TouchpointScore& t4 = out.rows[2];
    CHECK(t4.kind == miners::MeasureInfo::Kind::kpi);
    CHECK(t4.instances == 4);
    CHECK(t4.attainment == 1.0);
    CHECK(*t4.status == Thresholds::Status::green);

    CHECK(out.scored == 3);
    CHECK(out.green == 1);
    CHECK(out.amber == 0);
    CHECK(out.red == 2);
    CHECK_FALSE(out.dashboard_green);
    // G_out = (2 + 3 + 4) / (4 + 4 + 4).
    CHECK(out.weighted_attainment == 0.75);
    CHECK(out.min_attainment == 0.5);
    CHECK(out.min_measure == "T2");
}

TEST_CASE("Scorecard inside: journey criteria over ended journeys", "[miners][scorecard]") {
    const miners::Scorecard sc = mini_scorecard();
    const miners::InsideSummary& in = sc.inside;
    CHECK(in.cases == 7);
    CHECK(in.journeys == 6);
    CHECK(in.ended == 4);
    CHECK(in.censored == 2);
    CHECK(in.no_start == 1);
    CHECK(in.green == 2);
    CHECK(in.red == 2);
    CHECK(in.success_rate == 0.5);
    REQUIRE(in.status);
    CHECK(*in.status == Thresholds::Status::red);
    CHECK(in.censoring == miners::censoring_statement());
    REQUIRE(in.outcomes.size() == 6);
    CHECK(in.outcomes[0].id == "J1");
    CHECK(in.outcomes[0].counted == 4);
    CHECK(in.outcomes[0].rate == 1.0);
    CHECK(in.outcomes[1].rate == 0.75); // J2: B failed
    CHECK(in.outcomes[2].rate == 0.75); // J3: C failed
    CHECK(in.outcomes[3].rate == 1.0);
    // J6 counts only surveyed journeys: A (9) met, B (3) failed.
    CHECK(in.outcomes[4].counted == 2);
    CHECK(in.outcomes[4].not_counted == 2);
    CHECK(in.outcomes[4].rate == 0.5);
    CHECK_FALSE(in.outcomes[4].status);
    // Churn (lagging): B switched away; green A, F retained; red B lost, C retained.
    CHECK(in.outcomes[5].lagging);
    CHECK(in.outcomes[5].rate == 0.75);
    CHECK(in.outcomes[5].rate_green == 1.0);
    CHECK(in.outcomes[5].rate_red == 0.5);

    // e2e of ended journeys: A 95 h, B 215 h, F 263 h, C 504.5 h (seconds below).
    CHECK(in.e2e.ended == 4);
    CHECK(in.e2e.censored == 2);
    CHECK(in.e2e.p50_s == (774000.0 + 946800.0) / 2);
    CHECK(in.e2e.p90_s == Approx(946800.0 + 0.7 * (1816200.0 - 946800.0)).epsilon(1e-12));
    const double q25 = 342000.0 + 0.75 * (774000.0 - 342000.0);
    const double q75 = 946800.0 + 0.25 * (1816200.0 - 946800.0);
    CHECK(in.e2e.iqr_over_median == Approx((q75 - q25) / 860400.0).epsilon(1e-12));
    // Kaplan-Meier with D (278 h) and G (518 h) censored at 2024-06-01:
    // S = 5/6, 4/6, 1/2 at F's 263 h: the median is 946800 s; S never reaches 0.1.
    CHECK(in.e2e.km_p50_s == 946800.0);
    CHECK(std::isnan(in.e2e.km_p90_s));
}

TEST_CASE("Scorecard of an empty log", "[miners][scorecard]") {
    const EventLog empty;
    const miners::Scorecard sc = miners::compute_scorecard(mini_move_spec(), empty);
    CHECK(sc.outside.rows.size() == 3);
    CHECK(sc.outside.scored == 0);
    CHECK_FALSE(sc.outside.dashboard_green);
    CHECK(std::isnan(sc.outside.weighted_attainment));
    CHECK(std::isnan(sc.outside.min_attainment));
    CHECK(std::isnan(sc.outside.rows[0].attainment));
    CHECK_FALSE(sc.outside.rows[0].status);
    CHECK(sc.inside.cases == 0);
    CHECK(std::isnan(sc.inside.success_rate));
    CHECK_FALSE(sc.inside.status);
    CHECK(std::isnan(sc.inside.e2e.p50_s));
}
