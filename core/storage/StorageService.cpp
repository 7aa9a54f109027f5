#include "storage/StorageService.h"

#include <algorithm>

#include <QElapsedTimer>
#include <QTimer>

#include <spdlog/spdlog.h>

#include "session/CoreMetaTypes.h"
#include "storage/AtomicFile.h"
#include "storage/BarStore.h"
#include "storage/DataSettingsStore.h"
#include "storage/Database.h"
#include "storage/FormingBarStore.h"
#include "storage/QualityStore.h"
#include "storage/SymbolStore.h"
#include "storage/WatchlistStore.h"

namespace wick {

StorageService::StorageService(QString path, StorageServiceOptions options, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_options(options)
{
    registerCoreMetaTypes();
}

StorageService::~StorageService() = default;

void StorageService::open()
{
    m_openAttempted = true;
    if (tryOpen())
        flush();
    else
        scheduleRetry();
}

bool StorageService::tryOpen()
{
    if (m_db)
        return true;
    try {
        QElapsedTimer timer;
        timer.start();
        // quick_check reads the whole file: it runs right after the session has
        // been handed to the reader (checkIntegrity), not before.
        m_db = Database::open(m_path, OpenOptions {OpenMode::ReadWrite, false});
        if (m_options.maxPageCount > 0)
            setMaxPageCount(m_options.maxPageCount);
        spdlog::info("storage: cache {} open in {} ms{}", m_path.toStdString(), timer.elapsed(),
            m_db->movedAsideTo().isEmpty()
                ? std::string()
                : "; the corrupt file was moved to " + m_db->movedAsideTo().toStdString());
        emit opened(m_path, m_db->movedAsideTo());
        if (!m_checked)
            QMetaObject::invokeMethod(this, &StorageService::checkIntegrity, Qt::QueuedConnection);
        return true;
    } catch (const StorageError &error) {
        m_db.reset();
        fail(error);
        return false;
    }
}

void StorageService::checkIntegrity()
{
    if (!m_db || m_checked)
        return;
    m_checked = true;
    QElapsedTimer timer;
    timer.start();
    QString result;
    try {
        result = m_db->scalarText("PRAGMA quick_check");
    } catch (const StorageError &error) {
        result = error.text();
    }
    if (result == QLatin1String("ok")) {
        spdlog::info(
            "storage: {} passes quick_check ({} ms)", m_path.toStdString(), timer.elapsed());
        return;
    }
    // Damaged: reopening with the check moves the file aside and starts a fresh
    // one; the bars shown stay in memory, new ones go to the fresh cache.
    spdlog::error("storage: {} fails quick_check: {}", m_path.toStdString(), result.toStdString());
    m_db.reset();
    m_symbolIds.clear();
    try {
        m_db = Database::open(m_path);
        spdlog::warn(
            "storage: the damaged cache was moved to {}", m_db->movedAsideTo().toStdString());
        emit opened(m_path, m_db->movedAsideTo());
        flush();
    } catch (const StorageError &error) {
        m_db.reset();
        fail(error);
        scheduleRetry();
    }
}

void StorageService::writeBars(const BarWriteBatch &batch)
{
    if (batch.bars.empty())
        return;
    Pending item;
    item.kind = Pending::Kind::Bars;
    item.bars = batch;
    submit(std::move(item));
}

void StorageService::saveSymbols(const std::vector<Symbol> &symbols)
{
    if (symbols.empty())
        return;
    Pending item;
    item.kind = Pending::Kind::Symbols;
    item.symbols = symbols;
    submit(std::move(item));
}

void StorageService::saveWatchlist(const QString &name, const QStringList &symbolKeys)
{
    // Only the newest contents of a list matter.
    std::erase_if(m_pending,
        [&](const Pending &p) { return p.kind == Pending::Kind::Watchlist && p.name == name; });
    Pending item;
    item.kind = Pending::Kind::Watchlist;
    item.name = name;
    item.keys = symbolKeys;
    submit(std::move(item));
}

void StorageService::saveSetting(const QString &key, const QString &value)
{
    std::erase_if(m_pending,
        [&](const Pending &p) { return p.kind == Pending::Kind::Setting && p.name == key; });
    Pending item;
    item.kind = Pending::Kind::Setting;
    item.name = key;
    item.value = value;
    submit(std::move(item));
}

void StorageService::writeAlerts(const AlertWrite &write)
{
    Pending item;
    item.kind = Pending::Kind::Alerts;
    item.alerts = write;
    submit(std::move(item));
}

void StorageService::importCsv(const QString &path, const QString &symbolKey, Timeframe timeframe)
{
    CsvImportReport report;
    report.path = path;
    report.symbolKey = symbolKey;
    report.timeframe = timeframe;
    BarCsvRead read = readBarsCsv(path);
    report.rejected = std::move(read.rejected);
    report.error = read.error;
    if (report.error.isEmpty() && !SymbolStore::splitKey(symbolKey))
        report.error = QStringLiteral("'%1' is not source:CODE").arg(symbolKey);
    if (!report.error.isEmpty())
        read.bars.clear();
    constexpr std::size_t kBarsPerTransaction = 100'000;
    for (std::size_t at = 0; at < read.bars.size(); at += kBarsPerTransaction) {
        const std::size_t end = std::min(read.bars.size(), at + kBarsPerTransaction);
        writeBars(BarWriteBatch {symbolKey, timeframe,
            std::vector<Bar>(read.bars.begin() + static_cast<std::ptrdiff_t>(at),
                read.bars.begin() + static_cast<std::ptrdiff_t>(end))});
    }
    spdlog::info("storage: imported {} bars of {} {} from {}; {} rows rejected{}", read.bars.size(),
        symbolKey.toStdString(), timeframeName(timeframe).toStdString(), path.toStdString(),
        report.rejected.size(),
        report.error.isEmpty() ? std::string() : " (" + report.error.toStdString() + ")");
    report.bars = std::make_shared<const std::vector<Bar>>(std::move(read.bars));
    emit csvImported(report);
}

void StorageService::exportCsv(const QString &path, const BarSeries &bars)
{
    const QByteArray csv = barsCsv(std::span<const Bar>(bars.begin(), bars.size()));
    QString error;
    if (writeFileAtomically(path, csv, &error))
        spdlog::info("storage: exported {} bars to {}", bars.size(), path.toStdString());
    else
        spdlog::error("storage: {}", error.toStdString());
    emit csvExported(path, static_cast<qint64>(bars.size()), error);
}

void StorageService::writeQuarantine(
    const QString &symbolKey, const std::vector<QuarantinedItem> &items)
{
    if (items.empty())
        return;
    Pending item;
    item.kind = Pending::Kind::Quarantine;
    item.name = symbolKey;
    item.quarantine = items;
    submit(std::move(item));
}

void StorageService::saveQualityScore(const QString &symbolKey, const QualityScoreRecord &score)
{
    // Only the newest score of a symbol matters.
    std::erase_if(m_pending,
        [&](const Pending &p) { return p.kind == Pending::Kind::Score && p.name == symbolKey; });
    Pending item;
    item.kind = Pending::Kind::Score;
    item.name = symbolKey;
    item.score = score;
    submit(std::move(item));
}

void StorageService::saveFormingBar(
    const QString &symbolKey, Timeframe timeframe, const std::optional<Bar> &bar, TimeMs savedAt)
{
    std::erase_if(m_pending, [&](const Pending &p) {
        return p.kind == Pending::Kind::Forming && p.name == symbolKey
            && p.bars.timeframe == timeframe;
    });
    Pending item;
    item.kind = Pending::Kind::Forming;
    item.name = symbolKey;
    item.bars.timeframe = timeframe;
    if (bar)
        item.bars.bars.push_back(*bar);
    item.score.updatedAt = savedAt;
    submit(std::move(item));
}

void StorageService::setMaxPageCount(std::int64_t pages)
{
    m_options.maxPageCount = pages;
    if (!m_db)
        return;
    const QByteArray sql = "PRAGMA max_page_count = " + QByteArray::number(qint64(pages));
    try {
        m_db->scalarInt(sql.constData());
    } catch (const StorageError &error) {
        fail(error);
    }
}

void StorageService::retryNow()
{
    if (!m_db && !tryOpen()) {
        scheduleRetry();
        return;
    }
    if (flush()) {
        m_retryDelayMs = 0;
        setSaving(true, QString());
    } else {
        scheduleRetry();
    }
}

void StorageService::close()
{
    if (m_db && !m_pending.empty())
        flush();
    if (!m_pending.empty())
        spdlog::error("storage: closing with {} bars not saved to {}: {}", m_pendingBars,
            m_path.toStdString(), m_lastError.toStdString());
    if (m_retryTimer)
        m_retryTimer->stop();
    if (m_db && !m_db->close())
        spdlog::warn("storage: {} closed with its WAL not checkpointed (a reader was still "
                     "reading); the next open replays it",
            m_path.toStdString());
    m_db.reset();
}

void StorageService::submit(Pending item)
{
    if (item.kind == Pending::Kind::Bars)
        m_pendingBars += static_cast<std::int64_t>(item.bars.bars.size());
    m_pending.push_back(std::move(item));
    // Before open() nothing is written; after a failure, the retry timer writes.
    if (!m_openAttempted || (m_retryTimer && m_retryTimer->isActive()))
        return;
    if (!m_db || !flush())
        scheduleRetry();
}

bool StorageService::flush()
{
    if (!m_db)
        return false;
    std::size_t done = 0;
    bool ok = true;
    for (; done < m_pending.size(); ++done) {
        const Pending &item = m_pending[done];
        try {
            write(item);
        } catch (const StorageError &error) {
            fail(error);
            ok = false;
            break;
        }
        if (item.kind == Pending::Kind::Bars) {
            m_pendingBars -= static_cast<std::int64_t>(item.bars.bars.size());
            emit written(
                item.bars.symbolKey, item.bars.timeframe, static_cast<int>(item.bars.bars.size()));
        }
    }
    m_pending.erase(m_pending.begin(), m_pending.begin() + static_cast<std::ptrdiff_t>(done));
    if (ok && !m_saving) {
        spdlog::info("storage: saving to {} again", m_path.toStdString());
        setSaving(true, QString());
    }
    return ok;
}

void StorageService::write(const Pending &item)
{
    switch (item.kind) {
    case Pending::Kind::Bars:
        BarStore(*m_db).upsert(symbolId(item.bars.symbolKey), item.bars.timeframe, item.bars.bars);
        break;
    case Pending::Kind::Symbols: {
        SymbolStore store(*m_db);
        for (const Symbol &symbol : item.symbols)
            m_symbolIds.insert(symbol.key(), store.save(symbol));
        break;
    }
    case Pending::Kind::Watchlist: {
        std::vector<StoredSymbolId> ids;
        ids.reserve(static_cast<std::size_t>(item.keys.size()));
        for (const QString &key : item.keys)
            ids.push_back(symbolId(key));
        WatchlistStore store(*m_db);
        std::int64_t listId = 0;
        for (const Watchlist &list : store.all()) {
            if (list.name == item.name)
                listId = list.id;
        }
        if (listId == 0)
            listId = store.create(item.name);
        store.setSymbols(listId, ids);
        break;
    }
    case Pending::Kind::Setting:
        DataSettingsStore(*m_db).set(item.name, item.value);
        break;
    case Pending::Kind::Alerts:
        emit alertsWritten(AlertStore(*m_db).apply(item.alerts));
        break;
    case Pending::Kind::Quarantine:
        QualityStore(*m_db).quarantine(symbolId(item.name), item.quarantine);
        break;
    case Pending::Kind::Score:
        QualityStore(*m_db).setScore(symbolId(item.name), item.score);
        break;
    case Pending::Kind::Forming:
        if (item.bars.bars.empty())
            FormingBarStore(*m_db).remove(symbolId(item.name), item.bars.timeframe);
        else
            FormingBarStore(*m_db).save(symbolId(item.name), item.bars.timeframe,
                item.bars.bars.front(), item.score.updatedAt);
        break;
    }
}

StoredSymbolId StorageService::symbolId(const QString &key)
{
    StoredSymbolId id = m_symbolIds.value(key, 0);
    if (id != 0)
        return id;
    const auto parts = SymbolStore::splitKey(key);
    if (!parts)
        throw StorageError(
            StorageErrorKind::Other, 0, QStringLiteral("'%1' is not source:CODE").arg(key));
    id = SymbolStore(*m_db).ensure(parts->first, parts->second);
    m_symbolIds.insert(key, id);
    return id;
}

void StorageService::fail(const StorageError &error)
{
    m_lastError = error.text();
    spdlog::error("storage: {} ({} bars waiting in memory)", error.what(), m_pendingBars);
    emit failed(error.kind(), error.text());
    setSaving(false, error.text());
}

void StorageService::scheduleRetry()
{
    if (!m_retryTimer) {
        m_retryTimer = new QTimer(this);
        m_retryTimer->setSingleShot(true);
        connect(m_retryTimer, &QTimer::timeout, this, &StorageService::retryNow);
    }
    if (m_retryTimer->isActive())
        return;
    m_retryDelayMs = m_retryDelayMs == 0 ? m_options.retryInitialMs
                                         : std::min(m_retryDelayMs * 2, m_options.retryMaxMs);
    m_retryTimer->start(m_retryDelayMs);
}

void StorageService::setSaving(bool saving, const QString &reason)
{
    const bool changed = saving != m_saving;
    m_saving = saving;
    // A failure repeats its signal so the UI shows the pending count and reason.
    if (changed || !saving)
        emit savingChanged(saving, reason, m_pendingBars);
}

}  // namespace wick
