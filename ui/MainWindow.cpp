#include "MainWindow.h"

#include <algorithm>
#include <cmath>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>
#include <QTimer>

#include "chart/ChartExport.h"
#include "chart/ChartView.h"
#include "engine/MarketEngine.h"
#include "health/DataHealthWindow.h"
#include "model/SymbolRegistry.h"
#include "search/SymbolSearch.h"
#include "watchlist/WatchlistModel.h"
#include "watchlist/WatchlistView.h"

namespace wick {

namespace {

// Settings keys (the injected QSettings is the app's ini file).
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
// The chart's whole state as one JSON value (ChartState).
const QString kChartStateKey = QStringLiteral("chart/state");
// Before chart/state: read once when it is missing, then removed.
const QString kLegacySymbolKey = QStringLiteral("chart/symbol");
const QString kLegacyTimeframeKey = QStringLiteral("chart/timeframe");
const QString kLegacyIndicatorsKey = QStringLiteral("chart/indicators");
const QString kDefaultTimeframe = QStringLiteral("5m");
const QString kThemeKey = QStringLiteral("view/theme");
const QString kWatchlistKey = QStringLiteral("watchlist/symbols");
const QString kWatchlistHiddenColumnsKey = QStringLiteral("watchlist/hiddenColumns");

constexpr int kStateVersion = 1;
// The watchlist dock starts as wide as its columns need (WatchlistView::naturalWidth).
constexpr int kWatchlistMinWidth = 280;
// How often the status bar's tick counters and last-trade time are refreshed.
constexpr int kStatusRefreshMs = 200;

}  // namespace

MainWindow::MainWindow(std::shared_ptr<SymbolRegistry> symbols, MarketEngine *engine,
    std::unique_ptr<QSettings> settings, QWidget *parent)
    : QMainWindow(parent)
    , m_symbols(std::move(symbols))
    , m_engine(engine)
    , m_settings(std::move(settings))
    , m_theme(Theme::dark())
    , m_chart(new ChartView(m_symbols, engine, this))
    , m_watchlistModel(new WatchlistModel(m_symbols, this))
    , m_watchlistView(nullptr)
    , m_watchlistDock(new QDockWidget(tr("Watchlist"), this))
{
    setObjectName(QStringLiteral("mainWindow"));
    resize(1440, 900);
    setCentralWidget(m_chart);

    m_watchlistView = new WatchlistView(m_symbols, m_watchlistModel, m_watchlistDock);
    m_watchlistDock->setObjectName(QStringLiteral("watchlistDock"));
    m_watchlistDock->setWidget(m_watchlistView);
    m_watchlistDock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    // The panel draws its own header ("Watchlist" and "+"); View > Watchlist toggles it.
    m_watchlistDock->setTitleBarWidget(new QWidget(m_watchlistDock));
    m_watchlistDock->setFeatures(QDockWidget::DockWidgetClosable);
    m_watchlistDock->setMinimumWidth(kWatchlistMinWidth);
    addDockWidget(Qt::LeftDockWidgetArea, m_watchlistDock);
    // The chart gets the room; the trader's width comes back with window/state.
    resizeDocks({m_watchlistDock}, {std::max(kWatchlistMinWidth, m_watchlistView->naturalWidth())},
        Qt::Horizontal);
    m_dataHealth = new DataHealthWindow(this);
    m_symbolSearch = new SymbolSearch(this);

    buildMenus();
    buildStatusBar();
    m_statusTimer = new QTimer(this);
    m_statusTimer->setSingleShot(true);
    m_statusTimer->setInterval(kStatusRefreshMs);
    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::refreshStatusCounters);

