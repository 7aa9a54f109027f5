// core/feeds/alpaca: parsers of Alpaca's market data v2 -- the stream's frames
// (every frame a JSON array of messages told apart by "T": success, error,
// subscription, t trades, b minute bars, q quotes; unknown kinds are skipped,
// as the docs ask) and the REST bars page ({"bars":[...],"symbol",
// "next_page_token"}). Times are RFC 3339 with up to nanoseconds; a bar's "t"
// is its start. Pure functions, any thread; they never throw.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <QString>
#include <QStringList>
#include <QStringView>

#include "feeds/Parsed.h"
#include "model/Bar.h"

namespace wick {

// One message of a stream frame.
struct AlpacaMessage {
    enum class Kind : std::uint8_t { Success, Error, Subscription, Trade, Bar, Quote, Other };
    Kind kind = Kind::Other;
    QString symbol;  // "S" (trades, bars, quotes)
    QString text;  // success and error: "msg"; other: the "T" it had
    int code = 0;  // error: 400-409, 500 (402 auth failed, 406 connection limit)
    QStringList trades;  // subscription: the whole current subscription
    QStringList bars;
    // Trade: price "p", size "s", time "t", id "i".
    double price = 0.0;
    double size = 0.0;
    TimeMs time = 0;
    std::int64_t tradeId = -1;
    Bar bar;  // Bar: o h l c v n at its start time
};

// A stream frame: its messages in order, or why it is not one (not a JSON
// array, a message that is not an object or lacks a field its kind needs).
Parsed<std::vector<AlpacaMessage>> parseAlpacaFrame(QStringView text);

struct AlpacaBarsPage {
    QString symbol;
    std::vector<Bar> bars;  // oldest first
    QString nextPageToken;  // empty: the last page
};

// GET /v2/stocks/{symbol}/bars.
Parsed<AlpacaBarsPage> parseAlpacaBars(QByteArrayView body);

// RFC 3339 ("2025-02-19T15:29:22.003265193Z", "...+00:00") as UTC ms (the
// fraction past milliseconds dropped); nullopt when it is not one.
std::optional<TimeMs> parseRfc3339(QStringView text);
// UTC ms as Alpaca's query times take them ("2025-02-19T14:30:00Z").
QString rfc3339(TimeMs t);

}  // namespace wick
