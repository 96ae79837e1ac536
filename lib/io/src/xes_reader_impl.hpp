#pragma once
// Private: the XES reader over any byte source, with the size of its first window
// as a parameter (tests and the fuzzer use tiny windows to exercise refills).

#include <cstddef>
#include <string>

#include <journey/io/read_options.hpp>

#include "xes_source.hpp"

namespace journey::io::detail {

/// Bytes of (uncompressed) XES held in the reader's window at first; the window
/// grows when one trace does not fit in half of it.
inline constexpr std::size_t xes_default_window = std::size_t{8} << 20;

/// Reads XES from `source` (already decompressed). `path` is used in messages only.
ReadResult read_xes_stream(ByteSource& source, const ReadOptions& options,
                           const std::string& path, std::size_t window = xes_default_window);

} // namespace journey::io::detail
