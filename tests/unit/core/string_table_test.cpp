#include <catch2/catch.hpp>

#include <string>

#include <journey/core/string_table.hpp>

using journey::StringTable;

TEST_CASE("id 0 is the empty string", "[core][string_table]") {
    StringTable t;
    REQUIRE(t.size() == 1);
    CHECK(t[0].empty());
    CHECK(t.insert("") == 0);
    CHECK(t.find("") == 0);
}

TEST_CASE("insert returns dense ids in first-insertion order", "[core][string_table]") {
    StringTable t;
    CHECK(t.insert("b") == 1);
    CHECK(t.insert("a") == 2);
    CHECK(t.insert("b") == 1);
    CHECK(t.find("a") == 2);
    CHECK(t.find("c") == StringTable::not_found);
    CHECK(t[1] == "b");
    CHECK(t.size() == 3);
}

TEST_CASE("views stay valid across growth and moves", "[core][string_table]") {
    StringTable t;
    const std::string_view first = t[t.insert("first value")];
    for (int i = 0; i < 100000; ++i) {
        t.insert("value-" + std::to_string(i));
    }
    CHECK(first == "first value");
    CHECK(t.find("value-99999") == 100001);
    StringTable moved = std::move(t);
    CHECK(first == "first value");
    CHECK(moved[1].data() == first.data());
}

TEST_CASE("copies are equal and independent", "[core][string_table]") {
    StringTable t;
    t.insert("x");
    t.insert(std::string(5000, 'y')); // larger than one arena chunk
    StringTable c = t;
    CHECK(c == t);
    c.insert("z");
    CHECK_FALSE(c == t);
    CHECK(c[2] == std::string(5000, 'y'));
}

TEST_CASE("strings with embedded NUL and UTF-8 are distinct keys", "[core][string_table]") {
    StringTable t;
    const auto a = t.insert(std::string_view("a\0b", 3));
    const auto b = t.insert(std::string_view("a\0c", 3));
    const auto u = t.insert("Zählerstand");
    CHECK(a != b);
    CHECK(t[u] == "Zählerstand");
    CHECK(t.find(std::string_view("a\0b", 3)) == a);
}
