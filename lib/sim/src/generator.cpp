#include <journey/sim/generator.hpp>

#include <algorithm>
#include <cstdio>

#include <journey/core/error.hpp>

#include "engine.hpp"

namespace journey::sim {

namespace {

// Salt of the noise stream: noise never changes the journey's own draws.
constexpr std::uint64_t noise_salt = 0x6E6F6973652D7631ULL;

double scale(double p, double strength) {
    return std::clamp(p * strength, 0.0, 1.0);
}

// For success probabilities the failure share is scaled.
double scale_success(double p, double strength) {
    return std::clamp(1.0 - (1.0 - p) * strength, 0.0, 1.0);
}

std::vector<double> cumulative(const Scenario& sc, const WorkCalendar& cal, bool assisted) {
    std::vector<double> cum(static_cast<std::size_t>(sc.period_days));
    double total = 0;
    for (std::int64_t i = 0; i < sc.period_days; ++i) {
        const Day d = sc.period_start + i;
        const int wd = weekday(d);
        double w = sc.arrivals.weekday_weights[static_cast<std::size_t>(wd)];
        if (assisted && !cal.is_contact_day(d)) {
            w = 0; // no assisted notifications when the contact centre is closed
        }
        const CivilDate c = civil_from_days(d);
        if (c.month >= 6 && c.month <= 8) {
            w *= sc.arrivals.summer_factor;
        }
        if (c.day >= 25) {
            w *= sc.arrivals.month_end_factor;
        }
        total += w;
        cum[static_cast<std::size_t>(i)] = total;
    }
    if (total <= 0) {
        // Every day is closed for this channel group: spread uniformly instead.
        for (std::size_t i = 0; i < cum.size(); ++i) {
            cum[i] = static_cast<double>(i + 1);
        }
        total = static_cast<double>(cum.size());
    }
    for (double& c : cum) {
        c /= total;
    }
    return cum;
}

} // namespace

const std::vector<std::string>& defect_names(Process p) {
    static const std::vector<std::string> move_house{"D1",
                                                     "D2",
                                                     "D3",
                                                     "D4",
                                                     "D5",
                                                     "D6",
                                                     "D7",
                                                     "D8",
                                                     "D9",
                                                     "D10",
                                                     "D11",
                                                     "D12",
                                                     "energisation_late",
                                                     "orphan"};
    static const std::vector<std::string> telco{"invalid_order", "missed_appointment",
                                                "activation_failure", "orphan"};
    return p == Process::move_house ? move_house : telco;
}

Generator::Generator(const Scenario& scenario, const GeneratorOptions& options) {
    if (const std::string problem = scenario.check(); !problem.empty()) {
        throw usage_error("scenario '" + scenario.name + "': " + problem);
    }
    auto impl = std::make_shared<Impl>();
    impl->sc = scenario;
    impl->opt = options;
    impl->cat = &sim::catalogue(scenario.process);
    impl->cal = WorkCalendar(scenario.holidays);
    const Catalogue& cat = *impl->cat;
    const std::size_t ntp = cat.touchpoints.size();
    impl->ontime.assign(ntp, 0.95);
    impl->target.assign(ntp, 0.0);
    for (const SlaInfo& s : cat.slas) {
        impl->ontime[s.touchpoint] = s.ontime;
        impl->target[s.touchpoint] = s.target;
    }
    for (const auto& [id, p] : scenario.ontime) {
        impl->ontime[static_cast<std::size_t>(cat.find_touchpoint(id))] = p;
    }
    for (const auto& [id, v] : scenario.sla_target) {
        impl->target[static_cast<std::size_t>(cat.find_touchpoint(id))] = v;
    }
    if (scenario.ontime_override >= 0) {
        std::fill(impl->ontime.begin(), impl->ontime.end(), scenario.ontime_override);
    }
    impl->cum_assisted = cumulative(scenario, impl->cal, true);
    impl->cum_digital = cumulative(scenario, impl->cal, false);
    impl->extraction =
        (scenario.period_start + scenario.period_days + scenario.extraction_lag_days) * us_day;

    const double w = scenario.watermelon_strength;
    DefectParams d = scenario.defects;
    for (double* p : {&d.d11_assisted, &d.d11_digital, &d.d12, &d.d7, &d.d8, &d.d2, &d.d6, &d.d9,
                      &d.d5, &d.d10, &d.remote_read_failure, &d.energisation_late,
                      &d.orphan}) {
        *p = scale(*p, w);
    }
    for (double* p : {&d.final_read_customer, &d.final_read_customer_no_t06, &d.special_read_access,
                      &d.opening_read_customer}) {
        *p = scale_success(*p, w);
    }
    impl->def = d;
    impl->slip = scale(scenario.context.slip, w);
    TelcoParams tp = scenario.telco;
    for (double* p : {&tp.order_invalid, &tp.activation_failure, &tp.missed_appointment}) {
        *p = scale(*p, w);
    }
    impl->telco = tp;
    for (const DepartmentInfo& dep : cat.departments) {
        const std::string& c = dep.code;
        // Account-keyed systems (move house): billing, payments, collections, metering, market.
        impl->account_eligible.push_back(
            c == "BIL" || c == "PAY" || c == "CRC" || c == "MET" || c == "MKT" ? 1 : 0);
        // The CRM/ACD clock that skew noise shifts.
        impl->dept_is_cs.push_back(c == "CS" || c == "contact_centre" ? 1 : 0);
    }
    m_impl = std::move(impl);
}

void Generator::generate(std::uint64_t index, SimulatedJourney& out) const {
    detail::Sim s(*m_impl, out, index);
    if (m_impl->sc.process == Process::move_house) {
        detail::simulate_move_house(s);
    } else {
        detail::simulate_telco(s);
    }
    s.finish();
}

const Scenario& Generator::scenario() const noexcept {
    return m_impl->sc;
}
const GeneratorOptions& Generator::options() const noexcept {
    return m_impl->opt;
}
const Catalogue& Generator::catalogue() const noexcept {
    return *m_impl->cat;
}
const WorkCalendar& Generator::calendar() const noexcept {
    return m_impl->cal;
}
Timestamp Generator::extraction_time() const noexcept {
    return m_impl->extraction;
}
const std::vector<double>& Generator::ontime() const noexcept {
    return m_impl->ontime;
}
const std::vector<double>& Generator::sla_targets() const noexcept {
    return m_impl->target;
}

std::string Generator::case_id(std::uint64_t index) const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%08llu", static_cast<unsigned long long>(index + 1));
    return m_impl->sc.case_prefix + buf;
}

