// compile(): every construct of the language lands in the model as documented.

#include <catch2/catch.hpp>

#include <journey/dsl/dsl.hpp>

#include "dsl_test_util.hpp"

using namespace journey;

namespace {

const char* const full_spec = R"(# leading comment
journey "Everything" {
  promise "Fast and right"
  key attr account_id
  starts at first sign_up
  ends at last event(activity = "Done" and attr ok = true) unless class fixes within 60d
  source attr system
  actor attr who
  objects attr otype, oid
  success target 70% amber 60.5%

  calendar office "Office" {
    mon-fri 08:00-12:00, 13:00-17:30
    sat 09:00-13:00
    tz "+01:00"
    holidays 2026-01-01, 2026-12-25
  }
  department sales "Sales" { lane 2; color "#4C78A8"; calendar office }
  department partner "Partner" { external }
  department bare
  object order "Order" from link
  object bill from link "Invoice"
  object meter from attr meter_id
  object move from pair "MoveCase"
  class fixes "Fixes" : correction {
    match activity in ["Amended", "Rebooked"]
    match attr fix exists
  }
  class noise : non_work = actor != agent and channel not in [sms, "e-mail"]
  class seen = touchpoint in [sign_up, done] and object = order
  segment ch "Channel" = channel of sign_up
  segment reg = attr "org:region"
  segment mon = month
  segment day = weekday of last done
  stage s1 "One" {
    touchpoint sign_up "Sign-up" {
      owner sales, partner
      channels web, "phone line"
      match activity ~ /sign(ed)? up/i and source = "CRM" priority 5
      match activity = "Signed" and attr amount >= -2.5 and attr tier < 3 and attr note missing
      sla quick "Quick" from sign_up to event(activity = "Checked") within 2wd calendar office
          pause from class noise to done target 90% amber 80%
      sla to done within 24h business
      kpi fast "Fast" = attr wait_s <= 20 for activity = "Signed" target 80%
      kpi any = attr x !~ /bad/
    }
  }
  stage s2 after s1 {
    touchpoint done {
      owner sales
      adhoc
      hidden
      match activity = "Done"
    }
  }
  touchpoint loose {
    owner bare
    match activity = "Loose"
  }
  touchpoint t4 { owner bare; match activity = "T4" }
  touchpoint t5 { owner bare; match activity = "T5" }
  touchpoint t6 { owner bare; match activity = "T6" }
  touchpoint t7 { owner bare; match activity = "T7" }
  order sign_up -> (loose | t4)? -> (t5 & t6)+ -> t7*
  outcome e2e "E2E" = duration(start -> end) business calendar office <= 5wd
      and count(class fixes within 30d after end) = 0
      when exists(attr score) and time(done) <= attr due - 1d
      target 90% amber 75%
      lagging
  outcome score = attr score >= 7 and attr kind = "new" and count(done) != time(sign_up)
}
)";

} // namespace

