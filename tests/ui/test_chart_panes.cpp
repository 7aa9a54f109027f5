// The chart's panes, time zones and saved state: ChartState's JSON round trip
// and its bad input; ChartTimeZone's formatting (DST, daily bars); a 1h chart
// in America/New_York labelled across both DST changes; session breaks; one
// range change per pane for a zoom or pan in any pane; a pane resized by a
// drag on its boundary; and the state (pane heights, zone, indicators) kept
// across a restart of the main window, with the old chart/* keys migrated.
#include <algorithm>
#include <memory>
#include <vector>

#include <QApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QHeaderView>
#include <QMenu>
#include <QMouseEvent>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QWheelEvent>

#include "MainWindow.h"
#include "chart/CandleDataAdapter.h"
#include "chart/ChartState.h"
#include "chart/ChartTimeZone.h"
#include "chart/ChartView.h"
#include "chart/ExtendedHoursShade.h"
#include "chart/IndicatorPanes.h"
#include "chart/PaneLayout.h"
#include "chart/SessionBreaks.h"
#include "chart/TimeZoneButton.h"
#include "engine/MarketEngine.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"
#include "watchlist/WatchlistModel.h"
#include "watchlist/WatchlistView.h"

using namespace wick;

namespace {

constexpr TimeMs kMarch = 1741219200000;  // 2025-03-06T00:00:00Z (DST starts 2025-03-09)
constexpr TimeMs kNovember = 1761782400000;  // 2025-10-30T00:00:00Z (DST ends 2025-11-02)
constexpr int kDays = 7;

Symbol makeSymbol(const QString &code, const QByteArray &zone, bool sessions)
{
    Symbol s;
    s.source = QStringLiteral("test");
    s.code = code;
    s.displayName = code;
    s.assetClass = sessions ? AssetClass::Equity : AssetClass::Crypto;
    s.timeZoneId = zone;
    s.session = sessions ? SessionHours::weekdaysBetween(9 * 60 + 30, 16 * 60)
                         : SessionHours::twentyFourSeven();
    s.tickSize = 0.01;
    return s;
}

// Minutes from start, every minute (24/7) or in the symbol's session only.
std::vector<Bar> minutes(const Symbol &symbol, TimeMs start, int days)
{
    std::vector<Bar> bars;
    double price = 100.0;
    for (TimeMs t = start; t < start + days * kDayMs; t += kMinuteMs) {
        if (!symbol.isOpenAt(t))
            continue;
        Bar b;
        b.time = t;
        b.open = price;
        price += (bars.size() % 7 < 4) ? 0.05 : -0.04;
        b.close = price;
        b.high = std::max(b.open, b.close) + 0.02;
        b.low = std::min(b.open, b.close) - 0.02;
        b.volume = 10.0;
        b.tradeCount = 1;
        bars.push_back(b);
    }
    return bars;
}

QDateTime inZone(TimeMs t, const char *zone)
{
    return QDateTime::fromMSecsSinceEpoch(t, QTimeZone(QByteArray(zone)));
}

}  // namespace

class TestChartPanes final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void stateJsonRoundTrip();
    void stateBadInput();
    void timeZoneFormatsAcrossDst();
    void dailyBarKeepsItsDateInAnyZone();
    void newYorkAxisLabelsAcrossDst_data();
    void newYorkAxisLabelsAcrossDst();
    void dailyAxisLabelsAreExchangeDates();
    void toolbarPicksTheZone();
    void sessionBreaksMarkTheFirstBarOfADay();
    void extendedHoursAreTinted();
    void zoomInAnyPaneMovesEveryPaneOnce();
    void dragOnABoundaryResizesPanes();
    void paneMenuMovesCollapsesAndCloses();
    void chainedIndicatorSharesItsInnerPane();
    void stateSurvivesARestart();
    void oldChartKeysAreMigrated();
    void watchlistLeavesTheChartTheRoom();

private:
    void loadHistory(SymbolId id, const std::vector<Bar> &bars);
    std::unique_ptr<QSettings> settings() const
    {
        return std::make_unique<QSettings>(
            m_dir.filePath(QStringLiteral("wick.ini")), QSettings::IniFormat);
    }
    // The lowest shown pane's time labels, each with its bar's open time.
    std::vector<std::pair<TimeMs, QString>> timeLabels(ChartView &chart) const;
    void show(ChartView &chart, SymbolId id, Timeframe tf, std::size_t bars);

    QTemporaryDir m_dir;
    std::shared_ptr<SymbolRegistry> m_symbols = std::make_shared<SymbolRegistry>();
    QThread *m_engineThread = nullptr;
    MarketEngine *m_engine = nullptr;
    Symbol m_cryptoInfo = makeSymbol(QStringLiteral("BTCUSD"), "UTC", false);
    Symbol m_equityInfo = makeSymbol(QStringLiteral("ACME"), "America/New_York", true);
    SymbolId m_march = kInvalidSymbol;
    SymbolId m_november = kInvalidSymbol;
    SymbolId m_equity = kInvalidSymbol;
    std::vector<Bar> m_marchBars;
    std::vector<Bar> m_novemberBars;
    std::vector<Bar> m_equityBars;
};

