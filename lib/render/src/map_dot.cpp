// Journey map: names, number formats, text metrics, the grid, the filters and the
// DOT text the map is laid out from.

#include <journey/render/journey_map.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <numeric>
#include <queue>
#include <string_view>
#include <tuple>

#include <journey/core/error.hpp>
#include <journey/core/hex.hpp>
#include <journey/render/dot.hpp>

#include "map_scene.hpp"
#include "text.hpp"

namespace journey::render {

std::string_view rag_name(Rag r) noexcept {
    switch (r) {
    case Rag::green:
        return "green";
    case Rag::amber:
        return "amber";
    case Rag::red:
        return "red";
    case Rag::none:
        break;
    }
    return "none";
}

std::string_view metric_name(EdgeMetric m) noexcept {
    switch (m) {
    case EdgeMetric::wait:
        return "wait";
    case EdgeMetric::wait_p90:
        return "p90";
    case EdgeMetric::red_lift:
        return "lift";
    case EdgeMetric::rejection:
        return "rejection";
    case EdgeMetric::change:
        return "change";
    case EdgeMetric::frequency:
        break;
    }
    return "frequency";
}

EdgeMetric parse_metric(std::string_view name) {
    if (name == "frequency") {
        return EdgeMetric::frequency;
    }
    if (name == "wait" || name == "median") {
        return EdgeMetric::wait;
    }
    if (name == "p90") {
        return EdgeMetric::wait_p90;
    }
    if (name == "lift") {
        return EdgeMetric::red_lift;
    }
    if (name == "rejection") {
        return EdgeMetric::rejection;
    }
    if (name == "change") {
        return EdgeMetric::change;
    }
    throw usage_error("unknown edge metric '" + std::string(name) +
                      "' (use frequency, wait, p90, lift, rejection or change)");
}

namespace detail {

namespace {

// Tableau-like colours for lanes without a colour of their own.
constexpr std::array<std::uint32_t, 10> palette{0x4c78a8, 0xf58518, 0x54a24b, 0xe45756, 0x72b7b2,
                                                0xeeca3b, 0xb279a2, 0xff9da6, 0x9d755d, 0xbab0ac};

// Advance of one character in em (DejaVu Sans proportions, rounded up a little).
double char_em(unsigned char c) {
    if (c == ' ') {
        return 0.33;
    }
    if (c == 'i' || c == 'l' || c == 'j' || c == '.' || c == ',' || c == ':' || c == ';' ||
        c == '\'' || c == '|' || c == '!') {
        return 0.31;
    }
    if (c == 'f' || c == 't' || c == 'r' || c == 'I' || c == '(' || c == ')' || c == '-' ||
        c == '/' || c == '[' || c == ']') {
        return 0.43;
    }
    if (c == 'm') {
        return 0.98;
    }
    if (c == 'w') {
        return 0.84;
    }
    if (c == 'M' || c == 'W' || c == '%') {
        return 0.99;
    }
    if (c >= 'A' && c <= 'Z') {
        return 0.74;
    }
    if (c >= '0' && c <= '9') {
        return 0.66;
    }
    return 0.64;
}

} // namespace

std::string thousands(std::uint64_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    const std::size_t len = digits.size();
    for (std::size_t i = 0; i < len; ++i) {
        if (i > 0 && (len - i) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    return out;
}

std::string percent(double share, int decimals) {
    if (!std::isfinite(share)) {
        return "–";
    }
    return fixed(share * 100.0, decimals) + " %";
}

Shape wide_shape() {
    return Shape{};
}

Shape narrow_shape() {
    Shape s;
    s.box_width = 96;
    s.max_label_lines = 5;
    return s;
}

Metrics metrics_for(double text_scale, std::size_t label_lines, const Shape& shape,
                    std::size_t figure_lines) {
    Metrics m;
    const double t = std::clamp(text_scale, 0.25, 8.0);
    m.t = t;
    m.label_lines = std::clamp<std::size_t>(label_lines, 1, std::max<std::size_t>(shape.max_label_lines, 1));
    m.figure_lines = std::clamp<std::size_t>(figure_lines, 2, 3);
    m.label_pt = 11 * t;
    m.id_pt = 9 * t;
    m.small_pt = 8.5 * t;
    m.edge_pt = 8.5 * t;
    m.lane_pt = 12 * t;
    m.stage_pt = 13 * t;
    m.title_pt = 28 * t;
    m.subtitle_pt = 12 * t;
    m.panel_pt = 10 * t;
    m.figure_pt = 22 * t;
    m.pad = 6 * t;
    m.node_w = shape.box_width * t;
    m.node_h = m.pad * 2 + m.id_pt * 1.3 + m.label_pt * 1.18 * static_cast<double>(m.label_lines) +
               m.small_pt * 1.3 * static_cast<double>(m.figure_lines);
    m.lane_header_w = 100 * t;
    m.panel_w = 320 * t;
    m.margin = shape.margin * t;
    return m;
}

Metrics metrics_for(const JourneyMapData& data, double text_scale, const Shape& shape) {
    const Metrics base = metrics_for(text_scale, shape.max_label_lines, shape);
    std::size_t lines = 1;
    std::size_t figures = 2;
    for (const MapNode& node : data.nodes) {
        lines = std::max(lines, wrap(node.label.empty() ? node.id : node.label, base.label_pt,
                                     base.node_w - 2 * base.pad, shape.max_label_lines, true)
                                    .size());
        figures = std::max(figures, node_text(node, base).figures.size());
    }
    Metrics m = metrics_for(text_scale, lines, shape, figures);
    // The lane header: wide enough for the longest word of a lane name at the
    // touchpoint label size (lane names are never drawn smaller than touchpoint
    // names), between 100 and 150 points at text scale 1.
    double widest = 0;
    for (const MapLane& lane : compute_grid(data).lanes) {
        widest = std::max(widest, widest_word(lane.label.empty() ? lane.id : lane.label, m.label_pt, true));
    }
    m.lane_header_w = std::clamp(widest + 2 * m.pad + 1 * m.t, 100 * m.t, 150 * m.t);
    return m;
}

double widest_word(const std::string& text, double pt, bool bold) {
    double widest = 0;
    std::string word;
    for (const char ch : text + " ") {
        if (ch == '-' || ch == '/') {
            word += ch; // wrap() breaks after these
        }
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '-' || ch == '/') {
            widest = std::max(widest, text_width(word, pt, bold));
            word.clear();
        } else {
            word += ch;
        }
    }
    return widest;
}

double text_width(const std::string& text, double pt, bool bold) {
    double em = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            em += char_em(c);
        } else if ((c & 0xC0) != 0x80) {
            em += 0.70; // the lead byte of a multi-byte character
        }
    }
    return em * pt * (bold ? 1.08 : 1.0);
}

std::vector<std::string> wrap(const std::string& text, double pt, double width,
                              std::size_t max_lines, bool bold) {
    const auto fits = [&](const std::string& s) { return text_width(s, pt, bold) <= width; };
    // Length of the longest prefix of `s` that fits, cut at a character boundary
    // (at least one character).
    const auto longest_prefix = [&](const std::string& s) {
        std::size_t cut = s.size();
        while (cut > 1 && !fits(s.substr(0, cut))) {
            --cut;
            while (cut > 1 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) {
                --cut;
            }
        }
        // Break after a hyphen or slash when there is one, but leave no piece of
        // fewer than four characters behind when an earlier break is possible
        // ("Move-In/" "Move-Out", not "Move-In/Move-" "Out").
        std::size_t found = 0;
        for (std::size_t k = cut; k > 1; --k) {
            if (s[k - 1] == '-' || s[k - 1] == '/') {
                if (found == 0) {
                    found = k;
                    if (s.size() - k >= 4) {
                        return k;
                    }
                } else {
                    return k;
                }
            }
        }
        return found > 0 ? found : cut;
    };
    // A word with a hyphen or slash breaks there before it is shrunk or cut.
    const auto breakable = [](const std::string& w) {
        return w.find_first_of("-/") != std::string::npos && w.find_first_of("-/") + 1 < w.size();
    };
    // A word wider than a whole line breaks before a common English suffix, with a
    // hyphen ("acknowledge-ment", "investiga-tion,"), when the head then fits: the
    // length of that head, or 0.
    const auto hyphenate = [&](const std::string& w) -> std::size_t {
        static constexpr std::array<std::string_view, 20> suffixes{
            "ments", "ment", "tions", "tion", "sions", "sion", "ings", "ing", "ness", "ables",
            "able", "ibles", "ible", "ances", "ance", "ences", "ence", "ities", "ity", "ship"};
        std::size_t end = w.size();
        while (end > 0 && std::string_view(",.;:!?)'\"").find(w[end - 1]) != std::string_view::npos) {
            --end;
        }
        std::size_t best = 0;
        for (const std::string_view suffix : suffixes) {
            if (end < suffix.size() + 3 || w.compare(end - suffix.size(), suffix.size(), suffix) != 0) {
                continue;
            }
            const std::size_t head = end - suffix.size();
            const auto last = static_cast<unsigned char>(w[head - 1]);
            if (std::isalpha(last) != 0 && head > best && fits(w.substr(0, head) + "-")) {
                best = head;
            }
        }
        return best;
    };
    std::vector<std::string> lines;
    std::string current;
    std::string word;
    const auto add_word = [&] {
        if (word.empty()) {
            return;
        }
        if (!breakable(word) && !fits(word)) {
            if (const std::size_t head = hyphenate(word); head > 0) {
                const std::string piece = word.substr(0, head) + "-";
                if (!current.empty() && fits(current + " " + piece)) {
                    lines.push_back(current + " " + piece);
                } else {
                    if (!current.empty()) {
                        lines.push_back(current);
                    }
                    lines.push_back(piece);
                }
                current.clear();
                word.erase(0, head);
            }
        }
        std::string candidate = current.empty() ? word : current + " " + word;
        if (fits(candidate) ||
            (current.empty() && !breakable(word) && text_width(word, pt, bold) <= width * 1.3)) {
            current = std::move(candidate);
        } else {
            if (!current.empty()) {
                lines.push_back(current);
            }
            // A word a little too long keeps its own line (it is drawn a little
            // smaller); only a much longer one is cut.
            while (text_width(word, pt, bold) > width * (breakable(word) ? 1.0 : 1.3)) {
                const std::size_t cut = longest_prefix(word);
                lines.push_back(word.substr(0, cut));
                word.erase(0, cut);
            }
            current = word;
        }
        word.clear();
    };
    for (const char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            add_word();
        } else {
            word += c;
        }
    }
    add_word();
    if (!current.empty()) {
        lines.push_back(current);
    }
    if (max_lines > 0 && lines.size() > max_lines) {
        lines.resize(max_lines);
        std::string& last = lines.back();
        while (!last.empty() && !fits(last + "…")) {
            std::size_t cut = last.size() - 1;
            while (cut > 0 && (static_cast<unsigned char>(last[cut]) & 0xC0) == 0x80) {
                --cut;
            }
            last.erase(cut);
        }
        while (!last.empty() && (last.back() == ' ' || last.back() == ',')) {
            last.pop_back();
        }
        last += "…";
    }
    return lines;
}

