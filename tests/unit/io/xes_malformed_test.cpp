#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <journey/core/error.hpp>
#include <journey/io/xes.hpp>

using namespace journey;

namespace {

std::string data_path(const std::string& rel) { return std::string(JOURNEY_TEST_DATA_DIR) + "/" + rel; }

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// what() of the format_error that reading `data` throws, or "no error".
std::string error_of(std::string_view data) {
    try {
        io::read_xes(data, {}, "bad.xes");
    } catch (const format_error& e) {
        return e.what();
    }
    return "no error";
}

const std::string ev = "<event><string key=\"concept:name\" value=\"A\"/></event>";

} // namespace

TEST_CASE("XES malformed input gives exact format errors", "[io][xes]") {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"", "bad.xes: empty input"},
        {"  \n \n", "bad.xes:3:1: unexpected end of input: no <log> element"},
        {"<!-- only a comment -->", "bad.xes:1:24: unexpected end of input: no <log> element"},
        {"case,activity\n1,A\n", "bad.xes:1:1: not an XES document: expected '<'"},
        {"\xEF\xBB\xBF\n  hello", "bad.xes:2:3: not an XES document: expected '<'"},
        {"<?xml version=\"1.0\"?>\n<html><body/></html>",
         "bad.xes:2:1: not an XES document: the root element is <html>, expected <log>"},
        {"</log>", "bad.xes:1:1: not an XES document: end tag before the root element"},
        {"<!ELEMENT x>", "bad.xes:1:1: not an XES document: unexpected '<!' markup"},
        {"<log>\n  <trace>\n    " + ev,
         "bad.xes:3:58: unexpected end of input: <trace> opened at 2:3 is not closed"},
        {"<log>\n<trace><event><string key=\"concept:name\" val",
         "bad.xes:2:45: unexpected end of input: <event> opened at 2:8 is not closed"},
        {"<log>", "bad.xes:1:6: unexpected end of input: <log> opened at 1:1 is not closed"},
        {"<log><trace>" + ev + "</event></trace></log>",
         "bad.xes:1:66: end tag </event> does not match <trace> opened at 1:6"},
        {"<log><trace></trace></log",
         "bad.xes:1:26: unexpected end of input: <log> opened at 1:1 is not closed"},
        {"<log><trace></trace></log>\n<log/>",
         "bad.xes:2:1: content after the end of the <log> element"},
        {"<log></log>\ntext", "bad.xes:2:1: content after the end of the <log> element"},
        {"<log/><!-- x", "bad.xes:1:13: unexpected end of input"},
        {"<log><string key=\"a\" value=\"x&foo;y\"/></log>",
         "bad.xes:1:30: unknown entity '&foo;'"},
        {"<log><string key=\"a\" value=\"x&amp y\"/></log>",
         "bad.xes:1:30: unterminated entity reference"},
        {"<log><string key=\"a\" value=\"&#0;\"/></log>",
         "bad.xes:1:29: invalid character reference '&#0;'"},
        {"<log><string key=\"a\" value=\"&#xD800;\"/></log>",
         "bad.xes:1:29: invalid character reference '&#xD800;'"},
        {"<log><string key=\"a\" value=\"&#x110000;\"/></log>",
         "bad.xes:1:29: invalid character reference '&#x110000;'"},
        {"<log><string key=\"a\" value=\"a<b\"/></log>",
         "bad.xes:1:30: '<' in the value of attribute 'value'"},
        {std::string("<log><string key=\"a\" value=\"a\x01") + "\"/></log>",
         "bad.xes:1:30: invalid character U+0001 in the value of attribute 'value'"},
        {"<log><string key=\"a\" value x/></log>",
         "bad.xes:1:28: expected '=' after attribute name 'value'"},
        {"<log><string key=\"a\" value=x/></log>",
         "bad.xes:1:28: expected a quoted value for attribute 'value'"},
        {"<log><string key=\"a\"value=\"x\"/></log>",
         "bad.xes:1:21: missing whitespace before attribute in <string>"},
        {"<log><string key=\"a\" value=\"x\"/ ></log>",
         "bad.xes:1:31: expected '>' after '/' in <string>"},
        {"<log><string key=\"a\" =\"x\"/></log>",
         "bad.xes:1:22: unexpected character '=' in <string>"},
        {"<log>< trace/></log>", "bad.xes:1:6: expected an element name after '<'"},
        {"<log></ log>", "bad.xes:1:6: malformed end tag"},
        {"<log><string value=\"x\"/></log>",
         "bad.xes:1:6: <string> element without a 'key' attribute"},
        {"<log><trace><int key=\"n\"/></trace></log>",
         "bad.xes:1:13: <int key=\"n\"> element without a 'value' attribute"},
        {"<log><container key=\"c\"><string value=\"v\"/></container></log>",
         "bad.xes:1:25: <string> element without a 'key' attribute"},
        {"<log><!-- open comment", "bad.xes:1:23: unexpected end of input: <log> opened at 1:1 is not closed"},
        {"<log><trace><![CDATA[ x ]]</trace></log>",
         "bad.xes:1:41: unexpected end of input: <trace> opened at 1:6 is not closed"},
        {"<log><!DOCTYPE log></log>", "bad.xes:1:6: unexpected '<!' markup"},
        {"<log><trace><event><foo><bar></foo></event></trace></log>",
         "bad.xes:1:30: end tag </foo> does not match <bar> opened at 1:25"},
    };
    for (const auto& [input, expected] : cases) {
        INFO(input);
        CHECK(error_of(input) == expected);
    }
}

