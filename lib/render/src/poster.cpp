// Posters and tiled sheets: the journey map fitted on a paper size, split onto
// office-printer sheets with overlap, crop and registration marks, sheet labels and
// an assembly sheet.

#include <journey/render/poster.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <vector>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include <journey/core/error.hpp>

#include "map_scene.hpp"
#include "output.hpp"
#include "text.hpp"

namespace journey::render {

namespace {

constexpr double pt_per_mm = 72.0 / 25.4;
// The white border of the map itself on a poster (points at text scale 1): the
// poster has a border of its own.
constexpr double poster_margin = 8;

// The border around the map: 12 mm on A0, scaled with the short side of the paper,
// at least 5 mm.
double border_pt(const PaperSize& size) {
    return std::max(5.0, 12.0 * std::min(size.width_mm, size.height_mm) / 841.0) * pt_per_mm;
}

struct Fitted {
    detail::Scene scene;
    double scale = 0;
    double label_pt = 0;
};

// The shape that suits the page: the box shape and where the side panel goes.
// Each candidate's map is estimated from the grid alone: columns, lanes and box
// sizes, with gaps that grow partly with the text scale and partly with its square
// root as Graphviz lays the move-house map out, and a side panel of a typical size;
// nothing that depends on the figures of the log, so two logs of the same journey
// get the same shape. The estimate gives the label size each box shape reaches (up
// to `min_pt`) at the best text scale with the panel in its better place. Of the
// shapes that reach `min_pt` (when none does: that come within 2 % of the largest),
// the one that cuts the fewest touchpoint names short wins, then the first (the
// map's own).
detail::Shape choose_shape(const JourneyMapData& filtered, double avail_w, double avail_h,
                           double min_pt) {
    const detail::Grid g = detail::compute_grid(filtered);
    std::size_t lane_rows = 0;
    for (const std::size_t slots : g.lane_slots) {
        lane_rows += slots;
    }
    const auto columns = static_cast<double>(std::max<std::size_t>(g.columns, 1));
    const auto rows = static_cast<double>(std::max<std::size_t>(lane_rows, 1));
    detail::Shape wider = detail::wide_shape();
    wider.box_width = 132;
    struct Candidate {
        detail::Shape shape;
        double label = 0;
        std::size_t cut = 0;
    };
    std::vector<Candidate> candidates;
    double best = 0;
    for (detail::Shape shape : {detail::wide_shape(), wider, detail::narrow_shape()}) {
        shape.margin = poster_margin;
        const detail::Metrics m = detail::metrics_for(filtered, 1.0, shape);
        Candidate c{shape, 0, 0};
        for (const bool below : {false, true}) {
            double label = 0;
            for (const double t : {1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0}) {
                const double rt = std::sqrt(t);
                double w = t * (2 * m.margin + m.lane_header_w + columns * m.node_w + (columns - 1) * 19) +
                           rt * (20 + (columns - 1) * 16);
                double h = t * (2 * m.margin + 220 + m.stage_pt * 2.4 + rows * m.node_h) + rt * (20 + rows * 37);
                if (below) {
                    h += t * 350;
                } else {
                    w += t * (16 + m.panel_w);
                }
                w = std::max(w, t * (2 * m.margin + 520 + 16 + 640)); // the title block and the banner
                label = std::max(label, std::min(m.label_pt * t * std::min(avail_w / w, avail_h / h), min_pt));
            }
            if (label > c.label) {
                c.label = label;
                c.shape.panel_below = below;
            }
        }
        for (const MapNode& node : filtered.nodes) {
            const std::string& label = node.label.empty() ? node.id : node.label;
            c.cut += detail::wrap(label, m.label_pt, m.node_w - 2 * m.pad, 0, true).size() > m.label_lines;
        }
        best = std::max(best, c.label);
        candidates.push_back(c);
    }
    // Shapes that reach the aim, or, when none does, come within 2 % of the best.
    const double good_enough = best >= min_pt * 0.999 ? min_pt * 0.999 : best * 0.98;
    const Candidate* chosen = nullptr;
    for (const Candidate& c : candidates) {
        if (c.label >= good_enough && (chosen == nullptr || c.cut < chosen->cut)) {
            chosen = &c;
        }
    }
    return chosen->shape;
}

// The map fitted into avail_w × avail_h points in the shape that suits the page:
// the text scale raised until the labels read from a distance reach `min_pt` on
// paper (or no longer grow).
Fitted fit(const JourneyMapData& filtered, const MapOptions& options, double avail_w, double avail_h,
           double min_pt) {
    Fitted best;
    const detail::Shape shape = choose_shape(filtered, avail_w, avail_h, min_pt);
    MapOptions o = options;
    double k = std::max(options.text_scale, 0.25);
    for (int round = 0; round < 5; ++round) {
        o.text_scale = k;
        detail::Scene scene = detail::build_scene(filtered, o, shape);
        const double scale = std::min(avail_w / scene.width, avail_h / scene.height);
        const double label = detail::headline_pt(scene) * scale;
        const bool better = best.scale == 0 || label > best.label_pt + 1e-9;
        if (better) {
            best = Fitted{std::move(scene), scale, label};
        }
        if (label >= min_pt || !better || k >= 8) {
            break;
        }
        k = std::min(k * std::min(min_pt / label * 1.04, 3.0), 8.0);
    }
    return best;
}

double page_w(const PosterOptions& p) {
    return (p.landscape ? p.size.height_mm : p.size.width_mm) * pt_per_mm;
}
double page_h(const PosterOptions& p) {
    return (p.landscape ? p.size.width_mm : p.size.height_mm) * pt_per_mm;
}

struct Plan {
    Fitted fitted;
    PosterInfo info;
    double poster_w = 0, poster_h = 0;
    double offset_x = 0, offset_y = 0; // where the map's origin sits on the poster
    TileGrid grid;
    double sheet_w = 0, sheet_h = 0;
    double margin = 0;
};

Plan make_plan(const JourneyMapData& data, const MapOptions& map, const PosterOptions& poster) {
    if (!(poster.overlap_mm >= 0 && poster.overlap_mm <= 100)) {
        throw usage_error("tile overlap must be between 0 and 100 mm, not " +
                          detail::fixed(poster.overlap_mm, 1));
    }
    if (!(poster.margin_mm >= 0 && poster.margin_mm <= 50)) {
        throw usage_error("sheet margin must be between 0 and 50 mm, not " +
                          detail::fixed(poster.margin_mm, 1));
    }
    Plan plan;
    plan.poster_w = page_w(poster);
    plan.poster_h = page_h(poster);
    const double border = border_pt(poster.size);
    const double min_pt = poster.min_label_pt > 0 ? poster.min_label_pt : default_min_label_pt(poster.size);
    plan.fitted = fit(filter_map(data, map), map, plan.poster_w - 2 * border,
                      plan.poster_h - 2 * border, min_pt);
    const double s = plan.fitted.scale;
    plan.offset_x = (plan.poster_w - plan.fitted.scene.width * s) / 2;
    plan.offset_y = (plan.poster_h - plan.fitted.scene.height * s) / 2;
    PosterInfo& info = plan.info;
    info.scale = s;
    info.label_pt = plan.fitted.label_pt;
    info.aim_label_pt = min_pt;
    info.text_scale = plan.fitted.scene.m.t;
    info.box_width = plan.fitted.scene.shape.box_width;
    info.panel_below = plan.fitted.scene.shape.panel_below;
    if (!poster.tile) {
        info.pages = 1;
        info.page_width_pt = plan.poster_w;
        info.page_height_pt = plan.poster_h;
        return plan;
    }
    plan.margin = poster.margin_mm * pt_per_mm;
    const double overlap = poster.overlap_mm * pt_per_mm;
    const double tw = poster.tile->width_mm * pt_per_mm;
    const double th = poster.tile->height_mm * pt_per_mm;
    const TileGrid portrait = tile_grid(plan.poster_w, plan.poster_h, tw, th, plan.margin, overlap);
    const TileGrid landscape = tile_grid(plan.poster_w, plan.poster_h, th, tw, plan.margin, overlap);
    const bool use_landscape = landscape.rows * landscape.columns < portrait.rows * portrait.columns;
    plan.grid = use_landscape ? landscape : portrait;
    plan.sheet_w = use_landscape ? th : tw;
    plan.sheet_h = use_landscape ? tw : th;
    info.rows = plan.grid.rows;
    info.columns = plan.grid.columns;
    info.pages = 1 + plan.grid.rows * plan.grid.columns;
    info.tile_width_pt = plan.sheet_w;
    info.tile_height_pt = plan.sheet_h;
    // The assembly sheet has the tile size, turned like the poster.
    const bool poster_landscape = plan.poster_w > plan.poster_h;
    info.page_width_pt = poster_landscape ? std::max(tw, th) : std::min(tw, th);
    info.page_height_pt = poster_landscape ? std::min(tw, th) : std::max(tw, th);
    return plan;
}

void draw_poster(cairo_t* cr, const Plan& plan) {
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, 0, 0, plan.poster_w, plan.poster_h);
    cairo_fill(cr);
    cairo_translate(cr, plan.offset_x, plan.offset_y);
    cairo_scale(cr, plan.fitted.scale, plan.fitted.scale);
    detail::draw_scene(cr, plan.fitted.scene);
    cairo_restore(cr);
}

void text_at(cairo_t* cr, const std::string& font, const std::string& text, double x, double y,
             double w, double pt, bool bold, std::uint32_t rgb, int align) {
    detail::SceneText t;
    t.text = text;
    t.box = detail::Box{x, y, w, pt * 1.3};
    t.pt = pt;
    t.bold = bold;
    t.rgb = rgb;
    t.align = align;
    detail::draw_text(cr, font, t);
}

std::string sheet_name(std::size_t row, std::size_t col) {
    return "R" + std::to_string(row + 1) + " C" + std::to_string(col + 1);
}

void registration_mark(cairo_t* cr, double x, double y, double r) {
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.5);
    cairo_new_sub_path(cr);
    cairo_arc(cr, x, y, r, 0, 2 * M_PI);
    cairo_move_to(cr, x - r * 1.6, y);
    cairo_line_to(cr, x + r * 1.6, y);
    cairo_move_to(cr, x, y - r * 1.6);
    cairo_line_to(cr, x, y + r * 1.6);
    cairo_stroke(cr);
    cairo_new_sub_path(cr);
    cairo_arc(cr, x, y, r * 0.45, 0, 2 * M_PI);
    cairo_fill(cr);
}

