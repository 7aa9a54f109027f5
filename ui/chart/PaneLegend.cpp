#include "chart/PaneLegend.h"

#include <QContextMenuEvent>
#include <QMenu>

#include <qcustomplot.h>

#include "chart/ChartLegend.h"
#include "chart/IndicatorPanes.h"

namespace wick {

namespace {

constexpr int kInset = 8;
constexpr int kLineSpacing = 1;

}  // namespace

PaneLegend::PaneLegend(QCustomPlot *plot, IndicatorPanes *indicators)
    : QObject(plot)
    , m_plot(plot)
    , m_indicators(indicators)
    , m_theme(Theme::dark())
{
    m_plot->installEventFilter(this);
}

PaneLegend::~PaneLegend() = default;

void PaneLegend::setTheme(const Theme &theme)
{
    m_theme = theme;
    refresh();
}

void PaneLegend::refresh(std::optional<std::size_t> bar)
{
    m_bar = bar;
    const std::vector<IndicatorPanes::LegendLine> lines = m_indicators->legendLines(bar);
    const int space = m_plot->fontMetrics().horizontalAdvance(QLatin1Char(' '));
    bool added = false;
    std::map<QString, ChartLegend *> kept;
    for (const IndicatorPanes::LegendLine &line : lines) {
        ChartLegend *widget = nullptr;
        if (auto it = m_lines.find(line.spec); it != m_lines.end()) {
            widget = it->second;
            m_lines.erase(it);
        } else {
            widget = new ChartLegend(m_plot);
            widget->show();
            added = true;
        }
        kept.emplace(line.spec, widget);
        std::vector<ChartLegend::Run> runs;
        const QColor muted = line.hidden
            ? Theme::blend(m_theme.chartBackground, m_theme.mutedText, 0.55)
            : m_theme.mutedText;
        runs.push_back({line.label, muted, {}, false, 0});
        if (!line.error.isEmpty()) {
            runs.push_back(
                {QStringLiteral("\u26a0 ") + line.error, m_theme.down, {}, false, 2 * space});
        } else if (line.hidden) {
            runs.push_back({tr("hidden"), muted, {}, false, 2 * space});
        } else {
            for (const IndicatorPanes::LegendValue &value : line.values)
                runs.push_back({value.text, value.color, {}, false, 2 * space});
        }
        widget->setRuns(std::move(runs));
    }
    for (auto &[spec, widget] : m_lines)
        delete widget;
    m_lines = std::move(kept);
    if (added)
        place(m_overlayTopLeft, m_priceRight);
}

void PaneLegend::place(QPoint overlayTopLeft, int priceRight)
{
    m_overlayTopLeft = overlayTopLeft;
    m_priceRight = priceRight;
    int y = overlayTopLeft.y();
    std::map<QCPAxisRect *, int> paneNextY;  // a pane's guests line up under its own line
    for (const QString &spec : m_indicators->specs()) {
        auto it = m_lines.find(spec);
        if (it == m_lines.end())
            continue;
        ChartLegend *widget = it->second;
        if (QCPAxisRect *pane = m_indicators->paneOf(spec)) {
            auto next = paneNextY.try_emplace(pane, pane->top() + kInset / 2).first;
            widget->setMaxWidth(pane->width() - 2 * kInset);
            widget->move(pane->left() + kInset, next->second);
            next->second += widget->height() + kLineSpacing;
            continue;
        }
        widget->setMaxWidth(priceRight > 0 ? priceRight - overlayTopLeft.x() - kInset : 0);
        widget->move(overlayTopLeft.x(), y);
        y += widget->height() + kLineSpacing;
    }
}

QString PaneLegend::overlayText() const
{
    QStringList parts;
    for (const QString &spec : m_indicators->specs()) {
        auto it = m_lines.find(spec);
        if (it != m_lines.end() && !m_indicators->paneOf(spec))
            parts << it->second->text();
    }
    return parts.join(QLatin1Char('\n'));
}

bool PaneLegend::overlayShown() const
{
    for (const auto &[spec, widget] : m_lines) {
        if (!m_indicators->paneOf(spec) && widget->isVisible())
            return true;
    }
    return false;
}

QString PaneLegend::lineText(const QString &spec) const
{
    const ChartLegend *widget = line(spec);
    return widget ? widget->text() : QString();
}

ChartLegend *PaneLegend::line(const QString &spec) const
{
    auto it = m_lines.find(spec);
    return it == m_lines.end() ? nullptr : it->second;
}

QMenu *PaneLegend::menuFor(const QString &spec, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    const bool hidden = m_indicators->isHidden(spec);
    QAction *visibility = menu->addAction(hidden ? tr("Show") : tr("Hide"));
    visibility->setObjectName(QStringLiteral("legendVisibility"));
    connect(visibility, &QAction::triggered, this, [this, spec, hidden] {
        m_indicators->setHidden(spec, !hidden);
        refresh();
        emit hiddenChanged();
    });
    QAction *settings = menu->addAction(tr("Settings\u2026"));
    settings->setObjectName(QStringLiteral("legendSettings"));
    connect(settings, &QAction::triggered, this, [this, spec] { emit settingsRequested(spec); });
    const std::vector<IndicatorPanes::OutputStyle> outputs = m_indicators->outputStyles(spec);
    for (std::size_t k = 0; k < outputs.size(); ++k) {
        // One output: the spec is the operand; several: spec.output, as rules name them.
        const QString operand
            = outputs.size() == 1 ? spec : spec + QLatin1Char('.') + outputs[k].output;
        QAction *alert = menu->addAction(tr("Add alert on %1\u2026").arg(operand));
        alert->setObjectName(QStringLiteral("legendAlert"));
        connect(alert, &QAction::triggered, this, [this, spec, operand, k] {
            emit alertRequested(operand, m_indicators->lastValue(spec, int(k)));
        });
    }
    menu->addSeparator();
    QAction *remove = menu->addAction(tr("Remove"));
    remove->setObjectName(QStringLiteral("legendRemove"));
    // Queued: removing rebuilds the legend whose menu this is.
    connect(
        remove, &QAction::triggered, this, [this, spec] { emit removeRequested(spec); },
        Qt::QueuedConnection);
    return menu;
}

bool PaneLegend::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_plot || event->type() != QEvent::ContextMenu)
        return false;
    const auto *menuEvent = static_cast<QContextMenuEvent *>(event);
    for (const auto &[spec, widget] : m_lines) {
        if (!widget->geometry().contains(menuEvent->pos()))
            continue;
        QMenu *menu = menuFor(spec, m_plot);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(menuEvent->globalPos());
        return true;
    }
    return false;
}

}  // namespace wick
