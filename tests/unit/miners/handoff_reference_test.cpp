// Handover of work in the pm4py-compatible mode against tests/data/reference/*.json
// (pm4py 2.7: direct succession, normalised by Σ(|σ|−1), self-handovers included),
// and the journey mode on the real BPIC 2013 support-team log.

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>

#include "../json_lite.hpp"
#include "../test_util.hpp"

#include <journey/core/error.hpp>
#include <journey/io/reader.hpp>
#include <journey/miners/handoffs.hpp>

using namespace journey;
using journey::test::Json;

namespace {

struct RefCase {
    const char* log;
    const char* reference;
    const char* key; // handover_resource or handover_group
};

const RefCase ref_cases[] = {
    {"logs/running-example.xes", "reference/running-example.json", "handover_resource"},
    {"logs/receipt.xes.gz", "reference/receipt.json", "handover_resource"},
    {"logs/receipt.xes.gz", "reference/receipt.json", "handover_group"},
    {"logs/sepsis.xes.gz", "reference/sepsis.json", "handover_group"},
    {"logs/helpdesk.xes.gz", "reference/helpdesk.json", "handover_resource"},
    {"logs/bpic2013-closed-problems.xes.gz", "reference/bpic2013-closed-problems.json",
     "handover_resource"},
    {"logs/bpic2013-closed-problems.xes.gz", "reference/bpic2013-closed-problems.json",
     "handover_group"},
    {"logs/repair-example.xes.gz", "reference/repair-example.json", "handover_resource"},
};

miners::HandoffResult pm4py_handovers(const EventLog& log, miners::HandoffLevel level,
                                      unsigned threads = 1) {
    miners::HandoffOptions o;
    o.mode = miners::HandoffMode::pm4py;
    o.level = level;
    o.threads = threads;
    return miners::analyze_handoffs(log, miners::make_handoff_context(log), o);
}

} // namespace

TEST_CASE("pm4py mode equals the reference handover-of-work values on every real log",
          "[miners][handoffs][reference]") {
    const RefCase c = GENERATE(from_range(std::begin(ref_cases), std::end(ref_cases)));
    INFO("log: " << c.log << ", " << c.key);
    const Json ref = test::parse_json(test::read_file(test::data_path(c.reference)));
    const io::ReadResult r = io::read_log(test::data_path(c.log));
    const bool group = std::string(c.key) == "handover_group";
    const miners::HandoffResult h =
        pm4py_handovers(r.log, group ? miners::HandoffLevel::department : miners::HandoffLevel::resource);

    const Json& want = ref[c.key];
    REQUIRE(h.pm4py.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        INFO("edge " << i << ": " << want[i]["from"].s << " -> " << want[i]["to"].s);
        // Same order: the reference is sorted by (from, to) too.
        CHECK(h.pm4py[i].from == want[i]["from"].s);
        CHECK(h.pm4py[i].to == want[i]["to"].s);
        CHECK(std::abs(h.pm4py[i].value - want[i]["value"].n) < 1e-6);
    }
    double sum = 0;
    for (const miners::Pm4pyHandover& e : h.pm4py) {
        sum += e.value;
    }
    CHECK(std::abs(sum - 1.0) < 1e-9); // direct successions, self-handovers included
}

TEST_CASE("pm4py mode: the result does not depend on the thread count",
          "[miners][handoffs][reference]") {
    const io::ReadResult r = io::read_log(test::data_path("logs/receipt.xes.gz"));
    const miners::HandoffResult one = pm4py_handovers(r.log, miners::HandoffLevel::resource, 1);
    const miners::HandoffResult two = pm4py_handovers(r.log, miners::HandoffLevel::resource, 2);
    CHECK(one == two);
}

TEST_CASE("pm4py mode fails like pm4py on events without a resource",
          "[miners][handoffs][reference]") {
    // roadtraffic-100-traces has 290 events without org:resource; pm4py raises on it
    // (which is why the reference file has no handover values for it).
    const io::ReadResult r = io::read_log(test::data_path("logs/roadtraffic-100-traces.xes"));
    CHECK_THROWS_MATCHES(
        pm4py_handovers(r.log, miners::HandoffLevel::resource), usage_error,
        Catch::Message("pm4py mode: event 2 of case 'N77802' has no resource (org:resource) value; "
                       "pm4py's handover of work fails on such logs (use mode journey, which "
                       "skips these events)"));
    // The journey mode skips them and counts them.
    miners::HandoffOptions o;
    o.level = miners::HandoffLevel::resource;
    const miners::HandoffResult j =
        miners::analyze_handoffs(r.log, miners::make_handoff_context(r.log), o);
    CHECK(j.totals.unassigned_events == 290);
    CHECK(j.totals.work_events == 100);
}

TEST_CASE("journey mode on BPIC 2013: ping-pong between support teams is found and listed",
          "[miners][handoffs][reference]") {
    const io::ReadResult r = io::read_log(test::data_path("logs/bpic2013-closed-problems.xes.gz"));
    const miners::HandoffResult h =
        miners::analyze_handoffs(r.log, miners::make_handoff_context(r.log));
    CHECK(h.totals.journeys == 1487);
    CHECK(h.totals.events == 6660);
    // No objects and no spec: one work sequence per journey, every event is work.
    CHECK(h.totals.objects == 1487);
    CHECK(h.totals.work_events == 6660);
    CHECK(h.totals.successions == 6660 - 1487);
    // Department-level handovers are the off-diagonal successions of the group network.
    std::uint64_t off_diagonal = 0;
    for (const miners::HandoverEdge& e : h.edges) {
        CHECK(e.from != e.to);
        off_diagonal += e.count;
    }
    CHECK(off_diagonal == h.totals.handovers);
    CHECK(h.totals.handovers == h.totals.interleaved_handovers);
    REQUIRE_FALSE(h.ping_pong.pairs.empty());
    // Every bounce of this log is a team redoing its step (there are no return events).
    CHECK(h.ping_pong.by_return == 0);
    CHECK(h.ping_pong.by_redo == h.ping_pong.bounces);
    CHECK(h.ping_pong.cases > 0);
    CHECK(h.ping_pong.cases <= h.ping_pong.naive_cases);
    std::uint64_t listed = 0;
    for (const miners::PingPongPair& p : h.ping_pong.pairs) {
        CHECK(p.a < p.b);
        CHECK(p.count > 0);
        CHECK(p.handovers >= p.count);
        listed += p.count;
    }
    CHECK(listed == h.ping_pong.bounces);
}
