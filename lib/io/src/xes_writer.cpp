// The XES writer: IEEE 1849-2016 XML, deterministic, readable back by read_xes()
// into an equal EventLog.

#include <journey/io/xes.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <ostream>
#include <string>
#include <vector>

#include <journey/core/error.hpp>

#include "xes_canonical.hpp"

namespace journey::io {

namespace {

class XesWriter {
public:
    XesWriter(const EventLog& log, std::ostream& out) : m_log(log), m_out(out) {
        m_buf.reserve(flush_at + 4096);
    }

    void write();

private:
    static constexpr std::size_t flush_at = std::size_t{1} << 20;

    void flush() {
        m_out.write(m_buf.data(), static_cast<std::streamsize>(m_buf.size()));
        m_buf.clear();
    }
    void maybe_flush() {
        if (m_buf.size() >= flush_at) {
            flush();
        }
    }
    void indent(int level) { m_buf.append(static_cast<std::size_t>(level) * 2, ' '); }

    /// Appends `s` escaped for a double-quoted XML attribute value.
    void escaped(std::string_view s);

    /// `<type key="k" value="v"/>` on its own line.
    void scalar(int level, std::string_view type, std::string_view key, std::string_view value);
    /// An attribute whose value is canonical list text (see xes_canonical.hpp).
    void structured(int level, std::string_view key, std::string_view text);
    void node(int level, const detail::XesNode& n, std::string_view key);
    /// An attribute of a column: its raw value rendered by type.
    void column_value(int level, const AttrColumn& c, std::int64_t raw);
    void meta_attribute(int level, const LogMeta::Attribute& a);

    const EventLog& m_log;
    std::ostream& m_out;
    std::string m_buf;
    char m_num[64];
};

constexpr std::array<bool, 256> make_escape_table() {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c) {
        t[c] = c < 0x20 || c == '&' || c == '<' || c == '>' || c == '"';
    }
    return t;
}

constexpr std::array<bool, 256> needs_escape = make_escape_table();

void XesWriter::escaped(std::string_view s) {
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (!needs_escape[c]) {
            continue;
        }
        const char* rep = nullptr;
        switch (c) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        default:
            break;
        }
        m_buf.append(s.data() + run, i - run);
        run = i + 1;
        if (rep != nullptr) {
            m_buf += rep;
        } else {
            // Tab, newline, CR (which attribute-value normalisation would turn into
            // spaces) and other control characters, as character references.
            m_buf += "&#";
            m_buf += std::to_string(c);
            m_buf += ';';
        }
    }
    m_buf.append(s.data() + run, s.size() - run);
}

void XesWriter::scalar(int level, std::string_view type, std::string_view key,
                       std::string_view value) {
    indent(level);
    m_buf += '<';
    m_buf += type;
    m_buf += " key=\"";
    escaped(key);
    m_buf += "\" value=\"";
    escaped(value);
    m_buf += "\"/>\n";
}

void XesWriter::node(int level, const detail::XesNode& n, std::string_view key) {
    indent(level);
    m_buf += '<';
    m_buf += n.type;
    m_buf += " key=\"";
    escaped(key);
    m_buf += '"';
    const bool scalar_type = detail::is_scalar_type_name(n.type);
    if (scalar_type) {
        m_buf += " value=\"";
        escaped(n.value);
        m_buf += '"';
        if (n.attrs.empty()) {
            m_buf += "/>\n";
            return;
        }
    }
    m_buf += ">\n";
    if (n.type == "list") {
        indent(level + 1);
        if (n.items.empty()) {
            m_buf += "<values/>\n";
        } else {
            m_buf += "<values>\n";
            for (const detail::XesNode& c : n.items) {
                node(level + 2, c, c.key);
            }
            indent(level + 1);
            m_buf += "</values>\n";
        }
    } else {
        for (const detail::XesNode& c : n.items) {
            node(level + 1, c, c.key);
        }
    }
    for (const detail::XesNode& c : n.attrs) {
        node(level + 1, c, c.key);
    }
    indent(level);
    m_buf += "</";
    m_buf += n.type;
    m_buf += ">\n";
}

void XesWriter::structured(int level, std::string_view key, std::string_view text) {
    std::string reason;
    const auto n = detail::parse_canonical(text, reason);
    if (!n) {
        throw error("write_xes: the list value of attribute '" + std::string(key) +
                    "' is not canonical XES list text (" + reason + ")");
    }
    node(level, *n, key);
}

void XesWriter::column_value(int level, const AttrColumn& c, std::int64_t raw) {
    const std::string_view key = m_log.attribute_names()[c.key];
    switch (c.type) {
    case AttrType::string:
        scalar(level, "string", key, m_log.values()[static_cast<Id>(raw)]);
        return;
    case AttrType::id:
        scalar(level, "id", key, m_log.values()[static_cast<Id>(raw)]);
        return;
    case AttrType::list:
        structured(level, key, m_log.values()[static_cast<Id>(raw)]);
        return;
    case AttrType::integer: {
        const auto r = std::to_chars(m_num, m_num + sizeof m_num, raw);
        scalar(level, "int", key, {m_num, static_cast<std::size_t>(r.ptr - m_num)});
        return;
    }
    case AttrType::real: {
        const double v = attr_real(raw);
        if (std::isnan(v)) {
            scalar(level, "float", key, "NaN");
        } else if (std::isinf(v)) {
            scalar(level, "float", key, v > 0 ? "INF" : "-INF");
        } else {
            // Shortest text that reads back to the same double.
            const auto r = std::to_chars(m_num, m_num + sizeof m_num, v);
            scalar(level, "float", key, {m_num, static_cast<std::size_t>(r.ptr - m_num)});
        }
        return;
    }
    case AttrType::boolean:
        scalar(level, "boolean", key, raw != 0 ? "true" : "false");
        return;
    case AttrType::time:
        scalar(level, "date", key, format_iso8601(raw));
        return;
    }
}

