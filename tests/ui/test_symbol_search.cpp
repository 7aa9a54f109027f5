// The Ctrl+K symbol search with hand-made candidates: ranking (exact code, code
// prefix, base asset, substring; quotes and sources as tie-breaks), case and
// separators, keys (Up/Down, Enter emits the key, Esc hides), the loading and
// no-match lines, the watched mark, and a 5,000-symbol filter timed per keystroke.
// WICK_SCREENSHOT_DIR=dir writes search.png there.
#include <QElapsedTimer>
#include <QLineEdit>
#include <QListView>
#include <QSignalSpy>
#include <QTest>

#include "search/SymbolSearch.h"
#include "search/SymbolSearchModel.h"

using namespace wick;
using namespace Qt::StringLiterals;

namespace {

SearchCandidate binance(const QString &base, const QString &quote, const QString &detail = {})
{
    const QString code = base + quote;
    return SearchCandidate {QStringLiteral("binance:") + code, QStringLiteral("binance"), code,
        base + QStringLiteral(" / ") + quote, detail.isEmpty() ? QStringLiteral("Spot") : detail};
}

std::vector<SearchCandidate> binanceSample()
{
    // exchangeInfo order, not alphabetical: the search must not depend on it.
    return {binance(u"ETH"_s, u"BTC"_s), binance(u"WBTC"_s, u"USDT"_s), binance(u"BTC"_s, u"TRY"_s),
        binance(u"BTC"_s, u"FDUSD"_s), binance(u"BTC"_s, u"USDT"_s), binance(u"BTC"_s, u"EUR"_s),
        binance(u"ETH"_s, u"USDT"_s), binance(u"SOL"_s, u"USDT"_s), binance(u"BTC"_s, u"USDC"_s),
        binance(u"WBTC"_s, u"BTC"_s), binance(u"BTCDOM"_s, u"USDT"_s, u"Spot \u00b7 BREAK"_s),
        binance(u"SOL"_s, u"BTC"_s)};
}

std::vector<SearchCandidate> demoSample()
{
    auto demo = [](const QString &code, const QString &name) {
        return SearchCandidate {QStringLiteral("demo:") + code, QStringLiteral("demo"), code, name,
            QStringLiteral("Simulated")};
    };
    return {demo(u"BTCUSD"_s, u"Demo Bitcoin / US Dollar"_s),
        demo(u"ETHUSD"_s, u"Demo Ether / US Dollar"_s),
        demo(u"SOLUSD"_s, u"Demo Solana / US Dollar"_s),
        demo(u"XRPUSD"_s, u"Demo XRP / US Dollar"_s), demo(u"ACME"_s, u"Acme Corp (demo)"_s),
        demo(u"GLOBEX"_s, u"Globex Corp (demo)"_s), demo(u"DEMO500"_s, u"Demo 500 Index (demo)"_s),
        demo(u"RHEIN"_s, u"Rhein Industrie AG (demo)"_s),
        demo(u"NIKKO"_s, u"Nikko Electric (demo)"_s)};
}

// Binance-like synthetic names: <base><quote> over a few hundred bases.
std::vector<SearchCandidate> synthetic(int count)
{
    static const char *quotes[] = {"USDT", "BTC", "ETH", "BNB", "FDUSD", "TRY", "EUR", "USDC"};
    std::vector<SearchCandidate> out;
    out.reserve(static_cast<std::size_t>(count));
    for (int i = 0; out.size() < static_cast<std::size_t>(count); ++i) {
        QString base;
        for (int n = i / 8 + 1; n > 0; n /= 26)
            base.append(QChar(u'A' + (n * 7 + i) % 26));
        base += QString::number(i % 97);
        out.push_back(binance(base, QString::fromLatin1(quotes[i % 8])));
    }
    return out;
}

void type(SymbolSearch &search, const QString &text)
{
    search.queryEdit()->clear();
    QTest::keyClicks(search.queryEdit(), text);
}

}  // namespace

class TestSymbolSearch final : public QObject
{
    Q_OBJECT

private slots:
    void ranking();
    void ranking_data();
    void caseAndSeparators();
    void onlyOneSource();
    void enterEmitsTheKey();
    void doubleClickEmitsTheKey();
    void escapeHides();
    void loadingAndNoMatchLines();
    void watchedAreMarked();
    void capsTheList();
    void fiveThousandPerKeystroke();
    void screenshot();
};

