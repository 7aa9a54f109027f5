#include "chart/ChartView.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QAbstractButton>
#include <QButtonGroup>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include "chart/BarTimeTicker.h"
#include "chart/CandleDataAdapter.h"
#include "chart/CandlePlot.h"
#include "chart/ChartCrosshair.h"
#include "chart/ChartLegend.h"
#include "chart/ChartPlot.h"
#include "chart/ChartScales.h"
#include "chart/ExtendedHoursShade.h"
#include "chart/IndicatorPanes.h"
#include "chart/IndicatorPicker.h"
#include "chart/LodWorker.h"
#include "chart/PaneLegend.h"
#include "chart/PatternMarks.h"
#include "chart/PriceAxisTicker.h"
#include "chart/PricePlot.h"
#include "chart/QualityMarks.h"
#include "chart/QualityOverlay.h"
#include "chart/RepaintScheduler.h"
#include "chart/SessionBreaks.h"
#include "chart/VolumeAxisTicker.h"
#include "engine/MarketEngine.h"
#include "format/NumberFormat.h"
#include "model/SymbolRegistry.h"

namespace wick {

// Flag operators declared inside namespace wick (Q_DECLARE_OPERATORS_FOR_FLAGS
// there) would hide the global ones of Qt and QCustomPlot in this file.
using ::operator|;

namespace {

constexpr double kMinVisibleBars = 10.0;
constexpr double kMinInitialBars = 60.0;
// Below this many pixels of plot the widget is not laid out yet: do not cap zoom by it.
constexpr double kMinZoomCapPx = 300.0;
constexpr double kCandleWidth = 0.7;  // of one bar's slot, as on TradingView
constexpr double kTopHeadroom = 0.14;  // room for the legend line above the highest high
constexpr double kBottomHeadroom = 0.06;
// Quarantine marks: a warning orange that reads on both themes and is neither candle colour.
const QColor kQuarantineColor(255, 138, 40);

}  // namespace

ChartView::ChartView(std::shared_ptr<SymbolRegistry> symbols, MarketEngine *engine, QWidget *parent)
    : QWidget(parent)
    , m_symbols(std::move(symbols))
    , m_engine(engine)
    , m_owner(MarketEngine::newOwnerId())
    , m_theme(Theme::dark())
    , m_repaint(new RepaintScheduler([this](Repaint level) { paintFrame(level); }, this))
    , m_lodWorker(std::make_unique<LodWorker>())
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    buildTimeframeBar();
    buildPlot();
    layout->addWidget(m_timeframeBar);
    layout->addWidget(m_plot, 1);
    // The magnet's menu sits with the indicators button, before the stretch.
    auto *bar = static_cast<QHBoxLayout *>(m_timeframeBar->layout());
    bar->insertWidget(bar->count() - 1, m_crosshair->createMagnetButton(m_timeframeBar));

    // A replot that happened anyway (QCustomPlot's own, on a drag or a wheel
    // step) drew everything scheduled so far: the frame's replot would draw the same.
    connect(m_plot, &QCustomPlot::afterReplot, m_repaint, &RepaintScheduler::painted);
    connect(m_plot, &QCustomPlot::beforeReplot, this, &ChartView::flushText);
    m_plot->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_plot, &QWidget::customContextMenuRequested, this,
        [this](const QPoint &pos) { contextMenuAt(pos)->popup(m_plot->mapToGlobal(pos)); });

    setTheme(m_theme);
}

QMenu *ChartView::contextMenuAt(const QPoint &pos)
{
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (m_symbol != kInvalidSymbol && m_priceRect->rect().contains(pos)) {
        const double tick = m_symbolInfo.tickSize > 0 ? m_symbolInfo.tickSize : 0.01;
        const double at = m_priceRect->axis(QCPAxis::atRight)->pixelToCoord(pos.y());
        const double price = std::round(at / tick) * tick;
        menu->addAction(tr("Add alert at %1").arg(QString::number(price, 'f', m_decimals)), this,
            [this, price] { emit alertRequested(price); });
        addBaselineActions(menu, price);
    }
    // The pane's own actions (move, collapse, close) under the chart's.
    if (const QString pane = m_paneLayout->paneAt(pos); !pane.isEmpty()) {
        menu->addSeparator();
        m_paneLayout->addActions(menu, pane);
    }
    return menu;
}

ChartView::~ChartView()
{
    unsubscribe(m_symbol, m_timeframe);
    if (m_engine) {
        MarketEngine *engine = m_engine.data();
        const OwnerId owner = m_owner;
        QMetaObject::invokeMethod(
            engine, [engine, owner] { engine->releaseOwner(owner); }, Qt::QueuedConnection);
    }
}