namespace detail {

namespace {

bool contains(const std::vector<std::uint16_t>& v, std::uint16_t x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

} // namespace

void Sim::finish() {
    auto& ev = j.events;
    // Logs carry whole seconds: every time is floored to one before anything else.
    for (SimEvent& e : ev) {
        e.time = day_of(e.time) * us_day + time_of_day(e.time) / us_second * us_second;
    }
    std::stable_sort(ev.begin(), ev.end(), [](const SimEvent& a, const SimEvent& b) {
        return a.time != b.time ? a.time < b.time : a.order < b.order;
    });
    // Right-censoring: nothing after the extraction time is written.
    const auto cut = std::find_if(ev.begin(), ev.end(),
                                  [&](const SimEvent& e) { return e.time > m.extraction; });
    if (cut != ev.end()) {
        t.censored = true;
        ev.erase(cut, ev.end());
    }
    if (t.end > m.extraction) {
        t.censored = true;
    }
    for (std::size_t i = 0; i < ev.size(); ++i) {
        ev[i].seq = static_cast<std::uint32_t>(i + 1);
    }

    // SLA clocks, as documented on SlaInfo.
    for (const SlaInfo& sla : m.cat->slas) {
        const auto tp = static_cast<std::uint8_t>(sla.touchpoint + 1);
        for (std::size_t i = 0; i < ev.size(); ++i) {
            const SimEvent& stop = ev[i];
            if (stop.touchpoint != tp || !contains(sla.stop, stop.activity)) {
                continue;
            }
            double measured = 0;
            if (sla.kind == SlaInfo::Kind::wait) {
                if (stop.wait_s == no_int) {
                    continue;
                }
                measured = stop.wait_s;
            } else {
                std::size_t k = i;
                bool found = false;
                while (k > 0) {
                    --k;
                    const SimEvent& st = ev[k];
                    if (contains(sla.start, st.activity) &&
                        st.touchpoint == sla.start_touchpoint + 1 &&
                        (!sla.same_object ||
                         (st.object_type == stop.object_type && st.object_no == stop.object_no))) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    continue;
                }
                const SimEvent& st = ev[k];
                measured = sla.unit == SlaUnit::seconds
                               ? static_cast<double>(stop.time - st.time) / 1e6
                               : static_cast<double>(m.cal.working_days_between(day_of(st.time),
                                                                                day_of(stop.time)));
            }
            ++t.sla_instances;
            if (measured > m.target[sla.touchpoint]) {
                ++t.sla_breaches;
            }
        }
    }

    // Data-quality noise from its own stream.
    const NoiseParams& nz = sc.noise;
    const bool any_noise = nz.date_only_batch > 0 || nz.clock_skew > 0 || nz.duplicate > 0 ||
                           nz.missing_department > 0 || nz.account_only > 0 || nz.late_arrival > 0;
    std::int32_t skew = 0;
    if (any_noise) {
        Xoshiro256ss n = journey_stream(m.opt.seed ^ noise_salt, t.index);
        if (nz.clock_skew > 0 && n.bernoulli(nz.clock_skew)) {
            skew = static_cast<std::int32_t>(n.range(1, nz.clock_skew_max_s));
            if (n.bernoulli(0.5)) {
                skew = -skew;
            }
            t.noise_skew_s = skew;
        }
        const std::size_t original = ev.size();
        for (std::size_t i = 0; i < original; ++i) {
            SimEvent& e = ev[i];
            if (skew != 0 && m.dept_is_cs[e.department]) {
                e.flags |= event_flag::skewed;
            }
            if ((e.flags & batch_run) && nz.date_only_batch > 0 &&
                n.bernoulli(nz.date_only_batch)) {
                e.flags |= event_flag::date_only;
                ++t.noise_date_only;
            }
            if (nz.missing_department > 0 && n.bernoulli(nz.missing_department)) {
                e.flags |= event_flag::no_department;
                ++t.noise_missing_department;
            }
            if (nz.account_only > 0 && m.account_eligible[e.department] &&
                n.bernoulli(nz.account_only)) {
                e.flags |= event_flag::account_only;
                ++t.noise_account_only;
            }
            if (nz.late_arrival > 0 && n.bernoulli(nz.late_arrival)) {
                e.flags |= event_flag::late;
                ++t.noise_late;
            }
            if (nz.duplicate > 0 && n.bernoulli(nz.duplicate)) {
                // The copy repeats the row as written, problems included: the
                // noise_* counts are rows written with each problem.
                SimEvent copy = e;
                copy.flags |= event_flag::duplicate;
                ++t.noise_duplicates;
                t.noise_date_only += (copy.flags & event_flag::date_only) ? 1 : 0;
                t.noise_missing_department += (copy.flags & event_flag::no_department) ? 1 : 0;
                t.noise_account_only += (copy.flags & event_flag::account_only) ? 1 : 0;
                t.noise_late += (copy.flags & event_flag::late) ? 1 : 0;
                ev.push_back(copy);
            }
        }
    }
    for (SimEvent& e : ev) {
        e.flags = static_cast<std::uint8_t>(e.flags & ~batch_run);
        if (e.flags & event_flag::date_only) {
            e.written = day_of(e.time) * us_day; // what a reader makes of a bare date
        } else {
            e.written =
                e.time - static_cast<Timestamp>(m.sc.timezone.offset_minutes(e.time)) * us_minute;
            if (e.flags & event_flag::skewed) {
                e.written += static_cast<Timestamp>(skew) * us_second;
            }
        }
    }
    std::stable_sort(ev.begin(), ev.end(), [](const SimEvent& a, const SimEvent& b) {
        return a.written != b.written ? a.written < b.written : a.seq < b.seq;
    });
    t.events = static_cast<std::uint32_t>(ev.size());
}

} // namespace detail

} // namespace journey::sim
