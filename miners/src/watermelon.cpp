#include <journey/miners/watermelon.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include "attribution_acc.hpp"
#include "tally.hpp"

namespace journey::miners {

std::string_view verdict_name(Verdict v) noexcept {
    switch (v) {
    case Verdict::watermelon:
        return "watermelon";
    case Verdict::green:
        return "green";
    case Verdict::red:
        return "red";
    case Verdict::insufficient_data:
        return "insufficient data";
    }
    return "insufficient data";
}

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string pct(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", x * 100);
    return buf;
}

struct Tbw {
    std::uint64_t outputs = 0, on_time = 0, corrected = 0, on_time_corrected = 0;
};

/// Verdict and flag of a group from its outside and inside figures.
Verdict judge(const OutsideSummary& out, std::uint64_t ended, double success, double tau,
              double gap_threshold, std::uint64_t min_journeys, bool& flag) {
    const double gap = out.weighted_attainment - success;
    flag = out.dashboard_green && ended > 0 && (success < tau || gap >= gap_threshold);
    if (ended < min_journeys || out.scored == 0) {
        return Verdict::insufficient_data;
    }
    if (!out.dashboard_green) {
        return Verdict::red;
    }
    return flag ? Verdict::watermelon : Verdict::green;
}

GroupFigures group_figures(const detail::Engine& engine, const detail::GroupTally& g, double tau,
                           const WatermelonOptions& o) {
    GroupFigures f;
    const OutsideSummary out = detail::outside_summary(engine, g);
    f.cases = g.cases;
    f.journeys = g.journeys;
    f.ended = g.ended;
    f.censored = g.censored;
    f.green = g.green;
    f.red = g.red;
    f.dashboard_green = out.dashboard_green;
    f.measures_red = out.amber + out.red;
    f.weighted_attainment = out.weighted_attainment;
    f.min_attainment = out.min_attainment;
    f.success_rate = g.success_rate();
    f.gap = f.weighted_attainment - f.success_rate;
    f.hidden_red_share = g.hidden_red_share();
    f.sla_auc = g.sla_auc();
    f.verdict = judge(out, g.ended, f.success_rate, tau, o.gap_threshold, o.min_journeys, f.flag);
    f.rank = static_cast<double>(g.ended) * f.gap;
    return f;
}

} // namespace

struct WatermelonAccumulator::Impl {
    const detail::Engine* engine = nullptr;
    WatermelonOptions options;
    detail::GroupTally overall;
    detail::InsideTally inside;
    std::map<std::int64_t, detail::GroupTally> months;
    std::vector<std::map<std::string, detail::GroupTally>> segments;
    std::vector<Tbw> tbw;
    std::vector<double> dark;
    std::map<double, std::array<std::uint64_t, 2>> scores; ///< score → (red, green)
    std::optional<detail::FeatureAcc> features;
    detail::DiffDfgAcc diff;
    detail::Scratch scratch;
    detail::CaseEval ev;

    Impl(const detail::Engine& e, WatermelonOptions o)
        : engine(&e), options(std::move(o)), overall(e.measures().size()),
          segments(e.segment_ids().size()), tbw(e.measures().size()), scratch(e.make_scratch()) {
        if (options.attribute) {
            features.emplace(e, options.attribution.max_attribute_values);
        }
    }

    bool corrected(const SlaInstance& in) {
        if (in.stop_event == detail::none32) {
            return false;
        }
        const auto ts = engine->log().timestamps();
        const Timestamp limit = in.stop + engine->correction_window();
        constexpr std::uint16_t wrong = detail::role_bit::return_ | detail::role_bit::correction;
        auto judged = [&](std::uint32_t e) {
            return e > in.stop_event && ts[e] != no_timestamp && ts[e] <= limit &&
                   (scratch.roles[e - ev.begin] & wrong) != 0;
        };
        engine->load_objects(ev, scratch);
        auto it = std::lower_bound(scratch.by_event.begin(), scratch.by_event.end(),
                                   std::pair<std::uint32_t, std::uint64_t>{in.stop_event, 0});
        if (it == scratch.by_event.end() || it->first != in.stop_event) {
            for (std::uint32_t e = in.stop_event + 1; e < ev.end; ++e) {
                if (judged(e)) {
                    return true;
                }
            }
            return false;
        }
        for (; it != scratch.by_event.end() && it->first == in.stop_event; ++it) {
            auto o = std::lower_bound(scratch.by_object.begin(), scratch.by_object.end(),
                                      std::pair<std::uint64_t, std::uint32_t>{it->second, in.stop_event + 1});
            for (; o != scratch.by_object.end() && o->first == it->second; ++o) {
                if (judged(o->second)) {
                    return true;
                }
            }
        }
        return false;
    }