std::uint32_t parse_rgb(const std::string& hex, std::uint32_t fallback) {
    if (hex.size() != 7 || hex[0] != '#') {
        return fallback;
    }
    std::uint32_t v = 0;
    for (std::size_t i = 1; i < 7; ++i) {
        const int d = hex_digit_value(hex[i]);
        if (d < 0) {
            return fallback;
        }
        v = v * 16 + static_cast<std::uint32_t>(d);
    }
    return v;
}

std::uint32_t lane_rgb(const MapLane& lane, std::size_t position) {
    const std::uint32_t fallback = lane.id.empty() ? 0x9aa5b1 : palette[position % palette.size()];
    return parse_rgb(lane.colour, fallback);
}

namespace {

std::string hex(std::uint32_t rgb) {
    return hex_colour(static_cast<std::uint8_t>(rgb >> 16), static_cast<std::uint8_t>(rgb >> 8),
                      static_cast<std::uint8_t>(rgb));
}

std::uint32_t mix(std::uint32_t a, std::uint32_t b, double t) {
    t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
    std::uint32_t out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
        const double ca = static_cast<double>((a >> shift) & 0xFF);
        const double cb = static_cast<double>((b >> shift) & 0xFF);
        const auto c = static_cast<std::uint32_t>(std::lround(ca + (cb - ca) * t));
        out |= std::min<std::uint32_t>(c, 255) << shift;
    }
    return out;
}

} // namespace

