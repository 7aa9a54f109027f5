// ChartView's chart type, scale and live-edge controls: the toolbar's type
// box, its scale menu (the price axis' context menu) and the jump-to-live button.
#include <cmath>

#include <QComboBox>
#include <QHBoxLayout>
#include <QMenu>
#include <QShortcut>
#include <QToolButton>

#include "chart/CandleDataAdapter.h"
#include "chart/ChartScales.h"
#include "chart/ChartView.h"
#include "chart/IndicatorPanes.h"
#include "chart/IndicatorPicker.h"
#include "chart/IndicatorStyleDialog.h"
#include "chart/PricePlot.h"

namespace wick {

void ChartView::buildStyleControls(QHBoxLayout *layout)
{
    layout->addSpacing(6);
    m_typeBox = new QComboBox(m_timeframeBar);
    m_typeBox->setObjectName(QStringLiteral("chartTypeBox"));
    m_typeBox->setToolTip(tr("Chart type"));
    m_typeBox->setFocusPolicy(Qt::NoFocus);
    for (ChartType type : kAllChartTypes)
        m_typeBox->addItem(chartTypeName(type), chartTypeKey(type));
    connect(m_typeBox, &QComboBox::activated, this, [this](int index) {
        if (const auto type = chartTypeFromKey(m_typeBox->itemData(index).toString()))
            setChartType(*type);
    });
    layout->addWidget(m_typeBox);

    m_scaleButton = new QToolButton(m_timeframeBar);
    m_scaleButton->setObjectName(QStringLiteral("scaleButton"));
    m_scaleButton->setText(tr("Scale"));
    m_scaleButton->setToolTip(tr("Price scale: auto, logarithmic, percent, inverted"));
    m_scaleButton->setAutoRaise(true);
    m_scaleButton->setFocusPolicy(Qt::NoFocus);
    connect(m_scaleButton, &QToolButton::clicked, this, [this] {
        QMenu *menu = m_scales->createMenu(m_priceRect, this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_scaleButton->mapToGlobal(QPoint(0, m_scaleButton->height())));
    });
    layout->addWidget(m_scaleButton);
    layout->addStretch(1);

    m_liveButton = new QToolButton(m_timeframeBar);
    m_liveButton->setObjectName(QStringLiteral("liveButton"));
    m_liveButton->setText(tr("Live \u21e5"));
    m_liveButton->setToolTip(tr("Scroll to the newest bar and follow it"));
    m_liveButton->setAutoRaise(true);
    m_liveButton->setFocusPolicy(Qt::NoFocus);
    m_liveButton->setVisible(false);
    connect(m_liveButton, &QToolButton::clicked, this, &ChartView::jumpToLive);
    layout->addWidget(m_liveButton);

    auto *goTo = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_G), this);
    goTo->setContext(Qt::WidgetWithChildrenShortcut);
    connect(goTo, &QShortcut::activated, this, &ChartView::openGoToDate);
    auto *reset = new QShortcut(QKeySequence(Qt::ALT | Qt::Key_R), this);
    reset->setContext(Qt::WidgetWithChildrenShortcut);
    connect(reset, &QShortcut::activated, this, &ChartView::resetView);
}

void ChartView::applyStyleTheme()
{
    QColor line = Theme::blend(m_theme.up, m_theme.highlight, 0.5);
    m_pricePlot->setLineColors(line, QColor(line.red(), line.green(), line.blue(), 60));
    m_typeBox->setStyleSheet(
        QStringLiteral("QComboBox { color: %1; background: %2; border: 1px solid %3;"
                       " border-radius: 3px; padding: 2px 8px; font-weight: 600; }"
                       "QComboBox:hover { color: %4; }"
                       "QComboBox QAbstractItemView { color: %4; background: %2;"
                       " selection-background-color: %5; }")
            .arg(m_theme.mutedText.name(), m_theme.chartBackground.name(), m_theme.border.name(),
                m_theme.text.name(), m_theme.highlight.name()));
}

void ChartView::setChartType(ChartType type)
{
    if (type == m_chartType)
        return;
    m_chartType = type;
    m_pricePlot->setChartType(type);
    m_typeBox->setCurrentIndex(m_typeBox->findData(chartTypeKey(type)));
    m_data->setHeikinAshi(type == ChartType::HeikinAshi);
    if (m_slice.level >= 0)
        updateSlice(true);
    autoscaleValues();
    scheduleReplot();
    emit chartTypeChanged(type);
}

void ChartView::setBaselineLevel(double price)
{
    m_pricePlot->setBaseLevel(std::isfinite(price) && price > 0.0 ? price : std::nan(""));
    rememberBaseline(m_pricePlot->baseLevel());
    scheduleReplot();
}

double ChartView::baselineLevel() const
{
    return m_pricePlot->baseLevel();
}

PaneScale ChartView::priceScale() const
{
    return m_scales->priceScale();
}

void ChartView::setPriceScale(const PaneScale &scale)
{
    m_scales->setPriceScale(scale);
}

QList<QCPAxisRect *> ChartView::allPanes() const
{
    QList<QCPAxisRect *> panes {m_priceRect, m_volumeRect};
    panes += m_indicators->panes();
    return panes;
}

void ChartView::updateScaleButton()
{
    // The button says which scale the price pane has when it is not the default.
    const PaneScale s = m_scales->priceScale();
    QStringList parts;
    if (s.mode == ScaleMode::Log)
        parts << tr("Log");
    else if (s.mode == ScaleMode::Percent)
        parts << tr("%");
    if (!s.autoFit)
        parts << tr("Manual");
    if (s.inverted)
        parts << tr("Inverted");
    m_scaleButton->setText(parts.isEmpty() ? tr("Scale") : parts.join(QStringLiteral(" \u00b7 ")));
}

void ChartView::updateLiveButton()
{
    if (m_liveButton)
        m_liveButton->setVisible(m_data->size() > 0 && !followingLive());
}

void ChartView::openIndicatorStyle(const QString &spec)
{
    const std::vector<IndicatorPanes::OutputStyle> outputs = m_indicators->outputStyles(spec);
    if (outputs.empty())
        return;
    QStringList names;
    std::vector<QColor> colors;
    for (const IndicatorPanes::OutputStyle &output : outputs) {
        names << output.output;
        colors.push_back(output.color);
    }
    auto *dialog
        = new IndicatorStyleDialog(spec, spec, names, colors, m_indicators->lineWidth(spec), this);
    connect(dialog, &IndicatorStyleDialog::styleChanged, this, &ChartView::setIndicatorStyle);
    connect(dialog, &IndicatorStyleDialog::parametersRequested, this, [this](const QString &s) {
        openIndicatorPicker();
        m_picker->selectRow(static_cast<int>(m_indicators->specs().indexOf(s)));
    });
    dialog->show();
}

}  // namespace wick