void ChartView::buildTimeframeBar()
{
    m_timeframeBar = new QWidget(this);
    m_timeframeBar->setObjectName(QStringLiteral("timeframeBar"));
    m_timeframeBar->setAttribute(Qt::WA_StyledBackground);
    auto *layout = new QHBoxLayout(m_timeframeBar);
    layout->setContentsMargins(6, 3, 6, 3);
    layout->setSpacing(2);
    // The toolbar does not set the chart's minimum width: on a narrow chart its
    // last controls are cut at the right edge, the plot keeps the width it is given.
    layout->setSizeConstraint(QLayout::SetNoConstraint);
    m_timeframeBar->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_timeframeButtons = new QButtonGroup(this);
    m_timeframeButtons->setExclusive(true);
    const auto toolTip = [](Timeframe tf) {
        switch (tf) {
        case Timeframe::M1:
            return tr("1 minute");
        case Timeframe::M5:
            return tr("5 minutes");
        case Timeframe::M15:
            return tr("15 minutes");
        case Timeframe::M30:
            return tr("30 minutes");
        case Timeframe::H1:
            return tr("1 hour");
        case Timeframe::H4:
            return tr("4 hours");
        case Timeframe::D1:
            return tr("1 day");
        case Timeframe::W1:
            return tr("1 week");
        }
        return QString();
    };
    for (Timeframe tf : kAllTimeframes) {
        auto *button = new QToolButton(m_timeframeBar);
        button->setText(timeframeName(tf));
        button->setToolTip(toolTip(tf));
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setFocusPolicy(Qt::NoFocus);
        m_timeframeButtons->addButton(button, static_cast<int>(tf));
        layout->addWidget(button);
    }
    layout->addSpacing(10);
    auto *separator = new QFrame(m_timeframeBar);
    separator->setObjectName(QStringLiteral("toolbarSeparator"));
    separator->setFixedSize(1, 16);
    layout->addWidget(separator);
    layout->addSpacing(6);
    auto *indicators = new QToolButton(m_timeframeBar);
    indicators->setObjectName(QStringLiteral("indicatorsButton"));
    indicators->setText(tr("Indicators"));
    indicators->setToolTip(tr("Add, edit and remove indicators"));
    indicators->setAutoRaise(true);
    indicators->setFocusPolicy(Qt::NoFocus);
    connect(indicators, &QToolButton::clicked, this, &ChartView::openIndicatorPicker);
    layout->addWidget(indicators);
    addTimeZoneButton(layout);
    buildStyleControls(layout);
    m_timeframeButtons->button(static_cast<int>(m_timeframe))->setChecked(true);
    connect(m_timeframeButtons, &QButtonGroup::idClicked, this,
        [this](int id) { setTimeframe(static_cast<Timeframe>(id)); });
}

