#include <journey/dsl/source.hpp>

#include <algorithm>

namespace journey::dsl {

FileId SourceManager::add(std::string name, std::string text) {
    File f;
    f.name = std::move(name);
    f.text = std::move(text);
    f.line_starts.push_back(0);
    for (std::size_t i = 0; i < f.text.size(); ++i) {
        if (f.text[i] == '\n') {
            f.line_starts.push_back(static_cast<std::uint32_t>(i + 1));
        }
    }
    m_files.push_back(std::move(f));
    return static_cast<FileId>(m_files.size() - 1);
}

SourceLocation SourceManager::location(FileId id, std::uint32_t offset) const {
    const File& f = m_files.at(id);
    offset = std::min(offset, static_cast<std::uint32_t>(f.text.size()));
    const auto it = std::upper_bound(f.line_starts.begin(), f.line_starts.end(), offset);
    const auto line = static_cast<std::uint32_t>(it - f.line_starts.begin());
    const std::uint32_t start = f.line_starts[line - 1];
    return SourceLocation{id, offset, line, offset - start + 1};
}

std::string_view SourceManager::line_text(FileId id, std::uint32_t line) const {
    const File& f = m_files.at(id);
    if (line == 0 || line > f.line_starts.size()) {
        return {};
    }
    const std::size_t start = f.line_starts[line - 1];
    std::size_t end = line < f.line_starts.size() ? f.line_starts[line] - 1 : f.text.size();
    if (end > start && f.text[end - 1] == '\r') {
        --end;
    }
    return std::string_view(f.text).substr(start, end - start);
}

std::optional<std::string> MemoryFileSystem::read(const std::string& path) {
    const auto it = m_files.find(path);
    if (it == m_files.end()) {
        return std::nullopt;
    }
    return it->second;
}

std::string join_path(std::string_view including_file, std::string_view relative) {
    if (relative.empty() || relative.front() == '/') {
        return std::string(relative);
    }
    const auto slash = including_file.find_last_of('/');
    if (slash == std::string_view::npos) {
        return std::string(relative);
    }
    return std::string(including_file.substr(0, slash + 1)) + std::string(relative);
}

} // namespace journey::dsl