double metric_value(const MapEdge& edge, EdgeMetric metric) {
    switch (metric) {
    case EdgeMetric::frequency:
        return static_cast<double>(edge.count);
    case EdgeMetric::wait:
        return edge.median_wait_s;
    case EdgeMetric::wait_p90:
        return edge.p90_wait_s;
    case EdgeMetric::red_lift:
        return edge.log_lift;
    case EdgeMetric::rejection:
        return edge.rejection_rate;
    case EdgeMetric::change:
        break;
    }
    return no_value;
}

std::uint32_t edge_rgb(const MapEdge& edge, EdgeMetric metric, double metric_max) {
    constexpr std::uint32_t unknown = 0xb8c0c8;
    const double v = metric_value(edge, metric);
    switch (metric) {
    case EdgeMetric::frequency:
        return mix(0x9aa7b4, 0x25323f, metric_max > 0 ? v / metric_max : 0);
    case EdgeMetric::wait:
    case EdgeMetric::wait_p90: {
        if (!std::isfinite(v)) {
            return unknown;
        }
        // Log scale from one hour to the longest wait on the map.
        const double lo = std::log(3600.0);
        const double hi = std::log(std::max(metric_max, 7200.0));
        const double t = (std::log(std::max(v, 3600.0)) - lo) / (hi - lo);
        return t < 0.5 ? mix(0xf2d36b, 0xe8853a, t * 2) : mix(0xe8853a, 0xb3261e, t * 2 - 1);
    }
    case EdgeMetric::red_lift: {
        if (!std::isfinite(v)) {
            return unknown;
        }
        const double t = std::clamp(v / 1.5, -1.0, 1.0);
        return t >= 0 ? mix(0xa9b3bd, 0xc0262d, t) : mix(0xa9b3bd, 0x1f6fb2, -t);
    }
    case EdgeMetric::rejection:
        if (!std::isfinite(v)) {
            return unknown;
        }
        return mix(0xa9b3bd, 0xc0262d, v / 0.30);
    case EdgeMetric::change:
        switch (edge.change) {
        case Change::better:
            return 0x2e9e4f;
        case Change::worse:
            return 0xd62828;
        case Change::added:
            return 0x2f6fde;
        case Change::removed:
            return 0x9aa5b1;
        case Change::same:
        case Change::none:
            break;
        }
        return 0x8d98a3;
    }
    return unknown;
}

