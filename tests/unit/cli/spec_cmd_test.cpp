// journey spec check|fmt|bind, run in-process through run_cli.

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "../json_lite.hpp"
#include "../test_util.hpp"

#include "../cli_run.hpp"

namespace fs = std::filesystem;
using journey::test::run;
using journey::test::Run;

namespace {

std::string example(const std::string& rel) {
    return std::string(JOURNEY_SOURCE_DIR) + "/examples/" + rel;
}

// A scratch directory for files the tests write, removed at the end.
struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() /
               ("journey-spec-test-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string write(const std::string& name, const std::string& text) const {
        const fs::path p = path / name;
        std::ofstream(p, std::ios::binary) << text;
        return p.string();
    }
};

const char* const bad_spec = "journey \"Bad\" {\n"
                             "  starts at a\n"
                             "  ends at b\n"
                             "  department d\n"
                             "  touchpoint a { owner dd; match activity = \"A\" }\n"
                             "  touchpoint b { owner d; match activity = \"B\" }\n"
                             "}\n";

} // namespace

TEST_CASE("spec --help lists check, fmt and bind", "[cli][spec]") {
    const Run r = run({"spec", "--help"});
    CHECK(r.code == 0);
    for (const char* sub : {"check", "fmt", "bind"}) {
        CHECK_THAT(r.out, Catch::Contains(sub));
        const Run h = run({"spec", sub, "--help"});
        CHECK(h.code == 0);
        CHECK(h.err.empty());
    }
    CHECK_THAT(run({"spec", "bind", "--help"}).out, Catch::Contains("--on-bad-row"));
}

TEST_CASE("spec check: valid examples exit 0 with a summary and nothing on stderr", "[cli][spec]") {
    const Run mh = run({"spec", "check", example("move-house/move-house.journey")});
    CHECK(mh.code == 0);
    CHECK(mh.err.empty());
    CHECK(mh.out ==
          example("move-house/move-house.journey") +
              ": ok: journey \"Move house\", 19 touchpoints, 14 departments, 7 outcomes\n");
    const Run telco = run({"spec", "check", example("telco-install/install.journey")});
    CHECK(telco.code == 0);
    CHECK(telco.err.empty());
}

TEST_CASE("spec check: errors exit 1, each diagnostic starts FILE:LINE:COL: error:",
          "[cli][spec]") {
    TempDir tmp;
    const std::string path = tmp.write("bad.journey", bad_spec);
    const Run r = run({"spec", "check", path});
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(r.err == path + ":5:24: error: unknown department 'dd'; did you mean 'd'? "
                          "[unknown-department]\n"
                          "    5 |   touchpoint a { owner dd; match activity = \"A\" }\n"
                          "      |                        ^~\n");
    const Run brief = run({"spec", "check", "--brief", path});
    CHECK(brief.err ==
          path + ":5:24: error: unknown department 'dd'; did you mean 'd'? [unknown-department]\n");
}

TEST_CASE("spec check --json: the contract of docs/cli/journey-spec.md", "[cli][spec]") {
    TempDir tmp;
    const std::string path = tmp.write("bad.journey", bad_spec);
    const Run r = run({"spec", "check", "--json", path});
    CHECK(r.code == 1);
    const auto doc = journey::test::parse_json(r.out);
    CHECK(doc["journey"].s == "Bad");
    REQUIRE(doc["departments"].size() == 1);
    CHECK(doc["departments"][0].s == "d");
    REQUIRE(doc["touchpoints"].size() == 2);
    CHECK(doc["touchpoints"][0]["id"].s == "a");
    CHECK(doc["touchpoints"][0]["label"].s == "");
    CHECK(doc["touchpoints"][0]["owner"].s == "dd");
    CHECK(doc["touchpoints"][0]["designed"].b);
    REQUIRE(doc["diagnostics"].size() == 1);
    const auto& d = doc["diagnostics"][0];
    CHECK(d["severity"].s == "error");
    CHECK(d["code"].s == "unknown-department");
    CHECK(d["message"].s == "unknown department 'dd'; did you mean 'd'?");
    CHECK(d["file"].s == path);
    CHECK(d["line"].n == 5);
    CHECK(d["column"].n == 24);
    CHECK(d["end_column"].n == 26);
    CHECK(d["notes"].size() == 0);

    const Run ok = run({"spec", "check", "--json", example("telco-install/install.journey")});
    CHECK(ok.code == 0);
    const auto t = journey::test::parse_json(ok.out);
    CHECK(t["journey"].s == "Telco install");
    CHECK(t["touchpoints"].size() == 5);
    CHECK(t["touchpoints"][1]["id"].s == "validate");
    CHECK(t["touchpoints"][1]["owner"].s == "back_office");
    CHECK(t["diagnostics"].size() == 0);
}

