#pragma once
// Helpers shared by the journey-dsl tests.

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include <journey/dsl/dsl.hpp>

#include "../test_util.hpp"

namespace journey::test {

// Reads files relative to a directory (the spec's directory in the tests).
class DirectoryFileSystem : public dsl::FileSystem {
public:
    explicit DirectoryFileSystem(std::string dir) : m_dir(std::move(dir)) {}
    std::optional<std::string> read(const std::string& path) override {
        std::ifstream in(path.starts_with("/") ? path : m_dir + "/" + path, std::ios::binary);
        if (!in) {
            return std::nullopt;
        }
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }

private:
    std::string m_dir;
};

// Compiles `text` as "test.journey" and returns the result; `sources` keeps the text.
inline dsl::CompileResult compile_spec(dsl::SourceManager& sources, const std::string& text,
                                       const dsl::CompileOptions& options = {}) {
    return dsl::compile_text(sources, "test.journey", text, options);
}

// Compiles and renders every diagnostic.
inline std::string diagnostics_of(const std::string& text,
                                  const dsl::CompileOptions& options = {}) {
    dsl::SourceManager sources;
    const dsl::CompileResult r = compile_spec(sources, text, options);
    return dsl::render_diagnostics(r.diagnostics, sources);
}

// A valid spec to build on: two touchpoints a -> b owned by department d.
inline std::string minimal_spec(const std::string& inside_journey = {},
                                const std::string& inside_a = {}) {
    return "journey \"J\" {\n"
           "  starts at a\n"
           "  ends at b\n"
           "  department d \"Desk\"\n" +
           inside_journey +
           "  touchpoint a {\n"
           "    owner d\n"
           "    match activity = \"A\"\n" +
           inside_a +
           "  }\n"
           "  touchpoint b {\n"
           "    owner d\n"
           "    match activity = \"B\"\n"
           "  }\n"
           "}\n";
}

} // namespace journey::test