TEST_CASE("XES attributes nested too deeply are a format error", "[io][xes]") {
    std::string doc = "<log>";
    for (int i = 0; i < 101; ++i) {
        doc += "<container key=\"c\">";
    }
    for (int i = 0; i < 101; ++i) {
        doc += "</container>";
    }
    doc += "</log>";
    CHECK(error_of(doc) == "bad.xes:1:1906: attributes nested more than 100 levels deep");

    // 100 levels are fine.
    std::string ok = "<log>";
    for (int i = 0; i < 100; ++i) {
        ok += "<container key=\"c\">";
    }
    for (int i = 0; i < 100; ++i) {
        ok += "</container>";
    }
    ok += "</log>";
    CHECK(error_of(ok) == "no error");

    // Unknown elements are skipped without recursion, however deep.
    std::string deep = "<log><trace>";
    for (int i = 0; i < 100000; ++i) {
        deep += "<x>";
    }
    for (int i = 0; i < 100000; ++i) {
        deep += "</x>";
    }
    deep += "</trace></log>";
    const io::ReadResult r = io::read_xes(deep, {}, "deep.xes");
    CHECK(r.report.warnings ==
          std::vector<std::string>{"1 trace without 'concept:name' given generated ids (first: "
                                   "trace-1 at 1:6)",
                                   "1 unknown element ignored (first: <x> at 1:13)"});
}

TEST_CASE("XES corrupt gzip data gives exact format errors", "[io][xes]") {
    const std::string gz = slurp(data_path("xes/all-types.xes.gz"));
    // Truncated: everything that inflates is parsed first, then the stream ends early.
    CHECK(error_of(gz.substr(0, gz.size() / 2)) == "bad.xes: invalid gzip data: truncated stream");
    CHECK(error_of(gz.substr(0, 2)) == "bad.xes: invalid gzip data: truncated stream");
    // A gzip header with an unknown compression method.
    CHECK(error_of(std::string("\x1f\x8b\x07\x00\x00\x00\x00\x00\x00\x03", 10)) ==
          "bad.xes: invalid gzip data: unknown compression method");
    // Garbage after the gzip magic.
    CHECK(error_of(std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xff\xff\xff\xff", 14)) ==
          "bad.xes: invalid gzip data: invalid block type");
    // Trailing garbage after a complete member.
    CHECK(error_of(gz + "garbage") == "bad.xes: invalid gzip data: incorrect header check");
    // A broken checksum.
    std::string crc = gz;
    crc[crc.size() - 6] = static_cast<char>(crc[crc.size() - 6] ^ 0x55);
    CHECK(error_of(crc) == "bad.xes: invalid gzip data: incorrect data check");
    // Valid gzip of something that is not XES.
    const std::string not_xes("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff\x4b\x4c\x4a\xe6\x02\x00"
                              "\x4e\x81\x88\x47\x04\x00\x00\x00",
                              24); // "abc\n"
    CHECK(error_of(not_xes) == "bad.xes:1:1: not an XES document: expected '<'");
}

TEST_CASE("XES file errors", "[io][xes]") {
    const std::string missing = data_path("xes/does-not-exist.xes");
    CHECK_THROWS_AS(io::read_xes_file(missing, {}), io_error);
    CHECK_THROWS_WITH(io::read_xes_file(missing, {}), missing + ": No such file or directory");
    CHECK_THROWS_WITH(io::read_xes_file(data_path("xes"), {}),
                      data_path("xes") + ": is a directory");
    // A CSV file handed to the XES reader.
    CHECK_THROWS_WITH(io::read_xes_file(data_path("logs/bpic2016-complaints.csv"), {}),
                      data_path("logs/bpic2016-complaints.csv") +
                          ":1:1: not an XES document: expected '<'");
}
