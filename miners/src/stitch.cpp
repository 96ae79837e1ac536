#include <journey/miners/stitch.hpp>

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>

#include <journey/core/error.hpp>
#include <journey/core/event_log_builder.hpp>
#include <journey/core/string_table.hpp>

namespace journey::miners {

namespace {

constexpr std::uint32_t none = 0xFFFFFFFFu;

/// Keys as (entity, value), interned, with a union-find over them.
class Keys {
public:
    std::uint32_t intern(std::uint32_t entity, std::string_view value) {
        m_buf.assign(reinterpret_cast<const char*>(&entity), sizeof entity);
        m_buf.append(value);
        const std::size_t before = m_table.size();
        const Id id = m_table.insert(m_buf);
        if (m_table.size() != before) {
            m_parent.push_back(id);
            m_entity.push_back(entity);
            m_carried.push_back(0);
        }
        return id;
    }
    std::uint32_t find(std::uint32_t k) {
        while (m_parent[k] != k) {
            m_parent[k] = m_parent[m_parent[k]];
            k = m_parent[k];
        }
        return k;
    }
    void unite(std::uint32_t a, std::uint32_t b) {
        a = find(a);
        b = find(b);
        if (a != b) {
            // The smaller id becomes the root: results do not depend on link order.
            if (b < a) {
                std::swap(a, b);
            }
            m_parent[b] = a;
        }
    }
    std::size_t size() const noexcept { return m_parent.size(); }
    std::uint32_t entity(std::uint32_t k) const noexcept { return m_entity[k]; }
    std::string_view value(std::uint32_t k) const noexcept {
        return m_table[k].substr(sizeof(std::uint32_t));
    }
    void carry(std::uint32_t k) noexcept { m_carried[k] = 1; }
    bool carried(std::uint32_t k) const noexcept { return m_carried[k] != 0; }

private:
    StringTable m_table; // id 0 is the empty string, never a key
    std::vector<std::uint32_t> m_parent{0};
    std::vector<std::uint32_t> m_entity{0};
    std::vector<std::uint8_t> m_carried{0};
    std::string m_buf;
};

/// The keys of every event of one source, as a compressed row list.
struct SourceKeys {
    std::vector<std::uint32_t> offsets; // events + 1
    std::vector<std::uint32_t> keys;
};

/// One linked event, for sorting into groups and time order.
struct Ref {
    std::uint32_t group;
    std::uint32_t source;
    std::uint32_t event;
    Timestamp time;
};

/// Ids of one table of a source log, turned into ids of a builder table on first use.
class IdMap {
public:
    IdMap(const StringTable& from, StringTable& to) : m_from(from), m_to(to), m_ids(from.size(), none) {}
    Id operator()(Id id) {
        Id& v = m_ids[id];
        if (v == none) {
            v = m_to.insert(m_from[id]);
        }
        return v;
    }

private:
    const StringTable& m_from;
    StringTable& m_to;
    std::vector<Id> m_ids;
};

std::string key_text(std::string_view entity, std::string_view value) {
    std::string s(entity);
    s += ':';
    s += value;
    return s;
}

} // namespace

KeyField parse_key_field(const std::string& text) {
    KeyField f;
    const auto with = [&](std::string_view prefix, KeyField::Kind kind) {
        if (text.size() > prefix.size() && text.compare(0, prefix.size(), prefix) == 0) {
            f.kind = kind;
            f.name = text.substr(prefix.size());
            return true;
        }
        return false;
    };
    if (text == "case") {
        f.kind = KeyField::Kind::case_id;
        return f;
    }
    if (with("attr:", KeyField::Kind::event_attribute) ||
        with("case-attr:", KeyField::Kind::case_attribute) ||
        with("object:", KeyField::Kind::object)) {
        return f;
    }
    throw usage_error("key field '" + text +
                      "' is not one of: case, attr:NAME, case-attr:NAME, object:TYPE");
}

StitchResult stitch(const std::vector<StitchSource>& sources, const StitchOptions& options) {
    // ---- validate, entities in declaration order
    std::vector<std::string> entities;
    const auto entity_id = [&](const std::string& e) {
        const auto it = std::find(entities.begin(), entities.end(), e);
        if (it != entities.end()) {
            return static_cast<std::uint32_t>(it - entities.begin());
        }
        entities.push_back(e);
        return static_cast<std::uint32_t>(entities.size() - 1);
    };
    for (const StitchSource& s : sources) {
        if (s.log == nullptr) {
            throw usage_error("stitch: source '" + s.name + "' has no log");
        }
    }
    for (const KeyDecl& d : options.keys) {
        if (d.entity.empty()) {
            throw usage_error("stitch: a key declaration has no entity");
        }
        if (d.field.kind != KeyField::Kind::case_id && d.field.name.empty()) {
            throw usage_error("stitch: the key field of entity '" + d.entity + "' has no name");
        }
        entity_id(d.entity);
    }
    for (const KeyLink& l : options.links) {
        if (l.from_entity.empty() || l.to_entity.empty()) {
            throw usage_error("stitch: a key link has no entity");
        }
    }

    StitchResult result;
    StitchReport& rep = result.report;
    Keys keys;
    for (const KeyDecl& d : options.keys) {
        if (!d.source.empty() &&
            std::none_of(sources.begin(), sources.end(),
                         [&](const StitchSource& s) { return s.name == d.source; })) {
            rep.warnings.push_back("the key of entity '" + d.entity + "' in source '" + d.source +
                                   "' is not used: no such source is stitched");
        }
    }

    // ---- keys of every event
    std::vector<SourceKeys> source_keys(sources.size());
    for (std::size_t si = 0; si < sources.size(); ++si) {
        const StitchSource& src = sources[si];
        const EventLog& log = *src.log;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs; // event, key
        for (const KeyDecl& d : options.keys) {
            if (!d.source.empty() && d.source != src.name) {
                continue;
            }
            const std::uint32_t ent = entity_id(d.entity);
            const auto add = [&](std::uint32_t event, std::string_view value) {
                if (!value.empty()) {
                    pairs.emplace_back(event, keys.intern(ent, value));
                }
            };
            const auto add_case = [&](std::size_t c, std::string_view value) {
                for (std::size_t i = log.case_begin(c); i < log.case_end(c); ++i) {
                    add(static_cast<std::uint32_t>(i), value);
                }
            };
            const auto attr_value = [&](const AttrColumn& col, std::int64_t raw, std::string& buf)
                -> std::string_view {
                if (col.type == AttrType::string || col.type == AttrType::id ||
                    col.type == AttrType::list) {
                    return log.values()[static_cast<Id>(raw)];
                }
                buf = std::to_string(raw);
                return buf;
            };
            switch (d.field.kind) {
            case KeyField::Kind::case_id:
                for (std::size_t c = 0; c < log.num_cases(); ++c) {
                    add_case(c, log.case_name(c));
                }
                break;
            case KeyField::Kind::event_attribute:
            case KeyField::Kind::case_attribute: {
                const bool at_case = d.field.kind == KeyField::Kind::case_attribute;
                const auto& cols = at_case ? log.case_attributes() : log.event_attributes();
                const Id name = log.attribute_names().find(d.field.name);
                bool found = false;
                std::string buf;
                for (const AttrColumn& col : cols) {
                    if (name == StringTable::not_found || col.key != name) {
                        continue;
                    }
                    found = true;
                    if (col.type != AttrType::string && col.type != AttrType::id &&
                        col.type != AttrType::list && col.type != AttrType::integer) {
                        rep.warnings.push_back("source '" + src.name + "': " +
                                               (at_case ? "case" : "event") + " attribute '" +
                                               d.field.name + "' of type " +
                                               std::string(attr_type_name(col.type)) +
                                               " is not used as a key");
                        continue;
                    }
                    for (std::size_t r = 0; r < col.rows.size(); ++r) {
                        const std::string_view v = attr_value(col, col.values[r], buf);
                        if (at_case) {
                            add_case(col.rows[r], v);
                        } else {
                            add(col.rows[r], v);
                        }
                    }
                }
                if (!found) {
                    rep.warnings.push_back("source '" + src.name + "' has no " +
                                           (at_case ? "case" : "event") + " attribute '" +
                                           d.field.name + "'");
                }
                break;
            }
            case KeyField::Kind::object: {
                const Id type = log.object_types().find(d.field.name);
                bool found = false;
                for (const ObjectLink& l : log.object_links()) {
                    if (type != StringTable::not_found && l.type == type) {
                        found = true;
                        add(l.event, log.object_ids()[l.object]);
                    }
                }
                if (!found) {
                    rep.warnings.push_back("source '" + src.name + "' has no objects of type '" +
                                           d.field.name + "'");
                }
                break;
            }
            }
        }
        // Compressed rows: keys of each event, without repeats.
        SourceKeys& sk = source_keys[si];
        sk.offsets.assign(log.num_events() + 1, 0);
        std::sort(pairs.begin(), pairs.end());
        pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
        for (const auto& [e, k] : pairs) {
            ++sk.offsets[e + 1];
        }
        std::partial_sum(sk.offsets.begin(), sk.offsets.end(), sk.offsets.begin());
        sk.keys.reserve(pairs.size());
        for (const auto& [e, k] : pairs) {
            sk.keys.push_back(k);
            keys.carry(k);
        }
        // Keys on one event are linked.
        for (std::size_t e = 0; e < log.num_events(); ++e) {
            for (std::uint32_t j = sk.offsets[e] + 1; j < sk.offsets[e + 1]; ++j) {
                keys.unite(sk.keys[sk.offsets[e]], sk.keys[j]);
            }
        }
    }
    for (const KeyLink& l : options.links) {
        const std::uint32_t a = keys.intern(entity_id(l.from_entity), l.from_value);
        const std::uint32_t b = keys.intern(entity_id(l.to_entity), l.to_value);
        if (!keys.carried(a) && !keys.carried(b)) {
            rep.unused_links.push_back(l);
        }
        keys.unite(a, b);
    }
    rep.keys = keys.size() - 1;

    // ---- groups: roots of keys that events carry, named by their first key
    std::vector<std::uint32_t> group_of_root(keys.size(), none);
    std::vector<std::uint32_t> group_name_key; // per group
    for (std::uint32_t k = 1; k < keys.size(); ++k) {
        if (!keys.carried(k)) {
            continue;
        }
        const std::uint32_t root = keys.find(k);
        std::uint32_t& g = group_of_root[root];
        if (g == none) {
            g = static_cast<std::uint32_t>(group_name_key.size());
            group_name_key.push_back(k);
            continue;
        }
        const std::uint32_t best = group_name_key[g];
        if (keys.entity(k) < keys.entity(best) ||
            (keys.entity(k) == keys.entity(best) && keys.value(k) < keys.value(best))) {
            group_name_key[g] = k;
        }
    }
    const auto group_name = [&](std::uint32_t g) {
        const std::uint32_t k = group_name_key[g];
        return key_text(entities[keys.entity(k)], keys.value(k));
    };
    rep.groups = group_name_key.size();

    // Conflicts: several values of a unique entity in one group.
    if (!options.unique_entities.empty()) {
        std::map<std::pair<std::string, std::string>, std::set<std::string>> seen;
        for (std::uint32_t k = 1; k < keys.size(); ++k) {
            const std::string& ent = entities[keys.entity(k)];
            if (!keys.carried(k) || std::find(options.unique_entities.begin(),
                                              options.unique_entities.end(),
                                              ent) == options.unique_entities.end()) {
                continue;
            }
            seen[{group_name(group_of_root[keys.find(k)]), ent}].insert(std::string(keys.value(k)));
        }
        for (auto& [ge, values] : seen) {
            if (values.size() > 1) {
                rep.conflicts.push_back(
                    StitchReport::Conflict{ge.first, ge.second, {values.begin(), values.end()}});
            }
        }
    }

    // ---- linked events in group and time order; unlinked ones reported
    std::vector<Ref> refs;
    rep.sources.resize(sources.size());
    const auto event_ref = [&](std::size_t si, std::uint32_t e) {
        const EventLog& log = *sources[si].log;
        const auto offsets = log.case_offsets();
        const auto c = static_cast<std::size_t>(
            std::upper_bound(offsets.begin(), offsets.end(), static_cast<std::uint64_t>(e)) -
            offsets.begin() - 1);
        return EventRef{sources[si].name, std::string(log.case_name(c)),
                        static_cast<std::uint32_t>(e - log.case_begin(c)),
                        std::string(log.activity_names()[log.activities()[e]]),
                        log.timestamps()[e]};
    };
    for (std::size_t si = 0; si < sources.size(); ++si) {
        const EventLog& log = *sources[si].log;
        const SourceKeys& sk = source_keys[si];
        rep.sources[si].source = sources[si].name;
        rep.sources[si].events = log.num_events();
        rep.events_in += log.num_events();
        for (std::uint32_t e = 0; e < log.num_events(); ++e) {
            if (sk.offsets[e] == sk.offsets[e + 1]) {
                ++rep.sources[si].unlinked;
                rep.unlinked.push_back(event_ref(si, e));
                continue;
            }
            refs.push_back(Ref{group_of_root[keys.find(sk.keys[sk.offsets[e]])],
                               static_cast<std::uint32_t>(si), e, log.timestamps()[e]});
        }
    }
    std::sort(refs.begin(), refs.end(), [](const Ref& a, const Ref& b) {
        if (a.group != b.group) {
            return a.group < b.group;
        }
        if (a.time != b.time) {
            return a.time < b.time;
        }
        return a.source != b.source ? a.source < b.source : a.event < b.event;
    });

    // ---- windows
    struct JourneyRange {
        std::uint32_t group;
        std::size_t first; // ref index range [first, last]; refs of other journeys between
        std::size_t last;
        std::uint32_t number = 0; // 1-based within the group
        std::string name;
    };
    std::vector<JourneyRange> journeys;
    std::vector<std::uint32_t> journey_of(refs.size(), none);
    const auto has_activity = [&](const std::vector<std::string>& list, const Ref& r) {
        const EventLog& log = *sources[r.source].log;
        const std::string_view a = log.activity_names()[log.activities()[r.event]];
        return std::find(list.begin(), list.end(), a) != list.end();
    };
    const bool windows = !options.window.start_activities.empty();
    for (std::size_t i = 0; i < refs.size();) {
        const std::uint32_t g = refs[i].group;
        std::size_t end = i;
        while (end < refs.size() && refs[end].group == g) {
            ++end;
        }
        if (!windows) {
            journeys.push_back(JourneyRange{g, i, end - 1, 0, {}});
            for (std::size_t j = i; j < end; ++j) {
                journey_of[j] = static_cast<std::uint32_t>(journeys.size() - 1);
            }
        } else {
            bool open = false;
            Timestamp started = 0;
            for (std::size_t j = i; j < end; ++j) {
                const Ref& r = refs[j];
                if (open && options.window.max_duration > 0 && r.time != no_timestamp &&
                    r.time - started > options.window.max_duration) {
                    open = false;
                }
                if (!open && has_activity(options.window.start_activities, r)) {
                    journeys.push_back(JourneyRange{g, j, j, 0, {}});
                    open = true;
                    started = r.time;
                }
                if (!open) {
                    continue;
                }
                journey_of[j] = static_cast<std::uint32_t>(journeys.size() - 1);
                journeys.back().last = j;
                if (j != journeys.back().first &&
                    has_activity(options.window.end_activities, r)) {
                    open = false;
                }
            }
        }
        i = end;
    }
    // Names: the group's, with #n when the group has several journeys.
    for (std::size_t j = 0; j < journeys.size();) {
        std::size_t end = j;
        while (end < journeys.size() && journeys[end].group == journeys[j].group) {
            ++end;
        }
        const std::string base = group_name(journeys[j].group);
        for (std::size_t k = j; k < end; ++k) {
            journeys[k].number = static_cast<std::uint32_t>(k - j + 1);
            journeys[k].name = end - j > 1 ? base + "#" + std::to_string(k - j + 1) : base;
        }
        if (end - j > 1) {
            StitchReport::Split split{base, {}};
            for (std::size_t k = j; k < end; ++k) {
                split.journeys.push_back(journeys[k].name);
            }
            rep.splits.push_back(std::move(split));
        }
        j = end;
    }
    std::sort(rep.splits.begin(), rep.splits.end(),
              [](const auto& x, const auto& y) { return x.group < y.group; });
    std::vector<std::uint32_t> outside_refs;
    for (std::size_t j = 0; j < refs.size(); ++j) {
        if (journey_of[j] == none) {
            outside_refs.push_back(static_cast<std::uint32_t>(j));
        }
    }
    std::sort(outside_refs.begin(), outside_refs.end(), [&](std::uint32_t a, std::uint32_t b) {
        return refs[a].source != refs[b].source ? refs[a].source < refs[b].source
                                                : refs[a].event < refs[b].event;
    });
    for (const std::uint32_t j : outside_refs) {
        ++rep.sources[refs[j].source].outside;
        rep.outside.push_back(event_ref(refs[j].source, refs[j].event));
    }

    // ---- output order: by first event time, then name
    std::vector<std::uint32_t> order(journeys.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const Timestamp ta = refs[journeys[a].first].time;
        const Timestamp tb = refs[journeys[b].first].time;
        return ta != tb ? ta < tb : journeys[a].name < journeys[b].name;
    });

