#include "AlertsCommand.h"

#include <cmath>
#include <cstdio>

#include <QFile>
#include <QTimeZone>

#include "CliOptions.h"
#include "alerts/AlertBacktest.h"
#include "bars/Aggregator.h"
#include "storage/AtomicFile.h"
#include "storage/BarCsv.h"
#include "storage/CsvFields.h"

namespace wick::cli {

namespace {

const QString kName = QStringLiteral("alerts");

// TRADES.csv: the header ts,price,qty, ts in unix milliseconds, time order.
bool readTrades(const QString &path, std::vector<Tick> &ticks, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    bool haveHeader = false;
    qint64 linesRead = 0;
    CsvRecord record;
    while (readCsvRecord(file, &linesRead, &record)) {
        const QString where = QStringLiteral("%1 line %2: ").arg(path).arg(record.line);
        if (record.blank())
            continue;
        if (!record.problem.isEmpty()) {
            *error = where + record.problem;
            return false;
        }
        const QList<QByteArray> &cells = record.fields;
        if (!haveHeader) {
            const QByteArray names = cells.join(',').toLower().replace(' ', "");
            if (names != "ts,price,qty") {
                *error = where
                    + QStringLiteral("the header must be ts,price,qty, not '%1'")
                          .arg(QString::fromLatin1(cells.join(',').trimmed()));
                return false;
            }
            haveHeader = true;
            continue;
        }
        if (cells.size() != 3) {
            *error = where + QStringLiteral("expected 3 fields, found %1").arg(cells.size());
            return false;
        }
        bool ok = false;
        Tick tick;
        tick.symbol = 0;
        tick.time = cells[0].trimmed().toLongLong(&ok);
        if (!ok) {
            *error = where
                + QStringLiteral("ts '%1' is not unix milliseconds")
                      .arg(QString::fromLatin1(cells[0].trimmed()));
            return false;
        }
        tick.price = cells[1].trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(tick.price) || tick.price <= 0) {
            *error = where
                + QStringLiteral("price '%1' is not a positive number")
                      .arg(QString::fromLatin1(cells[1].trimmed()));
            return false;
        }
        tick.size = cells[2].trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(tick.size) || tick.size < 0) {
            *error = where
                + QStringLiteral("qty '%1' is not a non-negative number")
                      .arg(QString::fromLatin1(cells[2].trimmed()));
            return false;
        }
        if (!ticks.empty() && tick.time < ticks.back().time) {
            *error = where + QStringLiteral("ts is before the previous row's");
            return false;
        }
        ticks.push_back(tick);
    }
    if (!haveHeader) {
        *error = QStringLiteral("%1: empty file, expected the header ts,price,qty").arg(path);
        return false;
    }
    return true;
}

// 1m bars rolled up to tf; a last bucket that the minutes do not fill to its
// end has not closed and is left out.
std::vector<Bar> closedBarsOf(const std::vector<Bar> &minutes, Timeframe tf)
{
    if (tf == Timeframe::M1 || minutes.empty())
        return minutes;
    std::vector<Bar> bars = Aggregator::aggregate(minutes, tf);
    const TimeMs lastMinuteEnd = minutes.back().time + kMinuteMs;
    if (!bars.empty() && bucketAt(tf, bars.back().time, QTimeZone::utc()).end > lastMinuteEnd)
        bars.pop_back();
    return bars;
}

}  // namespace

