// Journey map output: one page of the map's own size, and its geometry.

#include <journey/render/journey_map.hpp>

#include <ostream>
#include <string>

#include <journey/core/error.hpp>

#include "map_scene.hpp"
#include "output.hpp"

namespace journey::render {

namespace {

std::string produce(const JourneyMapData& data, const MapOptions& options, const std::string& format) {
    if (format == "dot") {
        return journey_map_dot(data, options);
    }
    if (format != "svg" && format != "pdf" && format != "png") {
        throw usage_error("unknown map format '" + format + "' (use svg, pdf, png or dot)");
    }
    const detail::Scene scene = detail::build_scene(filter_map(data, options), options);
    return detail::scene_document(scene, format, options.dpi);
}

} // namespace

void render_map(const JourneyMapData& data, const MapOptions& options, const std::string& format,
                std::ostream& out) {
    const std::string bytes = produce(data, options, format);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void render_map_file(const JourneyMapData& data, const MapOptions& options, const std::string& path) {
    const std::string ext = detail::lower_extension(path, "map", ".svg, .pdf, .png or .dot");
    if (ext != "svg" && ext != "pdf" && ext != "png" && ext != "dot") {
        throw usage_error(path + ": unknown map format '." + ext + "' (use .svg, .pdf, .png or .dot)");
    }
    detail::write_file(path, produce(data, options, ext));
}

MapGeometry map_geometry(const JourneyMapData& data, const MapOptions& options) {
    const detail::Scene scene = detail::build_scene(filter_map(data, options), options);
    MapGeometry g;
    g.width_pt = scene.width;
    g.height_pt = scene.height;
    for (const detail::SceneText& t : scene.texts) {
        g.texts.push_back(MapTextBox{t.text, t.box.x, t.box.y, t.box.w, t.box.h, t.pt, t.role, t.headline});
    }
    return g;
}

} // namespace journey::render
