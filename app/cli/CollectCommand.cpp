#include "CollectCommand.h"

#include <cstdio>
#include <map>
#include <set>

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimeZone>
#include <QTimer>
#include <QUrl>

#include "CliOptions.h"
#include "alerts/AlertService.h"
#include "log/Logging.h"
#include "model/SymbolRegistry.h"
#include "session/MarketSession.h"
#include "storage/AlertStore.h"
#include "storage/CoverageStore.h"
#include "storage/Database.h"
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
    QString key;
    SymbolId id = kInvalidSymbol;
    std::int64_t quarantined = 0;
    QString error;
};

// Closed minutes the run stored, as contiguous runs; the missing minutes between
// them (and from the backfill start on) are the gaps left.
std::int64_t storeCoverage(
    Database &db, StoredSymbolId stored, const std::set<TimeMs> &minutes, TimeMs backfillFrom)
{
    std::int64_t gaps = 0;
    CoverageStore coverage(db);
    if (!minutes.empty() && backfillFrom > 0 && *minutes.begin() > minuteFloor(backfillFrom))
        gaps += (*minutes.begin() - minuteFloor(backfillFrom)) / kMinuteMs;
    TimeMs runStart = -1;
    TimeMs previous = -1;
    for (TimeMs minute : minutes) {
        if (previous >= 0 && minute != previous + kMinuteMs) {
            gaps += (minute - previous) / kMinuteMs - 1;
            coverage.add(stored, Timeframe::M1, TimeRange {runStart, previous + kMinuteMs});
            runStart = -1;
        }
        if (runStart < 0)
            runStart = minute;
        previous = minute;
    }
    if (runStart >= 0)
        coverage.add(stored, Timeframe::M1, TimeRange {runStart, previous + kMinuteMs});
    return gaps;
}

// The alert rules kept in the cache (none when there is no cache yet).
std::optional<StoredAlerts> storedAlerts(const QString &path, QString *error)
{
    if (!QFileInfo::exists(path))
        return StoredAlerts {};
    try {
        auto db = Database::open(path);
        return AlertStore(*db).load();
    } catch (const StorageError &e) {
        *error = e.text();
        return std::nullopt;
    }
}

// One summary line per fire: "alert a1 demo:BTCUSD 1m `close > 0` fired on the
// bar of 2026-01-05T00:00:00Z: 123.45 (0)", "missed while offline" for a bar
// that closed before the run.
QString fireLine(const AlertLogEntry &entry)
{
    const AlertFire &f = entry.fire;
    return QStringLiteral("alert %1 %2 %3 `%4` %5 the bar of %6: %7 (%8)")
        .arg(f.ruleId, f.symbol, timeframeName(f.timeframe), entry.condition,
            entry.missed ? QStringLiteral("missed while offline on") : QStringLiteral("fired on"),
            QDateTime::fromMSecsSinceEpoch(f.barTime, QTimeZone::utc())
                .toString(u"yyyy-MM-dd'T'HH:mm:ss'Z'"),
            QString::number(f.left, 'g', 17), QString::number(f.right, 'g', 17));
}

}  // namespace

