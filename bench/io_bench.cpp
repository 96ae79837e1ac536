// Prints the speed and memory of journeykit's hot paths: CSV and XES import, DFG,
// variants, and the whole `journey dfg` process, on generated logs of realistic
// shape (1M and 5M events by default) and on the real logs in tests/data/logs.
//
//   io_bench [--sizes 1000000,5000000] [--xes-sizes 1000000] [--dir /tmp] [--threads N]

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <journey/core/time.hpp>
#include <journey/io/reader.hpp>
#include <journey/miners/dfg.hpp>
#include <journey/miners/variants.hpp>

#include "bench_util.hpp"

using namespace journey;

namespace {

using bench::Rng;
using bench::activities;
using bench::channels;
using bench::groups;
using bench::reasons;

/// Journeys of 12..28 events (mean 20) drawn from a skewed activity mix.
void generate_csv(const std::string& path, std::size_t events) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) {
        std::perror(path.c_str());
        std::exit(1);
    }
    std::fputs("case:concept:name,concept:name,time:timestamp,org:resource,org:group,channel,amount,reason\n", f);
    Rng rng{0x2545F4914F6CDD1Dull};
    std::size_t written = 0;
    Timestamp t = 1'700'000'000LL * micros_per_second;
    for (std::size_t c = 0; written < events; ++c) {
        const std::size_t n = std::min<std::size_t>(12 + rng.below(17), events - written);
        Timestamp ts = t + static_cast<Timestamp>(rng.below(3600)) * micros_per_second;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t a = std::min<std::size_t>(i + rng.below(3), 24);
            ts += static_cast<Timestamp>(rng.below(86400 * 3)) * micros_per_second + static_cast<Timestamp>(rng.below(1000)) * 1000;
            const std::string when = format_iso8601(ts);
            std::fprintf(f, "J%07zu,%s,%s,agent-%03u,%s,%s,", c, activities[a], when.c_str(),
                         static_cast<unsigned>(rng.below(300)), groups[rng.below(14)],
                         channels[rng.below(5)]);
            if (rng.below(10) < 4) {
                std::fprintf(f, "%u.%02u", static_cast<unsigned>(rng.below(500)), static_cast<unsigned>(rng.below(100)));
            }
            std::fputc(',', f);
            if (rng.below(10) < 3) {
                std::fputs(reasons[rng.below(4)], f);
            }
            std::fputc('\n', f);
        }
        written += n;
        t += 600 * micros_per_second;
    }
    std::fclose(f);
}

void generate_xes(const std::string& path, std::size_t events) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) {
        std::perror(path.c_str());
        std::exit(1);
    }
    std::fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1849-2016\" xmlns=\"http://www.xes-standard.org/\">\n"
               "<extension name=\"Concept\" prefix=\"concept\" uri=\"http://www.xes-standard.org/concept.xesext\"/>\n"
               "<extension name=\"Time\" prefix=\"time\" uri=\"http://www.xes-standard.org/time.xesext\"/>\n"
               "<extension name=\"Organizational\" prefix=\"org\" uri=\"http://www.xes-standard.org/org.xesext\"/>\n"
               "<extension name=\"Lifecycle\" prefix=\"lifecycle\" uri=\"http://www.xes-standard.org/lifecycle.xesext\"/>\n", f);
    Rng rng{0x9E3779B97F4A7C15ull};
    std::size_t written = 0;
    Timestamp t = 1'700'000'000LL * micros_per_second;
    for (std::size_t c = 0; written < events; ++c) {
        const std::size_t n = std::min<std::size_t>(12 + rng.below(17), events - written);
        std::fprintf(f, "<trace>\n<string key=\"concept:name\" value=\"J%07zu\"/>\n", c);
        Timestamp ts = t;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t a = std::min<std::size_t>(i + rng.below(3), 24);
            ts += static_cast<Timestamp>(rng.below(86400 * 3)) * micros_per_second;
            const std::string when = format_iso8601(ts);
            std::fprintf(f,
                         "<event>\n<string key=\"concept:name\" value=\"%s\"/>\n<date key=\"time:timestamp\" value=\"%s\"/>\n"
                         "<string key=\"org:resource\" value=\"agent-%03u\"/>\n<string key=\"lifecycle:transition\" value=\"complete\"/>\n"
                         "<int key=\"attempt\" value=\"%u\"/>\n<string key=\"reason\" value=\"%s\"/>\n</event>\n",
                         activities[a], when.c_str(), static_cast<unsigned>(rng.below(300)),
                         static_cast<unsigned>(rng.below(4)), reasons[rng.below(4)]);
        }
        std::fputs("</trace>\n", f);
        written += n;
        t += 600 * micros_per_second;
    }
    std::fputs("</log>\n", f);
    std::fclose(f);
}

