// The journey model (journey/core/model.hpp): a spec built in code, and its queries.

#include <catch2/catch.hpp>

#include <journey/core/model.hpp>

using namespace journey;

namespace {

Journey sample() {
    Journey j;
    j.name = "In code";
    Calendar office;
    office.id = "office";
    office.hours.push_back({{{Weekday::mon, Weekday::fri}}, {{540, 1020}}});
    j.calendars.push_back(office);
    j.departments.push_back({"ops", "Operations", 2, "#112233", "office", false});
    j.departments.push_back({"field", "Field", 0, "", "", true});
    j.departments.push_back({"sales", "Sales", 1, "", "", false});
    j.stages.push_back({"one", "One", {}});
    j.stages.push_back({"two", "Two", {}});
    j.stages.push_back({"three", "Three", {"one"}});
    Touchpoint a;
    a.id = "a";
    a.stage = "one";
    a.owner = "ops";
    Sla own;
    own.within = {2, DurationUnit::working_days};
    own.basis = TimeBasis::business;
    a.slas.push_back(own);
    Sla other = own;
    other.calendar = "office";
    a.slas.push_back(other);
    j.touchpoints.push_back(a);
    Touchpoint b;
    b.id = "b";
    b.stage = "two";
    b.owner = "field";
    b.designed = false;
    b.slas.push_back(own);
    j.touchpoints.push_back(b);
    Touchpoint c;
    c.id = "c";
    c.stage = "two";
    c.owner = "sales";
    j.touchpoints.push_back(c);
    j.classes.push_back({"fd", "", ClassRole::failure_demand, {}});
    j.classes.push_back({"x", "", ClassRole::none, {}});
    j.classes.push_back({"fd2", "", ClassRole::failure_demand, {}});
    return j;
}

} // namespace

TEST_CASE("model: find by id, indices and derived orders", "[core][model]") {
    const Journey j = sample();
    REQUIRE(j.find_touchpoint("b") != nullptr);
    CHECK(j.find_touchpoint("b")->owner == "field");
    CHECK(j.find_touchpoint("zz") == nullptr);
    CHECK(j.find_department("sales")->lane == 1);
    CHECK(j.find_calendar("office") != nullptr);
    CHECK(j.find_stage("three")->after == std::vector<std::string>{"one"});
    CHECK(j.find_class("x")->role == ClassRole::none);
    CHECK(j.find_object_type("bill") == nullptr);
    CHECK(j.find_segment("s") == nullptr);
    CHECK(j.find_outcome("o") == nullptr);
    CHECK(j.touchpoint_index("c") == 2);
    CHECK(j.touchpoint_index("zz") == Journey::npos);
    CHECK(j.department_index("field") == 1);
    CHECK(j.class_index("fd2") == 2);
    CHECK(j.touchpoints_in_stage("two") == std::vector<std::size_t>{1, 2});
    CHECK(j.classes_with_role(ClassRole::failure_demand) == std::vector<std::size_t>{0, 2});
    CHECK(j.stage_predecessors(0).empty());
    CHECK(j.stage_predecessors(1) == std::vector<std::string>{"one"});
    CHECK(j.stage_predecessors(2) == std::vector<std::string>{"one"});
    CHECK(j.stage_predecessors(9).empty());
    // Lanes: 1 (sales), 2 (ops), then unset lanes in the order written.
    CHECK(j.departments_by_lane() == std::vector<std::size_t>{2, 0, 1});
    const Touchpoint& a = j.touchpoints[0];
    CHECK(j.sla_calendar(a, a.slas[0])->id == "office"); // the owner's calendar
    CHECK(j.sla_calendar(a, a.slas[1])->id == "office"); // its own
    CHECK(j.sla_calendar(j.touchpoints[1], j.touchpoints[1].slas[0]) == nullptr);
    // Default designed order: the designed touchpoints in sequence.
    const auto order = j.designed_order();
    REQUIRE(order);
    CHECK(*order ==
          OrderNode::node(OrderNode::Kind::sequence, {OrderNode::leaf("a"), OrderNode::leaf("c")}));
    Journey one;
    one.touchpoints.push_back(a);
    CHECK(*one.designed_order() == OrderNode::leaf("a"));
    CHECK_FALSE(Journey{}.designed_order());
}

