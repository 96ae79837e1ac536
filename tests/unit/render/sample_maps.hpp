#pragma once
// Journey maps built by hand for the render tests: the move-house map (19
// touchpoints in 12 lanes and 6 stages, figures as the simulated as-is log gives
// them) and a small two-lane map; and the check that the texts of a drawn map or
// poster stay apart.

#include <cstddef>
#include <cstdint>
#include <string>

#include <catch2/catch.hpp>

#include <journey/render/journey_map.hpp>

namespace journey::test {

inline render::JourneyMapData move_house_map() {
    using namespace journey::render;
    JourneyMapData d;
    d.title.title = "Move house";
    d.title.subtitle = "Your first accurate bill at your new home within 45 days of moving in";
    d.title.period = "2024-01-01 to 2025-05-25";
    d.title.source = "events.csv";
    d.title.journeys = 2000;
    d.title.generated_by = "journeykit test";
    d.lanes = {{"CS", "Customer Service", "#4c78a8", false},
               {"DIG", "Digital", "#72b7b2", false},
               {"SAL", "Sales & Retention", "#f58518", false},
               {"MIMO", "Move-In/Move-Out", "#e45756", false},
               {"MET", "Metering", "#54a24b", false},
               {"MKT", "Market Operations", "#eeca3b", false},
               {"DSO", "Network operator", "#b279a2", true},
               {"BIL", "Billing", "#ff9da6", false},
               {"PAY", "Payments", "#9d755d", false},
               {"CRC", "Credit & Collections", "#bab0ac", false},
               {"COM", "Customer Communications", "#79706e", false},
               {"CMP", "Complaints", "#b6992d", false}};
    d.stages = {{"intake", "Tell us you're moving"}, {"move_out", "Leave the old home"},
                {"settle", "Settle the old account"}, {"move_in", "Set up the new home"},
                {"first_bill", "First bill at the new home"}, {"failures", "When things go wrong"}};
    const auto n = [&](const char* id, const char* label, const char* lane, const char* stage,
                       bool designed, std::uint64_t volume, double attainment, double target) {
        MapNode node;
        node.id = id;
        node.label = label;
        node.lane = lane;
        node.stage = stage;
        node.designed = designed;
        node.volume = volume;
        node.events = volume * 3;
        node.attainment = attainment;
        node.target = target;
        node.status = attainment >= target ? Rag::green : attainment >= target - 0.05 ? Rag::amber : Rag::red;
        d.nodes.push_back(node);
    };
    n("T01", "Move notification", "CS", "intake", true, 2000, 0.633, 0.8);
    n("T02", "Home-mover quote / retention offer", "SAL", "intake", true, 2000, 0.992, 0.95);
    n("T03", "Move acknowledgement", "COM", "intake", true, 2000, 1.0, 0.95);
    n("T04", "Move-out processing", "MIMO", "move_out", true, 2000, 0.928, 0.95);
    n("T05", "Final meter read at the old home", "MET", "move_out", true, 2000, 0.921, 0.95);
    n("T06", "Move-out confirmation", "COM", "move_out", true, 1594, 0.949, 0.95);
    n("T07", "Final bill", "BIL", "settle", true, 2000, 0.932, 0.95);
    n("T08", "Final-account settlement", "PAY", "settle", true, 2000, 0.93, 0.95);
    n("T09", "New premise and contract set-up", "MIMO", "move_in", true, 2000, 0.925, 0.95);
    n("T10", "Registration at the new premise", "MKT", "move_in", true, 995, 0.919, 0.95);
    n("T11", "Energisation and opening read", "DSO", "move_in", true, 2000, 0.905, 0.95);
    n("T12", "Payment-method transfer", "PAY", "move_in", true, 1405, 0.935, 0.95);
    n("T13", "Welcome pack", "COM", "move_in", true, 2000, 0.955, 0.95);
    n("T14", "Digital account and smart-meter onboarding", "DIG", "move_in", true, 1624, 0.953, 0.95);
    n("T15", "First bill at the new home", "BIL", "first_bill", true, 2000, 0.93, 0.95);
    n("T16", "Status-chase and query contacts", "CS", "failures", false, 684, 0.618, 0.8);
    n("T17", "Bill dispute, read investigation, cancel and rebill", "BIL", "failures", false, 416, 0.262, 0.95);
    n("T18", "Collections after a missed payment", "CRC", "failures", false, 140, 0.966, 0.95);
    n("T19", "Complaint and redress", "CMP", "failures", false, 137, 0.956, 0.97);
    const auto e = [&](const char* from, const char* to, std::uint64_t count) {
        MapEdge edge;
        edge.from = from;
        edge.to = to;
        edge.count = count;
        edge.journeys = count;
        edge.median_wait_s = 3600.0 * static_cast<double>(1 + count % 97);
        edge.p90_wait_s = edge.median_wait_s * 3;
        d.edges.push_back(edge);
    };
    e("T01", "T02", 2000); e("T01", "T03", 2000); e("T01", "T16", 1); e("T02", "T04", 686);
    e("T02", "T09", 1014); e("T03", "T04", 20); e("T03", "T09", 189); e("T04", "T05", 2000);
    e("T04", "T06", 1594); e("T04", "T16", 7); e("T05", "T07", 2000); e("T05", "T16", 28);
    e("T05", "T19", 2); e("T06", "T16", 8); e("T06", "T18", 1); e("T07", "T08", 2000);
    e("T07", "T16", 183); e("T07", "T17", 1); e("T07", "T18", 3); e("T07", "T19", 6);
    e("T08", "T16", 51); e("T08", "T17", 88); e("T08", "T18", 5); e("T08", "T19", 21);
    e("T09", "T10", 995); e("T09", "T11", 2000); e("T09", "T12", 1405); e("T09", "T13", 2000);
    e("T09", "T14", 1624); e("T09", "T16", 1); e("T10", "T11", 914); e("T10", "T16", 36);
    e("T11", "T15", 2000); e("T11", "T16", 62); e("T11", "T17", 20); e("T11", "T18", 2);
    e("T11", "T19", 5); e("T12", "T16", 34); e("T13", "T16", 29); e("T13", "T18", 1);
    e("T14", "T16", 13); e("T15", "T16", 334); e("T15", "T17", 49); e("T15", "T18", 129);
    e("T15", "T19", 33); e("T16", "T17", 603); e("T16", "T18", 3); e("T16", "T19", 129);
    e("T17", "T16", 201); e("T17", "T18", 43); e("T17", "T19", 81); e("T18", "T16", 129);
    e("T18", "T17", 19); e("T18", "T19", 1); e("T19", "T16", 32); e("T19", "T17", 66);
    e("T19", "T18", 2);
    d.edges[10].ping_pong_per_100 = 4.5; // T05 -> T07: metering and billing bounce work
    d.edges[10].rejection_rate = 0.14;
    d.edges[10].callout = 2;
    d.nodes[16].callout = 1;
    d.callouts = {{1, "Cause of red journeys: T17", "Journeys with a bill dispute are red 2.6 times as often.", Rag::red},
                  {2, "Handoff Metering → Billing", "1 in 7 handovers comes back; work waits 2.5 working days.", Rag::red}};
    d.outside = {{"Touchpoint measures on target", "7 of 24", "17 below target", Rag::amber}};
    d.inside = {{"Journeys green", "61.8 %", "target 70 %", Rag::red}};
    d.verdict = "Red: 17 of 24 touchpoint measures miss their target, and 61.8 % of journeys succeed.";
    d.verdict_status = Rag::red;
    return d;
}

// Two lanes, two stages, three nodes: the smallest map with every element.
inline render::JourneyMapData small_map() {
    using namespace journey::render;
    JourneyMapData d;
    d.title.title = "Small \"journey\"";
    d.title.journeys = 10;
    d.lanes = {{"A", "Front office", "#4c78a8", false}, {"B", "Back office", "", true}};
    d.stages = {{"s1", "Ask"}, {"s2", "Answer"}};
    MapNode a;
    a.id = "A1";
    a.label = "Request received";
    a.lane = "A";
    a.stage = "s1";
    a.volume = 10;
    a.attainment = 0.9;
    a.target = 0.95;
    a.status = Rag::amber;
    MapNode b;
    b.id = "B1";
    b.label = "Request checked";
    b.lane = "B";
    b.stage = "s1";
    b.volume = 8;
    b.hidden = true;
    MapNode c;
    c.id = "A2";
    c.label = "Chase call";
    c.lane = "A";
    c.stage = "s2";
    c.designed = false;
    c.volume = 3;
    c.repeat_share = 0.5;
    c.callout = 1;
    d.nodes = {a, b, c};
    MapEdge ab;
    ab.from = "A1";
    ab.to = "B1";
    ab.count = 8;
    ab.journeys = 8;
    ab.median_wait_s = 7200;
    MapEdge ba;
    ba.from = "B1";
    ba.to = "A1";
    ba.count = 2;
    ba.journeys = 2;
    MapEdge bc;
    bc.from = "B1";
    bc.to = "A2";
    bc.count = 3;
    bc.journeys = 3;
    d.edges = {ab, ba, bc};
    d.callouts = {{1, "Chase calls", "Three of ten journeys call to chase.", Rag::red}};
    return d;
}

/// The number of pairs of texts of `g` that overlap, each one WARNed with both texts.
/// Each box is inset above and below by 12 % of its height (the line spacing around
/// the letters); boxes that overlap sideways by at most `touch` points count as apart.
inline std::size_t overlapping_texts(const render::MapGeometry& g, double touch = 0) {
    std::size_t clashes = 0;
    for (std::size_t a = 0; a < g.texts.size(); ++a) {
        for (std::size_t b = a + 1; b < g.texts.size(); ++b) {
            const render::MapTextBox& p = g.texts[a];
            const render::MapTextBox& q = g.texts[b];
            const double inset_p = p.height * 0.12;
            const double inset_q = q.height * 0.12;
            if (p.x < q.x + q.width - touch && q.x < p.x + p.width - touch &&
                p.y + inset_p < q.y + q.height - inset_q && q.y + inset_q < p.y + p.height - inset_p) {
                ++clashes;
                WARN("overlap: [" << p.role << "] '" << p.text << "' and [" << q.role << "] '" << q.text
                                  << "'");
            }
        }
    }
    return clashes;
}

} // namespace journey::test
