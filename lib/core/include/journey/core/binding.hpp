#pragma once
/// @file
/// Binding: which touchpoint and which event classes each event of a log belongs to,
/// according to a journey model's match rules and class conditions.

#include <cstdint>
#include <string>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/event_log.hpp>
#include <journey/core/model.hpp>

namespace journey {

/// Events of one activity.
struct ActivityCount {
    std::string activity;
    std::uint64_t events = 0;
    friend bool operator==(const ActivityCount&, const ActivityCount&) = default;
};

/// Events of one activity that rules of two touchpoints both matched; the winner
/// (by rule precedence, see MatchRule) got them.
struct DoubleMatch {
    std::string activity;
    std::uint32_t winner = 0; ///< touchpoint index
    std::uint32_t other = 0;  ///< touchpoint index of the losing rule
    std::uint64_t events = 0;
    std::uint32_t first_event = 0; ///< index of the first such event in the log
    friend bool operator==(const DoubleMatch&, const DoubleMatch&) = default;
};

/// The result of bind().
struct Binding {
    static constexpr std::uint32_t unbound = 0xFFFFFFFFu;

    /// Per event: index into Journey::touchpoints, or unbound.
    std::vector<std::uint32_t> touchpoint;
    /// Per class (index into Journey::classes): the events in it, ascending.
    std::vector<std::vector<std::uint32_t>> class_events;
    /// Per touchpoint: events bound to it.
    std::vector<std::uint64_t> touchpoint_events;
    /// Per touchpoint, per match rule: events that rule bound (it matched and won).
    std::vector<std::vector<std::uint64_t>> rule_events;
    /// Activities of events bound to no touchpoint and in no class, by events
    /// descending, then name.
    std::vector<ActivityCount> unmatched;
    /// Activities of events bound to no touchpoint but in some class (non-work,
    /// surveys, ...), same order.
    std::vector<ActivityCount> class_only;
    /// Events matched by rules of two touchpoints, per (activity, winner, other), by
    /// events descending, then activity, winner, other.
    std::vector<DoubleMatch> double_matches;

    std::uint64_t events = 0;
    std::uint64_t bound_events = 0;
    std::uint64_t class_only_events = 0;
    std::uint64_t unmatched_events = 0;

    /// True when every event is bound to a touchpoint or in a class.
    bool complete() const noexcept { return unmatched_events == 0; }

    friend bool operator==(const Binding&, const Binding&) = default;
};

/// Binds every event of `log` to at most one touchpoint (match rules, with
/// precedence) and to the event classes whose conditions it meets.
///
/// Predicate semantics: core fields compare their text; `source` and `actor` read the
/// attributes Journey::source_attribute and Journey::actor_attribute; `attr NAME`
/// reads the event attribute, else the case attribute. Numbers compare numerically
/// with integer and float attributes, otherwise values compare as text (booleans as
/// "true"/"false", dates as ISO 8601 UTC). `!=`, `not in` and `!~` are true for a
/// missing value. `touchpoint` tests the event's bound touchpoint (in classes);
/// `object` tests whether the event names an object of that ObjectType.
///
/// Runs in O(events × candidate rules), where candidate rules are those whose
/// activity predicates accept the event's activity.
/// @throws journey::usage_error when a regular expression of the model does not
///         compile (the DSL checker reports those before a model is built).
JOURNEY_API Binding bind(const Journey& journey, const EventLog& log);

} // namespace journey
