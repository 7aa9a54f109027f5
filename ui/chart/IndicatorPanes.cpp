#include "chart/IndicatorPanes.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include <QRegularExpression>

#include "chart/BarTimeTicker.h"
#include "chart/CandleDataAdapter.h"
#include "chart/CandlePlot.h"
#include "chart/IndicatorGraph.h"
#include "chart/LodPyramid.h"
#include "chart/LodWorker.h"
#include "format/NumberFormat.h"
#include "indicators/IndicatorRegistry.h"

namespace wick {

// Flag operators declared inside namespace wick (Q_DECLARE_OPERATORS_FOR_FLAGS
// there) would hide the global ones of Qt and QCustomPlot in this file.
using ::operator|;

namespace {

constexpr double kBarWidth = 0.7;  // as the candles
constexpr double kPaneStretch = 0.18;  // of the plot's height, per pane
constexpr double kVolumeStretchWithPanes = 0.1;
constexpr double kMinPriceStretch = 0.42;  // the price pane stays dominant
constexpr double kPaneTopHeadroom = 0.22;  // room for the pane's label above the line
constexpr double kPaneBottomHeadroom = 0.08;
constexpr int kSinglePaneColor = 2;  // violet, as traders know RSI
// Indicator lines are antialiased with at most this many bars on screen.
constexpr double kMaxAntialiasedBars = 400.0;
// Without its levels, autoscale scans at most this many rows (else keeps the axis).
constexpr std::size_t kMaxScanRows = 8192;

// Line colours, distinct on the chart background; none is the up/down green or red.
std::vector<QColor> lineColors(const Theme &theme)
{
    if (theme.kind == Theme::Kind::Light)
        return {QColor(0x29, 0x62, 0xff), QColor(0xe6, 0x51, 0x00), QColor(0x7b, 0x1f, 0xa2),
            QColor(0x00, 0x83, 0x8f), QColor(0xb8, 0x86, 0x0b), QColor(0xc2, 0x18, 0x5b),
            QColor(0x55, 0x8b, 0x2f)};
    return {QColor(0x4d, 0x8d, 0xff), QColor(0xff, 0x98, 0x00), QColor(0xc0, 0x7c, 0xf0),
        QColor(0x4d, 0xd0, 0xe1), QColor(0xe6, 0xd1, 0x4a), QColor(0xf0, 0x62, 0x92),
        QColor(0x9c, 0xcc, 0x65)};
}

QString compactNumber(double value)
{
    const double magnitude = std::abs(value);
    if (magnitude >= 1e5) {
        const QString text = format::volume(magnitude);
        return value < 0.0 ? QStringLiteral("\u2212") + text : text;
    }
    const int decimals = magnitude >= 1.0 || magnitude == 0.0 ? 2 : 4;
    const QString text = QLocale().toString(magnitude, 'f', decimals);
    return value < 0.0 ? QStringLiteral("\u2212") + text : text;
}

// A pane's value axis: few labels, compact (RSI 70, MACD 0.12, OBV 1.2M), none
// at the pane's edges where they would run into the neighbouring pane's labels.
class PaneAxisTicker : public QCPAxisTicker
{
public:
    // levels: with two or more (RSI 30/70), those are the labels, as traders read them.
    PaneAxisTicker(QCPAxis *axis, std::vector<double> levels)
        : m_axis(axis)
        , m_levels(levels.size() >= 2 ? std::move(levels) : std::vector<double>())
    {
        setTickCount(3);
    }

protected:
    double getTickStep(const QCPRange &range) override
    {
        m_step = QCPAxisTicker::getTickStep(range);
        return m_step;
    }

    void generate(const QCPRange &range, const QLocale &locale, QChar formatChar, int precision,
        QVector<double> &ticks, QVector<double> *subTicks, QVector<QString> *tickLabels) override
    {
        if (m_levels.empty()) {
            QCPAxisTicker::generate(
                range, locale, formatChar, precision, ticks, subTicks, tickLabels);
        } else {
            m_step = std::abs(m_levels.back() - m_levels.front());
            ticks.clear();
            for (double level : m_levels)
                ticks.append(level);
            if (subTicks)
                subTicks->clear();
            if (tickLabels) {
                tickLabels->clear();
                for (double level : m_levels)
                    tickLabels->append(getTickLabel(level, locale, formatChar, precision));
            }
        }
        // Ticks are made before the layout: a new pane has no height yet.
        const double top = m_axis->axisRect()->top();
        const double bottom = m_axis->axisRect()->bottom();
        if (bottom - top < 4.0 * kEdgePx)
            return;
        for (qsizetype i = ticks.size() - 1; i >= 0; --i) {
            const double y = m_axis->coordToPixel(ticks[i]);
            if (y - top >= kEdgePx && bottom - y >= kEdgePx)
                continue;
            ticks.removeAt(i);
            if (tickLabels && i < tickLabels->size())
                tickLabels->removeAt(i);
        }
    }

