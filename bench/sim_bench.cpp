// Simulator throughput: events per second and peak memory when streaming the
// as_is scenario to events.csv + journeys.csv, for 10k, 100k and 1M journeys
// (each run in a forked child so its peak RSS is its own).
//
//   sim_bench [--threads N] [--max JOURNEYS] [--dir DIR] [--format csv|xes]
//
// The output directory (default: a temporary one) is removed after each run.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <journey/sim/scenario.hpp>
#include <journey/sim/simulate.hpp>

#include "bench_util.hpp"

#include <sys/resource.h>

namespace {

std::uint64_t parse_count(const char* s) {
    return std::strtoull(s, nullptr, 10);
}

// CPU seconds (user + system) of all waited-for children so far.
double children_cpu_seconds() {
    struct rusage ru {};
    ::getrusage(RUSAGE_CHILDREN, &ru);
    const auto sec = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return sec(ru.ru_utime) + sec(ru.ru_stime);
}

} // namespace

int main(int argc, char** argv) {
    unsigned threads = 1;
    std::uint64_t max_journeys = 1000000;
    std::string dir = (std::filesystem::temp_directory_path() / "journey_sim_bench").string();
    journey::sim::EventFormat format = journey::sim::EventFormat::csv;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--threads") {
            threads = static_cast<unsigned>(parse_count(argv[i + 1]));
        } else if (a == "--max") {
            max_journeys = parse_count(argv[i + 1]);
        } else if (a == "--dir") {
            dir = argv[i + 1];
        } else if (a == "--format") {
            format = std::string(argv[i + 1]) == "xes" ? journey::sim::EventFormat::xes
                                                       : journey::sim::EventFormat::csv;
        } else {
            std::fprintf(stderr, "usage: sim_bench [--threads N] [--max JOURNEYS] [--dir DIR] "
                                 "[--format csv|xes]\n");
            return 2;
        }
    }
    const journey::sim::Scenario scenario = journey::sim::load_scenario(
        std::string(JOURNEY_SOURCE_DIR) + "/examples/move-house/scenarios/as_is.scenario");
    std::printf("journey simulate benchmark: scenario as_is, %u thread(s), %s to %s\n", threads,
                format == journey::sim::EventFormat::csv ? "CSV" : "XES", dir.c_str());
    // events/s is wall clock; events/CPU-s divides by the child's user + system time,
    // which is the per-core figure even when other work shares the machine.
    std::printf("%10s %12s %9s %9s %12s %14s %12s\n", "journeys", "events", "wall s", "CPU s",
                "events/s", "events/CPU-s", "peak RSS MB");
    for (const std::uint64_t n : {10000ULL, 100000ULL, 1000000ULL, 10000000ULL}) {
        if (n > max_journeys) {
            break;
        }
        std::filesystem::remove_all(dir);
        std::uint64_t events = 0;
        // The child reports its event count through a file next to the output.
        const std::string count_file = dir + ".count";
        const double cpu_before = children_cpu_seconds();
        const journey::bench::Measure m = journey::bench::in_child([&] {
            journey::sim::SimulateOptions o;
            o.journeys = n;
            o.seed = 42;
            o.threads = threads;
            o.format = format;
            const auto s = journey::sim::simulate_to_directory(scenario, o, dir);
            if (FILE* f = std::fopen(count_file.c_str(), "w")) {
                std::fprintf(f, "%llu\n", static_cast<unsigned long long>(s.events));
                std::fclose(f);
            }
        });
        const double cpu = children_cpu_seconds() - cpu_before;
        if (FILE* f = std::fopen(count_file.c_str(), "r")) {
            unsigned long long e = 0;
            if (std::fscanf(f, "%llu", &e) == 1) {
                events = e;
            }
            std::fclose(f);
        }
        std::filesystem::remove(count_file);
        std::filesystem::remove_all(dir);
        if (!m.ok) {
            std::printf("%10llu failed\n", static_cast<unsigned long long>(n));
            return 1;
        }
        std::printf("%10llu %12llu %9.2f %9.2f %12.0f %14.0f %12.1f\n",
                    static_cast<unsigned long long>(n), static_cast<unsigned long long>(events),
                    m.seconds, cpu, static_cast<double>(events) / m.seconds,
                    static_cast<double>(events) / cpu, static_cast<double>(m.peak_rss_kb) / 1024.0);
    }
    return 0;
}
