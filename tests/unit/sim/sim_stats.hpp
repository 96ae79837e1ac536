#pragma once
// Calibration figures computed from generated journeys with small, direct code
// (the miners of later issues will compute the same things from logs). Each
// function follows the definition in domain §3-§4 it names.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include <journey/sim/catalogue.hpp>
#include <journey/sim/generator.hpp>

#include "../direct_stats.hpp"

namespace journey::sim::test {

// Work events (domain §4): not by the customer, not an automated message of the
// communications platform, marketing mail or a survey (activity_flag::non_work).
inline bool is_work(const Catalogue& cat, const SimEvent& e) {
    return e.actor != Actor::customer &&
           (cat.activities[e.activity].flags & activity_flag::non_work) == 0;
}

// Events in true time order (written order may differ under noise).
inline std::vector<const SimEvent*> by_time(const SimulatedJourney& j) {
    std::vector<const SimEvent*> v;
    for (const SimEvent& e : j.events) {
        if (!(e.flags & event_flag::duplicate)) {
            v.push_back(&e);
        }
    }
    std::sort(v.begin(), v.end(), [](const SimEvent* a, const SimEvent* b) {
        return a->time != b->time ? a->time < b->time : a->seq < b->seq;
    });
    return v;
}

// §4.3: consecutive work events x, y, z on one object with dept(x) = dept(z) != dept(y)
// and (act(z) = act(x) or y in the ReturnSet).
inline bool object_pingpong(const Catalogue& cat, const SimulatedJourney& j) {
    std::map<std::pair<int, int>, std::vector<const SimEvent*>> per_object;
    for (const SimEvent* e : by_time(j)) {
        if (is_work(cat, *e)) {
            per_object[{e->object_type, e->object_no}].push_back(e);
        }
    }
    for (const auto& [obj, w] : per_object) {
        for (std::size_t i = 0; i + 2 < w.size(); ++i) {
            const SimEvent& x = *w[i];
            const SimEvent& y = *w[i + 1];
            const SimEvent& z = *w[i + 2];
            const bool ret = (cat.activities[y.activity].flags & activity_flag::return_class) != 0;
            if (x.department == z.department && x.department != y.department &&
                (z.activity == x.activity || ret)) {
                return true;
            }
        }
    }
    return false;
}

// The naive test to avoid: X -> Y -> X departments on the interleaved case trace.
inline bool naive_pingpong(const Catalogue& cat, const SimulatedJourney& j) {
    std::vector<std::uint8_t> d;
    for (const SimEvent* e : by_time(j)) {
        if (is_work(cat, *e)) {
            d.push_back(e->department);
        }
    }
    for (std::size_t i = 0; i + 2 < d.size(); ++i) {
        if (d[i] == d[i + 2] && d[i] != d[i + 1]) {
            return true;
        }
    }
    return false;
}

// SLA instances per touchpoint: (instances, met), following SlaInfo's definition.
struct SlaCount {
    std::uint64_t instances = 0;
    std::uint64_t met = 0;
};

inline void count_slas(const Generator& g, const SimulatedJourney& j, std::vector<SlaCount>& out) {
    const Catalogue& cat = g.catalogue();
    out.resize(cat.touchpoints.size());
    const auto ev = by_time(j);
    const auto in = [](const std::vector<std::uint16_t>& v, std::uint16_t a) {
        return std::find(v.begin(), v.end(), a) != v.end();
    };
    for (const SlaInfo& sla : cat.slas) {
        const double target = g.sla_targets()[sla.touchpoint];
        for (std::size_t i = 0; i < ev.size(); ++i) {
            const SimEvent& stop = *ev[i];
            if (stop.touchpoint != sla.touchpoint + 1 || !in(sla.stop, stop.activity)) {
                continue;
            }
            double value = 0;
            if (sla.kind == SlaInfo::Kind::wait) {
                value = stop.wait_s;
            } else {
                const SimEvent* start = nullptr;
                for (std::size_t k = i; k-- > 0;) {
                    const SimEvent& s = *ev[k];
                    if (in(sla.start, s.activity) && s.touchpoint == sla.start_touchpoint + 1 &&
                        (!sla.same_object ||
                         (s.object_type == stop.object_type && s.object_no == stop.object_no))) {
                        start = &s;
                        break;
                    }
                }
                if (start == nullptr) {
                    continue;
                }
                if (sla.unit == SlaUnit::seconds) {
                    value = static_cast<double>(stop.time - start->time) / 1e6;
                } else {
                    // Working days in (start day, stop day]: Monday-Friday, no holidays.
                    value = 0;
                    for (Day d = day_of(start->time) + 1; d <= day_of(stop.time); ++d) {
                        if (g.calendar().is_working_day(d)) {
                            value += 1;
                        }
                    }
                }
            }
            ++out[sla.touchpoint].instances;
            if (value <= target) {
                ++out[sla.touchpoint].met;
            }
        }
    }
}

// Contacts of a journey: the first answered event of each contact object (a
// transferred contact is answered twice), in time order.
inline std::vector<const SimEvent*> contacts(const Catalogue& cat, const SimulatedJourney& j) {
    std::vector<const SimEvent*> c;
    std::set<std::uint16_t> seen;
    for (const SimEvent* e : by_time(j)) {
        if ((cat.activities[e->activity].flags & activity_flag::contact) &&
            seen.insert(e->object_no).second) {
            c.push_back(e);
        }
    }
    return c;
}

// Repeat-contact FCR numerator: contacts followed by another contact of the same
// customer within `window_days` (§4.6).
inline std::uint64_t repeated_within(const std::vector<const SimEvent*>& c, int window_days) {
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < c.size(); ++i) {
        for (std::size_t k = i + 1; k < c.size(); ++k) {
            const Timestamp dt = c[k]->time - c[i]->time;
            if (dt > 0 && dt <= window_days * us_day) {
                ++n;
                break;
            }
        }
    }
    return n;
}

