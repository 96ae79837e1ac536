#include <journey/miners/handoff_signals.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <journey/core/error.hpp>
#include <journey/core/regex.hpp>

namespace journey::miners {

namespace {

/// Per-event values of one attribute (all types): type + 1 (0 = none) and the raw value.
struct AttrValues {
    std::vector<std::uint8_t> type;
    std::vector<std::int64_t> raw;
    bool present = false;

    bool has(std::size_t e) const { return present && type[e] != 0; }
    bool same(std::size_t a, std::size_t b) const { return type[a] == type[b] && raw[a] == raw[b]; }
};

AttrValues values_of(const EventLog& log, std::string_view name) {
    AttrValues v;
    for (const AttrColumn& c : log.event_attributes()) {
        if (log.attribute_names()[c.key] != name) {
            continue;
        }
        if (!v.present) {
            v.type.assign(log.num_events(), 0);
            v.raw.assign(log.num_events(), 0);
            v.present = true;
        }
        for (std::size_t i = 0; i < c.rows.size(); ++i) {
            // Empty strings are no value.
            if ((c.type == AttrType::string || c.type == AttrType::id) &&
                log.values()[static_cast<Id>(c.values[i])].empty()) {
                continue;
            }
            v.type[c.rows[i]] = static_cast<std::uint8_t>(static_cast<int>(c.type) + 1);
            v.raw[c.rows[i]] = c.values[i];
        }
    }
    return v;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

double ratio(std::uint64_t a, std::uint64_t b) {
    return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

} // namespace

InformationLoss information_loss(const EventLog& log, const HandoffContext& ctx,
                                 const SignalOptions& o) {
    const std::size_t n = log.num_events();
    if ((!ctx.roles.empty() && ctx.roles.size() != n) ||
        (!ctx.object_offsets.empty() && ctx.object_offsets.size() != n + 1) ||
        (!ctx.touchpoints.empty() && ctx.touchpoints.size() != n)) {
        throw usage_error("handoff signals: the context does not belong to this log");
    }
    RegexError rerr;
    const std::optional<Regex> status = Regex::compile(o.status_pattern, true, &rerr);
    if (!status) {
        throw usage_error("handoff signals: bad status pattern /" + o.status_pattern +
                          "/: " + rerr.message);
    }
    InformationLoss out;
    out.journeys = log.num_cases();
    out.case_flags.assign(log.num_cases(), 0);
    const auto ts = log.timestamps();
    const auto dept = log.departments();
    const auto act = log.activities();
    const StringTable& dnames = log.department_names();

    // IL3: attribute drift across departments.
    for (const std::string& name : o.drift_attributes) {
        const AttrValues v = values_of(log, name);
        if (!v.present) {
            continue;
        }
        AttributeDrift d;
        d.attribute = name;
        std::map<std::pair<std::string, std::string>, std::uint64_t> pair_cases;
        std::vector<std::size_t> events;
        std::vector<std::pair<Id, Id>> pairs;
        for (std::size_t c = 0; c < log.num_cases(); ++c) {
            events.clear();
            for (std::size_t e = log.case_begin(c); e < log.case_end(c); ++e) {
                if (v.has(e) && dept[e] != no_id) {
                    events.push_back(e);
                }
            }
            bool two_departments = false;
            pairs.clear();
            for (std::size_t i = 0; i < events.size(); ++i) {
                for (std::size_t j = i + 1; j < events.size(); ++j) {
                    const Id x = dept[events[i]];
                    const Id y = dept[events[j]];
                    if (x == y) {
                        continue;
                    }
                    two_departments = true;
                    if (!v.same(events[i], events[j])) {
                        pairs.emplace_back(std::min(x, y), std::max(x, y));
                    }
                }
            }
            if (two_departments) {
                ++d.cases_with_value;
            }
            if (pairs.empty()) {
                continue;
            }
            std::sort(pairs.begin(), pairs.end());
            pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
            ++d.cases;
            d.inconsistencies += pairs.size();
            out.case_flags[c] |= signal_flag::drift;
            for (const auto& [x, y] : pairs) {
                std::string a(dnames[x]);
                std::string b(dnames[y]);
                if (b < a) {
                    std::swap(a, b);
                }
                ++pair_cases[{a, b}];
            }
        }
        d.rate = ratio(d.cases, d.cases_with_value);
        for (const auto& [k, cases] : pair_cases) {
            d.pairs.push_back({k.first, k.second, cases});
        }
        out.drift.push_back(std::move(d));
    }

    // IL3b: contradictory outbound messages.
    {
        std::vector<AttrValues> attrs;
        for (const std::string& name : o.message_attributes) {
            AttrValues v = values_of(log, name);
            if (v.present) {
                attrs.push_back(std::move(v));
            }
        }
        std::set<std::pair<Id, Id>> conflicts;
        for (const auto& [a, b] : o.conflicting_activities) {
            const Id x = log.activity_names().find(a);
            const Id y = log.activity_names().find(b);
            if (x != StringTable::not_found && y != StringTable::not_found) {
                conflicts.emplace(x, y);
                conflicts.emplace(y, x);
            }
        }
        const std::int64_t window = o.message_window_s * micros_per_second;
        std::vector<std::size_t> msgs;
        for (std::size_t c = 0; c < log.num_cases(); ++c) {
            msgs.clear();
            for (std::size_t e = log.case_begin(c); e < log.case_end(c); ++e) {
                if ((ctx.role(e) & event_role::outbound) != 0) {
                    msgs.push_back(e);
                }
            }
            out.outbound_messages += msgs.size();
            bool any = false;
            for (std::size_t i = 0; i < msgs.size(); ++i) {
                for (std::size_t j = i + 1; j < msgs.size(); ++j) {
                    const std::size_t x = msgs[i];
                    const std::size_t y = msgs[j];
                    if (ts[x] == no_timestamp || ts[y] == no_timestamp || ts[y] - ts[x] > window) {
                        break;
                    }
                    bool by_value = false;
                    for (const AttrValues& v : attrs) {
                        if (v.has(x) && v.has(y) && !v.same(x, y)) {
                            by_value = true;
                        }
                    }
                    const bool by_intent = conflicts.count({act[x], act[y]}) != 0;
                    if (by_value || by_intent) {
                        ++out.contradictory_pairs;
                        any = true;
                    }
                    if (by_value) {
                        ++out.contradictions_by_value;
                    }
                    if (by_intent) {
                        ++out.contradictions_by_intent;
                    }
                }
            }
            if (any) {
                ++out.contradiction_cases;
                out.case_flags[c] |= signal_flag::contradiction;
            }
        }
        out.contradiction_rate = ratio(out.contradiction_cases, out.journeys);
    }

    // IL4: status chases.
    {
        const AttrValues reason = values_of(log, o.reason_attribute);
        out.status_method = reason.present ? "reason" : "heuristic";
        const std::int64_t quiet = o.status_quiet_s * micros_per_second;
        std::map<std::uint32_t, std::pair<Timestamp, Timestamp>> spans; // object -> first, last work
        for (std::size_t c = 0; c < log.num_cases(); ++c) {
            const std::size_t b = log.case_begin(c);
            const std::size_t e = log.case_end(c);
            spans.clear();
            Timestamp first_work = no_timestamp;
            Timestamp last_work = no_timestamp;
            if (!reason.present) {
                for (std::size_t i = b; i < e; ++i) {
                    if ((ctx.role(i) & event_role::non_work) != 0 || ts[i] == no_timestamp) {
                        continue;
                    }
                    if (first_work == no_timestamp) {
                        first_work = ts[i];
                    }
                    last_work = ts[i];
                    const auto [p, pe] = ctx.objects_of(i);
                    for (const std::uint32_t* q = p; q != pe; ++q) {
                        auto [it, fresh] = spans.try_emplace(*q, ts[i], ts[i]);
                        if (!fresh) {
                            it->second.second = ts[i];
                        }
                    }
                }
            }
            bool chased = false;
            for (std::size_t i = b; i < e; ++i) {
                if ((ctx.role(i) & event_role::contact) == 0) {
                    continue;
                }
                ++out.inbound_contacts;
                bool chase = false;
                if (reason.present) {
                    if (reason.has(i)) {
                        const auto type = static_cast<AttrType>(reason.type[i] - 1);
                        const std::string text =
                            type == AttrType::string || type == AttrType::id
                                ? std::string(log.values()[static_cast<Id>(reason.raw[i])])
                                : std::to_string(reason.raw[i]);
                        chase = status->search(text);
                    }
                } else if (ts[i] != no_timestamp) {
                    bool open = false;
                    if (spans.empty()) {
                        open = first_work != no_timestamp && first_work < ts[i] && last_work > ts[i];
                    } else {
                        for (const auto& [obj, span] : spans) {
                            if (span.first < ts[i] && span.second > ts[i]) {
                                open = true;
                                break;
                            }
                        }
                    }
                    bool sent = false;
                    for (std::size_t k = b; k < i && open; ++k) {
                        if ((ctx.role(k) & event_role::outbound) != 0 && ts[k] != no_timestamp &&
                            ts[i] - ts[k] <= quiet) {
                            sent = true;
                        }
                    }
                    chase = open && !sent;
                }
                if (chase) {
                    ++out.status_chases;
                    chased = true;
                }
            }
            if (chased) {
                ++out.status_chase_cases;
                out.case_flags[c] |= signal_flag::status_chase;
            }
        }
        out.status_chase_share = ratio(out.status_chases, out.inbound_contacts);
    }

    // IL5: designed touchpoints a journey never reached.
    if (!ctx.touchpoints.empty()) {
        std::vector<std::uint32_t> expected;
        for (const std::string& id : ctx.expected_touchpoints) {
            const auto it = std::find(ctx.touchpoint_ids.begin(), ctx.touchpoint_ids.end(), id);
            if (it != ctx.touchpoint_ids.end()) {
                expected.push_back(static_cast<std::uint32_t>(it - ctx.touchpoint_ids.begin()));
                out.missing.push_back({id, 0, 0});
            }
        }
        std::vector<std::uint8_t> seen(ctx.touchpoint_ids.size(), 0);
        for (std::size_t c = 0; c < log.num_cases(); ++c) {
            std::fill(seen.begin(), seen.end(), 0);
            for (std::size_t e = log.case_begin(c); e < log.case_end(c); ++e) {
                if (ctx.touchpoints[e] < seen.size()) {
                    seen[ctx.touchpoints[e]] = 1;
                }
            }
            for (std::size_t k = 0; k < expected.size(); ++k) {
                if (seen[expected[k]] == 0) {
                    ++out.missing[k].journeys;
                    out.case_flags[c] |= signal_flag::missing_touchpoint;
                }
            }
        }
        for (MissingTouchpoint& m : out.missing) {
            m.rate = ratio(m.journeys, out.journeys);
        }
    }

    // IL6: more than one entity of a type per journey.
    {
        std::vector<std::size_t> types;
        for (std::size_t t = 0; t < ctx.object_type_names.size(); ++t) {
            const std::string name = lower(ctx.object_type_names[t]);
            if (std::any_of(o.entity_types.begin(), o.entity_types.end(),
                            [&](const std::string& x) { return lower(x) == name; })) {
                types.push_back(t);
            }
        }
        std::vector<std::uint32_t> objs;
        for (const std::size_t t : types) {
            DuplicateEntity d;
            d.object_type = ctx.object_type_names[t];
            for (std::size_t c = 0; c < log.num_cases(); ++c) {
                objs.clear();
                for (std::size_t e = log.case_begin(c); e < log.case_end(c); ++e) {
                    const auto [p, pe] = ctx.objects_of(e);
                    for (const std::uint32_t* q = p; q != pe; ++q) {
                        if (ctx.object_types[*q] == t) {
                            objs.push_back(*q);
                        }
                    }
                }
                std::sort(objs.begin(), objs.end());
                objs.erase(std::unique(objs.begin(), objs.end()), objs.end());
                if (objs.empty()) {
                    continue;
                }
                ++d.cases_with_entity;
                d.max_per_case = std::max(d.max_per_case, static_cast<std::uint32_t>(objs.size()));
                if (objs.size() > 1) {
                    ++d.cases;
                    out.case_flags[c] |= signal_flag::duplicate;
                }
            }
            d.rate = ratio(d.cases, out.journeys);
            out.duplicates.push_back(std::move(d));
        }
        std::sort(out.duplicates.begin(), out.duplicates.end(),
                  [](const DuplicateEntity& a, const DuplicateEntity& b) {
                      return a.object_type < b.object_type;
                  });
    }
    return out;
}

} // namespace journey::miners