    connect(m_watchlistView, &WatchlistView::symbolActivated, this,
        qOverload<SymbolId>(&MainWindow::selectSymbol));
    connect(m_watchlistView, &WatchlistView::searchRequested, this, &MainWindow::openSymbolSearch);
    connect(m_chart, &ChartView::timeframeChanged, this, &MainWindow::updateTitle);
    connect(m_chart, &ChartView::timeframeChanged, this, &MainWindow::sessionChanged);
    connect(m_chart, &ChartView::indicatorSpecsChanged, this, &MainWindow::sessionChanged);
    connect(m_chart, &ChartView::stateChanged, this, &MainWindow::sessionChanged);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_watchlistModel, signal, this, &MainWindow::sessionChanged);
    connect(m_watchlistModel, &QAbstractItemModel::rowsMoved, this, &MainWindow::sessionChanged);
    connect(m_watchlistModel, &QAbstractItemModel::modelReset, this, &MainWindow::sessionChanged);
    connect(m_watchlistView, &WatchlistView::columnsChanged, this, &MainWindow::sessionChanged);
    // A column shown again gets its room: the panel widens (never narrows) to fit.
    connect(m_watchlistView, &WatchlistView::columnsChanged, this, [this] {
        const int natural = m_watchlistView->naturalWidth();
        if (m_watchlistDock->width() < natural)
            resizeDocks({m_watchlistDock}, {natural}, Qt::Horizontal);
    });
    if (m_engine)
        connect(m_engine, &MarketEngine::snapshotReady, this, &MainWindow::applySnapshot);
    connect(qApp, &QCoreApplication::aboutToQuit, this, &MainWindow::saveSettings);

    restoreSettings();
    // Quotes are published when they change; ask once for those that exist already.
    std::vector<SymbolId> listed;
    for (int row = 0; row < m_watchlistModel->rowCount(); ++row)
        listed.push_back(m_watchlistModel->symbolAt(row));
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, listed] { engine->requestQuotes(listed); },
        Qt::QueuedConnection);
}

