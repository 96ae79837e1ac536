#pragma once
/// @file
/// Interned strings: each distinct string is stored once and named by a small
/// integer id. Id 0 is always the empty string, which columns use for "no value".

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <journey/core/api.hpp>

namespace journey {

/// Index into a StringTable.
using Id = std::uint32_t;

/// The id of the empty string in every table: "no value".
inline constexpr Id no_id = 0;

/// An append-only set of strings with dense ids, in order of first insertion.
/// Views returned by operator[] stay valid for the table's lifetime (strings are
/// never moved once stored), also when the table itself is moved.
///
/// Thread-safety: one thread at a time for insert(); concurrent reads of a table
/// that is no longer modified are safe.
class JOURNEY_API StringTable {
public:
    StringTable();
    StringTable(const StringTable& other);
    StringTable& operator=(const StringTable& other);
    StringTable(StringTable&&) noexcept = default;
    StringTable& operator=(StringTable&&) noexcept = default;
    ~StringTable() = default;

    /// The id of `s`, adding it if new.
    Id insert(std::string_view s);

    /// The id of `s`, or `not_found` if it is not in the table.
    Id find(std::string_view s) const noexcept;
    static constexpr Id not_found = 0xFFFFFFFFu;

    std::string_view operator[](Id id) const noexcept { return m_views[id]; }
    std::size_t size() const noexcept { return m_views.size(); }

    /// All strings in id order.
    const std::vector<std::string_view>& strings() const noexcept { return m_views; }

    /// Bytes held by the table (arena, index and hash slots).
    std::size_t memory_bytes() const noexcept;

    /// Two tables are equal when they hold the same strings under the same ids.
    friend bool operator==(const StringTable& a, const StringTable& b) noexcept {
        if (a.size() != b.size()) {
            return false;
        }
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (a.m_views[i] != b.m_views[i]) {
                return false;
            }
        }
        return true;
    }

private:
    char* store(std::string_view s);
    void rehash(std::size_t new_capacity);

    std::vector<std::unique_ptr<char[]>> m_chunks;
    std::size_t m_chunk_used = 0;
    std::size_t m_chunk_size = 0;
    std::vector<std::string_view> m_views;
    std::vector<std::uint64_t> m_hashes; // hash per id
    std::vector<Id> m_slots;             // open addressing; not_found = empty
    std::size_t m_mask = 0;
    std::size_t m_bytes = 0;
};

/// 64-bit hash used by the tables (fast on short keys).
JOURNEY_API std::uint64_t hash_bytes(std::string_view s) noexcept;

} // namespace journey
