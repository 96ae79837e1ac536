// The impact ranking, the one-sentence description of a handover edge and the map
// annotations: everything that turns handoff numbers into findings.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include <journey/miners/handoffs.hpp>

#include "handoff_detail.hpp"

namespace journey::miners {

namespace {

std::string fixed1(double v) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

/// "45 s", "12 min", "3.2 h", "4.1 days" (calendar time).
std::string short_duration(double s) {
    char buf[48];
    if (s < 60) {
        std::snprintf(buf, sizeof buf, "%.0f s", s);
    } else if (s < 3600) {
        std::snprintf(buf, sizeof buf, "%.0f min", s / 60);
    } else if (s < 86400) {
        std::snprintf(buf, sizeof buf, "%.1f h", s / 3600);
    } else {
        std::snprintf(buf, sizeof buf, "%.1f days", s / 86400);
    }
    return buf;
}

bool business_measured(const HandoverEdge& e) {
    return e.business_wait.count > 0 && e.working_day_s > 0;
}

const HandoffImpact* impact_of(const HandoffResult& r, const HandoverEdge& e, std::size_t* rank) {
    for (std::size_t i = 0; i < r.impact.edges.size(); ++i) {
        if (r.impact.edges[i].from == e.from && r.impact.edges[i].to == e.to) {
            if (rank != nullptr) {
                *rank = i + 1;
            }
            return &r.impact.edges[i];
        }
    }
    return nullptr;
}

} // namespace

namespace detail {

void rank_impact(HandoffResult& r, std::uint64_t red_known, std::uint64_t red,
                 const HandoffOptions& options) {
    ImpactRanking& ir = r.impact;
    ir.edges.clear();
    const auto by_names = [](const HandoffImpact& a, const HandoffImpact& b) {
        return a.from != b.from ? a.from < b.from : a.to < b.to;
    };
    if (red_known > 0) {
        ir.basis = "red";
        ir.journeys = red_known;
        ir.red = red;
        const auto n = static_cast<double>(red_known);
        const double p = static_cast<double>(red) / n;
        ir.red_rate = p;
        if (red == 0) {
            return;
        }
        for (const HandoverEdge& e : r.edges) {
            const auto nf = static_cast<double>(e.outcome_cases);
            if (e.outcome_cases == 0 || nf < options.min_support_share * n ||
                nf > options.max_support_share * n) {
                continue;
            }
            HandoffImpact h;
            h.from = e.from;
            h.to = e.to;
            h.cases = e.outcome_cases;
            h.red_cases = e.red_cases;
            h.red_rate = static_cast<double>(e.red_cases) / nf;
            h.red_rate_without = nf < n ? static_cast<double>(red - e.red_cases) / (n - nf) : 0.0;
            h.lift = h.red_rate / p;
            h.relative_risk = h.red_rate_without > 0 ? h.red_rate / h.red_rate_without
                                                     : std::numeric_limits<double>::infinity();
            h.risk_difference = h.red_rate - h.red_rate_without;
            h.paf = (p - h.red_rate_without) / p;
            h.score = h.paf;
            if (h.lift > 1) {
                ir.edges.push_back(std::move(h));
            }
        }
        std::sort(ir.edges.begin(), ir.edges.end(),
                  [&](const HandoffImpact& a, const HandoffImpact& b) {
                      if (a.paf != b.paf) {
                          return a.paf > b.paf;
                      }
                      if (a.cases != b.cases) {
                          return a.cases > b.cases;
                      }
                      return by_names(a, b);
                  });
        return;
    }
    ir.basis = "volume_wait_rejection";
    for (const HandoverEdge& e : r.edges) {
        HandoffImpact h;
        h.from = e.from;
        h.to = e.to;
        h.cases = e.cases;
        h.score = static_cast<double>(e.count) * e.wait.median_s * e.rejection_rate;
        ir.edges.push_back(std::move(h));
    }
    // Secondary key: handovers × median wait (the score without rejection).
    const auto volume_wait = [&](const HandoffImpact& h) {
        const HandoverEdge* e = r.find(h.from, h.to);
        return e == nullptr ? 0.0 : static_cast<double>(e->count) * e->wait.median_s;
    };
    std::sort(ir.edges.begin(), ir.edges.end(), [&](const HandoffImpact& a, const HandoffImpact& b) {
        if (a.score != b.score) {
            return a.score > b.score;
        }
        const double va = volume_wait(a);
        const double vb = volume_wait(b);
        if (va != vb) {
            return va > vb;
        }
        return by_names(a, b);
    });
}

} // namespace detail

std::string describe_handover(const HandoverEdge& e, const HandoffResult& r) {
    std::vector<std::string> parts;
    if (e.returns > 0 && e.count > 0) {
        const double rate = static_cast<double>(e.returns) / static_cast<double>(e.count);
        if (rate >= 0.5) {
            parts.push_back(std::to_string(static_cast<long long>(std::lround(rate * 100))) +
                            " % of handovers come back");
        } else {
            const long long one_in = std::max(2LL, std::llround(1.0 / rate));
            parts.push_back("1 in " + std::to_string(one_in) + " handovers comes back");
        }
    }
    if (business_measured(e) && e.business_wait.median_s >= 0.05 * e.working_day_s) {
        parts.push_back("work waits " + fixed1(e.business_wait.median_s / e.working_day_s) +
                        " working days (p90 " + fixed1(e.business_wait.p90_s / e.working_day_s) +
                        ")");
    } else if (business_measured(e)) {
        // Under half an hour of a working day: say it in minutes of working time.
        parts.push_back("work waits " + short_duration(e.business_wait.median_s) +
                        " of working time (p90 " + short_duration(e.business_wait.p90_s) + ")");
    } else if (e.wait.count > 0) {
        parts.push_back("work waits " + short_duration(e.wait.median_s) + " (p90 " +
                        short_duration(e.wait.p90_s) + ")");
    }
    if (e.bounces > 0) {
        parts.push_back("it bounces straight back " + std::to_string(e.bounces) +
                        (e.bounces == 1 ? " time" : " times"));
    }
    if (e.reasks > 0) {
        parts.push_back("the customer is asked again " + std::to_string(e.reasks) +
                        (e.reasks == 1 ? " time" : " times"));
    }
    if (e.orphans > 0) {
        parts.push_back(std::to_string(e.orphans) +
                        (e.orphans == 1 ? " journey stalls here" : " journeys stall here"));
    }
    if (r.impact.basis == "red") {
        if (const HandoffImpact* h = impact_of(r, e, nullptr)) {
            parts.push_back("journeys with it are red " + fixed1(h->lift) + "× as often");
        }
    }
    std::string s = e.from + " → " + e.to + ": ";
    if (parts.empty()) {
        s += std::to_string(e.count) + (e.count == 1 ? " handover" : " handovers");
    } else {
        if (e.returns == 0) {
            parts.insert(parts.begin(),
                         std::to_string(e.count) + (e.count == 1 ? " handover" : " handovers"));
        }
        for (std::size_t i = 0; i < parts.size(); ++i) {
            s += (i == 0 ? "" : "; ") + parts[i];
        }
    }
    return s + ".";
}

std::vector<HandoffAnnotation> handoff_annotations(const HandoffResult& r) {
    std::vector<HandoffAnnotation> out;
    for (const HandoverEdge& e : r.edges) {
        HandoffAnnotation a;
        a.from = e.from;
        a.to = e.to;
        a.handovers = e.count;
        a.business_time = business_measured(e);
        a.median_wait_s = a.business_time ? e.business_wait.median_s : e.wait.median_s;
        a.p90_wait_s = a.business_time ? e.business_wait.p90_s : e.wait.p90_s;
        a.rejection_rate = e.rejection_rate;
        const std::string& lo = std::min(e.from, e.to);
        const std::string& hi = std::max(e.from, e.to);
        for (const PingPongPair& p : r.ping_pong.pairs) {
            if (p.a == lo && p.b == hi) {
                a.ping_pong_per_100 = p.per_100_handovers;
            }
        }
        std::size_t rank = 0;
        impact_of(r, e, &rank);
        a.rank = static_cast<std::uint32_t>(rank);
        a.label = std::to_string(e.count);
        if (a.business_time && a.median_wait_s >= 0.05 * e.working_day_s) {
            a.label += " · " + fixed1(a.median_wait_s / e.working_day_s) + " wd";
        } else if (a.business_time || e.wait.count > 0) {
            a.label += " · " + short_duration(a.median_wait_s);
        }
        if (e.returns > 0) {
            a.label += " · " +
                       std::to_string(static_cast<long long>(std::lround(e.rejection_rate * 100))) +
                       " % back";
        }
        a.sentence = describe_handover(e, r);
        out.push_back(std::move(a));
    }
    return out;
}

} // namespace journey::miners