MainWindow::~MainWindow()
{
    saveSettings();
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Import Bars from CSV\u2026"), this, &MainWindow::openImportDialog);
    file->addAction(tr("&Export Chart to CSV\u2026"), this, &MainWindow::openExportDialog);
    const auto fileStatus = [this](const QString &text) {
        m_fileMessage = text;
        statusBar()->showMessage(text, 10'000);
    };
    file->addAction(tr("Export Chart &Image\u2026"), this,
        [this, fileStatus] { openExportImageDialog(m_chart, this, fileStatus); });
    file->addAction(tr("Export &Visible Bars with Indicators to CSV\u2026"), this,
        [this, fileStatus] { openExportVisibleCsvDialog(m_chart, this, fileStatus); });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QMenu *themes = view->addMenu(tr("&Theme"));
    auto *themeGroup = new QActionGroup(this);
    m_darkThemeAction
        = themes->addAction(tr("&Dark"), this, [this] { setTheme(Theme::Kind::Dark); });
    m_lightThemeAction
        = themes->addAction(tr("&Light"), this, [this] { setTheme(Theme::Kind::Light); });
    for (QAction *action : {m_darkThemeAction, m_lightThemeAction}) {
        action->setCheckable(true);
        themeGroup->addAction(action);
    }
    view->addSeparator();
    view->addAction(tr("&Indicators\u2026"), QKeySequence(Qt::ALT | Qt::Key_I), m_chart,
        &ChartView::openIndicatorPicker);
    QAction *toggleWatchlist = m_watchlistDock->toggleViewAction();
    toggleWatchlist->setText(tr("&Watchlist"));
    toggleWatchlist->setShortcut(QKeySequence(Qt::ALT | Qt::Key_W));
    view->addAction(toggleWatchlist);
    view->addSeparator();
    QAction *find = view->addAction(tr("&Find Symbol\u2026"), QKeySequence(Qt::CTRL | Qt::Key_K),
        this, &MainWindow::openSymbolSearch);
    find->setShortcutContext(Qt::ApplicationShortcut);
    view->addAction(tr("Data &Health\u2026"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H), this,
        &MainWindow::showDataHealth);
    view->addAction(tr("API &Keys\u2026"), this, &MainWindow::apiKeysRequested);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Wick"), this, &MainWindow::showAbout)
        ->setMenuRole(QAction::AboutRole);
}

void MainWindow::buildStatusBar()
{
    m_feedLabel = new QLabel(this);
    m_feedLabel->setTextFormat(Qt::RichText);
    m_rateLabel = new QLabel(this);
    m_totalLabel = new QLabel(this);
    m_clockLabel = new QLabel(this);
    m_storageLabel = new QLabel(this);
    m_storageLabel->setTextFormat(Qt::RichText);
    m_storageLabel->hide();
    statusBar()->addWidget(m_feedLabel);
    statusBar()->addWidget(m_storageLabel);
    statusBar()->addPermanentWidget(m_clockLabel);
    statusBar()->addPermanentWidget(m_rateLabel);
    statusBar()->addPermanentWidget(m_totalLabel);
    statusBar()->setSizeGripEnabled(false);
    m_feedLabel->setText(tr("No feed"));
    m_rateLabel->setText(tr("%Ln ticks/s", nullptr, 0));
    m_totalLabel->setText(tr("%1 ticks", nullptr, 2).arg(0));
}

void MainWindow::restoreSettings()
{
    setTheme(Theme::kindFromId(m_settings->value(kThemeKey).toString()));

    QStringList keys;
    if (m_settings->contains(kWatchlistKey)) {
        keys = m_settings->value(kWatchlistKey).toStringList();
    } else {
        // First start: follow the whole universe the feeds registered.
        for (const Symbol &symbol : m_symbols->all())
            keys.append(symbol.key());
    }
    m_watchlistModel->setSymbolKeys(keys);
    if (m_settings->contains(kWatchlistHiddenColumnsKey))
        m_watchlistView->setHiddenColumns(
            m_settings->value(kWatchlistHiddenColumnsKey).toStringList());

    ChartState state;
    if (m_settings->contains(kChartStateKey)) {
        state = ChartState::fromJson(m_settings->value(kChartStateKey).toString().toUtf8())
                    .value_or(ChartState());
    } else {
        state.symbol = m_settings->value(kLegacySymbolKey).toString();
        state.timeframe = m_settings->value(kLegacyTimeframeKey).toString();
        state.setIndicatorSpecs(m_settings->value(kLegacyIndicatorsKey).toStringList());
    }
    if (!parseTimeframe(state.timeframe))
        state.timeframe = kDefaultTimeframe;
    // Before the symbol: its first subscription carries the indicators.
    m_chart->applyState(state);

    if (!selectSymbol(state.symbol) && m_watchlistModel->rowCount() > 0)
        selectSymbol(m_watchlistModel->symbolAt(0));

    restoreGeometry(m_settings->value(kGeometryKey).toByteArray());
    restoreState(m_settings->value(kStateKey).toByteArray(), kStateVersion);
    updateTitle();
}

void MainWindow::restoreDockLayout()
{
    if (m_settings)
        restoreState(m_settings->value(kStateKey).toByteArray(), kStateVersion);
}

void MainWindow::saveSettings()
{
    if (!m_settings)
        return;
    m_settings->setValue(kGeometryKey, saveGeometry());
    m_settings->setValue(kStateKey, saveState(kStateVersion));
    m_settings->setValue(kChartStateKey, QString::fromUtf8(m_chart->state().toJson()));
    for (const QString &key : {kLegacySymbolKey, kLegacyTimeframeKey, kLegacyIndicatorsKey})
        m_settings->remove(key);
    m_settings->setValue(kThemeKey, m_theme.id());
    m_settings->setValue(kWatchlistKey, m_watchlistModel->symbolKeys());
    m_settings->setValue(kWatchlistHiddenColumnsKey, m_watchlistView->hiddenColumns());
    m_settings->sync();
}

QString MainWindow::chartStateSettingKey()
{
    return kChartStateKey;
}

QHash<QString, QString> MainWindow::sessionSettings() const
{
    QHash<QString, QString> settings;
    settings.insert(kChartStateKey, QString::fromUtf8(m_chart->state().toJson()));
    return settings;
}

QStringList MainWindow::watchlistKeys() const
{
    return m_watchlistModel->symbolKeys();
}

void MainWindow::restoreSession(
    const std::optional<QStringList> &watchlist, const QHash<QString, QString> &settings)
{
    // Always re-applied: symbols the cache named after the ini was read exist now.
    if (watchlist)
        m_watchlistModel->setSymbolKeys(*watchlist);
    std::optional<ChartState> state;
    if (settings.contains(kChartStateKey)) {
        state = ChartState::fromJson(settings.value(kChartStateKey).toUtf8());
    } else if (settings.contains(kLegacySymbolKey) || settings.contains(kLegacyTimeframeKey)
        || settings.contains(kLegacyIndicatorsKey)) {
        // A cache written before chart/state: its keys, once (the next save writes chart/state).
        state = m_chart->state();
        state->symbol = settings.value(kLegacySymbolKey);
        if (parseTimeframe(settings.value(kLegacyTimeframeKey)))
            state->timeframe = settings.value(kLegacyTimeframeKey);
        if (settings.contains(kLegacyIndicatorsKey)) {
            // Specs hold commas, colons and '@': the old key kept them as a JSON array.
            const QJsonDocument json
                = QJsonDocument::fromJson(settings.value(kLegacyIndicatorsKey).toUtf8());
            QStringList specs;
            for (const QJsonValue &value : json.array())
                specs.append(value.toString());
            specs.removeAll(QString());
            state->setIndicatorSpecs(specs);
        }
    }
    if (state)
        m_chart->applyState(*state);
    const QString symbol = state ? state->symbol : QString();
    if (!symbol.isEmpty()
        && (currentSymbol() == kInvalidSymbol
            || m_symbols->symbol(currentSymbol()).key() != symbol))
        selectSymbol(symbol);
    if (currentSymbol() == kInvalidSymbol && m_watchlistModel->rowCount() > 0)
        selectSymbol(m_watchlistModel->symbolAt(0));
    updateTitle();
}

void MainWindow::showStorageState(bool saving, const QString &reason, qint64 pendingBars)
{
    if (saving) {
        m_storageLabel->clear();
        m_storageLabel->hide();
        return;
    }
    const QLocale locale;
    m_storageLabel->setText(QStringLiteral("<span style=\"color:%1\">\u26a0 %2</span>")
                                .arg(m_theme.down.name(),
                                    tr("History not saved: %1 bars kept in memory, retrying")
                                        .arg(locale.toString(pendingBars))
                                        .toHtmlEscaped()));
    m_storageLabel->setToolTip(reason);
    m_storageLabel->show();
}

QString MainWindow::storageNotice() const
{
    return m_storageLabel->isHidden() ? QString() : m_storageLabel->text();
}

void MainWindow::showCacheMovedAside(const QString &cachePath, const QString &movedTo)
{
    m_cacheMessage
        = tr("The history cache %1 was damaged. It was moved to %2 and a new, "
             "empty cache was started; charts fill again from the feeds.")
              .arg(QDir::toNativeSeparators(cachePath), QDir::toNativeSeparators(movedTo));
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("History cache replaced"), m_cacheMessage, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();  // window-modal and non-blocking: the app keeps running
    statusBar()->showMessage(tr("Damaged cache moved to %1").arg(movedTo), 30'000);
}

void MainWindow::openImportDialog()
{
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Import Bars from CSV"));
    auto *form = new QFormLayout(dialog);
    auto *path = new QLineEdit(dialog);
    auto *browse = new QPushButton(tr("Browse\u2026"), dialog);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(path, 1);
    fileRow->addWidget(browse);
    auto *symbol = new QLineEdit(QStringLiteral("csv:"), dialog);
    symbol->setPlaceholderText(QStringLiteral("csv:MYDATA"));
    auto *timeframe = new QComboBox(dialog);
    for (Timeframe tf : kAllTimeframes)
        timeframe->addItem(timeframeName(tf), static_cast<int>(tf));
    auto *hint = new QLabel(tr("Header ts,open,high,low,close,volume; ts in unix seconds, unix "
                               "milliseconds or ISO-8601 UTC. Every row is checked; rejected rows "
                               "are listed with their line numbers."),
        dialog);
    hint->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    form->addRow(tr("File"), fileRow);
    form->addRow(tr("Symbol"), symbol);
    form->addRow(tr("Timeframe"), timeframe);
    form->addRow(hint);
    form->addRow(buttons);
    dialog->resize(560, dialog->sizeHint().height());
    connect(browse, &QPushButton::clicked, dialog, [dialog, path, symbol] {
        const QString chosen = QFileDialog::getOpenFileName(dialog, tr("Import Bars from CSV"),
            path->text(), tr("CSV files (*.csv);;All files (*)"));
        if (chosen.isEmpty())
            return;
        path->setText(chosen);
        if (symbol->text() == QLatin1String("csv:"))
            symbol->setText(
                QStringLiteral("csv:") + QFileInfo(chosen).completeBaseName().toUpper());
    });
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, dialog, [this, dialog, path, symbol, timeframe] {
        const QString key = symbol->text().trimmed();
        const int colon = key.indexOf(QLatin1Char(':'));
        if (path->text().isEmpty() || colon <= 0 || colon == key.size() - 1) {
            QMessageBox::warning(dialog, tr("Import Bars from CSV"),
                tr("Choose a file and name the symbol as source:CODE, for example csv:MYDATA."));
            return;
        }
        requestImport(path->text(), key, static_cast<Timeframe>(timeframe->currentData().toInt()));
        dialog->accept();
    });
    dialog->open();
}

void MainWindow::requestImport(const QString &path, const QString &symbolKey, Timeframe timeframe)
{
    statusBar()->showMessage(tr("Importing %1\u2026").arg(QDir::toNativeSeparators(path)));
    emit importCsvRequested(path, symbolKey, timeframe);
}

void MainWindow::showImportReport(const CsvImportReport &report)
{
    statusBar()->clearMessage();
    if (!report.error.isEmpty()) {
        showNotice(QMessageBox::Warning, tr("Import failed"), report.error);
        return;
    }
    QString text = tr("%1 bars of %2 (%3) were imported from %4.")
                       .arg(QLocale().toString(static_cast<qulonglong>(report.bars->size())),
                           report.symbolKey, timeframeName(report.timeframe),
                           QDir::toNativeSeparators(report.path));
    if (!report.rejected.empty()) {
        text += QLatin1Char(' ')
            + tr("%n rows were rejected:", nullptr, static_cast<int>(report.rejected.size()));
        constexpr std::size_t kShown = 10;
        for (std::size_t i = 0; i < std::min(kShown, report.rejected.size()); ++i)
            text += QStringLiteral("\n")
                + tr("line %1: %2").arg(report.rejected[i].line).arg(report.rejected[i].reason);
        if (report.rejected.size() > kShown)
            text += QStringLiteral("\n\u2026");
    }
    if (report.timeframe != Timeframe::M1 && !report.bars->empty())
        text += QStringLiteral("\n\n")
            + tr("Charts are built from 1-minute bars: these %1 bars are kept in the cache "
                 "(wick-cli export reads them) but are not charted.")
                  .arg(timeframeName(report.timeframe));
    showNotice(report.rejected.empty() ? QMessageBox::Information : QMessageBox::Warning,
        tr("Import finished"), text);
}

void MainWindow::openExportDialog()
{
    if (m_shownBars.size() == 0) {
        showNotice(QMessageBox::Information, tr("Export Chart to CSV"),
            tr("The chart has no closed bars to export yet."));
        return;
    }
    const Symbol symbol = m_symbols->symbol(currentSymbol());
    const QString suggested
        = QStringLiteral("%1_%2_%3.csv")
              .arg(symbol.source, symbol.code, timeframeName(currentTimeframe()));
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Chart to CSV"), suggested, tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        requestExport(path);
}

void MainWindow::requestExport(const QString &path)
{
    statusBar()->showMessage(tr("Exporting to %1\u2026").arg(QDir::toNativeSeparators(path)));
    emit exportCsvRequested(path, m_shownBars);
}

void MainWindow::showExportResult(const QString &path, qint64 barCount, const QString &error)
{
    statusBar()->clearMessage();
    if (!error.isEmpty()) {
        showNotice(QMessageBox::Warning, tr("Export failed"), error);
        return;
    }
    m_fileMessage = tr("%1 closed bars written to %2.")
                        .arg(QLocale().toString(barCount), QDir::toNativeSeparators(path));
    statusBar()->showMessage(m_fileMessage, 10'000);
}

void MainWindow::showNotice(QMessageBox::Icon icon, const QString &title, const QString &text)
{
    m_fileMessage = text;
    auto *box = new QMessageBox(icon, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::addAndShow(SymbolId id)
{
    m_watchlistModel->addSymbol(id);
    selectSymbol(id);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::showDataHealth()
{
    m_dataHealth->show();
    m_dataHealth->raise();
    m_dataHealth->activateWindow();
}

void MainWindow::openSymbolSearch()
{
    // The demo's symbols are all registered at start; other sources' come from the app.
    std::vector<SearchCandidate> demo;
    for (const Symbol &symbol : m_symbols->all()) {
        if (symbol.source == QLatin1String("demo"))
            demo.push_back(SearchCandidate {
                symbol.key(), symbol.source, symbol.code, symbol.displayName, tr("Simulated")});
    }
    m_symbolSearch->setCandidates(QStringLiteral("demo"), std::move(demo));
    m_symbolSearch->setWatched(watchlistKeys());
    m_symbolSearch->popup();
}

FeedState MainWindow::feedState(const QString &source) const
{
    const auto it = m_feeds.find(source);
    return it == m_feeds.end() ? FeedState::Offline : it->second.state;
}

QString MainWindow::feedStatusText() const
{
    return m_feedLabel->text();
}

void MainWindow::showFeedState(const QString &source, FeedState state, const QString &detail)
{
    m_feeds[source] = FeedStatus {state, detail};
    m_watchlistModel->setSourceState(source, state, detail);
    updateFeedLabel();
}

void MainWindow::updateFeedLabel()
{
    QStringList parts;
    for (const auto &[source, status] : m_feeds) {
        QString name;
        QColor tone = m_theme.demoBadge;
        switch (status.state) {
        case FeedState::Offline:
            name = tr("Offline");
            tone = m_theme.down;
            break;
        case FeedState::Connecting:
            name = tr("Connecting");
            break;
        case FeedState::Live:
            name = tr("Live");
            tone = m_theme.up;
            break;
        case FeedState::Reconnecting:
            name = tr("Reconnecting");
            break;
        case FeedState::CircuitOpen:
            name = tr("Circuit open");
            tone = m_theme.down;
            break;
        }
        QString text
            = QStringLiteral("<span style=\"color:%1\">\u25cf</span>&nbsp;<b>%2</b>&nbsp;%3")
                  .arg(tone.name(), source.toUpper().toHtmlEscaped(), name);
        if (!status.detail.isEmpty() && status.state != FeedState::Live)
            text += QStringLiteral(" \u2014 ") + status.detail.toHtmlEscaped();
        if (source == QLatin1String("demo"))
            text += QStringLiteral("&nbsp;<i>") + tr("simulated data") + QStringLiteral("</i>");
        parts.append(text);
    }
    m_feedLabel->setText(parts.isEmpty()
            ? tr("No feed")
            : parts.join(QStringLiteral("&nbsp;&nbsp;\u2502&nbsp;&nbsp;")));
    QStringList tips;
    for (const auto &[source, status] : m_feeds)
        tips.append(QStringLiteral("%1: %2%3")
                        .arg(source.toUpper(), feedStateName(status.state),
                            status.detail.isEmpty()
                                ? QString()
                                : QStringLiteral(" (") + status.detail + QLatin1Char(')')));
    m_feedLabel->setToolTip(tips.join(QLatin1Char('\n')));
}

void MainWindow::applySnapshot(const MarketSnapshotPtr &snapshot)
{
    if (!snapshot)
        return;
    m_watchlistModel->applyQuotes(snapshot->quotes);
    for (const SeriesSnapshot &series : snapshot->series) {
        if (series.symbol == m_chart->symbol() && series.timeframe == m_chart->timeframe()) {
            m_shownBars = series.closed;
            m_shownBarsSymbol = series.symbol;
            m_shownBarsTimeframe = series.timeframe;
        }
    }
    if (m_shownBarsSymbol != m_chart->symbol() || m_shownBarsTimeframe != m_chart->timeframe())
        m_shownBars = BarSeries();
    m_chart->applySnapshot(*snapshot);
    // The status bar's counters change with every snapshot (up to 500 a second):
    // they are set a few times a second, not per snapshot.
    m_ticksPerSecond = snapshot->ticksPerSecond;
    m_totalTicks = snapshot->totalTicks;
    const SymbolId current = currentSymbol();
    for (const Quote &quote : snapshot->quotes) {
        if (quote.symbol == current)
            m_pendingTradeTime = quote.time;
    }
    if (!m_statusTimer->isActive())
        m_statusTimer->start();
}

void MainWindow::refreshStatusCounters()
{
    const QLocale locale;
    // %n picks the plural form; the count itself may outgrow an int.
    const auto rate = static_cast<int>(std::min(std::round(m_ticksPerSecond), 1e9));
    m_rateLabel->setText(tr("%Ln ticks/s", nullptr, rate));
    const int pluralOf = m_totalTicks == 1 ? 1 : 2;
    m_totalLabel->setText(tr("%1 ticks", nullptr, pluralOf)
                              .arg(locale.toString(static_cast<qulonglong>(m_totalTicks))));
    if (m_pendingTradeTime > 0 && m_pendingTradeTime != m_lastTradeTime)
        showLastTrade(m_pendingTradeTime);
}

void MainWindow::showLastTrade(TimeMs time)
{
    m_lastTradeTime = time;
    m_pendingTradeTime = time;
    if (time <= 0) {
        m_clockLabel->clear();
        return;
    }
    const QDateTime local
        = QDateTime::fromMSecsSinceEpoch(time, m_symbols->symbol(currentSymbol()).timeZone());
    m_clockLabel->setText(tr("Last trade %1 %2")
                              .arg(local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                  local.timeZoneAbbreviation()));
}

void MainWindow::selectSymbol(SymbolId id)
{
    if (id == kInvalidSymbol || m_symbols->symbol(id).code.isEmpty())
        return;
    const bool changed = id != currentSymbol();
    m_chart->showSeries(id, m_chart->timeframe());
    m_watchlistView->selectSymbol(id);
    const std::optional<Quote> quote = m_watchlistModel->quote(id);
    showLastTrade(quote ? quote->time : 0);
    updateTitle();
    if (changed)
        emit sessionChanged();
}

bool MainWindow::selectSymbol(const QString &key)
{
    const std::optional<SymbolId> id = key.isEmpty() ? std::nullopt : m_symbols->find(key);
    if (!id)
        return false;
    selectSymbol(*id);
    return true;
}

void MainWindow::setTimeframe(Timeframe timeframe)
{
    m_chart->setTimeframe(timeframe);
}

SymbolId MainWindow::currentSymbol() const
{
    return m_chart->symbol();
}

Timeframe MainWindow::currentTimeframe() const
{
    return m_chart->timeframe();
}

void MainWindow::setTheme(Theme::Kind kind)
{
    m_theme = Theme::fromKind(kind);
    // Native styles ignore the palette; Fusion follows it on every platform.
    if (QApplication::style()->name() != QLatin1String("fusion"))
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(m_theme.palette());
    m_chart->setTheme(m_theme);
    m_dataHealth->setTheme(m_theme);
    m_symbolSearch->setTheme(m_theme);
    m_watchlistModel->setTheme(m_theme);
    m_watchlistView->setTheme(m_theme);
    statusBar()->setStyleSheet(
        QStringLiteral("QStatusBar { background: %1; color: %2; border-top: 1px solid %3; }"
                       "QStatusBar QLabel { color: %2; padding: 0px 8px; }"
                       "QStatusBar::item { border: none; }")
            .arg(m_theme.window.name(), m_theme.mutedText.name(), m_theme.border.name()));
    setStyleSheet(
        QStringLiteral("QMainWindow::separator { background: %1; width: 1px; height: 1px; }")
            .arg(m_theme.border.name()));
    (kind == Theme::Kind::Light ? m_lightThemeAction : m_darkThemeAction)->setChecked(true);
    updateFeedLabel();
}

void MainWindow::updateTitle()
{
    const SymbolId id = currentSymbol();
    if (id == kInvalidSymbol) {
        setWindowTitle(tr("Wick"));
        return;
    }
    const Symbol symbol = m_symbols->symbol(id);
    setWindowTitle(
        tr("%1 \u00b7 %2 \u2014 %3 \u2014 Wick")
            .arg(symbol.code, timeframeName(currentTimeframe()), symbol.source.toUpper()));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Wick"),
        tr("<h3>Wick %1</h3>"
           "<p>A native desktop market terminal.</p>"
           "<p>Data from the <b>DEMO</b> source is simulated: its prices, volumes and trades "
           "are generated and do not reflect any real market.</p>")
            .arg(QStringLiteral(WICK_VERSION)));
}

}  // namespace wick
