#include <catch2/catch.hpp>

#include "../test_util.hpp"

#include <journey/core/event_log_builder.hpp>
#include <journey/miners/variants.hpp>

using namespace journey;

namespace {

EventLog make_log(const std::vector<std::vector<std::string>>& traces) {
    EventLogBuilder b;
    int c = 0;
    for (const auto& t : traces) {
        b.begin_case(journey::test::numbered("c", c++));
        Timestamp ts = 0;
        for (const auto& a : t) {
            EventFields f;
            f.activity = b.activities().insert(a);
            f.timestamp = ts++;
            b.add_event(f);
        }
    }
    return b.finish();
}

std::vector<std::string> names(const miners::Variants& v, std::size_t i) {
    std::vector<std::string> out;
    for (const auto a : v.variants[i].trace) {
        out.push_back(v.activities[a]);
    }
    return out;
}

} // namespace

TEST_CASE("variants sorted by count, then trace", "[miners][variants]") {
    const EventLog log = make_log({{"a", "b"}, {"b", "a"}, {"a", "b"}, {"a"}, {"a", "c"}, {"a", "c"}});
    const miners::Variants v = miners::discover_variants(log);
    CHECK(v.cases == 6);
    REQUIRE(v.variants.size() == 4);
    CHECK(names(v, 0) == std::vector<std::string>{"a", "b"});
    CHECK(v.variants[0].count == 2);
    CHECK(names(v, 1) == std::vector<std::string>{"a", "c"});
    CHECK(names(v, 2) == std::vector<std::string>{"a"});
    CHECK(names(v, 3) == std::vector<std::string>{"b", "a"});
    CHECK(v.share(0) == Approx(2.0 / 6.0));
}

TEST_CASE("variants merge by name across logs", "[miners][variants]") {
    const EventLog l1 = make_log({{"x", "y"}, {"y"}});
    const EventLog l2 = make_log({{"y"}, {"z"}, {"x", "y"}});
    miners::VariantAccumulator a;
    a.add_cases(l1, 0, l1.num_cases());
    miners::VariantAccumulator b;
    b.add_cases(l2, 0, l2.num_cases());
    a.merge(b);
    const miners::Variants v = a.finish();
    const EventLog all = make_log({{"x", "y"}, {"y"}, {"y"}, {"z"}, {"x", "y"}});
    CHECK(v == miners::discover_variants(all));
    CHECK(v.variants.size() == 3);
    CHECK(v.variants[0].count == 2);
}

TEST_CASE("hash collisions are resolved by comparing traces", "[miners][variants]") {
    // Many distinct long traces: every one must be its own variant.
    std::vector<std::vector<std::string>> traces;
    for (int i = 0; i < 2000; ++i) {
        std::vector<std::string> t;
        for (int k = 0; k < 12; ++k) {
            t.push_back(std::to_string((i >> k) & 1));
        }
        traces.push_back(t);
    }
    const miners::Variants v = miners::discover_variants(make_log(traces));
    CHECK(v.variants.size() == 2000); // i < 4096: 12 bits distinguish every i
    CHECK(v.cases == 2000);
}

TEST_CASE("a case without events forms the empty variant", "[miners][variants]") {
    EventLogBuilder b;
    b.begin_case("empty"); // e.g. an XES trace with no events
    const EventLog log = b.finish();
    REQUIRE(log.num_cases() == 1);
    const miners::Variants v = miners::discover_variants(log);
    CHECK(v.cases == 1);
    REQUIRE(v.variants.size() == 1);
    CHECK(v.variants[0].trace.empty());
    CHECK(v.activities.empty());
}
