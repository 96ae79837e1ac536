#pragma once
/// @file
/// Information-loss signals IL3–IL6 (domain §4.5; IL1 re-asks and IL2 handoff
/// rejections are part of the handover edges, journey/miners/handoffs.hpp):
/// - IL3  attribute drift: a key attribute with different values in different
///        departments of one journey;
/// - IL3b contradictory outbound messages: two outbound messages within a window with
///        different values of a customer-facing attribute, or conflicting intents;
/// - IL4  status chases: inbound contacts whose reason is a status question, or,
///        without reason codes, contacts while work is open and nothing was sent;
/// - IL5  missing designed touchpoints;
/// - IL6  duplicate entities (more than one account, contract, customer per journey).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/event_log.hpp>
#include <journey/miners/handoff_context.hpp>

namespace journey::miners {

struct SignalOptions {
    /// IL3: attributes compared across departments (those absent from the log are
    /// left out of the result).
    std::vector<std::string> drift_attributes{"move_date", "address", "meter_id", "tariff"};
    /// IL3b: customer-facing attributes compared between outbound messages.
    std::vector<std::string> message_attributes{"tariff", "amount", "move_date", "price"};
    /// IL3b: two outbound messages this close (seconds) are compared.
    std::int64_t message_window_s = 14 * 86400;
    /// IL3b: pairs of outbound activities with conflicting intents (e.g. a welcome
    /// pack and a win-back offer).
    std::vector<std::pair<std::string, std::string>> conflicting_activities;
    /// IL4: the contact reason attribute and the pattern (a journey::Regex, case
    /// insensitive) of status reasons.
    std::string reason_attribute = "reason";
    std::string status_pattern = "status|where";
    /// IL4 without reason codes: no outbound message within this before the contact.
    std::int64_t status_quiet_s = 7 * 86400;
    /// IL6: object types that are entities (compared case-insensitively).
    std::vector<std::string> entity_types{"account", "contract", "customer"};
};

/// Departments that disagreed on an attribute (unordered pair, a < b).
struct DriftPair {
    std::string a;
    std::string b;
    std::uint64_t cases = 0;
    friend bool operator==(const DriftPair&, const DriftPair&) = default;
};

/// IL3 for one attribute.
struct AttributeDrift {
    std::string attribute;
    std::uint64_t cases_with_value = 0; ///< journeys where two departments recorded it
    std::uint64_t cases = 0;            ///< journeys where they disagree
    double rate = 0;                    ///< cases / cases_with_value
    std::uint64_t inconsistencies = 0;  ///< Σ over journeys of disagreeing department pairs
    std::vector<DriftPair> pairs;       ///< sorted by (a, b)
    friend bool operator==(const AttributeDrift&, const AttributeDrift&) = default;
};

/// IL5 for one designed touchpoint.
struct MissingTouchpoint {
    std::string touchpoint;
    std::uint64_t journeys = 0; ///< journeys without an event bound to it
    double rate = 0;            ///< journeys / all journeys
    friend bool operator==(const MissingTouchpoint&, const MissingTouchpoint&) = default;
};

/// IL6 for one entity type.
struct DuplicateEntity {
    std::string object_type;
    std::uint64_t cases_with_entity = 0;
    std::uint64_t cases = 0; ///< journeys with more than one
    double rate = 0;         ///< cases / journeys
    std::uint32_t max_per_case = 0;
    friend bool operator==(const DuplicateEntity&, const DuplicateEntity&) = default;
};

/// Per-journey signal bits (InformationLoss::case_flags).
namespace signal_flag {
inline constexpr std::uint8_t drift = 1;
inline constexpr std::uint8_t contradiction = 2;
inline constexpr std::uint8_t status_chase = 4;
inline constexpr std::uint8_t missing_touchpoint = 8;
inline constexpr std::uint8_t duplicate = 16;
} // namespace signal_flag

struct InformationLoss {
    std::uint64_t journeys = 0;
    std::vector<AttributeDrift> drift; ///< IL3, in SignalOptions order

    // IL3b
    std::uint64_t outbound_messages = 0;
    std::uint64_t contradictory_pairs = 0; ///< message pairs within the window that conflict
    std::uint64_t contradictions_by_value = 0;
    std::uint64_t contradictions_by_intent = 0;
    std::uint64_t contradiction_cases = 0;
    double contradiction_rate = 0; ///< contradiction_cases / journeys

    // IL4
    std::string status_method; ///< "reason" (reason codes) or "heuristic" (open work, nothing sent)
    std::uint64_t inbound_contacts = 0;
    std::uint64_t status_chases = 0;
    double status_chase_share = 0; ///< status_chases / inbound_contacts
    std::uint64_t status_chase_cases = 0;

    std::vector<MissingTouchpoint> missing; ///< IL5, in expected order
    std::vector<DuplicateEntity> duplicates; ///< IL6, by object type name

    std::vector<std::uint8_t> case_flags; ///< per case: signal_flag bits
    friend bool operator==(const InformationLoss&, const InformationLoss&) = default;
};

/// IL3–IL6 of a log.
/// @throws journey::usage_error when status_pattern is not a valid pattern or the
///         context does not belong to the log.
JOURNEY_API InformationLoss information_loss(const EventLog& log, const HandoffContext& context,
                                             const SignalOptions& options = {});

} // namespace journey::miners
