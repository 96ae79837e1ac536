#pragma once
// The generator's internals: the resolved model (Generator::Impl) and the
// per-journey working state (Sim) with the event, calendar and delay helpers
// the process generators (move_house.cpp, telco.cpp) share.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <journey/sim/generator.hpp>
#include <journey/sim/random.hpp>

#include "model_ids.hpp"

namespace journey::sim {

struct Generator::Impl {
    Scenario sc;
    GeneratorOptions opt;
    const Catalogue* cat = nullptr;
    WorkCalendar cal;
    std::vector<double> ontime;       // per touchpoint
    std::vector<double> target;       // per touchpoint (0 = no SLA)
    std::vector<double> cum_assisted; // cumulative start intensity per period day, normalised
    std::vector<double> cum_digital;
    Timestamp extraction = 0; // local
    DefectParams def;         // watermelon_strength applied
    TelcoParams telco;        // watermelon_strength applied to its defects
    double slip = 0;          // context.slip (D1) with watermelon_strength applied
    std::vector<std::uint8_t> account_eligible; // per department: account-only noise applies
    std::vector<std::uint8_t> dept_is_cs;       // per department: skewed CRM/ACD clock
};

namespace detail {

// Clamps and rounds a score to 0..10.
inline std::int8_t clamp_score(double x) {
    const double r = std::round(x);
    return static_cast<std::int8_t>(r < 0 ? 0 : r > 10 ? 10 : r);
}

inline double logistic(double x) {
    return 1.0 / (1.0 + std::exp(-x));
}

// A customer contact waiting to happen (the time-ordered reaction queue).
struct Pending {
    Timestamp time = 0;
    std::uint8_t reason = 0;
    std::uint8_t kind = 0; // process-specific follow-up
    std::int16_t ref = 0;  // process-specific reference (e.g. bill number)
};

class Sim {
public:
    Sim(const Generator::Impl& model, SimulatedJourney& journey, std::uint64_t index)
        : m(model), sc(model.sc), j(journey), t(journey.truth),
          rng(journey_stream(model.opt.seed, index)), m_index(index) {
        j.events.clear();
        t = JourneyTruth{};
        t.index = index;
        std::fill(std::begin(m_objects), std::end(m_objects), std::uint16_t{0});
    }

    const Generator::Impl& m;
    const Scenario& sc;
    SimulatedJourney& j;
    JourneyTruth& t;
    Xoshiro256ss rng;

    // ---- events ------------------------------------------------------------------

    // Adds an event with the catalogue defaults of its activity; agents and
    // external parties get a random resource from their department's pool.
    SimEvent& emit(Timestamp time, std::uint16_t act, std::uint16_t object_no = 0) {
        const ActivityInfo& a = m.cat->activities[act];
        SimEvent e;
        e.time = time;
        e.order = m_order++;
        e.activity = act;
        e.department = a.department;
        e.touchpoint = a.touchpoint;
        e.channel = a.channel;
        e.object_type = a.object_type;
        e.object_no = object_no;
        e.actor = a.actor;
        if (a.actor == Actor::agent || a.actor == Actor::external) {
            e.resource = agent(a.department);
        }
        j.events.push_back(e);
        return j.events.back();
    }

    // Like emit() inside a nightly batch window (marks it for date-only noise).
    SimEvent& emit_batch(Timestamp time, std::uint16_t act, std::uint16_t object_no = 0) {
        SimEvent& e = emit(time, act, object_no);
        e.flags |= batch_run;
        return e;
    }

    std::uint16_t agent(std::uint8_t dept) {
        const std::uint16_t pool = m.cat->departments[dept].agents;
        return pool == 0 ? 0 : static_cast<std::uint16_t>(rng.range(1, pool));
    }

    // A new instance of a numbered object type (1-based).
    std::uint16_t new_object(std::uint8_t type) { return ++m_objects[type]; }

    // Internal flag: placed in a batch window (cleared before output).
    static constexpr std::uint8_t batch_run = 128;

    // ---- calendars and delays ----------------------------------------------------

    static Timestamp at(Day d, std::int64_t seconds) { return d * us_day + seconds * us_second; }

    // Integer working-day delay of a touchpoint task: on time with p_t, uniform in
    // [0, SLA]; otherwise SLA + 1..late_max_wd.
    std::int64_t draw_wd(std::uint8_t tp) {
        const auto sla = static_cast<std::int64_t>(std::llround(m.target[tp]));
        return rng.bernoulli(m.ontime[tp]) ? rng.range(0, sla)
                                           : sla + rng.range(1, sc.delays.late_max_wd);
    }

