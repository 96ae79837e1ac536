#pragma once
/// @file
/// The simulated processes as data: departments, touchpoints, activities (with the
/// department, touchpoint, work object and actor each one is recorded under), the
/// touchpoint SLA clocks and the attribute value names. The generator emits only
/// what its catalogue lists, and the ground truth (SLA instances, ping-pong) is
/// measured with the definitions here. docs/simulator.md prints both catalogues.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <journey/core/api.hpp>

namespace journey::sim {

/// Which journey a scenario simulates.
enum class Process : std::uint8_t {
    move_house,    ///< utility home move, touchpoints T01-T19 (domain §1)
    telco_install, ///< fixed-line order to activation, T1-T4 + hidden validation (domain §2)
};

/// "move_house" or "telco_install".
JOURNEY_API std::string_view process_name(Process p) noexcept;

/// Who performed an event (the `actor_type` column).
enum class Actor : std::uint8_t { customer, agent, system, external };

/// "customer", "agent", "system" or "external".
JOURNEY_API std::string_view actor_name(Actor a) noexcept;

/// Bit flags describing an activity.
namespace activity_flag {
/// Normally written by a nightly batch run (date-only timestamp noise applies).
inline constexpr std::uint16_t batch = 1;
/// Returns or rejects work to the sender: the ReturnSet of the ping-pong test (domain §4.3).
inline constexpr std::uint16_t return_class = 2;
/// Rework of a customer-facing output: cancel, rebill, re-visit, order correction.
inline constexpr std::uint16_t correction = 4;
/// An inbound customer contact is answered: one per contact (the contact's first event).
inline constexpr std::uint16_t contact = 8;
/// Automated outbound message to the customer.
inline constexpr std::uint16_t outbound = 16;
/// Asks the customer again for data already given (the re-ask signal IL1).
inline constexpr std::uint16_t data_request = 32;
/// A survey answer: measurement, not work.
inline constexpr std::uint16_t measurement = 64;
/// A contact handed to another department within the same contact.
inline constexpr std::uint16_t transfer = 128;
/// Not work for handoff analysis (automated messages of the communications
/// platform, marketing mail, surveys); events of the customer are never work either.
inline constexpr std::uint16_t non_work = 256;
} // namespace activity_flag

struct DepartmentInfo {
    std::string code;         ///< the `department` column value, e.g. "MIMO"
    std::string name;         ///< e.g. "Move-In/Move-Out back office"
    std::string system;       ///< resource name of its automated events, e.g. "mdm"
    std::uint16_t agents = 0; ///< size of its agent pool (resources CODE-0001 ...)
    bool external = false;    ///< an outside party (network operator, contractor)
};

struct TouchpointInfo {
    std::string id;         ///< "T05"
    std::string name;       ///< "Final meter read at old premise"
    std::uint8_t owner = 0; ///< department index
    bool designed = true;   ///< false for the ad-hoc, failure-driven touchpoints (T16-T19)
    bool hidden = false;    ///< invisible to the customer (the telco order validation)
};

struct ObjectTypeInfo {
    std::string name;      ///< the `object_type` column value, e.g. "Bill"
    std::string prefix;    ///< object ids are prefix + case number [+ "-" + instance]
    bool numbered = false; ///< a journey can hold several objects of this type
};

/// The department, touchpoint, object type, actor and channel an activity is
/// normally recorded under; a generator may override department, touchpoint and
/// channel per event (e.g. a case created by CS on the phone or by Digital on the web).
struct ActivityInfo {
    std::string name;
    std::uint8_t department = 0;
    std::uint8_t touchpoint = 0; ///< 0 = none, else touchpoint index + 1
    std::uint8_t object_type = 0;
    Actor actor = Actor::system;
    std::uint8_t channel = 0; ///< index into Catalogue::channels
    std::uint16_t flags = 0;  ///< activity_flag bits
};

enum class SlaUnit : std::uint8_t {
    seconds,      ///< calendar seconds between start and stop
    working_days, ///< WorkCalendar::working_days_between(day(start), day(stop))
};

/// One touchpoint SLA clock (domain §3.2).
///
/// `pair` clocks: each stop event of the touchpoint is one instance; its start is
/// the latest start event of `start_touchpoint` before it (by time, then event_seq)
/// in the same journey, on the same object when `same_object`; a later start restarts the clock
/// (resubmission, resend, exception release). Stops without a start are not instances.
/// `wait` clocks: each stop event of the touchpoint is an instance measured by
/// its `wait_s` attribute (contact-centre speed of answer).
/// An instance meets the SLA when the measured value is <= target.
struct SlaInfo {
    enum class Kind : std::uint8_t { pair, wait };
    std::uint8_t touchpoint = 0; ///< touchpoint index
    Kind kind = Kind::pair;
    std::vector<std::uint16_t> start;  ///< activity indices (pair clocks)
    std::uint8_t start_touchpoint = 0; ///< start events must carry this touchpoint (index)
    std::vector<std::uint16_t> stop;   ///< activity indices; events must carry this touchpoint
    SlaUnit unit = SlaUnit::working_days;
    double target = 0;    ///< seconds or working days
    double ontime = 0.95; ///< default on-time probability p_t the generator uses
    bool same_object = true;
    std::string text; ///< e.g. "Move-out document within 2 WD of receipt"
};

/// The event attribute columns a process writes (after the core columns).
enum class AttrField : std::uint8_t {
    reason,
    disposition,
    wait_s,
    handle_s,
    template_name,
    read_reason,
    read_type,
    read_date,
    premise,
    balance,
    amount,
    tariff,
    sent_to,
    move_date,
    journey_score,
    csat,
    meter_type,
    payment_method,
    region,
    order_id,
    work_order_id,
    promised_date,
    in_window,
    abort_reason,
    port_on_date,
    entered_same_day,
    product,
    score
};

/// The column name, e.g. "template" for AttrField::template_name.
JOURNEY_API std::string_view attr_column_name(AttrField c) noexcept;

/// A simulated process.
///
/// Thread-safety: immutable; the catalogues returned by catalogue() are shared.
struct JOURNEY_API Catalogue {
    Process process = Process::move_house;
    std::vector<DepartmentInfo> departments;
    std::vector<TouchpointInfo> touchpoints;
    std::vector<ObjectTypeInfo> object_types;
    std::vector<ActivityInfo> activities;
    std::vector<SlaInfo> slas;
    std::vector<std::string> channels;
    std::vector<std::string> reasons; ///< contact reason codes; index 0 is "" (none)
    /// Reasons that are value demand (the notification itself, a date change); every
    /// other reason is failure demand.
    std::vector<std::uint8_t> value_reasons;
    /// Attribute columns written after the core columns, in order.
    std::vector<AttrField> attributes;

