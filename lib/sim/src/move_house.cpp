// The move-house journey (domain §1, §5): per-journey context, one sub-process
// per work object, the reaction queue of customer contacts, and the outcomes.
// Activity names and attributes follow examples/move-house/move-house.journey.
// The draw order is part of the output: change it only with generator_version.

#include <algorithm>
#include <cmath>

#include "engine.hpp"

namespace journey::sim::detail {

namespace {

using namespace mh;

// Follow-up of a contact.
enum Kind : std::uint8_t {
    k_plain,       // a question; nothing further
    k_date_change, // the customer reports a new move date
    k_dispute,     // the customer disputes a bill (ref = bill number)
    k_collections, // after collections on a final bill sent to the old address
};

constexpr std::int16_t final_bill = 1; // bill object numbers
constexpr std::int16_t first_bill = 2;
constexpr std::uint16_t old_account = 1; // payments and dunning post to accounts
constexpr std::uint16_t new_account = 2;
constexpr std::uint16_t duplicate_account = 3; // D2

constexpr std::uint32_t bit(int defect) {
    return 1u << (defect - 1);
} // D1 -> bit 0
constexpr std::uint32_t energisation_late_bit = 1u << 12;
constexpr std::uint32_t orphan_bit = 1u << 13;

struct MoveHouse {
    Sim& s;
    const Scenario& sc;
    const DefectParams& D;
    const PropagationParams& P;
    JourneyTruth& t;

    // context
    std::uint8_t channel = ch_phone;
    bool assisted = true;
    bool digital = false;
    Timestamp t0 = 0;
    Day declared = 0, actual = 0;
    bool slip = false, slip_reported = false;
    std::uint8_t meter_old = 0, meter_new = 0;
    std::uint8_t payment = attr::pay_direct_debit;
    std::uint8_t region = 1;
    bool other_supplier = false, deenergised = false, refund = false;
    std::uint8_t tariff_quoted = 1, tariff_billed = 1;

    // state shared between sub-processes
    Timestamp t_case = 0;
    bool d2 = false, d4 = false, d8 = false, d9 = false;
    Day supply_day = 0;
    Timestamp end = 0;
    bool end_pending = false; // the first bill is disputed: its good rebill is the end

    void run();
    void intake();
    void contact(const Pending& p);
    void dispute(Timestamp after, std::int16_t bill, std::uint16_t bil_agent);
    void complaint(Timestamp after);
    void outcomes();

