// Handoff analysis on hand-built move-house fragments: every number below is worked
// out by hand in the comments.

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "handoff_fixtures.hpp"

#include <journey/core/error.hpp>
#include <journey/miners/handoffs.hpp>

using namespace journey;
using journey::test::Row;
using journey::test::at;

namespace {

Row customer(Row r) {
    r.actor = "customer";
    return r;
}

Row with_lifecycle(Row r, std::string lc) {
    r.lifecycle = std::move(lc);
    return r;
}

// J1: an incomplete intake returned by MIMO (with a re-ask), a Metering<->Billing
//     dispute ping-pong with a return, a rebill and the first bill (complete).
// J2: CS hands the move request to MIMO, nothing happens after (an orphan).
// J3: recent, no handover (open at the end of the log).
// J4: old, incomplete, its last work event is not a handover (neither).
std::vector<Row> fragment() {
    return {
        {"J1", "2024-01-01T09:00", "MoveRequest case created", "CS", "MoveRequest", "MR1"},
        {"J1", "2024-01-01T09:05", "Move acknowledgement sent", "COM", "MoveRequest", "MR1"},
        {"J1", "2024-01-02T10:00", "MoveRequest returned: incomplete", "MIMO", "MoveRequest", "MR1"},
        {"J1", "2024-01-02T11:00", "Move details requested", "COM", "MoveRequest", "MR1"},
        customer({"J1", "2024-01-04T12:00", "Move details resubmitted", "DIG", "MoveRequest", "MR1"}),
        {"J1", "2024-01-05T09:00", "Move-out document created", "MIMO", "MoveRequest", "MR1"},
        {"J1", "2024-01-08T09:00", "Dispute raised", "BIL", "Dispute", "DP1"},
        {"J1", "2024-01-09T09:00", "Read investigation completed", "MET", "Dispute", "DP1"},
        {"J1", "2024-01-10T09:00", "Investigation returned: insufficient evidence", "BIL", "Dispute", "DP1"},
        {"J1", "2024-01-12T09:00", "Read investigation completed", "MET", "Dispute", "DP1"},
        {"J1", "2024-01-15T09:00", "Dispute accepted", "BIL", "Dispute", "DP1"},
        {"J1", "2024-01-16T02:00", "Rebill issued", "BIL", "Dispute", "DP1"},
        {"J1", "2024-01-16T03:00", "First bill issued", "BIL", "Bill", "BL1"},
        {"J2", "2024-01-02T09:00", "MoveRequest case created", "CS", "MoveRequest", "MR2"},
        {"J2", "2024-01-02T09:30", "Move acknowledgement sent", "COM", "MoveRequest", "MR2"},
        {"J2", "2024-01-03T09:00", "Move-out document created", "MIMO", "MoveRequest", "MR2"},
        {"J3", "2024-03-01T09:00", "MoveRequest case created", "CS", "MoveRequest", "MR3"},
        {"J3", "2024-03-01T10:00", "Quote issued", "CS", "MoveRequest", "MR3"},
        {"J4", "2024-01-05T09:00", "MoveRequest case created", "CS", "MoveRequest", "MR4"},
        {"J4", "2024-01-05T09:10", "Quote issued", "CS", "MoveRequest", "MR4"},
    };
}

constexpr double hour = 3600;
constexpr double day = 86400;

miners::HandoffResult analyse(const EventLog& log, const miners::HandoffContext& ctx,
                              miners::HandoffOptions o = {}) {
    o.threads = 1;
    return miners::analyze_handoffs(log, ctx, o);
}

} // namespace

