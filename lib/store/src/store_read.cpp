// Reads: sources back into an EventLog (or an OcelLog).

#include <journey/store/store.hpp>

#include <algorithm>
#include <map>
#include <unordered_map>

#include <journey/core/error.hpp>
#include <journey/core/event_log_builder.hpp>
#include <journey/store/ocel.hpp>

#include "attr_value.hpp"
#include "store_impl.hpp"

namespace journey::store {

using detail::SourceRow;
using detail::Stmt;

namespace {

AttrType type_from_name(std::string_view n) {
    for (const AttrType t : {AttrType::string, AttrType::integer, AttrType::real,
                             AttrType::boolean, AttrType::time, AttrType::id, AttrType::list}) {
        if (attr_type_name(t) == n) {
            return t;
        }
    }
    return AttrType::string;
}

/// Turns the store's name ids into ids of one of the builder's tables.
class IdMap {
public:
    IdMap(const std::string& path, const StringTable& names, StringTable& target)
        : m_path(path), m_names(names), m_target(target), m_ids(names.size(), StringTable::not_found) {}
    Id operator()(std::int64_t name) {
        if (name <= 0) {
            return no_id;
        }
        if (static_cast<std::size_t>(name) >= m_ids.size()) {
            throw store_error(11, m_path + ": store damaged: name id " + std::to_string(name) +
                                      " out of range");
        }
        Id& v = m_ids[static_cast<std::size_t>(name)];
        if (v == StringTable::not_found) {
            v = m_target.insert(m_names[static_cast<Id>(name)]);
        }
        return v;
    }

private:
    const std::string& m_path;
    const StringTable& m_names;
    StringTable& m_target;
    std::vector<Id> m_ids;
};

struct Reader {
    Store::Impl& s;
    EventLogBuilder b;
    IdMap activity{s.path, s.names, b.activities()};
    IdMap resource{s.path, s.names, b.resources()};
    IdMap department{s.path, s.names, b.departments()};
    IdMap channel{s.path, s.names, b.channels()};
    IdMap lifecycle{s.path, s.names, b.lifecycles()};
    IdMap values{s.path, s.names, b.values()};
    std::unordered_map<std::int64_t, EventLogBuilder::AttrHandle> event_handles;
    std::unordered_map<std::int64_t, EventLogBuilder::AttrHandle> case_handles;
    LogMeta meta;

    explicit Reader(Store::Impl& st) : s(st) {}

    std::string_view name(std::int64_t id) const {
        if (id < 0 || static_cast<std::size_t>(id) >= s.names.size()) {
            throw store_error(11, s.path + ": store damaged: name id " + std::to_string(id) +
                                      " out of range");
        }
        return s.names[static_cast<Id>(id)];
    }

    EventLogBuilder::AttrHandle handle(bool case_level, std::int64_t key, std::int64_t type) {
        if (!detail::valid_attr_type(type)) {
            throw store_error(11, s.path + ": store damaged: attribute type " +
                                      std::to_string(type));
        }
        auto& cache = case_level ? case_handles : event_handles;
        const std::int64_t k = key * 8 + type;
        const auto it = cache.find(k);
        if (it != cache.end()) {
            return it->second;
        }
        const auto t = static_cast<AttrType>(type);
        const auto h = case_level ? b.case_attribute(name(key), t) : b.event_attribute(name(key), t);
        cache.emplace(k, h);
        return h;
    }

    std::int64_t raw_value(const Stmt& st, int col, AttrType type) {
        if (detail::is_text_type(type)) {
            return st.is_null(col) ? 0 : static_cast<std::int64_t>(values(st.int64(col)));
        }
        return detail::column_number(st, col, type);
    }

