#pragma once
/// @file
/// Contact-centre metrics of journeys (domain §4.6, docs/metrics.md): contacts per
/// journey, failure demand, repeat-based first-contact resolution next to the
/// self-reported one, transfers, service level and abandonment, channel switching,
/// digital fallback and redundant steps.
///
/// A contact is an event of a class with role `value_demand` or `failure_demand`
/// (HandoffContext roles); abandoned contacts are events of the abandoned classes.
/// Without such classes there are no contacts and every figure is zero.

#include <cstdint>
#include <string>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/event_log.hpp>
#include <journey/miners/handoff_context.hpp>

namespace journey::miners {

/// A step that should happen once per journey, found by activity name.
struct RedundantStepRule {
    std::string label;   ///< e.g. "identity verification"
    std::string pattern; ///< journey::Regex, case insensitive, searched in the activity name
    friend bool operator==(const RedundantStepRule&, const RedundantStepRule&) = default;
};

struct ContactCentreOptions {
    /// Repeat windows W for FCR_W (seconds), e.g. 7 and 30 days.
    std::vector<std::int64_t> fcr_windows_s{7 * 86400, 30 * 86400};
    /// A repeat must have the same reason (attribute reason_attribute) as the contact.
    bool fcr_same_reason = false;
    std::string reason_attribute = "reason";
    /// Self-reported FCR: the agent's disposition and the values that mean "resolved".
    std::string disposition_attribute = "disposition";
    std::vector<std::string> resolved_values{"resolved"};
    /// Speed of answer (seconds, integer or float attribute) and the service-level target.
    std::string wait_attribute = "wait_s";
    double service_level_s = 20;
    /// Abandons quicker than this are "short" (reported, and excluded in one rate).
    double short_abandon_s = 5;
    /// Without work objects a contact spans the events on its channel within this
    /// time after it (seconds), until the next contact.
    std::int64_t session_s = 3600;
    /// A contact transferred more than this many times is reported.
    std::uint32_t many_transfers = 2;
    /// Digital fallback: an attempt on one of these channels by the customer (a
    /// contact, or an event whose actor attribute is `customer`) followed by a contact
    /// on a call channel within fallback_s.
    std::vector<std::string> digital_channels{"web", "app"};
    std::vector<std::string> call_channels{"phone"};
    std::int64_t fallback_s = 86400;
    std::string actor_attribute = "actor_type";
    /// Steps that should happen once per journey.
    std::vector<RedundantStepRule> redundant_steps{
        {"identity verification", "identity|verif|id&v"}};
};

/// FCR for one repeat window.
struct FcrWindow {
    std::int64_t window_s = 0;
    std::uint64_t repeated = 0; ///< contacts followed by another contact within the window
    double fcr = 0;             ///< 1 − repeated / contacts
    double gap = 0;             ///< self-reported FCR − fcr (the contact-level watermelon)
    friend bool operator==(const FcrWindow&, const FcrWindow&) = default;
};

/// Contacts on one channel.
struct ChannelContacts {
    std::string channel;
    std::uint64_t contacts = 0;
    std::uint64_t failure_demand = 0;
    friend bool operator==(const ChannelContacts&, const ChannelContacts&) = default;
};

/// Contacts with one reason.
struct ReasonContacts {
    std::string reason;
    std::uint64_t contacts = 0;
    std::uint64_t failure_demand = 0;
    friend bool operator==(const ReasonContacts&, const ReasonContacts&) = default;
};

struct RedundantStep {
    std::string label;
    std::uint64_t journeys_with_step = 0;
    std::uint64_t journeys_repeated = 0; ///< journeys where it happened more than once
    std::uint64_t extra = 0;             ///< occurrences beyond the first, summed
    double rate = 0;                     ///< journeys_repeated / journeys_with_step
    friend bool operator==(const RedundantStep&, const RedundantStep&) = default;
};

struct ContactCentreMetrics {
    std::uint64_t journeys = 0;
    std::uint64_t contacts = 0;
    std::uint64_t value_demand = 0;
    std::uint64_t failure_demand = 0;
    double contacts_per_journey = 0;
    double failure_demand_per_journey = 0;
    double failure_demand_ratio = 0; ///< failure_demand / contacts
    std::uint64_t journeys_with_contact = 0;

    std::vector<FcrWindow> fcr; ///< in the order of ContactCentreOptions::fcr_windows_s
    std::uint64_t with_disposition = 0;
    std::uint64_t resolved = 0;
    double self_reported_fcr = 0; ///< resolved / with_disposition

    std::uint64_t transferred = 0;     ///< contacts with at least one transfer
    std::uint64_t transfers = 0;
    double transfer_rate = 0;          ///< transferred / contacts
    std::uint64_t many_transfers = 0;  ///< contacts with more than options.many_transfers

    std::uint64_t with_wait = 0;
    std::uint64_t within_service_level = 0;
    double service_level = 0;   ///< within / with_wait
    double asa_s = 0;           ///< mean speed of answer
    std::uint64_t abandoned = 0;
    std::uint64_t short_abandons = 0;
    std::uint64_t offered = 0;  ///< contacts + abandoned
    double abandonment_rate = 0; ///< abandoned / offered
    double abandonment_rate_excl_short = 0;

    std::uint64_t multichannel_journeys = 0;
    double channel_switching_rate = 0; ///< multichannel / journeys with a contact
    std::uint64_t digital_attempt_journeys = 0;
    std::uint64_t digital_fallback_journeys = 0;
    double digital_fallback_rate = 0; ///< fallback / attempt journeys

    std::vector<RedundantStep> redundant_steps; ///< in options order
    std::vector<ChannelContacts> channels;       ///< sorted by channel
    std::vector<ReasonContacts> reasons;         ///< by contacts descending, then reason
    friend bool operator==(const ContactCentreMetrics&, const ContactCentreMetrics&) = default;
};

/// The contact-centre metrics of a log.
/// @throws journey::usage_error when a redundant-step pattern does not compile or the
///         context does not belong to the log.
JOURNEY_API ContactCentreMetrics contact_centre_metrics(const EventLog& log,
                                                        const HandoffContext& context,
                                                        const ContactCentreOptions& options = {});

} // namespace journey::miners
