// journey simulate: generate a realistic event log with planted failures and its
// ground truth (docs/cli/journey-simulate.md). The model is journey::sim.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include <journey/core/error.hpp>
#ifdef JOURNEY_HAVE_SIM
#include <journey/sim/generator.hpp>
#include <journey/sim/scenario.hpp>
#include <journey/sim/simulate.hpp>
#include <journey/sim/spec_check.hpp>
#endif
#ifdef JOURNEY_HAVE_DSL
#include <journey/dsl/dsl.hpp>
#endif
#if defined(JOURNEY_HAVE_SIM) && defined(JOURNEY_HAVE_STORE)
#include <journey/io/reader.hpp>
#include <journey/sim/event_log.hpp>
#include <journey/store/ocel.hpp>
#include <journey/store/store.hpp>
#endif

#include "cli.hpp"
#include "commands.hpp"
#include "progress.hpp"
#include "text_format.hpp"

namespace journey::cli {

namespace {

struct SimulateCmdOptions {
    std::string spec;
    std::string scenario;
    std::string out;
    std::string format = "csv";
    std::uint64_t journeys = 0;
    std::uint64_t seed = 0;
    unsigned threads = 0;
    std::vector<std::string> set;
    std::string watermelon_strength;
    std::string ontime_p;
    bool list_parameters = false;
    // which of the required options were given
    bool has_journeys = false;
    bool has_seed = false;
};

#ifdef JOURNEY_HAVE_SIM

namespace fs = std::filesystem;

// `NAME` -> <dir of spec>/scenarios/NAME.scenario; a path (with '/' or ending in
// .scenario) is taken as it is.
std::string resolve_scenario(const std::string& name, const std::string& spec) {
    const bool is_path = name.find('/') != std::string::npos ||
                         (name.size() > 9 && name.compare(name.size() - 9, 9, ".scenario") == 0);
    if (is_path) {
        if (!fs::is_regular_file(name)) {
            throw usage_error("--scenario: no scenario file '" + name + "'");
        }
        return name;
    }
    const fs::path dir = fs::path(spec).parent_path() / "scenarios";
    const fs::path file = dir / (name + ".scenario");
    if (fs::is_regular_file(file)) {
        return file.string();
    }
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().extension() == ".scenario") {
            names.push_back(entry.path().stem().string());
        }
    }
    std::sort(names.begin(), names.end());
    std::string list;
    for (const std::string& n : names) {
        list += (list.empty() ? "" : ", ") + n;
    }
    throw usage_error("--scenario: unknown scenario '" + name + "': no file " + file.string() +
                      (list.empty() ? std::string(" (that directory holds no scenarios)")
                                    : " (available: " + list + ")"));
}

#ifdef JOURNEY_HAVE_DSL
class DiskFiles : public dsl::FileSystem {
public:
    std::optional<std::string> read(const std::string& path) override {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            return std::nullopt;
        }
        std::ostringstream s;
        s << in.rdbuf();
        return in.bad() ? std::nullopt : std::optional<std::string>(s.str());
    }
};
#endif

// Compiles the spec and checks it against the simulated process; prints the
// problems. @returns false when there are any.
bool check_spec_file(const std::string& path, const sim::Generator& gen, Context& ctx) {
#ifdef JOURNEY_HAVE_DSL
    DiskFiles disk;
    const auto text = disk.read(path);
    if (!text) {
        throw io_error(path, "cannot read the spec file");
    }
    dsl::SourceManager sources;
    dsl::CompileOptions options;
    options.files = &disk;
    const dsl::CompileResult r = dsl::compile_text(sources, path, *text, options);
    if (r.has_errors()) {
        for (const dsl::Diagnostic& d : r.diagnostics) {
            if (d.severity == dsl::Severity::error) {
                ctx.err << dsl::render_diagnostic(d, sources);
            }
        }
        return false;
    }
    const std::vector<std::string> problems = sim::check_spec(r.model, gen);
    for (const std::string& p : problems) {
        ctx.err << path << ": error: " << p << " (scenario process "
                << sim::process_name(gen.scenario().process) << ")\n";
    }
    return problems.empty();
#else
    (void)gen;
    (void)ctx;
    if (!fs::is_regular_file(path)) {
        throw io_error(path, "cannot read the spec file");
    }
    return true;
#endif
}