TEST_CASE("spec check: warnings, --no-warn and --werror", "[cli][spec]") {
    TempDir tmp;
    const std::string path = tmp.write("w.journey", "journey \"W\" {\n"
                                                    "  starts at a\n"
                                                    "  ends at a\n"
                                                    "  department d\n"
                                                    "  touchpoint a { owner d }\n"
                                                    "}\n");
    const Run warned = run({"spec", "check", "--brief", path});
    CHECK(warned.code == 0);
    CHECK(warned.err == path + ":5:14: warning: touchpoint 'a' has no match rule, so no event "
                               "can evidence it [no-match-rule]\n");
    CHECK_THAT(warned.out, Catch::EndsWith(", 1 warning\n"));
    const Run quiet = run({"spec", "check", "--no-warn", "no-match-rule", path});
    CHECK(quiet.code == 0);
    CHECK(quiet.err.empty());
    const Run strict = run({"spec", "check", "--werror", "--brief", path});
    CHECK(strict.code == 1);
    CHECK_THAT(strict.err, Catch::Contains(": error: touchpoint 'a' has no match rule"));
    const Run bad_flag = run({"spec", "check", "--no-warn", "no-such-warning", path});
    CHECK(bad_flag.code == 2);
    CHECK_THAT(bad_flag.err, Catch::StartsWith("journey: --no-warn: 'no-such-warning' is not a "
                                               "warning code"));
}

TEST_CASE("spec check: a missing file exits 1; a missing argument exits 2", "[cli][spec]") {
    const Run missing = run({"spec", "check", "/nonexistent/dir/x.journey"});
    CHECK(missing.code == 1);
    CHECK(missing.err == "journey: /nonexistent/dir/x.journey: cannot read the spec file\n");
    CHECK(run({"spec", "check"}).code == 2);
    CHECK(run({"spec"}).code == 2);
}

TEST_CASE("spec fmt: canonical text on stdout, --check, --write", "[cli][spec]") {
    const Run canon = run({"spec", "fmt", example("move-house/move-house.journey")});
    CHECK(canon.code == 0);
    CHECK(canon.out == journey::test::read_file(example("move-house/move-house.journey")));
    CHECK(run({"spec", "fmt", "--check", example("telco-install/install.journey")}).code == 0);

    TempDir tmp;
    const std::string messy = "# keep me\njourney \"M\" {starts at a;ends at a\n"
                              "department d touchpoint a{owner d;match activity=\"A\"}}\n";
    const std::string path = tmp.write("m.journey", messy);
    const Run check = run({"spec", "fmt", "--check", path});
    CHECK(check.code == 1);
    CHECK(check.err ==
          path + ": not in canonical form; run 'journey spec fmt --write " + path + "'\n");
    const Run write = run({"spec", "fmt", "--write", path});
    CHECK(write.code == 0);
    CHECK(write.out.empty());
    CHECK(journey::test::read_file(path) == "# keep me\n"
                                            "journey \"M\" {\n"
                                            "  starts at a\n"
                                            "  ends at a\n"
                                            "\n"
                                            "  department d\n"
                                            "\n"
                                            "  touchpoint a {\n"
                                            "    owner d\n"
                                            "    match activity = \"A\"\n"
                                            "  }\n"
                                            "}\n");
    CHECK(run({"spec", "fmt", "--check", path}).code == 0);
    CHECK(run({"spec", "fmt", "--check", "--write", path}).code == 2);

    const std::string bad = tmp.write("bad.journey", bad_spec);
    const Run refused = run({"spec", "fmt", "--write", bad});
    CHECK(refused.code == 1);
    CHECK_THAT(refused.err, Catch::EndsWith("journey: " + bad + " has errors; not formatted\n"));
    CHECK(journey::test::read_file(bad) == bad_spec);
}

