#include "input_file.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <journey/core/error.hpp>

namespace journey::io::detail {

InputFile::InputFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw io_error(path, std::strerror(errno));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int e = errno;
        ::close(fd);
        throw io_error(path, std::strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        ::close(fd);
        throw io_error(path, "is a directory");
    }
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        m_size = static_cast<std::size_t>(st.st_size);
        void* p = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p != MAP_FAILED) {
            ::madvise(p, m_size, MADV_SEQUENTIAL | MADV_WILLNEED);
            m_map = p;
            m_data = static_cast<const char*>(p);
            ::close(fd);
            return;
        }
    }
    // Pipes, empty files, or mmap refused: read it.
    char buf[1 << 16];
    while (true) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            const int e = errno;
            ::close(fd);
            throw io_error(path, std::strerror(e));
        }
        if (n == 0) {
            break;
        }
        m_buffer.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    m_data = m_buffer.data();
    m_size = m_buffer.size();
}

InputFile::~InputFile() {
    if (m_map != nullptr) {
        ::munmap(m_map, m_size);
    }
}

std::string gunzip(std::string_view data, const std::string& path) {
    std::string out;
    z_stream zs{};
    // 16 + MAX_WBITS: gzip wrapper only.
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
        throw format_error(path, 0, 0, "cannot initialise gzip decoder");
    }
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    out.resize(data.size() * 4 + 4096);
    std::size_t produced = 0;
    while (true) {
        if (produced == out.size()) {
            out.resize(out.size() * 2);
        }
        zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
        zs.avail_out = static_cast<uInt>(out.size() - produced);
        const int rc = inflate(&zs, Z_NO_FLUSH);
        produced = out.size() - zs.avail_out;
        if (rc == Z_STREAM_END) {
            if (zs.avail_in == 0) {
                break;
            }
            // Another gzip member follows.
            if (inflateReset(&zs) != Z_OK) {
                break;
            }
            continue;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            const std::string msg = zs.msg != nullptr ? zs.msg : "corrupt data";
            inflateEnd(&zs);
            throw format_error(path, 0, 0, "invalid gzip data: " + msg);
        }
        if (rc == Z_BUF_ERROR && zs.avail_in == 0 && zs.avail_out != 0) {
            inflateEnd(&zs);
            throw format_error(path, 0, 0, "invalid gzip data: truncated stream");
        }
    }
    inflateEnd(&zs);
    out.resize(produced);
    return out;
}

} // namespace journey::io::detail
