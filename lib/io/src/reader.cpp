#include <journey/io/reader.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>

#include <journey/core/error.hpp>
#include <journey/io/csv.hpp>
#include <journey/io/xes.hpp>

#include "input_file.hpp"

namespace journey::io {

namespace {

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size()) {
        return false;
    }
    return std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                      [](char a, char b) {
                          return std::tolower(static_cast<unsigned char>(a)) ==
                                 std::tolower(static_cast<unsigned char>(b));
                      });
}

std::string resolve_format(const ReadOptions& options, std::string_view path,
                           std::string_view head) {
    if (options.format != "auto" && !options.format.empty()) {
        const auto& known = input_formats();
        if (std::find(known.begin(), known.end(), options.format) == known.end()) {
            throw usage_error("unknown input format '" + options.format + "' (known: csv, xes)");
        }
        return options.format;
    }
    std::string f = format_from_extension(path);
    if (f.empty()) {
        f = format_from_content(head);
    }
    if (f.empty()) {
        f = "csv";
    }
    return f;
}

} // namespace

const std::vector<std::string>& input_formats() {
    static const std::vector<std::string> formats{"csv", "xes"};
    return formats;
}

std::string format_from_extension(std::string_view path) {
    if (ends_with_ci(path, ".xes") || ends_with_ci(path, ".xes.gz")) {
        return "xes";
    }
    if (ends_with_ci(path, ".csv") || ends_with_ci(path, ".tsv") || ends_with_ci(path, ".txt") ||
        ends_with_ci(path, ".csv.gz")) {
        return "csv";
    }
    return {};
}

std::string format_from_content(std::string_view head) {
    if (head.empty()) {
        return {};
    }
    if (detail::is_gzip(head)) {
        return "xes"; // gzip of unknown content: XES is the compressed format we read
    }
    std::size_t i = 0;
    if (head.substr(0, 3) == "\xEF\xBB\xBF") {
        i = 3;
    }
    while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) {
        ++i;
    }
    if (i < head.size() && head[i] == '<') {
        return "xes";
    }
    return "csv";
}

ReadResult read_log_buffer(std::string_view data, const ReadOptions& options,
                           const std::string& name) {
    const std::string format = resolve_format(options, name, data.substr(0, 512));
    if (format == "xes") {
        return read_xes(data, options, name);
    }
    if (detail::is_gzip(data)) {
        const std::string plain = detail::gunzip(data, name);
        return read_csv(plain, options, name);
    }
    return read_csv(data, options, name);
}

ReadResult read_log(const std::string& path, const ReadOptions& options) {
    std::string format = options.format;
    if (format == "auto" || format.empty()) {
        format = format_from_extension(path);
    }
    if (format == "xes") {
        ReadOptions o = options;
        o.format = "xes";
        return read_xes_file(path, o);
    }
    const detail::InputFile file(path);
    return read_log_buffer(file.data(), options, path);
}

void write_log(const EventLog& log, const std::string& path, const std::string& format) {
    std::string f = format;
    if (f == "auto" || f.empty()) {
        f = format_from_extension(path);
        if (ends_with_ci(path, ".gz")) {
            throw usage_error("writing compressed output is not supported: " + path);
        }
    }
    if (f != "csv" && f != "xes") {
        throw usage_error("cannot tell the output format of '" + path +
                          "': use a .csv or .xes extension or --to csv|xes");
    }
    std::ofstream out(path, std::ios::binary);
    if (!out) {
        throw io_error(path, "cannot open for writing");
    }
    if (f == "xes") {
        write_xes(log, out);
    } else {
        write_csv(log, out);
    }
    out.flush();
    if (!out) {
        throw io_error(path, "write failed");
    }
}

} // namespace journey::io
