#include <journey/sim/scenario.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include <journey/core/error.hpp>
#include <journey/core/time.hpp>

namespace journey::sim {

namespace {

// A bad value; the caller adds the key (set()) or the location (parser).
struct ValueError {
    std::string message;
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

std::string format_number(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

double parse_real(std::string_view v) {
    v = trim(v);
    if (!v.empty() && v.front() == '+') {
        v.remove_prefix(1);
    }
    double d = 0;
    const auto r = std::from_chars(v.data(), v.data() + v.size(), d);
    if (v.empty() || r.ec != std::errc() || r.ptr != v.data() + v.size() || !std::isfinite(d)) {
        throw ValueError{"'" + std::string(v) + "' is not a number"};
    }
    return d;
}

std::int64_t parse_integer(std::string_view v) {
    v = trim(v);
    if (!v.empty() && v.front() == '+') {
        v.remove_prefix(1);
    }
    std::int64_t n = 0;
    const auto r = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || r.ec != std::errc() || r.ptr != v.data() + v.size()) {
        throw ValueError{"'" + std::string(v) + "' is not an integer"};
    }
    return n;
}

Day parse_date(std::string_view v) {
    v = trim(v);
    auto digits = [&](std::size_t from, std::size_t n, unsigned& out) {
        out = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (v[i] < '0' || v[i] > '9') {
                return false;
            }
            out = out * 10 + static_cast<unsigned>(v[i] - '0');
        }
        return true;
    };
    unsigned y = 0, m = 0, d = 0;
    if (v.size() != 10 || v[4] != '-' || v[7] != '-' || !digits(0, 4, y) || !digits(5, 2, m) ||
        !digits(8, 2, d) || m < 1 || m > 12 || d < 1) {
        throw ValueError{"'" + std::string(v) + "' is not a date (YYYY-MM-DD)"};
    }
    const Day day = days_from_civil(y, m, d);
    const CivilDate back = civil_from_days(day);
    if (back.month != m || back.day != d) {
        throw ValueError{"'" + std::string(v) + "' is not a date (YYYY-MM-DD)"};
    }
    return day;
}

std::string format_date(Day d) {
    const CivilDate c = civil_from_days(d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month,
                  c.day);
    return buf;
}

std::vector<std::string_view> split_list(std::string_view v) {
    std::vector<std::string_view> out;
    v = trim(v);
    if (v.empty()) {
        return out;
    }
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = v.find(',', start);
        out.push_back(trim(
            v.substr(start, comma == std::string_view::npos ? v.size() - start : comma - start)));
        if (comma == std::string_view::npos) {
            break;
        }
        start = comma + 1;
    }
    return out;
}

bool parse_bool(std::string_view v) {
    v = trim(v);
    if (v == "true" || v == "yes" || v == "on" || v == "1") {
        return true;
    }
    if (v == "false" || v == "no" || v == "off" || v == "0") {
        return false;
    }
    throw ValueError{"'" + std::string(v) + "' is not a boolean (true or false)"};
}

std::string range_text(double lo, double hi) {
    return "between " + format_number(lo) + " and " + format_number(hi);
}

// ---- the parameter registry ----------------------------------------------------------

enum class Kind : std::uint8_t { probability, real, integer, special };

struct Def {
    std::string_view key;
    Kind kind;
    double* (*real)(Scenario&);
    std::int64_t* (*integer)(Scenario&);
    double lo;
    double hi;
    bool defect;
    std::string_view doc;
    // special kinds
    void (*set_special)(Scenario&, std::string_view);
    std::string (*get_special)(const Scenario&);
    std::string_view special_kind;
};

Def prob(std::string_view key, double* (*ref)(Scenario&), std::string_view doc,
         bool defect = false) {
    return Def{key, Kind::probability, ref, nullptr, 0, 1, defect, doc, nullptr, nullptr, {}};
}
Def real(std::string_view key, double* (*ref)(Scenario&), double lo, double hi,
         std::string_view doc) {
    return Def{key, Kind::real, ref, nullptr, lo, hi, false, doc, nullptr, nullptr, {}};
}
Def integer(std::string_view key, std::int64_t* (*ref)(Scenario&), double lo, double hi,
            std::string_view doc) {
    return Def{key, Kind::integer, nullptr, ref, lo, hi, false, doc, nullptr, nullptr, {}};
}
Def special(std::string_view key, std::string_view kind, void (*set)(Scenario&, std::string_view),
            std::string (*get)(const Scenario&), std::string_view doc) {
    return Def{key, Kind::special, nullptr, nullptr, 0, 0, false, doc, set, get, kind};
}

bool safe_token(std::string_view v, std::size_t max) {
    if (v.empty() || v.size() > max) {
        return false;
    }
    return std::all_of(v.begin(), v.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-' || c == '.';
    });
}

