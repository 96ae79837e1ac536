// Prints the speed and memory of the SQLite journey store: import of a generated
// log (5M events by default) into a new store, and reading it back for mining.
//
//   store_bench [--events N] [--dir DIR] [--keep]
//
// Each step runs in a forked child, so the peak RSS printed is that step's own
// (it includes the generated log the step starts from).

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include <malloc.h>
#include <sys/resource.h>

#include <journey/core/event_log_builder.hpp>
#include <journey/miners/dfg.hpp>
#include <journey/store/store.hpp>

#include "bench_util.hpp"

using namespace journey;

namespace {

using bench::Rng;
using bench::activities;
using bench::channels;
using bench::groups;
using bench::reasons;

/// Journeys of 12..28 events (mean 20), 300 agents, 14 departments, 5 channels; 40%
/// of events carry an amount (float), 30% a reason (string); one account object per event.
EventLog generate(std::size_t events) {
    EventLogBuilder b;
    b.reserve(events);
    const auto amount = b.event_attribute("amount", AttrType::real);
    const auto reason = b.event_attribute("reason", AttrType::string);
    Rng rng{0x2545F4914F6CDD1Dull};
    std::size_t written = 0;
    Timestamp t = 1'700'000'000LL * micros_per_second;
    char name[32];
    for (std::size_t c = 0; written < events; ++c) {
        std::snprintf(name, sizeof name, "J%07zu", c);
        b.begin_case(name);
        std::snprintf(name, sizeof name, "A%07zu", c);
        const std::string account = name;
        const std::size_t n = std::min<std::size_t>(12 + rng.below(17), events - written);
        Timestamp ts = t + static_cast<Timestamp>(rng.below(3600)) * micros_per_second;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t a = std::min<std::size_t>(i + rng.below(3), 24);
            ts += static_cast<Timestamp>(rng.below(86400 * 3)) * micros_per_second;
            std::snprintf(name, sizeof name, "agent-%03u", static_cast<unsigned>(rng.below(300)));
            EventFields f;
            f.activity = b.activities().insert(activities[a]);
            f.resource = b.resources().insert(name);
            f.department = b.departments().insert(groups[rng.below(14)]);
            f.channel = b.channels().insert(channels[rng.below(5)]);
            f.timestamp = ts;
            b.add_event(f);
            if (rng.below(10) < 4) {
                b.set_real(amount, static_cast<double>(rng.below(50000)) / 100.0);
            }
            if (rng.below(10) < 3) {
                b.set_string(reason, reasons[rng.below(4)]);
            }
            b.add_object("account", account);
        }
        written += n;
        t += 600 * micros_per_second;
    }
    return b.finish();
}

/// CPU seconds (user + system) used by finished children so far.
double children_cpu() {
    struct rusage ru {};
    ::getrusage(RUSAGE_CHILDREN, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/// Runs `work` in a child; prints wall time, CPU time, rate and the child's peak RSS.
bench::Measure step(const char* what, std::size_t events, const std::function<void()>& work) {
    const double cpu0 = children_cpu();
    const bench::Measure m = bench::in_child(work);
    const double cpu = children_cpu() - cpu0;
    std::printf("%-26s %7.2f s wall  %7.2f s cpu  %10.0f events/s  peak RSS %7.1f MiB%s\n",
                what, m.seconds, cpu, m.seconds > 0 ? static_cast<double>(events) / m.seconds : 0.0,
                static_cast<double>(m.peak_rss_kb) / 1024.0, m.ok ? "" : "  (FAILED)");
    return m;
}

} // namespace

int main(int argc, char** argv) {
    std::size_t events = 5'000'000;
    std::string dir = std::filesystem::temp_directory_path().string();
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--events") == 0 && i + 1 < argc) {
            events = std::stoull(argv[++i]);
        } else if (std::strcmp(argv[i], "--dir") == 0 && i + 1 < argc) {
            dir = argv[++i];
        } else if (std::strcmp(argv[i], "--keep") == 0) {
            keep = true;
        } else {
            std::fprintf(stderr, "usage: store_bench [--events N] [--dir DIR] [--keep]\n");
            return 2;
        }
    }
    const std::string path = dir + "/journey-store-bench.sqlite";
    std::filesystem::remove(path);

    if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
        double load = 0;
        if (std::fscanf(f, "%lf", &load) == 1) {
            std::printf("load average before the run: %.2f (wall times grow with it; cpu times do not)\n", load);
        }
        std::fclose(f);
    }
    std::printf("generating %zu events ...\n", events);
    EventLog log = generate(events);
    const std::size_t cases = log.num_cases();
    std::printf("%zu cases, %zu events, %zu object links\n", cases, log.num_events(),
                log.object_links().size());

    // The importing child holds the generated log (as an importer does).
    const bench::Measure imp = step("import into a new store", events, [&] {
        store::Store s(path, store::OpenMode::create);
        store::SourceInfo info;
        info.name = "bench";
        s.import_log(log, info);
    });
    std::printf("%-26s %7.1f MiB\n", "store file size",
                static_cast<double>(std::filesystem::file_size(path)) / (1024.0 * 1024.0));

    // The reading children start without it.
    log = EventLog();
    ::malloc_trim(0);
    const bench::Measure read = step("read back (EventLog)", events, [&] {
        store::Store s(path);
        const EventLog back = s.read_log();
        if (back.num_events() != events || back.num_cases() != cases) {
            _exit(1);
        }
    });
    const bench::Measure read_dfg = step("read back + DFG", events, [&] {
        store::Store s(path);
        const EventLog back = s.read_log();
        const miners::Dfg d = miners::discover_dfg(back);
        if (d.events != events) {
            _exit(1);
        }
    });
    bool same = false;
    {
        store::Store s(path);
        same = s.read_log() == generate(events);
    }
    std::printf("read-back log equals the generated one: %s\n", same ? "yes" : "NO");
    if (!keep) {
        std::filesystem::remove(path);
    }
    return imp.ok && read.ok && read_dfg.ok && same ? 0 : 1;
}
