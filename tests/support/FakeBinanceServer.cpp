#include "FakeBinanceServer.h"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <set>
#include <span>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include "FakeHttpServer.h"
#include "FakeWebSocketServer.h"
#include "model/Clock.h"

namespace wick {

namespace {

std::uint64_t mix(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// The shortest decimal that reads back as the same double (Binance sends strings).
QByteArray decimal(double value)
{
    char buffer[64];
    const auto result
        = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    return QByteArray(buffer, int(result.ptr - buffer));
}

QByteArray str(double value)
{
    return '"' + decimal(value) + '"';
}

// The trades with from <= time < to. A symbol's trades are made in time order (a halt only
// shifts later trades further on), so a range is two binary searches, not a scan of the
// whole history: the scale test's 5,000 symbols push a 24 h mini ticker every second.
std::span<const FakeTrade> tradesIn(const std::vector<FakeTrade> &trades, TimeMs from, TimeMs to)
{
    const auto byTime = [](const FakeTrade &t, TimeMs time) { return t.time < time; };
    const auto first = std::lower_bound(trades.begin(), trades.end(), from, byTime);
    const auto last = std::lower_bound(first, trades.end(), to, byTime);
    return {first, last};
}

HttpReply reply(int status, const QByteArray &body, const FakeHeaders &extra = {})
{
    HttpReply r = HttpReply::json(status, body);
    r.headers += extra;
    return r;
}

}  // namespace

struct FakeBinanceServer::Symbol {
    QString code;  // "BTCUSDT"
    QString lower;  // "btcusdt"
    std::size_t index = 0;
    TimeMs offset = 0;
    TimeMs shift = 0;  // time skipped by halts so far
    std::int64_t cents = 0;
    std::vector<FakeTrade> trades;
    std::int64_t firstId = 1000;
    double nextSpike = 0.0;
};

struct FakeBinanceServer::Client {
    QWebSocket *socket = nullptr;
    QSet<QString> streams;
    std::set<std::size_t> tradeSymbols;  // indices of the symbols with a trade stream
    std::set<std::size_t> klineSymbols;
    std::set<std::size_t> tickerSymbols;  // with a miniTicker stream
    QHash<QString, TimeMs> tickerPushed;  // symbol code -> last miniTicker push (clock)
    QHash<QString, std::size_t> tradeCursor;  // symbol code -> next trade index to send
    QHash<QString, TimeMs> klineClosedSent;  // symbol code -> last closed minute sent
    QHash<QString, TimeMs> klinePushed;  // symbol code -> last forming update (clock)
    QSet<QString> duplicate;  // send the next trade twice
    QSet<QString> swap;  // send the next two trades in reverse order
    std::deque<qint64> messageTimes;  // real ms of incoming messages
    bool stalled = false;
};

FakeBinanceServer::FakeBinanceServer(
    FakeBinanceConfig config, std::shared_ptr<const Clock> clock, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_clock(std::move(clock))
{
    std::size_t i = 0;
    for (const QString &code : std::as_const(m_config.symbols)) {
        auto s = std::make_unique<Symbol>();
        s->code = code.toUpper();
        s->lower = code.toLower();
        s->index = i;
        s->offset = TimeMs(i * 7) % std::max<TimeMs>(m_config.tradeIntervalMs, 1);
        s->cents = 3'000'000 + std::int64_t(i) * 100'000;
        s->firstId = 1000 + std::int64_t(i) * 1'000'000;
        m_byCode.insert(s->code, s.get());
        m_symbols.push_back(std::move(s));
        ++i;
    }
}

FakeBinanceServer::~FakeBinanceServer() = default;

bool FakeBinanceServer::listen()
{
    if (!m_ws) {
        m_ws = new FakeWebSocketServer(QStringLiteral("fake-binance"), this);
        m_http = new FakeHttpServer(this);
        connect(
            m_ws, &FakeWebSocketServer::clientConnected, this, &FakeBinanceServer::onWsConnection);
        connect(m_ws, &FakeWebSocketServer::textReceived, this,
            [this](QWebSocket *socket, const QString &text) {
                if (Client *c = client(socket))
                    onWsMessage(*c, text);
            });
        connect(m_ws, &FakeWebSocketServer::clientDisconnected, this, [this](QWebSocket *socket) {
            std::erase_if(m_clients, [socket](const auto &c) { return c->socket == socket; });
        });
        m_http->setFilter([this](const HttpRequest &r) { return gate(r); });
        m_http->setFallback([this](const HttpRequest &r) { return answer(r); });
        m_http->setDecorator([this](const HttpRequest &, HttpReply &reply) {
            // Every Binance answer says how much weight this IP used this minute.
            const QByteArray used = QByteArray::number(usedThisMinute(m_clock->now()));
            reply.headers.append(qMakePair(QByteArray("x-mbx-used-weight"), used));
            reply.headers.append(qMakePair(QByteArray("x-mbx-used-weight-1m"), used));
        });
    }
    if (!m_ws->listen(m_ws->port()) || !m_http->listen(m_http->port()))
        return false;
    if (!m_pump) {
        m_pump = new QTimer(this);
        m_pump->setTimerType(Qt::PreciseTimer);
        connect(m_pump, &QTimer::timeout, this, &FakeBinanceServer::pump);
        m_pump->start(std::max(1, m_config.pumpIntervalMs));
        if (m_config.pingIntervalMs > 0) {
            m_ping = new QTimer(this);
            connect(m_ping, &QTimer::timeout, this, [this] {
                for (auto &c : m_clients) {
                    if (!c->stalled && c->socket->state() == QAbstractSocket::ConnectedState)
                        c->socket->ping(QByteArrayLiteral("wick"));
                }
            });
            m_ping->start(m_config.pingIntervalMs);
        }
    }
    return true;
}

FakeBinanceServer::Client *FakeBinanceServer::client(QWebSocket *socket)
{
    for (auto &c : m_clients) {
        if (c->socket == socket)
            return c.get();
    }
    return nullptr;
}

QUrl FakeBinanceServer::wsUrl() const
{
    return m_ws->url();
}

QUrl FakeBinanceServer::restUrl() const
{
    return m_http->url();
}

FakeBinanceServer::Symbol *FakeBinanceServer::symbol(const QString &code)
{
    return m_byCode.value(code.toUpper(), nullptr);
}

void FakeBinanceServer::startMarketAt(TimeMs time)
{
    m_config.marketStart = time;
}

void FakeBinanceServer::stopMarket()
{
    m_marketEnd = m_clock->now();
}

void FakeBinanceServer::generateThrough(Symbol &s, TimeMs through)
{
    through = std::min(through, m_marketEnd);
    const TimeMs step = std::max<TimeMs>(m_config.tradeIntervalMs, 1);
    for (;;) {
        const std::int64_t k = std::int64_t(s.trades.size());
        TimeMs time = m_config.marketStart + s.offset + s.shift + k * step;
        for (const auto &[from, to] : m_config.halts) {
            if (time >= from && time < to) {
                s.shift += (to - time + step - 1) / step * step;
                time = m_config.marketStart + s.offset + s.shift + k * step;
            }
        }
        if (time > through)
            return;
        const std::uint64_t h = mix(m_config.seed * 1'000'003 + s.index * 7919 + std::uint64_t(k));
        s.cents = std::max<std::int64_t>(100, s.cents + std::int64_t(h % 11) - 5);
        std::int64_t cents = s.cents;
        if (s.nextSpike > 0.0) {
            cents = std::int64_t(double(cents) * s.nextSpike);
            s.nextSpike = 0.0;
        }
        FakeTrade t;
        t.id = s.firstId + k;
        t.time = time;
        t.price = double(cents) / 100.0;
        t.quantity = double(1 + (h >> 16) % 999) / 1000.0;
        t.buyerIsMaker = (h >> 40) & 1;
        s.trades.push_back(t);
    }
}

std::vector<FakeTrade> FakeBinanceServer::trades(const QString &code)
{
    Symbol *s = symbol(code);
    if (!s)
        return {};
    generateThrough(*s, m_clock->now());
    return s->trades;
}

std::optional<Bar> FakeBinanceServer::truthBar(const QString &code, TimeMs minute, TimeMs through)
{
    Symbol *s = symbol(code);
    if (!s)
        return std::nullopt;
    generateThrough(*s, m_clock->now());
    std::optional<Bar> bar;
    for (const FakeTrade &t :
        tradesIn(s->trades, minute, std::min(minute + kMinuteMs, through + 1))) {
        if (!bar)
            bar = Bar::fromTrade(minute, t.price, t.quantity);
        else
            bar->addTrade(t.price, t.quantity);
    }
    return bar;
}

std::vector<Bar> FakeBinanceServer::truthBars(const QString &code, TimeMs from, TimeMs to)
{
    std::vector<Bar> bars;
    Symbol *s = symbol(code);
    if (!s)
        return bars;
    generateThrough(*s, m_clock->now());
    for (const FakeTrade &t : tradesIn(s->trades, from, to)) {
        const TimeMs minute = minuteFloor(t.time);
        if (bars.empty() || bars.back().time != minute)
            bars.push_back(Bar::fromTrade(minute, t.price, t.quantity));
        else
            bars.back().addTrade(t.price, t.quantity);
    }
    return bars;
}

// ---------------------------------------------------------------- faults

void FakeBinanceServer::dropConnections()
{
    m_ws->dropAll();
}

void FakeBinanceServer::stallConnections()
{
    for (auto &c : m_clients)
        c->stalled = true;
}

void FakeBinanceServer::setDown(bool down)
{
    if (down == m_down)
        return;
    m_down = down;
    m_ws->setDown(down);
    m_http->setDown(down);
}

void FakeBinanceServer::sendServerShutdown()
{
    const QByteArray frame = QByteArrayLiteral("{\"e\":\"serverShutdown\",\"E\":")
        + QByteArray::number(m_clock->now()) + '}';
    for (auto &c : m_clients)
        c->socket->sendTextMessage(QString::fromUtf8(frame));
}

void FakeBinanceServer::sendMalformed(int count)
{
    m_malformedPending += count;
}

void FakeBinanceServer::duplicateNext(const QString &code)
{
    for (auto &c : m_clients)
        c->duplicate.insert(code.toUpper());
}

void FakeBinanceServer::swapNext(const QString &code)
{
    for (auto &c : m_clients)
        c->swap.insert(code.toUpper());
}

void FakeBinanceServer::spikeNext(const QString &code, double factor)
{
    if (Symbol *s = symbol(code)) {
        generateThrough(*s, m_clock->now());
        s->nextSpike = factor;
    }
}

void FakeBinanceServer::removeEndpoint(const QString &path)
{
    m_missing << path;
}

void FakeBinanceServer::failNext(
    const QString &pathPart, int status, int count, int retryAfterSeconds)
{
    m_faults.push_back(Fault {pathPart, status, count, retryAfterSeconds});
}

int FakeBinanceServer::maxWeightInWindow(TimeMs windowMs) const
{
    int best = 0;
    std::size_t begin = 0;
    int sum = 0;
    for (std::size_t end = 0; end < m_weightLog.size(); ++end) {
        sum += m_weightLog[end].weight;
        while (m_weightLog[begin].time + windowMs <= m_weightLog[end].time)
            sum -= m_weightLog[begin++].weight;
        best = std::max(best, sum);
    }
    return best;
}

int FakeBinanceServer::restRequests(const QString &pathPart) const
{
    return m_http->requests(pathPart);
}

int FakeBinanceServer::openConnections() const
{
    return m_ws->openConnections();
}

int FakeBinanceServer::pongsReceived() const
{
    return m_ws->pongsReceived();
}

int FakeBinanceServer::connectionsAccepted() const
{
    return m_ws->connectionsAccepted();
}

int FakeBinanceServer::subscribedStreams() const
{
    int n = 0;
    for (const auto &c : m_clients) {
        if (c->socket->state() == QAbstractSocket::ConnectedState)
            n += int(c->streams.size());
    }
    return n;
}

// ---------------------------------------------------------------- WebSocket

void FakeBinanceServer::onWsConnection(QWebSocket *socket)
{
    auto client = std::make_unique<Client>();
    client->socket = socket;
    Client *c = client.get();
    m_clients.push_back(std::move(client));
    const QUrlQuery query(socket->requestUrl());
    const QString streams = query.queryItemValue(QStringLiteral("streams"));
    if (!streams.isEmpty())
        subscribe(*c, streams.split(QLatin1Char('/'), Qt::SkipEmptyParts));
}

void FakeBinanceServer::subscribe(Client &c, const QStringList &streams)
{
    const TimeMs now = m_clock->now();
    for (const QString &stream : streams) {
        c.streams.insert(stream);
        const QString code = stream.section(QLatin1Char('@'), 0, 0).toUpper();
        Symbol *s = symbol(code);
        if (!s)
            continue;  // Binance accepts any name and sends nothing
        generateThrough(*s, now);
        if (stream.endsWith(QLatin1String("@trade"))) {
            c.tradeCursor[s->code] = s->trades.size();
            c.tradeSymbols.insert(s->index);
        } else if (stream.endsWith(QLatin1String("@kline_1m"))) {
            c.klineClosedSent[s->code] = minuteFloor(now) - kMinuteMs;
            c.klineSymbols.insert(s->index);
        } else if (stream.endsWith(QLatin1String("@miniTicker"))) {
            c.tickerSymbols.insert(s->index);
            c.tickerPushed.remove(s->code);  // the first push goes out at once
        }
    }
    m_maxStreams = std::max(m_maxStreams, int(c.streams.size()));
}

void FakeBinanceServer::onWsMessage(Client &c, const QString &text)
{
    // Binance allows 5 incoming messages per second per connection.
    const qint64 nowReal = QDateTime::currentMSecsSinceEpoch();
    c.messageTimes.push_back(nowReal);
    while (!c.messageTimes.empty() && c.messageTimes.front() + 1000 <= nowReal)
        c.messageTimes.pop_front();
    if (c.messageTimes.size() > 5)
        ++m_rateViolations;
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    const QJsonValue id = message.value(QStringLiteral("id"));
    const QString method = message.value(QStringLiteral("method")).toString();
    QJsonObject reply;
    reply[QStringLiteral("id")] = id;
    QStringList params;
    for (const QJsonValue &v : message.value(QStringLiteral("params")).toArray())
        params << v.toString();
    if (method == QLatin1String("SUBSCRIBE")) {
        ++m_subscribes;
        if (c.streams.size() + params.size() > 1024) {
            reply[QStringLiteral("code")] = 2;
            reply[QStringLiteral("msg")] = QStringLiteral("too many streams");
        } else {
            subscribe(c, params);
            reply[QStringLiteral("result")] = QJsonValue::Null;
        }
    } else if (method == QLatin1String("UNSUBSCRIBE")) {
        for (const QString &stream : params) {
            c.streams.remove(stream);
            if (const Symbol *sym = symbol(stream.section(QLatin1Char('@'), 0, 0))) {
                if (stream.endsWith(QLatin1String("@trade")))
                    c.tradeSymbols.erase(sym->index);
                else if (stream.endsWith(QLatin1String("@kline_1m")))
                    c.klineSymbols.erase(sym->index);
                else if (stream.endsWith(QLatin1String("@miniTicker")))
                    c.tickerSymbols.erase(sym->index);
            }
        }
        reply[QStringLiteral("result")] = QJsonValue::Null;
    } else if (method == QLatin1String("LIST_SUBSCRIPTIONS")) {
        reply[QStringLiteral("result")] = QJsonArray::fromStringList(c.streams.values());
    } else {
        reply[QStringLiteral("code")] = 2;
        reply[QStringLiteral("msg")] = QStringLiteral("Invalid request: unknown method");
    }
    c.socket->sendTextMessage(
        QString::fromUtf8(QJsonDocument(reply).toJson(QJsonDocument::Compact)));
}

QByteArray FakeBinanceServer::tradeFrame(const Symbol &s, const FakeTrade &t, TimeMs now) const
{
    return QByteArrayLiteral("{\"stream\":\"") + s.lower.toUtf8()
        + QByteArrayLiteral("@trade\",\"data\":{\"e\":\"trade\",\"E\":") + QByteArray::number(now)
        + QByteArrayLiteral(",\"s\":\"") + s.code.toUtf8() + QByteArrayLiteral("\",\"t\":")
        + QByteArray::number(t.id) + QByteArrayLiteral(",\"p\":") + str(t.price)
        + QByteArrayLiteral(",\"q\":") + str(t.quantity) + QByteArrayLiteral(",\"T\":")
        + QByteArray::number(t.time) + QByteArrayLiteral(",\"m\":")
        + (t.buyerIsMaker ? QByteArrayLiteral("true") : QByteArrayLiteral("false"))
        + QByteArrayLiteral(",\"M\":true}}");
}

QByteArray FakeBinanceServer::klineFrame(const Symbol &s, const Bar &bar, TimeMs now, bool closed,
    std::int64_t firstId, std::int64_t lastId) const
{
    return QByteArrayLiteral("{\"stream\":\"") + s.lower.toUtf8()
        + QByteArrayLiteral("@kline_1m\",\"data\":{\"e\":\"kline\",\"E\":")
        + QByteArray::number(now) + QByteArrayLiteral(",\"s\":\"") + s.code.toUtf8()
        + QByteArrayLiteral("\",\"k\":{\"t\":") + QByteArray::number(bar.time)
        + QByteArrayLiteral(",\"T\":") + QByteArray::number(bar.time + kMinuteMs - 1)
        + QByteArrayLiteral(",\"s\":\"") + s.code.toUtf8()
        + QByteArrayLiteral("\",\"i\":\"1m\",\"f\":") + QByteArray::number(firstId)
        + QByteArrayLiteral(",\"L\":") + QByteArray::number(lastId) + QByteArrayLiteral(",\"o\":")
        + str(bar.open) + QByteArrayLiteral(",\"c\":") + str(bar.close)
        + QByteArrayLiteral(",\"h\":") + str(bar.high) + QByteArrayLiteral(",\"l\":") + str(bar.low)
        + QByteArrayLiteral(",\"v\":") + str(bar.volume) + QByteArrayLiteral(",\"n\":")
        + QByteArray::number(bar.tradeCount) + QByteArrayLiteral(",\"x\":")
        + (closed ? "true" : "false")
        + QByteArrayLiteral(",\"q\":\"0\",\"V\":\"0\",\"Q\":\"0\",\"B\":\"0\"}}}");
}

QByteArray FakeBinanceServer::miniTickerFrame(const Symbol &s, TimeMs now) const
{
    constexpr TimeMs kDayMs = 24 * 60 * kMinuteMs;
    std::optional<Bar> window;  // OHLCV of the trades in (now - 24 h, now]
    double quoteVolume = 0.0;
    for (const FakeTrade &t : tradesIn(s.trades, now - kDayMs + 1, now + 1)) {
        if (!window)
            window = Bar::fromTrade(t.time, t.price, t.quantity);
        else
            window->addTrade(t.price, t.quantity);
        quoteVolume += t.price * t.quantity;
    }
    if (!window)
        return {};
    return QByteArrayLiteral("{\"stream\":\"") + s.lower.toUtf8()
        + QByteArrayLiteral("@miniTicker\",\"data\":{\"e\":\"24hrMiniTicker\",\"E\":")
        + QByteArray::number(now) + QByteArrayLiteral(",\"s\":\"") + s.code.toUtf8()
        + QByteArrayLiteral("\",\"c\":") + str(window->close) + QByteArrayLiteral(",\"o\":")
        + str(window->open) + QByteArrayLiteral(",\"h\":") + str(window->high)
        + QByteArrayLiteral(",\"l\":") + str(window->low) + QByteArrayLiteral(",\"v\":")
        + str(window->volume) + QByteArrayLiteral(",\"q\":") + str(quoteVolume)
        + QByteArrayLiteral("}}");
}

void FakeBinanceServer::pushMiniTickers(Client &c, TimeMs now)
{
    for (const std::size_t index : c.tickerSymbols) {
        const Symbol &s = *m_symbols[index];
        const auto pushed = c.tickerPushed.constFind(s.code);
        if (pushed != c.tickerPushed.constEnd() && now - *pushed < m_config.miniTickerPushMs)
            continue;
        c.tickerPushed[s.code] = now;
        const QByteArray frame = miniTickerFrame(s, now);
        if (!frame.isEmpty())
            c.socket->sendTextMessage(QString::fromUtf8(frame));
    }
}

void FakeBinanceServer::pump()
{
    if (m_down)
        return;
    const TimeMs now = m_clock->now();
    for (auto &s : m_symbols)
        generateThrough(*s, now);
    for (auto &client : m_clients) {
        Client &c = *client;
        if (c.stalled || c.socket->state() != QAbstractSocket::ConnectedState)
            continue;
        for (int i = 0; i < m_malformedPending; ++i) {
            static const char *const garbage[] = {
                "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":17",
                "not json at all",
                "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\","
                "\"t\":5,\"p\":\"abc\",\"q\":\"1\",\"T\":1,\"m\":true,\"M\":true}}",
                "{\"stream\":\"btcusdt@kline_1m\",\"data\":{\"e\":\"kline\",\"k\":[]}}",
                "[1,2,3]",
            };
            c.socket->sendTextMessage(QString::fromLatin1(garbage[i % 5]));
        }
        std::vector<std::size_t> indices;
        std::set_union(c.klineSymbols.begin(), c.klineSymbols.end(), c.tradeSymbols.begin(),
            c.tradeSymbols.end(), std::back_inserter(indices));
        for (const std::size_t index : indices) {
            Symbol &s = *m_symbols[index];
            // Closed klines first: Binance sends a minute's close as the next one starts.
            if (c.klineSymbols.count(s.index)) {
                TimeMs &sent = c.klineClosedSent[s.code];
                const TimeMs current = minuteFloor(now);
                for (TimeMs m = sent + kMinuteMs; m < current; m += kMinuteMs) {
                    std::int64_t first = -1, last = -1;
                    std::optional<Bar> bar;
                    for (const FakeTrade &t : tradesIn(s.trades, m, m + kMinuteMs)) {
                        if (!bar) {
                            bar = Bar::fromTrade(m, t.price, t.quantity);
                            first = t.id;
                        } else {
                            bar->addTrade(t.price, t.quantity);
                        }
                        last = t.id;
                    }
                    if (bar)
                        c.socket->sendTextMessage(
                            QString::fromUtf8(klineFrame(s, *bar, now, true, first, last)));
                    sent = m;
                }
                TimeMs &pushed = c.klinePushed[s.code];
                if (now - pushed >= m_config.klinePushMs) {
                    pushed = now;
                    std::int64_t first = -1, last = -1;
                    for (const FakeTrade &t : tradesIn(s.trades, current, now + 1)) {
                        first = first < 0 ? t.id : first;
                        last = t.id;
                    }
                    if (const auto bar = truthBar(s.code, current, now))
                        c.socket->sendTextMessage(
                            QString::fromUtf8(klineFrame(s, *bar, now, false, first, last)));
                }
            }
            if (!c.tradeSymbols.count(s.index))
                continue;
            std::size_t &cursor = c.tradeCursor[s.code];
            while (cursor < s.trades.size()) {
                if (c.swap.contains(s.code)) {
                    if (cursor + 1 >= s.trades.size())
                        break;  // wait for the second one
                    c.swap.remove(s.code);
                    c.socket->sendTextMessage(
                        QString::fromUtf8(tradeFrame(s, s.trades[cursor + 1], now)));
                    c.socket->sendTextMessage(
                        QString::fromUtf8(tradeFrame(s, s.trades[cursor], now)));
                    cursor += 2;
                    continue;
                }
                const QString frame = QString::fromUtf8(tradeFrame(s, s.trades[cursor], now));
                if (m_tradeSent)
                    m_tradeSent(s.code, s.trades[cursor]);
                c.socket->sendTextMessage(frame);
                c.socket->flush();
                ++m_tradesSent;
                if (c.duplicate.remove(s.code))
                    c.socket->sendTextMessage(frame);
                ++cursor;
            }
        }
        pushMiniTickers(c, now);
    }
    if (!m_clients.empty())
        m_malformedPending = 0;
}

// ---------------------------------------------------------------- HTTP

int FakeBinanceServer::usedThisMinute(TimeMs now) const
{
    const TimeMs minute = minuteFloor(now);
    int used = 0;
    for (auto it = m_weightLog.rbegin(); it != m_weightLog.rend() && it->time >= minute; ++it)
        used += it->weight;
    return used;
}

std::optional<HttpReply> FakeBinanceServer::gate(const HttpRequest &request)
{
    const TimeMs now = m_clock->now();
    const QString &path = request.path;
    if (request.method != "GET")
        return reply(405, R"({"code":-1000,"msg":"GET only"})");

    auto retryAfter = [&](TimeMs until) {
        return QList<QPair<QByteArray, QByteArray>> {
            {"Retry-After", QByteArray::number((until - now + 999) / 1000)}};
    };
    if (now < m_blockedUntil) {
        // The client did not honour Retry-After.
        ++m_earlyRequests;
        return reply(m_blockStatus,
            R"({"code":-1003,"msg":"Too much request weight used; still blocked."})",
            retryAfter(m_blockedUntil));
    }
    for (auto it = m_faults.begin(); it != m_faults.end(); ++it) {
        if (!path.contains(it->pathPart))
            continue;
        const Fault fault = *it;
        if (--it->count <= 0)
            m_faults.erase(it);
        if (fault.status == 429 || fault.status == 418) {
            const TimeMs seconds = fault.retryAfter >= 0 ? fault.retryAfter : 60;
            m_blockedUntil = now + seconds * 1000;
            m_blockStatus = fault.status;
            const QByteArray body = fault.status == 418
                ? QByteArrayLiteral("{\"code\":-1003,\"msg\":\"Way too much request weight used; "
                                    "IP banned until ")
                    + QByteArray::number(m_blockedUntil)
                    + QByteArrayLiteral(". Please use WebSocket Streams for live updates to "
                                        "avoid bans.\"}")
                : QByteArrayLiteral("{\"code\":-1003,\"msg\":\"Too much request weight used; "
                                    "current limit is ")
                    + QByteArray::number(m_config.weightLimit)
                    + QByteArrayLiteral(" request weight per 1 MINUTE.\"}");
            return reply(fault.status, body, retryAfter(m_blockedUntil));
        }
        return reply(fault.status, R"({"code":-1000,"msg":"An unknown error occurred."})");
    }
    for (const QString &missing : std::as_const(m_missing)) {
        if (path == missing)
            return reply(404, "<html><body><h1>404 Not Found</h1></body></html>");
    }

    int weight = 1;
    if (path == QLatin1String("/api/v3/klines"))
        weight = 2;
    else if (path == QLatin1String("/api/v3/historicalTrades"))
        weight = 25;
    else if (path == QLatin1String("/api/v3/exchangeInfo"))
        weight = 20;
    if (usedThisMinute(now) + weight > m_config.weightLimit) {
        ++m_overLimit;
        m_blockedUntil = minuteFloor(now) + kMinuteMs;
        m_blockStatus = 429;
        return reply(429, R"({"code":-1003,"msg":"Too much request weight used."})",
            retryAfter(m_blockedUntil));
    }
    m_weightLog.push_back(WeightEntry {now, weight, path});
    return std::nullopt;
}

HttpReply FakeBinanceServer::answer(const HttpRequest &request)
{
    const TimeMs now = m_clock->now();
    const QString &path = request.path;
    const QUrlQuery &query = request.query;

    if (path == QLatin1String("/api/v3/exchangeInfo")) {
        QJsonArray symbols;
        for (const auto &s : m_symbols) {
            QJsonObject o;
            o[QStringLiteral("symbol")] = s->code;
            o[QStringLiteral("status")] = QStringLiteral("TRADING");
            o[QStringLiteral("baseAsset")] = s->code.left(s->code.size() - 4);
            o[QStringLiteral("quoteAsset")] = s->code.right(4);
            o[QStringLiteral("filters")] = QJsonArray {
                QJsonObject {{QStringLiteral("filterType"), QStringLiteral("PRICE_FILTER")},
                    {QStringLiteral("minPrice"), QStringLiteral("0.01")},
                    {QStringLiteral("maxPrice"), QStringLiteral("1000000.00")},
                    {QStringLiteral("tickSize"), QStringLiteral("0.01")}},
                QJsonObject {{QStringLiteral("filterType"), QStringLiteral("LOT_SIZE")},
                    {QStringLiteral("minQty"), QStringLiteral("0.001")},
                    {QStringLiteral("maxQty"), QStringLiteral("9000.0")},
                    {QStringLiteral("stepSize"), QStringLiteral("0.001")}}};
            symbols.append(o);
        }
        QJsonObject info;
        info[QStringLiteral("timezone")] = QStringLiteral("UTC");
        info[QStringLiteral("serverTime")] = qint64(now);
        info[QStringLiteral("rateLimits")] = QJsonArray {QJsonObject {
            {QStringLiteral("rateLimitType"), QStringLiteral("REQUEST_WEIGHT")},
            {QStringLiteral("interval"), QStringLiteral("MINUTE")},
            {QStringLiteral("intervalNum"), 1}, {QStringLiteral("limit"), m_config.weightLimit}}};
        info[QStringLiteral("symbols")] = symbols;
        return reply(200, QJsonDocument(info).toJson(QJsonDocument::Compact));
    }

    const bool klines = path == QLatin1String("/api/v3/klines");
    const bool trades = path == QLatin1String("/api/v3/historicalTrades");
    if (!klines && !trades)
        return reply(404, R"({"code":-1000,"msg":"Not found."})");
    Symbol *s = symbol(query.queryItemValue(QStringLiteral("symbol")));
    if (!s)
        return reply(400, R"({"code":-1121,"msg":"Invalid symbol."})");
    generateThrough(*s, now);
    bool limitOk = true;
    const int limit = query.hasQueryItem(QStringLiteral("limit"))
        ? query.queryItemValue(QStringLiteral("limit")).toInt(&limitOk)
        : 500;
    if (!limitOk || limit < 1 || limit > 1000)
        return reply(
            400, R"({"code":-1130,"msg":"Data sent for parameter 'limit' is not valid."})");

    if (trades) {
        std::vector<FakeTrade> out;
        if (query.hasQueryItem(QStringLiteral("fromId"))) {
            const std::int64_t fromId = query.queryItemValue(QStringLiteral("fromId")).toLongLong();
            // Ids rise with time, as the trades are made.
            const auto first = std::lower_bound(s->trades.begin(), s->trades.end(), fromId,
                [](const FakeTrade &t, std::int64_t id) { return t.id < id; });
            const auto n = std::min<std::ptrdiff_t>(s->trades.end() - first, limit);
            out.assign(first, first + n);
        } else {
            const std::size_t n = std::min(s->trades.size(), std::size_t(limit));
            out.assign(s->trades.end() - std::ptrdiff_t(n), s->trades.end());
        }
        QByteArray body = "[";
        for (const FakeTrade &t : out) {
            if (body.size() > 1)
                body += ',';
            body += "{\"id\":" + QByteArray::number(t.id) + ",\"price\":" + str(t.price)
                + ",\"qty\":" + str(t.quantity) + ",\"quoteQty\":" + str(t.price * t.quantity)
                + ",\"time\":" + QByteArray::number(t.time) + ",\"isBuyerMaker\":"
                + (t.buyerIsMaker ? "true" : "false") + ",\"isBestMatch\":true}";
        }
        body += ']';
        return reply(200, body);
    }

    if (query.queryItemValue(QStringLiteral("interval")) != QLatin1String("1m"))
        return reply(400, R"({"code":-1120,"msg":"Invalid interval."})");
    // Every minute with trades up to now, the forming one included (as Binance does).
    const bool hasStart = query.hasQueryItem(QStringLiteral("startTime"));
    const bool hasEnd = query.hasQueryItem(QStringLiteral("endTime"));
    const TimeMs start = query.queryItemValue(QStringLiteral("startTime")).toLongLong();
    const TimeMs endTime = query.queryItemValue(QStringLiteral("endTime")).toLongLong();
    // Only the trades that can make a selected bar (the filter below still decides).
    const TimeMs through = hasEnd ? std::min(minuteFloor(endTime) + kMinuteMs, now + 1) : now + 1;
    std::vector<Bar> bars = truthBars(s->code, hasStart ? minuteFloor(start) : INT64_MIN, through);
    std::vector<Bar> selected;
    for (const Bar &bar : bars) {
        if ((hasStart && bar.time < start) || (hasEnd && bar.time > endTime))
            continue;
        selected.push_back(bar);
    }
    if (hasStart) {
        if (int(selected.size()) > limit)
            selected.resize(std::size_t(limit));
    } else if (int(selected.size()) > limit) {
        selected.erase(selected.begin(), selected.end() - limit);
    }
    QByteArray body = "[";
    for (const Bar &b : selected) {
        if (body.size() > 1)
            body += ',';
        body += '[' + QByteArray::number(b.time) + ',' + str(b.open) + ',' + str(b.high) + ','
            + str(b.low) + ',' + str(b.close) + ',' + str(b.volume) + ','
            + QByteArray::number(b.time + kMinuteMs - 1) + ",\"0\","
            + QByteArray::number(b.tradeCount) + ",\"0\",\"0\",\"0\"]";
    }
    body += ']';
    return reply(200, body);
}

}  // namespace wick