TEST_CASE("a spec using every construct compiles to the documented model", "[dsl][compile]") {
    dsl::SourceManager sources;
    const dsl::CompileResult r = test::compile_spec(sources, full_spec);
    INFO(dsl::render_diagnostics(r.diagnostics, sources));
    // Only the type mismatch of the last outcome (count vs time) is an error.
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == "type-mismatch");
    const Journey& j = r.model;

    CHECK(j.name == "Everything");
    CHECK(j.promise == "Fast and right");
    CHECK(j.key == JourneyKey{JourneyKey::Kind::attribute, "account_id"});
    CHECK(j.start.kind == Selector::Kind::touchpoint);
    CHECK(j.start.name == "sign_up");
    CHECK(j.start.pick == Selector::Pick::first);
    CHECK(j.end.kind == Selector::Kind::events);
    CHECK(j.end.pick == Selector::Pick::last);
    REQUIRE(j.end.condition.all.size() == 2);
    CHECK(j.end.condition.all[1].field == EventField::attribute);
    CHECK(j.end.condition.all[1].attribute == "ok");
    CHECK(j.end.condition.all[1].values[0] == Literal::boolean(true));
    CHECK(j.end_unless.kind == Selector::Kind::event_class);
    CHECK(j.end_unless.name == "fixes");
    CHECK(j.lookahead == Duration{60, DurationUnit::days});
    CHECK(j.source_attribute == "system");
    CHECK(j.actor_attribute == "who");
    CHECK(j.object_columns == ObjectColumns{"otype", "oid"});
    REQUIRE(j.success);
    CHECK(j.success->target_percent == 70);
    CHECK(j.success->amber_percent == 60.5);

    REQUIRE(j.calendars.size() == 1);
    const Calendar& cal = j.calendars[0];
    CHECK(cal.label == "Office");
    REQUIRE(cal.hours.size() == 2);
    CHECK(cal.hours[0].days == std::vector<WeekdayRange>{{Weekday::mon, Weekday::fri}});
    CHECK(cal.hours[0].times == std::vector<MinuteRange>{{480, 720}, {780, 1050}});
    CHECK(cal.hours[1].days == std::vector<WeekdayRange>{{Weekday::sat, Weekday::sat}});
    CHECK(cal.time_zone == "+01:00");
    CHECK(cal.holidays ==
          std::vector<std::int64_t>{*parse_date("2026-01-01"), *parse_date("2026-12-25")});

    REQUIRE(j.departments.size() == 3);
    CHECK(j.departments[0] == Department{"sales", "Sales", 2, "#4C78A8", "office", false});
    CHECK(j.departments[1].external);
    CHECK(j.departments[2] == Department{"bare", "", 0, "", "", false});

    REQUIRE(j.object_types.size() == 4);
    CHECK(j.object_types[0] == ObjectType{"order", "Order", ObjectNaming::link, ""});
    CHECK(j.object_types[1] == ObjectType{"bill", "", ObjectNaming::link, "Invoice"});
    CHECK(j.object_types[2] == ObjectType{"meter", "", ObjectNaming::attribute, "meter_id"});
    CHECK(j.object_types[3] == ObjectType{"move", "", ObjectNaming::pair, "MoveCase"});
    CHECK(j.object_types[0].effective_key() == "order");

    REQUIRE(j.classes.size() == 3);
    CHECK(j.classes[0].role == ClassRole::correction);
    REQUIRE(j.classes[0].any.size() == 2);
    CHECK(j.classes[0].any[0].all[0].op == CompareOp::in);
    CHECK(j.classes[0].any[1].all[0].op == CompareOp::exists);
    CHECK(j.classes[1].role == ClassRole::non_work);
    CHECK(j.classes[1].any[0].all[0].field == EventField::actor);
    CHECK(j.classes[1].any[0].all[0].op == CompareOp::ne);
    CHECK(j.classes[1].any[0].all[1].op == CompareOp::not_in);
    CHECK(j.classes[1].any[0].all[1].values ==
          std::vector<Literal>{Literal::identifier("sms"), Literal::string_value("e-mail")});
    CHECK(j.classes[2].role == ClassRole::none);
    CHECK(j.classes[2].any[0].all[0].field == EventField::touchpoint);
    CHECK(j.classes[2].any[0].all[1].field == EventField::object);

    REQUIRE(j.segments.size() == 4);
    CHECK(j.segments[0].kind == Segment::Kind::field);
    CHECK(j.segments[0].field == EventField::channel);
    CHECK(j.segments[0].of.name == "sign_up");
    CHECK(j.segments[1].kind == Segment::Kind::attribute);
    CHECK(j.segments[1].attribute == "org:region");
    CHECK_FALSE(j.segments[1].of.given());
    CHECK(j.segments[2].kind == Segment::Kind::month);
    CHECK(j.segments[3].kind == Segment::Kind::weekday);
    CHECK(j.segments[3].of.pick == Selector::Pick::last);

    REQUIRE(j.stages.size() == 2);
    CHECK(j.stages[1].after == std::vector<std::string>{"s1"});
    REQUIRE(j.touchpoints.size() == 7);
    const Touchpoint& t = j.touchpoints[0];
    CHECK(t.id == "sign_up");
    CHECK(t.stage == "s1");
    CHECK(t.owner == "sales");
    CHECK(t.co_owners == std::vector<std::string>{"partner"});
    CHECK(t.channels == std::vector<std::string>{"web", "phone line"});
    CHECK(t.designed);
    CHECK_FALSE(t.hidden);
    REQUIRE(t.match.size() == 2);
    CHECK(t.match[0].priority == 5);
    CHECK(t.match[0].condition.all[0].values[0] == Literal::regex("sign(ed)? up", true));
    CHECK(t.match[0].condition.all[1].field == EventField::source);
    const auto& p = t.match[1].condition.all;
    REQUIRE(p.size() == 4);
    CHECK(p[1].op == CompareOp::ge);
    CHECK(p[1].values[0] == Literal::number_value(-2.5));
    CHECK(p[1].values[0].text == "-2.5");
    CHECK(p[2].op == CompareOp::lt);
    CHECK(p[3].op == CompareOp::missing);
    REQUIRE(t.slas.size() == 2);
    const Sla& quick = t.slas[0];
    CHECK(quick.id == "quick");
    CHECK(quick.label == "Quick");
    CHECK(quick.from.kind == Selector::Kind::touchpoint);
    CHECK(quick.to.kind == Selector::Kind::events);
    CHECK(quick.within == Duration{2, DurationUnit::working_days});
    CHECK(quick.basis == TimeBasis::business);
    CHECK(quick.calendar == "office");
    REQUIRE(quick.pauses.size() == 1);
    CHECK(quick.pauses[0].from.kind == Selector::Kind::event_class);
    CHECK(quick.pauses[0].to.name == "done");
    CHECK(quick.target == Thresholds{90, 80});
    CHECK(t.slas[1].id.empty());
    CHECK_FALSE(t.slas[1].from.given());
    CHECK(t.slas[1].within == Duration{24, DurationUnit::hours});
    CHECK(t.slas[1].basis == TimeBasis::business);
    CHECK_FALSE(t.slas[1].target);
    REQUIRE(t.kpis.size() == 2);
    CHECK(t.kpis[0].id == "fast");
    CHECK(t.kpis[0].scope.all[0].field == EventField::activity);
    CHECK(t.kpis[0].target == Thresholds{80, std::nullopt});
    CHECK(t.kpis[1].condition.all[0].op == CompareOp::not_matches);
    CHECK(t.kpis[1].scope.empty());

    const Touchpoint& done = j.touchpoints[1];
    CHECK_FALSE(done.designed);
    CHECK(done.hidden);
    CHECK(done.stage == "s2");
    CHECK(j.touchpoints[2].stage.empty());

    REQUIRE(j.order);
    using K = OrderNode::Kind;
    const OrderNode& o = *j.order;
    CHECK(o.kind == K::sequence);
    REQUIRE(o.children.size() == 4);
    CHECK(o.children[0] == OrderNode::leaf("sign_up"));
    CHECK(o.children[1].kind == K::optional);
    CHECK(o.children[1].children[0].kind == K::choice);
    CHECK(o.children[2].kind == K::one_or_more);
    CHECK(o.children[2].children[0].kind == K::parallel);
    CHECK(o.children[3].kind == K::zero_or_more);
    CHECK(o.touchpoints() == std::vector<std::string>{"sign_up", "loose", "t4", "t5", "t6", "t7"});

    REQUIRE(j.outcomes.size() == 2);
    const Outcome& e2e = j.outcomes[0];
    CHECK(e2e.label == "E2E");
    REQUIRE(e2e.all.size() == 2);
    CHECK(e2e.all[0].lhs.kind == Measure::Kind::duration);
    CHECK(e2e.all[0].lhs.basis == TimeBasis::business);
    CHECK(e2e.all[0].lhs.calendar == "office");
    CHECK(e2e.all[0].lhs.from.kind == Selector::Kind::start);
    CHECK(e2e.all[0].lhs.to.kind == Selector::Kind::end);
    CHECK(e2e.all[0].op == CompareOp::le);
    CHECK(e2e.all[0].value == Literal::duration_value({5, DurationUnit::working_days}));
    CHECK(e2e.all[1].lhs.kind == Measure::Kind::count);
    CHECK(e2e.all[1].lhs.window == Duration{30, DurationUnit::days});
    CHECK(e2e.all[1].lhs.window_after.kind == Selector::Kind::end);
    REQUIRE(e2e.when.size() == 2);
    CHECK(e2e.when[0].op == CompareOp::exists);
    CHECK(e2e.when[0].lhs.kind == Measure::Kind::exists);
    CHECK(e2e.when[0].lhs.from.kind == Selector::Kind::attribute);
    CHECK(e2e.when[1].rhs->kind == Measure::Kind::attribute);
    CHECK(e2e.when[1].offset == Duration{-1, DurationUnit::days});
    CHECK(e2e.target == Thresholds{90, 75});
    CHECK(e2e.lagging);
    CHECK(j.outcomes[1].all[1].value == Literal::string_value("new"));
    CHECK_FALSE(j.outcomes[1].lagging);

    // Comments are kept for the formatter.
    REQUIRE_FALSE(r.comments.empty());
    CHECK(r.comments[0] == dsl::SpecComment{"journey", " leading comment", false});
}

