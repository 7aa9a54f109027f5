#include "alerts/ScannerWindow.h"

#include <algorithm>
#include <cmath>

#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMetaObject>
#include <QPointer>
#include <QTableWidget>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>

#include "engine/MarketEngine.h"
#include "model/SymbolRegistry.h"

namespace wick {

namespace {

enum Column { ColSymbol, ColCondition, ColValue, ColSince, ColBars };

// A cell that sorts by a number (the value, the time) rather than its text.
class NumberItem final : public QTableWidgetItem
{
public:
    NumberItem(const QString &text, double key)
        : QTableWidgetItem(text)
        , m_key(key)
    {
        setFlags(flags() & ~Qt::ItemIsEditable);
    }
    bool operator<(const QTableWidgetItem &other) const override
    {
        const auto *o = dynamic_cast<const NumberItem *>(&other);
        return o ? m_key < o->m_key : QTableWidgetItem::operator<(other);
    }

private:
    double m_key;
};

struct Job {
    QString key;
    std::vector<Bar> bars;
};

}  // namespace

ScannerWindow::ScannerWindow(
    std::shared_ptr<SymbolRegistry> symbols, MarketEngine *engine, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_symbols(std::move(symbols))
    , m_engine(engine)
    , m_timer(new QTimer(this))
    , m_alive(std::make_shared<bool>(true))
{
    setWindowTitle(tr("Scanner"));
    setObjectName(QStringLiteral("alertScanner"));
    auto *layout = new QVBoxLayout(this);
    auto *row = new QHBoxLayout;
    m_condition = new QLineEdit(QStringLiteral("RSI:14 < 30"), this);
    m_condition->setPlaceholderText(tr("a condition, e.g. close > SMA:50 AND RSI:14 > 50"));
    m_timeframe = new QComboBox(this);
    for (const Timeframe tf : kAllTimeframes)
        m_timeframe->addItem(timeframeName(tf), int(tf));
    row->addWidget(new QLabel(tr("Condition"), this));
    row->addWidget(m_condition, 1);
    row->addWidget(m_timeframe);
    layout->addLayout(row);
    m_table = new QTableWidget(0, 5, this);
    m_table->setHorizontalHeaderLabels(
        {tr("Symbol"), tr("Condition"), tr("Value"), tr("True since (UTC)"), tr("Bars")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ColSince, Qt::DescendingOrder);
    layout->addWidget(m_table, 1);
    m_status = new QLabel(this);
    layout->addWidget(m_status);
    resize(720, 420);

    connect(m_condition, &QLineEdit::editingFinished, this, &ScannerWindow::scheduleRescan);
    connect(m_timeframe, &QComboBox::currentIndexChanged, this, [this] { subscribeAll(); });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int r) {
        const QTableWidgetItem *item = m_table->item(r, ColSymbol);
        if (item)
            emit openChart(item->text(), Timeframe(m_timeframe->currentData().toInt()),
                item->data(Qt::UserRole).toLongLong());
    });
    connect(m_engine, &MarketEngine::snapshotReady, this, &ScannerWindow::onSnapshot);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ScannerWindow::rescan);
}

ScannerWindow::~ScannerWindow()
{
    *m_alive = false;
    // The children outlive this body: a line edit losing focus as it goes
    // must not start a scan.
    m_condition->disconnect(this);
    m_timeframe->disconnect(this);
    m_timer->stop();
    unsubscribeAll();
}

void ScannerWindow::setSymbols(const QStringList &keys)
{
    std::vector<SymbolId> ids;
    for (const QString &key : keys)
        if (const std::optional<SymbolId> id = m_symbols->find(key))
            ids.push_back(*id);
    if (ids == m_ids)
        return;
    unsubscribeAll();
    m_ids = std::move(ids);
    subscribeAll();
}

void ScannerWindow::setCondition(const QString &text)
{
    m_condition->setText(text);
    scheduleRescan();
}

void ScannerWindow::setTimeframe(Timeframe timeframe)
{
    m_timeframe->setCurrentIndex(int(timeframeIndex(timeframe)));
}

void ScannerWindow::unsubscribeAll()
{
    for (const SymbolId id : m_ids)
        QMetaObject::invokeMethod(m_engine,
            [engine = m_engine, id, tf = m_subscribedTf] { engine->unsubscribe(id, tf); });
    m_bars.clear();
}

void ScannerWindow::subscribeAll()
{
    unsubscribeAll();
    m_subscribedTf = Timeframe(m_timeframe->currentData().toInt());
    for (const SymbolId id : m_ids)
        QMetaObject::invokeMethod(
            m_engine, [engine = m_engine, id, tf = m_subscribedTf] { engine->subscribe(id, tf); });
    scheduleRescan();
}

