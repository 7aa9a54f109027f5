// The watchlist's Chg %: a Binance row measures it against the 24 h ticker's
// open (the real 24hrMiniTicker fixture through the real parser), which agrees
// with Binance's own priceChangePercent of the same window (the 24hrTicker
// fixture); a row without a ticker falls back to the previous daily close, or
// shows nothing; the header tooltip says which is which.
#include <cmath>
#include <limits>
#include <memory>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include "feeds/binance/BinanceStreamParser.h"
#include "model/SymbolRegistry.h"
#include "watchlist/WatchlistModel.h"

using namespace wick;

namespace {

QByteArray fixture(const char *name)
{
    QFile file(qEnvironmentVariable("WICK_TEST_FIXTURES") + QStringLiteral("/binance/")
        + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

std::string_view view(const QByteArray &bytes)
{
    return std::string_view(bytes.constData(), std::size_t(bytes.size()));
}

}  // namespace

class TestWatchlistChange final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void binanceRowUsesTheTickersOpen();
    void withoutTickerThePreviousCloseCounts();
    void badReferenceIsRefused();
    void headerToolTipSaysWhatChangeMeans();

private:
    std::shared_ptr<SymbolRegistry> m_registry;
    std::unique_ptr<WatchlistModel> m_model;
    SymbolId m_btc = kInvalidSymbol;
    SymbolId m_demo = kInvalidSymbol;

    QString changeText(SymbolId id, int role = Qt::DisplayRole) const
    {
        return m_model->data(m_model->index(m_model->rowOf(id), WatchlistModel::ChangeColumn), role)
            .toString();
    }
    double changeValue(SymbolId id) const
    {
        return m_model
            ->data(m_model->index(m_model->rowOf(id), WatchlistModel::ChangeColumn),
                WatchlistModel::SortRole)
            .toDouble();
    }
};

void TestWatchlistChange::init()
{
    m_registry = std::make_shared<SymbolRegistry>();
    Symbol btc;
    btc.source = QStringLiteral("binance");
    btc.code = btc.displayName = QStringLiteral("BTCUSDT");
    m_btc = m_registry->intern(btc);
    Symbol demo;
    demo.source = QStringLiteral("demo");
    demo.code = demo.displayName = QStringLiteral("BTCUSD");
    m_demo = m_registry->intern(demo);
    m_model = std::make_unique<WatchlistModel>(m_registry);
    QVERIFY(m_model->addSymbol(m_btc));
    QVERIFY(m_model->addSymbol(m_demo));
}

void TestWatchlistChange::binanceRowUsesTheTickersOpen()
{
    const Parsed<BinanceMiniTicker> ticker
        = parseBinanceMiniTicker(view(fixture("mini_ticker.json")));
    QVERIFY2(ticker.ok(), qPrintable(ticker.error().toString()));
    // No previous UTC day cached: no change to show yet.
    Quote quote;
    quote.symbol = m_btc;
    quote.time = ticker.value().eventTime;
    quote.last = ticker.value().close;
    m_model->applyQuotes({quote});
    QCOMPARE(changeText(m_btc), QString());

    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setChangeReference(m_btc, ticker.value().open, QStringLiteral("24 h"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(WatchlistModel::ChangeColumn));
    QCOMPARE(m_model->changeReference(m_btc), std::optional<double>(60310.27));

    // Binance's own figure for the same 24 h window.
    const QJsonObject full = QJsonDocument::fromJson(fixture("ticker_24hr.json")).object();
    const double binancePercent = full.value(QStringLiteral("P")).toString().toDouble();
    QCOMPARE(binancePercent, 1.724);
    QVERIFY2(std::abs(changeValue(m_btc) - binancePercent) < 0.0005,
        qPrintable(QString::number(changeValue(m_btc), 'f', 6)));
    QCOMPARE(changeText(m_btc), QStringLiteral("+1.72%"));
    QVERIFY(changeText(m_btc, Qt::ToolTipRole).contains(QLatin1String("24 h")));
    QVERIFY(changeText(m_btc, Qt::ToolTipRole).contains(QLatin1String("60")));

    // A later trade moves Chg % with it, against the same reference.
    quote.last = 59500.0;
    m_model->applyQuotes({quote});
    QVERIFY(std::abs(changeValue(m_btc) - (59500.0 - 60310.27) / 60310.27 * 100.0) < 1e-9);
    QCOMPARE(changeText(m_btc), QStringLiteral("\u22121.34%"));
    // The demo row is untouched by Binance's reference.
    QCOMPARE(m_model->changeReference(m_demo), std::nullopt);
}

void TestWatchlistChange::withoutTickerThePreviousCloseCounts()
{
    Quote quote;
    quote.symbol = m_demo;
    quote.last = 102.0;
    quote.previousClose = 100.0;
    m_model->applyQuotes({quote});
    QCOMPARE(changeText(m_demo), QStringLiteral("+2.00%"));
    QVERIFY(changeText(m_demo, Qt::ToolTipRole).contains(QLatin1String("previous day's close")));
}

void TestWatchlistChange::badReferenceIsRefused()
{
    Quote quote;
    quote.symbol = m_btc;
    quote.last = 102.0;
    quote.previousClose = 100.0;
    m_model->applyQuotes({quote});
    m_model->setChangeReference(m_btc, 0.0, QStringLiteral("24 h"));
    m_model->setChangeReference(m_btc, std::numeric_limits<double>::quiet_NaN(), QString());
    QCOMPARE(m_model->changeReference(m_btc), std::nullopt);
    QCOMPARE(changeText(m_btc), QStringLiteral("+2.00%"));
}

void TestWatchlistChange::headerToolTipSaysWhatChangeMeans()
{
    const QString tip
        = m_model->headerData(WatchlistModel::ChangeColumn, Qt::Horizontal, Qt::ToolTipRole)
              .toString();
    QVERIFY2(tip.contains(QLatin1String("Binance")) && tip.contains(QLatin1String("24 h")),
        qPrintable(tip));
    QVERIFY2(tip.contains(QLatin1String("previous session's close")), qPrintable(tip));
    QVERIFY2(tip.contains(QLatin1String("Demo")), qPrintable(tip));
}

QTEST_MAIN(TestWatchlistChange)
#include "test_watchlist_change.moc"
