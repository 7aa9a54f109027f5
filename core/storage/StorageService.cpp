#include "storage/StorageService.h"

#include "storage/BarStore.h"
#include "storage/Database.h"
#include "storage/SymbolStore.h"

namespace wick {

StorageService::StorageService(QString path, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
{
    qRegisterMetaType<wick::BarWriteBatch>();
    qRegisterMetaType<wick::StorageErrorKind>();
    qRegisterMetaType<wick::Timeframe>();
}

StorageService::~StorageService() = default;

void StorageService::open()
{
    try {
        m_db = Database::open(m_path);
        emit opened(m_path, m_db->movedAsideTo());
    } catch (const StorageError &error) {
        m_db.reset();
        emit failed(error.kind(), error.text());
    }
}

void StorageService::writeBars(const BarWriteBatch &batch)
{
    if (!m_db) {
        emit failed(StorageErrorKind::Other,
            QStringLiteral("%1 is not open; %2 bars of %3 not saved")
                .arg(m_path)
                .arg(batch.bars.size())
                .arg(batch.symbolKey));
        return;
    }
    try {
        StoredSymbolId id = m_symbolIds.value(batch.symbolKey, 0);
        if (id == 0) {
            const auto key = SymbolStore::splitKey(batch.symbolKey);
            if (!key)
                throw StorageError(StorageErrorKind::Other, 0,
                    QStringLiteral("'%1' is not source:CODE").arg(batch.symbolKey));
            id = SymbolStore(*m_db).ensure(key->first, key->second);
            m_symbolIds.insert(batch.symbolKey, id);
        }
        BarStore(*m_db).upsert(id, batch.timeframe, batch.bars);
        emit written(batch.symbolKey, batch.timeframe, int(batch.bars.size()));
    } catch (const StorageError &error) {
        emit failed(error.kind(), error.text());
    }
}

void StorageService::close()
{
    m_db.reset();
}

}  // namespace wick
