#include <journey/dsl/diagnostic.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <tuple>

namespace journey::dsl {

std::string_view severity_name(Severity s) noexcept {
    return s == Severity::error ? "error" : "warning";
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) noexcept {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::size_t error_count(const std::vector<Diagnostic>& diagnostics) noexcept {
    return static_cast<std::size_t>(
        std::count_if(diagnostics.begin(), diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
    std::stable_sort(
        diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
            return std::tie(a.range.begin.file, a.range.begin.offset, a.severity, a.code,
                            a.message) < std::tie(b.range.begin.file, b.range.begin.offset,
                                                  b.severity, b.code, b.message);
        });
}

namespace {

constexpr std::size_t max_shown = 72;

std::string location_prefix(const SourceManager& sources, const SourceLocation& at) {
    return sources.name(at.file) + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

// The source line and the caret line under `range`.
void excerpt(std::string& out, const SourceManager& sources, const SourceRange& range) {
    if (range.begin.file >= sources.size()) {
        return;
    }
    const std::string_view line = sources.line_text(range.begin.file, range.begin.line);
    std::size_t caret = range.begin.column - 1;
    caret = std::min(caret, line.size());
    std::size_t width = 1;
    if (range.end.line == range.begin.line && range.end.column > range.begin.column) {
        width = range.end.column - range.begin.column;
    } else if (range.end.line > range.begin.line) {
        width = line.size() > caret ? line.size() - caret : 1;
    }
    // Window of at most 72 bytes that shows the caret.
    std::size_t start = 0;
    if (line.size() > max_shown && caret + 1 > max_shown - 12) {
        start = caret > 30 ? caret - 30 : 0;
    }
    std::string_view shown = line.substr(start, max_shown);
    const bool cut_left = start > 0;
    const bool cut_right = start + shown.size() < line.size();
    char gutter[32];
    std::snprintf(gutter, sizeof gutter, "%5u | ", range.begin.line);
    out += gutter;
    if (cut_left) {
        out += "...";
    }
    out += shown;
    if (cut_right) {
        out += "...";
    }
    out += "\n      | ";
    if (cut_left) {
        out += "   ";
    }
    const std::size_t rel = caret - start;
    for (std::size_t i = 0; i < rel && i < shown.size(); ++i) {
        out += shown[i] == '\t' ? '\t' : ' ';
    }
    const std::size_t room = shown.size() > rel ? shown.size() - rel : 1;
    width = std::max<std::size_t>(1, std::min(width, room));
    out += '^';
    out.append(width - 1, '~');
    out += '\n';
}

std::string lower(std::string_view s) {
    std::string r(s);
    for (char& c : r) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return r;
}

// Optimal string alignment distance: insertions, deletions, substitutions and
// transpositions of neighbours each cost 1 ("salse" is one edit from "sales").
std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    std::vector<std::size_t> d((n + 1) * (m + 1));
    auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * (m + 1) + j]; };
    for (std::size_t i = 0; i <= n; ++i) {
        at(i, 0) = i;
    }
    for (std::size_t j = 0; j <= m; ++j) {
        at(0, j) = j;
    }
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
            }
        }
    }
    return at(n, m);
}

} // namespace

std::string render_diagnostic(const Diagnostic& d, const SourceManager& sources) {
    std::string out;
    if (d.range.begin.file < sources.size()) {
        out += location_prefix(sources, d.range.begin);
        out += ": ";
    }
    out += severity_name(d.severity);
    out += ": ";
    out += d.message;
    out += " [";
    out += d.code;
    out += "]\n";
    excerpt(out, sources, d.range);
    for (const DiagnosticNote& n : d.notes) {
        if (n.range.begin.file < sources.size()) {
            out += location_prefix(sources, n.range.begin);
            out += ": ";
        }
        out += "note: ";
        out += n.message;
        out += '\n';
        excerpt(out, sources, n.range);
    }
    return out;
}

std::string render_diagnostics(const std::vector<Diagnostic>& diagnostics,
                               const SourceManager& sources) {
    std::string out;
    for (const Diagnostic& d : diagnostics) {
        out += render_diagnostic(d, sources);
    }
    return out;
}

std::string closest_name(std::string_view name, const std::vector<std::string>& candidates) {
    if (name.size() > 200) {
        return {};
    }
    const std::string key = lower(name);
    const std::size_t limit = std::max<std::size_t>(1, name.size() / 3);
    std::string best;
    std::size_t best_distance = limit + 1;
    for (const std::string& c : candidates) {
        if (c == name || c.size() > 200) {
            continue;
        }
        const std::size_t d = edit_distance(key, lower(c));
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

} // namespace journey::dsl