void ChartView::buildPlot()
{
    m_plot = new ChartPlot(this);
    // Every line here is 1 px wide, which Qt's raster engine strokes fast as one
    // polyline; QCustomPlot's "fast polylines" (a drawLine per segment, meant for
    // wider pens) cost more: replot at full zoom-out 3.6 ms wall / 3.6 ms CPU
    // without it, 8.3-10.3 / 4.4-4.9 with it (wick-ui-bench --profile, 1080p).
    m_plot->setPlottingHint(QCP::phFastPolylines, false);
    m_plot->setNoAntialiasingOnDrag(true);
    // One paint buffer, not two: QCustomPlot's "overlay" layer (the selection
    // rectangle, unused here) is buffered by default, and every replot clears
    // each 1920x1080 buffer and the paint event blends each onto the widget --
    // about 1 ms a frame for an empty layer.
    m_plot->layer(QStringLiteral("overlay"))->setMode(QCPLayer::lmLogical);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    // Price labels group thousands like the legend and the watchlist.
    m_plot->setLocale(QLocale());

    // Price pane: the default axis rect, price axis on the right.
    m_priceRect = m_plot->axisRect();
    QCPAxis *priceX = m_priceRect->axis(QCPAxis::atBottom);
    QCPAxis *priceY = m_priceRect->axis(QCPAxis::atRight);
    m_priceRect->axis(QCPAxis::atLeft)->setVisible(false);
    priceY->setVisible(true);
    priceX->setTickLabels(false);
    priceX->setTicks(false);

    // Volume pane below, about a fifth of the height, sharing the time axis.
    m_volumeRect = new QCPAxisRect(m_plot, false);
    m_volumeRect->addAxes(QCPAxis::atBottom | QCPAxis::atRight);
    m_plot->plotLayout()->addElement(1, 0, m_volumeRect);
    m_plot->plotLayout()->setRowStretchFactors({0.8, 0.2});
    m_plot->plotLayout()->setRowSpacing(0);
    QCPAxis *volumeX = m_volumeRect->axis(QCPAxis::atBottom);
    QCPAxis *volumeY = m_volumeRect->axis(QCPAxis::atRight);

    // Same price-axis width in both panes, so candles and volume bars line up.
    auto *margins = new QCPMarginGroup(m_plot);
    m_priceRect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    m_volumeRect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    m_priceRect->setAutoMargins(QCP::msRight);
    m_priceRect->setMargins(QMargins(0, 0, 0, 0));
    m_volumeRect->setAutoMargins(QCP::msRight | QCP::msBottom);
    m_volumeRect->setMargins(QMargins(0, 0, 0, 0));

    m_timeTicker = QSharedPointer<BarTimeTicker>::create(volumeX);
    priceX->setTicker(m_timeTicker);
    volumeX->setTicker(m_timeTicker);
    for (QCPAxis *axis : {priceX, priceY, volumeX, volumeY}) {
        axis->setSubTicks(false);
        axis->setTickLength(0, 4);
        axis->grid()->setSubGridVisible(false);
    }
    priceY->setNumberFormat(QStringLiteral("f"));
    priceY->setNumberPrecision(m_decimals);
    m_priceTicker = QSharedPointer<PriceAxisTicker>::create(priceY);
    m_priceTicker->setTickCount(9);
    priceY->setTicker(m_priceTicker);
    priceY->setPadding(8);
    auto volumeTicker = QSharedPointer<VolumeAxisTicker>::create();
    volumeTicker->setTickCount(2);
    volumeY->setTicker(volumeTicker);
    volumeY->grid()->setVisible(false);
    volumeY->setPadding(8);

    for (QCPAxisRect *rect : {m_priceRect, m_volumeRect}) {
        QCPAxis *x = rect->axis(QCPAxis::atBottom);
        rect->setRangeDrag(Qt::Horizontal);
        rect->setRangeZoom(Qt::Horizontal);
        rect->setRangeDragAxes(x, nullptr);
        rect->setRangeZoomAxes(x, nullptr);
        connect(x, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            &ChartView::onTimeRangeChanged);
    }

    // Drawn in passes (wicks, then bodies, per colour): QCPFinancial's data and styling.
    m_pricePlot = new PricePlot(priceX, priceY);
    m_candles = m_pricePlot;
    m_candles->setChartStyle(QCPFinancial::csCandlestick);
    m_candles->setWidthType(QCPFinancial::wtPlotCoords);
    m_candles->setWidth(kCandleWidth);
    m_candles->setTwoColored(true);
    m_candles->setAntialiased(false);

    // Opaque, not antialiased: translucent bars cost 10x more to draw.
    const auto makeVolume = [&] {
        auto *bars = new SolidBars(volumeX, volumeY);
        bars->setWidthType(QCPBars::wtPlotCoords);
        bars->setWidth(kCandleWidth);
        bars->setPen(Qt::NoPen);
        bars->setAntialiased(false);
        bars->setAntialiasedFill(false);
        return bars;
    };
    m_upVolume = makeVolume();
    m_downVolume = makeVolume();
    m_data = std::make_unique<CandleDataAdapter>(
        m_candles, m_upVolume, m_downVolume, kCandleWidth, m_lodWorker.get());
    m_data->setLodReadyHandler([this] {
        if (m_rangeAfterLod) {
            const QCPRange range = *m_rangeAfterLod;
            m_rangeAfterLod.reset();
            m_priceRect->axis(QCPAxis::atBottom)->setRange(range);
        }
        updateSlice(true);
        autoscaleValues();
        scheduleReplot();
    });
    m_timeTicker->setSource(
        [this] { return m_data->size(); }, [this](std::size_t i) { return m_data->bar(i).time; });

    // Data quality: gap bands and quarantine marks over the candles and volume.
    m_plot->addLayer(
        QStringLiteral("quality"), m_plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    m_quality = std::make_unique<QualityMarks>(m_lodWorker.get());
    m_quality->setReadyHandler([this] { scheduleReplot(); });
    m_priceQuality = new QualityOverlay(
        m_plot, m_priceRect, m_quality.get(), m_data.get(), true, QStringLiteral("quality"));
    m_volumeQuality = new QualityOverlay(
        m_plot, m_volumeRect, m_quality.get(), m_data.get(), false, QStringLiteral("quality"));
    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this, &ChartView::showQualityToolTip);

    // The last price: a dotted line across the pane and a tag over the price axis.
    m_plot->addLayer(
        QStringLiteral("tags"), m_plot->layer(QStringLiteral("axes")), QCustomPlot::limAbove);
    m_lastPriceLine = new QCPItemStraightLine(m_plot);
    m_lastPriceLine->setClipAxisRect(m_priceRect);
    for (QCPItemPosition *p : {m_lastPriceLine->point1, m_lastPriceLine->point2})
        p->setAxes(priceX, priceY);
    m_lastPriceTag = new QCPItemText(m_plot);
    m_lastPriceTag->setLayer(QStringLiteral("tags"));
    m_lastPriceTag->setClipToAxisRect(false);
    m_lastPriceTag->position->setAxes(priceX, priceY);
    m_lastPriceTag->position->setAxisRect(m_priceRect);
    m_lastPriceTag->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    m_lastPriceTag->position->setTypeY(QCPItemPosition::ptPlotCoords);
    m_lastPriceTag->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_lastPriceTag->setPadding(QMargins(6, 2, 6, 2));
    m_lastPriceLine->setVisible(false);
    m_lastPriceTag->setVisible(false);

    m_legend = new ChartLegend(m_plot);
    m_legend->move(10, 6);

    m_indicators = std::make_unique<IndicatorPanes>(
        m_plot, m_priceRect, m_volumeRect, m_timeTicker,
        [this](QCPAxisRect *pane) {
            connect(pane->axis(QCPAxis::atBottom),
                qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
                &ChartView::onTimeRangeChanged);
        },
        m_lodWorker.get(),
        [this] {
            autoscaleValues();
            scheduleReplot();
        });
    m_scales = new ChartScales(
        m_plot, m_priceRect, m_priceTicker, [this] { return paneRefs(); },
        [this] {
            autoscaleValues();
            scheduleReplot();
        },
        [this] { resetView(); });
    connect(m_scales, &ChartScales::scaleChanged, this, &ChartView::updateScaleButton);
    // The saved state holds the chart type and the scales.
    connect(m_scales, &ChartScales::scaleChanged, this, &ChartView::stateChanged);
    connect(this, &ChartView::chartTypeChanged, this, &ChartView::stateChanged);
    // Candlestick patterns: marks over and under the candles.
    m_patternMarks = new PatternMarks(m_plot, m_priceRect, m_data.get(),
        {[this] { return m_indicators->markSeries(); },
            [this](int level, std::size_t bucket) {
                const std::size_t first = bucket << level;
                const std::size_t i = m_quality->firstMarkFrom(first);
                return i < m_quality->marks().size()
                    && m_quality->marks()[i].bar < first + (std::size_t(1) << level);
            },
            [this](std::size_t bar) {
                return bar < m_data->size() ? formatBarTime(m_data->bar(bar).time) : QString();
            }},
        QStringLiteral("quality"));
    m_paneLegend = new PaneLegend(m_plot, m_indicators.get());
    m_indicators->setLabelsChangedHandler([this] { m_paneLegend->refresh(); });
    connect(m_paneLegend, &PaneLegend::hiddenChanged, this, [this] {
        scheduleReplot();
        emit stateChanged();  // the hidden state is saved
    });
    connect(m_paneLegend, &PaneLegend::removeRequested, this, [this](const QString &spec) {
        QStringList specs = m_indicators->specs();
        specs.removeAll(spec);
        setIndicatorSpecs(specs);
    });
    connect(m_paneLegend, &PaneLegend::settingsRequested, this, &ChartView::openIndicatorStyle);
    connect(m_paneLegend, &PaneLegend::alertRequested, this, &ChartView::indicatorAlertRequested);
    m_crosshair = new ChartCrosshair(m_plot,
        {[this] {
             QList<QCPAxisRect *> panes {m_priceRect, m_volumeRect};
             panes.append(m_indicators->panes());
             return panes;
         },
            [this] { return m_data->size(); },
            [this](std::size_t i) {
                const Bar &bar = m_data->bar(i);
                return std::array<double, 4> {bar.open, bar.high, bar.low, bar.close};
            },
            [this](std::size_t i) { return m_timeTicker->barTimeText(i, isIntraday(m_timeframe)); },
            [this](QCPAxisRect *pane, double value) {
                if (pane == m_priceRect)
                    return format::price(value, m_decimals);
                if (pane == m_volumeRect)
                    return format::volume(std::max(0.0, value));
                return IndicatorPanes::paneValueText(value);
            }},
        [this] { scheduleReplot(Repaint::Cursor); });
    // The legends follow the crosshair's bar in its frame, so a burst of moves
    // paints legends and crosshair together, once.
    connect(m_crosshair, &ChartCrosshair::barChanged, this, [this] { m_cursorLegendDirty = true; });
    connect(m_plot, &QCustomPlot::afterLayout, this, [this] {
        placeLegends();
        // A resize can call for another level: re-slice after this replot.
        if (m_slice.level >= 0 && levelFor(visibleRange()) != m_slice.level)
            QMetaObject::invokeMethod(
                this,
                [this] {
                    updateSlice(false);
                    scheduleReplot();
                },
                Qt::QueuedConnection);
    });
    buildPaneLayout();
}

