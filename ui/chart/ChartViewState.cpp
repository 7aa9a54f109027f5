// ChartView's state, time zone and pane layout: the parts of ChartView that
// hold what ChartState saves (kept apart from ChartView.cpp, which draws).
#include <QHBoxLayout>

#include <algorithm>

#include "chart/BarTimeTicker.h"
#include "chart/CandleDataAdapter.h"
#include "chart/ChartPlot.h"
#include "chart/ChartScales.h"
#include "chart/ChartView.h"
#include "chart/IndicatorPanes.h"
#include "chart/QualityOverlay.h"
#include "chart/SessionBreaks.h"
#include "chart/TimeZoneButton.h"

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
    m_sessionBreaks
        = new SessionBreaks(m_plot, m_priceRect, m_data.get(), QStringLiteral("sessions"));
    m_sessionBreaks->setArea([this] { return m_paneLayout->shownArea(); });
    m_paneLayout->apply();
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
    m_timeTicker->reset(m_zone.axisZone(m_symbolInfo, m_timeframe));
    m_sessionBreaks->setSeries(m_symbolInfo, m_timeframe);
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
// ("log,inverted"). A manual range is not kept: a restored pane fits its bars.
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
        if (QCPAxisRect *rect = m_paneLayout->rectOf(pane.id))
            pane.scaleMode = scaleText(m_scales->scale(rect));
    }
    state.indicators = m_indicatorStyles;
    state.setIndicatorSpecs(m_indicators->specs());
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
    // After the panes: restoring them shows their plottables.
    for (const ChartState::Indicator &indicator : state.indicators)
        m_indicators->setHidden(indicator.spec, indicator.hidden);
    for (const ChartState::Pane &pane : state.panes) {
        QCPAxisRect *rect = m_paneLayout->rectOf(pane.id);
        if (rect && !pane.scaleMode.isEmpty())
            m_scales->setScale(rect, scaleFromText(pane.scaleMode));
    }
    placeLegends();
    scheduleReplot();
}

}  // namespace wick
