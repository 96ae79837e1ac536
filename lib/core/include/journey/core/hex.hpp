#pragma once
/// @file
/// The value of one hexadecimal digit, for every parser of hex text (colours such
/// as "#rrggbb", \xHH escapes in patterns, character references in XML).

namespace journey {

/// The value (0 to 15) of the hexadecimal digit `c` ('0'-'9', 'a'-'f', 'A'-'F'), or
/// -1 when `c` is not one.
constexpr int hex_digit_value(char c) noexcept {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

} // namespace journey
