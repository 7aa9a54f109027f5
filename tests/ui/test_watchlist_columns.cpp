// The watchlist's columns in a real main window at 1440x900: the panel starts
// narrow (about 300 px, the chart gets the rest) with every column shown in
// full; the feed's state is a dot (filled while live, its words in the
// tooltip); the header's menu hides and shows columns, the panel's default
// width follows, and the hidden ones come back hidden after a restart.
#include <memory>

#include <QAction>
#include <QDockWidget>
#include <QHeaderView>
#include <QImage>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStyle>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "MainWindow.h"
#include "model/SymbolRegistry.h"
#include "watchlist/FeedStateDelegate.h"
#include "watchlist/SourceTagDelegate.h"
#include "watchlist/WatchlistModel.h"
#include "watchlist/WatchlistView.h"

using namespace wick;

namespace {

Symbol makeSymbol(const QString &source, const QString &code)
{
    Symbol s;
    s.source = source;
    s.code = code;
    s.displayName = code;
    s.assetClass = AssetClass::Crypto;
    s.timeZoneId = QByteArrayLiteral("UTC");
    s.tickSize = 0.01;
    return s;
}

int shownColumnsWidth(const QHeaderView *header)
{
    int width = 0;
    for (int c = 0; c < header->count(); ++c) {
        if (!header->isSectionHidden(c))
            width += header->sectionSize(c);
    }
    return width;
}

}  // namespace

class TestWatchlistColumns final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void narrowByDefaultAndNothingCut();
    void feedIsADotWithItsStateInTheTooltip();
    void headerMenuHidesColumnsAndTheyStayHidden();

private:
    std::unique_ptr<QSettings> settings(const QString &name) const
    {
        return std::make_unique<QSettings>(m_dir.filePath(name), QSettings::IniFormat);
    }

    QTemporaryDir m_dir;
    std::shared_ptr<SymbolRegistry> m_symbols = std::make_shared<SymbolRegistry>();
    SymbolId m_btc = kInvalidSymbol;
    SymbolId m_long = kInvalidSymbol;
};

void TestWatchlistColumns::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    QVERIFY(m_dir.isValid());
    m_btc = m_symbols->intern(makeSymbol(QStringLiteral("binance"), QStringLiteral("BTCUSDT")));
    m_long = m_symbols->intern(
        makeSymbol(QStringLiteral("binance"), QStringLiteral("1000SHIBFDUSDLONGNAME")));
    m_symbols->intern(makeSymbol(QStringLiteral("demo"), QStringLiteral("DEMO500")));
}

void TestWatchlistColumns::narrowByDefaultAndNothingCut()
{
    MainWindow window(m_symbols, nullptr, settings(QStringLiteral("narrow.ini")));
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    WatchlistView *view = window.watchlistView();
    QTableView *table = view->table();
    QHeaderView *header = table->horizontalHeader();
    // About a fifth of the window, not a third: the chart has the room.
    QVERIFY2(
        view->width() >= 280 && view->width() <= 330, qPrintable(QString::number(view->width())));
    QTRY_VERIFY(table->viewport()->width() > 0);
    QVERIFY(shownColumnsWidth(header) <= table->viewport()->width());
    QVERIFY(!table->horizontalScrollBar()->isVisible());
    // The symbol column keeps room for a usual code and its tag as the
    // delegate draws them; a longer code is elided (the row's tooltip names it).
    QFont bold = table->font();
    bold.setWeight(QFont::DemiBold);
    QVERIFY(header->sectionSize(WatchlistModel::SymbolColumn)
        >= SourceTagDelegate::widthFor(bold, QStringLiteral("BTCUSDT"), QStringLiteral("binance")));
    QCOMPARE(table->textElideMode(), Qt::ElideRight);
    // Every column is as wide as its header (with the header's padding) and
    // its usual values, the hidden ones too (shown from the header's menu).
    view->setHiddenColumns({});
    const QFontMetrics metrics(table->font());
    for (int c = WatchlistModel::LastColumn; c < WatchlistModel::ColumnCount; ++c) {
        const QString title = table->model()->headerData(c, Qt::Horizontal).toString();
        QVERIFY2(metrics.horizontalAdvance(title) + 10 <= header->sectionSize(c),
            qPrintable(WatchlistModel::columnKey(c)));
    }
    // Values as wide as the demo's BTC (six figures) with the cell's text margins.
    const int margins = 2 * (table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 1);
    QVERIFY(metrics.horizontalAdvance(QStringLiteral("101,957.83")) + margins
        <= header->sectionSize(WatchlistModel::LastColumn));
    QVERIFY(metrics.horizontalAdvance(QStringLiteral("\u221212.34%")) + margins
        <= header->sectionSize(WatchlistModel::ChangeColumn));
    QVERIFY(metrics.horizontalAdvance(QStringLiteral("100.0 %")) + margins
        <= header->sectionSize(WatchlistModel::QualityColumn));
}

