// The planted stalled handoff (defects.orphan): journeys that end right after work
// reaches another department, flagged `orphan` in journeys.csv.

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <journey/sim/generator.hpp>
#include <journey/sim/output.hpp>

#include "sim_stats.hpp"
#include "sim_test_util.hpp"

using namespace journey;
using namespace journey::sim;
using namespace journey::sim::test;

namespace {

/// The last work event of a journey (true time order) and the work event before it
/// on the same object, or nullptr when there is none.
std::pair<const SimEvent*, const SimEvent*> last_work(const Catalogue& cat,
                                                      const SimulatedJourney& j) {
    std::map<std::pair<int, int>, const SimEvent*> last_on_object;
    std::pair<const SimEvent*, const SimEvent*> out{nullptr, nullptr};
    for (const SimEvent* e : by_time(j)) {
        if (!is_work(cat, *e)) {
            continue;
        }
        const std::pair<int, int> obj{e->object_type, e->object_no};
        const auto it = last_on_object.find(obj);
        out = {e, it == last_on_object.end() ? nullptr : it->second};
        last_on_object[obj] = e;
    }
    return out;
}

std::string csv_rows(const OutputFormatter& fmt, const SimulatedJourney& j) {
    std::string rows, late;
    fmt.journey_events(j, rows, late);
    fmt.journey_truth(j, rows);
    return rows + late;
}

std::size_t column(std::string_view header, std::string_view name) {
    const auto f = fields(header);
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (f[i] == name) {
            return i;
        }
    }
    FAIL("no column " << name);
    return 0;
}

} // namespace

TEST_CASE("as_is plants about 1 % orphans that end with a handover", "[sim][orphan]") {
    const Scenario sc = as_is();
    REQUIRE(sc.defects.orphan == 0.01);
    constexpr std::uint64_t n = 5000;
    const Generator g(sc, {n, 21});
    const Catalogue& cat = g.catalogue();
    const std::uint32_t orphan_bit = 1u << 13;
    REQUIRE(defect_names(Process::move_house)[13] == "orphan");
    SimulatedJourney j;
    std::uint64_t orphans = 0, churned = 0;
    std::map<std::string, std::uint64_t> last_activity;
    for (std::uint64_t i = 0; i < n; ++i) {
        g.generate(i, j);
        const auto [last, before] = last_work(cat, j);
        REQUIRE(last != nullptr);
        CHECK(((j.truth.defects & orphan_bit) != 0) == j.truth.orphan);
        if (!j.truth.orphan) {
            continue;
        }
        ++orphans;
        INFO("journey " << i);
        // The last work event is a handover: its object's previous work event was
        // done by another department.
        REQUIRE(before != nullptr);
        CHECK(before->department != last->department);
        ++last_activity[cat.activities[last->activity].name];
        // Nothing but the intake and the receipt in the back office (the intake's
        // acknowledgement and survey may come later); the end is never reached.
        for (const SimEvent& e : j.events) {
            const std::string& a = cat.activities[e.activity].name;
            CHECK((a == "Call answered" || a == "Chat started" || a == "Move form submitted" ||
                   a == "MoveRequest case created" || a == "Quote issued" || a == "Message sent" ||
                   a == "Contact survey answered" || a == "Move-out case received"));
        }
        CHECK(j.truth.red);
        CHECK(j.truth.j[0] == 0);
        CHECK(j.truth.end == no_timestamp);
        CHECK(j.truth.score == -1);
        churned += j.truth.churn ? 1 : 0;
        CHECK_FALSE(j.truth.censored);
        CHECK(j.truth.fd_contacts == 0);
    }
    // Binomial(5000, 0.01): 50 +- 7; the band is 3 standard deviations.
    CHECK(orphans >= 29);
    CHECK(orphans <= 71);
    // Churn as for red journeys (logistic(-1.4 + 1.8) = 0.60), without an event.
    CHECK(churned > orphans / 4);
    CHECK(churned < orphans);
    // The back office's receipt of the case is the last work event.
    CHECK(last_activity.size() == 1);
    CHECK(last_activity["Move-out case received"] == orphans);
}

