#pragma once
// Private: byte streams the XES reader pulls from: a memory buffer, a file read in
// chunks, incremental gzip inflation of either, and a prefetching wrapper that runs
// a source in a second thread. None of them holds more than a few MB at a time.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace journey::io::detail {

/// A stream of bytes, read front to back.
///
/// Errors: a source that fails after producing some bytes returns those first and
/// throws on the next call, so a reader sees every good byte before the error.
/// Thread-safety: one thread at a time.
class ByteSource {
public:
    ByteSource() = default;
    ByteSource(const ByteSource&) = delete;
    ByteSource& operator=(const ByteSource&) = delete;
    virtual ~ByteSource() = default;

    /// Copies up to `n` bytes to `dst`. @returns the number copied; 0 only at the end.
    /// @throws journey::io_error, journey::format_error (corrupt gzip data)
    virtual std::size_t read(char* dst, std::size_t n) = 0;

    /// Input bytes consumed so far (compressed bytes for gzip) and their total
    /// (0 when unknown, e.g. a pipe). For progress reports only.
    virtual std::uint64_t input_done() const noexcept = 0;
    virtual std::uint64_t input_total() const noexcept = 0;
};

/// The bytes of `data` (not copied; `data` must outlive the source).
std::unique_ptr<ByteSource> memory_source(std::string_view data);

/// The bytes of a file, read with read(2) in chunks.
/// @throws journey::io_error when it cannot be opened or is a directory.
std::unique_ptr<ByteSource> file_source(const std::string& path);

/// Inflates gzip data (every member) from `compressed`, incrementally. `path` names
/// the input in errors: format_error(path, 0, 0, "invalid gzip data: ...").
std::unique_ptr<ByteSource> gzip_source(std::unique_ptr<ByteSource> compressed,
                                        std::string path);

/// Serves the bytes of `prefix` first, then those of `rest` (used after sniffing the
/// first bytes of a stream).
std::unique_ptr<ByteSource> prefixed_source(std::string prefix, std::unique_ptr<ByteSource> rest);

/// Runs `inner` in a background thread, `chunk` bytes ahead at most twice over.
/// The bytes and errors seen are exactly those of `inner`.
std::unique_ptr<ByteSource> prefetch_source(std::unique_ptr<ByteSource> inner, std::size_t chunk);

/// Reads up to `n` bytes from the front of `source` into a string (to sniff the format).
std::string read_prefix(ByteSource& source, std::size_t n);

} // namespace journey::io::detail
