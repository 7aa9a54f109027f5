// The data-health window against hand-made samples: messages per second from
// FeedHealth deltas, the bounded history per source, sources kept apart,
// a hidden window that stores and plots on show, and the circuit in the summary.
// WICK_SCREENSHOT_DIR=dir writes health.png there after a realistic ten minutes.
#include <cmath>

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QTest>

#include "health/DataHealthWindow.h"
#include "health/FeedHealthSample.h"
#include "net/CircuitBreaker.h"
#include "session/FeedHost.h"

using namespace wick;

namespace {

constexpr qint64 kStart = 1764000000000;  // 2025-11-24T16:00:00Z

FeedHealthSample sample(const QString &source, int second, double rate)
{
    FeedHealthSample s;
    s.source = source;
    s.timeMs = kStart + second * 1000LL;
    s.messagesPerSecond = rate;
    s.state = QStringLiteral("Live");
    return s;
}

}  // namespace

class TestDataHealth final : public QObject
{
    Q_OBJECT

private slots:
    void messagesPerSecondFromDeltas();
    void messagesPerSecondFromDeltas_data();
    void circuitStatesMap();
    void historyIsBounded();
    void sourcesKeptApart();
    void hiddenWindowPlotsOnShow();
    void openCircuitInSummary();
    void sourceWithoutCircuitsHasNoLanes();
    void screenshot();
};

void TestDataHealth::messagesPerSecondFromDeltas_data()
{
    QTest::addColumn<qint64>("framesBefore");
    QTest::addColumn<qint64>("framesNow");
    QTest::addColumn<qint64>("elapsedMs");
    QTest::addColumn<double>("expected");
    QTest::newRow("one second") << 1000LL << 3500LL << 1000LL << 2500.0;
    QTest::newRow("two seconds") << 0LL << 300LL << 2000LL << 150.0;
    QTest::newRow("late tick") << 10LL << 22LL << 1200LL << 10.0;
    QTest::newRow("idle") << 42LL << 42LL << 1000LL << 0.0;
    QTest::newRow("no time") << 0LL << 100LL << 0LL << 0.0;
    QTest::newRow("counter went back") << 500LL << 20LL << 1000LL << 0.0;
}

void TestDataHealth::messagesPerSecondFromDeltas()
{
    QFETCH(qint64, framesBefore);
    QFETCH(qint64, framesNow);
    QFETCH(qint64, elapsedMs);
    QFETCH(double, expected);
    FeedHealthReading reading;
    reading.source = QStringLiteral("binance");
    reading.timeMs = kStart;
    reading.messagesPerSecond = messageRate(framesBefore, framesNow, elapsedMs);
    FeedHealth &now = reading.health;
    now.messagesReceived = framesNow;
    now.reconnects = 3;
    now.rateLimitWaits = 7;
    now.restFailures = 2;
    now.quarantined = 11;
    now.flagged = 5;
    now.usedWeight = 240;
    now.weightLimit = 6000;
    now.streamCircuit = CircuitState::HalfOpen;
    now.restCircuit = CircuitState::Open;

    const FeedHealthSample s = fromFeedHealth(reading);
    QCOMPARE(s.source, QStringLiteral("binance"));
    QCOMPARE(s.timeMs, kStart);
    QCOMPARE(s.messagesPerSecond, expected);
    // Counters are the current totals, not deltas.
    QCOMPARE(s.reconnects, 3);
    QCOMPARE(s.rateLimitWaits, 7);
    QCOMPARE(s.restFailures, 2);
    QCOMPARE(s.quarantined, 11);
    QCOMPARE(s.flagged, 5);
    QCOMPARE(s.usedWeight, 240);
    QCOMPARE(s.weightLimit, 6000);
    QCOMPARE(s.streamCircuit, int(kCircuitHalfOpen));
    QCOMPARE(s.restCircuit, int(kCircuitOpen));
}

void TestDataHealth::circuitStatesMap()
{
    QCOMPARE(circuitLevel(CircuitState::Closed), int(kCircuitClosed));
    QCOMPARE(circuitLevel(CircuitState::HalfOpen), int(kCircuitHalfOpen));
    QCOMPARE(circuitLevel(CircuitState::Open), int(kCircuitOpen));
}

