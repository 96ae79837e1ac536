// Contact-centre metrics on a hand-built log; every figure is worked out in comments.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "handoff_fixtures.hpp"

#include <journey/core/error.hpp>
#include <journey/miners/contact_centre.hpp>

using namespace journey;
using journey::test::Row;

namespace {

Row contact(std::string c, std::string t, std::string act, std::string dept, std::string id,
            std::string channel, std::string reason, std::string disposition, std::int64_t wait) {
    Row r{std::move(c), std::move(t), std::move(act), std::move(dept), "Contact", std::move(id)};
    r.channel = std::move(channel);
    r.reason = std::move(reason);
    r.disposition = std::move(disposition);
    r.wait_s = wait;
    return r;
}

Row on(Row r, std::string channel) {
    r.channel = std::move(channel);
    return r;
}

std::vector<Row> rows() {
    Row form{"K2", "2024-01-01T08:00", "Move form submitted", "DIG", "MoveRequest", "M2"};
    form.channel = "web";
    form.actor = "customer";
    form.reason = "move notification";
    Row read{"K3", "2024-01-02T08:00", "Meter read submitted", "DIG", "MeterRead", "R3"};
    read.channel = "app";
    read.actor = "customer";
    return {
        // K1: a phone notification transferred to Billing, a status chase two days
        // later, a chat dispute 17 days after that; identity verified twice.
        contact("K1", "2024-01-01T09:00", "Call answered", "CS", "C1", "phone", "move notification", "resolved", 15),
        on({"K1", "2024-01-01T09:10", "Call transferred", "CS", "Contact", "C1"}, "phone"),
        on({"K1", "2024-01-01T09:12", "Transferred call answered", "BIL", "Contact", "C1"}, "phone"),
        contact("K1", "2024-01-03T10:00", "Call answered", "CS", "C2", "phone", "status chase", "resolved", 45),
        on({"K1", "2024-01-03T10:01", "Identity verified", "CS", "Contact", "C2"}, "phone"),
        contact("K1", "2024-01-20T10:00", "Chat answered", "CS", "C3", "chat", "bill dispute", "unresolved", 5),
        on({"K1", "2024-01-20T10:01", "Identity verified", "CS", "Contact", "C3"}, "chat"),
        // K2: a web form, then a call four hours later transferred three times;
        // two abandoned calls (one after 3 s).
        form,
        contact("K2", "2024-01-01T12:00", "Call answered", "CS", "C4", "phone", "status chase", "resolved", 200),
        on({"K2", "2024-01-01T12:05", "Call transferred", "CS", "Contact", "C4"}, "phone"),
        on({"K2", "2024-01-01T12:06", "Transferred call answered", "BIL", "Contact", "C4"}, "phone"),
        on({"K2", "2024-01-01T12:10", "Call transferred", "BIL", "Contact", "C4"}, "phone"),
        on({"K2", "2024-01-01T12:11", "Transferred call answered", "MET", "Contact", "C4"}, "phone"),
        on({"K2", "2024-01-01T12:15", "Call transferred", "MET", "Contact", "C4"}, "phone"),
        on({"K2", "2024-01-01T12:16", "Transferred call answered", "PAY", "Contact", "C4"}, "phone"),
        on({"K2", "2024-01-01T12:20", "Identity verified", "PAY", "Contact", "C4"}, "phone"),
        contact("K2", "2024-01-02T09:00", "Call abandoned", "CS", "C5", "phone", "", "", 3),
        contact("K2", "2024-01-02T10:00", "Call abandoned", "CS", "C6", "phone", "", "", 90),
        // K3: only a read submitted in the app (an attempt that needed no call).
        read,
    };
}

} // namespace