void list_parameters(std::ostream& out) {
    const auto params = sim::scenario_parameters();
    std::size_t w = 0;
    for (const auto& p : params) {
        w = std::max(w, p.key.size());
    }
    for (const auto& p : params) {
        out << pad(p.key, w) << "  "
            << pad(p.default_value.empty() ? "(none)" : p.default_value, 12) << "  " << p.kind
            << (p.defect ? ", defect" : "") << "\n"
            << std::string(w + 2, ' ') << p.description << "\n";
    }
}

#ifdef JOURNEY_HAVE_STORE

/// The events of a --format sqlite or ocel run are written as CSV to this file in
/// DIR first, then read back and converted; it is deleted in any case.
constexpr const char* temp_events_file = "events.csv.tmp";

/// Deletes a file when it goes out of scope.
class TempFile {
public:
    explicit TempFile(fs::path path) : m_path(std::move(path)) {}
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() {
        std::error_code ec;
        fs::remove(m_path, ec);
    }
    const fs::path& path() const noexcept { return m_path; }

private:
    fs::path m_path;
};

/// Removes an SQLite file with its companions, so that a new one starts empty.
void remove_sqlite_file(const fs::path& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::error_code ec;
        fs::remove(path.string() + suffix, ec);
        if (ec) {
            throw io_error(path.string() + suffix, "cannot replace it: " + ec.message());
        }
    }
}

/// Reads the simulator's events.csv as `journey import` reads it (rows without a
/// case id, from account-only noise, are rejected and kept as such).
io::ReadResult read_events_csv(const fs::path& csv, unsigned threads,
                               std::vector<RejectedRecord>& rejects) {
    io::ReadOptions ro;
    ro.format = "csv";
    ro.on_bad_record = BadRecordPolicy::skip;
    ro.threads = threads;
    ro.reject_sink = [&rejects](const RejectedRecord& r) { rejects.push_back(r); };
    return io::read_log(csv.string(), ro);
}

/// What the conversion of the events wrote, for the summary.
struct Converted {
    std::uint64_t rejected = 0;
    std::uint64_t objects = 0; ///< ocel only
    std::string journey_type;  ///< sqlite only
};

/// A --format sqlite run stores the events in chunks of whole simulator blocks
/// (sim::block_size journeys; a block holds every row of its journeys, late
/// arrivals included), each chunk at least this many bytes of CSV (about 100,000
/// events), so that memory does not grow with the number of journeys.
constexpr std::uint64_t store_chunk_bytes = 16u << 20;

/// Where the event bytes (after the header) of events.csv.tmp may be cut into
/// chunks: the ends of simulator blocks, fed by SimulateOptions::progress.
struct ChunkCuts {
    std::vector<std::uint64_t> ends; ///< ascending byte offsets after the header
    void block_written(std::uint64_t bytes) {
        if (bytes - (ends.empty() ? 0 : ends.back()) >= store_chunk_bytes) {
            ends.push_back(bytes);
        }
    }
};