void ChartView::showSeries(SymbolId symbol, Timeframe timeframe)
{
    if (symbol == m_symbol && timeframe == m_timeframe)
        return;
    const bool timeframeChanged = timeframe != m_timeframe;
    releaseIndicators();
    unsubscribe(m_symbol, m_timeframe);
    m_symbol = symbol;
    m_timeframe = timeframe;
    m_symbolInfo = m_symbols->symbol(symbol);
    m_decimals = format::decimalsForTick(m_symbolInfo.tickSize);
    m_timeframeButtons->button(static_cast<int>(timeframe))->setChecked(true);

    m_data->clear();
    m_crosshair->hide();
    m_quality->setSeries(symbol, timeframe, m_symbolInfo.session.alwaysOpen);
    m_priceQuality->setSeries(timeframe, m_symbolInfo.timeZone());
    m_volumeQuality->setSeries(timeframe, m_symbolInfo.timeZone());
    m_indicators->clearValues();
    m_slice = Slice();
    m_olderHistoryAsked = false;
    m_rangeAfterLod.reset();
    m_indicators->setPriceDecimals(m_decimals);
    applyZone();
    applyBaseline();
    m_priceRect->axis(QCPAxis::atRight)->setNumberPrecision(m_decimals);
    updateLastPrice();
    updateLegend();
    subscribe(symbol, timeframe);
    sendIndicators();
    scheduleReplot();
    if (timeframeChanged) {
        emit this->timeframeChanged(timeframe);
        emit stateChanged();
    }
}

void ChartView::setTimeframe(Timeframe timeframe)
{
    if (m_symbol != kInvalidSymbol) {
        showSeries(m_symbol, timeframe);
        return;
    }
    if (timeframe == m_timeframe)
        return;
    m_timeframe = timeframe;
    m_timeframeButtons->button(static_cast<int>(timeframe))->setChecked(true);
    emit timeframeChanged(timeframe);
}

void ChartView::subscribe(SymbolId symbol, Timeframe timeframe)
{
    if (!m_engine || symbol == kInvalidSymbol)
        return;
    MarketEngine *engine = m_engine.data();
    QMetaObject::invokeMethod(
        engine, [engine, symbol, timeframe] { engine->subscribe(symbol, timeframe); },
        Qt::QueuedConnection);
}

void ChartView::unsubscribe(SymbolId symbol, Timeframe timeframe)
{
    if (!m_engine || symbol == kInvalidSymbol)
        return;
    MarketEngine *engine = m_engine.data();
    QMetaObject::invokeMethod(
        engine, [engine, symbol, timeframe] { engine->unsubscribe(symbol, timeframe); },
        Qt::QueuedConnection);
}

