#pragma once

#include <memory>
#include <vector>

#include <QHash>
#include <QObject>
#include <QString>

#include "model/Bar.h"
#include "model/Timeframe.h"
#include "storage/StorageError.h"
#include "storage/StorageTypes.h"

namespace wick {

class Database;

// Closed bars of one symbol and timeframe to persist in one transaction.
struct BarWriteBatch {
    QString symbolKey;  // "source:CODE"
    Timeframe timeframe = Timeframe::M1;
    std::vector<Bar> bars;
};

// The storage thread's worker: owns the read-write connection and commits one
// transaction per batch. Lives on its own thread (moveToThread); open() and
// writeBars() are slots to call through queued connections. A failure is
// reported, never thrown: the caller keeps its bars in memory and may retry.
class StorageService final : public QObject
{
    Q_OBJECT

public:
    explicit StorageService(QString path, QObject *parent = nullptr);
    ~StorageService() override;

public slots:
    // Opens (creating, migrating or recovering) the cache on the calling thread.
    void open();
    void writeBars(const wick::BarWriteBatch &batch);
    // Closes the connection; call on the storage thread before it ends.
    void close();

signals:
    // movedAsideTo: where a corrupt file went (empty when none was).
    void opened(const QString &path, const QString &movedAsideTo);
    void written(const QString &symbolKey, wick::Timeframe timeframe, int barCount);
    void failed(wick::StorageErrorKind kind, const QString &message);

private:
    QString m_path;
    std::unique_ptr<Database> m_db;
    QHash<QString, StoredSymbolId> m_symbolIds;
};

}  // namespace wick

Q_DECLARE_METATYPE(wick::BarWriteBatch)