    void add(std::size_t c) {
        engine->evaluate(c, scratch, ev);
        overall.add(ev);
        inside.add(ev, engine->as_of());
        if (ev.state != JourneyState::no_start) {
            months.try_emplace(ev.month, engine->measures().size()).first->second.add(ev);
            for (std::size_t i = 0; i < segments.size(); ++i) {
                segments[i].try_emplace(ev.segments[i], engine->measures().size()).first->second.add(ev);
            }
        }
        for (const SlaInstance& in : ev.instances) {
            if (in.open) {
                continue;
            }
            Tbw& t = tbw[in.measure];
            ++t.outputs;
            t.on_time += in.met ? 1 : 0;
            if (corrected(in)) {
                ++t.corrected;
                t.on_time_corrected += in.met ? 1 : 0;
            }
        }
        const bool ended = ev.state == JourneyState::green || ev.state == JourneyState::red;
        if (!ended) {
            return;
        }
        const bool red = ev.state == JourneyState::red;
        if (!std::isnan(ev.dark_share)) {
            dark.push_back(ev.dark_share);
        }
        if (!std::isnan(ev.score)) {
            ++scores[ev.score][red ? 0 : 1];
        }
        if (features) {
            features->add(ev, scratch);
            diff.add_case(engine->log(), c, red);
        }
    }

    void merge(const Impl& o) {
        overall.merge(o.overall);
        inside.merge(o.inside);
        for (const auto& [k, g] : o.months) {
            months.try_emplace(k, engine->measures().size()).first->second.merge(g);
        }
        for (std::size_t i = 0; i < segments.size() && i < o.segments.size(); ++i) {
            for (const auto& [k, g] : o.segments[i]) {
                segments[i].try_emplace(k, engine->measures().size()).first->second.merge(g);
            }
        }
        for (std::size_t m = 0; m < tbw.size() && m < o.tbw.size(); ++m) {
            tbw[m].outputs += o.tbw[m].outputs;
            tbw[m].on_time += o.tbw[m].on_time;
            tbw[m].corrected += o.tbw[m].corrected;
            tbw[m].on_time_corrected += o.tbw[m].on_time_corrected;
        }
        dark.insert(dark.end(), o.dark.begin(), o.dark.end());
        for (const auto& [k, v] : o.scores) {
            auto& slot = scores[k];
            slot[0] += v[0];
            slot[1] += v[1];
        }
        if (features && o.features) {
            features->merge(*o.features);
        }
        diff.merge(o.diff);
    }

    WatermelonReport finish() const;
    ScoreShape score_shape() const;
    DurationShape duration_shape(const DurationSummary& e2e) const;
};

