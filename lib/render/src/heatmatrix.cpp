#include <journey/render/heatmatrix.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>

#include <journey/core/error.hpp>
#include <journey/core/hex.hpp>

#include "text.hpp"

namespace journey::render {

namespace {


/// Display columns of UTF-8 text (code points).
std::size_t columns_of(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++n;
        }
    }
    return n;
}

struct Rgb {
    int r = 0, g = 0, b = 0;
};

Rgb parse_colour(const std::string& s) {
    if (s.size() == 7 && s[0] == '#') {
        int v[6];
        bool ok = true;
        for (int i = 0; i < 6; ++i) {
            v[i] = hex_digit_value(s[static_cast<std::size_t>(i) + 1]);
            ok = ok && v[i] >= 0;
        }
        if (ok) {
            return {v[0] * 16 + v[1], v[2] * 16 + v[3], v[4] * 16 + v[5]};
        }
    }
    throw usage_error("heat matrix: colour must be \"#rrggbb\", not \"" + s + "\"");
}

std::string mix(const Rgb& a, const Rgb& b, double t) {
    const auto channel = [t](int x, int y) {
        return static_cast<std::uint8_t>(std::lround(x + (y - x) * t));
    };
    return detail::hex_colour(channel(a.r, b.r), channel(a.g, b.g), channel(a.b, b.b));
}

std::string px(double v) { return detail::fixed(v, 1); }

} // namespace

