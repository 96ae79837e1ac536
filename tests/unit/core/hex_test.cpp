#include <catch2/catch.hpp>

#include <journey/core/hex.hpp>

using journey::hex_digit_value;

static_assert(hex_digit_value('0') == 0 && hex_digit_value('9') == 9);
static_assert(hex_digit_value('a') == 10 && hex_digit_value('F') == 15);

TEST_CASE("hex_digit_value: the sixteen digits in both cases, -1 for anything else", "[core][hex]") {
    const char* digits = "0123456789abcdef";
    for (int v = 0; v < 16; ++v) {
        INFO(digits[v]);
        CHECK(hex_digit_value(digits[v]) == v);
        const char upper = v < 10 ? digits[v] : static_cast<char>(digits[v] - 'a' + 'A');
        CHECK(hex_digit_value(upper) == v);
    }
    int others = 0;
    for (int c = -128; c < 128; ++c) {
        others += hex_digit_value(static_cast<char>(c)) < 0 ? 1 : 0;
    }
    CHECK(others == 256 - 22); // 0-9, a-f and A-F are the only 22 digits
    for (const char c : {'g', 'G', '/', ':', '@', '`', ' ', 'x', '\0'}) {
        CHECK(hex_digit_value(c) == -1);
    }
}