// One tile: the poster region of (row, col) in the printable area, then marks.
void draw_tile(cairo_t* cr, const Plan& plan, const PosterOptions& poster, const std::string& font,
               std::size_t row, std::size_t col) {
    const TileGrid& g = plan.grid;
    const double m = plan.margin;
    const double overlap = poster.overlap_mm * pt_per_mm;
    const double px = static_cast<double>(col) * g.step_x; // poster coordinates of the cell
    const double py = static_cast<double>(row) * g.step_y;
    cairo_save(cr);
    cairo_rectangle(cr, m, m, g.cell_width, g.cell_height);
    cairo_clip(cr);
    cairo_translate(cr, m - px, m - py);
    draw_poster(cr, plan);
    if (poster.marks) {
        // Registration marks sit in the overlaps, at the same poster point on both
        // sheets, so that they coincide when the sheets are laid over each other.
        const double r = 4 * pt_per_mm / 2;
        for (std::size_t c = 0; c + 1 < g.columns; ++c) {
            const double x = static_cast<double>(c + 1) * g.step_x + overlap / 2;
            for (std::size_t rr = 0; rr < g.rows; ++rr) {
                for (const double f : {0.25, 0.75}) {
                    registration_mark(cr, x, static_cast<double>(rr) * g.step_y + g.cell_height * f, r);
                }
            }
        }
        for (std::size_t rr = 0; rr + 1 < g.rows; ++rr) {
            const double y = static_cast<double>(rr + 1) * g.step_y + overlap / 2;
            for (std::size_t c = 0; c < g.columns; ++c) {
                for (const double f : {0.25, 0.75}) {
                    registration_mark(cr, static_cast<double>(c) * g.step_x + g.cell_width * f, y, r);
                }
            }
        }
    }
    cairo_restore(cr);
    if (!poster.marks) {
        return;
    }
    cairo_save(cr);
    // Crop marks: at the corners of the printable area; cut the left and top edges
    // along them (except on the first column and row) and lay the sheet over its
    // neighbour's overlap.
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.5);
    const double len = std::min(m * 0.8, 6 * pt_per_mm);
    const double x0 = m, y0 = m, x1 = m + g.cell_width, y1 = m + g.cell_height;
    struct Corner {
        double x, y, dx, dy;
    };
    for (const Corner& k : {Corner{x0, y0, -1, -1}, Corner{x1, y0, 1, -1}, Corner{x0, y1, -1, 1},
                            Corner{x1, y1, 1, 1}}) {
        const double x = k.x, y = k.y, dx = k.dx, dy = k.dy;
        cairo_move_to(cr, x + dx * 1.5, y);
        cairo_line_to(cr, x + dx * (1.5 + len), y);
        cairo_move_to(cr, x, y + dy * 1.5);
        cairo_line_to(cr, x, y + dy * (1.5 + len));
    }
    cairo_stroke(cr);
    // Overlap guides: dashed lines where the next sheet's edge will lie.
    const double dash[] = {4, 3};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_set_source_rgb(cr, 0.55, 0.6, 0.65);
    if (col + 1 < g.columns) {
        cairo_move_to(cr, x1 - overlap, y0);
        cairo_line_to(cr, x1 - overlap, y1);
    }
    if (row + 1 < g.rows) {
        cairo_move_to(cr, x0, y1 - overlap);
        cairo_line_to(cr, x1, y1 - overlap);
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
    // Sheet label in the bottom right corner (under the next sheet once assembled).
    const std::string label = sheet_name(row, col) + " · sheet " +
                              std::to_string(row * g.columns + col + 1) + " of " +
                              std::to_string(g.rows * g.columns) +
                              (poster.caption.empty() ? std::string() : " · " + poster.caption);
    const double pt = 8;
    const double w = std::min(detail::text_width(label, pt, true) + 8, g.cell_width - 4);
    const double lx = x1 - w - 2;
    const double ly = y1 - pt * 1.8;
    cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
    cairo_rectangle(cr, lx, ly, w, pt * 1.6);
    cairo_fill(cr);
    text_at(cr, font, label, lx + 4, ly + pt * 0.15, w - 8, pt, true, 0x1f2a36, -1);
    cairo_restore(cr);
}

