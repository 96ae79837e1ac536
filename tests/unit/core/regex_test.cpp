// The linear-time regular expressions of match rules (journey/core/regex.hpp).

#include <catch2/catch.hpp>

#include <journey/core/regex.hpp>

using namespace journey;

namespace {

bool search(const char* pattern, const std::string& text, bool icase = false) {
    const auto re = Regex::compile(pattern, icase);
    REQUIRE(re);
    return re->search(text);
}

RegexError error_of(const char* pattern) {
    RegexError e;
    CHECK_FALSE(Regex::compile(pattern, false, &e));
    return e;
}

} // namespace

TEST_CASE("regex: literals, classes, anchors, alternation", "[core][regex]") {
    CHECK(search("aborted|returned", "Installation aborted"));
    CHECK(search("aborted|returned", "Order returned to back office"));
    CHECK_FALSE(search("aborted|returned", "Installation completed"));
    CHECK(search("^Read (received|estimated)$", "Read estimated"));
    CHECK_FALSE(search("^Read (received|estimated)$", "Read estimated late"));
    CHECK(search("[A-Z]-\\d+", "case M-12"));
    CHECK_FALSE(search("[A-Z]-\\d+", "case m-x"));
    CHECK(search("[^a-z ]", "abc D"));
    CHECK_FALSE(search("[^a-z ]", "abc d"));
    CHECK(search("a.c", "abc"));
    CHECK_FALSE(search("a.c", "a\nc"));
    CHECK(search("\\w+\\s\\W", "word !"));
    CHECK(search("\\x41", "A"));
    CHECK(search("a\\/b", "a/b"));
    CHECK(search("[\\]x]", "]"));
    CHECK(search("[]", "") == false);
    CHECK(search("", "anything"));
    CHECK(search("$", ""));
    CHECK(search("(?:ab)+$", "xabab"));
}

TEST_CASE("regex: repetition", "[core][regex]") {
    CHECK(search("^a{3}$", "aaa"));
    CHECK_FALSE(search("^a{3}$", "aaaa"));
    CHECK(search("^a{2,}$", "aaaa"));
    CHECK_FALSE(search("^a{2,}$", "a"));
    CHECK(search("^a{1,2}b$", "aab"));
    CHECK_FALSE(search("^a{1,2}b$", "aaab"));
    CHECK(search("^colou?r$", "color"));
    CHECK(search("^x*?y+$", "xxyy"));
    CHECK(search("a{,2}", "a{,2}")); // not a quantifier: literal braces
}

TEST_CASE("regex: case-insensitive matching folds ASCII letters", "[core][regex]") {
    CHECK(search("move form", "MOVE FORM submitted", true));
    CHECK(search("[a-c]x", "BX", true));
    CHECK_FALSE(search("move form", "MOVE FORM", false));
}

TEST_CASE("regex: full_match anchors at both ends", "[core][regex]") {
    const auto re = Regex::compile("Read (received|estimated)");
    REQUIRE(re);
    CHECK(re->full_match("Read received"));
    CHECK_FALSE(re->full_match("Read received late"));
    CHECK(re->search("Read received late"));
    CHECK(re->pattern() == "Read (received|estimated)");
    CHECK_FALSE(re->icase());
    CHECK(*re == *Regex::compile("Read (received|estimated)"));
    CHECK_FALSE(*re == *Regex::compile("Read (received|estimated)", true));
}

TEST_CASE("regex: errors name the offending byte", "[core][regex]") {
    CHECK(error_of("a(b") == RegexError{1, "missing ')'"});
    CHECK(error_of("ab)") == RegexError{2, "unmatched ')'"});
    CHECK(error_of("*a") == RegexError{0, "nothing to repeat"});
    CHECK(error_of("a**") == RegexError{2, "nothing to repeat"});
    CHECK(error_of("[a-") == RegexError{0, "missing ']'"});
    CHECK(error_of("[z-a]") == RegexError{1, "range out of order"});
    CHECK(error_of("a\\1") == RegexError{1, "backreferences are not supported"});
    CHECK(error_of("\\q") == RegexError{0, "unknown escape '\\q'"});
    CHECK(error_of("a\\") == RegexError{1, "pattern ends with '\\'"});
    CHECK(error_of("x{1001}") == RegexError{1, "repeat count over 1000"});
    CHECK(error_of("x{3,2}") == RegexError{1, "repeat range out of order"});
    CHECK(error_of("(?=a)") == RegexError{0, "only '(?:' groups are supported"});
    CHECK(error_of("^*") == RegexError{0, "an anchor cannot be repeated"});
    CHECK(error_of("(a{1000}){1000}") == RegexError{0, "pattern is too complex"});
    CHECK(error_of(std::string(300, '(').c_str()).message == "pattern nests too deeply");
    CHECK(error_of(std::string(5000, 'a').c_str()).message == "pattern is longer than 4096 bytes");
}

TEST_CASE("regex: patterns that make backtracking engines explode run in linear time",
          "[core][regex]") {
    // (a*)*b and a?^n a^n against long runs of 'a': exponential for a backtracking
    // engine, a few microseconds here.
    const std::string as(5000, 'a');
    CHECK_FALSE(search("(a*)*b", as));
    std::string nested;
    for (int i = 0; i < 30; ++i) {
        nested += "a?";
    }
    nested += std::string(30, 'a');
    CHECK(search(nested.c_str(), std::string(30, 'a')));
    CHECK(search("(x+x+)+y", std::string(3000, 'x') + "y"));
}
