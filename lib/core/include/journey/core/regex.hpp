#pragma once
/// @file
/// Regular expressions for match rules, matched in linear time.
///
/// The engine simulates the pattern's automaton (no backtracking), so matching
/// takes O(pattern × text) time on any input and cannot overflow the stack; that is
/// why spec files do not use std::regex. Supported syntax (a subset of ECMAScript):
/// literals; `.` (any byte but newline); `^` and `$` (text start and end); classes
/// `[a-z_]`, `[^...]`; escapes `\d \D \w \W \s \S \t \n \r \f \v \xHH` and `\` before
/// any punctuation; groups `(...)`, `(?:...)`; alternation `|`; quantifiers `* + ?`,
/// `{n}`, `{n,}`, `{n,m}` (n, m <= 1000), optionally followed by `?` (laziness does not
/// change whether a text matches). Text is matched byte by byte (UTF-8 sequences are
/// byte sequences); case-insensitive matching folds ASCII letters only.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <journey/core/api.hpp>

namespace journey {

/// Why a pattern does not compile: byte offset into the pattern and a message.
struct RegexError {
    std::size_t offset = 0;
    std::string message;
    friend bool operator==(const RegexError&, const RegexError&) = default;
};

/// A compiled regular expression (see the file comment for the syntax).
///
/// Thread-safety: immutable after compile(); matching is const and safe to share.
class JOURNEY_API Regex {
public:
    /// The empty pattern: search() is true for every text.
    Regex();

    /// Compiles `pattern`. On failure returns nullopt and, when `error` is given,
    /// fills it. Patterns longer than max_pattern_bytes or compiling to more than
    /// max_program_size instructions are rejected.
    static std::optional<Regex> compile(std::string_view pattern, bool icase = false,
                                        RegexError* error = nullptr);

    static constexpr std::size_t max_pattern_bytes = 4096;
    static constexpr std::size_t max_program_size = 20000;

    /// True when some substring of `text` matches.
    bool search(std::string_view text) const;
    /// True when all of `text` matches.
    bool full_match(std::string_view text) const;

    const std::string& pattern() const noexcept { return m_pattern; }
    bool icase() const noexcept { return m_icase; }

    /// Same pattern text and flags.
    friend bool operator==(const Regex& a, const Regex& b) noexcept {
        return a.m_pattern == b.m_pattern && a.m_icase == b.m_icase;
    }

    /// One instruction of the compiled automaton (an implementation detail exposed
    /// only so that the type stays a plain value).
    struct Inst {
        std::uint8_t op = 0;
        std::uint32_t x = 0;
        std::uint32_t y = 0;
    };
    using ByteSet = std::array<std::uint64_t, 4>;

private:
    bool run(std::string_view text, bool anchored) const;

    std::string m_pattern;
    bool m_icase = false;
    std::vector<Inst> m_program;
    std::vector<ByteSet> m_sets;
};

} // namespace journey