TEST_CASE("handovers per work object: counts, values, rates and waits", "[miners][handoffs]") {
    const EventLog log = test::make_log(fragment());
    const Journey spec = test::move_house_spec();
    const miners::HandoffResult r = analyse(log, test::spec_context(spec, log));

    const miners::HandoffTotals& t = r.totals;
    CHECK(t.journeys == 4);
    CHECK(t.events == 20);
    CHECK(t.non_work_events == 4); // two acknowledgements, the data request, the customer's resubmission
    CHECK(t.work_events == 16);
    CHECK(t.unassigned_events == 0);
    CHECK(t.objects == 6);         // MR1, DP1, BL1, MR2, MR3, MR4
    CHECK(t.successions == 10);    // MR1 2 + DP1 5 + MR2 1 + MR3 1 + MR4 1
    CHECK(t.handovers == 6);       // CS→MIMO twice, BIL→MET twice, MET→BIL twice
    CHECK(t.interleaved_handovers == 7); // J1's interleaved trace has 6, J2 1
    CHECK(t.handovers_per_journey == 1.5);
    CHECK(t.journeys_with_handover == 2);
    CHECK(r.business_time);

    REQUIRE(r.edges.size() == 3);
    const miners::HandoverEdge& bm = r.edges[0];
    const miners::HandoverEdge& cm = r.edges[1];
    const miners::HandoverEdge& mb = r.edges[2];
    CHECK(bm.from == "BIL");
    CHECK(bm.to == "MET");
    CHECK(cm.from == "CS");
    CHECK(cm.to == "MIMO");
    CHECK(mb.from == "MET");
    CHECK(mb.to == "BIL");

    CHECK(cm.count == 2);
    CHECK(cm.value == Approx(0.2)); // 2 / 10 successions
    CHECK(cm.cases == 2);
    CHECK(cm.case_rate == 0.5);
    CHECK(cm.per_journey == 0.5);
    // J1 waits 25 h (Mon 09:00 → Tue 10:00), J2 24 h.
    CHECK(cm.wait.count == 2);
    CHECK(cm.wait.median_s == 24.5 * hour);
    CHECK(cm.wait.mean_s == 24.5 * hour);
    CHECK(cm.wait.p90_s == Approx(24.9 * hour));
    CHECK(cm.wait.over_threshold == 0);
    // Working time under MIMO's office calendar (Mon-Fri 08-18): 9 h + 2 h, 9 h + 1 h.
    CHECK(cm.business_wait.count == 2);
    CHECK(cm.business_wait.median_s == 10.5 * hour);
    CHECK(cm.working_day_s == 10 * hour);
    CHECK(cm.batch == 0);

    CHECK(bm.count == 2);
    CHECK(bm.wait.median_s == 1.5 * day); // 24 h and 48 h (Wed → Fri)
    CHECK(bm.wait.p90_s == Approx(1.9 * day));
    CHECK(bm.business_wait.median_s == 15 * hour); // 10 h and 20 h
    CHECK(mb.count == 2);
    CHECK(mb.wait.median_s == 2 * day); // 24 h and 72 h (Fri → Mon)
    CHECK(mb.wait.over_threshold == 1); // 72 h > 48 h
    CHECK(mb.wait.share_over == 0.5);
    CHECK(mb.business_wait.median_s == 10 * hour); // the weekend is not working time
    CHECK(mb.business_wait.over_threshold == 0);

    // Wait share: J1 waits 25 h + 7 days (the dispute waits are contiguous) over its
    // span of 354 h; J2 waits all of its 24 h; J3 and J4 do not wait.
    const double j1 = (25.0 + 168.0) / 354.0;
    CHECK(t.wait_share == Approx((j1 + 1.0) / 4));
    CHECK(t.wait_share_total == Approx((193.0 + 24.0) / (354.0 + 24.0 + 1.0 + 1.0 / 6)));
}

TEST_CASE("ping-pong needs evidence and object-level sequences; the naive test does not",
          "[miners][handoffs]") {
    const EventLog log = test::make_log(fragment());
    const miners::HandoffResult r = analyse(log, test::spec_context(test::move_house_spec(), log));
    const miners::PingPongSummary& pp = r.ping_pong;
    // BIL raised, MET investigated, BIL returned it, MET investigated again: one bounce
    // (MET→BIL→MET with a return); BIL→MET→BIL around it has no evidence.
    CHECK(pp.bounces == 1);
    CHECK(pp.by_return == 1);
    CHECK(pp.by_redo == 0);
    CHECK(pp.cases == 1);
    CHECK(pp.object_level_case_rate == 0.25);
    // J1's interleaved trace CS, COM, MIMO, COM, ... has COM→MIMO→COM.
    CHECK(pp.naive_cases == 1);
    CHECK(pp.naive_case_rate == 0.25);
    CHECK(pp.runs == 1);
    CHECK(pp.mean_depth == 5); // BIL, MET, BIL, MET, BIL
    CHECK(pp.max_depth == 5);
    REQUIRE(pp.pairs.size() == 1);
    CHECK(pp.pairs[0].a == "BIL");
    CHECK(pp.pairs[0].b == "MET");
    CHECK(pp.pairs[0].count == 1);
    CHECK(pp.pairs[0].cases == 1);
    CHECK(pp.pairs[0].handovers == 4);
    CHECK(pp.pairs[0].per_100_handovers == 25);
    CHECK(pp.pairs[0].max_depth == 5);
    CHECK(r.find("MET", "BIL")->bounces == 1);
    CHECK(r.find("BIL", "MET")->bounces == 0);

    // Without objects the dispute and the move request interleave, and the naive
    // pattern is everywhere; with evidence required the bounce is still the only one.
    miners::HandoffOptions o;
    o.object_level = false;
    const miners::HandoffResult flat = analyse(log, test::spec_context(test::move_house_spec(), log), o);
    CHECK(flat.totals.objects == 4);
    CHECK(flat.totals.handovers == flat.totals.interleaved_handovers);
    CHECK(flat.ping_pong.bounces == 1);
}