    QString getTickLabel(
        double tick, const QLocale &locale, QChar formatChar, int precision) override
    {
        Q_UNUSED(locale)
        Q_UNUSED(formatChar)
        Q_UNUSED(precision)
        const double magnitude = std::abs(tick);
        if (magnitude < m_step * 1e-6)
            return QStringLiteral("0");
        if (magnitude >= 1e5)
            return compactNumber(tick);
        // Ticks are round numbers: as many decimals as the step needs.
        const int decimals
            = m_step >= 1.0 ? 0 : std::min(6, static_cast<int>(std::ceil(-std::log10(m_step))));
        const QString text = QLocale().toString(magnitude, 'f', decimals);
        return tick < 0.0 ? QStringLiteral("\u2212") + text : text;
    }

private:
    static constexpr double kEdgePx = 8.0;
    QCPAxis *m_axis;
    std::vector<double> m_levels;
    double m_step = 1.0;
};

// The spec whose pane a chained spec is drawn on: "SMA:9@RSI:14" goes on
// RSI:14's pane when the chart shows RSI:14 (the same scale), and so does
// "SMA:9@EMA:5@RSI:14"; "EMA:5@MACD:12,26,9.hist" goes on MACD's. Empty: its own pane.
QString hostSpecOf(const QString &spec, const QStringList &specs)
{
    static const QRegularExpression output(QStringLiteral("\\.[A-Za-z_]+$"));
    for (qsizetype at = spec.indexOf(QLatin1Char('@')); at >= 0;
         at = spec.indexOf(QLatin1Char('@'), at + 1)) {
        QString inner = spec.mid(at + 1);
        inner.remove(output);
        if (inner != spec && specs.contains(inner))
            return inner;
    }
    return {};
}

void clearPlottable(QCPAbstractPlottable *plottable)
{
    if (auto *graph = qobject_cast<QCPGraph *>(plottable))
        graph->data()->clear();
    else if (auto *bars = qobject_cast<QCPBars *>(plottable))
        bars->data()->clear();
}

}  // namespace

struct IndicatorPanes::Entry {
    QString spec;
    QString label;  // "RSI(14)": also the key of its engine run (indicatorRunKey)
    QStringList outputs;
    bool overlay = true;
    bool dots = false;  // SAR: a dot per bar, no line
    bool integers = false;  // candlestick patterns: -100, 0, 100 (200)
    bool marks = false;  // a pattern on its own: marks on the price pane (PatternMarks), no line
    QString title;  // "Engulfing Pattern"
    bool bands = false;  // BBANDS: a fill between upper and lower
    std::vector<double> levels;
    QString parseError;  // the spec did not parse: nothing is drawn
    QString error;  // parseError, or the engine's refusal

    QCPAxisRect *pane = nullptr;
    bool guest = false;  // drawn on another entry's pane (SMA:9@RSI:14 on RSI:14's)
    std::vector<QCPGraph *> graphs;  // one per output; null for the histogram
    int histOutput = -1;  // MACD's hist, drawn as bars
    QCPBars *histUp = nullptr;
    QCPBars *histDown = nullptr;
    std::vector<QCPItemStraightLine *> levelLines;
    std::vector<QColor> colors;  // one per output
    int colorIndex = 0;

    std::vector<ValueSource> sources;  // one per output, as the engine shipped them
    std::size_t closedShown = 0;  // closed rows in the plottables
    bool loaded = false;
    std::vector<ValuePyramid> lod;  // one per output
    bool lodReady = false;
    std::shared_ptr<CancelFlag> lodToken = std::make_shared<CancelFlag>(0);

