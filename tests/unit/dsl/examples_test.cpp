// The example specs: what they declare, and that their sample logs bind completely.

#include <catch2/catch.hpp>

#include <journey/core/binding.hpp>
#include <journey/dsl/dsl.hpp>
#include <journey/io/reader.hpp>

#include "dsl_test_util.hpp"

using namespace journey;

namespace {

struct Example {
    Journey model;
    EventLog log;
};

Example load(const std::string& dir_rel, const std::string& spec, const std::string& log) {
    const std::string dir = std::string(JOURNEY_SOURCE_DIR) + "/" + dir_rel;
    test::DirectoryFileSystem files(dir);
    dsl::CompileOptions options;
    options.files = &files;
    dsl::SourceManager sources;
    const auto r = dsl::compile_text(sources, spec, test::read_file(dir + "/" + spec), options);
    INFO(dsl::render_diagnostics(r.diagnostics, sources));
    REQUIRE(r.diagnostics.empty());
    return {r.model, io::read_log(dir + "/" + log).log};
}

std::vector<std::uint64_t> counts(const Binding& b) {
    return b.touchpoint_events;
}

// Every event's bound touchpoint equals the log's touchpoint_id column (ground truth).
std::size_t ground_truth_mismatches(const Journey& j, const EventLog& log, const Binding& b) {
    const AttrColumn* truth = log.event_attribute("touchpoint_id", AttrType::string);
    REQUIRE(truth != nullptr);
    std::size_t bad = 0;
    for (std::uint32_t e = 0; e < log.num_events(); ++e) {
        const std::int64_t* v = truth->find(e);
        const std::string_view want = v != nullptr ? log.values()[static_cast<Id>(*v)] : "";
        const std::string_view got = b.touchpoint[e] == Binding::unbound
                                         ? ""
                                         : std::string_view(j.touchpoints[b.touchpoint[e]].id);
        bad += want == got ? 0 : 1;
    }
    return bad;
}

} // namespace

TEST_CASE("move-house spec: 19 touchpoints, 14 departments, J1-J6", "[dsl][examples]") {
    const Example ex = load("examples/move-house", "move-house.journey", "move-house-log.csv");
    const Journey& j = ex.model;
    CHECK(j.name == "Move house");
    REQUIRE(j.touchpoints.size() == 19);
    for (std::size_t i = 0; i < 19; ++i) {
        char id[4];
        std::snprintf(id, sizeof id, "T%02zu", i + 1);
        CHECK(j.touchpoints[i].id == id);
        CHECK(j.touchpoints[i].designed == (i < 15));
        CHECK_FALSE(j.touchpoints[i].match.empty());
        CHECK(j.find_department(j.touchpoints[i].owner) != nullptr);
    }
    REQUIRE(j.departments.size() == 14);
    const std::vector<std::string> codes{"CS",  "DIG", "SAL", "MIMO", "MET", "MKT", "DSO",
                                         "BIL", "PAY", "CRC", "COM",  "MKG", "CMP", "CXI"};
    for (std::size_t i = 0; i < codes.size(); ++i) {
        CHECK(j.departments[i].id == codes[i]);
        CHECK(j.departments[i].lane == static_cast<int>(i) + 1);
        CHECK(j.departments[i].external == (codes[i] == "DSO"));
        CHECK(j.find_calendar(j.departments[i].calendar) != nullptr);
    }
    std::vector<std::string> outcomes;
    for (const Outcome& o : j.outcomes) {
        outcomes.push_back(o.id + (o.lagging ? "*" : ""));
    }
    CHECK(outcomes == std::vector<std::string>{"J1_on_time", "J2_few_contacts", "J3_no_rework",
                                               "J4_no_complaint", "J5_no_wrongful_collections",
                                               "J6_happy", "retained*"});
    // Every designed touchpoint is in the designed order; the ad hoc ones are not.
    const auto leaves = j.order->touchpoints();
    CHECK(leaves.size() == 15);
    // Each role the analyses need has a class.
    for (const ClassRole role :
         {ClassRole::non_work, ClassRole::return_, ClassRole::correction, ClassRole::failure_demand,
          ClassRole::data_request, ClassRole::complaint, ClassRole::survey, ClassRole::transfer}) {
        CHECK_FALSE(j.classes_with_role(role).empty());
    }
    // SLAs on working days have a calendar.
    for (const Touchpoint& t : j.touchpoints) {
        for (const Sla& s : t.slas) {
            if (s.basis == TimeBasis::business) {
                CHECK(j.sla_calendar(t, s) != nullptr);
            }
        }
    }
    const Calendar* cc = j.find_calendar("contact_centre");
    REQUIRE(cc != nullptr);
    CHECK(cc->holiday_files.at(0).days.size() == 24);
}

