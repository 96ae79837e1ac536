#pragma once
// Hand-built move-house fragments for the handoff and contact-centre tests: events as
// rows, and a journey spec built in code (departments with an office calendar, event
// classes with roles, work objects named by object links).

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <journey/core/binding.hpp>
#include <journey/core/event_log_builder.hpp>
#include <journey/core/model.hpp>
#include <journey/miners/handoff_context.hpp>

namespace journey::test {

/// One event row. Times are "YYYY-MM-DDThh:mm" (UTC); 2024-01-01 is a Monday.
struct Row {
    std::string case_id;
    std::string time;
    std::string activity;
    std::string department;
    std::string object_type; ///< empty: no object
    std::string object_id;
    std::string resource = {};
    std::string lifecycle = {};
    std::string actor = {};   ///< attribute actor_type
    std::string channel = {};
    std::string reason = {};  ///< attribute reason
    std::string disposition = {};
    std::int64_t wait_s = -1; ///< attribute wait_s (integer), -1 = none
    std::vector<std::pair<std::string, std::string>> attrs = {}; ///< more string attributes
};

inline Timestamp at(const std::string& t) {
    const auto ts = parse_iso8601(t + "Z");
    return ts ? *ts : no_timestamp;
}

inline EventLog make_log(const std::vector<Row>& rows) {
    EventLogBuilder b;
    // Attribute columns are created on first use, so a log without reasons has none.
    std::optional<EventLogBuilder::AttrHandle> actor, reason, disposition, wait;
    const auto handle = [&](std::optional<EventLogBuilder::AttrHandle>& h, const char* key,
                            AttrType type) {
        if (!h) {
            h = b.event_attribute(key, type);
        }
        return *h;
    };
    for (const Row& r : rows) {
        EventFields f;
        f.activity = b.activities().insert(r.activity);
        f.department = b.departments().insert(r.department);
        f.resource = b.resources().insert(r.resource);
        f.channel = b.channels().insert(r.channel);
        f.lifecycle = b.lifecycles().insert(r.lifecycle.empty() ? "complete" : r.lifecycle);
        f.timestamp = at(r.time);
        b.add_event(r.case_id, f);
        if (!r.object_type.empty()) {
            b.add_object(r.object_type, r.object_id);
        }
        if (!r.actor.empty()) {
            b.set_string(handle(actor, "actor_type", AttrType::string), r.actor);
        }
        if (!r.reason.empty()) {
            b.set_string(handle(reason, "reason", AttrType::string), r.reason);
        }
        if (!r.disposition.empty()) {
            b.set_string(handle(disposition, "disposition", AttrType::string), r.disposition);
        }
        if (r.wait_s >= 0) {
            b.set(handle(wait, "wait_s", AttrType::integer), r.wait_s);
        }
        for (const auto& [key, value] : r.attrs) {
            b.set_string(b.event_attribute(key, AttrType::string), value);
        }
    }
    return b.finish();
}

inline Predicate pred(EventField f, CompareOp op, std::initializer_list<std::string> values,
                      std::string attribute = {}) {
    Predicate p;
    p.field = f;
    p.op = op;
    p.attribute = std::move(attribute);
    for (const std::string& v : values) {
        p.values.push_back(op == CompareOp::matches ? Literal::regex(v, true)
                                                    : Literal::string_value(v));
    }
    return p;
}

inline EventClass event_class(std::string id, ClassRole role, std::vector<Condition> any) {
    EventClass c;
    c.id = std::move(id);
    c.role = role;
    c.any = std::move(any);
    return c;
}

inline Condition when(std::initializer_list<Predicate> ps) {
    Condition c;
    c.all = ps;
    return c;
}

/// The move-house fragment spec: departments CS, DIG, MIMO, MET, BIL, PAY, COM, MKG on an
/// office calendar (Mon-Fri 08:00-18:00 UTC), classes with roles, objects by link type,
/// end milestone = class first_bill.
inline Journey move_house_spec() {
    Journey j;
    j.name = "move house (test)";
    Calendar office;
    office.id = "office";
    WorkingHours wh;
    wh.days.push_back({Weekday::mon, Weekday::fri});
    wh.times.push_back({8 * 60, 18 * 60});
    office.hours.push_back(wh);
    j.calendars.push_back(office);
    for (const char* d : {"CS", "DIG", "MIMO", "MET", "BIL", "PAY", "COM", "MKG"}) {
        Department dep;
        dep.id = d;
        dep.calendar = "office";
        j.departments.push_back(dep);
    }
    using F = EventField;
    using O = CompareOp;
    j.classes.push_back(event_class(
        "nonwork", ClassRole::non_work,
        {when({pred(F::department, O::in, {"COM", "MKG"})}), when({pred(F::actor, O::eq, {"customer"})})}));
    j.classes.push_back(event_class("outbound", ClassRole::none,
                                    {when({pred(F::department, O::eq, {"COM"})})}));
    j.classes.push_back(event_class("returns", ClassRole::return_,
                                    {when({pred(F::activity, O::matches, {"returned|rejected"})})}));
    j.classes.push_back(event_class("reask", ClassRole::data_request,
                                    {when({pred(F::activity, O::eq, {"Move details requested"})})}));
    j.classes.push_back(event_class(
        "corrections", ClassRole::correction,
        {when({pred(F::activity, O::in, {"Bill cancelled", "Rebill issued"})})}));
    j.classes.push_back(event_class(
        "batch", ClassRole::batch,
        {when({pred(F::activity, O::in, {"Read estimated", "First bill issued"})})}));
    j.classes.push_back(event_class(
        "value", ClassRole::value_demand,
        {when({pred(F::activity, O::in, {"Call answered", "Chat answered", "Move form submitted"}),
               pred(F::attribute, O::in, {"move notification", "move date change"}, "reason")})}));
    j.classes.push_back(event_class(
        "failure", ClassRole::failure_demand,
        {when({pred(F::activity, O::in, {"Call answered", "Chat answered"}),
               pred(F::attribute, O::not_in, {"move notification", "move date change"}, "reason")})}));
    j.classes.push_back(event_class("transfer", ClassRole::transfer,
                                    {when({pred(F::activity, O::eq, {"Call transferred"})})}));
    j.classes.push_back(event_class("abandoned", ClassRole::none,
                                    {when({pred(F::activity, O::eq, {"Call abandoned"})})}));
    j.classes.push_back(event_class("first_bill", ClassRole::none,
                                    {when({pred(F::activity, O::eq, {"First bill issued"})})}));
    j.end.kind = Selector::Kind::event_class;
    j.end.name = "first_bill";
    for (const char* t : {"MoveRequest", "Dispute", "Bill", "MeterRead", "Contact", "Account"}) {
        ObjectType ot;
        ot.id = t;
        ot.naming = ObjectNaming::link;
        j.object_types.push_back(ot);
    }
    return j;
}

inline miners::HandoffContext spec_context(const Journey& j, const EventLog& log) {
    return miners::make_handoff_context(j, log, bind(j, log));
}

} // namespace journey::test
