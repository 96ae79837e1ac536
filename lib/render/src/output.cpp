#include "output.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>

#include <journey/core/error.hpp>

namespace journey::render::detail {

namespace {

// Blanks every PDF string "(...)" that follows `key`, from `key` to its closing
// parenthesis.
void blank_string(std::string& pdf, std::string_view key) {
    for (std::size_t at = pdf.find(key); at != std::string::npos; at = pdf.find(key, at + 1)) {
        std::size_t i = at + key.size();
        while (i < pdf.size() && (pdf[i] == ' ' || pdf[i] == '\n' || pdf[i] == '\r')) {
            ++i;
        }
        if (i >= pdf.size() || pdf[i] != '(') {
            continue;
        }
        int depth = 0;
        for (; i < pdf.size(); ++i) {
            if (pdf[i] == '\\') {
                ++i;
            } else if (pdf[i] == '(') {
                ++depth;
            } else if (pdf[i] == ')' && --depth == 0) {
                std::fill(pdf.begin() + static_cast<std::ptrdiff_t>(at),
                          pdf.begin() + static_cast<std::ptrdiff_t>(i) + 1, ' ');
                break;
            }
        }
    }
}

} // namespace

std::string lower_extension(const std::string& path, std::string_view kind,
                            std::string_view choices) {
    const std::size_t slash = path.find_last_of("/\\");
    const std::size_t dot = path.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) {
        throw usage_error(path + ": no file extension to tell the " + std::string(kind) +
                          " format (use " + std::string(choices) + ")");
    }
    std::string ext = path.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

void blank_pdf_info(std::string& pdf) {
    for (const std::string_view key : {"/CreationDate", "/ModDate", "/Producer", "/Creator"}) {
        blank_string(pdf, key);
    }
}

void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file) {
        throw io_error(path, std::string("cannot open for writing: ") + std::strerror(errno));
    }
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    file.close();
    if (!file) {
        throw io_error(path, "write failed");
    }
}

} // namespace journey::render::detail