void ChartView::sendIndicators()
{
    sendIndicatorSet(m_indicators->specs());
}

void ChartView::releaseIndicators()
{
    sendIndicatorSet({});
}

void ChartView::sendIndicatorSet(const QStringList &specs)
{
    if (!m_engine || m_symbol == kInvalidSymbol)
        return;
    MarketEngine *engine = m_engine.data();
    const OwnerId owner = m_owner;
    const SymbolId symbol = m_symbol;
    const Timeframe timeframe = m_timeframe;
    // An empty set releases what the chart held on the series.
    QMetaObject::invokeMethod(
        engine, [=] { engine->acquireIndicators(owner, symbol, timeframe, specs); },
        Qt::QueuedConnection);
}

void ChartView::setIndicatorSpecs(const QStringList &wanted)
{
    if (wanted == m_indicators->specs())
        return;
    // A host's new parameters carry to the indicators chained on it.
    QStringList specs = wanted;
    keepPaneIdentity(ChartState::followParameters(m_indicators->specs(), specs));
    if (m_picker)
        m_picker->syncSpecs(specs);  // a no-op when the dialog made the change
    m_indicators->setSpecs(specs);
    m_paneLayout->apply();
    sendIndicators();
    autoscaleValues();
    updateLegend();
    scheduleReplot();
    emit indicatorSpecsChanged(specs);
    emit stateChanged();
}

QStringList ChartView::indicatorSpecs() const
{
    return m_indicators->specs();
}

void ChartView::openIndicatorPicker()
{
    if (!m_picker) {
        m_picker = new IndicatorPicker(m_indicators->specs(), this);
        m_picker->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_picker, &IndicatorPicker::specsChanged, this, &ChartView::setIndicatorSpecs);
    }
    m_picker->show();
    m_picker->raise();
    m_picker->activateWindow();
}

int ChartView::paneCount() const
{
    return m_indicators->paneCount();
}

QCPGraph *ChartView::indicatorGraph(const QString &spec, const QString &output) const
{
    return m_indicators->graph(spec, output);
}

void ChartView::applySnapshot(const MarketSnapshot &snapshot)
{
    for (const SeriesSnapshot &series : snapshot.series) {
        if (series.symbol == m_symbol && series.timeframe == m_timeframe)
            applySeries(series);
    }
}

void ChartView::applySeries(const SeriesSnapshot &series)
{
    const std::size_t oldCount = m_data->size();
    const QCPRange before = visibleRange();
    // Following the live edge: the last bar is on screen.
    const bool following = before.upper >= static_cast<double>(oldCount) - 0.5;
    const TimeMs oldFirstTime = oldCount > 0 ? m_data->bar(0).time : 0;

    const CandleDataAdapter::Change change = m_data->apply(series);
    m_quality->apply(m_data->bars(), change.reloaded, change.firstChanged);
    m_indicators->apply(series, change.reloaded);
    m_applyingSeries = true;

    const std::size_t newCount = m_data->size();
    QCPAxis *x = m_priceRect->axis(QCPAxis::atBottom);
    if (change.reloaded) {
        m_olderHistoryAsked = false;
        m_slice = Slice();
        // A new generation that starts earlier (older history paged in) keeps
        // the trader's bars on screen: the old first bar is now bar k.
        const std::optional<std::size_t> anchor
            = oldCount > 0 && newCount > 0 ? m_data->indexOfTime(oldFirstTime) : std::nullopt;
        if (anchor) {
            double shift = static_cast<double>(*anchor);
            if (following && newCount > oldCount + *anchor)
                shift = static_cast<double>(newCount - oldCount);  // and keep following
            const QCPRange anchored(before.lower + shift, before.upper + shift);
            // Zoomed out further than level 0 allows: narrowed until the new
            // generation's levels are built, then restored.
            if (!m_data->lodReady()
                && anchored.size() > std::max<double>(m_priceRect->width(), kMinZoomCapPx))
                m_rangeAfterLod = anchored;
            x->setRange(anchored);
        } else {
            showLatestBars();
        }
        updateSlice(true);
    } else {
        m_data->refreshTail(change.firstChanged);
        if (following && newCount > oldCount) {
            const auto shift = static_cast<double>(newCount - oldCount);
            x->setRange(before.lower + shift, before.upper + shift);
        }
        updateSlice(false);
    }
    m_applyingSeries = false;
    checkOlderHistory();
    autoscaleValues();
    // Snapshots can come several times a frame: the rich-text legend (a few ms)
    // follows live bars once a frame, a new series at once.
    if (change.reloaded)
        updateLegend();
    else
        m_legendDirty = true;
    updateLastPrice();
    m_crosshair->barsChanged();
    // A trade on the handed bars is Light; a new history is Full.
    scheduleReplot(change.reloaded ? Repaint::Full : Repaint::Light);
}

void ChartView::showLatestBars()
{
    // The newest bars at a readable width; a short series keeps that width and
    // sits at the right, as on TradingView, instead of stretching into fat candles.
    const double upper = static_cast<double>(m_data->size()) - 1.0 + kRightMarginBars;
    const double lower = std::clamp(-3.0, upper - kInitialVisibleBars, upper - kMinInitialBars);
    m_priceRect->axis(QCPAxis::atBottom)->setRange(lower, upper);
}

