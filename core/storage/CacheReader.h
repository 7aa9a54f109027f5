// core/storage/CacheReader: the chart side of the cache -- a read-only
// connection and the reads the app needs at start and while paging history.
// A QObject on its own reader thread, asked through queued calls.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include "model/BarsPtr.h"
#include "model/Symbol.h"
#include "storage/AlertStore.h"
#include "storage/QualityStore.h"
#include "storage/StorageError.h"

namespace wick {

class Database;

// The newest cached 1m bars of one symbol.
struct CachedSeries {
    QString symbolKey;
    Symbol symbol;  // as the cache describes it (name, zone, session)
    BarsPtr minutes;  // oldest first; never null
    bool complete = false;  // the cache holds nothing older
    // Items the validator quarantined within those minutes (the newest
    // kQuarantinePerSeries at most, oldest first): the chart marks them again.
    std::vector<QuarantinedItem> quarantined;
    static constexpr std::size_t kQuarantinePerSeries = 2000;
};

// What an earlier run left in the cache: its watchlist, its data settings and
// the newest bars of the symbols asked for.
struct CachedSession {
    bool hasWatchlist = false;
    QStringList watchlist;  // symbol keys in the order shown
    QHash<QString, QString> settings;
    std::vector<CachedSeries> series;
    qint64 barCount = 0;
    // The alert rules, their states and the newest fires; the rules' symbols
    // are read with the others.
    StoredAlerts alerts;
};

// The chart side of the cache: a read-only connection on its own thread (WAL
// lets it read beside the writer). Asked through queued calls, it answers with
// signals, so no UI code ever waits for the disk.
class CacheReader final : public QObject
{
    Q_OBJECT

public:
    explicit CacheReader(QString path, QObject *parent = nullptr);
    ~CacheReader() override;

    // The watchlist read from and written to by the app.
    static QString mainWatchlistName() { return QStringLiteral("Main"); }
    // The data setting naming the chart's symbol ("source:CODE").
    static QString chartSymbolKey() { return QStringLiteral("chart/symbol"); }

public slots:
    // Opens the read-only connection (after the writer has created the file).
    void open();
    // Reads the session: the main watchlist, every data setting, and the newest
    // minutesPerSymbol 1m bars of each symbol in the watchlist and in alsoKeys.
    // The chart's symbol (the setting chartSymbolKey) comes first: sessionRead
    // carries it alone, so it can be painted while the others are read;
    // remainingSeriesRead then carries every other symbol (possibly none).
    void readSession(const QStringList &alsoKeys, int minutesPerSymbol);
    // Reads the count 1m bars before `before` (history paging).
    void readOlder(const QString &symbolKey, qint64 before, int count);
    // Closes the read-only connection, on the reader's thread. At exit, before
    // (or while idle during) StorageService::close, whose checkpoint empties the
    // WAL: a reader cannot checkpoint, and one still reading holds the WAL.
    void close();

signals:
    void sessionRead(const wick::CachedSession &session);
    void remainingSeriesRead(const std::vector<wick::CachedSeries> &series, qint64 barCount);
    void olderRead(const QString &symbolKey, const wick::BarsPtr &minutes, bool complete);
    void failed(wick::StorageErrorKind kind, const QString &message);

private:
    bool ensureOpen();
    // The newest count minutes of key, if the cache has any.
    std::optional<CachedSeries> readSeries(const QString &key, std::size_t count);

    QString m_path;
    std::unique_ptr<Database> m_db;
};

}  // namespace wick

Q_DECLARE_METATYPE(wick::CachedSession)
Q_DECLARE_METATYPE(std::vector<wick::CachedSeries>)
