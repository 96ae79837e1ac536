#include <journey/sim/output.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>

#include <journey/sim/calendar.hpp>
#include <journey/sim/simulate.hpp>

#include "model_ids.hpp"

namespace journey::sim {

namespace {

// Bounded row assembly: every field has a length cap (names in the catalogue,
// case prefix <= 16 chars), so a row fits in this buffer.
constexpr std::size_t row_capacity = 2048;

struct Row {
    char buf[row_capacity];
    char* p = buf;

    void put(char c) { *p++ = c; }
    void put(std::string_view s) {
        // Rows are bounded by the catalogue's names; the guard keeps a row inside
        // the buffer whatever a scenario's case prefix or a future name does.
        const std::ptrdiff_t room = (buf + row_capacity - 64) - p;
        const std::size_t n = room <= 0 ? 0 : std::min(s.size(), static_cast<std::size_t>(room));
        std::memcpy(p, s.data(), n);
        p += n;
    }
    void put_uint(std::uint64_t v) {
        char tmp[24];
        char* e = tmp + sizeof tmp;
        char* b = e;
        do {
            *--b = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v != 0);
        std::memcpy(p, b, static_cast<std::size_t>(e - b));
        p += e - b;
    }
    void put_int(std::int64_t v) {
        if (v < 0) {
            put('-');
            put_uint(static_cast<std::uint64_t>(-(v + 1)) + 1);
        } else {
            put_uint(static_cast<std::uint64_t>(v));
        }
    }
    void put2(unsigned v) {
        *p++ = static_cast<char>('0' + v / 10);
        *p++ = static_cast<char>('0' + v % 10);
    }
    void put_padded(std::uint64_t v, int width) {
        char tmp[24];
        int n = 0;
        do {
            tmp[n++] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int i = n; i < width; ++i) {
            *p++ = '0';
        }
        while (n > 0) {
            *p++ = tmp[--n];
        }
    }
    void put_date(Day d) {
        const CivilDate c = civil_from_days(d);
        put_padded(static_cast<std::uint64_t>(c.year), 4);
        put('-');
        put2(c.month);
        put('-');
        put2(c.day);
    }
    // Local wall-clock time with its offset: YYYY-MM-DDThh:mm:ss+hh:mm.
    void put_local(Timestamp local, int offset_min) {
        const Day d = day_of(local);
        put_date(d);
        const auto s = static_cast<unsigned>((local - d * us_day) / us_second);
        put('T');
        put2(s / 3600);
        put(':');
        put2(s / 60 % 60);
        put(':');
        put2(s % 60);
        put(offset_min < 0 ? '-' : '+');
        const auto a = static_cast<unsigned>(offset_min < 0 ? -offset_min : offset_min);
        put2(a / 60);
        put(':');
        put2(a % 60);
    }
    void put_amount(std::int64_t cents) {
        if (cents < 0) {
            put('-');
            cents = -cents;
        }
        put_uint(static_cast<std::uint64_t>(cents / 100));
        put('.');
        put2(static_cast<unsigned>(cents % 100));
    }
    // XML attribute text: escapes & < > " '.
    void put_xml(std::string_view s) {
        for (char c : s) {
            if (p >= buf + row_capacity - 64) {
                break;
            }
            switch (c) {
            case '&':
                put("&amp;");
                break;
            case '<':
                put("&lt;");
                break;
            case '>':
                put("&gt;");
                break;
            case '"':
                put("&quot;");
                break;
            case '\'':
                put("&apos;");
                break;
            default:
                put(c);
            }
        }
    }
    void flush(std::string& out) {
        out.append(buf, static_cast<std::size_t>(p - buf));
        p = buf;
    }
};

void put_case_number(Row& r, const Scenario& sc, std::uint64_t index) {
    r.put(sc.case_prefix);
    r.put_padded(index + 1, 8);
}

void put_object_id(Row& r, const Catalogue& cat, const Scenario& sc, std::uint64_t index,
                   std::uint8_t type, std::uint16_t no) {
    const ObjectTypeInfo& o = cat.object_types[type];
    r.put(o.prefix);
    r.put_padded(index + 1, 8);
    if (o.numbered) {
        r.put('-');
        r.put_uint(no == 0 ? 1 : no);
    }
    (void)sc;
}

// Account number an account-only row carries: the old account for the final read
// and final bill, the new account otherwise (telco: the one account).
std::uint16_t account_of(const Catalogue& cat, const SimEvent& e) {
    if (cat.process == Process::move_house) {
        using namespace detail::mh;
        if (e.object_type == o_account) {
            return e.object_no;
        }
        if ((e.object_type == o_bill || e.object_type == o_meter_read) && e.object_no == 1) {
            return 1;
        }
        return 2;
    }
    return 1;
}

enum class XesType : std::uint8_t { none, string, integer, real, boolean, date };

// Writes the value of attribute column `c` of `e` into `r`; returns its XES type,
// or none (nothing written) when the event has no such value.
XesType attr_value(Row& r, AttrField c, const Catalogue& cat, const Scenario& sc,
                   const JourneyTruth& t, const SimEvent& e) {
    const auto text = [&](std::string_view v) {
        if (v.empty()) {
            return XesType::none;
        }
        r.put(v);
        return XesType::string;
    };
    const auto integer = [&](std::int64_t v, bool present) {
        if (!present) {
            return XesType::none;
        }
        r.put_int(v);
        return XesType::integer;
    };
    const auto boolean = [&](std::int8_t v) {
        if (v < 0) {
            return XesType::none;
        }
        r.put(v ? "true" : "false");
        return XesType::boolean;
    };
    const auto date = [&](std::int32_t d) {
        if (d == no_int) {
            return XesType::none;
        }
        r.put_date(d);
        return XesType::date;
    };
    const auto money = [&](std::int64_t cents) {
        if (cents == no_amount) {
            return XesType::none;
        }
        r.put_amount(cents);
        return XesType::real;
    };
    switch (c) {
    case AttrField::reason:
        return text(cat.reasons[e.reason]);
    case AttrField::abort_reason:
        return text(cat.reasons[e.abort_reason]);
    case AttrField::disposition:
        return text(disposition_name(e.disposition));
    case AttrField::wait_s:
        return integer(e.wait_s, e.wait_s != no_int);
    case AttrField::handle_s:
        return integer(e.handle_s, e.handle_s != no_int);
    case AttrField::template_name:
        return text(template_name(e.template_id));
    case AttrField::read_reason:
        return text(read_reason_name(e.read_reason));
    case AttrField::read_type:
        return text(read_type_name(e.read_type));
    case AttrField::read_date:
        return date(e.read_date);
    case AttrField::premise:
        return text(premise_name(e.premise));
    case AttrField::balance:
        return money(e.balance_cents);
    case AttrField::amount:
        return money(e.amount_cents);
    case AttrField::tariff:
        return text(tariff_name(e.tariff));
    case AttrField::sent_to:
        return text(sent_to_name(e.sent_to));
    case AttrField::move_date:
        return date(e.move_date);
    case AttrField::journey_score:
    case AttrField::score:
        return integer(e.journey_score, e.journey_score >= 0);
    case AttrField::csat:
        return integer(e.csat, e.csat >= 0);
    case AttrField::meter_type:
        return text(meter_type_name(e.meter_type));
    case AttrField::payment_method:
        return text(payment_method_name(e.payment_method));
    case AttrField::region:
        return text(region_name(e.region));
    case AttrField::product:
        return text(product_name(e.product));
    case AttrField::order_id:
    case AttrField::work_order_id: {
        // The telco spec names objects by these attributes: each event carries the
        // id of its own object only.
        const bool order = cat.object_types[e.object_type].name == "order";
        const bool work_order = cat.object_types[e.object_type].name == "work_order";
        if ((c == AttrField::order_id && !order) ||
            (c == AttrField::work_order_id && !work_order)) {
            return XesType::none;
        }
        put_object_id(r, cat, sc, t.index, e.object_type, e.object_no);
        return XesType::string;
    }
    case AttrField::promised_date:
        return date(e.promised_date);
    case AttrField::in_window:
        return boolean(e.in_window);
    case AttrField::port_on_date:
        return boolean(e.port_on_date);
    case AttrField::entered_same_day:
        return boolean(e.entered_same_day);
    }
    return XesType::none;
}

std::uint8_t account_type(const Catalogue& cat) {
    for (std::size_t i = 0; i < cat.object_types.size(); ++i) {
        if (cat.object_types[i].name == "Account") {
            return static_cast<std::uint8_t>(i);
        }
    }
    return 0;
}

void put_resource(Row& r, const Catalogue& cat, const SimEvent& e, const std::string* prefixes) {
    if (e.actor == Actor::customer) {
        r.put("customer");
    } else if (e.resource == 0) {
        r.put(cat.departments[e.department].system);
    } else {
        r.put(prefixes[e.department]);
        r.put_padded(e.resource, 4);
    }
}

int offset_of(const Scenario& sc, const SimEvent& e) {
    return (e.flags & event_flag::date_only) ? 0 : sc.timezone.offset_minutes(e.time);
}

// ---- CSV ---------------------------------------------------------------------------

void csv_event(Row& r, const Generator& g, const SimulatedJourney& j, const SimEvent& e,
               const std::string* prefixes) {
    const Catalogue& cat = g.catalogue();
    const Scenario& sc = g.scenario();
    const bool orphan = (e.flags & event_flag::account_only) != 0;
    if (!orphan) {
        put_case_number(r, sc, j.truth.index);
    }
    r.put(',');
    r.put_uint(e.seq);
    r.put(',');
    r.put(cat.activities[e.activity].name);
    r.put(',');
    if (e.flags & event_flag::date_only) {
        r.put_date(day_of(e.time));
    } else {
        const int off = offset_of(sc, e);
        r.put_local(e.written + static_cast<Timestamp>(off) * us_minute, off);
    }
    r.put(",complete,");
    if (!(e.flags & event_flag::no_department)) {
        r.put(cat.departments[e.department].code);
    }
    r.put(',');
    put_resource(r, cat, e, prefixes);
    r.put(',');
    r.put(cat.channels[e.channel]);
    r.put(',');
    if (e.touchpoint != 0) {
        r.put(cat.touchpoints[e.touchpoint - 1].id);
    }
    r.put(',');
    if (orphan) {
        const std::uint8_t at = account_type(cat);
        r.put(cat.object_types[at].name);
        r.put(',');
        put_object_id(r, cat, sc, j.truth.index, at, account_of(cat, e));
    } else {
        r.put(cat.object_types[e.object_type].name);
        r.put(',');
        put_object_id(r, cat, sc, j.truth.index, e.object_type, e.object_no);
    }
    r.put(',');
    r.put(actor_name(e.actor));
    for (AttrField c : cat.attributes) {
        r.put(',');
        attr_value(r, c, cat, sc, j.truth, e);
    }
    r.put('\n');
}

// ---- XES ---------------------------------------------------------------------------

void xes_string(Row& r, std::string_view key, std::string_view value) {
    r.put("<string key=\"");
    r.put(key);
    r.put("\" value=\"");
    r.put_xml(value);
    r.put("\"/>");
}

void xes_int(Row& r, std::string_view key, std::int64_t value) {
    r.put("<int key=\"");
    r.put(key);
    r.put("\" value=\"");
    r.put_int(value);
    r.put("\"/>");
}

void xes_event(Row& r, const Generator& g, const SimulatedJourney& j, const SimEvent& e,
               const std::string* prefixes) {
    const Catalogue& cat = g.catalogue();
    const Scenario& sc = g.scenario();
    const bool orphan = (e.flags & event_flag::account_only) != 0;
    r.put("<event>");
    xes_string(r, "concept:name", cat.activities[e.activity].name);
    r.put("<date key=\"time:timestamp\" value=\"");
    if (e.flags & event_flag::date_only) {
        r.put_local(day_of(e.time) * us_day, 0);
    } else {
        const int off = offset_of(sc, e);
        r.put_local(e.written + static_cast<Timestamp>(off) * us_minute, off);
    }
    r.put("\"/>");
    xes_string(r, "lifecycle:transition", "complete");
    {
        Row res;
        put_resource(res, cat, e, prefixes);
        xes_string(r, "org:resource",
                   std::string_view(res.buf, static_cast<std::size_t>(res.p - res.buf)));
    }
    if (!(e.flags & event_flag::no_department)) {
        xes_string(r, "org:group", cat.departments[e.department].code);
    }
    xes_int(r, "event_seq", e.seq);
    xes_string(r, "channel", cat.channels[e.channel]);
    if (e.touchpoint != 0) {
        xes_string(r, "touchpoint", cat.touchpoints[e.touchpoint - 1].id);
    }
    {
        Row id;
        const std::uint8_t type = orphan ? account_type(cat) : e.object_type;
        put_object_id(id, cat, sc, j.truth.index, type, orphan ? account_of(cat, e) : e.object_no);
        xes_string(r, "object_type", cat.object_types[type].name);
        xes_string(r, "object_id",
                   std::string_view(id.buf, static_cast<std::size_t>(id.p - id.buf)));
    }
    xes_string(r, "actor_type", actor_name(e.actor));
    for (AttrField c : cat.attributes) {
        Row v;
        const XesType type = attr_value(v, c, cat, sc, j.truth, e);
        if (type == XesType::none) {
            continue;
        }
        const std::string_view value(v.buf, static_cast<std::size_t>(v.p - v.buf));
        switch (type) {
        case XesType::integer:
            r.put("<int key=\"");
            break;
        case XesType::real:
            r.put("<float key=\"");
            break;
        case XesType::boolean:
            r.put("<boolean key=\"");
            break;
        case XesType::date:
            r.put("<date key=\"");
            break;
        default:
            r.put("<string key=\"");
            break;
        }
        r.put(attr_column_name(c));
        r.put("\" value=\"");
        r.put_xml(value);
        if (type == XesType::date) {
            r.put("T00:00:00+00:00");
        }
        r.put("\"/>");
    }
    r.put("</event>\n");
}

void put_bool(Row& r, bool b) {
    r.put(b ? '1' : '0');
}

} // namespace

OutputFormatter::OutputFormatter(const Generator& generator, EventFormat format)
    : m_gen(&generator), m_format(format) {
    const auto& deps = generator.catalogue().departments;
    for (std::size_t i = 0; i < deps.size() && i < 32; ++i) {
        m_resource_prefix[i] = deps[i].code + "-";
    }
}

void OutputFormatter::events_header(std::string& out) const {
    if (m_format == EventFormat::csv) {
        out += "case_id,event_seq,activity,timestamp,lifecycle,department,resource,channel,"
               "touchpoint,object_type,object_id,actor_type";
        for (AttrField a : m_gen->catalogue().attributes) {
            out += ',';
            out += attr_column_name(a);
        }
        out += '\n';
        return;
    }
    const Scenario& sc = m_gen->scenario();
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<log xes.version=\"1849-2016\" xes.features=\"\" "
           "xmlns=\"http://www.xes-standard.org/\">\n"
           "<extension name=\"Concept\" prefix=\"concept\" "
           "uri=\"http://www.xes-standard.org/concept.xesext\"/>\n"
           "<extension name=\"Time\" prefix=\"time\" "
           "uri=\"http://www.xes-standard.org/time.xesext\"/>\n"
           "<extension name=\"Lifecycle\" prefix=\"lifecycle\" "
           "uri=\"http://www.xes-standard.org/lifecycle.xesext\"/>\n"
           "<extension name=\"Organizational\" prefix=\"org\" "
           "uri=\"http://www.xes-standard.org/org.xesext\"/>\n"
           "<global scope=\"trace\"><string key=\"concept:name\" value=\"__INVALID__\"/></global>\n"
           "<global scope=\"event\"><string key=\"concept:name\" value=\"__INVALID__\"/>"
           "<date key=\"time:timestamp\" value=\"1970-01-01T00:00:00+00:00\"/>"
           "<string key=\"lifecycle:transition\" value=\"complete\"/></global>\n"
           "<classifier name=\"Activity\" keys=\"concept:name\"/>\n";
    Row r;
    xes_string(r, "concept:name", std::string(process_name(sc.process)) + " " + sc.name);
    r.put('\n');
    xes_string(r, "generator", generator_version);
    r.put('\n');
    r.flush(out);
}

void OutputFormatter::events_footer(std::string& out) const {
    if (m_format == EventFormat::xes) {
        out += "</log>\n";
    }
}

void OutputFormatter::journey_events(const SimulatedJourney& journey, std::string& out,
                                     std::string& late) const {
    Row r;
    if (m_format == EventFormat::csv) {
        for (const SimEvent& e : journey.events) {
            csv_event(r, *m_gen, journey, e, m_resource_prefix);
            r.flush((e.flags & event_flag::late) ? late : out);
        }
        return;
    }
    // XES: the main trace, then one trace per orphan (account-only) event; late
    // events form a second trace with the same case id in `late`.
    const Scenario& sc = m_gen->scenario();
    const Catalogue& cat = m_gen->catalogue();
    const auto open_trace = [&](Row& row) {
        row.put("<trace><string key=\"concept:name\" value=\"");
        put_case_number(row, sc, journey.truth.index);
        row.put("\"/>\n");
    };
    open_trace(r);
    r.flush(out);
    bool any_late = false;
    for (const SimEvent& e : journey.events) {
        if (e.flags & (event_flag::late | event_flag::account_only)) {
            any_late = any_late || (e.flags & event_flag::late);
            continue;
        }
        xes_event(r, *m_gen, journey, e, m_resource_prefix);
        r.flush(out);
    }
    out += "</trace>\n";
    for (const SimEvent& e : journey.events) {
        if ((e.flags & event_flag::account_only) && !(e.flags & event_flag::late)) {
            r.put("<trace><string key=\"concept:name\" value=\"");
            put_object_id(r, cat, sc, journey.truth.index, account_type(cat), account_of(cat, e));
            r.put("\"/><boolean key=\"orphan\" value=\"true\"/>\n");
            xes_event(r, *m_gen, journey, e, m_resource_prefix);
            r.put("</trace>\n");
            r.flush(out);
        }
    }
    if (any_late) {
        open_trace(r);
        r.flush(late);
        for (const SimEvent& e : journey.events) {
            if (e.flags & event_flag::late) {
                xes_event(r, *m_gen, journey, e, m_resource_prefix);
                r.flush(late);
            }
        }
        late += "</trace>\n";
    }
}

void OutputFormatter::journeys_header(std::string& out) const {
    out += "case_id,variant,channel,start_ts,move_date_declared,move_date_actual,end_ts,"
           "censored,red,J1,J2,J3,J4,J5,J6,defects,defect_names,fd_contacts,contacts,"
           "resolved_contacts,transfers,rebills,complaint,wrongful_dunning,pingpong,reask,"
           "orphan,sla_instances,sla_breaches,score,churn_90d,events,noise_date_only,noise_skew_s,"
           "noise_duplicates,noise_missing_department,noise_account_only,noise_late\n";
}

void OutputFormatter::journey_truth(const SimulatedJourney& journey, std::string& out) const {
    const Scenario& sc = m_gen->scenario();
    const Catalogue& cat = m_gen->catalogue();
    const JourneyTruth& t = journey.truth;
    Row r;
    put_case_number(r, sc, t.index);
    r.put(',');
    r.put(t.variant);
    r.put(',');
    r.put(cat.channels[t.channel]);
    r.put(',');
    r.put_local(t.start, sc.timezone.offset_minutes(t.start));
    r.put(',');
    if (t.move_declared != no_int) {
        r.put_date(t.move_declared);
    }
    r.put(',');
    if (t.move_actual != no_int) {
        r.put_date(t.move_actual);
    }
    r.put(',');
    if (t.end != no_timestamp) {
        r.put_local(t.end, sc.timezone.offset_minutes(t.end));
    }
    r.put(',');
    put_bool(r, t.censored);
    r.put(',');
    put_bool(r, t.red);
    for (std::int8_t v : t.j) {
        r.put(',');
        if (v >= 0) {
            r.put_uint(static_cast<std::uint64_t>(v));
        }
    }
    r.put(',');
    r.put_uint(t.defects);
    r.put(',');
    const auto& names = defect_names(sc.process);
    bool first = true;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (t.defects & (1u << i)) {
            if (!first) {
                r.put(';');
            }
            r.put(names[i]);
            first = false;
        }
    }
    for (std::uint64_t v : {std::uint64_t{t.fd_contacts}, std::uint64_t{t.contacts},
                            std::uint64_t{t.resolved_contacts}, std::uint64_t{t.transfers},
                            std::uint64_t{t.rebills}}) {
        r.put(',');
        r.put_uint(v);
    }
    for (bool b : {t.complaint, t.wrongful_dunning, t.pingpong, t.reask, t.orphan}) {
        r.put(',');
        put_bool(r, b);
    }
    r.put(',');
    r.put_uint(t.sla_instances);
    r.put(',');
    r.put_uint(t.sla_breaches);
    r.put(',');
    if (t.score >= 0) {
        r.put_uint(static_cast<std::uint64_t>(t.score));
    }
    r.put(',');
    put_bool(r, t.churn);
    r.put(',');
    r.put_uint(t.events);
    for (std::int64_t v :
         {std::int64_t{t.noise_date_only}, std::int64_t{t.noise_skew_s},
          std::int64_t{t.noise_duplicates}, std::int64_t{t.noise_missing_department},
          std::int64_t{t.noise_account_only}, std::int64_t{t.noise_late}}) {
        r.put(',');
        r.put_int(v);
    }
    r.put('\n');
    r.flush(out);
}

