// Diagnostics rendering, source locations and "did you mean".

#include <catch2/catch.hpp>

#include <journey/dsl/dsl.hpp>

#include "dsl_test_util.hpp"

using namespace journey;

namespace {

dsl::Diagnostic at(const dsl::SourceManager& s, dsl::FileId f, std::uint32_t from, std::uint32_t to,
                   std::string message, std::string code = "x-code") {
    dsl::Diagnostic d;
    d.code = std::move(code);
    d.message = std::move(message);
    d.range = {s.location(f, from), s.location(f, to)};
    return d;
}

} // namespace

TEST_CASE("SourceManager maps byte offsets to 1-based lines and byte columns", "[dsl][source]") {
    dsl::SourceManager s;
    const dsl::FileId f = s.add("a.journey", "ab\r\n\xC3\xA9x\nlast");
    CHECK(s.location(f, 0) == dsl::SourceLocation{f, 0, 1, 1});
    CHECK(s.location(f, 4) == dsl::SourceLocation{f, 4, 2, 1});
    CHECK(s.location(f, 6) == dsl::SourceLocation{f, 6, 2, 3}); // 'x' after a 2-byte é
    CHECK(s.location(f, 8) == dsl::SourceLocation{f, 8, 3, 1});
    CHECK(s.location(f, 99) == dsl::SourceLocation{f, 12, 3, 5}); // clamped to the end
    CHECK(s.line_text(f, 1) == "ab");                             // \r dropped
    CHECK(s.line_text(f, 3) == "last");
    CHECK(s.line_text(f, 4).empty());
}

TEST_CASE("rendering: location, severity, message, code, line and caret", "[dsl][render]") {
    dsl::SourceManager s;
    const dsl::FileId f = s.add("spec.journey", "journey \"J\" {\n  owner BILL\n}\n");
    dsl::Diagnostic d =
        at(s, f, 22, 26, "unknown department 'BILL'; did you mean 'BIL'?", "unknown-department");
    d.notes.push_back({{s.location(f, 0), s.location(f, 7)}, "in this journey"});
    CHECK(dsl::render_diagnostic(d, s) ==
          "spec.journey:2:9: error: unknown department 'BILL'; did you mean 'BIL'? "
          "[unknown-department]\n"
          "    2 |   owner BILL\n"
          "      |         ^~~~\n"
          "spec.journey:1:1: note: in this journey\n"
          "    1 | journey \"J\" {\n"
          "      | ^~~~~~~\n");
    d.severity = dsl::Severity::warning;
    d.notes.clear();
    CHECK(dsl::render_diagnostic(d, s).starts_with("spec.journey:2:9: warning: "));
}

TEST_CASE("rendering keeps tabs so the caret lines up", "[dsl][render]") {
    dsl::SourceManager s;
    const dsl::FileId f = s.add("t.journey", "\towner\tX\n");
    CHECK(dsl::render_diagnostic(at(s, f, 7, 8, "m"), s) == "t.journey:1:8: error: m [x-code]\n"
                                                            "    1 | \towner\tX\n"
                                                            "      | \t     \t^\n");
}

TEST_CASE("rendering shows a 72-byte window of long lines", "[dsl][render]") {
    std::string line(100, 'a');
    line.replace(90, 3, "BAD");
    dsl::SourceManager s;
    const dsl::FileId f = s.add("l.journey", line + "\n");
    const std::string out = dsl::render_diagnostic(at(s, f, 90, 93, "bad"), s);
    CHECK(out == "l.journey:1:91: error: bad [x-code]\n"
                 "    1 | ..." +
                     std::string(30, 'a') + "BAD" + std::string(7, 'a') +
                     "\n"
                     "      |    " +
                     std::string(30, ' ') + "^~~\n");
    // Near the start: cut on the right only.
    const std::string left = dsl::render_diagnostic(at(s, f, 2, 3, "x"), s);
    CHECK(left.find("    1 | " + std::string(72, 'a') + "...\n") != std::string::npos);
    CHECK(left.find("      |   ^\n") != std::string::npos);
}

TEST_CASE("a range over several lines underlines to the end of the first", "[dsl][render]") {
    dsl::SourceManager s;
    const dsl::FileId f = s.add("m.journey", "order a ->\n  b\n");
    CHECK(dsl::render_diagnostic(at(s, f, 6, 14, "m"), s) == "m.journey:1:7: error: m [x-code]\n"
                                                             "    1 | order a ->\n"
                                                             "      |       ^~~~\n");
}

TEST_CASE("closest_name suggests within a third of the length", "[dsl][render]") {
    const std::vector<std::string> names{"Billing", "BIL", "sales", "office", "T01"};
    CHECK(dsl::closest_name("Biling", names) == "Billing");
    CHECK(dsl::closest_name("salse", names) == "sales");   // a transposition is one edit
    CHECK(dsl::closest_name("OFFICE", names) == "office"); // case-insensitive
    CHECK(dsl::closest_name("T1", names) == "T01");
    CHECK(dsl::closest_name("marketing", names).empty());
    CHECK(dsl::closest_name("BIL", names).empty()); // an exact name is no suggestion
}

TEST_CASE("has_errors, error_count and sort_diagnostics", "[dsl][render]") {
    dsl::SourceManager s;
    const dsl::FileId f = s.add("a", "0123456789");
    const dsl::FileId g = s.add("b", "0123456789");
    std::vector<dsl::Diagnostic> ds{at(s, g, 1, 2, "g1"), at(s, f, 5, 6, "f5"),
                                    at(s, f, 2, 3, "f2")};
    ds[1].severity = dsl::Severity::warning;
    CHECK(dsl::has_errors(ds));
    CHECK(dsl::error_count(ds) == 2);
    dsl::sort_diagnostics(ds);
    CHECK(ds[0].message == "f2");
    CHECK(ds[1].message == "f5");
    CHECK(ds[2].message == "g1");
    ds.erase(ds.begin());
    ds.pop_back();
    CHECK_FALSE(dsl::has_errors(ds));
}

TEST_CASE("join_path resolves includes next to the including file", "[dsl][source]") {
    CHECK(dsl::join_path("specs/a.journey", "uk.txt") == "specs/uk.txt");
    CHECK(dsl::join_path("a.journey", "uk.txt") == "uk.txt");
    CHECK(dsl::join_path("specs/a.journey", "/etc/uk.txt") == "/etc/uk.txt");
    CHECK(dsl::join_path("x/y/a.journey", "../h/uk.txt") == "x/y/../h/uk.txt");
    dsl::MemoryFileSystem mem;
    mem.add("k", "v");
    CHECK(mem.read("k") == "v");
    CHECK_FALSE(mem.read("missing"));
}
