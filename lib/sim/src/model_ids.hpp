#pragma once
// Indices into the built-in catalogues (catalogue.cpp builds the tables in
// exactly this order; the generators refer to entries by these names). The names
// follow the example specs examples/move-house/move-house.journey and
// examples/telco-install/install.journey, so that every simulated event binds.

#include <cstdint>

namespace journey::sim::detail {

// Channels, shared by both processes.
enum Ch : std::uint8_t {
    ch_internal,
    ch_phone,
    ch_chat,
    ch_web,
    ch_app,
    ch_email,
    ch_sms,
    ch_letter,
    ch_b2b,
    ch_field,
    ch_remote,
    ch_bank,
    ch_store,
    ch_count
};

namespace mh {

enum Dept : std::uint8_t {
    d_cs,
    d_dig,
    d_sal,
    d_mimo,
    d_met,
    d_mkt,
    d_dso,
    d_bil,
    d_pay,
    d_crc,
    d_com,
    d_mkg,
    d_cmp,
    d_cxi,
    d_count
};

// Touchpoint indices T01..T19 -> 0..18.
enum Tp : std::uint8_t {
    t01,
    t02,
    t03,
    t04,
    t05,
    t06,
    t07,
    t08,
    t09,
    t10,
    t11,
    t12,
    t13,
    t14,
    t15,
    t16,
    t17,
    t18,
    t19,
    t_count
};

enum Obj : std::uint8_t {
    o_contact,
    o_move_case,
    o_meter_read,
    o_bill,
    o_registration,
    o_service_order,
    o_complaint,
    o_account,
    o_mandate,
    o_message,
    o_count
};

enum Act : std::uint16_t {
    a_call_answered,
    a_chat_started,
    a_call_transferred,
    a_move_form_submitted,
    a_case_created,
    a_quote_issued,
    a_message_sent,
    a_move_out_received,
    a_move_out_returned,
    a_customer_reasked,
    a_case_resubmitted,
    a_move_out_created,
    a_read_requested,
    a_customer_read_submitted,
    a_special_read_ordered,
    a_field_no_access,
    a_read_received,
    a_read_estimated,
    a_final_bill_issued,
    a_refund_paid,
    a_final_payment_received,
    a_dunning_raised,
    a_dd_failed,
    a_reminder_sent,
    a_collections_call,
    a_move_in_received,
    a_contract_created,
    a_registration_sent,
    a_registration_rejected,
    a_registration_accepted,
    a_energisation_raised,
    a_energisation_completed,
    a_mandate_transferred,
    a_advance_notice_sent,
    a_account_linked,
    a_bill_run_scheduled,
    a_bill_block_raised,
    a_bill_block_released,
    a_first_bill_issued,
    a_trueup_bill_issued,
    a_dispute_raised,
    a_investigation_completed,
    a_investigation_returned,
    a_bill_cancelled,
    a_rebill_issued,
    a_complaint_logged,
    a_complaint_acknowledged,
    a_complaint_resolved,
    a_goodwill_credit,
    a_contact_survey,
    a_journey_survey,
    a_loss_notification,
    a_count
};

enum Reason : std::uint8_t {
    r_none,
    r_move,
    r_status_chase,
    r_contradictory_message,
    r_occupier_letter,
    r_missing_bill,
    r_bill_dispute,
    r_high_bill,
    r_payment_failed,
    r_collections,
    r_no_power,
    r_count
};

enum Template : std::uint8_t {
    tpl_none,
    tpl_move_ack,
    tpl_move_out_confirm,
    tpl_welcome,
    tpl_winback
};

} // namespace mh

namespace tc {

enum Dept : std::uint8_t {
    d_sales,
    d_back_office,
    d_scheduling,
    d_field,
    d_network,
    d_comms,
    d_contact_centre,
    d_count
};

enum Tp : std::uint8_t { t_sign_up, t_validate, t_appointment, t_install, t_activate, t_count };

enum Obj : std::uint8_t { o_order, o_work_order, o_contact, o_account, o_count };

enum Act : std::uint16_t {
    a_order_created,
    a_contract_signed,
    a_order_validated,
    a_work_order_created,
    a_order_forwarded,
    a_appointment_booked,
    a_appointment_rebooked,
    a_confirmation_sent,
    a_engineer_dispatched,
    a_engineer_arrived,
    a_installation_completed,
    a_installation_aborted,
    a_order_returned,
    a_order_amended,
    a_service_activated,
    a_port_completed,
    a_welcome_sent,
    a_customer_call,
    a_complaint_logged,
    a_survey_answered,
    a_contract_terminated,
    a_count
};

enum Reason : std::uint8_t {
    r_none,
    r_order_status,
    r_missed_appointment,
    r_activation_fault,
    r_order_error,
    r_count
};

} // namespace tc

} // namespace journey::sim::detail
