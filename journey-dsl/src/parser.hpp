#pragma once
// The parser of the journey DSL (private to journey::dsl): text → model, plus the
// source positions the checker needs to point its diagnostics at.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <journey/core/model.hpp>
#include <journey/dsl/compile.hpp>
#include <journey/dsl/diagnostic.hpp>
#include <journey/dsl/source.hpp>

namespace journey::dsl::detail {

enum class DeclKind : std::uint8_t {
    calendar,
    department,
    stage,
    touchpoint,
    event_class,
    object_type,
    segment,
    outcome,
    kpi, // scope = touchpoint id
    sla, // scope = touchpoint id
};

// "calendar", "department", ..., "event class", "object type", ...
std::string_view decl_kind_name(DeclKind k) noexcept;
// "duplicate-calendar", ...
std::string duplicate_code(DeclKind k);

// A definition: its kind, name, where the name is, and its index in the model's
// vector of that kind (per touchpoint for kpi/sla).
struct Decl {
    DeclKind kind = DeclKind::touchpoint;
    std::string name;
    SourceRange range;
    std::string scope;
    std::size_t index = 0;
};

// A use of a name that must resolve to a definition of `kind`.
struct Ref {
    DeclKind kind = DeclKind::touchpoint;
    std::string name;
    SourceRange range;
};

struct RegexSite {
    std::string pattern;
    bool icase = false;
    SourceRange range; // the whole /.../ token
};

struct MatchSite {
    std::size_t touchpoint = 0;
    std::size_t rule = 0;
    SourceRange range; // the 'match' keyword .. end of the condition
};

struct ClassRuleSite {
    std::size_t event_class = 0;
    std::size_t rule = 0;
    SourceRange range;
};

struct SlaSite {
    std::size_t touchpoint = 0;
    std::size_t sla = 0;
    SourceRange range; // the 'sla' keyword
};

struct IncludeSite {
    std::size_t calendar = 0;
    std::size_t file = 0; // index into Calendar::holiday_files
    SourceRange range;    // the path string
};

struct ZoneSite {
    std::size_t calendar = 0;
    SourceRange range;
};

struct HoursSite {
    std::size_t calendar = 0;
    std::size_t line = 0; // index into Calendar::hours
    SourceRange range;
};

struct LaneSite {
    std::size_t department = 0;
    SourceRange range;
};

struct OrderLeafSite {
    std::string touchpoint;
    SourceRange range;
};

struct ParsedSpec {
    Journey model;
    std::vector<SpecComment> comments;
    bool has_journey = false;
    SourceRange journey_range; // the 'journey' keyword
    std::optional<SourceRange> starts_range;
    std::optional<SourceRange> ends_range;
    std::optional<SourceRange> order_range;
    std::vector<Decl> decls;
    std::vector<Ref> refs;
    std::vector<RegexSite> regexes;
    std::vector<MatchSite> matches;
    std::vector<ClassRuleSite> class_rules;
    std::vector<SlaSite> slas;
    std::vector<IncludeSite> includes;
    std::vector<ZoneSite> zones;
    std::vector<HoursSite> hours;
    std::vector<LaneSite> lanes;
    std::vector<OrderLeafSite> order_leaves;
};

// Parses `file`; syntax errors go to `diags`. Stops after `max_errors` errors.
ParsedSpec parse(const SourceManager& sources, FileId file, std::vector<Diagnostic>& diags,
                 std::size_t max_errors);

// Words that cannot name a definition.
bool is_reserved(std::string_view word) noexcept;

} // namespace journey::dsl::detail
