#pragma once
/// @file
/// Source text of specs: a SourceManager owns every buffer (file, stdin, string)
/// under a FileId, so diagnostics render from stored text; FileSystem is how the
/// compiler reads included files (the DSL library itself does no file I/O).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <journey/core/api.hpp>

namespace journey::dsl {

/// Names a buffer in a SourceManager.
using FileId = std::uint32_t;

/// A position in a buffer. `offset` is 0-based in bytes; `line` and `column` are
/// 1-based, and the column counts bytes.
struct SourceLocation {
    FileId file = 0;
    std::uint32_t offset = 0;
    std::uint32_t line = 1;
    std::uint32_t column = 1;
    friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

/// A half-open byte range [begin, end) in one buffer.
struct SourceRange {
    SourceLocation begin;
    SourceLocation end;
    friend bool operator==(const SourceRange&, const SourceRange&) = default;
};

/// Owns source buffers and maps offsets to lines.
///
/// Thread-safety: one thread at a time.
class JOURNEY_API SourceManager {
public:
    /// Stores a buffer under a display name (a path, "<stdin>", "<string>").
    FileId add(std::string name, std::string text);

    std::size_t size() const noexcept { return m_files.size(); }
    const std::string& name(FileId id) const { return m_files.at(id).name; }
    const std::string& text(FileId id) const { return m_files.at(id).text; }

    /// The location of a byte offset (clamped to the buffer end).
    SourceLocation location(FileId id, std::uint32_t offset) const;
    /// The text of a 1-based line, without its line break.
    std::string_view line_text(FileId id, std::uint32_t line) const;

private:
    struct File {
        std::string name;
        std::string text;
        std::vector<std::uint32_t> line_starts;
    };
    std::vector<File> m_files;
};

/// How the compiler reads files named by a spec (holiday lists). Paths are as the
/// spec writes them, joined to the including file's directory (see join_path()).
class JOURNEY_API FileSystem {
public:
    virtual ~FileSystem() = default;
    /// The whole file, or nullopt when it cannot be read.
    virtual std::optional<std::string> read(const std::string& path) = 0;
};

/// A FileSystem over an in-memory map of path → content (for tests and embedding).
class JOURNEY_API MemoryFileSystem : public FileSystem {
public:
    void add(std::string path, std::string content) {
        m_files[std::move(path)] = std::move(content);
    }
    std::optional<std::string> read(const std::string& path) override;

private:
    std::map<std::string, std::string> m_files;
};

/// `relative` resolved against the directory of `including_file` ("specs/a.journey" +
/// "uk.txt" → "specs/uk.txt"). Absolute paths and names without a directory part are
/// returned unchanged.
JOURNEY_API std::string join_path(std::string_view including_file, std::string_view relative);

} // namespace journey::dsl