    // Back-office work `k` working days after `start`, at a business time
    // (08:00-18:00). k = 0 means the same day when there is time left, else the
    // next working day (which counts as 1 working day on the SLA clock).
    Timestamp work_time(Timestamp start, std::int64_t k) {
        const Day d0 = day_of(start);
        if (k == 0 && m.cal.is_working_day(d0) &&
            time_of_day(start) < 17 * us_hour + 30 * us_minute) {
            const Timestamp lo = std::max(start + 5 * us_minute, at(d0, 8 * 3600));
            const std::int64_t lo_s = (lo - d0 * us_day) / us_second;
            return at(d0, rng.range(lo_s, 18 * 3600 - 1));
        }
        const Day d = m.cal.add_working_days(d0, k == 0 ? 1 : k);
        return at(d, rng.range(8 * 3600, 18 * 3600 - 1));
    }

    // A back-office task of touchpoint `tp` received at `start`.
    Timestamp bo_task(Timestamp start, std::uint8_t tp) { return work_time(start, draw_wd(tp)); }

    // The nightly batch window (02:00-05:00) of day `d`.
    Timestamp batch_at(Day d) { return at(d, rng.range(2 * 3600, 5 * 3600 - 1)); }

    // A batch task of touchpoint `tp` received at `start`: on time in the batch run
    // of working day 1..SLA after the start day, else SLA + 1..late_max_wd.
    Timestamp batch_task(Timestamp start, std::uint8_t tp) {
        const auto sla = std::max<std::int64_t>(1, std::llround(m.target[tp]));
        const std::int64_t k = rng.bernoulli(m.ontime[tp])
                                   ? rng.range(1, sla)
                                   : sla + rng.range(1, sc.delays.late_max_wd);
        return batch_at(m.cal.add_working_days(day_of(start), k));
    }

    // A task measured in seconds (target in seconds): on time uniform in
    // [30 s, target], else target + 1 s .. 6 * target.
    Timestamp seconds_task(Timestamp start, std::uint8_t tp) {
        const auto target = static_cast<std::int64_t>(std::llround(m.target[tp]));
        const std::int64_t s = rng.bernoulli(m.ontime[tp])
                                   ? rng.range(std::min<std::int64_t>(30, target), target)
                                   : rng.range(target + 1, 6 * target + 1);
        return start + s * us_second;
    }

    // A task whose touchpoint SLA is a number of calendar days (target in seconds):
    // on time 1..days-2 days after the start, late days+1..2*days after; in the
    // nightly batch window when `batch`, else at a business time (working days).
    Timestamp days_task(Timestamp start, std::uint8_t tp, bool batch) {
        const std::int64_t days = std::max<std::int64_t>(3, std::llround(m.target[tp] / 86400.0));
        const std::int64_t offset =
            rng.bernoulli(m.ontime[tp]) ? rng.range(1, days - 2) : rng.range(days + 1, 2 * days);
        return batch ? batch_at(day_of(start) + offset) : work_time(start + offset * us_day, 0);
    }

    // The earliest contact-centre time at or after `earliest` (Mon-Sat 08:00-20:00):
    // kept if the centre is open, else a random time on the next open day.
    Timestamp contact_time(Timestamp earliest) {
        Day d = day_of(earliest);
        const Timestamp tod = time_of_day(earliest);
        if (m.cal.is_contact_day(d) && tod >= 8 * us_hour && tod < 20 * us_hour) {
            return earliest;
        }
        if (tod >= 8 * us_hour) {
            ++d;
        }
        d = m.cal.next_contact_day(d);
        return at(d, rng.range(8 * 3600, 20 * 3600 - 1));
    }

    // A customer reacting to something seen at `seen` (exponential delay).
    Timestamp reaction(Timestamp seen) {
        const double days = rng.exponential(sc.delays.reaction_mean_days);
        return contact_time(seen + static_cast<Timestamp>(days * static_cast<double>(us_day)));
    }

    // When a letter sent at `sent` arrives.
    Timestamp letter(Timestamp sent) {
        return sent + rng.range(sc.delays.letter_min_days, sc.delays.letter_max_days) * us_day;
    }

    // Contact-centre wait in seconds (exponential plus a long tail).
    std::int32_t cc_wait() {
        if (rng.bernoulli(sc.delays.cc_tail)) {
            return static_cast<std::int32_t>(
                rng.range(sc.delays.cc_tail_min_s, sc.delays.cc_tail_max_s));
        }
        return static_cast<std::int32_t>(std::llround(rng.exponential(sc.delays.cc_wait_mean_s)));
    }