ScoreShape WatermelonAccumulator::Impl::score_shape() const {
    ScoreShape s;
    s.attribute = engine->options().score_attribute;
    stats::Moments all;
    double sum_red = 0;
    double sum_green = 0;
    std::uint64_t n_red = 0;
    std::uint64_t n_green = 0;
    std::uint64_t bottom = 0, low = 0, top = 0;
    s.integer_scale = !scores.empty();
    for (const auto& [x, c] : scores) {
        const std::uint64_t n = c[0] + c[1];
        all.add(x, n);
        sum_red += x * static_cast<double>(c[0]);
        sum_green += x * static_cast<double>(c[1]);
        n_red += c[0];
        n_green += c[1];
        bottom += x <= options.bottom_box ? n : 0;
        low += x <= options.low_box ? n : 0;
        top += x >= options.top_box ? n : 0;
        if (x != std::floor(x) || x < 0 || x > 10) {
            s.integer_scale = false;
        }
    }
    s.surveyed = all.count();
    s.mean = all.mean();
    s.mean_red = n_red == 0 ? nan : sum_red / static_cast<double>(n_red);
    s.mean_green = n_green == 0 ? nan : sum_green / static_cast<double>(n_green);
    s.bottom_box = detail::ratio(bottom, s.surveyed);
    s.low_box = detail::ratio(low, s.surveyed);
    s.top_box = detail::ratio(top, s.surveyed);
    s.bimodality_coefficient = all.bimodality_coefficient();
    const bool bc_high = s.bimodality_coefficient > stats::bimodality_threshold;

    auto add_mode = [&](double lo, double hi) {
        ScoreMode m;
        m.low = lo;
        m.high = hi;
        double sum = 0;
        std::uint64_t red = 0;
        for (const auto& [x, c] : scores) {
            if (x >= lo && x <= hi) {
                m.journeys += c[0] + c[1];
                sum += x * static_cast<double>(c[0] + c[1]);
                red += c[0];
            }
        }
        m.share = detail::ratio(m.journeys, s.surveyed);
        m.mean = m.journeys == 0 ? nan : sum / static_cast<double>(m.journeys);
        m.red_share = detail::ratio(red, m.journeys);
        s.modes.push_back(m);
    };

    if (s.integer_scale) {
        s.histogram.assign(11, 0);
        s.histogram_red.assign(11, 0);
        for (const auto& [x, c] : scores) {
            const auto b = static_cast<std::size_t>(x);
            s.histogram[b] += c[0] + c[1];
            s.histogram_red[b] += c[0];
        }
        // A handful of answers always "has" a valley: test from min_journeys answers on.
        if (s.surveyed >= options.min_journeys) {
            s.valley = stats::valley_test(s.histogram, options.valley);
        }
        s.bimodal = bc_high && s.valley.valley;
        if (s.bimodal) {
            const auto v = static_cast<double>(s.valley.valley_bin);
            add_mode(0, v);
            add_mode(v + 0.5, 10);
        }
    } else if (s.surveyed >= 2) {
        std::vector<double> values;
        std::vector<double> weights;
        for (const auto& [x, c] : scores) {
            values.push_back(x);
            weights.push_back(static_cast<double>(c[0] + c[1]));
        }
        const stats::GaussianMixture2 g = stats::fit_gaussian_mixture2(values, weights);
        s.bimodal = bc_high && g.valid && g.ashman_d > 2;
        if (s.bimodal) {
            // Split where the two weighted densities cross between the means.
            double split = (g.mean[0] + g.mean[1]) / 2;
            double lo = g.mean[0];
            double hi = g.mean[1];
            for (int i = 0; i < 100; ++i) {
                const double mid = (lo + hi) / 2;
                const double d0 = g.weight[0] / g.sd[0] *
                                  std::exp(-0.5 * std::pow((mid - g.mean[0]) / g.sd[0], 2));
                const double d1 = g.weight[1] / g.sd[1] *
                                  std::exp(-0.5 * std::pow((mid - g.mean[1]) / g.sd[1], 2));
                (d0 > d1 ? lo : hi) = mid;
                split = mid;
            }
            add_mode(-std::numeric_limits<double>::infinity(), split);
            add_mode(std::nextafter(split, std::numeric_limits<double>::infinity()),
                     std::numeric_limits<double>::infinity());
        }
    }
    return s;
}