TEST_CASE("ping-pong by redo: the same department repeats its step", "[miners][handoffs]") {
    const EventLog log = test::make_log({
        {"C", "2024-01-01T09:00", "Check", "A", "Order", "O1"},
        {"C", "2024-01-01T10:00", "Review", "B", "Order", "O1"},
        {"C", "2024-01-01T11:00", "Check", "A", "Order", "O1"},
        {"C", "2024-01-01T12:00", "Review", "B", "Order", "O1"},
        {"C", "2024-01-01T13:00", "Check", "A", "Order", "O1"},
        {"C", "2024-01-01T14:00", "Close", "C", "Order", "O1"},
        // Another object in between does not break the order's sequence.
        {"C", "2024-01-01T10:30", "Note", "C", "Memo", "M1"},
    });
    const miners::HandoffResult r = analyse(log, miners::make_handoff_context(log));
    // A,B,A (Check redone), B,A,B (Review redone), A,B,A (Check redone).
    CHECK(r.ping_pong.bounces == 3);
    CHECK(r.ping_pong.by_redo == 3);
    CHECK(r.ping_pong.runs == 1);
    CHECK(r.ping_pong.max_depth == 5);
    CHECK(r.find("A", "B")->bounces == 2);
    CHECK(r.find("B", "A")->bounces == 1);
    CHECK(r.rework.rework == 3); // Check twice again, Review once again
    CHECK(r.rework.loops == 3);
    CHECK(r.rework.self_loops == 0);
    CHECK(r.rework.post_handoff_rework == 3);
    CHECK(r.find("A", "B")->post_handoff_rework == 2);
    CHECK(r.find("B", "A")->post_handoff_rework == 1);
}

TEST_CASE("rework: repeats per object, corrections, post-handoff rework", "[miners][handoffs]") {
    const EventLog log = test::make_log(fragment());
    const miners::HandoffResult r = analyse(log, test::spec_context(test::move_house_spec(), log));
    const miners::ReworkSummary& rw = r.rework;
    CHECK(rw.activity_instances == 16);
    CHECK(rw.rework == 1); // the second read investigation
    CHECK(rw.rework_share == 1.0 / 16);
    CHECK(rw.loops == 1);
    CHECK(rw.self_loops == 0);
    CHECK(rw.correction_events == 1); // the rebill
    CHECK(rw.cases_with_rework == 1);
    CHECK(rw.cases_with_correction == 1);
    CHECK(rw.cases == 1);
    CHECK(rw.case_rate == 0.25);
    CHECK(rw.post_handoff_rework == 1);
    CHECK(rw.post_handoff_cases == 1);
    CHECK(r.find("MET", "BIL")->post_handoff_rework == 1);
    REQUIRE(rw.activities.size() == 1);
    CHECK(rw.activities[0] ==
          miners::ActivityRework{"Read investigation completed", 2, 1, 0, 1, 1});

    // Two bills of one journey are two objects: issuing each once is not rework.
    const EventLog bills = test::make_log({
        {"B", "2024-01-01T09:00", "Bill issued", "BIL", "Bill", "BL1"},
        {"B", "2024-02-01T09:00", "Bill issued", "BIL", "Bill", "BL2"},
        {"B", "2024-02-01T10:00", "Bill issued", "BIL", "Bill", "BL2"},
    });
    const miners::HandoffResult b = analyse(bills, miners::make_handoff_context(bills));
    CHECK(b.rework.rework == 1);
    CHECK(b.rework.self_loops == 1);
    CHECK(b.rework.post_handoff_rework == 0);
}

