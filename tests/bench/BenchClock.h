// tests/bench: what every bench section measures with: this thread's CPU time,
// best-of-3 timing in ns per item, and the machine's load average (the figures
// come from a shared machine, so each section prints it). Header only; any thread.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <ctime>
#include <string>

namespace wick::bench {

// Nanoseconds of this thread's CPU time where the system has it: on a shared
// machine a run of a few milliseconds is often descheduled, and wall time would
// count the other processes' turns.
inline double cpuNs()
{
#if defined(CLOCK_THREAD_CPUTIME_ID)
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
#else
    return std::chrono::duration<double, std::nano>(
        std::chrono::steady_clock::now().time_since_epoch())
        .count();
#endif
}

// Best of 3 runs of f(), in thread-CPU ns per item (n items per run).
template<class F>
double bestOf3(std::size_t n, F &&f)
{
    double best = 1e300;
    for (int rep = 0; rep < 3; ++rep) {
        const double start = cpuNs();
        f();
        best = std::min(best, (cpuNs() - start) / double(n));
    }
    return best;
}

// "4.67 4.36 4.95" (1, 5 and 15 minutes), or "n/a".
inline std::string loadAverage()
{
    std::FILE *f = std::fopen("/proc/loadavg", "r");
    if (!f)
        return "n/a";
    char text[64] = {};
    const bool ok = std::fgets(text, sizeof text, f) != nullptr;
    std::fclose(f);
    if (!ok)
        return "n/a";
    const std::string s(text);
    std::size_t end = 0;
    for (int field = 0; field < 3 && end != std::string::npos; ++field)
        end = s.find(' ', end + (field > 0 ? 1 : 0));
    return s.substr(0, end);
}

}  // namespace wick::bench
