#include <journey/core/string_table.hpp>

#include <cstring>

namespace journey {

namespace {

constexpr std::size_t first_chunk = 4096;
constexpr std::size_t max_chunk = 1u << 20;

inline std::uint64_t load64(const unsigned char* p) noexcept {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

__extension__ typedef unsigned __int128 u128;

inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) noexcept {
    const u128 r = static_cast<u128>(a) * b;
    return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

} // namespace

std::uint64_t hash_bytes(std::string_view s) noexcept {
    // Multiply-fold over 8-byte words; short keys take one or two multiplies.
    constexpr std::uint64_t k0 = 0xa0761d6478bd642full;
    constexpr std::uint64_t k1 = 0xe7037ed1a0b428dbull;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::size_t n = s.size();
    std::uint64_t h = k0 ^ (n * k1);
    while (n >= 8) {
        h = mix(h ^ load64(p), k1);
        p += 8;
        n -= 8;
    }
    if (n > 0) {
        std::uint64_t tail = 0;
        std::memcpy(&tail, p, n);
        h = mix(h ^ tail, k0 ^ n);
    }
    return mix(h, k1);
}

StringTable::StringTable() {
    rehash(16);
    insert(std::string_view{});
}

StringTable::StringTable(const StringTable& other) : StringTable() {
    for (std::size_t i = 1; i < other.size(); ++i) {
        insert(other[static_cast<Id>(i)]);
    }
}

StringTable& StringTable::operator=(const StringTable& other) {
    if (this != &other) {
        StringTable copy(other);
        *this = std::move(copy);
    }
    return *this;
}

char* StringTable::store(std::string_view s) {
    if (s.empty()) {
        return nullptr;
    }
    if (m_chunks.empty() || m_chunk_used + s.size() > m_chunk_size) {
        std::size_t size = m_chunk_size == 0 ? first_chunk : std::min(m_chunk_size * 2, max_chunk);
        if (size < s.size()) {
            size = s.size();
        }
        m_chunks.emplace_back(new char[size]);
        m_chunk_size = size;
        m_chunk_used = 0;
        m_bytes += size;
    }
    char* dst = m_chunks.back().get() + m_chunk_used;
    std::memcpy(dst, s.data(), s.size());
    m_chunk_used += s.size();
    return dst;
}

void StringTable::rehash(std::size_t new_capacity) {
    m_slots.assign(new_capacity, not_found);
    m_mask = new_capacity - 1;
    for (std::size_t id = 0; id < m_views.size(); ++id) {
        std::size_t pos = m_hashes[id] & m_mask;
        while (m_slots[pos] != not_found) {
            pos = (pos + 1) & m_mask;
        }
        m_slots[pos] = static_cast<Id>(id);
    }
}

Id StringTable::find(std::string_view s) const noexcept {
    const std::uint64_t h = hash_bytes(s);
    std::size_t pos = h & m_mask;
    while (true) {
        const Id id = m_slots[pos];
        if (id == not_found) {
            return not_found;
        }
        if (m_hashes[id] == h && m_views[id] == s) {
            return id;
        }
        pos = (pos + 1) & m_mask;
    }
}

Id StringTable::insert(std::string_view s) {
    const std::uint64_t h = hash_bytes(s);
    std::size_t pos = h & m_mask;
    while (true) {
        const Id id = m_slots[pos];
        if (id == not_found) {
            break;
        }
        if (m_hashes[id] == h && m_views[id] == s) {
            return id;
        }
        pos = (pos + 1) & m_mask;
    }
    const Id id = static_cast<Id>(m_views.size());
    const char* p = store(s);
    m_views.emplace_back(p, s.size());
    m_hashes.push_back(h);
    m_slots[pos] = id;
    if (m_views.size() * 2 > m_slots.size()) {
        rehash(m_slots.size() * 2);
    }
    return id;
}

std::size_t StringTable::memory_bytes() const noexcept {
    return m_bytes + m_views.capacity() * sizeof(std::string_view) +
           m_hashes.capacity() * sizeof(std::uint64_t) + m_slots.capacity() * sizeof(Id);
}

} // namespace journey
