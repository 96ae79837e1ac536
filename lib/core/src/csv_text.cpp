#include <journey/core/csv_text.hpp>

#include <ostream>

namespace journey {

bool csv_needs_quotes(std::string_view field) noexcept {
    return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

void append_csv_field(std::string& out, std::string_view field) {
    if (!csv_needs_quotes(field)) {
        out += field;
        return;
    }
    out += '"';
    for (const char c : field) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
}

void write_csv_field(std::ostream& out, std::string_view field) {
    if (!csv_needs_quotes(field)) {
        out << field;
        return;
    }
    std::string quoted;
    quoted.reserve(field.size() + 2);
    append_csv_field(quoted, field);
    out << quoted;
}

std::string csv_field_text(std::string_view field) {
    std::string s;
    append_csv_field(s, field);
    return s;
}

} // namespace journey
