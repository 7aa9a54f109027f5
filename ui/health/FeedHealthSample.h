// ui/health: one second of a feed's health as the data-health window plots it.
// A plain value, made from the session's FeedHealthReading (fromFeedHealth) and
// handed to DataHealthWindow::addSample on the UI thread.
#pragma once

#include <cstdint>

#include <QString>
#include <QtGlobal>

namespace wick {

struct FeedHealthReading;
enum class CircuitState : std::uint8_t;

// A circuit as the charts draw it: higher is worse (CircuitState's own values are not ordered).
enum CircuitLevel : int { kCircuitClosed = 0, kCircuitHalfOpen = 1, kCircuitOpen = 2 };

int circuitLevel(CircuitState state);

struct FeedHealthSample {
    QString source;  // "binance", "demo": one row and one line colour per source
    qint64 timeMs = 0;  // wall clock, ms since the Unix epoch
    double messagesPerSecond = 0.0;  // frames over the last interval
    // Cumulative since the feed started.
    qint64 reconnects = 0;
    qint64 rateLimitWaits = 0;
    qint64 restFailures = 0;
    qint64 quarantined = 0;
    qint64 flagged = 0;
    int usedWeight = 0;  // request weight used in the current minute; 0/0 when the source has none
    int weightLimit = 0;
    int requestsToday = 0;  // a daily request budget (Alpha Vantage's); limit 0: none
    int dailyRequestLimit = 0;
    int streamCircuit = kCircuitClosed;  // a CircuitLevel
    int restCircuit = kCircuitClosed;
    // False for a source with no connections to guard (the demo feed): it gets
    // no circuit lanes and a dash in the summary.
    bool hasCircuits = true;
    QString state;  // "Live", "Reconnecting in 4 s"; empty keeps the text setFeedState gave
};

// The sample for one second of a source's health; `stateText` is the text the
// summary shows (empty keeps the text setFeedState gave).
FeedHealthSample fromFeedHealth(const FeedHealthReading &reading, const QString &stateText = {});

}  // namespace wick
