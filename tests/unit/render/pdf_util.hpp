#pragma once
// A minimal reading of the PDFs cairo writes: the page objects and their media
// boxes, in file order (cairo writes the pages in order).

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace journey::test {

/// Width and height (points) of every page object (/Type /Page) of `pdf`.
inline std::vector<std::pair<double, double>> pdf_pages(const std::string& pdf) {
    std::vector<std::pair<double, double>> pages;
    const std::string key = "/Type /Page";
    for (std::size_t at = pdf.find(key); at != std::string::npos; at = pdf.find(key, at + 1)) {
        const char next = at + key.size() < pdf.size() ? pdf[at + key.size()] : ' ';
        if (next == 's') {
            continue; // /Type /Pages
        }
        const std::size_t box = pdf.find("/MediaBox [", at);
        const std::size_t end = box == std::string::npos ? box : pdf.find(']', box);
        if (end == std::string::npos) {
            pages.emplace_back(0, 0);
            continue;
        }
        double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        std::sscanf(pdf.c_str() + box + 11, "%lf %lf %lf %lf", &x0, &y0, &x1, &y1);
        pages.emplace_back(x1 - x0, y1 - y0);
    }
    return pages;
}

} // namespace journey::test