    // ---- per-source lookups: attributes by event, case attributes by case, links
    struct SourceMaps {
        std::vector<std::uint32_t> attr_offsets;
        std::vector<std::pair<std::uint32_t, std::int64_t>> attrs; // column, raw
        std::vector<std::uint32_t> case_offsets;
        std::vector<std::pair<std::uint32_t, std::int64_t>> case_attrs;
        std::vector<std::uint32_t> case_of_event;
        std::vector<std::uint32_t> link_offsets;
    };
    std::vector<SourceMaps> maps(sources.size());
    const auto csr = [](std::size_t rows, const std::vector<AttrColumn>& cols,
                        std::vector<std::uint32_t>& offsets,
                        std::vector<std::pair<std::uint32_t, std::int64_t>>& out) {
        offsets.assign(rows + 1, 0);
        for (const AttrColumn& c : cols) {
            for (const std::uint32_t r : c.rows) {
                ++offsets[r + 1];
            }
        }
        std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
        out.resize(offsets.back());
        std::vector<std::uint32_t> next(offsets.begin(), offsets.end() - 1);
        for (std::size_t k = 0; k < cols.size(); ++k) {
            for (std::size_t i = 0; i < cols[k].rows.size(); ++i) {
                out[next[cols[k].rows[i]]++] = {static_cast<std::uint32_t>(k), cols[k].values[i]};
            }
        }
    };
    for (std::size_t si = 0; si < sources.size(); ++si) {
        const EventLog& log = *sources[si].log;
        SourceMaps& m = maps[si];
        csr(log.num_events(), log.event_attributes(), m.attr_offsets, m.attrs);
        if (options.case_attributes) {
            csr(log.num_cases(), log.case_attributes(), m.case_offsets, m.case_attrs);
        }
        m.case_of_event.resize(log.num_events());
        for (std::size_t c = 0; c < log.num_cases(); ++c) {
            std::fill(m.case_of_event.begin() + static_cast<std::ptrdiff_t>(log.case_begin(c)),
                      m.case_of_event.begin() + static_cast<std::ptrdiff_t>(log.case_end(c)),
                      static_cast<std::uint32_t>(c));
        }
        m.link_offsets.assign(log.num_events() + 1, 0);
        for (const ObjectLink& l : log.object_links()) {
            ++m.link_offsets[l.event + 1];
        }
        std::partial_sum(m.link_offsets.begin(), m.link_offsets.end(), m.link_offsets.begin());
    }

