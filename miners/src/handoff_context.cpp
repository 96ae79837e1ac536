#include <journey/miners/handoff_context.hpp>

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include <journey/core/error.hpp>

namespace journey::miners {

namespace {

/// Collects (event, object) pairs and turns them into the context's CSR arrays.
class ObjectCollector {
public:
    explicit ObjectCollector(std::size_t events) : m_events(events) {}

    /// The dense id of object (type, key), creating it on first use.
    std::uint32_t id(std::uint32_t type, std::uint64_t key) {
        const std::uint64_t k = (static_cast<std::uint64_t>(type) << 40) ^ key;
        auto [it, fresh] = m_ids.try_emplace(k, static_cast<std::uint32_t>(m_types.size()));
        if (fresh) {
            m_types.push_back(type);
        }
        return it->second;
    }

    void link(std::uint32_t event, std::uint32_t object) { m_pairs.emplace_back(event, object); }

    void finish(HandoffContext& ctx) {
        if (m_types.empty()) {
            return;
        }
        std::sort(m_pairs.begin(), m_pairs.end());
        m_pairs.erase(std::unique(m_pairs.begin(), m_pairs.end()), m_pairs.end());
        ctx.object_offsets.assign(m_events + 1, 0);
        ctx.object_ids.reserve(m_pairs.size());
        for (const auto& [event, object] : m_pairs) {
            ++ctx.object_offsets[event + 1];
            ctx.object_ids.push_back(object);
        }
        for (std::size_t e = 0; e < m_events; ++e) {
            ctx.object_offsets[e + 1] += ctx.object_offsets[e];
        }
        ctx.object_types = std::move(m_types);
    }

private:
    std::size_t m_events;
    std::unordered_map<std::uint64_t, std::uint32_t> m_ids;
    std::vector<std::uint32_t> m_types;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_pairs;
};

/// String-valued event attribute columns with this name (string and id types).
std::vector<const AttrColumn*> string_columns(const EventLog& log, std::string_view name) {
    std::vector<const AttrColumn*> out;
    for (const AttrColumn& c : log.event_attributes()) {
        if ((c.type == AttrType::string || c.type == AttrType::id) &&
            log.attribute_names()[c.key] == name) {
            out.push_back(&c);
        }
    }
    return out;
}

/// Per event: the value id of a string attribute (no_id when absent).
std::vector<Id> string_values(const EventLog& log, std::string_view name) {
    std::vector<Id> v;
    for (const AttrColumn* c : string_columns(log, name)) {
        if (v.empty()) {
            v.assign(log.num_events(), no_id);
        }
        for (std::size_t i = 0; i < c->rows.size(); ++i) {
            v[c->rows[i]] = static_cast<Id>(c->values[i]);
        }
    }
    return v;
}

void add_links(const EventLog& log, ObjectCollector& objects, std::uint32_t type, Id link_type) {
    for (const ObjectLink& l : log.object_links()) {
        if (l.type == link_type) {
            objects.link(l.event, objects.id(type, l.object));
        }
    }
}

void expected_leaves(const OrderNode& node, bool mandatory, std::vector<std::string>& out) {
    switch (node.kind) {
    case OrderNode::Kind::touchpoint:
        if (mandatory && std::find(out.begin(), out.end(), node.touchpoint) == out.end()) {
            out.push_back(node.touchpoint);
        }
        return;
    case OrderNode::Kind::sequence:
    case OrderNode::Kind::parallel:
    case OrderNode::Kind::one_or_more:
        for (const OrderNode& c : node.children) {
            expected_leaves(c, mandatory, out);
        }
        return;
    case OrderNode::Kind::choice:
    case OrderNode::Kind::optional:
    case OrderNode::Kind::zero_or_more:
        return;
    }
}

std::uint32_t role_bits(ClassRole r) {
    switch (r) {
    case ClassRole::none:
        return 0;
    case ClassRole::non_work:
        return event_role::non_work;
    case ClassRole::return_:
        return event_role::return_;
    case ClassRole::correction:
        return event_role::correction;
    case ClassRole::failure_demand:
        return event_role::failure_demand;
    case ClassRole::value_demand:
        return event_role::value_demand;
    case ClassRole::data_request:
        return event_role::data_request;
    case ClassRole::complaint:
        return event_role::complaint;
    case ClassRole::transfer:
        return event_role::transfer;
    case ClassRole::survey:
        return event_role::survey | event_role::non_work;
    case ClassRole::batch:
        return event_role::batch;
    }
    return 0;
}

bool listed(const std::vector<std::string>& names, const std::string& id) {
    return std::find(names.begin(), names.end(), id) != names.end();
}

} // namespace

HandoffContext make_handoff_context(const EventLog& log) {
    HandoffContext ctx;
    ObjectCollector objects(log.num_events());
    if (!log.object_links().empty()) {
        for (std::size_t t = 0; t < log.object_types().size(); ++t) {
            if (t == no_id) {
                continue;
            }
            const auto type = static_cast<std::uint32_t>(ctx.object_type_names.size());
            ctx.object_type_names.emplace_back(log.object_types()[static_cast<Id>(t)]);
            add_links(log, objects, type, static_cast<Id>(t));
        }
    } else {
        // No links: the object_type / object_id attribute pair (a CSV read without
        // object columns), every type a work object.
        const ObjectColumns columns;
        const std::vector<Id> types = string_values(log, columns.type_attribute);
        const std::vector<Id> ids = string_values(log, columns.id_attribute);
        if (!types.empty() && !ids.empty()) {
            std::vector<std::uint32_t> type_of(log.values().size(), 0xFFFFFFFFu);
            for (std::size_t e = 0; e < log.num_events(); ++e) {
                if (types[e] == no_id || ids[e] == no_id) {
                    continue;
                }
                std::uint32_t& t = type_of[types[e]];
                if (t == 0xFFFFFFFFu) {
                    t = static_cast<std::uint32_t>(ctx.object_type_names.size());
                    ctx.object_type_names.emplace_back(log.values()[types[e]]);
                }
                objects.link(static_cast<std::uint32_t>(e), objects.id(t, ids[e]));
            }
        }
    }
    objects.finish(ctx);
    return ctx;
}

HandoffContext make_handoff_context(const Journey& journey, const EventLog& log,
                                    const Binding& binding, const ContextOptions& options) {
    const std::size_t n = log.num_events();
    HandoffContext ctx;

    // Roles from the event classes.
    ctx.roles.assign(n, 0);
    for (std::size_t c = 0; c < journey.classes.size() && c < binding.class_events.size(); ++c) {
        const EventClass& ec = journey.classes[c];
        std::uint32_t bits = role_bits(ec.role);
        if (listed(options.outbound_classes, ec.id)) {
            bits |= event_role::outbound;
        }
        if (listed(options.abandoned_classes, ec.id)) {
            bits |= event_role::abandoned;
        }
        if (bits == 0) {
            continue;
        }
        for (const std::uint32_t e : binding.class_events[c]) {
            if (e < n) {
                ctx.roles[e] |= bits;
            }
        }
    }

    // Touchpoints.
    for (const Touchpoint& tp : journey.touchpoints) {
        ctx.touchpoint_ids.push_back(tp.id);
    }
    if (binding.touchpoint.size() == n) {
        ctx.touchpoints = binding.touchpoint;
    }
    if (const auto order = journey.designed_order()) {
        expected_leaves(*order, true, ctx.expected_touchpoints);
    }

    // End milestone and what voids it.
    const auto mark = [&](const Selector& sel, std::uint32_t bit) {
        if (sel.kind == Selector::Kind::touchpoint) {
            const std::size_t t = journey.touchpoint_index(sel.name);
            if (t == Journey::npos || binding.touchpoint.size() != n) {
                return false;
            }
            for (std::size_t e = 0; e < n; ++e) {
                if (binding.touchpoint[e] == t) {
                    ctx.roles[e] |= bit;
                }
            }
            return true;
        }
        if (sel.kind == Selector::Kind::event_class) {
            const std::size_t c = journey.class_index(sel.name);
            if (c == Journey::npos || c >= binding.class_events.size()) {
                return false;
            }
            for (const std::uint32_t e : binding.class_events[c]) {
                if (e < n) {
                    ctx.roles[e] |= bit;
                }
            }
            return true;
        }
        if (sel.kind == Selector::Kind::events) {
            // Evaluate the condition with the binder: a copy of the spec whose only
            // class is the condition.
            Journey probe = journey;
            probe.classes.clear();
            EventClass ec;
            ec.id = "__selector";
            ec.any.push_back(sel.condition);
            probe.classes.push_back(std::move(ec));
            const Binding b = bind(probe, log);
            for (const std::uint32_t e : b.class_events.front()) {
                ctx.roles[e] |= bit;
            }
            return true;
        }
        return false;
    };
    ctx.has_end_milestone = mark(journey.end, event_role::end_milestone);
    if (ctx.has_end_milestone && mark(journey.end_unless, event_role::end_unless)) {
        const Duration& d = journey.lookahead;
        ctx.end_lookahead_s = d.unit == DurationUnit::working_days ? d.value * 7 * 86400 / 5
                                                                   : d.micros() / micros_per_second;
    }

    // Work objects.
    ObjectCollector objects(n);
    if (journey.object_types.empty()) {
        HandoffContext plain = make_handoff_context(log);
        ctx.object_offsets = std::move(plain.object_offsets);
        ctx.object_ids = std::move(plain.object_ids);
        ctx.object_types = std::move(plain.object_types);
        ctx.object_type_names = std::move(plain.object_type_names);
    } else {
        std::vector<Id> pair_types;
        std::vector<Id> pair_ids;
        bool pairs_read = false;
        // Links events whose type attribute is `key` to (type, id attribute value).
        // @returns false when the log has no such attribute columns.
        const auto add_pairs = [&](std::uint32_t type, const std::string& key) {
            if (!pairs_read) {
                pair_types = string_values(log, journey.object_columns.type_attribute);
                pair_ids = string_values(log, journey.object_columns.id_attribute);
                pairs_read = true;
            }
            if (pair_types.empty() || pair_ids.empty()) {
                return false;
            }
            const Id want = log.values().find(key);
            if (want == StringTable::not_found) {
                return true;
            }
            for (std::size_t e = 0; e < n; ++e) {
                if (pair_types[e] == want && pair_ids[e] != no_id) {
                    objects.link(static_cast<std::uint32_t>(e), objects.id(type, pair_ids[e]));
                }
            }
            return true;
        };
        for (std::size_t t = 0; t < journey.object_types.size(); ++t) {
            const ObjectType& ot = journey.object_types[t];
            const auto type = static_cast<std::uint32_t>(t);
            ctx.object_type_names.push_back(ot.id);
            const std::string& key = ot.effective_key();
            switch (ot.naming) {
            case ObjectNaming::link: {
                const Id link_type = log.object_types().find(key);
                if (link_type != StringTable::not_found) {
                    add_links(log, objects, type, link_type);
                } else {
                    add_pairs(type, key); // read as attributes instead of links
                }
                break;
            }
            case ObjectNaming::attribute:
                for (const AttrColumn* c : string_columns(log, key)) {
                    for (std::size_t i = 0; i < c->rows.size(); ++i) {
                        const auto v = static_cast<Id>(c->values[i]);
                        if (!log.values()[v].empty()) {
                            objects.link(c->rows[i], objects.id(type, v));
                        }
                    }
                }
                break;
            case ObjectNaming::pair:
                if (!add_pairs(type, key)) {
                    // The columns were read as object links instead of attributes.
                    const Id link_type = log.object_types().find(key);
                    if (link_type != StringTable::not_found) {
                        add_links(log, objects, type, link_type);
                    }
                }
                break;
            }
        }
        objects.finish(ctx);
    }

    // Calendars of the departments.
    for (const Department& d : journey.departments) {
        if (d.calendar.empty()) {
            continue;
        }
        if (const Calendar* cal = journey.find_calendar(d.calendar)) {
            ctx.calendars.emplace_back(d.id, *cal);
        }
    }
    return ctx;
}

} // namespace journey::miners
