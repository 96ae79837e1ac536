#pragma once
// Private: splits CSV text into records and fields (RFC 4180) without allocating
// per field. Fields point into the input, or into a scratch buffer for quoted
// fields that need unescaping.

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace journey::io::detail {

struct CsvField {
    const char* raw = nullptr; ///< where the field starts in the input (its quote, if quoted)
    const char* text = nullptr;
    std::uint32_t size = 0;
    std::uint32_t scratch = npos; ///< offset of the text in the scratch buffer, or npos

    static constexpr std::uint32_t npos = 0xFFFFFFFFu;

    std::string_view view() const noexcept { return {text, size}; }
};

/// Reads records one by one from [begin, end).
///
/// Rules: a field that starts with `"` is quoted; inside it `""` is a quote and
/// line breaks are data; characters between the closing quote and the next
/// delimiter are appended to the field (lenient, as Python's csv module is). A
/// `"` inside an unquoted field is an ordinary character. Records end at `\n`;
/// a `\r` before it (or before the end of input) is dropped. Empty lines between
/// records are skipped. Line numbers count `\n` bytes (physical lines).
class CsvScanner {
public:
    enum class Status { record, end, unterminated };

    CsvScanner(const char* begin, const char* end, char delimiter) noexcept
        : m_p(begin), m_end(end), m_delim(delimiter) {}

    /// Reads the next record into `fields`.
    Status next(std::vector<CsvField>& fields) {
        while (m_p != m_end) {
            if (*m_p == '\n') {
                ++m_p;
                ++m_lines;
                continue;
            }
            if (*m_p == '\r' && (m_p + 1 == m_end || m_p[1] == '\n')) {
                ++m_p;
                continue;
            }
            break;
        }
        if (m_p == m_end) {
            return Status::end;
        }
        fields.clear();
        m_record = m_p;
        m_record_line = m_lines;
        const auto left = static_cast<std::size_t>(m_end - m_p);
        const char* nl = static_cast<const char*>(std::memchr(m_p, '\n', left));
        const char* line_end = nl != nullptr ? nl : m_end;
        if (std::memchr(m_p, '"', static_cast<std::size_t>(line_end - m_p)) == nullptr) {
            split_plain(fields, line_end);
            m_p = nl != nullptr ? nl + 1 : m_end;
            m_lines += nl != nullptr ? 1 : 0;
            return Status::record;
        }
        return split_quoted(fields);
    }

    /// The raw text of the last record, without its line break.
    std::string_view record_text() const noexcept {
        return {m_record, static_cast<std::size_t>(m_record_end - m_record)};
    }
    const char* record_begin() const noexcept { return m_record; }
    /// Line breaks before the last record (0-based physical line of its start).
    std::uint64_t record_line() const noexcept { return m_record_line; }
    /// Line breaks consumed so far.
    std::uint64_t lines() const noexcept { return m_lines; }
    /// Where scanning continues.
    const char* position() const noexcept { return m_p; }

    /// 0-based physical line and 1-based byte column of `p`, a position inside the
    /// last record.
    void locate(const char* p, std::uint64_t& line, std::uint64_t& column) const noexcept {
        line = m_record_line;
        const char* line_start = m_record;
        for (const char* q = m_record; q < p; ++q) {
            if (*q == '\n') {
                ++line;
                line_start = q + 1;
            }
        }
        column = static_cast<std::uint64_t>(p - line_start) + 1;
    }

    /// After Status::unterminated: the opening quote.
    const char* unterminated_quote() const noexcept { return m_open_quote; }

private:
    void split_plain(std::vector<CsvField>& fields, const char* line_end) {
        const char* e = line_end;
        if (e != m_p && e[-1] == '\r') {
            --e;
        }
        m_record_end = e;
        const char* s = m_p;
        const char* q = m_p;
        if constexpr (std::endian::native == std::endian::little) {
            // Eight bytes at a time: a mask with the high bit of every byte that
            // equals the delimiter, then one field per set bit.
            constexpr std::uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
            const std::uint64_t pattern =
                0x0101010101010101ULL * static_cast<unsigned char>(m_delim);
            while (e - q >= 8) {
                std::uint64_t w;
                std::memcpy(&w, q, 8);
                const std::uint64_t x = w ^ pattern;
                std::uint64_t m = ~(((x & low7) + low7) | x | low7);
                while (m != 0) {
                    const char* d = q + (std::countr_zero(m) >> 3);
                    fields.push_back(
                        CsvField{s, s, static_cast<std::uint32_t>(d - s), CsvField::npos});
                    s = d + 1;
                    m &= m - 1;
                }
                q += 8;
            }
        }
        for (; q != e; ++q) {
            if (*q == m_delim) {
                fields.push_back(CsvField{s, s, static_cast<std::uint32_t>(q - s), CsvField::npos});
                s = q + 1;
            }
        }
        fields.push_back(CsvField{s, s, static_cast<std::uint32_t>(e - s), CsvField::npos});
    }

    Status split_quoted(std::vector<CsvField>& fields) {
        m_scratch.clear();
        const char* q = m_p;
        const char delim = m_delim;
        while (true) {
            CsvField f;
            f.raw = q;
            if (q != m_end && *q == '"') {
                const char* open = q;
                const char* seg = ++q;
                const char* close = nullptr;
                bool escaped = false;
                while (true) {
                    const char* x = static_cast<const char*>(
                        std::memchr(q, '"', static_cast<std::size_t>(m_end - q)));
                    if (x == nullptr) {
                        m_open_quote = open;
                        m_p = m_end;
                        return Status::unterminated;
                    }
                    if (x + 1 != m_end && x[1] == '"') {
                        escaped = true;
                        q = x + 2;
                        continue;
                    }
                    close = x;
                    q = x + 1;
                    break;
                }
                // Text after the closing quote, up to the delimiter or line end.
                const char* t = q;
                while (t != m_end && *t != delim && *t != '\n') {
                    ++t;
                }
                const char* junk_end = t;
                if ((t == m_end || *t == '\n') && junk_end != q && junk_end[-1] == '\r') {
                    --junk_end;
                }
                if (!escaped && junk_end == q) {
                    f.text = seg;
                    f.size = static_cast<std::uint32_t>(close - seg);
                } else {
                    const std::size_t off = m_scratch.size();
                    for (const char* c = seg; c < close; ++c) {
                        m_scratch.push_back(*c);
                        if (*c == '"') {
                            ++c; // the second quote of a doubled pair
                        }
                    }
                    m_scratch.append(q, junk_end);
                    f.scratch = static_cast<std::uint32_t>(off);
                    f.size = static_cast<std::uint32_t>(m_scratch.size() - off);
                }
                q = t;
            } else {
                const char* t = q;
                while (t != m_end && *t != delim && *t != '\n') {
                    ++t;
                }
                const char* e = t;
                if ((t == m_end || *t == '\n') && e != q && e[-1] == '\r') {
                    --e;
                }
                f.text = q;
                f.size = static_cast<std::uint32_t>(e - q);
                q = t;
            }
            fields.push_back(f);
            if (q != m_end && *q == delim) {
                ++q;
                continue;
            }
            break;
        }
        m_record_end = q;
        if (m_record_end != m_record && m_record_end[-1] == '\r') {
            --m_record_end;
        }
        m_lines += static_cast<std::uint64_t>(std::count(m_record, q, '\n'));
        if (q != m_end) {
            ++q; // the '\n'
            ++m_lines;
        }
        m_p = q;
        for (CsvField& f : fields) {
            if (f.scratch != CsvField::npos) {
                f.text = m_scratch.data() + f.scratch;
            }
        }
        return Status::record;
    }

    const char* m_p;
    const char* m_end;
    char m_delim;
    const char* m_record = nullptr;
    const char* m_record_end = nullptr;
    const char* m_open_quote = nullptr;
    std::uint64_t m_record_line = 0;
    std::uint64_t m_lines = 0;
    std::string m_scratch;
};

} // namespace journey::io::detail