void ChartView::onTimeRangeChanged(const QCPRange &range)
{
    if (m_clampingRange)
        return;
    if (!m_applyingSeries)
        m_rangeAfterLod.reset();  // the trader moved on
    QCPRange clamped = range;
    const auto count = static_cast<double>(m_data->size());
    // Zoom: at least a few candles; at most about one per pixel column until
    // the zoomed-out levels are there, then the whole series.
    const double widthPx = std::max<double>(m_priceRect->width(), kMinZoomCapPx);
    const double maxBars = m_data->lodReady() && count > 0
        ? std::max(widthPx, count * 1.05 + 2.0 * kRightMarginBars)
        : widthPx;
    const double size = std::clamp(clamped.size(), kMinVisibleBars, maxBars);
    if (size != clamped.size()) {
        const double center = clamped.center();
        clamped = QCPRange(center - size / 2.0, center + size / 2.0);
    }
    // Pan: keep a few bars on screen.
    if (count > 0) {
        const double keep = std::min(5.0, count);
        if (clamped.upper < keep - 1.0)
            clamped += keep - 1.0 - clamped.upper;
        if (clamped.lower > count - keep)
            clamped -= clamped.lower - (count - keep);
    }
    m_clampingRange = true;
    m_priceRect->axis(QCPAxis::atBottom)->setRange(clamped);
    m_volumeRect->axis(QCPAxis::atBottom)->setRange(clamped);
    m_indicators->setTimeRange(clamped);
    m_clampingRange = false;
    updateSlice(false);
    checkOlderHistory();
    autoscaleValues();
    updateLiveButton();
}

int ChartView::levelFor(const QCPRange &range) const
{
    if (!m_data->lodReady())
        return 0;
    const double widthPx = std::max<double>(m_priceRect->width(), kMinZoomCapPx);
    int level = 0;
    while (level + 1 < m_data->levelCount()
        && range.size() / std::ldexp(1.0, level) > widthPx * kMaxCandlesPerPx)
        ++level;
    return level;
}

void ChartView::updateSlice(bool force)
{
    if (m_data->size() == 0)
        return;
    const QCPRange range = visibleRange();
    const int level = levelFor(range);
    if (!force && level == m_slice.level && range.lower >= m_slice.spanLower
        && range.upper <= m_slice.spanUpper)
        return;
    // A screen either side (at least kMinSliceMarginBuckets buckets), so panning
    // re-slices about once a screen and a short series is handed whole.
    const double bucketBars = std::ldexp(1.0, level);
    const double margin = std::max(range.size(), kMinSliceMarginBuckets * bucketBars);
    const double lower = std::max(0.0, range.lower - margin);
    const double upper = std::max(0.0, range.upper + margin);
    const auto first = static_cast<std::size_t>(lower / bucketBars);
    const auto last = static_cast<std::size_t>(upper / bucketBars);
    m_slice.level = level;
    m_slice.spanLower = first == 0 ? -std::numeric_limits<double>::infinity() : lower;
    m_slice.spanUpper = upper;
    m_data->setSlice(level, first, last);
    m_indicators->setSlice(level, first, last);
    scheduleReplot();
}

void ChartView::checkOlderHistory()
{
    if (m_olderHistoryAsked || m_data->size() == 0 || m_symbol == kInvalidSymbol)
        return;
    const QCPRange range = visibleRange();
    if (range.lower > range.size())
        return;
    m_olderHistoryAsked = true;
    emit olderHistoryWanted(m_symbol, m_timeframe, m_data->bar(0).time);
}

bool ChartView::lodReady() const
{
    return m_data->lodReady() && m_indicators->lodReady();
}

void ChartView::autoscaleValues()
{
    const std::size_t count = m_data->size();
    if (count == 0)
        return;
    const QCPRange visible = visibleRange();
    const double first = std::max(0.0, std::floor(visible.lower));
    const double last = std::min(static_cast<double>(count - 1), std::ceil(visible.upper));
    if (first > last)
        return;
    const auto range
        = m_data->rangeOf(static_cast<std::size_t>(first), static_cast<std::size_t>(last));
    if (!range)
        return;
    const auto firstBar = static_cast<std::size_t>(first);
    const auto lastBar = static_cast<std::size_t>(last);
    m_indicators->autoscale(firstBar, lastBar);
    double low = range->low;
    double high = range->high;
    // Overlays stay in view, but a far-off one (SAR's first dots) may not squash
    // the candles: at most half the candles' span either way.
    if (const auto overlays = m_indicators->overlayRange(firstBar, lastBar)) {
        const double slack = (high - low) * 0.5;
        low = std::max(std::min(low, overlays->lower), low - slack);
        high = std::min(std::max(high, overlays->upper), high + slack);
    }
    if (!(high - low > 0.0)) {
        const double span = std::max(std::abs(range->high) * 0.002, m_symbolInfo.tickSize * 10.0);
        low -= span / 2.0;
        high += span / 2.0;
    }
    m_scales->fitPrice(low, high, m_data->bar(firstBar).close, kTopHeadroom, kBottomHeadroom);
    const double peak = range->maxVolume > 0.0 ? range->maxVolume : 1.0;
    m_volumeRect->axis(QCPAxis::atRight)->setRange(0.0, peak * 1.1);
    m_scales->keepManualRanges();
}

