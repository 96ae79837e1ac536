#pragma once
/// @file
/// The journey model: the journey a company designed, as plain values.
///
/// A Journey holds departments, calendars, stages, touchpoints (with the match rules
/// that bind raw events to them, their SLA clocks and KPIs), event classes, work-object
/// types, segments, journey outcomes and the designed order of touchpoints. The
/// journey DSL (journey::dsl) compiles `.journey` text to this model, but nothing here
/// depends on the parser: a model can be built in code, read from a store or JSON.
///
/// Names are plain strings: a touchpoint's `owner` is the `id` of a Department, an
/// SLA's `calendar` the `id` of a Calendar, and so on. The find_*() functions resolve
/// them. Everything is a regular value type (copyable, `==`, no pointers).
///
/// Units: durations are journey::Duration (an amount and a unit as written);
/// percentages are 0–100; timestamps are journey::Timestamp (µs UTC).
///
/// Thread-safety: plain values; concurrent reads are safe.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/calendar.hpp>

namespace journey {

// ---------------------------------------------------------------------------
// Conditions on events

/// The part of an event a predicate tests.
enum class EventField : std::uint8_t {
    activity,   ///< activity name (XES concept:name)
    resource,   ///< resource (org:resource)
    department, ///< department (org:group)
    channel,    ///< channel
    lifecycle,  ///< lifecycle transition
    source,     ///< source system: the attribute named by Journey::source_attribute
    actor,      ///< actor type: the attribute named by Journey::actor_attribute
    touchpoint, ///< id of the touchpoint the event is bound to (classes and selectors only)
    object,     ///< id of an ObjectType the event names (see ObjectType)
    attribute,  ///< the event attribute Predicate::attribute (falling back to the case attribute)
};

/// The DSL keyword of a field: "activity", ..., "object", "attr".
JOURNEY_API std::string_view field_name(EventField f) noexcept;

/// How a predicate compares.
enum class CompareOp : std::uint8_t {
    eq,          ///< `=`: equal
    ne,          ///< `!=`: not equal (also true when the value is missing)
    lt,          ///< `<`
    le,          ///< `<=`
    gt,          ///< `>`
    ge,          ///< `>=`
    in,          ///< `in [..]`: equal to one of the values
    not_in,      ///< `not in [..]`: equal to none of them (or missing)
    matches,     ///< `~ /re/`: the regular expression finds a match in the value
    not_matches, ///< `!~ /re/`: it does not (or the value is missing)
    exists,      ///< `exists`: the value is present and not empty
    missing,     ///< `missing`: the value is absent or empty
};

/// The DSL spelling: "=", "!=", "<", "<=", ">", ">=", "in", "not in", "~", "!~",
/// "exists", "missing".
JOURNEY_API std::string_view op_text(CompareOp op) noexcept;

/// A literal value as written in a spec.
struct Literal {
    enum class Kind : std::uint8_t {
        string,     ///< "text"; `text` holds the contents (unescaped)
        identifier, ///< a bare word (a channel, department or touchpoint id); `text` is it
        number,     ///< a decimal number; `text` as written, `number` its value
        boolean,    ///< true / false; `text` is "true" or "false"
        duration,   ///< an amount with a unit; `duration` holds it
        regex,      ///< /pattern/ (flag `i` = icase); `text` is the pattern
    };
    Kind kind = Kind::string;
    std::string text;
    double number = 0;
    Duration duration;
    bool icase = false;

    /// The comparable text of a string, identifier, number or boolean.
    const std::string& str() const noexcept { return text; }

    static Literal string_value(std::string s);
    static Literal identifier(std::string s);
    /// A number; `text` becomes the shortest form that reads back as `v`.
    static Literal number_value(double v);
    static Literal boolean(bool b);
    static Literal duration_value(Duration d);
    static Literal regex(std::string pattern, bool icase = false);

