// wick-bench, storage section: the SQLite cache. Bulk insert of 1m bars
// (bars/s), a 100,000-bar range read, a cold open + last 2,000 bars, and bytes
// per bar on disk. Prints, never fails. `wick-bench --only storage` runs only
// this; WICK_BENCH_STORAGE_BARS sets the number of bars (default 5,000,000).
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <random>
#include <vector>

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include "BenchClock.h"
#include "storage/BarStore.h"
#include "storage/Database.h"
#include "storage/SymbolStore.h"

using namespace wick;

namespace {

using SteadyClock = std::chrono::steady_clock;

double msSince(SteadyClock::time_point start)
{
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

constexpr TimeMs kStart = 1'700'000'000'000 / kMinuteMs * kMinuteMs;
constexpr std::uint32_t kSymbols = 10;
std::size_t batchSize()
{
    bool ok = false;
    const qulonglong n = qEnvironmentVariable("WICK_BENCH_STORAGE_BATCH").toULongLong(&ok);
    return ok && n > 0 ? std::size_t(n) : 100'000;
}

// Process CPU time: this machine is shared, so wall time alone misleads.
double cpuMs()
{
    return double(std::clock()) * 1000.0 / CLOCKS_PER_SEC;
}

// One symbol's 1m bars: a random walk with realistic (non-round) prices,
// fractional volumes and trade counts.
std::vector<Bar> symbolBars(std::uint32_t symbol, std::size_t count)
{
    std::mt19937_64 rng(0x5eed + symbol);
    std::normal_distribution<double> step(0.0, 0.0008);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<Bar> bars(count);
    double price = 50.0 + 37.3 * symbol;
    for (std::size_t i = 0; i < count; ++i) {
        const double open = price;
        price *= 1.0 + step(rng);
        const double close = price;
        const double high = std::max(open, close) * (1.0 + 0.0004 * unit(rng));
        const double low = std::min(open, close) * (1.0 - 0.0004 * unit(rng));
        bars[i] = Bar {kStart + TimeMs(i) * kMinuteMs, open, high, low, close, 1000.0 * unit(rng),
            std::int64_t(1 + rng() % 500)};
    }
    return bars;
}

constexpr int kReadRounds = 9;

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double maxOf(const std::vector<double> &values)
{
    return *std::max_element(values.begin(), values.end());
}

// The share of the bars table's leaf pages in use, from dbstat when the SQLite
// build has it.
QString pageFill(Database &db)
{
    try {
        Query fill = db.query("SELECT count(*), sum(pgsize - unused), sum(pgsize) FROM dbstat "
                              "WHERE name = 'bars' AND pagetype = 'leaf'");
        if (!fill->step() || fill->int64(2) == 0)
            return QStringLiteral("no bars pages");
        return QStringLiteral("bars leaf pages %1, %2% full")
            .arg(fill->int64(0))
            .arg(100.0 * double(fill->int64(1)) / double(fill->int64(2)), 0, 'f', 1);
    } catch (const StorageError &) {
        return QStringLiteral("page fill unknown (SQLite without dbstat)");
    }
}

std::uint64_t barsToRun()
{
    bool ok = false;
    const qulonglong n = qEnvironmentVariable("WICK_BENCH_STORAGE_BARS").toULongLong(&ok);
    return ok && n >= kSymbols * 2000 ? n : 5'000'000;
}

}  // namespace

// Bulk insert, range read, cold read of the newest bars and bytes per bar
// (called from main.cpp; WICK_BENCH_STORAGE_BARS / _BATCH scale it).
void runStorageBench()
{
    const std::uint64_t total = barsToRun();
    const std::size_t perSymbol = std::size_t(total / kSymbols);
    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::printf("storage: no temporary directory, skipped\n");
        return;
    }
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    std::printf("storage: %u symbols x %zu 1m bars in %s (WICK_BENCH_STORAGE_BARS to change); "
                "load average %s\n",
        kSymbols, perSymbol, qPrintable(path), bench::loadAverage().c_str());
    std::fflush(stdout);
    try {
        std::vector<StoredSymbolId> ids;
        double insertMs = 0.0;
        double insertCpuMs = 0.0;
        const std::size_t kBatch = batchSize();
        {
            auto db = Database::open(path);
            SymbolStore symbols(*db);
            BarStore store(*db);
            for (std::uint32_t s = 0; s < kSymbols; ++s) {
                ids.push_back(
                    symbols.ensure(QStringLiteral("bench"), QStringLiteral("S%1").arg(s)));
                const std::vector<Bar> bars = symbolBars(s, perSymbol);
                const auto start = SteadyClock::now();
                const double cpuStart = cpuMs();
                for (std::size_t at = 0; at < bars.size(); at += kBatch) {
                    const std::size_t n = std::min(kBatch, bars.size() - at);
                    store.upsert(
                        ids.back(), Timeframe::M1, std::span<const Bar>(bars.data() + at, n));
                }
                insertMs += msSince(start);
                insertCpuMs += cpuMs() - cpuStart;
            }
            const auto checkpoint = SteadyClock::now();
            db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
            const double n = double(perSymbol) * kSymbols;
            std::printf("storage: insert %.0f bars, one transaction per %zu (BarStore::upsert): "
                        "%.0f ms wall = %.0f bars/s; %.0f ms CPU = %.0f bars/s per core "
                        "(checkpoint after: %.0f ms)\n",
                n, kBatch, insertMs, n / (insertMs / 1000.0), insertCpuMs,
                n / (insertCpuMs / 1000.0), msSince(checkpoint));
        }
        const double bytes = double(QFileInfo(path).size());
        std::printf("storage: file %.1f MB, %.1f bytes per bar (as written by appends)\n",
            bytes / 1e6, bytes / double(perSymbol * kSymbols));
        {
            // How full the b-tree pages of bars are (dbstat; SQLite's appends
            // into a WITHOUT ROWID table leave about 7/8, VACUUM packs them).
            auto db = Database::open(path, OpenOptions {OpenMode::ReadOnly, false});
            std::printf("storage: page size %lld; %s\n",
                static_cast<long long>(db->scalarInt("PRAGMA page_size")),
                qPrintable(pageFill(*db)));
        }

        {
            const auto start = SteadyClock::now();
            auto db = Database::open(path, OpenOptions {OpenMode::ReadOnly, false});
            const double openMs = msSince(start);
            const auto readStart = SteadyClock::now();
            const auto last = BarStore(*db).last(ids[kSymbols / 2], Timeframe::M1, 2000);
            std::printf("storage: cold read-only open %.2f ms + last %zu bars %.2f ms = %.2f ms "
                        "(new connection; the OS file cache is not dropped)\n",
                openMs, last.size(), msSince(readStart), msSince(start));
        }
        {
            auto db = Database::open(path, OpenOptions {OpenMode::ReadOnly, false});
            BarStore store(*db);
            const std::size_t want = std::min<std::size_t>(100'000, perSymbol);
            const TimeMs from = kStart + TimeMs(perSymbol - want) / 2 * kMinuteMs;
            std::vector<double> wall;
            std::vector<double> cpu;
            std::size_t got = 0;
            for (int round = 0; round < kReadRounds; ++round) {
                const auto start = SteadyClock::now();
                const double cpuStart = cpuMs();
                const auto bars
                    = store.range(ids[1], Timeframe::M1, from, from + TimeMs(want) * kMinuteMs);
                wall.push_back(msSince(start));
                cpu.push_back(cpuMs() - cpuStart);
                got = bars.size();
            }
            std::printf("storage: read range of %zu bars, %d rounds (the first on a new "
                        "connection): wall first %.2f, median %.2f, worst %.2f ms; CPU first "
                        "%.2f, median %.2f, worst %.2f ms\n",
                got, kReadRounds, wall.front(), median(wall), maxOf(wall), cpu.front(), median(cpu),
                maxOf(cpu));
        }
        {
            // Appends split b-tree pages and leave them about 7/8 full; VACUUM
            // rebuilds them packed. What a compacting maintenance step would give.
            auto db = Database::open(path, OpenOptions {OpenMode::ReadWrite, false});
            const auto start = SteadyClock::now();
            db->exec("VACUUM");
            db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
            const double vacuumMs = msSince(start);
            const double packed = double(QFileInfo(path).size());
            std::printf("storage: after VACUUM (%.0f ms): file %.1f MB, %.1f bytes per bar\n",
                vacuumMs, packed / 1e6, packed / double(perSymbol * kSymbols));
        }
        {
            const auto start = SteadyClock::now();
            auto db = Database::open(path);
            std::printf("storage: read-write open with PRAGMA quick_check: %.0f ms (the storage "
                        "thread's start-up, not the chart's)\n",
                msSince(start));
        }
        std::printf("storage: load average at the end %s\n", bench::loadAverage().c_str());
    } catch (const StorageError &error) {
        std::printf("storage: failed: %s\n", error.what());
    }
    std::fflush(stdout);
}
