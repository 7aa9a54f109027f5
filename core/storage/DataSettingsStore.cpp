#include "storage/DataSettingsStore.h"

#include <sqlite3.h>

#include "storage/Database.h"

namespace wick {

void DataSettingsStore::set(const QString &key, const QString &value)
{
    Query upsert = m_db.query("INSERT OR REPLACE INTO data_settings (key, value) VALUES (?1, ?2)");
    upsert->bind(1, key);
    upsert->bind(2, value);
    upsert->run();
}

std::optional<QString> DataSettingsStore::value(const QString &key)
{
    Query select = m_db.query("SELECT value FROM data_settings WHERE key = ?1");
    select->bind(1, key);
    if (!select->step())
        return std::nullopt;
    return select->text(0);
}

bool DataSettingsStore::remove(const QString &key)
{
    Query erase = m_db.query("DELETE FROM data_settings WHERE key = ?1");
    erase->bind(1, key);
    erase->run();
    return sqlite3_changes(m_db.handle()) > 0;
}

std::vector<std::pair<QString, QString>> DataSettingsStore::all()
{
    std::vector<std::pair<QString, QString>> result;
    Query select = m_db.query("SELECT key, value FROM data_settings ORDER BY key");
    while (select->step())
        result.emplace_back(select->text(0), select->text(1));
    return result;
}

}  // namespace wick