void TestSymbolSearch::ranking_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");
    // "btc": no exact code; the base asset BTC by quote (USDT, FDUSD, USDC, then the others
    // by code), then longer bases (BTCDOM) and the demo's BTCUSD (a later source), then
    // substrings by quote (WBTCUSDT, then the BTC-quoted ones).
    QTest::newRow("btc") << QStringLiteral("btc")
                         << QStringList {u"binance:BTCUSDT"_s, u"binance:BTCFDUSD"_s,
                                u"binance:BTCUSDC"_s, u"binance:BTCEUR"_s, u"binance:BTCTRY"_s,
                                u"binance:BTCDOMUSDT"_s, u"demo:BTCUSD"_s, u"binance:WBTCUSDT"_s,
                                u"binance:ETHBTC"_s, u"binance:SOLBTC"_s, u"binance:WBTCBTC"_s};
    // An exact code beats every prefix.
    QTest::newRow("exact") << QStringLiteral("ethbtc") << QStringList {u"binance:ETHBTC"_s};
    QTest::newRow("exact first") << QStringLiteral("solbtc") << QStringList {u"binance:SOLBTC"_s};
    // Name words: "bitcoin" is only in the demo's name.
    QTest::newRow("name word") << QStringLiteral("bitcoin") << QStringList {u"demo:BTCUSD"_s};
    QTest::newRow("name substring") << QStringLiteral("industrie") << QStringList {u"demo:RHEIN"_s};
}

void TestSymbolSearch::ranking()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    SymbolSearch search;
    search.setCandidates(QStringLiteral("binance"), binanceSample());
    search.setCandidates(QStringLiteral("demo"), demoSample());
    search.popup();
    type(search, query);
    QCOMPARE(search.visibleKeys(), expected);
    QCOMPARE(search.currentKey(), expected.first());
    QVERIFY(search.messages().isEmpty());
}

void TestSymbolSearch::caseAndSeparators()
{
    SymbolSearch search;
    search.setCandidates(QStringLiteral("binance"), binanceSample());
    search.popup();
    type(search, QStringLiteral("BtC"));
    const QStringList mixed = search.visibleKeys();
    type(search, QStringLiteral("btc"));
    QCOMPARE(search.visibleKeys(), mixed);
    QCOMPARE(mixed.first(), QStringLiteral("binance:BTCUSDT"));
    // "eth/usdt", "ETH USDT", "eth-usdt" all find the code ETHUSDT first.
    for (const QString &q :
        {QStringLiteral("eth/usdt"), QStringLiteral("ETH USDT"), QStringLiteral("eth-usdt")}) {
        type(search, q);
        QCOMPARE(search.visibleKeys().value(0), QStringLiteral("binance:ETHUSDT"));
    }
}

void TestSymbolSearch::onlyOneSource()
{
    SymbolSearch search;
    search.setCandidates(QStringLiteral("binance"), binanceSample());
    search.setCandidates(QStringLiteral("demo"), demoSample());
    search.popup();
    type(search, QStringLiteral("demo:btc"));
    QCOMPARE(search.visibleKeys(), QStringList {u"demo:BTCUSD"_s});
    type(search, QStringLiteral("Binance:sol"));
    QCOMPARE(search.visibleKeys(), QStringList({u"binance:SOLUSDT"_s, u"binance:SOLBTC"_s}));
}