namespace {

std::string csv_field(std::string_view s) {
    if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
        return std::string(s);
    }
    std::string q = "\"";
    for (char c : s) {
        if (c == '"') {
            q += '"';
        }
        q += c;
    }
    return q + '"';
}

std::string number_text(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::string json_string(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                out += buf;
            } else {
                out += c;
            }
        }
    }
    return out + '"';
}

} // namespace

std::string touchpoints_csv(const Generator& generator) {
    const Catalogue& cat = generator.catalogue();
    std::string out = "id,name,owner,designed,hidden,sla_kind,sla_start,sla_stop,sla_unit,"
                      "sla_target,ontime_p,sla_text\n";
    for (std::size_t i = 0; i < cat.touchpoints.size(); ++i) {
        const TouchpointInfo& tp = cat.touchpoints[i];
        out += tp.id + ',' + csv_field(tp.name) + ',' + cat.departments[tp.owner].code + ',' +
               (tp.designed ? "1" : "0") + ',' + (tp.hidden ? "1" : "0");
        const SlaInfo* sla = nullptr;
        for (const SlaInfo& s : cat.slas) {
            if (s.touchpoint == i) {
                sla = &s;
            }
        }
        if (sla == nullptr) {
            out += ",,,,,,,\n";
            continue;
        }
        const auto names = [&](const std::vector<std::uint16_t>& acts) {
            std::string s;
            for (std::uint16_t a : acts) {
                s += (s.empty() ? "" : ";") + cat.activities[a].name;
            }
            return csv_field(s);
        };
        out += std::string(",") + (sla->kind == SlaInfo::Kind::wait ? "wait" : "pair") + ',' +
               names(sla->start) + ',' + names(sla->stop) + ',' +
               (sla->unit == SlaUnit::seconds ? "seconds" : "working_days") + ',' +
               number_text(generator.sla_targets()[i]) + ',' +
               (sla->kind == SlaInfo::Kind::wait ? std::string()
                                                 : number_text(generator.ontime()[i])) +
               ',' + csv_field(sla->text) + '\n';
    }
    return out;
}

