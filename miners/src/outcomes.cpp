#include <journey/miners/outcomes.hpp>

#include "engine.hpp"

namespace journey::miners {

std::string_view journey_state_name(JourneyState s) noexcept {
    switch (s) {
    case JourneyState::green:
        return "green";
    case JourneyState::red:
        return "red";
    case JourneyState::censored:
        return "censored";
    case JourneyState::no_start:
        return "no_start";
    }
    return "no_start";
}

JourneyEvaluator::JourneyEvaluator(const Journey& spec, const EventLog& log,
                                   EvaluationOptions options)
    : m_engine(std::make_unique<detail::Engine>(spec, log, std::move(options))) {}

JourneyEvaluator::JourneyEvaluator(JourneyEvaluator&&) noexcept = default;
JourneyEvaluator& JourneyEvaluator::operator=(JourneyEvaluator&&) noexcept = default;
JourneyEvaluator::~JourneyEvaluator() = default;

const Journey& JourneyEvaluator::spec() const noexcept { return m_engine->spec(); }
const EventLog& JourneyEvaluator::log() const noexcept { return m_engine->log(); }
Timestamp JourneyEvaluator::as_of() const noexcept { return m_engine->as_of(); }
const std::string& JourneyEvaluator::score_attribute() const noexcept {
    return m_engine->options().score_attribute;
}
const std::vector<MeasureInfo>& JourneyEvaluator::measures() const noexcept {
    return m_engine->measures();
}

JourneyResult JourneyEvaluator::evaluate(std::size_t c) const {
    detail::Scratch s = m_engine->make_scratch();
    detail::CaseEval ev;
    m_engine->evaluate(c, s, ev);
    JourneyResult r;
    r.state = ev.state;
    r.start = ev.start_ts;
    r.end = (ev.state == JourneyState::green || ev.state == JourneyState::red) ? ev.end_ts
                                                                                : no_timestamp;
    r.outcomes = ev.outcomes;
    r.score = ev.score;
    r.instances = ev.instances;
    r.kpi_instances.assign(ev.m_instances.size(), 0);
    r.kpi_met.assign(ev.m_instances.size(), 0);
    for (std::size_t m = 0; m < ev.m_instances.size(); ++m) {
        if (m_engine->measures()[m].kind == MeasureInfo::Kind::kpi) {
            r.kpi_instances[m] = ev.m_instances[m];
            r.kpi_met[m] = ev.m_met[m];
        }
    }
    r.dark_share = ev.dark_share;
    r.segments = ev.segments;
    return r;
}

namespace {

struct OutcomeColumns {
    std::size_t first = 0;
    JourneyOutcomes data;
    void merge(const OutcomeColumns& o) {
        data.state.insert(data.state.end(), o.data.state.begin(), o.data.state.end());
        data.start.insert(data.start.end(), o.data.start.begin(), o.data.start.end());
        data.end.insert(data.end.end(), o.data.end.begin(), o.data.end.end());
        data.results.insert(data.results.end(), o.data.results.begin(), o.data.results.end());
        data.score.insert(data.score.end(), o.data.score.begin(), o.data.score.end());
    }
};

} // namespace

JourneyOutcomes evaluate_outcomes(const Journey& spec, const EventLog& log,
                                  const EvaluationOptions& options, unsigned threads) {
    const detail::Engine engine(spec, log, options);
    OutcomeColumns all = detail::run_parallel<OutcomeColumns>(
        log, threads, [] { return OutcomeColumns{}; },
        [&](OutcomeColumns& acc, std::size_t first, std::size_t last) {
            detail::Scratch s = engine.make_scratch();
            detail::CaseEval ev;
            for (std::size_t c = first; c < last; ++c) {
                engine.evaluate(c, s, ev);
                const bool ended =
                    ev.state == JourneyState::green || ev.state == JourneyState::red;
                acc.data.state.push_back(ev.state);
                acc.data.start.push_back(ev.start_ts);
                acc.data.end.push_back(ended ? ev.end_ts : no_timestamp);
                acc.data.results.insert(acc.data.results.end(), ev.outcomes.begin(),
                                        ev.outcomes.end());
                acc.data.score.push_back(ev.score);
            }
        });
    for (const Outcome& o : spec.outcomes) {
        all.data.outcome_ids.push_back(o.id);
    }
    return std::move(all.data);
}

std::vector<JourneyState> journey_states(const Journey& spec, const EventLog& log,
                                         const EvaluationOptions& options, unsigned threads) {
    return evaluate_outcomes(spec, log, options, threads).state;
}

} // namespace journey::miners
