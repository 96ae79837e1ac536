#pragma once
// Private: the parallel part of the CSV reader. read_csv (csv_reader.cpp) plans the
// parse (mapping, types, time format) and cuts the input into chunks at record
// boundaries; parse_chunk() parses one chunk into chunk-local columns and string
// tables; merge() feeds the chunks, in input order, into one EventLogBuilder.

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include <journey/core/event_log.hpp>
#include <journey/core/import_report.hpp>
#include <journey/core/string_table.hpp>
#include <journey/core/time.hpp>

#include "csv_common.hpp"

namespace journey::io::detail::csv {

inline constexpr std::size_t npos = static_cast<std::size_t>(-1);
// Smallest chunk worth a thread; progress is counted every half chunk.
inline constexpr std::size_t chunk_min_bytes = std::size_t{2} << 20;
inline constexpr std::uint64_t progress_step = std::uint64_t{4} << 20;

// The per-chunk staging arrays.
template <typename T> using Staged = std::vector<T>;

// One attribute column of the input.
struct AttrSpec {
    std::string key;
    std::size_t column = 0;
    bool case_level = false;
    bool hinted = false;
    bool deferred = false; // no sample value: typed after parsing, from its first values
    AttrType type = AttrType::string;
    std::vector<std::string> samples;
};

enum : std::uint32_t { slot_typed = 0, slot_string = 1, slot_deferred = 2, slot_kinds = 3 };

// The values of one attribute column of one kind (typed, string fallback,
// deferred) in a chunk, in input order.
struct alignas(64) Slot {
    // Chunk-local event index (event attribute) or chunk-local case id (case attribute).
    Staged<std::uint32_t> rows;
    // Typed raw value, or a chunk-local id in values / case_values / deferred.
    Staged<std::int64_t> raws;
};

// Everything the parse needs to know about the input's layout.
struct Plan {
    std::string path;
    char delimiter = ',';
    std::vector<std::string> names;            // header cells
    std::array<std::size_t, csv_role_count> role{}; // column per role, or npos
    std::vector<AttrSpec> attrs;
    TimeFormat time_format;
    BadRecordPolicy policy = BadRecordPolicy::fail;

    std::size_t col(CsvRole r) const noexcept { return role[static_cast<std::size_t>(r)]; }
    bool has(CsvRole r) const noexcept { return col(r) != npos; }
};

// Progress shared by the chunk parsers; the calling thread reports it.
struct Progress {
    const ProgressCallback* callback = nullptr;
    std::uint64_t total = 0;
    std::uint64_t base = 0; // bytes before the data (BOM, header)
    std::atomic<std::uint64_t> done{0};
    std::atomic<bool> cancelled{false};
    std::uint64_t next_report = progress_step;

    // Called by the calling thread only.
    void report() {
        // A chunk parsed twice (see read_csv) counts twice: clamp.
        const std::uint64_t d = std::min(total, base + done.load(std::memory_order_relaxed));
        if (d < next_report) {
            return;
        }
        next_report = d + progress_step;
        if (!(*callback)(d, total)) {
            cancelled.store(true, std::memory_order_relaxed);
        }
    }
};

struct LocalReject {
    std::uint64_t line = 0; // chunk-local, 0-based
    std::uint64_t column = 0;
    std::string reason;
    std::string record;
};

// A slice of the input parsed on its own. Cache-line aligned: chunks sit side by
// side in a vector and are written by different threads (no false sharing).
struct alignas(64) Chunk {
    const char* begin = nullptr;
    const char* end = nullptr;

    Staged<Id> ev_case;
    Staged<Id> ev_activity;
    Staged<Id> ev_resource;
    Staged<Id> ev_department;
    Staged<Id> ev_channel;
    Staged<Id> ev_lifecycle;
    Staged<Timestamp> ev_time;
    std::vector<Slot> slots; // attribute * slot_kinds + kind

    StringTable cases;
    StringTable activities;
    StringTable resources;
    StringTable departments;
    StringTable channels;
    StringTable lifecycles;
    StringTable values;      // string values of event attributes
    StringTable case_values; // string values of case attributes
    StringTable deferred;    // text of columns typed after parsing

    std::vector<LocalReject> rejects;
    bool failed = false;  // stopped at a bad record under the fail policy
    bool ran_off = false; // ended inside a quoted field
    std::uint64_t open_quote_line = 0;
    std::uint64_t open_quote_column = 0;
    std::uint64_t records = 0;
    std::uint64_t lines = 0;
    std::exception_ptr exception;
};

// Parses one chunk (records in [chunk.begin, chunk.end)) under `plan`. Never
// throws: an exception is kept in chunk.exception. `reporter`: this thread calls
// the progress callback.
void parse_chunk(const Plan& plan, Chunk& chunk, Progress* progress, bool reporter) noexcept;

// Builds the log from the parsed chunks (in input order; `events` in total). Frees
// the chunks' staging columns as it goes.
EventLog merge(const Plan& plan, std::vector<Chunk>& chunks, std::size_t events);

} // namespace journey::io::detail::csv