TEST_CASE("information loss on edges: re-asks (IL1) and handoff rejections (IL2)",
          "[miners][handoffs]") {
    const EventLog log = test::make_log(fragment());
    const miners::HandoffResult r = analyse(log, test::spec_context(test::move_house_spec(), log));
    const miners::HandoverEdge* cm = r.find("CS", "MIMO");
    const miners::HandoverEdge* mb = r.find("MET", "BIL");
    const miners::HandoverEdge* bm = r.find("BIL", "MET");
    REQUIRE(cm != nullptr);
    REQUIRE(mb != nullptr);
    REQUIRE(bm != nullptr);
    CHECK(cm->returns == 1); // MIMO's first event on the request is the return
    CHECK(cm->rejection_rate == 0.5);
    CHECK(cm->reasks == 1); // the data request follows CS→MIMO on the same request
    CHECK(mb->returns == 1);
    CHECK(mb->rejection_rate == 0.5);
    CHECK(bm->returns == 0);
    CHECK(r.totals.returns == 2);
    CHECK(r.totals.rejection_rate == Approx(2.0 / 6));
    CHECK(r.totals.reask_cases == 1);
    CHECK(r.totals.reask_events == 1);

    // A return outside the window does not count against the handover.
    miners::HandoffOptions o;
    o.return_window_s = 0;
    o.return_window_events = 1;
    const miners::HandoffResult tight =
        analyse(log, test::spec_context(test::move_house_spec(), log), o);
    CHECK(tight.totals.returns == 2); // both returns are the receiving events themselves

    const EventLog late = test::make_log({
        {"L", "2024-01-01T09:00", "Order forwarded", "BO", "Order", "O"},
        {"L", "2024-01-02T09:00", "Visit planned", "FLD", "Order", "O"},
        {"L", "2024-01-03T09:00", "Engineer dispatched", "FLD", "Order", "O"},
        {"L", "2024-03-01T09:00", "Order returned to back office", "FLD", "Order", "O"},
    });
    Journey spec = test::move_house_spec();
    const miners::HandoffContext lctx = test::spec_context(spec, late);
    const miners::HandoffResult within_3 = analyse(late, lctx); // 3rd event, but 59 days later
    CHECK(within_3.totals.returns == 0);
    miners::HandoffOptions no_time;
    no_time.return_window_s = 0;
    CHECK(analyse(late, lctx, no_time).totals.returns == 1);
    no_time.return_window_events = 2;
    CHECK(analyse(late, lctx, no_time).totals.returns == 0);
}

TEST_CASE("orphans stall after a handover; open journeys are censored", "[miners][handoffs]") {
    const EventLog log = test::make_log(fragment());
    const miners::HandoffResult r = analyse(log, test::spec_context(test::move_house_spec(), log));
    const miners::OrphanSummary& os = r.orphans;
    CHECK(os.as_of == at("2024-03-01T10:00"));
    CHECK(os.stall_s == 30 * 86400);
    CHECK(os.end_milestone);
    CHECK(os.complete == 1); // J1 has its first bill
    CHECK(os.orphans == 1);  // J2
    CHECK(os.orphan_rate == 0.25);
    CHECK(os.open == 2); // J3 and J4: not complete at the end of the log
    CHECK(os.open_rate == 0.5);
    REQUIRE(os.longest.size() == 1);
    CHECK(os.longest[0].case_id == "J2");
    CHECK(os.longest[0].from == "CS");
    CHECK(os.longest[0].to == "MIMO");
    CHECK(os.longest[0].last_work == at("2024-01-03T09:00"));
    CHECK(os.longest[0].stalled_s == 58 * day + hour);
    CHECK(r.find("CS", "MIMO")->orphans == 1);

    REQUIRE(r.case_flags.size() == 4);
    using namespace miners::case_flag;
    CHECK(r.case_flags[0] == (ping_pong | naive_ping_pong | reask | rework | rejected | complete));
    CHECK(r.case_flags[1] == orphan);
    CHECK(r.case_flags[2] == open);
    CHECK(r.case_flags[3] == open);

    // Without an end milestone only recent journeys are open: J3. J2 still ends with
    // a handover (COM→MIMO now, as the acknowledgement is work without a spec); J1
    // (its first bill is alone on its object) and J4 are neither.
    const miners::HandoffResult plain = analyse(log, miners::make_handoff_context(log));
    CHECK_FALSE(plain.orphans.end_milestone);
    CHECK(plain.orphans.complete == 0);
    CHECK(plain.orphans.orphans == 1);
    CHECK(plain.orphans.longest[0].from == "COM");
    CHECK(plain.orphans.open == 1);
    CHECK(plain.case_flags == std::vector<std::uint8_t>{naive_ping_pong | ping_pong | rework,
                                                        orphan, open, 0});

    // A later as_of makes J3 stale; a longer stall makes J2 open instead of an orphan.
    miners::HandoffOptions o;
    o.as_of = at("2024-06-01T00:00");
    o.stall_s = 200 * 86400;
    const miners::HandoffResult later = analyse(log, test::spec_context(test::move_house_spec(), log), o);
    CHECK(later.orphans.orphans == 0);
    CHECK(later.orphans.open == 3);
}