void TestDataHealth::historyIsBounded()
{
    DataHealthWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (int i = 0; i < 700; ++i)
        window.addSample(sample(QStringLiteral("binance"), i, i));
    QCOMPARE(window.sampleCount(QStringLiteral("binance")), DataHealthWindow::kHistorySamples);
    QCOMPARE(window.sampleCount(QStringLiteral("binance")), 600);
    QCOMPARE(window.lastMessagesPerSecond(QStringLiteral("binance")), 699.0);
    // The line holds exactly the kept samples: the oldest kept is second 100.
    auto *line = qobject_cast<QLineSeries *>(
        window.chart(DataHealthWindow::Metric::MessagesPerSecond)->series().first());
    QVERIFY(line);
    QCOMPARE(line->count(), 600);
    QCOMPARE(line->at(0), QPointF(double(kStart + 100'000), 100.0));
    QCOMPARE(line->at(599), QPointF(double(kStart + 699'000), 699.0));
    // An older sample than the newest is refused, not inserted out of order.
    window.addSample(sample(QStringLiteral("binance"), 10, 1.0));
    QCOMPARE(window.lastMessagesPerSecond(QStringLiteral("binance")), 699.0);
}

void TestDataHealth::sourcesKeptApart()
{
    DataHealthWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (int i = 0; i < 30; ++i) {
        window.addSample(sample(QStringLiteral("binance"), i, 2000.0 + i));
        if (i % 2 == 0) {
            FeedHealthSample demo = sample(QStringLiteral("demo"), i, 9.0);
            demo.quarantined = i / 10;
            window.addSample(demo);
        }
    }
    QCOMPARE(window.sources(), QStringList({QStringLiteral("binance"), QStringLiteral("demo")}));
    QCOMPARE(window.sampleCount(QStringLiteral("binance")), 30);
    QCOMPARE(window.sampleCount(QStringLiteral("demo")), 15);
    QCOMPARE(window.sampleCount(QStringLiteral("yahoo")), 0);
    QCOMPARE(window.lastMessagesPerSecond(QStringLiteral("binance")), 2029.0);
    QCOMPARE(window.lastMessagesPerSecond(QStringLiteral("demo")), 9.0);
    QVERIFY(std::isnan(window.lastMessagesPerSecond(QStringLiteral("yahoo"))));
    QCOMPARE(window.summaryText(QStringLiteral("binance"), DataHealthWindow::Column::Source),
        QStringLiteral("BINANCE"));
    QCOMPARE(
        window.summaryText(QStringLiteral("binance"), DataHealthWindow::Column::MessagesPerSecond),
        QStringLiteral("2029"));
    QCOMPARE(
        window.summaryText(QStringLiteral("demo"), DataHealthWindow::Column::MessagesPerSecond),
        QStringLiteral("9.0"));
    QCOMPARE(window.summaryText(QStringLiteral("demo"), DataHealthWindow::Column::Quarantined),
        QStringLiteral("2"));
    QCOMPARE(window.summaryText(QStringLiteral("binance"), DataHealthWindow::Column::Quarantined),
        QStringLiteral("0"));
    // One line per source in each chart, named after it.
    const QList<QAbstractSeries *> lines
        = window.chart(DataHealthWindow::Metric::MessagesPerSecond)->series();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0]->name(), QStringLiteral("binance"));
    QCOMPARE(lines[1]->name(), QStringLiteral("demo"));
    QCOMPARE(window.plottedPointCount(
                 QStringLiteral("binance"), DataHealthWindow::Metric::MessagesPerSecond),
        30);
    QCOMPARE(window.plottedPointCount(
                 QStringLiteral("demo"), DataHealthWindow::Metric::MessagesPerSecond),
        15);
    // The demo's quarantine counter is a step: 0 -> 1 at second 10, 1 -> 2 at second 20,
    // each flat run kept as its two ends.
    auto *quarantine = qobject_cast<QLineSeries *>(
        window.chart(DataHealthWindow::Metric::Quarantined)->series().at(1));
    QVERIFY(quarantine);
    const QList<QPointF> steps = quarantine->points();
    const QList<QPointF> expected {{double(kStart), 0}, {double(kStart + 10'000), 0},
        {double(kStart + 10'000), 1}, {double(kStart + 20'000), 1}, {double(kStart + 20'000), 2},
        {double(kStart + 28'000), 2}};
    QCOMPARE(steps, expected);
}

void TestDataHealth::hiddenWindowPlotsOnShow()
{
    DataHealthWindow window;
    for (int i = 0; i < 120; ++i)
        window.addSample(sample(QStringLiteral("binance"), i, 100.0 + i));
    QVERIFY(!window.isVisible());
    QCOMPARE(window.sampleCount(QStringLiteral("binance")), 120);
    // Stored, not plotted: a hidden window costs no chart work.
    QCOMPARE(window.plottedPointCount(
                 QStringLiteral("binance"), DataHealthWindow::Metric::MessagesPerSecond),
        0);
    QCOMPARE(
        window.summaryText(QStringLiteral("binance"), DataHealthWindow::Column::MessagesPerSecond),
        QStringLiteral("\u2014"));

    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.plottedPointCount(
                 QStringLiteral("binance"), DataHealthWindow::Metric::MessagesPerSecond),
        120);
    QCOMPARE(
        window.summaryText(QStringLiteral("binance"), DataHealthWindow::Column::MessagesPerSecond),
        QStringLiteral("219"));
    QCOMPARE(window.summaryText(QStringLiteral("binance"), DataHealthWindow::Column::State),
        QStringLiteral("Live"));

    // Hidden again: new samples wait for the next show.
    window.hide();
    window.addSample(sample(QStringLiteral("binance"), 120, 5.0));
    QCOMPARE(window.plottedPointCount(
                 QStringLiteral("binance"), DataHealthWindow::Metric::MessagesPerSecond),
        120);
    window.show();
    QCOMPARE(window.plottedPointCount(
                 QStringLiteral("binance"), DataHealthWindow::Metric::MessagesPerSecond),
        121);
    QCOMPARE(
        window.summaryText(QStringLiteral("binance"), DataHealthWindow::Column::MessagesPerSecond),
        QStringLiteral("5.0"));
}

void TestDataHealth::openCircuitInSummary()
{
    DataHealthWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.addSample(sample(QStringLiteral("binance"), 0, 1500.0));
    QCOMPARE(window.summaryText(QStringLiteral("binance"), DataHealthWindow::Column::Circuit),
        QStringLiteral("closed / closed"));

    FeedHealthSample broken = sample(QStringLiteral("binance"), 1, 0.0);
    broken.streamCircuit = kCircuitOpen;
    broken.restCircuit = kCircuitHalfOpen;
    broken.state = QStringLiteral("Circuit open");
    broken.usedWeight = 5990;
    broken.weightLimit = 6000;
    window.addSample(broken);
    QCOMPARE(window.summaryText(QStringLiteral("binance"), DataHealthWindow::Column::Circuit),
        QStringLiteral("open / half-open"));
    QCOMPARE(window.summaryText(QStringLiteral("binance"), DataHealthWindow::Column::State),
        QStringLiteral("Circuit open"));
    QCOMPARE(window.summaryText(QStringLiteral("binance"), DataHealthWindow::Column::Weight),
        QStringLiteral("5990 / 6000"));

    // setFeedState replaces the text at once; a sample without a state keeps it.
    window.setFeedState(QStringLiteral("binance"), QStringLiteral("Reconnecting in 4 s"));
    QCOMPARE(window.summaryText(QStringLiteral("binance"), DataHealthWindow::Column::State),
        QStringLiteral("Reconnecting in 4 s"));
    FeedHealthSample quiet = sample(QStringLiteral("binance"), 2, 0.0);
    quiet.state.clear();
    window.addSample(quiet);
    QCOMPARE(window.summaryText(QStringLiteral("binance"), DataHealthWindow::Column::State),
        QStringLiteral("Reconnecting in 4 s"));
    QCOMPARE(window.summaryText(QStringLiteral("binance"), DataHealthWindow::Column::Circuit),
        QStringLiteral("closed / closed"));
}

void TestDataHealth::sourceWithoutCircuitsHasNoLanes()
{
    DataHealthWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.addSample(sample(QStringLiteral("binance"), 0, 1500.0));
    FeedHealthSample demo = sample(QStringLiteral("demo"), 0, 40.0);
    demo.hasCircuits = false;
    window.addSample(demo);
    window.addSample(sample(QStringLiteral("binance"), 1, 1400.0));
    demo.timeMs += 1000;
    window.addSample(demo);
    QCOMPARE(window.summaryText(QStringLiteral("demo"), DataHealthWindow::Column::Circuit),
        QStringLiteral("\u2014"));
    QCOMPARE(
        window.plottedPointCount(QStringLiteral("demo"), DataHealthWindow::Metric::Circuit), 0);
    QVERIFY(
        window.plottedPointCount(QStringLiteral("binance"), DataHealthWindow::Metric::Circuit) > 0);
    // Its messages are plotted as any source's.
    QCOMPARE(window.plottedPointCount(
                 QStringLiteral("demo"), DataHealthWindow::Metric::MessagesPerSecond),
        window.plottedPointCount(
            QStringLiteral("binance"), DataHealthWindow::Metric::MessagesPerSecond));
}

void TestDataHealth::screenshot()
{
    DataHealthWindow window;
    window.resize(900, 600);
    window.setTheme(Theme::dark());
    // Ten minutes of a realistic session: Binance at ~2,000 messages/s with a
    // stream drop at minute 4 (reconnecting, then the circuit opening for 30 s),
    // a 429 burst at minute 7; the demo feed steady at 9/s with a few quarantines.
    qint64 reconnects = 0;
    qint64 waits = 0;
    qint64 quarantined = 3;
    for (int i = 0; i < 600; ++i) {
        FeedHealthSample b = sample(QStringLiteral("binance"), i, 0.0);
        const bool down = i >= 240 && i < 290;
        b.messagesPerSecond
            = down ? 0.0 : 1900.0 + 180.0 * std::sin(i / 23.0) + 60.0 * std::sin(i * 1.7);
        if (i == 240 || i == 250 || i == 258)
            ++reconnects;
        if (i >= 420 && i < 436 && i % 2 == 0)
            ++waits;
        if (i == 130 || i == 131 || i == 505)
            ++quarantined;
        b.reconnects = reconnects;
        b.rateLimitWaits = waits;
        b.quarantined = quarantined;
        b.flagged = 12 + i / 90;
        b.restFailures = i >= 250 ? 4 : 0;
        b.usedWeight = 180 + (i % 60) * 4;
        b.weightLimit = 6000;
        b.streamCircuit = i >= 260 && i < 285 ? kCircuitOpen
            : i >= 285 && i < 290             ? kCircuitHalfOpen
                                              : kCircuitClosed;
        b.restCircuit = i >= 425 && i < 432 ? kCircuitHalfOpen : kCircuitClosed;
        b.state = down ? QStringLiteral("Reconnecting in 4 s") : QStringLiteral("Live");
        window.addSample(b);
        FeedHealthSample d = sample(QStringLiteral("demo"), i, 9.0 + (i % 3 == 0 ? 1.0 : 0.0));
        d.quarantined = i / 200;
        d.state = QStringLiteral("Live (simulated)");
        window.addSample(d);
    }
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.plottedPointCount(
                 QStringLiteral("binance"), DataHealthWindow::Metric::MessagesPerSecond),
        600);
    const QString dir = qEnvironmentVariable("WICK_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QVERIFY(window.grab().save(dir + QStringLiteral("/health.png")));
        window.setTheme(Theme::light());
        // The legend lays its rebuilt markers out on the next pass of the event loop.
        const QList<QLegendMarker *> markers
            = window.chart(DataHealthWindow::Metric::MessagesPerSecond)->legend()->markers();
        QCOMPARE(markers.size(), 2);
        QTRY_VERIFY(markers[0]->isVisible() && markers[1]->isVisible());
        QVERIFY(window.grab().save(dir + QStringLiteral("/health-light.png")));

        // Half a minute after start: the demo live, Binance still connecting.
        DataHealthWindow early;
        early.resize(900, 600);
        early.setFeedState(QStringLiteral("binance"), QStringLiteral("Connecting"));
        for (int i = 0; i < 30; ++i)
            early.addSample(sample(QStringLiteral("demo"), i, 9.0 + i % 2));
        early.show();
        QVERIFY(QTest::qWaitForWindowExposed(&early));
        QVERIFY(early.grab().save(dir + QStringLiteral("/health-start.png")));
    }
}

QTEST_MAIN(TestDataHealth)
#include "test_data_health.moc"
