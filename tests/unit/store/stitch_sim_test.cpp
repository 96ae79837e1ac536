// Stitching on a simulated move-house log split into per-department exports that
// each use their own keys, with the simulator's account-id-only noise: the
// stitched journeys must be exactly the simulator's ground-truth journeys.

#include <catch2/catch.hpp>

#include <cstdio>
#include <map>
#include <set>

#include <journey/core/event_log_builder.hpp>
#include <journey/miners/stitch.hpp>
#include <journey/sim/generator.hpp>
#include <journey/store/store.hpp>

#include "store_test_util.hpp"

using namespace journey;
using namespace journey::miners;

namespace {

/// The departmental systems and the case key each one files its events under.
enum Export { crm, backoffice, billing, metering, accounts_only, exports };
const char* const export_names[] = {"crm", "backoffice", "billing", "metering", "accounts-only"};

Export export_of(std::string_view department) {
    if (department == "MIMO" || department == "MKT") {
        return backoffice;
    }
    if (department == "BIL" || department == "PAY" || department == "CRC") {
        return billing;
    }
    if (department == "MET" || department == "DSO") {
        return metering;
    }
    return crm; // CS, DIG, SAL, CMP, CXI, COM, MKG
}

std::string numbered(const char* prefix, std::uint64_t index, int instance = 0) {
    char buf[48];
    if (instance > 0) {
        std::snprintf(buf, sizeof buf, "%s%08llu-%d", prefix, static_cast<unsigned long long>(index + 1), instance);
    } else {
        std::snprintf(buf, sizeof buf, "%s%08llu", prefix, static_cast<unsigned long long>(index + 1));
    }
    return buf;
}

struct Exports {
    std::vector<EventLog> logs;
    std::vector<KeyLink> lineage;       // the account master: old account -> new account
    std::map<std::uint64_t, std::uint64_t> events_of_journey;
    std::uint64_t account_only = 0;
};

/// Splits simulated journeys into departmental exports. Every event carries its
/// ground-truth journey index in the attribute `truth` (never used as a key).
Exports split(const sim::Generator& gen, std::uint64_t journeys) {
    const sim::Catalogue& cat = gen.catalogue();
    std::vector<EventLogBuilder> b(exports);
    std::vector<EventLogBuilder::AttrHandle> truth, account, old_account, new_account;
    for (EventLogBuilder& x : b) {
        truth.push_back(x.event_attribute("truth", AttrType::integer));
        account.push_back(x.event_attribute("account_id", AttrType::string));
        old_account.push_back(x.event_attribute("old_account", AttrType::string));
        new_account.push_back(x.event_attribute("new_account", AttrType::string));
    }
    Exports out;
    sim::SimulatedJourney j;
    for (std::uint64_t n = 0; n < journeys; ++n) {
        gen.generate(n, j);
        const std::string customer = numbered("CU", n);
        const std::string old_acc = numbered("AC", n, 1);
        const std::string new_acc = numbered("AC", n, 2);
        const std::string move = numbered("MR", n);
        out.lineage.push_back({"account", old_acc, "account", new_acc});
        for (const sim::SimEvent& e : j.events) {
            const std::string_view dep = cat.departments[e.department].code;
            const std::string_view type = cat.object_types[e.object_type].name;
            // The old account for the final read and the final bill, else the new one.
            const bool old_side = (type == "Bill" || type == "MeterRead") && e.object_no <= 1;
            const std::string& acc = old_side ? old_acc : new_acc;
            Export x = export_of(dep);
            std::string case_id;
            if ((e.flags & sim::event_flag::account_only) != 0) {
                x = accounts_only;
                case_id = acc;
                ++out.account_only;
            } else if (x == crm) {
                case_id = customer;
            } else if (x == backoffice) {
                case_id = move;
            } else if (x == billing) {
                case_id = acc;
            } else {
                const sim::ObjectTypeInfo& o = cat.object_types[e.object_type];
                case_id = numbered(o.prefix.c_str(), n, o.numbered ? std::max<int>(e.object_no, 1) : 0);
            }
            EventLogBuilder& eb = b[x];
            EventFields f;
            f.activity = eb.activities().insert(cat.activities[e.activity].name);
            f.department = eb.departments().insert(dep);
            f.timestamp = e.written;
            eb.add_event(case_id, f);
            eb.set(truth[x], static_cast<std::int64_t>(n));
            if (x == crm) {
                eb.set_string(account[x], old_acc); // the CRM knows the customer's account
            } else if (x == backoffice) {
                eb.set_string(old_account[x], old_acc);
                eb.set_string(new_account[x], new_acc);
            } else if (x == metering) {
                eb.set_string(account[x], acc);
            }
            ++out.events_of_journey[n];
        }
    }
    for (EventLogBuilder& x : b) {
        out.logs.push_back(x.finish());
    }
    return out;
}

StitchOptions sim_options(const std::vector<KeyLink>& lineage) {
    StitchOptions o;
    o.keys = {{"customer", parse_key_field("case"), "crm"},
              {"account", parse_key_field("attr:account_id"), "crm"},
              {"move", parse_key_field("case"), "backoffice"},
              {"account", parse_key_field("attr:old_account"), "backoffice"},
              {"account", parse_key_field("attr:new_account"), "backoffice"},
              {"account", parse_key_field("case"), "billing"},
              {"account", parse_key_field("attr:account_id"), "metering"},
              {"account", parse_key_field("case"), "accounts-only"}};
    o.unique_entities = {"customer"};
    o.links = lineage;
    return o;
}

/// Checks that every stitched journey holds exactly the events of one simulated journey.
void check_recovers_truth(const EventLog& log, const Exports& ex, std::uint64_t journeys) {
    const AttrColumn* truth = log.event_attribute("truth", AttrType::integer);
    REQUIRE(truth != nullptr);
    REQUIRE(truth->rows.size() == log.num_events());
    std::map<std::uint64_t, std::uint64_t> events_of_truth;
    std::set<std::uint64_t> seen;
    for (std::size_t c = 0; c < log.num_cases(); ++c) {
        const auto t = static_cast<std::uint64_t>(truth->values[log.case_begin(c)]);
        INFO("journey " << log.case_name(c));
        CHECK(log.case_name(c) == "customer:" + numbered("CU", t));
        CHECK(seen.insert(t).second); // one stitched journey per simulated journey
        for (std::size_t i = log.case_begin(c); i < log.case_end(c); ++i) {
            CHECK(static_cast<std::uint64_t>(truth->values[i]) == t);
        }
        events_of_truth[t] = log.case_end(c) - log.case_begin(c);
    }
    CHECK(seen.size() == journeys);
    CHECK(events_of_truth == ex.events_of_journey);
}

} // namespace

