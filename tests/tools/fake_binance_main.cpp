// wick-fake-binance: tests/support's FakeBinanceServer as a program on
// 127.0.0.1, on the wall clock, so the app can be pointed at it:
//   wick-fake-binance --history-minutes 240 --halt-minutes 17 --duplicate-every 30 &
//   wick --binance-ws-url <ws> --binance-rest-url <rest> --add-symbol binance:BTCUSDT
// It prints the two URLs on its first line and serves until killed. Simulated
// data: for tests and screenshots only, never shipped.
#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QTimer>

#include "FakeBinanceServer.h"
#include "model/Clock.h"

namespace {

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "wick-fake-binance: %s\n", qPrintable(message));
    std::exit(2);
}

int number(const QCommandLineParser &parser, const QCommandLineOption &option, int min, int max)
{
    bool ok = false;
    const int value = parser.value(option).toInt(&ok);
    if (!ok || value < min || value > max)
        fail(QStringLiteral("--%1 needs an integer in [%2, %3], got '%4'")
                 .arg(option.names().constFirst())
                 .arg(min)
                 .arg(max)
                 .arg(parser.value(option)));
    return value;
}

}  // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A fake Binance spot market-data server (WebSocket + REST) on 127.0.0.1, on the wall "
        "clock. Prints 'ws=URL rest=URL' and serves until killed."));
    parser.addHelpOption();
    const QCommandLineOption symbols(QStringLiteral("symbols"),
        QStringLiteral("Symbols it lists and trades (default BTCUSDT,ETHUSDT,SOLUSDT)."),
        QStringLiteral("list"), QStringLiteral("BTCUSDT,ETHUSDT,SOLUSDT"));
    const QCommandLineOption history(QStringLiteral("history-minutes"),
        QStringLiteral("The market opened this many minutes ago (default 240)."),
        QStringLiteral("n"), QStringLiteral("240"));
    const QCommandLineOption interval(QStringLiteral("trade-interval-ms"),
        QStringLiteral("One trade per symbol every <ms> (default 500)."), QStringLiteral("ms"),
        QStringLiteral("500"));
    const QCommandLineOption haltAgo(QStringLiteral("halt-ago-minutes"),
        QStringLiteral("An exchange outage (no trades, no klines) that began this many minutes "
                       "ago (default 60)."),
        QStringLiteral("n"), QStringLiteral("60"));
    const QCommandLineOption haltMinutes(QStringLiteral("halt-minutes"),
        QStringLiteral("How long the outage lasted, in minutes (default 0: none)."),
        QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption duplicateEvery(QStringLiteral("duplicate-every"),
        QStringLiteral("Send the first symbol's next trade twice every <s> seconds "
                       "(default 0: never)."),
        QStringLiteral("s"), QStringLiteral("0"));
    parser.addOptions({symbols, history, interval, haltAgo, haltMinutes, duplicateEvery});
    parser.process(app);

    auto clock = std::make_shared<wick::SystemClock>();
    const wick::TimeMs now = clock->now();
    wick::FakeBinanceConfig config;
    config.symbols = parser.value(symbols).toUpper().split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (config.symbols.isEmpty())
        fail(QStringLiteral("--symbols needs at least one symbol"));
    const int minutes = number(parser, history, 1, 60 * 24 * 30);
    config.marketStart
        = (now - wick::TimeMs(minutes) * wick::kMinuteMs) / wick::kMinuteMs * wick::kMinuteMs;
    config.tradeIntervalMs = number(parser, interval, 10, 60'000);
    const int halt = number(parser, haltMinutes, 0, minutes);
    if (halt > 0) {
        const wick::TimeMs from
            = (now - wick::TimeMs(number(parser, haltAgo, 1, minutes)) * wick::kMinuteMs)
            / wick::kMinuteMs * wick::kMinuteMs;
        config.halts.push_back({from, from + wick::TimeMs(halt) * wick::kMinuteMs});
    }
    wick::FakeBinanceServer server(config, clock);
    if (!server.listen())
        fail(QStringLiteral("cannot listen on 127.0.0.1"));
    std::printf("ws=%s rest=%s\n", qPrintable(server.wsUrl().toString()),
        qPrintable(server.restUrl().toString()));
    std::fflush(stdout);

    QTimer duplicates;
    const int every = number(parser, duplicateEvery, 0, 3600);
    if (every > 0) {
        QObject::connect(&duplicates, &QTimer::timeout, &server,
            [&server, code = config.symbols.constFirst()] { server.duplicateNext(code); });
        duplicates.start(every * 1000);
    }
    return QCoreApplication::exec();
}
