// journey poster LOG [--spec FILE] --size A0 [--landscape] [--tile A4|A3] -o FILE.pdf:
// the journey map as a wall poster, or as office-printer sheets to tape together
// (docs/cli/journey-poster.md).

#include <cmath>
#include <cstdio>
#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>

#ifdef JOURNEY_HAVE_RENDER
#include <journey/render/poster.hpp>
#endif

#include "commands.hpp"
#include "json.hpp"
#include "map_data.hpp"

namespace journey::cli {

namespace {

struct PosterCmdOptions {
    std::string log;
    std::string output;
    MapCliOptions map;
    std::string size = "A0";
    bool landscape = false;
    std::string tile;
    double overlap_mm = 10;
    double margin_mm = 8;
    bool no_marks = false;
    double dpi = 150;
    double min_label_pt = 0;
    bool json = false;
};

int run_poster(const PosterCmdOptions& o, Context& ctx) {
#ifdef JOURNEY_HAVE_RENDER
    render::PosterOptions p;
    p.size = render::paper_size(o.size);
    p.landscape = o.landscape;
    if (!o.tile.empty()) {
        p.tile = render::paper_size(o.tile);
    }
    p.overlap_mm = o.overlap_mm;
    p.margin_mm = o.margin_mm;
    p.marks = !o.no_marks;
    p.dpi = o.dpi;
    p.min_label_pt = o.min_label_pt;
    const auto data = load_map_data(o.log, o.map, ctx);
    if (!data) {
        return exit_data;
    }
    p.caption = data->title.title;
    const render::PosterInfo info = render::write_poster(*data, map_options(o.map, *data), p, o.output);
    constexpr double pt_per_mm = 72.0 / 25.4;
    if (o.json) {
        JsonWriter j(ctx.out, true);
        j.begin_object();
        j.field("output", o.output);
        j.field("size", p.size.name);
        j.field("orientation", o.landscape ? "landscape" : "portrait");
        j.key("width_mm").value(o.landscape ? p.size.height_mm : p.size.width_mm, 1);
        j.key("height_mm").value(o.landscape ? p.size.width_mm : p.size.height_mm, 1);
        j.field("pages", static_cast<std::uint64_t>(info.pages));
        j.key("tiles");
        if (p.tile) {
            j.begin_object();
            j.field("size", p.tile->name);
            j.field("rows", static_cast<std::uint64_t>(info.rows));
            j.field("columns", static_cast<std::uint64_t>(info.columns));
            j.key("width_mm").value(info.tile_width_pt / pt_per_mm, 1);
            j.key("height_mm").value(info.tile_height_pt / pt_per_mm, 1);
            j.end_object();
        } else {
            j.null();
        }
        j.key("min_label_pt").value(info.label_pt, 2);
        j.key("aim_label_pt").value(info.aim_label_pt, 2);
        j.key("box_width").value(info.box_width, 1);
        j.field("panel", info.panel_below ? "below" : "right");
        j.end_object();
        j.finish();
        return exit_ok;
    }
    char label[64];
    std::snprintf(label, sizeof label, "%.1f pt (aim %.1f pt)", info.label_pt, info.aim_label_pt);
    ctx.out << o.output << ": " << p.size.name << (o.landscape ? " landscape" : " portrait");
    if (p.tile) {
        ctx.out << " on " << info.rows * info.columns << " " << p.tile->name << " sheets ("
                << info.rows << " rows x " << info.columns << " columns), " << info.pages
                << " pages with the assembly sheet";
    } else {
        ctx.out << ", " << info.pages << " page";
    }
    ctx.out << "; labels at least " << label << "\n";
    return exit_ok;
#else
    no_map_renderer(o, ctx);
#endif
}

} // namespace

void setup_poster(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<PosterCmdOptions>();
    CLI::App* sub = app.add_subcommand(
        "poster", "Print the journey map as a wall poster (A0-A4 or custom) or as tiled A4/A3 sheets");
    sub->add_option("LOG", opt->log, "Event log (CSV, XES, XES.gz)")->required();
    sub->add_option("-o,--output", opt->output,
                    "Output file: .pdf (poster or tiles), .svg (poster), .png (preview)")
        ->required();
    sub->add_option("--size", opt->size, "Poster size: A0, A1, A2, A3, A4 or WIDTHxHEIGHT in mm")
        ->capture_default_str();
    sub->add_flag("--landscape", opt->landscape, "Landscape instead of portrait");
    sub->add_option("--tile", opt->tile,
                    "Split onto sheets of this size (A4, A3 or WIDTHxHEIGHT mm), after an assembly sheet");
    sub->add_option("--overlap", opt->overlap_mm, "Overlap between neighbouring sheets, mm")
        ->capture_default_str();
    sub->add_option("--margin", opt->margin_mm, "Unprinted border of each sheet, mm")
        ->capture_default_str();
    sub->add_flag("--no-marks", opt->no_marks, "No crop or registration marks and no sheet labels");
    sub->add_option("--dpi", opt->dpi, "Resolution of a .png preview")->capture_default_str();
    sub->add_option("--min-label-pt", opt->min_label_pt,
                    "Smallest touchpoint label on paper (default: 14 pt on A0, scaled with the size)");
    sub->add_flag("--json", opt->json, "Print what was written as JSON (schema in docs/cli/journey-poster.md)");
    add_map_options(*sub, opt->map);
    sub->callback([opt, &ctx] { ctx.exit_code = run_poster(*opt, ctx); });
}

} // namespace journey::cli
