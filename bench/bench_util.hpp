#pragma once
// Helpers for the benchmark programs: timing, peak memory of a child process,
// and the vocabulary of the generated event logs.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace journey::bench {

// The vocabulary and the random stream of the generated benchmark logs (io_bench,
// store_bench): a move-house-like mix of 25 activities, 14 departments, 5 channels.
inline constexpr const char* activities[] = {
    "Call answered", "MoveRequest case created", "Quote issued", "Move acknowledgement sent",
    "Move-out document created", "Read requested", "Read received", "Read estimated",
    "Move-out confirmation sent", "Final bill issued", "Refund paid", "Move-in document created",
    "Registration request sent", "Registration accepted", "Energisation order completed",
    "Opening read received", "DD mandate transferred", "Welcome pack sent",
    "Online account linked", "First bill issued", "Status call", "Dispute raised",
    "Bill cancelled", "Rebill issued", "Complaint logged"};
inline constexpr const char* groups[] = {
    "Customer Service", "Digital", "Sales", "MIMO back office", "Metering",
    "Market Operations", "Network operator", "Billing", "Payments", "Credit & Collections",
    "Communications", "Marketing", "Complaints", "CX Insight"};
inline constexpr const char* channels[] = {"phone", "web", "app", "email", "internal"};
inline constexpr const char* reasons[] = {"moved", "estimated read", "wrong tariff", "missing bill"};

/// xorshift64: a fast, seedable stream; the same seed gives the same log.
struct Rng {
    std::uint64_t s;
    std::uint64_t next() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    }
    std::uint64_t below(std::uint64_t n) { return next() % n; }
};

struct Measure {
    double seconds = 0;
    long peak_rss_kb = 0;
    bool ok = false;
};

/// Runs `work` in a forked child so its peak RSS is its own; returns wall time
/// (measured in the child, reported through a pipe) and the child's peak RSS.
inline Measure in_child(const std::function<void()>& work) {
    int fds[2];
    if (::pipe(fds) != 0) {
        return {};
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        const auto t0 = std::chrono::steady_clock::now();
        work();
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (::write(fds[1], &s, sizeof s) != static_cast<ssize_t>(sizeof s)) {
            _exit(1);
        }
        _exit(0);
    }
    ::close(fds[1]);
    Measure m;
    double s = 0;
    const bool got = ::read(fds[0], &s, sizeof s) == static_cast<ssize_t>(sizeof s);
    ::close(fds[0]);
    int status = 0;
    struct rusage ru {};
    ::wait4(pid, &status, 0, &ru);
    m.seconds = s;
    m.peak_rss_kb = ru.ru_maxrss;
    m.ok = got && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return m;
}

/// Runs a shell command; returns wall time and the peak RSS of the command.
inline Measure run_command(const std::string& cmd) {
    const auto t0 = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    int status = 0;
    struct rusage ru {};
    ::wait4(pid, &status, 0, &ru);
    Measure m;
    m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    m.peak_rss_kb = ru.ru_maxrss;
    m.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return m;
}

} // namespace journey::bench