TEST_CASE("indirect succession with depth factor beta", "[miners][handoffs]") {
    const EventLog log = test::make_log({
        {"C", "2024-01-01T09:00", "a", "A", "", ""},
        {"C", "2024-01-01T10:00", "b", "B", "", ""},
        {"C", "2024-01-01T11:00", "c", "A", "", ""},
        {"C", "2024-01-01T12:00", "d", "C", "", ""},
    });
    const miners::HandoffContext ctx = miners::make_handoff_context(log);
    miners::HandoffOptions o;
    o.beta = 0.5;
    // Pair weights: a-b 1, a-c 0.5 (A→A), a-d 0.25, b-c 1, b-d 0.5, c-d 1: sum 4.25.
    const miners::HandoffResult r = analyse(log, ctx, o);
    REQUIRE(r.edges.size() == 4);
    CHECK(r.find("A", "B")->value == Approx(1 / 4.25));
    CHECK(r.find("A", "C")->value == Approx(1.25 / 4.25));
    CHECK(r.find("B", "A")->value == Approx(1 / 4.25));
    CHECK(r.find("B", "C")->value == Approx(0.5 / 4.25));
    CHECK(r.find("B", "C")->count == 0); // indirect only
    CHECK(r.find("A", "C")->count == 1);

    // pm4py counts A→A as well and divides by the same sum of weights.
    o.mode = miners::HandoffMode::pm4py;
    const miners::HandoffResult p = analyse(log, ctx, o);
    REQUIRE(p.pm4py.size() == 5);
    CHECK(p.pm4py[0].from == "A");
    CHECK(p.pm4py[0].to == "A");
    CHECK(p.pm4py[0].value == Approx(0.5 / 4.25));
    CHECK(p.pm4py[0].count == 0);

    o.beta = 1;
    CHECK_THROWS_MATCHES(miners::HandoffAccumulator(o), usage_error,
                         Catch::Message("handoffs: beta must be in [0, 1), not 1.000000"));
}

TEST_CASE("causality-aware handovers count only causal activity pairs", "[miners][handoffs]") {
    // a→b and a→c are causal; b and c follow each other both ways (concurrent).
    const EventLog log = test::make_log({
        {"1", "2024-01-01T09:00", "a", "X", "", ""},
        {"1", "2024-01-01T10:00", "b", "Y", "", ""},
        {"1", "2024-01-01T11:00", "c", "X", "", ""},
        {"2", "2024-01-01T09:00", "a", "X", "", ""},
        {"2", "2024-01-01T10:00", "c", "X", "", ""},
        {"2", "2024-01-01T11:00", "b", "Y", "", ""},
    });
    const miners::HandoffContext ctx = miners::make_handoff_context(log);
    miners::HandoffOptions o;
    o.causal = true;
    const auto rel = miners::causal_relation(log, ctx, o);
    REQUIRE(rel.size() == 2);
    CHECK(rel[0] == std::make_pair(std::string("a"), std::string("b")));
    CHECK(rel[1] == std::make_pair(std::string("a"), std::string("c")));
    const miners::HandoffResult plain = analyse(log, ctx);
    CHECK(plain.find("X", "Y")->count == 2);
    CHECK(plain.find("Y", "X")->count == 1);
    const miners::HandoffResult causal = analyse(log, ctx, o);
    REQUIRE(causal.edges.size() == 1);
    CHECK(causal.find("X", "Y")->count == 1);
    CHECK(causal.find("X", "Y")->value == Approx(0.25)); // 1 of 4 successions
    CHECK(causal.causal);
}

TEST_CASE("waits start at the activity's lifecycle start; batch waits are tagged",
          "[miners][handoffs]") {
    const EventLog log = test::make_log({
        {"C", "2024-01-01T10:00", "a", "X", "", ""},
        with_lifecycle({"C", "2024-01-01T12:00", "b", "Y", "", ""}, "start"),
        {"C", "2024-01-01T13:00", "b", "Y", "", ""},
        {"C", "2024-01-02T03:00", "First bill issued", "BIL", "", ""},
    });
    Journey spec = test::move_house_spec();
    const miners::HandoffContext ctx = test::spec_context(spec, log);
    const miners::HandoffResult r = analyse(log, ctx);
    CHECK(r.totals.work_events == 3); // the start event is not a work event
    CHECK(r.find("X", "Y")->wait.median_s == 2 * hour);
    const miners::HandoverEdge* batch = r.find("Y", "BIL");
    CHECK(batch->count == 1);
    CHECK(batch->batch == 1);
    CHECK(batch->wait.count == 0);
    miners::HandoffOptions o;
    o.batch_waits = true;
    CHECK(analyse(log, ctx, o).find("Y", "BIL")->wait.median_s == 14 * hour);
}