    // ---- build the stitched log
    EventLogBuilder b;
    b.reserve(refs.size() - outside_refs.size());
    struct SourceIds {
        IdMap activity, resource, department, channel, lifecycle, values, types, ids;
        std::vector<EventLogBuilder::AttrHandle> event_handles;
        std::vector<EventLogBuilder::AttrHandle> case_handles;
    };
    std::vector<SourceIds> ids;
    ids.reserve(sources.size());
    for (const StitchSource& s : sources) {
        const EventLog& log = *s.log;
        SourceIds x{IdMap(log.activity_names(), b.activities()),
                    IdMap(log.resource_names(), b.resources()),
                    IdMap(log.department_names(), b.departments()),
                    IdMap(log.channel_names(), b.channels()),
                    IdMap(log.lifecycle_names(), b.lifecycles()),
                    IdMap(log.values(), b.values()),
                    IdMap(log.object_types(), b.object_types()),
                    IdMap(log.object_ids(), b.object_ids()),
                    {},
                    {}};
        for (const AttrColumn& c : log.event_attributes()) {
            x.event_handles.push_back(b.event_attribute(log.attribute_names()[c.key], c.type));
        }
        if (options.case_attributes) {
            for (const AttrColumn& c : log.case_attributes()) {
                x.case_handles.push_back(b.event_attribute(
                    "case:" + std::string(log.attribute_names()[c.key]), c.type));
            }
        }
        ids.push_back(std::move(x));
    }
    std::optional<EventLogBuilder::AttrHandle> source_handle, case_handle;
    if (!options.source_attribute.empty()) {
        source_handle = b.event_attribute(options.source_attribute, AttrType::string);
    }
    if (!options.source_case_attribute.empty()) {
        case_handle = b.event_attribute(options.source_case_attribute, AttrType::string);
    }
    std::vector<Id> source_name_ids;
    for (const StitchSource& s : sources) {
        source_name_ids.push_back(b.values().insert(s.name));
    }

