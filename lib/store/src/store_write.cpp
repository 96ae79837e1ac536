// Imports: a log (or an OCEL log) becomes a source, written inside one savepoint.
// The pieces of write_log() are shared with the chunked import (store_append.cpp).

#include <journey/store/store.hpp>

#include <algorithm>
#include <chrono>
#include <limits>

#include <journey/core/error.hpp>
#include <journey/store/ocel.hpp>

#include "attr_value.hpp"
#include "store_impl.hpp"

namespace journey::store {

using detail::SourceRow;
using detail::Stmt;

namespace detail {

std::string now_iso() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const std::int64_t us = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
    return format_iso8601(us - us % micros_per_second);
}

std::int64_t next_id(detail::Db& db, const char* table) {
    Stmt st(db, std::string("SELECT coalesce(max(id), 0) + 1 FROM ") + table);
    st.step();
    return st.int64(0);
}

} // namespace detail

namespace {

using detail::next_id;
using detail::now_iso;

constexpr std::int64_t unmapped = -1;

/// The store's mirrors as an Interner (import_log()).
class MirrorIds final : public detail::Interner {
public:
    explicit MirrorIds(Store::Impl& s) : m_store(s) {}
    std::int64_t name_id(std::string_view s) override { return m_store.name_id(s); }
    std::int64_t object_id(std::int64_t type, std::int64_t name) override {
        return m_store.object_id(type, name);
    }

private:
    Store::Impl& m_store;
};

/// Name ids for the ids of one of the log's tables, filled on first use.
class NameMap {
public:
    NameMap(detail::Interner& s, const StringTable& t)
        : m_store(s), m_table(t), m_ids(t.size(), unmapped) {}
    std::int64_t operator()(Id id) {
        std::int64_t& v = m_ids[id];
        if (v == unmapped) {
            v = m_store.name_id(m_table[id]);
        }
        return v;
    }

private:
    detail::Interner& m_store;
    const StringTable& m_table;
    std::vector<std::int64_t> m_ids;
};

/// Writes sparse attribute columns row by row (rows in ascending order keep the
/// table's primary key append-only): (first_id + row, key, type, value).
void write_attrs(detail::Interner& s, const EventLog& log, const std::vector<AttrColumn>& cols,
                 std::int64_t first_id, Stmt& ins, NameMap& values) {
    std::vector<std::int64_t> keys;
    keys.reserve(cols.size());
    for (const AttrColumn& c : cols) {
        keys.push_back(s.name_id(log.attribute_names()[c.key]));
    }
    std::vector<std::size_t> pos(cols.size(), 0);
    constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
    for (;;) {
        std::uint32_t row = none;
        for (std::size_t k = 0; k < cols.size(); ++k) {
            if (pos[k] < cols[k].rows.size()) {
                row = std::min(row, cols[k].rows[pos[k]]);
            }
        }
        if (row == none) {
            break;
        }
        for (std::size_t k = 0; k < cols.size(); ++k) {
            const AttrColumn& c = cols[k];
            if (pos[k] >= c.rows.size() || c.rows[pos[k]] != row) {
                continue;
            }
            const std::int64_t raw = c.values[pos[k]++];
            ins.bind(1, first_id + row)
                .bind(2, keys[k])
                .bind(3, static_cast<std::int64_t>(c.type));
            if (detail::is_text_type(c.type)) {
                ins.bind_id(4, values(static_cast<Id>(raw)));
            } else {
                detail::bind_number(ins, 4, c.type, raw);
            }
            ins.run();
        }
    }
}

} // namespace