    friend bool operator==(const Literal&, const Literal&) = default;
};

/// One test on an event: `field op value(s)`.
struct Predicate {
    EventField field = EventField::activity;
    std::string attribute; ///< attribute name when field == attribute
    CompareOp op = CompareOp::eq;
    std::vector<Literal> values; ///< one value; a list for in / not in; none for exists / missing
    friend bool operator==(const Predicate&, const Predicate&) = default;
};

/// A conjunction of predicates; empty means "every event".
struct Condition {
    std::vector<Predicate> all;
    bool empty() const noexcept { return all.empty(); }
    friend bool operator==(const Condition&, const Condition&) = default;
};

/// A rule binding raw events to a touchpoint. When rules of several touchpoints match
/// one event, the rule with the highest priority wins; among equal priorities the
/// rule written first (touchpoints in model order, rules in order) wins.
struct MatchRule {
    Condition condition;
    std::int32_t priority = 0;
    friend bool operator==(const MatchRule&, const MatchRule&) = default;
};

// ---------------------------------------------------------------------------
// Selectors: which events of a journey an SLA clock, milestone or measure uses

/// Selects events of one journey.
struct Selector {
    enum class Kind : std::uint8_t {
        none,        ///< not given (a default applies; see where it is used)
        touchpoint,  ///< events bound to touchpoint `name`
        event_class, ///< events of EventClass `name`
        events,      ///< events meeting `condition`
        attribute, ///< the time held by attribute `name` (case attribute, else first event with it)
        start,     ///< the journey's start milestone event
        end,       ///< the journey's end milestone event
        later,     ///< the later of the instants of `operands` (one instant, no events)
    };
    /// Which of the selected events counts where one instant is needed.
    enum class Pick : std::uint8_t { first, last };

    Kind kind = Kind::none;
    Pick pick = Pick::first;
    std::string name;
    Condition condition;
    /// For `later`: the selectors whose instants are compared (two or more; a missing
    /// instant is skipped, so the later of the ones present counts).
    std::vector<Selector> operands;

    bool given() const noexcept { return kind != Kind::none; }
    friend bool operator==(const Selector&, const Selector&) = default;
};

/// Whether a duration counts elapsed time or working time of a calendar.
enum class TimeBasis : std::uint8_t {
    calendar, ///< elapsed (wall-clock) time
    business, ///< working time of a Calendar (hours, days off, holidays)
};

/// Red/amber/green thresholds on a share of instances (0–100 %). Green when the share
/// is >= target_percent, amber when >= amber_percent, red otherwise.
struct Thresholds {
    double target_percent = 0;
    std::optional<double> amber_percent;

    enum class Status : std::uint8_t { green, amber, red };
    /// Status of a share given as a fraction in [0, 1].
    Status status(double fraction) const noexcept;