void ScannerWindow::onSnapshot(const MarketSnapshotPtr &snapshot)
{
    if (!snapshot)
        return;
    bool changed = false;
    for (const SeriesSnapshot &series : snapshot->series) {
        if (series.timeframe != m_subscribedTf
            || std::find(m_ids.begin(), m_ids.end(), series.symbol) == m_ids.end())
            continue;
        SeriesSnapshot &kept = m_bars[series.symbol];
        // Closed bars appended or replaced; a forming bar's trades leave them as they were.
        if (kept.closed.size() != series.closed.size() || kept.generation != series.generation) {
            kept.closed = series.closed;
            kept.generation = series.generation;
            changed = true;
        }
    }
    if (changed)
        scheduleRescan();
}

void ScannerWindow::scheduleRescan()
{
    if (m_timer->isActive())
        return;  // a scan is due: it takes this change too
    const qint64 wait
        = m_sinceScan.isValid() ? std::max<qint64>(0, kMinRescanMs - m_sinceScan.elapsed()) : 0;
    m_timer->start(int(wait));
}

void ScannerWindow::rescan()
{
    if (m_running) {
        m_again = true;
        return;
    }
    m_sinceScan.restart();
    // Bounded copies here; the evaluation on the pool.
    std::vector<Job> jobs;
    for (const SymbolId id : m_ids) {
        const auto it = m_bars.find(id);
        if (it == m_bars.end() || it->second.closed.size() == 0)
            continue;
        const BarSeries &closed = it->second.closed;
        const std::size_t first = closed.size() > kBars ? closed.size() - kBars : 0;
        jobs.push_back(Job {
            m_symbols->symbol(id).key(), std::vector<Bar>(closed.begin() + first, closed.end())});
    }
    m_running = true;
    QThreadPool::globalInstance()->start(
        [alive = m_alive, self = QPointer<ScannerWindow>(this), condition = m_condition->text(),
            jobs = std::move(jobs)] {
            std::vector<ScanResult> results;
            QString error;
            for (const Job &job : jobs) {
                std::optional<ScanResult> r = scanBars(condition, job.bars, &error);
                if (!r)
                    break;
                r->symbol = job.key;
                results.push_back(std::move(*r));
            }
            QMetaObject::invokeMethod(QCoreApplication::instance(),
                [alive, self, results = std::move(results), error]() mutable {
                    if (*alive && self)
                        self->showResults(std::move(results), error);
                });
        });
}

void ScannerWindow::showResults(std::vector<ScanResult> results, const QString &error)
{
    m_running = false;
    ++m_scans;
    m_results = std::move(results);
    const QString condition = m_condition->text();
    m_table->setSortingEnabled(false);
    m_table->setRowCount(0);
    int matches = 0;
    for (const ScanResult &r : m_results) {
        if (!r.holds)
            continue;
        const int row = matches++;
        m_table->insertRow(row);
        auto *symbol = new QTableWidgetItem(r.symbol);
        symbol->setFlags(symbol->flags() & ~Qt::ItemIsEditable);
        symbol->setData(Qt::UserRole, qint64(r.lastBar));
        m_table->setItem(row, ColSymbol, symbol);
        auto *cond = new QTableWidgetItem(condition);
        cond->setFlags(cond->flags() & ~Qt::ItemIsEditable);
        m_table->setItem(row, ColCondition, cond);
        m_table->setItem(row, ColValue,
            new NumberItem(
                std::isnan(r.value) ? QStringLiteral("-") : QString::number(r.value, 'g', 10),
                std::isnan(r.value) ? -1e300 : r.value));
        m_table->setItem(row, ColSince,
            new NumberItem(QDateTime::fromMSecsSinceEpoch(r.since, QTimeZone::utc())
                               .toString(u"yyyy-MM-dd HH:mm"),
                double(r.since)));
        m_table->setItem(row, ColBars, new NumberItem(QString::number(r.barsHeld), r.barsHeld));
    }
    m_table->setSortingEnabled(true);
    m_table->resizeColumnsToContents();
    m_status->setText(!error.isEmpty() ? error
                                       : tr("%1 of %2 symbols hold on %3 (rescanned as bars close)")
                                             .arg(matches)
                                             .arg(m_results.size())
                                             .arg(m_timeframe->currentText()));
    m_status->setStyleSheet(error.isEmpty() ? QString() : QStringLiteral("color: #ef5350;"));
    emit scanned();
    if (m_again) {
        m_again = false;
        scheduleRescan();
    }
}

}  // namespace wick