void draw_assembly(cairo_t* cr, const Plan& plan, const PosterOptions& poster, const std::string& font) {
    const double w = plan.info.page_width_pt;
    const double h = plan.info.page_height_pt;
    const double m = std::max(plan.margin, 10 * pt_per_mm);
    const TileGrid& g = plan.grid;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, 0, 0, w, h);
    cairo_fill(cr);
    double y = m;
    const std::string orient = poster.landscape ? "landscape" : "portrait";
    text_at(cr, font, "Assembly sheet" + (poster.caption.empty() ? std::string() : ": " + poster.caption),
            m, y, w - 2 * m, 16, true, 0x1f2a36, -1);
    y += 16 * 1.5;
    const std::string tile_name = poster.tile->name;
    text_at(cr, font,
            poster.size.name + " " + orient + " poster on " + std::to_string(g.rows * g.columns) +
                " " + tile_name + " sheets: " + std::to_string(g.rows) + " rows × " +
                std::to_string(g.columns) + " columns, " + detail::fixed(poster.overlap_mm, 0) +
                " mm overlap",
            m, y, w - 2 * m, 10, false, 0x33414e, -1);
    y += 10 * 1.6;
    const std::vector<std::string> steps{
        "1. Print every sheet at 100 % (actual size, no fit to page). Sheets are in reading order: R1 C1, R1 C2, ...",
        "2. Trim the left and top edge of each sheet along the crop marks (not on the first column or row).",
        "3. Lay each sheet over its left and upper neighbour so the registration marks (circled crosses) coincide; the dashed line shows where its edge lies. Tape from the back."};
    for (const std::string& s : steps) {
        for (const std::string& line : detail::wrap(s, 9, w - 2 * m, 3)) {
            text_at(cr, font, line, m, y, w - 2 * m, 9, false, 0x33414e, -1);
            y += 9 * 1.4;
        }
    }
    y += 8;
    // Thumbnail of the poster with the grid.
    const double avail_w = w - 2 * m;
    const double avail_h = h - y - m;
    const double k = std::min(avail_w / plan.poster_w, avail_h / plan.poster_h);
    const double tx = m + (avail_w - plan.poster_w * k) / 2;
    const double ty = y;
    cairo_save(cr);
    cairo_translate(cr, tx, ty);
    cairo_scale(cr, k, k);
    cairo_rectangle(cr, 0, 0, plan.poster_w, plan.poster_h);
    cairo_clip(cr);
    draw_poster(cr, plan);
    cairo_restore(cr);
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0.2, 0.25, 0.3);
    cairo_set_line_width(cr, 0.8);
    cairo_rectangle(cr, tx, ty, plan.poster_w * k, plan.poster_h * k);
    cairo_stroke(cr);
    for (std::size_t r = 0; r < g.rows; ++r) {
        for (std::size_t c = 0; c < g.columns; ++c) {
            const double cx = tx + static_cast<double>(c) * g.step_x * k;
            const double cy = ty + static_cast<double>(r) * g.step_y * k;
            const double cw = std::min(g.cell_width, plan.poster_w - static_cast<double>(c) * g.step_x) * k;
            const double ch = std::min(g.cell_height, plan.poster_h - static_cast<double>(r) * g.step_y) * k;
            cairo_set_source_rgba(cr, 0.76, 0.09, 0.55, 0.9);
            cairo_set_line_width(cr, 1.0);
            cairo_rectangle(cr, cx, cy, cw, ch);
            cairo_stroke(cr);
            const std::string name = sheet_name(r, c);
            const double pt = std::clamp(std::min(cw, ch) / 6, 5.0, 14.0);
            const double bw = detail::text_width(name, pt, true) + 6;
            cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
            cairo_rectangle(cr, cx + cw / 2 - bw / 2, cy + ch / 2 - pt * 0.8, bw, pt * 1.6);
            cairo_fill(cr);
            text_at(cr, font, name, cx + cw / 2 - bw / 2, cy + ch / 2 - pt * 0.65, bw, pt, true,
                    0xc2188b, 0);
        }
    }
    cairo_restore(cr);
}

} // namespace

