#include "xes_source.hpp"

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <journey/core/error.hpp>

namespace journey::io::detail {

namespace {

class MemorySource final : public ByteSource {
public:
    explicit MemorySource(std::string_view data) : m_data(data) {}

    std::size_t read(char* dst, std::size_t n) override {
        const std::size_t k = std::min(n, m_data.size() - m_pos);
        std::memcpy(dst, m_data.data() + m_pos, k);
        m_pos += k;
        return k;
    }
    std::uint64_t input_done() const noexcept override { return m_pos; }
    std::uint64_t input_total() const noexcept override { return m_data.size(); }

private:
    std::string_view m_data;
    std::size_t m_pos = 0;
};

class FileSource final : public ByteSource {
public:
    explicit FileSource(const std::string& path) : m_path(path) {
        m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0) {
            throw io_error(path, std::strerror(errno));
        }
        struct stat st {};
        if (::fstat(m_fd, &st) != 0) {
            const int e = errno;
            ::close(m_fd);
            throw io_error(path, std::strerror(e));
        }
        if (S_ISDIR(st.st_mode)) {
            ::close(m_fd);
            throw io_error(path, "is a directory");
        }
        if (S_ISREG(st.st_mode)) {
            m_total = static_cast<std::uint64_t>(st.st_size);
            ::posix_fadvise(m_fd, 0, 0, POSIX_FADV_SEQUENTIAL);
        }
    }
    ~FileSource() override { ::close(m_fd); }

    std::size_t read(char* dst, std::size_t n) override {
        std::size_t got = 0;
        while (got < n) {
            const ssize_t r = ::read(m_fd, dst + got, n - got);
            if (r < 0) {
                if (errno == EINTR) {
                    continue;
                }
                if (got > 0) {
                    break; // the error comes back on the next call
                }
                throw io_error(m_path, std::strerror(errno));
            }
            if (r == 0) {
                break;
            }
            got += static_cast<std::size_t>(r);
        }
        m_done += got;
        return got;
    }
    std::uint64_t input_done() const noexcept override { return m_done; }
    std::uint64_t input_total() const noexcept override { return m_total; }

private:
    std::string m_path;
    int m_fd = -1;
    std::uint64_t m_done = 0;
    std::uint64_t m_total = 0;
};

class PrefixedSource final : public ByteSource {
public:
    PrefixedSource(std::string prefix, std::unique_ptr<ByteSource> rest)
        : m_prefix(std::move(prefix)), m_rest(std::move(rest)) {}

    std::size_t read(char* dst, std::size_t n) override {
        if (m_pos < m_prefix.size()) {
            const std::size_t k = std::min(n, m_prefix.size() - m_pos);
            std::memcpy(dst, m_prefix.data() + m_pos, k);
            m_pos += k;
            return k;
        }
        return m_rest->read(dst, n);
    }
    std::uint64_t input_done() const noexcept override { return m_rest->input_done(); }
    std::uint64_t input_total() const noexcept override { return m_rest->input_total(); }

private:
    std::string m_prefix;
    std::size_t m_pos = 0;
    std::unique_ptr<ByteSource> m_rest;
};

class GzipSource final : public ByteSource {
public:
    GzipSource(std::unique_ptr<ByteSource> in, std::string path)
        : m_in(std::move(in)), m_path(std::move(path)), m_inbuf(in_chunk) {
        // 16 + MAX_WBITS: gzip wrapper only.
        if (inflateInit2(&m_zs, 16 + MAX_WBITS) != Z_OK) {
            throw format_error(m_path, 0, 0, "cannot initialise gzip decoder");
        }
    }
    ~GzipSource() override { inflateEnd(&m_zs); }

    std::size_t read(char* dst, std::size_t n) override {
        if (m_error) {
            std::rethrow_exception(m_error);
        }
        std::size_t produced = 0;
        try {
            inflate_into(dst, n, produced);
        } catch (...) {
            if (produced == 0) {
                throw;
            }
            m_error = std::current_exception(); // after the good bytes, on the next call
        }
        return produced;
    }
    std::uint64_t input_done() const noexcept override { return m_in->input_done(); }
    std::uint64_t input_total() const noexcept override { return m_in->input_total(); }

private:
    static constexpr std::size_t in_chunk = 1u << 18;

    bool fill_input() {
        if (m_zs.avail_in == 0 && !m_in_eof) {
            const std::size_t k = m_in->read(m_inbuf.data(), m_inbuf.size());
            if (k == 0) {
                m_in_eof = true;
            }
            m_zs.next_in = reinterpret_cast<Bytef*>(m_inbuf.data());
            m_zs.avail_in = static_cast<uInt>(k);
        }
        return m_zs.avail_in > 0;
    }

    [[noreturn]] void fail(const std::string& what) {
        throw format_error(m_path, 0, 0, "invalid gzip data: " + what);
    }

