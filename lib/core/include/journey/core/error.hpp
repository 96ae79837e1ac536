#pragma once
/// @file
/// The exceptions journeykit throws. Failures that stop an operation are reported
/// by these types; row-level data problems go to an ImportReport instead (see
/// journey/core/import_report.hpp), and problems in spec text become diagnostics.

#include <cstdint>
#include <stdexcept>
#include <string>

#include <journey/core/api.hpp>

namespace journey {

/// Root of every exception thrown by journeykit.
class JOURNEY_API error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A file could not be opened, read or written.
class JOURNEY_API io_error : public error {
public:
    io_error(std::string path, const std::string& message)
        : error(path.empty() ? message : path + ": " + message), m_path(std::move(path)) {}
    const std::string& path() const noexcept { return m_path; }

private:
    std::string m_path;
};

/// Input does not follow its format: bad XML, an unbalanced quote, an unparseable
/// timestamp under the `fail` policy. what() reads `path:line:col: message`
/// (line and column are 1-based; 0 means unknown and is left out).
class JOURNEY_API format_error : public error {
public:
    format_error(std::string path, std::uint64_t line, std::uint64_t column,
                 const std::string& message)
        : error(compose(path, line, column, message)), m_path(std::move(path)), m_line(line),
          m_column(column), m_message(message) {}

    const std::string& path() const noexcept { return m_path; }
    std::uint64_t line() const noexcept { return m_line; }
    std::uint64_t column() const noexcept { return m_column; }
    /// The message without the location prefix.
    const std::string& message() const noexcept { return m_message; }

    static std::string compose(const std::string& path, std::uint64_t line,
                               std::uint64_t column, const std::string& message) {
        std::string s = path.empty() ? std::string("<input>") : path;
        if (line > 0) {
            s += ':' + std::to_string(line);
            if (column > 0) {
                s += ':' + std::to_string(column);
            }
        }
        return s + ": " + message;
    }

private:
    std::string m_path;
    std::uint64_t m_line;
    std::uint64_t m_column;
    std::string m_message;
};

/// A caller asked for something that cannot be done: an unknown format name, a
/// column mapping naming a column that does not exist. The CLI maps it to exit code 2.
class JOURNEY_API usage_error : public error {
public:
    using error::error;
};

/// A store (SQLite) operation failed; code() is the SQLite result code.
class JOURNEY_API store_error : public error {
public:
    store_error(int code, const std::string& message) : error(message), m_code(code) {}
    int code() const noexcept { return m_code; }

private:
    int m_code;
};

} // namespace journey
