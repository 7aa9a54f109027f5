#include "feeds/demo/DemoSymbolProcess.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include <QDateTime>

#include "bars/BarBuilder.h"

namespace wick {

namespace {

constexpr int kStudentNu = 5;  // minute shocks: Student-t, 5 degrees of freedom
constexpr double kGarchAlpha = 0.05;
constexpr double kGarchBeta = 0.93;
constexpr double kMaxVarianceRatio = 30.0;  // cap on h / long-run h
constexpr TimeMs kNever = std::numeric_limits<TimeMs>::max();
constexpr TimeMs kAnchorEpochDay = 18262;  // 2020-01-01
constexpr double kAnchorReversion = 0.0115;  // per day: a half-life of about 60 days
constexpr double kAnchorVolatility = 0.6;  // of the daily volatility

// Crypto activity by UTC hour: quiet in the late Asian night, busiest when
// New York and Europe overlap.
constexpr std::array<double, 25> kCryptoHourly
    = {0.80, 0.76, 0.72, 0.68, 0.66, 0.68, 0.74, 0.84, 0.94, 1.00, 1.02, 1.04, 1.10, 1.26, 1.42,
        1.48, 1.36, 1.20, 1.08, 1.00, 0.96, 0.92, 0.88, 0.84, 0.80};
constexpr double kCryptoWeekend = 0.7;

// floor() and round-half-up for |x| < 2^62 without libm calls (they are per trade).
std::int64_t floorToInt(double x)
{
    auto i = static_cast<std::int64_t>(x);
    if (static_cast<double>(i) > x)
        --i;
    return i;
}

std::int64_t roundToInt(double x)
{
    return floorToInt(x + 0.5);
}

TimeMs floorTo(TimeMs t, TimeMs unit)
{
    TimeMs q = t / unit;
    if (t % unit < 0)
        --q;
    return q * unit;
}

// The U-shape of a session: heavy at the open, quiet at lunch, busy into the close.
std::vector<double> sessionPattern(int minutes)
{
    std::vector<double> pattern(static_cast<std::size_t>(std::max(minutes, 1)));
    double sum = 0.0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const double u = (static_cast<double>(i) + 0.5) / static_cast<double>(pattern.size());
        pattern[i] = 0.55 + 1.9 * portableExp(-u / 0.05) + 1.1 * portableExp(-(1.0 - u) / 0.06);
        sum += pattern[i];
    }
    const double mean = sum / static_cast<double>(pattern.size());
    for (double &p : pattern)
        p /= mean;
    return pattern;
}

std::vector<double> cryptoPattern()
{
    std::vector<double> pattern(24 * 60);
    double sum = 0.0;
    for (std::size_t m = 0; m < pattern.size(); ++m) {
        const std::size_t hour = m / 60;
        const double frac = static_cast<double>(m % 60) / 60.0;
        pattern[m] = kCryptoHourly[hour] + (kCryptoHourly[hour + 1] - kCryptoHourly[hour]) * frac;
        sum += pattern[m];
    }
    const double mean = sum / static_cast<double>(pattern.size());
    for (double &p : pattern)
        p /= mean;
    return pattern;
}

// Where the long-run price stands on `day`: a slowly mean-reverting daily walk
// from 2020-01-01, so history starting on different days starts at different,
// plausible levels.
double anchorLogDeviation(std::uint64_t seed, const DemoInstrument &instrument, TimeMs day)
{
    DemoRandom random(demoStreamSeed(seed, "anchor:" + instrument.symbol.code.toStdString()));
    double deviation = 0.0;
    const TimeMs first = std::max(kAnchorEpochDay, day - 20000);
    for (TimeMs d = first; d < day; ++d)
        deviation = deviation * (1.0 - kAnchorReversion)
            + kAnchorVolatility * instrument.dailyVolatility * random.normal();
    return deviation;
}

}  // namespace

