#pragma once
// Small helpers shared by the unit tests.

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace journey::test {

/// "prefix" followed by the number, e.g. numbered("case-", 7) == "case-7".
/// (Written with snprintf: g++ 12 warns falsely on "x" + std::to_string(n) at -O3.)
inline std::string numbered(std::string_view prefix, long long n) {
    char buf[32];
    const int len = std::snprintf(buf, sizeof buf, "%lld", n);
    std::string s(prefix);
    s.append(buf, static_cast<std::size_t>(len));
    return s;
}

/// Path of a file under tests/data/.
inline std::string data_path(std::string_view relative) {
    return std::string(JOURNEY_TEST_DATA_DIR) + "/" + std::string(relative);
}

/// Whole file as a string (binary).
inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace journey::test
