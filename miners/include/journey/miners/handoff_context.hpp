#pragma once
/// @file
/// What the handoff and contact-centre analyses know about a log beyond its columns:
/// the role of each event (non-work, return, correction, demand, ...), the work objects
/// each event names, the touchpoint it is bound to, the working calendars of the
/// departments and, optionally, which journeys are red.
///
/// A context is built once per log from a journey spec (make_handoff_context()),
/// which binds the log with journey::bind() and reads the spec's event classes and
/// object types, or without a spec from the log's own object links. It is a plain
/// value: tests and callers may fill it by hand.

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/binding.hpp>
#include <journey/core/calendar.hpp>
#include <journey/core/event_log.hpp>
#include <journey/core/model.hpp>

namespace journey::miners {

/// Role bits of an event (HandoffContext::roles). An event can have several.
namespace event_role {
/// Not work: customer actions, automated messages, marketing, surveys (class roles
/// `non_work` and `survey`). Removed before handoffs are counted (domain §4).
inline constexpr std::uint32_t non_work = 1u << 0;
/// Returns or rejects work to its sender (class role `return`): the ReturnSet.
inline constexpr std::uint32_t return_ = 1u << 1;
/// Rework of a customer-facing output: cancel, rebill, re-visit (role `correction`).
inline constexpr std::uint32_t correction = 1u << 2;
/// A customer contact caused by a failure (role `failure_demand`).
inline constexpr std::uint32_t failure_demand = 1u << 3;
/// A customer contact the journey needs (role `value_demand`).
inline constexpr std::uint32_t value_demand = 1u << 4;
/// Asks the customer again for data already given (role `data_request`, IL1).
inline constexpr std::uint32_t data_request = 1u << 5;
/// A complaint (role `complaint`).
inline constexpr std::uint32_t complaint = 1u << 6;
/// A transfer between departments or queues within one contact (role `transfer`).
inline constexpr std::uint32_t transfer = 1u << 7;
/// A survey (role `survey`); also non_work.
inline constexpr std::uint32_t survey = 1u << 8;
/// A batch activity whose waits are policy, not queue (role `batch`).
inline constexpr std::uint32_t batch = 1u << 9;
/// An outbound communication to the customer (a class named in
/// ContextOptions::outbound_classes).
inline constexpr std::uint32_t outbound = 1u << 10;
/// An abandoned contact (a class named in ContextOptions::abandoned_classes).
inline constexpr std::uint32_t abandoned = 1u << 11;
/// The event can be the journey's end milestone (Journey::end).
inline constexpr std::uint32_t end_milestone = 1u << 12;
/// The event voids an end milestone it follows within the look-ahead
/// (Journey::end_unless, e.g. a cancel or rebill).
inline constexpr std::uint32_t end_unless = 1u << 13;
/// A customer contact: failure_demand or value_demand.
inline constexpr std::uint32_t contact = failure_demand | value_demand;
} // namespace event_role

/// The analysis view of one log (see the file comment). Vectors indexed by event have
/// EventLog::num_events() entries or are empty.
struct HandoffContext {
    static constexpr std::uint32_t no_touchpoint = 0xFFFFFFFFu;

    /// Per event: event_role bits. Empty: every event is plain work.
    std::vector<std::uint32_t> roles;

    /// Work objects per event in CSR form: the objects of event e are
    /// object_ids[object_offsets[e] .. object_offsets[e + 1]). Object ids are dense and
    /// unique within the log. Empty offsets: no objects (handoffs are counted on each
    /// journey's whole trace).
    std::vector<std::uint32_t> object_offsets;
    std::vector<std::uint32_t> object_ids;
    /// Per object id: index into object_type_names.
    std::vector<std::uint32_t> object_types;
    std::vector<std::string> object_type_names;

    /// Per event: index into touchpoint_ids, or no_touchpoint. Empty: unbound.
    std::vector<std::uint32_t> touchpoints;
    /// Touchpoint ids of the spec, in model order.
    std::vector<std::string> touchpoint_ids;
    /// Touchpoints every journey should have (domain IL5): the leaves of the designed
    /// order that are not under an optional, repeated-or-not (`*`) or choice node.
    std::vector<std::string> expected_touchpoints;

    /// Working calendars by department name (the log's department values).
    std::vector<std::pair<std::string, Calendar>> calendars;

    /// Whether end_milestone bits were set from a spec (journeys without such an
    /// event are then not complete).
    bool has_end_milestone = false;
    /// Look-ahead of the end milestone (seconds; 0 = none): an end-milestone event
    /// counts when no end_unless event follows it within this time, and only once
    /// that time has passed at the end of the log (before, the journey is open).
    std::int64_t end_lookahead_s = 0;

    /// Per case: 1 when the journey is red, 0 when green (an input from the journey
    /// scorecard). Empty: unknown.
    std::vector<std::uint8_t> red;

    /// The objects of event `e` (empty when there are none).
    std::pair<const std::uint32_t*, const std::uint32_t*> objects_of(std::size_t e) const noexcept {
        if (object_offsets.empty()) {
            return {nullptr, nullptr};
        }
        const std::uint32_t* base = object_ids.data();
        return {base + object_offsets[e], base + object_offsets[e + 1]};
    }
    /// The role bits of event `e` (0 when there are no roles).
    std::uint32_t role(std::size_t e) const noexcept { return roles.empty() ? 0u : roles[e]; }

    friend bool operator==(const HandoffContext&, const HandoffContext&) = default;
};

/// Class ids the spec uses for roles that ClassRole has no value for.
struct ContextOptions {
    /// Event classes whose events are outbound communications to the customer (the
    /// move-house spec calls them automated_messages and marketing).
    std::vector<std::string> outbound_classes{"outbound", "automated_messages", "marketing"};
    /// Event classes whose events are abandoned contacts (queue abandons).
    std::vector<std::string> abandoned_classes{"abandoned"};
    friend bool operator==(const ContextOptions&, const ContextOptions&) = default;
};

/// The context of a log without a spec: objects from the log's object links (every
/// linked object is a work object), no roles, no calendars.
JOURNEY_API HandoffContext make_handoff_context(const EventLog& log);

/// The context of a log under a journey spec:
/// - roles from the event classes (by ClassRole, plus the class ids of `options`);
///   the end milestone from Journey::end and Journey::end_unless with its look-ahead
///   (a touchpoint or class; an `events` condition is evaluated through
///   journey::bind(); a look-ahead in working days counts 7/5 calendar days each);
/// - work objects from the spec's object types (link, attribute or type/id pair);
///   when the spec declares none, from the log's object links;
/// - touchpoints from `binding` (which must come from bind(journey, log));
/// - calendars from the departments (Department::calendar).
/// @throws journey::usage_error when a regular expression of an `events` end
///         milestone does not compile.
JOURNEY_API HandoffContext make_handoff_context(const Journey& journey, const EventLog& log,
                                                const Binding& binding,
                                                const ContextOptions& options = {});

} // namespace journey::miners
