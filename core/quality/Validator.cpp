#include "quality/Validator.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <optional>
#include <unordered_set>
#include <vector>

#include <QDateTime>

#include "quality/SymbolMarket.h"

namespace wick {

namespace {

// Mean and variance over the last N values (ring buffer, running sums
// recomputed once per lap so rounding never accumulates).
class RollingWindow
{
public:
    explicit RollingWindow(int capacity)
        : m_values(std::size_t(std::max(capacity, 2)), 0.0)
    { }

    void push(double v)
    {
        if (m_count == m_values.size()) {
            m_sum -= m_values[m_next];
            m_sumSq -= m_values[m_next] * m_values[m_next];
        } else {
            ++m_count;
        }
        m_values[m_next] = v;
        m_sum += v;
        m_sumSq += v * v;
        if (++m_next == m_values.size()) {
            m_next = 0;
            m_sum = 0.0;
            m_sumSq = 0.0;
            for (std::size_t i = 0; i < m_count; ++i) {
                m_sum += m_values[i];
                m_sumSq += m_values[i] * m_values[i];
            }
        }
    }
    std::size_t count() const { return m_count; }
    double mean() const { return m_count ? m_sum / double(m_count) : 0.0; }
    double variance() const
    {
        if (m_count < 2)
            return 0.0;
        const double m = mean();
        return std::max(0.0, (m_sumSq - double(m_count) * m * m) / double(m_count - 1));
    }

private:
    std::vector<double> m_values;
    std::size_t m_next = 0;
    std::size_t m_count = 0;
    double m_sum = 0.0;
    double m_sumSq = 0.0;
};

// The lowest and highest price within a time horizon (monotonic deques).
class RangeWindow
{
public:
    void push(TimeMs time, double price)
    {
        while (!m_min.empty() && m_min.back().second >= price)
            m_min.pop_back();
        m_min.emplace_back(time, price);
        while (!m_max.empty() && m_max.back().second <= price)
            m_max.pop_back();
        m_max.emplace_back(time, price);
    }
    void expire(TimeMs oldest)
    {
        while (!m_min.empty() && m_min.front().first < oldest)
            m_min.pop_front();
        while (!m_max.empty() && m_max.front().first < oldest)
            m_max.pop_front();
    }
    bool empty() const { return m_min.empty(); }
    double low() const { return m_min.front().second; }
    double high() const { return m_max.front().second; }

private:
    std::deque<std::pair<TimeMs, double>> m_min;
    std::deque<std::pair<TimeMs, double>> m_max;
};

// The last N trade ids of a symbol.
class TradeIdMemory
{
public:
    explicit TradeIdMemory(int capacity)
        : m_capacity(std::size_t(std::max(capacity, 1)))
    {
        m_ids.reserve(m_capacity * 2);
    }
    bool contains(std::int64_t id) const { return m_ids.count(id) != 0; }
    void add(std::int64_t id)
    {
        m_ids.insert(id);
        m_order.push_back(id);
        if (m_order.size() > m_capacity) {
            m_ids.erase(m_order.front());
            m_order.pop_front();
        }
    }

private:
    std::size_t m_capacity;
    std::unordered_set<std::int64_t> m_ids;
    std::deque<std::int64_t> m_order;
};

constexpr std::uint32_t bit(QualityRule rule)
{
    return 1u << unsigned(rule);
}

Verdict reject(Verdict v, QualityRule rule, double raw)
{
    v.rejected = true;
    v.rejectRule = rule;
    v.rawValue = raw;
    return v;
}

QString number(double v)
{
    return QString::number(v, 'g', 17);
}

}  // namespace

struct Validator::SymbolState {
    explicit SymbolState(const ValidationConfig &c, AssetClass cls, SessionHours hours)
        : assetClass(cls)
        , session(hours)
        , returns(c.returnWindow)
        , sizes(c.volumeWindow)
        , barVolumes(c.volumeWindow)
        , tradeIds(c.tradeIdMemory)
        , score(c.scoreWindow)
    { }