double edge_width(const MapEdge& edge, double max_count, double t) {
    const double share = max_count > 0 ? static_cast<double>(edge.count) / max_count : 0;
    return (1.0 + 9.0 * std::sqrt(std::clamp(share, 0.0, 1.0))) * std::sqrt(t);
}

std::string edge_label(const MapEdge& edge, EdgeMetric metric) {
    std::string label = thousands(edge.count);
    switch (metric) {
    case EdgeMetric::frequency:
        break;
    case EdgeMetric::wait:
        if (std::isfinite(edge.median_wait_s)) {
            label += " · " + human_duration(edge.median_wait_s);
        }
        break;
    case EdgeMetric::wait_p90:
        if (std::isfinite(edge.p90_wait_s)) {
            label += " · p90 " + human_duration(edge.p90_wait_s);
        }
        break;
    case EdgeMetric::red_lift:
        if (std::isfinite(edge.log_lift)) {
            label += " · ×" + fixed(std::exp(edge.log_lift), 1) + " red";
        }
        break;
    case EdgeMetric::rejection:
        if (std::isfinite(edge.rejection_rate)) {
            label += " · " + percent(edge.rejection_rate, 0) + " back";
        }
        break;
    case EdgeMetric::change:
        if (!edge.change_text.empty()) {
            label = edge.change_text;
        }
        break;
    }
    if (metric != EdgeMetric::change && std::isfinite(edge.ping_pong_per_100) &&
        edge.ping_pong_per_100 > 0 && edge.ping_pong) {
        label += " · ↺ " + fixed(edge.ping_pong_per_100, 1) + "/100";
    }
    return label;
}

NodeText node_text(const MapNode& node, const Metrics& m) {
    NodeText t;
    const double inner = m.node_w - 2 * m.pad;
    if (node.show_id) {
        t.id_line = node.id;
    }
    if (node.change == Change::added) {
        t.tag = "new";
    } else if (node.change == Change::removed) {
        t.tag = "gone";
    } else if (!node.designed) {
        t.tag = "ad hoc";
    } else if (node.hidden) {
        t.tag = "back office";
    }
    t.label = wrap(node.label.empty() ? node.id : node.label, m.label_pt, inner, m.label_lines, true);
    std::string volume = node.volume > 0 || node.events == 0
                             ? thousands(node.volume) + (node.volume == 1 ? " journey" : " journeys")
                             : thousands(node.events) + " events";
    if (std::isfinite(node.repeat_share) && node.repeat_share >= 0.05) {
        volume += " · ↻" + percent(node.repeat_share, 0);
    }
    t.figures.push_back(volume);
    if (!node.change_text.empty()) {
        t.figures.push_back(node.change_text);
    } else if (std::isfinite(node.attainment)) {
        std::string f = "SLA " + percent(node.attainment);
        if (std::isfinite(node.target)) {
            f += " / " + percent(node.target, 0);
        }
        t.figures.push_back(f);
    }
    // A figure a little too wide is drawn a little smaller; the share of repeat
    // visits gets a line of its own rather than be cut off.
    if (std::isfinite(node.repeat_share) && node.repeat_share >= 0.05 &&
        text_width(t.figures.front(), m.small_pt) > inner * 1.15) {
        t.figures.front().erase(t.figures.front().rfind(" · ↻"));
        t.figures.insert(t.figures.begin() + 1, "↻" + percent(node.repeat_share, 0) + " repeat");
    }
    for (std::string& f : t.figures) {
        if (text_width(f, m.small_pt) > inner * 1.15) {
            const auto lines = wrap(f, m.small_pt, inner * 1.15, 1);
            f = lines.empty() ? std::string() : lines.front();
        }
    }
    return t;
}

