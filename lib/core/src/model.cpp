#include <journey/core/model.hpp>

#include <algorithm>
#include <array>
#include <charconv>

namespace journey {

std::string_view field_name(EventField f) noexcept {
    switch (f) {
    case EventField::activity:
        return "activity";
    case EventField::resource:
        return "resource";
    case EventField::department:
        return "department";
    case EventField::channel:
        return "channel";
    case EventField::lifecycle:
        return "lifecycle";
    case EventField::source:
        return "source";
    case EventField::actor:
        return "actor";
    case EventField::touchpoint:
        return "touchpoint";
    case EventField::object:
        return "object";
    case EventField::attribute:
        return "attr";
    }
    return "activity";
}

std::string_view op_text(CompareOp op) noexcept {
    switch (op) {
    case CompareOp::eq:
        return "=";
    case CompareOp::ne:
        return "!=";
    case CompareOp::lt:
        return "<";
    case CompareOp::le:
        return "<=";
    case CompareOp::gt:
        return ">";
    case CompareOp::ge:
        return ">=";
    case CompareOp::in:
        return "in";
    case CompareOp::not_in:
        return "not in";
    case CompareOp::matches:
        return "~";
    case CompareOp::not_matches:
        return "!~";
    case CompareOp::exists:
        return "exists";
    case CompareOp::missing:
        return "missing";
    }
    return "=";
}

Literal Literal::string_value(std::string s) {
    Literal l;
    l.kind = Kind::string;
    l.text = std::move(s);
    return l;
}

Literal Literal::identifier(std::string s) {
    Literal l;
    l.kind = Kind::identifier;
    l.text = std::move(s);
    return l;
}

Literal Literal::number_value(double v) {
    Literal l;
    l.kind = Kind::number;
    l.number = v;
    char buf[400];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    l.text.assign(buf, r.ec == std::errc{} ? r.ptr : buf);
    return l;
}

Literal Literal::boolean(bool b) {
    Literal l;
    l.kind = Kind::boolean;
    l.text = b ? "true" : "false";
    return l;
}

Literal Literal::duration_value(Duration d) {
    Literal l;
    l.kind = Kind::duration;
    l.duration = d;
    l.text = format_duration(d);
    return l;
}

Literal Literal::regex(std::string pattern, bool icase) {
    Literal l;
    l.kind = Kind::regex;
    l.text = std::move(pattern);
    l.icase = icase;
    return l;
}

Thresholds::Status Thresholds::status(double fraction) const noexcept {
    const double percent = fraction * 100.0;
    if (percent >= target_percent) {
        return Status::green;
    }
    if (amber_percent && percent >= *amber_percent) {
        return Status::amber;
    }
    return Status::red;
}

std::string_view status_name(Thresholds::Status s) noexcept {
    switch (s) {
    case Thresholds::Status::green:
        return "green";
    case Thresholds::Status::amber:
        return "amber";
    case Thresholds::Status::red:
        return "red";
    }
    return "red";
}

namespace {

constexpr std::array<std::pair<ClassRole, std::string_view>, 11> role_names{{
    {ClassRole::none, "none"},
    {ClassRole::non_work, "non_work"},
    {ClassRole::return_, "return"},
    {ClassRole::correction, "correction"},
    {ClassRole::failure_demand, "failure_demand"},
    {ClassRole::value_demand, "value_demand"},
    {ClassRole::data_request, "data_request"},
    {ClassRole::complaint, "complaint"},
    {ClassRole::transfer, "transfer"},
    {ClassRole::survey, "survey"},
    {ClassRole::batch, "batch"},
}};

template <typename T> const T* find_by_id(const std::vector<T>& items, std::string_view id) {
    for (const T& item : items) {
        if (item.id == id) {
            return &item;
        }
    }
    return nullptr;
}

template <typename T> std::size_t index_by_id(const std::vector<T>& items, std::string_view id) {
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].id == id) {
            return i;
        }
    }
    return Journey::npos;
}

void collect_leaves(const OrderNode& n, std::vector<std::string>& out) {
    if (n.kind == OrderNode::Kind::touchpoint) {
        out.push_back(n.touchpoint);
        return;
    }
    for (const OrderNode& c : n.children) {
        collect_leaves(c, out);
    }
}

} // namespace

std::string_view role_name(ClassRole r) noexcept {
    for (const auto& [role, name] : role_names) {
        if (role == r) {
            return name;
        }
    }
    return "none";
}

std::optional<ClassRole> parse_role(std::string_view s) noexcept {
    for (const auto& [role, name] : role_names) {
        if (name == s) {
            return role;
        }
    }
    return std::nullopt;
}

OrderNode OrderNode::leaf(std::string touchpoint_id) {
    OrderNode n;
    n.kind = Kind::touchpoint;
    n.touchpoint = std::move(touchpoint_id);
    return n;
}

OrderNode OrderNode::node(Kind kind, std::vector<OrderNode> children) {
    OrderNode n;
    n.kind = kind;
    n.children = std::move(children);
    return n;
}

std::vector<std::string> OrderNode::touchpoints() const {
    std::vector<std::string> out;
    collect_leaves(*this, out);
    return out;
}

const Calendar* Journey::find_calendar(std::string_view id) const noexcept {
    return find_by_id(calendars, id);
}
const Department* Journey::find_department(std::string_view id) const noexcept {
    return find_by_id(departments, id);
}
const Stage* Journey::find_stage(std::string_view id) const noexcept {
    return find_by_id(stages, id);
}
const Touchpoint* Journey::find_touchpoint(std::string_view id) const noexcept {
    return find_by_id(touchpoints, id);
}
const EventClass* Journey::find_class(std::string_view id) const noexcept {
    return find_by_id(classes, id);
}
const ObjectType* Journey::find_object_type(std::string_view id) const noexcept {
    return find_by_id(object_types, id);
}
const Segment* Journey::find_segment(std::string_view id) const noexcept {
    return find_by_id(segments, id);
}
const Outcome* Journey::find_outcome(std::string_view id) const noexcept {
    return find_by_id(outcomes, id);
}

