// Journey map: layout (Graphviz "plain" output of journey_map_dot()) and the sheet
// around it — lanes, stages, title block, banner, side panel, legend — then drawing
// with cairo.

#include "map_scene.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <string_view>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include <journey/core/error.hpp>
#include <journey/render/dot.hpp>

#include "graphviz_layout.hpp"
#include "output.hpp"
#include "text.hpp"

namespace journey::render::detail {

namespace {

constexpr std::uint32_t ink = 0x1f2a36;
constexpr std::uint32_t grey_text = 0x5a6570;
constexpr std::uint32_t rag_green = 0x2e9e4f;
constexpr std::uint32_t rag_amber = 0xe39b0b;
constexpr std::uint32_t rag_red = 0xd62828;
constexpr std::uint32_t ping_pong_rgb = 0xc2188b;
constexpr std::uint32_t badge_rgb = 0x9b1c1c;

std::uint32_t rag_rgb(Rag r) {
    switch (r) {
    case Rag::green:
        return rag_green;
    case Rag::amber:
        return rag_amber;
    case Rag::red:
        return rag_red;
    case Rag::none:
        break;
    }
    return 0x9aa5b1;
}

std::uint32_t darker(std::uint32_t rgb, double f) {
    std::uint32_t out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
        const auto c = static_cast<double>((rgb >> shift) & 0xFF) * f;
        out |= static_cast<std::uint32_t>(std::clamp(std::lround(c), 0L, 255L)) << shift;
    }
    return out;
}

// Graphviz "plain" output, tokenised.
std::vector<std::vector<std::string>> plain_lines(const std::string& text) {
    std::vector<std::vector<std::string>> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> tokens;
        std::size_t i = 0;
        while (i < line.size()) {
            if (line[i] == ' ' || line[i] == '\r') {
                ++i;
                continue;
            }
            std::string token;
            if (line[i] == '<') { // an HTML-like string
                int depth = 0;
                for (; i < line.size(); ++i) {
                    depth += line[i] == '<' ? 1 : line[i] == '>' ? -1 : 0;
                    if (depth == 0) {
                        ++i;
                        break;
                    }
                    if (line[i] != '<' || depth > 1) {
                        token += line[i];
                    }
                }
            } else if (line[i] == '"') {
                ++i;
                while (i < line.size() && line[i] != '"') {
                    if (line[i] == '\\' && i + 1 < line.size()) {
                        token += line[i];
                        ++i;
                    }
                    token += line[i];
                    ++i;
                }
                ++i;
            } else {
                while (i < line.size() && line[i] != ' ') {
                    token += line[i];
                    ++i;
                }
            }
            tokens.push_back(token);
        }
        if (!tokens.empty()) {
            lines.push_back(std::move(tokens));
        }
    }
    return lines;
}

double number(const std::string& s) {
    double v = 0;
    std::istringstream in(s);
    in.imbue(std::locale::classic());
    in >> v;
    return v;
}

// The DOT id body of a node name as plain output prints it (escapes undone for
// the two escapes dot_id() writes).
std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            ++i;
            out += s[i] == 'n' ? '\n' : s[i] == 'r' ? '\r' : s[i];
        } else {
            out += s[i];
        }
    }
    return out;
}

struct Placer {
    Scene& scene;
    bool headline = false; // what is placed is read from a distance (SceneText::headline)
    void text(std::string s, double x, double y, double w, double pt, bool bold, std::uint32_t rgb,
              int align, const std::string& role) {
        SceneText t;
        const double need = text_width(s, pt, bold);
        const double drawn = need > w && need > 0 ? pt * w / need : pt; // shrink to fit
        t.text = std::move(s);
        t.box = Box{x, y, w, pt * 1.3};
        t.pt = drawn;
        t.bold = bold;
        t.rgb = rgb;
        t.align = align;
        t.role = role;
        t.headline = headline;
        scene.texts.push_back(std::move(t));
    }
    // A wrapped paragraph; returns the height used.
    double paragraph(const std::string& s, double x, double y, double w, double pt, bool bold,
                     std::uint32_t rgb, const std::string& role, std::size_t max_lines = 0) {
        double used = 0;
        for (const std::string& line : wrap(s, pt, w, max_lines, bold)) {
            text(line, x, y + used, w, pt, bold, rgb, -1, role);
            used += pt * 1.3;
        }
        return used;
    }
};

std::string metric_caption(EdgeMetric m) {
    switch (m) {
    case EdgeMetric::frequency:
        return "colour and width: transitions";
    case EdgeMetric::wait:
        return "colour: median wait between the two steps";
    case EdgeMetric::wait_p90:
        return "colour: 90th percentile of the wait";
    case EdgeMetric::red_lift:
        return "colour: how much more often red journeys take the step";
    case EdgeMetric::rejection:
        return "colour: share of handovers the receiver sent back";
    case EdgeMetric::change:
        return "colour: before → after";
    }
    return {};
}

} // namespace

// ---------------------------------------------------------------------------
// Layout