DemoSymbolProcess::DemoSymbolProcess(DemoInstrument instrument, std::uint64_t seed, TimeMs origin,
    double rate, SymbolId symbol, double startPrice)
    : m_instrument(std::move(instrument))
    , m_zone(m_instrument.symbol.timeZone())
    , m_random(demoStreamSeed(seed, m_instrument.symbol.code.toStdString()))
    , m_symbol(symbol)
    , m_rate(rate > 1e-6 ? rate : 1e-6)
    , m_time(origin)
{
    const SessionHours &hours = m_instrument.symbol.session;
    const double dayVariance = m_instrument.dailyVolatility * m_instrument.dailyVolatility;
    if (hours.alwaysOpen) {
        m_pattern = cryptoPattern();
        m_longRunVariance = dayVariance / (24.0 * 60.0);
        m_gapVariance = 0.0;
    } else {
        const int minutes = hours.closeMinute - hours.openMinute;
        m_pattern = sessionPattern(minutes);
        m_longRunVariance = dayVariance * (1.0 - m_instrument.gapShare) / minutes;
        m_gapVariance = dayVariance * m_instrument.gapShare;
    }
    m_omega = m_longRunVariance * (1.0 - kGarchAlpha - kGarchBeta);
    m_variance = m_longRunVariance;
    m_logPrice = startPrice > 0.0 && std::isfinite(startPrice)
        ? portableLog(startPrice)
        : portableLog(m_instrument.referencePrice)
            + anchorLogDeviation(seed, m_instrument, floorTo(origin, kDayMs) / kDayMs);

    if (hours.alwaysOpen) {
        m_session = Session {origin, kNever};
        startMinute(floorTo(origin, kMinuteMs));
    } else {
        const Session first = sessionAfter(origin);
        if (first.open <= origin) {
            m_session = first;
            startMinute(floorTo(origin, kMinuteMs));
        } else {
            openSession(first, false);
        }
    }
    generate();
}

DemoTrade DemoSymbolProcess::next()
{
    const DemoTrade trade = m_next;
    generate();
    return trade;
}

std::vector<Bar> DemoSymbolProcess::barsUntil(TimeMs end)
{
    std::vector<Bar> bars;
    if (m_next.tick.time < end)
        bars.reserve(static_cast<std::size_t>((end - m_next.tick.time) / kMinuteMs + 1));
    BarBuilder builder {TimeframeCalendar(Timeframe::M1)};
    while (m_next.tick.time < end) {
        builder.addTick(m_next.tick.time, m_next.tick.price, m_next.tick.size, bars);
        generate();
    }
    builder.closeDue(end, bars);
    return bars;
}

void DemoSymbolProcess::ticksThrough(TimeMs time, std::vector<Tick> &out)
{
    while (m_next.tick.time <= time) {
        out.push_back(m_next.tick);
        generate();
    }
}

void DemoSymbolProcess::skipUntil(TimeMs end)
{
    while (m_next.tick.time < end)
        generate();
}

DemoSymbolProcess::Session DemoSymbolProcess::sessionAfter(TimeMs time) const
{
    const SessionHours &hours = m_instrument.symbol.session;
    const auto localTime = [](int minute) { return QTime(minute / 60, minute % 60); };
    QDate day = QDateTime::fromMSecsSinceEpoch(time, m_zone).date().addDays(-1);
    for (int i = 0; i < 16; ++i, day = day.addDays(1)) {
        if (!hours.isOpen(day.dayOfWeek(), hours.openMinute))
            continue;
        const TimeMs open = QDateTime(day, localTime(hours.openMinute), m_zone).toMSecsSinceEpoch();
        const TimeMs close = hours.closeMinute >= 24 * 60
            ? QDateTime(day.addDays(1), QTime(0, 0), m_zone).toMSecsSinceEpoch()
            : QDateTime(day, localTime(hours.closeMinute), m_zone).toMSecsSinceEpoch();
        if (close > time)
            return Session {open, close};
    }
    return Session {kNever, kNever};  // no weekday in the session mask
}

void DemoSymbolProcess::openSession(const Session &session, bool withGap)
{
    if (withGap && m_gapVariance > 0.0) {
        // Overnight news: a Student-t gap, larger over a weekend, scaled with the
        // current volatility regime.
        const double days = static_cast<double>(session.open - m_session.close) / kDayMs;
        const double calendar = std::clamp(0.5 + 0.5 * days, 1.0, 2.0);
        const double variance = m_gapVariance * calendar * (m_variance / m_longRunVariance)
            * m_random.studentVarianceScale(kStudentNu);
        m_logPrice += std::sqrt(variance) * m_random.normal();
    }
    m_session = session;
    m_time = std::max(m_time, session.open);
    m_minuteReturn = 0.0;
    startMinute(floorTo(m_time, kMinuteMs));
}

void DemoSymbolProcess::startMinute(TimeMs minuteStart)
{
    m_minuteEnd = minuteStart + kMinuteMs;
    m_minuteScale = m_random.studentVarianceScale(kStudentNu);
    m_season = patternAt(minuteStart);
}