    std::size_t rows() const { return sources.empty() ? 0 : sources.front().size(); }
    double value(std::size_t output, std::size_t row) const { return sources[output][row]; }
    void forget()
    {
        sources.clear();
        closedShown = 0;
        loaded = false;
        lod.clear();
        lodReady = false;
        lodToken->fetch_add(1);
    }
};

IndicatorPanes::IndicatorPanes(QCustomPlot *plot, QCPAxisRect *price, QCPAxisRect *volume,
    QSharedPointer<BarTimeTicker> timeTicker, std::function<void(QCPAxisRect *)> paneCreated,
    LodWorker *worker, std::function<void()> lodReady)
    : m_plot(plot)
    , m_price(price)
    , m_volume(volume)
    , m_timeTicker(std::move(timeTicker))
    , m_paneCreated(std::move(paneCreated))
    , m_theme(Theme::dark())
    , m_worker(worker)
    , m_lodReady(std::move(lodReady))
{
    m_plot->addLayer(
        QStringLiteral("bands"), m_plot->layer(QStringLiteral("main")), QCustomPlot::limBelow);
    m_bandLayer = m_plot->layer(QStringLiteral("bands"));
}

IndicatorPanes::~IndicatorPanes()
{
    for (auto &entry : m_entries)
        entry->lodToken->fetch_add(1);  // running builds stop
}

void IndicatorPanes::setSpecs(const QStringList &specs)
{
    if (specs == m_specs)
        return;
    // Guests first: their plottables sit on their host's pane.
    for (bool guests : {true, false}) {
        for (auto &entry : m_entries) {
            if (entry->guest != guests)
                continue;
            entry->lodToken->fetch_add(1);
            destroy(*entry);
        }
    }
    m_entries.clear();
    m_specs = specs;
    m_hidden.intersect(QSet<QString>(specs.begin(), specs.end()));
    // Hosts first, so a chained spec finds the pane of the spec it runs on.
    std::vector<std::unique_ptr<Entry>> entries(static_cast<std::size_t>(specs.size()));
    for (bool guests : {false, true}) {
        for (qsizetype i = 0; i < specs.size(); ++i) {
            const QString host = hostSpecOf(specs.at(i), specs);
            if (host.isEmpty() == guests)
                continue;
            QCPAxisRect *hostPane = nullptr;
            if (guests) {
                const auto &hostEntry = entries[static_cast<std::size_t>(specs.indexOf(host))];
                hostPane = hostEntry ? hostEntry->pane : nullptr;
            }
            auto entry = std::make_unique<Entry>();
            entry->spec = specs.at(i);
            build(*entry, hostPane);
            entries[static_cast<std::size_t>(i)] = std::move(entry);
        }
    }
    // Overlays share the price pane: each takes the next colour. A pane has its
    // lines to itself: a single line in violet, several from blue and orange on;
    // a guest on it from orange on.
    int overlayColor = 0;
    for (auto &entry : entries) {
        if (entry->overlay) {
            entry->colorIndex = overlayColor;
            overlayColor += entry->bands ? 1 : static_cast<int>(entry->outputs.size());
        } else if (entry->guest) {
            entry->colorIndex = 1;
        } else {
            entry->colorIndex = entry->outputs.size() == 1 ? kSinglePaneColor : 0;
        }
        m_entries.push_back(std::move(entry));
    }
    layoutPanes();
    for (auto &entry : m_entries)
        styleEntry(*entry);
    setTimeRange(m_timeRange);
    // The last snapshot already holds the indicators that stay: show them at once.
    if (m_last) {
        const SeriesSnapshot last = *m_last;
        apply(last, true);
    } else {
        updateLabels();
    }
}

void IndicatorPanes::build(Entry &entry, QCPAxisRect *hostPane)
{
    const std::optional<IndicatorSpec> spec = parseIndicatorSpec(entry.spec, &entry.parseError);
    if (!spec) {
        entry.error = entry.parseError;
        return;
    }
    const IndicatorInfo &info = spec->info();
    entry.label = spec->label();
    entry.outputs = info.outputs;
    entry.overlay = spec->stages.size() == 1 && info.placement == IndicatorPlacement::Overlay;
    entry.dots = info.name == QLatin1String("SAR");
    entry.bands = info.name == QLatin1String("BBANDS");
    entry.integers = info.group == IndicatorGroup::Pattern;
    entry.marks = entry.integers && spec->stages.size() == 1;
    entry.title = info.title;
    entry.levels = info.levels;
    if (entry.marks) {
        entry.overlay = false;
        return;  // drawn by PatternMarks from its values: no pane, no plottable
    }

    QCPAxis *x = m_price->axis(QCPAxis::atBottom);
    QCPAxis *y = m_price->axis(QCPAxis::atRight);
    if (!entry.overlay && hostPane) {
        entry.pane = hostPane;
        entry.guest = true;
        x = hostPane->axis(QCPAxis::atBottom);
        y = hostPane->axis(QCPAxis::atRight);
    } else if (!entry.overlay) {
        entry.pane = new QCPAxisRect(m_plot, false);
        entry.pane->addAxes(QCPAxis::atBottom | QCPAxis::atRight);
        entry.pane->setMarginGroup(QCP::msLeft | QCP::msRight, m_price->marginGroup(QCP::msRight));
        x = entry.pane->axis(QCPAxis::atBottom);
        y = entry.pane->axis(QCPAxis::atRight);
        x->setTicker(m_timeTicker);
        y->setTicker(QSharedPointer<PaneAxisTicker>::create(y, info.levels));
        y->setPadding(8);
        for (QCPAxis *axis : {x, y}) {
            axis->setSubTicks(false);
            axis->setTickLength(0, 4);
            axis->grid()->setSubGridVisible(false);
        }
        entry.pane->setRangeDrag(Qt::Horizontal);
        entry.pane->setRangeZoom(Qt::Horizontal);
        entry.pane->setRangeDragAxes(x, nullptr);
        entry.pane->setRangeZoomAxes(x, nullptr);
        entry.levelLines.reserve(entry.levels.size());
        for (double level : entry.levels) {
            auto *line = new QCPItemStraightLine(m_plot);
            line->setClipAxisRect(entry.pane);
            for (QCPItemPosition *p : {line->point1, line->point2})
                p->setAxes(x, y);
            line->point1->setCoords(0.0, level);
            line->point2->setCoords(1.0, level);
            line->setSelectable(false);
            entry.levelLines.push_back(line);
        }
    }

    for (qsizetype k = 0; k < entry.outputs.size(); ++k) {
        if (info.name == QLatin1String("MACD") && entry.outputs.at(k) == QLatin1String("hist")) {
            entry.histOutput = static_cast<int>(k);
            const auto makeBars = [&] {
                auto *bars = new SolidBars(x, y);
                bars->setWidthType(QCPBars::wtPlotCoords);
                bars->setWidth(kBarWidth);
                bars->setPen(Qt::NoPen);
                bars->setAntialiased(false);
                bars->setAntialiasedFill(false);
                return bars;
            };
            entry.histUp = makeBars();
            entry.histDown = makeBars();
            entry.graphs.push_back(nullptr);
            continue;
        }
        auto *graph = new IndicatorGraph(x, y);
        graph->setAdaptiveSampling(true);
        graph->setAntialiased(m_linesAntialiased);
        if (entry.dots) {
            graph->setLineStyle(QCPGraph::lsNone);
            graph->setAntialiasedScatters(false);
        }
        entry.graphs.push_back(graph);
    }
    if (entry.bands && entry.graphs.size() == 3) {
        // The fill sits under the candles: opaque and cheap, never hiding a bar.
        QCPGraph *lower = entry.graphs[2];
        lower->setLayer(m_bandLayer);
        lower->setChannelFillGraph(entry.graphs[0]);
        lower->setAntialiasedFill(false);
    }
    applyHidden(entry);
    if (entry.pane && m_paneCreated && !entry.guest)
        m_paneCreated(entry.pane);
}

void IndicatorPanes::destroy(Entry &entry)
{
    for (QCPGraph *graph : entry.graphs) {
        if (graph)
            m_plot->removePlottable(graph);
    }
    for (QCPBars *bars : {entry.histUp, entry.histDown}) {
        if (bars)
            m_plot->removePlottable(bars);
    }
    for (QCPItemStraightLine *line : entry.levelLines)
        m_plot->removeItem(line);
    if (entry.pane && !entry.guest) {
        m_plot->plotLayout()->remove(entry.pane);
        m_plot->plotLayout()->simplify();
    }
    entry.graphs.clear();
    entry.levelLines.clear();
    entry.histUp = nullptr;
    entry.histDown = nullptr;
    entry.pane = nullptr;
}

void IndicatorPanes::layoutPanes()
{
    QCPLayoutGrid *layout = m_plot->plotLayout();
    QList<QCPAxisRect *> rects = panes();
    // Rows: price, volume, then the panes in the order of the list.
    for (QCPAxisRect *pane : rects) {
        if (pane->layout() == layout)
            layout->take(pane);
    }
    layout->simplify();
    int row = layout->rowCount();
    for (QCPAxisRect *pane : rects)
        layout->addElement(row++, 0, pane);

    const auto n = static_cast<double>(rects.size());
    QList<double> stretch;
    if (rects.isEmpty()) {
        stretch = {0.8, 0.2};
    } else {
        const double price
            = std::max(kMinPriceStretch, 1.0 - kVolumeStretchWithPanes - kPaneStretch * n);
        stretch = {price, kVolumeStretchWithPanes};
        for (int i = 0; i < rects.size(); ++i)
            stretch.append(kPaneStretch);
    }
    layout->setRowStretchFactors(stretch);
    layout->setRowSpacing(0);

    // The time labels belong under the lowest pane.
    QCPAxis *volumeX = m_volume->axis(QCPAxis::atBottom);
    const bool volumeLowest = rects.isEmpty();
    volumeX->setTickLabels(volumeLowest);
    volumeX->setTicks(volumeLowest);
    m_volume->setAutoMargins(volumeLowest ? (QCP::msRight | QCP::msBottom) : QCP::msRight);
    m_volume->setMargins(QMargins(0, 0, 0, 0));
    for (int i = 0; i < rects.size(); ++i) {
        const bool lowest = i + 1 == rects.size();
        QCPAxis *x = rects[i]->axis(QCPAxis::atBottom);
        x->setTickLabels(lowest);
        x->setTicks(lowest);
        rects[i]->setAutoMargins(lowest ? (QCP::msRight | QCP::msBottom) : QCP::msRight);
        rects[i]->setMargins(QMargins(0, 0, 0, 0));
    }
}

void IndicatorPanes::setTheme(const Theme &theme, const QFont &tickFont)
{
    m_theme = theme;
    m_tickFont = tickFont;
    for (auto &entry : m_entries)
        styleEntry(*entry);
    updateLabels();
}

void IndicatorPanes::setLineStyle(
    const QString &spec, const std::vector<QColor> &colors, double width)
{
    if (colors.empty() && width <= 0.0)
        m_lineStyles.remove(spec);
    else
        m_lineStyles.insert(spec, LineStyle {colors, width});
    for (auto &entry : m_entries) {
        if (entry->spec == spec)
            styleEntry(*entry);
    }
    updateLabels();
}

void IndicatorPanes::styleEntry(Entry &entry)
{
    const std::vector<QColor> palette = lineColors(m_theme);
    const LineStyle style = m_lineStyles.value(entry.spec);
    const auto color = [&](int k) {
        return palette[static_cast<std::size_t>(entry.colorIndex + k) % palette.size()];
    };
    entry.colors.clear();
    if (entry.marks) {
        // The legend's text; the marks take the up and down colours.
        entry.colors.push_back(
            !style.colors.empty() && style.colors[0].isValid() ? style.colors[0] : m_theme.text);
        return;
    }
    for (std::size_t k = 0; k < entry.graphs.size(); ++k) {
        QColor c = color(entry.bands ? 0 : static_cast<int>(k));
        if (entry.bands && k == 1)
            c = Theme::blend(m_theme.chartBackground, c, 0.6);  // the middle band, quieter
        if (static_cast<int>(k) == entry.histOutput)
            c = m_theme.mutedText;
        if (k < style.colors.size() && style.colors[k].isValid())
            c = style.colors[k];
        entry.colors.push_back(c);
        QCPGraph *graph = entry.graphs[k];
        if (!graph)
            continue;
        graph->setPen(QPen(c, style.width > 0.0 ? style.width : 1.0));
        if (entry.dots)
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, c, 3));
    }
    if (entry.bands && entry.graphs.size() == 3)
        entry.graphs[2]->setBrush(
            QBrush(Theme::blend(m_theme.chartBackground, entry.colors[0], 0.1)));
    if (entry.histUp) {
        entry.histUp->setBrush(QBrush(m_theme.upVolume));
        entry.histDown->setBrush(QBrush(m_theme.downVolume));
    }
    const QPen levelPen(
        Theme::blend(m_theme.chartBackground, m_theme.mutedText, 0.7), 1, Qt::DashLine);
    for (QCPItemStraightLine *line : entry.levelLines)
        line->setPen(levelPen);
    if (entry.pane) {
        for (QCPAxis *axis : entry.pane->axes()) {
            axis->setBasePen(QPen(m_theme.axis));
            axis->setTickPen(QPen(m_theme.axis));
            axis->setSubTickPen(QPen(m_theme.axis));
            axis->setTickLabelColor(m_theme.mutedText);
            axis->setTickLabelFont(m_tickFont);
            axis->setLabelColor(m_theme.mutedText);
            axis->grid()->setPen(QPen(m_theme.grid, 1, Qt::SolidLine));
            axis->grid()->setZeroLinePen(Qt::NoPen);
        }
    }
}