TEST_CASE("stitching recovers simulated move-house journeys from departmental exports",
          "[stitch][sim]") {
    sim::Scenario sc;
    sc.noise.account_only = 0.15;
    sc.noise.duplicate = 0.01;
    constexpr std::uint64_t journeys = 300;
    const sim::Generator gen(sc, {journeys, 11});
    const Exports ex = split(gen, journeys);
    REQUIRE(ex.account_only > 50); // the noise is there
    for (int x = 0; x < exports; ++x) {
        REQUIRE(ex.logs[static_cast<std::size_t>(x)].num_events() > 0);
    }
    std::vector<StitchSource> sources;
    for (int x = 0; x < exports; ++x) {
        sources.push_back({export_names[x], &ex.logs[static_cast<std::size_t>(x)]});
    }

    const StitchResult r = stitch(sources, sim_options(ex.lineage));
    check_recovers_truth(r.log, ex, journeys);
    const StitchReport& rep = r.report;
    CHECK(rep.journeys == journeys);
    CHECK(rep.groups == journeys);
    CHECK(rep.unlinked.empty());
    CHECK(rep.outside.empty());
    CHECK(rep.conflicts.empty());
    CHECK(rep.warnings.empty());
    CHECK(rep.events_out == rep.events_in);
    CHECK(rep.merges.size() == journeys); // every journey spans several systems
    std::uint64_t from_orphans = 0;
    for (const StitchReport::Merge& m : rep.merges) {
        for (const auto& [source, n] : m.sources) {
            from_orphans += source == "accounts-only" ? n : 0;
        }
    }
    CHECK(from_orphans == ex.account_only);

    SECTION("without links from old to new accounts, journeys fall apart but never mix") {
        StitchOptions o = sim_options({});
        o.keys.erase(o.keys.begin() + 3, o.keys.begin() + 5); // the back office's account columns
        const StitchResult part = stitch(sources, o);
        CHECK(part.report.journeys > journeys);
        CHECK(part.report.unlinked.empty());
        CHECK(part.report.events_out == part.report.events_in);
        const AttrColumn* truth = part.log.event_attribute("truth", AttrType::integer);
        REQUIRE(truth != nullptr);
        for (std::size_t c = 0; c < part.log.num_cases(); ++c) {
            for (std::size_t i = part.log.case_begin(c); i < part.log.case_end(c); ++i) {
                CHECK(truth->values[i] == truth->values[part.log.case_begin(c)]);
            }
        }
    }
    SECTION("through the store: import the exports, stitch what is read back") {
        test::TempDir dir;
        store::Store s(dir.file("mh.sqlite"), store::OpenMode::create);
        for (const StitchSource& src : sources) {
            store::SourceInfo info;
            info.name = src.name;
            info.journey_type = "move-house";
            s.import_log(*src.log, info);
        }
        const std::vector<store::SourceLog> back = s.read_sources();
        std::vector<StitchSource> from_store;
        for (const store::SourceLog& sl : back) {
            from_store.push_back({sl.source.name, &sl.log});
        }
        const StitchResult again = stitch(from_store, sim_options(ex.lineage));
        CHECK(again.log == r.log);
        CHECK(again.report == r.report);
    }
}