int runAlertsCommand(const QStringList &arguments)
{
    CliOptions options(kName,
        QStringLiteral("Usage: wick-cli alerts (--in BARS.csv | --ticks TRADES.csv) --rule RULE "
                       "[--rule ...] [--timeframe TF] [--trigger once|once-per-bar|"
                       "once-per-bar-close] [--cooldown DURATION] --out FIRES.csv"),
        QStringLiteral(
            "Evaluates alert rules over history and writes one row per fire: ts,rule,value (ts "
            "the fired bar's open time in unix seconds, rule the text as given, value the left "
            "operand's value, 17 significant digits). --in: 1m bars "
            "(ts,open,high,low,close,volume), rolled up to --timeframe, rules evaluated at each "
            "close. --ticks: trades (ts,price,qty, ts in unix milliseconds) build the bars (a "
            "bar closes when a trade of a later bucket arrives; the last one stays open), and "
            "once and once-per-bar are evaluated on every trade. RULE: LEFT OP RIGHT, e.g. "
            "'close crosses_above SMA:20', 'RSI:14 crosses_below 30', 'close > 120', "
            "'MACD:12,26,9.macd crosses_above MACD:12,26,9.signal', 'close enters 100 110', "
            "'close moves 5% within 10 bars', 'volume_spike 3 20', joined by AND / OR. "
            "DURATION: 90s, 5m, 2h or 1d, counted from the fired bar's open time."));
    const QCommandLineOption inOption(
        QStringLiteral("in"), QStringLiteral("1m bars, CSV."), QStringLiteral("BARS.csv"));
    const QCommandLineOption ticksOption(QStringLiteral("ticks"),
        QStringLiteral("Trades, CSV (ts,price,qty)."), QStringLiteral("TRADES.csv"));
    const QCommandLineOption ruleOption(
        QStringLiteral("rule"), QStringLiteral("A rule; repeat for more."), QStringLiteral("RULE"));
    const QCommandLineOption timeframeOption(QStringLiteral("timeframe"),
        QStringLiteral("The timeframe rules run on (1m 5m 15m 30m 1h 4h 1d 1w; default 1m)."),
        QStringLiteral("TF"), QStringLiteral("1m"));
    const QCommandLineOption triggerOption(QStringLiteral("trigger"),
        QStringLiteral("once, once-per-bar or once-per-bar-close (the default)."),
        QStringLiteral("TRIGGER"), QStringLiteral("once-per-bar-close"));
    const QCommandLineOption cooldownOption(QStringLiteral("cooldown"),
        QStringLiteral("No fire within DURATION of a rule's last fire."),
        QStringLiteral("DURATION"));
    const QCommandLineOption outOption(QStringLiteral("out"),
        QStringLiteral("The CSV file to write."), QStringLiteral("FIRES.csv"));
    options.add({inOption, ticksOption, ruleOption, timeframeOption, triggerOption, cooldownOption,
        outOption});
    if (const auto done = options.parse(arguments))
        return *done;
    if (options.isSet(inOption) == options.isSet(ticksOption))
        return options.fail(
            QStringLiteral("give exactly one of --in BARS.csv and --ticks TRADES.csv"), 2);
    const auto out = options.required(outOption);
    if (!out)
        return options.status();
    const QStringList ruleTexts = options.values(ruleOption);
    if (ruleTexts.isEmpty())
        return options.fail(QStringLiteral("at least one --rule RULE is required"), 2);
    const auto timeframe = parseTimeframe(options.value(timeframeOption));
    if (!timeframe)
        return options.fail(
            QStringLiteral("--timeframe must be one of 1m 5m 15m 30m 1h 4h 1d 1w, not '%1'")
                .arg(options.value(timeframeOption)),
            2);
    const auto trigger = parseAlertTrigger(options.value(triggerOption));
    if (!trigger)
        return options.fail(
            QStringLiteral("--trigger must be once, once-per-bar or once-per-bar-close, not '%1'")
                .arg(options.value(triggerOption)),
            2);
    TimeMs cooldownMs = 0;
    if (options.isSet(cooldownOption)) {
        const auto cooldown = parseAlertDuration(options.value(cooldownOption));
        if (!cooldown)
            return options.fail(
                QStringLiteral("--cooldown must be a duration like 90s, 5m, 2h or 1d, not '%1'")
                    .arg(options.value(cooldownOption)),
                2);
        cooldownMs = *cooldown;
    }

    // Rules first: a typo should not wait for a large file to be read.
    AlertBacktest backtest;
    for (qsizetype k = 0; k < ruleTexts.size(); ++k) {
        AlertRule rule;
        rule.id = QString::number(k);
        rule.timeframe = *timeframe;
        rule.trigger = *trigger;
        rule.cooldownMs = cooldownMs;
        QString error;
        if (!rule.setText(ruleTexts[k], &error) || !backtest.addRule(rule, &error))
            return options.fail(QStringLiteral("rule '%1': %2").arg(ruleTexts[k], error), 2);
    }

    std::vector<AlertFire> fires;
    if (options.isSet(inOption)) {
        const QString in = options.value(inOption);
        const BarCsvRead read = readBarsCsv(in);
        if (!read.error.isEmpty())
            return options.fail(read.error);
        if (!read.rejected.empty())
            return options.fail(QStringLiteral("%1 line %2: %3")
                                    .arg(in)
                                    .arg(read.rejected.front().line)
                                    .arg(read.rejected.front().reason));
        backtest.runBars(closedBarsOf(read.bars, *timeframe), fires);
    } else {
        std::vector<Tick> ticks;
        QString error;
        if (!readTrades(options.value(ticksOption), ticks, &error))
            return options.fail(error);
        backtest.runTicks(ticks, *timeframe, fires);
    }

    QByteArray csv = csvRecord(
        {QByteArrayLiteral("ts"), QByteArrayLiteral("rule"), QByteArrayLiteral("value")});
    for (const AlertFire &fire : fires) {
        const TimeMs t = fire.barTime;
        const TimeMs seconds = t / 1000 - (t % 1000 < 0 ? 1 : 0);
        char value[32];
        const int len
            = std::isnan(fire.left) ? 0 : std::snprintf(value, sizeof value, "%.17g", fire.left);
        csv += csvRecord({QByteArray::number(seconds), ruleTexts[fire.ruleId.toInt()].toUtf8(),
            QByteArray(value, len)});
    }
    QString error;
    if (!writeFileAtomically(*out, csv, &error))
        return options.fail(error);
    return 0;
}

}  // namespace wick::cli