TEST_CASE("contact-centre metrics of journeys", "[miners][contact_centre]") {
    const EventLog log = test::make_log(rows());
    const miners::HandoffContext ctx = test::spec_context(test::move_house_spec(), log);
    const miners::ContactCentreMetrics m = miners::contact_centre_metrics(log, ctx);

    CHECK(m.journeys == 3);
    CHECK(m.contacts == 5); // C1, C2, C3, the form, C4
    CHECK(m.value_demand == 2);
    CHECK(m.failure_demand == 3);
    CHECK(m.contacts_per_journey == Approx(5.0 / 3));
    CHECK(m.failure_demand_per_journey == 1);
    CHECK(m.failure_demand_ratio == 0.6);
    CHECK(m.journeys_with_contact == 2);

    // Repeats within 7 days: C1 (C2 two days later), the form (C4 four hours later);
    // within 30 days also C2 (C3 17 days later).
    REQUIRE(m.fcr.size() == 2);
    CHECK(m.fcr[0].window_s == 7 * 86400);
    CHECK(m.fcr[0].repeated == 2);
    CHECK(m.fcr[0].fcr == Approx(0.6));
    CHECK(m.fcr[1].repeated == 3);
    CHECK(m.fcr[1].fcr == Approx(0.4));
    CHECK(m.with_disposition == 4);
    CHECK(m.resolved == 3);
    CHECK(m.self_reported_fcr == 0.75);
    CHECK(m.fcr[0].gap == Approx(0.15));
    CHECK(m.fcr[1].gap == Approx(0.35));

    // C1 went CS→BIL; C4 CS→BIL→MET→PAY.
    CHECK(m.transferred == 2);
    CHECK(m.transfers == 4);
    CHECK(m.transfer_rate == 0.4);
    CHECK(m.many_transfers == 1);

    CHECK(m.with_wait == 4);
    CHECK(m.within_service_level == 2); // 15 s and 5 s
    CHECK(m.service_level == 0.5);
    CHECK(m.asa_s == 66.25);
    CHECK(m.abandoned == 2);
    CHECK(m.short_abandons == 1);
    CHECK(m.offered == 7);
    CHECK(m.abandonment_rate == Approx(2.0 / 7));
    CHECK(m.abandonment_rate_excl_short == Approx(1.0 / 6));

    CHECK(m.multichannel_journeys == 2);
    CHECK(m.channel_switching_rate == 1);
    CHECK(m.digital_attempt_journeys == 2); // K2's form, K3's read
    CHECK(m.digital_fallback_journeys == 1);
    CHECK(m.digital_fallback_rate == 0.5);

    REQUIRE(m.redundant_steps.size() == 1);
    CHECK(m.redundant_steps[0] == miners::RedundantStep{"identity verification", 2, 1, 1, 0.5});

    REQUIRE(m.channels.size() == 3);
    CHECK(m.channels[0] == miners::ChannelContacts{"chat", 1, 1});
    CHECK(m.channels[1] == miners::ChannelContacts{"phone", 3, 2});
    CHECK(m.channels[2] == miners::ChannelContacts{"web", 1, 0});
    REQUIRE(m.reasons.size() == 3);
    CHECK(m.reasons[0] == miners::ReasonContacts{"move notification", 2, 0});
    CHECK(m.reasons[1] == miners::ReasonContacts{"status chase", 2, 2});
    CHECK(m.reasons[2] == miners::ReasonContacts{"bill dispute", 1, 1});
}

TEST_CASE("contact-centre options: same-reason repeats, windows, targets", "[miners][contact_centre]") {
    const EventLog log = test::make_log(rows());
    const miners::HandoffContext ctx = test::spec_context(test::move_house_spec(), log);
    miners::ContactCentreOptions o;
    o.fcr_same_reason = true;
    o.fcr_windows_s = {86400};
    o.service_level_s = 60;
    o.many_transfers = 3;
    const miners::ContactCentreMetrics m = miners::contact_centre_metrics(log, ctx, o);
    REQUIRE(m.fcr.size() == 1);
    CHECK(m.fcr[0].repeated == 0); // the quick repeat (form → C4) has another reason
    CHECK(m.fcr[0].fcr == 1);
    CHECK(m.within_service_level == 3);
    CHECK(m.many_transfers == 0);

    o.redundant_steps = {{"broken", "(id"}};
    CHECK_THROWS_AS(miners::contact_centre_metrics(log, ctx, o), usage_error);
}

TEST_CASE("without contact classes every contact figure is zero", "[miners][contact_centre]") {
    const EventLog log = test::make_log(rows());
    const miners::ContactCentreMetrics m =
        miners::contact_centre_metrics(log, miners::make_handoff_context(log));
    CHECK(m.journeys == 3);
    CHECK(m.contacts == 0);
    CHECK(m.fcr[0].fcr == 0);
    CHECK(m.transfer_rate == 0);
    CHECK(m.digital_attempt_journeys == 2); // the actor attribute still names the customer
    CHECK(m.redundant_steps[0].journeys_repeated == 1);
}