TEST_CASE("orphans change no other journey", "[sim][orphan]") {
    // The orphan draw has a stream of its own: without it, every other journey is
    // the same, row for row.
    Scenario none = as_is();
    none.set("defects.orphan", "0");
    constexpr std::uint64_t n = 3000;
    const Generator with(as_is(), {n, 5});
    const Generator without(none, {n, 5});
    const OutputFormatter fa(with, EventFormat::csv);
    const OutputFormatter fb(without, EventFormat::csv);
    SimulatedJourney a, b;
    std::uint64_t orphans = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
        with.generate(i, a);
        without.generate(i, b);
        CHECK_FALSE(b.truth.orphan);
        if (a.truth.orphan) {
            ++orphans;
            CHECK(a.events.size() < b.events.size());
            continue;
        }
        REQUIRE(csv_rows(fa, a) == csv_rows(fb, b));
    }
    CHECK(orphans > 10);
}

TEST_CASE("journeys.csv flags orphans; redesign and strength 0 plant none", "[sim][orphan]") {
    const Output o = run(as_is(), 2000, 3, 2);
    const auto rows = lines(o.journeys);
    const std::size_t orphan = column(rows[0], "orphan");
    const std::size_t end = column(rows[0], "end_ts");
    const std::size_t red = column(rows[0], "red");
    const std::size_t names = column(rows[0], "defect_names");
    const std::size_t score = column(rows[0], "score");
    const std::size_t churn = column(rows[0], "churn_90d");
    std::uint64_t flagged = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto f = fields(rows[i]);
        REQUIRE((f[orphan] == "0" || f[orphan] == "1"));
        const bool is_orphan = f[orphan] == "1";
        flagged += is_orphan ? 1 : 0;
        CHECK(f[end].empty() == is_orphan);
        CHECK((f[names].find("orphan") != std::string_view::npos) == is_orphan);
        if (is_orphan) {
            CHECK(f[red] == "1");
            CHECK(f[score].empty());
            CHECK((f[churn] == "0" || f[churn] == "1"));
        }
    }
    CHECK(flagged == o.summary.orphans);
    CHECK(flagged > 5);

    CHECK(redesign().defects.orphan == 0.0);
    CHECK(run(redesign(), 2000, 3, 2).summary.orphans == 0);
    Scenario none = as_is();
    none.set("watermelon_strength", "0");
    CHECK(run(none, 2000, 3, 2).summary.orphans == 0);
    Scenario all = as_is();
    all.set("defects.orphan", "1");
    const Output every = run(all, 300, 3, 1);
    CHECK(every.summary.orphans == 300);
    CHECK(every.summary.red == 300);
}

TEST_CASE("telco orphans stop at the booked visit", "[sim][orphan]") {
    const Scenario sc = telco();
    REQUIRE(sc.defects.orphan == 0.01);
    constexpr std::uint64_t n = 4000;
    const Generator g(sc, {n, 8});
    const Catalogue& cat = g.catalogue();
    REQUIRE(defect_names(Process::telco_install)[3] == "orphan");
    SimulatedJourney j;
    std::uint64_t orphans = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
        g.generate(i, j);
        if (!j.truth.orphan) {
            continue;
        }
        ++orphans;
        const auto [last, before] = last_work(cat, j);
        REQUIRE(last != nullptr);
        REQUIRE(before != nullptr);
        CHECK(cat.activities[last->activity].name == "Appointment booked");
        CHECK(cat.activities[before->activity].name == "Work order created");
        CHECK(before->department != last->department);
        CHECK(j.truth.red);
        CHECK(j.truth.score == -1);
        CHECK((j.truth.defects & (1u << 3)) != 0);
    }
    // Binomial(4000, 0.01): 40 +- 6.3.
    CHECK(orphans >= 21);
    CHECK(orphans <= 59);
}