    // Inflates into dst, counting the bytes written in `produced` as it goes.
    void inflate_into(char* dst, std::size_t n, std::size_t& produced) {
        while (produced < n && !m_done) {
            const bool have_input = fill_input();
            if (m_member_ended) {
                if (!have_input) {
                    m_done = true;
                    break;
                }
                // Another gzip member follows.
                if (inflateReset(&m_zs) != Z_OK) {
                    fail("cannot reset decoder");
                }
                m_member_ended = false;
            }
            m_zs.next_out = reinterpret_cast<Bytef*>(dst + produced);
            m_zs.avail_out = static_cast<uInt>(n - produced);
            const int rc = inflate(&m_zs, Z_NO_FLUSH);
            produced = n - m_zs.avail_out;
            if (rc == Z_STREAM_END) {
                m_member_ended = true;
            } else if (rc == Z_BUF_ERROR) {
                if (!have_input && m_in_eof) {
                    fail("truncated stream");
                }
            } else if (rc != Z_OK) {
                fail(m_zs.msg != nullptr ? m_zs.msg : "corrupt data");
            }
        }
    }

    std::unique_ptr<ByteSource> m_in;
    std::string m_path;
    std::vector<char> m_inbuf;
    z_stream m_zs{};
    bool m_in_eof = false;
    bool m_member_ended = false;
    bool m_done = false;
    std::exception_ptr m_error;
};

class PrefetchSource final : public ByteSource {
public:
    PrefetchSource(std::unique_ptr<ByteSource> inner, std::size_t chunk)
        : m_inner(std::move(inner)), m_chunk(chunk), m_total(m_inner->input_total()) {
        m_thread = std::thread([this] { produce(); });
    }
    ~PrefetchSource() override {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_cv.notify_all();
        m_thread.join();
    }

    std::size_t read(char* dst, std::size_t n) override {
        std::size_t got = 0;
        while (got < n) {
            if (m_cur_pos == m_cur.size()) {
                std::unique_lock<std::mutex> lock(m_mutex);
                if (got > 0 && m_ready.empty()) {
                    break; // hand out what we have rather than wait
                }
                m_cv.wait(lock, [this] { return !m_ready.empty() || m_finished; });
                if (m_ready.empty()) {
                    lock.unlock();
                    if (m_error && got == 0) {
                        std::rethrow_exception(m_error);
                    }
                    break;
                }
                Chunk c = std::move(m_ready.front());
                m_ready.pop_front();
                m_done = c.done;
                lock.unlock();
                m_cv.notify_all();
                m_cur = std::move(c.bytes);
                m_cur_pos = 0;
                continue;
            }
            const std::size_t k = std::min(n - got, m_cur.size() - m_cur_pos);
            std::memcpy(dst + got, m_cur.data() + m_cur_pos, k);
            m_cur_pos += k;
            got += k;
        }
        return got;
    }
    std::uint64_t input_done() const noexcept override { return m_done; }
    std::uint64_t input_total() const noexcept override { return m_total; }

private:
    struct Chunk {
        std::string bytes;
        std::uint64_t done = 0;
    };

    void produce() {
        try {
            while (true) {
                {
                    std::unique_lock<std::mutex> lock(m_mutex);
                    m_cv.wait(lock, [this] { return m_ready.size() < 2 || m_stop; });
                    if (m_stop) {
                        break;
                    }
                }
                Chunk c;
                c.bytes.resize(m_chunk);
                std::size_t k = 0;
                while (k < m_chunk) {
                    const std::size_t r = m_inner->read(c.bytes.data() + k, m_chunk - k);
                    if (r == 0) {
                        break;
                    }
                    k += r;
                }
                c.bytes.resize(k);
                c.done = m_inner->input_done();
                std::lock_guard<std::mutex> lock(m_mutex);
                if (k == 0) {
                    break;
                }
                m_ready.push_back(std::move(c));
                m_cv.notify_all();
            }
        } catch (...) {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_error = std::current_exception();
        }
        std::lock_guard<std::mutex> lock(m_mutex);
        m_finished = true;
        m_cv.notify_all();
    }

    std::unique_ptr<ByteSource> m_inner;
    std::size_t m_chunk;
    std::uint64_t m_total;
    std::uint64_t m_done = 0;
    std::string m_cur;
    std::size_t m_cur_pos = 0;

    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<Chunk> m_ready;
    bool m_finished = false;
    bool m_stop = false;
    std::exception_ptr m_error;
    std::thread m_thread;
};

} // namespace

std::unique_ptr<ByteSource> memory_source(std::string_view data) {
    return std::make_unique<MemorySource>(data);
}

std::unique_ptr<ByteSource> file_source(const std::string& path) {
    return std::make_unique<FileSource>(path);
}

std::unique_ptr<ByteSource> gzip_source(std::unique_ptr<ByteSource> compressed, std::string path) {
    return std::make_unique<GzipSource>(std::move(compressed), std::move(path));
}

std::unique_ptr<ByteSource> prefixed_source(std::string prefix, std::unique_ptr<ByteSource> rest) {
    return std::make_unique<PrefixedSource>(std::move(prefix), std::move(rest));
}

std::unique_ptr<ByteSource> prefetch_source(std::unique_ptr<ByteSource> inner, std::size_t chunk) {
    return std::make_unique<PrefetchSource>(std::move(inner), chunk);
}

std::string read_prefix(ByteSource& source, std::size_t n) {
    std::string s(n, '\0');
    std::size_t k = 0;
    while (k < n) {
        const std::size_t r = source.read(s.data() + k, n - k);
        if (r == 0) {
            break;
        }
        k += r;
    }
    s.resize(k);
    return s;
}

} // namespace journey::io::detail
