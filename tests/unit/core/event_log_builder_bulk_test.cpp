#include <catch2/catch.hpp>

#include <vector>

#include <journey/core/error.hpp>
#include <journey/core/event_log_builder.hpp>

using namespace journey;

namespace {

EventLogBuilder prepared() {
    EventLogBuilder b;
    b.case_index("c1");
    b.case_index("c2");
    b.activities().insert("a");
    b.activities().insert("b");
    b.resources().insert("r");
    b.lifecycles().insert("complete");
    return b;
}

} // namespace

TEST_CASE("add_events and set_rows give the same log as one call per event",
          "[core][builder]") {
    const std::vector<std::uint32_t> cases{1, 0, 1, 0};
    const std::vector<Id> acts{1, 2, 2, 1};
    const std::vector<Id> res{1, 0, 1, 1};
    const std::vector<Id> life{1, 1, 0, 1};
    const std::vector<Timestamp> ts{30, 20, 10, 10};
    // Event 2 gets two values: the last one wins.
    const std::vector<std::uint32_t> rows{0, 2, 2, 3};
    const std::vector<std::int64_t> vals{5, 6, 7, 8};

    EventLogBuilder seq = prepared();
    const auto hn = seq.event_attribute("n", AttrType::integer);
    const auto hk = seq.case_attribute("k", AttrType::integer);
    for (std::size_t i = 0; i < ts.size(); ++i) {
        EventFields f;
        f.activity = acts[i];
        f.resource = res[i];
        f.lifecycle = life[i];
        f.timestamp = ts[i];
        seq.add_event_to(cases[i], f);
        for (std::size_t j = 0; j < rows.size(); ++j) {
            if (rows[j] == i) {
                seq.set(hn, vals[j]);
            }
        }
    }
    seq.set_case(hk, 1, 11);
    seq.set_case(hk, 0, 10);
    const EventLog expected = seq.finish();

    EventLogBuilder bulk = prepared();
    // In two calls; an empty department or channel span means no_id throughout.
    bulk.add_events(std::span(cases).first(3), std::span(acts).first(3),
                    std::span(res).first(3), {}, {}, std::span(life).first(3),
                    std::span(ts).first(3));
    bulk.add_events(std::span(cases).subspan(3), std::span(acts).subspan(3),
                    std::span(res).subspan(3), {}, {}, std::span(life).subspan(3),
                    std::span(ts).subspan(3));
    CHECK(bulk.num_events() == 4);
    bulk.set_rows(bulk.event_attribute("n", AttrType::integer), rows, vals);
    bulk.set_rows(bulk.case_attribute("k", AttrType::integer), std::vector<std::uint32_t>{1, 0},
                  std::vector<std::int64_t>{11, 10});
    const EventLog log = bulk.finish();

    CHECK(log == expected);
    const AttrColumn* n = log.event_attribute("n", AttrType::integer);
    REQUIRE(n != nullptr);
    CHECK(n->values.size() == 3);
    const AttrColumn* k = log.case_attribute("k", AttrType::integer);
    REQUIRE(k != nullptr);
    CHECK(k->values == std::vector<std::int64_t>{10, 11});
    CHECK(log.channels()[0] == no_id);
    CHECK(log.departments()[3] == no_id);
}

TEST_CASE("add_events and set_rows reject inconsistent input", "[core][builder]") {
    EventLogBuilder b;
    b.case_index("c");
    const std::vector<std::uint32_t> cases{0, 0};
    const std::vector<Id> acts{0, 0};
    const std::vector<Id> one_id{0};
    const std::vector<Id> big_lifecycle{0, 256};
    const std::vector<Timestamp> ts{1, 2};
    CHECK_THROWS_AS(b.add_events(cases, acts, one_id, {}, {}, {}, ts), journey::error);
    CHECK_THROWS_MATCHES(b.add_events(cases, acts, {}, {}, {}, big_lifecycle, ts),
                         journey::error,
                         Catch::Message("more than 255 distinct lifecycle values in one log"));
    CHECK(b.num_events() == 0);
    b.add_events(cases, acts, {}, {}, {}, {}, ts);
    const auto h = b.event_attribute("x", AttrType::integer);
    CHECK_THROWS_AS(b.set_rows(h, std::vector<std::uint32_t>{2}, std::vector<std::int64_t>{1}),
                    journey::error);
    CHECK_THROWS_AS(b.set_rows(h, std::vector<std::uint32_t>{0, 1},
                               std::vector<std::int64_t>{1}),
                    journey::error);
}