void ChartView::flushCursorLegends()
{
    if (!m_cursorLegendDirty)
        return;
    m_cursorLegendDirty = false;
    updateLegend();
    m_paneLegend->refresh(m_crosshair->bar());
}

void ChartView::flushText()
{
    flushCursorLegends();
    if (m_legendDirty)
        updateLegend();
    m_indicators->flushLabels();
}

void ChartView::updateLegend()
{
    m_legendDirty = false;
    if (m_symbol == kInvalidSymbol) {
        m_legend->clear();
        return;
    }
    const int space = m_legend->fontMetrics().horizontalAdvance(QLatin1Char(' '));
    std::vector<ChartLegend::Run> runs;
    runs.push_back({m_symbolInfo.code, m_theme.text, {}, true, 0});
    runs.push_back({QStringLiteral("\u00b7 %1 \u00b7 %2 \u00b7 %3")
                        .arg(m_symbolInfo.displayName, timeframeName(m_timeframe),
                            QString::fromUtf8(m_zone.zoneFor(m_symbolInfo).id())),
        m_theme.mutedText, {}, false, 2 * space});
    runs.push_back({m_symbolInfo.source.toUpper(), m_theme.chartBackground, m_theme.demoBadge,
        false, 2 * space});
    const std::size_t count = m_data->size();
    if (count > 0) {
        // The bar under the crosshair, else the last one.
        const std::size_t index = legendBar();
        const Bar &bar = m_data->bar(index);
        const QColor &tone = bar.close >= bar.open ? m_theme.up : m_theme.down;
        const auto field = [&](const QString &name, const QString &value, int before) {
            runs.push_back({name, m_theme.mutedText, {}, false, before});
            runs.push_back({value, tone, {}, false, space});
        };
        field(tr("O"), format::price(bar.open, m_decimals), 4 * space);
        field(tr("H"), format::price(bar.high, m_decimals), 2 * space);
        field(tr("L"), format::price(bar.low, m_decimals), 2 * space);
        field(tr("C"), format::price(bar.close, m_decimals), 2 * space);
        if (index > 0) {
            const double previous = m_data->bar(index - 1).close;
            if (previous > 0.0) {
                const double change = bar.close - previous;
                runs.push_back(
                    {QStringLiteral("%1%2 (%3)")
                            .arg(change >= 0.0 ? QStringLiteral("+") : QStringLiteral("\u2212"),
                                format::price(std::abs(change), m_decimals),
                                format::changePercent(change / previous * 100.0)),
                        change >= 0.0 ? m_theme.up : m_theme.down, {}, false, 2 * space});
            }
        }
        field(tr("Vol"), format::volume(bar.volume), 2 * space);
        // The last bar holds quarantined records: say what the newest was.
        const std::vector<QualityMarks::BarMark> &marks = m_quality->marks();
        if (!marks.empty() && marks.back().bar == count - 1 && index == count - 1) {
            const QualityMarks::BarMark &mark = marks.back();
            QString note = QStringLiteral("\u26a0 ")
                + QualityMarks::describe(m_quality->record(mark.records.back()));
            if (mark.count > 1)
                note += tr(" (+%1 more)").arg(mark.count - 1);
            runs.push_back({note, kQuarantineColor, {}, false, 2 * space});
        }
    }
    m_legend->setRuns(std::move(runs));
    placeLegends();
}

void ChartView::updateLastPrice()
{
    const std::size_t count = m_data->size();
    const bool visible = count > 0;
    m_lastPriceLine->setVisible(visible);
    m_lastPriceTag->setVisible(visible);
    if (!visible) {
        m_priceTicker->setTagPrice(std::numeric_limits<double>::quiet_NaN());
        return;
    }
    const Bar &bar = m_data->bar(count - 1);
    const QColor &tone = bar.close >= bar.open ? m_theme.up : m_theme.down;
    m_lastPriceLine->point1->setCoords(0.0, bar.close);
    m_lastPriceLine->point2->setCoords(1.0, bar.close);
    m_lastPriceLine->setPen(QPen(tone, 1, Qt::DotLine));
    m_lastPriceTag->position->setCoords(1.0, bar.close);
    m_lastPriceTag->setText(format::price(bar.close, m_decimals));
    m_lastPriceTag->setBrush(QBrush(tone));
    m_lastPriceTag->setPen(QPen(tone));
    m_lastPriceTag->setColor(Qt::white);
    m_priceTicker->setTagPrice(bar.close);
}

