#include "chart/QualityMarks.h"

#include <algorithm>
#include <utility>

#include "chart/LodWorker.h"

namespace wick {

namespace {

// A finished gap scan and what it covered.
struct GapScan {
    std::vector<QualityMarks::Gap> gaps;
    std::size_t bars = 0;
    bool complete = false;
};

constexpr std::size_t kCancelCheckMask = 0xffff;

void findGaps(const BarSource &bars, std::size_t first, TimeMs maxStep,
    std::vector<QualityMarks::Gap> &out, const CancelFlag *cancel, std::uint64_t token,
    bool *complete)
{
    const std::size_t n = bars.size();
    for (std::size_t i = first; i + 1 < n; ++i) {
        if (cancel && (i & kCancelCheckMask) == 0
            && cancel->load(std::memory_order_relaxed) != token) {
            *complete = false;
            return;
        }
        const TimeMs a = bars[i].time;
        const TimeMs b = bars[i + 1].time;
        if (b - a > maxStep)
            out.push_back(QualityMarks::Gap {i, a, b});
    }
    *complete = true;
}

}  // namespace

QualityMarks::QualityMarks(LodWorker *worker)
    : m_worker(worker)
    , m_scanToken(std::make_shared<CancelFlag>(0))
{ }

QualityMarks::~QualityMarks()
{
    m_scanToken->fetch_add(1);  // a running scan stops
}

const std::deque<QuarantineRecord> &QualityMarks::shownRecords() const
{
    static const std::deque<QuarantineRecord> none;
    const auto it = m_records.find(m_symbol);
    return it == m_records.end() ? none : it->second;
}

bool QualityMarks::addQuarantined(
    const std::vector<QuarantineRecord> &records, const BarSource &bars)
{
    bool shown = false;
    for (const QuarantineRecord &r : records) {
        if (r.symbol == kInvalidSymbol)
            continue;
        std::deque<QuarantineRecord> &kept = m_records[r.symbol];
        kept.push_back(r);
        if (kept.size() > kRecordsPerSymbol)
            kept.pop_front();
        shown = shown || r.symbol == m_symbol;
    }
    if (shown)
        placeMarks(bars);
    return shown;
}

void QualityMarks::setSeries(SymbolId symbol, Timeframe timeframe, bool alwaysOpen)
{
    m_scanToken->fetch_add(1);
    m_symbol = symbol;
    m_timeframe = timeframe;
    m_alwaysOpen = alwaysOpen;
    m_placedBars = 0;
    m_bars = nullptr;
    m_marks.clear();
    m_gaps.clear();
    m_gapsReady = false;
}

void QualityMarks::apply(const BarSource &bars, bool reloaded, std::size_t firstChanged)
{
    m_bars = &bars;
    // Marks: bounded, so placed again whenever a bar came or the bars were replaced.
    if (reloaded || bars.size() != m_placedBars)
        placeMarks(bars);

    if (!m_alwaysOpen) {
        m_gapsReady = true;  // a closing session: no gaps shown
        return;
    }
    if (reloaded) {
        startScan(bars);
        return;
    }
    if (m_gapsReady)
        scanFrom(bars, firstChanged > 0 ? firstChanged - 1 : 0);
}

void QualityMarks::scanFrom(const BarSource &bars, std::size_t first)
{
    // Gaps from bar `first` on are found again (the forming bar may have closed
    // or been replaced).
    const auto cut = std::lower_bound(m_gaps.begin(), m_gaps.end(), first,
        [](const Gap &g, std::size_t bar) { return g.before < bar; });
    m_gaps.erase(cut, m_gaps.end());
    bool complete = false;
    findGaps(bars, first, maxStepMs(m_timeframe), m_gaps, nullptr, 0, &complete);
}

void QualityMarks::startScan(const BarSource &bars)
{
    const std::uint64_t token = m_scanToken->fetch_add(1) + 1;
    m_gaps.clear();
    m_gapsReady = false;
    if (bars.size() <= kSyncScanBars || !m_worker) {
        scanFrom(bars, 0);
        m_gapsReady = true;
        return;
    }
    // Closed bars only (immutable within a generation); the rest when it lands.
    BarSource closed {bars.closed, std::nullopt};
    const TimeMs maxStep = maxStepMs(m_timeframe);
    std::shared_ptr<CancelFlag> flag = m_scanToken;
    m_worker->run<GapScan>(
        [closed, flag, token, maxStep] {
            GapScan scan;
            scan.bars = closed.size();
            findGaps(closed, 0, maxStep, scan.gaps, flag.get(), token, &scan.complete);
            return scan;
        },
        [this, flag, token](GapScan &&scan) {
            if (!scan.complete || flag->load() != token)
                return;  // another series or generation replaced it
            m_gaps = std::move(scan.gaps);
            m_gapsReady = true;
            if (m_bars)  // bars closed and formed meanwhile
                scanFrom(*m_bars, scan.bars > 0 ? scan.bars - 1 : 0);
            if (m_ready)
                m_ready();
        });
}

void QualityMarks::placeMarks(const BarSource &bars)
{
    m_marks.clear();
    const std::size_t n = bars.size();
    m_placedBars = n;
    if (n == 0)
        return;
    const std::deque<QuarantineRecord> &records = shownRecords();
    const TimeMs step = maxStepMs(m_timeframe);
    const auto barAt = [&](std::size_t i) { return bars[i].time; };
    std::vector<std::pair<std::size_t, std::size_t>> placed;  // bar, record
    placed.reserve(records.size());
    for (std::size_t r = 0; r < records.size(); ++r) {
        const TimeMs t = records[r].time;
        // The last bar that opens at or before t (binary search over the bars).
        std::size_t lo = 0;
        std::size_t hi = n;
        while (lo < hi) {
            const std::size_t mid = lo + (hi - lo) / 2;
            if (barAt(mid) <= t)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == 0)
            continue;  // older than the history shown
        const std::size_t bar = lo - 1;
        if (bar + 1 == n && t - barAt(bar) >= step)
            continue;  // after the last bar: placed when its bar comes
        placed.emplace_back(bar, r);
    }
    std::sort(placed.begin(), placed.end());
    for (const auto &[bar, r] : placed) {
        if (m_marks.empty() || m_marks.back().bar != bar)
            m_marks.push_back(BarMark {bar, 0, {}});
        ++m_marks.back().count;
        m_marks.back().records.push_back(r);
    }
}

int QualityMarks::markedBuckets(int level) const
{
    int buckets = 0;
    std::size_t last = 0;
    for (const BarMark &m : m_marks) {
        const std::size_t bucket = m.bar >> level;
        if (buckets == 0 || bucket != last)
            ++buckets;
        last = bucket;
    }
    return buckets;
}

std::size_t QualityMarks::firstMarkFrom(std::size_t bar) const
{
    return static_cast<std::size_t>(std::lower_bound(m_marks.begin(), m_marks.end(), bar,
                                        [](const BarMark &m, std::size_t b) { return m.bar < b; })
        - m_marks.begin());
}

std::size_t QualityMarks::firstGapFrom(std::size_t bar) const
{
    return static_cast<std::size_t>(std::lower_bound(m_gaps.begin(), m_gaps.end(), bar,
                                        [](const Gap &g, std::size_t b) { return g.before < b; })
        - m_gaps.begin());
}

QString QualityMarks::describe(const QuarantineRecord &record)
{
    QString rule = qualityRuleName(record.rule);
    rule.replace(QLatin1Char('_'), QLatin1Char(' '));
    QString text = tr("quarantined: %1").arg(rule);
    if (!record.detail.isEmpty())
        text += QStringLiteral(" \u2014 ") + record.detail;
    return text;
}

QString QualityMarks::durationText(TimeMs ms)
{
    const TimeMs minutes = ms / kMinuteMs;
    const TimeMs days = minutes / (24 * 60);
    const TimeMs hours = minutes / 60 % 24;
    const TimeMs mins = minutes % 60;
    if (days > 0)
        return hours > 0 ? QStringLiteral("%1d %2h").arg(days).arg(hours)
                         : QStringLiteral("%1d").arg(days);
    if (hours > 0)
        return mins > 0 ? QStringLiteral("%1h %2m").arg(hours).arg(mins)
                        : QStringLiteral("%1h").arg(hours);
    return QStringLiteral("%1m").arg(std::max<TimeMs>(mins, 1));
}

TimeMs QualityMarks::maxStepMs(Timeframe timeframe)
{
    // Daily and weekly buckets follow the zone's midnight: 25 hours across a DST change.
    return nominalDurationMs(timeframe) + (isIntraday(timeframe) ? 0 : kHourMs);
}

}  // namespace wick
