#pragma once
// Private: the per-journey evaluation engine behind JourneyEvaluator. It binds the
// log once (bind() of the spec plus one synthetic class per selector condition, so
// that selectors reuse the binding's condition semantics exactly), then evaluates one
// case at a time into a CaseEval, reusing per-thread scratch buffers.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <journey/core/binding.hpp>
#include <journey/core/calendar.hpp>
#include <journey/core/event_log.hpp>
#include <journey/core/model.hpp>
#include <journey/miners/outcomes.hpp>

#include "parallel.hpp"

namespace journey::miners::detail {

inline constexpr std::uint32_t none32 = 0xFFFFFFFFu;
inline constexpr Timestamp far_future = std::numeric_limits<Timestamp>::max();

/// Role bits of an event (from the classes it is in).
namespace role_bit {
inline constexpr std::uint16_t non_work = 1;
inline constexpr std::uint16_t return_ = 2;
inline constexpr std::uint16_t correction = 4;
inline constexpr std::uint16_t failure_demand = 8;
inline constexpr std::uint16_t value_demand = 16;
inline constexpr std::uint16_t data_request = 32;
inline constexpr std::uint16_t complaint = 64;
inline constexpr std::uint16_t transfer = 128;
inline constexpr std::uint16_t survey = 256;
inline constexpr std::uint16_t batch = 512;
/// Failure markers for the first-failure analysis (domain §3.5).
inline constexpr std::uint16_t marker = return_ | correction | failure_demand | data_request | complaint;
/// Events that are not work for handoff analysis.
inline constexpr std::uint16_t not_work = non_work | survey;
} // namespace role_bit

std::uint16_t bit_of(ClassRole r) noexcept;

/// Columns of one attribute name (every type), event and case level.
struct AttrRef {
    std::string name;
    std::vector<const AttrColumn*> event_columns;
    std::vector<const AttrColumn*> case_columns;
    bool empty() const noexcept { return event_columns.empty() && case_columns.empty(); }
};

/// A value of a measure or attribute.
struct Value {
    enum class Kind : std::uint8_t { none, number, duration, time, text, flag };
    Kind kind = Kind::none;
    double number = 0;
    std::int64_t micros = 0; ///< duration length (working or elapsed) or time
    Timestamp from = 0;      ///< duration: its start
    Timestamp to = 0;        ///< duration: its end (far_future when infinite)
    bool infinite = false;   ///< duration whose end never happened
    bool flag = false;
    std::string text;
    const BusinessCalendar* calendar = nullptr; ///< duration: for working-day literals
};

struct SelectorRef {
    Selector::Kind kind = Selector::Kind::none;
    Selector::Pick pick = Selector::Pick::first;
    std::uint32_t slot = 0; ///< touchpoint index, or class/synthetic slot
    bool unknown = false;   ///< names a touchpoint or class the spec lacks
    AttrRef attribute;      ///< Kind::attribute
    std::vector<SelectorRef> operands; ///< Kind::later
};

struct MeasurePlan {
    Measure::Kind kind = Measure::Kind::count;
    SelectorRef from;
    SelectorRef to;
    SelectorRef window_after;
    std::optional<Duration> window;
    bool business = false;
    const BusinessCalendar* calendar = nullptr;
    AttrRef attribute;
};

struct CheckPlan {
    MeasurePlan lhs;
    CompareOp op = CompareOp::exists;
    std::optional<Literal> value;
    std::optional<MeasurePlan> rhs;
    std::optional<Duration> offset;
};

struct OutcomePlan {
    std::vector<CheckPlan> all;
    std::vector<CheckPlan> when;
    bool lagging = false;
};

struct SlaPlan {
    std::uint32_t measure = 0;
    std::uint32_t touchpoint = 0;
    SelectorRef from; ///< kind none: the touchpoint's events
    SelectorRef to;   ///< kind none: the touchpoint's events
    std::vector<std::pair<SelectorRef, SelectorRef>> pauses;
    const BusinessCalendar* calendar = nullptr;
    bool business = false;
    Duration within;
};

struct KpiPlan {
    std::uint32_t measure = 0;
    std::uint32_t scope_slot = 0;
    std::uint32_t met_slot = 0;
};

struct SegmentPlan {
    Segment::Kind kind = Segment::Kind::field;
    EventField field = EventField::channel;
    AttrRef attribute;
    SelectorRef of;
};

/// An object source: how events name objects of one type.
struct ObjectSource {
    std::string name; ///< object type id (spec) or link type name (log)
    ObjectNaming naming = ObjectNaming::link;
    Id link_type = StringTable::not_found;
    std::vector<const AttrColumn*> id_columns;   ///< attribute naming: columns of the key
    std::vector<const AttrColumn*> type_columns; ///< pair naming: the type columns
    Id type_value = StringTable::not_found;      ///< pair naming: the key in values()
};

/// One point of a selector in time: an event (or none32 for an attribute instant).
struct Point {
    Timestamp ts = 0;
    std::uint32_t event = none32;
};

/// The evaluation of one case.
struct CaseEval {
    std::size_t c = 0;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    JourneyState state = JourneyState::no_start;
    std::uint32_t start_event = none32;
    std::uint32_t end_event = none32;
    Timestamp start_ts = no_timestamp;
    Timestamp end_ts = no_timestamp;
    std::vector<std::int8_t> outcomes;
    double score = 0;
    std::vector<SlaInstance> instances;
    std::vector<std::uint32_t> m_instances; ///< per measure: stopped SLA instances or KPI events
    std::vector<std::uint32_t> m_met;
    std::vector<std::uint32_t> m_open;
    std::uint32_t measured = 0; ///< Σ m_instances
    std::uint32_t breaches = 0; ///< Σ (m_instances − m_met)
    double dark_share = 0;
    std::vector<std::string> segments;
    std::int64_t month = 0; ///< year·12 + month − 1 of the start (UTC)
};

/// Per-thread scratch for evaluating cases in order.
struct Scratch {
    std::size_t last_case = static_cast<std::size_t>(-1);
    std::vector<std::size_t> slot_cursor;
    std::vector<std::span<const std::uint32_t>> slot_span;
    std::vector<std::vector<std::uint32_t>> tp_events;
    std::vector<std::uint32_t> touched_tps;
    std::vector<std::uint16_t> roles; ///< per event of the case (index − begin)
    std::size_t link_cursor = 0;
    std::vector<std::size_t> column_cursor; ///< per pair type column (load_objects)
    std::vector<std::pair<std::uint64_t, std::uint32_t>> by_object; ///< (object, event)
    std::vector<std::pair<std::uint32_t, std::uint64_t>> by_event;  ///< (event, object)
    bool objects_ready = false;
    std::uint32_t milestone[2] = {0, 0};
    std::vector<Point> points_a, points_b, pause_a, pause_b;
    std::vector<std::pair<Timestamp, Timestamp>> pauses, intervals;
};

class Engine {
public:
    Engine(const Journey& spec, const EventLog& log, EvaluationOptions options);