void ChartView::setTheme(const Theme &theme)
{
    m_theme = theme;
    m_plot->setFillColor(theme.chartBackground);
    QFont tickFont = font();
    tickFont.setPointSizeF(std::max(7.5, tickFont.pointSizeF() * 0.9));
    m_lastPriceTag->setFont(tickFont);
    for (QCPAxisRect *rect : {m_priceRect, m_volumeRect}) {
        for (QCPAxis *axis : rect->axes()) {
            axis->setBasePen(QPen(theme.axis));
            axis->setTickPen(QPen(theme.axis));
            axis->setSubTickPen(QPen(theme.axis));
            axis->setTickLabelColor(theme.mutedText);
            axis->setTickLabelFont(tickFont);
            axis->setLabelColor(theme.mutedText);
            axis->grid()->setPen(QPen(theme.grid, 1, Qt::SolidLine));
            axis->grid()->setZeroLinePen(Qt::NoPen);
        }
    }
    m_candles->setBrushPositive(QBrush(theme.up));
    m_candles->setBrushNegative(QBrush(theme.down));
    m_candles->setPenPositive(QPen(theme.up));
    m_candles->setPenNegative(QPen(theme.down));
    for (QualityOverlay *overlay : {m_priceQuality, m_volumeQuality}) {
        overlay->setColors(
            kQuarantineColor, theme.mutedText, theme.mutedText, theme.chartBackground);
        overlay->setLabelFont(tickFont);
    }
    m_patternMarks->setColors(theme.up, theme.down, theme.text);
    m_patternMarks->setLabelFont(tickFont);
    m_upVolume->setBrush(QBrush(theme.upVolume));
    m_downVolume->setBrush(QBrush(theme.downVolume));
    m_indicators->setTheme(theme, tickFont);
    applyStyleTheme();
    m_sessionBreaks->setColor(Theme::blend(theme.chartBackground, theme.mutedText, 0.35));
    QColor extended = theme.mutedText;  // see-through: the grid shows under the tint
    extended.setAlpha(30);
    m_extendedHours->setColor(extended);
    m_paneLegend->setTheme(theme);
    m_crosshair->setStyle(theme.crosshair, Theme::blend(theme.chartBackground, theme.text, 0.25),
        theme.chartBackground.lightness() < 128 ? theme.text : theme.chartBackground, tickFont);

    m_timeframeBar->setStyleSheet(
        QStringLiteral("QWidget#timeframeBar { background: %1; border-bottom: 1px solid %2; }"
                       "QToolButton { color: %3; border: none; border-radius: 3px;"
                       " padding: 3px 7px; font-weight: 600; }"
                       "QToolButton:hover { background: %2; color: %4; }"
                       "QToolButton:checked { background: %5; color: %4; }"
                       "QFrame#toolbarSeparator { background: %2; }")
            .arg(theme.chartBackground.name(), theme.border.name(), theme.mutedText.name(),
                theme.text.name(), theme.highlight.name()));
    updateLegend();
    updateLastPrice();
    scheduleReplot();
}

int ChartView::candleCount() const
{
    return m_candles->data()->size();
}

std::optional<QCPFinancialData> ChartView::lastCandle() const
{
    if (m_candles->data()->isEmpty())
        return std::nullopt;
    return *(m_candles->data()->constEnd() - 1);
}

QString ChartView::legendText() const
{
    return m_legend->text();
}

QCustomPlot *ChartView::plot() const
{
    return m_plot;
}

QCPRange ChartView::visibleRange() const
{
    return m_priceRect->axis(QCPAxis::atBottom)->range();
}

void ChartView::addQuarantined(const std::vector<QuarantineRecord> &records)
{
    if (!m_quality->addQuarantined(records, m_data->bars()))
        return;
    updateLegend();
    scheduleReplot();
}

int ChartView::quarantineMarkCount() const
{
    return m_quality->markedBuckets(std::max(0, m_data->sliceLevel()));
}

std::vector<std::pair<TimeMs, TimeMs>> ChartView::gapSpans() const
{
    std::vector<std::pair<TimeMs, TimeMs>> spans;
    spans.reserve(m_quality->gaps().size());
    for (const QualityMarks::Gap &gap : m_quality->gaps())
        spans.emplace_back(gap.lastBefore, gap.firstAfter);
    return spans;
}

QString ChartView::qualityToolTipAt(const QPointF &pos) const
{
    QString text = m_priceQuality->toolTipAt(pos);
    if (text.isEmpty())
        text = m_patternMarks->toolTipAt(pos);
    return text.isEmpty() ? m_volumeQuality->toolTipAt(pos) : text;
}

void ChartView::showQualityToolTip(QMouseEvent *event)
{
    if (event->buttons() != Qt::NoButton)
        return;  // dragging
    const QString text = qualityToolTipAt(event->position());
    if (!text.isEmpty()) {
        QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
        m_qualityTipShown = true;
    } else if (m_qualityTipShown) {
        QToolTip::hideText();
        m_qualityTipShown = false;
    }
}

void ChartView::scheduleReplot(Repaint level)
{
    m_repaint->invalidate(level);
}

void ChartView::paintFrame(Repaint level)
{
    switch (level) {
    case Repaint::None:
        return;
    case Repaint::Cursor:
        // The crosshair's layer alone; the plot's buffer stays as drawn.
        flushCursorLegends();
        m_crosshair->paint();
        return;
    case Repaint::Full:
        // What is drawn changed: the legends are rebuilt before the replot (flushText).
        m_legendDirty = true;
        m_indicators->updateLabels();
        break;
    case Repaint::Light:
        break;
    }
    // This frame, now: a queued replot waits a pass of the event loop, and its
    // update() a low-priority UpdateRequest behind every queued snapshot.
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
}

void ChartView::placeLegends()
{
    if (!m_paneLegend)
        return;
    const int priceRight = m_priceRect->right();
    m_legend->setMaxWidth(priceRight - m_legend->x() - 8);
    m_paneLegend->place(QPoint(m_legend->x(), m_legend->geometry().bottom() + 2), priceRight);
}

std::size_t ChartView::legendBar() const
{
    const std::size_t count = m_data->size();
    const std::optional<std::size_t> bar
        = m_crosshair ? m_crosshair->bar() : std::optional<std::size_t>();
    return bar && *bar < count ? *bar : count - 1;
}

}  // namespace wick