void TestWatchlistColumns::feedIsADotWithItsStateInTheTooltip()
{
    WatchlistModel model(m_symbols);
    model.setSymbolKeys({QStringLiteral("binance:BTCUSDT"), QStringLiteral("demo:DEMO500")});
    const QModelIndex btc = model.index(0, WatchlistModel::FeedColumn);
    const QModelIndex demo = model.index(1, WatchlistModel::FeedColumn);
    QVERIFY(!btc.data(WatchlistModel::FeedLiveRole).toBool());
    QCOMPARE(
        btc.data(Qt::ToolTipRole).toString(), QStringLiteral("The BINANCE feed is not running."));
    model.setSourceState(QStringLiteral("binance"), FeedState::Live, {});
    QVERIFY(btc.data(WatchlistModel::FeedLiveRole).toBool());
    QCOMPARE(btc.data(Qt::DisplayRole).toString(), QStringLiteral("Live"));
    QCOMPARE(btc.data(Qt::ToolTipRole).toString(), QStringLiteral("BINANCE feed: live"));
    model.setSourceState(
        QStringLiteral("binance"), FeedState::Reconnecting, QStringLiteral("in 4 s"));
    QVERIFY(!btc.data(WatchlistModel::FeedLiveRole).toBool());
    QCOMPARE(btc.data(Qt::ToolTipRole).toString(),
        QStringLiteral("BINANCE feed: reconnecting (in 4 s)"));
    model.setSourceState(QStringLiteral("binance"), FeedState::Live, {});
    model.setSymbolIssue(m_btc, QStringLiteral("Invalid symbol"));
    QVERIFY(!btc.data(WatchlistModel::FeedLiveRole).toBool());
    QCOMPARE(btc.data(Qt::ToolTipRole).toString(), QStringLiteral("Invalid symbol"));
    QVERIFY(!demo.data(WatchlistModel::FeedLiveRole).toBool());
    // The header over the dots is blank, centred like them, and says what they mean.
    QVERIFY(model.headerData(WatchlistModel::FeedColumn, Qt::Horizontal).toString().isEmpty());
    QCOMPARE(
        model.headerData(WatchlistModel::FeedColumn, Qt::Horizontal, Qt::TextAlignmentRole).toInt(),
        btc.data(Qt::TextAlignmentRole).toInt());
    QVERIFY(model.headerData(WatchlistModel::FeedColumn, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("filled dot")));
    QCOMPARE(WatchlistModel::columnName(WatchlistModel::FeedColumn), QStringLiteral("Feed"));

    // Drawn: a live row's dot is filled in the live colour at the cell's centre.
    model.setSymbolIssue(m_btc, {});
    WatchlistView view(m_symbols, &model);
    view.resize(320, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTableView *table = view.table();
    table->clearSelection();
    table->setCurrentIndex(QModelIndex());
    const QRect cell = table->visualRect(table->model()->index(0, WatchlistModel::FeedColumn));
    QVERIFY(cell.width() >= FeedStateDelegate::dotSize(table->font()));
    const QImage image = table->viewport()->grab().toImage();
    const QColor centre = image.pixelColor(cell.center() * image.devicePixelRatio());
    const QColor live = btc.data(Qt::ForegroundRole).value<QColor>();
    QVERIFY2(
        std::abs(centre.red() - live.red()) < 40 && std::abs(centre.green() - live.green()) < 40,
        qPrintable(centre.name() + QStringLiteral(" vs ") + live.name()));
    // A ring (the demo feed is not running): its centre is the row's background.
    const QRect ring = table->visualRect(table->model()->index(1, WatchlistModel::FeedColumn));
    const QColor hole = image.pixelColor(ring.center() * image.devicePixelRatio());
    const QColor off = demo.data(Qt::ForegroundRole).value<QColor>();
    QVERIFY2(std::abs(hole.red() - off.red()) + std::abs(hole.green() - off.green()) > 60,
        qPrintable(hole.name() + QStringLiteral(" vs ") + off.name()));
}

void TestWatchlistColumns::headerMenuHidesColumnsAndTheyStayHidden()
{
    const QString ini = QStringLiteral("columns.ini");
    {
        MainWindow window(m_symbols, nullptr, settings(ini));
        window.resize(1440, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        WatchlistView *view = window.watchlistView();
        QTableView *table = view->table();
        // Until the trader chooses: the volume and quality columns are hidden.
        QCOMPARE(view->hiddenColumns(), WatchlistView::defaultHiddenColumns());
        QVERIFY(table->isColumnHidden(WatchlistModel::VolumeColumn));
        QVERIFY(table->isColumnHidden(WatchlistModel::QualityColumn));
        const int narrow = view->naturalWidth();
        QSignalSpy changed(view, &WatchlistView::columnsChanged);
        std::unique_ptr<QMenu> menu(view->createHeaderMenu(&window));
        // One entry per column but the symbol, checked when shown.
        QCOMPARE(menu->actions().size(), WatchlistModel::ColumnCount - 1);
        QVERIFY(!menu->findChild<QAction *>(QStringLiteral("symbol")));
        QAction *volume = menu->findChild<QAction *>(QStringLiteral("volume"));
        QAction *change = menu->findChild<QAction *>(QStringLiteral("change"));
        QVERIFY(volume && change && !volume->isChecked() && change->isChecked());
        QCOMPARE(volume->text(), QStringLiteral("Vol"));
        QCOMPARE(
            menu->findChild<QAction *>(QStringLiteral("feed"))->text(), QStringLiteral("Feed"));
        volume->trigger();  // shown
        change->trigger();  // hidden
        QCOMPARE(changed.count(), 2);
        QVERIFY(!table->isColumnHidden(WatchlistModel::VolumeColumn));
        QVERIFY(table->isColumnHidden(WatchlistModel::ChangeColumn));
        QCOMPARE(view->hiddenColumns(),
            (QStringList {QStringLiteral("change"), QStringLiteral("quality")}));
        // The panel's natural width follows the columns shown.
        QHeaderView *header = table->horizontalHeader();
        QVERIFY(header->sectionSize(WatchlistModel::VolumeColumn) > 0);
        table->setColumnHidden(WatchlistModel::ChangeColumn, false);
        const int changeWidth = header->sectionSize(WatchlistModel::ChangeColumn);
        table->setColumnHidden(WatchlistModel::ChangeColumn, true);
        QCOMPARE(view->naturalWidth(),
            narrow + header->sectionSize(WatchlistModel::VolumeColumn) - changeWidth);
        // Showing Vol widened the panel to fit it (hiding Chg % did not narrow it).
        auto *dock = qobject_cast<QDockWidget *>(view->parentWidget());
        QVERIFY(dock);
        QTRY_VERIFY(
            dock->width() >= narrow + header->sectionSize(WatchlistModel::VolumeColumn) - 2);
        // A fresh menu shows the new choice; the symbol column cannot be hidden.
        menu.reset(view->createHeaderMenu(&window));
        QVERIFY(menu->findChild<QAction *>(QStringLiteral("volume"))->isChecked());
        QVERIFY(!menu->findChild<QAction *>(QStringLiteral("change"))->isChecked());
        view->setColumnHidden(WatchlistModel::SymbolColumn, true);
        QVERIFY(!table->isColumnHidden(WatchlistModel::SymbolColumn));
        window.close();
    }
    {
        MainWindow restored(m_symbols, nullptr, settings(ini));
        restored.show();
        QVERIFY(QTest::qWaitForWindowExposed(&restored));
        WatchlistView *view = restored.watchlistView();
        QVERIFY(!view->table()->isColumnHidden(WatchlistModel::VolumeColumn));
        QVERIFY(view->table()->isColumnHidden(WatchlistModel::ChangeColumn));
        QVERIFY(view->table()->isColumnHidden(WatchlistModel::QualityColumn));
        // Every column shown again from the menu, and saved that way.
        std::unique_ptr<QMenu> menu(view->createHeaderMenu(&restored));
        menu->findChild<QAction *>(QStringLiteral("change"))->trigger();
        menu->findChild<QAction *>(QStringLiteral("quality"))->trigger();
        QVERIFY(view->hiddenColumns().isEmpty());
        restored.close();
    }
    QVERIFY(settings(ini)->contains(QStringLiteral("watchlist/hiddenColumns")));
    QVERIFY(
        settings(ini)->value(QStringLiteral("watchlist/hiddenColumns")).toStringList().isEmpty());
    {
        MainWindow again(m_symbols, nullptr, settings(ini));
        QVERIFY(again.watchlistView()->hiddenColumns().isEmpty());
    }
    // Unknown keys are ignored.
    WatchlistModel model(m_symbols);
    WatchlistView view(m_symbols, &model);
    view.setHiddenColumns({QStringLiteral("nonsense"), QStringLiteral("feed")});
    QCOMPARE(view.hiddenColumns(), QStringList {QStringLiteral("feed")});
}

QTEST_MAIN(TestWatchlistColumns)
#include "test_watchlist_columns.moc"
