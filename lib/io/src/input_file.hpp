#pragma once
// Private: read-only access to an input file's bytes.

#include <cstddef>
#include <string>
#include <string_view>

namespace journey::io::detail {

/// A file mapped into memory (or read, for non-regular files such as pipes).
/// @throws journey::io_error when it cannot be opened or read.
class InputFile {
public:
    explicit InputFile(const std::string& path);
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;
    ~InputFile();

    std::string_view data() const noexcept { return {m_data, m_size}; }

private:
    const char* m_data = nullptr;
    std::size_t m_size = 0;
    void* m_map = nullptr;
    std::string m_buffer;
};

/// True when the bytes start with the gzip magic number.
inline bool is_gzip(std::string_view data) noexcept {
    return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
           static_cast<unsigned char>(data[1]) == 0x8b;
}

/// Inflates gzip data (all members). @throws journey::format_error on corrupt data.
std::string gunzip(std::string_view data, const std::string& path);

} // namespace journey::io::detail