std::string heat_matrix_svg(const HeatMatrix& m, const HeatMatrixOptions& o) {
    const std::size_t nr = m.rows.size();
    const std::size_t nc = m.columns.size();
    const std::size_t cells = nr * nc;
    if (m.values.size() != cells) {
        throw usage_error("heat matrix: " + std::to_string(m.values.size()) + " values for " +
                          std::to_string(nr) + " × " + std::to_string(nc) + " cells");
    }
    if (!m.cell_text.empty() && m.cell_text.size() != cells) {
        throw usage_error("heat matrix: " + std::to_string(m.cell_text.size()) +
                          " cell texts for " + std::to_string(cells) + " cells");
    }
    if (!m.tooltips.empty() && m.tooltips.size() != cells) {
        throw usage_error("heat matrix: " + std::to_string(m.tooltips.size()) +
                          " tooltips for " + std::to_string(cells) + " cells");
    }
    const Rgb low = parse_colour(o.low);
    const Rgb high = parse_colour(o.high);

    double max_value = 0;
    for (const double v : m.values) {
        if (std::isfinite(v)) {
            max_value = std::max(max_value, v);
        }
    }
    const double fs = o.font_size;
    const double char_w = 0.6 * fs; // an estimate; labels are not measured
    const std::string caption = m.row_axis + " ↓ / " + m.column_axis + " →";
    std::size_t row_chars = columns_of(caption);
    for (const std::string& r : m.rows) {
        row_chars = std::max(row_chars, columns_of(r));
    }
    std::size_t col_chars = 0;
    for (const std::string& c : m.columns) {
        col_chars = std::max(col_chars, columns_of(c));
    }
    const double margin = 16;
    const double title_h = (m.title.empty() ? 0 : fs * 1.6) + (m.subtitle.empty() ? 0 : fs * 1.4);
    const double col_label_h = static_cast<double>(col_chars) * char_w * 0.7072 + fs * 2;
    const double left = margin + static_cast<double>(row_chars) * char_w + 10;
    const double top = margin + title_h + col_label_h;
    const double grid_w = static_cast<double>(nc) * o.cell;
    const double grid_h = static_cast<double>(nr) * o.cell;
    const double legend_h = fs * 3.5;
    const double width = std::max(left + grid_w + margin + static_cast<double>(col_chars) * char_w * 0.7072,
                                  margin * 2 + 260);
    const double height = top + grid_h + margin + legend_h;

    std::string s;
    s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + px(width) + "\" height=\"" +
         px(height) + "\" viewBox=\"0 0 " + px(width) + " " + px(height) + "\" font-family=\"" +
         detail::svg_text(o.font) + "\" font-size=\"" + px(fs) + "\">\n";
    s += "<title>" + detail::svg_text(m.title.empty() ? "heat matrix" : m.title) + "</title>\n";
    s += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
    double y = margin;
    if (!m.title.empty()) {
        y += fs * 1.2;
        s += "<text x=\"" + px(margin) + "\" y=\"" + px(y) + "\" font-size=\"" + px(fs * 1.3) +
             "\" font-weight=\"bold\">" + detail::svg_text(m.title) + "</text>\n";
        y += fs * 0.4;
    }
    if (!m.subtitle.empty()) {
        y += fs * 1.2;
        s += "<text x=\"" + px(margin) + "\" y=\"" + px(y) + "\" fill=\"#555555\">" +
             detail::svg_text(m.subtitle) + "</text>\n";
    }
    // Axis captions.
    s += "<text x=\"" + px(left - 10) + "\" y=\"" + px(top - 6) +
         "\" text-anchor=\"end\" font-style=\"italic\" fill=\"#555555\">" + detail::svg_text(caption) +
         "</text>\n";
    // Column labels, rotated.
    s += "<g class=\"columns\">\n";
    for (std::size_t c = 0; c < nc; ++c) {
        const double x = left + (static_cast<double>(c) + 0.5) * o.cell;
        s += "<text transform=\"translate(" + px(x) + "," + px(top - 6) +
             ") rotate(-45)\">" + detail::svg_text(m.columns[c]) + "</text>\n";
    }
    s += "</g>\n";
    // Row labels.
    s += "<g class=\"rows\" text-anchor=\"end\">\n";
    for (std::size_t r = 0; r < nr; ++r) {
        const double ry = top + (static_cast<double>(r) + 0.5) * o.cell + fs * 0.35;
        s += "<text x=\"" + px(left - 8) + "\" y=\"" + px(ry) + "\">" + detail::svg_text(m.rows[r]) +
             "</text>\n";
    }
    s += "</g>\n";
    // Cells.
    s += "<g class=\"cells\" text-anchor=\"middle\">\n";
    for (std::size_t r = 0; r < nr; ++r) {
        for (std::size_t c = 0; c < nc; ++c) {
            const std::size_t i = r * nc + c;
            const double v = m.values[i];
            const double x = left + static_cast<double>(c) * o.cell;
            const double cy = top + static_cast<double>(r) * o.cell;
            if (!std::isfinite(v)) {
                s += "<rect x=\"" + px(x) + "\" y=\"" + px(cy) + "\" width=\"" + px(o.cell) +
                     "\" height=\"" + px(o.cell) + "\" fill=\"#f7f7f7\" stroke=\"#dddddd\"/>\n";
                continue;
            }
            const double t = max_value > 0 ? std::clamp(v / max_value, 0.0, 1.0) : 0.0;
            const std::string text =
                m.cell_text.empty() || m.cell_text[i].empty() ? detail::fixed(v, o.decimals)
                                                              : m.cell_text[i];
            const std::string tip = m.tooltips.empty() || m.tooltips[i].empty()
                                        ? m.rows[r] + " → " + m.columns[c] + ": " + text
                                        : m.tooltips[i];
            s += "<g><title>" + detail::svg_text(tip) + "</title><rect x=\"" + px(x) + "\" y=\"" + px(cy) +
                 "\" width=\"" + px(o.cell) + "\" height=\"" + px(o.cell) + "\" fill=\"" +
                 mix(low, high, t) + "\" stroke=\"#dddddd\"/><text x=\"" +
                 px(x + o.cell / 2) + "\" y=\"" + px(cy + o.cell / 2 + fs * 0.35) + "\" fill=\"" +
                 (t > 0.55 ? "#ffffff" : "#222222") + "\">" + detail::svg_text(text) + "</text></g>\n";
        }
    }
    s += "</g>\n";
    // Legend: a gradient bar from 0 to the largest value.
    const double ly = top + grid_h + margin;
    s += "<defs><linearGradient id=\"heat\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\"><stop offset=\"0\" "
         "stop-color=\"" +
         mix(low, high, 0) + "\"/><stop offset=\"1\" stop-color=\"" + mix(low, high, 1) +
         "\"/></linearGradient></defs>\n";
    s += "<rect x=\"" + px(margin) + "\" y=\"" + px(ly) + "\" width=\"160.0\" height=\"" +
         px(fs) + "\" fill=\"url(#heat)\" stroke=\"#dddddd\"/>\n";
    s += "<text x=\"" + px(margin) + "\" y=\"" + px(ly + fs * 2.2) + "\">0</text>\n";
    s += "<text x=\"" + px(margin + 160) + "\" y=\"" + px(ly + fs * 2.2) +
         "\" text-anchor=\"end\">" + detail::fixed(max_value, o.decimals) + "</text>\n";
    if (!m.legend.empty()) {
        s += "<text x=\"" + px(margin + 170) + "\" y=\"" + px(ly + fs * 0.9) + "\">" +
             detail::svg_text(m.legend) + "</text>\n";
    }
    s += "</svg>\n";
    return s;
}

} // namespace journey::render