void IndicatorPanes::clearValues()
{
    for (auto &entry : m_entries) {
        entry->forget();
        if (entry->parseError.isEmpty())
            entry->error.clear();
        for (QCPGraph *graph : entry->graphs)
            clearPlottable(graph);
        for (QCPBars *bars : {entry->histUp, entry->histDown})
            clearPlottable(bars);
    }
    m_loaded = false;
    m_last.reset();
    m_sliceLevel = 0;
    m_sliceFirst = 1;
    m_sliceLast = 0;
    updateLabels();
}

void IndicatorPanes::apply(const SeriesSnapshot &series, bool barsReloaded)
{
    const bool reload = !m_loaded || barsReloaded || series.indicatorGeneration != m_generation
        || series.generation != m_barGeneration;
    m_generation = series.indicatorGeneration;
    m_barGeneration = series.generation;
    m_loaded = true;
    // A new history: the old views may hold the last references to
    // history-sized storage, freed on the worker (milliseconds of unmapping).
    if (reload && m_worker && m_last)
        m_worker->dispose(std::exchange(m_last, std::nullopt));
    m_last = series;

    bool entryLoaded = false;  // an entry's values came whole (its run is new to this chart)
    for (auto &entryPtr : m_entries) {
        Entry &entry = *entryPtr;
        if (!entry.parseError.isEmpty())
            continue;
        // The series carries the runs of every owner: this chart's by key.
        const IndicatorSnapshot *shipped = series.findIndicator(entry.label);
        const bool usable = shipped && shipped->error.isEmpty()
            && shipped->closed.size() == static_cast<std::size_t>(entry.outputs.size());
        if (!usable) {
            // Not computed yet (the engine has not seen the new list) or refused.
            entry.error = shipped ? shipped->error : QString();
            if (reload || shipped) {
                entry.forget();
                write(entry, 0, true);
            }
            continue;
        }
        entry.error.clear();
        const std::size_t newClosed = shipped->closed.front().size();
        const bool full = reload || !entry.loaded || newClosed < entry.closedShown;
        // The old forming row sits at closedShown: closed now, or still forming.
        const std::size_t from = full ? 0 : entry.closedShown;
        const bool hasForming
            = series.forming.has_value() && shipped->forming.size() == shipped->closed.size();
        if (full && m_worker && entry.rows() > CandleDataAdapter::kSyncBuildBars)
            m_worker->dispose(std::move(entry.sources));
        entry.sources.resize(shipped->closed.size());
        for (std::size_t k = 0; k < entry.sources.size(); ++k) {
            entry.sources[k].closed = shipped->closed[k];
            entry.sources[k].forming
                = hasForming ? std::optional<double>(shipped->forming[k]) : std::nullopt;
        }
        entry.closedShown = newClosed;
        entry.loaded = true;
        entryLoaded = entryLoaded || full;
        if (full) {
            startBuild(entry);
        } else if (entry.lodReady) {
            for (std::size_t k = 0; k < entry.lod.size(); ++k)
                entry.lod[k].update(entry.sources[k], from);
        }
        write(entry, from, full);
    }
    // A new history or indicator shows its labels at once; live values once a frame.
    if (reload || entryLoaded)
        updateLabels();
    else
        m_labelsDirty = true;
}