void TestChartPanes::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    QVERIFY(m_dir.isValid());
    Symbol march = m_cryptoInfo;
    march.code = QStringLiteral("MARUSD");
    Symbol november = m_cryptoInfo;
    november.code = QStringLiteral("NOVUSD");
    m_march = m_symbols->intern(march);
    m_november = m_symbols->intern(november);
    m_equity = m_symbols->intern(m_equityInfo);
    m_marchBars = minutes(march, kMarch, kDays);
    m_novemberBars = minutes(november, kNovember, kDays);
    m_equityBars = minutes(m_equityInfo, kMarch, kDays);
    m_engine = MarketEngine::startOnThread(m_symbols, &m_engineThread);
    MarketEngine *engine = m_engine;
    auto clock = std::make_shared<const ManualClock>(kNovember + kDays * kDayMs);
    QMetaObject::invokeMethod(
        engine, [engine, clock] { engine->setSourceClock(QStringLiteral("test"), clock, 2000); },
        Qt::QueuedConnection);
    loadHistory(m_march, m_marchBars);
    loadHistory(m_november, m_novemberBars);
    loadHistory(m_equity, m_equityBars);
}

void TestChartPanes::cleanupTestCase()
{
    MarketEngine::shutdown(m_engineThread);
}

void TestChartPanes::loadHistory(SymbolId id, const std::vector<Bar> &bars)
{
    auto shared = std::make_shared<const std::vector<Bar>>(bars);
    MarketEngine *engine = m_engine;
    QMetaObject::invokeMethod(
        engine, [engine, id, shared] { engine->loadHistory(id, shared); }, Qt::QueuedConnection);
}

