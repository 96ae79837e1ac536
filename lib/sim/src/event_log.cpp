#include <journey/sim/event_log.hpp>

#include <string>
#include <vector>

#include <journey/core/event_log_builder.hpp>
#include <journey/sim/output.hpp>

namespace journey::sim {

namespace {

AttrType column_type(AttrField c) {
    switch (c) {
    case AttrField::wait_s:
    case AttrField::handle_s:
    case AttrField::journey_score:
    case AttrField::csat:
    case AttrField::score:
        return AttrType::integer;
    case AttrField::balance:
    case AttrField::amount:
        return AttrType::real;
    case AttrField::read_date:
    case AttrField::move_date:
    case AttrField::promised_date:
        return AttrType::time;
    case AttrField::in_window:
    case AttrField::port_on_date:
    case AttrField::entered_same_day:
        return AttrType::boolean;
    default:
        return AttrType::string;
    }
}

// Splits one CSV row the simulator wrote (no quoting: catalogue names contain no
// comma or quote) into fields.
std::vector<std::string_view> split_row(std::string_view row) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = row.find(',', start);
        if (comma == std::string_view::npos) {
            out.push_back(row.substr(start));
            return out;
        }
        out.push_back(row.substr(start, comma - start));
        start = comma + 1;
    }
}

} // namespace

EventLog to_event_log(const Generator& generator, std::uint64_t first, std::uint64_t count) {
    // The rows are formatted exactly as in events.csv and parsed back field by field,
    // so the log cannot drift from the file format.
    const Catalogue& cat = generator.catalogue();
    const OutputFormatter fmt(generator, EventFormat::csv);
    EventLogBuilder b;
    const Id lifecycle = b.lifecycles().insert("complete");
    std::vector<EventLogBuilder::AttrHandle> handles;
    handles.push_back(b.event_attribute("event_seq", AttrType::integer));
    for (const char* name : {"touchpoint", "object_type", "object_id", "actor_type"}) {
        handles.push_back(b.event_attribute(name, AttrType::string));
    }
    for (AttrField c : cat.attributes) {
        handles.push_back(b.event_attribute(attr_column_name(c), column_type(c)));
    }
    SimulatedJourney j;
    std::string rows, late;
    for (std::uint64_t i = first; i < first + count; ++i) {
        generator.generate(i, j);
        rows.clear();
        late.clear();
        fmt.journey_events(j, rows, late);
        rows += late;
        const std::string case_id = generator.case_id(i);
        b.begin_case(case_id);
        // The formatter writes late rows after the others: follow the same order.
        std::vector<const SimEvent*> order;
        for (int pass = 0; pass < 2; ++pass) {
            for (const SimEvent& e : j.events) {
                if (((e.flags & event_flag::late) != 0) == (pass == 1)) {
                    order.push_back(&e);
                }
            }
        }
        std::size_t pos = 0;
        std::size_t k = 0;
        while (pos < rows.size()) {
            const std::size_t nl = rows.find('\n', pos);
            const auto f = split_row(std::string_view(rows).substr(pos, nl - pos));
            pos = nl + 1;
            const SimEvent& e = *order[k++];
            EventFields ef;
            ef.activity = b.activities().insert(f[2]);
            ef.timestamp = (e.flags & event_flag::date_only) ? day_of(e.time) * us_day : e.written;
            ef.lifecycle = lifecycle;
            if (!f[5].empty()) {
                ef.department = b.departments().insert(f[5]);
            }
            ef.resource = b.resources().insert(f[6]);
            ef.channel = b.channels().insert(f[7]);
            b.add_event(ef);
            b.set(handles[0], static_cast<std::int64_t>(e.seq));
            for (std::size_t h = 1; h < handles.size(); ++h) {
                const std::string_view v = f[h + 7];
                if (v.empty()) {
                    continue;
                }
                if (h <= 4) {
                    b.set_string(handles[h], v);
                    continue;
                }
                switch (column_type(cat.attributes[h - 5])) {
                case AttrType::integer:
                    b.set(handles[h], std::stoll(std::string(v)));
                    break;
                case AttrType::real:
                    b.set_real(handles[h], std::stod(std::string(v)));
                    break;
                case AttrType::boolean:
                    b.set(handles[h], v == "true" ? 1 : 0);
                    break;
                case AttrType::time: {
                    const auto t = parse_iso8601(v);
                    b.set(handles[h], t ? *t : 0);
                    break;
                }
                default:
                    b.set_string(handles[h], v);
                    break;
                }
            }
        }
    }
    return b.finish();
}