// clang-format off
const std::vector<Def>& registry() {
    static const std::vector<Def> defs = {
        special("name", "text",
            [](Scenario& s, std::string_view v) {
                if (!safe_token(trim(v), 64)) {
                    throw ValueError{"a name is 1-64 letters, digits, '_', '-' or '.'"};
                }
                s.name = std::string(trim(v));
            },
            [](const Scenario& s) { return s.name; },
            "Scenario name (echoed in config.json and the XES log name); defaults to the file name."),
        special("description", "text",
            [](Scenario& s, std::string_view v) { s.description = std::string(trim(v)); },
            [](const Scenario& s) { return s.description; },
            "Free text shown in config.json."),
        special("process", "move_house|telco_install",
            [](Scenario& s, std::string_view v) {
                v = trim(v);
                if (v == "move_house") {
                    s.process = Process::move_house;
                } else if (v == "telco_install") {
                    s.process = Process::telco_install;
                } else {
                    throw ValueError{"'" + std::string(v) + "' is not a process (move_house or telco_install)"};
                }
            },
            [](const Scenario& s) { return std::string(process_name(s.process)); },
            "Which journey to simulate."),
        special("case_prefix", "text",
            [](Scenario& s, std::string_view v) {
                if (!safe_token(trim(v), 16)) {
                    throw ValueError{"a case prefix is 1-16 letters, digits, '_', '-' or '.'"};
                }
                s.case_prefix = std::string(trim(v));
            },
            [](const Scenario& s) { return s.case_prefix; },
            "Case ids are this prefix plus an 8-digit journey number (MH00000001)."),
        special("period_start", "date",
            [](Scenario& s, std::string_view v) { s.period_start = parse_date(v); },
            [](const Scenario& s) { return format_date(s.period_start); },
            "First day of the simulated period (journey start times fall in the period)."),
        integer("period_days", [](Scenario& s) { return &s.period_days; }, 1, 3660,
            "Length of the simulated period in days."),
        integer("extraction_lag_days", [](Scenario& s) { return &s.extraction_lag_days; }, 0, 3660,
            "Extraction time = period end + this; later events are not written and journeys not finished by then are censored."),
        special("utc_offset", "+HH:MM",
            [](Scenario& s, std::string_view v) {
                v = trim(v);
                if (v == "Z" || v == "UTC") {
                    s.timezone.base_minutes = 0;
                    return;
                }
                const bool ok = v.size() == 6 && (v[0] == '+' || v[0] == '-') && v[3] == ':' &&
                                std::isdigit(static_cast<unsigned char>(v[1])) &&
                                std::isdigit(static_cast<unsigned char>(v[2])) &&
                                std::isdigit(static_cast<unsigned char>(v[4])) &&
                                std::isdigit(static_cast<unsigned char>(v[5]));
                const int h = ok ? (v[1] - '0') * 10 + (v[2] - '0') : 0;
                const int m = ok ? (v[4] - '0') * 10 + (v[5] - '0') : 0;
                if (!ok || h > 14 || m > 59) {
                    throw ValueError{"'" + std::string(v) + "' is not a UTC offset (+HH:MM)"};
                }
                s.timezone.base_minutes = (v[0] == '-' ? -1 : 1) * (h * 60 + m);
            },
            [](const Scenario& s) {
                const int m = s.timezone.base_minutes;
                char buf[32];
                std::snprintf(buf, sizeof buf, "%c%02d:%02d", m < 0 ? '-' : '+', std::abs(m) / 60,
                              std::abs(m) % 60);
                return std::string(buf);
            },
            "Standard offset of local time; timestamps are written in local time with their offset."),
        special("dst", "none|eu",
            [](Scenario& s, std::string_view v) {
                v = trim(v);
                if (v == "none") {
                    s.timezone.dst = TimeZone::Dst::none;
                } else if (v == "eu") {
                    s.timezone.dst = TimeZone::Dst::eu;
                } else {
                    throw ValueError{"'" + std::string(v) + "' is not a daylight-saving rule (none or eu)"};
                }
            },
            [](const Scenario& s) {
                return std::string(s.timezone.dst == TimeZone::Dst::eu ? "eu" : "none");
            },
            "Daylight saving: eu = +1 h from the last Sunday of March to the last Sunday of October."),
        special("holidays", "date list",
            [](Scenario& s, std::string_view v) {
                std::vector<Day> days;
                for (std::string_view d : split_list(v)) {
                    days.push_back(parse_date(d));
                }
                s.holidays = std::move(days);
            },
            [](const Scenario& s) {
                std::string out;
                for (Day d : s.holidays) {
                    out += (out.empty() ? "" : ", ") + format_date(d);
                }
                return out;
            },
            "Public holidays, comma-separated: no back-office, field or contact-centre work."),
        prob("watermelon_strength", [](Scenario& s) { return &s.watermelon_strength; },
            "Scales every defect probability (0 = no defects); touchpoint on-time probabilities stay fixed."),
        special("ontime_p", "probability|default",
            [](Scenario& s, std::string_view v) {
                v = trim(v);
                if (v == "default") {
                    s.ontime_override = -1;
                    return;
                }
                const double p = parse_real(v);
                if (p < 0 || p > 1) {
                    throw ValueError{"a probability must be between 0 and 1"};
                }
                s.ontime_override = p;
            },
            [](const Scenario& s) {
                return s.ontime_override < 0 ? std::string("default") : format_number(s.ontime_override);
            },
            "Replaces every touchpoint's on-time probability (e.g. 0.7 for an honest red dashboard)."),

        special("arrivals.weekday_weights", "7 reals",
            [](Scenario& s, std::string_view v) {
                std::vector<double> w;
                for (std::string_view x : split_list(v)) {
                    const double d = parse_real(x);
                    if (d < 0) {
                        throw ValueError{"weights must not be negative"};
                    }
                    w.push_back(d);
                }
                if (w.size() != 7) {
                    throw ValueError{"expected 7 weights (Monday to Sunday), got " + std::to_string(w.size())};
                }
                s.arrivals.weekday_weights = std::move(w);
            },
            [](const Scenario& s) {
                std::string out;
                for (double d : s.arrivals.weekday_weights) {
                    out += (out.empty() ? "" : ", ") + format_number(d);
                }
                return out;
            },
            "Relative journey-start intensity Monday..Sunday (Sunday starts are digital only)."),
        real("arrivals.summer_factor", [](Scenario& s) { return &s.arrivals.summer_factor; }, 0, 10,
            "Intensity factor for June to August."),
        real("arrivals.month_end_factor", [](Scenario& s) { return &s.arrivals.month_end_factor; }, 0, 10,
            "Intensity factor for days 25-31 of a month."),

        prob("context.channel_phone", [](Scenario& s) { return &s.context.channel_phone; }, "Notification channel share: phone."),
        prob("context.channel_web", [](Scenario& s) { return &s.context.channel_web; }, "Notification channel share: web form."),
        prob("context.channel_app", [](Scenario& s) { return &s.context.channel_app; }, "Notification channel share: app."),
        prob("context.channel_chat", [](Scenario& s) { return &s.context.channel_chat; }, "Notification channel share: chat."),
        prob("context.lead_already_moved", [](Scenario& s) { return &s.context.lead_already_moved; }, "Share told after the move (notice lead -1..-max days)."),
        prob("context.lead_short", [](Scenario& s) { return &s.context.lead_short; }, "Share with notice lead 1..lead_short_max_days."),
        prob("context.lead_long", [](Scenario& s) { return &s.context.lead_long; }, "Share with notice lead lead_short_max_days+1..lead_long_max_days."),
        integer("context.lead_already_moved_max_days", [](Scenario& s) { return &s.context.lead_already_moved_max_days; }, 1, 365, "Longest delay after the move before the notification."),
        integer("context.lead_short_max_days", [](Scenario& s) { return &s.context.lead_short_max_days; }, 1, 365, "Upper end of a short notice lead."),
        integer("context.lead_long_max_days", [](Scenario& s) { return &s.context.lead_long_max_days; }, 2, 365, "Upper end of a long notice lead."),
        prob("context.slip", [](Scenario& s) { return &s.context.slip; }, "D1: the move date slips.", true),
        integer("context.slip_max_days", [](Scenario& s) { return &s.context.slip_max_days; }, 1, 60, "A slip moves the date by 1..this days, either way."),
        prob("context.slip_reported", [](Scenario& s) { return &s.context.slip_reported; }, "The customer reports the slip (a date-change contact); otherwise the final read is taken on the wrong date."),
        prob("context.meter_smart", [](Scenario& s) { return &s.context.meter_smart; }, "Meter share: communicating smart meter (per premise)."),
        prob("context.meter_smart_noncomm", [](Scenario& s) { return &s.context.meter_smart_noncomm; }, "Meter share: non-communicating smart meter."),
        prob("context.meter_legacy", [](Scenario& s) { return &s.context.meter_legacy; }, "Meter share: legacy meter."),
        prob("context.pay_dd", [](Scenario& s) { return &s.context.pay_dd; }, "Payment share: direct debit."),
        prob("context.pay_receipt", [](Scenario& s) { return &s.context.pay_receipt; }, "Payment share: pay on receipt."),
        prob("context.pay_prepay", [](Scenario& s) { return &s.context.pay_prepay; }, "Payment share: prepayment."),
        prob("context.other_supplier", [](Scenario& s) { return &s.context.other_supplier; }, "The new premise is with another supplier (needs registration, T10)."),
        prob("context.deenergised", [](Scenario& s) { return &s.context.deenergised; }, "The new premise is de-energised (energisation order, T11)."),
        prob("context.digital_account", [](Scenario& s) { return &s.context.digital_account; }, "Phone/chat customers who get an online account (web/app customers always do)."),
        prob("context.refund_share", [](Scenario& s) { return &s.context.refund_share; }, "Final bills in credit (refund, T08)."),
        prob("context.quote_deferred", [](Scenario& s) { return &s.context.quote_deferred; }, "Assisted quotes sent after the call instead of in the call."),

        prob("defects.d11_assisted", [](Scenario& s) { return &s.defects.d11_assisted; }, "D11 incomplete intake handoff, phone/chat.", true),
        prob("defects.d11_digital", [](Scenario& s) { return &s.defects.d11_digital; }, "D11 incomplete intake handoff, web/app.", true),
        prob("defects.d12", [](Scenario& s) { return &s.defects.d12; }, "D12 final bill sent to the old address.", true),
        prob("defects.d7", [](Scenario& s) { return &s.defects.d7; }, "D7 termination confirmation (T06) not sent.", true),
        prob("defects.d8", [](Scenario& s) { return &s.defects.d8; }, "D8 win-back mail triggered by the move-out.", true),
        prob("defects.d2", [](Scenario& s) { return &s.defects.d2; }, "D2 duplicate account at the new premise.", true),
        prob("defects.d6", [](Scenario& s) { return &s.defects.d6; }, "D6 tariff on the welcome pack differs from the bill.", true),
        prob("defects.d9", [](Scenario& s) { return &s.defects.d9; }, "D9 registration rejected (of journeys that need one).", true),
        prob("defects.d5", [](Scenario& s) { return &s.defects.d5; }, "D5 DD mandate not transferred (of DD payers).", true),
        prob("defects.d10", [](Scenario& s) { return &s.defects.d10; }, "D10 first bill blocked by a billing exception.", true),
        prob("defects.remote_read_failure", [](Scenario& s) { return &s.defects.remote_read_failure; }, "A communicating smart meter fails to send the move read.", true),
        prob("defects.energisation_late", [](Scenario& s) { return &s.defects.energisation_late; }, "Energisation misses the agreed day (no power on arrival).", true),
        prob("defects.orphan", [](Scenario& s) { return &s.defects.orphan; }, "Stalled handoff: the journey ends right after work reaches another department (move house: the back office receives the case; telco: scheduling books the visit); flagged orphan in journeys.csv.", true),
        prob("defects.final_read_customer", [](Scenario& s) { return &s.defects.final_read_customer; }, "Success probability: the customer supplies the final read (else special read or estimate, D3).", true),
        prob("defects.final_read_customer_no_t06", [](Scenario& s) { return &s.defects.final_read_customer_no_t06; }, "Success probability as above when T06 was not sent.", true),
        prob("defects.special_read_access", [](Scenario& s) { return &s.defects.special_read_access; }, "Success probability: the meter reader gets access.", true),
        prob("defects.opening_read_customer", [](Scenario& s) { return &s.defects.opening_read_customer; }, "Success probability: the customer supplies the opening read (else D4 estimate).", true),

        real("propagation.d12_after_d11_factor", [](Scenario& s) { return &s.propagation.d12_after_d11_factor; }, 0, 100, "D12 probability multiplier after D11."),
        prob("propagation.special_read", [](Scenario& s) { return &s.propagation.special_read; }, "A special read is ordered when no customer read comes."),
        prob("propagation.d7_contact", [](Scenario& s) { return &s.propagation.d7_contact; }, "Status-chase contact after D7."),
        prob("propagation.d8_contact", [](Scenario& s) { return &s.propagation.d8_contact; }, "Confusion contact after D8."),
        prob("propagation.d2_block", [](Scenario& s) { return &s.propagation.d2_block; }, "Added bill-block probability after D2."),
        prob("propagation.d2_dispute", [](Scenario& s) { return &s.propagation.d2_dispute; }, "Dispute of the first bill after D2 (double billing)."),
        prob("propagation.d6_dispute", [](Scenario& s) { return &s.propagation.d6_dispute; }, "Dispute of the first bill after D6."),
        prob("propagation.d9_block", [](Scenario& s) { return &s.propagation.d9_block; }, "Added bill-block probability after D9."),
        prob("propagation.d9_contact", [](Scenario& s) { return &s.propagation.d9_contact; }, "Status contact after D9 (occupier letter)."),
        integer("propagation.d9_resend_wd", [](Scenario& s) { return &s.propagation.d9_resend_wd; }, 0, 60, "Working days before a rejected registration is resent."),
        prob("propagation.d4_dispute", [](Scenario& s) { return &s.propagation.d4_dispute; }, "High-bill dispute of an estimated first bill (D4)."),
        prob("propagation.d4_trueup_one_cycle", [](Scenario& s) { return &s.propagation.d4_trueup_one_cycle; }, "Without a dispute, D4 is trued up after one cycle (else two)."),
        prob("propagation.d5_contact", [](Scenario& s) { return &s.propagation.d5_contact; }, "Contact after the reminder for a failed DD (D5)."),
        prob("propagation.d10_contact", [](Scenario& s) { return &s.propagation.d10_contact; }, "'Missing bill' contact during a bill block."),
        prob("propagation.dispute_estimated_final", [](Scenario& s) { return &s.propagation.dispute_estimated_final; }, "Dispute of a final bill on an estimated read (D3)."),
        prob("propagation.dispute_wrong_date", [](Scenario& s) { return &s.propagation.dispute_wrong_date; }, "Dispute of a final bill read on the wrong date (unreported D1)."),
        prob("propagation.pingpong", [](Scenario& s) { return &s.propagation.pingpong; }, "Billing returns a read investigation to Metering (repeats geometrically)."),
        prob("propagation.rebill_wrong", [](Scenario& s) { return &s.propagation.rebill_wrong; }, "A rebill is wrong again (new contact and dispute)."),
        prob("propagation.repeat_contact", [](Scenario& s) { return &s.propagation.repeat_contact; }, "A failure contact is repeated for the same reason."),
        prob("propagation.transfer", [](Scenario& s) { return &s.propagation.transfer; }, "A contact is transferred to another department."),
        prob("propagation.transfer_dispute", [](Scenario& s) { return &s.propagation.transfer_dispute; }, "A bill-dispute contact is transferred."),
        prob("propagation.resolved", [](Scenario& s) { return &s.propagation.resolved; }, "Agent disposition 'resolved' (self-reported FCR)."),
        prob("propagation.complaint_base", [](Scenario& s) { return &s.propagation.complaint_base; }, "Complaint at a journey's first failure contact."),
        prob("propagation.complaint_two_fd", [](Scenario& s) { return &s.propagation.complaint_two_fd; }, "Complaint at the second failure contact."),
        prob("propagation.complaint_collections", [](Scenario& s) { return &s.propagation.complaint_collections; }, "Complaint at a collections contact."),
        prob("propagation.no_power_contact", [](Scenario& s) { return &s.propagation.no_power_contact; }, "Contact when there is no power on arrival."),
        prob("propagation.collections_contact", [](Scenario& s) { return &s.propagation.collections_contact; }, "Contact after a collections call."),

        real("delays.reaction_mean_days", [](Scenario& s) { return &s.delays.reaction_mean_days; }, 0, 60, "Mean customer reaction delay after a visible defect (exponential)."),
        real("delays.repeat_mean_days", [](Scenario& s) { return &s.delays.repeat_mean_days; }, 0, 60, "Mean delay of a repeat contact (exponential)."),
        integer("delays.letter_min_days", [](Scenario& s) { return &s.delays.letter_min_days; }, 0, 30, "Letters arrive after this many days at least."),
        integer("delays.letter_max_days", [](Scenario& s) { return &s.delays.letter_max_days; }, 0, 30, "... and at most."),
        real("delays.cc_wait_mean_s", [](Scenario& s) { return &s.delays.cc_wait_mean_s; }, 0, 3600, "Contact-centre wait: exponential mean (seconds)."),
        prob("delays.cc_tail", [](Scenario& s) { return &s.delays.cc_tail; }, "Contact-centre wait: share in the long tail."),
        integer("delays.cc_tail_min_s", [](Scenario& s) { return &s.delays.cc_tail_min_s; }, 0, 86400, "Long-tail wait, lower end (seconds)."),
        integer("delays.cc_tail_max_s", [](Scenario& s) { return &s.delays.cc_tail_max_s; }, 0, 86400, "Long-tail wait, upper end (seconds)."),
        real("delays.aht_median_s", [](Scenario& s) { return &s.delays.aht_median_s; }, 1, 86400, "Handling time: lognormal median (seconds)."),
        real("delays.aht_sigma", [](Scenario& s) { return &s.delays.aht_sigma; }, 0, 5, "Handling time: lognormal sigma."),
        integer("delays.late_max_wd", [](Scenario& s) { return &s.delays.late_max_wd; }, 1, 60, "A late back-office task takes SLA + 1..this working days."),
        integer("delays.bill_cycle_min_days", [](Scenario& s) { return &s.delays.bill_cycle_min_days; }, 1, 120, "First billing order: supply start + this many days at least."),
        integer("delays.bill_cycle_max_days", [](Scenario& s) { return &s.delays.bill_cycle_max_days; }, 1, 120, "... and at most."),
        integer("delays.payment_terms_days", [](Scenario& s) { return &s.delays.payment_terms_days; }, 1, 120, "Days to pay a bill before the payment is missed."),
        integer("delays.dd_collection_days", [](Scenario& s) { return &s.delays.dd_collection_days; }, 1, 60, "DD collection this many days after a bill."),
        integer("delays.collections_call_days", [](Scenario& s) { return &s.delays.collections_call_days; }, 1, 60, "Collections call this many days after an unanswered reminder."),
        real("delays.d10_release_days", [](Scenario& s) { return &s.delays.d10_release_days; }, 0, 365, "Bill block released after this * exp(N(0, sigma)) + min days."),
        real("delays.d10_release_sigma", [](Scenario& s) { return &s.delays.d10_release_sigma; }, 0, 5, "Sigma of the bill-block duration."),
        real("delays.d10_release_min_days", [](Scenario& s) { return &s.delays.d10_release_min_days; }, 0, 365, "Minimum bill-block duration."),
        integer("delays.investigation_max_wd", [](Scenario& s) { return &s.delays.investigation_max_wd; }, 1, 60, "A read investigation or its return takes 1..this working days."),

        integer("outcomes.promise_days", [](Scenario& s) { return &s.outcomes.promise_days; }, 1, 3650, "J1: first accurate bill (move house) within this many days of the move or the notification, whichever is later; telco: service live by the promised date plus this many days minus the default."),
        integer("outcomes.fd_max", [](Scenario& s) { return &s.outcomes.fd_max; }, 0, 100, "J2: at most this many failure-demand contacts."),
        special("outcomes.red_includes_j6", "boolean",
            [](Scenario& s, std::string_view v) { s.outcomes.red_includes_j6 = parse_bool(v); },
            [](const Scenario& s) { return std::string(s.outcomes.red_includes_j6 ? "true" : "false"); },
            "Whether a surveyed score below 7 (J6) also makes a journey red."),
        prob("outcomes.survey_green", [](Scenario& s) { return &s.outcomes.survey_green; }, "Journey-survey response rate, green journeys."),
        prob("outcomes.survey_red", [](Scenario& s) { return &s.outcomes.survey_red; }, "Journey-survey response rate, red journeys."),
        real("outcomes.score_base", [](Scenario& s) { return &s.outcomes.score_base; }, 0, 10, "Score model: base."),
        real("outcomes.score_complaint", [](Scenario& s) { return &s.outcomes.score_complaint; }, 0, 10, "Score model: minus this with a complaint."),
        real("outcomes.score_rebill", [](Scenario& s) { return &s.outcomes.score_rebill; }, 0, 10, "Score model: minus this with a rebill."),
        real("outcomes.score_dunning", [](Scenario& s) { return &s.outcomes.score_dunning; }, 0, 10, "Score model: minus this with wrongful dunning."),
        real("outcomes.score_fd_each", [](Scenario& s) { return &s.outcomes.score_fd_each; }, 0, 10, "Score model: minus this per failure contact after the first."),
        integer("outcomes.score_fd_cap", [](Scenario& s) { return &s.outcomes.score_fd_cap; }, 0, 100, "Score model: at most this many of those."),
        real("outcomes.score_fd_any", [](Scenario& s) { return &s.outcomes.score_fd_any; }, 0, 10, "Score model: minus this with any failure contact."),
        real("outcomes.score_winback", [](Scenario& s) { return &s.outcomes.score_winback; }, 0, 10, "Score model: minus this after a win-back mail (D8)."),
        real("outcomes.score_late", [](Scenario& s) { return &s.outcomes.score_late; }, 0, 10, "Score model: minus this when J1 fails."),
        real("outcomes.score_sd", [](Scenario& s) { return &s.outcomes.score_sd; }, 0, 10, "Score model: normal noise sd."),
        prob("outcomes.contact_survey", [](Scenario& s) { return &s.outcomes.contact_survey; }, "Post-contact survey response rate."),
        real("outcomes.contact_csat_mean", [](Scenario& s) { return &s.outcomes.contact_csat_mean; }, 0, 10, "Post-contact CSAT mean (independent of the journey)."),
        real("outcomes.contact_csat_sd", [](Scenario& s) { return &s.outcomes.contact_csat_sd; }, 0, 10, "Post-contact CSAT sd."),
        real("outcomes.churn_intercept", [](Scenario& s) { return &s.outcomes.churn_intercept; }, -20, 20, "Churn: logistic intercept."),
        real("outcomes.churn_red", [](Scenario& s) { return &s.outcomes.churn_red; }, -20, 20, "Churn: coefficient of red."),
        real("outcomes.churn_complaint", [](Scenario& s) { return &s.outcomes.churn_complaint; }, -20, 20, "Churn: coefficient of complaint."),

        prob("telco.channel_store", [](Scenario& s) { return &s.telco.channel_store; }, "Telco sign-up channel share: store."),
        prob("telco.channel_web", [](Scenario& s) { return &s.telco.channel_web; }, "Telco sign-up channel share: web."),
        prob("telco.channel_phone", [](Scenario& s) { return &s.telco.channel_phone; }, "Telco sign-up channel share: phone."),
        prob("telco.order_invalid", [](Scenario& s) { return &s.telco.order_invalid; }, "Order incomplete or incorrect when forwarded (aborts the first visit).", true),
        prob("telco.activation_failure", [](Scenario& s) { return &s.telco.activation_failure; }, "Activation fails after installation.", true),
        prob("telco.missed_appointment", [](Scenario& s) { return &s.telco.missed_appointment; }, "The engineer misses the appointment.", true),
        prob("telco.port_in", [](Scenario& s) { return &s.telco.port_in; }, "Orders with a number port."),
        integer("telco.appointment_min_wd", [](Scenario& s) { return &s.telco.appointment_min_wd; }, 1, 120, "First appointment: working days after forwarding, at least."),
        integer("telco.appointment_max_wd", [](Scenario& s) { return &s.telco.appointment_max_wd; }, 1, 120, "... and at most."),
        integer("telco.reappointment_min_wd", [](Scenario& s) { return &s.telco.reappointment_min_wd; }, 1, 120, "New appointment after an abort or miss: working days, at least."),
        integer("telco.reappointment_max_wd", [](Scenario& s) { return &s.telco.reappointment_max_wd; }, 1, 120, "... and at most."),
        prob("telco.abort_contact", [](Scenario& s) { return &s.telco.abort_contact; }, "Status contact after an aborted or missed visit."),
        real("telco.compensation_per_day", [](Scenario& s) { return &s.telco.compensation_per_day; }, 0, 1000, "Compensation per day live after the promised date."),
        real("telco.compensation_missed_appointment", [](Scenario& s) { return &s.telco.compensation_missed_appointment; }, 0, 1000, "Compensation per missed appointment."),
        real("telco.score_rft_mean", [](Scenario& s) { return &s.telco.score_rft_mean; }, 0, 10, "Score of right-first-time journeys: mean."),
        real("telco.score_rft_sd", [](Scenario& s) { return &s.telco.score_rft_sd; }, 0, 10, "... sd."),
        real("telco.score_abort_mean", [](Scenario& s) { return &s.telco.score_abort_mean; }, 0, 10, "Score of journeys with an aborted or missed visit: mean."),
        real("telco.score_abort_sd", [](Scenario& s) { return &s.telco.score_abort_sd; }, 0, 10, "... sd."),
        real("telco.score_other_mean", [](Scenario& s) { return &s.telco.score_other_mean; }, 0, 10, "Score of other failed journeys (activation failure only): mean."),
        real("telco.score_other_sd", [](Scenario& s) { return &s.telco.score_other_sd; }, 0, 10, "... sd."),
        prob("telco.survey_response", [](Scenario& s) { return &s.telco.survey_response; }, "Telco journey-survey response rate."),

        prob("noise.date_only_batch", [](Scenario& s) { return &s.noise.date_only_batch; }, "Per batch event: the timestamp is written as a date only."),
        prob("noise.clock_skew", [](Scenario& s) { return &s.noise.clock_skew; }, "Per journey: the Customer Service (CRM/ACD) clock is skewed."),
        integer("noise.clock_skew_max_s", [](Scenario& s) { return &s.noise.clock_skew_max_s; }, 1, 86400, "Skew is 1..this seconds, either way."),
        prob("noise.duplicate", [](Scenario& s) { return &s.noise.duplicate; }, "Per event: the row is written twice."),
        prob("noise.missing_department", [](Scenario& s) { return &s.noise.missing_department; }, "Per event: the department is left empty."),
        prob("noise.account_only", [](Scenario& s) { return &s.noise.account_only; }, "Per Billing/Payments/Collections/Metering/Market event: no case id, only the account id."),
        prob("noise.late_arrival", [](Scenario& s) { return &s.noise.late_arrival; }, "Per event: written after the other journeys of its block of 1024."),
    };
    return defs;
}
// clang-format on

