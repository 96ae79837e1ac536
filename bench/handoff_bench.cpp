// Prints the speed of the handoff analysis on simulated move-house logs: one pass
// computing handovers, waits, ping-pong, rework, re-asks, rejections and orphans
// (analyze_handoffs), then the information-loss signals and the contact-centre
// metrics, on one core and on all cores.
//
//   handoff_bench [--events 5000000] [--dir /tmp] [--threads N] [--keep]
//
// The log is written by the simulator (as_is scenario) to DIR/handoff-bench-N.csv,
// read back, and bound to examples/move-house/move-house.journey.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>

#include <journey/core/binding.hpp>
#include <journey/dsl/compile.hpp>
#include <journey/io/reader.hpp>
#include <journey/miners/contact_centre.hpp>
#include <journey/miners/handoff_signals.hpp>
#include <journey/miners/handoffs.hpp>
#include <journey/sim/scenario.hpp>
#include <journey/sim/simulate.hpp>

#include "bench_util.hpp"

using namespace journey;

namespace {

double seconds(const std::function<void()>& work) {
    const auto t0 = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

Journey load_spec(const std::string& dir) {
    const std::string path = dir + "/move-house.journey";
    dsl::MemoryFileSystem files;
    files.add(dsl::join_path(path, "uk-bank-holidays.txt"), read_text(dir + "/uk-bank-holidays.txt"));
    dsl::SourceManager sources;
    dsl::CompileOptions o;
    o.files = &files;
    dsl::CompileResult r = dsl::compile_text(sources, path, read_text(path), o);
    if (r.has_errors()) {
        std::fprintf(stderr, "handoff_bench: %s has errors\n", path.c_str());
        std::exit(1);
    }
    return std::move(r.model);
}

long peak_rss_kb() {
    struct rusage ru {};
    ::getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

} // namespace

int main(int argc, char** argv) {
    std::uint64_t events = 5'000'000;
    std::string dir = "/tmp";
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--events" && i + 1 < argc) {
            events = std::stoull(argv[++i]);
        } else if (a == "--dir" && i + 1 < argc) {
            dir = argv[++i];
        } else if (a == "--threads" && i + 1 < argc) {
            threads = static_cast<unsigned>(std::stoul(argv[++i]));
        } else if (a == "--keep") {
            keep = true;
        } else {
            std::fprintf(stderr, "usage: handoff_bench [--events N] [--dir DIR] [--threads N] [--keep]\n");
            return 2;
        }
    }
    const std::string examples = std::string(JOURNEY_SOURCE_DIR) + "/examples/move-house";
    const std::string csv = dir + "/handoff-bench-" + std::to_string(events) + ".csv";

    // About 26 events per simulated journey.
    const std::uint64_t journeys = std::max<std::uint64_t>(1, events / 26);
    {
        std::ofstream ev(csv, std::ios::binary);
        std::ostringstream truth;
        sim::SimulateOptions so;
        so.journeys = journeys;
        so.seed = 42;
        so.threads = threads;
        const double t = seconds([&] { sim::simulate(sim::Scenario{}, so, ev, truth); });
        std::printf("simulate     %9llu journeys            %7.2f s\n",
                    static_cast<unsigned long long>(journeys), t);
    }
    io::ReadResult r;
    {
        io::ReadOptions ro;
        ro.threads = threads;
        const double t = seconds([&] { r = io::read_log(csv, ro); });
        std::printf("read CSV     %9zu events              %7.2f s\n", r.log.num_events(), t);
    }
    if (!keep) {
        std::remove(csv.c_str());
    }
    const Journey spec = load_spec(examples);
    miners::HandoffContext ctx;
    {
        Binding b;
        const double tb = seconds([&] { b = bind(spec, r.log); });
        const double tc = seconds([&] { ctx = miners::make_handoff_context(spec, r.log, b); });
        std::printf("bind         %9zu events              %7.2f s\n", r.log.num_events(), tb);
        std::printf("context      %9zu objects             %7.2f s\n", ctx.object_types.size(), tc);
    }
    const double n = static_cast<double>(r.log.num_events());
    miners::HandoffResult result;
    for (const unsigned t : {1u, threads}) {
        miners::HandoffOptions o;
        o.threads = t;
        const double s = seconds([&] { result = miners::analyze_handoffs(r.log, ctx, o); });
        std::printf("handoffs     %u thread%s   %9.0f events/s    %7.2f s   (handovers, waits, "
                    "ping-pong, rework, orphans)\n",
                    t, t == 1 ? " " : "s", n / s, s);
        if (t == threads) {
            break;
        }
    }
    {
        miners::HandoffOptions o;
        o.threads = 1;
        o.beta = 0.5;
        const double s = seconds([&] { miners::analyze_handoffs(r.log, ctx, o); });
        std::printf("handoffs β=0.5, 1 thread  %9.0f events/s %7.2f s\n", n / s, s);
    }
    {
        const double s = seconds([&] { miners::information_loss(r.log, ctx); });
        std::printf("signals IL3-IL6           %9.0f events/s %7.2f s\n", n / s, s);
    }
    {
        const double s = seconds([&] { miners::contact_centre_metrics(r.log, ctx); });
        std::printf("contact centre            %9.0f events/s %7.2f s\n", n / s, s);
    }
    std::printf("result: %llu journeys, %llu handovers, ping-pong %.3f (naive %.3f), rework %.3f\n",
                static_cast<unsigned long long>(result.totals.journeys),
                static_cast<unsigned long long>(result.totals.handovers),
                result.ping_pong.object_level_case_rate, result.ping_pong.naive_case_rate,
                result.rework.case_rate);
    std::printf("peak RSS %.0f MB\n", static_cast<double>(peak_rss_kb()) / 1024.0);
    return 0;
}
