// ui/chart: hands one engine series to QCustomPlot -- candles plus up and down
// volume bars, keyed by bar index -- touching only what a snapshot changed.
// UI thread only.
#pragma once

#include <cstdint>
#include <optional>

#include <QVector>

#include <qcustomplot.h>

#include "engine/MarketSnapshot.h"

namespace wick {

class CandleDataAdapter
{
public:
    CandleDataAdapter(QCPFinancial *candles, QCPBars *upVolume, QCPBars *downVolume);

    struct Change {
        bool reloaded = false;  // everything was replaced (first load, new generation)
        std::size_t firstChanged = 0;  // bars from here on are new or were updated
    };

    // Applies the shown series' snapshot: appends new closed bars and replaces the
    // forming one in place; reloads only on a first load or a new generation.
    Change apply(const SeriesSnapshot &series);
    void clear();

    bool loaded() const { return m_loaded; }
    // Closed bars plus the forming one.
    std::size_t size() const { return m_closed.size() + (m_forming ? 1 : 0); }
    const Bar &bar(std::size_t index) const
    {
        return index < m_closed.size() ? m_closed[index] : *m_forming;
    }
    bool hasForming() const { return m_forming.has_value(); }

    struct PriceRange {
        double low;
        double high;
        double maxVolume;
    };
    // Low, high and peak volume of bars [first, last] (a linear scan: the visible
    // range is at most about one bar per pixel).
    std::optional<PriceRange> rangeOf(std::size_t first, std::size_t last) const;

private:
    void write(std::size_t from);

    QCPFinancial *m_candles;
    QCPBars *m_upVolume;
    QCPBars *m_downVolume;
    BarSeries m_closed;
    std::optional<Bar> m_forming;
    std::uint64_t m_generation = 0;
    bool m_loaded = false;
    // Reused between snapshots: container handovers are mostly allocation.
    QVector<QCPFinancialData> m_candleScratch;
    QVector<QCPBarsData> m_upScratch;
    QVector<QCPBarsData> m_downScratch;
};

}  // namespace wick
