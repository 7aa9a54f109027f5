// core/storage/DataSettingsStore: the data_settings table (key -> text). A view
// over one Database, on that connection's thread (storage thread or reader thread).
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include <QString>

namespace wick {

class Database;

// Settings that belong to the data rather than to the window (table
// data_settings): the last symbol and timeframe, feed choices, retention.
// Keys and values are text; the caller owns their meaning.
class DataSettingsStore
{
public:
    explicit DataSettingsStore(Database &db)
        : m_db(db)
    { }

    void set(const QString &key, const QString &value);
    std::optional<QString> value(const QString &key);
    bool remove(const QString &key);
    // Every setting, by key.
    std::vector<std::pair<QString, QString>> all();

private:
    Database &m_db;
};

}  // namespace wick
