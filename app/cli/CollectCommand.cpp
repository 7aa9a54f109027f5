#include "CollectCommand.h"

#include <cstdio>
#include <map>
#include <set>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>

#include "CliSupport.h"
#include "bars/BarBuilder.h"
#include "feeds/binance/BinanceFeed.h"
#include "feeds/binance/BinanceSymbols.h"
#include "log/Logging.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"
#include "storage/BarStore.h"
#include "storage/CoverageStore.h"
#include "storage/Database.h"
#include "storage/FormingBarStore.h"
#include "storage/QualityStore.h"
#include "storage/StorageError.h"
#include "storage/SymbolStore.h"

namespace wick::cli {

namespace {

const QString kName = QStringLiteral("collect");

// "30s", "5m", "2h" or plain seconds.
std::optional<TimeMs> parseDuration(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+)(ms|s|m|h)?$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    const qint64 n = match.captured(1).toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    const QString unit = match.captured(2);
    if (unit == QLatin1String("ms"))
        return n;
    if (unit == QLatin1String("m"))
        return n * kMinuteMs;
    if (unit == QLatin1String("h"))
        return n * kHourMs;
    return n * 1000;
}

struct Collected {
    StoredSymbolId stored = 0;
    std::set<TimeMs> minutes;  // closed minutes stored by this run
    BarBuilder forming {TimeframeCalendar(Timeframe::M1)};  // the minute the trades build
    std::int64_t quarantined = 0;
    QString error;
};

void printHelp(const QCommandLineParser &parser)
{
    const QString help = helpWithUsage(parser,
        QStringLiteral("Usage: wick-cli collect --source binance --symbols A,B [--timeframe 1m] "
                       "[--duration 30s] [--backfill-from T] [--db FILE] [--ws-url URL] "
                       "[--rest-url URL]"));
    std::fputs(help.toLocal8Bit().constData(), stdout);
}

}  // namespace

int runCollectCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs a live feed headless and stores its closed 1m bars in the cache: the source's "
        "own closed klines, and the minutes missed before the start (--backfill-from) or "
        "during outages, fetched from its REST API. The minute still forming when the run "
        "stops (built from its trades) is kept apart from the closed bars, one per symbol, "
        "replaced by the next run and superseded by a closed bar of its minute; "
        "`wick-cli export --include-forming` shows it."));
    const QCommandLineOption helpOption(
        {QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption sourceOption(
        QStringLiteral("source"), QStringLiteral("The source: binance."), QStringLiteral("SRC"));
    const QCommandLineOption symbolsOption(QStringLiteral("symbols"),
        QStringLiteral("Comma-separated codes (BTCUSDT,ETHUSDT) or keys (binance:BTCUSDT)."),
        QStringLiteral("A,B"));
    const QCommandLineOption timeframeOption(QStringLiteral("timeframe"),
        QStringLiteral("1m (the timeframe collected; higher ones are built from it)."),
        QStringLiteral("TF"), QStringLiteral("1m"));
    const QCommandLineOption durationOption(QStringLiteral("duration"),
        QStringLiteral("How long to run: 30s, 5m, 1h or seconds (default 30s)."),
        QStringLiteral("D"), QStringLiteral("30s"));
    const QCommandLineOption backfillOption(QStringLiteral("backfill-from"),
        QStringLiteral("Also fetch the closed minutes since T (ISO-8601 UTC or unix seconds)."),
        QStringLiteral("T"));
    const QCommandLineOption dbOption(QStringLiteral("db"),
        QStringLiteral("The cache file (default: the app's cache.db)."), QStringLiteral("FILE"));
    const QCommandLineOption wsOption(QStringLiteral("ws-url"),
        QStringLiteral("WebSocket base URL (default: WICK_BINANCE_WS_URL or Binance's)."),
        QStringLiteral("URL"));
    const QCommandLineOption restOption(QStringLiteral("rest-url"),
        QStringLiteral("REST base URL (default: WICK_BINANCE_REST_URL or Binance's)."),
        QStringLiteral("URL"));
    parser.addOptions({helpOption, sourceOption, symbolsOption, timeframeOption, durationOption,
        backfillOption, dbOption, wsOption, restOption});
    if (!parser.parse(arguments))
        return fail(kName, parser.errorText(), 2);
    if (parser.isSet(helpOption)) {
        printHelp(parser);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(kName,
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()),
            2);
    const QString source = parser.value(sourceOption).toLower();
    if (source != QString(kBinanceSource))
        return fail(kName,
            QStringLiteral("--source must be binance, not '%1'").arg(parser.value(sourceOption)),
            2);
    QStringList codes;
    for (const QString &item :
        parser.value(symbolsOption).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString text = item.trimmed();
        std::optional<QString> code;
        if (text.contains(QLatin1Char(':')))
            code = binanceCodeFromKey(text);
        else if (isValidBinanceCode(text))
            code = text.toUpper();
        if (!code)
            return fail(kName, QStringLiteral("'%1' is not a Binance symbol").arg(text), 2);
        if (!codes.contains(*code))
            codes << *code;
    }
    if (codes.isEmpty())
        return fail(kName, QStringLiteral("--symbols A,B is required"), 2);
    const auto timeframe = parseTimeframe(parser.value(timeframeOption));
    if (!timeframe || *timeframe != Timeframe::M1)
        return fail(kName,
            QStringLiteral("--timeframe: only 1m is collected (higher timeframes are built from "
                           "it), not '%1'")
                .arg(parser.value(timeframeOption)),
            2);
    const auto duration = parseDuration(parser.value(durationOption));
    if (!duration || *duration <= 0)
        return fail(kName,
            QStringLiteral("--duration must look like 30s, 5m or 1h, not '%1'")
                .arg(parser.value(durationOption)),
            2);
    BinanceFeedConfig config = BinanceFeedConfig::fromEnvironment({});
    config.symbols = codes;
    if (parser.isSet(backfillOption)) {
        const auto from = parseTime(parser.value(backfillOption));
        if (!from)
            return fail(kName,
                QStringLiteral("--backfill-from must be ISO-8601 UTC (2026-01-02T03:04:00Z) or "
                               "unix seconds, not '%1'")
                    .arg(parser.value(backfillOption)),
                2);
        config.backfillFrom = *from;
    }
    for (const auto &[option, url] :
        {std::pair {&wsOption, &config.wsUrl}, std::pair {&restOption, &config.restUrl}}) {
        if (!parser.isSet(*option))
            continue;
        const QUrl parsed(parser.value(*option), QUrl::StrictMode);
        if (!parsed.isValid() || parsed.host().isEmpty())
            return fail(kName,
                QStringLiteral("--%1: not a URL: '%2'")
                    .arg(option->names().constFirst(), parser.value(*option)));
        *url = parsed;
    }

    // The feed's log goes to stderr with the progress; stdout holds the summary.
    initLogging(LoggingOptions {});

    const QString path = cachePathOr(parser.value(dbOption));
    std::unique_ptr<Database> db;
    auto registry = std::make_shared<SymbolRegistry>();
    std::map<SymbolId, Collected> collected;
    try {
        db = Database::open(path);
    } catch (const StorageError &error) {
        return fail(kName, error.text());
    }

    auto *feed = new BinanceFeed(registry, config);
    QString storageError;
    try {
        SymbolStore symbols(*db);
        for (SymbolId id : feed->symbolIds())
            collected[id].stored
                = symbols.ensure(QString(kBinanceSource), registry->symbol(id).code);
    } catch (const StorageError &error) {
        delete feed;
        return fail(kName, error.text());
    }

    QThread thread;
    thread.setObjectName(QStringLiteral("wick-binance"));
    feed->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, feed, &QObject::deleteLater);
    QObject context;
    BarStore bars(*db);
    QObject::connect(
        feed, &Feed::historyReceived, &context, [&](SymbolId id, const BarsPtr &minutes) {
            auto it = collected.find(id);
            if (it == collected.end() || !minutes || minutes->empty() || !storageError.isEmpty())
                return;
            try {
                bars.upsert(it->second.stored, Timeframe::M1, *minutes);
            } catch (const StorageError &error) {
                storageError = error.text();
                QCoreApplication::exit(1);
                return;
            }
            for (const Bar &bar : *minutes)
                it->second.minutes.insert(bar.time);
        });
    // The forming minute, from the validated trades (the feed's trade fill at the
    // start included), as the engine would build it.
    std::vector<Bar> closedScratch;
    QObject::connect(feed, &Feed::ticksReceived, &context, [&](const TickBatch &batch) {
        for (const Tick &tick : batch.ticks) {
            auto it = collected.find(tick.symbol);
            if (it == collected.end())
                continue;
            it->second.forming.addTick(tick.time, tick.price, tick.size, closedScratch);
            closedScratch.clear();
        }
    });
    QObject::connect(feed, &BinanceFeed::quarantined, &context,
        [&](const std::vector<QuarantineRecord> &records) {
            std::map<SymbolId, std::vector<QuarantinedItem>> items;
            for (const QuarantineRecord &r : records) {
                items[r.symbol].push_back(QuarantinedItem {0, r.time, r.receivedAt,
                    qualityRuleName(r.rule), r.rawValue, r.tradeId, r.detail});
                ++collected[r.symbol].quarantined;
                note(QStringLiteral("wick-cli collect: quarantined %1 at %2: %3 (%4)")
                         .arg(registry->symbol(r.symbol).key())
                         .arg(r.time)
                         .arg(qualityRuleName(r.rule), r.detail));
            }
            if (!storageError.isEmpty())
                return;
            try {
                QualityStore quality(*db);
                for (const auto &[id, list] : items)
                    quality.quarantine(collected[id].stored, list);
            } catch (const StorageError &error) {
                storageError = error.text();
                QCoreApplication::exit(1);
            }
        });
    QObject::connect(
        feed, &BinanceFeed::symbolError, &context, [&](SymbolId id, const QString &message) {
            collected[id].error = message;
            note(QStringLiteral("wick-cli collect: %1").arg(message));
        });
    QObject::connect(
        feed, &Feed::stateChanged, &context, [](FeedState state, const QString &detail) {
            note(QStringLiteral("wick-cli collect: binance %1 (%2)")
                     .arg(feedStateName(state), detail));
        });
    thread.start();
    QMetaObject::invokeMethod(feed, &BinanceFeed::start, Qt::QueuedConnection);
    QTimer::singleShot(int(std::min<TimeMs>(*duration, 2'000'000'000)), &context,
        [] { QCoreApplication::exit(0); });
    QCoreApplication::exec();
    QMetaObject::invokeMethod(feed, &BinanceFeed::stop, Qt::BlockingQueuedConnection);
    std::map<SymbolId, QualityScoreRecord> scores;
    const TimeMs stoppedAt = feed->clock()->now();
    for (const auto &[id, c] : collected) {
        const std::int64_t checked = feed->validatedCount(id);
        scores[id] = QualityScoreRecord {feed->qualityScore(id), checked,
            std::max<std::int64_t>(0, checked - c.quarantined), stoppedAt};
    }
    thread.quit();
    thread.wait();
    QCoreApplication::processEvents();  // bars queued before the stop
    if (!storageError.isEmpty())
        return fail(kName, storageError);

    // A contiguous run of stored minutes is complete in the cache; what lies
    // between runs (from the backfill start on) is a gap left.
    int status = 0;
    for (const auto &[id, c] : collected) {
        const QString key = registry->symbol(id).key();
        if (!c.error.isEmpty()) {
            std::printf("%s: error: %s\n", qPrintable(key), qPrintable(c.error));
            status = 1;
            continue;
        }
        std::int64_t gaps = 0;
        try {
            CoverageStore coverage(*db);
            TimeMs runStart = -1;
            TimeMs previous = -1;
            if (!c.minutes.empty() && config.backfillFrom > 0) {
                const TimeMs first = minuteFloor(config.backfillFrom);
                if (*c.minutes.begin() > first)
                    gaps += (*c.minutes.begin() - first) / kMinuteMs;
            }
            for (TimeMs minute : c.minutes) {
                if (previous >= 0 && minute != previous + kMinuteMs) {
                    gaps += (minute - previous) / kMinuteMs - 1;
                    coverage.add(
                        c.stored, Timeframe::M1, TimeRange {runStart, previous + kMinuteMs});
                    runStart = -1;
                }
                if (runStart < 0)
                    runStart = minute;
                previous = minute;
            }
            if (runStart >= 0)
                coverage.add(c.stored, Timeframe::M1, TimeRange {runStart, previous + kMinuteMs});
            if (scores[id].checks > 0)
                QualityStore(*db).setScore(c.stored, scores[id]);
            // The minute still open at the stop, unless its closed kline came in time.
            FormingBarStore formingBars(*db);
            const bool open = c.forming.hasForming()
                && !c.minutes.count(c.forming.formingBar().time)
                && (c.minutes.empty() || *c.minutes.rbegin() < c.forming.formingBar().time);
            if (open)
                formingBars.save(c.stored, Timeframe::M1, c.forming.formingBar(), stoppedAt);
            else
                formingBars.remove(c.stored, Timeframe::M1);
        } catch (const StorageError &error) {
            return fail(kName, error.text());
        }
        std::printf("%s: bars stored %zu, quarantined %lld, gaps left %lld\n", qPrintable(key),
            c.minutes.size(), static_cast<long long>(c.quarantined), static_cast<long long>(gaps));
    }
    std::fflush(stdout);
    return status;
}

}  // namespace wick::cli