const Def* find_def(std::string_view key) {
    for (const Def& d : registry()) {
        if (d.key == key) {
            return &d;
        }
    }
    return nullptr;
}

std::string get_value(const Def& d, const Scenario& s) {
    auto& m = const_cast<Scenario&>(s); // accessors only read here
    switch (d.kind) {
    case Kind::probability:
    case Kind::real:
        return format_number(*d.real(m));
    case Kind::integer:
        return std::to_string(*d.integer(m));
    case Kind::special:
        return d.get_special(s);
    }
    return {};
}

void set_value(const Def& d, Scenario& s, std::string_view v) {
    switch (d.kind) {
    case Kind::probability: {
        const double p = parse_real(v);
        if (p < 0 || p > 1) {
            throw ValueError{"a probability must be between 0 and 1"};
        }
        *d.real(s) = p;
        return;
    }
    case Kind::real: {
        const double x = parse_real(v);
        if (x < d.lo || x > d.hi) {
            throw ValueError{"the value must be " + range_text(d.lo, d.hi)};
        }
        *d.real(s) = x;
        return;
    }
    case Kind::integer: {
        const std::int64_t n = parse_integer(v);
        if (static_cast<double>(n) < d.lo || static_cast<double>(n) > d.hi) {
            throw ValueError{"the value must be " + range_text(d.lo, d.hi)};
        }
        *d.integer(s) = n;
        return;
    }
    case Kind::special:
        d.set_special(s, v);
        return;
    }
}