TEST_CASE("accumulators merge to the whole result, whatever the split", "[miners][handoffs]") {
    const EventLog log = test::make_log(fragment());
    const miners::HandoffContext ctx = test::spec_context(test::move_house_spec(), log);
    miners::HandoffOptions o;
    o.as_of = at("2024-03-01T10:00");
    miners::HandoffAccumulator whole(o);
    whole.add_cases(log, ctx, 0, log.num_cases());
    for (std::size_t split = 0; split <= log.num_cases(); ++split) {
        miners::HandoffAccumulator a(o);
        miners::HandoffAccumulator b(o);
        a.add_cases(log, ctx, 0, split);
        b.add_cases(log, ctx, split, log.num_cases());
        b.merge(a);
        INFO("split at " << split);
        CHECK(b.finish() == whole.finish());
    }
    // One case at a time into a copy.
    miners::HandoffAccumulator one(o);
    for (std::size_t c = 0; c < log.num_cases(); ++c) {
        miners::HandoffAccumulator copy(one);
        copy.add_cases(log, ctx, c, c + 1);
        one = copy;
    }
    CHECK(one.finish() == whole.finish());
    CHECK(analyse(log, ctx) == whole.finish());
}

TEST_CASE("impact ranking: by red journeys when known, else volume x wait x rejection",
          "[miners][handoffs]") {
    const EventLog log = test::make_log(fragment());
    miners::HandoffContext ctx = test::spec_context(test::move_house_spec(), log);
    const miners::HandoffResult plain = analyse(log, ctx);
    CHECK(plain.impact.basis == "volume_wait_rejection");
    REQUIRE(plain.impact.edges.size() == 3);
    CHECK(plain.impact.edges[0].from == "MET"); // 2 × 48 h × 0.5
    CHECK(plain.impact.edges[0].score == 2 * 2 * day * 0.5);
    CHECK(plain.impact.edges[1].from == "CS"); // 2 × 24.5 h × 0.5
    CHECK(plain.impact.edges[1].score == 2 * 24.5 * hour * 0.5);
    CHECK(plain.impact.edges[2].from == "BIL");
    CHECK(plain.impact.edges[2].score == 0);

    ctx.red = {1, 1, 0, 0}; // J1 and J2 red
    const miners::HandoffResult red = analyse(log, ctx);
    const miners::ImpactRanking& ir = red.impact;
    CHECK(ir.basis == "red");
    CHECK(ir.journeys == 4);
    CHECK(ir.red == 2);
    CHECK(ir.red_rate == 0.5);
    REQUIRE(ir.edges.size() == 3);
    const miners::HandoffImpact& top = ir.edges[0];
    CHECK(top.from == "CS");
    CHECK(top.cases == 2);
    CHECK(top.red_cases == 2);
    CHECK(top.red_rate == 1);
    CHECK(top.red_rate_without == 0);
    CHECK(top.lift == 2);
    CHECK(std::isinf(top.relative_risk));
    CHECK(top.risk_difference == 1);
    CHECK(top.paf == 1);
    CHECK(ir.edges[1].from == "BIL"); // tie on PAF 1/3 and support: by name
    CHECK(ir.edges[1].paf == Approx(1.0 / 3));
    CHECK(ir.edges[1].relative_risk == Approx(3));
    CHECK(ir.edges[2].from == "MET");

    // Support limits: CS→MIMO is in half of the journeys; require at most 40 %.
    miners::HandoffOptions o;
    o.max_support_share = 0.4;
    const miners::HandoffResult limited = analyse(log, ctx, o);
    REQUIRE(limited.impact.edges.size() == 2);
    CHECK(limited.impact.edges[0].from == "BIL");

    ctx.red = {1, 0};
    CHECK_THROWS_AS(analyse(log, ctx), usage_error);
}

