// The .scenario format: parsing, errors with locations, extends, overrides, echo.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <journey/core/error.hpp>
#include <journey/core/time.hpp>
#include <journey/sim/random.hpp>
#include <journey/sim/scenario.hpp>

using namespace journey;
using namespace journey::sim;

namespace {

std::string examples(const std::string& rel) {
    return std::string(JOURNEY_SOURCE_DIR) + "/examples/" + rel;
}

std::string parse_error(const std::string& text) {
    try {
        (void)parse_scenario(text, "t.scenario");
    } catch (const format_error& e) {
        return e.what();
    }
    return "no error";
}

std::string set_error(const std::string& key, const std::string& value) {
    Scenario s;
    try {
        s.set(key, value);
    } catch (const usage_error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("a scenario file sets values by section and key", "[sim][scenario]") {
    const Scenario s = parse_scenario("# comment\n"
                                      "name = test_1\n"
                                      "watermelon_strength = 0.5   # trailing comment\n"
                                      "period_start = 2025-02-03\n"
                                      "holidays = 2025-02-04, 2025-02-05\n"
                                      "[defects]\n"
                                      "d7 = 0.3\n"
                                      "[ontime]\n"
                                      "T05 = 0.91\n"
                                      "[sla]\n"
                                      "T05 = 3\n"
                                      "[outcomes]\n"
                                      "red_includes_j6 = yes\n",
                                      "t.scenario");
    CHECK(s.name == "test_1");
    CHECK(s.watermelon_strength == 0.5);
    CHECK(s.period_start == days_from_civil(2025, 2, 3));
    CHECK(s.holidays == std::vector<Day>{days_from_civil(2025, 2, 4), days_from_civil(2025, 2, 5)});
    CHECK(s.defects.d7 == 0.3);
    CHECK(s.defects.d8 == 0.25); // untouched default
    CHECK(s.ontime == std::vector<std::pair<std::string, double>>{{"T05", 0.91}});
    CHECK(s.sla_target == std::vector<std::pair<std::string, double>>{{"T05", 3.0}});
    CHECK(s.outcomes.red_includes_j6);
}

TEST_CASE("the name defaults to the file name", "[sim][scenario]") {
    CHECK(parse_scenario("", "dir/my_case.scenario").name == "my_case");
    CHECK(parse_scenario("name = other", "dir/my_case.scenario").name == "other");
}

TEST_CASE("scenario syntax errors name the line and column", "[sim][scenario]") {
    CHECK(parse_error("[defects]\nd7 0.3\n") ==
          "t.scenario:2:1: expected 'key = value', '[section]' or a comment");
    CHECK(parse_error("[defect]\n") ==
          "t.scenario:1:2: unknown section [defect] (sections: arrivals, context, defects, "
          "propagation, delays, outcomes, telco, noise, ontime, sla)");
    CHECK(parse_error("[defects\n") == "t.scenario:1:1: expected ']' to close the section");
    CHECK(parse_error("= 3\n") == "t.scenario:1:1: missing parameter name before '='");
    CHECK(parse_error("[defects]\nd77 = 0.1\n") ==
          "t.scenario:2:1: unknown parameter 'defects.d77' (did you mean 'defects.d7'?)");
    CHECK(parse_error("banana = 1\n") == "t.scenario:1:1: unknown parameter 'banana'");
    CHECK(parse_error("[defects]\n  d7 = 1.5\n") ==
          "t.scenario:2:8: defects.d7: a probability must be between 0 and 1");
    CHECK(parse_error("[defects]\nd7 = lots\n") ==
          "t.scenario:2:6: defects.d7: 'lots' is not a number");
    CHECK(parse_error("period_days = 0\n") ==
          "t.scenario:1:15: period_days: the value must be between 1 and 3660");
    CHECK(parse_error("period_days = 1.5\n") ==
          "t.scenario:1:15: period_days: '1.5' is not an integer");
    CHECK(parse_error("period_start = 2024-02-30\n") ==
          "t.scenario:1:16: period_start: '2024-02-30' is not a date (YYYY-MM-DD)");
    CHECK(parse_error("process = bakery\n") ==
          "t.scenario:1:11: process: 'bakery' is not a process (move_house or telco_install)");
    CHECK(
        parse_error("[arrivals]\nweekday_weights = 1, 2\n") ==
        "t.scenario:2:19: arrivals.weekday_weights: expected 7 weights (Monday to Sunday), got 2");
    CHECK(parse_error("[defects]\nd7 = 0.1\nd7 = 0.2\n") ==
          "t.scenario:3:1: 'defects.d7' is set twice (first on line 2)");
    CHECK(parse_error("name = x\nextends = as_is\n") ==
          "t.scenario:2:1: 'extends' must be the first setting");
    CHECK(parse_error("utc_offset = +25:00\n") ==
          "t.scenario:1:14: utc_offset: '+25:00' is not a UTC offset (+HH:MM)");
}

TEST_CASE("cross-parameter rules are checked after parsing", "[sim][scenario]") {
    CHECK(parse_error("[ontime]\nT99 = 0.9\n") ==
          "t.scenario: unknown touchpoint 'T99' in [ontime] for process move_house");
    CHECK(parse_error("[context]\nchannel_phone = 0\nchannel_web = 0\nchannel_app = 0\n"
                      "channel_chat = 0\n") ==
          "t.scenario: the context.channel_* shares must not all be 0");
    CHECK(parse_error("[delays]\nletter_min_days = 4\nletter_max_days = 3\n") ==
          "t.scenario: delays.letter_min_days must not be greater than delays.letter_max_days");
    CHECK(parse_error("process = telco_install\n[ontime]\nT05 = 0.9\n") ==
          "t.scenario: unknown touchpoint 'T05' in [ontime] for process telco_install");
}

TEST_CASE("Scenario::set reports the key", "[sim][scenario]") {
    CHECK(set_error("defects.d77", "0.1") ==
          "unknown parameter 'defects.d77' (did you mean 'defects.d7'?)");
    CHECK(set_error("ontime_p", "2") == "ontime_p: a probability must be between 0 and 1");
    CHECK(set_error("outcomes.red_includes_j6", "maybe") ==
          "outcomes.red_includes_j6: 'maybe' is not a boolean (true or false)");
    Scenario s;
    s.set("ontime_p", "0.7");
    CHECK(s.ontime_override == 0.7);
    s.set("ontime_p", "default");
    CHECK(s.ontime_override < 0);
    s.set("ontime.T17", "0.5");
    s.set("ontime.T17", "0.6");
    CHECK(s.ontime == std::vector<std::pair<std::string, double>>{{"T17", 0.6}});
}

TEST_CASE("values() round-trips through the parser", "[sim][scenario]") {
    Scenario s = load_scenario(examples("move-house/scenarios/redesign.scenario"));
    std::string text;
    std::string section;
    for (const auto& [key, value] : s.values()) {
        const auto dot = key.find('.');
        const std::string sec = dot == std::string::npos ? "" : key.substr(0, dot);
        if (sec != section) {
            text += "[" + sec + "]\n";
            section = sec;
        }
        text += (dot == std::string::npos ? key : key.substr(dot + 1)) + " = " + value + "\n";
    }
    const Scenario back = parse_scenario(text, "echo.scenario");
    CHECK(back.values() == s.values());
}

TEST_CASE("extends starts from another scenario file", "[sim][scenario]") {
    const Scenario as_is = load_scenario(examples("move-house/scenarios/as_is.scenario"));
    const Scenario redesign = load_scenario(examples("move-house/scenarios/redesign.scenario"));
    CHECK(redesign.name == "redesign");
    CHECK(redesign.defects.d7 == 0.0);
    CHECK(redesign.propagation.pingpong == 0.05);
    CHECK(redesign.holidays == as_is.holidays); // inherited
    CHECK(redesign.ontime == as_is.ontime);
    CHECK(as_is.holidays.size() == 16);

    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "journey_sim_scenario_test";
    fs::create_directories(dir);
    std::ofstream(dir / "base.scenario") << "[defects]\nd7 = 0.11\n";
    std::ofstream(dir / "child.scenario") << "extends = base\n[defects]\nd8 = 0.12\n";
    std::ofstream(dir / "loop.scenario") << "extends = loop\n";
    std::ofstream(dir / "orphan.scenario") << "extends = missing\n";
    const Scenario child = load_scenario((dir / "child.scenario").string());
    CHECK(child.name == "child");
    CHECK(child.defects.d7 == 0.11);
    CHECK(child.defects.d8 == 0.12);
    CHECK_THROWS_WITH(load_scenario((dir / "loop.scenario").string()),
                      Catch::Contains("scenarios extend each other too deeply (a cycle?)"));
    CHECK_THROWS_AS(load_scenario((dir / "orphan.scenario").string()), io_error);
    CHECK_THROWS_AS(load_scenario((dir / "none.scenario").string()), io_error);
    fs::remove_all(dir);
}

TEST_CASE("the defaults are the as_is values", "[sim][scenario]") {
    // as_is.scenario lists every parameter; only what the code cannot know by
    // itself differs: the description, the holiday list and the per-touchpoint tables.
    const Scenario file = load_scenario(examples("move-house/scenarios/as_is.scenario"));
    const auto a = Scenario{}.values();
    const auto b = file.values();
    std::size_t compared = 0;
    for (const auto& [key, value] : a) {
        if (key == "description" || key == "holidays") {
            continue;
        }
        const auto it =
            std::find_if(b.begin(), b.end(), [&](const auto& p) { return p.first == key; });
        REQUIRE(it != b.end());
        INFO(key);
        CHECK(it->second == value);
        ++compared;
    }
    CHECK(compared == a.size() - 2);
}

TEST_CASE("every parameter is documented", "[sim][scenario]") {
    const auto params = scenario_parameters();
    CHECK(params.size() == Scenario{}.values().size() + 2); // + ontime.*, sla.*
    for (const ParameterInfo& p : params) {
        INFO(p.key);
        CHECK_FALSE(p.description.empty());
        CHECK_FALSE(p.kind.empty());
    }
    const auto d7 = std::find_if(params.begin(), params.end(),
                                 [](const ParameterInfo& p) { return p.key == "defects.d7"; });
    REQUIRE(d7 != params.end());
    CHECK(d7->defect);
    CHECK(d7->default_value == "0.2");
    CHECK(d7->kind == "probability");
}

TEST_CASE("arbitrary scenario text parses or fails cleanly", "[sim][scenario]") {
    // Token soup from the format's own pieces: every outcome is a Scenario or a
    // format_error, never a crash or another exception.
    const std::vector<std::string> tokens = {
        "[", "]", "=", "#", "\n", " ", ",", "defects", "d7", "ontime", "T05", "0.5", "-1",
        "1e308", "nan", "extends", "as_is", "process", "telco_install", "holidays",
        "2024-02-29", "9999-12-31", "arrivals", "weekday_weights", "\xEF\xBB\xBF", "\r", "+00:00"};
    journey::sim::Xoshiro256ss rng(77);
    int parsed = 0, failed = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string text;
        const auto len = rng.range(0, 24);
        for (std::int64_t k = 0; k < len; ++k) {
            text += tokens[static_cast<std::size_t>(rng.below(tokens.size()))];
        }
        try {
            (void)parse_scenario(text, "soup.scenario");
            ++parsed;
        } catch (const format_error&) {
            ++failed;
        } catch (const io_error&) {
            ++failed; // "extends = as_is" next to a file that does not exist
        }
    }
    CHECK(parsed + failed == 3000);
    CHECK(parsed > 0);
    CHECK(failed > 0);
}
