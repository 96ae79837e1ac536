// CSV event log writer. Output is deterministic and reads back (read_csv) into an
// equal EventLog: attribute columns whose type the reader would not infer from
// their values get a `name:type` header hint (see csv_common.hpp).

#include <journey/io/csv.hpp>

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <journey/core/error.hpp>
#include <journey/core/event_log.hpp>

#include "csv_common.hpp"

namespace journey::io {

namespace {

constexpr std::size_t flush_bytes = std::size_t{1} << 20;

bool is_interned(AttrType t) noexcept {
    return t == AttrType::string || t == AttrType::id || t == AttrType::list;
}

// Appends a field, quoted when it holds the delimiter, a quote, a line break or
// any of the delimiters the reader sniffs (so sniffing the output is unambiguous).
void put_field(std::string& out, std::string_view v, char delimiter) {
    bool quote = false;
    for (const char c : v) {
        if (c == delimiter || c == '"' || c == '\n' || c == '\r' || c == ',' || c == ';' ||
            c == '\t' || c == '|') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        out += v;
        return;
    }
    out += '"';
    for (const char c : v) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
}

// The text the writer puts in a cell for a raw attribute value.
void value_text(const EventLog& log, AttrType type, std::int64_t raw, std::string& out) {
    out.clear();
    if (is_interned(type)) {
        out += log.values()[static_cast<Id>(raw)];
    } else {
        detail::csv_format_value(type, raw, out);
    }
}

struct OutColumn {
    const AttrColumn* column = nullptr;
    bool case_level = false;
    std::string header;
    std::size_t cursor = 0;
};

// The type read_csv would infer for this column from the text written: the first
// non-empty cells of the sample window (csv_sample_records records), else, for a
// column with none there, its first values (for a case attribute: the first value
// of each case, which is what the reader keeps).
AttrType predicted_type(const EventLog& log, const AttrColumn& col, bool case_level) {
    std::vector<std::string> window;
    std::vector<std::string> anywhere;
    std::string text;
    // @returns true when the rest of the column cannot change the prediction.
    const auto consider = [&](std::uint64_t record, std::int64_t raw) {
        const bool past_window = record >= detail::csv_sample_records;
        if (past_window && !window.empty()) {
            return true;
        }
        value_text(log, col.type, raw, text);
        if (text.empty()) {
            return false;
        }
        if (!past_window && window.size() < detail::csv_sample_values) {
            window.push_back(text);
        }
        if (anywhere.size() < detail::csv_sample_values) {
            anywhere.push_back(text);
        }
        return past_window && anywhere.size() >= detail::csv_sample_values;
    };
    bool done = false;
    for (std::size_t i = 0; i < col.rows.size() && !done; ++i) {
        if (case_level) {
            // The case value is repeated on every row of the case; outside the
            // window the reader samples it once per case.
            const std::uint32_t c = col.rows[i];
            for (std::size_t e = log.case_begin(c); e < log.case_end(c) && !done; ++e) {
                if (e >= detail::csv_sample_records && e > log.case_begin(c)) {
                    break;
                }
                done = consider(e, col.values[i]);
            }
        } else {
            done = consider(col.rows[i], col.values[i]);
        }
    }
    const std::vector<std::string>& chosen = window.empty() ? anywhere : window;
    const std::vector<std::string_view> views(chosen.begin(), chosen.end());
    return detail::csv_infer_type(views, TimeFormat(TimeFormat::Kind::iso));
}

// The header cell of an attribute column.
std::string header_for(const EventLog& log, const std::vector<AttrColumn>& all,
                       const AttrColumn& col, bool case_level) {
    const std::string_view name = log.attribute_names()[col.key];
    std::string plain = case_level ? "case:" + std::string(name) : std::string(name);
    std::size_t same_name = 0;
    for (const AttrColumn& o : all) {
        same_name += log.attribute_names()[o.key] == name ? 1 : 0;
    }
    const detail::CsvAttrHeader h = detail::csv_split_header(plain);
    const bool plain_reads_back = !h.hint && h.case_level == case_level && h.key == name &&
                                  !detail::csv_is_role_alias(plain);
    if (same_name == 1 && plain_reads_back && predicted_type(log, col, case_level) == col.type) {
        return plain;
    }
    return plain + ":" + std::string(attr_type_name(col.type));
}

} // namespace

void write_csv(const EventLog& log, std::ostream& out, const CsvWriteOptions& options) {
    const char d = options.delimiter;
    if (d == '"' || d == '\n' || d == '\r' || d == '\0') {
        throw usage_error("invalid CSV delimiter: it cannot be a quote, a line break or NUL");
    }
    const auto any = [](std::span<const Id> ids) {
        for (const Id id : ids) {
            if (id != no_id) {
                return true;
            }
        }
        return false;
    };
    const bool with_resource = any(log.resources());
    const bool with_department = any(log.departments());
    const bool with_channel = any(log.channels());
    bool with_lifecycle = false;
    for (const std::uint8_t l : log.lifecycles()) {
        with_lifecycle = with_lifecycle || l != 0;
    }

    std::vector<OutColumn> attrs;
    for (const AttrColumn& c : log.event_attributes()) {
        attrs.push_back({&c, false, header_for(log, log.event_attributes(), c, false), 0});
    }
    for (const AttrColumn& c : log.case_attributes()) {
        attrs.push_back({&c, true, header_for(log, log.case_attributes(), c, true), 0});
    }

    std::string buf;
    buf.reserve(flush_bytes + 4096);
    const auto flush = [&] {
        out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
        buf.clear();
    };

    put_field(buf, "case:concept:name", d);
    buf += d;
    put_field(buf, "concept:name", d);
    buf += d;
    put_field(buf, "time:timestamp", d);
    for (const auto& [on, name] :
         {std::pair{with_resource, "org:resource"}, std::pair{with_department, "org:group"},
          std::pair{with_channel, "channel"}, std::pair{with_lifecycle, "lifecycle:transition"}}) {
        if (on) {
            buf += d;
            put_field(buf, name, d);
        }
    }
    for (const OutColumn& a : attrs) {
        buf += d;
        put_field(buf, a.header, d);
    }
    buf += '\n';

    std::string text;
    for (std::size_t c = 0; c < log.num_cases(); ++c) {
        const std::string_view case_name = log.case_name(c);
        for (std::size_t e = log.case_begin(c); e < log.case_end(c); ++e) {
            put_field(buf, case_name, d);
            buf += d;
            put_field(buf, log.activity_names()[log.activities()[e]], d);
            buf += d;
            put_field(buf, format_iso8601(log.timestamps()[e]), d);
            if (with_resource) {
                buf += d;
                put_field(buf, log.resource_names()[log.resources()[e]], d);
            }
            if (with_department) {
                buf += d;
                put_field(buf, log.department_names()[log.departments()[e]], d);
            }
            if (with_channel) {
                buf += d;
                put_field(buf, log.channel_names()[log.channels()[e]], d);
            }
            if (with_lifecycle) {
                buf += d;
                put_field(buf, log.lifecycle_names()[log.lifecycles()[e]], d);
            }
            for (OutColumn& a : attrs) {
                buf += d;
                const AttrColumn& col = *a.column;
                const std::size_t row = a.case_level ? c : e;
                while (a.cursor < col.rows.size() && col.rows[a.cursor] < row) {
                    ++a.cursor;
                }
                if (a.cursor < col.rows.size() && col.rows[a.cursor] == row) {
                    value_text(log, col.type, col.values[a.cursor], text);
                    put_field(buf, text, d);
                }
            }
            buf += '\n';
            if (buf.size() >= flush_bytes) {
                flush();
            }
        }
    }
    flush();
}

} // namespace journey::io