    // Handling time in seconds (lognormal).
    std::int32_t handle_time() {
        return static_cast<std::int32_t>(std::max<long long>(
            30, std::llround(rng.lognormal(sc.delays.aht_median_s, sc.delays.aht_sigma))));
    }

    // A journey start time: the day from the stratified arrival profile
    // (journey i of n draws its quantile in [i/n, (i+1)/n)), the time from the
    // channel's opening hours (assisted 08:00-20:00, digital 07:00-23:00).
    Timestamp arrival(bool assisted) {
        const double u = (static_cast<double>(m_index) + rng.uniform()) /
                         static_cast<double>(std::max<std::uint64_t>(1, m.opt.journeys));
        const auto& cum = assisted ? m.cum_assisted : m.cum_digital;
        const auto it = std::upper_bound(cum.begin(), cum.end(), u);
        const auto offset =
            std::min<std::ptrdiff_t>(it - cum.begin(), static_cast<std::ptrdiff_t>(cum.size()) - 1);
        const Day d = sc.period_start + offset;
        return assisted ? at(d, rng.range(8 * 3600, 20 * 3600 - 1))
                        : at(d, rng.range(7 * 3600, 23 * 3600 - 1));
    }

    // ---- the reaction queue ------------------------------------------------------

    // Schedules a contact; beyond max_pending (a runaway chain) it is dropped.
    void push(Timestamp time, std::uint8_t reason, std::uint8_t kind, std::int16_t ref = 0) {
        if (m_pending < max_pending && m_pushed < max_pushed) {
            m_queue[m_pending++] = Pending{time, reason, kind, ref};
            ++m_pushed;
        }
    }

    // Takes the earliest pending contact (ties: first pushed); false when empty.
    bool pop(Pending& out) {
        if (m_pending == 0) {
            return false;
        }
        std::size_t best = 0;
        for (std::size_t i = 1; i < m_pending; ++i) {
            if (m_queue[i].time < m_queue[best].time) {
                best = i;
            }
        }
        out = m_queue[best];
        for (std::size_t i = best + 1; i < m_pending; ++i) {
            m_queue[i - 1] = m_queue[i];
        }
        --m_pending;
        return true;
    }

    // Whether a stalled handoff is planted (DefectParams::orphan). Drawn from a
    // stream of its own, so that the other journeys' draws do not change with it.
    bool draw_orphan() const {
        if (m.def.orphan <= 0) {
            return false;
        }
        Xoshiro256ss r = journey_stream(m.opt.seed ^ orphan_salt, m_index);
        return r.bernoulli(m.def.orphan);
    }

    // Ends a journey at a planted stalled handoff: nothing follows, the end
    // milestone is never reached (J1 fails, red), no survey. Churn follows the churn
    // model of a red journey but leaves no event: the move never reached the
    // systems that would record the loss. `bit` is the process's "orphan" bit of
    // JourneyTruth::defects.
    void end_orphan(std::uint32_t bit) {
        t.orphan = true;
        t.defects |= bit;
        t.end = no_timestamp;
        t.j[0] = 0;
        t.j[1] = t.fd_contacts <= sc.outcomes.fd_max ? 1 : 0;
        t.j[2] = t.rebills == 0 ? 1 : 0;
        t.j[3] = t.complaint ? 0 : 1;
        t.j[4] = t.wrongful_dunning ? 0 : 1;
        t.j[5] = -1;
        t.red = true;
        t.score = -1;
        const OutcomeParams& o = sc.outcomes;
        t.churn = rng.bernoulli(
            logistic(o.churn_intercept + o.churn_red + (t.complaint ? o.churn_complaint : 0.0)));
    }

    bool is_value_reason(std::uint8_t reason) const {
        const auto& v = m.cat->value_reasons;
        return std::find(v.begin(), v.end(), reason) != v.end();
    }

    // Sorts, cuts at extraction, numbers, measures SLA clocks, injects noise and
    // orders the events as written (generator.cpp).
    void finish();

private:
    // Salt of the orphan stream (see draw_orphan()).
    static constexpr std::uint64_t orphan_salt = 0x6F727068616E2D31ULL;
    static constexpr std::size_t max_pending = 32;
    static constexpr std::size_t max_pushed = 64; // contacts per journey, at most
    std::uint64_t m_index;
    std::uint32_t m_order = 0;
    std::uint16_t m_objects[16];
    Pending m_queue[max_pending];
    std::size_t m_pending = 0;
    std::size_t m_pushed = 0;
};

void simulate_move_house(Sim& s);
void simulate_telco(Sim& s);

} // namespace detail
} // namespace journey::sim