std::size_t Journey::touchpoint_index(std::string_view id) const noexcept {
    return index_by_id(touchpoints, id);
}
std::size_t Journey::department_index(std::string_view id) const noexcept {
    return index_by_id(departments, id);
}
std::size_t Journey::class_index(std::string_view id) const noexcept {
    return index_by_id(classes, id);
}

std::vector<std::size_t> Journey::touchpoints_in_stage(std::string_view stage_id) const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < touchpoints.size(); ++i) {
        if (touchpoints[i].stage == stage_id) {
            out.push_back(i);
        }
    }
    return out;
}

std::vector<std::size_t> Journey::classes_with_role(ClassRole role) const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < classes.size(); ++i) {
        if (classes[i].role == role) {
            out.push_back(i);
        }
    }
    return out;
}

std::vector<std::string> Journey::stage_predecessors(std::size_t index) const {
    if (index >= stages.size()) {
        return {};
    }
    if (!stages[index].after.empty()) {
        return stages[index].after;
    }
    if (index == 0) {
        return {};
    }
    return {stages[index - 1].id};
}

std::vector<std::size_t> Journey::departments_by_lane() const {
    std::vector<std::size_t> out(departments.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = i;
    }
    std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
        const std::int32_t la = departments[a].lane;
        const std::int32_t lb = departments[b].lane;
        if ((la == 0) != (lb == 0)) {
            return lb == 0;
        }
        return la < lb;
    });
    return out;
}

const Calendar* Journey::sla_calendar(const Touchpoint& tp, const Sla& sla) const noexcept {
    if (!sla.calendar.empty()) {
        return find_calendar(sla.calendar);
    }
    const Department* owner = find_department(tp.owner);
    if (owner == nullptr || owner->calendar.empty()) {
        return nullptr;
    }
    return find_calendar(owner->calendar);
}

std::optional<OrderNode> Journey::designed_order() const {
    if (order) {
        return order;
    }
    std::vector<OrderNode> leaves;
    for (const Touchpoint& tp : touchpoints) {
        if (tp.designed) {
            leaves.push_back(OrderNode::leaf(tp.id));
        }
    }
    if (leaves.empty()) {
        return std::nullopt;
    }
    if (leaves.size() == 1) {
        return leaves.front();
    }
    return OrderNode::node(OrderNode::Kind::sequence, std::move(leaves));
}

namespace {

// First and last touchpoints of an order node and whether it can be skipped; the
// designed steps inside it are collected on the way.
struct OrderEnds {
    std::vector<std::string> first, last;
    bool nullable = false;
};

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& from) {
    for (const std::string& s : from) {
        if (std::find(to.begin(), to.end(), s) == to.end()) {
            to.push_back(s);
        }
    }
}

OrderEnds collect_steps(const OrderNode& node,
                        std::vector<std::pair<std::string, std::string>>& steps) {
    using Kind = OrderNode::Kind;
    OrderEnds ends;
    switch (node.kind) {
    case Kind::touchpoint:
        ends.first = ends.last = {node.touchpoint};
        return ends;
    case Kind::sequence: {
        std::vector<OrderEnds> parts;
        for (const OrderNode& c : node.children) {
            parts.push_back(collect_steps(c, steps));
        }
        ends.nullable = true;
        for (std::size_t i = 0; i < parts.size(); ++i) {
            if (ends.nullable) {
                add_unique(ends.first, parts[i].first);
            }
            ends.nullable = ends.nullable && parts[i].nullable;
            // Steps from part i to every later part reachable by skipping nullable ones.
            for (std::size_t j = i + 1; j < parts.size(); ++j) {
                for (const std::string& a : parts[i].last) {
                    for (const std::string& b : parts[j].first) {
                        const auto step = std::make_pair(a, b);
                        if (std::find(steps.begin(), steps.end(), step) == steps.end()) {
                            steps.push_back(step);
                        }
                    }
                }
                if (!parts[j].nullable) {
                    break;
                }
            }
        }
        bool tail_nullable = true;
        for (std::size_t i = parts.size(); i-- > 0 && tail_nullable;) {
            add_unique(ends.last, parts[i].last);
            tail_nullable = parts[i].nullable;
        }
        return ends;
    }
    case Kind::parallel:
    case Kind::choice: {
        ends.nullable = node.kind != Kind::choice;
        for (const OrderNode& c : node.children) {
            const OrderEnds part = collect_steps(c, steps);
            add_unique(ends.first, part.first);
            add_unique(ends.last, part.last);
            ends.nullable = node.kind == Kind::choice ? (ends.nullable || part.nullable)
                                                      : (ends.nullable && part.nullable);
        }
        return ends;
    }
    case Kind::optional:
    case Kind::one_or_more:
    case Kind::zero_or_more: {
        for (const OrderNode& c : node.children) {
            const OrderEnds part = collect_steps(c, steps);
            add_unique(ends.first, part.first);
            add_unique(ends.last, part.last);
            ends.nullable = part.nullable;
        }
        ends.nullable = ends.nullable || node.kind != Kind::one_or_more;
        return ends;
    }
    }
    return ends;
}

} // namespace

std::vector<std::pair<std::string, std::string>> OrderNode::designed_steps() const {
    std::vector<std::pair<std::string, std::string>> steps;
    collect_steps(*this, steps);
    return steps;
}

} // namespace journey
