// Information-loss signals IL3–IL6 on hand-built logs.

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "handoff_fixtures.hpp"

#include <journey/core/error.hpp>
#include <journey/miners/handoff_signals.hpp>

using namespace journey;
using journey::test::Row;

namespace {

Row with(Row r, std::vector<std::pair<std::string, std::string>> attrs) {
    r.attrs = std::move(attrs);
    return r;
}

Row reason(Row r, std::string why) {
    r.reason = std::move(why);
    return r;
}

Journey spec_with_touchpoints() {
    Journey j = test::move_house_spec();
    const auto tp = [](std::string id, std::string activity, bool designed) {
        Touchpoint t;
        t.id = std::move(id);
        t.owner = "CS";
        t.designed = designed;
        MatchRule rule;
        rule.condition = test::when({test::pred(EventField::activity, CompareOp::eq, {activity})});
        t.match.push_back(rule);
        return t;
    };
    j.touchpoints.push_back(tp("T01", "MoveRequest case created", true));
    j.touchpoints.push_back(tp("T06", "Move-out confirmation sent", true));
    j.touchpoints.push_back(tp("T16", "Call answered", false)); // ad hoc: not expected
    return j;
}

std::vector<Row> signal_rows() {
    return {
        // S1: CS and MIMO/MET disagree on the move date; three outbound messages.
        with({"S1", "2024-01-01T09:00", "MoveRequest case created", "CS", "MoveRequest", "M1"},
             {{"move_date", "2024-02-01"}}),
        with({"S1", "2024-01-02T09:00", "Move-out document created", "MIMO", "MoveRequest", "M1"},
             {{"move_date", "2024-02-05"}}),
        with({"S1", "2024-01-03T09:00", "Read requested", "MET", "MeterRead", "R1"},
             {{"move_date", "2024-02-05"}}),
        with({"S1", "2024-01-04T09:00", "Welcome pack sent", "COM", "MoveRequest", "M1"},
             {{"tariff", "fix12"}}),
        with({"S1", "2024-01-07T09:00", "Tariff letter sent", "COM", "MoveRequest", "M1"},
             {{"tariff", "flex"}}),
        {"S1", "2024-01-09T09:00", "Win-back offer sent", "COM", "MoveRequest", "M1"},
        {"S1", "2024-01-09T10:00", "Move-out confirmation sent", "COM", "MoveRequest", "M1"},
        {"S1", "2024-01-10T09:00", "Account opened", "MIMO", "Account", "A1"},
        {"S1", "2024-01-11T09:00", "Account opened", "MIMO", "Account", "A2"},
        reason({"S1", "2024-01-12T09:00", "Call answered", "CS", "Contact", "C1"}, "status chase"),
        reason({"S1", "2024-01-13T09:00", "Call answered", "CS", "Contact", "C2"}, "bill dispute"),
        // S2: one department records the date; the welcome comes 20 days before the
        // win-back (outside the 14-day window); T06 is missing.
        with({"S2", "2024-01-01T09:00", "MoveRequest case created", "CS", "MoveRequest", "M2"},
             {{"move_date", "2024-03-01"}}),
        with({"S2", "2024-01-02T09:00", "Move date updated", "CS", "MoveRequest", "M2"},
             {{"move_date", "2024-03-08"}}),
        {"S2", "2024-01-03T09:00", "Welcome pack sent", "COM", "MoveRequest", "M2"},
        {"S2", "2024-01-23T09:00", "Win-back offer sent", "COM", "MoveRequest", "M2"},
        {"S2", "2024-01-24T09:00", "Account opened", "MIMO", "Account", "A3"},
    };
}

} // namespace

TEST_CASE("IL3 attribute drift across departments", "[miners][handoffs][signals]") {
    const EventLog log = test::make_log(signal_rows());
    const Journey spec = spec_with_touchpoints();
    miners::SignalOptions o;
    o.drift_attributes = {"move_date", "meter_id"}; // meter_id is not in the log
    const miners::InformationLoss il = miners::information_loss(log, test::spec_context(spec, log), o);
    CHECK(il.journeys == 2);
    REQUIRE(il.drift.size() == 1);
    const miners::AttributeDrift& d = il.drift[0];
    CHECK(d.attribute == "move_date");
    CHECK(d.cases_with_value == 1); // in S2 only CS recorded it (twice: that is an update)
    CHECK(d.cases == 1);
    CHECK(d.rate == 1);
    CHECK(d.inconsistencies == 2); // CS vs MIMO, CS vs MET; MIMO and MET agree
    REQUIRE(d.pairs.size() == 2);
    CHECK(d.pairs[0] == miners::DriftPair{"CS", "MET", 1});
    CHECK(d.pairs[1] == miners::DriftPair{"CS", "MIMO", 1});
    CHECK((il.case_flags[0] & miners::signal_flag::drift) != 0);
    CHECK((il.case_flags[1] & miners::signal_flag::drift) == 0);
}