Scene build_scene(const JourneyMapData& data, const MapOptions& options, const Shape& shape) {
    Scene scene;
    scene.data = data;
    scene.options = options;
    scene.shape = shape;
    const bool panel_below = shape.panel_below;
    scene.panel_below = panel_below;
    const Metrics m = metrics_for(data, options.text_scale, shape);
    scene.m = m;
    const double t = m.t;
    Placer place{scene};

    const Grid g = compute_grid(data);
    for (const MapEdge& e : data.edges) {
        scene.max_count = std::max(scene.max_count, static_cast<double>(e.count));
        const double v = metric_value(e, options.metric);
        if (std::isfinite(v)) {
            scene.metric_max = std::max(scene.metric_max, v);
        }
    }

    // --- Graphviz layout -------------------------------------------------------
    double gw = 0, gh = 0;
    std::map<std::string, Point> centre; // by DOT name
    struct RawEdge {
        std::string tail, head;
        std::vector<Point> points;
        bool has_label = false;
        Point label;
    };
    std::vector<RawEdge> raw;
    if (!data.nodes.empty()) {
        const std::string plain = graphviz_output(dot_text(data, options, shape), "plain");
        for (const auto& tok : plain_lines(plain)) {
            if (tok[0] == "graph" && tok.size() >= 4) {
                gw = number(tok[2]) * 72;
                gh = number(tok[3]) * 72;
            } else if (tok[0] == "node" && tok.size() >= 4) {
                centre[unescape(tok[1])] = Point{number(tok[2]) * 72, number(tok[3]) * 72};
            } else if (tok[0] == "edge" && tok.size() >= 4) {
                const std::string tail = unescape(tok[1]);
                const std::string head = unescape(tok[2]);
                // Grid edges (invisible) may join two nodes too: only drawn edges count.
                if (tail.rfind("n:", 0) != 0 || head.rfind("n:", 0) != 0 ||
                    tok[tok.size() - 2] == "invis") {
                    continue;
                }
                RawEdge e{tail, head, {}, false, {}};
                const auto count = static_cast<std::size_t>(number(tok[3]));
                std::size_t k = 4;
                for (std::size_t p = 0; p < count && k + 1 < tok.size(); ++p, k += 2) {
                    e.points.push_back(Point{number(tok[k]) * 72, number(tok[k + 1]) * 72});
                }
                if (tok.size() - k == 5) {
                    e.has_label = true;
                    e.label = Point{number(tok[k + 1]) * 72, number(tok[k + 2]) * 72};
                }
                raw.push_back(std::move(e));
            }
        }
    }

    // --- Sheet geometry ----------------------------------------------------------
    const double margin = m.margin;
    const double gap = 16 * t;
    const double stage_row = m.stage_pt * 2.4;
    const double lane_pad = 10 * std::sqrt(t);

    // Header: title block and banner.
    const bool has_banner = !data.outside.empty() || !data.inside.empty() || !data.verdict.empty();
    const double title_w = 520 * t;
    const double graph_w = m.lane_header_w + lane_pad + gw + lane_pad;
    const bool has_panel = options.panel && !data.callouts.empty();
    const double side_w = (options.legend || has_panel) && !panel_below ? gap + m.panel_w : 0;
    // The banner takes the width the map leaves beside the title block, 640 to 900
    // points at text scale 1: the wider, the fewer lines.
    const double banner_w =
        has_banner ? std::clamp(graph_w + side_w - title_w - gap, 640 * t, 900 * t) : 0;
    double width = std::max({margin * 2 + graph_w + side_w, margin * 2 + title_w + gap + banner_w,
                             margin * 2 + 400 * t});

    double y = margin;
    // Title block.
    double title_h = 0;
    {
        const double x = margin;
        const double w = has_banner ? width - margin * 2 - gap - banner_w : width - margin * 2;
        place.headline = true;
        title_h += place.paragraph(data.title.title.empty() ? "Journey map" : data.title.title, x,
                                   y, w, m.title_pt, true, ink, "title", 2);
        if (!data.title.subtitle.empty()) {
            title_h += place.paragraph(data.title.subtitle, x, y + title_h, w, m.subtitle_pt, false,
                                       grey_text, "title", 2);
        }
        place.headline = false;
        title_h += 4 * t;
        std::vector<std::string> meta;
        if (!data.title.period.empty()) {
            meta.push_back("Period: " + data.title.period);
        }
        std::string src;
        if (!data.title.source.empty()) {
            src = "Data: " + data.title.source;
        }
        if (data.title.journeys > 0) {
            src += (src.empty() ? "" : " · ") + thousands(data.title.journeys) + " journeys";
        }
        if (!src.empty()) {
            meta.push_back(src);
        }
        if (!data.title.generated_by.empty()) {
            meta.push_back("Generated by " + data.title.generated_by);
        }
        for (const std::string& line : meta) {
            title_h += place.paragraph(line, x, y + title_h, w, m.small_pt * 1.1, false, grey_text,
                                       "title", 2);
        }
        scene.header = Box{x, y, w, title_h};
    }
    // Banner.
    double banner_h = 0;
    if (has_banner) {
        const double bx = width - margin - banner_w;
        const double inner = banner_w - 2 * m.pad * 2;
        double by = y + m.pad * 2;
        // The verdict, the headings, the figures and their captions are read from a
        // distance; the notes under the figures are not.
        place.headline = true;
        if (!data.verdict.empty()) {
            by += place.paragraph(data.verdict, bx + m.pad * 2, by, inner, 15 * t, true,
                                  darker(rag_rgb(data.verdict_status), 0.8), "banner", 3);
            by += 4 * t;
        }
        const double col_w = (banner_w - m.pad * 2 * 3) / 2;
        double col_h = 0;
        for (int side = 0; side < 2; ++side) {
            const auto& figures = side == 0 ? data.outside : data.inside;
            const double cx = bx + m.pad * 2 + static_cast<double>(side) * (col_w + m.pad * 2);
            double cy = by;
            cy += place.paragraph(side == 0 ? "OUTSIDE · what the touchpoint dashboard says"
                                            : "INSIDE · what customers get",
                                  cx, cy, col_w, m.label_pt, true, grey_text, "banner", 2);
            const std::size_t count = std::max<std::size_t>(figures.size(), 1);
            const double fw = col_w / static_cast<double>(std::min<std::size_t>(count, 3));
            double row_h = 0;
            double fy = cy + 2 * t;
            for (std::size_t f = 0; f < figures.size(); ++f) {
                const std::size_t colno = f % 3;
                if (colno == 0 && f > 0) {
                    fy += row_h + 4 * t;
                    row_h = 0;
                }
                const double fx = cx + static_cast<double>(colno) * fw;
                // "before → after" values (compare maps) are longer: a smaller size.
                const bool pair = figures[f].value.find("→") != std::string::npos;
                double h = place.paragraph(figures[f].value, fx, fy, fw - 4 * t,
                                           pair ? m.figure_pt * 0.55 : m.figure_pt, true,
                                           figures[f].status == Rag::none ? ink
                                                                          : darker(rag_rgb(figures[f].status), 0.85),
                                           "banner", 1);
                h += place.paragraph(figures[f].label, fx, fy + h, fw - 4 * t, m.label_pt, true, ink,
                                     "banner", 3);
                if (!figures[f].note.empty()) {
                    place.headline = false;
                    h += place.paragraph(figures[f].note, fx, fy + h, fw - 4 * t, m.small_pt * 0.95,
                                         false, grey_text, "banner", 2);
                    place.headline = true;
                }
                row_h = std::max(row_h, h);
            }
            col_h = std::max(col_h, fy + row_h - by);
        }
        place.headline = false;
        banner_h = by + col_h + m.pad * 2 - y;
        scene.banner = Box{bx, y, banner_w, banner_h};
    }
    y += std::max(title_h, banner_h) + gap;

    // Stage headers and the graph.
    const double graph_left = margin + m.lane_header_w + lane_pad;
    const double graph_top = y + stage_row + lane_pad;
    scene.graph = Box{graph_left, graph_top, gw, gh};
    const auto to_sheet = [&](Point p) { return Point{graph_left + p.x, graph_top + (gh - p.y)}; };

    // Lanes: the y range of each lane's rows (nodes and empty cells).
    std::vector<double> lane_top(g.lanes.size(), 1e300), lane_bottom(g.lanes.size(), -1e300);
    std::vector<double> col_x(g.columns, 0);
    std::vector<bool> col_seen(g.columns, false);
    std::map<std::string, std::size_t> node_of;
    for (std::size_t v = 0; v < data.nodes.size(); ++v) {
        node_of["n:" + data.nodes[v].id] = v;
    }
    for (const auto& [name, p] : centre) {
        std::size_t lane = 0, col = 0;
        if (name.rfind("g:", 0) == 0) {
            std::istringstream in(name.substr(2));
            char sep = 0;
            in >> lane >> sep >> col;
        } else {
            const auto it = node_of.find(name);
            if (it == node_of.end()) {
                continue;
            }
            lane = g.lane_of_node[it->second];
            col = g.column[it->second];
        }
        if (lane >= g.lanes.size() || col >= g.columns) {
            continue;
        }
        const Point s = to_sheet(p);
        lane_top[lane] = std::min(lane_top[lane], s.y - m.node_h / 2);
        lane_bottom[lane] = std::max(lane_bottom[lane], s.y + m.node_h / 2);
        col_x[col] = s.x;
        col_seen[col] = true;
    }
    const double lanes_left = margin;
    const double lanes_right = graph_left + gw + lane_pad;
    for (std::size_t l = 0; l < g.lanes.size(); ++l) {
        SceneBand band;
        band.label = g.lanes[l].label.empty() ? g.lanes[l].id : g.lanes[l].label;
        band.rgb = lane_rgb(g.lanes[l], l);
        band.external = g.lanes[l].external;
        band.a = l == 0 ? graph_top - lane_pad : (lane_bottom[l - 1] + lane_top[l]) / 2;
        band.b = l + 1 == g.lanes.size() ? graph_top + gh + lane_pad
                                         : (lane_bottom[l] + lane_top[l + 1]) / 2;
        scene.lanes.push_back(band);
        const double h = band.b - band.a;
        double used = 0;
        // The lane font shrinks until the longest word fits the header (which is
        // wide enough for it at the touchpoint label size: metrics_for()).
        double lane_pt = m.lane_pt;
        const double widest = widest_word(band.label, m.lane_pt, true);
        if (widest > m.lane_header_w - 2 * m.pad) {
            lane_pt = std::max(m.lane_pt * 0.7, m.lane_pt * (m.lane_header_w - 2 * m.pad) / widest);
        }
        std::vector<std::string> lines = wrap(band.label, lane_pt, m.lane_header_w - 2 * m.pad, 4, true);
        if (band.external) {
            lines.push_back("(external)");
        }
        const double block = static_cast<double>(lines.size()) * lane_pt * 1.3;
        for (std::size_t k = 0; k < lines.size(); ++k) {
            const bool ext = band.external && k + 1 == lines.size();
            place.headline = !ext;
            place.text(lines[k], lanes_left + m.pad, band.a + (h - block) / 2 + used,
                       m.lane_header_w - 2 * m.pad, ext ? m.lane_pt * 0.8 : lane_pt, !ext,
                       0xffffff, -1, "lane");
            place.headline = false;
            used += lane_pt * 1.3;
        }
    }
    // Stages: runs of columns.
    if (!data.stages.empty()) {
        std::size_t c = 0;
        while (c < g.columns) {
            const std::size_t s = g.stage_of_column[c];
            std::size_t e = c;
            while (e + 1 < g.columns && g.stage_of_column[e + 1] == s) {
                ++e;
            }
            const double half = m.node_w / 2;
            SceneBand band;
            band.a = c == 0 ? graph_left - lane_pad : (col_x[c - 1] + half + col_x[c] - half) / 2;
            band.b = e + 1 == g.columns ? graph_left + gw + lane_pad
                                        : (col_x[e] + half + col_x[e + 1] - half) / 2;
            if (!col_seen[c] || !col_seen[e]) {
                c = e + 1;
                continue;
            }
            band.label = s < data.stages.size()
                             ? (data.stages[s].label.empty() ? data.stages[s].id : data.stages[s].label)
                             : "Other";
            band.rgb = (scene.stages.size() % 2 == 0) ? 0xe9edf2 : 0xdfe5ec;
            scene.stages.push_back(band);
            const auto lines = wrap(band.label, m.stage_pt, band.b - band.a - 2 * m.pad, 2, true);
            double sy = y + (stage_row - static_cast<double>(lines.size()) * m.stage_pt * 1.3) / 2;
            place.headline = true;
            for (const std::string& line : lines) {
                place.text(line, band.a + m.pad, sy, band.b - band.a - 2 * m.pad, m.stage_pt, true, ink,
                           0, "stage");
                sy += m.stage_pt * 1.3;
            }
            place.headline = false;
            c = e + 1;
        }
    }

    // Nodes.
    for (std::size_t v = 0; v < data.nodes.size(); ++v) {
        const auto it = centre.find("n:" + data.nodes[v].id);
        if (it == centre.end()) {
            continue;
        }
        const Point s = to_sheet(it->second);
        SceneNode node;
        node.index = v;
        node.box = Box{s.x - m.node_w / 2, s.y - m.node_h / 2, m.node_w, m.node_h};
        scene.nodes.push_back(node);
        const MapNode& n = data.nodes[v];
        const NodeText nt = node_text(n, m);
        const Box& b = node.box;
        const double inner = m.node_w - 2 * m.pad;
        double ty = b.y + m.pad;
        const bool marker = !nt.id_line.empty() || n.status != Rag::none;
        const double marker_w = marker ? m.id_pt * 1.25 : 0;
        if (!nt.id_line.empty() || !nt.tag.empty() || marker) {
            const double badge_room = n.callout > 0 ? 12 * t : 0;
            const double tag_w = nt.tag.empty() ? 0 : text_width(nt.tag, m.small_pt) + 2 * t;
            if (!nt.id_line.empty()) {
                place.text(nt.id_line, b.x + m.pad + marker_w, ty,
                           inner - marker_w - tag_w - badge_room, m.id_pt, true, ink, -1, "node");
            }
            if (!nt.tag.empty()) {
                place.text(nt.tag, b.x + b.w - m.pad - badge_room - tag_w, ty + (m.id_pt - m.small_pt) * 0.6,
                           tag_w, m.small_pt, false, n.designed ? grey_text : 0x9c4a1a, 1, "node");
            }
            ty += m.id_pt * 1.3;
        }
        place.headline = true;
        for (const std::string& line : nt.label) {
            place.text(line, b.x + m.pad, ty, inner, m.label_pt, true, ink, -1, "node");
            ty += m.label_pt * 1.18;
        }
        place.headline = false;
        double fy = b.y + b.h - m.pad - static_cast<double>(nt.figures.size()) * m.small_pt * 1.3;
        for (std::size_t k = 0; k < nt.figures.size(); ++k) {
            std::uint32_t rgb = 0x33414e;
            if (k == 1 && n.status != Rag::none) {
                rgb = darker(rag_rgb(n.status), 0.8);
            }
            if (k == 1 && n.change == Change::worse) {
                rgb = rag_red;
            } else if (k == 1 && n.change == Change::better) {
                rgb = rag_green;
            }
            place.text(nt.figures[k], b.x + m.pad, fy, inner, m.small_pt, false, rgb, -1, "node");
            fy += m.small_pt * 1.3;
        }
    }

    // Edges: raw edges in DOT order match data edges in order (same tail/head pairs
    // appear in the order written).
    {
        std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> pending;
        for (std::size_t i = 0; i < data.edges.size(); ++i) {
            if (g.from[i] == g.to[i]) {
                continue;
            }
            const bool back = g.backward[i];
            const std::string tail = "n:" + data.nodes[back ? g.to[i] : g.from[i]].id;
            const std::string head = "n:" + data.nodes[back ? g.from[i] : g.to[i]].id;
            pending[{tail, head}].push_back(i);
        }
        std::map<std::pair<std::string, std::string>, std::size_t> used;
        for (const RawEdge& r : raw) {
            const auto key = std::make_pair(r.tail, r.head);
            const auto it = pending.find(key);
            if (it == pending.end()) {
                continue;
            }
            std::size_t& k = used[key];
            if (k >= it->second.size()) {
                continue;
            }
            const std::size_t i = it->second[k++];
            const MapEdge& e = data.edges[i];
            SceneEdge se;
            se.index = i;
            for (const Point& p : r.points) {
                se.spline.push_back(to_sheet(p));
            }
            se.arrow_at_start = g.backward[i];
            se.width = edge_width(e, scene.max_count, t);
            se.rgb = edge_rgb(e, options.metric, scene.metric_max);
            se.handoff = g.lane_of_node[g.from[i]] != g.lane_of_node[g.to[i]] &&
                         !g.lanes[g.lane_of_node[g.from[i]]].id.empty() &&
                         !g.lanes[g.lane_of_node[g.to[i]]].id.empty();
            se.ping_pong = e.ping_pong || (std::isfinite(e.ping_pong_per_100) &&
                                           e.ping_pong_per_100 >= options.ping_pong_threshold);
            se.dashed = e.change == Change::removed;
            if (r.has_label) {
                se.has_label = true;
                se.label = to_sheet(r.label);
                const std::string label = edge_label(e, options.metric);
                const double w = text_width(label, m.edge_pt);
                place.text(label, se.label.x - w / 2, se.label.y - m.edge_pt * 0.65, w, m.edge_pt,
                           false, ink, 0, "edge");
            }
            scene.edges.push_back(std::move(se));
        }
    }

    // Callout badges on nodes and edges.
    const double r = 9 * t;
    for (const SceneNode& sn : scene.nodes) {
        const std::uint32_t number = data.nodes[sn.index].callout;
        if (number > 0) {
            place.text(std::to_string(number), sn.box.x + sn.box.w - r * 1.1, sn.box.y - r * 0.6,
                       r * 2, m.small_pt, true, 0xffffff, 0, "callout");
        }
    }
    for (const SceneEdge& se : scene.edges) {
        const std::uint32_t number = data.edges[se.index].callout;
        if (number == 0 || !se.has_label) {
            continue;
        }
        const std::string label = edge_label(data.edges[se.index], options.metric);
        const double w = text_width(label, m.edge_pt);
        const double cy = se.label.y - m.edge_pt * 0.65 + m.edge_pt * 0.65 - r;
        const std::vector<Point> spots{{se.label.x - w / 2 - 2 * r - 3 * t, cy},
                                       {se.label.x + w / 2 + 3 * t, cy},
                                       {se.label.x - r, cy - 2 * r - 2 * t},
                                       {se.label.x - r, cy + 2 * r + 2 * t}};
        Point chosen = spots.front();
        for (const Point& p : spots) {
            const Box candidate{p.x, p.y + r - m.small_pt * 0.65, 2 * r, m.small_pt * 1.3};
            bool clash = false;
            for (const SceneText& other : scene.texts) {
                clash = clash || (other.role != "lane" && other.role != "stage" &&
                                  candidate.intersects(other.box));
            }
            for (const SceneNode& sn : scene.nodes) {
                clash = clash || candidate.intersects(sn.box);
            }
            if (!clash) {
                chosen = p;
                break;
            }
        }
        place.text(std::to_string(number), chosen.x, chosen.y + r - m.small_pt * 0.65, r * 2,
                   m.small_pt, true, 0xffffff, 0, "callout");
    }

    double bottom = graph_top + gh + lane_pad;
    if (data.nodes.empty()) {
        place.text("(nothing to draw: the map has no nodes)", graph_left, graph_top, 400 * t,
                   m.label_pt, false, grey_text, -1, "note");
        bottom = graph_top + m.label_pt * 2;
    }
    // Notes under the map.
    double ny = bottom + 6 * t;
    for (const std::string& note : data.notes) {
        ny += place.paragraph(note, lanes_left, ny, lanes_right - lanes_left, m.small_pt, false,
                              grey_text, "note");
    }
    double content_bottom = ny;

    // Side panel: callouts, then the legend.
    double px = lanes_right + gap;
    double py = y;
    double pw = m.panel_w;
    if (panel_below) {
        px = margin;
        py = content_bottom + gap;
        pw = std::min(std::max(m.panel_w, (width - 2 * margin - gap) / 2), width - 2 * margin);
        if (!has_panel) {
            pw = 0;
        }
    }
    double panel_end = py;
    if (has_panel) {
        double cy = py;
        cy += place.paragraph("What the numbers say", px, cy, pw, m.panel_pt * 1.3, true, ink,
                              "panel", 1);
        cy += 4 * t;
        for (const MapCallout& c : data.callouts) {
            place.text(std::to_string(c.number), px, cy, r * 2, m.small_pt, true, 0xffffff, 0,
                       "callout");
            const double tx = px + 2 * r + 6 * t;
            const double tw = pw - 2 * r - 6 * t;
            double h = place.paragraph(c.title, tx, cy, tw, m.panel_pt, true,
                                       darker(rag_rgb(c.severity), 0.75), "panel");
            h += place.paragraph(c.text, tx, cy + h, tw, m.panel_pt * 0.95, false, ink, "panel");
            cy += std::max(h, 2 * r) + 7 * t;
        }
        scene.panel = Box{px, py, pw, cy - py};
        panel_end = cy;
    }
    if (options.legend) {
        double lx = px;
        double ly = has_panel && !panel_below ? panel_end + gap : py;
        double lw = m.panel_w;
        if (panel_below && has_panel) {
            lx = px + pw + gap;
            lw = std::max(m.panel_w, width - margin - lx);
        }
        const double legend_top = ly;
        ly += place.paragraph("Legend", lx, ly, lw, m.panel_pt * 1.3, true, ink, "legend", 1);
        ly += 2 * t;
        const double sym = 34 * t;
        const auto row = [&](const std::string& text) {
            const double h = place.paragraph(text, lx + sym + 6 * t, ly, lw - sym - 6 * t,
                                             m.small_pt, false, ink, "legend");
            const double used = std::max(h, m.small_pt * 1.6);
            scene.legend_rows.push_back(ly + std::min(h, m.small_pt * 1.3 * 2) / 2);
            ly += used + 4 * t;
        };
        row("SLA attainment of the step: G on target, A near target (amber), R below "
            "target; an empty dot has no SLA");
        row("Designed touchpoint (solid) · ad hoc, failure-driven touchpoint (dashed, hatched) "
            "· back-office step (grey)");
        row("Arrow width: transitions (journeys moving on from one step to the next)");
        row(metric_caption(options.metric));
        row("◆ work passes to another department (a handoff)");
        row("Magenta glow: ping-pong, work bouncing between two departments");
        row("Numbered badge: a finding, explained in the side panel");
        row("↻ share of journeys repeating the step; 412 · 2.1 d: transitions and wait");
        scene.legend = Box{lx, legend_top, lw, ly - legend_top};
        panel_end = std::max(panel_end, ly);
    }
    if (panel_below) {
        content_bottom = std::max(content_bottom, panel_end);
    }
    scene.width = width;
    scene.height = std::max({content_bottom, panel_below ? 0.0 : panel_end,
                             scene.banner.y + scene.banner.h}) +
                   margin;
    return scene;
}