    void read_source(const SourceRow& row) {
        const std::int64_t t0 = row.first_trace;
        const auto t1 = t0 + static_cast<std::int64_t>(row.record.cases);
        const std::int64_t e0 = row.first_event;
        const auto e1 = e0 + static_cast<std::int64_t>(row.record.events);

        // Case index of every trace, and the case of every event (events of a trace
        // are the contiguous id range the trace row names).
        std::vector<std::uint32_t> case_of(row.record.cases);
        std::vector<std::uint32_t> event_case(row.record.events);
        {
            Stmt st(s.db, "SELECT id, case_name, first_event, events FROM trace "
                          "WHERE id >= ?1 AND id < ?2 ORDER BY id");
            st.bind(1, t0).bind(2, t1);
            while (st.step()) {
                const auto t = static_cast<std::size_t>(st.int64(0) - t0);
                const std::uint32_t c = b.case_index(name(st.int64(1)));
                case_of[t] = c;
                const std::int64_t first = st.int64(2) - e0;
                const std::int64_t n = st.int64(3);
                if (first < 0 || n < 0 || first + n > static_cast<std::int64_t>(event_case.size())) {
                    throw store_error(11, s.path + ": store damaged: trace " +
                                              std::to_string(st.int64(0)) + " has bad event range");
                }
                std::fill_n(event_case.begin() + first, n, c);
            }
        }
        {
            Stmt st(s.db, "SELECT trace_id, key, type, value FROM case_attr "
                          "WHERE trace_id >= ?1 AND trace_id < ?2 ORDER BY trace_id");
            st.bind(1, t0).bind(2, t1);
            while (st.step()) {
                const auto h = handle(true, st.int64(1), st.int64(2));
                b.set_case(h, case_of[static_cast<std::size_t>(st.int64(0) - t0)],
                           raw_value(st, 3, static_cast<AttrType>(st.int64(2))));
            }
        }

        Stmt ev(s.db, "SELECT activity, ts, resource, department, channel, lifecycle "
                      "FROM event WHERE id >= ?1 AND id < ?2 ORDER BY id");
        Stmt at(s.db, "SELECT event_id, key, type, value FROM event_attr "
                      "WHERE event_id >= ?1 AND event_id < ?2 ORDER BY event_id");
        Stmt ob(s.db, "SELECT event_id, object_id, qualifier FROM event_object "
                      "WHERE event_id >= ?1 AND event_id < ?2 ORDER BY event_id, seq");
        ev.bind(1, e0).bind(2, e1);
        at.bind(1, e0).bind(2, e1);
        ob.bind(1, e0).bind(2, e1);
        bool at_row = at.step();
        bool ob_row = ob.step();
        std::int64_t id = e0;
        for (; ev.step(); ++id) {
            if (id >= e1) {
                throw store_error(11, s.path + ": store damaged: event ids of source '" +
                                          row.record.name + "' are not dense");
            }
            EventFields f;
            f.activity = activity(ev.int64(0));
            f.timestamp = ev.is_null(1) ? no_timestamp : ev.int64(1);
            f.resource = resource(ev.int64(2));
            f.department = department(ev.int64(3));
            f.channel = channel(ev.int64(4));
            f.lifecycle = lifecycle(ev.int64(5));
            b.add_event_to(event_case[static_cast<std::size_t>(id - e0)], f);
            while (at_row && at.int64(0) <= id) {
                if (at.int64(0) == id) {
                    const auto type = at.int64(2);
                    const auto h = handle(false, at.int64(1), type);
                    b.set(h, raw_value(at, 3, static_cast<AttrType>(type)));
                }
                at_row = at.step();
            }
            while (ob_row && ob.int64(0) <= id) {
                if (ob.int64(0) == id) {
                    const std::int64_t oid = ob.int64(1);
                    if (oid <= 0 || static_cast<std::size_t>(oid) >= s.objects.size()) {
                        throw store_error(11, s.path + ": store damaged: object id " +
                                                  std::to_string(oid) + " out of range");
                    }
                    const detail::ObjectRow& o = s.objects[static_cast<std::size_t>(oid)];
                    b.add_object(name(o.type), name(o.name),
                                 ob.is_null(2) ? std::string_view() : name(ob.int64(2)));
                }
                ob_row = ob.step();
            }
        }
        if (id != e1) {
            throw store_error(11, s.path + ": store damaged: source '" + row.record.name +
                                      "' lacks events");
        }

        LogMeta m;
        Stmt st(s.db, "SELECT kind, a, b, c, d FROM log_meta WHERE source_id = ?1 ORDER BY seq");
        st.bind(1, row.record.id);
        while (st.step()) {
            const std::string_view kind = st.text(0);
            const std::string a(st.text(1)), bb(st.text(2)), c(st.text(3)), d(st.text(4));
            if (kind == "attribute") {
                m.attributes.push_back({a, type_from_name(bb), c});
            } else if (kind == "extension") {
                m.extensions.push_back({a, bb, c});
            } else if (kind == "global") {
                m.globals.push_back({a, {bb, type_from_name(c), d}});
            } else if (kind == "classifier") {
                m.classifiers.push_back({a, bb});
            }
        }
        detail::merge_meta(meta, m);
    }

