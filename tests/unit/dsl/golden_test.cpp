// Golden negative cases: tests/data/dsl/<case>/case.journey compiles to exactly the
// diagnostics in case.err. JOURNEY_UPDATE_GOLDEN=1 rewrites the .err files.

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include <journey/dsl/dsl.hpp>

#include "dsl_test_util.hpp"

namespace fs = std::filesystem;
using namespace journey;

namespace {

std::vector<std::string> case_names() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(test::data_path("dsl"))) {
        if (entry.is_directory() && fs::exists(entry.path() / "case.journey")) {
            names.push_back(entry.path().filename().string());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::string run_case(const std::string& name) {
    const std::string dir = test::data_path("dsl/" + name);
    test::DirectoryFileSystem files(dir);
    dsl::CompileOptions options;
    options.files = &files;
    dsl::SourceManager sources;
    const dsl::CompileResult r =
        dsl::compile_text(sources, "case.journey", test::read_file(dir + "/case.journey"), options);
    return dsl::render_diagnostics(r.diagnostics, sources);
}

} // namespace

TEST_CASE("golden negative cases render exactly their case.err", "[dsl][golden]") {
    const std::vector<std::string> names = case_names();
    REQUIRE(names.size() >= 60);
    const bool update = std::getenv("JOURNEY_UPDATE_GOLDEN") != nullptr;
    for (const std::string& name : names) {
        INFO("case " << name);
        const std::string got = run_case(name);
        const std::string err_path = test::data_path("dsl/" + name + "/case.err");
        if (update) {
            std::ofstream(err_path, std::ios::binary) << got;
        }
        REQUIRE(fs::exists(err_path));
        CHECK(got == test::read_file(err_path));
    }
}

TEST_CASE("every diagnostic code has a golden case that reports it", "[dsl][golden]") {
    for (const std::string& code : dsl::diagnostic_codes()) {
        INFO("code " << code);
        const std::string err_path = test::data_path("dsl/" + code + "/case.err");
        REQUIRE(fs::exists(err_path));
        CHECK(test::read_file(err_path).find("[" + code + "]") != std::string::npos);
    }
}

TEST_CASE("golden cases are named after the code they show, and show errors first",
          "[dsl][golden]") {
    const auto& codes = dsl::diagnostic_codes();
    for (const std::string& name : case_names()) {
        if (name == "recovery" || name == "long-line") {
            continue; // several codes / rendering cases
        }
        INFO("case " << name);
        CHECK(std::find(codes.begin(), codes.end(), name) != codes.end());
    }
}
