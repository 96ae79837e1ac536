// format_spec(): canonical text, round trips, comments kept.

#include <catch2/catch.hpp>

#include <journey/dsl/dsl.hpp>

#include "dsl_test_util.hpp"

using namespace journey;

namespace {

// parse → print → parse gives the same model, and printing again the same text.
void check_round_trip(const std::string& text, const std::string& name = "test.journey",
                      dsl::FileSystem* files = nullptr) {
    dsl::CompileOptions options;
    options.files = files;
    dsl::SourceManager s1;
    const auto first = dsl::compile_text(s1, name, text, options);
    INFO(dsl::render_diagnostics(first.diagnostics, s1));
    REQUIRE_FALSE(first.has_errors());
    const std::string printed = dsl::format_spec(first.model, first.comments);
    dsl::SourceManager s2;
    const auto second = dsl::compile_text(s2, name, printed, options);
    INFO(printed);
    INFO(dsl::render_diagnostics(second.diagnostics, s2));
    REQUIRE_FALSE(second.has_errors());
    CHECK(second.model == first.model);
    CHECK(dsl::format_spec(second.model, second.comments) == printed);
}

} // namespace

TEST_CASE("canonical text of a small spec", "[dsl][format]") {
    const std::string messy = R"(# The journey.
journey   "Small"{starts at a;ends at b   # end
department d "Desk"{calendar c;lane 1}
calendar c{mon-fri 09:00-17:00;tz "UTC"}
  touchpoint a{owner d
  match activity="A" and attr n>=2.50}
touchpoint b{owner d;match activity in["B","C"]
  sla to event(activity="C")within 2wd target 90.0%
}
order a->b
outcome fast "Fast"=duration(a->b)<=3d target 90%}
)";
    dsl::SourceManager sources;
    const auto r = test::compile_spec(sources, messy);
    INFO(dsl::render_diagnostics(r.diagnostics, sources));
    REQUIRE(r.diagnostics.empty());
    CHECK(dsl::format_spec(r.model, r.comments) == R"(# The journey.
journey "Small" {
  starts at a
  ends at b  # end

  calendar c { mon-fri 09:00-17:00; tz "UTC" }

  department d "Desk" { lane 1; calendar c }

  touchpoint a {
    owner d
    match activity = "A" and attr n >= 2.5
  }

  touchpoint b {
    owner d
    match activity in ["B", "C"]
    sla to event(activity = "C") within 2wd target 90%
  }

  order a -> b

  outcome fast "Fast" = duration(a -> b) <= 3d target 90%
}
)");
}

TEST_CASE("round trips: every construct", "[dsl][format]") {
    check_round_trip(R"(journey "Everything" {
  promise "Fast \"and\" right\n"
  key object order
  starts at first sign_up
  ends at last event(activity = "Done" and attr ok = true) unless class fixes within 60d
  source attr "sys:name"
  actor attr who
  objects attr otype, oid
  success target 70% amber 60.5%
  calendar office "Office" {
    mon-fri, sun 08:00-12:00, 13:00-17:30
    tz "Europe/Paris"
    holidays 2026-01-01, 2026-12-25
  }
  department sales "Sales" { lane 2; color "#4c78a8"; calendar office; external }
  department bare
  object order "Order" from link
  object bill from link "Invoice"
  object meter from attr "meter:id"
  object move from pair "MoveCase"
  class fixes "Fixes" : correction {
    match activity in ["Amended", "Rebooked"]
    match attr fix exists and lifecycle = complete and resource != bot and department ~ /^B/
  }
  class noise : non_work = actor != agent and channel not in [sms, "e-mail"]
  class seen = touchpoint in [sign_up, done] and object = order and object missing
  segment ch "Channel" = channel of sign_up
  segment reg = attr region of attr moved
  segment mon = month of class fixes
  segment day = weekday
  stage s1 "One" {
    touchpoint sign_up "Sign-up" {
      owner sales, bare
      channels web, "phone line"
      hidden
      match activity ~ /sign(ed)? up\// and source = "CRM" priority -5
      match activity = "Signed" and attr amount >= -2.5 and attr tier < 3 and attr note missing
      sla quick "Quick" from sign_up to event(activity = "Checked") within 2wd calendar office
          pause from class noise to done pause from start to end target 90% amber 80%
      sla to done within 24h business
      kpi fast "Fast" = attr wait_s <= 20 for activity = "Signed" target 80%
      kpi any = attr x !~ /bad/i
    }
  }
  stage s2 after s1, s1b {
    touchpoint done {
      owner sales
      adhoc
      match activity = "Done"
    }
  }
  stage s1b after s1 {
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
      and count(class fixes within 30d after end) = 0 and count(done) > 2
      when exists(attr score) and time(done) <= attr due - 1d and time(done) > time(sign_up) + 2h
      target 90% amber 75%
      lagging
  outcome score = attr score >= 7 and attr kind = "new" and attr x = attr y
})");
}

