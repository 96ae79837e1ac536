#include <journey/sim/spec_check.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <journey/core/binding.hpp>
#include <journey/sim/event_log.hpp>

namespace journey::sim {

std::vector<std::string> check_spec(const journey::Journey& spec, const Generator& generator,
                                    std::uint64_t sample_journeys) {
    std::vector<std::string> problems;
    const Catalogue& cat = generator.catalogue();
    for (const DepartmentInfo& d : cat.departments) {
        if (spec.find_department(d.code) == nullptr) {
            problems.push_back("department '" + d.code + "' is not in the spec");
        }
    }
    for (const TouchpointInfo& t : cat.touchpoints) {
        if (spec.find_touchpoint(t.id) == nullptr) {
            problems.push_back("touchpoint '" + t.id + "' is not in the spec");
        }
    }
    if (!problems.empty() || sample_journeys == 0) {
        return problems; // binding against a different process says nothing more
    }
    const EventLog log = to_event_log(generator, 0, sample_journeys);
    const Binding b = bind(spec, log);
    std::set<std::string, std::less<>> unbound;
    for (const ActivityCount& u : b.unmatched) {
        problems.push_back("activity '" + u.activity +
                           "' binds to no touchpoint and no class of the spec (" +
                           std::to_string(u.events) + " events)");
        unbound.insert(u.activity);
    }
    const journey::AttrColumn* simulated = log.event_attribute("touchpoint", AttrType::string);
    std::map<std::tuple<std::string, std::string, std::string>, std::uint64_t> differ;
    for (std::size_t e = 0; e < log.num_events(); ++e) {
        std::string ours;
        if (simulated != nullptr) {
            if (const std::int64_t* v = simulated->find(static_cast<std::uint32_t>(e))) {
                ours = std::string(log.values()[static_cast<Id>(*v)]);
            }
        }
        const std::string theirs = b.touchpoint[e] == Binding::unbound
                                       ? std::string()
                                       : spec.touchpoints[b.touchpoint[e]].id;
        const std::string_view activity = log.activity_names()[log.activities()[e]];
        if (ours != theirs && unbound.count(activity) == 0) {
            ++differ[{std::string(activity), theirs, ours}];
        }
    }
    for (const auto& [key, n] : differ) {
        const auto& [activity, theirs, ours] = key;
        problems.push_back("'" + activity + "' is bound to " +
                           (theirs.empty() ? std::string("no touchpoint") : theirs) +
                           " by the spec but simulated as " +
                           (ours.empty() ? std::string("no touchpoint") : ours) + " (" +
                           std::to_string(n) + " events)");
    }
    return problems;
}

} // namespace journey::sim
