#pragma once
/// @file
/// Scenario parameters of the simulator and the `.scenario` file format.
///
/// A scenario file is plain text next to the journey spec
/// (`<spec dir>/scenarios/<name>.scenario`):
///
///     # comment
///     name = as_is
///     extends = as_is          # optional, first setting only: start from another file
///     watermelon_strength = 1.0
///     [defects]
///     d11_assisted = 0.10      # key = value; the section prefixes the key
///     [ontime]
///     T05 = 0.94               # per-touchpoint on-time probability p_t
///
/// Every key is documented in docs/simulator.md and listed by scenario_parameters().
/// The defaults of a default-constructed Scenario are the move-house `as_is` values.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/sim/calendar.hpp>
#include <journey/sim/catalogue.hpp>

namespace journey::sim {

/// Arrival profile of journey start (notification) times.
struct ArrivalParams {
    /// Relative intensity Monday..Sunday (domain §5.2).
    std::vector<double> weekday_weights{1.0, 1.0, 1.0, 1.0, 1.1, 0.5, 0.15};
    double summer_factor = 1.2;     ///< intensity factor June-August
    double month_end_factor = 1.15; ///< intensity factor on days 25-31
};

/// Per-journey context (domain §5.2), move house.
struct ContextParams {
    double channel_phone = 0.55, channel_web = 0.30, channel_app = 0.10, channel_chat = 0.05;
    double lead_already_moved = 0.15, lead_short = 0.65, lead_long = 0.20;
    std::int64_t lead_already_moved_max_days = 30, lead_short_max_days = 14,
                 lead_long_max_days = 60;
    double slip = 0.10; ///< D1 move date slips (a defect)
    std::int64_t slip_max_days = 14;
    double slip_reported = 0.5; ///< the customer reports the new date (a contact)
    double meter_smart = 0.55, meter_smart_noncomm = 0.15, meter_legacy = 0.30;
    double pay_dd = 0.75, pay_receipt = 0.20, pay_prepay = 0.05;
    double other_supplier = 0.5;  ///< new premise needs registration (T10)
    double deenergised = 0.06;    ///< new premise needs an energisation order
    double digital_account = 0.7; ///< phone/chat customers who link an online account
    double refund_share = 0.3;    ///< final bills in credit (refund, T08)
    double quote_deferred = 0.10; ///< assisted quotes sent after the call
};

/// Root defect probabilities (domain §5.4). All are multiplied by
/// Scenario::watermelon_strength; for the success probabilities (marked) the
/// failure share 1 - p is multiplied instead.
struct DefectParams {
    double d11_assisted = 0.10, d11_digital = 0.05; ///< incomplete intake handoff
    double d12 = 0.04;                              ///< final bill to old address
    double d7 = 0.20;                               ///< termination confirmation missing
    double d8 = 0.25;                               ///< win-back mail on move-out
    double d2 = 0.04;                               ///< duplicate account
    double d6 = 0.05;                               ///< tariff mismatch
    double d9 = 0.04;                               ///< registration rejected
    double d5 = 0.07;                               ///< DD mandate not transferred (of DD payers)
    double d10 = 0.06;                              ///< bill block
    double remote_read_failure = 0.03;
    double energisation_late = 0.05;
    /// Stalled handoff (both processes): the journey stops right after work reaches
    /// another department (move house: the back office receives the case; telco:
    /// scheduling books the visit) and nothing follows; journeys.csv `orphan` = 1.
    double orphan = 0.01;
    double final_read_customer = 0.55;        ///< success probability
    double final_read_customer_no_t06 = 0.40; ///< success probability when T06 is missing
    double special_read_access = 0.6;         ///< success probability
    double opening_read_customer = 0.65;      ///< success probability (else D4)
};

/// How defects propagate to symptoms, contacts and rework (domain §5.4).
struct PropagationParams {
    double d12_after_d11_factor = 3;
    double special_read = 0.5;
    double d7_contact = 0.30, d8_contact = 0.15;
    double d2_block = 0.5, d2_dispute = 0.8, d6_dispute = 0.7;
    double d9_block = 0.3, d9_contact = 0.6;
    std::int64_t d9_resend_wd = 3;
    double d4_dispute = 0.5, d4_trueup_one_cycle = 0.6;
    double d5_contact = 0.7, d10_contact = 0.5;
    double dispute_estimated_final = 0.45, dispute_wrong_date = 0.50;
    double pingpong = 0.25; ///< Metering<->Billing bounce per investigation (geometric)
    double rebill_wrong = 0.15;
    double repeat_contact = 0.25;
    double transfer = 0.15, transfer_dispute = 0.35;
    double resolved = 0.92; ///< agent disposition "resolved" (self-reported FCR)
    double complaint_base = 0.03, complaint_two_fd = 0.30, complaint_collections = 0.15;
    double no_power_contact = 0.8, collections_contact = 0.8;
};

/// Delay models (domain §5.3).
struct DelayParams {
    double reaction_mean_days = 3, repeat_mean_days = 5;
    std::int64_t letter_min_days = 2, letter_max_days = 3;
    double cc_wait_mean_s = 20, cc_tail = 0.02;
    std::int64_t cc_tail_min_s = 120, cc_tail_max_s = 900;
    double aht_median_s = 480, aht_sigma = 0.4;
    std::int64_t late_max_wd = 6;
    std::int64_t bill_cycle_min_days = 25, bill_cycle_max_days = 32;
    std::int64_t payment_terms_days = 28, dd_collection_days = 14, collections_call_days = 14;
    double d10_release_days = 10, d10_release_sigma = 0.6, d10_release_min_days = 2;
    std::int64_t investigation_max_wd = 5;
};

/// Journey criteria, survey and churn models (domain §3.2, §5.4).
struct OutcomeParams {
    std::int64_t promise_days = 45; ///< J1: first accurate bill within this of the move
    std::int64_t fd_max = 1;        ///< J2: failure-demand contacts <= fd_max
    bool red_includes_j6 = false;   ///< whether a surveyed score < 7 also makes a journey red
    double survey_green = 0.25, survey_red = 0.35;
    double score_base = 9.2, score_complaint = 3.0, score_rebill = 2.0, score_dunning = 1.5;
    double score_fd_each = 1.0;
    std::int64_t score_fd_cap = 3;
    double score_fd_any = 0.8, score_winback = 0.7, score_late = 2.0, score_sd = 0.7;
    double contact_survey = 0.15, contact_csat_mean = 8.5, contact_csat_sd = 1.0;
    double churn_intercept = -1.4, churn_red = 1.8, churn_complaint = 0.5;
};

/// The telco installation journey (domain §5.9).
struct TelcoParams {
    double channel_store = 0.3, channel_web = 0.4, channel_phone = 0.3;
    double order_invalid = 0.45;      ///< defect: incomplete or incorrect order forwarded
    double activation_failure = 0.05; ///< defect
    double missed_appointment = 0.03; ///< defect: engineer does not come
    double port_in = 0.4;
    std::int64_t appointment_min_wd = 5, appointment_max_wd = 10;
    std::int64_t reappointment_min_wd = 5, reappointment_max_wd = 15;
    double abort_contact = 0.6;
    double compensation_per_day = 6.46, compensation_missed_appointment = 32.31;
    double score_rft_mean = 8.5, score_rft_sd = 0.5;
    double score_abort_mean = 1.5, score_abort_sd = 0.5;
    double score_other_mean = 5.0, score_other_sd = 1.0;
    double survey_response = 0.4;
};

/// Data-quality noise (domain §5.7); every injected problem is flagged in journeys.csv.
struct NoiseParams {
    double date_only_batch = 0; ///< per batch event: timestamp written as a date only
    double clock_skew = 0;      ///< per journey: CRM/ACD (Customer Service) clock skewed
    std::int64_t clock_skew_max_s = 300;
    double duplicate = 0;          ///< per event: written twice
    double missing_department = 0; ///< per event: department left empty
    /// per Billing/Payments/Collections/Metering/Market event: no case id, only the account
    double account_only = 0;
    double late_arrival = 0; ///< per event: written after the other journeys of its block
};

/// Every simulator parameter. Copyable value; the defaults are the move-house as_is values.
struct JOURNEY_API Scenario {
    std::string name = "as_is";
    std::string description;
    Process process = Process::move_house;
    std::string case_prefix = "MH";
    Day period_start = 19723; ///< 2024-01-01
    std::int64_t period_days = 365;
    std::int64_t extraction_lag_days = 150; ///< events later than period end + lag are not written
    TimeZone timezone{0, TimeZone::Dst::eu};
    std::vector<Day> holidays;
    /// Scales every defect probability; touchpoint on-time probabilities stay as they are.
    double watermelon_strength = 1.0;
    /// When >= 0, replaces every touchpoint's on-time probability (an honest red dashboard).
    double ontime_override = -1;
    ArrivalParams arrivals;
    ContextParams context;
    DefectParams defects;
    PropagationParams propagation;
    DelayParams delays;
    OutcomeParams outcomes;
    TelcoParams telco;
    NoiseParams noise;
    /// Per-touchpoint on-time probability overrides ([ontime] section), by touchpoint id.
    std::vector<std::pair<std::string, double>> ontime;
    /// Per-touchpoint SLA target overrides ([sla] section, seconds or working days).
    std::vector<std::pair<std::string, double>> sla_target;

