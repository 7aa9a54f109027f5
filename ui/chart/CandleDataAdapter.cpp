#include "chart/CandleDataAdapter.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "chart/LodWorker.h"

namespace wick {

namespace {

// A built pyramid and what it was built over.
struct OhlcBuild {
    OhlcPyramid pyramid;
    std::size_t bars = 0;
    bool complete = false;
};

struct HeikinAshiBuild {
    HeikinAshiBars bars;
    std::size_t real = 0;  // closed real bars it covers
    bool complete = false;
};

}  // namespace

CandleDataAdapter::CandleDataAdapter(QCPFinancial *candles, QCPBars *upVolume, QCPBars *downVolume,
    double candleWidth, LodWorker *worker)
    : m_candles(candles)
    , m_upVolume(upVolume)
    , m_downVolume(downVolume)
    , m_candleWidth(candleWidth)
    , m_worker(worker)
    , m_buildToken(std::make_shared<CancelFlag>(0))
    , m_haToken(std::make_shared<CancelFlag>(0))
{ }

CandleDataAdapter::~CandleDataAdapter()
{
    m_buildToken->fetch_add(1);  // a running build stops
    m_haToken->fetch_add(1);
}

CandleDataAdapter::Change CandleDataAdapter::apply(const SeriesSnapshot &series)
{
    Change change;
    change.reloaded = !m_loaded || series.generation != m_generation
        || series.closed.size() < m_bars.closed.size();
    // The old forming bar (if any) sits at index closed.size(): it is either
    // closed now or still forming, so everything from there on is rewritten.
    change.firstChanged = change.reloaded ? 0 : m_bars.closed.size();
    if (change.reloaded && m_worker && m_bars.size() > kSyncBuildBars)
        m_worker->dispose(std::move(m_bars));  // its storage may be the last reference
    m_bars.closed = series.closed;
    m_bars.forming = series.forming;
    m_generation = series.generation;
    m_loaded = true;
    if (change.reloaded) {
        startBuild();
        if (m_heikinAshi)
            startHeikinAshiBuild();
    } else {
        if (m_lodIsReady)
            m_pyramid.update(m_bars, change.firstChanged);
        if (m_haReady)
            m_ha.update(m_bars, change.firstChanged);
    }
    return change;
}

void CandleDataAdapter::setHeikinAshi(bool on)
{
    if (on == m_heikinAshi)
        return;
    m_heikinAshi = on;
    m_haToken->fetch_add(1);
    m_haReady = false;
    if (m_worker && m_ha.size() > kSyncBuildBars)
        m_worker->dispose(std::exchange(m_ha, HeikinAshiBars()));
    m_ha.clear();
    if (on && m_loaded)
        startHeikinAshiBuild();
}

void CandleDataAdapter::startHeikinAshiBuild()
{
    const std::uint64_t token = m_haToken->fetch_add(1) + 1;
    if (m_worker && m_ha.size() > kSyncBuildBars)
        m_worker->dispose(std::exchange(m_ha, HeikinAshiBars()));
    m_ha.clear();
    m_haReady = false;
    if (m_bars.size() <= kSyncBuildBars || !m_worker) {
        m_ha.build(m_bars);
        m_haReady = true;
        return;
    }
    // Closed bars only, as the candles' build; the rest is folded in when it lands.
    BarSource closed {m_bars.closed, std::nullopt};
    std::shared_ptr<CancelFlag> flag = m_haToken;
    m_worker->run<HeikinAshiBuild>(
        [closed, flag, token] {
            HeikinAshiBuild build;
            build.real = closed.size();
            build.complete = build.bars.build(closed, flag.get(), token);
            return build;
        },
        [this, flag, token](HeikinAshiBuild &&build) {
            if (!build.complete || flag->load() != token)
                return;
            m_ha = std::move(build.bars);
            m_ha.update(m_bars, build.real);
            m_haReady = true;
            m_haPreview.clear();
            if (m_lodReady)
                m_lodReady();
        });
}

void CandleDataAdapter::startBuild()
{
    const std::uint64_t token = m_buildToken->fetch_add(1) + 1;
    if (m_worker && m_pyramid.count() > kSyncBuildBars)
        m_worker->dispose(std::exchange(m_pyramid, OhlcPyramid()));
    m_pyramid.clear();
    m_lodIsReady = false;
    if (m_bars.size() <= kSyncBuildBars || !m_worker) {
        m_pyramid.build(m_bars);
        m_lodIsReady = true;
        return;
    }
    // Closed bars only: they never change within a generation, so the view can
    // be read on the worker; the forming bar is folded in when the result lands.
    BarSource closed {m_bars.closed, std::nullopt};
    std::shared_ptr<CancelFlag> flag = m_buildToken;
    m_worker->run<OhlcBuild>(
        [closed, flag, token] {
            OhlcBuild build;
            build.bars = closed.size();
            build.complete = build.pyramid.build(closed, flag.get(), token);
            return build;
        },
        [this, flag, token](OhlcBuild &&build) {
            if (!build.complete || flag->load() != token)
                return;  // a newer series or generation replaced it
            m_pyramid = std::move(build.pyramid);
            m_pyramid.update(m_bars, build.bars);  // bars closed and formed meanwhile
            m_lodIsReady = true;
            if (m_lodReady)
                m_lodReady();
        });
}

void CandleDataAdapter::clear()
{
    m_buildToken->fetch_add(1);
    if (m_worker && m_bars.size() > kSyncBuildBars) {
        m_worker->dispose(std::exchange(m_bars, BarSource()));
        m_worker->dispose(std::exchange(m_pyramid, OhlcPyramid()));
    }
    m_bars = BarSource();
    m_generation = 0;
    m_loaded = false;
    m_pyramid.clear();
    m_lodIsReady = false;
    m_haToken->fetch_add(1);
    if (m_worker && m_ha.size() > kSyncBuildBars)
        m_worker->dispose(std::exchange(m_ha, HeikinAshiBars()));
    m_ha.clear();
    m_haReady = false;
    m_sliceLevel = -1;
    m_candles->data()->clear();
    m_upVolume->data()->clear();
    m_downVolume->data()->clear();
}

std::optional<std::size_t> CandleDataAdapter::indexOfTime(TimeMs time) const
{
    const Bar *begin = m_bars.closed.begin();
    const Bar *end = m_bars.closed.end();
    const Bar *it
        = std::lower_bound(begin, end, time, [](const Bar &b, TimeMs t) { return b.time < t; });
    if (it != end && it->time == time)
        return static_cast<std::size_t>(it - begin);
    if (m_bars.forming && m_bars.forming->time == time)
        return m_bars.closed.size();
    return std::nullopt;
}

std::size_t CandleDataAdapter::bucketCount(int level) const
{
    if (level == 0)
        return m_bars.size();
    return m_lodIsReady ? m_pyramid.bucketCount(level) : 0;
}

double CandleDataAdapter::bucketKey(int level, std::size_t bucket)
{
    const double size = std::ldexp(1.0, level);
    return static_cast<double>(bucket) * size + (size - 1.0) / 2.0;
}

OhlcPyramid::Bucket CandleDataAdapter::candle(int level, std::size_t index) const
{
    return m_pyramid.bucket(m_bars, level, index);
}

std::optional<OhlcPyramid::Bucket> CandleDataAdapter::drawnCandle(
    int level, std::size_t index) const
{
    if (!m_heikinAshi)
        return candle(level, index);
    if (m_haReady)
        return m_ha.pyramid().bucket(m_ha.bars(), level, index);
    if (level == 0 && index >= m_haPreviewFirst && index - m_haPreviewFirst < m_haPreview.size())
        return OhlcPyramid::fromBar(m_haPreview[index - m_haPreviewFirst]);
    return std::nullopt;
}

void CandleDataAdapter::updateHeikinAshiPreview()
{
    m_haPreview.clear();
    if (!m_heikinAshi || m_haReady || m_sliceLevel != 0 || m_bars.size() == 0)
        return;
    const std::size_t last = std::min(m_sliceLast, m_bars.size() - 1);
    m_haPreviewFirst
        = m_sliceFirst > kHeikinAshiWarmupBars ? m_sliceFirst - kHeikinAshiWarmupBars : 0;
    if (m_haPreviewFirst > last)
        return;
    m_haPreview.reserve(last - m_haPreviewFirst + 1);
    for (std::size_t i = m_haPreviewFirst; i <= last; ++i)
        m_haPreview.push_back(
            heikinAshiBar(m_bars[i], m_haPreview.empty() ? nullptr : &m_haPreview.back()));
}

void CandleDataAdapter::setSlice(int level, std::size_t first, std::size_t last)
{
    if (level > 0 && !m_lodIsReady)
        level = 0;
    m_sliceLevel = level;
    m_sliceFirst = first;
    m_sliceLast = last;
    const double width = m_candleWidth * std::ldexp(1.0, level);
    m_candles->setWidth(width);
    m_upVolume->setWidth(width);
    m_downVolume->setWidth(width);
    write(first, true);
}

void CandleDataAdapter::refreshTail(std::size_t firstChanged)
{
    if (m_sliceLevel < 0)
        return;
    const std::size_t from = firstChanged >> m_sliceLevel;
    if (from > m_sliceLast)
        return;  // the change is right of the handed slice
    write(std::max(from, m_sliceFirst), false);
}

void CandleDataAdapter::write(std::size_t from, bool replace)
{
    const int level = m_sliceLevel;
    const std::size_t count = bucketCount(level);
    const std::size_t end = std::min(m_sliceLast + 1, count);
    m_candleScratch.clear();
    m_upScratch.clear();
    m_downScratch.clear();
    if (end > from)
        m_candleScratch.reserve(static_cast<int>(end - from));
    updateHeikinAshiPreview();
    for (std::size_t j = from; j < end; ++j) {
        const OhlcPyramid::Bucket b = candle(level, j);
        const double key = bucketKey(level, j);
        // Heikin-Ashi bars still building beyond the preview: the volume bars alone.
        if (const std::optional<OhlcPyramid::Bucket> d = m_heikinAshi ? drawnCandle(level, j) : b)
            m_candleScratch.append(QCPFinancialData(key, d->open, d->high, d->low, d->close));
        (b.close >= b.open ? m_upScratch : m_downScratch).append(QCPBarsData(key, b.volume));
    }
    if (replace) {
        m_candles->data()->set(m_candleScratch, true);
        m_upVolume->data()->set(m_upScratch, true);
        m_downVolume->data()->set(m_downScratch, true);
        return;
    }
    // Keys grow with the bucket: drop the rewritten tail, then append (both O(tail)).
    const double cut = bucketKey(level, from) - std::ldexp(0.5, level);
    m_candles->data()->removeAfter(cut);
    m_upVolume->data()->removeAfter(cut);
    m_downVolume->data()->removeAfter(cut);
    m_candles->data()->add(m_candleScratch, true);
    m_upVolume->data()->add(m_upScratch, true);
    m_downVolume->data()->add(m_downScratch, true);
}

std::optional<CandleDataAdapter::PriceRange> CandleDataAdapter::rangeOf(
    std::size_t first, std::size_t last) const
{
    const std::size_t count = size();
    if (count == 0 || first >= count)
        return std::nullopt;
    last = std::min(last, count - 1);
    PriceRange range {bar(first).low, bar(first).high, 0.0};
    if (m_heikinAshi && m_haReady) {
        const std::optional<OhlcPyramid::Range> r = m_ha.pyramid().range(m_ha.bars(), first, last);
        range.low = r->low;
        range.high = r->high;
    } else if (m_heikinAshi && !m_haPreview.empty() && first >= m_haPreviewFirst
        && last - m_haPreviewFirst < m_haPreview.size()) {
        const Bar &head = m_haPreview[first - m_haPreviewFirst];
        range.low = head.low;
        range.high = head.high;
        for (std::size_t i = first + 1; i <= last; ++i) {
            range.low = std::min(range.low, m_haPreview[i - m_haPreviewFirst].low);
            range.high = std::max(range.high, m_haPreview[i - m_haPreviewFirst].high);
        }
    } else if (m_lodIsReady) {
        const std::optional<OhlcPyramid::Range> r = m_pyramid.range(m_bars, first, last);
        range.low = r->low;
        range.high = r->high;
    } else {
        // No pyramid yet: the chart caps the zoom at about a bar per pixel.
        for (std::size_t i = first + 1; i <= last; ++i) {
            range.low = std::min(range.low, bar(i).low);
            range.high = std::max(range.high, bar(i).high);
        }
    }
    // The volume axis fits the bars drawn: bucket sums at the slice's level.
    const int level = std::max(0, m_sliceLevel);
    const std::size_t buckets = bucketCount(level);
    for (std::size_t j = first >> level; j <= (last >> level) && j < buckets; ++j)
        range.maxVolume = std::max(range.maxVolume, candle(level, j).volume);
    return range;
}

}  // namespace wick
