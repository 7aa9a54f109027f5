// wick-fake-yahoo: tests/support's FakeYahooServer as a program on 127.0.0.1,
// so the app can be pointed at it:
//   wick-fake-yahoo --universe 300 --charts AAPL &
//   wick --yahoo-rest-url <url> --add-symbol yahoo:AAPL
// It knows the universe codes S0001.. (quotes only), the fixtures' AAPL and
// MSFT quotes, and the fixture's AAPL minutes as the chart of every code in
// --charts, moved by whole days to the latest weekday (the session of
// 2025-02-19 replayed). Prints 'url=URL' on its first line and serves until
// killed. Simulated data: for tests and screenshots only, never shipped.
#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QTimeZone>

#include "FakeYahooServer.h"
#include "model/Types.h"

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A fake Yahoo Finance server (chart, v7 quote, crumb, search) on 127.0.0.1. Prints "
        "'url=URL' and serves until killed."));
    parser.addHelpOption();
    const QCommandLineOption universe(QStringLiteral("universe"),
        QStringLiteral("Quote-only codes S0001..S<n> it knows (default 300)."), QStringLiteral("n"),
        QStringLiteral("300"));
    const QCommandLineOption charts(QStringLiteral("charts"),
        QStringLiteral("Codes with the fixture's minutes as their chart (default AAPL)."),
        QStringLiteral("list"), QStringLiteral("AAPL"));
    parser.addOptions({universe, charts});
    parser.process(app);
    bool ok = false;
    const int count = parser.value(universe).toInt(&ok);
    if (!ok || count < 0 || count > 9999) {
        std::fprintf(stderr, "wick-fake-yahoo: --universe needs an integer in [0, 9999]\n");
        return 2;
    }
    wick::FakeYahooServer server(QStringLiteral(WICK_TOOL_FIXTURES));
    if (!server.listen()) {
        std::fprintf(stderr, "wick-fake-yahoo: cannot listen on 127.0.0.1\n");
        return 2;
    }
    server.addUniverse(count);
    // The fixture's session (Wednesday 2025-02-19) moved to the latest weekday.
    const QTimeZone newYork("America/New_York");
    QDate day = QDateTime::currentDateTimeUtc().toTimeZone(newYork).date();
    while (day.dayOfWeek() > 5)
        day = day.addDays(-1);
    const wick::TimeMs shift = QDate(2025, 2, 19).daysTo(day) * wick::kDayMs;
    for (const QString &code : parser.value(charts).split(QLatin1Char(','), Qt::SkipEmptyParts))
        server.addChart(code, shift);
    std::printf("url=%s\n", qPrintable(server.url().toString()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