/// The header of events.csv with each attribute column's type as the first chunk
/// read it ("note:string"), so that later chunks read every column as a read of the
/// whole file does (it infers types from the first rows only, which are the first
/// chunk's). Role columns, columns whose name holds a ':' (case attributes, types
/// already given) and columns the first chunk never filled stay as they are.
std::string typed_header(const std::string& header, const io::ReadResult& first) {
    const auto type_of = [&](const std::vector<AttrColumn>& cols,
                             std::string_view key) -> std::optional<AttrType> {
        std::optional<AttrType> type;
        for (const AttrColumn& c : cols) {
            if (first.log.attribute_names()[c.key] == key && (!type || *type == AttrType::string)) {
                type = c.type; // a typed column beside its string fallback wins
            }
        }
        return type;
    };
    std::string out;
    std::size_t pos = 0;
    while (pos <= header.size()) {
        std::size_t comma = header.find(',', pos);
        if (comma == std::string::npos) {
            comma = header.size();
        }
        const std::string cell = header.substr(pos, comma - pos);
        out += cell;
        const bool role = std::any_of(first.report.mapping.begin(), first.report.mapping.end(),
                                      [&](const auto& m) { return m.second == cell; });
        if (!role && !cell.empty() && cell.find(':') == std::string::npos) {
            if (const auto t = type_of(first.log.event_attributes(), cell)) {
                out += ':';
                out += attr_type_name(*t);
            }
        }
        if (comma == header.size()) {
            break;
        }
        out += ',';
        pos = comma + 1;
    }
    return out;
}

/// DIR/events.sqlite: a journeykit store with the events as one source "simulate"
/// (journey type = the spec file's name without extension), as `journey import
/// --on-bad-row skip` would store DIR/events.csv. The CSV is read and stored chunk
/// by chunk (`cuts`), with its content hash, counts, rejected rows (their lines as
/// in the whole file) and the reader's choices as a read of the whole file gives.
Converted write_store(const fs::path& csv, const fs::path& db, const std::string& spec,
                      unsigned threads, const ChunkCuts& cuts) {
    store::SourceInfo info;
    info.name = "simulate";
    info.journey_type = fs::path(spec).stem().string();
    info.file_name = "events.csv";
    info.format = "csv";
    info.content_hash = store::sha256_file(csv.string());
    remove_sqlite_file(db);
    store::Store st(db.string(), store::OpenMode::create);
    store::Store::SourceAppender app = st.begin_source(info);

    std::ifstream in(csv, std::ios::binary);
    std::string header;
    if (!in || !std::getline(in, header)) {
        throw io_error(csv.string(), "cannot read the simulated events");
    }
    const auto file_size = static_cast<std::uint64_t>(fs::file_size(csv));
    const std::uint64_t data_size = file_size - header.size() - 1;
    std::vector<std::uint64_t> ends = cuts.ends;
    if (ends.empty() || ends.back() != data_size) {
        ends.push_back(data_size);
    }

    ImportReport total;
    total.path = csv.string();
    total.bytes = file_size;
    std::string chunk_header = header;
    std::uint64_t from = 0;
    std::uint64_t lines_before = 0; // data lines of the earlier chunks
    std::string text;
    std::vector<RejectedRecord> rejects;
    io::ReadOptions ro;
    ro.format = "csv";
    ro.on_bad_record = BadRecordPolicy::skip;
    ro.threads = threads;
    ro.reject_sink = [&rejects](const RejectedRecord& r) { rejects.push_back(r); };
    for (std::size_t k = 0; k < ends.size(); ++k) {
        if (ends[k] <= from && k > 0) {
            continue;
        }
        const auto size = static_cast<std::size_t>(ends[k] - from);
        text.assign(chunk_header);
        text += '\n';
        const std::size_t head = text.size();
        text.resize(head + size);
        if (!in.read(text.data() + head, static_cast<std::streamsize>(size))) {
            throw io_error(csv.string(), "cannot read the simulated events");
        }
        rejects.clear();
        io::ReadResult r = io::read_log_buffer(text, ro, csv.string());
        for (RejectedRecord& rej : rejects) {
            rej.line += lines_before;
        }
        app.append(r.log, rejects);
        total.records += r.report.records;
        total.rejected += r.report.rejected;
        total.events += r.report.events;
        total.cases += r.report.cases;
        if (k == 0) {
            total.format = r.report.format;
            total.timestamp_format = r.report.timestamp_format;
            total.timestamp_format_inferred = r.report.timestamp_format_inferred;
            total.mapping = r.report.mapping;
            total.warnings = r.report.warnings;
            // Later chunks: the first chunk's timestamp format and column types.
            ro.time_format = r.report.timestamp_format;
            chunk_header = typed_header(header, r);
        }
        lines_before += static_cast<std::uint64_t>(
            std::count(text.begin() + static_cast<std::ptrdiff_t>(head), text.end(), '\n'));
        from = ends[k];
    }
    const store::SourceRecord rec = app.finish(total);
    return Converted{rec.rejected, 0, rec.journey_type};
}