TEST_CASE("one plain sentence per handover, from its numbers", "[miners][handoffs]") {
    const EventLog log = test::make_log(fragment());
    miners::HandoffContext ctx = test::spec_context(test::move_house_spec(), log);
    const miners::HandoffResult r = analyse(log, ctx);
    CHECK(miners::describe_handover(*r.find("MET", "BIL"), r) ==
          "MET → BIL: 50 % of handovers come back; work waits 1.0 working days (p90 1.0); "
          "it bounces straight back 1 time.");
    CHECK(miners::describe_handover(*r.find("CS", "MIMO"), r) ==
          "CS → MIMO: 50 % of handovers come back; work waits 1.1 working days (p90 1.1); "
          "the customer is asked again 1 time; 1 journey stalls here.");
    CHECK(miners::describe_handover(*r.find("BIL", "MET"), r) ==
          "BIL → MET: 2 handovers; work waits 1.5 working days (p90 1.9).");

    ctx.red = {1, 1, 0, 0};
    const miners::HandoffResult red = analyse(log, ctx);
    CHECK(miners::describe_handover(*red.find("BIL", "MET"), red) ==
          "BIL → MET: 2 handovers; work waits 1.5 working days (p90 1.9); journeys with it are "
          "red 2.0× as often.");

    // Without calendars: calendar time, and "1 in N" below one half.
    miners::HandoverEdge e;
    e.from = "Metering";
    e.to = "Billing";
    e.count = 70;
    e.returns = 10;
    e.wait.count = 70;
    e.wait.median_s = 3.2 * day;
    e.wait.p90_s = 9.1 * day;
    CHECK(miners::describe_handover(e, miners::HandoffResult{}) ==
          "Metering → Billing: 1 in 7 handovers comes back; work waits 3.2 days (p90 9.1 days).");

    const std::vector<miners::HandoffAnnotation> notes = miners::handoff_annotations(r);
    REQUIRE(notes.size() == 3);
    CHECK(notes[2].from == "MET");
    CHECK(notes[2].label == "2 · 1.0 wd · 50 % back");
    CHECK(notes[2].business_time);
    CHECK(notes[2].median_wait_s == 10 * hour);
    CHECK(notes[2].ping_pong_per_100 == 25);
    CHECK(notes[2].rank == 1);
    CHECK(notes[0].rank == 3);
    CHECK(notes[2].sentence == miners::describe_handover(*r.find("MET", "BIL"), r));
}

TEST_CASE("handoff options and contexts are checked", "[miners][handoffs]") {
    miners::HandoffOptions o;
    o.level = miners::HandoffLevel::attribute;
    CHECK_THROWS_MATCHES(miners::HandoffAccumulator(o), usage_error,
                         Catch::Message("handoffs: level 'attribute' needs an attribute name"));
    const EventLog log = test::make_log(fragment());
    miners::HandoffContext bad;
    bad.roles.assign(3, 0);
    CHECK_THROWS_MATCHES(analyse(log, bad), usage_error,
                         Catch::Message("handoffs: the context does not belong to this log (20 "
                                        "events, 4 cases)"));
    // An empty log gives an empty result.
    const EventLog empty;
    const miners::HandoffResult r = analyse(empty, miners::make_handoff_context(empty));
    CHECK(r.totals.journeys == 0);
    CHECK(r.edges.empty());
    CHECK(r.orphans.as_of == no_timestamp);
}

TEST_CASE("nodes by resource or by an attribute", "[miners][handoffs]") {
    std::vector<Row> rows = {
        {"C", "2024-01-01T09:00", "a", "X", "", "", "ann"},
        {"C", "2024-01-01T10:00", "b", "X", "", "", "bob"},
        {"C", "2024-01-01T11:00", "c", "Y", "", "", "bob"},
    };
    rows[0].reason = "r1";
    rows[1].reason = "r2";
    const EventLog log = test::make_log(rows);
    const miners::HandoffContext ctx = miners::make_handoff_context(log);
    miners::HandoffOptions o;
    o.level = miners::HandoffLevel::resource;
    const miners::HandoffResult res = analyse(log, ctx, o);
    REQUIRE(res.edges.size() == 1);
    CHECK(res.find("ann", "bob")->count == 1);
    o.level = miners::HandoffLevel::attribute;
    o.attribute = "reason";
    const miners::HandoffResult attr = analyse(log, ctx, o);
    REQUIRE(attr.edges.size() == 1);
    CHECK(attr.find("r1", "r2")->count == 1);
    CHECK(attr.totals.unassigned_events == 1);
}

TEST_CASE("completion: an end milestone voided by a correction within the look-ahead",
          "[miners][handoffs]") {
    const EventLog log = test::make_log({
        // A: the first bill is cancelled 10 days later; the bill issued again stands.
        {"A", "2024-01-01T09:00", "Dispute raised", "BIL", "Bill", "B1"},
        {"A", "2024-01-02T03:00", "First bill issued", "BIL", "Bill", "B1"},
        {"A", "2024-01-12T09:00", "Bill cancelled", "BIL", "Bill", "B1"},
        {"A", "2024-01-22T03:00", "First bill issued", "BIL", "Bill", "B1"},
        // B: cancelled and not issued again.
        {"B", "2024-01-01T09:00", "Dispute raised", "BIL", "Bill", "B2"},
        {"B", "2024-01-02T03:00", "First bill issued", "BIL", "Bill", "B2"},
        {"B", "2024-01-12T09:00", "Bill cancelled", "BIL", "Bill", "B2"},
        // C: cancelled 90 days later, outside the 60-day look-ahead.
        {"C", "2024-01-01T09:00", "Dispute raised", "BIL", "Bill", "B3"},
        {"C", "2024-01-02T03:00", "First bill issued", "BIL", "Bill", "B3"},
        {"C", "2024-04-01T09:00", "Bill cancelled", "BIL", "Bill", "B3"},
    });
    Journey spec = test::move_house_spec();
    spec.end_unless.kind = Selector::Kind::event_class;
    spec.end_unless.name = "corrections";
    spec.lookahead = Duration{60, DurationUnit::days};
    const miners::HandoffContext ctx = test::spec_context(spec, log);
    CHECK(ctx.has_end_milestone);
    CHECK(ctx.end_lookahead_s == 60 * 86400);
    const miners::HandoffResult r = analyse(log, ctx);
    using namespace miners::case_flag;
    CHECK((r.case_flags[0] & complete) != 0);
    CHECK((r.case_flags[1] & open) != 0);
    CHECK((r.case_flags[2] & complete) != 0);
    CHECK(r.orphans.complete == 2);
    CHECK(r.orphans.open == 1);

    spec.lookahead = Duration{2, DurationUnit::working_days};
    CHECK(test::spec_context(spec, log).end_lookahead_s == 2 * 7 * 86400 / 5);
}