void IndicatorPanes::flushLabels()
{
    if (m_labelsDirty)
        updateLabels();
}

namespace {

// A built set of output pyramids and the rows they cover.
struct ValueBuild {
    std::vector<ValuePyramid> lod;
    std::size_t rows = 0;
    bool complete = true;
};

}  // namespace

void IndicatorPanes::startBuild(Entry &entry)
{
    const std::uint64_t token = entry.lodToken->fetch_add(1) + 1;
    if (m_worker && !entry.lod.empty()
        && entry.lod.front().count() > CandleDataAdapter::kSyncBuildBars)
        m_worker->dispose(std::move(entry.lod));  // history-sized: freed off the UI thread
    entry.lod.assign(entry.sources.size(), ValuePyramid());
    entry.lodReady = false;
    if (entry.rows() <= CandleDataAdapter::kSyncBuildBars || !m_worker) {
        for (std::size_t k = 0; k < entry.lod.size(); ++k)
            entry.lod[k].build(entry.sources[k]);
        entry.lodReady = true;
        return;
    }
    // Closed rows only (never changed within a generation); the forming row is
    // folded in when the result lands.
    std::vector<ValueSource> closed;
    for (const ValueSource &source : entry.sources)
        closed.push_back(ValueSource {source.closed, std::nullopt});
    std::shared_ptr<CancelFlag> flag = entry.lodToken;
    Entry *target = &entry;
    m_worker->run<ValueBuild>(
        [closed, flag, token] {
            ValueBuild build;
            build.rows = closed.empty() ? 0 : closed.front().size();
            build.lod.resize(closed.size());
            for (std::size_t k = 0; k < closed.size() && build.complete; ++k)
                build.complete = build.lod[k].build(closed[k], flag.get(), token);
            return build;
        },
        [this, flag, token, target](ValueBuild &&build) {
            // The entry may be gone (specs changed): its token then never matches.
            if (!build.complete || flag->load() != token)
                return;
            Entry &e = *target;
            e.lod = std::move(build.lod);
            for (std::size_t k = 0; k < e.lod.size() && k < e.sources.size(); ++k)
                e.lod[k].update(e.sources[k], build.rows);
            e.lodReady = true;
            if (m_sliceLevel > 0)
                write(e, 0, true);
            if (m_lodReady)
                m_lodReady();
        });
}

