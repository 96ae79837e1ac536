#pragma once
// The lexer of the journey DSL (private to journey::dsl).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <journey/dsl/diagnostic.hpp>
#include <journey/dsl/source.hpp>

namespace journey::dsl::detail {

enum class Tok : std::uint8_t {
    eof,
    ident,    // word: keyword or name
    string,   // "..."; text is the unescaped contents
    number,   // 12, 2.5; text is the lexeme
    duration, // 24h, 2wd; text is the lexeme
    percent,  // 95%; text is the number without '%'
    time,     // 08:00; text is the lexeme
    date,     // 2026-01-01; text is the lexeme
    regex,    // /.../i; text is the pattern, icase the flag
    lbrace,
    rbrace,
    lparen,
    rparen,
    lbracket,
    rbracket,
    comma,
    semicolon,
    colon,
    eq,        // = or ==
    ne,        // !=
    lt,        // <
    le,        // <=
    gt,        // >
    ge,        // >=
    tilde,     // ~
    not_tilde, // !~
    arrow,     // ->
    minus,     // -
    plus,      // +
    star,      // *
    question,  // ?
    amp,       // &
    pipe,      // |
};

// How a token kind is named in messages ("'{'", "a string", ...).
std::string_view describe(Tok t) noexcept;

struct Token {
    Tok kind = Tok::eof;
    std::uint32_t begin = 0; // byte offsets [begin, end)
    std::uint32_t end = 0;
    std::uint32_t line = 1;
    std::string text;
    bool icase = false;
    bool first_on_line = false; // no other token before it on its line
};

struct Comment {
    std::uint32_t begin = 0;
    std::uint32_t line = 1;
    std::string text; // without '#', trailing blanks removed
    bool own_line = false;
};

struct LexResult {
    std::vector<Token> tokens; // ends with an eof token
    std::vector<Comment> comments;
};

// Splits `file` of `sources` into tokens; lexical errors go to `diags`.
LexResult lex(const SourceManager& sources, FileId file, std::vector<Diagnostic>& diags);

// Range of a token.
SourceRange token_range(const SourceManager& sources, FileId file, const Token& t);

} // namespace journey::dsl::detail