std::string departments_csv(const Generator& generator) {
    std::string out = "code,name,system,agents,external\n";
    for (const DepartmentInfo& d : generator.catalogue().departments) {
        out += d.code + ',' + csv_field(d.name) + ',' + d.system + ',' + std::to_string(d.agents) +
               ',' + (d.external ? "1" : "0") + '\n';
    }
    return out;
}

std::string config_json(const Generator& generator, EventFormat format) {
    return config_json(generator, format == EventFormat::csv ? "csv" : "xes");
}

std::string config_json(const Generator& generator, std::string_view format) {
    std::string out = "{\n";
    out += "  \"generator_version\": " + json_string(generator_version) + ",\n";
    out += "  \"seed\": " + std::to_string(generator.options().seed) + ",\n";
    out += "  \"journeys\": " + std::to_string(generator.options().journeys) + ",\n";
    out += "  \"format\": " + json_string(format) + ",\n";
    out += "  \"block_size\": " + std::to_string(block_size) + ",\n";
    out += "  \"parameters\": {\n";
    const auto values = generator.scenario().values();
    for (std::size_t i = 0; i < values.size(); ++i) {
        out += "    " + json_string(values[i].first) + ": " + json_string(values[i].second) +
               (i + 1 < values.size() ? ",\n" : "\n");
    }
    out += "  }\n}\n";
    return out;
}

} // namespace journey::sim
