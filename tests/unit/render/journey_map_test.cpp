#include <journey/render/journey_map.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <journey/core/binding.hpp>
#include <journey/core/error.hpp>
#include <journey/core/event_log_builder.hpp>
#include <journey/core/model.hpp>
#include <journey/render/layout.hpp>
#include <journey/render/map_build.hpp>

#include "golden.hpp"
#include "sample_maps.hpp"

using namespace journey;
using namespace journey::render;

namespace {

constexpr Timestamp hour = 3600LL * micros_per_second;

// Events: (case, activity, department, hours after 2026-03-02 00:00 UTC).
struct Row {
    const char* case_id;
    const char* activity;
    const char* department;
    int hours;
};

EventLog make_log(const std::vector<Row>& rows) {
    EventLogBuilder b;
    const Timestamp base = 1772409600LL * micros_per_second; // 2026-03-02T00:00:00Z
    for (const Row& r : rows) {
        EventFields f;
        f.activity = b.activities().insert(r.activity);
        f.department = b.departments().insert(r.department);
        f.timestamp = r.hours < 0 ? no_timestamp : base + r.hours * hour; // < 0: no time
        b.add_event(r.case_id, f);
    }
    return b.finish();
}

Journey test_journey() {
    Journey j;
    j.name = "Test journey";
    j.promise = "Done in a day";
    Department a;
    a.id = "A";
    a.label = "Dept A";
    a.lane = 2;
    Department b;
    b.id = "B";
    b.label = "Dept B";
    b.lane = 1;
    b.color = "#112233";
    b.external = true;
    Department c;
    c.id = "C";
    c.lane = 3;
    j.departments = {a, b, c};
    Stage s1;
    s1.id = "s1";
    s1.label = "Stage one";
    Stage s2;
    s2.id = "s2";
    j.stages = {s1, s2};
    Touchpoint x;
    x.id = "X";
    x.label = "Step x";
    x.owner = "A";
    x.stage = "s1";
    Touchpoint y;
    y.id = "Y";
    y.label = "Step y";
    y.owner = "B";
    y.stage = "s1";
    Touchpoint z;
    z.id = "Z";
    z.label = "Chase";
    z.owner = "A";
    z.stage = "s2";
    z.designed = false;
    j.touchpoints = {x, y, z};
    j.order = OrderNode::node(OrderNode::Kind::sequence, {OrderNode::leaf("X"), OrderNode::leaf("Y")});
    return j;
}

Binding bind_by_activity(const EventLog& log) {
    Binding b;
    for (std::size_t e = 0; e < log.num_events(); ++e) {
        const std::string_view a = log.activity_names()[log.activities()[e]];
        b.touchpoint.push_back(a == "x" ? 0u : a == "y" ? 1u : a == "z" ? 2u : Binding::unbound);
    }
    return b;
}

const MapEdge& edge_of(const JourneyMapData& d, const std::string& from, const std::string& to) {
    for (const MapEdge& e : d.edges) {
        if (e.from == from && e.to == to) {
            return e;
        }
    }
    FAIL("no edge " << from << " -> " << to);
    return d.edges.front();
}

std::string render_bytes(const JourneyMapData& d, const MapOptions& o, const std::string& format) {
    std::ostringstream out;
    render_map(d, o, format, out);
    return out.str();
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

} // namespace

TEST_CASE("map_from_spec: lanes, stages, volumes, designed and failure edges", "[render][map]") {
    const EventLog log = make_log({
        {"c1", "x", "A", 0}, {"c1", "x", "A", 1}, {"c1", "y", "B", 3}, {"c1", "z", "A", 4},
        {"c2", "y", "B", 0}, {"c2", "x", "A", 1}, {"c2", "z", "A", 2}, {"c2", "y", "B", 3},
        {"c2", "z", "A", 4}, {"c3", "other", "A", 0},
    });
    const Journey j = test_journey();
    const Binding binding = bind_by_activity(log);
    const std::vector<std::uint8_t> red{1, 0, 2};
    const JourneyMapData d = map_from_spec(j, log, binding, red);

    CHECK(d.title.title == "Test journey");
    CHECK(d.title.subtitle == "Done in a day");
    CHECK(d.title.journeys == 2);
    CHECK(d.title.period == "2026-03-02 to 2026-03-02");
    REQUIRE(d.lanes.size() == 2); // C owns no touchpoint
    CHECK(d.lanes[0] == MapLane{"B", "Dept B", "#112233", true});
    CHECK(d.lanes[1] == MapLane{"A", "Dept A", "", false});
    REQUIRE(d.stages.size() == 2);
    CHECK(d.stages[1] == MapStage{"s2", "s2"});
    REQUIRE(d.nodes.size() == 3);
    CHECK(d.nodes[0].volume == 2);
    CHECK(d.nodes[0].events == 3);
    CHECK(d.nodes[1].events == 3);
    CHECK(d.nodes[2].events == 3);
    CHECK(std::isnan(d.nodes[0].repeat_share)); // designed: not a repeat measure
    CHECK(d.nodes[2].repeat_share == Approx(0.5)); // c2 reaches Z twice
    CHECK_FALSE(d.nodes[2].designed);

    REQUIRE(d.edges.size() == 3);
    CHECK(d.edges[0].from == "X");
    CHECK(d.edges[0].to == "Y");
    CHECK(d.edges[1].to == "Z");
    // X -> Y: designed, taken by c1 only (in c2 Y comes first); wait from the last X before Y.
    const MapEdge& xy = edge_of(d, "X", "Y");
    CHECK(xy.count == 1);
    CHECK(xy.journeys == 1);
    CHECK(xy.median_wait_s == 7200);
    CHECK(xy.p90_wait_s == 7200);
    CHECK(xy.log_lift == Approx(std::log(3.0)));
    // Failure edges into the ad hoc touchpoint Z from the step before it.
    const MapEdge& yz = edge_of(d, "Y", "Z");
    CHECK(yz.count == 2);
    CHECK(yz.journeys == 2);
    CHECK(yz.median_wait_s == 3600);
    CHECK(yz.log_lift == Approx(0.0).margin(1e-12));
    const MapEdge& xz = edge_of(d, "X", "Z");
    CHECK(xz.count == 1);
    CHECK(xz.log_lift == Approx(std::log(1.0 / 3.0)));

    SECTION("without red flags there is no lift") {
        const JourneyMapData plain = map_from_spec(j, log, binding);
        CHECK(std::isnan(plain.edges[0].log_lift));
    }
    SECTION("wrong sizes are usage errors") {
        const std::vector<std::uint8_t> two{1, 0};
        CHECK_THROWS_WITH(map_from_spec(j, log, binding, two),
                          "journey map: 2 red flags for 3 cases");
        Binding short_binding;
        CHECK_THROWS_WITH(map_from_spec(j, log, short_binding),
                          "journey map: the binding has 0 entries for 10 events");
    }
}

TEST_CASE("map_from_spec: an event without a time counts its journey once", "[render][map]") {
    // c1 reaches X twice, the first time without a timestamp; X has one journey.
    const EventLog log = make_log({{"c1", "x", "A", -1}, {"c1", "x", "A", 1}, {"c1", "y", "B", 3}});
    const JourneyMapData d = map_from_spec(test_journey(), log, bind_by_activity(log));
    REQUIRE(d.nodes.size() == 3);
    for (const MapNode& v : d.nodes) {
        if (v.id == "X") {
            CHECK(v.volume == 1);
            CHECK(v.events == 2);
        }
    }
    CHECK(edge_of(d, "X", "Y").count == 1);
}

TEST_CASE("map_from_log: activities in the lane of their main department", "[render][map]") {
    const EventLog log = make_log({
        {"c1", "a", "D1", 0}, {"c1", "b", "D2", 1}, {"c1", "b", "D2", 2}, {"c1", "a", "D1", 3},
        {"c2", "b", "D2", 0}, {"c2", "a", "D2", 1},
    });
    const JourneyMapData d = map_from_log(log);
    REQUIRE(d.lanes.size() == 2);
    CHECK(d.lanes[0].id == "D1");
    CHECK(d.lanes[1].id == "D2");
    REQUIRE(d.nodes.size() == 2);
    CHECK(d.nodes[0].id == "a");
    CHECK(d.nodes[0].lane == "D1");
    CHECK_FALSE(d.nodes[0].show_id);
    CHECK(d.nodes[0].volume == 2);
    CHECK(d.nodes[0].events == 3);
    CHECK(d.nodes[0].repeat_share == Approx(0.5));
    CHECK(d.nodes[1].lane == "D2");
    CHECK(d.nodes[1].repeat_share == 0);
    REQUIRE(d.edges.size() == 2);
    CHECK(edge_of(d, "a", "b").count == 1);
    CHECK(edge_of(d, "b", "a").count == 2);
    CHECK(edge_of(d, "b", "a").journeys == 2);
    CHECK(edge_of(d, "b", "a").median_wait_s == 3600);
    CHECK(d.title.journeys == 2);
}

TEST_CASE("filter_map: coverage, counts and what was hidden", "[render][map]") {
    const JourneyMapData d = test::small_map();
    SECTION("defaults change nothing") {
        const JourneyMapData f = filter_map(d, {});
        REQUIRE(f.nodes.size() == d.nodes.size());
        for (std::size_t v = 0; v < f.nodes.size(); ++v) {
            CHECK(f.nodes[v].id == d.nodes[v].id);
        }
        REQUIRE(f.edges.size() == d.edges.size());
        for (std::size_t i = 0; i < f.edges.size(); ++i) {
            CHECK(f.edges[i].from == d.edges[i].from);
            CHECK(f.edges[i].to == d.edges[i].to);
        }
        CHECK(f.notes.empty());
        CHECK(journey_map_dot(f) == journey_map_dot(d));
    }
    SECTION("edge coverage") {
        MapOptions o;
        o.edge_coverage = 60;
        const JourneyMapData f = filter_map(d, o);
        CHECK(f.nodes.size() == 2);
        CHECK(f.edges.size() == 1);
        REQUIRE(f.notes.size() == 1);
        CHECK(f.notes[0] == "hidden: 1 of 3 touchpoints, 2 of 3 edges (keeping 60 % of transitions)");
    }
    SECTION("node coverage (by journeys when nodes have no event counts)") {
        MapOptions o;
        o.node_coverage = 80;
        const JourneyMapData f = filter_map(d, o);
        REQUIRE(f.nodes.size() == 2);
        CHECK(f.nodes[1].id == "B1");
        CHECK(f.notes.at(0) == "hidden: 1 of 3 touchpoints (keeping 80 % of journeys), 1 of 3 edges");
    }
    SECTION("min count and max edges") {
        MapOptions o;
        o.min_count = 3;
        CHECK(filter_map(d, o).notes.at(0) == "hidden: 1 of 3 edges (count < 3)");
        MapOptions top;
        top.max_edges = 1;
        CHECK(filter_map(d, top).notes.at(0) ==
              "hidden: 1 of 3 touchpoints, 2 of 3 edges (not in top 1)");
        top.hide_orphans = false;
        CHECK(filter_map(d, top).nodes.size() == 3);
    }
    SECTION("max nodes keeps the busiest; extra notes follow") {
        MapOptions o;
        o.max_nodes = 2;
        o.notes.push_back("why these filters");
        const JourneyMapData f = filter_map(d, o);
        REQUIRE(f.nodes.size() == 2);
        CHECK(f.nodes[1].id == "B1");
        REQUIRE(f.notes.size() == 2);
        CHECK(f.notes[0] == "hidden: 1 of 3 touchpoints (not in top 2), 1 of 3 edges");
        CHECK(f.notes[1] == "why these filters");
        o.max_nodes = 3;
        CHECK(filter_map(d, o).nodes.size() == 3);
    }
    SECTION("activity maps say activities") {
        JourneyMapData a = d;
        for (MapNode& n : a.nodes) {
            n.show_id = false;
        }
        MapOptions o;
        o.max_edges = 1;
        CHECK(filter_map(a, o).notes.at(0) == "hidden: 1 of 3 activities, 2 of 3 edges (not in top 1)");
    }
    SECTION("bad input") {
        MapOptions o;
        o.node_coverage = 0;
        CHECK_THROWS_WITH(filter_map(d, o), "map coverage must be above 0 and at most 100 percent, not 0.00");
        o.node_coverage = 100;
        o.edge_coverage = 150;
        CHECK_THROWS_AS(filter_map(d, o), usage_error);
        JourneyMapData bad = d;
        bad.edges[0].to = "Q";
        CHECK_THROWS_WITH(filter_map(bad, {}), "journey map: edge 0 (A1 -> Q) names a node that does not exist");
        bad = d;
        bad.nodes[1].id = "A1";
        CHECK_THROWS_WITH(journey_map_dot(bad), "journey map: two nodes have the id 'A1'");
    }
}

TEST_CASE("journey_map_dot: golden files", "[render][map][golden]") {
    test::check_golden("maps/small.dot", journey_map_dot(test::small_map()));
    test::check_golden("maps/move_house.dot", journey_map_dot(test::move_house_map()));
    MapOptions lift;
    lift.metric = EdgeMetric::wait;
    lift.edge_coverage = 97;
    test::check_golden("maps/move_house_wait_97.dot", journey_map_dot(test::move_house_map(), lift));
    JourneyMapData after = test::move_house_map();
    after.nodes[16].attainment = 0.6;
    after.edges[10].median_wait_s /= 4;
    after.edges[41].count = 100; // T15 -> T16
    after.edges[41].journeys = 100;
    after.edges.erase(after.edges.begin() + 2); // T01 -> T16 gone
    MapOptions change;
    change.metric = EdgeMetric::change;
    test::check_golden("maps/move_house_compare.dot",
                       journey_map_dot(compare_maps(test::move_house_map(), after), change));
}

TEST_CASE("journey_map_dot: the grid holds lanes as rows and stages as columns", "[render][map]") {
    const std::string dot = journey_map_dot(test::small_map());
    // Lane A's row: A1, then an empty cell, A2 (column 2, the second stage).
    CHECK(dot.find("\"n:A1\" -> \"g:0:1:0\" -> \"n:A2\" [style=\"invis\", weight=\"50\"];") !=
          std::string::npos);
    // Column 0 holds A1 above an empty cell of lane B; B1 follows A1 in column 1.
    CHECK(dot.find("{ rank=\"same\"; \"n:A1\"; \"g:1:0:0\"; }") != std::string::npos);
    CHECK(dot.find("{ rank=\"same\"; \"g:0:1:0\"; \"n:B1\"; }") != std::string::npos);
    // B1 -> A1 goes against the flow: written head first with dir=back, so every
    // edge points to a later column.
    CHECK(dot.find("\"n:A1\" -> \"n:B1\" [label=\"2\"") != std::string::npos);
    CHECK(count(dot, "dir=\"back\"") == 1);
    CHECK(dot.find("\"n:B1\" -> \"n:A1\"") == std::string::npos);
    CHECK(dot == journey_map_dot(test::small_map())); // deterministic
}

TEST_CASE("compare_maps: better, worse, new and gone, edge by edge", "[render][map]") {
    const JourneyMapData before = test::small_map();
    JourneyMapData after = before;
    after.title.source = "after.csv";
    after.nodes[0].attainment = 0.97;              // A1 better
    after.edges[0].median_wait_s = 7200 * 3;        // A1 -> B1 waits longer: worse
    after.edges.erase(after.edges.begin() + 1);     // B1 -> A1 gone
    MapNode extra;
    extra.id = "B2";
    extra.lane = "B";
    extra.volume = 1;
    after.nodes.push_back(extra);
    MapEdge to_extra;
    to_extra.from = "B1";
    to_extra.to = "B2";
    to_extra.count = 1;
    after.edges.push_back(to_extra);
    const JourneyMapData d = compare_maps(before, after);
    CHECK(d.nodes[0].change == Change::better);
    CHECK(d.nodes[0].change_text == "SLA 90.0 % → 97.0 %");
    CHECK(d.nodes[3].change == Change::added);
    CHECK(edge_of(d, "A1", "B1").change == Change::worse);
    CHECK(edge_of(d, "A1", "B1").change_text == "8 → 8 · wait 2 h → 6 h");
    CHECK(edge_of(d, "B1", "A1").change == Change::removed);
    CHECK(edge_of(d, "B1", "B2").change == Change::added);
    CHECK(edge_of(d, "B1", "A2").change == Change::same);
    CHECK(d.verdict == "Before → after: 0 paths better, 1 worse, 1 new, 1 gone");
    CHECK(d.verdict_status == Rag::red);
    REQUIRE(d.callouts.size() == 1);
    CHECK(d.callouts[0].title == "Worse: A1 Request received → B1 Request checked");
    CHECK(edge_of(d, "A1", "B1").callout == 1);
    CHECK(d.title.subtitle == "Compare: before → after.csv");
}

TEST_CASE("render_map: SVG, PDF, PNG and DOT", "[render][map][layout]") {
    if (!layout_available()) {
        WARN("skipped: this build has no Graphviz");
        return;
    }
    const JourneyMapData d = test::small_map();
    const std::string svg = render_bytes(d, {}, "svg");
    CHECK(svg.rfind("<?xml", 0) == 0);
    CHECK(svg.find("<svg") != std::string::npos);
    CHECK(svg.find("</svg>") != std::string::npos);
    const std::string pdf = render_bytes(d, {}, "pdf");
    CHECK(pdf.rfind("%PDF-", 0) == 0);
    CHECK(count(pdf, "/Type /Page\n") + count(pdf, "/Type /Page ") == 1);
    CHECK(pdf.find("CreationDate") == std::string::npos);
    CHECK(pdf == render_bytes(d, {}, "pdf")); // byte-stable
    MapOptions o;
    o.dpi = 72;
    const std::string png = render_bytes(d, o, "png");
    REQUIRE(png.size() > 24);
    CHECK(png.compare(1, 3, "PNG") == 0);
    const MapGeometry g = map_geometry(d, o);
    const auto be32 = [&](std::size_t at) {
        return (static_cast<std::uint32_t>(static_cast<unsigned char>(png[at])) << 24) |
               (static_cast<std::uint32_t>(static_cast<unsigned char>(png[at + 1])) << 16) |
               (static_cast<std::uint32_t>(static_cast<unsigned char>(png[at + 2])) << 8) |
               static_cast<std::uint32_t>(static_cast<unsigned char>(png[at + 3]));
    };
    CHECK(be32(16) == static_cast<std::uint32_t>(std::ceil(g.width_pt)));
    CHECK(be32(20) == static_cast<std::uint32_t>(std::ceil(g.height_pt)));
    CHECK(render_bytes(d, {}, "dot") == journey_map_dot(d));
    CHECK_THROWS_WITH(render_bytes(d, {}, "gif"), "unknown map format 'gif' (use svg, pdf, png or dot)");
    CHECK_THROWS_WITH(render_map_file(d, {}, "map.gif"),
                      "map.gif: unknown map format '.gif' (use .svg, .pdf, .png or .dot)");
    CHECK_THROWS_AS(render_map_file(d, {}, "map"), usage_error);
    JourneyMapData empty;
    CHECK(render_bytes(empty, {}, "svg").find("</svg>") != std::string::npos);
}

TEST_CASE("map_geometry: lanes top to bottom, stages left to right, no overlapping labels",
          "[render][map][layout]") {
    if (!layout_available()) {
        WARN("skipped: this build has no Graphviz");
        return;
    }
    const JourneyMapData d = test::move_house_map();
    const MapGeometry g = map_geometry(d, {});
    std::vector<const MapTextBox*> lanes;
    std::vector<const MapTextBox*> stages;
    for (const MapTextBox& t : g.texts) {
        if (t.role == "lane" && t.text != "(external)") {
            lanes.push_back(&t);
        }
        if (t.role == "stage") {
            stages.push_back(&t);
        }
    }
    // Lane names may wrap: the first line of each lane, in lane order.
    std::vector<std::string> firsts;
    double last_y = -1;
    for (const MapTextBox* t : lanes) {
        if (t->y > last_y + 20) {
            firsts.push_back(t->text);
        }
        last_y = t->y;
    }
    CHECK(firsts == std::vector<std::string>{"Customer", "Digital", "Sales &", "Move-In/", "Metering",
                                             "Market", "Network", "Billing", "Payments", "Credit &",
                                             "Customer", "Complaints"});
    REQUIRE(stages.size() >= 6);
    for (std::size_t k = 1; k < stages.size(); ++k) {
        CHECK(stages[k]->x + stages[k]->width / 2 >= stages[k - 1]->x + stages[k - 1]->width / 2 - 1);
    }
    // Every text that can collide (nodes, edge labels, callout badges, lanes,
    // stages, banner, panel) is apart from every other.
    CHECK(test::overlapping_texts(g) == 0);
}