void TestSymbolSearch::enterEmitsTheKey()
{
    SymbolSearch search;
    search.setCandidates(QStringLiteral("binance"), binanceSample());
    search.setCandidates(QStringLiteral("demo"), demoSample());
    QSignalSpy chosen(&search, &SymbolSearch::symbolChosen);
    search.popup();
    QVERIFY(search.isVisible());
    QVERIFY(search.queryEdit()->hasFocus() || QApplication::focusWidget() == nullptr);
    type(search, QStringLiteral("sol"));
    QCOMPARE(search.currentKey(), QStringLiteral("binance:SOLUSDT"));
    // Down twice, Up once: the second row.
    QTest::keyClick(search.queryEdit(), Qt::Key_Down);
    QTest::keyClick(search.queryEdit(), Qt::Key_Down);
    QTest::keyClick(search.queryEdit(), Qt::Key_Up);
    QCOMPARE(search.currentKey(), search.visibleKeys().at(1));
    const QString expected = search.visibleKeys().at(1);
    QCOMPARE(expected, QStringLiteral("binance:SOLBTC"));
    // Up at the top and Down at the bottom stay put.
    for (int i = 0; i < 20; ++i)
        QTest::keyClick(search.queryEdit(), Qt::Key_Down);
    QCOMPARE(search.currentKey(), search.visibleKeys().last());
    for (int i = 0; i < 20; ++i)
        QTest::keyClick(search.queryEdit(), Qt::Key_Up);
    QCOMPARE(search.currentKey(), search.visibleKeys().first());
    QTest::keyClick(search.queryEdit(), Qt::Key_Down);

    QTest::keyClick(search.queryEdit(), Qt::Key_Return);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), expected);
    QVERIFY(!search.isVisible());

    // Reopened: the last query is kept and selected, ready to be overtyped.
    search.popup();
    QCOMPARE(search.queryEdit()->text(), QStringLiteral("sol"));
    QCOMPARE(search.queryEdit()->selectedText(), QStringLiteral("sol"));
    QTest::keyClicks(search.queryEdit(), QStringLiteral("acme"));
    QCOMPARE(search.queryEdit()->text(), QStringLiteral("acme"));
    QTest::keyClick(search.queryEdit(), Qt::Key_Enter);
    QCOMPARE(chosen.count(), 2);
    QCOMPARE(chosen.at(1).at(0).toString(), QStringLiteral("demo:ACME"));
}

void TestSymbolSearch::doubleClickEmitsTheKey()
{
    SymbolSearch search;
    search.setCandidates(QStringLiteral("binance"), binanceSample());
    QSignalSpy chosen(&search, &SymbolSearch::symbolChosen);
    search.popup();
    QVERIFY(QTest::qWaitForWindowExposed(&search));
    type(search, QStringLiteral("eth"));
    QListView *list = search.resultView();
    const QModelIndex second = list->model()->index(1, 0);
    QTRY_VERIFY(list->visualRect(second).isValid());
    const QPoint at = list->visualRect(second).center();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(chosen.count(), 0);  // a click only selects
    QCOMPARE(search.currentKey(), search.visibleKeys().at(1));
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), search.visibleKeys().at(1));
}

void TestSymbolSearch::escapeHides()
{
    SymbolSearch search;
    search.setCandidates(QStringLiteral("demo"), demoSample());
    QSignalSpy chosen(&search, &SymbolSearch::symbolChosen);
    search.popup();
    QVERIFY(search.isVisible());
    QTest::keyClick(search.queryEdit(), Qt::Key_Escape);
    QTRY_VERIFY(!search.isVisible());
    QCOMPARE(chosen.count(), 0);
}

void TestSymbolSearch::loadingAndNoMatchLines()
{
    SymbolSearch search;
    search.setCandidates(QStringLiteral("binance"), {});
    search.setCandidates(QStringLiteral("demo"), demoSample());
    QSignalSpy chosen(&search, &SymbolSearch::symbolChosen);
    search.popup();
    // The loading line comes first and is never current; the demo's symbols still show.
    QCOMPARE(
        search.messages(), QStringList {QString::fromUtf8("Binance symbols are loading\u2026")});
    QCOMPARE(search.model()->isMessage(0), true);
    QCOMPARE(search.visibleKeys().size(), 9);
    // No query: every symbol, by source and code.
    QCOMPARE(search.currentKey(), QStringLiteral("demo:ACME"));
    QTest::keyClick(search.queryEdit(), Qt::Key_Up);
    QCOMPARE(search.currentKey(), QStringLiteral("demo:ACME"));

    type(search, QStringLiteral("xyz"));
    QVERIFY(search.visibleKeys().isEmpty());
    QCOMPARE(search.messages(),
        QStringList({QString::fromUtf8("Binance symbols are loading\u2026"),
            QStringLiteral("No symbol matches 'xyz'")}));
    QCOMPARE(search.currentKey(), QString());
    QTest::keyClick(search.queryEdit(), Qt::Key_Return);  // nothing to choose: stays open
    QCOMPARE(chosen.count(), 0);
    QVERIFY(search.isVisible());

    // The list arrives while the popup is open: the loading line goes.
    search.setCandidates(QStringLiteral("binance"), binanceSample());
    type(search, QStringLiteral("xyz"));
    QCOMPARE(search.messages(), QStringList {QStringLiteral("No symbol matches 'xyz'")});
    type(search, QStringLiteral("btc"));
    QVERIFY(search.messages().isEmpty());
    QCOMPARE(search.currentKey(), QStringLiteral("binance:BTCUSDT"));
}