TEST_CASE("defaults: what an omitted statement means", "[dsl][compile]") {
    dsl::SourceManager sources;
    const dsl::CompileResult r = test::compile_spec(sources, test::minimal_spec());
    REQUIRE(r.diagnostics.empty());
    const Journey& j = r.model;
    CHECK(j.key.kind == JourneyKey::Kind::case_id);
    CHECK(j.source_attribute == "source");
    CHECK(j.actor_attribute == "actor_type");
    CHECK(j.object_columns == ObjectColumns{});
    CHECK_FALSE(j.end_unless.given());
    CHECK_FALSE(j.success);
    CHECK_FALSE(j.order);
    // Without an order, the designed order is the designed touchpoints in sequence.
    const auto order = j.designed_order();
    REQUIRE(order);
    CHECK(order->kind == OrderNode::Kind::sequence);
    CHECK(order->touchpoints() == std::vector<std::string>{"a", "b"});
}

TEST_CASE("touchpoints are grouped by stage in stage order", "[dsl][compile]") {
    dsl::SourceManager sources;
    const dsl::CompileResult r = test::compile_spec(sources, R"(journey "J" {
  starts at a
  ends at b
  department d
  touchpoint z { owner d; match activity = "Z" }
  stage one { touchpoint a { owner d; match activity = "A" } }
  touchpoint y { owner d; match activity = "Y" }
  stage two { touchpoint b { owner d; match activity = "B" } }
}
)");
    REQUIRE(r.diagnostics.empty());
    std::vector<std::string> ids;
    for (const Touchpoint& t : r.model.touchpoints) {
        ids.push_back(t.id);
    }
    CHECK(ids == std::vector<std::string>{"a", "b", "z", "y"});
    CHECK(r.model.touchpoints_in_stage("two") == std::vector<std::size_t>{1});
}