std::size_t file_size(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    return in ? static_cast<std::size_t>(in.tellg()) : 0;
}

std::vector<std::size_t> parse_sizes(const char* s) {
    std::vector<std::size_t> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ',')) {
        out.push_back(std::stoull(item));
    }
    return out;
}

void report(const char* what, const std::string& label, std::size_t events, std::size_t bytes,
            const bench::Measure& m) {
    if (!m.ok) {
        std::printf("%-22s %-26s FAILED\n", what, label.c_str());
        return;
    }
    std::printf("%-22s %-26s %8.3f s %8.2f M events/s", what, label.c_str(), m.seconds,
                static_cast<double>(events) / m.seconds / 1e6);
    if (bytes > 0) {
        std::printf(" %7.0f MB/s", static_cast<double>(bytes) / m.seconds / 1e6);
    }
    std::printf("  peak %6.0f MB\n", static_cast<double>(m.peak_rss_kb) / 1024.0);
}

void bench_file(const std::string& path, const std::string& label, unsigned threads) {
    io::ReadOptions ro;
    ro.threads = threads;
    std::size_t events = 0;
    double bytes_per_event = 0;
    {
        const io::ReadResult r = io::read_log(path, ro);
        events = r.log.num_events();
        bytes_per_event =
            static_cast<double>(r.log.core_column_bytes()) / static_cast<double>(std::max<std::size_t>(events, 1));
    }
    const std::size_t bytes = file_size(path);
    report("import", label, events, bytes, bench::in_child([&] { (void)io::read_log(path, ro); }));
    const io::ReadResult r = io::read_log(path, ro);
    miners::DfgOptions dopt;
    dopt.threads = threads;
    report("dfg (in memory)", label, events, 0,
           bench::in_child([&] { (void)miners::discover_dfg(r.log, dopt); }));
    report("variants (in memory)", label, events, 0,
           bench::in_child([&] { (void)miners::discover_variants(r.log, threads); }));
    std::printf("%-22s %-26s %8.1f bytes/event (core columns)\n", "memory", label.c_str(),
                bytes_per_event);
#ifdef JOURNEY_CLI_PATH
    const std::string cmd = std::string(JOURNEY_CLI_PATH) + " dfg '" + path + "' --json --threads " +
                            std::to_string(threads) + " > /dev/null";
    report("journey dfg --json", label, events, bytes, bench::run_command(cmd));
#endif
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::size_t> sizes{1'000'000, 5'000'000};
    std::vector<std::size_t> xes_sizes{1'000'000};
    std::string dir = "/tmp";
    unsigned threads = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--sizes" && i + 1 < argc) {
            sizes = parse_sizes(argv[++i]);
        } else if (a == "--xes-sizes" && i + 1 < argc) {
            xes_sizes = parse_sizes(argv[++i]);
        } else if (a == "--dir" && i + 1 < argc) {
            dir = argv[++i];
        } else if (a == "--threads" && i + 1 < argc) {
            threads = static_cast<unsigned>(std::stoul(argv[++i]));
        } else {
            std::fprintf(stderr, "usage: io_bench [--sizes N,N] [--xes-sizes N,N] [--dir DIR] [--threads N]\n");
            return 2;
        }
    }
    std::printf("journeykit io_bench (threads=%u; 0 = all cores)\n\n", threads);
    for (const char* name : {"sepsis.xes.gz", "helpdesk.xes.gz", "sepsis-semicolon.csv"}) {
        bench_file(std::string(JOURNEY_TEST_DATA_DIR) + "/logs/" + name, name, threads);
    }
    for (const std::size_t n : sizes) {
        const std::string path = dir + "/journeykit-bench-" + std::to_string(n) + ".csv";
        if (file_size(path) == 0) {
            generate_csv(path, n);
        }
        bench_file(path, "generated csv " + std::to_string(n / 1000) + "k", threads);
    }
    for (const std::size_t n : xes_sizes) {
        const std::string path = dir + "/journeykit-bench-" + std::to_string(n) + ".xes";
        if (file_size(path) == 0) {
            generate_xes(path, n);
        }
        bench_file(path, "generated xes " + std::to_string(n / 1000) + "k", threads);
    }
    return 0;
}
