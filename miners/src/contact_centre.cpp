#include <journey/miners/contact_centre.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include <journey/core/error.hpp>
#include <journey/core/regex.hpp>

namespace journey::miners {

namespace {

double ratio(std::uint64_t a, std::uint64_t b) {
    return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

/// Per event: the value id of a string attribute (no_id when absent).
std::vector<Id> string_attr(const EventLog& log, std::string_view name) {
    std::vector<Id> v;
    for (const AttrColumn& c : log.event_attributes()) {
        if ((c.type != AttrType::string && c.type != AttrType::id) ||
            log.attribute_names()[c.key] != name) {
            continue;
        }
        if (v.empty()) {
            v.assign(log.num_events(), no_id);
        }
        for (std::size_t i = 0; i < c.rows.size(); ++i) {
            v[c.rows[i]] = static_cast<Id>(c.values[i]);
        }
    }
    return v;
}

/// Per event: a numeric attribute (integer or float), NaN when absent.
std::vector<double> number_attr(const EventLog& log, std::string_view name) {
    std::vector<double> v;
    for (const AttrColumn& c : log.event_attributes()) {
        if ((c.type != AttrType::integer && c.type != AttrType::real) ||
            log.attribute_names()[c.key] != name) {
            continue;
        }
        if (v.empty()) {
            v.assign(log.num_events(), std::numeric_limits<double>::quiet_NaN());
        }
        for (std::size_t i = 0; i < c.rows.size(); ++i) {
            v[c.rows[i]] = c.type == AttrType::integer ? static_cast<double>(c.values[i])
                                                       : attr_real(c.values[i]);
        }
    }
    return v;
}

/// Per table id: whether the name is one of `names`.
std::vector<std::uint8_t> name_set(const StringTable& table, const std::vector<std::string>& names) {
    std::vector<std::uint8_t> v(table.size(), 0);
    for (const std::string& n : names) {
        const Id id = table.find(n);
        if (id != StringTable::not_found && id != no_id) {
            v[id] = 1;
        }
    }
    return v;
}

bool shares_object(const HandoffContext& ctx, std::size_t a, std::size_t b) {
    const auto [p, pe] = ctx.objects_of(a);
    const auto [q, qe] = ctx.objects_of(b);
    for (const std::uint32_t* x = p; x != pe; ++x) {
        for (const std::uint32_t* y = q; y != qe; ++y) {
            if (*x == *y) {
                return true;
            }
        }
    }
    return false;
}

} // namespace

ContactCentreMetrics contact_centre_metrics(const EventLog& log, const HandoffContext& ctx,
                                            const ContactCentreOptions& o) {
    const std::size_t n = log.num_events();
    if ((!ctx.roles.empty() && ctx.roles.size() != n) ||
        (!ctx.object_offsets.empty() && ctx.object_offsets.size() != n + 1)) {
        throw usage_error("contact centre: the context does not belong to this log");
    }
    std::vector<Regex> step_res;
    for (const RedundantStepRule& rule : o.redundant_steps) {
        RegexError err;
        std::optional<Regex> re = Regex::compile(rule.pattern, true, &err);
        if (!re) {
            throw usage_error("contact centre: bad pattern /" + rule.pattern + "/ for '" +
                              rule.label + "': " + err.message);
        }
        step_res.push_back(std::move(*re));
    }
    // Per activity id: the redundant-step rules it matches (bit i = rule i, up to 32).
    std::vector<std::uint32_t> step_of(log.activity_names().size(), 0);
    for (std::size_t a = 1; a < step_of.size(); ++a) {
        for (std::size_t r = 0; r < step_res.size() && r < 32; ++r) {
            if (step_res[r].search(log.activity_names()[static_cast<Id>(a)])) {
                step_of[a] |= 1u << r;
            }
        }
    }

    ContactCentreMetrics m;
    m.journeys = log.num_cases();
    const auto ts = log.timestamps();
    const auto ch = log.channels();
    const auto dept = log.departments();
    const auto act = log.activities();
    const std::vector<Id> reason = string_attr(log, o.reason_attribute);
    const std::vector<Id> disposition = string_attr(log, o.disposition_attribute);
    const std::vector<Id> actor = string_attr(log, o.actor_attribute);
    const std::vector<double> wait = number_attr(log, o.wait_attribute);
    const std::vector<std::uint8_t> resolved = name_set(log.values(), o.resolved_values);
    const std::vector<std::uint8_t> digital = name_set(log.channel_names(), o.digital_channels);
    const std::vector<std::uint8_t> calls = name_set(log.channel_names(), o.call_channels);
    const Id customer = log.values().find("customer");
    const Id system_actor = log.values().find("system");
    const bool objects = !ctx.object_offsets.empty();

    std::vector<std::uint64_t> fcr_repeats(o.fcr_windows_s.size(), 0);
    std::vector<std::uint64_t> ch_contacts(log.channel_names().size(), 0);
    std::vector<std::uint64_t> ch_fd(log.channel_names().size(), 0);
    std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> by_reason;
    m.redundant_steps.resize(o.redundant_steps.size());
    for (std::size_t r = 0; r < o.redundant_steps.size(); ++r) {
        m.redundant_steps[r].label = o.redundant_steps[r].label;
    }
    double wait_sum = 0;
    std::vector<std::size_t> contacts;
    std::vector<Id> channels;
    std::vector<std::uint32_t> step_count(o.redundant_steps.size(), 0);

    for (std::size_t c = 0; c < log.num_cases(); ++c) {
        const std::size_t b = log.case_begin(c);
        const std::size_t e = log.case_end(c);
        contacts.clear();
        channels.clear();
        std::fill(step_count.begin(), step_count.end(), 0u);
        for (std::size_t i = b; i < e; ++i) {
            const std::uint32_t role = ctx.role(i);
            for (std::size_t r = 0; r < step_count.size() && r < 32; ++r) {
                if ((step_of[act[i]] >> r & 1u) != 0) {
                    ++step_count[r];
                }
            }
            if ((role & event_role::abandoned) != 0) {
                ++m.abandoned;
                if (!wait.empty() && !std::isnan(wait[i]) && wait[i] < o.short_abandon_s) {
                    ++m.short_abandons;
                }
            }
            if ((role & event_role::contact) == 0) {
                continue;
            }
            contacts.push_back(i);
            const bool fd = (role & event_role::failure_demand) != 0;
            ++m.contacts;
            if (fd) {
                ++m.failure_demand;
            } else {
                ++m.value_demand;
            }
            ++ch_contacts[ch[i]];
            if (fd) {
                ++ch_fd[ch[i]];
            }
            if (ch[i] != no_id) {
                channels.push_back(ch[i]);
            }
            if (!reason.empty() && reason[i] != no_id) {
                auto& rc = by_reason[std::string(log.values()[reason[i]])];
                ++rc.first;
                if (fd) {
                    ++rc.second;
                }
            }
            if (!disposition.empty() && disposition[i] != no_id) {
                ++m.with_disposition;
                if (resolved[disposition[i]] != 0) {
                    ++m.resolved;
                }
            }
            if (!wait.empty() && !std::isnan(wait[i])) {
                ++m.with_wait;
                wait_sum += wait[i];
                if (wait[i] <= o.service_level_s) {
                    ++m.within_service_level;
                }
            }
        }
        for (std::size_t r = 0; r < step_count.size(); ++r) {
            if (step_count[r] > 0) {
                ++m.redundant_steps[r].journeys_with_step;
            }
            if (step_count[r] > 1) {
                ++m.redundant_steps[r].journeys_repeated;
                m.redundant_steps[r].extra += step_count[r] - 1;
            }
        }
        // Digital fallback: a customer attempt online, then a call within the window.
        bool attempt = false;
        bool fallback = false;
        for (std::size_t i = b; i < e; ++i) {
            if (digital[ch[i]] == 0) {
                continue;
            }
            const bool by_customer = (ctx.role(i) & event_role::contact) != 0 ||
                                     (!actor.empty() && customer != StringTable::not_found &&
                                      actor[i] == customer);
            if (!by_customer) {
                continue;
            }
            attempt = true;
            for (const std::size_t y : contacts) {
                if (y > i && calls[ch[y]] != 0 && ts[i] != no_timestamp && ts[y] != no_timestamp &&
                    ts[y] - ts[i] <= o.fallback_s * micros_per_second) {
                    fallback = true;
                }
            }
        }
        if (attempt) {
            ++m.digital_attempt_journeys;
        }
        if (fallback) {
            ++m.digital_fallback_journeys;
        }
        if (contacts.empty()) {
            continue;
        }
        ++m.journeys_with_contact;
        std::sort(channels.begin(), channels.end());
        if (std::unique(channels.begin(), channels.end()) - channels.begin() >= 2) {
            ++m.multichannel_journeys;
        }

        // Repeat contacts within each window.
        for (std::size_t k = 0; k < contacts.size(); ++k) {
            const std::size_t x = contacts[k];
            for (std::size_t w = 0; w < o.fcr_windows_s.size(); ++w) {
                const std::int64_t win = o.fcr_windows_s[w] * micros_per_second;
                for (std::size_t l = k + 1; l < contacts.size(); ++l) {
                    const std::size_t y = contacts[l];
                    if (ts[x] == no_timestamp || ts[y] == no_timestamp) {
                        continue;
                    }
                    const std::int64_t d = ts[y] - ts[x];
                    if (d > win) {
                        break;
                    }
                    if (d <= 0) {
                        continue;
                    }
                    if (o.fcr_same_reason && !reason.empty() && reason[x] != reason[y]) {
                        continue;
                    }
                    ++fcr_repeats[w];
                    break;
                }
            }
        }

        // Transfers within each contact.
        for (std::size_t k = 0; k < contacts.size(); ++k) {
            const std::size_t x = contacts[k];
            const bool by_object = objects && ctx.objects_of(x).first != ctx.objects_of(x).second;
            Id cur = dept[x];
            std::uint32_t changes = 0;
            std::uint32_t transfer_events = (ctx.role(x) & event_role::transfer) != 0 ? 1 : 0;
            for (std::size_t y = x + 1; y < e; ++y) {
                // A contact is one session: events within the session window, on the
                // contact's object (without objects: on its channel). Work the back
                // office does on the same object later is not part of the contact, and
                // neither are system or customer steps (a transfer hands the customer
                // from one agent to another).
                const bool in_session = ts[x] != no_timestamp && ts[y] != no_timestamp &&
                                        ts[y] - ts[x] <= o.session_s * micros_per_second;
                const bool in_contact =
                    in_session && (by_object ? shares_object(ctx, x, y) : ch[y] == ch[x]);
                if (!in_contact) {
                    continue;
                }
                if (!actor.empty() && actor[y] != no_id &&
                    (actor[y] == customer || actor[y] == system_actor)) {
                    continue;
                }
                if ((ctx.role(y) & event_role::contact) != 0) {
                    break; // the next contact
                }
                if ((ctx.role(y) & event_role::transfer) != 0) {
                    ++transfer_events;
                }
                if (dept[y] != no_id && dept[y] != cur) {
                    if (cur != no_id) {
                        ++changes;
                    }
                    cur = dept[y];
                }
            }
            const std::uint32_t transfers = std::max(changes, transfer_events);
            if (transfers > 0) {
                ++m.transferred;
                m.transfers += transfers;
            }
            if (transfers > o.many_transfers) {
                ++m.many_transfers;
            }
        }

    }

    m.contacts_per_journey = ratio(m.contacts, m.journeys);
    m.failure_demand_per_journey = ratio(m.failure_demand, m.journeys);
    m.failure_demand_ratio = ratio(m.failure_demand, m.contacts);
    m.self_reported_fcr = ratio(m.resolved, m.with_disposition);
    for (std::size_t w = 0; w < o.fcr_windows_s.size(); ++w) {
        FcrWindow f;
        f.window_s = o.fcr_windows_s[w];
        f.repeated = fcr_repeats[w];
        f.fcr = m.contacts == 0 ? 0.0 : 1.0 - ratio(fcr_repeats[w], m.contacts);
        f.gap = m.with_disposition == 0 ? 0.0 : m.self_reported_fcr - f.fcr;
        m.fcr.push_back(f);
    }
    m.transfer_rate = ratio(m.transferred, m.contacts);
    m.service_level = ratio(m.within_service_level, m.with_wait);
    m.asa_s = m.with_wait == 0 ? 0.0 : wait_sum / static_cast<double>(m.with_wait);
    m.offered = m.contacts + m.abandoned;
    m.abandonment_rate = ratio(m.abandoned, m.offered);
    m.abandonment_rate_excl_short =
        ratio(m.abandoned - m.short_abandons, m.offered - m.short_abandons);
    m.channel_switching_rate = ratio(m.multichannel_journeys, m.journeys_with_contact);
    m.digital_fallback_rate = ratio(m.digital_fallback_journeys, m.digital_attempt_journeys);
    for (RedundantStep& s : m.redundant_steps) {
        s.rate = ratio(s.journeys_repeated, s.journeys_with_step);
    }
    for (std::size_t i = 0; i < ch_contacts.size(); ++i) {
        if (ch_contacts[i] > 0) {
            m.channels.push_back(
                {std::string(log.channel_names()[static_cast<Id>(i)]), ch_contacts[i], ch_fd[i]});
        }
    }
    std::sort(m.channels.begin(), m.channels.end(),
              [](const ChannelContacts& a, const ChannelContacts& b) { return a.channel < b.channel; });
    for (const auto& [r, counts] : by_reason) {
        m.reasons.push_back({r, counts.first, counts.second});
    }
    std::stable_sort(m.reasons.begin(), m.reasons.end(),
                     [](const ReasonContacts& a, const ReasonContacts& b) {
                         return a.contacts > b.contacts;
                     });
    return m;
}

} // namespace journey::miners