DurationShape WatermelonAccumulator::Impl::duration_shape(const DurationSummary& e2e) const {
    DurationShape d;
    d.e2e = e2e;
    // ln(seconds) binned at 0.01 (1 % of a duration): EM on bin centres with counts.
    std::map<std::int64_t, std::uint64_t> bins;
    for (std::size_t i = 0; i < inside.e2e_s.size(); ++i) {
        if (inside.e2e_ended[i] != 0 && inside.e2e_s[i] > 0) {
            ++bins[static_cast<std::int64_t>(std::floor(std::log(inside.e2e_s[i]) * 100))];
        }
    }
    std::vector<double> values;
    std::vector<double> weights;
    for (const auto& [b, n] : bins) {
        values.push_back((static_cast<double>(b) + 0.5) / 100);
        weights.push_back(static_cast<double>(n));
    }
    d.mixture = stats::fit_gaussian_mixture2(values, weights);
    if (d.mixture.valid) {
        d.mode_low_s = std::exp(d.mixture.mean[0]);
        d.mode_high_s = std::exp(d.mixture.mean[1]);
        d.bimodal = d.mixture.ashman_d > 2 && d.mixture.bic2 < d.mixture.bic1;
    } else {
        d.mode_low_s = nan;
        d.mode_high_s = nan;
    }
    return d;
}

WatermelonReport WatermelonAccumulator::Impl::finish() const {
    const detail::Engine& e = *engine;
    WatermelonReport r;
    r.scorecard.outside = detail::outside_summary(e, overall);
    r.scorecard.inside = detail::inside_summary(e, overall, inside);
    const OutsideSummary& out = r.scorecard.outside;
    const InsideSummary& in = r.scorecard.inside;
    r.inside_target = options.inside_target >= 0 ? options.inside_target
                      : e.spec().success       ? e.spec().success->target_percent / 100.0
                                               : 0.70;
    r.gap = out.weighted_attainment - in.success_rate;
    r.verdict = judge(out, in.ended, in.success_rate, r.inside_target, options.gap_threshold,
                      options.min_journeys, r.flag);

    switch (r.verdict) {
    case Verdict::watermelon:
        r.verdict_text = "Watermelon: every touchpoint measure with a target is green (" +
                         pct(out.weighted_attainment) + " of instances on target, lowest " +
                         out.min_measure + " at " + pct(out.min_attainment) + "), but only " +
                         pct(in.success_rate) + " of journeys succeed (target " + pct(r.inside_target) +
                         ").";
        break;
    case Verdict::green:
        r.verdict_text = "Green: every touchpoint measure with a target is green and " +
                         pct(in.success_rate) + " of journeys succeed (target " + pct(r.inside_target) +
                         ").";
        break;
    case Verdict::red:
        r.verdict_text = "Red: the dashboard shows it; " + std::to_string(out.amber + out.red) +
                         " of " + std::to_string(out.scored) +
                         " touchpoint measures miss their target (lowest " + out.min_measure + " at " +
                         pct(out.min_attainment) + "), and " + pct(in.success_rate) +
                         " of journeys succeed.";
        break;
    case Verdict::insufficient_data:
        if (out.scored == 0) {
            r.verdict_text = "Insufficient data: no touchpoint measure with a target has instances.";
        } else {
            r.verdict_text = "Insufficient data: " + std::to_string(in.ended) +
                             " ended journeys, at least " + std::to_string(options.min_journeys) +
                             " needed.";
        }
        break;
    }

    Discrimination& d = r.discrimination;
    d.red = overall.red;
    d.green = overall.green;
    d.red_clean = overall.red_clean;
    d.green_clean = overall.green_clean;
    d.hidden_red_share = overall.hidden_red_share();
    d.clean_green_share = overall.clean_green_share();
    d.sla_clean_share = detail::ratio(overall.red_clean + overall.green_clean, overall.ended);
    d.auc = overall.sla_auc();
    const std::uint64_t breached = overall.ended - overall.red_clean - overall.green_clean;
    const double p_red = detail::ratio(overall.red, overall.ended);
    d.lift = detail::ratio(overall.red - overall.red_clean, breached) / p_red;

    Compounding& c = r.compounding;
    double expected = overall.ended > 0 ? 1.0 : nan;
    for (const TouchpointScore& row : out.rows) {
        if (row.instances > 0) {
            expected *= std::pow(row.attainment, row.per_case);
        }
    }
    c.expected_clean = expected;
    c.observed_clean = d.sla_clean_share;
    c.success_rate = in.success_rate;

    for (std::size_t m = 0; m < e.measures().size(); ++m) {
        const MeasureInfo& info = e.measures()[m];
        if (info.kind != MeasureInfo::Kind::sla) {
            continue;
        }
        const Tbw& t = tbw[m];
        TimelyButWrong w;
        w.measure = info.key;
        w.touchpoint = e.spec().touchpoints[info.touchpoint].id;
        w.outputs = t.outputs;
        w.on_time = t.on_time;
        w.corrected = t.corrected;
        w.on_time_corrected = t.on_time_corrected;
        w.attainment = detail::ratio(t.on_time, t.outputs);
        w.accuracy = t.outputs == 0 ? nan : 1.0 - detail::ratio(t.corrected, t.outputs);
        w.timely_but_wrong = detail::ratio(t.on_time_corrected, t.outputs);
        w.gap = w.attainment - w.accuracy;
        r.timely_but_wrong.push_back(std::move(w));
    }

    r.dark_time.journeys = dark.size();
    if (dark.empty()) {
        r.dark_time.mean_share = nan;
        r.dark_time.median_share = nan;
    } else {
        double sum = 0;
        for (const double x : dark) {
            sum += x;
        }
        r.dark_time.mean_share = sum / static_cast<double>(dark.size());
        std::vector<double> sorted = dark;
        std::sort(sorted.begin(), sorted.end());
        r.dark_time.median_share = stats::quantile_sorted(sorted, 0.5);
    }

    r.scores = score_shape();
    r.durations = duration_shape(in.e2e);

    for (const auto& [month, g] : months) {
        GroupFigures f = group_figures(e, g, r.inside_target, options);
        f.value = detail::month_name(month);
        r.periods.push_back(std::move(f));
    }
    for (std::size_t i = 0; i < segments.size(); ++i) {
        for (const auto& [value, g] : segments[i]) {
            GroupFigures f = group_figures(e, g, r.inside_target, options);
            f.segment = e.segment_ids()[i];
            f.value = value;
            r.segments.push_back(std::move(f));
        }
    }
    std::stable_sort(r.segments.begin(), r.segments.end(), [](const GroupFigures& a, const GroupFigures& b) {
        const bool an = std::isnan(a.rank);
        const bool bn = std::isnan(b.rank);
        if (an != bn) {
            return bn;
        }
        if (!an && a.rank != b.rank) {
            return a.rank > b.rank;
        }
        return std::tie(a.segment, a.value) < std::tie(b.segment, b.value);
    });

    if (features) {
        r.attribution = features->finish(options.attribution);
        r.differential = diff.finish();
    }
    return r;
}