/// DIR/events.ocel.sqlite: the events as OCEL 2.0, each linked to the object its
/// object_type/object_id columns name. The whole log is held in memory.
Converted write_ocel(const fs::path& csv, const fs::path& out, unsigned threads) {
    std::vector<RejectedRecord> rejects;
    io::ReadResult r = read_events_csv(csv, threads, rejects);
    store::OcelLog ocel = store::ocel_from_log(sim::with_object_links(r.log));
    r.log = EventLog{};
    remove_sqlite_file(out);
    store::write_ocel_sqlite(ocel, out.string());
    return Converted{r.report.rejected, ocel.objects.size(), {}};
}

#endif // JOURNEY_HAVE_STORE

std::string percent(std::uint64_t part, std::uint64_t whole) {
    if (whole == 0) {
        return "0.0 %";
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %%",
                  100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return buf;
}

int run_simulate(const SimulateCmdOptions& o, Context& ctx) {
    if (o.list_parameters) {
        list_parameters(ctx.out);
        return exit_ok;
    }
    for (const auto& [given, name] :
         {std::pair{!o.spec.empty(), "--spec"}, std::pair{!o.scenario.empty(), "--scenario"},
          std::pair{o.has_journeys, "--journeys"}, std::pair{o.has_seed, "--seed"},
          std::pair{!o.out.empty(), "--out"}}) {
        if (!given) {
            throw usage_error(std::string(name) + " is required");
        }
    }
    const bool via_csv = o.format == "sqlite" || o.format == "ocel";
    if (o.format != "csv" && o.format != "xes" && !via_csv) {
        throw usage_error("--format: '" + o.format + "' is not csv, xes, sqlite or ocel");
    }
#ifndef JOURNEY_HAVE_STORE
    if (via_csv) {
        throw usage_error("--format " + o.format + ": this build of journey has no store");
    }
#endif
    if (o.journeys == 0) {
        throw usage_error("--journeys: at least 1 journey");
    }
    sim::Scenario scenario = sim::load_scenario(resolve_scenario(o.scenario, o.spec));
    if (!o.watermelon_strength.empty()) {
        scenario.set("watermelon_strength", o.watermelon_strength);
    }
    if (!o.ontime_p.empty()) {
        scenario.set("ontime_p", o.ontime_p);
    }
    for (const std::string& kv : o.set) {
        const auto eq = kv.find('=');
        if (eq == std::string::npos) {
            throw usage_error("--set: expected KEY=VALUE, got '" + kv + "'");
        }
        scenario.set(kv.substr(0, eq), kv.substr(eq + 1));
    }
    if (const std::string problem = scenario.check(); !problem.empty()) {
        throw usage_error("scenario '" + scenario.name + "': " + problem);
    }
    const sim::Generator gen(scenario, sim::GeneratorOptions{o.journeys, o.seed});
    if (!check_spec_file(o.spec, gen, ctx)) {
        return exit_data;
    }

    sim::SimulateOptions so;
    so.journeys = o.journeys;
    so.seed = o.seed;
    so.threads = o.threads;
    so.format = o.format == "xes" ? sim::EventFormat::xes : sim::EventFormat::csv;
    if (via_csv) {
        so.events_file = temp_events_file;
        so.format_name = o.format;
    }
    ProgressBar bar(ctx.err, ctx.err_is_terminal, "simulate");
#ifdef JOURNEY_HAVE_STORE
    ChunkCuts cuts;
#endif
    so.progress = [&](std::uint64_t done, std::uint64_t total, std::uint64_t bytes) {
#ifdef JOURNEY_HAVE_STORE
        cuts.block_written(bytes);
#endif
        const double per = done == 0 ? 0.0 : static_cast<double>(bytes) / static_cast<double>(done);
        bar.update(bytes, static_cast<std::uint64_t>(per * static_cast<double>(total)));
    };
    std::string events_file = o.format == "xes" ? "events.xes" : "events.csv";
    std::string converted;
#ifdef JOURNEY_HAVE_STORE
    std::optional<TempFile> temp;
    if (via_csv) {
        temp.emplace(fs::path(o.out) / temp_events_file);
    }
#endif
    const sim::SimulateSummary s = sim::simulate_to_directory(scenario, so, o.out);
    bar.done();
#ifdef JOURNEY_HAVE_STORE
    if (via_csv) {
        const bool sqlite = o.format == "sqlite";
        events_file = sqlite ? "events.sqlite" : "events.ocel.sqlite";
        const fs::path target = fs::path(o.out) / events_file;
        const Converted c = sqlite ? write_store(temp->path(), target, o.spec, o.threads, cuts)
                                   : write_ocel(temp->path(), target, o.threads);
        converted = sqlite ? " (source 'simulate', journey type '" + c.journey_type + "'"
                           : " (" + std::to_string(c.objects) + " objects";
        if (c.rejected > 0) {
            converted += ", " + std::to_string(c.rejected) + " rows without a case id " +
                         (sqlite ? "kept as rejected records" : "left out");
        }
        converted += ")";
    }
#endif
    ctx.out << "simulated " << s.journeys << " journeys (" << sim::process_name(scenario.process)
            << ", scenario " << scenario.name << ", seed " << o.seed << "): " << s.events
            << " events\n"
            << "red journeys: " << s.red << " (" << percent(s.red, s.journeys)
            << "), censored: " << s.censored << ", churned: " << s.churned
            << ", orphans: " << s.orphans << "\n"
            << "wrote " << (fs::path(o.out) / events_file).string() << converted
            << ", journeys.csv, touchpoints.csv, departments.csv, config.json\n";
    return exit_ok;
}

#endif // JOURNEY_HAVE_SIM

} // namespace

