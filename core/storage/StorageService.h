// core/storage/StorageService: the cache's write path -- the read-write
// connection, batched transactions, in-memory retry of failed writes, CSV
// import and export. A QObject on the storage thread (moveToThread), driven by
// queued calls.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include "model/Bar.h"
#include "model/BarSeries.h"
#include "model/BarsPtr.h"
#include "model/Symbol.h"
#include "model/Timeframe.h"
#include "storage/AlertStore.h"
#include "storage/BarCsv.h"
#include "storage/QualityStore.h"
#include "storage/StorageError.h"
#include "storage/StorageTypes.h"

class QTimer;

namespace wick {

class Database;

// Closed bars of one symbol and timeframe to persist in one transaction.
struct BarWriteBatch {
    QString symbolKey;  // "source:CODE"
    Timeframe timeframe = Timeframe::M1;
    std::vector<Bar> bars;
};

// What a CSV import did: the accepted rows were stored (or wait to be, if the
// cache cannot be written now), the rejected ones are listed with their reasons.
struct CsvImportReport {
    QString path;
    QString symbolKey;
    Timeframe timeframe = Timeframe::M1;
    BarsPtr bars;  // the accepted rows, oldest first; never null
    std::vector<CsvRejection> rejected;
    QString error;  // the file could not be read: nothing was stored
};

struct StorageServiceOptions {
    // Failed writes are retried after retryInitialMs, doubling up to retryMaxMs.
    int retryInitialMs = 1000;
    int retryMaxMs = 60'000;
    // PRAGMA max_page_count after open; 0 keeps SQLite's (tests make a full disk).
    std::int64_t maxPageCount = 0;
};

// The storage thread's worker: owns the read-write connection and commits one
// transaction per batch. Lives on its own thread (moveToThread); its slots are
// called through queued connections. A failure is reported, never thrown, and
// nothing is dropped: a batch that cannot be written (read-only file, full
// disk, a cache that could not be opened) waits in memory, in order, and every
// pending write is retried with a growing delay until it lands.
class StorageService final : public QObject
{
    Q_OBJECT

public:
    explicit StorageService(
        QString path, StorageServiceOptions options = {}, QObject *parent = nullptr);
    ~StorageService() override;

    // On the storage thread (or after it ended): what waits to be written.
    std::int64_t pendingBars() const { return m_pendingBars; }
    bool isSaving() const { return m_saving; }

public slots:
    // Opens (creating, migrating or recovering) the cache on the calling thread.
    void open();
    void writeBars(const wick::BarWriteBatch &batch);
    // Stores each symbol's description (name, zone, session), new or changed.
    void saveSymbols(const std::vector<wick::Symbol> &symbols);
    // Replaces the symbols of the watchlist called name (created if new).
    void saveWatchlist(const QString &name, const QStringList &symbolKeys);
    // A setting that belongs to the data (the last symbol, timeframe, indicators).
    void saveSetting(const QString &key, const QString &value);
    // The data-quality record of a symbol: rejected items (one transaction per
    // call) and its latest quality score.
    void writeQuarantine(const QString &symbolKey, const std::vector<wick::QuarantinedItem> &items);
    void saveQualityScore(const QString &symbolKey, const wick::QualityScoreRecord &score);
    // The bar still forming at a stop (kept apart from the closed bars; a closed
    // bar of its time supersedes it); nullopt removes the symbol's saved one.
    void saveFormingBar(const QString &symbolKey, wick::Timeframe timeframe,
        const std::optional<wick::Bar> &bar, wick::TimeMs savedAt);
    // The alert service's rules, states and fires (storage/AlertStore.h), one
    // transaction; alertsWritten says how many fires were new.
    void writeAlerts(const wick::AlertWrite &write);
    // Reads and checks a bars CSV file (see readBarsCsv) and stores its accepted
    // rows under symbolKey, 100,000 per transaction; reports with csvImported.
    void importCsv(const QString &path, const QString &symbolKey, wick::Timeframe timeframe);
    // Writes bars as CSV (the wick-cli format) to path, atomically; reports with csvExported.
    void exportCsv(const QString &path, const wick::BarSeries &bars);
    // Changes PRAGMA max_page_count (tests: fill the "disk", then free it).
    void setMaxPageCount(std::int64_t pages);
    // PRAGMA quick_check of the open cache (runs by itself once after open): a
    // damaged file is moved aside, a fresh cache takes its place and opened()
    // is emitted again with where the old one went.
    void checkIntegrity();
    // Retries the pending writes now (also runs by itself on a timer).
    void retryNow();
    // Writes what is pending if it can, then closes the connection, which
    // checkpoints the WAL into the file (Database::close); call on the storage
    // thread before it ends. The order at exit: the feeds stop (nothing more is
    // submitted), this close(), and the read-only connections (CacheReader::close)
    // before it or idle -- a reader in the middle of a read keeps the WAL.
    void close();

signals:
    // movedAsideTo: where a corrupt file went (empty when none was).
    void opened(const QString &path, const QString &movedAsideTo);
    void written(const QString &symbolKey, wick::Timeframe timeframe, int barCount);
    void failed(wick::StorageErrorKind kind, const QString &message);
    // saving false: history is kept in memory only (reason says why) and retried;
    // true again once everything pending has been written.
    void savingChanged(bool saving, const QString &reason, qint64 pendingBars);
    void csvImported(const wick::CsvImportReport &report);
    // error is empty when the file was written.
    void csvExported(const QString &path, qint64 barCount, const QString &error);
    void alertsWritten(int newFires);

private:
    struct Pending {
        enum class Kind {
            Bars,
            Symbols,
            Watchlist,
            Setting,
            Quarantine,
            Score,
            Forming,
            Alerts
        } kind
            = Kind::Bars;
        BarWriteBatch bars;
        std::vector<Symbol> symbols;
        QString name;  // watchlist name, setting key, or the symbol of quarantine and score
        QStringList keys;  // watchlist symbols
        QString value;  // setting value
        std::vector<QuarantinedItem> quarantine;
        QualityScoreRecord score;
        AlertWrite alerts;
    };

    bool tryOpen();
    // Writes one item; throws StorageError.
    void write(const Pending &item);
    StoredSymbolId symbolId(const QString &key);
    void submit(Pending item);
    // Writes the pending items in order until one fails; true when all are written.
    bool flush();
    void fail(const StorageError &error);
    void scheduleRetry();
    void setSaving(bool saving, const QString &reason);

    QString m_path;
    StorageServiceOptions m_options;
    std::unique_ptr<Database> m_db;
    QHash<QString, StoredSymbolId> m_symbolIds;
    std::vector<Pending> m_pending;
    std::int64_t m_pendingBars = 0;
    QTimer *m_retryTimer = nullptr;
    int m_retryDelayMs = 0;
    bool m_saving = true;
    bool m_openAttempted = false;
    bool m_checked = false;
    QString m_lastError;
};

}  // namespace wick

Q_DECLARE_METATYPE(wick::BarWriteBatch)
Q_DECLARE_METATYPE(wick::CsvImportReport)
