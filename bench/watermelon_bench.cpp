// Prints the speed and memory of `journey scorecard` + `journey watermelon` work
// (binding the spec, evaluating every journey, the watermelon figures and the
// attribution) on simulated move-house logs: 10k, 100k and 1M journeys by default
// (1M journeys ≈ 23M events; the target is under 20 s on one core).
//
//   watermelon_bench [--journeys 10000,100000,1000000] [--dir /tmp] [--threads 1]
//                    [--scenario FILE] [--spec FILE] [--no-attribution]
//
// The simulated logs are written once to DIR/journeykit-wm-<N>/ and reused by later
// runs (delete the directory to regenerate). Reading the CSV is timed separately:
// it is the reader's cost, not the watermelon's. Each size runs in a forked child so
// that its peak RSS is its own.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>

#include <journey/dsl/dsl.hpp>
#include <journey/io/reader.hpp>
#include <journey/miners/watermelon.hpp>
#include <journey/sim/simulate.hpp>
#include <journey/sim/scenario.hpp>

#include "bench_util.hpp"

using namespace journey;

namespace {

#ifdef JOURNEY_SOURCE_DIR
const std::string source_dir = JOURNEY_SOURCE_DIR;
#else
const std::string source_dir = ".";
#endif

struct Options {
    std::vector<std::uint64_t> journeys{10000, 100000, 1000000};
    std::string dir = "/tmp";
    unsigned threads = 1;
    std::string scenario = source_dir + "/examples/move-house/scenarios/as_is.scenario";
    std::string spec = source_dir + "/examples/move-house/move-house.journey";
    bool attribution = true;
};

double thread_cpu_s() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double process_cpu_s() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double wall_s() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Reads holiday files next to the spec.
class DiskFiles : public dsl::FileSystem {
public:
    std::optional<std::string> read(const std::string& path) override {
        if (!exists(path)) {
            return std::nullopt;
        }
        return slurp(path);
    }
};

std::vector<std::uint64_t> parse_sizes(const char* s) {
    std::vector<std::uint64_t> out;
    std::stringstream in(s);
    std::string item;
    while (std::getline(in, item, ',')) {
        out.push_back(std::stoull(item));
    }
    return out;
}

/// Runs in the child: read, bind, evaluate; prints one result line.
void measure(const Options& o, const std::string& events, const Journey& spec) {
    const double r0 = wall_s();
    io::ReadOptions ro;
    ro.threads = 0;
    const io::ReadResult read = io::read_log(events, ro);
    const double read_s = wall_s() - r0;

    const double w0 = wall_s();
    const double c0 = o.threads == 1 ? thread_cpu_s() : process_cpu_s();
    const miners::JourneyEvaluator evaluator(spec, read.log);
    const double bind_wall = wall_s() - w0;
    const double bind_cpu = (o.threads == 1 ? thread_cpu_s() : process_cpu_s()) - c0;
    miners::WatermelonOptions wo;
    wo.attribute = o.attribution;
    const miners::WatermelonReport r = miners::detect_watermelon(evaluator, wo, o.threads);
    const double total_wall = wall_s() - w0;
    const double total_cpu = (o.threads == 1 ? thread_cpu_s() : process_cpu_s()) - c0;
    const double events_n = static_cast<double>(read.log.num_events());
    std::printf("%10zu %11zu %8.2f %8.2f %8.2f %8.2f %8.2f %9.2f  %s\n", read.log.num_cases(),
                read.log.num_events(), read_s, bind_wall, bind_cpu, total_wall, total_cpu,
                events_n / total_wall / 1e6, std::string(miners::verdict_name(r.verdict)).c_str());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> const char* {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--journeys") {
            o.journeys = parse_sizes(next());
        } else if (a == "--dir") {
            o.dir = next();
        } else if (a == "--threads") {
            o.threads = static_cast<unsigned>(std::stoul(next()));
        } else if (a == "--scenario") {
            o.scenario = next();
        } else if (a == "--spec") {
            o.spec = next();
        } else if (a == "--no-attribution") {
            o.attribution = false;
        } else {
            std::fprintf(stderr,
                         "usage: watermelon_bench [--journeys 10000,100000,1000000] [--dir DIR] "
                         "[--threads N] [--scenario FILE] [--spec FILE] [--no-attribution]\n");
            return 2;
        }
    }

    dsl::SourceManager sources;
    DiskFiles files;
    dsl::CompileOptions co;
    co.files = &files;
    const dsl::CompileResult spec = dsl::compile(sources, sources.add(o.spec, slurp(o.spec)), co);
    if (spec.has_errors()) {
        std::fprintf(stderr, "%s has errors\n", o.spec.c_str());
        return 1;
    }
    const sim::Scenario scenario = sim::load_scenario(o.scenario);

    std::printf("watermelon_bench: spec %s, scenario %s, threads %u, attribution %s\n",
                o.spec.c_str(), scenario.name.c_str(), o.threads, o.attribution ? "on" : "off");
    std::printf("(times in seconds; bind = spec binding; total = bind + every figure; cpu = CPU time "
                "of the analysis)\n");
    std::printf("%10s %11s %8s %8s %8s %8s %8s %9s %9s  %s\n", "journeys", "events", "read", "bind",
                "bind-cpu", "total", "cpu", "Mev/s", "peak MB", "verdict");
    for (const std::uint64_t n : o.journeys) {
        const std::string dir = o.dir + "/journeykit-wm-" + std::to_string(n);
        const std::string events = dir + "/events.csv";
        if (!exists(events)) {
            sim::SimulateOptions so;
            so.journeys = n;
            so.seed = 42;
            so.threads = 0;
            sim::simulate_to_directory(scenario, so, dir);
        }
        std::fflush(stdout);
        const bench::Measure m = bench::in_child([&] {
            try {
                measure(o, events, spec.model);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "watermelon_bench: %s\n", e.what());
                std::fflush(stderr);
                std::_Exit(1);
            }
        });
        if (!m.ok) {
            std::printf("%10llu  failed\n", static_cast<unsigned long long>(n));
            continue;
        }
        std::printf("%10s %11s %8s %8s %8s %8s %8s %9s %9.0f\n", "", "", "", "", "", "", "", "",
                    static_cast<double>(m.peak_rss_kb) / 1024.0);
    }
    return 0;
}
