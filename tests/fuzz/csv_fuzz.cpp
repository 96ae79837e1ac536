// libFuzzer harness for the CSV reader and writer.
//
// Any input: read_csv under the skip policy either succeeds or throws a
// journey::error, and never crashes. When it succeeds, the log must survive
// write_csv -> read_csv unchanged, which checks the writer's quoting and type hints
// against the reader's inference.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string_view>

#include <journey/core/error.hpp>
#include <journey/io/csv.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    journey::io::ReadOptions options;
    options.on_bad_record = journey::BadRecordPolicy::skip;
    options.threads = 1;
    journey::io::ReadResult first;
    try {
        first = journey::io::read_csv(text, options, "fuzz.csv");
    } catch (const journey::error&) {
        return 0;
    }
    std::ostringstream out;
    journey::io::write_csv(first.log, out);
    journey::io::ReadResult second;
    try {
        second = journey::io::read_csv(out.str(), options, "written.csv");
    } catch (const journey::error&) {
        std::abort(); // what the writer wrote must read
    }
    if (!(second.log == first.log) || second.report.rejected != 0) {
        std::abort();
    }
    return 0;
}
