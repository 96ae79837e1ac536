// csv_text.hpp: RFC 4180 quoting of one field.

#include <catch2/catch.hpp>

#include <sstream>

#include <journey/core/csv_text.hpp>

using namespace journey;

TEST_CASE("CSV fields are quoted only when they must be", "[core][csv]") {
    CHECK_FALSE(csv_needs_quotes(""));
    CHECK_FALSE(csv_needs_quotes("Read received; estimated"));
    CHECK(csv_field_text("plain") == "plain");
    CHECK(csv_field_text("") == "");
    CHECK(csv_field_text("a,b") == "\"a,b\"");
    CHECK(csv_field_text("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field_text("two\nlines") == "\"two\nlines\"");
    CHECK(csv_field_text("cr\r") == "\"cr\r\"");

    std::string appended = "x,";
    append_csv_field(appended, "1,5");
    CHECK(appended == "x,\"1,5\"");

    std::ostringstream out;
    write_csv_field(out, "q\"");
    out << ',';
    write_csv_field(out, "ok");
    CHECK(out.str() == "\"q\"\"\",ok");
}
