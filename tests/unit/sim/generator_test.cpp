// Determinism, sharding, golden figures and structural invariants of the generator.

#include <catch2/catch.hpp>

#include <set>

#include <journey/core/error.hpp>
#include <journey/sim/generator.hpp>
#include <journey/sim/output.hpp>

#include "sim_test_util.hpp"

using namespace journey;
using namespace journey::sim;
using namespace journey::sim::test;

namespace {

std::string rows_of(const Generator& g, std::uint64_t index) {
    SimulatedJourney j;
    g.generate(index, j);
    const OutputFormatter f(g, EventFormat::csv);
    std::string out, late;
    f.journey_events(j, out, late);
    f.journey_truth(j, out);
    return out + late;
}

} // namespace

TEST_CASE("a journey depends only on (scenario, options, index)", "[sim][generator]") {
    const Scenario sc = as_is();
    const Generator g(sc, {5000, 7});
    const std::string first = rows_of(g, 1234);
    // Generating other journeys in between, or in another generator, changes nothing.
    (void)rows_of(g, 1);
    (void)rows_of(g, 4999);
    CHECK(rows_of(g, 1234) == first);
    const Generator g2(sc, {5000, 7});
    CHECK(rows_of(g2, 1234) == first);
    // Another seed gives another journey.
    const Generator g3(sc, {5000, 8});
    CHECK(rows_of(g3, 1234) != first);
}

TEST_CASE("output bytes do not depend on the thread count", "[sim][generator]") {
    // 5 blocks of 1024 journeys, with every kind of noise so that late rows move.
    Scenario sc = load_scenario(example("move-house/scenarios/noisy.scenario"));
    const Output one = run(sc, 5000, 3, 1);
    const Output two = run(sc, 5000, 3, 2);
    const Output three = run(sc, 5000, 3, 3);
    CHECK(fnv1a(one.events) == fnv1a(two.events));
    CHECK(one.events == two.events);
    CHECK(one.journeys == two.journeys);
    CHECK(one.events == three.events);
    CHECK(one.journeys == three.journeys);
    const Output xes1 = run(telco(), 3000, 3, 1, EventFormat::xes);
    const Output xes2 = run(telco(), 3000, 3, 2, EventFormat::xes);
    CHECK(xes1.events == xes2.events);
    CHECK(one.summary.events == two.summary.events);
}

TEST_CASE("golden figures for seed 1 at 1000 journeys", "[sim][generator]") {
    // Pins the model: these change only with the model or its draw order, and then
    // generator_version must be bumped (generator.hpp) and the figures updated.
    CHECK(generator_version == "journey-sim 3");
    const Output as = run(as_is(), 1000, 1, 1);
    CHECK(as.summary.journeys == 1000);
    CHECK(as.summary.events == 25948);
    CHECK(as.summary.red == 406);
    CHECK(fnv1a(as.events) == 0x7D4A4D5019BDE3D4ULL);
    CHECK(fnv1a(as.journeys) == 0x8E6E13204F890168ULL);
    const Output tc = run(telco(), 1000, 1, 1);
    CHECK(tc.summary.events == 17333);
    CHECK(fnv1a(tc.events) == 0xDD6A54C1D9D60450ULL);
}

TEST_CASE("events of a journey are ordered and numbered", "[sim][generator]") {
    for (const Scenario& sc : {as_is(), telco()}) {
        const Generator g(sc, {2000, 11});
        const Catalogue& cat = g.catalogue();
        SimulatedJourney j;
        for (std::uint64_t i = 0; i < 2000; ++i) {
            g.generate(i, j);
            REQUIRE_FALSE(j.events.empty());
            std::set<std::uint32_t> seqs;
            for (std::size_t k = 0; k < j.events.size(); ++k) {
                const SimEvent& e = j.events[k];
                seqs.insert(e.seq);
                if (k > 0) {
                    const SimEvent& p = j.events[k - 1];
                    REQUIRE((p.written < e.written || (p.written == e.written && p.seq < e.seq)));
                }
                REQUIRE(e.activity < cat.activities.size());
                REQUIRE(e.time <= g.extraction_time());
                REQUIRE(e.time >= j.truth.start);
            }
            // seq numbers the events 1..n without gaps (no noise here)
            REQUIRE(*seqs.begin() == 1);
            REQUIRE(*seqs.rbegin() == j.events.size());
            REQUIRE(seqs.size() == j.events.size());
            REQUIRE(j.truth.events == j.events.size());
            REQUIRE(j.truth.index == i);
        }
    }
}

TEST_CASE("journey starts follow the case numbers through the period", "[sim][generator]") {
    const Scenario sc = as_is();
    const Generator g(sc, {3650, 5});
    SimulatedJourney j;
    g.generate(0, j);
    const Timestamp first = j.truth.start;
    g.generate(3649, j);
    const Timestamp last = j.truth.start;
    CHECK(day_of(first) < sc.period_start + 3);
    CHECK(day_of(last) > sc.period_start + sc.period_days - 4);
    CHECK(day_of(last) < sc.period_start + sc.period_days);
    CHECK(g.case_id(0) == "MH00000001");
    CHECK(g.case_id(123456788) == "MH123456789");
}

TEST_CASE("extraction time censors late journeys", "[sim][generator]") {
    Scenario sc = as_is();
    sc.set("extraction_lag_days", "0");
    const Generator g(sc, {1000, 2});
    SimulatedJourney j;
    int censored = 0;
    for (std::uint64_t i = 0; i < 1000; ++i) {
        g.generate(i, j);
        censored += j.truth.censored ? 1 : 0;
        for (const SimEvent& e : j.events) {
            REQUIRE(e.time <= g.extraction_time());
        }
    }
    // Journeys from the last ~2 months of the year cannot finish by its end.
    CHECK(censored > 100);
    CHECK(censored < 400);
}

TEST_CASE("watermelon_strength 0 plants no defects", "[sim][generator]") {
    Scenario sc = as_is();
    sc.set("watermelon_strength", "0");
    const Generator g(sc, {3000, 9});
    SimulatedJourney j;
    for (std::uint64_t i = 0; i < 3000; ++i) {
        g.generate(i, j);
        REQUIRE(j.truth.defects == 0);
        REQUIRE(j.truth.rebills == 0);
        REQUIRE_FALSE(j.truth.pingpong);
        REQUIRE_FALSE(j.truth.wrongful_dunning);
        REQUIRE(j.truth.fd_contacts == 0);
    }
}

TEST_CASE("a scenario failing its checks is refused", "[sim][generator]") {
    Scenario sc = as_is();
    sc.context.channel_phone = sc.context.channel_web = sc.context.channel_app =
        sc.context.channel_chat = 0;
    CHECK_THROWS_WITH(Generator(sc, {10, 1}),
                      "scenario 'as_is': the context.channel_* shares must not all be 0");
}