TEST_CASE("spec bind: events per touchpoint, unmatched activities, double matches", "[cli][spec]") {
    const Run r = run({"spec", "bind", example("telco-install/install.journey"),
                       example("telco-install/install-log.csv")});
    CHECK(r.code == 0);
    CHECK_THAT(r.out, Catch::Contains("events  69 bound to a touchpoint, 13 only in classes, "
                                      "0 unmatched (100.0% accounted for)\n"));
    CHECK_THAT(r.out, Catch::Contains("  validate     Order validated and forwarded        18\n"));
    CHECK_THAT(r.out,
               Catch::Contains("unmatched activities (no touchpoint, no class)\n  (none)\n"));
    CHECK_THAT(r.out, Catch::Contains("  Customer call               4\n"));

    // A spec that leaves activities unmatched and lets two touchpoints claim one event.
    TempDir tmp;
    const std::string spec = tmp.write(
        "s.journey",
        "journey \"S\" {\n"
        "  starts at sign_up\n"
        "  ends at sign_up\n"
        "  department d\n"
        "  touchpoint sign_up { owner d; match activity ~ /^Order/ }\n"
        "  touchpoint validate { owner d; match activity = \"Order validated\" priority -1 }\n"
        "}\n");
    const Run loose =
        run({"spec", "bind", "--json", spec, example("telco-install/install-log.csv")});
    CHECK(loose.code == 0);
    const auto doc = journey::test::parse_json(loose.out);
    CHECK(doc["events"].n == 82);
    CHECK(doc["bound"].n == 19);
    CHECK(doc["touchpoints"][0]["events"].n == 19);
    CHECK(doc["touchpoints"][1]["events"].n == 0);
    REQUIRE(doc["double_matches"].size() == 1);
    CHECK(doc["double_matches"][0]["activity"].s == "Order validated");
    CHECK(doc["double_matches"][0]["winner"].s == "sign_up");
    CHECK(doc["double_matches"][0]["other"].s == "validate");
    CHECK(doc["double_matches"][0]["events"].n == 5);
    CHECK(doc["double_matches"][0]["first_case"].s == "I-101");
    CHECK(doc["unmatched_activities"][0]["activity"].s == "Appointment confirmation sent");
    CHECK(doc["unmatched_activities"][0]["events"].n == 7);

    const Run strict =
        run({"spec", "bind", "--strict", spec, example("telco-install/install-log.csv")});
    CHECK(strict.code == 1);
    CHECK_THAT(strict.err, Catch::EndsWith("63 events unmatched, 1 double match (--strict)\n"));
    CHECK_THAT(strict.out, Catch::Contains("  Order validated: sign_up over validate, 5 events "
                                           "(first: case I-101)\n"));
    CHECK_THAT(strict.out, Catch::Contains("  validate  "));
    CHECK_THAT(strict.out, Catch::Contains("(matched nothing)"));
}

TEST_CASE("spec bind: a spec with errors exits 1 before reading the log", "[cli][spec]") {
    TempDir tmp;
    const std::string path = tmp.write("bad.journey", bad_spec);
    const Run r = run({"spec", "bind", path, "/nonexistent.csv"});
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::StartsWith(path + ":5:24: error: unknown department 'dd'"));
}