void setup_simulate(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<SimulateCmdOptions>();
    CLI::App* sub = app.add_subcommand(
        "simulate", "Generate an event log with planted failures and its ground truth");
    sub->add_option("--spec", opt->spec, "Journey spec (.journey); scenarios live next to it");
    sub->add_option("--scenario", opt->scenario,
                    "Scenario name (<spec dir>/scenarios/NAME.scenario) or a .scenario path");
    sub->add_option("--journeys", opt->journeys, "Number of journeys to simulate")
        ->each([opt](const std::string&) { opt->has_journeys = true; });
    sub->add_option("--seed", opt->seed, "Random seed (same seed, same bytes)")
        ->each([opt](const std::string&) { opt->has_seed = true; });
    sub->add_option("--out", opt->out, "Output directory (created if needed)");
    sub->add_option("--format", opt->format,
                    "Event format: csv (default), xes, sqlite (a journey store) or ocel "
                    "(OCEL 2.0 SQLite)");
    sub->add_option("--threads", opt->threads,
                    "Worker threads (default: all cores; the output does not depend on it)");
    sub->add_option("--watermelon-strength", opt->watermelon_strength,
                    "Scale every defect probability (0..1); on-time probabilities stay");
    sub->add_option("--ontime-p", opt->ontime_p,
                    "Replace every touchpoint's on-time probability (an honest red dashboard)");
    sub->add_option("--set", opt->set, "Override a scenario parameter: KEY=VALUE (repeatable)");
    sub->add_flag("--list-parameters", opt->list_parameters,
                  "List every scenario parameter with its default, then exit");
    sub->callback([opt, &ctx] {
#ifdef JOURNEY_HAVE_SIM
        ctx.exit_code = run_simulate(*opt, ctx);
#else
        (void)ctx;
        throw error("this build of journey has no simulator");
#endif
    });
}

} // namespace journey::cli