bool is_touchpoint_key(std::string_view id) {
    return !id.empty() && safe_token(id, 32);
}

// Applies a key; returns false for an unknown key.
bool apply(Scenario& s, std::string_view key, std::string_view value) {
    for (const std::string_view section : {std::string_view("ontime."), std::string_view("sla.")}) {
        if (key.substr(0, section.size()) == section) {
            const std::string id(key.substr(section.size()));
            if (!is_touchpoint_key(id)) {
                return false;
            }
            const double x = parse_real(value);
            const bool ontime = section == "ontime.";
            if (ontime && (x < 0 || x > 1)) {
                throw ValueError{"a probability must be between 0 and 1"};
            }
            if (!ontime && x < 0) {
                throw ValueError{"an SLA target must not be negative"};
            }
            auto& list = ontime ? s.ontime : s.sla_target;
            auto it = std::find_if(list.begin(), list.end(),
                                   [&](const auto& p) { return p.first == id; });
            if (it == list.end()) {
                list.emplace_back(id, x);
            } else {
                it->second = x;
            }
            return true;
        }
    }
    const Def* d = find_def(key);
    if (d == nullptr) {
        return false;
    }
    set_value(*d, s, value);
    return true;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

std::string unknown_key_message(std::string_view key) {
    std::string msg = "unknown parameter '" + std::string(key) + "'";
    std::size_t best = 4;
    std::string_view suggestion;
    for (const Def& d : registry()) {
        const std::size_t e = edit_distance(key, d.key);
        if (e < best) {
            best = e;
            suggestion = d.key;
        }
    }
    if (!suggestion.empty()) {
        msg += " (did you mean '" + std::string(suggestion) + "'?)";
    }
    return msg;
}

const std::vector<std::string_view>& sections() {
    static const std::vector<std::string_view> s{"arrivals", "context",  "defects", "propagation",
                                                 "delays",   "outcomes", "telco",   "noise",
                                                 "ontime",   "sla"};
    return s;
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw io_error(path, "cannot open scenario file");
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
        throw io_error(path, "cannot read scenario file");
    }
    return ss.str();
}

