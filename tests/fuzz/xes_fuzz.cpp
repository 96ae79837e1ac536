// libFuzzer harness for the XES reader and writer.
//
// Input: one control byte, then the XES bytes (plain or gzip). The control byte
// picks the reader's first window size (1..256 bytes, so refills happen everywhere)
// and the bad-record policy. Checked properties, beyond "no crash, no sanitizer
// report, only journey::error escapes":
// - the result (log, report or error message) does not depend on the window size;
// - a log read successfully is written and read back to an equal EventLog (to the
//   same XES text when the writer had to add the standard extensions).

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include <journey/core/error.hpp>
#include <journey/io/xes.hpp>

#include "input_file.hpp"
#include "xes_reader_impl.hpp"
#include "xes_source.hpp"

namespace {

using namespace journey;

struct Outcome {
    bool ok = false;
    std::string error;
    io::ReadResult result;
};

Outcome read(std::string_view data, const io::ReadOptions& options, std::size_t window) {
    Outcome o;
    try {
        std::unique_ptr<io::detail::ByteSource> src = io::detail::memory_source(data);
        if (io::detail::is_gzip(data)) {
            src = io::detail::gzip_source(std::move(src), "fuzz.xes");
        }
        o.result = io::detail::read_xes_stream(*src, options, "fuzz.xes", window);
        o.ok = true;
    } catch (const error& e) {
        o.error = e.what();
    }
    return o;
}

std::string to_xes(const EventLog& log) {
    std::ostringstream out;
    io::write_xes(log, out);
    return out.str();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::uint8_t control = data[0];
    const std::string_view xes(reinterpret_cast<const char*>(data + 1), size - 1);
    io::ReadOptions options;
    options.on_bad_record = (control & 0x80) != 0 ? BadRecordPolicy::fail : BadRecordPolicy::skip;
    options.threads = 1;

    const Outcome small = read(xes, options, 1 + (control & 0x7F) * 2);
    const Outcome big = read(xes, options, io::detail::xes_default_window);
    if (small.ok != big.ok || small.error != big.error) {
        __builtin_trap();
    }
    if (!big.ok) {
        return 0;
    }
    if (!(small.result.log == big.result.log) ||
        small.result.report.rejects != big.result.report.rejects ||
        small.result.report.warnings != big.result.report.warnings) {
        __builtin_trap();
    }

    const std::string text = to_xes(big.result.log); // must not throw for a log the reader built
    const Outcome again = read(text, {}, io::detail::xes_default_window);
    if (!again.ok) {
        __builtin_trap();
    }
    if (big.result.log.meta().extensions.empty()) {
        // The writer declared the standard extensions, so the metadata differs by
        // them; everything else must survive, which the same text shows.
        if (to_xes(again.result.log) != text) {
            __builtin_trap();
        }
    } else if (!(again.result.log == big.result.log)) {
        __builtin_trap();
    }
    return 0;
}
