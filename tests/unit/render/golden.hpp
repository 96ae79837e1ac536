#pragma once
// Golden-file comparison for the render tests. JOURNEY_UPDATE_GOLDEN=1 rewrites
// the expected file instead of comparing (review the diff before committing).

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "../test_util.hpp"

namespace journey::test {

/// The first line where `actual` and `expected` differ, as "line N:\n- ...\n+ ...".
inline std::string first_difference(const std::string& expected, const std::string& actual) {
    std::istringstream e(expected);
    std::istringstream a(actual);
    std::string le;
    std::string la;
    for (int line = 1;; ++line) {
        const bool more_e = static_cast<bool>(std::getline(e, le));
        const bool more_a = static_cast<bool>(std::getline(a, la));
        if (!more_e && !more_a) {
            return "line endings or the final newline differ";
        }
        if (!more_e || !more_a || le != la) {
            return "line " + std::to_string(line) + ":\n- " + (more_e ? le : "<end>") + "\n+ " +
                   (more_a ? la : "<end>");
        }
    }
}

inline void check_golden(const std::string& name, const std::string& actual) {
    const std::string path = data_path("render/" + name);
    const char* update = std::getenv("JOURNEY_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << actual;
        REQUIRE(out.good());
        WARN("rewrote " << path);
        return;
    }
    const std::string expected = read_file(path);
    INFO("golden file " << path << " (JOURNEY_UPDATE_GOLDEN=1 rewrites it)");
    REQUIRE_FALSE(expected.empty());
    INFO(first_difference(expected, actual));
    CHECK(actual == expected);
}

} // namespace journey::test
