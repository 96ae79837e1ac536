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

} // namespace journey::sim