namespace {

// Id of every string of `from` in `to` (interned on the way).
std::vector<Id> remap(const StringTable& from, StringTable& to) {
    std::vector<Id> ids(from.size());
    for (std::size_t i = 0; i < from.size(); ++i) {
        ids[i] = to.insert(from[static_cast<Id>(i)]);
    }
    return ids;
}

bool is_text(AttrType t) {
    return t == AttrType::string || t == AttrType::id || t == AttrType::list;
}

// The string value of an attribute column at `row`, or no_id.
Id string_at(const AttrColumn* c, std::uint32_t row) {
    if (c == nullptr) {
        return no_id;
    }
    const std::int64_t* v = c->find(row);
    return v == nullptr ? no_id : static_cast<Id>(*v);
}

} // namespace

EventLog with_object_links(const EventLog& log, std::string_view type_attribute,
                           std::string_view id_attribute) {
    EventLogBuilder b;
    b.reserve(log.num_events());
    const std::vector<Id> act = remap(log.activity_names(), b.activities());
    const std::vector<Id> res = remap(log.resource_names(), b.resources());
    const std::vector<Id> dep = remap(log.department_names(), b.departments());
    const std::vector<Id> chan = remap(log.channel_names(), b.channels());
    const std::vector<Id> life = remap(log.lifecycle_names(), b.lifecycles());
    const std::vector<Id> values = remap(log.values(), b.values());
    const AttrColumn* types = log.event_attribute(type_attribute, AttrType::string);
    const AttrColumn* ids = log.event_attribute(id_attribute, AttrType::string);
    const auto& links = log.object_links();
    std::size_t next_link = 0;
    for (std::size_t c = 0; c < log.num_cases(); ++c) {
        b.begin_case(log.case_name(c));
        for (std::size_t i = log.case_begin(c); i < log.case_end(c); ++i) {
            EventFields f;
            f.activity = act[log.activities()[i]];
            f.resource = res[log.resources()[i]];
            f.department = dep[log.departments()[i]];
            f.channel = chan[log.channels()[i]];
            f.lifecycle = life[log.lifecycles()[i]];
            f.timestamp = log.timestamps()[i];
            b.add_event(f);
            bool pair_linked = false;
            const Id type = string_at(types, static_cast<std::uint32_t>(i));
            const Id id = string_at(ids, static_cast<std::uint32_t>(i));
            for (; next_link < links.size() && links[next_link].event == i; ++next_link) {
                const ObjectLink& l = links[next_link];
                const std::string_view t = log.object_types()[l.type];
                const std::string_view o = log.object_ids()[l.object];
                b.add_object(t, o, log.values()[l.qualifier]);
                pair_linked = pair_linked || (l.qualifier == no_id && type != no_id &&
                                              t == log.values()[type] && o == log.values()[id]);
            }
            if (type != no_id && id != no_id && !pair_linked) {
                b.add_object(log.values()[type], log.values()[id]);
            }
        }
    }
    // Attribute rows are event (case) indices; events were added in log order, so
    // they keep their indices.
    const auto copy = [&](const std::vector<AttrColumn>& cols, bool case_level) {
        for (const AttrColumn& col : cols) {
            const std::string_view key = log.attribute_names()[col.key];
            const EventLogBuilder::AttrHandle h =
                case_level ? b.case_attribute(key, col.type) : b.event_attribute(key, col.type);
            if (!is_text(col.type)) {
                b.set_rows(h, col.rows, col.values);
                continue;
            }
            std::vector<std::int64_t> raw(col.values.size());
            for (std::size_t k = 0; k < raw.size(); ++k) {
                raw[k] = values[static_cast<std::size_t>(col.values[k])];
            }
            b.set_rows(h, col.rows, raw);
        }
    };
    copy(log.event_attributes(), false);
    copy(log.case_attributes(), true);
    b.meta() = log.meta();
    return b.finish();
}

} // namespace journey::sim