std::string dir_of(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

std::string stem_of(const std::string& path) {
    const auto slash = path.find_last_of('/');
    std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    const auto dot = base.rfind(".scenario");
    if (dot != std::string::npos && dot + 9 == base.size()) {
        base.resize(dot);
    }
    return base;
}

Scenario parse_impl(std::string_view text, const std::string& path, const Scenario& base,
                    int depth) {
    Scenario s = base;
    std::string section;
    std::map<std::string, std::uint64_t, std::less<>> seen;
    bool name_set = false;
    std::uint64_t line_no = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t nl = text.find('\n', pos);
        std::string_view raw =
            text.substr(pos, nl == std::string_view::npos ? text.size() - pos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
        ++line_no;
        if (line_no == 1 && raw.substr(0, 3) == "\xEF\xBB\xBF") {
            raw.remove_prefix(3);
        }
        // A comment starts at '#' at the start of the line or after a blank.
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] == '#' && (i == 0 || raw[i - 1] == ' ' || raw[i - 1] == '\t')) {
                raw = raw.substr(0, i);
                break;
            }
        }
        const std::string_view line = trim(raw);
        if (line.empty()) {
            continue;
        }
        const auto col_of = [&](std::string_view part) {
            return static_cast<std::uint64_t>(part.data() - raw.data()) + 1;
        };
        if (line.front() == '[') {
            if (line.back() != ']') {
                throw format_error(path, line_no, col_of(line),
                                   "expected ']' to close the section");
            }
            const std::string_view name = trim(line.substr(1, line.size() - 2));
            if (std::find(sections().begin(), sections().end(), name) == sections().end()) {
                std::string list;
                for (std::string_view x : sections()) {
                    list += (list.empty() ? "" : ", ") + std::string(x);
                }
                throw format_error(path, line_no, col_of(name.empty() ? line : name),
                                   "unknown section [" + std::string(name) +
                                       "] (sections: " + list + ")");
            }
            section = std::string(name);
            continue;
        }
        const std::size_t eq = line.find('=');
        if (eq == std::string_view::npos) {
            throw format_error(path, line_no, col_of(line),
                               "expected 'key = value', '[section]' or a comment");
        }
        const std::string_view key = trim(line.substr(0, eq));
        std::string_view value = trim(line.substr(eq + 1));
        if (key.empty()) {
            throw format_error(path, line_no, col_of(line), "missing parameter name before '='");
        }
        const std::string full =
            section.empty() ? std::string(key) : section + "." + std::string(key);
        const std::uint64_t value_col = value.empty() ? col_of(line) + eq + 1 : col_of(value);
        if (full == "extends") {
            if (!seen.empty()) {
                throw format_error(path, line_no, col_of(key),
                                   "'extends' must be the first setting");
            }
            if (depth >= 8) {
                throw format_error(path, line_no, value_col,
                                   "scenarios extend each other too deeply (a cycle?)");
            }
            if (!safe_token(value, 64)) {
                throw format_error(path, line_no, value_col,
                                   "expected a scenario name after 'extends'");
            }
            const std::string base_path = dir_of(path) + "/" + std::string(value) + ".scenario";
            const std::string base_text = read_text_file(base_path);
            s = parse_impl(base_text, base_path, Scenario{}, depth + 1);
            seen.emplace(full, line_no);
            continue;
        }
        if (const auto it = seen.find(full); it != seen.end()) {
            throw format_error(path, line_no, col_of(key),
                               "'" + full + "' is set twice (first on line " +
                                   std::to_string(it->second) + ")");
        }
        seen.emplace(full, line_no);
        try {
            if (!apply(s, full, value)) {
                throw format_error(path, line_no, col_of(key), unknown_key_message(full));
            }
        } catch (const ValueError& e) {
            throw format_error(path, line_no, value_col, full + ": " + e.message);
        }
        if (full == "name") {
            name_set = true;
        }
    }
    if (!name_set && !path.empty()) {
        const std::string stem = stem_of(path);
        if (safe_token(stem, 64)) {
            s.name = stem;
        }
    }
    if (const std::string problem = s.check(); !problem.empty()) {
        throw format_error(path, 0, 0, problem);
    }
    return s;
}

} // namespace

