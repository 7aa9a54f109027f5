#include "storage/CacheReader.h"

#include <QElapsedTimer>

#include <spdlog/spdlog.h>

#include "storage/BarStore.h"
#include "storage/DataSettingsStore.h"
#include "storage/Database.h"
#include "storage/SymbolStore.h"
#include "storage/WatchlistStore.h"

namespace wick {

CacheReader::CacheReader(QString path, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
{
    qRegisterMetaType<wick::CachedSession>();
    qRegisterMetaType<wick::BarsPtr>();
    qRegisterMetaType<wick::StorageErrorKind>();
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
    if (!ensureOpen()) {
        emit sessionRead(session);
        return;
    }
    QElapsedTimer timer;
    timer.start();
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

        QStringList keys = session.watchlist;
        for (const QString &key : alsoKeys) {
            if (!keys.contains(key))
                keys.append(key);
        }
        BarStore bars(*m_db);
        const auto count = static_cast<std::size_t>(std::max(minutesPerSymbol, 0));
        for (const QString &key : keys) {
            const auto parts = SymbolStore::splitKey(key);
            const std::optional<StoredSymbolId> id
                = parts ? symbols.find(parts->first, parts->second) : std::nullopt;
            if (!id)
                continue;
            auto minutes = std::make_shared<std::vector<Bar>>(bars.last(*id, Timeframe::M1, count));
            if (minutes->empty())
                continue;
            session.barCount += static_cast<qint64>(minutes->size());
            const bool complete = minutes->size() < count;
            Symbol symbol = symbols.symbol(*id).value_or(Symbol {});
            if (symbol.code.isEmpty()) {
                symbol.source = parts->first;
                symbol.code = parts->second;
            }
            session.series.push_back(
                CachedSeries {key, std::move(symbol), std::move(minutes), complete});
        }
    } catch (const StorageError &error) {
        spdlog::error("storage: reading the last session failed: {}", error.what());
        emit failed(error.kind(), error.text());
    }
    spdlog::info("storage: read {} cached bars of {} symbols in {} ms", session.barCount,
        session.series.size(), timer.elapsed());
    emit sessionRead(session);
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
