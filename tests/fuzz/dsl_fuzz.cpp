// libFuzzer harness for the journey DSL: lex, parse, check, render diagnostics, and
// for specs without errors also format, re-parse (the model must be equal and printing
// idempotent) and bind a small log. Any crash, hang, leak or broken round trip is a bug.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <journey/core/binding.hpp>
#include <journey/core/event_log_builder.hpp>
#include <journey/dsl/dsl.hpp>

namespace {

const journey::EventLog& sample_log() {
    static const journey::EventLog log = [] {
        journey::EventLogBuilder b;
        const auto reason = b.event_attribute("reason", journey::AttrType::string);
        const auto amount = b.event_attribute("amount", journey::AttrType::integer);
        const char* activities[] = {"Call answered",
                                    "Read received",
                                    "Read estimated",
                                    "Final bill issued",
                                    "Order created",
                                    "A",
                                    "B"};
        std::int64_t t = 0;
        for (const char* a : activities) {
            journey::EventFields f;
            f.activity = b.activities().insert(a);
            f.channel = b.channels().insert("web");
            f.timestamp = ++t * 1000000;
            b.add_event("c1", f);
            b.set_string(reason, "move");
            b.set(amount, t);
            b.add_object("bill", "B1");
        }
        return b.finish();
    }();
    return log;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace journey;
    const std::string text(reinterpret_cast<const char*>(data), size);
    dsl::MemoryFileSystem files;
    files.add("holidays.txt", "# days\n2026-01-01 New Year\nnot-a-date\n");
    dsl::CompileOptions options;
    options.files = &files;
    dsl::SourceManager sources;
    const dsl::CompileResult r = dsl::compile_text(sources, "fuzz.journey", text, options);
    const std::string rendered = dsl::render_diagnostics(r.diagnostics, sources);
    if (r.diagnostics.empty() != rendered.empty()) {
        std::abort();
    }
    if (r.has_errors()) {
        return 0;
    }
    const std::string printed = dsl::format_spec(r.model, r.comments);
    dsl::SourceManager again;
    const dsl::CompileResult r2 = dsl::compile_text(again, "fuzz.journey", printed, options);
    if (r2.has_errors() || !(r2.model == r.model)) {
        std::abort(); // parse -> print -> parse must be the identity
    }
    if (dsl::format_spec(r2.model, r2.comments) != printed) {
        std::abort(); // printing must be idempotent
    }
    const Binding b = bind(r.model, sample_log());
    if (b.bound_events + b.class_only_events + b.unmatched_events != b.events) {
        std::abort();
    }
    return 0;
}