    std::uint8_t pick_meter() {
        const double w[3] = {sc.context.meter_smart, sc.context.meter_smart_noncomm,
                             sc.context.meter_legacy};
        return static_cast<std::uint8_t>(s.rng.choose(w) + 1);
    }
    std::int64_t money(double lo, double hi) {
        return static_cast<std::int64_t>(std::llround(s.rng.uniform(lo, hi) * 100));
    }
    // When the customer sees an output sent at `sent` on `ch`.
    Timestamp seen(Timestamp sent, std::uint8_t ch) {
        return ch == ch_letter ? s.letter(sent) : sent;
    }
    std::uint8_t out_channel() const { return digital ? ch_email : ch_letter; }
    // An automated customer message of the communications platform.
    SimEvent& message(Timestamp time, std::uint8_t tpl, int touchpoint) {
        SimEvent& e = s.emit(time, a_message_sent, s.new_object(o_message));
        e.template_id = tpl;
        e.touchpoint = static_cast<std::uint8_t>(touchpoint < 0 ? 0 : touchpoint + 1);
        e.channel = out_channel();
        return e;
    }
    static void read_attrs(SimEvent& e, std::uint8_t reason, Day day) {
        e.read_reason = reason;
        e.read_date = static_cast<std::int32_t>(day);
        e.touchpoint = static_cast<std::uint8_t>((reason == attr::reason_move_out ? t05 : t11) + 1);
    }
};

void MoveHouse::run() {
    // ---- context (domain §5.2) ----
    const double cw[4] = {sc.context.channel_phone, sc.context.channel_web, sc.context.channel_app,
                          sc.context.channel_chat};
    static constexpr std::uint8_t channels[4] = {ch_phone, ch_web, ch_app, ch_chat};
    channel = channels[s.rng.choose(cw)];
    assisted = channel == ch_phone || channel == ch_chat;
    t0 = s.arrival(assisted);
    const double lw[3] = {sc.context.lead_already_moved, sc.context.lead_short,
                          sc.context.lead_long};
    const std::size_t lead_kind = s.rng.choose(lw);
    std::int64_t lead = 0;
    if (lead_kind == 0) {
        lead = -s.rng.range(1, sc.context.lead_already_moved_max_days);
    } else if (lead_kind == 1) {
        lead = s.rng.range(1, sc.context.lead_short_max_days);
    } else {
        lead = s.rng.range(sc.context.lead_short_max_days + 1, sc.context.lead_long_max_days);
    }
    declared = day_of(t0) + lead;
    actual = declared;
    slip = lead > 0 && s.rng.bernoulli(s.m.slip);
    if (slip) {
        std::int64_t shift = s.rng.range(1, sc.context.slip_max_days);
        if (s.rng.bernoulli(0.5)) {
            shift = -shift;
        }
        actual = std::max(declared + shift, day_of(t0) + 1);
        if (actual == declared) {
            actual = declared + 1;
        }
        slip_reported = s.rng.bernoulli(sc.context.slip_reported);
        t.defects |= bit(1);
    }
    meter_old = pick_meter();
    meter_new = pick_meter();
    const double pw[3] = {sc.context.pay_dd, sc.context.pay_receipt, sc.context.pay_prepay};
    payment = static_cast<std::uint8_t>(s.rng.choose(pw) + 1);
    region = static_cast<std::uint8_t>(s.rng.range(1, attr::region_count));
    other_supplier = s.rng.bernoulli(sc.context.other_supplier);
    deenergised = s.rng.bernoulli(sc.context.deenergised);
    digital = !assisted || s.rng.bernoulli(sc.context.digital_account);
    refund = s.rng.bernoulli(sc.context.refund_share);
    tariff_quoted = static_cast<std::uint8_t>(s.rng.range(1, attr::tariff_count));
    tariff_billed = tariff_quoted;

    t.channel = channel;
    t.start = t0;
    t.move_declared = static_cast<std::int32_t>(declared);
    t.move_actual = static_cast<std::int32_t>(actual);
    t.variant = s.m.cat->channels[channel];
    if (other_supplier) {
        t.variant += "+registration";
    }
    if (deenergised) {
        t.variant += "+energisation";
    }

    intake();

    // ---- the back office receives the case; D11 returns it incomplete ----
    const Timestamp t_mo_recv = t_case + s.rng.range(5, 120) * us_second;
    if (s.draw_orphan()) {
        // The case is passed on once the intake's own work is done (after the quote)
        // and never picked up: its receipt in the back office is the last work
        // event, a handover, and nothing follows.
        Timestamp t_stall = t_mo_recv;
        for (const SimEvent& e : s.j.events) {
            if (e.activity == a_quote_issued) {
                t_stall = std::max(t_stall, e.time + (t_mo_recv - t_case));
            }
        }
        s.emit(t_stall, a_move_out_received);
        s.end_orphan(orphan_bit);
        return;
    }
    s.emit(t_mo_recv, a_move_out_received);
    Timestamp t_recv = t_mo_recv; // when the move-out clock (re)starts
    const bool d11 = s.rng.bernoulli(assisted ? D.d11_assisted : D.d11_digital);
    if (d11) {
        t.defects |= bit(11);
        t.reask = true;
        const Timestamp t_ret = s.bo_task(t_mo_recv, t04);
        s.emit(t_ret, a_move_out_returned);
        const bool by_letter = s.rng.bernoulli(0.5);
        SimEvent& ask = s.emit(t_ret + s.rng.range(10, 120) * us_minute, a_customer_reasked);
        ask.channel = by_letter ? ch_letter : ch_email;
        const Timestamp t_ask = ask.time;
        const Timestamp t_resub = s.reaction(seen(t_ask, by_letter ? ch_letter : ch_email));
        SimEvent& re = s.emit(t_resub, a_case_resubmitted);
        re.channel = channel == ch_app ? ch_app : ch_web;
        re.move_date = static_cast<std::int32_t>(declared);
        t_recv = t_resub;
    }
    const Timestamp t_mi_recv =
        d11 ? t_recv + s.rng.range(5, 120) * us_second : t_mo_recv + s.rng.range(1, 60) * us_second;
    s.emit(t_mi_recv, a_move_in_received);

    // ---- D1 reported: a date-change contact before the move ----
    Timestamp t_report = 0;
    if (slip_reported) {
        const Day first = std::min(declared, actual) - s.rng.range(1, 7);
        t_report = s.contact_time(std::max(t_case + 6 * us_hour, first * us_day));
        s.push(t_report, r_move, k_date_change);
    }
    const auto known_date = [&](Timestamp when) {
        return slip_reported && when >= t_report ? actual : declared;
    };

    // ---- move-out (T04), termination confirmation (T06, D7), win-back (D8) ----
    const Timestamp t_mo = s.bo_task(t_recv, t04);
    s.emit(t_mo, a_move_out_created).move_date = static_cast<std::int32_t>(known_date(t_mo));
    const bool d7 = s.rng.bernoulli(D.d7);
    if (!d7) {
        message(s.work_time(t_mo, s.draw_wd(t06)), tpl_move_out_confirm, t06);
    } else {
        t.defects |= bit(7);
        if (s.rng.bernoulli(P.d7_contact)) {
            s.push(s.contact_time(t_mo + s.rng.range(3, 10) * us_day), r_status_chase, k_plain);
        }
    }
    d8 = s.rng.bernoulli(D.d8);
    if (d8) {
        t.defects |= bit(8);
        const Timestamp t_wb = s.batch_at(day_of(t_mo) + s.rng.range(1, 5));
        SimEvent& wb = message(t_wb, tpl_winback, -1);
        wb.department = d_mkg;
        wb.flags |= Sim::batch_run;
        if (s.rng.bernoulli(P.d8_contact)) {
            s.push(s.reaction(t_wb), r_contradictory_message, k_plain);
        }
    }

    // ---- final read at the old premise (T05, D3) ----
    const std::uint16_t rd1 = s.new_object(o_meter_read);
    const Day read_day = slip && !slip_reported ? declared : actual;
    Timestamp t_rreq = 0;
    {
        const bool later = read_day > day_of(t_mo);
        t_rreq = later ? s.batch_at(read_day) : t_mo + s.rng.range(5, 60) * us_minute;
        SimEvent& e = later ? s.emit_batch(t_rreq, a_read_requested, rd1)
                            : s.emit(t_rreq, a_read_requested, rd1);
        read_attrs(e, attr::reason_move_out, read_day);
        e.meter_type = meter_old;
    }
    std::uint8_t read_type = attr::read_remote;
    Timestamp t_av = 0;
    if (meter_old == attr::meter_smart && !s.rng.bernoulli(D.remote_read_failure)) {
        t_av = s.batch_task(t_rreq, t05);
        SimEvent& e = s.emit_batch(t_av, a_read_received, rd1);
        read_attrs(e, attr::reason_move_out, read_day);
        e.read_type = read_type;
    } else if (s.rng.bernoulli(d7 ? D.final_read_customer_no_t06 : D.final_read_customer)) {
        read_type = attr::read_customer;
        t_av = s.bo_task(t_rreq, t05);
        SimEvent& sub =
            s.emit(t_av - s.rng.range(1, 4) * us_minute, a_customer_read_submitted, rd1);
        read_attrs(sub, attr::reason_move_out, read_day);
        sub.channel = digital ? ch_app : ch_phone;
        SimEvent& e = s.emit(t_av, a_read_received, rd1);
        read_attrs(e, attr::reason_move_out, read_day);
        e.channel = ch_internal;
        e.read_type = read_type;
    } else if (s.rng.bernoulli(P.special_read)) {
        const Timestamp t_order = t_rreq + s.rng.range(10, 120) * us_minute;
        read_attrs(s.emit(t_order, a_special_read_ordered, rd1), attr::reason_move_out, read_day);
        const Timestamp t_visit = s.bo_task(t_order, t05);
        if (s.rng.bernoulli(D.special_read_access)) {
            read_type = attr::read_actual;
            t_av = t_visit;
            SimEvent& e = s.emit(t_av, a_read_received, rd1);
            read_attrs(e, attr::reason_move_out, read_day);
            e.department = d_dso;
            e.actor = Actor::external;
            e.resource = s.agent(d_dso);
            e.channel = ch_field;
            e.read_type = read_type;
        } else {
            read_type = attr::read_estimated;
            read_attrs(s.emit(t_visit, a_field_no_access, rd1), attr::reason_move_out, read_day);
            t_av = t_visit + s.rng.range(30, 120) * us_minute;
            SimEvent& e = s.emit(t_av, a_read_estimated, rd1);
            read_attrs(e, attr::reason_move_out, read_day);
            e.read_type = read_type;
        }
    } else {
        read_type = attr::read_estimated;
        t_av = s.batch_task(t_rreq, t05);
        SimEvent& e = s.emit_batch(t_av, a_read_estimated, rd1);
        read_attrs(e, attr::reason_move_out, read_day);
        e.read_type = read_type;
    }
    const bool d3 = read_type == attr::read_estimated;
    if (d3) {
        t.defects |= bit(3);
    }

    // ---- final bill (T07, D12) and settlement (T08, T18) ----
    const std::uint16_t bl1 = s.new_object(o_bill); // == final_bill
    const Timestamp t_fb = s.batch_task(t_av, t07);
    const double p12 = std::min(1.0, D.d12 * (d11 ? P.d12_after_d11_factor : 1.0));
    const bool d12 = s.rng.bernoulli(p12);
    if (d12) {
        t.defects |= bit(12);
    }
    {
        SimEvent& e = s.emit_batch(t_fb, a_final_bill_issued, bl1);
        e.read_type = read_type;
        e.read_date = static_cast<std::int32_t>(read_day);
        e.premise = attr::premise_old;
        e.balance_cents = refund ? -money(10, 150) : money(20, 400);
        e.sent_to = d12       ? attr::sent_old_address
                    : digital ? attr::sent_email
                              : attr::sent_new_address;
        e.channel = d12 || !digital ? ch_letter : ch_email;
    }
    if (d12 && !refund) {
        // Unpaid because the customer never saw it: dunning, reminder, collections call.
        const Timestamp t_dun = s.batch_at(day_of(t_fb) + sc.delays.payment_terms_days);
        s.emit_batch(t_dun, a_dunning_raised, old_account);
        const Timestamp t_rem = s.batch_at(day_of(t_dun) + s.rng.range(1, 5));
        s.emit_batch(t_rem, a_reminder_sent, old_account).sent_to = attr::sent_old_address;
        const Timestamp t_call = s.work_time(t_rem + sc.delays.collections_call_days * us_day, 0);
        s.emit(t_call, a_collections_call, old_account);
        t.wrongful_dunning = true;
        if (s.rng.bernoulli(P.collections_contact)) {
            s.push(s.reaction(t_call), r_collections, k_collections, final_bill);
        } else {
            SimEvent& pr = s.emit_batch(s.batch_at(day_of(t_call) + s.rng.range(5, 20)),
                                        a_final_payment_received, old_account);
            pr.payment_method = attr::pay_on_receipt;
        }
    } else if (refund) {
        s.emit(s.bo_task(t_fb, t08), a_refund_paid, old_account).amount_cents = money(10, 150);
    } else if (payment == attr::pay_direct_debit) {
        s.emit_batch(s.batch_at(day_of(t_fb) + sc.delays.dd_collection_days),
                     a_final_payment_received, old_account)
            .payment_method = payment;
    } else {
        s.emit_batch(s.batch_at(day_of(t_fb) + s.rng.range(3, sc.delays.payment_terms_days - 1)),
                     a_final_payment_received, old_account)
            .payment_method = attr::pay_on_receipt;
    }
    {
        const bool wrong_date = slip && !slip_reported;
        const double p1 = d3 ? P.dispute_estimated_final : 0.0;
        const double p2 = wrong_date ? P.dispute_wrong_date : 0.0;
        const double p = 1.0 - (1.0 - p1) * (1.0 - p2);
        if (!d12 && p > 0 && s.rng.bernoulli(p)) {
            s.push(s.reaction(seen(t_fb, digital ? ch_email : ch_letter)), r_bill_dispute,
                   k_dispute, final_bill);
        }
    }

    // ---- contract at the new premise (T09, D2) ----
    const Timestamp t_mi = s.bo_task(t_mi_recv, t09);
    {
        SimEvent& e = s.emit(t_mi, a_contract_created);
        e.move_date = static_cast<std::int32_t>(known_date(t_mi));
        e.tariff = tariff_quoted;
    }
    d2 = s.rng.bernoulli(D.d2);
    Timestamp t_mi2 = 0;
    if (d2) {
        // The duplicate opens a second new account: its documents name that account.
        t.defects |= bit(2);
        t_mi2 = t_mi + s.rng.range(60, 180) * us_second;
        SimEvent& e = s.emit(t_mi2, a_contract_created, duplicate_account);
        e.object_type = o_account;
        e.move_date = static_cast<std::int32_t>(known_date(t_mi));
        e.tariff = tariff_quoted;
    }

    // ---- registration (T10, D9) ----
    supply_day = actual;
    if (other_supplier) {
        const Timestamp t_rs = s.batch_at(day_of(t_mi) + 1);
        s.emit_batch(t_rs, a_registration_sent);
        Timestamp start = t_rs;
        d9 = s.rng.bernoulli(D.d9);
        if (d9) {
            t.defects |= bit(9);
            const Timestamp t_rej = s.batch_at(day_of(t_rs) + s.rng.range(1, 2));
            s.emit_batch(t_rej, a_registration_rejected);
            const Timestamp t_resend = s.work_time(t_rej, P.d9_resend_wd);
            SimEvent& rs = s.emit(t_resend, a_registration_sent);
            rs.actor = Actor::agent;
            rs.resource = s.agent(d_mkt);
            start = t_resend;
            if (s.rng.bernoulli(P.d9_contact)) {
                const Day letter_day = std::max(actual, day_of(t_rej)) + s.rng.range(5, 15);
                s.push(s.contact_time(letter_day * us_day + 8 * us_hour), r_occupier_letter,
                       k_plain);
            }
        }
        const Timestamp t_acc = s.batch_task(start, t10);
        s.emit_batch(t_acc, a_registration_accepted);
        supply_day = std::max(actual, day_of(t_acc));
    }

    // ---- energisation and opening read at the new premise (T11, D4) ----
    Timestamp t_oreq_min = 0;
    if (deenergised) {
        const std::uint16_t so = s.new_object(o_service_order);
        const Timestamp t_er = t_mi + s.rng.range(10, 90) * us_minute;
        s.emit(t_er, a_energisation_raised, so);
        const bool late = s.rng.bernoulli(D.energisation_late);
        Day e_day = std::max(supply_day, day_of(t_er) + 1);
        if (late) {
            t.defects |= energisation_late_bit;
            e_day += s.rng.range(1, 3);
            if (s.rng.bernoulli(P.no_power_contact)) {
                s.push(s.contact_time(supply_day * us_day +
                                      s.rng.range(17 * 3600, 19 * 3600) * us_second),
                       r_no_power, k_plain);
            }
        }
        const Timestamp t_en = Sim::at(e_day, s.rng.range(8 * 3600, 23 * 3600 + 59 * 60));
        s.emit(t_en, a_energisation_completed, so);
        t_oreq_min = t_en + s.rng.range(10, 60) * us_minute;
    }
    const std::uint16_t rd2 = s.new_object(o_meter_read);
    Timestamp t_oreq =
        supply_day > day_of(t_mi) ? s.batch_at(supply_day) : t_mi + s.rng.range(5, 60) * us_minute;
    const bool oreq_batch = supply_day > day_of(t_mi) && t_oreq >= t_oreq_min;
    t_oreq = std::max(t_oreq, t_oreq_min);
    {
        SimEvent& e = oreq_batch ? s.emit_batch(t_oreq, a_read_requested, rd2)
                                 : s.emit(t_oreq, a_read_requested, rd2);
        read_attrs(e, attr::reason_move_in, supply_day);
        e.meter_type = meter_new;
    }
    std::uint8_t opening_type = attr::read_remote;
    Timestamp t_oav = 0;
    if (meter_new == attr::meter_smart && !s.rng.bernoulli(D.remote_read_failure)) {
        t_oav = s.batch_task(t_oreq, t11);
        SimEvent& e = s.emit_batch(t_oav, a_read_received, rd2);
        read_attrs(e, attr::reason_move_in, supply_day);
        e.read_type = opening_type;
    } else if (s.rng.bernoulli(D.opening_read_customer)) {
        opening_type = attr::read_customer;
        t_oav = s.bo_task(t_oreq, t11);
        SimEvent& sub =
            s.emit(t_oav - s.rng.range(1, 4) * us_minute, a_customer_read_submitted, rd2);
        read_attrs(sub, attr::reason_move_in, supply_day);
        sub.channel = digital ? ch_app : ch_phone;
        SimEvent& e = s.emit(t_oav, a_read_received, rd2);
        read_attrs(e, attr::reason_move_in, supply_day);
        e.channel = ch_internal;
        e.read_type = opening_type;
    } else {
        opening_type = attr::read_estimated;
        d4 = true;
        t.defects |= bit(4);
        t_oav = s.batch_task(t_oreq, t11);
        SimEvent& e = s.emit_batch(t_oav, a_read_estimated, rd2);
        read_attrs(e, attr::reason_move_in, supply_day);
        e.read_type = opening_type;
    }

    // ---- payment method (T12, D5), welcome (T13, D6), digital account (T14) ----
    bool d5 = false;
    if (payment == attr::pay_direct_debit) {
        d5 = s.rng.bernoulli(D.d5);
        if (!d5) {
            const Timestamp t_dd = s.bo_task(t_mi, t12);
            s.emit(t_dd, a_mandate_transferred).payment_method = payment;
            s.emit(t_dd + s.rng.range(1, 3) * us_hour, a_advance_notice_sent).channel =
                out_channel();
        } else {
            t.defects |= bit(5);
        }
    }
    const bool d6 = s.rng.bernoulli(D.d6);
    if (d6) {
        t.defects |= bit(6);
        tariff_billed = static_cast<std::uint8_t>(tariff_quoted % attr::tariff_count + 1);
    }
    {
        SimEvent& w = message(s.bo_task(t_mi, t13), tpl_welcome, t13);
        w.tariff = tariff_quoted;
        w.sent_to = digital ? attr::sent_email : attr::sent_new_address;
        if (d2) {
            SimEvent& w2 = message(s.bo_task(t_mi2, t13), tpl_welcome, t13);
            w2.tariff = tariff_quoted;
            w2.sent_to = digital ? attr::sent_email : attr::sent_new_address;
        }
    }
    if (digital) {
        s.emit(s.seconds_task(t_mi, t14), a_account_linked).channel =
            channel == ch_app ? ch_app : ch_web;
    }

    // ---- first bill at the new premise (T15, D10, D4 true-up) ----
    const std::uint16_t bl2 = s.new_object(o_bill); // == first_bill
    const Day due = std::max(
        {supply_day + s.rng.range(sc.delays.bill_cycle_min_days, sc.delays.bill_cycle_max_days),
         day_of(t_mi) + 1, day_of(t_oav) + 1});
    const Timestamp t_run = s.batch_at(due);
    s.emit_batch(t_run, a_bill_run_scheduled, bl2);
    const double p_block = std::min(1.0, D.d10 + (d2 ? P.d2_block : 0.0) + (d9 ? P.d9_block : 0.0));
    Timestamp start15 = t_run;
    const bool block = s.rng.bernoulli(p_block);
    if (block) {
        t.defects |= bit(10);
        s.emit_batch(t_run + s.rng.range(1, 30) * us_minute, a_bill_block_raised, bl2);
        const double days =
            sc.delays.d10_release_days * std::exp(s.rng.normal(0.0, sc.delays.d10_release_sigma)) +
            sc.delays.d10_release_min_days;
        const Timestamp t_rel =
            s.work_time(t_run + static_cast<Timestamp>(days * static_cast<double>(us_day)), 0);
        s.emit(t_rel, a_bill_block_released, bl2);
        start15 = t_rel;
    }
    const Timestamp t_fb2 = s.batch_task(start15, t15);
    {
        SimEvent& e = s.emit_batch(t_fb2, a_first_bill_issued, bl2);
        e.read_type = opening_type;
        e.premise = attr::premise_new;
        e.tariff = tariff_billed;
        e.amount_cents = money(40, 250);
        e.sent_to = digital ? attr::sent_email : attr::sent_new_address;
        e.channel = out_channel();
    }
    if (block && s.rng.bernoulli(P.d10_contact)) {
        const Timestamp when = s.reaction(t_run + s.rng.range(5, 10) * us_day);
        if (when < t_fb2) {
            s.push(when, r_missing_bill, k_plain);
        }
    }
    end = t_fb2;
    {
        const double p = 1.0 - (1.0 - (d2 ? P.d2_dispute : 0.0)) *
                                   (1.0 - (d6 ? P.d6_dispute : 0.0)) *
                                   (1.0 - (d4 ? P.d4_dispute : 0.0));
        if (p > 0 && s.rng.bernoulli(p)) {
            end_pending = true;
            s.push(s.reaction(seen(t_fb2, out_channel())),
                   d4 && !d2 && !d6 ? r_high_bill : r_bill_dispute, k_dispute, first_bill);
        } else if (d4) {
            // Trued up with an actual read one or two cycles later.
            const std::int64_t cycles = s.rng.bernoulli(P.d4_trueup_one_cycle) ? 1 : 2;
            const std::uint16_t bl3 = s.new_object(o_bill);
            const Timestamp t_run3 = s.batch_at(due + 30 * cycles);
            s.emit_batch(t_run3, a_bill_run_scheduled, bl3);
            const Timestamp t_b3 = s.batch_task(t_run3, t15);
            SimEvent& b = s.emit_batch(t_b3, a_trueup_bill_issued, bl3);
            b.read_type = meter_new == attr::meter_smart ? attr::read_remote : attr::read_customer;
            b.premise = attr::premise_new;
            b.tariff = tariff_billed;
            b.amount_cents = money(40, 250);
            b.channel = out_channel();
            end = t_b3;
        }
    }
    if (d5) {
        // The failed collection is sorted out in the contact (card payment, new
        // mandate on the customer's own initiative): D5 stays invisible to T12's clock.
        const Timestamp t_col = s.batch_at(day_of(t_fb2) + sc.delays.dd_collection_days);
        s.emit_batch(t_col, a_dd_failed, new_account).payment_method = payment;
        const Timestamp t_rem = s.days_task(t_col, t18, true);
        s.emit_batch(t_rem, a_reminder_sent, new_account).sent_to =
            digital ? attr::sent_email : attr::sent_new_address;
        t.wrongful_dunning = true;
        if (s.rng.bernoulli(P.d5_contact)) {
            s.push(s.reaction(s.letter(t_rem)), r_payment_failed, k_plain, first_bill);
        } else {
            const Timestamp t_call =
                s.work_time(t_rem + sc.delays.collections_call_days * us_day, 0);
            s.emit(t_call, a_collections_call, new_account);
            if (s.rng.bernoulli(P.collections_contact)) {
                s.push(s.reaction(t_call), r_collections, k_plain, first_bill);
            }
        }
    }

    // ---- customer contacts, in time order ----
    Pending p;
    while (s.pop(p)) {
        contact(p);
    }
    outcomes();
}

void MoveHouse::intake() {
    if (assisted) {
        const std::uint16_t c = s.new_object(o_contact);
        const std::int32_t wait = s.cc_wait();
        const std::int32_t handle = s.handle_time();
        const Timestamp t_ans = t0 + wait * us_second;
        SimEvent& e = s.emit(t_ans, channel == ch_phone ? a_call_answered : a_chat_started, c);
        const std::uint16_t agent = e.resource;
        e.reason = r_move;
        e.wait_s = wait;
        e.handle_s = handle;
        e.move_date = static_cast<std::int32_t>(declared);
        e.meter_type = meter_old;
        e.payment_method = payment;
        e.region = region;
        const bool resolved = s.rng.bernoulli(P.resolved);
        e.disposition = resolved ? attr::disp_resolved : attr::disp_unresolved;
        ++t.contacts;
        if (resolved) {
            ++t.resolved_contacts;
        }
        t_case = t_ans + static_cast<Timestamp>(handle) * us_second * 35 / 100;
        SimEvent& cc = s.emit(t_case, a_case_created);
        cc.resource = agent;
        cc.channel = channel;
        cc.move_date = static_cast<std::int32_t>(declared);
        if (!s.rng.bernoulli(sc.context.quote_deferred)) {
            SimEvent& q = s.emit(t_ans + static_cast<Timestamp>(handle) * us_second * 70 / 100,
                                 a_quote_issued);
            q.channel = channel;
            q.tariff = tariff_quoted;
        } else {
            SimEvent& q = s.emit(s.bo_task(t_case, t02), a_quote_issued);
            q.channel = ch_email;
            q.tariff = tariff_quoted;
        }
        if (s.rng.bernoulli(sc.outcomes.contact_survey)) {
            SimEvent& sv = s.emit(t_ans + handle * us_second + s.rng.range(1, 60) * us_minute,
                                  a_contact_survey, c);
            sv.csat = clamp_score(
                s.rng.normal(sc.outcomes.contact_csat_mean, sc.outcomes.contact_csat_sd));
        }
    } else {
        SimEvent& f = s.emit(t0, a_move_form_submitted);
        f.channel = channel;
        f.move_date = static_cast<std::int32_t>(declared);
        f.meter_type = meter_old;
        f.payment_method = payment;
        f.region = region;
        t_case = t0 + s.rng.range(2, 30) * us_second;
        SimEvent& cc = s.emit(t_case, a_case_created);
        cc.department = d_dig;
        cc.actor = Actor::system;
        cc.resource = 0;
        cc.channel = channel;
        cc.move_date = static_cast<std::int32_t>(declared);
        SimEvent& q = s.emit(t_case + s.rng.range(5, 60) * us_second, a_quote_issued);
        q.actor = Actor::system;
        q.resource = 0;
        q.channel = channel;
        q.tariff = tariff_quoted;
    }
    SimEvent& ack = message(s.seconds_task(t_case, t03), tpl_move_ack, t03);
    ack.channel = channel == ch_phone ? ch_sms : ch_email;
}

void MoveHouse::contact(const Pending& p) {
    const bool fd = !s.is_value_reason(p.reason);
    const bool chat = s.rng.bernoulli(0.15);
    const std::uint16_t c = s.new_object(o_contact);
    const std::int32_t wait = s.cc_wait();
    const std::int32_t handle = s.handle_time();
    const Timestamp t_ans = p.time + wait * us_second;
    const std::uint16_t act = chat ? a_chat_started : a_call_answered;
    SimEvent& e = s.emit(t_ans, act, c);
    const std::uint16_t cs_agent = e.resource;
    e.touchpoint = static_cast<std::uint8_t>((fd ? t16 : t01) + 1);
    e.reason = p.reason;
    e.wait_s = wait;
    e.handle_s = handle;
    if (p.kind == k_date_change) {
        e.move_date = static_cast<std::int32_t>(actual);
    }
    const bool resolved = s.rng.bernoulli(P.resolved);
    const std::uint8_t disposition = resolved ? attr::disp_resolved : attr::disp_unresolved;
    e.disposition = disposition;
    ++t.contacts;
    if (resolved) {
        ++t.resolved_contacts;
    }
    if (fd) {
        ++t.fd_contacts;
    }
    const Timestamp t_end = t_ans + handle * us_second;
    std::uint16_t bil_agent = 0;
    if (fd && s.rng.bernoulli(p.kind == k_dispute ? P.transfer_dispute : P.transfer)) {
        ++t.transfers;
        const Timestamp t_tr = t_ans + static_cast<Timestamp>(handle) * us_second * 40 / 100;
        SimEvent& tr = s.emit(t_tr, a_call_transferred, c);
        tr.resource = cs_agent;
        tr.channel = chat ? ch_chat : ch_phone;
        tr.reason = p.reason;
        std::uint8_t to = d_mimo;
        switch (p.reason) {
        case r_bill_dispute:
        case r_high_bill:
        case r_missing_bill:
            to = d_bil;
            break;
        case r_payment_failed:
        case r_collections:
            to = d_crc;
            break;
        case r_no_power:
        case r_occupier_letter:
            to = d_mkt;
            break;
        case r_contradictory_message:
            to = d_sal;
            break;
        default:
            to = d_mimo;
            break;
        }
        // The receiving department answers the same contact after its own queue.
        const std::int32_t wait2 =
            static_cast<std::int32_t>(std::llround(s.rng.exponential(sc.delays.cc_wait_mean_s)));
        SimEvent& leg = s.emit(t_tr + (wait2 + 5) * us_second, act, c);
        leg.department = to;
        leg.resource = s.agent(to);
        leg.touchpoint = t16 + 1;
        leg.reason = p.reason;
        leg.wait_s = wait2;
        leg.handle_s = s.handle_time();
        leg.disposition = disposition;
        if (to == d_bil) {
            bil_agent = leg.resource;
        }
    }
    if (s.rng.bernoulli(sc.outcomes.contact_survey)) {
        SimEvent& sv = s.emit(t_end + s.rng.range(1, 60) * us_minute, a_contact_survey, c);
        sv.csat =
            clamp_score(s.rng.normal(sc.outcomes.contact_csat_mean, sc.outcomes.contact_csat_sd));
    }
    switch (p.kind) {
    case k_dispute:
        dispute(t_end, p.ref, bil_agent);
        break;
    case k_collections:
        s.emit_batch(s.batch_at(day_of(t_end) + s.rng.range(2, 10)), a_final_payment_received,
                     old_account)
            .payment_method = attr::pay_on_receipt;
        break;
    default:
        break;
    }
    if (fd && !t.complaint) {
        double pc = 0;
        if (t.fd_contacts == 1) {
            pc += P.complaint_base;
        }
        if (t.fd_contacts == 2) {
            pc += P.complaint_two_fd;
        }
        if (p.reason == r_collections || p.reason == r_payment_failed) {
            pc += P.complaint_collections;
        }
        if (pc > 0 && s.rng.bernoulli(std::min(1.0, pc))) {
            complaint(t_end);
        }
    }
    if (fd && s.rng.bernoulli(P.repeat_contact)) {
        const double days = s.rng.exponential(sc.delays.repeat_mean_days);
        s.push(s.contact_time(t_end + static_cast<Timestamp>(days * static_cast<double>(us_day))),
               p.reason, k_plain, p.ref);
    }
}

void MoveHouse::dispute(Timestamp after, std::int16_t bill, std::uint16_t bil_agent) {
    const auto b = static_cast<std::uint16_t>(bill);
    const std::uint8_t premise = bill == final_bill ? attr::premise_old : attr::premise_new;
    SimEvent& raised = s.emit(after + s.rng.range(60, 600) * us_second, a_dispute_raised, b);
    if (bil_agent != 0) {
        raised.resource = bil_agent;
    }
    raised.premise = premise;
    Timestamp t_inv = s.work_time(raised.time, s.rng.range(1, sc.delays.investigation_max_wd));
    s.emit(t_inv, a_investigation_completed, b);
    bool bounced = false;
    for (int round = 0; round < 10 && s.rng.bernoulli(P.pingpong); ++round) {
        bounced = true;
        const Timestamp t_ret = s.work_time(t_inv, s.rng.range(1, 3));
        s.emit(t_ret, a_investigation_returned, b);
        t_inv = s.work_time(t_ret, s.rng.range(1, sc.delays.investigation_max_wd));
        s.emit(t_inv, a_investigation_completed, b);
    }
    if (bounced) {
        t.pingpong = true;
    }
    const Timestamp t_reb = s.batch_task(t_inv, t17);
    s.emit_batch(t_reb - s.rng.range(1, 5) * us_minute, a_bill_cancelled, b).premise = premise;
    SimEvent& rb = s.emit_batch(t_reb, a_rebill_issued, b);
    rb.premise = premise;
    rb.channel = out_channel();
    rb.amount_cents = money(20, 300);
    rb.read_type = bill == first_bill && d4 ? attr::read_customer : attr::read_actual;
    rb.tariff = tariff_quoted;
    ++t.rebills;
    if (s.rng.bernoulli(P.rebill_wrong)) {
        s.push(s.reaction(seen(t_reb, out_channel())), r_bill_dispute, k_dispute, bill);
    } else if (bill == first_bill && end_pending) {
        end = t_reb;
        end_pending = false;
    }
}

void MoveHouse::complaint(Timestamp after) {
    t.complaint = true;
    const std::uint16_t cp = s.new_object(o_complaint);
    const Timestamp t_log = after + s.rng.range(60, 1800) * us_second;
    s.emit(t_log, a_complaint_logged, cp);
    const std::int64_t k_ack = s.rng.bernoulli(0.97) ? s.rng.range(0, 1) : s.rng.range(2, 4);
    s.emit(s.work_time(t_log, k_ack), a_complaint_acknowledged, cp).channel = out_channel();
    const Timestamp t_res = s.days_task(t_log, t19, false);
    s.emit(t_res, a_complaint_resolved, cp).channel = out_channel();
    if (s.rng.bernoulli(0.5)) {
        s.emit(s.work_time(t_res, s.rng.range(0, 2)), a_goodwill_credit, cp).amount_cents =
            money(20, 100);
    }
}

void MoveHouse::outcomes() {
    const OutcomeParams& o = sc.outcomes;
    if (end_pending) {
        // Every rebill of the first bill was wrong again (or the contact chain was
        // capped): the end is the last rebill, i.e. the latest event so far.
        for (const SimEvent& e : s.j.events) {
            end = std::max(end, e.time);
        }
    }
    t.end = end;
    const Timestamp reference = std::max(actual * us_day, t0);
    t.j[0] = end - reference <= o.promise_days * us_day ? 1 : 0;
    t.j[1] = t.fd_contacts <= o.fd_max ? 1 : 0;
    t.j[2] = t.rebills == 0 ? 1 : 0;
    t.j[3] = t.complaint ? 0 : 1;
    t.j[4] = t.wrongful_dunning ? 0 : 1;
    t.red = !(t.j[0] && t.j[1] && t.j[2] && t.j[3] && t.j[4]);
    if (s.rng.bernoulli(t.red ? o.survey_red : o.survey_green)) {
        const double fd = t.fd_contacts;
        const double x =
            o.score_base - (t.complaint ? o.score_complaint : 0.0) -
            (t.rebills > 0 ? o.score_rebill : 0.0) - (t.wrongful_dunning ? o.score_dunning : 0.0) -
            o.score_fd_each *
                std::min<double>(static_cast<double>(o.score_fd_cap), std::max(0.0, fd - 1)) -
            (fd >= 1 ? o.score_fd_any : 0.0) - (d8 ? o.score_winback : 0.0) -
            (t.j[0] ? 0.0 : o.score_late) + s.rng.normal(0.0, o.score_sd);
        t.score = clamp_score(x);
        t.j[5] = t.score >= 7 ? 1 : 0;
        SimEvent& sv =
            s.emit(end + s.rng.range(3, 21) * us_day + s.rng.range(8 * 3600, 21 * 3600) * us_second,
                   a_journey_survey);
        sv.journey_score = t.score;
        if (o.red_includes_j6 && t.j[5] == 0) {
            t.red = true;
        }
    }
    const double pc = logistic(o.churn_intercept + (t.red ? o.churn_red : 0.0) +
                               (t.complaint ? o.churn_complaint : 0.0));
    t.churn = s.rng.bernoulli(pc);
    if (t.churn) {
        s.emit_batch(s.batch_at(day_of(end) + s.rng.range(7, 90)), a_loss_notification,
                     new_account);
    }
}

} // namespace

void simulate_move_house(Sim& s) {
    MoveHouse mh{s, s.sc, s.m.def, s.sc.propagation, s.t};
    mh.run();
}

} // namespace journey::sim::detail