TEST_CASE("model: values compare by content", "[core][model]") {
    const Journey a = sample();
    Journey b = sample();
    CHECK(a == b);
    b.touchpoints[2].channels.push_back("web");
    CHECK_FALSE(a == b);
    Journey c = a;
    CHECK(c == a);
}

TEST_CASE("model: thresholds give a status", "[core][model]") {
    const Thresholds t{90, 75};
    CHECK(t.status(0.95) == Thresholds::Status::green);
    CHECK(t.status(0.90) == Thresholds::Status::green);
    CHECK(t.status(0.80) == Thresholds::Status::amber);
    CHECK(t.status(0.70) == Thresholds::Status::red);
    CHECK(Thresholds{90, std::nullopt}.status(0.8) == Thresholds::Status::red);
    CHECK(status_name(Thresholds::Status::amber) == "amber");
}

TEST_CASE("model: names of fields, operators and roles", "[core][model]") {
    CHECK(field_name(EventField::attribute) == "attr");
    CHECK(field_name(EventField::lifecycle) == "lifecycle");
    CHECK(op_text(CompareOp::not_in) == "not in");
    CHECK(op_text(CompareOp::not_matches) == "!~");
    CHECK(role_name(ClassRole::return_) == "return");
    CHECK(parse_role("data_request") == ClassRole::data_request);
    CHECK_FALSE(parse_role("returns"));
    for (int r = 0; r <= static_cast<int>(ClassRole::batch); ++r) {
        const auto role = static_cast<ClassRole>(r);
        CHECK(parse_role(role_name(role)) == role);
    }
}

TEST_CASE("model: literals", "[core][model]") {
    CHECK(Literal::number_value(2.5).text == "2.5");
    CHECK(Literal::number_value(-7).text == "-7");
    CHECK(Literal::number_value(1e20).text == "100000000000000000000");
    CHECK(Literal::boolean(false).text == "false");
    CHECK(Literal::duration_value({45, DurationUnit::days}).text == "45d");
    CHECK(Literal::regex("a|b", true).icase);
    CHECK(Literal::identifier("web") != Literal::string_value("web"));
    const OrderNode tree = OrderNode::node(
        OrderNode::Kind::sequence,
        {OrderNode::leaf("x"), OrderNode::node(OrderNode::Kind::optional, {OrderNode::leaf("y")})});
    CHECK(tree.touchpoints() == std::vector<std::string>{"x", "y"});
    ObjectType o{"bill", "", ObjectNaming::link, ""};
    CHECK(o.effective_key() == "bill");
    o.key = "Invoice";
    CHECK(o.effective_key() == "Invoice");
}

TEST_CASE("designed steps follow sequences, skip optional parts, never join parallel branches",
          "[core][model]") {
    using K = OrderNode::Kind;
    // T1 -> (T2 & T3) -> T4? -> T5
    const OrderNode order = OrderNode::node(
        K::sequence,
        {OrderNode::leaf("T1"),
         OrderNode::node(K::parallel, {OrderNode::leaf("T2"), OrderNode::leaf("T3")}),
         OrderNode::node(K::optional, {OrderNode::leaf("T4")}), OrderNode::leaf("T5")});
    using Step = std::pair<std::string, std::string>;
    CHECK(order.designed_steps() == std::vector<Step>{{"T1", "T2"},
                                                      {"T1", "T3"},
                                                      {"T2", "T4"},
                                                      {"T3", "T4"},
                                                      {"T2", "T5"},
                                                      {"T3", "T5"},
                                                      {"T4", "T5"}});
    // A choice: either branch; a lone touchpoint has no steps.
    const OrderNode choice = OrderNode::node(
        K::sequence, {OrderNode::node(K::choice, {OrderNode::leaf("a"), OrderNode::leaf("b")}),
                      OrderNode::leaf("c")});
    CHECK(choice.designed_steps() == std::vector<Step>{{"a", "c"}, {"b", "c"}});
    CHECK(OrderNode::leaf("a").designed_steps().empty());
}