void DemoSymbolProcess::closeMinute()
{
    const double shock = m_minuteReturn * m_minuteReturn / m_season;
    m_variance = m_omega + kGarchAlpha * shock + kGarchBeta * m_variance;
    m_variance = std::min(m_variance, kMaxVarianceRatio * m_longRunVariance);
    m_minuteReturn = 0.0;
}

void DemoSymbolProcess::diffuse(TimeMs durationMs)
{
    const double minutes = static_cast<double>(durationMs) / kMinuteMs;
    const double r = std::sqrt(m_variance * m_minuteScale * m_season * minutes) * m_random.normal();
    m_logPrice += r;
    m_minuteReturn += r;
}

void DemoSymbolProcess::diffuseTo(TimeMs time)
{
    while (m_minuteEnd <= time) {
        diffuse(m_minuteEnd - m_time);
        m_time = m_minuteEnd;
        closeMinute();
        startMinute(m_minuteEnd);
    }
    if (time > m_time) {
        diffuse(time - m_time);
        m_time = time;
    }
}

double DemoSymbolProcess::patternAt(TimeMs minuteStart) const
{
    if (m_instrument.symbol.session.alwaysOpen) {
        const TimeMs day = floorTo(minuteStart, kDayMs);
        const auto minute = static_cast<std::size_t>((minuteStart - day) / kMinuteMs);
        const TimeMs isoWeekday = ((day / kDayMs + 3) % 7 + 7) % 7 + 1;  // 1970-01-01: Thursday
        return m_pattern[minute] * (isoWeekday >= 6 ? kCryptoWeekend : 1.0);
    }
    const TimeMs index = (minuteStart - m_session.open) / kMinuteMs;
    const auto last = static_cast<TimeMs>(m_pattern.size()) - 1;
    return m_pattern[static_cast<std::size_t>(std::clamp<TimeMs>(index, 0, last))];
}

void DemoSymbolProcess::generate()
{
    TimeMs at = 0;
    for (;;) {
        const double perMinute = m_instrument.tradesPerMinute * m_rate * m_season;
        const double waitMs = std::min(m_random.exponential() * 60000.0 / perMinute, 1.0e9);
        at = m_time + std::max<TimeMs>(1, -floorToInt(-waitMs));
        if (at < m_session.close)
            break;
        // No more trades today: finish the session, jump to the next open.
        diffuseTo(m_session.close);
        openSession(sessionAfter(m_session.close), true);
    }
    const double before = m_logPrice;
    diffuseTo(at);

    // The quote: a spread of at least one tick centred on the latent price,
    // wider when the market is volatile.
    const double turbulence = m_variance * m_minuteScale * m_season / m_longRunVariance;
    const auto spread = std::clamp<std::int64_t>(
        roundToInt(m_instrument.spreadTicks * std::sqrt(std::max(turbulence, 1.0))), 1,
        5 * static_cast<std::int64_t>(m_instrument.spreadTicks));
    const double latentTicks = portableExp(m_logPrice) * m_instrument.ticksPerUnit;
    const std::int64_t bidTicks
        = std::max<std::int64_t>(1, roundToInt(latentTicks - 0.5 * static_cast<double>(spread)));
    const std::int64_t askTicks = bidTicks + spread;

    // Order flow leans with the move: buyers lift the ask on up-ticks more often.
    const double buyProbability = m_logPrice > before ? 0.6 : 0.4;
    const bool buy = m_random.uniform() <= buyProbability;
    const std::int64_t lotCount = std::max<std::int64_t>(1,
        roundToInt(
            m_instrument.medianLots * portableExp(m_instrument.lotsSigma * m_random.normal())));

    m_next.quote.bid = static_cast<double>(bidTicks) / m_instrument.ticksPerUnit;
    m_next.quote.ask = static_cast<double>(askTicks) / m_instrument.ticksPerUnit;
    m_next.tick.symbol = m_symbol;
    m_next.tick.time = at;
    m_next.tick.price = buy ? m_next.quote.ask : m_next.quote.bid;
    m_next.tick.size
        = static_cast<double>(lotCount * m_instrument.lotUnits) / m_instrument.sizeDivisor;
    m_next.tick.tradeId = ++m_tradeId;
    m_next.tick.side = buy ? Side::Buy : Side::Sell;
}

}  // namespace wick
