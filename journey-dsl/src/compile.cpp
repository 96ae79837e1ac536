#include <journey/dsl/compile.hpp>

#include <algorithm>

#include "checker.hpp"
#include "parser.hpp"

namespace journey::dsl {

namespace {

// Applies the options: drops disabled warnings, promotes warnings, caps errors.
void finish(std::vector<Diagnostic>& diags, const CompileOptions& options) {
    std::erase_if(diags, [&](const Diagnostic& d) {
        return d.severity == Severity::warning && options.disabled_warnings.count(d.code) > 0;
    });
    if (options.warnings_as_errors) {
        for (Diagnostic& d : diags) {
            d.severity = Severity::error;
        }
    }
    sort_diagnostics(diags);
    std::size_t errors = 0;
    for (std::size_t i = 0; i < diags.size(); ++i) {
        if (diags[i].severity != Severity::error) {
            continue;
        }
        if (++errors > options.max_errors) {
            Diagnostic stop;
            stop.severity = Severity::error;
            stop.code = "too-many-errors";
            stop.message = "too many errors (more than " + std::to_string(options.max_errors) +
                           "); stopping here";
            stop.range = diags[i].range;
            diags.resize(i);
            diags.push_back(std::move(stop));
            return;
        }
    }
}

} // namespace

CompileResult compile(SourceManager& sources, FileId file, const CompileOptions& options) {
    CompileResult result;
    const std::size_t cap = std::max<std::size_t>(options.max_errors, 1);
    detail::ParsedSpec spec = detail::parse(sources, file, result.diagnostics, cap);
    if (error_count(result.diagnostics) <= cap) {
        detail::check(spec, sources, file, options, result.diagnostics);
    }
    finish(result.diagnostics, options);
    result.model = std::move(spec.model);
    result.comments = std::move(spec.comments);
    return result;
}

CompileResult compile_text(SourceManager& sources, std::string name, std::string text,
                           const CompileOptions& options) {
    const FileId id = sources.add(std::move(name), std::move(text));
    return compile(sources, id, options);
}

const std::vector<std::string>& diagnostic_codes() {
    static const std::vector<std::string> codes = [] {
        std::vector<std::string> c{
            // lexer
            "bad-character", "unterminated-string", "bad-escape", "unterminated-regex", "bad-time",
            "bad-date", "bad-number", "bad-duration",
            // parser
            "syntax-error", "unknown-statement", "missing-journey", "extra-journey",
            "reserved-name", "duplicate-setting", "bad-percentage", "bad-thresholds",
            "type-mismatch", "bad-hours", "bad-color", "unknown-role", "unknown-field",
            "unknown-measure", "touchpoint-in-match", "bad-operator", "ambiguous-order",
            // checker
            "duplicate-calendar", "duplicate-department", "duplicate-stage", "duplicate-touchpoint",
            "duplicate-class", "duplicate-object", "duplicate-segment", "duplicate-outcome",
            "duplicate-kpi", "duplicate-sla", "unknown-calendar", "unknown-department",
            "unknown-stage", "unknown-touchpoint", "unknown-class", "unknown-object",
            "missing-milestone", "missing-owner", "stage-cycle", "unreachable-end",
            "sla-without-stop", "needs-calendar", "overlapping-match", "bad-regex",
            "unknown-timezone", "include-not-found", "bad-holiday", "duplicate-in-order",
            "too-many-errors",
            // warnings
            "no-match-rule", "unordered-touchpoint", "adhoc-in-order", "overlapping-hours",
            "duplicate-lane"};
        std::sort(c.begin(), c.end());
        return c;
    }();
    return codes;
}

const std::vector<std::string>& warning_codes() {
    static const std::vector<std::string> codes{"adhoc-in-order", "duplicate-lane", "no-match-rule",
                                                "overlapping-hours", "unordered-touchpoint"};
    return codes;
}

} // namespace journey::dsl