    /// Index of the activity with this name, or -1.
    int find_activity(std::string_view name) const noexcept;
    /// Index of the touchpoint with this id, or -1.
    int find_touchpoint(std::string_view id) const noexcept;
    /// Index of the department with this code, or -1.
    int find_department(std::string_view code) const noexcept;
};

/// The built-in catalogue of a process.
JOURNEY_API const Catalogue& catalogue(Process p);

/// Attribute value names (index 0 = no value).
JOURNEY_API std::string_view
read_type_name(std::uint8_t v) noexcept; // actual, customer, remote, estimated
JOURNEY_API std::string_view read_reason_name(std::uint8_t v) noexcept; // move-out, move-in
JOURNEY_API std::string_view premise_name(std::uint8_t v) noexcept;     // old, new
JOURNEY_API std::string_view template_name(std::uint8_t v) noexcept;    // MOVE_ACK, ...
JOURNEY_API std::string_view tariff_name(std::uint8_t v) noexcept;
JOURNEY_API std::string_view
sent_to_name(std::uint8_t v) noexcept; // email, new_address, old_address
JOURNEY_API std::string_view
meter_type_name(std::uint8_t v) noexcept; // smart, smart_noncomm, legacy
JOURNEY_API std::string_view disposition_name(std::uint8_t v) noexcept;    // resolved, unresolved
JOURNEY_API std::string_view payment_method_name(std::uint8_t v) noexcept; // direct_debit, ...
JOURNEY_API std::string_view region_name(std::uint8_t v) noexcept;  // the 14 GB distribution areas
JOURNEY_API std::string_view product_name(std::uint8_t v) noexcept; // telco products

namespace attr {
inline constexpr std::uint8_t read_actual = 1, read_customer = 2, read_remote = 3,
                              read_estimated = 4;
inline constexpr std::uint8_t reason_move_out = 1, reason_move_in = 2;
inline constexpr std::uint8_t premise_old = 1, premise_new = 2;
inline constexpr std::uint8_t sent_email = 1, sent_new_address = 2, sent_old_address = 3;
inline constexpr std::uint8_t meter_smart = 1, meter_smart_noncomm = 2, meter_legacy = 3;
inline constexpr std::uint8_t disp_resolved = 1, disp_unresolved = 2;
inline constexpr std::uint8_t pay_direct_debit = 1, pay_on_receipt = 2, pay_prepayment = 3;
inline constexpr std::uint8_t tariff_count = 4;
inline constexpr std::uint8_t region_count = 14;
inline constexpr std::uint8_t product_count = 3;
} // namespace attr

} // namespace journey::sim