void detail::write_meta(detail::Db& db, std::int64_t source, const LogMeta& meta) {
    Stmt ins(db, "INSERT INTO log_meta(source_id, seq, kind, a, b, c, d) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    std::int64_t seq = 0;
    const auto row = [&](std::string_view kind, std::string_view a, std::string_view b,
                         std::string_view c, std::string_view d) {
        ins.bind(1, source).bind(2, seq++).bind(3, kind).bind(4, a).bind(5, b).bind(6, c).bind(7, d);
        ins.run();
    };
    for (const LogMeta::Attribute& a : meta.attributes) {
        row("attribute", a.key, attr_type_name(a.type), a.value, "");
    }
    for (const LogMeta::Extension& e : meta.extensions) {
        row("extension", e.name, e.prefix, e.uri, "");
    }
    for (const LogMeta::Global& g : meta.globals) {
        row("global", g.scope, g.attribute.key, attr_type_name(g.attribute.type), g.attribute.value);
    }
    for (const LogMeta::Classifier& c : meta.classifiers) {
        row("classifier", c.name, c.keys, "", "");
    }
}

std::string Store::Impl::claim_name(const SourceInfo& info) {
    if (info.name.empty()) {
        throw usage_error("a source needs a name");
    }
    if (!info.force && !info.content_hash.empty()) {
        const auto same = source_rows("content_hash = ?1", info.content_hash);
        if (!same.empty()) {
            throw duplicate_source_error(same.front().record.name,
                                         "already imported as source '" +
                                             same.front().record.name + "' (" +
                                             info.content_hash + ")");
        }
    }
    std::string name = info.name;
    if (!source_rows("name = ?1", name).empty()) {
        if (!info.unique_name) {
            throw usage_error("a source named '" + name + "' already exists in " + path);
        }
        for (int n = 2;; ++n) {
            name = info.name + "-" + std::to_string(n);
            if (source_rows("name = ?1", name).empty()) {
                break;
            }
        }
    }
    return name;
}

SourceRow Store::Impl::write_log(const EventLog& log, const SourceInfo& info,
                                 const ImportReport& report,
                                 std::span<const RejectedRecord> rejects) {
    const std::string name = claim_name(info);
    load_names();
    load_objects();

    SourceRow row;
    SourceRecord& rec = row.record;
    rec.id = next_id(db, "source");
    rec.name = name;
    rec.kind = info.kind;
    rec.journey_type = info.journey_type;
    rec.file_name = info.file_name;
    rec.format = info.format.empty() ? report.format : info.format;
    rec.content_hash = info.content_hash;
    rec.events = log.num_events();
    rec.cases = log.num_cases();
    rec.rejected = std::max<std::uint64_t>(report.rejected, rejects.size());
    rec.records = report.records > 0 || report.rejected > 0 ? report.records : rec.events;
    rec.timestamp_format = report.timestamp_format;
    rec.imported_at = info.imported_at == no_timestamp ? now_iso() : format_iso8601(info.imported_at);
    row.first_trace = next_id(db, "trace");
    row.first_event = next_id(db, "event");
    insert_source(row);
    MirrorIds ids(*this);
    write_events(log, rec.id, row.first_trace, row.first_event, ids);
    detail::write_meta(db, rec.id, log.meta());
    write_report(rec.id, report);
    write_rejects(rec.id,
                  rejects.empty() ? std::span<const RejectedRecord>(report.rejects) : rejects, 0);
    return row;
}

void Store::Impl::insert_source(const SourceRow& row) {
    const SourceRecord& rec = row.record;
    Stmt src(db, "INSERT INTO source(id, name, kind, journey_type, file_name, format, content_hash, "
                 "records, rejected, timestamp_format, imported_at, first_trace, traces, "
                 "first_event, events) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                 "?12, ?13, ?14, ?15)");
    src.bind(1, rec.id)
        .bind(2, rec.name)
        .bind(3, rec.kind)
        .bind(4, rec.journey_type)
        .bind(5, rec.file_name)
        .bind(6, rec.format)
        .bind(7, rec.content_hash)
        .bind(8, static_cast<std::int64_t>(rec.records))
        .bind(9, static_cast<std::int64_t>(rec.rejected))
        .bind(10, rec.timestamp_format)
        .bind(11, rec.imported_at)
        .bind(12, row.first_trace)
        .bind(13, static_cast<std::int64_t>(rec.cases))
        .bind(14, row.first_event)
        .bind(15, static_cast<std::int64_t>(rec.events));
    src.run();
}

void Store::Impl::write_events(const EventLog& log, std::int64_t source, std::int64_t first_trace,
                               std::int64_t first_event, detail::Interner& ids) {
    // Traces and events.
    NameMap activity(ids, log.activity_names());
    NameMap resource(ids, log.resource_names());
    NameMap department(ids, log.department_names());
    NameMap channel(ids, log.channel_names());
    NameMap lifecycle(ids, log.lifecycle_names());
    NameMap values(ids, log.values());
    {
        Stmt trace(db, "INSERT INTO trace(id, source_id, case_name, first_event, events) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)");
        Stmt ev(db, "INSERT INTO event(id, trace_id, activity, ts, resource, department, "
                    "channel, lifecycle) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        const auto act = log.activities();
        const auto res = log.resources();
        const auto dep = log.departments();
        const auto chan = log.channels();
        const auto life = log.lifecycles();
        const auto ts = log.timestamps();
        for (std::size_t c = 0; c < log.num_cases(); ++c) {
            const std::int64_t trace_id = first_trace + static_cast<std::int64_t>(c);
            const std::size_t b = log.case_begin(c);
            const std::size_t e = log.case_end(c);
            trace.bind(1, trace_id)
                .bind(2, source)
                .bind(3, ids.name_id(log.case_name(c)))
                .bind(4, first_event + static_cast<std::int64_t>(b))
                .bind(5, static_cast<std::int64_t>(e - b));
            trace.run();
            ev.bind(2, trace_id);
            for (std::size_t i = b; i < e; ++i) {
                ev.bind(1, first_event + static_cast<std::int64_t>(i))
                    .bind_id(3, activity(act[i]))
                    .bind_id(5, resource(res[i]))
                    .bind_id(6, department(dep[i]))
                    .bind_id(7, channel(chan[i]))
                    .bind_id(8, lifecycle(life[i]));
                if (ts[i] == no_timestamp) {
                    ev.bind_null(4);
                } else {
                    ev.bind(4, ts[i]);
                }
                ev.run();
            }
        }
    }
    {
        Stmt ins(db, "INSERT INTO event_attr(event_id, key, type, value) VALUES (?1, ?2, ?3, ?4)");
        write_attrs(ids, log, log.event_attributes(), first_event, ins, values);
    }
    {
        Stmt ins(db, "INSERT INTO case_attr(trace_id, key, type, value) VALUES (?1, ?2, ?3, ?4)");
        write_attrs(ids, log, log.case_attributes(), first_trace, ins, values);
    }
    if (!log.object_links().empty()) {
        NameMap types(ids, log.object_types());
        NameMap object_names(ids, log.object_ids());
        Stmt ins(db, "INSERT INTO event_object(event_id, seq, object_id, qualifier) VALUES (?1, ?2, ?3, ?4)");
        std::uint32_t last_event = std::numeric_limits<std::uint32_t>::max();
        std::int64_t seq = 0;
        for (const ObjectLink& l : log.object_links()) {
            seq = l.event == last_event ? seq + 1 : 0;
            last_event = l.event;
            ins.bind(1, first_event + static_cast<std::int64_t>(l.event))
                .bind(2, seq)
                .bind(3, ids.object_id(types(l.type), object_names(l.object)))
                .bind_id(4, values(l.qualifier));
            ins.run();
        }
    }

}

void Store::Impl::write_report(std::int64_t source, const ImportReport& report) {
    {
        Stmt ins(db, "INSERT INTO source_mapping(source_id, seq, role, column) VALUES (?1, ?2, ?3, ?4)");
        std::int64_t seq = 0;
        for (const auto& [role, column] : report.mapping) {
            ins.bind(1, source).bind(2, seq++).bind(3, role).bind(4, column);
            ins.run();
        }
    }
    {
        Stmt ins(db, "INSERT INTO source_warning(source_id, seq, message) VALUES (?1, ?2, ?3)");
        std::int64_t seq = 0;
        for (const std::string& w : report.warnings) {
            ins.bind(1, source).bind(2, seq++).bind(3, w);
            ins.run();
        }
    }
}

void Store::Impl::write_rejects(std::int64_t source, std::span<const RejectedRecord> rejects,
                                std::int64_t first_seq) {
    {
        Stmt ins(db, "INSERT INTO rejected_row(source_id, seq, line, col, reason, record) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        std::int64_t seq = first_seq;
        for (const RejectedRecord& r : rejects) {
            ins.bind(1, source)
                .bind(2, seq++)
                .bind(3, static_cast<std::int64_t>(r.line))
                .bind(4, static_cast<std::int64_t>(r.column))
                .bind(5, r.reason)
                .bind(6, r.record);
            ins.run();
        }
    }
}

SourceRecord Store::import_log(const EventLog& log, const SourceInfo& info,
                               const ImportReport& report,
                               std::span<const RejectedRecord> rejects) {
    Impl& s = *m_impl;
    return s.in_savepoint([&] { return s.write_log(log, info, report, rejects).record; });
}

SourceRecord Store::import_ocel(const OcelLog& ocel, const SourceInfo& info) {
    Impl& s = *m_impl;
    SourceInfo i = info;
    if (i.kind == "log") {
        i.kind = "ocel";
    }
    if (i.format.empty()) {
        i.format = "ocel-sqlite";
    }
    return s.in_savepoint([&] {
        const SourceRow row = s.write_log(ocel.events, i, ImportReport{}, {});
        const std::int64_t source = row.record.id;
        Stmt attr(s.db, "INSERT INTO object_attr(source_id, object_id, key, type, value, ts) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        for (const OcelObject& o : ocel.objects) {
            const std::int64_t oid = s.object_id(s.name_id(o.type), s.name_id(o.id));
            for (const OcelAttributeValue& v : o.attributes) {
                attr.bind(1, source)
                    .bind(2, oid)
                    .bind(3, s.name_id(v.key))
                    .bind(4, static_cast<std::int64_t>(v.type))
                    .bind(6, v.time);
                if (detail::is_text_type(v.type)) {
                    attr.bind_id(5, s.name_id(v.text));
                } else {
                    detail::bind_number(attr, 5, v.type, v.raw);
                }
                attr.run();
            }
        }
        Stmt rel(s.db, "INSERT INTO object_object(source_id, from_object, to_object, qualifier) "
                       "VALUES (?1, ?2, ?3, ?4)");
        for (const OcelRelation& r : ocel.relations) {
            rel.bind(1, source)
                .bind(2, s.object_id(s.name_id(r.source_type), s.name_id(r.source_id)))
                .bind(3, s.object_id(s.name_id(r.target_type), s.name_id(r.target_id)))
                .bind_id(4, s.name_id(r.qualifier));
            rel.run();
        }
        return row.record;
    });
}

} // namespace journey::store
