// Journey stitching: keys, links, windows and the report, on small hand-made logs.
// (stitch_sim_test.cpp runs it on simulated departmental exports.)

#include <catch2/catch.hpp>

#include <journey/core/error.hpp>
#include <journey/core/event_log_builder.hpp>
#include <journey/miners/stitch.hpp>

using namespace journey;
using namespace journey::miners;

namespace {

struct Ev {
    const char* case_id;
    const char* activity;
    Timestamp time;
    const char* account = nullptr; ///< event attribute account_id
};

EventLog make(std::initializer_list<Ev> events) {
    EventLogBuilder b;
    const auto acc = b.event_attribute("account_id", AttrType::string);
    for (const Ev& e : events) {
        EventFields f;
        f.activity = b.activities().insert(e.activity);
        f.timestamp = e.time;
        b.add_event(e.case_id, f);
        if (e.account != nullptr) {
            b.set_string(acc, e.account);
        }
    }
    return b.finish();
}

StitchOptions base_options() {
    StitchOptions o;
    o.keys = {{"customer", parse_key_field("case"), "crm"},
              {"account", parse_key_field("attr:account_id"), "crm"},
              {"account", parse_key_field("case"), "billing"},
              {"account", parse_key_field("attr:account_id"), "metering"}};
    o.unique_entities = {"customer"};
    o.links = {{"account", "A1", "account", "A2"}, {"account", "X1", "account", "X2"}};
    return o;
}

std::vector<std::string> case_names(const EventLog& log) {
    std::vector<std::string> out;
    for (std::size_t c = 0; c < log.num_cases(); ++c) {
        out.emplace_back(log.case_name(c));
    }
    return out;
}

/// "activity@source" of each event of case c.
std::vector<std::string> trace(const EventLog& log, std::size_t c) {
    const AttrColumn* src = log.event_attribute("source", AttrType::string);
    std::vector<std::string> out;
    for (std::size_t i = log.case_begin(c); i < log.case_end(c); ++i) {
        out.push_back(std::string(log.activity_names()[log.activities()[i]]) + "@" +
                      std::string(log.values()[static_cast<Id>(*src->find(static_cast<std::uint32_t>(i)))]));
    }
    return out;
}

} // namespace

TEST_CASE("stitching joins keys across sources through links", "[stitch]") {
    const EventLog crm = make({{"CU1", "Call answered", 100, "A1"}, {"CU1", "Move request created", 200}});
    const EventLog billing = make({{"A1", "Final bill issued", 300},
                                   {"A2", "First bill issued", 400},
                                   {"A9", "Reminder sent", 450}});
    const EventLog metering = make({{"R1", "Read received", 350, "A1"}, {"R2", "Read received", 360}});
    const StitchResult r =
        stitch({{"crm", &crm}, {"billing", &billing}, {"metering", &metering}}, base_options());

    CHECK(case_names(r.log) == std::vector<std::string>{"customer:CU1", "account:A9"});
    CHECK(trace(r.log, 0) == std::vector<std::string>{"Call answered@crm", "Move request created@crm",
                                                      "Final bill issued@billing", "Read received@metering",
                                                      "First bill issued@billing"});
    CHECK(trace(r.log, 1) == std::vector<std::string>{"Reminder sent@billing"});

    const StitchReport& rep = r.report;
    CHECK(rep.events_in == 7);
    CHECK(rep.events_out == 6);
    CHECK(rep.groups == 2);
    CHECK(rep.journeys == 2);
    CHECK(rep.keys == 6);
    CHECK(rep.sources == std::vector<StitchReport::SourceCounts>{
                             {"crm", 2, 2, 0, 0}, {"billing", 3, 3, 0, 0}, {"metering", 2, 1, 1, 0}});
    CHECK(rep.merges == std::vector<StitchReport::Merge>{
                            {"customer:CU1", {{"billing", 2}, {"crm", 2}, {"metering", 1}}}});
    CHECK(rep.unlinked == std::vector<EventRef>{{"metering", "R2", 0, "Read received", 360}});
    CHECK(rep.outside.empty());
    CHECK(rep.splits.empty());
    CHECK(rep.conflicts.empty());
    CHECK(rep.unused_links == std::vector<KeyLink>{{"account", "X1", "account", "X2"}});
    CHECK(rep.warnings.empty());

    // Source case ids, keys as objects, attributes carried over.
    const AttrColumn* sc = r.log.event_attribute("source_case", AttrType::string);
    REQUIRE(sc != nullptr);
    CHECK(r.log.values()[static_cast<Id>(sc->values[3])] == "R1");
    std::vector<std::string> objects_of_first;
    for (const ObjectLink& l : r.log.object_links()) {
        if (l.event == 0) {
            objects_of_first.push_back(std::string(r.log.object_types()[l.type]) + ":" +
                                       std::string(r.log.object_ids()[l.object]));
        }
    }
    CHECK(objects_of_first == std::vector<std::string>{"account:A1", "customer:CU1"});
    CHECK(r.log.event_attribute("account_id", AttrType::string)->rows ==
          std::vector<std::uint32_t>{0, 3});
}