// Valley test for 0..10 scores (§3.4): modes i < j, j - i >= 3, a valley at most half
// the smaller mode, each mode region (+-1) holding >= 15 % of the mass.
inline bool valley_test(const std::vector<double>& scores) {
    double h[11] = {};
    for (double s : scores) {
        h[static_cast<int>(s)] += 1;
    }
    const double n = static_cast<double>(scores.size());
    const auto region = [&](int m) {
        double r = 0;
        for (int k = std::max(0, m - 1); k <= std::min(10, m + 1); ++k) {
            r += h[k];
        }
        return r / n;
    };
    for (int i = 0; i <= 10; ++i) {
        for (int k = i + 3; k <= 10; ++k) {
            double valley = h[i + 1];
            for (int v = i + 1; v < k; ++v) {
                valley = std::min(valley, h[v]);
            }
            if (valley <= 0.5 * std::min(h[i], h[k]) && region(i) >= 0.15 && region(k) >= 0.15) {
                return true;
            }
        }
    }
    return false;
}

// The figures the calibration tests check.
struct Figures {
    std::uint64_t journeys = 0; // not censored
    std::uint64_t events = 0;
    double j_in = 0;           // journey success
    double min_attainment = 1; // min over touchpoints with SLA instances
    int min_touchpoint = -1;
    double g_out = 0; // volume-weighted attainment
    std::vector<SlaCount> sla;
    double pp_object = 0, pp_naive = 0;
    double fcr_self = 0, fcr7 = 0, fcr30 = 0;
    double fd_per_journey = 0;
    double churn = 0, churn_red = 0, churn_green = 0;
    double score_mean = 0, score_red = 0, score_green = 0;
    double bc = 0;
    bool valley = false;
    std::vector<double> scores;
    std::uint64_t pp_truth_mismatch = 0;  // ground truth pingpong != trace test
    std::uint64_t sla_truth_mismatch = 0; // ground truth SLA counts != trace count
    std::uint64_t fd_truth_mismatch = 0;  // ground truth fd_contacts != trace count
};