Grid compute_grid(const JourneyMapData& data) {
    Grid g;
    const std::size_t n = data.nodes.size();
    std::map<std::string, std::size_t> index;
    for (std::size_t v = 0; v < n; ++v) {
        if (!index.emplace(data.nodes[v].id, v).second) {
            throw usage_error("journey map: two nodes have the id '" + data.nodes[v].id + "'");
        }
    }
    for (std::size_t i = 0; i < data.edges.size(); ++i) {
        const MapEdge& e = data.edges[i];
        const auto f = index.find(e.from);
        const auto t = index.find(e.to);
        if (f == index.end() || t == index.end()) {
            throw usage_error("journey map: edge " + std::to_string(i) + " (" + e.from + " -> " +
                              e.to + ") names a node that does not exist");
        }
        g.from.push_back(f->second);
        g.to.push_back(t->second);
    }

    // Lanes with nodes, in the data's order; nodes of no (known) lane last.
    g.lane_of_node.assign(n, 0);
    std::vector<bool> used(data.lanes.size(), false);
    bool orphan_lane = false;
    std::vector<std::size_t> declared(n, data.lanes.size());
    for (std::size_t v = 0; v < n; ++v) {
        for (std::size_t l = 0; l < data.lanes.size(); ++l) {
            if (!data.nodes[v].lane.empty() && data.lanes[l].id == data.nodes[v].lane) {
                declared[v] = l;
                used[l] = true;
                break;
            }
        }
        orphan_lane = orphan_lane || declared[v] == data.lanes.size();
    }
    std::vector<std::size_t> shown(data.lanes.size() + 1, 0);
    for (std::size_t l = 0; l < data.lanes.size(); ++l) {
        if (used[l]) {
            shown[l] = g.lanes.size();
            MapLane lane = data.lanes[l];
            if (lane.colour.empty()) {
                lane.colour = hex(lane_rgb(lane, l));
            }
            g.lanes.push_back(lane);
        }
    }
    if (orphan_lane) {
        shown[data.lanes.size()] = g.lanes.size();
        g.lanes.push_back(MapLane{"", data.lanes.empty() ? "" : "(no department)", "#9aa5b1", false});
    }
    for (std::size_t v = 0; v < n; ++v) {
        g.lane_of_node[v] = shown[declared[v]];
    }

    // Stage of each node; nodes of no known stage go after the last stage.
    const std::size_t none = data.stages.size();
    std::vector<std::size_t> stage(n, none);
    for (std::size_t v = 0; v < n; ++v) {
        for (std::size_t s = 0; s < data.stages.size(); ++s) {
            if (data.stages[s].id == data.nodes[v].stage) {
                stage[v] = s;
                break;
            }
        }
    }

    // Levels: grown along the busiest edges from the first node (in stage order),
    // so the main flow runs left to right and loops point back.
    std::vector<std::vector<std::size_t>> out(n);
    for (std::size_t i = 0; i < data.edges.size(); ++i) {
        if (g.from[i] != g.to[i]) {
            out[g.from[i]].push_back(i);
        }
    }
    std::vector<std::size_t> by_stage(n);
    std::iota(by_stage.begin(), by_stage.end(), std::size_t{0});
    std::stable_sort(by_stage.begin(), by_stage.end(),
                     [&](std::size_t a, std::size_t b) { return stage[a] < stage[b]; });
    constexpr std::size_t unset = static_cast<std::size_t>(-1);
    std::vector<std::size_t> level(n, unset);
    const auto lower = [&](std::size_t a, std::size_t b) {
        const std::uint64_t ca = data.edges[a].count;
        const std::uint64_t cb = data.edges[b].count;
        return ca != cb ? ca < cb : a > b;
    };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(lower)> frontier(lower);
    const auto place = [&](std::size_t v, std::size_t l) {
        level[v] = l;
        for (const std::size_t i : out[v]) {
            if (level[g.to[i]] == unset) {
                frontier.push(i);
            }
        }
    };
    for (const std::size_t start : by_stage) {
        if (level[start] != unset) {
            continue;
        }
        place(start, 0);
        while (!frontier.empty()) {
            const std::size_t i = frontier.top();
            frontier.pop();
            if (level[g.to[i]] == unset) {
                place(g.to[i], level[g.from[i]] + 1);
            }
        }
    }
    // The order every edge is drawn along: (stage, level, node order).
    const auto key_less = [&](std::size_t a, std::size_t b) {
        if (stage[a] != stage[b]) {
            return stage[a] < stage[b];
        }
        if (level[a] != level[b]) {
            return level[a] < level[b];
        }
        return a < b;
    };
    g.backward.assign(data.edges.size(), false);
    std::vector<std::vector<std::size_t>> preds(n);
    for (std::size_t i = 0; i < data.edges.size(); ++i) {
        const std::size_t a = g.from[i];
        const std::size_t b = g.to[i];
        if (a == b) {
            continue;
        }
        const bool forward = key_less(a, b);
        g.backward[i] = !forward;
        preds[forward ? b : a].push_back(forward ? a : b);
    }

    // Columns: each stage starts right of the previous one; within it a node sits
    // one column right of the furthest node that leads to it.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), key_less);
    g.column.assign(n, 0);
    std::size_t stage_start = 0;
    std::size_t next_start = 0;
    std::size_t current = none + 1;
    for (const std::size_t v : order) {
        if (stage[v] != current) {
            current = stage[v];
            stage_start = next_start;
        }
        std::size_t col = stage_start;
        for (const std::size_t u : preds[v]) {
            col = std::max(col, g.column[u] + 1);
        }
        g.column[v] = col;
        next_start = std::max(next_start, col + 1);
    }
    g.columns = n == 0 ? 0 : next_start;
    g.stage_of_column.assign(g.columns, none);
    for (std::size_t v = 0; v < n; ++v) {
        g.stage_of_column[g.column[v]] = stage[v];
    }
    // Columns between two nodes of one stage that hold no node of their own belong
    // to that stage too (a long edge passes through them).
    for (std::size_t c = 1; c + 1 < g.columns; ++c) {
        if (g.stage_of_column[c] == none) {
            std::size_t next = c + 1;
            while (next < g.columns && g.stage_of_column[next] == none) {
                ++next;
            }
            if (next < g.columns && g.stage_of_column[c - 1] == g.stage_of_column[next]) {
                g.stage_of_column[c] = g.stage_of_column[c - 1];
            }
        }
    }

    // Slots: nodes sharing a lane and a column stack up within the lane.
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> filled;
    g.slot.assign(n, 0);
    g.lane_slots.assign(g.lanes.size(), 1);
    for (std::size_t v = 0; v < n; ++v) {
        std::size_t& k = filled[{g.lane_of_node[v], g.column[v]}];
        g.slot[v] = k++;
        g.lane_slots[g.lane_of_node[v]] = std::max(g.lane_slots[g.lane_of_node[v]], k);
    }
    return g;
}

} // namespace detail

