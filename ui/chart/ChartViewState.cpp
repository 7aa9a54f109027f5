// ChartView's state, time zone, pane layout and baseline level: the parts of
// ChartView that hold what ChartState saves (kept apart from ChartView.cpp,
// which draws).
#include <algorithm>
#include <cmath>
#include <limits>

#include <QHBoxLayout>
#include <QMenu>

#include <spdlog/spdlog.h>

#include "chart/BarTimeTicker.h"
#include "chart/BaselineHandle.h"
#include "chart/CandleDataAdapter.h"
#include "chart/ChartPlot.h"
#include "chart/ChartScales.h"
#include "chart/ChartView.h"
#include "chart/ExtendedHoursShade.h"
#include "chart/IndicatorPanes.h"
#include "chart/PaneLegend.h"
#include "chart/PricePlot.h"
#include "chart/QualityOverlay.h"
#include "chart/SessionBreaks.h"
#include "chart/TimeZoneButton.h"
#include "format/NumberFormat.h"

namespace wick {

void ChartView::addTimeZoneButton(QHBoxLayout *layout)
{
    m_zoneButton = new TimeZoneButton(m_timeframeBar);
    connect(m_zoneButton, &TimeZoneButton::zoneChosen, this, &ChartView::setTimeZone);
    layout->addSpacing(6);
    layout->addWidget(m_zoneButton);
}

void ChartView::buildPaneLayout()
{
    m_paneLayout = new PaneLayout(
        m_plot, [this] { return paneRefs(); }, this);
    connect(m_paneLayout, &PaneLayout::changed, this, [this] {
        placeLegends();
        emit stateChanged();
    });
    connect(m_paneLayout, &PaneLayout::closeRequested, this, [this](const QString &id) {
        QCPAxisRect *rect = m_paneLayout->rectOf(id);
        QStringList specs;
        for (const QString &spec : m_indicators->specs()) {
            if (!rect || m_indicators->paneOf(spec) != rect)
                specs.append(spec);
        }
        setIndicatorSpecs(specs);
    });
    // Under the candles, over the grid: a dashed line where a trading day starts.
    m_plot->addLayer(
        QStringLiteral("sessions"), m_plot->layer(QStringLiteral("grid")), QCustomPlot::limAbove);
    // The pre- and post-market tint first, so that the day lines draw over it.
    m_extendedHours
        = new ExtendedHoursShade(m_plot, m_priceRect, m_data.get(), QStringLiteral("sessions"));
    m_extendedHours->setArea([this] { return m_paneLayout->shownArea(); });
    m_sessionBreaks
        = new SessionBreaks(m_plot, m_priceRect, m_data.get(), QStringLiteral("sessions"));
    m_sessionBreaks->setArea([this] { return m_paneLayout->shownArea(); });
    // A line the legend hid stays hidden when its pane is expanded or moved,
    // and a line shown again stays off while its pane is collapsed.
    m_paneLayout->setLineHidden(
        [this](const QCPAbstractPlottable *plottable) { return m_indicators->hides(plottable); });
    connect(m_paneLegend, &PaneLegend::hiddenChanged, m_paneLayout, &PaneLayout::refreshVisibility);
    m_paneLayout->apply();
    // The baseline's level line is a handle: drag it, the fill follows, the
    // release sets the level (to the tick).
    new BaselineHandle(m_plot, m_priceRect,
        {[this] { return m_chartType == ChartType::Baseline && m_data->size() > 0; },
            [this] { return m_pricePlot->effectiveBaseLevel(); },
            [this](double price) {
                m_pricePlot->setBaseLevel(price);
                scheduleReplot(Repaint::Light);
            },
            [this](double price) {
                const double tick = m_symbolInfo.tickSize > 0 ? m_symbolInfo.tickSize : 0.01;
                setBaselineLevel(std::max(tick, std::round(price / tick) * tick));
            }});
}

void ChartView::keepPaneIdentity(const std::vector<std::pair<QString, QString>> &renames)
{
    for (const auto &[from, to] : renames) {
        m_paneLayout->renamePane(from, to);
        m_scales->renamePane(from, to);
        m_indicators->renameSpec(from, to);
        for (ChartState::Indicator &indicator : m_indicatorStyles) {
            if (indicator.spec == from)
                indicator.spec = to;
        }
    }
}

void ChartView::applyBaseline()
{
    const auto it
        = m_symbol != kInvalidSymbol ? m_baselines.find(m_symbolInfo.key()) : m_baselines.end();
    m_pricePlot->setBaseLevel(
        it != m_baselines.end() ? it->second : std::numeric_limits<double>::quiet_NaN());
}

void ChartView::rememberBaseline(double level)
{
    if (m_symbol == kInvalidSymbol)
        return;
    const QString key = m_symbolInfo.key();
    const auto it = m_baselines.find(key);
    const bool set = !std::isnan(level);
    if (set ? it != m_baselines.end() && it->second == level : it == m_baselines.end())
        return;
    if (set)
        m_baselines[key] = level;
    else
        m_baselines.erase(it);
    emit stateChanged();
}

double ChartView::drawnBaselineLevel() const
{
    return m_pricePlot->effectiveBaseLevel();
}

void ChartView::addBaselineActions(QMenu *menu, double price)
{
    if (m_chartType != ChartType::Baseline)
        return;
    QAction *set = menu->addAction(tr("Set baseline at %1").arg(format::price(price, m_decimals)),
        this, [this, price] { setBaselineLevel(price); });
    set->setObjectName(QStringLiteral("setBaseline"));
    if (!std::isnan(baselineLevel())) {
        QAction *reset = menu->addAction(tr("Reset baseline to the first visible close"), this,
            [this] { setBaselineLevel(std::numeric_limits<double>::quiet_NaN()); });
        reset->setObjectName(QStringLiteral("resetBaseline"));
    }
}

std::vector<PaneLayout::PaneRef> ChartView::paneRefs() const
{
    std::vector<PaneLayout::PaneRef> panes {
        {ChartState::kPricePane, m_priceRect}, {ChartState::kVolumePane, m_volumeRect}};
    for (const QString &spec : m_indicators->specs()) {
        QCPAxisRect *rect = m_indicators->paneOf(spec);
        if (!rect || m_indicators->isGuest(spec))
            continue;
        const bool listed = std::any_of(panes.begin(), panes.end(),
            [&](const PaneLayout::PaneRef &p) { return p.rect == rect; });
        if (!listed)
            panes.push_back({spec, rect});
    }
    return panes;
}

void ChartView::applyZone()
{
    m_timeTicker->reset(m_zone.axisZone(m_symbolInfo, m_timeframe),
        isIntraday(m_timeframe) ? 0 : m_symbolInfo.barDays().labelShiftMs());
    m_sessionBreaks->setSeries(m_symbolInfo, m_timeframe);
    m_extendedHours->setSeries(m_symbolInfo, m_timeframe);
    m_zoneButton->setZone(m_zone, m_symbolInfo);
    // The quality tooltips' times too (they name their zone).
    for (QualityOverlay *overlay : {m_priceQuality, m_volumeQuality})
        overlay->setSeries(m_timeframe, m_zone.zoneFor(m_symbolInfo));
}

void ChartView::setTimeZone(const ChartTimeZone &zone)
{
    if (zone == m_zone)
        return;
    m_zone = zone;
    applyZone();
    // The axis' labels are cached per view: a replot asks the ticker again.
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    emit stateChanged();
}

QString ChartView::formatBarTime(TimeMs time) const
{
    return m_zone.format(time, m_timeframe, m_symbolInfo);
}

void ChartView::setIndicatorStyle(
    const QString &spec, const std::vector<QColor> &colors, double width)
{
    ChartState styles;
    styles.indicators = m_indicatorStyles;
    styles.setIndicatorSpecs(m_indicators->specs());
    for (ChartState::Indicator &indicator : styles.indicators) {
        if (indicator.spec == spec) {
            indicator.colors = colors;
            indicator.lineWidth = width;
        }
    }
    m_indicatorStyles = styles.indicators;
    m_indicators->setLineStyle(spec, colors, width);
    scheduleReplot();
    emit stateChanged();
}

namespace {

// A pane's scale in the state: its mode, then ",inverted" when inverted
// ("log,inverted"); a manual range is the pane's "range".
QString scaleText(const PaneScale &scale)
{
    QString text = scaleModeKey(scale.mode);
    if (scale.inverted)
        text += QStringLiteral(",inverted");
    return text;
}

PaneScale scaleFromText(const QString &text)
{
    PaneScale scale;
    const QStringList parts = text.split(QLatin1Char(','));
    scale.mode = scaleModeFromKey(parts.value(0)).value_or(ScaleMode::Linear);
    scale.inverted = parts.contains(QStringLiteral("inverted"));
    return scale;
}

}  // namespace

ChartState ChartView::state() const
{
    ChartState state;
    if (m_symbol != kInvalidSymbol)
        state.symbol = m_symbolInfo.key();
    state.timeframe = timeframeName(m_timeframe);
    state.chartType = chartTypeKey(m_chartType);
    state.timeZone = m_zone.id();
    state.panes = m_paneLayout->state();
    for (ChartState::Pane &pane : state.panes) {
        QCPAxisRect *rect = m_paneLayout->rectOf(pane.id);
        if (!rect)
            continue;
        pane.scaleMode = scaleText(m_scales->scale(rect));
        if (const std::optional<QCPRange> range = m_scales->manualRange(rect))
            pane.range = std::make_pair(range->lower, range->upper);
    }
    state.indicators = m_indicatorStyles;
    state.setIndicatorSpecs(m_indicators->specs());
    state.baselines = m_baselines;
    // Where each is drawn: a chained spec on the pane of the spec it runs on.
    const std::vector<PaneLayout::PaneRef> panes = paneRefs();
    for (ChartState::Indicator &indicator : state.indicators) {
        indicator.hidden = m_indicators->isHidden(indicator.spec);
        indicator.pane.clear();
        if (!m_indicators->isGuest(indicator.spec))
            continue;
        QCPAxisRect *rect = m_indicators->paneOf(indicator.spec);
        for (const PaneLayout::PaneRef &pane : panes) {
            if (pane.rect == rect)
                indicator.pane = pane.id;
        }
    }
    return state;
}

void ChartView::applyState(const ChartState &state)
{
    setChartType(chartTypeFromKey(state.chartType).value_or(ChartType::Candles));
    m_indicatorStyles = state.indicators;
    for (const ChartState::Indicator &indicator : state.indicators)
        m_indicators->setLineStyle(indicator.spec, indicator.colors, indicator.lineWidth);
    if (const auto timeframe = parseTimeframe(state.timeframe))
        setTimeframe(*timeframe);
    setTimeZone(ChartTimeZone::fromId(state.timeZone).value_or(ChartTimeZone::exchange()));
    setIndicatorSpecs(state.indicatorSpecs());
    m_paneLayout->restore(state.panes);
    for (const ChartState::Indicator &indicator : state.indicators)
        m_indicators->setHidden(indicator.spec, indicator.hidden);
    // A hidden line on a collapsed pane stays off.
    m_paneLayout->refreshVisibility();
    m_baselines = state.baselines;
    applyBaseline();
    for (const ChartState::Pane &pane : state.panes) {
        QCPAxisRect *rect = m_paneLayout->rectOf(pane.id);
        if (rect && !pane.scaleMode.isEmpty())
            m_scales->setScale(rect, scaleFromText(pane.scaleMode));
        if (rect && pane.range
            && !m_scales->setManualRange(rect, QCPRange(pane.range->first, pane.range->second)))
            spdlog::warn("chart state: pane '{}' cannot show the range [{}, {}], it fits its bars",
                pane.id.toStdString(), pane.range->first, pane.range->second);
    }
    placeLegends();
    scheduleReplot();
}

}  // namespace wick