WatermelonAccumulator::WatermelonAccumulator(const JourneyEvaluator& evaluator, WatermelonOptions options)
    : m_impl(std::make_unique<Impl>(evaluator.engine(), std::move(options))) {}
WatermelonAccumulator::WatermelonAccumulator(WatermelonAccumulator&&) noexcept = default;
WatermelonAccumulator& WatermelonAccumulator::operator=(WatermelonAccumulator&&) noexcept = default;
WatermelonAccumulator::~WatermelonAccumulator() = default;

void WatermelonAccumulator::add_cases(std::size_t first, std::size_t last) {
    for (std::size_t c = first; c < last; ++c) {
        m_impl->add(c);
    }
}

void WatermelonAccumulator::merge(const WatermelonAccumulator& other) { m_impl->merge(*other.m_impl); }

WatermelonReport WatermelonAccumulator::finish() const { return m_impl->finish(); }

WatermelonReport detect_watermelon(const JourneyEvaluator& evaluator, const WatermelonOptions& options,
                                   unsigned threads) {
    WatermelonAccumulator acc = detail::run_parallel<WatermelonAccumulator>(
        evaluator.log(), threads, [&] { return WatermelonAccumulator(evaluator, options); },
        [](WatermelonAccumulator& a, std::size_t first, std::size_t last) { a.add_cases(first, last); });
    return acc.finish();
}

WatermelonReport detect_watermelon(const Journey& spec, const EventLog& log,
                                   const EvaluationOptions& evaluation, const WatermelonOptions& options,
                                   unsigned threads) {
    const JourneyEvaluator ev(spec, log, evaluation);
    return detect_watermelon(ev, options, threads);
}

} // namespace journey::miners