    EventLog finish() {
        b.meta() = std::move(meta);
        return b.finish();
    }
};

} // namespace

EventLog Store::Impl::read(const std::vector<SourceRow>& rows) {
    load_names();
    load_objects();
    Reader r(*this);
    std::uint64_t total = 0;
    for (const SourceRow& row : rows) {
        total += row.record.events;
    }
    r.b.reserve(static_cast<std::size_t>(total));
    for (const SourceRow& row : rows) {
        r.read_source(row);
    }
    return r.finish();
}

EventLog Store::read_log(const ReadFilter& filter) const {
    return m_impl->read(m_impl->select(filter));
}

std::vector<SourceLog> Store::read_sources(const ReadFilter& filter) const {
    std::vector<SourceLog> out;
    for (SourceRow& row : m_impl->select(filter)) {
        EventLog log = m_impl->read({row});
        out.push_back(SourceLog{std::move(row.record), std::move(log)});
    }
    return out;
}

OcelLog Store::read_ocel(const ReadFilter& filter) const {
    Impl& s = *m_impl;
    const std::vector<SourceRow> rows = s.select(filter);
    OcelLog out;
    out.events = s.read(rows);
    const EventLog& log = out.events;

    // Objects by (type, id); std::map keeps them sorted.
    std::map<std::pair<std::string, std::string>, OcelObject> objects;
    const auto object = [&](std::string_view type, std::string_view id) -> OcelObject& {
        auto [it, added] = objects.try_emplace({std::string(type), std::string(id)});
        if (added) {
            it->second.type = type;
            it->second.id = id;
        }
        return it->second;
    };
    for (const ObjectLink& l : log.object_links()) {
        object(log.object_types()[l.type], log.object_ids()[l.object]);
    }
    const auto obj_row = [&](std::int64_t oid) -> const detail::ObjectRow& {
        if (oid <= 0 || static_cast<std::size_t>(oid) >= s.objects.size()) {
            throw store_error(11, s.path + ": store damaged: object id " + std::to_string(oid) +
                                      " out of range");
        }
        return s.objects[static_cast<std::size_t>(oid)];
    };
    const auto text = [&](std::int64_t id) -> std::string_view {
        if (id <= 0 || static_cast<std::size_t>(id) >= s.names.size()) {
            return {};
        }
        return s.names[static_cast<Id>(id)];
    };
    Stmt attrs(s.db, "SELECT object_id, key, type, value, ts FROM object_attr WHERE source_id = ?1 ORDER BY id");
    Stmt rels(s.db, "SELECT from_object, to_object, qualifier FROM object_object WHERE source_id = ?1 ORDER BY id");
    for (const SourceRow& row : rows) {
        attrs.reset();
        attrs.bind(1, row.record.id);
        while (attrs.step()) {
            const detail::ObjectRow& o = obj_row(attrs.int64(0));
            const std::int64_t type = attrs.int64(2);
            if (!detail::valid_attr_type(type)) {
                throw store_error(11, s.path + ": store damaged: attribute type " + std::to_string(type));
            }
            OcelAttributeValue v;
            v.key = text(attrs.int64(1));
            v.type = static_cast<AttrType>(type);
            if (detail::is_text_type(v.type)) {
                v.text = attrs.is_null(3) ? std::string_view() : text(attrs.int64(3));
            } else {
                v.raw = detail::column_number(attrs, 3, v.type);
            }
            v.time = attrs.int64(4);
            object(text(o.type), text(o.name)).attributes.push_back(std::move(v));
        }
        rels.reset();
        rels.bind(1, row.record.id);
        while (rels.step()) {
            const detail::ObjectRow& from = obj_row(rels.int64(0));
            const detail::ObjectRow& to = obj_row(rels.int64(1));
            object(text(from.type), text(from.name));
            object(text(to.type), text(to.name));
            out.relations.push_back(OcelRelation{std::string(text(from.type)),
                                                 std::string(text(from.name)),
                                                 std::string(text(to.type)),
                                                 std::string(text(to.name)),
                                                 rels.is_null(2) ? std::string()
                                                                 : std::string(text(rels.int64(2)))});
        }
    }
    for (auto& [key, o] : objects) {
        std::stable_sort(o.attributes.begin(), o.attributes.end(),
                         [](const OcelAttributeValue& a, const OcelAttributeValue& b) {
                             return a.time != b.time ? a.time < b.time : a.key < b.key;
                         });
        out.objects.push_back(std::move(o));
    }
    std::sort(out.relations.begin(), out.relations.end(),
              [](const OcelRelation& a, const OcelRelation& b) {
                  return std::tie(a.source_type, a.source_id, a.target_type, a.target_id,
                                  a.qualifier) < std::tie(b.source_type, b.source_id,
                                                          b.target_type, b.target_id,
                                                          b.qualifier);
              });
    return out;
}

namespace detail {

void merge_meta(LogMeta& to, const LogMeta& from) {
    const auto add = [](auto& dst, const auto& src) {
        for (const auto& x : src) {
            if (std::find(dst.begin(), dst.end(), x) == dst.end()) {
                dst.push_back(x);
            }
        }
    };
    add(to.attributes, from.attributes);
    add(to.extensions, from.extensions);
    add(to.globals, from.globals);
    add(to.classifiers, from.classifiers);
}

} // namespace detail

} // namespace journey::store