    AssetClass assetClass;
    SessionHours session;
    QTimeZone zone = QTimeZone::utc();
    // The market's calendar (holidays, early closes) when the symbol has one;
    // else session and zone are the schedule.
    std::optional<MarketCalendar> calendar;
    bool hasTick = false;
    TimeMs lastTime = 0;
    double lastPrice = 0.0;
    RollingWindow returns;
    RollingWindow sizes;
    RangeWindow range;
    RollingWindow barVolumes;
    TradeIdMemory tradeIds;
    bool hasBar = false;
    Bar lastBar;
    QualityScore score;
    std::array<std::int64_t, kQualityRuleCount> counts {};
    std::int64_t validated = 0;
};

Validator::Validator()
{
    for (int i = 0; i < int(m_configs.size()); ++i)
        m_configs[std::size_t(i)] = ValidationConfig::forAssetClass(AssetClass(i));
}

Validator::~Validator() = default;

void Validator::setConfig(AssetClass assetClass, const ValidationConfig &config)
{
    m_configs[std::size_t(assetClass)] = config;
    // Rolling windows are sized from the config: symbols start over with it.
    for (auto &[id, s] : m_symbols) {
        if (s->assetClass == assetClass) {
            const SessionHours hours = s->session;
            const QTimeZone zone = s->zone;
            const std::optional<MarketCalendar> calendar = s->calendar;
            s = std::make_unique<SymbolState>(config, assetClass, hours);
            s->zone = zone;
            s->calendar = calendar;
        }
    }
}

const ValidationConfig &Validator::config(AssetClass assetClass) const
{
    return m_configs[std::size_t(assetClass)];
}

void Validator::setSymbol(SymbolId id, const Symbol &symbol)
{
    auto s = std::make_unique<SymbolState>(
        config(symbol.assetClass), symbol.assetClass, symbol.session);
    s->zone = symbol.timeZone();
    s->calendar = calendarFor(symbol);
    m_symbols[id] = std::move(s);
}

Validator::SymbolState &Validator::state(SymbolId id)
{
    auto it = m_symbols.find(id);
    if (it == m_symbols.end())
        it = m_symbols
                 .emplace(id,
                     std::make_unique<SymbolState>(config(AssetClass::Crypto), AssetClass::Crypto,
                         SessionHours::twentyFourSeven()))
                 .first;
    return *it->second;
}

const Validator::SymbolState *Validator::find(SymbolId id) const
{
    const auto it = m_symbols.find(id);
    return it == m_symbols.end() ? nullptr : it->second.get();
}

void Validator::finish(SymbolState &s, const Verdict &v)
{
    ++s.validated;
    if (v.rejected)
        ++s.counts[std::size_t(v.rejectRule)];
    for (int r = 0; r < kQualityRuleCount; ++r) {
        if (v.flags & (1u << unsigned(r)))
            ++s.counts[std::size_t(r)];
    }
    s.score.record(v.checks, v.failedChecks());
}

Verdict Validator::validateTick(const Tick &tick, TimeMs now)
{
    SymbolState &s = state(tick.symbol);
    const ValidationConfig &c = config(s.assetClass);
    Verdict v;

    // Impossible values: rejected, and the symbol's state does not move.
    v.checks = 4;
    if (!std::isfinite(tick.price))
        v = reject(v, QualityRule::NonFinitePrice, tick.price);
    else if (tick.price <= 0.0)
        v = reject(v, QualityRule::NonPositivePrice, tick.price);
    else if (!std::isfinite(tick.size))
        v = reject(v, QualityRule::NonFiniteVolume, tick.size);
    else if (tick.size < 0.0)
        v = reject(v, QualityRule::NegativeVolume, tick.size);
    if (!v.rejected && tick.tradeId >= 0) {
        ++v.checks;
        if (s.tradeIds.contains(tick.tradeId))
            v = reject(v, QualityRule::DuplicateTradeId, double(tick.tradeId));
    }
    if (v.rejected) {
        finish(s, v);
        return v;
    }

    // Suspicious but possible: flagged and kept.
    v.checks += 2;
    if (tick.time > now + c.futureSkewMs)
        v.flags |= bit(QualityRule::FutureTimestamp);
    if (s.hasTick && tick.time < s.lastTime - c.lateToleranceMs)
        v.flags |= bit(QualityRule::OutOfOrder);
    if (c.staleAfterMs > 0) {
        ++v.checks;
        if (tick.time < now - c.staleAfterMs)
            v.flags |= bit(QualityRule::StaleTimestamp);
    }
    if (s.hasTick) {
        const double r = std::log(tick.price / s.lastPrice);
        if (s.returns.count() >= std::size_t(c.minReturns)) {
            ++v.checks;
            const double sigma = std::max(std::sqrt(s.returns.variance()), c.minReturnSigma);
            if (std::fabs(r - s.returns.mean()) > c.spikeZ * sigma)
                v.flags |= bit(QualityRule::PriceSpike);
        }
        s.returns.push(r);
    }
    s.range.expire(tick.time - c.jumpHorizonMs);
    if (!s.range.empty()) {
        ++v.checks;
        if (tick.price > s.range.low() * (1.0 + c.jumpFraction)
            || tick.price < s.range.high() * (1.0 - c.jumpFraction))
            v.flags |= bit(QualityRule::PriceJump);
    }
    if (s.sizes.count() >= std::size_t(c.minVolumes)) {
        ++v.checks;
        if (tick.size > c.volumeSpikeFactor * s.sizes.mean() && s.sizes.mean() > 0.0)
            v.flags |= bit(QualityRule::VolumeSpike);
    }
    s.sizes.push(tick.size);
    // A late tick joins the windows but does not move the symbol's clock back.
    if (!s.hasTick || tick.time >= s.lastTime) {
        s.range.push(tick.time, tick.price);
        s.lastTime = tick.time;
    }
    s.lastPrice = tick.price;
    s.hasTick = true;
    if (tick.tradeId >= 0)
        s.tradeIds.add(tick.tradeId);
    finish(s, v);
    return v;
}

Verdict Validator::validateBar(SymbolId symbol, const Bar &bar, TimeMs timeframeMs, TimeMs now)
{
    SymbolState &s = state(symbol);
    const ValidationConfig &c = config(s.assetClass);
    Verdict v;
    v.checks = 5;
    for (const double p : {bar.open, bar.high, bar.low, bar.close}) {
        if (!std::isfinite(p))
            v = reject(v, QualityRule::NonFinitePrice, p);
        else if (p <= 0.0)
            v = reject(v, QualityRule::NonPositivePrice, p);
        if (v.rejected)
            break;
    }
    if (!v.rejected) {
        if (!std::isfinite(bar.volume))
            v = reject(v, QualityRule::NonFiniteVolume, bar.volume);
        else if (bar.volume < 0.0)
            v = reject(v, QualityRule::NegativeVolume, bar.volume);
        else if (bar.low > bar.high)
            v = reject(v, QualityRule::BrokenOhlc, bar.low);
        else if (bar.high < std::max(bar.open, bar.close))
            v = reject(v, QualityRule::BrokenOhlc, bar.high);
        else if (bar.low > std::min(bar.open, bar.close))
            v = reject(v, QualityRule::BrokenOhlc, bar.low);
    }
    if (v.rejected) {
        finish(s, v);
        return v;
    }

    v.checks += 3;
    if (bar.time > now + c.futureSkewMs)
        v.flags |= bit(QualityRule::FutureTimestamp);
    if (bar.high > bar.low * (1.0 + c.jumpFraction))
        v.flags |= bit(QualityRule::PriceJump);
    const bool update = s.hasBar && bar.time == s.lastBar.time;
    if (s.hasBar && bar.time < s.lastBar.time)
        v.flags |= bit(QualityRule::OutOfOrder);
    if (s.hasBar && !update && bar.time > s.lastBar.time) {
        v.checks += 2;
        const double move = bar.close / s.lastBar.close - 1.0;
        if (std::fabs(move) > c.jumpFraction)
            v.flags |= bit(QualityRule::PriceJump);
        // A gap: a bucket between the two that the market was open for.
        const TimeMs firstMissing = s.lastBar.time + timeframeMs;
        if (timeframeMs > 0 && bar.time > firstMissing && s.calendar) {
            // Holidays and early closes are no gap; over a week always is (no
            // market here closes for longer).
            if (bar.time - firstMissing > 7 * 24 * 3'600'000LL
                || s.calendar->expectedMinutes(firstMissing, bar.time) > 0)
                v.flags |= bit(QualityRule::BarGap);
        } else if (timeframeMs > 0 && bar.time > firstMissing) {
            bool open = s.session.alwaysOpen;
            constexpr int kMaxProbes = 20'000;  // a long weekend of minutes
            int probes = 0;
            for (TimeMs t = firstMissing; !open && t < bar.time && probes < kMaxProbes;
                 t += timeframeMs, ++probes) {
                const QDateTime local = QDateTime::fromMSecsSinceEpoch(t, s.zone);
                open = s.session.isOpen(
                    local.date().dayOfWeek(), local.time().msecsSinceStartOfDay() / 60'000);
            }
            if (open)
                v.flags |= bit(QualityRule::BarGap);
        }
    }
    if (!update) {
        if (s.barVolumes.count() >= std::size_t(c.minVolumes)) {
            ++v.checks;
            if (s.barVolumes.mean() > 0.0
                && bar.volume > c.barVolumeSpikeFactor * s.barVolumes.mean())
                v.flags |= bit(QualityRule::VolumeSpike);
        }
        if (s.hasBar)
            s.barVolumes.push(s.lastBar.volume);  // the previous bar is final now
    }
    if (!s.hasBar || bar.time >= s.lastBar.time) {
        s.lastBar = bar;
        s.hasBar = true;
    }
    finish(s, v);
    return v;
}

std::size_t Validator::screen(
    std::vector<Tick> &ticks, TimeMs now, std::vector<QuarantineRecord> &quarantined)
{
    std::size_t kept = 0;
    std::size_t flagged = 0;
    for (std::size_t i = 0; i < ticks.size(); ++i) {
        const Verdict v = validateTick(ticks[i], now);
        if (v.rejected) {
            quarantined.push_back(quarantine(ticks[i], v, now));
            continue;
        }
        flagged += v.flags != 0 ? 1 : 0;
        if (kept != i)
            ticks[kept] = ticks[i];
        ++kept;
    }
    ticks.resize(kept);
    return flagged;
}

double Validator::qualityScore(SymbolId symbol) const
{
    const SymbolState *s = find(symbol);
    return s ? s->score.score() : 1.0;
}

std::int64_t Validator::count(SymbolId symbol, QualityRule rule) const
{
    const SymbolState *s = find(symbol);
    return s ? s->counts[std::size_t(rule)] : 0;
}

std::int64_t Validator::validated(SymbolId symbol) const
{
    const SymbolState *s = find(symbol);
    return s ? s->validated : 0;
}

QuarantineRecord Validator::quarantine(const Tick &tick, const Verdict &verdict, TimeMs now)
{
    QuarantineRecord r;
    r.symbol = tick.symbol;
    r.time = tick.time;
    r.receivedAt = now;
    r.rule = verdict.rejectRule;
    r.rawValue = verdict.rawValue;
    r.tradeId = tick.tradeId;
    switch (verdict.rejectRule) {
    case QualityRule::DuplicateTradeId:
        r.detail = QStringLiteral("trade id %1 seen before").arg(tick.tradeId);
        break;
    case QualityRule::NonFiniteVolume:
    case QualityRule::NegativeVolume:
        r.detail = QStringLiteral("size ") + number(tick.size);
        break;
    default:
        r.detail = QStringLiteral("price ") + number(tick.price);
        break;
    }
    return r;
}

QuarantineRecord Validator::quarantine(
    SymbolId symbol, const Bar &bar, const Verdict &verdict, TimeMs now)
{
    QuarantineRecord r;
    r.symbol = symbol;
    r.time = bar.time;
    r.receivedAt = now;
    r.rule = verdict.rejectRule;
    r.rawValue = verdict.rawValue;
    r.detail = QStringLiteral("o %1 h %2 l %3 c %4 v %5")
                   .arg(number(bar.open), number(bar.high), number(bar.low), number(bar.close),
                       number(bar.volume));
    return r;
}

}  // namespace wick
