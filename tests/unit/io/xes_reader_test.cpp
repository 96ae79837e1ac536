#include <catch2/catch.hpp>

#include <cctype>
#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <journey/core/error.hpp>
#include <journey/io/xes.hpp>

// The reader over a byte source with a chosen window size (private to lib/io): used
// to check that results do not depend on where the window boundaries fall.
#include "../../../lib/io/src/xes_reader_impl.hpp"

using namespace journey;
using journey::io::ReadOptions;
using journey::io::ReadResult;

namespace {

std::string data_path(const std::string& rel) { return std::string(JOURNEY_TEST_DATA_DIR) + "/" + rel; }

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A small JSON reader, enough for tests/data/reference/*.json.
struct Json {
    enum class Kind { null, boolean, number, string, array, object };
    Kind kind = Kind::null;
    bool b = false;
    double num = 0;
    std::string str;
    std::vector<Json> arr;
    std::vector<std::string> keys; // object: keys[i] names arr[i]

    const Json& at(const std::string& key) const {
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] == key) {
                return arr[i];
            }
        }
        throw std::runtime_error("no key " + key);
    }
};

class JsonReader {
public:
    explicit JsonReader(std::string text) : m_s(std::move(text)) {}
    Json parse() {
        Json v = value();
        ws();
        if (m_i != m_s.size()) {
            throw std::runtime_error("trailing JSON text");
        }
        return v;
    }

private:
    void ws() {
        while (m_i < m_s.size() && std::isspace(static_cast<unsigned char>(m_s[m_i]))) {
            ++m_i;
        }
    }
    char peek() {
        ws();
        if (m_i >= m_s.size()) {
            throw std::runtime_error("unexpected end of JSON");
        }
        return m_s[m_i];
    }
    void expect(char c) {
        if (peek() != c) {
            throw std::runtime_error(std::string("expected ") + c);
        }
        ++m_i;
    }
    std::string string() {
        expect('"');
        std::string out;
        while (m_i < m_s.size() && m_s[m_i] != '"') {
            char c = m_s[m_i++];
            if (c == '\\') {
                const char e = m_s.at(m_i++);
                switch (e) {
                case 'n':
                    c = '\n';
                    break;
                case 't':
                    c = '\t';
                    break;
                case 'u':
                    throw std::runtime_error("\\u escapes are not needed by these files");
                default:
                    c = e;
                }
            }
            out += c;
        }
        expect('"');
        return out;
    }
    Json value() {
        Json v;
        const char c = peek();
        if (c == '{') {
            ++m_i;
            v.kind = Json::Kind::object;
            if (peek() == '}') {
                ++m_i;
                return v;
            }
            while (true) {
                v.keys.push_back(string());
                expect(':');
                v.arr.push_back(value());
                if (peek() == ',') {
                    ++m_i;
                    continue;
                }
                expect('}');
                return v;
            }
        }
        if (c == '[') {
            ++m_i;
            v.kind = Json::Kind::array;
            if (peek() == ']') {
                ++m_i;
                return v;
            }
            while (true) {
                v.arr.push_back(value());
                if (peek() == ',') {
                    ++m_i;
                    continue;
                }
                expect(']');
                return v;
            }
        }
        if (c == '"') {
            v.kind = Json::Kind::string;
            v.str = string();
            return v;
        }
        if (m_s.compare(m_i, 4, "true") == 0 || m_s.compare(m_i, 5, "false") == 0) {
            v.kind = Json::Kind::boolean;
            v.b = m_s[m_i] == 't';
            m_i += v.b ? 4 : 5;
            return v;
        }
        if (m_s.compare(m_i, 4, "null") == 0) {
            m_i += 4;
            return v;
        }
        std::size_t used = 0;
        v.kind = Json::Kind::number;
        v.num = std::stod(m_s.substr(m_i, 40), &used);
        m_i += used;
        return v;
    }

    std::string m_s;
    std::size_t m_i = 0;
};

ReadResult read_text(std::string_view xml, const ReadOptions& options = {}) {
    return io::read_xes(xml, options, "t.xes");
}

std::string activity_of(const EventLog& log, std::size_t e) {
    return std::string(log.activity_names()[log.activities()[e]]);
}

std::string value_text(const EventLog& log, const AttrColumn* c, std::uint32_t row) {
    REQUIRE(c != nullptr);
    const std::int64_t* v = c->find(row);
    REQUIRE(v != nullptr);
    return std::string(log.values()[static_cast<Id>(*v)]);
}

std::int64_t raw_value(const AttrColumn* c, std::uint32_t row) {
    REQUIRE(c != nullptr);
    const std::int64_t* v = c->find(row);
    REQUIRE(v != nullptr);
    return *v;
}

Timestamp ts(std::string_view iso) {
    const auto t = parse_iso8601(iso);
    REQUIRE(t.has_value());
    return *t;
}

bool same_report(const ImportReport& a, const ImportReport& b) {
    return a.path == b.path && a.format == b.format && a.records == b.records &&
           a.events == b.events && a.cases == b.cases && a.rejected == b.rejected &&
           a.bytes == b.bytes && a.timestamp_format == b.timestamp_format &&
           a.mapping == b.mapping && a.rejects == b.rejects && a.warnings == b.warnings;
}

ReadResult read_with_window(const std::string& data, std::size_t window,
                            const ReadOptions& options = {}) {
    auto src = io::detail::memory_source(data);
    return io::detail::read_xes_stream(*src, options, "t.xes", window);
}

} // namespace

TEST_CASE("XES logs match the pm4py reference summary", "[io][xes]") {
    const std::vector<std::string> logs{"running-example.xes",
                                        "receipt.xes.gz",
                                        "sepsis.xes.gz",
                                        "helpdesk.xes.gz",
                                        "bpic2013-closed-problems.xes.gz",
                                        "repair-example.xes.gz",
                                        "roadtraffic-100-traces.xes"};
    for (const std::string& name : logs) {
        INFO(name);
        const std::string stem = name.substr(0, name.find(".xes"));
        const Json ref = JsonReader(slurp(data_path("reference/" + stem + ".json"))).parse();
        const Json& summary = ref.at("summary");
        const ReadResult r = io::read_xes_file(data_path("logs/" + name), {});

        CHECK(r.log.num_cases() == static_cast<std::size_t>(summary.at("cases").num));
        CHECK(r.log.num_events() == static_cast<std::size_t>(summary.at("events").num));
        std::map<std::string, std::uint64_t> counts;
        for (std::size_t e = 0; e < r.log.num_events(); ++e) {
            ++counts[activity_of(r.log, e)];
        }
        std::map<std::string, std::uint64_t> expected;
        const Json& activities = summary.at("activities");
        for (std::size_t i = 0; i < activities.keys.size(); ++i) {
            expected[activities.keys[i]] = static_cast<std::uint64_t>(activities.arr[i].num);
        }
        CHECK(counts == expected);

        CHECK(r.report.format == "xes");
        CHECK(r.report.records == r.log.num_events());
        CHECK(r.report.events == r.log.num_events());
        CHECK(r.report.cases == r.log.num_cases());
        CHECK(r.report.rejected == 0);
        CHECK(r.report.timestamp_format == "iso");
        CHECK(r.report.warnings.empty());
    }
}

TEST_CASE("XES report counts uncompressed bytes and states the key mapping", "[io][xes]") {
    const std::string plain = data_path("logs/running-example.xes");
    const ReadResult r = io::read_xes_file(plain, {});
    CHECK(r.report.path == plain);
    CHECK(r.report.bytes == slurp(plain).size());
    using M = std::vector<std::pair<std::string, std::string>>;
    CHECK(r.report.mapping == M{{"case", "concept:name"},
                                {"activity", "concept:name"},
                                {"timestamp", "time:timestamp"},
                                {"resource", "org:resource"}});

    const ReadResult z = io::read_xes_file(data_path("logs/sepsis.xes.gz"), {});
    CHECK(z.report.bytes == 5441435);
    CHECK(z.report.mapping == M{{"case", "concept:name"},
                                {"activity", "concept:name"},
                                {"timestamp", "time:timestamp"},
                                {"department", "org:group"},
                                {"lifecycle", "lifecycle:transition"}});
}

TEST_CASE("XES reader keeps every attribute type, nested attributes and metadata",
          "[io][xes]") {
    const ReadResult r = io::read_xes_file(data_path("xes/all-types.xes"), {});
    const EventLog& log = r.log;
    REQUIRE(log.num_cases() == 2);
    REQUIRE(log.num_events() == 3);
    CHECK(r.report.warnings.empty());
    CHECK(r.report.rejected == 0);

    CHECK(log.case_name(0) == "case <1>");
    CHECK(log.case_name(1) == "case 2");
    CHECK(log.case_begin(1) == 2);

    // Core fields
    CHECK(activity_of(log, 0) == "Register");
    CHECK(activity_of(log, 1) == "Check");
    CHECK(activity_of(log, 2) == "Single 'quoted'");
    CHECK(log.timestamps()[0] == ts("2023-03-01T08:00:00.250Z"));
    CHECK(log.timestamps()[1] == ts("2023-03-01T10:30:00Z"));
    CHECK(log.timestamps()[2] == no_timestamp);
    CHECK(log.resource_names()[log.resources()[0]] == "Ann");
    CHECK(log.resource_names()[log.resources()[1]] == "Bob");
    CHECK(log.resources()[2] == no_id);
    CHECK(log.department_names()[log.departments()[0]] == "Front office");
    CHECK(log.departments()[1] == no_id);
    CHECK(log.channel_names()[log.channels()[0]] == "phone");
    CHECK(log.lifecycle_names()[log.lifecycles()[0]] == "complete");
    CHECK(log.lifecycles()[1] == no_id);
    CHECK(log.lifecycle_names()[log.lifecycles()[2]] == "start");

    // Core keys are not repeated as attributes.
    CHECK(log.event_attribute("concept:name", AttrType::string) == nullptr);
    CHECK(log.event_attribute("org:resource", AttrType::string) == nullptr);
    CHECK(log.case_attribute("concept:name", AttrType::string) == nullptr);

    // Case attributes
    CHECK(raw_value(log.case_attribute("vip", AttrType::boolean), 0) == 1);
    CHECK(raw_value(log.case_attribute("priority", AttrType::integer), 0) == -3);
    CHECK(log.case_attribute("vip", AttrType::boolean)->find(1) == nullptr);

    // Event attributes of every type
    CHECK(value_text(log, log.event_attribute("note", AttrType::string), 0) ==
          "says \"hi\" \xE2\x98\xBA A");
    CHECK(raw_value(log.event_attribute("amount", AttrType::integer), 0) == -42);
    CHECK(attr_real(raw_value(log.event_attribute("score", AttrType::real), 0)) == 1.5e-7);
    CHECK(raw_value(log.event_attribute("flag", AttrType::boolean), 0) == 0);
    CHECK(raw_value(log.event_attribute("due", AttrType::time), 0) ==
          ts("2023-03-05T22:00:00Z"));
    CHECK(value_text(log, log.event_attribute("ref", AttrType::id), 0) ==
          "6f1c1b2e-1d2a-4b4e-9a0f-2f0d8b7a1c11");
    CHECK(value_text(log, log.event_attribute("items", AttrType::list), 0) ==
          R"({"type":"list","items":[{"key":"qty","type":"int","value":"2"},)"
          R"({"key":"line","type":"container","items":[{"key":"sku","type":"string","value":"X-1"},)"
          R"({"key":"price","type":"float","value":"9.99"}]}]})");
    // Literal newline and tab in an attribute value are normalised to spaces (XML 1.0 §3.3.3).
    CHECK(value_text(log, log.event_attribute("comment", AttrType::string), 1) ==
          "not a <trace> element, line break and tab");

    // Metadata
    const LogMeta& m = log.meta();
    REQUIRE(m.extensions.size() == 4);
    CHECK(m.extensions[0] == LogMeta::Extension{"Concept", "concept",
                                                "http://www.xes-standard.org/concept.xesext"});
    CHECK(m.extensions[3].prefix == "lifecycle");
    REQUIRE(m.globals.size() == 3);
    CHECK(m.globals[0] ==
          LogMeta::Global{"trace", {"concept:name", AttrType::string, "__INVALID__"}});
    CHECK(m.globals[2] == LogMeta::Global{"event",
                                          {"time:timestamp", AttrType::time,
                                           "1970-01-01T00:00:00.000+00:00"}});
    REQUIRE(m.classifiers.size() == 1);
    CHECK(m.classifiers[0] ==
          LogMeta::Classifier{"Activity", "concept:name lifecycle:transition"});
    REQUIRE(m.attributes.size() == 3);
    CHECK(m.attributes[0] ==
          LogMeta::Attribute{"source", AttrType::string, "hand-written & checked"});
    CHECK(m.attributes[1] ==
          LogMeta::Attribute{"meta:count", AttrType::list,
                             R"({"type":"int","value":"3","attrs":[{"key":"nested","type":"int","value":"1"}]})"});
    CHECK(m.attributes[2] ==
          LogMeta::Attribute{
              "owner", AttrType::list,
              R"({"type":"container","items":[{"key":"name","type":"string","value":"Ops"},)"
              R"({"key":"tags","type":"list","items":[{"key":"tag","type":"string","value":"a"},)"
              R"({"key":"tag","type":"string","value":"b"}]}]})"});
}

TEST_CASE("XES gzip input (one or several members) reads like the plain file", "[io][xes]") {
    const ReadResult plain = io::read_xes_file(data_path("xes/all-types.xes"), {});
    const ReadResult gz = io::read_xes_file(data_path("xes/all-types.xes.gz"), {});
    const ReadResult two = io::read_xes_file(data_path("xes/two-members.xes.gz"), {});
    CHECK(gz.log == plain.log);
    CHECK(two.log == plain.log);
    CHECK(gz.report.bytes == 3223);
    CHECK(two.report.bytes == 3223);
    // In memory, too.
    const ReadResult mem = io::read_xes(slurp(data_path("xes/all-types.xes.gz")), {}, "mem");
    CHECK(mem.log == plain.log);
    CHECK(mem.report.path == "mem");
}

TEST_CASE("XES bad events are rejected under the skip policy", "[io][xes]") {
    ReadOptions o;
    o.on_bad_record = BadRecordPolicy::skip;
    std::vector<RejectedRecord> sunk;
    o.reject_sink = [&](const RejectedRecord& r) { sunk.push_back(r); };
    const ReadResult r = io::read_xes_file(data_path("xes/bad-events.xes"), o);
    const EventLog& log = r.log;

    REQUIRE(log.num_cases() == 2);
    CHECK(log.case_name(0) == "trace-1");
    CHECK(log.case_name(1) == "t2");
    REQUIRE(log.num_events() == 4);
    // trace-1: C (no timestamp, so first), A
    CHECK(activity_of(log, 0) == "C");
    CHECK(log.timestamps()[0] == no_timestamp);
    CHECK(activity_of(log, 1) == "A");
    // t2 twice: merged and sorted by time
    CHECK(activity_of(log, 2) == "E");
    CHECK(activity_of(log, 3) == "D");
    // An int that is not an int is kept as a string.
    CHECK(value_text(log, log.case_attribute("size", AttrType::string), 1) == "abc");
    CHECK(log.case_attribute("size", AttrType::integer) == nullptr);

    CHECK(r.report.records == 7);
    CHECK(r.report.events == 4);
    CHECK(r.report.cases == 2);
    CHECK(r.report.rejected == 3);
    const std::vector<RejectedRecord> expected{
        {3, 3, "event outside a trace",
         R"(<event><string key="concept:name" value="Stray"/></event>)"},
        {11, 5, "event has no 'concept:name' attribute",
         R"(<event><date key="time:timestamp" value="2020-01-01T01:00:00Z"/><string key="org:resource" value="Ann"/></event>)"},
        {15, 5, "unparseable timestamp '2019-13-01'",
         R"(<event><string key="concept:name" value="B"/><date key="time:timestamp" value="2019-13-01"/></event>)"},
    };
    CHECK(r.report.rejects == expected);
    CHECK(sunk == expected);
    CHECK(r.report.warnings ==
          std::vector<std::string>{
              "1 event outside a trace rejected (first at 3:3)",
              "1 trace without 'concept:name' given generated ids (first: trace-1 at 6:3)",
              "1 trace repeating an earlier trace's 'concept:name' merged into that case "
              "(first: 't2' at 32:3)",
              "1 attribute value not matching the declared type kept as strings (first: int "
              "'size' = 'abc' at 25:5)",
              "1 unknown element ignored (first: <unknown-thing> at 29:7)",
          });
}

TEST_CASE("XES bad events throw under the fail policy", "[io][xes]") {
    // The stray event outside a trace is rejected under both policies; the first bad
    // event inside a trace throws, located at its <event> tag.
    try {
        io::read_xes_file(data_path("xes/bad-events.xes"), {});
        FAIL("no exception");
    } catch (const format_error& e) {
        CHECK(e.line() == 11);
        CHECK(e.column() == 5);
        CHECK(e.message() == "event has no 'concept:name' attribute");
        CHECK(std::string(e.what()) ==
              data_path("xes/bad-events.xes") + ":11:5: event has no 'concept:name' attribute");
    }
    const std::string doc = "<log>\n <trace>\n  <event><string key=\"concept:name\" value=\"A\"/>"
                            "<date key=\"time:timestamp\" value=\"yesterday\"/></event>\n"
                            " </trace>\n</log>\n";
    CHECK_THROWS_WITH(read_text(doc), "t.xes:3:3: unparseable timestamp 'yesterday'");
    // Times that fall outside years 0001-9999 in UTC count as unparseable.
    const std::string early = "<log><trace><event><string key=\"concept:name\" value=\"A\"/>"
                              "<date key=\"time:timestamp\" value=\"0001-01-01T00:30:00+01:00\"/>"
                              "</event></trace></log>";
    CHECK_THROWS_WITH(read_text(early),
                      "t.xes:1:13: unparseable timestamp '0001-01-01T00:30:00+01:00'");
    const std::string late = "<log><trace><event><string key=\"concept:name\" value=\"A\"/>"
                             "<date key=\"time:timestamp\" value=\"9999-12-31T23:59:59.999999Z\"/>"
                             "</event></trace></log>";
    CHECK(read_text(late).log.timestamps()[0] == ts("9999-12-31T23:59:59.999999Z"));
    const std::string long_ts(150, '9');
    const std::string doc2 = "<log><trace><event><string key=\"concept:name\" value=\"A\"/>"
                             "<date key=\"time:timestamp\" value=\"" + long_ts + "\"/></event></trace></log>";
    CHECK_THROWS_WITH(read_text(doc2), "t.xes:1:13: unparseable timestamp '" +
                                           std::string(100, '9') + "...'");
}

TEST_CASE("XES keys of the core fields can be overridden", "[io][xes]") {
    const std::string doc = R"(<log>
<trace><string key="id" value="c1"/><string key="concept:name" value="trace name"/>
<event><string key="concept:name" value="A"/><string key="task" value="Task A"/>
<string key="org:group" value="G1"/><string key="org:role" value="R1"/>
<string key="medium" value="email"/><string key="when" value="01.02.2021 10:30"/></event>
</trace></log>)";
    ReadOptions o;
    o.columns.case_id = "case:id";
    o.columns.activity = "task";
    o.columns.department = "org:role";
    o.columns.channel = "medium";
    o.columns.timestamp = "when";
    o.time_format = "%d.%m.%Y %H:%M";
    const ReadResult r = read_text(doc, o);
    REQUIRE(r.log.num_events() == 1);
    CHECK(r.log.case_name(0) == "c1");
    CHECK(value_text(r.log, r.log.case_attribute("concept:name", AttrType::string), 0) ==
          "trace name");
    CHECK(activity_of(r.log, 0) == "Task A");
    CHECK(r.log.department_names()[r.log.departments()[0]] == "R1");
    CHECK(r.log.channel_names()[r.log.channels()[0]] == "email");
    CHECK(r.log.timestamps()[0] == ts("2021-02-01T10:30:00Z"));
    CHECK(value_text(r.log, r.log.event_attribute("org:group", AttrType::string), 0) == "G1");
    CHECK(value_text(r.log, r.log.event_attribute("concept:name", AttrType::string), 0) == "A");
    CHECK(r.report.timestamp_format == "%d.%m.%Y %H:%M");
    using M = std::vector<std::pair<std::string, std::string>>;
    CHECK(r.report.mapping == M{{"case", "id"},
                                {"activity", "task"},
                                {"timestamp", "when"},
                                {"department", "org:role"},
                                {"channel", "medium"}});

    o.time_format = "nonsense";
    CHECK_THROWS_AS(read_text(doc, o), usage_error);
}

TEST_CASE("XES event keys do not apply to trace attributes", "[io][xes]") {
    const std::string doc = R"(<log><trace><string key="concept:name" value="c"/>
<string key="channel" value="web"/><string key="org:resource" value="owner"/>
<event><string key="concept:name" value="A"/><string key="channel" value="phone"/></event>
</trace></log>)";
    const ReadResult r = read_text(doc);
    CHECK(r.log.channel_names()[r.log.channels()[0]] == "phone");
    CHECK(r.log.resources()[0] == no_id);
    CHECK(value_text(r.log, r.log.case_attribute("channel", AttrType::string), 0) == "web");
    CHECK(value_text(r.log, r.log.case_attribute("org:resource", AttrType::string), 0) ==
          "owner");
}

TEST_CASE("XES reader handles entities, whitespace and empty structures", "[io][xes]") {
    // The \r\n inside the first value is a line break too: <trace/> is on line 5.
    const std::string doc = "<?xml version='1.0'?>\r\n<log>\r\n<trace>"
                            "<string key=\"concept:name\" value=\"a&#10;b&#x9;c\r\nd&amp;&lt;&gt;\"/>"
                            "</trace>\r\n<trace/>\r\n<trace><string key=\"concept:name\" value=\"\"/>"
                            "<event><string key=\"concept:name\" value=\"\"/></event></trace></log>";
    const ReadResult r = read_text(doc);
    REQUIRE(r.log.num_cases() == 3);
    CHECK(r.log.case_name(0) == "a\nb\tc d&<>");
    CHECK(r.log.case_begin(1) == 0);
    CHECK(r.log.case_end(1) == 0);
    CHECK(r.log.case_name(1) == "trace-2");
    CHECK(r.log.case_name(2) == "");
    REQUIRE(r.log.num_events() == 1);
    CHECK(activity_of(r.log, 0) == "");
    CHECK(r.report.warnings == std::vector<std::string>{
                                   "1 trace without 'concept:name' given generated ids "
                                   "(first: trace-2 at 5:1)"});

    CHECK(read_text("<log/>").log.num_cases() == 0);
    CHECK(read_text("\xEF\xBB\xBF<log></log>").log.num_cases() == 0);
}

TEST_CASE("XES reader warns about nested attributes of core keys and non-UTF-8 encodings",
          "[io][xes]") {
    const std::string doc =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<log><trace>"
        "<string key=\"concept:name\" value=\"c\"><int key=\"x\" value=\"1\"/></string>"
        "<event><string key=\"concept:name\" value=\"A\"/>"
        "<list key=\"org:resource\"><values/></list></event></trace></log>";
    const ReadResult r = read_text(doc);
    CHECK(r.log.case_name(0) == "c");
    CHECK(r.log.resources()[0] == no_id);
    CHECK(value_text(r.log, r.log.event_attribute("org:resource", AttrType::list), 0) ==
          R"({"type":"list","items":[]})");
    CHECK(r.report.warnings ==
          std::vector<std::string>{
              "declared encoding 'ISO-8859-1' is not UTF-8; bytes were read as UTF-8",
              "1 core attribute with nested attributes: the nested attributes were dropped "
              "(first: under 'concept:name' at 2:13)"});
}

TEST_CASE("XES results do not depend on the window size", "[io][xes]") {
    ReadOptions skip;
    skip.on_bad_record = BadRecordPolicy::skip;
    for (const std::string name : {"xes/all-types.xes", "xes/bad-events.xes",
                                   "logs/running-example.xes", "logs/roadtraffic-100-traces.xes"}) {
        INFO(name);
        const std::string data = slurp(data_path(name));
        const ReadResult whole = read_with_window(data, data.size() + 1, skip);
        for (const std::size_t window : {1, 2, 7, 64, 1000, 4096}) {
            INFO(window);
            const ReadResult part = read_with_window(data, window, skip);
            CHECK(part.log == whole.log);
            CHECK(same_report(part.report, whole.report));
        }
    }
    // Errors, too.
    const std::string bad = slurp(data_path("xes/bad-events.xes"));
    for (const std::size_t window : {1, 5, 100, 100000}) {
        CHECK_THROWS_WITH(read_with_window(bad, window),
                          "t.xes:11:5: event has no 'concept:name' attribute");
    }
}

TEST_CASE("XES locations stay exact across window refills", "[io][xes]") {
    // 20000 traces (about 4.5 MB) then a bad timestamp: line numbers must count the
    // lines of every window that was dropped.
    std::string doc = "<log>\n";
    for (int i = 0; i < 20000; ++i) {
        doc += "  <trace>\n    <string key=\"concept:name\" value=\"c" + std::to_string(i) +
               "\"/>\n    <event>\n      <string key=\"concept:name\" value=\"A\"/>\n"
               "      <date key=\"time:timestamp\" value=\"2020-01-01T00:00:00Z\"/>\n"
               "      <string key=\"padding\" value=\"" + std::string(100, 'x') + "\"/>\n"
               "    </event>\n  </trace>\n";
    }
    doc += "  <trace><string key=\"concept:name\" value=\"last\"/>\n"
           "    <event><string key=\"concept:name\" value=\"A\"/>"
           "<date key=\"time:timestamp\" value=\"bad\"/></event></trace>\n</log>\n";
    const std::string expected = "t.xes:160003:5: unparseable timestamp 'bad'";
    CHECK_THROWS_WITH(read_text(doc), expected);
    CHECK_THROWS_WITH(read_with_window(doc, 4096), expected);

    ReadOptions skip;
    skip.on_bad_record = BadRecordPolicy::skip;
    const ReadResult r = read_with_window(doc, 1 << 16, skip);
    CHECK(r.log.num_cases() == 20001);
    CHECK(r.log.num_events() == 20000);
    REQUIRE(r.report.rejects.size() == 1);
    CHECK(r.report.rejects[0].line == 160003);
    CHECK(r.report.rejects[0].column == 5);
    CHECK(r.report.bytes == doc.size());
}

TEST_CASE("XES results do not depend on the thread count", "[io][xes]") {
    ReadOptions one;
    one.threads = 1;
    ReadOptions two;
    two.threads = 2;
    const std::string path = data_path("logs/receipt.xes.gz");
    const ReadResult a = io::read_xes_file(path, one);
    const ReadResult b = io::read_xes_file(path, two);
    CHECK(a.log == b.log);
    CHECK(same_report(a.report, b.report));
}

TEST_CASE("XES progress reports input bytes and can cancel", "[io][xes]") {
    const std::string path = data_path("logs/helpdesk.xes.gz");
    const std::uint64_t size = slurp(path).size();
    std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
    ReadOptions o;
    o.progress = [&](std::uint64_t done, std::uint64_t total) {
        calls.emplace_back(done, total);
        return true;
    };
    io::read_xes_file(path, o);
    REQUIRE(calls.size() >= 2);
    CHECK(calls.back() == std::make_pair(size, size));
    for (std::size_t i = 1; i < calls.size(); ++i) {
        CHECK(calls[i].first >= calls[i - 1].first);
        CHECK(calls[i].second == size);
    }

    o.progress = [](std::uint64_t, std::uint64_t) { return false; };
    CHECK_THROWS_WITH(io::read_xes_file(path, o), "cancelled");
}