    const Journey& spec() const noexcept { return m_spec; }
    const EventLog& log() const noexcept { return m_log; }
    const Binding& binding() const noexcept { return m_binding; }
    const EvaluationOptions& options() const noexcept { return m_options; }
    Timestamp as_of() const noexcept { return m_as_of; }
    std::int64_t correction_window() const noexcept { return m_correction_window; }
    const std::vector<MeasureInfo>& measures() const noexcept { return m_measures; }
    const std::vector<std::string>& segment_ids() const noexcept { return m_segment_ids; }
    std::size_t num_classes() const noexcept { return m_spec.classes.size(); }
    const std::vector<ObjectSource>& object_sources() const noexcept { return m_objects; }

    Scratch make_scratch() const;

    /// Evaluates case c into `out`; leaves the case's slots and roles in `s`.
    void evaluate(std::size_t c, Scratch& s, CaseEval& out) const;

    /// Objects of the case loaded by the last evaluate() (sorted both ways).
    void load_objects(const CaseEval& ev, Scratch& s) const;

    /// Whether event e (of the evaluated case) is a work event.
    bool is_work(const CaseEval& ev, const Scratch& s, std::uint32_t e) const noexcept {
        return (s.roles[e - ev.begin] & role_bit::not_work) == 0 &&
               m_log.departments()[e] != no_id;
    }