bool IndicatorPanes::lodReady() const
{
    return std::all_of(m_entries.begin(), m_entries.end(),
        [](const auto &entry) { return !entry->loaded || entry->lodReady; });
}

void IndicatorPanes::setSlice(int level, std::size_t first, std::size_t last)
{
    m_sliceLevel = level;
    m_sliceFirst = first;
    m_sliceLast = last;
    for (auto &entry : m_entries) {
        if (entry->parseError.isEmpty())
            write(*entry, 0, true);
    }
}

void IndicatorPanes::write(Entry &entry, std::size_t from, bool replace)
{
    const int level = m_sliceLevel;
    const double bucketBars = std::ldexp(1.0, level);
    std::size_t first = from >> level;
    if (replace)
        first = m_sliceFirst;
    else if (first > m_sliceLast)
        return;  // the change is right of the handed slice
    first = std::max(first, m_sliceFirst);
    // Above level 0 the values come from the pyramid: nothing until it is there.
    const bool shown = level == 0 || entry.lodReady;
    const std::size_t buckets = !shown || entry.sources.empty()
        ? 0
        : (level == 0 ? entry.rows() : entry.lod.front().bucketCount(level));
    const std::size_t end = std::min(m_sliceLast + 1, buckets);
    const double cut = CandleDataAdapter::bucketKey(level, first) - bucketBars / 2.0;
    const auto hand = [&](auto *plottable, const auto &scratch) {
        if (replace) {
            plottable->data()->set(scratch, true);
        } else {
            plottable->data()->removeAfter(cut);
            plottable->data()->add(scratch, true);
        }
    };
    for (std::size_t k = 0; k < entry.graphs.size(); ++k) {
        const ValueSource *source = k < entry.sources.size() ? &entry.sources[k] : nullptr;
        const ValuePyramid *lod = k < entry.lod.size() ? &entry.lod[k] : nullptr;
        if (static_cast<int>(k) == entry.histOutput) {
            // Histogram: level 0 a bar per value; above, per bucket its highest
            // positive and its lowest negative value (both when it crosses zero).
            m_upScratch.clear();
            m_downScratch.clear();
            for (std::size_t j = first; j < end; ++j) {
                const double key = CandleDataAdapter::bucketKey(level, j);
                if (level == 0) {
                    const double v = (*source)[j];
                    if (!std::isnan(v))
                        (v >= 0.0 ? m_upScratch : m_downScratch).append(QCPBarsData(key, v));
                    continue;
                }
                const ValuePyramid::Bucket b = lod->bucket(*source, level, j);
                if (b.empty())
                    continue;
                if (b.high >= 0.0)
                    m_upScratch.append(QCPBarsData(key, b.high));
                if (b.low < 0.0)
                    m_downScratch.append(QCPBarsData(key, b.low));
            }
            const double width = kBarWidth * bucketBars;
            entry.histUp->setWidth(width);
            entry.histDown->setWidth(width);
            hand(entry.histUp, m_upScratch);
            hand(entry.histDown, m_downScratch);
            continue;
        }
        // Lines: level 0 every row (NaN rows stay in: QCPGraph draws them as
        // gaps, and row i keeps key i); above, per bucket its min and its max in
        // time order, a quarter bucket either side of its centre, so spikes
        // survive the decimation; a bucket without values is a gap. Band edges
        // (Bollinger upper and lower) keep one point per bucket, the outer one
        // (max, min): the band then covers every value and its fill polygon
        // stays simple (a zigzag edge makes the fill the slowest thing drawn).
        const bool outerMax = entry.bands && k == 0;
        const bool outerMin = entry.bands && k + 1 == entry.graphs.size();
        m_graphScratch.clear();
        if (end > first)
            m_graphScratch.reserve(static_cast<int>((end - first) * (level == 0 ? 1 : 2)));
        for (std::size_t j = first; j < end; ++j) {
            const double key = CandleDataAdapter::bucketKey(level, j);
            if (level == 0) {
                m_graphScratch.append(QCPGraphData(key, (*source)[j]));
                continue;
            }
            const ValuePyramid::Bucket b = lod->bucket(*source, level, j);
            if (b.empty()) {
                m_graphScratch.append(QCPGraphData(key, std::numeric_limits<double>::quiet_NaN()));
                continue;
            }
            if (outerMax || outerMin) {
                m_graphScratch.append(QCPGraphData(key, outerMax ? b.high : b.low));
                continue;
            }
            const double quarter = bucketBars / 4.0;
            m_graphScratch.append(QCPGraphData(key - quarter, b.minFirst ? b.low : b.high));
            m_graphScratch.append(QCPGraphData(key + quarter, b.minFirst ? b.high : b.low));
        }
        hand(entry.graphs[k], m_graphScratch);
    }
}