PaperSize paper_size(std::string_view name) {
    std::string n(name);
    std::transform(n.begin(), n.end(), n.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static const struct {
        const char* name;
        double w, h;
    } iso[] = {{"a0", 841, 1189}, {"a1", 594, 841}, {"a2", 420, 594}, {"a3", 297, 420}, {"a4", 210, 297}};
    for (const auto& p : iso) {
        if (n == p.name) {
            std::string upper = p.name;
            upper[0] = 'A';
            return PaperSize{upper, p.w, p.h};
        }
    }
    std::string body = n;
    if (body.size() > 2 && body.compare(body.size() - 2, 2, "mm") == 0) {
        body.erase(body.size() - 2);
    }
    const std::size_t x = body.find('x');
    const auto parse = [](const std::string& s, double& v) {
        if (s.empty() || s.find_first_not_of("0123456789.") != std::string::npos ||
            std::count(s.begin(), s.end(), '.') > 1 || s == ".") {
            return false;
        }
        v = std::stod(s);
        return true;
    };
    double w = 0, h = 0;
    if (x == std::string::npos || !parse(body.substr(0, x), w) || !parse(body.substr(x + 1), h)) {
        throw usage_error("unknown paper size '" + std::string(name) +
                          "' (use A0, A1, A2, A3, A4 or WIDTHxHEIGHT in mm, e.g. 600x900)");
    }
    if (w < 50 || h < 50 || w > 5000 || h > 5000) {
        throw usage_error("paper size '" + std::string(name) +
                          "': each side must be between 50 and 5000 mm");
    }
    return PaperSize{detail::fixed(w, 0) + "x" + detail::fixed(h, 0) + "mm", std::min(w, h), std::max(w, h)};
}

double default_min_label_pt(const PaperSize& size) {
    return std::max(6.0, 14.0 * std::min(size.width_mm, size.height_mm) / 841.0);
}

TileGrid tile_grid(double poster_w, double poster_h, double sheet_w, double sheet_h, double margin,
                   double overlap) {
    TileGrid g;
    g.cell_width = sheet_w - 2 * margin;
    g.cell_height = sheet_h - 2 * margin;
    if (g.cell_width <= overlap || g.cell_height <= overlap) {
        throw usage_error("the printable area of a sheet (" + detail::fixed(g.cell_width / pt_per_mm, 0) +
                          " x " + detail::fixed(g.cell_height / pt_per_mm, 0) +
                          " mm) must be larger than the overlap");
    }
    g.step_x = g.cell_width - overlap;
    g.step_y = g.cell_height - overlap;
    const auto count = [](double total, double cell, double step) -> std::size_t {
        if (total <= cell + 1e-6) {
            return 1;
        }
        return 1 + static_cast<std::size_t>(std::ceil((total - cell) / step - 1e-9));
    };
    g.columns = count(poster_w, g.cell_width, g.step_x);
    g.rows = count(poster_h, g.cell_height, g.step_y);
    return g;
}

PosterInfo plan_poster(const JourneyMapData& data, const MapOptions& map, const PosterOptions& poster) {
    return make_plan(data, map, poster).info;
}

MapGeometry poster_geometry(const JourneyMapData& data, const MapOptions& map, const PosterOptions& poster) {
    const Plan plan = make_plan(data, map, poster);
    const double k = plan.fitted.scale;
    MapGeometry g;
    g.width_pt = plan.poster_w;
    g.height_pt = plan.poster_h;
    for (const detail::SceneText& t : plan.fitted.scene.texts) {
        g.texts.push_back(MapTextBox{t.text, plan.offset_x + t.box.x * k, plan.offset_y + t.box.y * k,
                                     t.box.w * k, t.box.h * k, t.pt * k, t.role, t.headline});
    }
    return g;
}

PosterInfo write_poster(const JourneyMapData& data, const MapOptions& map, const PosterOptions& poster,
                        const std::string& path) {
    const std::string ext = detail::lower_extension(path, "poster", ".pdf, .svg or .png");
    if (ext != "pdf" && ext != "svg" && ext != "png") {
        throw usage_error(path + ": unknown poster format '." + ext + "' (use .pdf, .svg or .png)");
    }
    if (poster.tile && ext != "pdf") {
        throw usage_error(path + ": tiled sheets are written as PDF (use a .pdf file)");
    }
    const Plan plan = make_plan(data, map, poster);
    std::string bytes;
    if (ext == "png") {
        if (!(poster.dpi >= 10 && poster.dpi <= 600)) {
            throw usage_error("PNG resolution must be between 10 and 600 dpi, not " +
                              detail::fixed(poster.dpi, 0));
        }
        bytes = detail::png_document(plan.poster_w, plan.poster_h, poster.dpi,
                                     [&](cairo_t* cr) { draw_poster(cr, plan); });
    } else {
        const double w = plan.info.page_width_pt;
        const double h = plan.info.page_height_pt;
        cairo_surface_t* surface =
            ext == "pdf" ? cairo_pdf_surface_create_for_stream(detail::append_to_string, &bytes, w, h)
                         : cairo_svg_surface_create_for_stream(detail::append_to_string, &bytes, w, h);
        detail::check_cairo(cairo_surface_status(surface), "create the " + ext + " surface");
        cairo_t* cr = cairo_create(surface);
        if (!poster.tile) {
            draw_poster(cr, plan);
            cairo_show_page(cr);
        } else {
            draw_assembly(cr, plan, poster, map.font);
            cairo_show_page(cr);
            cairo_pdf_surface_set_size(surface, plan.sheet_w, plan.sheet_h);
            for (std::size_t r = 0; r < plan.grid.rows; ++r) {
                for (std::size_t c = 0; c < plan.grid.columns; ++c) {
                    draw_tile(cr, plan, poster, map.font, r, c);
                    cairo_show_page(cr);
                }
            }
        }
        const cairo_status_t status = cairo_status(cr);
        cairo_destroy(cr);
        cairo_surface_finish(surface);
        const cairo_status_t finished = cairo_surface_status(surface);
        cairo_surface_destroy(surface);
        detail::check_cairo(status, "draw the poster");
        detail::check_cairo(finished, "write the poster");
        if (ext == "pdf") {
            detail::blank_pdf_info(bytes);
        }
    }
    detail::write_file(path, bytes);
    return plan.info;
}

} // namespace journey::render