void TestChartPanes::show(ChartView &chart, SymbolId id, Timeframe tf, std::size_t bars)
{
    connect(m_engine, &MarketEngine::snapshotReady, &chart,
        [&chart](const MarketSnapshotPtr &snapshot) { chart.applySnapshot(*snapshot); });
    chart.resize(1200, 800);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.showSeries(id, tf);
    QTRY_COMPARE_WITH_TIMEOUT(chart.candleData()->size(), bars, 10'000);
}

std::vector<std::pair<TimeMs, QString>> TestChartPanes::timeLabels(ChartView &chart) const
{
    chart.plot()->replot();
    const QString lowest = chart.paneLayout()->order().last();
    QCPAxis *x = chart.paneLayout()->rectOf(lowest)->axis(QCPAxis::atBottom);
    std::vector<std::pair<TimeMs, QString>> labels;
    const QVector<double> ticks = x->tickVector();
    const QVector<QString> texts = x->tickVectorLabels();
    for (qsizetype i = 0; i < ticks.size() && i < texts.size(); ++i) {
        const auto index = static_cast<std::size_t>(ticks[i]);
        labels.emplace_back(chart.candleData()->bar(index).time, texts[i]);
    }
    return labels;
}

void TestChartPanes::stateJsonRoundTrip()
{
    ChartState state;
    state.symbol = QStringLiteral("demo:ACME");
    state.timeframe = QStringLiteral("1h");
    state.chartType = QStringLiteral("heikinAshi");
    state.timeZone = QStringLiteral("America/New_York");
    state.panes = {{ChartState::kPricePane, 0.55, false, QStringLiteral("log"), false,
                       std::make_pair(60000.0, 70000.0)},
        {QStringLiteral("RSI:14"), 0.25, true, {}, false},
        {ChartState::kVolumePane, 0.2, false, {}, true}};
    state.indicators = {{QStringLiteral("RSI:14"), {}, {QColor(0xc0, 0x7c, 0xf0)}, 1.5},
        {QStringLiteral("SMA:9@RSI:14"), QStringLiteral("RSI:14"), {}, 0.0},
        {QStringLiteral("BBANDS:20,2,2"), {},
            {QColor(1, 2, 3), QColor(4, 5, 6, 128), QColor(7, 8, 9)}, 2.0}};
    const QByteArray json = state.toJson();
    const std::optional<ChartState> back = ChartState::fromJson(json);
    QVERIFY(back);
    QCOMPARE(*back, state);
    QCOMPARE(back->toJson(), json);
    QCOMPARE(back->indicatorSpecs(),
        (QStringList {QStringLiteral("RSI:14"), QStringLiteral("SMA:9@RSI:14"),
            QStringLiteral("BBANDS:20,2,2")}));
    // Replacing the specs keeps the settings of those that stay.
    ChartState edited = *back;
    edited.setIndicatorSpecs({QStringLiteral("MACD:12,26,9"), QStringLiteral("RSI:14")});
    QCOMPARE(edited.indicators.size(), std::size_t(2));
    QCOMPARE(edited.indicators[1], state.indicators[0]);
    QVERIFY(edited.indicators[0].colors.empty());
}

void TestChartPanes::stateBadInput()
{
    QString error;
    QVERIFY(!ChartState::fromJson("{not json", &error));
    QVERIFY(error.contains(QStringLiteral("not valid JSON")));
    QVERIFY(!ChartState::fromJson("[1,2]", &error));
    QVERIFY(error.contains(QStringLiteral("not a JSON object")));
    // Wrong types are skipped, the rest kept.
    const std::optional<ChartState> state = ChartState::fromJson(
        R"({"symbol":5,"timeframe":"4h","panes":[{"height":3},{"id":"price","height":-1},)"
        R"({"id":"price"}],"indicators":[{"spec":"RSI:14","colors":["nocolour"],"lineWidth":99},)"
        R"({"pane":"x"}]})");
    QVERIFY(state);
    QCOMPARE(state->symbol, QString());
    QCOMPARE(state->timeframe, QStringLiteral("4h"));
    QCOMPARE(state->panes.size(), std::size_t(1));
    QCOMPARE(state->panes[0].height, 0.0);
    QCOMPARE(state->indicators.size(), std::size_t(1));
    QVERIFY(state->indicators[0].colors.empty());
    QCOMPARE(state->indicators[0].lineWidth, 0.0);
    QVERIFY(!ChartTimeZone::fromId(QStringLiteral("Mars/Olympus_Mons")));
    QCOMPARE(ChartTimeZone::fromId(QStringLiteral("exchange")), ChartTimeZone::exchange());
    QCOMPARE(ChartTimeZone::fromId(QStringLiteral("UTC")), ChartTimeZone::utc());
    QCOMPARE(ChartTimeZone::fromId(QStringLiteral("local")), ChartTimeZone::local());
    QCOMPARE(
        ChartTimeZone::fromId(QStringLiteral("Asia/Tokyo"))->id(), QStringLiteral("Asia/Tokyo"));
}

void TestChartPanes::timeZoneFormatsAcrossDst()
{
    const ChartTimeZone ny = *ChartTimeZone::named("America/New_York");
    // 2025-03-09: 06:00Z is 01:00 EST, 07:00Z is 03:00 EDT (02:00 does not exist).
    QCOMPARE(ny.format(1741500000000, Timeframe::H1, m_cryptoInfo),
        QStringLiteral("Sun 9 Mar 2025 01:00"));
    QCOMPARE(ny.format(1741503600000, Timeframe::H1, m_cryptoInfo),
        QStringLiteral("Sun 9 Mar 2025 03:00"));
    // 2025-11-02: 05:00Z and 06:00Z are both 01:00 (EDT, then EST).
    QCOMPARE(ny.format(1762059600000, Timeframe::H1, m_cryptoInfo),
        QStringLiteral("Sun 2 Nov 2025 01:00"));
    QCOMPARE(ny.format(1762063200000, Timeframe::H1, m_cryptoInfo),
        QStringLiteral("Sun 2 Nov 2025 01:00"));
    QCOMPARE(ny.format(1762066800000, Timeframe::H1, m_cryptoInfo),
        QStringLiteral("Sun 2 Nov 2025 02:00"));
    // Exchange: the symbol's own zone; UTC for crypto.
    QCOMPARE(ChartTimeZone::exchange().format(1741503600000, Timeframe::M5, m_equityInfo),
        QStringLiteral("Sun 9 Mar 2025 03:00"));
    QCOMPARE(ChartTimeZone::exchange().format(1741503600000, Timeframe::M5, m_cryptoInfo),
        QStringLiteral("Sun 9 Mar 2025 07:00"));
    QCOMPARE(ChartTimeZone::exchange().shortName(m_equityInfo), QStringLiteral("NY"));
    QCOMPARE(ChartTimeZone::exchange().shortName(m_cryptoInfo), QStringLiteral("UTC"));
}

void TestChartPanes::dailyBarKeepsItsDateInAnyZone()
{
    // A crypto daily bar opens at 00:00 UTC: 19:00 the day before in New York,
    // 09:00 in Tokyo; its date is its UTC date in every zone.
    const TimeMs monday = 1741564800000;  // 2025-03-10T00:00:00Z
    for (const char *id : {"America/New_York", "Asia/Tokyo", "Pacific/Honolulu", "UTC"}) {
        const ChartTimeZone zone = *ChartTimeZone::named(QByteArray(id));
        QCOMPARE(
            zone.format(monday, Timeframe::D1, m_cryptoInfo), QStringLiteral("Mon 10 Mar 2025"));
        QCOMPARE(
            zone.format(monday, Timeframe::W1, m_cryptoInfo), QStringLiteral("Mon 10 Mar 2025"));
    }
    // An equity daily bar opens at its exchange's midnight (04:00Z in EDT).
    const TimeMs equityDay = 1741579200000;  // 2025-03-10T04:00:00Z = 00:00 EDT
    QCOMPARE(ChartTimeZone::named("Asia/Tokyo")->format(equityDay, Timeframe::D1, m_equityInfo),
        QStringLiteral("Mon 10 Mar 2025"));
    QCOMPARE(ChartTimeZone::utc().format(equityDay, Timeframe::D1, m_equityInfo),
        QStringLiteral("Mon 10 Mar 2025"));
    // An FX daily bar opens at 17:00 New York the evening before (Symbol::barDays):
    // Monday's opens Sunday 9 March 2025 17:00 EDT = 21:00Z, and is Monday's in every zone.
    Symbol fx = m_cryptoInfo;
    fx.assetClass = AssetClass::Forex;
    const TimeMs fxMonday = 1741554000000;  // 2025-03-09T21:00:00Z
    QCOMPARE(bucketAt(Timeframe::D1, fxMonday, fx.barDays()).start, fxMonday);
    for (const char *id : {"America/New_York", "Asia/Tokyo", "UTC"}) {
        const ChartTimeZone zone = *ChartTimeZone::named(QByteArray(id));
        QCOMPARE(zone.format(fxMonday, Timeframe::D1, fx), QStringLiteral("Mon 10 Mar 2025"));
        QCOMPARE(zone.format(fxMonday, Timeframe::W1, fx), QStringLiteral("Mon 10 Mar 2025"));
    }
    QCOMPARE(ChartTimeZone::exchange().format(fxMonday - 1, Timeframe::D1, fx),
        QStringLiteral("Sun 9 Mar 2025"));
}

void TestChartPanes::newYorkAxisLabelsAcrossDst_data()
{
    QTest::addColumn<int>("which");
    QTest::newRow("March") << 0;
    QTest::newRow("November") << 1;
}

void TestChartPanes::newYorkAxisLabelsAcrossDst()
{
    QFETCH(int, which);
    const SymbolId id = which == 0 ? m_march : m_november;
    ChartView chart(m_symbols, m_engine);
    show(chart, id, Timeframe::H1, std::size_t(kDays * 24));
    chart.setTimeZone(*ChartTimeZone::named("America/New_York"));
    // Two days around the change: 48 bars on 1200 px, labels every few hours.
    const std::size_t change = which == 0 ? 3 * 24 + 7 : 3 * 24 + 6;  // the first bar after it
    const double lower = static_cast<double>(change) - 24.0;
    chart.plot()->axisRect()->axis(QCPAxis::atBottom)->setRange(lower, lower + 48.0);
    const auto labels = timeLabels(chart);
    QVERIFY(labels.size() >= 6);
    bool dayLabel = false;
    for (const auto &[time, text] : labels) {
        const QDateTime local = inZone(time, "America/New_York");
        if (text.contains(QLatin1Char(':'))) {
            QCOMPARE(text, local.toString(QStringLiteral("HH:mm")));
            QVERIFY2(text != QLatin1String("02:00") || which == 1, qPrintable(text));
        } else {
            // A day's first bar in New York (not in UTC).
            QCOMPARE(text, QLocale().toString(local.date(), QStringLiteral("d MMM")));
            const QDateTime before = inZone(time - kHourMs, "America/New_York");
            QVERIFY(before.date() != local.date());
            dayLabel = true;
        }
    }
    QVERIFY(dayLabel);
    // The bar after the change is labelled with its new wall-clock hour.
    const TimeMs changeTime = chart.candleData()->bar(change).time;
    QCOMPARE(changeTime, which == 0 ? TimeMs(1741503600000) : TimeMs(1762063200000));
    QCOMPARE(chart.formatBarTime(changeTime),
        which == 0 ? QStringLiteral("Sun 9 Mar 2025 03:00")
                   : QStringLiteral("Sun 2 Nov 2025 01:00"));
    // The same bars in UTC label the UTC hours.
    chart.setTimeZone(ChartTimeZone::utc());
    for (const auto &[time, text] : timeLabels(chart)) {
        if (text.contains(QLatin1Char(':')))
            QCOMPARE(text, inZone(time, "UTC").toString(QStringLiteral("HH:mm")));
    }
}

void TestChartPanes::dailyAxisLabelsAreExchangeDates()
{
    ChartView chart(m_symbols, m_engine);
    show(chart, m_march, Timeframe::D1, std::size_t(kDays));
    chart.setTimeZone(*ChartTimeZone::named("America/New_York"));
    const auto labels = timeLabels(chart);
    QVERIFY(!labels.empty());
    for (const auto &[time, text] : labels) {
        const QDate utcDate = inZone(time, "UTC").date();
        // Day labels name the UTC (exchange) date, months and years the same.
        if (text.contains(QLatin1Char(' ')))
            QCOMPARE(text, QLocale().toString(utcDate, QStringLiteral("d MMM")));
        QCOMPARE(chart.formatBarTime(time),
            QLocale().toString(utcDate, QStringLiteral("ddd d MMM yyyy")));
    }
}

void TestChartPanes::toolbarPicksTheZone()
{
    ChartView chart(m_symbols, m_engine);
    show(chart, m_equity, Timeframe::M5, m_equityBars.size() / 5);
    auto *button = chart.findChild<TimeZoneButton *>();
    QVERIFY(button);
    QCOMPARE(button->text(), QStringLiteral("NY"));  // the exchange's zone
    QSignalSpy changed(&chart, &ChartView::stateChanged);
    emit button->menu()->aboutToShow();
    QStringList offered;
    QAction *tokyo = nullptr;
    for (QAction *action : button->menu()->actions()) {
        offered << action->text();
        if (action->text() == QStringLiteral("Asia/Tokyo"))
            tokyo = action;
    }
    QVERIFY2(offered.contains(QStringLiteral("Exchange (America/New_York)")),
        qPrintable(offered.join(QStringLiteral(", "))));
    QVERIFY(offered.contains(QStringLiteral("UTC")));
    QVERIFY(tokyo);
    tokyo->trigger();
    QCOMPARE(chart.timeZone().id(), QStringLiteral("Asia/Tokyo"));
    QCOMPARE(button->text(), QStringLiteral("Tokyo"));
    QCOMPARE(changed.count(), 1);
    // 09:30 in New York is 23:30 in Tokyo under EST (22:30 under EDT).
    const TimeMs open = chart.candleData()->bar(0).time;
    QCOMPARE(chart.formatBarTime(open),
        QLocale().toString(inZone(open, "Asia/Tokyo"), QStringLiteral("ddd d MMM yyyy HH:mm")));
    QVERIFY(chart.formatBarTime(open).endsWith(QStringLiteral("23:30")));
}

void TestChartPanes::sessionBreaksMarkTheFirstBarOfADay()
{
    ChartView chart(m_symbols, m_engine);
    // 5 weekdays of 78 five-minute bars in the week (Thu 6 Mar .. Wed 12 Mar 2025).
    show(chart, m_equity, Timeframe::M5, m_equityBars.size() / 5);
    chart.setTimeZone(*ChartTimeZone::named("America/New_York"));
    const auto count = static_cast<double>(chart.candleData()->size());
    chart.plot()->axisRect()->axis(QCPAxis::atBottom)->setRange(-1.0, count);
    chart.plot()->replot();
    const std::vector<std::size_t> breaks = chart.sessionBreaks()->drawnBreaks();
    QCOMPARE(breaks.size(), std::size_t(4));  // between five trading days
    for (std::size_t k = 0; k < breaks.size(); ++k) {
        QCOMPARE(breaks[k], (k + 1) * 78);
        const QDateTime open = inZone(chart.candleData()->bar(breaks[k]).time, "America/New_York");
        QCOMPARE(open.time(), QTime(9, 30));
    }
    // A 24/7 symbol has none.
    chart.showSeries(m_march, Timeframe::M30);
    QTRY_COMPARE(chart.candleData()->size(), std::size_t(kDays * 48));
    chart.plot()->replot();
    QVERIFY(chart.sessionBreaks()->drawnBreaks().empty());
}

void TestChartPanes::extendedHoursAreTinted()
{
    // A Yahoo stock with pre- and post-market minutes (08:00-18:00 New York)
    // on Thu 6 and Fri 7 Mar 2025, five-minute bars.
    Symbol info = m_equityInfo;
    info.source = QStringLiteral("yahoo");
    info.code = QStringLiteral("XTND");
    const SymbolId id = m_symbols->intern(info);
    std::vector<Bar> bars;
    for (const QDate day : {QDate(2025, 3, 6), QDate(2025, 3, 7)}) {
        const TimeMs from
            = QDateTime(day, QTime(8, 0), QTimeZone("America/New_York")).toMSecsSinceEpoch();
        for (TimeMs t = from; t < from + 10 * kHourMs; t += kMinuteMs)
            bars.push_back(Bar {t, 100.0, 100.5, 99.5, 100.2, 10.0, 1});
    }
    loadHistory(id, bars);
    ChartView chart(m_symbols, m_engine);
    show(chart, id, Timeframe::M5, bars.size() / 5);
    const auto count = static_cast<double>(chart.candleData()->size());
    chart.plot()->axisRect()->axis(QCPAxis::atBottom)->setRange(-1.0, count);
    chart.plot()->replot();
    // Per day 120 bars: 08:00-09:25 (18) before the open, 16:00-17:55 (24)
    // after the close; Thursday's evening and Friday's morning touch (one run).
    const auto runs = chart.extendedHoursShade()->drawnRuns();
    using Run = std::pair<std::size_t, std::size_t>;
    QCOMPARE(runs, (std::vector<Run> {{0, 17}, {96, 120 + 17}, {120 + 96, 120 + 119}}));
    const QDateTime open
        = inZone(chart.candleData()->bar(runs[0].second + 1).time, "America/New_York");
    QCOMPARE(open.time(), QTime(9, 30));
    // On a daily chart, or for a 24/7 symbol, nothing is tinted.
    chart.showSeries(id, Timeframe::D1);
    QTRY_COMPARE(chart.candleData()->size(), std::size_t(2));
    chart.plot()->replot();
    QVERIFY(chart.extendedHoursShade()->drawnRuns().empty());
    chart.showSeries(m_march, Timeframe::M30);
    QTRY_COMPARE(chart.candleData()->size(), std::size_t(kDays * 48));
    chart.plot()->replot();
    QVERIFY(chart.extendedHoursShade()->drawnRuns().empty());
}

void TestChartPanes::zoomInAnyPaneMovesEveryPaneOnce()
{
    ChartView chart(m_symbols, m_engine);
    chart.setIndicatorSpecs({QStringLiteral("RSI:14"), QStringLiteral("MACD:12,26,9")});
    show(chart, m_march, Timeframe::M15, std::size_t(kDays * 96));
    chart.plot()->replot();
    const QStringList panes = chart.paneLayout()->order();
    QCOMPARE(panes.size(), 4);
    for (const QString &target : panes) {
        std::vector<std::unique_ptr<QSignalSpy>> spies;
        for (const QString &id : panes)
            spies.push_back(std::make_unique<QSignalSpy>(
                chart.paneLayout()->rectOf(id)->axis(QCPAxis::atBottom),
                qOverload<const QCPRange &>(&QCPAxis::rangeChanged)));
        const QRect rect = chart.paneLayout()->rectOf(target)->rect();
        const QPointF at(rect.center());
        QWheelEvent wheel(at, chart.plot()->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
            Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(chart.plot(), &wheel);
        const QCPRange range = chart.visibleRange();
        for (std::size_t k = 0; k < spies.size(); ++k) {
            QCOMPARE(spies[k]->count(), 1);
            QCOMPARE(chart.paneLayout()
                         ->rectOf(panes.at(static_cast<qsizetype>(k)))
                         ->axis(QCPAxis::atBottom)
                         ->range(),
                range);
        }
        // And a pan by drag in the same pane: one change per pane per move.
        for (auto &spy : spies)
            spy->clear();
        QMouseEvent press(QEvent::MouseButtonPress, at, chart.plot()->mapToGlobal(at),
            Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(chart.plot(), &press);
        const QPointF to = at + QPointF(-80, 0);
        QMouseEvent move(QEvent::MouseMove, to, chart.plot()->mapToGlobal(to), Qt::NoButton,
            Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(chart.plot(), &move);
        QMouseEvent release(QEvent::MouseButtonRelease, to, chart.plot()->mapToGlobal(to),
            Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(chart.plot(), &release);
        QVERIFY(chart.visibleRange().lower > range.lower);
        for (std::size_t k = 0; k < spies.size(); ++k) {
            QCOMPARE(spies[k]->count(), 1);
            QCOMPARE(chart.paneLayout()
                         ->rectOf(panes.at(static_cast<qsizetype>(k)))
                         ->axis(QCPAxis::atBottom)
                         ->range(),
                chart.visibleRange());
        }
    }
}

void TestChartPanes::dragOnABoundaryResizesPanes()
{
    ChartView chart(m_symbols, m_engine);
    chart.setIndicatorSpecs({QStringLiteral("RSI:14")});
    show(chart, m_march, Timeframe::M15, std::size_t(kDays * 96));
    chart.plot()->replot();
    PaneLayout *layout = chart.paneLayout();
    QCPAxisRect *price = layout->rectOf(ChartState::kPricePane);
    QCPAxisRect *volume = layout->rectOf(ChartState::kVolumePane);
    const int priceBefore = price->outerRect().height();
    const int volumeBefore = volume->outerRect().height();
    const double y = layout->handleY(ChartState::kPricePane);
    QVERIFY(y > 0);
    const QPointF at(price->rect().center().x(), y);
    // Hovering the boundary shows the resize cursor; away from it, not.
    QMouseEvent hover(QEvent::MouseMove, at, chart.plot()->mapToGlobal(at), Qt::NoButton,
        Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(chart.plot(), &hover);
    QCOMPARE(chart.plot()->cursor().shape(), Qt::SplitVCursor);
    const QPointF away(at.x(), price->rect().center().y());
    QMouseEvent leave(QEvent::MouseMove, away, chart.plot()->mapToGlobal(away), Qt::NoButton,
        Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(chart.plot(), &leave);
    QVERIFY(chart.plot()->cursor().shape() != Qt::SplitVCursor);

    QSignalSpy changed(&chart, &ChartView::stateChanged);
    const QCPRange rangeBefore = chart.visibleRange();
    QMouseEvent press(QEvent::MouseButtonPress, at, chart.plot()->mapToGlobal(at), Qt::LeftButton,
        Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(chart.plot(), &press);
    const QPointF up = at - QPointF(0, 120);
    QMouseEvent move(QEvent::MouseMove, up, chart.plot()->mapToGlobal(up), Qt::NoButton,
        Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(chart.plot(), &move);
    QMouseEvent release(QEvent::MouseButtonRelease, up, chart.plot()->mapToGlobal(up),
        Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(chart.plot(), &release);
    chart.plot()->replot();
    QCOMPARE(changed.count(), 1);
    // The boundary moved up 120 px: price lost them, volume got them; no pan.
    QVERIFY2(std::abs(price->outerRect().height() - (priceBefore - 120)) <= 2,
        qPrintable(QString::number(price->outerRect().height())));
    QVERIFY(std::abs(volume->outerRect().height() - (volumeBefore + 120)) <= 2);
    QCOMPARE(chart.visibleRange(), rangeBefore);

    // The heights are in the state, and a chart given that state has them.
    const ChartState state = chart.state();
    QCOMPARE(state.panes.size(), std::size_t(3));
    ChartView other(m_symbols, m_engine);
    other.applyState(state);
    show(other, m_march, Timeframe::M15, std::size_t(kDays * 96));
    other.plot()->replot();
    QCOMPARE(other.state().panes, state.panes);
    QVERIFY(std::abs(other.paneLayout()->rectOf(ChartState::kPricePane)->outerRect().height()
                - price->outerRect().height())
        <= 2);
}

void TestChartPanes::paneMenuMovesCollapsesAndCloses()
{
    ChartView chart(m_symbols, m_engine);
    chart.setIndicatorSpecs({QStringLiteral("RSI:14"), QStringLiteral("MACD:12,26,9")});
    show(chart, m_march, Timeframe::M15, std::size_t(kDays * 96));
    PaneLayout *layout = chart.paneLayout();
    const QString rsi = QStringLiteral("RSI:14");
    const QString macd = QStringLiteral("MACD:12,26,9");
    QCOMPARE(layout->order(),
        (QStringList {ChartState::kPricePane, ChartState::kVolumePane, rsi, macd}));
    // The menu's actions, as a right click offers them.
    std::unique_ptr<QMenu> menu(layout->createMenu(rsi, &chart));
    QAction *up = nullptr;
    for (QAction *action : menu->actions()) {
        if (action->text() == QStringLiteral("Move pane up"))
            up = action;
    }
    QVERIFY(up && up->isEnabled());
    up->trigger();
    QCOMPARE(layout->order(),
        (QStringList {ChartState::kPricePane, rsi, ChartState::kVolumePane, macd}));
    layout->moveDown(ChartState::kVolumePane);
    QCOMPARE(layout->order(),
        (QStringList {ChartState::kPricePane, rsi, macd, ChartState::kVolumePane}));
    chart.plot()->replot();
    // The time labels moved under the volume pane, now the lowest.
    QVERIFY(layout->rectOf(ChartState::kVolumePane)->axis(QCPAxis::atBottom)->tickLabels());
    QVERIFY(!layout->rectOf(macd)->axis(QCPAxis::atBottom)->tickLabels());

    layout->setCollapsed(rsi, true);
    chart.plot()->replot();
    QCOMPARE(layout->rectOf(rsi)->rect().height(), PaneLayout::kCollapsedPx);
    QVERIFY(!chart.indicatorGraph(rsi, QStringLiteral("value"))->visible());
    layout->setCollapsed(rsi, false);
    chart.plot()->replot();
    QVERIFY(layout->rectOf(rsi)->rect().height() > 60);
    QVERIFY(chart.indicatorGraph(rsi, QStringLiteral("value"))->visible());

    layout->closePane(ChartState::kVolumePane);
    chart.plot()->replot();
    QCOMPARE(layout->rectOf(ChartState::kVolumePane)->outerRect().height(), 0);
    QVERIFY(layout->rectOf(macd)->axis(QCPAxis::atBottom)->tickLabels());
    layout->showVolume();
    chart.plot()->replot();
    QVERIFY(layout->rectOf(ChartState::kVolumePane)->outerRect().height() > 20);

    // Closing an indicator pane removes its indicator from the chart.
    QSignalSpy specs(&chart, &ChartView::indicatorSpecsChanged);
    layout->closePane(rsi);
    QCOMPARE(specs.count(), 1);
    QCOMPARE(chart.indicatorSpecs(), QStringList {macd});
    QCOMPARE(
        layout->order(), (QStringList {ChartState::kPricePane, macd, ChartState::kVolumePane}));
}

void TestChartPanes::chainedIndicatorSharesItsInnerPane()
{
    ChartView chart(m_symbols, m_engine);
    const QString rsi = QStringLiteral("RSI:14");
    const QString sma = QStringLiteral("SMA:9@RSI:14");
    // Listed before its host: it still lands on RSI's pane.
    chart.setIndicatorSpecs({sma, rsi, QStringLiteral("MACD:12,26,9")});
    show(chart, m_march, Timeframe::M15, std::size_t(kDays * 96));
    QCOMPARE(chart.paneCount(), 2);
    IndicatorPanes *panes = chart.indicatorPanes();
    QVERIFY(panes->isGuest(sma));
    QVERIFY(!panes->isGuest(rsi));
    QCOMPARE(panes->paneOf(sma), panes->paneOf(rsi));
    QCPGraph *smaLine = chart.indicatorGraph(sma, QStringLiteral("value"));
    QCPGraph *rsiLine = chart.indicatorGraph(rsi, QStringLiteral("value"));
    QCOMPARE(smaLine->valueAxis(), rsiLine->valueAxis());
    QVERIFY(smaLine->pen().color() != rsiLine->pen().color());
    QCOMPARE(chart.paneLayout()->order(),
        (QStringList {
            ChartState::kPricePane, ChartState::kVolumePane, rsi, QStringLiteral("MACD:12,26,9")}));
    // The smoothed RSI is the mean of the last 9 RSI values, on the same axis.
    QTRY_VERIFY(smaLine->data()->size() > 100 && rsiLine->data()->size() > 100);
    const auto at = [](QCPGraph *g, double key) { return g->data()->findBegin(key, false)->value; };
    double sum = 0.0;
    for (int k = 0; k < 9; ++k)
        sum += at(rsiLine, 200.0 - k);
    QVERIFY(std::abs(at(smaLine, 200.0) - sum / 9.0) < 1e-9);
    // Colours and widths: set, in the state, and given to a new chart.
    chart.setIndicatorStyle(rsi, {QColor(0x12, 0x34, 0x56)}, 2.0);
    QCOMPARE(rsiLine->pen().color(), QColor(0x12, 0x34, 0x56));
    QCOMPARE(rsiLine->pen().widthF(), 2.0);
    const ChartState state = chart.state();
    QCOMPARE(state.indicators[1].colors, std::vector<QColor> {QColor(0x12, 0x34, 0x56)});
    QCOMPARE(state.indicators[1].lineWidth, 2.0);
    {
        ChartView other(m_symbols, m_engine);
        other.applyState(*ChartState::fromJson(state.toJson()));
        QCPGraph *line = other.indicatorGraph(rsi, QStringLiteral("value"));
        QCOMPARE(line->pen().color(), QColor(0x12, 0x34, 0x56));
        QCOMPARE(line->pen().widthF(), 2.0);
        QCOMPARE(other.state().indicators, state.indicators);
    }
    QCOMPARE(state.indicators[0].pane, rsi);
    QCOMPARE(state.indicators[1].pane, QString());
    // Closing RSI's pane removes both lines on it.
    chart.paneLayout()->closePane(rsi);
    QCOMPARE(chart.indicatorSpecs(), QStringList {QStringLiteral("MACD:12,26,9")});
    // Alone, a chained spec has a pane of its own.
    chart.setIndicatorSpecs({sma});
    QCOMPARE(chart.paneCount(), 1);
    QVERIFY(!panes->isGuest(sma));
}

void TestChartPanes::stateSurvivesARestart()
{
    {
        MainWindow window(m_symbols, m_engine, settings());
        window.resize(1440, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.selectSymbol(m_equity);
        window.setTimeframe(Timeframe::H1);
        ChartView *chart = window.chart();
        chart->setIndicatorSpecs({QStringLiteral("RSI:14")});
        chart->setTimeZone(*ChartTimeZone::named("Asia/Tokyo"));
        QTRY_VERIFY(chart->candleCount() > 0);
        chart->plot()->replot();
        // Drag the RSI pane's top boundary (under volume) up by 50 px.
        const double y = chart->paneLayout()->handleY(ChartState::kVolumePane);
        const QPointF at(200, y);
        QMouseEvent press(QEvent::MouseButtonPress, at, chart->plot()->mapToGlobal(at),
            Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(chart->plot(), &press);
        const QPointF to = at - QPointF(0, 50);
        QMouseEvent release(QEvent::MouseButtonRelease, to, chart->plot()->mapToGlobal(to),
            Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(chart->plot(), &release);
        chart->paneLayout()->moveUp(QStringLiteral("RSI:14"));
        window.close();
    }
    const std::unique_ptr<QSettings> ini = settings();
    QVERIFY(ini->contains(MainWindow::chartStateSettingKey()));
    QVERIFY(!ini->contains(QStringLiteral("chart/symbol")));
    const ChartState saved
        = *ChartState::fromJson(ini->value(MainWindow::chartStateSettingKey()).toString().toUtf8());
    QCOMPARE(saved.symbol, QStringLiteral("test:ACME"));
    QCOMPARE(saved.timeframe, QStringLiteral("1h"));
    QCOMPARE(saved.timeZone, QStringLiteral("Asia/Tokyo"));
    QCOMPARE(saved.panes.size(), std::size_t(3));
    QCOMPARE(saved.panes[1].id, QStringLiteral("RSI:14"));
    QVERIFY(saved.panes[1].height > 0.18);  // grew by the drag
    QVERIFY(saved.panes[2].height < 0.1);

    MainWindow restored(m_symbols, m_engine, settings());
    restored.resize(1440, 900);
    restored.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restored));
    QCOMPARE(restored.currentSymbol(), m_equity);
    QCOMPARE(restored.currentTimeframe(), Timeframe::H1);
    QCOMPARE(restored.chart()->timeZone().id(), QStringLiteral("Asia/Tokyo"));
    QCOMPARE(restored.chart()->indicatorSpecs(), QStringList {QStringLiteral("RSI:14")});
    QCOMPARE(restored.chart()->state(), saved);
    QCOMPARE(
        restored.chart()->paneLayout()->height(QStringLiteral("RSI:14")), saved.panes[1].height);
}

void TestChartPanes::oldChartKeysAreMigrated()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.ini"));
    {
        QSettings old(path, QSettings::IniFormat);
        old.setValue(QStringLiteral("chart/symbol"), QStringLiteral("test:MARUSD"));
        old.setValue(QStringLiteral("chart/timeframe"), QStringLiteral("30m"));
        old.setValue(QStringLiteral("chart/indicators"),
            QStringList {QStringLiteral("SMA:20"), QStringLiteral("RSI:14")});
    }
    {
        MainWindow window(
            m_symbols, m_engine, std::make_unique<QSettings>(path, QSettings::IniFormat));
        QCOMPARE(window.currentSymbol(), m_march);
        QCOMPARE(window.currentTimeframe(), Timeframe::M30);
        QCOMPARE(window.chart()->indicatorSpecs(),
            (QStringList {QStringLiteral("SMA:20"), QStringLiteral("RSI:14")}));
        window.saveSettings();
    }
    QSettings migrated(path, QSettings::IniFormat);
    for (const char *key : {"chart/symbol", "chart/timeframe", "chart/indicators"})
        QVERIFY2(!migrated.contains(QLatin1String(key)), key);
    const ChartState state
        = *ChartState::fromJson(migrated.value(QStringLiteral("chart/state")).toString().toUtf8());
    QCOMPARE(state.symbol, QStringLiteral("test:MARUSD"));
    QCOMPARE(state.timeframe, QStringLiteral("30m"));
    QCOMPARE(
        state.indicatorSpecs(), (QStringList {QStringLiteral("SMA:20"), QStringLiteral("RSI:14")}));
}

void TestChartPanes::watchlistLeavesTheChartTheRoom()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("w.ini"));
    int chosen = 0;
    {
        MainWindow window(
            m_symbols, m_engine, std::make_unique<QSettings>(path, QSettings::IniFormat));
        window.resize(1440, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTableView *table = window.watchlistView()->table();
        QHeaderView *header = table->horizontalHeader();
        int columns = 0;
        for (int c = 0; c < header->count(); ++c)
            columns += header->sectionSize(c);
        QVERIFY(columns <= table->viewport()->width());
        // Under a quarter of the window (about 300 px), and every column fits without scrolling.
        QVERIFY2(window.watchlistView()->width() <= 335,
            qPrintable(QString::number(window.watchlistView()->width())));
        QVERIFY(!table->horizontalScrollBar()->isVisible());
        // The header's Feed sits over its values (dots): both centred.
        const QAbstractItemModel *model = table->model();
        QCOMPARE(
            model->headerData(WatchlistModel::FeedColumn, Qt::Horizontal, Qt::TextAlignmentRole)
                .toInt(),
            model->index(0, WatchlistModel::FeedColumn).data(Qt::TextAlignmentRole).toInt());
        QVERIFY(model->headerData(WatchlistModel::ChangeColumn, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("Crypto")));
        // A width the trader chose comes back.
        QDockWidget *dock = qobject_cast<QDockWidget *>(window.watchlistView()->parentWidget());
        QVERIFY(dock);
        window.resizeDocks({dock}, {330}, Qt::Horizontal);
        QTRY_VERIFY(std::abs(dock->width() - 330) <= 2);
        chosen = dock->width();
        window.close();
    }
    MainWindow restored(
        m_symbols, m_engine, std::make_unique<QSettings>(path, QSettings::IniFormat));
    restored.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restored));
    QDockWidget *dock = qobject_cast<QDockWidget *>(restored.watchlistView()->parentWidget());
    QTRY_COMPARE(dock->width(), chosen);
}

QTEST_MAIN(TestChartPanes)
#include "test_chart_panes.moc"