TEST_CASE("order operators are associative: nested groups of one kind flatten", "[dsl][compile]") {
    dsl::SourceManager sources;
    const dsl::CompileResult r = test::compile_spec(
        sources, test::minimal_spec("  touchpoint c { owner d; match activity = \"C\" }\n"
                                    "  order a -> (c -> b)\n"));
    REQUIRE(r.diagnostics.empty());
    CHECK(*r.model.order ==
          OrderNode::node(OrderNode::Kind::sequence,
                          {OrderNode::leaf("a"), OrderNode::leaf("c"), OrderNode::leaf("b")}));
}

TEST_CASE("one run reports many errors and recovers at statement boundaries", "[dsl][compile]") {
    const std::string text = R"(journey "J" {
  starts at a
  ends at b
  department d
  touchpoint a {
    owner d
    match activity = = "A"
    chanels web
    match activity = "A"
  }
  touchpoint b {
    owner d
    match activity = "B" priority x
  }
  promise 42
}
)";
    dsl::SourceManager sources;
    const dsl::CompileResult r = test::compile_spec(sources, text);
    REQUIRE(r.diagnostics.size() == 5);
    CHECK(r.diagnostics[0].message ==
          "expected a value (a string, a number, a name, true or false), found '='");
    CHECK(r.diagnostics[0].range.begin.line == 7);
    CHECK(r.diagnostics[1].code == "unknown-statement");
    CHECK(r.diagnostics[1].range.begin.line == 8);
    // The broken rule of b is dropped, so b has none.
    CHECK(r.diagnostics[2].code == "no-match-rule");
    CHECK(r.diagnostics[3].message == "expected a priority, found 'x'");
    CHECK(r.diagnostics[4].message == "expected the promise in quotes, found '42'");
    // The statements after the errors were still read.
    REQUIRE(r.model.touchpoints.size() == 2);
    CHECK(r.model.touchpoints[0].match.size() == 1);
    CHECK(r.model.touchpoints[1].owner == "d");
}