void Scenario::set(std::string_view key, std::string_view value) {
    try {
        if (!apply(*this, key, value)) {
            throw usage_error(unknown_key_message(key));
        }
    } catch (const ValueError& e) {
        throw usage_error(std::string(key) + ": " + e.message);
    }
}

std::vector<std::pair<std::string, std::string>> Scenario::values() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Def& d : registry()) {
        out.emplace_back(std::string(d.key), get_value(d, *this));
    }
    for (const auto& [id, p] : ontime) {
        out.emplace_back("ontime." + id, format_number(p));
    }
    for (const auto& [id, t] : sla_target) {
        out.emplace_back("sla." + id, format_number(t));
    }
    return out;
}

std::string Scenario::check() const {
    const auto positive = [](std::initializer_list<double> xs) {
        double t = 0;
        for (double x : xs) {
            t += x;
        }
        return t > 0;
    };
    if (!positive({context.channel_phone, context.channel_web, context.channel_app,
                   context.channel_chat})) {
        return "the context.channel_* shares must not all be 0";
    }
    if (!positive({context.lead_already_moved, context.lead_short, context.lead_long})) {
        return "the context.lead_* shares must not all be 0";
    }
    if (!positive({context.meter_smart, context.meter_smart_noncomm, context.meter_legacy})) {
        return "the context.meter_* shares must not all be 0";
    }
    if (!positive({context.pay_dd, context.pay_receipt, context.pay_prepay})) {
        return "the context.pay_* shares must not all be 0";
    }
    if (!positive({telco.channel_store, telco.channel_web, telco.channel_phone})) {
        return "the telco.channel_* shares must not all be 0";
    }
    double week = 0;
    for (double w : arrivals.weekday_weights) {
        week += w;
    }
    if (week <= 0) {
        return "arrivals.weekday_weights must not all be 0";
    }
    if (context.lead_long_max_days <= context.lead_short_max_days) {
        return "context.lead_long_max_days must be greater than context.lead_short_max_days";
    }
    const auto ordered = [](std::int64_t lo, std::int64_t hi, const char* a, const char* b) {
        return lo <= hi ? std::string() : std::string(a) + " must not be greater than " + b;
    };
    for (const std::string& e :
         {ordered(delays.letter_min_days, delays.letter_max_days, "delays.letter_min_days",
                  "delays.letter_max_days"),
          ordered(delays.cc_tail_min_s, delays.cc_tail_max_s, "delays.cc_tail_min_s",
                  "delays.cc_tail_max_s"),
          ordered(delays.bill_cycle_min_days, delays.bill_cycle_max_days,
                  "delays.bill_cycle_min_days", "delays.bill_cycle_max_days"),
          ordered(telco.appointment_min_wd, telco.appointment_max_wd, "telco.appointment_min_wd",
                  "telco.appointment_max_wd"),
          ordered(telco.reappointment_min_wd, telco.reappointment_max_wd,
                  "telco.reappointment_min_wd", "telco.reappointment_max_wd")}) {
        if (!e.empty()) {
            return e;
        }
    }
    const Catalogue& cat = catalogue(process);
    for (const auto* list : {&ontime, &sla_target}) {
        for (const auto& [id, v] : *list) {
            if (cat.find_touchpoint(id) < 0) {
                return "unknown touchpoint '" + id + "' in [" +
                       (list == &ontime ? "ontime" : "sla") + "] for process " +
                       std::string(process_name(process));
            }
        }
    }
    return {};
}