    /// Sets one parameter from its text form: `key` is `section.name` (or a top-level
    /// name), e.g. `defects.d7`, `ontime.T05`, `watermelon_strength`.
    /// @throws journey::usage_error naming the key for an unknown key or a bad value.
    void set(std::string_view key, std::string_view value);

    /// Every parameter as (key, text value), in documentation order; the text
    /// round-trips through set().
    std::vector<std::pair<std::string, std::string>> values() const;

    /// Checks the cross-parameter rules (shares sum to more than 0, min <= max,
    /// touchpoint ids exist in the process). @returns an empty string or the problem.
    std::string check() const;
};

/// One documented parameter (for docs and `journey simulate --list-parameters`).
struct ParameterInfo {
    std::string key;
    std::string kind; ///< "probability", "real", "integer", "date", "text", ...
    std::string default_value;
    std::string description;
    bool defect = false; ///< scaled by watermelon_strength
};

/// Every scenario parameter with its default (the as_is value) and meaning.
JOURNEY_API std::vector<ParameterInfo> scenario_parameters();

/// Parses scenario text on top of `base`. `path` is used in messages and to find
/// the file an `extends = NAME` line names (`<dir of path>/NAME.scenario`).
/// @throws journey::format_error (path:line:col: message) on a syntax error, an
///         unknown key or a bad value; journey::io_error if an extended file is missing.
JOURNEY_API Scenario parse_scenario(std::string_view text, const std::string& path,
                                    const Scenario& base = Scenario{});

/// Reads and parses a scenario file.
/// @throws journey::io_error when it cannot be read; journey::format_error as parse_scenario().
JOURNEY_API Scenario load_scenario(const std::string& path);

} // namespace journey::sim
