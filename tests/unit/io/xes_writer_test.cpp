#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <journey/core/error.hpp>
#include <journey/core/event_log_builder.hpp>
#include <journey/io/xes.hpp>

using namespace journey;

namespace {

std::string data_path(const std::string& rel) { return std::string(JOURNEY_TEST_DATA_DIR) + "/" + rel; }

std::string to_xes(const EventLog& log) {
    std::ostringstream out;
    io::write_xes(log, out);
    return out.str();
}

EventLog reread(const EventLog& log) { return io::read_xes(to_xes(log), {}, "rt.xes").log; }

Timestamp ts(std::string_view iso) {
    const auto t = parse_iso8601(iso);
    REQUIRE(t.has_value());
    return *t;
}

void add_standard_extensions(LogMeta& m) {
    m.extensions = {{"Concept", "concept", "http://www.xes-standard.org/concept.xesext"},
                    {"Time", "time", "http://www.xes-standard.org/time.xesext"},
                    {"Organizational", "org", "http://www.xes-standard.org/org.xesext"},
                    {"Lifecycle", "lifecycle", "http://www.xes-standard.org/lifecycle.xesext"}};
}

/// A log as a CSV reader would build it (no XES metadata unless `with_meta`), with
/// every attribute type and awkward values.
EventLog synthetic(bool with_meta) {
    EventLogBuilder b;
    if (with_meta) {
        add_standard_extensions(b.meta());
    }
    const auto amount = b.event_attribute("amount", AttrType::integer);
    const auto score = b.event_attribute("score", AttrType::real);
    const auto ok = b.event_attribute("ok", AttrType::boolean);
    const auto due = b.event_attribute("due", AttrType::time);
    const auto ref = b.event_attribute("ref", AttrType::id);
    const auto note = b.event_attribute("note", AttrType::string);
    const auto items = b.event_attribute("items", AttrType::list);
    const auto tier = b.case_attribute("tier", AttrType::string);
    const auto limit = b.case_attribute("limit", AttrType::real);
    const auto opened = b.case_attribute("opened", AttrType::time);

    const std::vector<double> reals{1.5e-7,
                                    -2.5e300,
                                    0.1,
                                    1.0 / 3.0,
                                    -0.0,
                                    5e-324,
                                    std::numeric_limits<double>::max(),
                                    std::numeric_limits<double>::infinity(),
                                    -std::numeric_limits<double>::infinity(),
                                    std::numeric_limits<double>::quiet_NaN(),
                                    123456789012345678.0,
                                    42.0};
    const std::vector<std::int64_t> ints{-1,
                                         0,
                                         std::numeric_limits<std::int64_t>::min(),
                                         std::numeric_limits<std::int64_t>::max(),
                                         -9876543210};
    for (int c = 0; c < 3; ++c) {
        const std::uint32_t ci = b.begin_case("case " + std::to_string(c) + " <&\"'>");
        b.set_string(tier, c == 1 ? "gold\tplus\nline" : "basic");
        b.set_real(limit, reals[static_cast<std::size_t>(c) * 3 % reals.size()]);
        b.set(opened, ts(c == 2 ? "1969-07-20T20:17:40.000001-04:00" : "2024-02-29T23:59:59.5+05:30"));
        (void)ci;
        for (int e = 0; e < 5; ++e) {
            const int k = c * 5 + e;
            EventFields f;
            f.activity = b.activities().insert(e % 2 == 0 ? "Call" : "Visit & \"fix\"");
            f.timestamp = e == 4 ? no_timestamp
                                 : ts("2024-01-0" + std::to_string(e + 1) + "T10:00:00.123+01:00");
            if (e != 3) {
                f.resource = b.resources().insert("agent " + std::to_string(k % 4));
            }
            if (e % 2 == 0) {
                f.department = b.departments().insert(c == 0 ? "Billing" : "Field\x01service");
            }
            f.channel = e == 1 ? b.channels().insert("web") : no_id;
            f.lifecycle = b.lifecycles().insert(e % 3 == 0 ? "start" : "complete");
            b.add_event(f);
            b.set(amount, ints[static_cast<std::size_t>(k) % ints.size()]);
            b.set_real(score, reals[static_cast<std::size_t>(k) % reals.size()]);
            b.set(ok, k % 2);
            b.set(due, ts("2030-12-31T23:00:00-11:00") + k);
            if (k % 3 == 0) {
                std::string uuid = "0b7c3e1a-0000-4000-8000-00000000000";
                uuid += std::to_string(k % 10);
                b.set_string(ref, uuid);
            }
            std::string text = "\r\n\t\x02 tricky \xE2\x82\xAC";
            if (k != 7) {
                text = std::to_string(k);
                text.insert(text.begin(), 'n');
            }
            b.set_string(note, text);
            if (k % 4 == 0) {
                b.set_string(
                    items,
                    R"({"type":"container","items":[{"key":"neg","type":"int","value":"-7"},)"
                    R"({"key":"exp","type":"float","value":"6.02e23"},)"
                    R"({"key":"when","type":"date","value":"2020-05-05T05:05:05.5+02:00"},)"
                    R"({"key":"yes","type":"boolean","value":"true"},)"
                    R"({"key":"inner","type":"list","items":[{"key":"x","type":"string","value":"a\"b<c>&\n"},)"
                    R"({"key":"deeper","type":"container","items":[{"key":"id","type":"id","value":"u-1"}]}],)"
                    R"("attrs":[{"key":"meta","type":"string","value":"m"}]},)"
                    R"({"key":"empty","type":"list","items":[]},)"
                    R"({"key":"s","type":"string","value":"v","attrs":[{"key":"why","type":"int","value":"1"}]}]})");
            }
        }
    }
    // A case without events.
    b.begin_case("empty case");
    return b.finish();
}

} // namespace