void XesWriter::meta_attribute(int level, const LogMeta::Attribute& a) {
    if (a.type == AttrType::list) {
        structured(level, a.key, a.value);
    } else {
        scalar(level, attr_type_name(a.type), a.key, a.value);
    }
}

void XesWriter::write() {
    const LogMeta& meta = m_log.meta();
    m_buf += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<log xes.version=\"1849-2016\" xes.features=\"nested-attributes\" "
             "xmlns=\"http://www.xes-standard.org/\">\n";
    if (meta.extensions.empty()) {
        // The log came from elsewhere (CSV, ...): declare the standard extensions
        // whose keys the core fields use.
        m_buf += "  <extension name=\"Concept\" prefix=\"concept\" "
                 "uri=\"http://www.xes-standard.org/concept.xesext\"/>\n"
                 "  <extension name=\"Time\" prefix=\"time\" "
                 "uri=\"http://www.xes-standard.org/time.xesext\"/>\n"
                 "  <extension name=\"Organizational\" prefix=\"org\" "
                 "uri=\"http://www.xes-standard.org/org.xesext\"/>\n"
                 "  <extension name=\"Lifecycle\" prefix=\"lifecycle\" "
                 "uri=\"http://www.xes-standard.org/lifecycle.xesext\"/>\n";
    }
    for (const LogMeta::Extension& x : meta.extensions) {
        m_buf += "  <extension name=\"";
        escaped(x.name);
        m_buf += "\" prefix=\"";
        escaped(x.prefix);
        m_buf += "\" uri=\"";
        escaped(x.uri);
        m_buf += "\"/>\n";
    }
    // Consecutive globals of one scope share a <global> element.
    for (std::size_t i = 0; i < meta.globals.size();) {
        const std::string& scope = meta.globals[i].scope;
        m_buf += "  <global scope=\"";
        escaped(scope);
        m_buf += "\">\n";
        for (; i < meta.globals.size() && meta.globals[i].scope == scope; ++i) {
            meta_attribute(2, meta.globals[i].attribute);
        }
        m_buf += "  </global>\n";
    }
    for (const LogMeta::Classifier& c : meta.classifiers) {
        m_buf += "  <classifier name=\"";
        escaped(c.name);
        m_buf += "\" keys=\"";
        escaped(c.keys);
        m_buf += "\"/>\n";
    }
    for (const LogMeta::Attribute& a : meta.attributes) {
        meta_attribute(1, a);
    }

    const auto& case_cols = m_log.case_attributes();
    const auto& event_cols = m_log.event_attributes();
    std::vector<std::size_t> case_cursor(case_cols.size(), 0);
    std::vector<std::size_t> event_cursor(event_cols.size(), 0);
    const auto acts = m_log.activities();
    const auto res = m_log.resources();
    const auto deps = m_log.departments();
    const auto chans = m_log.channels();
    const auto lifes = m_log.lifecycles();
    const auto times = m_log.timestamps();

    for (std::size_t c = 0; c < m_log.num_cases(); ++c) {
        m_buf += "  <trace>\n";
        scalar(2, "string", "concept:name", m_log.case_name(c));
        for (std::size_t k = 0; k < case_cols.size(); ++k) {
            const AttrColumn& col = case_cols[k];
            std::size_t& cur = case_cursor[k];
            if (cur < col.rows.size() && col.rows[cur] == c) {
                column_value(2, col, col.values[cur]);
                ++cur;
            }
        }
        for (std::size_t e = m_log.case_begin(c); e < m_log.case_end(c); ++e) {
            m_buf += "    <event>\n";
            scalar(3, "string", "concept:name", m_log.activity_names()[acts[e]]);
            if (times[e] != no_timestamp) {
                scalar(3, "date", "time:timestamp", format_iso8601(times[e]));
            }
            if (res[e] != no_id) {
                scalar(3, "string", "org:resource", m_log.resource_names()[res[e]]);
            }
            if (deps[e] != no_id) {
                scalar(3, "string", "org:group", m_log.department_names()[deps[e]]);
            }
            if (chans[e] != no_id) {
                scalar(3, "string", "channel", m_log.channel_names()[chans[e]]);
            }
            if (lifes[e] != no_id) {
                scalar(3, "string", "lifecycle:transition", m_log.lifecycle_names()[lifes[e]]);
            }
            for (std::size_t k = 0; k < event_cols.size(); ++k) {
                const AttrColumn& col = event_cols[k];
                std::size_t& cur = event_cursor[k];
                if (cur < col.rows.size() && col.rows[cur] == e) {
                    column_value(3, col, col.values[cur]);
                    ++cur;
                }
            }
            m_buf += "    </event>\n";
            maybe_flush();
        }
        m_buf += "  </trace>\n";
        maybe_flush();
    }
    m_buf += "</log>\n";
    flush();
}

} // namespace

void write_xes(const EventLog& log, std::ostream& out) {
    XesWriter(log, out).write();
}

} // namespace journey::io