TEST_CASE("errors are capped; warnings can be switched off or made errors", "[dsl][compile]") {
    std::string many = "journey \"J\" {\n";
    for (int i = 0; i < 60; ++i) {
        many += "  nonsense\n";
    }
    many += "}\n";
    dsl::CompileOptions capped;
    capped.max_errors = 3;
    dsl::SourceManager sources;
    const dsl::CompileResult r = test::compile_spec(sources, many, capped);
    REQUIRE(r.diagnostics.size() == 4);
    CHECK(r.diagnostics[3].code == "too-many-errors");
    CHECK(r.diagnostics[3].message == "too many errors (more than 3); stopping here");
    CHECK(r.diagnostics[3].range.begin.line == 5);

    const std::string warned = test::minimal_spec("  touchpoint c { owner d }\n");
    {
        dsl::SourceManager s;
        const auto w = test::compile_spec(s, warned);
        REQUIRE(w.diagnostics.size() == 1);
        CHECK(w.diagnostics[0].severity == dsl::Severity::warning);
        CHECK_FALSE(w.has_errors());
    }
    {
        dsl::CompileOptions off;
        off.disabled_warnings.insert("no-match-rule");
        dsl::SourceManager s;
        CHECK(test::compile_spec(s, warned, off).diagnostics.empty());
    }
    {
        dsl::CompileOptions strict;
        strict.warnings_as_errors = true;
        dsl::SourceManager s;
        const auto w = test::compile_spec(s, warned, strict);
        REQUIRE(w.diagnostics.size() == 1);
        CHECK(w.has_errors());
    }
}

TEST_CASE("diagnostics come sorted by location", "[dsl][compile]") {
    dsl::SourceManager sources;
    const dsl::CompileResult r = test::compile_spec(sources, R"(journey "J" {
  starts at nowhere
  ends at b
  department d { calendar nocal }
  touchpoint b { owner x; match activity = "B" }
})");
    REQUIRE(r.diagnostics.size() == 3);
    CHECK(r.diagnostics[0].range.begin.line == 2);
    CHECK(r.diagnostics[1].range.begin.line == 4);
    CHECK(r.diagnostics[2].range.begin.line == 5);
}

TEST_CASE("match rules that tests separate are not overlapping", "[dsl][compile]") {
    auto codes = [](const std::string& b_rule) {
        dsl::SourceManager sources;
        const auto r = test::compile_spec(sources, R"(journey "J" {
  starts at a
  ends at b
  department d
  touchpoint a { owner d; match activity = "Read" and attr reason = "out" and attr n < 5 }
  touchpoint b { owner d; )" + b_rule + R"( }
})");
        std::string out;
        for (const auto& d : r.diagnostics) {
            out += d.code + ";";
        }
        return out;
    };
    CHECK(codes("match activity = \"Read\" and attr reason = \"in\"") == "");
    CHECK(codes("match activity = \"Read\" and attr reason != \"out\"") == "");
    CHECK(codes("match activity = \"Read\" and attr n >= 5") == "");
    CHECK(codes("match activity = \"Read\" and attr n = 7") == "");
    CHECK(codes("match activity ~ /^Write/") == "");
    CHECK(codes("match activity = \"Read\" and attr reason missing") == "");
    CHECK(codes("match activity = \"Read\" priority 1") == "");
    CHECK(codes("match activity = \"Read\" and attr n > 4") == "overlapping-match;");
    CHECK(codes("match activity ~ /^Re/") == "overlapping-match;");
    CHECK(codes("match channel = web") == "overlapping-match;");
    // A regular expression that accepts the other rule's activity overlaps it.
    CHECK(codes("match activity ~ /R/ and source = \"x\"") == "overlapping-match;");
}