TEST_CASE("IL3b contradictory outbound messages", "[miners][handoffs][signals]") {
    const EventLog log = test::make_log(signal_rows());
    const Journey spec = spec_with_touchpoints();
    miners::SignalOptions o;
    o.conflicting_activities = {{"Welcome pack sent", "Win-back offer sent"}};
    const miners::InformationLoss il = miners::information_loss(log, test::spec_context(spec, log), o);
    CHECK(il.outbound_messages == 6);
    // S1: welcome vs tariff letter (tariff differs), welcome vs win-back (intent);
    // S2: welcome and win-back are 20 days apart.
    CHECK(il.contradictory_pairs == 2);
    CHECK(il.contradictions_by_value == 1);
    CHECK(il.contradictions_by_intent == 1);
    CHECK(il.contradiction_cases == 1);
    CHECK(il.contradiction_rate == 0.5);
    o.message_window_s = 30 * 86400;
    const miners::InformationLoss wide = miners::information_loss(log, test::spec_context(spec, log), o);
    CHECK(wide.contradictory_pairs == 3);
    CHECK(wide.contradiction_cases == 2);
}

TEST_CASE("IL4 status chases by reason code", "[miners][handoffs][signals]") {
    const EventLog log = test::make_log(signal_rows());
    const Journey spec = spec_with_touchpoints();
    const miners::InformationLoss il = miners::information_loss(log, test::spec_context(spec, log));
    CHECK(il.status_method == "reason");
    CHECK(il.inbound_contacts == 2);
    CHECK(il.status_chases == 1);
    CHECK(il.status_chase_share == 0.5);
    CHECK(il.status_chase_cases == 1);
}

TEST_CASE("IL4 status chases without reason codes: open work, nothing sent",
          "[miners][handoffs][signals]") {
    const EventLog log = test::make_log({
        // H1: MIMO works on M1 before and after the call; nothing was sent: a chase.
        {"H1", "2024-01-01T09:00", "Move-out document created", "MIMO", "MoveRequest", "M1"},
        {"H1", "2024-01-05T09:00", "Call answered", "CS", "Contact", "C1"},
        {"H1", "2024-01-10T09:00", "Move-in document created", "MIMO", "MoveRequest", "M1"},
        // H2: the same, but a letter went out the day before the call.
        {"H2", "2024-01-01T09:00", "Move-out document created", "MIMO", "MoveRequest", "M2"},
        {"H2", "2024-01-04T09:00", "Move-out confirmation sent", "COM", "MoveRequest", "M2"},
        {"H2", "2024-01-05T09:00", "Call answered", "CS", "Contact", "C2"},
        {"H2", "2024-01-10T09:00", "Move-in document created", "MIMO", "MoveRequest", "M2"},
        // H3: the call comes after all work is done.
        {"H3", "2024-01-01T09:00", "Move-out document created", "MIMO", "MoveRequest", "M3"},
        {"H3", "2024-01-05T09:00", "Call answered", "CS", "Contact", "C3"},
    });
    const Journey spec = spec_with_touchpoints();
    const miners::InformationLoss il = miners::information_loss(log, test::spec_context(spec, log));
    CHECK(il.status_method == "heuristic");
    CHECK(il.inbound_contacts == 3);
    CHECK(il.status_chases == 1);
    CHECK(il.status_chase_cases == 1);
    CHECK(il.case_flags == std::vector<std::uint8_t>{miners::signal_flag::status_chase |
                                                         miners::signal_flag::missing_touchpoint,
                                                     miners::signal_flag::missing_touchpoint,
                                                     miners::signal_flag::missing_touchpoint});
}

TEST_CASE("IL5 missing designed touchpoints and IL6 duplicate entities",
          "[miners][handoffs][signals]") {
    const EventLog log = test::make_log(signal_rows());
    const Journey spec = spec_with_touchpoints();
    const miners::HandoffContext ctx = test::spec_context(spec, log);
    CHECK(ctx.expected_touchpoints == std::vector<std::string>{"T01", "T06"});
    const miners::InformationLoss il = miners::information_loss(log, ctx);
    REQUIRE(il.missing.size() == 2);
    CHECK(il.missing[0] == miners::MissingTouchpoint{"T01", 0, 0});
    CHECK(il.missing[1] == miners::MissingTouchpoint{"T06", 1, 0.5});
    REQUIRE(il.duplicates.size() == 1);
    CHECK(il.duplicates[0] == miners::DuplicateEntity{"Account", 2, 1, 0.5, 2});
    CHECK((il.case_flags[0] & miners::signal_flag::duplicate) != 0);
    CHECK((il.case_flags[1] & miners::signal_flag::missing_touchpoint) != 0);

    // An explicit designed order: T06 optional, so only T01 is expected.
    Journey opt = spec;
    opt.order = OrderNode::node(OrderNode::Kind::sequence,
                                {OrderNode::leaf("T01"),
                                 OrderNode::node(OrderNode::Kind::optional, {OrderNode::leaf("T06")})});
    CHECK(test::spec_context(opt, log).expected_touchpoints == std::vector<std::string>{"T01"});
}

TEST_CASE("information loss: bad options are reported", "[miners][handoffs][signals]") {
    const EventLog log = test::make_log(signal_rows());
    miners::SignalOptions o;
    o.status_pattern = "(status";
    CHECK_THROWS_AS(miners::information_loss(log, miners::make_handoff_context(log), o), usage_error);
    miners::HandoffContext bad;
    bad.touchpoints.assign(2, 0);
    CHECK_THROWS_MATCHES(miners::information_loss(log, bad), usage_error,
                         Catch::Message("handoff signals: the context does not belong to this log"));
}