void IndicatorPanes::setTimeRange(const QCPRange &range)
{
    m_timeRange = range;
    // Antialiased lines cost per pixel of line drawn (the largest part of a
    // replot with a min/max zigzag per bucket): only zoomed in, where a line
    // is a few smooth strokes and the jaggies would show.
    const bool antialiased = range.size() <= kMaxAntialiasedBars;
    if (antialiased != m_linesAntialiased) {
        m_linesAntialiased = antialiased;
        for (auto &entry : m_entries) {
            for (QCPGraph *graph : entry->graphs) {
                if (graph)
                    graph->setAntialiased(antialiased);
            }
        }
    }
    for (QCPAxisRect *pane : panes())
        pane->axis(QCPAxis::atBottom)->setRange(range);
}

struct IndicatorPanes::ValueScan {
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    bool found() const { return low <= high; }
    void add(double v)
    {
        if (std::isnan(v) || std::isinf(v))
            return;
        low = std::min(low, v);
        high = std::max(high, v);
    }
};

bool IndicatorPanes::scanValues(
    const Entry &entry, std::size_t first, std::size_t last, ValueScan &scan) const
{
    const std::size_t rows = entry.rows();
    if (rows == 0 || first >= rows)
        return true;
    last = std::min(last, rows - 1);
    for (std::size_t k = 0; k < entry.sources.size(); ++k) {
        if (entry.lodReady) {
            // Exact, O(log n): the pyramid's buckets form a segment tree.
            const ValuePyramid::Bucket r = entry.lod[k].range(entry.sources[k], first, last);
            if (!r.empty()) {
                scan.add(r.low);
                scan.add(r.high);
            }
        } else if (last - first < kMaxScanRows) {
            for (std::size_t i = first; i <= last; ++i)
                scan.add(entry.value(k, i));
        } else {
            return false;
        }
    }
    return true;
}

std::optional<QCPRange> IndicatorPanes::overlayRange(std::size_t first, std::size_t last) const
{
    ValueScan scan;
    for (const auto &entry : m_entries) {
        if (!entry->overlay || !entry->loaded)
            continue;
        scanValues(*entry, first, last, scan);
    }
    if (!scan.found())
        return std::nullopt;
    return QCPRange(scan.low, scan.high);
}

void IndicatorPanes::autoscale(std::size_t first, std::size_t last)
{
    for (const auto &entry : m_entries) {
        if (!entry->pane || entry->guest)
            continue;
        ValueScan scan;
        // The pane's own lines and its guests'.
        bool building = false;
        for (const auto &on : m_entries) {
            if (on->pane == entry->pane && on->loaded && !scanValues(*on, first, last, scan))
                building = true;
        }
        if (building)
            continue;  // levels still building over a wide range: keep the axis
        // Levels stay in view: RSI's 30 and 70 frame the line.
        for (double level : entry->levels)
            scan.add(level);
        if (entry->histOutput >= 0 && scan.found())
            scan.add(0.0);
        if (!scan.found()) {
            scan.add(0.0);
            scan.add(1.0);
        }
        double span = scan.high - scan.low;
        if (!(span > 0.0))
            span = std::max(std::abs(scan.high) * 0.01, 1e-9);
        entry->pane->axis(QCPAxis::atRight)
            ->setRange(scan.low - span * kPaneBottomHeadroom, scan.high + span * kPaneTopHeadroom);
    }
}

double IndicatorPanes::valueAt(const Entry &entry, int output, std::optional<std::size_t> row) const
{
    const std::size_t rows = entry.loaded ? entry.rows() : 0;
    if (rows == 0)
        return std::numeric_limits<double>::quiet_NaN();
    const std::size_t r = row && *row < rows ? *row : rows - 1;
    return entry.value(static_cast<std::size_t>(output), r);
}

QString IndicatorPanes::formatValue(const Entry &entry, double value) const
{
    if (std::isnan(value))
        return QStringLiteral("\u2014");
    if (entry.overlay)
        return format::price(value, m_priceDecimals);
    if (entry.integers)
        return QLocale().toString(qint64(value));
    return compactNumber(value);
}

void IndicatorPanes::updateLabels()
{
    m_labelsDirty = false;
    if (m_labelsChanged)
        m_labelsChanged();
}