void TestSymbolSearch::watchedAreMarked()
{
    SymbolSearch search;
    search.setCandidates(QStringLiteral("binance"), binanceSample());
    search.setWatched({QStringLiteral("binance:BTCUSDT")});
    search.popup();
    type(search, QStringLiteral("btc"));
    const QModelIndex first = search.model()->index(0);
    QCOMPARE(first.data(SymbolSearchModel::KeyRole).toString(), QStringLiteral("binance:BTCUSDT"));
    QCOMPARE(first.data(SymbolSearchModel::WatchedRole).toBool(), true);
    QCOMPARE(search.model()->index(1).data(SymbolSearchModel::WatchedRole).toBool(), false);
    QCOMPARE(first.data(SymbolSearchModel::SimulatedRole).toBool(), false);
    search.setCandidates(QStringLiteral("demo"), demoSample());
    type(search, QStringLiteral("acme"));
    QCOMPARE(search.model()->index(0).data(SymbolSearchModel::SimulatedRole).toBool(), true);
}

void TestSymbolSearch::capsTheList()
{
    SymbolSearch search;
    search.setCandidates(QStringLiteral("binance"), synthetic(3000));
    search.popup();
    QCOMPARE(search.visibleKeys().size(), SymbolSearchModel::kMaxRows);
    QCOMPARE(search.model()->matchCount(), 3000);
    type(search, QStringLiteral("usdt"));
    QCOMPARE(search.visibleKeys().size(), SymbolSearchModel::kMaxRows);
    QCOMPARE(search.model()->matchCount(), 375);  // every eighth is quoted in USDT
}

void TestSymbolSearch::fiveThousandPerKeystroke()
{
    SymbolSearch search;
    search.setCandidates(QStringLiteral("binance"), synthetic(5000));
    search.setCandidates(QStringLiteral("demo"), demoSample());
    search.popup();
    QVERIFY(QTest::qWaitForWindowExposed(&search));
    search.queryEdit()->clear();
    // One keystroke at a time, as typed: each is a full refilter of 5,009 candidates.
    const QString text = QStringLiteral("bcd1usdt");
    qint64 worstNs = 0;
    qint64 totalNs = 0;
    QElapsedTimer timer;
    for (const QChar c : text) {
        timer.start();
        QTest::keyClick(search.queryEdit(), c.toLatin1());
        const qint64 ns = timer.nsecsElapsed();
        worstNs = std::max(worstNs, ns);
        totalNs += ns;
    }
    // And deleting it again.
    for (int i = 0; i < text.size(); ++i) {
        timer.start();
        QTest::keyClick(search.queryEdit(), Qt::Key_Backspace);
        const qint64 ns = timer.nsecsElapsed();
        worstNs = std::max(worstNs, ns);
        totalNs += ns;
    }
    qInfo("symbol search over %d candidates: %.3f ms per keystroke on average, %.3f ms worst "
          "(filter, rank, model reset, selection)",
        search.model()->candidateCount(), totalNs / 1e6 / (2 * text.size()), worstNs / 1e6);
    QCOMPARE(search.model()->candidateCount(), 5009);
    QVERIFY2(worstNs < 200'000'000, "a keystroke took over 200 ms");
}

void TestSymbolSearch::screenshot()
{
    SymbolSearch search;
    search.setTheme(Theme::dark());
    std::vector<SearchCandidate> list = binanceSample();
    for (const char *base : {"BTC", "ETH", "BNB", "XRP", "DOGE", "ADA", "LINK", "AVAX"})
        list.push_back(binance(QString::fromLatin1(base), QStringLiteral("JPY")));
    search.setCandidates(QStringLiteral("binance"), std::move(list));
    search.setCandidates(QStringLiteral("demo"), demoSample());
    search.setWatched({QStringLiteral("binance:BTCUSDT"), QStringLiteral("demo:BTCUSD")});
    search.popup();
    QVERIFY(QTest::qWaitForWindowExposed(&search));
    type(search, QStringLiteral("btc"));
    QTest::keyClick(search.queryEdit(), Qt::Key_Down);
    const QString dir = qEnvironmentVariable("WICK_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(search.grab().save(dir + QStringLiteral("/search.png")));
}

QTEST_MAIN(TestSymbolSearch)
#include "test_symbol_search.moc"
