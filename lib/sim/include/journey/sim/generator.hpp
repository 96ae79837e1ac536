#pragma once
/// @file
/// The journey generator: one journey at a time, from its own random stream.
///
///     journey::sim::Generator gen(scenario, {.journeys = 50000, .seed = 42});
///     journey::sim::SimulatedJourney j;
///     for (std::uint64_t i = 0; i < 50000; ++i) {
///         gen.generate(i, j); // j.events (sorted as written), j.truth
///     }

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/time.hpp>
#include <journey/sim/calendar.hpp>
#include <journey/sim/catalogue.hpp>
#include <journey/sim/scenario.hpp>

namespace journey::sim {

/// Bumped whenever the draw order or the model changes, so that (seed, config,
/// generator version) names one output exactly.
inline constexpr std::string_view generator_version = "journey-sim 3";

/// Per-event flags (SimEvent::flags).
namespace event_flag {
inline constexpr std::uint8_t date_only = 1;     ///< timestamp written as a date only (noise)
inline constexpr std::uint8_t account_only = 2;  ///< no case id, object = account (noise)
inline constexpr std::uint8_t late = 4;          ///< written after its block (noise)
inline constexpr std::uint8_t no_department = 8; ///< department left empty (noise)
inline constexpr std::uint8_t duplicate = 16;    ///< the second copy of a duplicated row (noise)
inline constexpr std::uint8_t skewed = 32;       ///< written with a clock skew (noise)
} // namespace event_flag

/// "No value" markers of the optional SimEvent fields.
inline constexpr std::int32_t no_int = INT32_MIN;
inline constexpr std::int64_t no_amount = INT64_MIN;

/// One simulated event; names are resolved through the Catalogue.
struct SimEvent {
    Timestamp time = 0;      ///< true local wall-clock time (microseconds, see calendar.hpp)
    Timestamp written = 0;   ///< UTC microseconds of the timestamp as written (after noise)
    std::uint32_t seq = 0;   ///< 1-based source sequence in true time order (`event_seq`)
    std::uint32_t order = 0; ///< emission order inside the generator (tie-break)
    std::uint16_t activity = 0;
    std::uint16_t resource = 0; ///< agent number 1..pool (agents, external); 0 = the system
    std::uint8_t department = 0;
    std::uint8_t touchpoint = 0; ///< 0 = none, else touchpoint index + 1
    std::uint8_t channel = 0;
    std::uint8_t object_type = 0;
    std::uint16_t object_no = 0; ///< instance number for numbered object types (1-based)
    Actor actor = Actor::system;
    std::uint8_t flags = 0; ///< event_flag bits
    // Attributes (0 / -1 / no_int / no_amount = not set); see Catalogue::attributes.
    std::uint8_t reason = 0;       ///< Catalogue::reasons index
    std::uint8_t abort_reason = 0; ///< Catalogue::reasons index (telco aborted visits)
    std::uint8_t disposition = 0, template_id = 0, read_reason = 0, read_type = 0, premise = 0;
    std::uint8_t tariff = 0, sent_to = 0, meter_type = 0, payment_method = 0, region = 0,
                 product = 0;
    std::int8_t csat = -1, journey_score = -1;                            ///< 0..10
    std::int8_t in_window = -1, port_on_date = -1, entered_same_day = -1; ///< booleans
    std::int32_t wait_s = no_int, handle_s = no_int;
    std::int32_t read_date = no_int, move_date = no_int, promised_date = no_int; ///< Day numbers
    std::int64_t amount_cents = no_amount, balance_cents = no_amount;
};

/// Ground truth of one journey: what was planted and what it led to (journeys.csv).
struct JourneyTruth {
    std::uint64_t index = 0;  ///< 0-based journey number
    std::uint8_t channel = 0; ///< start channel
    std::string variant;      ///< e.g. "phone+registration"
    Timestamp start = 0;      ///< journey start (local)
    /// End milestone (local): first accurate bill / service live; no_timestamp for an
    /// orphan, which never reaches it.
    Timestamp end = 0;
    std::int32_t move_declared = no_int, move_actual = no_int; ///< Day numbers (move house)
    bool censored = false; ///< still running at extraction time (some events unwritten)
    bool red = false;
    std::array<std::int8_t, 6> j{1, 1, 1, 1, 1, -1}; ///< J1..J6: 1 met, 0 failed, -1 n/a
    std::uint32_t defects = 0;                       ///< bit i = defect i (defect_names())
    std::uint16_t fd_contacts = 0, contacts = 0, transfers = 0, rebills = 0;
    std::uint16_t resolved_contacts = 0; ///< contacts with disposition "resolved"
    bool complaint = false, wrongful_dunning = false;
    bool pingpong = false; ///< an object-level ping-pong was planted (domain §4.3)
    bool reask = false;    ///< the customer was asked again for data (D11 / order correction)
    /// A stalled handoff was planted (DefectParams::orphan): the journey's last work
    /// event is the handover to another department, and nothing happens after it.
    bool orphan = false;
    std::uint16_t sla_instances = 0, sla_breaches = 0;
    std::int8_t score = -1;   ///< journey survey score, -1 = not surveyed
    bool churn = false;       ///< switched away within 90 days
    std::uint32_t events = 0; ///< events written (duplicates included)
    // data-quality noise injected into this journey's rows
    std::uint16_t noise_date_only = 0, noise_duplicates = 0, noise_missing_department = 0,
                  noise_account_only = 0, noise_late = 0;
    std::int32_t noise_skew_s = 0;
};

/// Defect names of a process, bit i of JourneyTruth::defects is name i.
JOURNEY_API const std::vector<std::string>& defect_names(Process p);

/// One generated journey.
struct SimulatedJourney {
    std::vector<SimEvent> events; ///< in written order: by (written, seq)
    JourneyTruth truth;
};

/// Run-level settings that shape every journey.
struct GeneratorOptions {
    std::uint64_t journeys =
        1000; ///< total journeys (start times are spread over the period by index)
    std::uint64_t seed = 42;
};

/// Generates journeys of a scenario. Journey i depends only on (scenario, options, i).
///
/// Thread-safety: generate() is const and may run concurrently on several threads
/// (each with its own SimulatedJourney object).
class JOURNEY_API Generator {
public:
    /// @throws journey::usage_error if the scenario fails Scenario::check().
    Generator(const Scenario& scenario, const GeneratorOptions& options);

    /// Simulates journey `index` (0-based) into `out`, reusing its buffers.
    void generate(std::uint64_t index, SimulatedJourney& out) const;

    const Scenario& scenario() const noexcept;
    const GeneratorOptions& options() const noexcept;
    const Catalogue& catalogue() const noexcept;
    const WorkCalendar& calendar() const noexcept;
    /// Local time after which nothing is written (period end + extraction lag).
    Timestamp extraction_time() const noexcept;
    /// Effective on-time probability of each touchpoint's SLA (after overrides).
    const std::vector<double>& ontime() const noexcept;
    /// Effective SLA target of each touchpoint (after overrides; 0 when it has none).
    const std::vector<double>& sla_targets() const noexcept;
    /// The case id of journey `index`: case prefix + 8-digit number (index + 1).
    std::string case_id(std::uint64_t index) const;

    struct Impl;

private:
    std::shared_ptr<const Impl> m_impl;
};

} // namespace journey::sim
