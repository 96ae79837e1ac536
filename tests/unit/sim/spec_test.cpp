// The simulated processes against the example specs: every simulated activity binds,
// and to the touchpoint the simulator says (check_spec), and mismatches are reported.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include <journey/dsl/dsl.hpp>
#include <journey/sim/spec_check.hpp>

#include "sim_test_util.hpp"

using namespace journey;
using namespace journey::sim;
using namespace journey::sim::test;

namespace {

class Disk : public dsl::FileSystem {
public:
    std::optional<std::string> read(const std::string& path) override {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            return std::nullopt;
        }
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }
};

using Edits = std::vector<std::pair<std::string, std::string>>;

journey::Journey compile(const std::string& path, const Edits& edits = {}) {
    Disk disk;
    std::string text = *disk.read(path);
    for (const auto& [from, to] : edits) {
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
    }
    dsl::SourceManager sources;
    dsl::CompileOptions options;
    options.files = &disk;
    dsl::CompileResult r = dsl::compile_text(sources, path, text, options);
    INFO(dsl::render_diagnostics(r.diagnostics, sources));
    REQUIRE_FALSE(r.has_errors());
    return std::move(r.model);
}

} // namespace

TEST_CASE("the example specs fit the simulated processes", "[sim][spec]") {
    const journey::Journey move = compile(example("move-house/move-house.journey"));
    const journey::Journey telco_spec = compile(example("telco-install/install.journey"));
    // 2000 journeys reach every activity and branch of both generators.
    for (const Scenario& sc :
         {as_is(), redesign(), load_scenario(example("move-house/scenarios/noisy.scenario"))}) {
        const Generator g(sc, {2000, 42});
        CHECK(check_spec(move, g, 2000).empty());
    }
    const Generator t(telco(), {2000, 42});
    CHECK(check_spec(telco_spec, t, 2000).empty());
}

TEST_CASE("check_spec reports a spec of another process", "[sim][spec]") {
    const journey::Journey move = compile(example("move-house/move-house.journey"));
    const Generator t(telco(), {10, 1});
    const std::vector<std::string> problems = check_spec(move, t);
    REQUIRE(problems.size() == 12);
    CHECK(problems[0] == "department 'sales' is not in the spec");
    CHECK(problems[7] == "touchpoint 'sign_up' is not in the spec");
}

TEST_CASE("check_spec reports unbound activities and other touchpoints", "[sim][spec]") {
    // Without the rule for final bills, "Final bill issued" binds to nothing.
    const journey::Journey no_final_bill = compile(
        example("move-house/move-house.journey"),
        {{"match activity = \"Final bill issued\"", "match activity = \"Final bill printed\""}});
    const Generator g(as_is(), {200, 42});
    const auto p1 = check_spec(no_final_bill, g, 200);
    INFO((p1.size() > 1 ? p1[1] : std::string()));
    REQUIRE(p1.size() == 1);
    CHECK(p1[0] == "activity 'Final bill issued' binds to no touchpoint and no class of the "
                   "spec (200 events)");
    // Quotes bound to T01 instead of T02.
    const journey::Journey quote_t01 =
        compile(example("move-house/move-house.journey"),
                {{"match activity in [\"Move form submitted\", \"MoveRequest case created\"]",
                  "match activity in [\"Move form submitted\", \"MoveRequest case created\", "
                  "\"Quote issued\"]"},
                 {"match activity in [\"Quote issued\", \"Retention offer made\"]",
                  "match activity in [\"Retention offer made\"]"}});
    const auto p2 = check_spec(quote_t01, g, 200);
    REQUIRE_FALSE(p2.empty());
    CHECK(p2[0] == "'Quote issued' is bound to T01 by the spec but simulated as T02 (200 events)");
}