TEST_CASE("work objects from a spec: link, attribute and pair naming", "[miners][handoffs]") {
    std::vector<Row> rows = {
        {"C", "2024-01-01T09:00", "a", "X", "Order", "O1"},
        {"C", "2024-01-01T10:00", "b", "Y", "Order", "O1"},
        {"C", "2024-01-01T11:00", "c", "X", "", ""},
    };
    rows[0].attrs = {{"ticket", "T-7"}, {"object_type", "case"}, {"object_id", "K1"}};
    rows[2].attrs = {{"ticket", "T-7"}, {"object_type", "case"}, {"object_id", "K1"}};
    const EventLog log = test::make_log(rows);
    const auto objects_of = [&](const miners::HandoffContext& ctx, std::size_t e) {
        const auto [p, pe] = ctx.objects_of(e);
        return static_cast<std::size_t>(pe - p);
    };
    Journey spec = test::move_house_spec();
    spec.object_types.clear();
    ObjectType link;
    link.id = "order";
    link.key = "Order";
    ObjectType attr;
    attr.id = "ticket";
    attr.naming = ObjectNaming::attribute;
    ObjectType pair;
    pair.id = "case";
    pair.naming = ObjectNaming::pair;
    spec.object_types = {link, attr, pair};
    const miners::HandoffContext ctx = test::spec_context(spec, log);
    CHECK(ctx.object_type_names == std::vector<std::string>{"order", "ticket", "case"});
    CHECK(objects_of(ctx, 0) == 3); // order O1, ticket T-7, case K1
    CHECK(objects_of(ctx, 1) == 1); // order O1
    CHECK(objects_of(ctx, 2) == 2); // ticket T-7, case K1
    CHECK(ctx.object_types.size() == 3);

    // Without a spec: the log's links.
    const miners::HandoffContext plain = miners::make_handoff_context(log);
    CHECK(plain.object_type_names == std::vector<std::string>{"Order"});
    CHECK(objects_of(plain, 0) == 1);
    CHECK(objects_of(plain, 2) == 0);
    // A pair-named type whose columns were read as links is found through the links.
    Journey by_pair = test::move_house_spec();
    ObjectType order_pair;
    order_pair.id = "Order";
    order_pair.naming = ObjectNaming::pair;
    by_pair.object_types = {order_pair};
    const EventLog linked = test::make_log({{"C", "2024-01-01T09:00", "a", "X", "Order", "O1"}});
    CHECK(objects_of(test::spec_context(by_pair, linked), 0) == 1);
}

TEST_CASE("work objects from object_type / object_id attributes without a spec",
          "[miners][handoffs]") {
    std::vector<Row> rows = {
        {"C", "2024-01-01T09:00", "a", "X", "", ""},
        {"C", "2024-01-01T10:00", "b", "Y", "", ""},
        {"C", "2024-01-01T11:00", "c", "Z", "", ""},
    };
    rows[0].attrs = {{"object_type", "bill"}, {"object_id", "B1"}};
    rows[1].attrs = {{"object_type", "read"}, {"object_id", "R1"}};
    rows[2].attrs = {{"object_type", "bill"}, {"object_id", "B1"}};
    const EventLog log = test::make_log(rows);
    const miners::HandoffContext ctx = miners::make_handoff_context(log);
    CHECK(ctx.object_type_names == std::vector<std::string>{"bill", "read"});
    const miners::HandoffResult r = analyse(log, ctx);
    // Per object: X→Z on the bill; Y is alone on its read.
    REQUIRE(r.edges.size() == 1);
    CHECK(r.find("X", "Z")->count == 1);
    CHECK(r.totals.interleaved_handovers == 2);
}
