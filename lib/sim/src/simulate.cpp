#include <journey/sim/simulate.hpp>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <ostream>
#include <thread>
#include <vector>

#include <journey/core/error.hpp>
#include <journey/sim/generator.hpp>

namespace journey::sim {

namespace {

struct Block {
    std::string events;
    std::string journeys;
    SimulateSummary summary;
};

void make_block(const Generator& gen, const OutputFormatter& fmt, std::uint64_t first,
                std::uint64_t count, SimulatedJourney& j, Block& b) {
    std::string late;
    b.events.reserve(count * 3000);
    b.journeys.reserve(count * 200);
    for (std::uint64_t i = first; i < first + count; ++i) {
        gen.generate(i, j);
        fmt.journey_events(j, b.events, late);
        fmt.journey_truth(j, b.journeys);
        ++b.summary.journeys;
        b.summary.events += j.truth.events;
        b.summary.red += j.truth.red ? 1 : 0;
        b.summary.censored += j.truth.censored ? 1 : 0;
        b.summary.surveyed += j.truth.score >= 0 ? 1 : 0;
        b.summary.churned += j.truth.churn ? 1 : 0;
        b.summary.orphans += j.truth.orphan ? 1 : 0;
    }
    b.events += late;
}

void add(SimulateSummary& a, const SimulateSummary& b) {
    a.journeys += b.journeys;
    a.events += b.events;
    a.red += b.red;
    a.censored += b.censored;
    a.surveyed += b.surveyed;
    a.churned += b.churned;
    a.orphans += b.orphans;
}

void write(std::ostream& out, const std::string& s) {
    out.write(s.data(), static_cast<std::streamsize>(s.size()));
    if (!out) {
        throw io_error("", "cannot write simulator output");
    }
}

} // namespace

SimulateSummary simulate(const Scenario& scenario, const SimulateOptions& options,
                         std::ostream& events, std::ostream& journeys) {
    const Generator gen(scenario, GeneratorOptions{options.journeys, options.seed});
    const OutputFormatter fmt(gen, options.format);
    {
        std::string head;
        fmt.events_header(head);
        write(events, head);
        head.clear();
        fmt.journeys_header(head);
        write(journeys, head);
    }
    const std::uint64_t n = options.journeys;
    const std::uint64_t blocks = (n + block_size - 1) / block_size;
    unsigned threads = options.threads == 0 ? std::thread::hardware_concurrency() : options.threads;
    threads = static_cast<unsigned>(
        std::clamp<std::uint64_t>(threads, 1, std::max<std::uint64_t>(1, blocks)));
    SimulateSummary total;
    std::uint64_t bytes = 0;

    if (threads <= 1) {
        SimulatedJourney j;
        for (std::uint64_t b = 0; b < blocks; ++b) {
            Block blk;
            const std::uint64_t first = b * block_size;
            make_block(gen, fmt, first, std::min(block_size, n - first), j, blk);
            write(events, blk.events);
            write(journeys, blk.journeys);
            bytes += blk.events.size();
            add(total, blk.summary);
            if (options.progress) {
                options.progress(first + blk.summary.journeys, n, bytes);
            }
        }
    } else {
        // Workers claim blocks in order; the caller's thread writes them in order.
        // At most `window` blocks are in flight, so memory does not grow with N.
        const std::uint64_t window = 2ULL * threads;
        std::vector<std::optional<Block>> ring(window);
        std::mutex mu;
        std::condition_variable cv;
        std::uint64_t next_claim = 0;
        std::uint64_t next_write = 0;
        bool stop = false;
        std::exception_ptr failure;

        const auto worker = [&] {
            SimulatedJourney j;
            while (true) {
                std::uint64_t b = 0;
                {
                    std::unique_lock lock(mu);
                    cv.wait(lock, [&] {
                        return stop || next_claim >= blocks || next_claim < next_write + window;
                    });
                    if (stop || next_claim >= blocks) {
                        return;
                    }
                    b = next_claim++;
                }
                Block blk;
                try {
                    const std::uint64_t first = b * block_size;
                    make_block(gen, fmt, first, std::min(block_size, n - first), j, blk);
                } catch (...) {
                    std::lock_guard lock(mu);
                    if (!failure) {
                        failure = std::current_exception();
                    }
                    stop = true;
                    cv.notify_all();
                    return;
                }
                std::lock_guard lock(mu);
                ring[b % window] = std::move(blk);
                cv.notify_all();
            }
        };
        std::vector<std::thread> pool;
        pool.reserve(threads);
        for (unsigned i = 0; i < threads; ++i) {
            pool.emplace_back(worker);
        }
        try {
            for (std::uint64_t b = 0; b < blocks; ++b) {
                Block blk;
                {
                    std::unique_lock lock(mu);
                    cv.wait(lock, [&] { return stop || ring[b % window].has_value(); });
                    if (stop) {
                        break;
                    }
                    blk = std::move(*ring[b % window]);
                    ring[b % window].reset();
                    next_write = b + 1;
                    cv.notify_all();
                }
                write(events, blk.events);
                write(journeys, blk.journeys);
                bytes += blk.events.size();
                add(total, blk.summary);
                if (options.progress) {
                    options.progress(total.journeys, n, bytes);
                }
            }
        } catch (...) {
            {
                std::lock_guard lock(mu);
                stop = true;
                cv.notify_all();
            }
            for (std::thread& t : pool) {
                t.join();
            }
            throw;
        }
        for (std::thread& t : pool) {
            t.join();
        }
        if (failure) {
            std::rethrow_exception(failure);
        }
    }
    std::string tail;
    fmt.events_footer(tail);
    write(events, tail);
    events.flush();
    journeys.flush();
    if (!events || !journeys) {
        throw io_error("", "cannot write simulator output");
    }
    return total;
}

namespace {

void write_file(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
        throw io_error(p.string(), "cannot write file");
    }
}

} // namespace

SimulateSummary simulate_to_directory(const Scenario& scenario, const SimulateOptions& options,
                                      const std::string& dir) {
    namespace fs = std::filesystem;
    const Generator gen(scenario, GeneratorOptions{options.journeys, options.seed});
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir)) {
        throw io_error(dir, "cannot create output directory" +
                                (ec ? ": " + ec.message() : std::string()));
    }
    const fs::path base(dir);
    write_file(base / "touchpoints.csv", touchpoints_csv(gen));
    write_file(base / "departments.csv", departments_csv(gen));
    write_file(base / "config.json", options.format_name.empty()
                                         ? config_json(gen, options.format)
                                         : config_json(gen, options.format_name));
    const fs::path events_path =
        base / (!options.events_file.empty()         ? options.events_file
                : options.format == EventFormat::csv ? std::string("events.csv")
                                                     : std::string("events.xes"));
    const fs::path journeys_path = base / "journeys.csv";
    std::ofstream events(events_path, std::ios::binary);
    if (!events) {
        throw io_error(events_path.string(), "cannot open for writing");
    }
    std::ofstream journeys(journeys_path, std::ios::binary);
    if (!journeys) {
        throw io_error(journeys_path.string(), "cannot open for writing");
    }
    SimulateSummary s;
    try {
        s = simulate(scenario, options, events, journeys);
    } catch (const io_error&) {
        throw io_error(events_path.string(), "cannot write simulator output");
    }
    events.close();
    journeys.close();
    if (!events) {
        throw io_error(events_path.string(), "cannot write file");
    }
    if (!journeys) {
        throw io_error(journeys_path.string(), "cannot write file");
    }
    return s;
}

} // namespace journey::sim
