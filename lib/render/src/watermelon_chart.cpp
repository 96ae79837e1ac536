#include <journey/render/watermelon_chart.hpp>

#include <algorithm>
#include <cmath>
#include <string_view>

#include <journey/core/error.hpp>

#include "text.hpp"

namespace journey::render {

namespace {

constexpr const char* green = "#54a24b";
constexpr const char* amber = "#f2b447";
constexpr const char* red = "#e45756";
constexpr const char* grey = "#9e9e9e";
constexpr const char* track = "#eeeeee";
constexpr const char* ink = "#222222";


std::string px(double v) { return detail::fixed(v, 1); }

std::string percent(double fraction) {
    if (!std::isfinite(fraction)) {
        return "n/a";
    }
    return detail::fixed(fraction * 100, 1) + "%";
}

std::string rect(double x, double y, double w, double h, const std::string& fill,
                 const std::string& extra = {}) {
    return "<rect x=\"" + px(x) + "\" y=\"" + px(y) + "\" width=\"" + px(std::max(w, 0.0)) +
           "\" height=\"" + px(std::max(h, 0.0)) + "\" fill=\"" + fill + "\"" + extra + "/>\n";
}

std::string text(double x, double y, const std::string& body, const std::string& attrs = {}) {
    return "<text x=\"" + px(x) + "\" y=\"" + px(y) + "\"" + attrs + ">" + detail::svg_text(body) + "</text>\n";
}

std::string line(double x1, double y1, double x2, double y2, const std::string& stroke,
                 const std::string& extra = {}) {
    return "<line x1=\"" + px(x1) + "\" y1=\"" + px(y1) + "\" x2=\"" + px(x2) + "\" y2=\"" +
           px(y2) + "\" stroke=\"" + stroke + "\"" + extra + "/>\n";
}

const char* status_colour(const std::string& status) {
    if (status == "green") {
        return green;
    }
    if (status == "amber") {
        return amber;
    }
    if (status == "red") {
        return red;
    }
    return grey;
}

double clamp01(double v) { return std::isfinite(v) ? std::clamp(v, 0.0, 1.0) : 0.0; }

} // namespace

std::string watermelon_chart_svg(const WatermelonChart& c, const WatermelonChartOptions& o) {
    if (!c.histogram_red.empty() && c.histogram_red.size() != c.histogram.size()) {
        throw usage_error("watermelon chart: " + std::to_string(c.histogram_red.size()) +
                          " red counts for " + std::to_string(c.histogram.size()) + " histogram bins");
    }
    for (std::size_t i = 0; i < c.histogram_red.size(); ++i) {
        if (c.histogram_red[i] > c.histogram[i]) {
            throw usage_error("watermelon chart: bin " + std::to_string(i) + " has " +
                              std::to_string(c.histogram_red[i]) + " red of " +
                              std::to_string(c.histogram[i]) + " journeys");
        }
    }
    for (const std::size_t m : c.modes) {
        if (m >= c.histogram.size()) {
            throw usage_error("watermelon chart: mode " + std::to_string(m) + " is not a bin");
        }
    }
    if (c.valley && *c.valley >= c.histogram.size()) {
        throw usage_error("watermelon chart: valley " + std::to_string(*c.valley) + " is not a bin");
    }

    const double fs = o.font_size;
    const double margin = 24;
    const double width = o.width;
    const bool right_panel = !c.histogram.empty();
    const double left_end = right_panel ? width * 0.56 : width - margin;
    const double label_w = std::min(200.0, (left_end - margin) * 0.38);
    const double bar_x = margin + label_w + 8;
    const double bar_w = std::max(40.0, left_end - bar_x - 56);
    const double row = o.bar_height + 6;

    std::string body;
    double y = margin + fs * 1.4;
    body += text(margin, y, c.title.empty() ? std::string("Watermelon chart") : c.title,
                 " font-size=\"" + px(fs * 1.4) + "\" font-weight=\"bold\"");
    if (!c.subtitle.empty()) {
        y += fs * 1.6;
        body += text(margin, y, c.subtitle, " fill=\"#555555\"");
    }
    const double panel_top = y + fs * 2.4;

    // Left panel: the outside (touchpoint measures) against the inside (journeys).
    double ly = panel_top;
    body += text(margin, ly, "Outside: touchpoint measures on target", " font-weight=\"bold\"");
    ly += fs * 0.8;
    for (const AttainmentBar& b : c.bars) {
        const double top = ly + 3;
        body += "<g><title>" + detail::svg_text(b.label + ": " + percent(b.attainment) +
                                   (b.target >= 0 ? " (target " + percent(b.target) + ")" : "")) +
                "</title>\n";
        body += text(bar_x - 8, top + o.bar_height * 0.8, b.label, " text-anchor=\"end\"");
        body += rect(bar_x, top, bar_w, o.bar_height, track);
        if (std::isfinite(b.attainment)) {
            body += rect(bar_x, top, bar_w * clamp01(b.attainment), o.bar_height, status_colour(b.status));
        }
        if (b.target >= 0) {
            const double tx = bar_x + bar_w * clamp01(b.target);
            body += line(tx, top - 2, tx, top + o.bar_height + 2, ink, " stroke-width=\"2\"");
        }
        body += text(bar_x + bar_w + 6, top + o.bar_height * 0.8, percent(b.attainment));
        body += "</g>\n";
        ly += row;
    }
    if (c.bars.empty()) {
        body += text(bar_x, ly + o.bar_height * 0.8, "no touchpoint measures", " fill=\"#555555\"");
        ly += row;
    }
    ly += fs;
    body += line(margin, ly, left_end, ly, "#cccccc");
    ly += fs * 1.6;
    body += text(margin, ly, "Inside: journeys green and red", " font-weight=\"bold\"");
    ly += fs * 0.8;
    {
        const double top = ly + 3;
        const double h = o.bar_height * 1.5;
        const double ok = clamp01(c.journey_success);
        body += "<g><title>" + detail::svg_text("journeys green: " + percent(c.journey_success) +
                                   (c.inside_target >= 0 ? " (target " + percent(c.inside_target) + ")" : "")) +
                "</title>\n";
        body += text(bar_x - 8, top + h * 0.7, "journeys", " text-anchor=\"end\"");
        if (std::isfinite(c.journey_success)) {
            body += rect(bar_x, top, bar_w * ok, h, green);
            body += rect(bar_x + bar_w * ok, top, bar_w * (1 - ok), h, red);
        } else {
            body += rect(bar_x, top, bar_w, h, track);
        }
        if (c.inside_target >= 0) {
            const double tx = bar_x + bar_w * clamp01(c.inside_target);
            body += line(tx, top - 2, tx, top + h + 2, ink, " stroke-width=\"2\"");
        }
        body += "</g>\n";
        ly = top + h + fs * 1.4;
        body += text(bar_x, ly,
                     percent(c.journey_success) + " green, " +
                         (std::isfinite(c.journey_success) ? percent(1 - c.journey_success) : std::string("n/a")) +
                         " red");
    }
    ly += fs * 1.8;
    // Legend.
    double lx = margin;
    for (const auto& [colour, name] : {std::pair{green, "on target"}, std::pair{amber, "amber"},
                                       std::pair{red, "below target / red"}}) {
        body += rect(lx, ly - fs * 0.8, fs, fs * 0.8, colour);
        body += text(lx + fs + 4, ly, name, " fill=\"#555555\"");
        lx += fs + 4 + static_cast<double>(std::string_view(name).size()) * fs * 0.55 + 14;
    }
    body += line(lx, ly - fs, lx, ly + 2, ink, " stroke-width=\"2\"");
    body += text(lx + 6, ly, "target", " fill=\"#555555\"");
    double bottom = ly + fs;

    // Right panel: the score histogram with its modes.
    if (right_panel) {
        const double rx = width * 0.62;
        const double rw = width - margin - rx;
        double ry = panel_top;
        body += text(rx, ry, "Inside: " + c.score_label + " of surveyed journeys", " font-weight=\"bold\"");
        const double plot_top = ry + fs * 3;
        const double plot_h = 220;
        const double plot_bottom = plot_top + plot_h;
        const std::uint64_t peak = *std::max_element(c.histogram.begin(), c.histogram.end());
        const double slot = rw / static_cast<double>(c.histogram.size());
        body += line(rx, plot_bottom, rx + rw, plot_bottom, ink);
        for (std::size_t i = 0; i < c.histogram.size(); ++i) {
            const double n = static_cast<double>(c.histogram[i]);
            const double h = peak == 0 ? 0 : plot_h * n / static_cast<double>(peak);
            const double redn = c.histogram_red.empty() ? 0 : static_cast<double>(c.histogram_red[i]);
            const double rh = peak == 0 ? 0 : plot_h * redn / static_cast<double>(peak);
            const double x = rx + slot * static_cast<double>(i) + slot * 0.1;
            const double w = slot * 0.8;
            body += "<g><title>" + detail::svg_text(c.score_label + " " + std::to_string(i) + ": " +
                                       std::to_string(c.histogram[i]) + " journeys" +
                                       (c.histogram_red.empty() ? std::string()
                                                                : ", " + std::to_string(c.histogram_red[i]) + " red")) +
                    "</title>\n";
            body += rect(x, plot_bottom - h, w, h - rh, green);
            body += rect(x, plot_bottom - rh, w, rh, red);
            body += "</g>\n";
            body += text(x + w / 2, plot_bottom + fs * 1.3, std::to_string(i), " text-anchor=\"middle\"");
        }
        for (const std::size_t m : c.modes) {
            const double n = static_cast<double>(c.histogram[m]);
            const double cx = rx + slot * (static_cast<double>(m) + 0.5);
            const double top = plot_bottom - (peak == 0 ? 0 : plot_h * n / static_cast<double>(peak)) - 6;
            body += "<path d=\"M" + px(cx - 6) + "," + px(top - 10) + " L" + px(cx + 6) + "," +
                    px(top - 10) + " L" + px(cx) + "," + px(top) + " Z\" fill=\"" + ink + "\"/>\n";
            body += text(cx, top - 14, "mode", " text-anchor=\"middle\" font-size=\"" + px(fs * 0.9) + "\"");
        }
        if (c.valley) {
            const double cx = rx + slot * (static_cast<double>(*c.valley) + 0.5);
            body += line(cx, plot_top, cx, plot_bottom, ink, " stroke-dasharray=\"4,3\"");
            body += text(cx, plot_top - 4, "valley", " text-anchor=\"middle\" font-size=\"" + px(fs * 0.9) + "\"");
        }
        ry = plot_bottom + fs * 3;
        if (c.bimodality_coefficient >= 0) {
            body += text(rx, ry,
                         "bimodality coefficient " + detail::fixed(c.bimodality_coefficient, 3) +
                             " (above 0.555 suggests two modes)",
                         " fill=\"#555555\"");
            ry += fs * 1.6;
        }
        body += rect(rx, ry - fs * 0.8, fs, fs * 0.8, red);
        body += text(rx + fs + 4, ry, "red journeys", " fill=\"#555555\"");
        body += rect(rx + fs * 9, ry - fs * 0.8, fs, fs * 0.8, green);
        body += text(rx + fs * 10 + 4, ry, "green journeys", " fill=\"#555555\"");
        bottom = std::max(bottom, ry + fs);
    }

    const double height = bottom + margin;
    std::string s;
    s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + px(width) + "\" height=\"" +
         px(height) + "\" viewBox=\"0 0 " + px(width) + " " + px(height) + "\" font-family=\"" +
         detail::svg_text(o.font) + "\" font-size=\"" + px(fs) + "\" fill=\"" + ink + "\">\n";
    s += "<title>" + detail::svg_text(c.title.empty() ? std::string("Watermelon chart") : c.title) + "</title>\n";
    s += rect(0, 0, width, height, "#ffffff");
    s += body;
    s += "</svg>\n";
    return s;
}

} // namespace journey::render