TEST_CASE("round trips: the examples are canonical text", "[dsl][format]") {
    for (const std::string path :
         {"examples/move-house/move-house.journey", "examples/telco-install/install.journey"}) {
        INFO(path);
        const std::string file = std::string(JOURNEY_SOURCE_DIR) + "/" + path;
        const std::string dir = file.substr(0, file.rfind('/'));
        test::DirectoryFileSystem files(dir);
        dsl::CompileOptions options;
        options.files = &files;
        dsl::SourceManager sources;
        const std::string text = test::read_file(file);
        const auto r = dsl::compile_text(sources, "spec.journey", text, options);
        REQUIRE(r.diagnostics.empty());
        CHECK(dsl::format_spec(r.model, r.comments) == text);
        check_round_trip(text, "spec.journey", &files);
    }
}

TEST_CASE("long statements wrap; lists break one value per line", "[dsl][format]") {
    Journey j;
    j.name = "Wrap";
    Touchpoint t;
    t.id = "t";
    t.owner = "d";
    MatchRule rule;
    Predicate p;
    p.field = EventField::activity;
    p.op = CompareOp::in;
    for (const char* a : {"A rather long activity name", "Another rather long activity name",
                          "A third long activity name"}) {
        p.values.push_back(Literal::string_value(a));
    }
    rule.condition.all.push_back(p);
    t.match.push_back(rule);
    j.touchpoints.push_back(t);
    j.order =
        OrderNode::node(OrderNode::Kind::sequence,
                        {OrderNode::leaf("touchpoint_with_a_long_name_one"),
                         OrderNode::leaf("touchpoint_with_a_long_name_two"),
                         OrderNode::node(OrderNode::Kind::parallel,
                                         {OrderNode::leaf("touchpoint_with_a_long_name_three"),
                                          OrderNode::leaf("t")})});
    CHECK(dsl::format_spec(j) == R"(journey "Wrap" {
  touchpoint t {
    owner d
    match activity in [
      "A rather long activity name",
      "Another rather long activity name",
      "A third long activity name"
    ]
  }

  order touchpoint_with_a_long_name_one
    -> touchpoint_with_a_long_name_two
    -> (touchpoint_with_a_long_name_three & t)
}
)");
}

TEST_CASE("comments stay with their statements", "[dsl][format]") {
    const std::string text = R"(# file header
journey "C" {  # after the brace
  # before starts
  starts at a
  ends at b

  department d  # the desk

  touchpoint a {
    owner d
    # the rule
    match activity = "A"
    # last in a
  }

  touchpoint b {
    owner d
    match activity = "B"
  }  # after b
  # before the end
}
# trailer
)";
    dsl::SourceManager sources;
    const auto r = test::compile_spec(sources, text);
    REQUIRE(r.diagnostics.empty());
    CHECK(dsl::format_spec(r.model, r.comments) == text);
    check_round_trip(text);
    CHECK(r.comments.size() == 9);
    CHECK(r.comments[3] == dsl::SpecComment{"department:d", " the desk", true});
    CHECK(r.comments[4] == dsl::SpecComment{"touchpoint:a/match:0", " the rule", false});
    CHECK(r.comments[5] == dsl::SpecComment{"touchpoint:a/}", " last in a", false});
}

TEST_CASE("a comment whose statement is gone is kept at the end of its block", "[dsl][format]") {
    // 'designed' is the default and is not printed: its comment moves to the block end.
    const std::string text = R"(journey "C" {
  starts at a
  ends at a
  department d
  touchpoint a {
    owner d
    designed  # always there
    match activity = "A"
  }
}
)";
    dsl::SourceManager sources;
    const auto r = test::compile_spec(sources, text);
    REQUIRE(r.diagnostics.empty());
    const std::string printed = dsl::format_spec(r.model, r.comments);
    CHECK(printed == R"(journey "C" {
  starts at a
  ends at a

  department d

  touchpoint a {
    owner d
    match activity = "A"
    # always there
  }
}
)");
    // Formatting the result again changes nothing.
    dsl::SourceManager s2;
    const auto again = test::compile_spec(s2, printed);
    CHECK(dsl::format_spec(again.model, again.comments) == printed);
}

TEST_CASE("round trips: reserved words and odd text as values", "[dsl][format]") {
    check_round_trip(test::minimal_spec(
        "  class odd = channel = start and resource in [first, \"two words\", \"tab\\there\"]\n"
        "  class num = attr n = -0 and attr m in [0.1, 12345678901234.5] and attr \"org:role\" = "
        "and\n"));
}

TEST_CASE("quote escapes what the lexer unescapes", "[dsl][format]") {
    CHECK(dsl::quote("plain") == "\"plain\"");
    CHECK(dsl::quote("a\"b\\c\nd\te") == "\"a\\\"b\\\\c\\nd\\te\"");
}