namespace {

using detail::Grid;

std::string quoted(const std::string& s) {
    return "\"" + detail::dot_id(s) + "\"";
}

std::string node_name(const JourneyMapData& data, std::size_t v) {
    return quoted("n:" + data.nodes[v].id);
}

std::string cell_name(std::size_t lane, std::size_t column, std::size_t slot) {
    return "\"g:" + std::to_string(lane) + ":" + std::to_string(column) + ":" +
           std::to_string(slot) + "\"";
}

bool any_edges_of(const JourneyMapData& data, const std::string& id) {
    return std::any_of(data.edges.begin(), data.edges.end(),
                       [&](const MapEdge& e) { return e.from == id || e.to == id; });
}

} // namespace

JourneyMapData filter_map(const JourneyMapData& data, const MapOptions& options) {
    for (const double c : {options.node_coverage, options.edge_coverage}) {
        if (!(c > 0 && c <= 100)) {
            throw usage_error("map coverage must be above 0 and at most 100 percent, not " +
                              detail::fixed(c, 2));
        }
    }
    (void)detail::compute_grid(data); // validates ids and edges
    const std::size_t n = data.nodes.size();
    const bool activities =
        std::none_of(data.nodes.begin(), data.nodes.end(), [](const MapNode& v) { return v.show_id; });
    const std::string things = activities ? "activities" : "touchpoints";

    // Nodes by coverage of events (volume when no node has events).
    const bool by_events = std::any_of(data.nodes.begin(), data.nodes.end(),
                                       [](const MapNode& v) { return v.events > 0; });
    const auto weight = [&](std::size_t v) {
        return by_events ? data.nodes[v].events : data.nodes[v].volume;
    };
    std::vector<bool> keep(n, true);
    std::size_t dropped_nodes = 0;
    if (options.node_coverage < 100) {
        std::vector<std::size_t> order(n);
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return weight(a) > weight(b); });
        double total = 0;
        for (std::size_t v = 0; v < n; ++v) {
            total += static_cast<double>(weight(v));
        }
        const double goal = total * options.node_coverage / 100.0;
        double sum = 0;
        for (const std::size_t v : order) {
            if (sum >= goal && sum > 0) {
                keep[v] = false;
                ++dropped_nodes;
            }
            sum += static_cast<double>(weight(v));
        }
    }
    bool cut_nodes = false;
    if (options.max_nodes > 0 && n - dropped_nodes > options.max_nodes) {
        std::vector<std::size_t> order;
        for (std::size_t v = 0; v < n; ++v) {
            if (keep[v]) {
                order.push_back(v);
            }
        }
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return weight(a) > weight(b); });
        for (std::size_t k = options.max_nodes; k < order.size(); ++k) {
            keep[order[k]] = false;
            ++dropped_nodes;
        }
        cut_nodes = true;
    }
    std::map<std::string, std::size_t> index;
    for (std::size_t v = 0; v < n; ++v) {
        index.emplace(data.nodes[v].id, v);
    }

    // Edges between kept nodes, then by coverage, count and number.
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < data.edges.size(); ++i) {
        const MapEdge& e = data.edges[i];
        if (keep[index[e.from]] && keep[index[e.to]] && e.from != e.to) {
            candidates.push_back(i);
        }
    }
    std::stable_sort(candidates.begin(), candidates.end(), [&](std::size_t a, std::size_t b) {
        return data.edges[a].count > data.edges[b].count;
    });
    std::vector<bool> keep_edge(data.edges.size(), false);
    double total = 0;
    for (const std::size_t i : candidates) {
        total += static_cast<double>(data.edges[i].count);
    }
    const double goal = total * options.edge_coverage / 100.0;
    double sum = 0;
    std::size_t kept = 0;
    bool cut_coverage = false, cut_count = false, cut_top = false;
    for (const std::size_t i : candidates) {
        const MapEdge& e = data.edges[i];
        if (options.edge_coverage < 100 && sum >= goal && sum > 0) {
            cut_coverage = true;
            continue;
        }
        sum += static_cast<double>(e.count);
        if (e.count < options.min_count) {
            cut_count = true;
            continue;
        }
        if (options.max_edges > 0 && kept >= options.max_edges) {
            cut_top = true;
            continue;
        }
        keep_edge[i] = true;
        ++kept;
    }

    // Nodes left without edges by the edge filters.
    if (options.hide_orphans) {
        std::vector<bool> touched(n, false);
        for (std::size_t i = 0; i < data.edges.size(); ++i) {
            if (keep_edge[i]) {
                touched[index[data.edges[i].from]] = true;
                touched[index[data.edges[i].to]] = true;
            }
        }
        for (std::size_t v = 0; v < n; ++v) {
            if (keep[v] && !touched[v] && any_edges_of(data, data.nodes[v].id)) {
                keep[v] = false;
                ++dropped_nodes;
            }
        }
        for (std::size_t i = 0; i < data.edges.size(); ++i) {
            if (keep_edge[i] && (!keep[index[data.edges[i].from]] || !keep[index[data.edges[i].to]])) {
                keep_edge[i] = false;
            }
        }
    }

    JourneyMapData result = data;
    result.nodes.clear();
    result.edges.clear();
    for (std::size_t v = 0; v < n; ++v) {
        if (keep[v]) {
            result.nodes.push_back(data.nodes[v]);
        }
    }
    std::size_t dropped_edges = 0;
    for (std::size_t i = 0; i < data.edges.size(); ++i) {
        if (keep_edge[i]) {
            result.edges.push_back(data.edges[i]);
        } else if (data.edges[i].from != data.edges[i].to) {
            ++dropped_edges;
        }
    }
    const std::size_t all_edges = static_cast<std::size_t>(
        std::count_if(data.edges.begin(), data.edges.end(),
                      [](const MapEdge& e) { return e.from != e.to; }));
    if (dropped_nodes > 0 || dropped_edges > 0) {
        std::string note = "hidden: ";
        if (dropped_nodes > 0) {
            note += std::to_string(dropped_nodes) + " of " + std::to_string(n) + " " + things;
            std::vector<std::string> why;
            if (options.node_coverage < 100) {
                why.push_back("keeping " + detail::fixed(options.node_coverage, 0) + " % of " +
                              (by_events ? "events" : "journeys"));
            }
            if (cut_nodes) {
                why.push_back("not in top " + std::to_string(options.max_nodes));
            }
            if (!why.empty()) {
                note += " (";
                for (std::size_t k = 0; k < why.size(); ++k) {
                    note += (k > 0 ? "; " : "") + why[k];
                }
                note += ")";
            }
        }
        if (dropped_edges > 0) {
            if (dropped_nodes > 0) {
                note += ", ";
            }
            note += std::to_string(dropped_edges) + " of " + std::to_string(all_edges) + " edges";
            std::vector<std::string> why;
            if (cut_coverage) {
                why.push_back("keeping " + detail::fixed(options.edge_coverage, 0) +
                              " % of transitions");
            }
            if (cut_count) {
                why.push_back("count < " + std::to_string(options.min_count));
            }
            if (cut_top) {
                why.push_back("not in top " + std::to_string(options.max_edges));
            }
            if (!why.empty()) {
                note += " (";
                for (std::size_t k = 0; k < why.size(); ++k) {
                    note += (k > 0 ? "; " : "") + why[k];
                }
                note += ")";
            }
        }
        result.notes.push_back(note);
    }
    result.notes.insert(result.notes.end(), options.notes.begin(), options.notes.end());
    return result;
}

