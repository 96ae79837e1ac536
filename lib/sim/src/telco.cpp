// The fixed-line installation journey (domain §2, §5.9): order capture, the
// hidden back-office validation whose speed is measured but not its accuracy,
// appointment, visit (aborted when the order is wrong), activation.
// Activity names and attributes follow examples/telco-install/install.journey.
// The draw order is part of the output: change it only with generator_version.

#include <algorithm>
#include <cmath>

#include "engine.hpp"

namespace journey::sim::detail {

namespace {

using namespace tc;

enum Kind : std::uint8_t { k_plain };

constexpr std::uint32_t invalid_order_bit = 1u << 0;
constexpr std::uint32_t missed_appointment_bit = 1u << 1;
constexpr std::uint32_t activation_failure_bit = 1u << 2;
constexpr std::uint32_t orphan_bit = 1u << 3;

struct Telco {
    Sim& s;
    const Scenario& sc;
    const TelcoParams& T;
    JourneyTruth& t;

    void run();
    void contact(const Pending& p);
    static std::int64_t money(double x) { return static_cast<std::int64_t>(std::llround(x * 100)); }
    // Creates a work order and books its visit at `when`; returns the work order.
    std::uint16_t book(Timestamp when) {
        const std::uint16_t wo = s.new_object(o_work_order);
        s.emit(when - s.rng.range(1, 10) * us_minute, a_work_order_created, wo);
        s.emit(when, a_appointment_booked, wo);
        s.emit(s.seconds_task(when, t_appointment), a_confirmation_sent, wo);
        return wo;
    }
};

void Telco::run() {
    const double cw[3] = {sc.telco.channel_store, sc.telco.channel_web, sc.telco.channel_phone};
    static constexpr std::uint8_t channels[3] = {ch_store, ch_web, ch_phone};
    const std::uint8_t channel = channels[s.rng.choose(cw)];
    const Timestamp t0 = s.arrival(channel != ch_web);
    const auto product = static_cast<std::uint8_t>(s.rng.range(1, attr::product_count));
    const auto region = static_cast<std::uint8_t>(s.rng.range(1, attr::region_count));
    t.channel = channel;
    t.start = t0;
    t.variant = s.m.cat->channels[channel];

    bool invalid = s.rng.bernoulli(T.order_invalid);
    if (invalid) {
        t.defects |= invalid_order_bit;
    }
    const bool port = s.rng.bernoulli(T.port_in);
    if (port) {
        t.variant += "+port";
    }

    // ---- hidden validation and forwarding (validate): speed measured, accuracy not ----
    const Timestamp t_fw = s.bo_task(t0, t_validate);
    const Timestamp t_val = std::max(t0 + 5 * us_minute, t_fw - s.rng.range(10, 60) * us_minute);
    // ---- appointment: promised at sign-up, booked after forwarding ----
    Day appt = s.m.cal.add_working_days(day_of(t_fw),
                                        s.rng.range(T.appointment_min_wd, T.appointment_max_wd));
    const Day promised = appt;

    // ---- sign-up (sign_up) ----
    {
        SimEvent& e = s.emit(t0, a_order_created);
        e.channel = channel;
        if (channel == ch_web) {
            e.actor = Actor::customer;
            e.resource = 0;
        }
        e.promised_date = static_cast<std::int32_t>(promised);
        e.entered_same_day = 1;
        e.product = product;
        e.region = region;
    }
    s.emit(t0 + s.rng.range(60, 600) * us_second, a_contract_signed).channel = channel;
    s.emit(t_val, a_order_validated);
    s.emit(t_fw, a_order_forwarded);
    std::uint16_t wo = book(t_fw + s.rng.range(11, 40) * us_minute);
    if (s.draw_orphan()) {
        // The visit was booked and never dispatched: the booking (back office ->
        // scheduling on the work order) is the last work event.
        s.end_orphan(orphan_bit);
        return;
    }

    // ---- visits (install): aborted while the order is wrong, missed now and then ----
    bool aborted = false, missed_any = false;
    Timestamp t_done = 0;
    for (int visit = 0; visit < 6; ++visit) {
        const bool am = s.rng.bernoulli(0.5);
        const Timestamp slot = Sim::at(appt, am ? 8 * 3600 : 13 * 3600);
        const Timestamp t_disp = slot - s.rng.range(0, 30) * us_minute;
        s.emit(t_disp, a_engineer_dispatched, wo);
        if (s.rng.bernoulli(T.missed_appointment)) {
            // The engineer never comes: the visit is rebooked with compensation.
            // Field -> scheduling -> field on the same work order: a bounce, too.
            missed_any = true;
            t.pingpong = true;
            t.defects |= missed_appointment_bit;
            const Timestamp t_miss = slot + 4 * us_hour + s.rng.range(0, 60) * us_minute;
            if (s.rng.bernoulli(T.abort_contact)) {
                s.push(s.contact_time(t_miss + s.rng.range(1, 24) * us_hour), r_missed_appointment,
                       k_plain);
            }
            const Timestamp t_rebook = s.work_time(t_miss, s.rng.range(0, 1));
            appt = s.m.cal.add_working_days(
                day_of(t_rebook), s.rng.range(T.reappointment_min_wd, T.reappointment_max_wd));
            // A rebooking keeps its work order; the compensation is credited with it.
            s.emit(t_rebook, a_appointment_rebooked, wo).amount_cents =
                money(T.compensation_missed_appointment);
            s.emit(s.seconds_task(t_rebook, t_appointment), a_confirmation_sent, wo);
            continue;
        }
        const bool in_window = s.rng.bernoulli(s.m.ontime[t_install]);
        const Timestamp t_arr = in_window
                                    ? t_disp + s.rng.range(10 * 60, 4 * 3600) * us_second
                                    : t_disp + (4 * 3600 + s.rng.range(60, 3 * 3600)) * us_second;
        s.emit(t_arr, a_engineer_arrived, wo).in_window = in_window ? 1 : 0;
        if (!invalid) {
            t_done = t_arr + s.rng.range(45, 180) * us_minute;
            s.emit(t_done, a_installation_completed, wo);
            break;
        }
        // Wrong job: aborted, the order goes back to the back office, which amends it
        // and books a new visit (the ping-pong of the founding story).
        aborted = true;
        t.pingpong = true;
        t.reask = true;
        const Timestamp t_abort = t_arr + s.rng.range(15, 45) * us_minute;
        s.emit(t_abort, a_installation_aborted, wo).abort_reason = r_order_error;
        const Timestamp t_ret = t_abort + s.rng.range(5, 60) * us_minute;
        s.emit(t_ret, a_order_returned).abort_reason = r_order_error;
        const Timestamp t_amend = s.work_time(t_ret, s.rng.range(1, 3));
        s.emit(t_amend, a_order_amended);
        invalid = false;
        if (s.rng.bernoulli(T.abort_contact)) {
            s.push(s.contact_time(t_abort + s.rng.range(2, 48) * us_hour), r_order_status, k_plain);
        }
        appt = s.m.cal.add_working_days(
            day_of(t_amend), s.rng.range(T.reappointment_min_wd, T.reappointment_max_wd));
        wo = book(t_amend + s.rng.range(11, 60) * us_minute);
    }
    if (t_done == 0) {
        // Six failed visits in a row (only with extreme parameters): the last booked
        // visit completes.
        t_done = Sim::at(appt, 12 * 3600);
        s.emit(t_done, a_installation_completed, wo);
    }

    // ---- activation (activate) ----
    Timestamp t_act = 0;
    const bool fail = s.rng.bernoulli(T.activation_failure);
    if (!fail) {
        t_act = s.seconds_task(t_done, t_activate);
    } else {
        // The profile does not match the order: the service comes up the next
        // working day, after the customer has called.
        t.defects |= activation_failure_bit;
        s.push(s.contact_time(t_done + s.rng.range(2, 24) * us_hour), r_activation_fault, k_plain);
        t_act = s.work_time(t_done, s.rng.range(1, 2));
    }
    const Day live = day_of(t_act);
    const std::int64_t late_days = live - promised;
    {
        SimEvent& e = s.emit(t_act, a_service_activated);
        if (late_days > 0) {
            e.amount_cents = money(T.compensation_per_day * static_cast<double>(late_days));
        }
    }
    if (port) {
        s.emit(t_act + s.rng.range(1, 6) * us_hour, a_port_completed).port_on_date =
            !fail && s.rng.bernoulli(0.95) ? 1 : 0;
    }
    s.emit(t_act + s.rng.range(1, 30) * us_minute, a_welcome_sent);

    Pending p;
    while (s.pop(p)) {
        contact(p);
    }

    // ---- outcomes ----
    const OutcomeParams& o = sc.outcomes;
    t.end = t_act;
    t.j[0] = late_days <= 0 ? 1 : 0;
    t.j[1] = t.fd_contacts <= o.fd_max ? 1 : 0;
    t.j[2] = aborted || missed_any ? 0 : 1;
    t.j[3] = t.complaint ? 0 : 1;
    t.j[4] = 1;
    t.red = !(t.j[0] && t.j[1] && t.j[2] && t.j[3]) || fail;
    if (s.rng.bernoulli(T.survey_response)) {
        double x = 0;
        if (aborted || missed_any) {
            x = s.rng.normal(T.score_abort_mean, T.score_abort_sd);
        } else if (t.red) {
            x = s.rng.normal(T.score_other_mean, T.score_other_sd);
        } else {
            x = s.rng.normal(T.score_rft_mean, T.score_rft_sd);
        }
        t.score = clamp_score(x);
        t.j[5] = t.score >= 7 ? 1 : 0;
        s.emit(t_act + s.rng.range(20, 40) * us_day + s.rng.range(8 * 3600, 21 * 3600) * us_second,
               a_survey_answered)
            .journey_score = t.score;
        if (o.red_includes_j6 && t.j[5] == 0) {
            t.red = true;
        }
    }
    const double pc = logistic(o.churn_intercept + (t.red ? o.churn_red : 0.0) +
                               (t.complaint ? o.churn_complaint : 0.0));
    t.churn = s.rng.bernoulli(pc);
    if (t.churn) {
        s.emit(s.work_time(t_act + s.rng.range(7, 90) * us_day, 0), a_contract_terminated, 1);
    }
}

void Telco::contact(const Pending& p) {
    const PropagationParams& P = sc.propagation;
    const std::uint16_t c = s.new_object(o_contact);
    const std::int32_t wait = s.cc_wait();
    const std::int32_t handle = s.handle_time();
    const Timestamp t_ans = p.time + wait * us_second;
    SimEvent& e = s.emit(t_ans, a_customer_call, c);
    e.reason = p.reason;
    e.wait_s = wait;
    e.handle_s = handle;
    const bool resolved = s.rng.bernoulli(P.resolved);
    e.disposition = resolved ? attr::disp_resolved : attr::disp_unresolved;
    ++t.contacts;
    ++t.fd_contacts;
    if (resolved) {
        ++t.resolved_contacts;
    }
    const Timestamp t_end = t_ans + handle * us_second;
    if (!t.complaint) {
        double pc = 0;
        if (t.fd_contacts == 1) {
            pc += P.complaint_base;
        }
        if (t.fd_contacts == 2) {
            pc += P.complaint_two_fd;
        }
        if (pc > 0 && s.rng.bernoulli(std::min(1.0, pc))) {
            t.complaint = true;
            s.emit(t_end - s.rng.range(10, 60) * us_second, a_complaint_logged, c).reason =
                p.reason;
        }
    }
    if (s.rng.bernoulli(P.repeat_contact)) {
        const double days = s.rng.exponential(sc.delays.repeat_mean_days);
        s.push(s.contact_time(t_end + static_cast<Timestamp>(days * static_cast<double>(us_day))),
               p.reason, k_plain);
    }
}

} // namespace

void simulate_telco(Sim& s) {
    Telco tc{s, s.sc, s.m.telco, s.t};
    tc.run();
}

} // namespace journey::sim::detail