    friend bool operator==(const Thresholds&, const Thresholds&) = default;
};

/// "green", "amber", "red".
JOURNEY_API std::string_view status_name(Thresholds::Status s) noexcept;

// ---------------------------------------------------------------------------
// Touchpoints

/// An interval during which an SLA clock does not run: from an event matching `from`
/// to the next event matching `to`.
struct Pause {
    Selector from;
    Selector to;
    friend bool operator==(const Pause&, const Pause&) = default;
};

/// An SLA clock of a touchpoint.
///
/// Intended semantics (the scorecard implements them): within a journey, an instance
/// starts at an event selected by `from` (default: each event bound to the
/// touchpoint); a later `from` event while it is open restarts it (resubmission,
/// resend); it stops at the first later event selected by `to`. Its time is elapsed or working time (basis), minus pauses;
/// it met the SLA when that time is <= `within` (for working days: when the stop is no
/// later than BusinessCalendar::working_days_deadline()). Instances still open when
/// the journey's events end are censored. Attainment = met / stopped instances.
struct Sla {
    std::string id;    ///< optional name, unique within the touchpoint
    std::string label; ///< optional
    Selector from;     ///< start selector; kind none = the touchpoint's own events
    Selector to;       ///< stop selector; required (the checker reports its absence)
    Duration within;   ///< target duration
    TimeBasis basis = TimeBasis::calendar; ///< always business for working days
    /// Calendar for business time; empty = the owning department's calendar.
    std::string calendar;
    std::vector<Pause> pauses;
    std::optional<Thresholds> target; ///< attainment target (e.g. 90 %)
    friend bool operator==(const Sla&, const Sla&) = default;
};

/// A touchpoint KPI: the share of the touchpoint's events matching `scope` (default:
/// all its events) that also meet `condition`, e.g. calls answered within 20 s.
struct Kpi {
    std::string id;
    std::string label;
    Condition condition;
    Condition scope;
    std::optional<Thresholds> target;
    friend bool operator==(const Kpi&, const Kpi&) = default;
};

/// A designed step of the journey, owned by a department, on one or more channels.
struct Touchpoint {
    std::string id;
    std::string label;
    std::string stage;                  ///< id of its Stage; empty when outside any stage
    std::string owner;                  ///< id of the owning Department
    std::vector<std::string> co_owners; ///< other departments taking part
    std::vector<std::string> channels;  ///< channel names, e.g. phone, web, letter
    /// Designed (every journey should have it) or ad hoc (failure-driven, e.g. a
    /// status-chase call or a complaint).
    bool designed = true;
    /// Invisible to the customer (a back-office step).
    bool hidden = false;
    std::vector<MatchRule> match;
    std::vector<Sla> slas;
    std::vector<Kpi> kpis;
    friend bool operator==(const Touchpoint&, const Touchpoint&) = default;
};

// ---------------------------------------------------------------------------
// Organisation

/// A department (process owner) or an external party.
struct Department {
    std::string id;
    std::string label;
    std::int32_t lane = 0; ///< swimlane order on maps, 1 = top; 0 = not set
    std::string color;     ///< "#rrggbb" for maps; empty = not set
    std::string calendar;  ///< id of its working Calendar; empty = none
    bool external = false; ///< an external party (network operator, contractor)
    friend bool operator==(const Department&, const Department&) = default;
};

/// A stage of the journey (a column of the map).
struct Stage {
    std::string id;
    std::string label;
    /// Stages this one follows. Empty: it follows the stage written before it (the
    /// first stage follows none).
    std::vector<std::string> after;
    friend bool operator==(const Stage&, const Stage&) = default;
};

// ---------------------------------------------------------------------------
// Event classes and work objects

/// What an event class means to the analyses.
enum class ClassRole : std::uint8_t {
    none,           ///< a class of its own, for selectors and outcomes
    non_work,       ///< not work: customer actions, automated messages, marketing, surveys
    return_,        ///< work returned or rejected to the sender ("return")
    correction,     ///< rework of a customer-facing output: cancel, rebill, re-visit
    failure_demand, ///< customer contact caused by a failure
    value_demand,   ///< customer contact the journey needs
    data_request,   ///< asking the customer again for data they already gave ("re-ask")
    complaint,      ///< complaint
    transfer,       ///< transfer between departments or queues within one contact
    survey,         ///< survey sent or answered (a measurement)
    batch,          ///< batch activity whose waits are policy, not queue
};

/// The DSL name of a role: "none", "non_work", "return", "correction", ...
JOURNEY_API std::string_view role_name(ClassRole r) noexcept;
/// Parses a role name as above. @returns nullopt for an unknown name.
JOURNEY_API std::optional<ClassRole> parse_role(std::string_view s) noexcept;

/// A named set of events: the events that meet any of the conditions.
struct EventClass {
    std::string id;
    std::string label;
    ClassRole role = ClassRole::none;
    std::vector<Condition> any;
    friend bool operator==(const EventClass&, const EventClass&) = default;
};

/// How an event names an object of a type.
enum class ObjectNaming : std::uint8_t {
    link,      ///< an object link (OCEL) whose type is `key`
    attribute, ///< the value of the event attribute `key` is the object id
    pair,      ///< the attributes ObjectColumns::type_attribute == `key`, id in id_attribute
};

/// A type of work object (account, premise, meter, bill, order, ...).
struct ObjectType {
    std::string id;
    std::string label;
    ObjectNaming naming = ObjectNaming::link;
    /// Link type, attribute name or type value (see ObjectNaming); empty means `id`.
    std::string key;
    /// key, or id when key is empty.
    const std::string& effective_key() const noexcept { return key.empty() ? id : key; }
    friend bool operator==(const ObjectType&, const ObjectType&) = default;
};

/// Attribute names for ObjectNaming::pair.
struct ObjectColumns {
    std::string type_attribute = "object_type";
    std::string id_attribute = "object_id";
    friend bool operator==(const ObjectColumns&, const ObjectColumns&) = default;
};

/// How events are grouped into journey instances.
struct JourneyKey {
    enum class Kind : std::uint8_t {
        case_id,   ///< the log's case id
        attribute, ///< the value of attribute `name`
        object,    ///< the object of ObjectType `name`
    };
    Kind kind = Kind::case_id;
    std::string name;
    friend bool operator==(const JourneyKey&, const JourneyKey&) = default;
};

/// An attribute to slice every result by.
struct Segment {
    enum class Kind : std::uint8_t {
        field,     ///< a core field (`field`) of the selected event
        attribute, ///< attribute `attribute` of the selected event (or the case)
        month,     ///< the month (YYYY-MM, UTC) of the selected event
        weekday,   ///< the weekday (mon..sun, UTC) of the selected event
    };
    std::string id;
    std::string label;
    Kind kind = Kind::field;
    EventField field = EventField::channel;
    std::string attribute;
    Selector of; ///< which event; kind none = the journey's start milestone
    friend bool operator==(const Segment&, const Segment&) = default;
};

// ---------------------------------------------------------------------------
// Journey outcomes

/// A per-journey quantity.
struct Measure {
    enum class Kind : std::uint8_t {
        duration,  ///< time from `from` to the first `to` at or after it (calendar or working)
        count,     ///< number of events selected by `from` (optionally inside a window)
        time,      ///< the instant of the event selected by `from`
        attribute, ///< the value of attribute `attribute` (case, else last event with it)
        exists,    ///< whether `from` selects any event (a boolean check)
    };
    Kind kind = Kind::count;
    Selector from;
    Selector to;
    TimeBasis basis = TimeBasis::calendar; ///< for duration
    std::string calendar;                  ///< for a business duration; empty = none given
    std::optional<Duration> window;        ///< count: only events within this time ...
    Selector window_after;                 ///< ... after the instant of this selector
    std::string attribute;
    friend bool operator==(const Measure&, const Measure&) = default;
};

/// One check of an outcome: `lhs op rhs`, or `exists(...)` alone (op == exists).
/// The right side is a literal (number, duration, string) or another measure plus an
/// optional offset (e.g. `time(service_live) <= attr promised_date + 1d`).
struct Check {
    Measure lhs;
    CompareOp op = CompareOp::exists;
    std::optional<Literal> value;
    std::optional<Measure> rhs;
    std::optional<Duration> offset; ///< added to rhs (negative value subtracts)
    friend bool operator==(const Check&, const Check&) = default;
};

/// A journey outcome: per journey, all checks must hold. Journeys where a `when`
/// check fails are not counted (e.g. not surveyed). The journey is green ("J = 1") when
/// every non-lagging outcome holds; lagging outcomes (churn) are reported separately.
struct Outcome {
    std::string id;
    std::string label;
    std::vector<Check> all;
    std::vector<Check> when;
    std::optional<Thresholds> target; ///< share of counted journeys meeting it
    bool lagging = false;
    friend bool operator==(const Outcome&, const Outcome&) = default;
};

// ---------------------------------------------------------------------------
// Designed order

/// The designed order of touchpoints as a process tree.
struct OrderNode {
    enum class Kind : std::uint8_t {
        touchpoint,   ///< leaf: `touchpoint`
        sequence,     ///< children one after another (`a -> b`)
        parallel,     ///< children in any interleaving (`a & b`)
        choice,       ///< exactly one child (`a | b`)
        optional,     ///< the child or nothing (`a?`)
        one_or_more,  ///< the child repeated (`a+`)
        zero_or_more, ///< optional and repeated (`a*`)
    };
    Kind kind = Kind::touchpoint;
    std::string touchpoint;
    std::vector<OrderNode> children;