int runCollectCommand(const QStringList &arguments)
{
    CliOptions options(kName,
        QStringLiteral("Usage: wick-cli collect --source SRC --symbols A,B [--timeframe 1m] "
                       "[--duration 30s] [--backfill-from T] [--db FILE] [--ws-url URL] "
                       "[--rest-url URL] [--set KEY=VALUE ...]"),
        QStringLiteral(
            "Runs a source headless through the same market session as the app and stores its "
            "closed 1m bars in the cache: the source's own closed bars, the minutes built from "
            "its validated trades, and the minutes missed before the start (--backfill-from) "
            "or during outages, fetched from its REST API. The minute still forming when the "
            "run stops is kept apart from the closed bars, one per symbol, replaced by the "
            "next run and superseded by a closed bar of its minute; `wick-cli export "
            "--include-forming` shows it."));
    const QCommandLineOption sourceOption(QStringLiteral("source"),
        QStringLiteral("The source: %1.")
            .arg(SourceCatalog::instance().names().join(QStringLiteral(", "))),
        QStringLiteral("SRC"));
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
    const QCommandLineOption dbOption = CliOptions::dbOption();
    const QCommandLineOption wsOption(QStringLiteral("ws-url"),
        QStringLiteral("WebSocket base URL (default: wsUrl from --set, then WICK_<SOURCE>_WS_URL, "
                       "then the source's own)."),
        QStringLiteral("URL"));
    const QCommandLineOption restOption(QStringLiteral("rest-url"),
        QStringLiteral("REST base URL (default: restUrl from --set, then WICK_<SOURCE>_REST_URL, "
                       "then the source's own)."),
        QStringLiteral("URL"));
    const QCommandLineOption setOption(QStringLiteral("set"),
        QStringLiteral("A setting of the source, as settings.ini's sources/SRC/KEY would give it "
                       "(repeatable): --set historyDays=1 --set seed=7."),
        QStringLiteral("KEY=VALUE"));
    options.add({sourceOption, symbolsOption, timeframeOption, durationOption, backfillOption,
        dbOption, wsOption, restOption, setOption});
    if (const auto done = options.parse(arguments))
        return *done;
    const QString source = options.value(sourceOption).toLower();
    if (!SourceCatalog::instance().contains(source))
        return options.fail(QStringLiteral("--source must be one of %1, not '%2'")
                                .arg(SourceCatalog::instance().names().join(QStringLiteral(", ")),
                                    options.value(sourceOption)),
            2);
    QStringList codes;
    for (const QString &item :
        options.value(symbolsOption).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        QString code = item.trimmed();
        const qsizetype colon = code.indexOf(QLatin1Char(':'));
        if (colon >= 0) {
            if (code.left(colon).toLower() != source)
                return options.fail(
                    QStringLiteral("'%1' is not a %2 symbol").arg(item.trimmed(), source), 2);
            code = code.mid(colon + 1);
        }
        if (!code.isEmpty() && !codes.contains(code, Qt::CaseInsensitive))
            codes << code;
    }
    if (codes.isEmpty())
        return options.fail(QStringLiteral("--symbols A,B is required"), 2);
    const auto timeframe = parseTimeframe(options.value(timeframeOption));
    if (!timeframe || *timeframe != Timeframe::M1)
        return options.fail(
            QStringLiteral("--timeframe: only 1m is collected (higher timeframes are built from "
                           "it), not '%1'")
                .arg(options.value(timeframeOption)),
            2);
    const auto duration = parseDuration(options.value(durationOption));
    if (!duration || *duration <= 0)
        return options.fail(QStringLiteral("--duration must look like 30s, 5m or 1h, not '%1'")
                                .arg(options.value(durationOption)),
            2);

    // The source as the command line describes it: no history but what
    // --backfill-from asks for, the symbols given, the URLs given.
    SourceSettings settings {source, true, {}, {}};
    for (const QString &item : options.values(setOption)) {
        const qsizetype equals = item.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return options.fail(QStringLiteral("--set needs KEY=VALUE, not '%1'").arg(item), 2);
        settings.values.insert(item.left(equals).trimmed(), item.mid(equals + 1).trimmed());
    }
    settings.overrides.insert(QStringLiteral("symbols"), codes);
    settings.overrides.insert(QStringLiteral("backfillDays"), 0);
    TimeMs backfillFrom = 0;
    if (options.isSet(backfillOption)) {
        const auto from = parseTime(options.value(backfillOption));
        if (!from)
            return options.fail(
                QStringLiteral("--backfill-from must be ISO-8601 UTC (2026-01-02T03:04:00Z) or "
                               "unix seconds, not '%1'")
                    .arg(options.value(backfillOption)),
                2);
        backfillFrom = *from;
        settings.overrides.insert(QStringLiteral("backfillFrom"), qint64(backfillFrom));
    }
    for (const auto &[option, key] : {std::pair {&wsOption, QStringLiteral("wsUrl")},
             std::pair {&restOption, QStringLiteral("restUrl")}}) {
        if (!options.isSet(*option))
            continue;
        const QUrl parsed(options.value(*option), QUrl::StrictMode);
        if (!parsed.isValid() || parsed.host().isEmpty())
            return options.fail(QStringLiteral("--%1: not a URL: '%2'")
                                    .arg(option->names().constFirst(), options.value(*option)));
        settings.overrides.insert(key, parsed.toString());
    }

    // The session's log goes to stderr with the progress; stdout holds the summary.
    initLogging(LoggingOptions {});
    const QString path = cachePathOr(options.value(dbOption));
    QString alertsError;
    const std::optional<StoredAlerts> alerts = storedAlerts(path, &alertsError);
    if (!alerts)
        return options.fail(
            QStringLiteral("cannot read the alert rules of %1: %2").arg(path, alertsError));
    for (const QString &line : alerts->errors)
        note(QStringLiteral("wick-cli collect: alert rule skipped: %1").arg(line));
    SessionConfig config;
    config.cachePath = path;
    config.sources = {settings};
    config.restoreFromCache = false;
    config.keepWriteLog = true;
    MarketSession session(config);
    if (!session.sourceErrors().isEmpty())
        return options.fail(session.sourceErrors().constFirst(), 2);
    FeedHost *host = session.feed(source);
    std::vector<Collected> collected;
    QStringList keys;
    for (const QString &code : std::as_const(codes)) {
        const std::optional<Symbol> symbol = host->describe(code);
        if (!symbol)
            return options.fail(QStringLiteral("'%1' is not a %2 symbol").arg(code, source), 2);
        const std::optional<SymbolId> id = session.registerKey(symbol->key());
        if (!id)
            return options.fail(QStringLiteral("'%1' is not a %2 symbol").arg(code, source), 2);
        collected.push_back(Collected {symbol->key(), *id, 0, {}});
        keys.append(symbol->key());
    }
    auto find = [&collected](SymbolId id) -> Collected * {
        for (Collected &c : collected) {
            if (c.id == id)
                return &c;
        }
        return nullptr;
    };

    QString storageError;
    QObject context;
    QObject::connect(&session, &MarketSession::storageFailed, &context,
        [&storageError](StorageErrorKind, const QString &message) { storageError = message; });
    QObject::connect(&session, &MarketSession::quarantined, &context,
        [&](const std::vector<QuarantineRecord> &records) {
            for (const QuarantineRecord &r : records) {
                if (Collected *c = find(r.symbol))
                    ++c->quarantined;
                note(QStringLiteral("wick-cli collect: quarantined %1 at %2: %3 (%4)")
                         .arg(session.symbols()->symbol(r.symbol).key())
                         .arg(r.time)
                         .arg(qualityRuleName(r.rule), r.detail));
            }
        });
    QObject::connect(
        &session, &MarketSession::symbolError, &context, [&](SymbolId id, const QString &message) {
            if (Collected *c = find(id))
                c->error = message;
            note(QStringLiteral("wick-cli collect: %1").arg(message));
        });
    QObject::connect(&session, &MarketSession::feedStateChanged, &context,
        [](const QString &name, FeedState state, const QString &detail) {
            note(QStringLiteral("wick-cli collect: %1 %2 (%3)")
                     .arg(name, feedStateName(state), detail));
        });
    std::vector<AlertLogEntry> fires;
    auto keepFires = [&fires](const std::vector<AlertLogEntry> &entries) {
        fires.insert(fires.end(), entries.begin(), entries.end());
    };
    QObject::connect(session.alerts(), &AlertService::fired, &context, keepFires);
    QObject::connect(session.alerts(), &AlertService::missedWhileOffline, &context, keepFires);
    session.open(keys);
    // The rules before the feeds: every bar they bring is evaluated.
    session.alerts()->restore(*alerts);
    session.setWantedSymbols(keys);
    session.startFeeds();
    QTimer::singleShot(int(std::min<TimeMs>(*duration, 2'000'000'000)), &context,
        [] { QCoreApplication::exit(0); });
    QCoreApplication::exec();
    const std::int64_t unsaved = session.shutdown();
    if (unsaved > 0)
        return options.fail(
            QStringLiteral("%1 bars could not be written to %2: %3")
                .arg(unsaved)
                .arg(
                    path, storageError.isEmpty() ? QStringLiteral("unknown error") : storageError));

    int status = 0;
    std::unique_ptr<Database> db;
    try {
        db = Database::open(path);
    } catch (const StorageError &error) {
        return options.fail(error.text());
    }
    for (const Collected &c : collected) {
        if (!c.error.isEmpty()) {
            std::printf("%s: error: %s\n", qPrintable(c.key), qPrintable(c.error));
            status = 1;
            continue;
        }
        const std::set<TimeMs> &minutes = session.writtenBars(c.id, Timeframe::M1);
        std::int64_t gaps = 0;
        try {
            const Symbol &symbol = session.symbols()->symbol(c.id);
            const StoredSymbolId stored = SymbolStore(*db).ensure(symbol.source, symbol.code);
            gaps = storeCoverage(*db, stored, minutes, backfillFrom);
        } catch (const StorageError &error) {
            return options.fail(error.text());
        }
        std::printf("%s: bars stored %zu, quarantined %lld, gaps left %lld\n", qPrintable(c.key),
            minutes.size(), static_cast<long long>(c.quarantined), static_cast<long long>(gaps));
    }
    if (!alerts->rules.empty()) {
        std::printf("alerts: %zu rules, %zu fires\n", alerts->rules.size(), fires.size());
        for (const AlertLogEntry &entry : fires)
            std::printf("%s\n", qPrintable(fireLine(entry)));
    }
    std::fflush(stdout);
    return status;
}

}  // namespace wick::cli