    const auto is_text = [](AttrType t) {
        return t == AttrType::string || t == AttrType::id || t == AttrType::list;
    };
    for (const std::uint32_t j : order) {
        const JourneyRange& jr = journeys[j];
        b.begin_case(jr.name);
        std::map<std::string, std::uint64_t> per_source;
        for (std::size_t r = jr.first; r <= jr.last; ++r) {
            if (journey_of[r] != j) {
                continue;
            }
            const Ref& ref = refs[r];
            const EventLog& log = *sources[ref.source].log;
            SourceIds& x = ids[ref.source];
            const SourceMaps& m = maps[ref.source];
            const std::uint32_t e = ref.event;
            EventFields f;
            f.activity = x.activity(log.activities()[e]);
            f.resource = x.resource(log.resources()[e]);
            f.department = x.department(log.departments()[e]);
            f.channel = x.channel(log.channels()[e]);
            f.lifecycle = x.lifecycle(log.lifecycles()[e]);
            f.timestamp = log.timestamps()[e];
            b.add_event(f);
            ++per_source[sources[ref.source].name];
            ++rep.sources[ref.source].stitched;
            for (std::uint32_t a = m.attr_offsets[e]; a < m.attr_offsets[e + 1]; ++a) {
                const auto [col, raw] = m.attrs[a];
                const AttrType t = log.event_attributes()[col].type;
                b.set(x.event_handles[col], is_text(t) ? x.values(static_cast<Id>(raw)) : raw);
            }
            if (options.case_attributes) {
                const std::uint32_t c = m.case_of_event[e];
                for (std::uint32_t a = m.case_offsets[c]; a < m.case_offsets[c + 1]; ++a) {
                    const auto [col, raw] = m.case_attrs[a];
                    const AttrType t = log.case_attributes()[col].type;
                    b.set(x.case_handles[col], is_text(t) ? x.values(static_cast<Id>(raw)) : raw);
                }
            }
            if (source_handle) {
                b.set(*source_handle, source_name_ids[ref.source]);
            }
            if (case_handle) {
                b.set_string(*case_handle, log.case_name(m.case_of_event[e]));
            }
            for (std::uint32_t l = m.link_offsets[e]; l < m.link_offsets[e + 1]; ++l) {
                const ObjectLink& link = log.object_links()[l];
                b.add_object(log.object_types()[link.type], log.object_ids()[link.object],
                             log.values()[link.qualifier]);
            }
            if (options.key_objects) {
                const SourceKeys& sk = source_keys[ref.source];
                for (std::uint32_t k = sk.offsets[e]; k < sk.offsets[e + 1]; ++k) {
                    const std::uint32_t key = sk.keys[k];
                    const std::string& type = entities[keys.entity(key)];
                    const std::string_view value = keys.value(key);
                    bool present = false;
                    for (std::uint32_t l = m.link_offsets[e]; l < m.link_offsets[e + 1]; ++l) {
                        const ObjectLink& link = log.object_links()[l];
                        present = present || (log.object_types()[link.type] == type &&
                                              log.object_ids()[link.object] == value);
                    }
                    if (!present) {
                        b.add_object(type, value);
                    }
                }
            }
        }
        if (per_source.size() > 1) {
            rep.merges.push_back(StitchReport::Merge{jr.name, {per_source.begin(), per_source.end()}});
        }
    }
    std::sort(rep.merges.begin(), rep.merges.end(),
              [](const auto& x, const auto& y) { return x.journey < y.journey; });
    rep.journeys = journeys.size();
    result.log = b.finish();
    rep.events_out = result.log.num_events();
    return result;
}

} // namespace journey::miners
