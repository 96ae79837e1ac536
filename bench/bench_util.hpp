#pragma once
// Helpers for the benchmark programs: timing, peak memory of a child process,
// and a realistic generated event log.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace journey::bench {

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