    static OrderNode leaf(std::string touchpoint_id);
    static OrderNode node(Kind kind, std::vector<OrderNode> children);

    /// Touchpoint ids of the leaves, left to right.
    std::vector<std::string> touchpoints() const;

    /// The designed steps: pairs of touchpoint ids (a, b) where b can come right after
    /// a in a journey that follows this order (skipping optional parts); no steps
    /// between parallel branches. Each pair once, in order of discovery.
    std::vector<std::pair<std::string, std::string>> designed_steps() const;

    friend bool operator==(const OrderNode&, const OrderNode&) = default;
};

// ---------------------------------------------------------------------------
// The journey

/// A designed journey (see the file comment).
struct Journey {
    std::string name;
    std::string promise; ///< the promise to the customer, in words
    JourneyKey key;
    Selector start; ///< start milestone (a touchpoint, class or event condition)
    Selector end;   ///< end milestone
    /// The end milestone event counts only if no event selected by `end_unless`
    /// follows it within `lookahead` (e.g. no cancel/rebill within 60 days); otherwise
    /// the next end milestone event is tried. kind none = no look-ahead.
    Selector end_unless;
    Duration lookahead;
    std::string source_attribute = "source";    ///< attribute naming the source system
    std::string actor_attribute = "actor_type"; ///< attribute naming the actor type
    ObjectColumns object_columns;

