#include <journey/miners/scorecard.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include <journey/miners/stats.hpp>

#include "tally.hpp"

namespace journey::miners {

namespace detail {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

} // namespace

void GroupTally::add(const CaseEval& ev) {
    for (std::size_t m = 0; m < instances.size(); ++m) {
        instances[m] += ev.m_instances[m];
        met[m] += ev.m_met[m];
        open[m] += ev.m_open[m];
    }
    ++cases;
    switch (ev.state) {
    case JourneyState::no_start:
        ++no_start;
        return;
    case JourneyState::censored:
        ++journeys;
        ++censored;
        return;
    case JourneyState::green:
    case JourneyState::red:
        break;
    }
    ++journeys;
    ++ended;
    const bool is_red = ev.state == JourneyState::red;
    (is_red ? red : green) += 1;
    if (ev.breaches == 0) {
        (is_red ? red_clean : green_clean) += 1;
    }
    std::uint32_t num = ev.breaches;
    std::uint32_t den = ev.measured;
    if (num == 0 || den == 0) {
        num = 0;
        den = 1;
    } else {
        const std::uint32_t g = std::gcd(num, den);
        num /= g;
        den /= g;
    }
    auto& slot = breach_fraction[{num, den}];
    (is_red ? slot.first : slot.second) += 1;
}

void GroupTally::merge(const GroupTally& o) {
    for (std::size_t m = 0; m < instances.size(); ++m) {
        instances[m] += o.instances[m];
        met[m] += o.met[m];
        open[m] += o.open[m];
    }
    cases += o.cases;
    journeys += o.journeys;
    ended += o.ended;
    censored += o.censored;
    no_start += o.no_start;
    green += o.green;
    red += o.red;
    green_clean += o.green_clean;
    red_clean += o.red_clean;
    for (const auto& [k, v] : o.breach_fraction) {
        auto& slot = breach_fraction[k];
        slot.first += v.first;
        slot.second += v.second;
    }
}

double GroupTally::success_rate() const noexcept { return ratio(green, ended); }
double GroupTally::hidden_red_share() const noexcept { return ratio(red_clean, red); }
double GroupTally::clean_green_share() const noexcept { return ratio(green_clean, green); }

double GroupTally::sla_auc() const {
    std::vector<stats::ScoreCount> counts;
    for (const auto& [k, v] : breach_fraction) {
        counts.push_back({static_cast<double>(k.first) / static_cast<double>(k.second), v.first,
                          v.second});
    }
    return stats::auc(counts);
}

void InsideTally::add(const CaseEval& ev, Timestamp as_of) {
    if (outcomes.size() < ev.outcomes.size()) {
        outcomes.resize(ev.outcomes.size());
    }
    if (ev.state == JourneyState::no_start) {
        return;
    }
    if (ev.state == JourneyState::censored) {
        e2e_s.push_back(static_cast<double>(std::max<Timestamp>(as_of - ev.start_ts, 0)) / 1e6);
        e2e_ended.push_back(0);
        return;
    }
    e2e_s.push_back(static_cast<double>(ev.end_ts - ev.start_ts) / 1e6);
    e2e_ended.push_back(1);
    const bool is_red = ev.state == JourneyState::red;
    for (std::size_t o = 0; o < ev.outcomes.size(); ++o) {
        OutcomeTally& t = outcomes[o];
        const std::int8_t r = ev.outcomes[o];
        if (r < 0) {
            ++t.not_counted;
            continue;
        }
        ++t.counted;
        t.met += r == 1 ? 1 : 0;
        if (is_red) {
            ++t.counted_red;
            t.met_red += r == 1 ? 1 : 0;
        } else {
            ++t.counted_green;
            t.met_green += r == 1 ? 1 : 0;
        }
    }
}

void InsideTally::merge(const InsideTally& o) {
    if (outcomes.size() < o.outcomes.size()) {
        outcomes.resize(o.outcomes.size());
    }
    for (std::size_t i = 0; i < o.outcomes.size(); ++i) {
        outcomes[i].merge(o.outcomes[i]);
    }
    e2e_s.insert(e2e_s.end(), o.e2e_s.begin(), o.e2e_s.end());
    e2e_ended.insert(e2e_ended.end(), o.e2e_ended.begin(), o.e2e_ended.end());
}

OutsideSummary outside_summary(const Engine& engine, const GroupTally& g) {
    OutsideSummary out;
    const Journey& spec = engine.spec();
    std::uint64_t scored_met = 0;
    std::uint64_t scored_instances = 0;
    out.min_attainment = nan;
    for (std::size_t m = 0; m < engine.measures().size(); ++m) {
        const MeasureInfo& info = engine.measures()[m];
        const Touchpoint& tp = spec.touchpoints[info.touchpoint];
        TouchpointScore row;
        row.touchpoint = tp.id;
        row.label = tp.label;
        row.owner = tp.owner;
        row.measure = info.key;
        row.kind = info.kind;
        row.description = info.description;
        row.instances = g.instances[m];
        row.met = g.met[m];
        row.open = g.open[m];
        row.attainment = ratio(row.met, row.instances);
        row.per_case = g.cases == 0 ? 0.0 : static_cast<double>(row.instances) / static_cast<double>(g.cases);
        row.target = info.target;
        if (row.target && row.instances > 0) {
            row.status = row.target->status(row.attainment);
            ++out.scored;
            switch (*row.status) {
            case Thresholds::Status::green:
                ++out.green;
                break;
            case Thresholds::Status::amber:
                ++out.amber;
                break;
            case Thresholds::Status::red:
                ++out.red;
                break;
            }
            scored_met += row.met;
            scored_instances += row.instances;
            if (std::isnan(out.min_attainment) || row.attainment < out.min_attainment) {
                out.min_attainment = row.attainment;
                out.min_measure = row.measure;
            }
        }
        out.rows.push_back(std::move(row));
    }
    out.dashboard_green = out.scored > 0 && out.green == out.scored;
    out.weighted_attainment = ratio(scored_met, scored_instances);
    return out;
}

InsideSummary inside_summary(const Engine& engine, const GroupTally& g, const InsideTally& t) {
    InsideSummary in;
    in.cases = g.cases;
    in.journeys = g.journeys;
    in.ended = g.ended;
    in.censored = g.censored;
    in.no_start = g.no_start;
    in.green = g.green;
    in.red = g.red;
    in.success_rate = g.success_rate();
    in.target = engine.spec().success;
    if (in.target && g.ended > 0) {
        in.status = in.target->status(in.success_rate);
    }
    in.censoring = std::string(censoring_statement());
    const Journey& spec = engine.spec();
    for (std::size_t o = 0; o < spec.outcomes.size(); ++o) {
        const OutcomeTally ot = o < t.outcomes.size() ? t.outcomes[o] : OutcomeTally{};
        OutcomeScore s;
        s.id = spec.outcomes[o].id;
        s.label = spec.outcomes[o].label;
        s.lagging = spec.outcomes[o].lagging;
        s.counted = ot.counted;
        s.met = ot.met;
        s.not_counted = ot.not_counted;
        s.rate = ratio(ot.met, ot.counted);
        s.target = spec.outcomes[o].target;
        if (s.target && ot.counted > 0) {
            s.status = s.target->status(s.rate);
        }
        s.rate_green = ratio(ot.met_green, ot.counted_green);
        s.rate_red = ratio(ot.met_red, ot.counted_red);
        in.outcomes.push_back(std::move(s));
    }
    // End-to-end durations.
    std::vector<double> done;
    for (std::size_t i = 0; i < t.e2e_s.size(); ++i) {
        if (t.e2e_ended[i] != 0) {
            done.push_back(t.e2e_s[i]);
        }
    }
    std::sort(done.begin(), done.end());
    in.e2e.ended = done.size();
    in.e2e.censored = t.e2e_s.size() - done.size();
    in.e2e.p50_s = stats::quantile_sorted(done, 0.5);
    in.e2e.p90_s = stats::quantile_sorted(done, 0.9);
    const double iqr = stats::quantile_sorted(done, 0.75) - stats::quantile_sorted(done, 0.25);
    in.e2e.iqr_over_median = in.e2e.p50_s > 0 ? iqr / in.e2e.p50_s : nan;
    const stats::KaplanMeier km = stats::kaplan_meier(t.e2e_s, t.e2e_ended);
    in.e2e.km_p50_s = km.quantile(0.5);
    in.e2e.km_p90_s = km.quantile(0.9);
    return in;
}

namespace {

struct ScorecardAcc {
    GroupTally group;
    InsideTally inside;
    void merge(const ScorecardAcc& o) {
        group.merge(o.group);
        inside.merge(o.inside);
    }
};

} // namespace

} // namespace detail