std::vector<ParameterInfo> scenario_parameters() {
    const Scenario defaults;
    std::vector<ParameterInfo> out;
    for (const Def& d : registry()) {
        ParameterInfo p;
        p.key = std::string(d.key);
        switch (d.kind) {
        case Kind::probability:
            p.kind = "probability";
            break;
        case Kind::real:
            p.kind = "real " + format_number(d.lo) + ".." + format_number(d.hi);
            break;
        case Kind::integer:
            p.kind = "integer " + format_number(d.lo) + ".." + format_number(d.hi);
            break;
        case Kind::special:
            p.kind = std::string(d.special_kind);
            break;
        }
        p.default_value = get_value(d, defaults);
        p.description = std::string(d.doc);
        p.defect = d.defect;
        out.push_back(std::move(p));
    }
    for (const char* section : {"ontime", "sla"}) {
        ParameterInfo p;
        p.key = std::string(section) + ".<touchpoint id>";
        p.kind = section == std::string_view("ontime") ? "probability" : "real >= 0";
        p.default_value = "from the catalogue";
        p.description = section == std::string_view("ontime")
                            ? "On-time probability p_t of a touchpoint's SLA clock."
                            : "SLA target of a touchpoint (seconds or working days, as its clock).";
        out.push_back(std::move(p));
    }
    return out;
}

Scenario parse_scenario(std::string_view text, const std::string& path, const Scenario& base) {
    return parse_impl(text, path, base, 0);
}

Scenario load_scenario(const std::string& path) {
    const std::string text = read_text_file(path);
    return parse_impl(text, path, Scenario{}, 0);
}

} // namespace journey::sim
