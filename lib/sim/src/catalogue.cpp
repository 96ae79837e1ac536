#include <journey/sim/catalogue.hpp>

#include <array>
#include <stdexcept>

#include "model_ids.hpp"

namespace journey::sim {

namespace {

using namespace detail;
namespace af = activity_flag;

std::vector<std::string> channel_names() {
    return {"internal", "phone", "chat",  "web",    "app",           "email", "sms",
            "letter",   "b2b",   "field", "remote", "bank_transfer", "store"};
}

void add_activity(Catalogue& c, std::uint16_t expected_index, std::string name, std::uint8_t dept,
                  int touchpoint, std::uint8_t object, Actor actor, std::uint8_t channel,
                  std::uint16_t flags) {
    // The index check keeps the table in step with the enums of model_ids.hpp.
    if (c.activities.size() != expected_index) {
        throw std::logic_error("simulator catalogue out of order at " + name);
    }
    ActivityInfo a;
    a.name = std::move(name);
    a.department = dept;
    a.touchpoint = static_cast<std::uint8_t>(touchpoint < 0 ? 0 : touchpoint + 1);
    a.object_type = object;
    a.actor = actor;
    a.channel = channel;
    a.flags = flags;
    c.activities.push_back(std::move(a));
}

SlaInfo pair_sla(std::uint8_t tp, std::uint8_t start_tp, std::vector<std::uint16_t> start,
                 std::vector<std::uint16_t> stop, SlaUnit unit, double target, double ontime,
                 bool same_object, std::string text) {
    SlaInfo s;
    s.touchpoint = tp;
    s.kind = SlaInfo::Kind::pair;
    s.start = std::move(start);
    s.start_touchpoint = start_tp;
    s.stop = std::move(stop);
    s.unit = unit;
    s.target = target;
    s.ontime = ontime;
    s.same_object = same_object;
    s.text = std::move(text);
    return s;
}

SlaInfo wait_sla(std::uint8_t tp, std::vector<std::uint16_t> stop, double target_s,
                 std::string text) {
    SlaInfo s;
    s.touchpoint = tp;
    s.kind = SlaInfo::Kind::wait;
    s.stop = std::move(stop);
    s.start_touchpoint = tp;
    s.unit = SlaUnit::seconds;
    s.target = target_s;
    s.ontime = 0; // follows from the contact-centre wait model
    s.same_object = true;
    s.text = std::move(text);
    return s;
}

Catalogue build_move_house() {
    using namespace mh;
    Catalogue c;
    c.process = Process::move_house;
    c.channels = channel_names();
    c.departments = {
        {"CS", "Customer Service (contact centre)", "crm", 600, false},
        {"DIG", "Digital (web/app)", "portal", 20, false},
        {"SAL", "Sales & Retention (home-movers desk)", "crm", 80, false},
        {"MIMO", "Move-In/Move-Out back office", "cis", 60, false},
        {"MET", "Metering", "mdm", 40, false},
        {"MKT", "Market Operations / Registration", "market-gateway", 15, false},
        {"DSO", "Network operator / meter reader", "dso-b2b", 120, true},
        {"BIL", "Billing", "billing", 50, false},
        {"PAY", "Payments", "payments", 20, false},
        {"CRC", "Credit & Collections", "collections", 30, false},
        {"COM", "Customer Communications (output management)", "om", 0, false},
        {"MKG", "Marketing (campaign automation)", "campaigns", 0, false},
        {"CMP", "Complaints / Customer Resolution", "crm", 25, false},
        {"CXI", "CX Insight", "survey-tool", 0, false},
    };
    const std::array<std::pair<const char*, std::uint8_t>, t_count> tps{{
        {"Move notification", d_cs},
        {"Home-mover quote / retention offer", d_sal},
        {"Move acknowledgement", d_com},
        {"Move-out processing", d_mimo},
        {"Final meter read at the old home", d_met},
        {"Move-out confirmation", d_com},
        {"Final bill", d_bil},
        {"Final-account settlement", d_pay},
        {"New premise and contract set-up", d_mimo},
        {"Registration at the new premise", d_mkt},
        {"Energisation and opening read", d_met},
        {"Payment-method transfer", d_pay},
        {"Welcome pack", d_com},
        {"Digital account and smart-meter onboarding", d_dig},
        {"First bill at the new home", d_bil},
        {"Status-chase and query contacts", d_cs},
        {"Bill dispute, read investigation, cancel and rebill", d_bil},
        {"Collections after a missed payment", d_crc},
        {"Complaint and redress", d_cmp},
    }};
    for (std::size_t i = 0; i < tps.size(); ++i) {
        const char id[4] = {'T', static_cast<char>('0' + (i + 1) / 10),
                            static_cast<char>('0' + (i + 1) % 10), 0};
        c.touchpoints.push_back({id, tps[i].first, tps[i].second, i < t16, false});
    }
    c.object_types = {
        {"contact", "CT", true},   {"move_case", "MC", false},    {"meter_read", "RD", true},
        {"bill", "BL", true},      {"registration", "RG", false}, {"service_order", "SO", true},
        {"complaint", "CP", true}, {"account", "AC", true},       {"mandate", "DM", false},
        {"message", "MSG", true},
    };
    c.reasons = {"",
                 "move",
                 "status chase",
                 "contradictory message",
                 "occupier letter",
                 "missing bill",
                 "bill dispute",
                 "high bill",
                 "payment failed",
                 "collections",
                 "no power"};
    c.value_reasons = {r_move};
    c.attributes = {AttrField::reason,    AttrField::disposition,   AttrField::wait_s,
                    AttrField::handle_s,  AttrField::template_name, AttrField::read_reason,
                    AttrField::read_type, AttrField::read_date,     AttrField::premise,
                    AttrField::balance,   AttrField::amount,        AttrField::tariff,
                    AttrField::sent_to,   AttrField::move_date,     AttrField::journey_score,
                    AttrField::csat,      AttrField::meter_type,    AttrField::payment_method,
                    AttrField::region};

    const Actor cu = Actor::customer, ag = Actor::agent, sy = Actor::system, ex = Actor::external;
    auto A = [&c](std::uint16_t i, const char* n, std::uint8_t d, int tp, std::uint8_t o, Actor a,
                  std::uint8_t ch, std::uint16_t f) { add_activity(c, i, n, d, tp, o, a, ch, f); };
    A(a_call_answered, "Call answered", d_cs, t01, o_contact, ag, ch_phone, af::contact);
    A(a_chat_started, "Chat started", d_cs, t01, o_contact, ag, ch_chat, af::contact);
    A(a_call_transferred, "Call transferred", d_cs, t16, o_contact, ag, ch_phone, af::transfer);
    A(a_move_form_submitted, "Move form submitted", d_dig, t01, o_move_case, cu, ch_web, 0);
    A(a_case_created, "MoveRequest case created", d_cs, t01, o_move_case, ag, ch_internal, 0);
    A(a_quote_issued, "Quote issued", d_sal, t02, o_move_case, ag, ch_phone, 0);
    A(a_message_sent, "Message sent", d_com, t03, o_message, sy, ch_email,
      af::outbound | af::non_work);
    A(a_move_out_received, "Move-out case received", d_mimo, t04, o_move_case, sy, ch_internal, 0);
    A(a_move_out_returned, "Move-out case returned", d_mimo, t04, o_move_case, ag, ch_internal,
      af::return_class);
    A(a_customer_reasked, "Customer re-asked", d_mimo, t04, o_move_case, ag, ch_letter,
      af::data_request);
    A(a_case_resubmitted, "Case resubmitted", d_dig, t04, o_move_case, cu, ch_web, 0);
    A(a_move_out_created, "Move-out document created", d_mimo, t04, o_move_case, ag, ch_internal,
      0);
    A(a_read_requested, "Read requested", d_met, t05, o_meter_read, sy, ch_internal, af::batch);
    A(a_customer_read_submitted, "Customer read submitted", d_dig, t05, o_meter_read, cu, ch_app,
      0);
    A(a_special_read_ordered, "Special read ordered", d_met, t05, o_meter_read, sy, ch_b2b, 0);
    A(a_field_no_access, "Field visit no access", d_dso, t05, o_meter_read, ex, ch_field, 0);
    A(a_read_received, "Read received", d_met, t05, o_meter_read, sy, ch_remote, af::batch);
    A(a_read_estimated, "Read estimated", d_met, t05, o_meter_read, sy, ch_internal, af::batch);
    A(a_final_bill_issued, "Final bill issued", d_bil, t07, o_bill, sy, ch_email, af::batch);
    A(a_refund_paid, "Refund paid", d_pay, t08, o_account, sy, ch_bank, af::batch);
    A(a_final_payment_received, "Final payment received", d_pay, t08, o_account, sy, ch_bank,
      af::batch);
    A(a_dunning_raised, "Dunning level raised", d_crc, t18, o_account, sy, ch_internal, af::batch);
    A(a_dd_failed, "Direct Debit failed", d_pay, t18, o_account, sy, ch_bank, af::batch);
    A(a_reminder_sent, "Reminder sent", d_crc, t18, o_account, sy, ch_letter,
      af::batch | af::outbound);
    A(a_collections_call, "Collections call", d_crc, t18, o_account, ag, ch_phone, 0);
    A(a_move_in_received, "Move-in case received", d_mimo, t09, o_move_case, sy, ch_internal, 0);
    A(a_contract_created, "Contract created", d_mimo, t09, o_move_case, ag, ch_internal, 0);
    A(a_registration_sent, "Registration request sent", d_mkt, t10, o_registration, sy, ch_b2b,
      af::batch);
    A(a_registration_rejected, "Registration rejected", d_mkt, t10, o_registration, sy, ch_b2b,
      af::batch | af::return_class);
    A(a_registration_accepted, "Registration accepted", d_mkt, t10, o_registration, sy, ch_b2b,
      af::batch);
    A(a_energisation_raised, "Energisation order raised", d_mkt, t11, o_service_order, sy, ch_b2b,
      0);
    A(a_energisation_completed, "Energisation completed", d_dso, t11, o_service_order, ex, ch_field,
      0);
    A(a_mandate_transferred, "DD mandate transferred", d_pay, t12, o_mandate, sy, ch_internal, 0);
    A(a_advance_notice_sent, "DD advance notice sent", d_pay, t12, o_mandate, sy, ch_email,
      af::outbound);
    A(a_account_linked, "Online account linked", d_dig, t14, o_move_case, sy, ch_web, 0);
    A(a_bill_run_scheduled, "Bill run scheduled", d_bil, t15, o_bill, sy, ch_internal, af::batch);
    A(a_bill_block_raised, "Bill block raised", d_bil, t15, o_bill, sy, ch_internal, af::batch);
    A(a_bill_block_released, "Bill block released", d_bil, t15, o_bill, ag, ch_internal, 0);
    A(a_first_bill_issued, "First bill issued", d_bil, t15, o_bill, sy, ch_email, af::batch);
    A(a_trueup_bill_issued, "True-up bill issued", d_bil, t15, o_bill, sy, ch_email, af::batch);
    A(a_dispute_raised, "Dispute raised", d_bil, t17, o_bill, ag, ch_internal, 0);
    A(a_investigation_completed, "Investigation completed", d_met, t17, o_bill, ag, ch_internal, 0);
    A(a_investigation_returned, "Investigation returned", d_bil, t17, o_bill, ag, ch_internal,
      af::return_class);
    A(a_bill_cancelled, "Bill cancelled", d_bil, t17, o_bill, sy, ch_internal,
      af::batch | af::correction);
    A(a_rebill_issued, "Rebill issued", d_bil, t17, o_bill, sy, ch_email,
      af::batch | af::correction);
    A(a_complaint_logged, "Complaint logged", d_cmp, t19, o_complaint, ag, ch_phone, 0);
    A(a_complaint_acknowledged, "Complaint acknowledged", d_cmp, t19, o_complaint, ag, ch_letter,
      0);
    A(a_complaint_resolved, "Complaint resolved", d_cmp, t19, o_complaint, ag, ch_letter, 0);
    A(a_goodwill_credit, "Goodwill credit applied", d_cmp, t19, o_complaint, ag, ch_internal, 0);
    A(a_contact_survey, "Contact survey answered", d_cxi, -1, o_contact, cu, ch_sms,
      af::measurement | af::non_work);
    A(a_journey_survey, "Journey survey answered", d_cxi, -1, o_move_case, cu, ch_email,
      af::measurement | af::non_work);
    A(a_loss_notification, "Loss notification received", d_mkt, -1, o_account, sy, ch_b2b,
      af::batch);
    if (c.activities.size() != a_count) {
        throw std::logic_error("move-house catalogue incomplete");
    }

    const auto wd = SlaUnit::working_days;
    const auto sec = SlaUnit::seconds;
    c.slas = {
        wait_sla(t01, {a_call_answered, a_chat_started}, 60,
                 "Move-notification contacts answered within 60 s"),
        pair_sla(t02, t01, {a_case_created}, {a_quote_issued}, wd, 1, 0.97, true,
                 "Quote issued within 1 WD of the move request"),
        pair_sla(t03, t01, {a_case_created}, {a_message_sent}, sec, 3600, 0.97, false,
                 "Acknowledgement sent within 1 h of the move request"),
        pair_sla(t04, t04, {a_move_out_received, a_case_resubmitted}, {a_move_out_created}, wd, 2,
                 0.95, true, "Move-out document within 2 WD of receipt (restarts on resubmission)"),
        pair_sla(t05, t05, {a_read_requested}, {a_read_received, a_read_estimated}, wd, 2, 0.94,
                 true, "Final read available (actual or estimated) within 2 WD of the request"),
        pair_sla(t06, t04, {a_move_out_created}, {a_message_sent}, wd, 1, 0.96, false,
                 "Termination confirmation within 1 WD of the move-out document"),
        pair_sla(t07, t05, {a_read_received, a_read_estimated}, {a_final_bill_issued}, wd, 5, 0.95,
                 false, "Final bill within 5 WD of the final read"),
        pair_sla(t08, t07, {a_final_bill_issued}, {a_refund_paid}, wd, 10, 0.95, false,
                 "Credit refunded within 10 WD of the final bill"),
        pair_sla(t09, t09, {a_move_in_received}, {a_contract_created}, wd, 2, 0.95, true,
                 "Contract within 2 WD of receipt"),
        pair_sla(t10, t10, {a_registration_sent}, {a_registration_accepted}, wd, 5, 0.96, true,
                 "Registration accepted within 5 WD of the (re)sent request"),
        pair_sla(t11, t11, {a_read_requested}, {a_read_received, a_read_estimated}, wd, 2, 0.94,
                 true, "Opening read available (actual or estimated) within 2 WD of supply start"),
        pair_sla(t12, t09, {a_contract_created}, {a_mandate_transferred}, wd, 3, 0.95, false,
                 "DD mandate transferred within 3 WD of the contract"),
        pair_sla(t13, t09, {a_contract_created}, {a_message_sent}, wd, 2, 0.96, false,
                 "Welcome pack within 2 WD of the contract"),
        pair_sla(t14, t09, {a_contract_created}, {a_account_linked}, sec, 86400, 0.95, true,
                 "Online account linked within 1 day of the contract"),
        pair_sla(t15, t15, {a_bill_run_scheduled, a_bill_block_released},
                 {a_first_bill_issued, a_trueup_bill_issued}, wd, 3, 0.95, true,
                 "Bill within 3 WD of the bill run (restarts on bill-block release)"),
        wait_sla(t16, {a_call_answered, a_chat_started}, 60, "Query contacts answered within 60 s"),
        pair_sla(t17, t17, {a_investigation_completed}, {a_rebill_issued}, wd, 5, 0.93, true,
                 "Rebill within 5 WD of the completed read investigation"),
        pair_sla(t18, t18, {a_dd_failed}, {a_reminder_sent}, sec, 7 * 86400, 0.95, true,
                 "Reminder within 7 days of the failed Direct Debit"),
        pair_sla(t19, t19, {a_complaint_logged}, {a_complaint_resolved}, sec, 56 * 86400, 0.97,
                 true, "Complaint resolved within 8 weeks"),
    };
    return c;
}

Catalogue build_telco() {
    using namespace tc;
    Catalogue c;
    c.process = Process::telco_install;
    c.channels = channel_names();
    c.departments = {
        {"sales", "Sales (retail, web, telesales)", "crm", 200, false},
        {"back_office", "Order management", "order-mgmt", 40, false},
        {"scheduling", "Scheduling", "wfm", 20, false},
        {"field", "Install engineers", "wfm-mobile", 150, true},
        {"network", "Network provisioning", "oss", 10, false},
        {"comms", "Customer communications", "om", 0, false},
        {"contact_centre", "Contact centre", "acd", 300, false},
    };
    c.touchpoints = {
        {"sign_up", "Sign-up", d_sales, true, false},
        {"validate", "Order validated and forwarded", d_back_office, true, true},
        {"appointment", "Confirmation and appointment", d_scheduling, true, false},
        {"install", "Installation visit", d_field, true, false},
        {"activate", "Activation / service live", d_network, true, false},
    };
    c.object_types = {{"order", "OR", false},
                      {"work_order", "WO", true},
                      {"contact", "CT", true},
                      {"account", "AC", true}};
    c.reasons = {"", "order status", "missed appointment", "activation fault", "order error"};
    c.value_reasons = {};
    c.attributes = {AttrField::order_id,      AttrField::work_order_id,    AttrField::reason,
                    AttrField::disposition,   AttrField::wait_s,           AttrField::handle_s,
                    AttrField::promised_date, AttrField::in_window,        AttrField::abort_reason,
                    AttrField::port_on_date,  AttrField::entered_same_day, AttrField::product,
                    AttrField::region,        AttrField::amount,           AttrField::score};

    const Actor cu = Actor::customer, ag = Actor::agent, sy = Actor::system;
    auto A = [&c](std::uint16_t i, const char* n, std::uint8_t d, int tp, std::uint8_t o, Actor a,
                  std::uint8_t ch, std::uint16_t f) { add_activity(c, i, n, d, tp, o, a, ch, f); };
    A(a_order_created, "Order created", d_sales, t_sign_up, o_order, ag, ch_store, 0);
    A(a_contract_signed, "Contract signed", d_sales, t_sign_up, o_order, cu, ch_store, 0);
    A(a_order_validated, "Order validated", d_back_office, t_validate, o_order, ag, ch_internal, 0);
    A(a_work_order_created, "Work order created", d_back_office, t_validate, o_work_order, sy,
      ch_internal, 0);
    A(a_order_forwarded, "Order forwarded to install", d_back_office, t_validate, o_order, ag,
      ch_internal, 0);
    A(a_appointment_booked, "Appointment booked", d_scheduling, t_appointment, o_work_order, ag,
      ch_internal, 0);
    A(a_appointment_rebooked, "Appointment rebooked", d_scheduling, t_appointment, o_work_order, ag,
      ch_phone, af::correction);
    A(a_confirmation_sent, "Appointment confirmation sent", d_comms, t_appointment, o_work_order,
      sy, ch_sms, af::outbound | af::non_work);
    A(a_engineer_dispatched, "Engineer dispatched", d_field, t_install, o_work_order, sy, ch_field,
      0);
    A(a_engineer_arrived, "Engineer arrived", d_field, t_install, o_work_order, ag, ch_field, 0);
    A(a_installation_completed, "Installation completed", d_field, t_install, o_work_order, ag,
      ch_field, 0);
    A(a_installation_aborted, "Installation aborted", d_field, t_install, o_work_order, ag,
      ch_field, af::return_class);
    A(a_order_returned, "Order returned to back office", d_field, t_validate, o_order, ag,
      ch_internal, af::return_class);
    A(a_order_amended, "Order amended", d_back_office, t_validate, o_order, ag, ch_internal,
      af::correction);
    A(a_service_activated, "Service activated", d_network, t_activate, o_order, sy, ch_remote, 0);
    A(a_port_completed, "Number port completed", d_network, t_activate, o_order, sy, ch_b2b, 0);
    A(a_welcome_sent, "Welcome email sent", d_comms, t_activate, o_order, sy, ch_email,
      af::outbound | af::non_work);
    A(a_customer_call, "Customer call", d_contact_centre, -1, o_contact, ag, ch_phone, af::contact);
    A(a_complaint_logged, "Complaint logged", d_contact_centre, -1, o_contact, ag, ch_phone, 0);
    A(a_survey_answered, "Survey answered", d_comms, -1, o_order, cu, ch_email,
      af::measurement | af::non_work);
    A(a_contract_terminated, "Contract terminated", d_sales, -1, o_account, sy, ch_internal, 0);
    if (c.activities.size() != a_count) {
        throw std::logic_error("telco catalogue incomplete");
    }
    const auto wd = SlaUnit::working_days;
    const auto sec = SlaUnit::seconds;
    c.slas = {
        pair_sla(t_validate, t_sign_up, {a_order_created}, {a_order_forwarded}, wd, 1, 0.98, true,
                 "Orders forwarded to install within 1 WD (speed only)"),
        pair_sla(t_appointment, t_appointment, {a_appointment_booked, a_appointment_rebooked},
                 {a_confirmation_sent}, sec, 3600, 0.97, true,
                 "Appointment confirmation within 1 h of booking"),
        pair_sla(t_install, t_install, {a_engineer_dispatched}, {a_engineer_arrived}, sec, 4 * 3600,
                 0.92, true, "Engineer arrives within the 4 h slot"),
        pair_sla(t_activate, t_install, {a_installation_completed}, {a_service_activated}, sec,
                 4 * 3600, 0.97, false, "Service active within 4 h of a completed installation"),
    };
    return c;
}

template <std::size_t N>
std::string_view name_at(const std::array<std::string_view, N>& names, std::uint8_t v) noexcept {
    return v < N ? names[v] : std::string_view{};
}

} // namespace

std::string_view process_name(Process p) noexcept {
    return p == Process::move_house ? "move_house" : "telco_install";
}

std::string_view actor_name(Actor a) noexcept {
    switch (a) {
    case Actor::customer:
        return "customer";
    case Actor::agent:
        return "agent";
    case Actor::system:
        return "system";
    case Actor::external:
        return "external";
    }
    return "system";
}

std::string_view attr_column_name(AttrField c) noexcept {
    static constexpr std::array<std::string_view, 28> n{
        "reason",        "disposition",      "wait_s",        "handle_s",
        "template",      "read_reason",      "read_type",     "read_date",
        "premise",       "balance",          "amount",        "tariff",
        "sent_to",       "move_date",        "journey_score", "csat",
        "meter_type",    "payment_method",   "region",        "order_id",
        "work_order_id", "promised_date",    "in_window",     "abort_reason",
        "port_on_date",  "entered_same_day", "product",       "score"};
    return name_at(n, static_cast<std::uint8_t>(c));
}

int Catalogue::find_activity(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < activities.size(); ++i) {
        if (activities[i].name == name) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

int Catalogue::find_touchpoint(std::string_view id) const noexcept {
    for (std::size_t i = 0; i < touchpoints.size(); ++i) {
        if (touchpoints[i].id == id) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

int Catalogue::find_department(std::string_view code) const noexcept {
    for (std::size_t i = 0; i < departments.size(); ++i) {
        if (departments[i].code == code) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

const Catalogue& catalogue(Process p) {
    static const Catalogue move_house = build_move_house();
    static const Catalogue telco = build_telco();
    return p == Process::move_house ? move_house : telco;
}

std::string_view read_type_name(std::uint8_t v) noexcept {
    static constexpr std::array<std::string_view, 5> n{"", "actual", "customer", "remote",
                                                       "estimated"};
    return name_at(n, v);
}

std::string_view read_reason_name(std::uint8_t v) noexcept {
    static constexpr std::array<std::string_view, 3> n{"", "move-out", "move-in"};
    return name_at(n, v);
}

std::string_view premise_name(std::uint8_t v) noexcept {
    static constexpr std::array<std::string_view, 3> n{"", "old", "new"};
    return name_at(n, v);
}

std::string_view template_name(std::uint8_t v) noexcept {
    static constexpr std::array<std::string_view, 5> n{"", "MOVE_ACK", "MOVE_OUT_CONFIRM",
                                                       "WELCOME_PACK", "WINBACK"};
    return name_at(n, v);
}

std::string_view tariff_name(std::uint8_t v) noexcept {
    static constexpr std::array<std::string_view, 5> n{"", "Standard Variable", "Fixed 12M",
                                                       "Fixed 24M", "EV Time-of-Use"};
    return name_at(n, v);
}

std::string_view sent_to_name(std::uint8_t v) noexcept {
    static constexpr std::array<std::string_view, 4> n{"", "email", "new_address", "old_address"};
    return name_at(n, v);
}

std::string_view meter_type_name(std::uint8_t v) noexcept {
    static constexpr std::array<std::string_view, 4> n{"", "smart", "smart_noncomm", "legacy"};
    return name_at(n, v);
}

std::string_view disposition_name(std::uint8_t v) noexcept {
    static constexpr std::array<std::string_view, 3> n{"", "resolved", "unresolved"};
    return name_at(n, v);
}

std::string_view payment_method_name(std::uint8_t v) noexcept {
    static constexpr std::array<std::string_view, 4> n{"", "direct_debit", "on_receipt",
                                                       "prepayment"};
    return name_at(n, v);
}

std::string_view region_name(std::uint8_t v) noexcept {
    static constexpr std::array<std::string_view, 15> n{"",
                                                        "north_scotland",
                                                        "south_scotland",
                                                        "north_west",
                                                        "north_east",
                                                        "yorkshire",
                                                        "merseyside_north_wales",
                                                        "east_midlands",
                                                        "west_midlands",
                                                        "eastern",
                                                        "south_wales",
                                                        "south_east",
                                                        "london",
                                                        "southern",
                                                        "south_west"};
    return name_at(n, v);
}

std::string_view product_name(std::uint8_t v) noexcept {
    static constexpr std::array<std::string_view, 4> n{"", "broadband_36", "fibre_150",
                                                       "fibre_500"};
    return name_at(n, v);
}

} // namespace journey::sim