std::string_view censoring_statement() noexcept {
    return "journeys not ended by the extraction time are excluded from every rate; "
           "end-to-end durations also by Kaplan-Meier with them censored";
}

Scorecard compute_scorecard(const JourneyEvaluator& evaluator, unsigned threads) {
    const detail::Engine& engine = evaluator.engine();
    const std::size_t measures = engine.measures().size();
    detail::ScorecardAcc acc = detail::run_parallel<detail::ScorecardAcc>(
        engine.log(), threads, [&] { return detail::ScorecardAcc{detail::GroupTally(measures), {}}; },
        [&](detail::ScorecardAcc& a, std::size_t first, std::size_t last) {
            detail::Scratch s = engine.make_scratch();
            detail::CaseEval ev;
            for (std::size_t c = first; c < last; ++c) {
                engine.evaluate(c, s, ev);
                a.group.add(ev);
                a.inside.add(ev, engine.as_of());
            }
        });
    Scorecard sc;
    sc.outside = detail::outside_summary(engine, acc.group);
    sc.inside = detail::inside_summary(engine, acc.group, acc.inside);
    return sc;
}

Scorecard compute_scorecard(const Journey& spec, const EventLog& log,
                            const EvaluationOptions& options, unsigned threads) {
    const JourneyEvaluator ev(spec, log, options);
    return compute_scorecard(ev, threads);
}

} // namespace journey::miners