TEST_CASE("holiday files are read through the FileSystem, relative to the spec", "[dsl][compile]") {
    dsl::MemoryFileSystem files;
    files.add("specs/days.txt", "# comment\n\n2026-01-01 New Year\n  2026-12-25\t# Christmas\n");
    dsl::CompileOptions options;
    options.files = &files;
    dsl::SourceManager sources;
    const auto r = dsl::compile_text(
        sources, "specs/j.journey",
        test::minimal_spec("  calendar c { mon-fri 09:00-17:00; holidays \"days.txt\" }\n"),
        options);
    INFO(dsl::render_diagnostics(r.diagnostics, sources));
    REQUIRE(r.diagnostics.empty());
    const Calendar& c = r.model.calendars[0];
    REQUIRE(c.holiday_files.size() == 1);
    CHECK(c.holiday_files[0].path == "days.txt");
    CHECK(c.holiday_files[0].days ==
          std::vector<std::int64_t>{*parse_date("2026-01-01"), *parse_date("2026-12-25")});
    CHECK(c.is_holiday(*parse_date("2026-12-25")));
    CHECK(sources.size() == 2); // the spec and the holiday file
    CHECK(sources.name(1) == "specs/days.txt");

    // Without a FileSystem, the include is reported with the path it looked for.
    dsl::SourceManager s2;
    const auto missing = dsl::compile_text(
        s2, "specs/j.journey",
        test::minimal_spec("  calendar c { mon-fri 09:00-17:00; holidays \"days.txt\" }\n"));
    REQUIRE(missing.diagnostics.size() == 1);
    CHECK(missing.diagnostics[0].message ==
          "cannot read holiday file 'days.txt' (looked for 'specs/days.txt')");
}

TEST_CASE("diagnostic_codes lists every code once, warnings among them", "[dsl][compile]") {
    const auto& codes = dsl::diagnostic_codes();
    CHECK(codes.size() == 59);
    CHECK(std::is_sorted(codes.begin(), codes.end()));
    CHECK(std::adjacent_find(codes.begin(), codes.end()) == codes.end());
    for (const std::string& w : dsl::warning_codes()) {
        CHECK(std::find(codes.begin(), codes.end(), w) != codes.end());
    }
}

TEST_CASE("later(...) names the later of two or more times", "[dsl][compile]") {
    dsl::SourceManager sources;
    const dsl::CompileResult r = test::compile_spec(
        sources,
        test::minimal_spec("  outcome on_time = duration(later(attr move_date, later(start, a)) "
                           "-> end) <= 10d\n"));
    INFO(dsl::render_diagnostics(r.diagnostics, sources));
    REQUIRE_FALSE(r.has_errors());
    REQUIRE(r.model.outcomes.size() == 1);
    const Selector& from = r.model.outcomes[0].all.at(0).lhs.from;
    REQUIRE(from.kind == Selector::Kind::later);
    // The nested later() is flattened into one list, in the order written.
    REQUIRE(from.operands.size() == 3);
    CHECK(from.operands[0].kind == Selector::Kind::attribute);
    CHECK(from.operands[0].name == "move_date");
    CHECK(from.operands[1].kind == Selector::Kind::start);
    CHECK(from.operands[2].kind == Selector::Kind::touchpoint);
    CHECK(dsl::format_spec(r.model, r.comments)
              .find("duration(later(attr move_date, start, a) -> end) <= 10d") != std::string::npos);
}

TEST_CASE("later(...) is refused where events are counted or with one operand", "[dsl][compile]") {
    CHECK(test::diagnostics_of(test::minimal_spec("  outcome n = count(later(a, b)) = 0\n")) ==
          "test.journey:5:21: error: 'later(...)' names one time, not events; it cannot be "
          "used in count(...) [syntax-error]\n"
          "    5 |   outcome n = count(later(a, b)) = 0\n"
          "      |                     ^~~~~\n");
    CHECK(test::diagnostics_of(test::minimal_spec("  outcome n = time(later(a)) <= time(b)\n"))
              .find("'later(...)' needs two or more selectors") != std::string::npos);
}
