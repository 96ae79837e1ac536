#pragma once
/// @file
/// The journey store: one SQLite file that holds many imported event logs
/// ("sources": departmental exports, OCEL files, stitched journeys) with what was
/// recorded about each import, and reads them back as an EventLog for the miners.
/// The tables are described in docs/store.md.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <journey/core/api.hpp>
#include <journey/core/error.hpp>
#include <journey/core/event_log.hpp>
#include <journey/core/import_report.hpp>
#include <journey/core/time.hpp>

namespace journey::store {

struct OcelLog;

/// Store layout version written by this build. A store with another major version
/// is refused on open; a newer minor version is compatible (read and written).
inline constexpr int layout_major = 1;
inline constexpr int layout_minor = 0;

/// Importing content whose hash is already in the store, without `force`.
/// code() is 19 (SQLITE_CONSTRAINT).
class JOURNEY_API duplicate_source_error : public store_error {
public:
    duplicate_source_error(std::string existing_source, const std::string& message)
        : store_error(19, message), m_existing(std::move(existing_source)) {}
    /// Name of the source that already holds this content.
    const std::string& existing_source() const noexcept { return m_existing; }

private:
    std::string m_existing;
};

enum class OpenMode {
    read_only,  ///< the file must exist and be a journeykit store
    read_write, ///< the file must exist and be a journeykit store
    create,     ///< read-write; an absent or empty file becomes a new store
};

/// One import as recorded in the store.
struct SourceRecord {
    std::int64_t id = 0;
    std::string name;
    std::string kind;          ///< "log", "ocel" or "stitched"
    std::string journey_type;  ///< "" when not set
    std::string file_name;     ///< as given at import (base name), "" when none
    std::string format;        ///< "csv", "xes", "ocel-sqlite", "stitched", ...
    std::string content_hash;  ///< "sha256:<hex>" of the file's bytes, "" when unknown
    std::uint64_t records = 0; ///< records read, rejected ones included
    std::uint64_t events = 0;
    std::uint64_t cases = 0;
    std::uint64_t rejected = 0;
    std::string timestamp_format;
    std::string imported_at;   ///< ISO 8601 UTC, whole seconds
    friend bool operator==(const SourceRecord&, const SourceRecord&) = default;
};

/// What to record about a log being imported, and how.
struct SourceInfo {
    /// Source name; must be non-empty. See `unique_name`.
    std::string name;
    std::string kind = "log";
    std::string journey_type;
    std::string file_name;
    std::string format;
    /// "sha256:<hex>" (see sha256_file()); "" skips the duplicate check.
    std::string content_hash;
    /// Time of import; no_timestamp means now.
    Timestamp imported_at = no_timestamp;
    /// Import even when a source with the same content_hash exists.
    bool force = false;
    /// When `name` is taken: false refuses (usage_error), true appends "-2", "-3", ...
    bool unique_name = false;
};

/// Which sources a read returns. Empty lists select everything.
struct ReadFilter {
    std::vector<std::string> sources;       ///< source names
    std::vector<std::string> journey_types; ///< sources whose journey type is one of these
};

/// A source's log, read on its own (input to stitching).
struct SourceLog {
    SourceRecord source;
    EventLog log;
};

/// A journeykit store: an SQLite file in WAL mode. Every import is one transaction
/// (a savepoint inside an open Transaction), so a failure leaves the file as it was.
///
/// Thread-safety: one thread at a time per Store; open one Store per thread to read
/// concurrently (SQLite's WAL mode allows readers beside one writer).
class JOURNEY_API Store {
public:
    /// Opens (or creates) a store and checks its layout version.
    /// @throws journey::store_error when the file cannot be opened, is not a
    ///   journeykit store (code 26), or has another layout major version (code 26).
    explicit Store(const std::string& path, OpenMode mode = OpenMode::read_only);
    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;
    ~Store();

    const std::string& path() const noexcept;
    /// (major, minor) layout version of the open file.
    std::pair<int, int> layout_version() const;

    /// Every source, in import order.
    std::vector<SourceRecord> sources() const;
    /// The sources a read with `filter` would return, in import order.
    /// @throws journey::usage_error as read_log().
    std::vector<SourceRecord> sources(const ReadFilter& filter) const;
    /// The source with this name, if any.
    std::optional<SourceRecord> find_source(std::string_view name) const;
    /// The first source whose content hash is `hash`, if any ("" never matches).
    std::optional<SourceRecord> find_source_by_hash(std::string_view hash) const;
    /// Every rejected record kept for a source, in order.
    /// @throws journey::usage_error when there is no such source.
    std::vector<RejectedRecord> rejected_records(std::string_view source) const;

    /// Appends `log` as a new source. `report` supplies format, record counts,
    /// mapping, warnings and timestamp format; `rejects` (when not empty) are all
    /// rejected records, else report.rejects are stored.
    /// @returns what was recorded.
    /// @throws duplicate_source_error (content already imported, no `force`);
    ///   journey::usage_error (empty or taken name); journey::store_error.
    SourceRecord import_log(const EventLog& log, const SourceInfo& info,
                            const ImportReport& report = {},
                            std::span<const RejectedRecord> rejects = {});