std::string journey_map_dot(const JourneyMapData& input, const MapOptions& options) {
    return detail::dot_text(filter_map(input, options), options);
}

std::string detail::dot_text(const JourneyMapData& data, const MapOptions& options, const Shape& shape) {
    const Grid g = detail::compute_grid(data);
    const detail::Metrics m = detail::metrics_for(data, options.text_scale, shape);
    const std::string font = quoted(options.font);
    const auto inches = [](double pt) { return detail::fixed(pt / 72.0, 3); };

    double max_count = 0;
    double metric_max = 0;
    for (const MapEdge& e : data.edges) {
        max_count = std::max(max_count, static_cast<double>(e.count));
        const double v = detail::metric_value(e, options.metric);
        if (std::isfinite(v)) {
            metric_max = std::max(metric_max, v);
        }
    }

    std::string out;
    out += "digraph \"journey map\" {\n";
    out += "  // lanes are rows and stages columns of an invisible grid (g:lane:column:slot)\n";
    for (const std::string& note : data.notes) {
        // What the filters hid, as the drawn map says it (one line each).
        std::string line = note;
        std::replace(line.begin(), line.end(), '\n', ' ');
        out += "  // note: " + line + "\n";
    }
    out += "  graph [rankdir=\"LR\", newrank=\"true\", splines=\"true\", nodesep=\"" +
           inches(14 * std::sqrt(m.t)) + "\", ranksep=\"" + inches(16 * std::sqrt(m.t)) +
           "\", pad=\"0\", outputorder=\"edgesfirst\", fontname=" + font + "];\n";
    out += "  node [shape=\"box\", style=\"rounded,filled\", fixedsize=\"true\", width=\"" +
           inches(m.node_w) + "\", height=\"" + inches(m.node_h) + "\", fontname=" + font +
           ", fontsize=\"" + detail::fixed(m.label_pt, 1) +
           "\", fillcolor=\"#ffffff\", penwidth=\"1.5\"];\n";
    out += "  edge [fontname=" + font + ", fontsize=\"" + detail::fixed(m.edge_pt, 1) +
           "\", arrowsize=\"1\"];\n";

    // Which cell holds which node.
    std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::size_t> at;
    for (std::size_t v = 0; v < data.nodes.size(); ++v) {
        at[{g.lane_of_node[v], g.column[v], g.slot[v]}] = v;
    }
    const auto cell = [&](std::size_t lane, std::size_t col, std::size_t slot) {
        const auto it = at.find({lane, col, slot});
        return it == at.end() ? cell_name(lane, col, slot) : node_name(data, it->second);
    };

    for (std::size_t l = 0; l < g.lanes.size(); ++l) {
        out += "  // lane " + std::to_string(l + 1) + ": " + detail::dot_id(g.lanes[l].label) + "\n";
        for (std::size_t v = 0; v < data.nodes.size(); ++v) {
            if (g.lane_of_node[v] != l) {
                continue;
            }
            const MapNode& node = data.nodes[v];
            const detail::NodeText text = detail::node_text(node, m);
            std::string label = text.id_line.empty() ? "" : text.id_line + "\n";
            for (const std::string& line : text.label) {
                label += line + "\n";
            }
            for (const std::string& line : text.figures) {
                label += line + "\n";
            }
            label.pop_back();
            std::string style = node.designed ? "rounded,filled" : "rounded,filled,dashed";
            out += "  " + node_name(data, v) + " [label=\"" + detail::dot_label(label) +
                   "\", color=\"" + g.lanes[l].colour + "\", style=\"" + style + "\"";
            if (node.hidden) {
                out += ", fillcolor=\"#eef0f3\"";
            }
            out += "];\n";
        }
        for (std::size_t c = 0; c < g.columns; ++c) {
            for (std::size_t s = 0; s < g.lane_slots[l]; ++s) {
                if (at.count({l, c, s}) == 0) {
                    out += "  " + cell_name(l, c, s) + " [label=\"\", style=\"invis\"];\n";
                }
            }
        }
    }
    for (std::size_t c = 0; c < g.columns; ++c) {
        std::string members;
        for (std::size_t l = 0; l < g.lanes.size(); ++l) {
            for (std::size_t s = 0; s < g.lane_slots[l]; ++s) {
                members += (members.empty() ? "" : " -> ") + cell(l, c, s);
            }
        }
        std::string same = members;
        std::string::size_type at_arrow;
        while ((at_arrow = same.find(" -> ")) != std::string::npos) {
            same.replace(at_arrow, 4, "; ");
        }
        out += "  { rank=\"same\"; " + same + "; }\n";
        if (members.find(" -> ") != std::string::npos) {
            out += "  " + members + " [style=\"invis\"];\n";
        }
    }
    if (g.columns > 1) {
        for (std::size_t l = 0; l < g.lanes.size(); ++l) {
            for (std::size_t s = 0; s < g.lane_slots[l]; ++s) {
                std::string row;
                for (std::size_t c = 0; c < g.columns; ++c) {
                    row += (c == 0 ? "" : " -> ") + cell(l, c, s);
                }
                out += "  " + row + " [style=\"invis\", weight=\"50\"];\n";
            }
        }
    }
    for (std::size_t i = 0; i < data.edges.size(); ++i) {
        const MapEdge& e = data.edges[i];
        if (g.from[i] == g.to[i]) {
            continue;
        }
        const bool back = g.backward[i];
        const std::size_t tail = back ? g.to[i] : g.from[i];
        const std::size_t head = back ? g.from[i] : g.to[i];
        out += "  " + node_name(data, tail) + " -> " + node_name(data, head) + " [label=\"" +
               detail::dot_label(detail::edge_label(e, options.metric)) + "\", penwidth=\"" +
               detail::fixed(detail::edge_width(e, max_count, m.t), 2) + "\", color=\"" +
               detail::hex_colour(
                   static_cast<std::uint8_t>(detail::edge_rgb(e, options.metric, metric_max) >> 16),
                   static_cast<std::uint8_t>(detail::edge_rgb(e, options.metric, metric_max) >> 8),
                   static_cast<std::uint8_t>(detail::edge_rgb(e, options.metric, metric_max))) +
               "\", weight=\"0\"";
        if (back) {
            out += ", dir=\"back\"";
        }
        out += "];\n";
    }
    out += "}\n";
    return out;
}

} // namespace journey::render
