// core/feeds: sources of market data. A Feed lives on its own thread, turns
// whatever its source speaks into TickBatch / bar history, and reports its state.
#pragma once

#include <memory>
#include <vector>

#include <QObject>
#include <QString>

#include "model/Bar.h"
#include "model/BarsPtr.h"
#include "model/Tick.h"

namespace wick {

class Clock;

enum class FeedState : std::uint8_t { Offline, Connecting, Live, Reconnecting, CircuitOpen };

QString feedStateName(FeedState state);

class Feed : public QObject
{
    Q_OBJECT

public:
    // What a source can do (the UI enables search, history paging ... by them).
    enum Capability : std::uint8_t {
        LiveTrades = 1 << 0,
        LiveBars = 1 << 1,
        RestHistory = 1 << 2,
        SymbolSearch = 1 << 3,
    };
    Q_DECLARE_FLAGS(Capabilities, Capability)

    using QObject::QObject;
    ~Feed() override;

    virtual Capabilities capabilities() const { return LiveTrades; }

    // The source name symbols carry ("demo", "binance", ...).
    virtual QString source() const = 0;
    // The clock the feed's timestamps live in (wall clock, or the demo's simulated clock).
    virtual std::shared_ptr<const Clock> clock() const = 0;
    // How long after a bucket's end a trade of that bucket may still arrive.
    virtual TimeMs closeGraceMs() const { return 2000; }
    virtual FeedState state() const = 0;

public slots:
    virtual void start() = 0;
    virtual void stop() = 0;

signals:
    // One signal per network read or timer step, never per tick, never empty.
    void ticksReceived(const wick::TickBatch &batch);
    // Closed 1m bars of one symbol, oldest first, before its live ticks start.
    void historyReceived(wick::SymbolId symbol, const wick::BarsPtr &minutes);
    void stateChanged(wick::FeedState state, const QString &detail);
};

}  // namespace wick

// Outside the namespace: inside, its operator| would hide Qt's (and
// QCustomPlot's) for every file in namespace wick that includes this header.
Q_DECLARE_OPERATORS_FOR_FLAGS(wick::Feed::Capabilities)

Q_DECLARE_METATYPE(wick::TickBatch)
Q_DECLARE_METATYPE(wick::FeedState)
