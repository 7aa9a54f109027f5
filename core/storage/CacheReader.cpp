#include "storage/CacheReader.h"

#include <QElapsedTimer>

#include <spdlog/spdlog.h>

#include "session/CoreMetaTypes.h"
#include "storage/BarStore.h"
#include "storage/DataSettingsStore.h"
#include "storage/Database.h"
#include "storage/QualityStore.h"
#include "storage/SymbolStore.h"
#include "storage/WatchlistStore.h"

namespace wick {

CacheReader::CacheReader(QString path, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
{
    registerCoreMetaTypes();
}

CacheReader::~CacheReader() = default;

void CacheReader::open()
{
    ensureOpen();
}

bool CacheReader::ensureOpen()
{
    if (m_db)
        return true;
    try {
        m_db = Database::open(m_path, OpenOptions {OpenMode::ReadOnly, false});
        return true;
    } catch (const StorageError &error) {
        spdlog::error("storage: cannot read the cache: {}", error.what());
        emit failed(error.kind(), error.text());
        return false;
    }
}

void CacheReader::readSession(const QStringList &alsoKeys, int minutesPerSymbol)
{
    CachedSession session;
    std::vector<CachedSeries> remaining;
    qint64 remainingBars = 0;
    if (!ensureOpen()) {
        emit sessionRead(session);
        emit remainingSeriesRead(remaining, 0);
        return;
    }
    QElapsedTimer timer;
    timer.start();
    const auto count = static_cast<std::size_t>(std::max(minutesPerSymbol, 0));
    QStringList keys;
    try {
        SymbolStore symbols(*m_db);
        for (const Watchlist &list : WatchlistStore(*m_db).all()) {
            if (list.name != mainWatchlistName())
                continue;
            session.hasWatchlist = true;
            for (StoredSymbolId id : list.symbols) {
                if (const std::optional<Symbol> symbol = symbols.symbol(id))
                    session.watchlist.append(symbol->key());
            }
        }
        for (const auto &[key, value] : DataSettingsStore(*m_db).all())
            session.settings.insert(key, value);
        const QString shown = session.settings.value(chartSymbolKey());
        if (!shown.isEmpty())
            keys.append(shown);
        session.alerts = AlertStore(*m_db).load();
        QStringList ruleKeys;
        for (const AlertEntry &entry : session.alerts.rules)
            ruleKeys.append(entry.rule.symbol);
        for (const QStringList &list : {session.watchlist, alsoKeys, ruleKeys}) {
            for (const QString &key : list) {
                if (!keys.contains(key))
                    keys.append(key);
            }
        }
        // The chart's symbol first, alone: it is painted while the rest is read.
        if (!shown.isEmpty()) {
            keys.removeFirst();
            if (std::optional<CachedSeries> series = readSeries(shown, count)) {
                session.barCount = static_cast<qint64>(series->minutes->size());
                session.series.push_back(std::move(*series));
            }
        }
    } catch (const StorageError &error) {
        spdlog::error("storage: reading the last session failed: {}", error.what());
        emit failed(error.kind(), error.text());
        keys.clear();
    }
    const qint64 firstMs = timer.elapsed();
    emit sessionRead(session);
    try {
        for (const QString &key : keys) {
            if (std::optional<CachedSeries> series = readSeries(key, count)) {
                remainingBars += static_cast<qint64>(series->minutes->size());
                remaining.push_back(std::move(*series));
            }
        }
    } catch (const StorageError &error) {
        spdlog::error("storage: reading cached bars failed: {}", error.what());
        emit failed(error.kind(), error.text());
    }
    spdlog::info("storage: read the session and {} bars of the chart's symbol in {} ms, {} bars "
                 "of {} more symbols in {} ms",
        session.barCount, firstMs, remainingBars, remaining.size(), timer.elapsed() - firstMs);
    emit remainingSeriesRead(remaining, remainingBars);
}

std::optional<CachedSeries> CacheReader::readSeries(const QString &key, std::size_t count)
{
    const auto parts = SymbolStore::splitKey(key);
    if (!parts)
        return std::nullopt;
    SymbolStore symbols(*m_db);
    const std::optional<StoredSymbolId> id = symbols.find(parts->first, parts->second);
    if (!id)
        return std::nullopt;
    auto minutes
        = std::make_shared<std::vector<Bar>>(BarStore(*m_db).last(*id, Timeframe::M1, count));
    if (minutes->empty())
        return std::nullopt;
    Symbol symbol = symbols.symbol(*id).value_or(Symbol {});
    if (symbol.code.isEmpty()) {
        symbol.source = parts->first;
        symbol.code = parts->second;
    }
    const bool complete = minutes->size() < count;
    // Bounded read (oldest first), then the newest of it kept.
    std::vector<QuarantinedItem> quarantined = QualityStore(*m_db).quarantined(
        *id, minutes->front().time, kEndOfTime, 10 * CachedSeries::kQuarantinePerSeries);
    if (quarantined.size() > CachedSeries::kQuarantinePerSeries)
        quarantined.erase(quarantined.begin(),
            quarantined.end() - std::ptrdiff_t(CachedSeries::kQuarantinePerSeries));
    return CachedSeries {
        key, std::move(symbol), std::move(minutes), complete, std::move(quarantined)};
}

void CacheReader::readOlder(const QString &symbolKey, qint64 before, int count)
{
    auto minutes = std::make_shared<std::vector<Bar>>();
    bool complete = true;
    if (ensureOpen()) {
        try {
            const auto parts = SymbolStore::splitKey(symbolKey);
            const std::optional<StoredSymbolId> id
                = parts ? SymbolStore(*m_db).find(parts->first, parts->second) : std::nullopt;
            if (id) {
                const auto wanted = static_cast<std::size_t>(std::max(count, 0));
                *minutes = BarStore(*m_db).last(*id, Timeframe::M1, wanted, before);
                complete = minutes->size() < wanted;
            }
        } catch (const StorageError &error) {
            spdlog::error("storage: reading older bars of {} failed: {}", symbolKey.toStdString(),
                error.what());
            emit failed(error.kind(), error.text());
            complete = false;
        }
    }
    emit olderRead(symbolKey, minutes, complete);
}

void CacheReader::close()
{
    m_db.reset();
}

}  // namespace wick