TEST_CASE("move-house sample log binds completely and as its ground truth says",
          "[dsl][examples][binding]") {
    const Example ex = load("examples/move-house", "move-house.journey", "move-house-log.csv");
    const Binding b = bind(ex.model, ex.log);
    CHECK(b.events == 122);
    CHECK(b.bound_events == 112);
    CHECK(b.class_only_events == 10);
    CHECK(b.unmatched_events == 0);
    CHECK(b.complete());
    CHECK(b.double_matches.empty());
    CHECK(counts(b) ==
          std::vector<std::uint64_t>{8, 4, 4, 12, 11, 4, 4, 3, 10, 2, 9, 4, 4, 5, 11, 3, 6, 4, 4});
    CHECK(b.class_only == std::vector<ActivityCount>{{"Journey survey answered", 3},
                                                     {"Journey survey sent", 3},
                                                     {"Contact survey answered", 1},
                                                     {"Contact survey sent", 1},
                                                     {"Loss notification received", 1},
                                                     {"Message sent", 1}});
    std::vector<std::size_t> class_sizes;
    for (const auto& c : b.class_events) {
        class_sizes.push_back(c.size());
    }
    // customer_actions, automated_messages, marketing, surveys, returns, rework,
    // failure_demand, value_demand, re_asks, transfers, complaints, bill_runs,
    // new_home_bills, bill_corrections, losses
    // failure_demand counts each contact once (not its transfer events), value_demand
    // leaves out case creation, new_home_bills leaves out bills on estimated reads.
    CHECK(class_sizes == std::vector<std::size_t>{10, 13, 1, 8, 2, 2, 2, 4, 1, 1, 4, 4, 4, 0, 1});
    CHECK(ground_truth_mismatches(ex.model, ex.log, b) == 0);
}

TEST_CASE("telco spec: four visible touchpoints and the hidden back-office step",
          "[dsl][examples]") {
    const Example ex = load("examples/telco-install", "install.journey", "install-log.csv");
    const Journey& j = ex.model;
    std::vector<std::string> ids;
    for (const Touchpoint& t : j.touchpoints) {
        ids.push_back(t.id + (t.hidden ? "(hidden)" : ""));
    }
    CHECK(ids == std::vector<std::string>{"sign_up", "validate(hidden)", "appointment", "install",
                                          "activate"});
    const Touchpoint* validate = j.find_touchpoint("validate");
    REQUIRE(validate->slas.size() == 1);
    CHECK(validate->slas[0].within == Duration{24, DurationUnit::hours});
    CHECK(validate->slas[0].target->target_percent == 98);
    CHECK(validate->kpis.empty()); // speed only: accuracy is not measured there
    CHECK(j.outcomes.size() == 7);
    CHECK(j.success->target_percent == 70);
}

TEST_CASE("telco sample log binds completely and as its ground truth says",
          "[dsl][examples][binding]") {
    const Example ex = load("examples/telco-install", "install.journey", "install-log.csv");
    const Binding b = bind(ex.model, ex.log);
    CHECK(b.events == 82);
    CHECK(b.bound_events == 69);
    CHECK(b.class_only_events == 13);
    CHECK(b.unmatched.empty());
    CHECK(b.double_matches.empty());
    CHECK(counts(b) == std::vector<std::uint64_t>{10, 18, 14, 18, 9});
    CHECK(b.class_only == std::vector<ActivityCount>{{"Customer call", 4},
                                                     {"Survey answered", 3},
                                                     {"Survey sent", 3},
                                                     {"Complaint logged", 1},
                                                     {"Contract terminated", 1},
                                                     {"Order cancelled", 1}});
    std::vector<std::size_t> class_sizes;
    for (const auto& c : b.class_events) {
        class_sizes.push_back(c.size());
    }
    CHECK(class_sizes == std::vector<std::size_t>{10, 14, 6, 3, 3, 4, 1, 1, 1});
    CHECK(ground_truth_mismatches(ex.model, ex.log, b) == 0);
    // Rule hits: the validate touchpoint's one rule bound all its 18 events.
    CHECK(b.rule_events[1] == std::vector<std::uint64_t>{18});
}

TEST_CASE("a spec without some rules leaves those events unmatched, counted per activity",
          "[dsl][examples][binding]") {
    Example ex = load("examples/telco-install", "install.journey", "install-log.csv");
    ex.model.classes.clear();              // nothing is class-only any more
    ex.model.touchpoints[4].match.clear(); // activation events match nothing
    const Binding b = bind(ex.model, ex.log);
    CHECK(b.unmatched_events == 13 + 9);
    CHECK_FALSE(b.complete());
    CHECK(b.unmatched == std::vector<ActivityCount>{{"Customer call", 4},
                                                    {"Service activated", 4},
                                                    {"Welcome email sent", 4},
                                                    {"Survey answered", 3},
                                                    {"Survey sent", 3},
                                                    {"Complaint logged", 1},
                                                    {"Contract terminated", 1},
                                                    {"Number port completed", 1},
                                                    {"Order cancelled", 1}});
}