    /// Imports one log handed over in chunks, as one source, so that a log larger
    /// than memory can be stored (begin_source()). The store then holds what
    /// import_log() of the concatenated chunks would hold (the source row, traces,
    /// events, attributes, object links, rejected rows, mapping, warnings; the
    /// metadata is the union of the chunks' metadata in order), except that strings
    /// new to the store get their `name` ids in chunk order.
    ///
    /// Every case must lie in one chunk: cut the log at case boundaries. A case id
    /// that an earlier chunk held is refused (journey::usage_error), since the two
    /// parts would become two traces with one case id.
    ///
    /// Everything is written inside one savepoint: destroying the appender without
    /// finish(), or after an append() or finish() that threw, leaves the store as it
    /// was. While it is open, the store refuses other imports (journey::usage_error);
    /// it must not outlive its Store, and an enclosing Transaction must not be
    /// committed before finish().
    class JOURNEY_API SourceAppender {
    public:
        SourceAppender(SourceAppender&& o) noexcept;
        SourceAppender& operator=(SourceAppender&&) = delete;
        SourceAppender(const SourceAppender&) = delete;
        SourceAppender& operator=(const SourceAppender&) = delete;
        ~SourceAppender();

        /// Writes the cases of `chunk` after those of the earlier chunks, and
        /// `rejects` (rejected records, with lines of the whole input) after the
        /// earlier ones.
        /// @throws journey::usage_error (a case of an earlier chunk; appender
        ///   finished or failed); journey::store_error.
        void append(const EventLog& chunk, std::span<const RejectedRecord> rejects = {});

        /// Records the import and releases the savepoint. `report` is the reader's
        /// report for the whole input, as import_log() takes it (format, record
        /// counts, mapping, warnings, timestamp format); its `rejects` are stored
        /// when no rejected records were appended.
        /// @returns what was recorded.
        /// @throws journey::usage_error (finished or failed); journey::store_error.
        SourceRecord finish(const ImportReport& report = {});

        /// Events and cases appended so far.
        std::uint64_t events() const noexcept;
        std::uint64_t cases() const noexcept;

        /// Opaque state (defined in the library's sources only).
        struct State;

    private:
        friend class Store;
        explicit SourceAppender(std::unique_ptr<State> state) noexcept;
        std::unique_ptr<State> m_state;
    };

    /// Starts a chunked import of one source (see SourceAppender). The name and the
    /// content hash are checked here, as import_log() checks them.
    /// @throws duplicate_source_error (content already imported, no `force`);
    ///   journey::usage_error (empty or taken name, another appender open);
    ///   journey::store_error.
    SourceAppender begin_source(const SourceInfo& info);

    /// Appends an object-centric log (events, objects with their attribute values,
    /// object-to-object relations) as a new source of kind "ocel".
    /// @throws as import_log().
    SourceRecord import_ocel(const OcelLog& ocel, const SourceInfo& info);

    /// Reads the selected sources as one log: cases in source order, then log order;
    /// cases of different sources with the same case id are one case (use stitching
    /// to join sources with different keys). Log metadata is the union of the
    /// sources' metadata in order.
    /// @throws journey::usage_error when a named source or journey type matches nothing.
    EventLog read_log(const ReadFilter& filter = {}) const;

    /// Reads the selected sources one by one.
    /// @throws as read_log().
    std::vector<SourceLog> read_sources(const ReadFilter& filter = {}) const;

    /// Reads the selected sources as an object-centric log: their events, every
    /// object their events link to or they recorded attributes or relations for,
    /// and the object attribute values and relations they recorded.
    /// @throws as read_log().
    OcelLog read_ocel(const ReadFilter& filter = {}) const;

    /// A write transaction grouping several imports: all of them or none.
    /// Destroying it without commit() rolls back.
    class JOURNEY_API Transaction {
    public:
        Transaction(Transaction&& o) noexcept : m_store(o.m_store) { o.m_store = nullptr; }
        Transaction& operator=(Transaction&&) = delete;
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;
        ~Transaction();
        /// @throws journey::store_error
        void commit();

    private:
        friend class Store;
        explicit Transaction(Store* s) : m_store(s) {}
        Store* m_store;
    };
    /// Begins a write transaction. @throws journey::store_error (also when one is open)
    Transaction transaction();

    /// Opaque implementation (defined in the library's sources only).
    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

/// What an SQLite file holds, judged by its tables.
enum class SqliteKind {
    not_sqlite, ///< missing, unreadable or not an SQLite database
    store,      ///< a journeykit store
    ocel,       ///< an OCEL 2.0 SQLite log
    other,      ///< some other SQLite database (an empty one included)
};

/// True if `head` starts with the SQLite file header ("SQLite format 3\0").
JOURNEY_API bool is_sqlite_header(std::string_view head) noexcept;

/// Looks inside an SQLite file (read-only) to tell a store from an OCEL log.
JOURNEY_API SqliteKind sniff_sqlite(const std::string& path);

/// Lower-case hex SHA-256 of `data`.
JOURNEY_API std::string sha256_hex(std::string_view data);

/// "sha256:<hex>" of a file's bytes, read in blocks.
/// @throws journey::io_error when the file cannot be read.
JOURNEY_API std::string sha256_file(const std::string& path);

} // namespace journey::store