    std::vector<Calendar> calendars;
    std::vector<Department> departments;
    std::vector<Stage> stages;
    /// Grouped by stage in stage order (touchpoints outside stages last), in the order
    /// written within a stage (the DSL compiler orders them so).
    std::vector<Touchpoint> touchpoints;
    std::vector<EventClass> classes;
    std::vector<ObjectType> object_types;
    std::vector<Segment> segments;
    std::vector<Outcome> outcomes;
    std::optional<OrderNode> order;    ///< designed order; see designed_order()
    std::optional<Thresholds> success; ///< target share of green journeys (inside health)

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    const Calendar* find_calendar(std::string_view id) const noexcept;
    const Department* find_department(std::string_view id) const noexcept;
    const Stage* find_stage(std::string_view id) const noexcept;
    const Touchpoint* find_touchpoint(std::string_view id) const noexcept;
    const EventClass* find_class(std::string_view id) const noexcept;
    const ObjectType* find_object_type(std::string_view id) const noexcept;
    const Segment* find_segment(std::string_view id) const noexcept;
    const Outcome* find_outcome(std::string_view id) const noexcept;

    /// Index of a touchpoint in `touchpoints`, or npos.
    std::size_t touchpoint_index(std::string_view id) const noexcept;
    /// Index of a department in `departments`, or npos.
    std::size_t department_index(std::string_view id) const noexcept;
    /// Index of a class in `classes`, or npos.
    std::size_t class_index(std::string_view id) const noexcept;

    /// Indices of the touchpoints of a stage, in order.
    std::vector<std::size_t> touchpoints_in_stage(std::string_view stage_id) const;
    /// Indices of the classes with this role.
    std::vector<std::size_t> classes_with_role(ClassRole role) const;
    /// Ids of the stages stage `index` follows (Stage::after, or the previous stage).
    std::vector<std::string> stage_predecessors(std::size_t index) const;
    /// Department indices sorted by (lane, then order written); lane 0 goes last.
    std::vector<std::size_t> departments_by_lane() const;
    /// The calendar an SLA runs on: its own, else its touchpoint owner's; nullptr if none.
    const Calendar* sla_calendar(const Touchpoint& tp, const Sla& sla) const noexcept;
    /// The explicit order, or by default the designed touchpoints in model order as a
    /// sequence (nullopt when there are none).
    std::optional<OrderNode> designed_order() const;

    friend bool operator==(const Journey&, const Journey&) = default;
};

} // namespace journey