std::vector<IndicatorPanes::LegendLine> IndicatorPanes::legendLines(
    std::optional<std::size_t> row) const
{
    std::vector<LegendLine> lines;
    lines.reserve(m_entries.size());
    for (const auto &entry : m_entries) {
        LegendLine line;
        line.spec = entry->spec;
        line.label = entry->label.isEmpty() ? entry->spec : entry->label;
        line.pane = entry->pane;
        line.error = entry->error;
        line.hidden = m_hidden.contains(entry->spec);
        if (line.error.isEmpty()) {
            for (qsizetype k = 0; k < entry->outputs.size(); ++k) {
                const double v = valueAt(*entry, static_cast<int>(k), row);
                QColor tone = entry->colors.empty() ? m_theme.text : entry->colors[std::size_t(k)];
                if (static_cast<int>(k) == entry->histOutput && !std::isnan(v))
                    tone = v >= 0.0 ? m_theme.up : m_theme.down;
                line.values.push_back({formatValue(*entry, v), tone});
            }
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

QString IndicatorPanes::paneValueText(double value)
{
    return compactNumber(value);
}

void IndicatorPanes::setHidden(const QString &spec, bool hidden)
{
    if (hidden)
        m_hidden.insert(spec);
    else
        m_hidden.remove(spec);
    for (auto &entry : m_entries) {
        if (entry->spec == spec)
            applyHidden(*entry);
    }
    updateLabels();
}

bool IndicatorPanes::hides(const QCPAbstractPlottable *plottable) const
{
    for (const auto &entry : m_entries) {
        if (!m_hidden.contains(entry->spec))
            continue;
        const bool own = std::find(entry->graphs.begin(), entry->graphs.end(), plottable)
                != entry->graphs.end()
            || plottable == entry->histUp || plottable == entry->histDown;
        if (own)
            return true;
    }
    return false;
}

void IndicatorPanes::renameSpec(const QString &from, const QString &to)
{
    if (m_hidden.remove(from))
        m_hidden.insert(to);
    if (m_lineStyles.contains(from))
        m_lineStyles.insert(to, m_lineStyles.take(from));
}

void IndicatorPanes::applyHidden(Entry &entry)
{
    const bool visible = !m_hidden.contains(entry.spec);
    for (QCPGraph *graph : entry.graphs) {
        if (graph)
            graph->setVisible(visible);
    }
    for (QCPBars *bars : {entry.histUp, entry.histDown}) {
        if (bars)
            bars->setVisible(visible);
    }
}

int IndicatorPanes::paneCount() const
{
    return static_cast<int>(panes().size());
}

QList<QCPAxisRect *> IndicatorPanes::panes() const
{
    QList<QCPAxisRect *> result;
    for (const auto &entry : m_entries) {
        if (entry->pane && !entry->guest)
            result.append(entry->pane);
    }
    return result;
}

QCPGraph *IndicatorPanes::graph(const QString &spec, const QString &output) const
{
    for (const auto &entry : m_entries) {
        if (entry->spec != spec)
            continue;
        const qsizetype k = entry->outputs.indexOf(output);
        return k >= 0 && std::size_t(k) < entry->graphs.size() ? entry->graphs[std::size_t(k)]
                                                               : nullptr;
    }
    return nullptr;
}

std::vector<IndicatorPanes::OutputStyle> IndicatorPanes::outputStyles(const QString &spec) const
{
    std::vector<OutputStyle> styles;
    for (const auto &entry : m_entries) {
        if (entry->spec != spec)
            continue;
        for (qsizetype k = 0; k < entry->outputs.size(); ++k)
            styles.push_back({entry->outputs[k],
                std::size_t(k) < entry->colors.size() ? entry->colors[std::size_t(k)] : QColor()});
    }
    return styles;
}

double IndicatorPanes::lastValue(const QString &spec, int output) const
{
    for (const auto &entry : m_entries) {
        if (entry->spec == spec && output >= 0 && output < entry->outputs.size())
            return valueAt(*entry, output, std::nullopt);
    }
    return std::numeric_limits<double>::quiet_NaN();
}

double IndicatorPanes::lineWidth(const QString &spec) const
{
    const double width = m_lineStyles.value(spec).width;
    return width > 0.0 ? width : 1.0;
}

QCPBars *IndicatorPanes::histogram(const QString &spec, bool positive) const
{
    for (const auto &entry : m_entries) {
        if (entry->spec == spec)
            return positive ? entry->histUp : entry->histDown;
    }
    return nullptr;
}

QCPAxisRect *IndicatorPanes::paneOf(const QString &spec) const
{
    for (const auto &entry : m_entries) {
        if (entry->spec == spec)
            return entry->pane;
    }
    return nullptr;
}

std::vector<IndicatorPanes::Column> IndicatorPanes::columns() const
{
    std::vector<Column> columns;
    for (const auto &entry : m_entries) {
        if (!entry->loaded)
            continue;
        for (std::size_t i = 0;
             i < entry->sources.size() && i < static_cast<std::size_t>(entry->outputs.size());
             ++i) {
            const QString name = entry->outputs.size() == 1
                ? entry->label
                : QStringLiteral("%1 %2").arg(entry->label, entry->outputs[static_cast<int>(i)]);
            columns.push_back({name, entry->sources[i]});
        }
    }
    return columns;
}

std::vector<IndicatorPanes::MarkSeries> IndicatorPanes::markSeries() const
{
    std::vector<MarkSeries> series;
    for (const auto &entry : m_entries) {
        if (!entry->marks || !entry->loaded || entry->sources.empty()
            || m_hidden.contains(entry->spec))
            continue;
        series.push_back({entry->spec, entry->label, entry->title, &entry->sources.front(),
            entry->lodReady && !entry->lod.empty() ? &entry->lod.front() : nullptr});
    }
    return series;
}

bool IndicatorPanes::isGuest(const QString &spec) const
{
    for (const auto &entry : m_entries) {
        if (entry->spec == spec)
            return entry->guest;
    }
    return false;
}

QString IndicatorPanes::errorOf(const QString &spec) const
{
    for (const auto &entry : m_entries) {
        if (entry->spec == spec)
            return entry->error;
    }
    return QString();
}

}  // namespace wick