    /// The value of attribute `ref` at event e (event column, else case column).
    Value attribute_at(const AttrRef& ref, std::uint32_t e, std::size_t c) const;
    AttrRef attribute_ref(std::string_view name) const;

private:
    std::uint32_t add_condition(Journey& aug, const Condition& cond, const std::string& where);
    SelectorRef compile(Journey& aug, const Selector& s, const std::string& where);
    MeasurePlan compile(Journey& aug, const Measure& m, const std::string& where);
    const BusinessCalendar* calendar(const std::string& id);

    void load_case(std::size_t c, Scratch& s, std::uint32_t begin, std::uint32_t end) const;
    std::span<const std::uint32_t> events(const SelectorRef& r, const CaseEval& ev,
                                          Scratch& s) const;
    void points(const SelectorRef& r, const CaseEval& ev, Scratch& s,
                std::vector<Point>& out) const;
    std::optional<Timestamp> instant(const SelectorRef& r, const CaseEval& ev, Scratch& s) const;
    Value measure(const MeasurePlan& m, const CaseEval& ev, Scratch& s) const;
    /// 1 true, 0 false, -1 unknown.
    int check(const CheckPlan& k, const CaseEval& ev, Scratch& s) const;
    Value case_or_last(const AttrRef& ref, const CaseEval& ev) const;
    std::optional<Timestamp> attribute_time(const AttrRef& ref, const CaseEval& ev,
                                            std::span<const std::uint32_t> events) const;
    void milestones(Scratch& s, CaseEval& out) const;
    void sla_instances(Scratch& s, CaseEval& out) const;
    std::string segment_value(const SegmentPlan& p, const CaseEval& ev, Scratch& s) const;

    const Journey& m_spec;
    const EventLog& m_log;
    EvaluationOptions m_options;
    Binding m_binding;
    std::vector<Condition> m_conditions; ///< synthetic slots, after the spec's classes
    std::vector<std::uint16_t> m_class_bits; ///< per spec class
    Timestamp m_as_of = 0;
    std::int64_t m_correction_window = 0;
    std::deque<std::pair<std::string, BusinessCalendar>> m_calendars;
    BusinessCalendar m_always;

    SelectorRef m_start, m_end, m_unless;
    Duration m_lookahead;
    std::vector<MeasureInfo> m_measures;
    std::vector<SlaPlan> m_slas;
    std::vector<KpiPlan> m_kpis;
    std::vector<OutcomePlan> m_outcomes;
    AttrRef m_score;
    std::vector<SegmentPlan> m_segments;
    std::vector<std::string> m_segment_ids;
    std::vector<ObjectSource> m_objects;
    // Object lookup plans (see load_objects()).
    std::vector<std::uint32_t> m_link_source;  ///< per log link type: source index or none32
    std::vector<std::pair<std::uint32_t, const AttrColumn*>> m_attribute_sources;
    std::vector<const AttrColumn*> m_pair_type_columns;
    std::vector<const AttrColumn*> m_pair_id_columns;
    std::vector<std::pair<Id, std::uint32_t>> m_pair_value; ///< type value → source, sorted
};

/// a / b, NaN when b is 0.
inline double ratio(std::uint64_t a, std::uint64_t b) noexcept {
    return b == 0 ? std::numeric_limits<double>::quiet_NaN()
                  : static_cast<double>(a) / static_cast<double>(b);
}

/// "YYYY-MM" of a month index (year·12 + month − 1).
std::string month_name(std::int64_t month);

} // namespace journey::miners::detail