TEST_CASE("XES writer output is exact and deterministic", "[io][xes]") {
    EventLogBuilder b;
    const auto cost = b.event_attribute("cost", AttrType::real);
    const auto vip = b.case_attribute("vip", AttrType::boolean);
    b.begin_case("c1");
    b.set(vip, 1);
    EventFields f;
    f.activity = b.activities().insert("Call");
    f.timestamp = ts("2024-01-02T03:04:05.678Z");
    f.resource = b.resources().insert("Ann");
    f.department = b.departments().insert("Billing");
    f.channel = b.channels().insert("phone");
    f.lifecycle = b.lifecycles().insert("complete");
    b.add_event(f);
    b.set_real(cost, 0.1);
    EventFields g;
    g.activity = b.activities().insert("Letter <a&b>");
    b.add_event(g);
    const EventLog log = b.finish();

    const std::string expected =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<log xes.version=\"1849-2016\" xes.features=\"nested-attributes\" "
        "xmlns=\"http://www.xes-standard.org/\">\n"
        "  <extension name=\"Concept\" prefix=\"concept\" "
        "uri=\"http://www.xes-standard.org/concept.xesext\"/>\n"
        "  <extension name=\"Time\" prefix=\"time\" uri=\"http://www.xes-standard.org/time.xesext\"/>\n"
        "  <extension name=\"Organizational\" prefix=\"org\" "
        "uri=\"http://www.xes-standard.org/org.xesext\"/>\n"
        "  <extension name=\"Lifecycle\" prefix=\"lifecycle\" "
        "uri=\"http://www.xes-standard.org/lifecycle.xesext\"/>\n"
        "  <trace>\n"
        "    <string key=\"concept:name\" value=\"c1\"/>\n"
        "    <boolean key=\"vip\" value=\"true\"/>\n"
        "    <event>\n"
        "      <string key=\"concept:name\" value=\"Letter &lt;a&amp;b&gt;\"/>\n"
        "    </event>\n"
        "    <event>\n"
        "      <string key=\"concept:name\" value=\"Call\"/>\n"
        "      <date key=\"time:timestamp\" value=\"2024-01-02T03:04:05.678+00:00\"/>\n"
        "      <string key=\"org:resource\" value=\"Ann\"/>\n"
        "      <string key=\"org:group\" value=\"Billing\"/>\n"
        "      <string key=\"channel\" value=\"phone\"/>\n"
        "      <string key=\"lifecycle:transition\" value=\"complete\"/>\n"
        "      <float key=\"cost\" value=\"0.1\"/>\n"
        "    </event>\n"
        "  </trace>\n"
        "</log>\n";
    CHECK(to_xes(log) == expected);
    CHECK(to_xes(log) == to_xes(log));
}

TEST_CASE("XES round trip on every real log", "[io][xes]") {
    for (const std::string name :
         {"logs/running-example.xes", "logs/receipt.xes.gz", "logs/sepsis.xes.gz",
          "logs/helpdesk.xes.gz", "logs/bpic2013-closed-problems.xes.gz",
          "logs/repair-example.xes.gz", "logs/roadtraffic-100-traces.xes", "xes/all-types.xes"}) {
        INFO(name);
        const EventLog log = io::read_xes_file(data_path(name), {}).log;
        const std::string text = to_xes(log);
        const io::ReadResult again = io::read_xes(text, {}, "rt.xes");
        CHECK(again.log == log);
        CHECK(again.report.warnings.empty());
        CHECK(to_xes(again.log) == text);
    }
}

TEST_CASE("XES round trip of a synthetic log with every attribute type", "[io][xes]") {
    const EventLog plain = synthetic(false);
    const EventLog with_meta = synthetic(true);
    REQUIRE(plain.num_events() == 15);
    REQUIRE(plain.num_cases() == 4);
    // Without XES metadata the writer declares the standard extensions, so the log
    // read back equals the same log with those extensions in its metadata.
    const EventLog back = reread(plain);
    CHECK_FALSE(back == plain);
    CHECK(back == with_meta);
    CHECK(reread(with_meta) == with_meta);

    // Spot checks of values that are easy to lose.
    const AttrColumn* score = back.event_attribute("score", AttrType::real);
    REQUIRE(score != nullptr);
    bool saw_nan = false;
    bool saw_neg_zero = false;
    for (const std::int64_t raw : score->values) {
        const double v = attr_real(raw);
        saw_nan = saw_nan || std::isnan(v);
        saw_neg_zero = saw_neg_zero || (v == 0.0 && std::signbit(v));
    }
    CHECK(saw_nan);
    CHECK(saw_neg_zero);
    const AttrColumn* amount = back.event_attribute("amount", AttrType::integer);
    REQUIRE(amount != nullptr);
    CHECK(std::find(amount->values.begin(), amount->values.end(),
                    std::numeric_limits<std::int64_t>::min()) != amount->values.end());
}

TEST_CASE("XES writer rejects list values that are not canonical text", "[io][xes]") {
    EventLogBuilder b;
    const auto bad = b.event_attribute("bag", AttrType::list);
    b.begin_case("c");
    EventFields f;
    f.activity = b.activities().insert("A");
    b.add_event(f);
    b.set_string(bad, R"({"type":"list","items":[{"type":"int","value":"1"}]})");
    const EventLog log = b.finish();
    std::ostringstream out;
    CHECK_THROWS_WITH(io::write_xes(log, out),
                      "write_xes: the list value of attribute 'bag' is not canonical XES list "
                      "text (missing \"key\" at offset 50)");
}