TEST_CASE("windows split a history into journeys; the rest is reported outside", "[stitch]") {
    const EventLog crm = make({{"CU1", "Call answered", 100, "A1"},
                               {"CU1", "Move request created", 200},
                               {"CU1", "Call answered", 5000}});
    const EventLog billing = make({{"A1", "Final bill issued", 300},
                                   {"A1", "Reminder sent", 4000},
                                   {"A2", "First bill issued", 400},
                                   {"A2", "Bill issued", 6000},
                                   {"A9", "Reminder sent", 450}});
    const EventLog metering = make({{"R1", "Read received", 350, "A1"}, {"R2", "Read received", 360}});
    StitchOptions o = base_options();
    o.window.start_activities = {"Call answered"};
    o.window.end_activities = {"First bill issued"};
    const StitchResult r =
        stitch({{"crm", &crm}, {"billing", &billing}, {"metering", &metering}}, o);
    CHECK(case_names(r.log) == std::vector<std::string>{"customer:CU1#1", "customer:CU1#2"});
    CHECK(trace(r.log, 0).size() == 5);
    CHECK(trace(r.log, 1) == std::vector<std::string>{"Call answered@crm", "Bill issued@billing"});
    CHECK(r.report.splits == std::vector<StitchReport::Split>{
                                 {"customer:CU1", {"customer:CU1#1", "customer:CU1#2"}}});
    CHECK(r.report.outside == std::vector<EventRef>{{"billing", "A1", 1, "Reminder sent", 4000},
                                                    {"billing", "A9", 0, "Reminder sent", 450}});
    CHECK(r.report.sources[1] == StitchReport::SourceCounts{"billing", 5, 3, 0, 2});
    CHECK(r.report.journeys == 2);
    CHECK(r.report.events_out == 7);

    // A maximum duration instead of an end milestone.
    o.window.end_activities.clear();
    o.window.max_duration = 250;
    const StitchResult m =
        stitch({{"crm", &crm}, {"billing", &billing}, {"metering", &metering}}, o);
    CHECK(trace(m.log, 0) == std::vector<std::string>{"Call answered@crm", "Move request created@crm",
                                                      "Final bill issued@billing", "Read received@metering"});
    CHECK(trace(m.log, 1) == std::vector<std::string>{"Call answered@crm"});
    CHECK(m.report.outside.size() == 4); // first bill (t400), reminder (4000), bill (6000), A9
}

TEST_CASE("links that join two customers are reported as conflicts", "[stitch]") {
    const EventLog crm = make({{"CU1", "Call answered", 100, "A1"}, {"CU2", "Call answered", 150, "A1"}});
    const EventLog billing = make({{"A1", "Final bill issued", 300}});
    const StitchResult r = stitch({{"crm", &crm}, {"billing", &billing}}, base_options());
    CHECK(case_names(r.log) == std::vector<std::string>{"customer:CU1"});
    CHECK(r.report.conflicts ==
          std::vector<StitchReport::Conflict>{{"customer:CU1", "customer", {"CU1", "CU2"}}});
    CHECK(r.report.warnings ==
          std::vector<std::string>{"the key of entity 'account' in source 'metering' is not used: "
                                   "no such source is stitched"});
}

TEST_CASE("stitching reports declarations that find nothing, and rejects bad ones", "[stitch]") {
    const EventLog crm = make({{"CU1", "Call answered", 100}});
    StitchOptions o;
    o.keys = {{"customer", parse_key_field("case"), ""},
              {"account", parse_key_field("attr:acct"), "crm"},
              {"meter", parse_key_field("object:meter"), "crm"},
              {"segment", parse_key_field("case-attr:segment"), ""}};
    const StitchResult r = stitch({{"crm", &crm}}, o);
    CHECK(r.report.warnings == std::vector<std::string>{
                                   "source 'crm' has no event attribute 'acct'",
                                   "source 'crm' has no objects of type 'meter'",
                                   "source 'crm' has no case attribute 'segment'"});
    CHECK(case_names(r.log) == std::vector<std::string>{"customer:CU1"});

    o.keys = {{"", parse_key_field("case"), ""}};
    CHECK_THROWS_MATCHES(stitch({{"crm", &crm}}, o), usage_error,
                         Catch::Message("stitch: a key declaration has no entity"));
    CHECK_THROWS_MATCHES(parse_key_field("attr:"), usage_error,
                         Catch::Message("key field 'attr:' is not one of: case, attr:NAME, "
                                        "case-attr:NAME, object:TYPE"));
    CHECK(parse_key_field("object:Account") == KeyField{KeyField::Kind::object, "Account"});
    CHECK(parse_key_field("case-attr:x") == KeyField{KeyField::Kind::case_attribute, "x"});

    // No keys at all: every event is reported unlinked; nothing is lost silently.
    const StitchResult none = stitch({{"crm", &crm}}, StitchOptions{});
    CHECK(none.log.num_events() == 0);
    CHECK(none.report.unlinked == std::vector<EventRef>{{"crm", "CU1", 0, "Call answered", 100}});
}
