// journey import DB SOURCE...: appends departmental exports (CSV, XES, OCEL 2.0
// SQLite) to a journey store, each as a named source; all of them or none.

#include <filesystem>
#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>

#include <journey/core/error.hpp>
#include <journey/store/ocel.hpp>
#include <journey/store/store.hpp>

#include "commands.hpp"
#include "input_options.hpp"
#include "text_format.hpp"

namespace journey::cli {

namespace {

struct ImportOptions {
    std::string db;
    std::vector<std::string> files;
    std::string source_name;
    std::string journey_type;
    bool force = false;
    bool list = false;
    InputOptions input;
};

/// "crm" for "exports/crm.csv", "receipt" for "receipt.xes.gz".
std::string default_name(const std::string& path) {
    std::filesystem::path p = std::filesystem::path(path).filename();
    if (p.extension() == ".gz") {
        p = p.stem();
    }
    const std::string stem = p.stem().string();
    return stem.empty() ? p.string() : stem;
}

void list_sources(const store::Store& s, std::ostream& out) {
    const std::vector<store::SourceRecord> sources = s.sources();
    if (sources.empty()) {
        out << "no sources in " << s.path() << "\n";
        return;
    }
    std::size_t w = 6;
    for (const store::SourceRecord& r : sources) {
        w = std::max(w, r.name.size());
    }
    out << pad("source", w) << "  " << pad("kind", 8) << "  " << pad("journey type", 12) << "  "
        << rpad("events", 9) << "  " << rpad("cases", 8) << "  " << rpad("rejected", 8) << "  "
        << pad("imported at", 25) << "  file\n";
    for (const store::SourceRecord& r : sources) {
        out << pad(r.name, w) << "  " << pad(r.kind, 8) << "  " << pad(r.journey_type, 12) << "  "
            << rpad(std::to_string(r.events), 9) << "  " << rpad(std::to_string(r.cases), 8) << "  "
            << rpad(std::to_string(r.rejected), 8) << "  " << pad(r.imported_at, 25) << "  "
            << r.file_name << "\n";
    }
}

int run_import(const ImportOptions& o, Context& ctx) {
    if (o.files.empty() && !o.list) {
        throw usage_error("import: give SOURCE files to import, or --list");
    }
    if (!o.source_name.empty() && o.files.size() > 1) {
        throw usage_error("import: --source-name needs exactly one SOURCE");
    }
    store::Store s(o.db, store::OpenMode::create);
    if (!o.files.empty()) {
        // One transaction: a bad file leaves the store as it was.
        store::Store::Transaction tx = s.transaction();
        std::vector<std::string> lines;
        for (const std::string& path : o.files) {
            std::error_code ec;
            if (!std::filesystem::is_regular_file(path, ec)) {
                throw io_error(path, "no such file");
            }
            store::SourceInfo info;
            info.name = o.source_name.empty() ? default_name(path) : o.source_name;
            info.unique_name = o.source_name.empty();
            info.journey_type = o.journey_type;
            info.file_name = std::filesystem::path(path).filename().string();
            info.content_hash = store::sha256_file(path);
            info.force = o.force;
            if (!o.force) {
                if (const auto same = s.find_source_by_hash(info.content_hash)) {
                    throw error(path + ": already imported as source '" + same->name +
                                "'; use --force to import it again");
                }
            }
            store::SourceRecord rec;
            const store::SqliteKind kind = store::sniff_sqlite(path);
            if (kind == store::SqliteKind::store) {
                throw usage_error(path + ": is a journeykit store; import its sources' "
                                         "original files, or export them first");
            }
            if (kind == store::SqliteKind::ocel) {
                rec = s.import_ocel(store::read_ocel_sqlite(path), info);
            } else if (kind == store::SqliteKind::other) {
                throw usage_error(path + ": an SQLite file that is neither an OCEL 2.0 log nor "
                                         "a journeykit store");
            } else {
                std::vector<RejectedRecord> rejects;
                const io::ReadResult r = load_log(path, o.input, ctx, &rejects);
                rec = s.import_log(r.log, info, r.report, rejects);
            }
            std::string line = "imported " + path + " as source '" + rec.name + "': " +
                               std::to_string(rec.events) + " events, " +
                               std::to_string(rec.cases) + " cases";
            if (rec.rejected > 0) {
                line += ", " + std::to_string(rec.rejected) + " rejected rows kept";
            }
            lines.push_back(std::move(line));
        }
        tx.commit();
        for (const std::string& l : lines) {
            ctx.out << l << "\n";
        }
    }
    if (o.list) {
        list_sources(s, ctx.out);
    }
    return exit_ok;
}

} // namespace

void setup_import(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<ImportOptions>();
    CLI::App* sub = app.add_subcommand(
        "import", "Append departmental exports (CSV, XES, OCEL 2.0 SQLite) to a journey store");
    sub->add_option("DB", opt->db, "Journey store (an SQLite file; created if absent)")->required();
    sub->add_option("SOURCE", opt->files, "Files to import, each as one source");
    sub->add_option("--source-name", opt->source_name,
                    "Name of the source (one SOURCE only; default: the file name without extension)");
    sub->add_option("--journey-type", opt->journey_type,
                    "Journey type to record for the imported sources (e.g. move-house)");
    sub->add_flag("--force", opt->force, "Import a file even if its content is already in the store");
    sub->add_flag("--list", opt->list, "List the store's sources (after importing, if SOURCE given)");
    add_input_options(*sub, opt->input, false);
    sub->callback([opt, &ctx] { ctx.exit_code = run_import(*opt, ctx); });
}

} // namespace journey::cli
