#include <catch2/catch.hpp>

#include "../test_util.hpp"

#include <journey/core/event_log_builder.hpp>
#include <journey/miners/dfg.hpp>

using namespace journey;
using journey::miners::Dfg;

namespace {

/// Builds a log from traces written as "case: a@t b@t ..." (t in seconds).
EventLog make_log(const std::vector<std::pair<std::string, std::vector<std::pair<std::string, int>>>>& cases) {
    EventLogBuilder b;
    for (const auto& [name, events] : cases) {
        b.begin_case(name);
        for (const auto& [act, t] : events) {
            EventFields f;
            f.activity = b.activities().insert(act);
            f.timestamp = static_cast<Timestamp>(t) * micros_per_second;
            b.add_event(f);
        }
    }
    return b.finish();
}

const miners::DfgEdge* find_edge(const Dfg& d, const std::string& from, const std::string& to) {
    for (const auto& e : d.edges) {
        if (d.activities[e.from] == from && d.activities[e.to] == to) {
            return &e;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("DFG counts edges, starts, ends and durations", "[miners][dfg]") {
    const EventLog log = make_log({
        {"1", {{"a", 0}, {"b", 10}, {"c", 40}}},
        {"2", {{"a", 0}, {"b", 20}, {"b", 25}}},
        {"3", {{"a", 0}, {"b", 60}}},
    });
    const Dfg d = miners::discover_dfg(log);
    CHECK(d.cases == 3);
    CHECK(d.events == 8);
    CHECK(d.activities == std::vector<std::string>{"a", "b", "c"});
    CHECK(d.activity_counts == std::vector<std::uint64_t>{3, 4, 1});
    CHECK(d.start_counts == std::vector<std::uint64_t>{3, 0, 0});
    CHECK(d.end_counts == std::vector<std::uint64_t>{0, 2, 1});
    REQUIRE(d.edges.size() == 3);
    const auto* ab = find_edge(d, "a", "b");
    REQUIRE(ab != nullptr);
    CHECK(ab->count == 3);
    CHECK(ab->duration.mean_s == Approx(30.0));
    CHECK(ab->duration.median_s == 20.0);
    CHECK(ab->duration.min_s == 10.0);
    CHECK(ab->duration.max_s == 60.0);
    // p90 by linear interpolation over {10, 20, 60}: 20 + 0.8 * 40 = 52
    CHECK(ab->duration.p90_s == Approx(52.0));
    const auto* bb = find_edge(d, "b", "b");
    REQUIRE(bb != nullptr);
    CHECK(bb->duration.median_s == 5.0);
    CHECK(find_edge(d, "b", "c")->duration.median_s == 30.0);
    // Edges sorted by (from, to) names.
    CHECK(d.activities[d.edges[0].from] == "a");
    CHECK(d.activities[d.edges[1].to] == "b");
    CHECK(d.activities[d.edges[2].to] == "c");
}

TEST_CASE("median of an even sample averages the middle pair", "[miners][dfg]") {
    std::vector<std::int64_t> v{4'000'000, 1'000'000, 3'000'000, 2'000'000};
    const auto s = miners::duration_stats(v);
    CHECK(s.median_s == 2.5);
    CHECK(s.mean_s == 2.5);
    std::vector<std::int64_t> empty;
    CHECK(miners::duration_stats(empty) == miners::DurationStats{});
}

TEST_CASE("partial results merge to the whole, also across logs", "[miners][dfg]") {
    const EventLog whole = make_log({
        {"1", {{"a", 0}, {"b", 10}}},
        {"2", {{"b", 0}, {"a", 5}}},
        {"3", {{"a", 0}, {"c", 7}}},
    });
    const EventLog part1 = make_log({{"1", {{"a", 0}, {"b", 10}}}});
    const EventLog part2 = make_log({{"2", {{"b", 0}, {"a", 5}}}, {"3", {{"a", 0}, {"c", 7}}}});

    miners::DfgAccumulator x;
    x.add_cases(part1, 0, part1.num_cases());
    miners::DfgAccumulator y;
    y.add_cases(part2, 0, part2.num_cases());
    x.merge(y);
    CHECK(x.finish() == miners::discover_dfg(whole));
}

TEST_CASE("thread count does not change the result", "[miners][dfg]") {
    EventLogBuilder b;
    const char* acts[] = {"register", "check", "decide", "pay", "reject", "reinitiate"};
    std::uint64_t state = 42;
    for (int c = 0; c < 30000; ++c) {
        b.begin_case(journey::test::numbered("c", c));
        const int n = 3 + c % 9;
        for (int i = 0; i < n; ++i) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            EventFields f;
            f.activity = b.activities().insert(acts[(state >> 33) % 6]);
            f.timestamp = static_cast<Timestamp>(i) * 1000 + static_cast<Timestamp>((state >> 20) % 977);
            b.add_event(f);
        }
    }
    const EventLog log = b.finish();
    REQUIRE(log.num_events() > 200000); // large enough for the parallel path
    miners::DfgOptions one;
    one.threads = 1;
    miners::DfgOptions two;
    two.threads = 2;
    miners::DfgOptions three;
    three.threads = 3;
    const Dfg d1 = miners::discover_dfg(log, one);
    CHECK(d1 == miners::discover_dfg(log, two));
    CHECK(d1 == miners::discover_dfg(log, three));
}

TEST_CASE("events without timestamps count but have no duration", "[miners][dfg]") {
    EventLogBuilder b;
    b.begin_case("x");
    EventFields f;
    f.activity = b.activities().insert("a");
    b.add_event(f);
    f.activity = b.activities().insert("b");
    f.timestamp = 5;
    b.add_event(f);
    const Dfg d = miners::discover_dfg(b.finish());
    REQUIRE(d.edges.size() == 1);
    CHECK(d.edges[0].count == 1);
    CHECK(d.edges[0].duration.median_s == 0.0);
}

TEST_CASE("dfg_to_graph adds start and end nodes", "[miners][dfg]") {
    const EventLog log = make_log({{"1", {{"a", 0}, {"b", 10}}}, {"2", {{"a", 0}}}});
    const ProcessGraph g = miners::dfg_to_graph(miners::discover_dfg(log), "T");
    REQUIRE(g.nodes.size() == 4);
    CHECK(g.title == "T");
    CHECK(g.nodes.front().kind == GraphNode::Kind::start);
    CHECK(g.nodes.back().kind == GraphNode::Kind::end);
    CHECK(g.nodes[1].label == "a");
    CHECK(g.nodes[1].count == 2);
    // start->a (2), a->b (1), a->end (1), b->end (1)
    REQUIRE(g.edges.size() == 4);
    CHECK(g.edges[0].from == 0);
    CHECK(g.edges[0].count == 2);
    CHECK(g.edges[1].to == 2);
    CHECK(g.edges[1].median_s == 10.0);
    CHECK(g.edges[2].to == 3);
}
