// wick-bench, binance section: Binance trade messages parsed per second on one
// core, simdjson (the parser the feed uses) against QJsonDocument, on raw and
// combined-stream frames, and from QString (what QWebSocket's text frames give).
// Prints, never fails. `wick-bench --only binance`; --binance-messages N.
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include <QString>

#include "feeds/binance/BinanceStreamParser.h"

using namespace wick;

namespace {

double threadCpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

// Distinct frames shaped like the fixtures: a random walk around 61,350 USDT
// with 8-decimal prices and quantities, ascending ids and times.
std::vector<std::string> tradeFrames(std::size_t count, bool combined)
{
    std::mt19937_64 rng(0xb1a5);
    std::vector<std::string> frames;
    frames.reserve(count);
    std::int64_t cents = 6'135'015;
    std::int64_t id = 3'452'187'521;
    std::int64_t time = 1'709'254'901'214;
    char buf[320];
    for (std::size_t i = 0; i < count; ++i) {
        cents += std::int64_t(rng() % 5) - 2;
        time += std::int64_t(rng() % 40);
        const std::uint64_t qty = 1 + rng() % 500'000;
        const bool maker = rng() & 1;
        const char *format = combined
            ? R"({"stream":"btcusdt@trade","data":{"e":"trade","E":%lld,"s":"BTCUSDT","t":%lld,"p":"%lld.%02lld000000","q":"%llu.%08llu","T":%lld,"m":%s,"M":true}})"
            : R"({"e":"trade","E":%lld,"s":"BTCUSDT","t":%lld,"p":"%lld.%02lld000000","q":"%llu.%08llu","T":%lld,"m":%s,"M":true})";
        const int n = std::snprintf(buf, sizeof buf, format, (long long)(time + 1), (long long)id++,
            (long long)(cents / 100), (long long)(cents % 100),
            (unsigned long long)(qty / 100'000'000), (unsigned long long)(qty % 100'000'000),
            (long long)time, maker ? "true" : "false");
        frames.emplace_back(buf, std::size_t(n));
    }
    return frames;
}

template<typename Parse>
void measure(const char *name, std::size_t messages, const std::vector<std::string> &frames,
    std::size_t bytes, Parse parse)
{
    double checksum = 0.0;
    std::size_t failed = 0;
    const auto wallStart = std::chrono::steady_clock::now();
    const double cpuStart = threadCpuSeconds();
    for (std::size_t i = 0; i < messages; ++i) {
        const Parsed<BinanceTrade> t = parse(frames[i % frames.size()]);
        if (t.ok())
            checksum += t.value().price;
        else
            ++failed;
    }
    const double cpu = threadCpuSeconds() - cpuStart;
    const double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    const double avgBytes = double(bytes) / double(frames.size());
    std::printf("binance %-34s %9.0f messages/s on one core (CPU time; %.0f by wall clock),"
                " %.0f MB/s, %.0f ns/message, %zu failed, checksum %.6g\n",
        name, double(messages) / cpu, double(messages) / wall,
        double(messages) * avgBytes / cpu / 1e6, cpu * 1e9 / double(messages), failed, checksum);
    std::fflush(stdout);
}

}  // namespace

// Called from main.cpp.
void runBinanceBench(std::size_t messages)
{
    const std::size_t distinct = std::min<std::size_t>(messages, 100'000);
    for (const bool combined : {false, true}) {
        const std::vector<std::string> frames = tradeFrames(distinct, combined);
        std::size_t bytes = 0;
        std::vector<QByteArray> qtFrames;
        std::vector<QString> textFrames;
        qtFrames.reserve(frames.size());
        textFrames.reserve(frames.size());
        for (const std::string &f : frames) {
            bytes += f.size();
            qtFrames.push_back(QByteArray::fromStdString(f));
            textFrames.push_back(QString::fromStdString(f));
        }
        std::printf("binance: %zu %s trade frames (%zu distinct, %.0f bytes each)\n", messages,
            combined ? "combined-stream" : "raw", distinct, double(bytes) / double(distinct));
        measure(combined ? "simdjson (combined)" : "simdjson (raw)", messages, frames, bytes,
            [](const std::string &f) { return parseBinanceTrade(f); });
        std::size_t next = 0;
        measure(combined ? "simdjson from QString (combined)" : "simdjson from QString (raw)",
            messages, frames, bytes, [&](const std::string &) {
                const QByteArray utf8 = textFrames[next++ % textFrames.size()].toUtf8();
                return parseBinanceTrade(
                    std::string_view(utf8.constData(), std::size_t(utf8.size())));
            });
        next = 0;
        measure(combined ? "QJsonDocument (combined)" : "QJsonDocument (raw)",
            std::min<std::size_t>(messages, 300'000), frames, bytes, [&](const std::string &) {
                return parseBinanceTradeQt(qtFrames[next++ % qtFrames.size()]);
            });
    }
}