double headline_pt(const Scene& scene) {
    double smallest = 0;
    for (const SceneText& text : scene.texts) {
        if (text.headline && !text.text.empty() && (smallest == 0 || text.pt < smallest)) {
            smallest = text.pt;
        }
    }
    return smallest;
}

// ---------------------------------------------------------------------------
// Drawing

void set_rgb(cairo_t* cr, std::uint32_t rgb, double alpha) {
    cairo_set_source_rgba(cr, static_cast<double>((rgb >> 16) & 0xFF) / 255.0,
                          static_cast<double>((rgb >> 8) & 0xFF) / 255.0,
                          static_cast<double>(rgb & 0xFF) / 255.0, alpha);
}

void draw_text(cairo_t* cr, const std::string& font, const SceneText& text) {
    if (text.text.empty()) {
        return;
    }
    const std::string clean = valid_utf8(text.text);
    cairo_select_font_face(cr, font.c_str(), CAIRO_FONT_SLANT_NORMAL,
                           text.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    double pt = text.pt;
    cairo_set_font_size(cr, pt);
    cairo_text_extents_t ext;
    cairo_text_extents(cr, clean.c_str(), &ext);
    if (ext.x_advance > text.box.w && ext.x_advance > 0) {
        pt *= text.box.w / ext.x_advance; // shrink to the estimated box
        cairo_set_font_size(cr, pt);
        cairo_text_extents(cr, clean.c_str(), &ext);
    }
    double x = text.box.x;
    if (text.align == 0) {
        x += (text.box.w - ext.x_advance) / 2;
    } else if (text.align > 0) {
        x += text.box.w - ext.x_advance;
    }
    const double baseline = text.box.y + text.box.h / 2 + pt * 0.36;
    set_rgb(cr, text.rgb);
    cairo_move_to(cr, x, baseline);
    cairo_show_text(cr, clean.c_str());
}

namespace {

void rounded_rect(cairo_t* cr, const Box& b, double radius) {
    const double r = std::min({radius, b.w / 2, b.h / 2});
    cairo_new_sub_path(cr);
    cairo_arc(cr, b.x + b.w - r, b.y + r, r, -M_PI / 2, 0);
    cairo_arc(cr, b.x + b.w - r, b.y + b.h - r, r, 0, M_PI / 2);
    cairo_arc(cr, b.x + r, b.y + b.h - r, r, M_PI / 2, M_PI);
    cairo_arc(cr, b.x + r, b.y + r, r, M_PI, 3 * M_PI / 2);
    cairo_close_path(cr);
}

void spline_path(cairo_t* cr, const std::vector<Point>& pts) {
    if (pts.empty()) {
        return;
    }
    cairo_move_to(cr, pts[0].x, pts[0].y);
    std::size_t k = 1;
    for (; k + 2 < pts.size(); k += 3) {
        cairo_curve_to(cr, pts[k].x, pts[k].y, pts[k + 1].x, pts[k + 1].y, pts[k + 2].x,
                       pts[k + 2].y);
    }
    for (; k < pts.size(); ++k) {
        cairo_line_to(cr, pts[k].x, pts[k].y);
    }
}

Point bezier(const std::vector<Point>& pts, double t) {
    // Point at parameter t over the whole piecewise cubic.
    if (pts.size() < 4) {
        return pts.empty() ? Point{} : pts.front();
    }
    const std::size_t segments = (pts.size() - 1) / 3;
    double s = std::clamp(t, 0.0, 1.0) * static_cast<double>(segments);
    std::size_t seg = std::min(static_cast<std::size_t>(s), segments - 1);
    s -= static_cast<double>(seg);
    const Point& a = pts[seg * 3];
    const Point& b = pts[seg * 3 + 1];
    const Point& c = pts[seg * 3 + 2];
    const Point& d = pts[seg * 3 + 3];
    const double u = 1 - s;
    return Point{u * u * u * a.x + 3 * u * u * s * b.x + 3 * u * s * s * c.x + s * s * s * d.x,
                 u * u * u * a.y + 3 * u * u * s * b.y + 3 * u * s * s * c.y + s * s * s * d.y};
}

void arrow_head(cairo_t* cr, Point tip_from, Point base, double len, double width) {
    double dx = base.x - tip_from.x;
    double dy = base.y - tip_from.y;
    const double d = std::hypot(dx, dy);
    if (d < 1e-9) {
        return;
    }
    dx /= d;
    dy /= d;
    const Point tip{base.x + dx * len, base.y + dy * len};
    const double half = std::max(width * 1.2, len * 0.45);
    cairo_move_to(cr, tip.x, tip.y);
    cairo_line_to(cr, base.x - dy * half, base.y + dx * half);
    cairo_line_to(cr, base.x + dy * half, base.y - dx * half);
    cairo_close_path(cr);
    cairo_fill(cr);
}

void badge(cairo_t* cr, double cx, double cy, double r) {
    cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
    set_rgb(cr, badge_rgb);
    cairo_fill_preserve(cr);
    set_rgb(cr, 0xffffff);
    cairo_set_line_width(cr, r * 0.18);
    cairo_stroke(cr);
}

} // namespace

void draw_scene(cairo_t* cr, const Scene& scene) {
    const Metrics& m = scene.m;
    const double t = m.t;
    cairo_save(cr);
    set_rgb(cr, 0xffffff);
    cairo_rectangle(cr, 0, 0, scene.width, scene.height);
    cairo_fill(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);

    const double lane_left = m.margin;
    const double lane_right = scene.graph.x + scene.graph.w + 10 * std::sqrt(t);
    // Stage columns and their headers.
    for (const SceneBand& s : scene.stages) {
        set_rgb(cr, s.rgb, 0.55);
        const double top = scene.graph.y - m.stage_pt * 2.4 - 10 * std::sqrt(t);
        cairo_rectangle(cr, s.a, top, s.b - s.a, m.stage_pt * 2.4);
        cairo_fill(cr);
        set_rgb(cr, s.rgb, 0.25);
        const double bottom = scene.lanes.empty() ? scene.graph.y + scene.graph.h : scene.lanes.back().b;
        cairo_rectangle(cr, s.a, top + m.stage_pt * 2.4, s.b - s.a, bottom - top - m.stage_pt * 2.4);
        cairo_fill(cr);
        set_rgb(cr, 0xffffff);
        cairo_set_line_width(cr, 2 * t);
        cairo_move_to(cr, s.a, top);
        cairo_line_to(cr, s.a, bottom);
        cairo_stroke(cr);
    }
    // Lanes.
    for (const SceneBand& l : scene.lanes) {
        set_rgb(cr, l.rgb, 0.10);
        cairo_rectangle(cr, lane_left, l.a, lane_right - lane_left, l.b - l.a);
        cairo_fill(cr);
        if (!l.label.empty()) {
            set_rgb(cr, darker(l.rgb, 0.78));
            cairo_rectangle(cr, lane_left, l.a + 1 * t, m.lane_header_w, l.b - l.a - 2 * t);
            cairo_fill(cr);
        }
        set_rgb(cr, l.rgb, 0.45);
        cairo_set_line_width(cr, 1 * t);
        cairo_move_to(cr, lane_left, l.b);
        cairo_line_to(cr, lane_right, l.b);
        cairo_stroke(cr);
    }

    // Edges: ping-pong glow, casing, line, arrow, handoff diamond.
    for (const SceneEdge& e : scene.edges) {
        if (e.spline.size() < 2) {
            continue;
        }
        if (e.ping_pong) {
            set_rgb(cr, ping_pong_rgb, 0.35);
            cairo_set_line_width(cr, e.width + 7 * t);
            spline_path(cr, e.spline);
            cairo_stroke(cr);
        }
        set_rgb(cr, e.rgb);
        cairo_set_line_width(cr, e.width);
        if (e.dashed) {
            const double dash[] = {6 * t, 4 * t};
            cairo_set_dash(cr, dash, 2, 0);
        }
        spline_path(cr, e.spline);
        cairo_stroke(cr);
        cairo_set_dash(cr, nullptr, 0, 0);
        const double len = 7 + e.width * 1.6;
        if (e.arrow_at_start) {
            arrow_head(cr, e.spline[1], e.spline[0], len, e.width);
        } else {
            arrow_head(cr, e.spline[e.spline.size() - 2], e.spline.back(), len, e.width);
        }
        if (e.handoff) {
            const Point p = bezier(e.spline, e.arrow_at_start ? 0.85 : 0.15);
            const double d = 3.5 * t + e.width * 0.6;
            cairo_move_to(cr, p.x, p.y - d);
            cairo_line_to(cr, p.x + d, p.y);
            cairo_line_to(cr, p.x, p.y + d);
            cairo_line_to(cr, p.x - d, p.y);
            cairo_close_path(cr);
            set_rgb(cr, ink);
            cairo_fill_preserve(cr);
            set_rgb(cr, 0xffffff);
            cairo_set_line_width(cr, 0.8 * t);
            cairo_stroke(cr);
        }
    }
    // Edge label backgrounds.
    for (const SceneText& text : scene.texts) {
        if (text.role == "edge") {
            set_rgb(cr, 0xffffff, 0.85);
            rounded_rect(cr, Box{text.box.x - 2 * t, text.box.y, text.box.w + 4 * t, text.box.h}, 3 * t);
            cairo_fill(cr);
        }
    }

    // Nodes.
    for (const SceneNode& sn : scene.nodes) {
        const MapNode& n = scene.data.nodes[sn.index];
        const Box& b = sn.box;
        std::uint32_t lane = 0x4f6479;
        for (std::size_t l = 0; l < scene.lanes.size(); ++l) {
            const double cy = b.y + b.h / 2;
            if (cy >= scene.lanes[l].a && cy <= scene.lanes[l].b) {
                lane = scene.lanes[l].rgb;
            }
        }
        rounded_rect(cr, b, 7 * t);
        set_rgb(cr, n.hidden ? 0xeef0f3 : (n.designed ? 0xffffff : 0xfff6f0));
        cairo_fill_preserve(cr);
        if (!n.designed) {
            cairo_save(cr);
            cairo_clip_preserve(cr);
            set_rgb(cr, 0xf1d3c2);
            cairo_set_line_width(cr, 1.2 * t);
            for (double x = b.x - b.h; x < b.x + b.w; x += 9 * t) {
                cairo_move_to(cr, x, b.y + b.h);
                cairo_line_to(cr, x + b.h, b.y);
            }
            cairo_stroke(cr);
            cairo_restore(cr);
        }
        std::uint32_t border = darker(lane, 0.8);
        double border_w = 1.8 * t;
        switch (n.change) {
        case Change::better:
            border = rag_green;
            border_w = 3.5 * t;
            break;
        case Change::worse:
            border = rag_red;
            border_w = 3.5 * t;
            break;
        case Change::added:
            border = 0x2f6fde;
            border_w = 3.5 * t;
            break;
        default:
            break;
        }
        set_rgb(cr, border);
        cairo_set_line_width(cr, border_w);
        if (!n.designed || n.change == Change::removed) {
            const double dash[] = {5 * t, 3 * t};
            cairo_set_dash(cr, dash, 2, 0);
        }
        cairo_stroke(cr);
        cairo_set_dash(cr, nullptr, 0, 0);
        // Status marker.
        if (n.show_id || n.status != Rag::none) {
            const double r = m.id_pt * 0.5;
            const double cx = b.x + m.pad + r;
            const double cy = b.y + m.pad + m.id_pt * 0.65;
            cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
            if (n.status == Rag::none) {
                set_rgb(cr, 0xffffff);
                cairo_fill_preserve(cr);
                set_rgb(cr, 0x9aa5b1);
                cairo_set_line_width(cr, 1 * t);
                cairo_stroke(cr);
            } else {
                set_rgb(cr, rag_rgb(n.status));
                cairo_fill(cr);
                SceneText letter;
                letter.text = n.status == Rag::green ? "G" : n.status == Rag::amber ? "A" : "R";
                letter.box = Box{cx - r, cy - r * 1.0, 2 * r, 2 * r};
                letter.pt = r * 1.35;
                letter.bold = true;
                letter.rgb = 0xffffff;
                letter.align = 0;
                draw_text(cr, scene.options.font, letter);
            }
        }
    }

    // Header and banner boxes.
    if (scene.banner.w > 0) {
        rounded_rect(cr, scene.banner, 8 * t);
        set_rgb(cr, scene.data.verdict_status == Rag::red     ? 0xfdecea
                    : scene.data.verdict_status == Rag::amber ? 0xfff4e0
                    : scene.data.verdict_status == Rag::green ? 0xe8f5ec
                                                              : 0xf2f4f7);
        cairo_fill_preserve(cr);
        set_rgb(cr, darker(rag_rgb(scene.data.verdict_status), 0.9));
        cairo_set_line_width(cr, 2 * t);
        cairo_stroke(cr);
    }
    if (scene.panel.w > 0) {
        set_rgb(cr, 0xc3ccd5);
        cairo_set_line_width(cr, 1 * t);
        cairo_move_to(cr, scene.panel.x - 8 * t, scene.panel.y);
        cairo_line_to(cr, scene.panel.x - 8 * t, scene.panel.y + scene.panel.h);
        cairo_stroke(cr);
    }
    // Legend symbols, one per row in the order build_scene() wrote them.
    if (scene.legend.w > 0) {
        const double sx = scene.legend.x;
        const double sw = 34 * t;
        for (std::size_t k = 0; k < scene.legend_rows.size(); ++k) {
            const double cy = scene.legend_rows[k];
            switch (k) {
            case 0:
                for (int i = 0; i < 3; ++i) {
                    cairo_arc(cr, sx + 5 * t + i * 11 * t, cy, 4.5 * t, 0, 2 * M_PI);
                    set_rgb(cr, i == 0 ? rag_green : i == 1 ? rag_amber : rag_red);
                    cairo_fill(cr);
                }
                break;
            case 1: {
                rounded_rect(cr, Box{sx, cy - 7 * t, 14 * t, 14 * t}, 3 * t);
                set_rgb(cr, 0xffffff);
                cairo_fill_preserve(cr);
                set_rgb(cr, 0x4f6479);
                cairo_set_line_width(cr, 1.5 * t);
                cairo_stroke(cr);
                rounded_rect(cr, Box{sx + 18 * t, cy - 7 * t, 14 * t, 14 * t}, 3 * t);
                set_rgb(cr, 0xfff6f0);
                cairo_fill_preserve(cr);
                set_rgb(cr, 0x4f6479);
                const double dash[] = {3 * t, 2 * t};
                cairo_set_dash(cr, dash, 2, 0);
                cairo_stroke(cr);
                cairo_set_dash(cr, nullptr, 0, 0);
                break;
            }
            case 2:
                set_rgb(cr, 0x5a6570);
                cairo_set_line_width(cr, 1.2 * t);
                cairo_move_to(cr, sx, cy - 4 * t);
                cairo_line_to(cr, sx + sw, cy - 4 * t);
                cairo_stroke(cr);
                cairo_set_line_width(cr, 6 * t);
                cairo_move_to(cr, sx, cy + 4 * t);
                cairo_line_to(cr, sx + sw, cy + 4 * t);
                cairo_stroke(cr);
                break;
            case 3: {
                const int steps = 12;
                for (int i = 0; i < steps; ++i) {
                    MapEdge probe;
                    const double f = static_cast<double>(i) / (steps - 1);
                    switch (scene.options.metric) {
                    case EdgeMetric::frequency:
                        probe.count = static_cast<std::uint64_t>(f * 1000);
                        break;
                    case EdgeMetric::wait:
                        probe.median_wait_s = std::exp(std::log(3600.0) + f * (std::log(std::max(scene.metric_max, 7200.0)) - std::log(3600.0)));
                        break;
                    case EdgeMetric::wait_p90:
                        probe.p90_wait_s = std::exp(std::log(3600.0) + f * (std::log(std::max(scene.metric_max, 7200.0)) - std::log(3600.0)));
                        break;
                    case EdgeMetric::red_lift:
                        probe.log_lift = -1.5 + 3 * f;
                        break;
                    case EdgeMetric::rejection:
                        probe.rejection_rate = 0.3 * f;
                        break;
                    case EdgeMetric::change:
                        probe.change = f < 0.34 ? Change::better : f < 0.67 ? Change::same : Change::worse;
                        break;
                    }
                    set_rgb(cr, edge_rgb(probe, scene.options.metric,
                                         scene.options.metric == EdgeMetric::frequency ? 1000 : scene.metric_max));
                    cairo_rectangle(cr, sx + sw * i / steps, cy - 4 * t, sw / steps + 0.5, 8 * t);
                    cairo_fill(cr);
                }
                break;
            }
            case 4: {
                const double d = 5 * t;
                set_rgb(cr, ink);
                cairo_move_to(cr, sx + sw / 2, cy - d);
                cairo_line_to(cr, sx + sw / 2 + d, cy);
                cairo_line_to(cr, sx + sw / 2, cy + d);
                cairo_line_to(cr, sx + sw / 2 - d, cy);
                cairo_close_path(cr);
                cairo_fill(cr);
                break;
            }
            case 5:
                set_rgb(cr, ping_pong_rgb, 0.35);
                cairo_set_line_width(cr, 10 * t);
                cairo_move_to(cr, sx + 4 * t, cy);
                cairo_line_to(cr, sx + sw - 4 * t, cy);
                cairo_stroke(cr);
                set_rgb(cr, 0x5a6570);
                cairo_set_line_width(cr, 2 * t);
                cairo_move_to(cr, sx + 4 * t, cy);
                cairo_line_to(cr, sx + sw - 4 * t, cy);
                cairo_stroke(cr);
                break;
            case 6:
                badge(cr, sx + sw / 2, cy, 8 * t);
                break;
            default:
                break;
            }
        }
    }
    // Callout badges (their numbers are texts with role "callout").
    for (const SceneText& text : scene.texts) {
        if (text.role == "callout") {
            badge(cr, text.box.x + text.box.w / 2, text.box.y + text.box.h / 2, text.box.w / 2);
        }
    }
    // Every text.
    for (const SceneText& text : scene.texts) {
        draw_text(cr, scene.options.font, text);
    }
    cairo_restore(cr);
}

// ---------------------------------------------------------------------------
// Documents

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

void check_cairo(cairo_status_t status, const std::string& what) {
    if (status != CAIRO_STATUS_SUCCESS) {
        throw error("cairo: cannot " + what + ": " + cairo_status_to_string(status));
    }
}

std::string png_document(double width, double height, double dpi,
                         const std::function<void(cairo_t*)>& draw) {
    const double k = dpi / 72.0;
    const auto pw = static_cast<int>(std::ceil(width * k));
    const auto ph = static_cast<int>(std::ceil(height * k));
    if (static_cast<double>(pw) * static_cast<double>(ph) > 400e6) {
        throw usage_error("PNG of " + std::to_string(pw) + " x " + std::to_string(ph) +
                          " pixels is too large: lower the resolution");
    }
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
    check_cairo(cairo_surface_status(surface), "create the PNG image");
    cairo_t* cr = cairo_create(surface);
    cairo_scale(cr, k, k);
    draw(cr);
    const cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    std::string out;
    const cairo_status_t written =
        status == CAIRO_STATUS_SUCCESS
            ? cairo_surface_write_to_png_stream(surface, append_to_string, &out)
            : status;
    cairo_surface_destroy(surface);
    check_cairo(written, "draw the PNG");
    return out;
}

std::string scene_document(const Scene& scene, const std::string& format, double dpi) {
    const double w = std::max(scene.width, 1.0);
    const double h = std::max(scene.height, 1.0);
    if (format == "png") {
        if (!(dpi >= 10 && dpi <= 1200)) {
            throw usage_error("PNG resolution must be between 10 and 1200 dpi, not " + fixed(dpi, 0));
        }
        return png_document(w, h, dpi, [&](cairo_t* cr) { draw_scene(cr, scene); });
    }
    std::string out;
    cairo_surface_t* surface = nullptr;
    if (format == "pdf") {
        surface = cairo_pdf_surface_create_for_stream(append_to_string, &out, w, h);
    } else if (format == "svg") {
        surface = cairo_svg_surface_create_for_stream(append_to_string, &out, w, h);
        cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1);
    } else {
        throw usage_error("unknown map format '" + format + "' (use svg, pdf, png or dot)");
    }
    check_cairo(cairo_surface_status(surface), "create a " + format + " surface");
    cairo_t* cr = cairo_create(surface);
    draw_scene(cr, scene);
    const cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t finished = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    check_cairo(status, "draw the " + format);
    check_cairo(finished, "write the " + format);
    if (format == "pdf") {
        blank_pdf_info(out);
    }
    return out;
}

} // namespace journey::render::detail