inline Figures figures(const Generator& g, std::uint64_t n) {
    const Catalogue& cat = g.catalogue();
    Figures f;
    SimulatedJourney j;
    std::uint64_t green = 0, pp_o = 0, pp_n = 0, contacts_total = 0, resolved = 0, rep7 = 0,
                  rep30 = 0, fd = 0, churn = 0, red = 0, churn_red = 0, churn_green = 0;
    double s_red = 0, s_green = 0;
    std::uint64_t n_red = 0, n_green = 0;
    std::vector<SlaCount> sla;
    for (std::uint64_t i = 0; i < n; ++i) {
        g.generate(i, j);
        if (j.truth.censored) {
            continue;
        }
        ++f.journeys;
        f.events += j.events.size();
        const JourneyTruth& t = j.truth;
        green += t.red ? 0 : 1;
        red += t.red ? 1 : 0;
        const bool ppo = object_pingpong(cat, j);
        pp_o += ppo ? 1 : 0;
        f.pp_truth_mismatch += ppo != t.pingpong ? 1 : 0;
        pp_n += naive_pingpong(cat, j) ? 1 : 0;
        std::vector<SlaCount> one;
        count_slas(g, j, one);
        std::uint64_t inst = 0, breaches = 0;
        sla.resize(one.size());
        for (std::size_t k = 0; k < one.size(); ++k) {
            sla[k].instances += one[k].instances;
            sla[k].met += one[k].met;
            inst += one[k].instances;
            breaches += one[k].instances - one[k].met;
        }
        f.sla_truth_mismatch += inst != t.sla_instances || breaches != t.sla_breaches ? 1 : 0;
        const auto c = contacts(cat, j);
        contacts_total += c.size();
        std::uint64_t fd_here = 0;
        for (const SimEvent* e : c) {
            resolved += e->disposition == attr::disp_resolved ? 1 : 0;
            const auto& vr = cat.value_reasons;
            fd_here += std::find(vr.begin(), vr.end(), e->reason) == vr.end() ? 1 : 0;
        }
        fd += fd_here;
        f.fd_truth_mismatch += fd_here != t.fd_contacts ? 1 : 0;
        rep7 += repeated_within(c, 7);
        rep30 += repeated_within(c, 30);
        churn += t.churn ? 1 : 0;
        (t.red ? churn_red : churn_green) += t.churn ? 1 : 0;
        if (t.score >= 0) {
            f.scores.push_back(t.score);
            (t.red ? s_red : s_green) += t.score;
            (t.red ? n_red : n_green) += 1;
        }
    }
    const double jn = static_cast<double>(f.journeys);
    f.j_in = static_cast<double>(green) / jn;
    f.pp_object = static_cast<double>(pp_o) / jn;
    f.pp_naive = static_cast<double>(pp_n) / jn;
    f.fcr_self = static_cast<double>(resolved) / static_cast<double>(contacts_total);
    f.fcr7 = 1 - static_cast<double>(rep7) / static_cast<double>(contacts_total);
    f.fcr30 = 1 - static_cast<double>(rep30) / static_cast<double>(contacts_total);
    f.fd_per_journey = static_cast<double>(fd) / jn;
    f.churn = static_cast<double>(churn) / jn;
    f.churn_red = static_cast<double>(churn_red) / static_cast<double>(red);
    f.churn_green = static_cast<double>(churn_green) / static_cast<double>(green);
    double total = 0;
    for (double s : f.scores) {
        total += s;
    }
    f.score_mean = total / static_cast<double>(f.scores.size());
    f.score_red = s_red / static_cast<double>(n_red);
    f.score_green = s_green / static_cast<double>(n_green);
    f.bc = journey::test::direct_bimodality_coefficient(f.scores);
    f.valley = valley_test(f.scores);
    f.sla = sla;
    std::uint64_t inst = 0, met = 0;
    for (std::size_t k = 0; k < sla.size(); ++k) {
        inst += sla[k].instances;
        met += sla[k].met;
        if (sla[k].instances > 0) {
            const double a =
                static_cast<double>(sla[k].met) / static_cast<double>(sla[k].instances);
            if (a < f.min_attainment) {
                f.min_attainment = a;
                f.min_touchpoint = static_cast<int>(k);
            }
        }
    }
    f.g_out = static_cast<double>(met) / static_cast<double>(inst);
    return f;
}

} // namespace journey::sim::test
