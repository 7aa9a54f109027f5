#include "chart/ChartLegend.h"

#include <algorithm>
#include <utility>

#include <QEvent>
#include <QFontMetrics>
#include <QPaintEvent>
#include <QPainter>

namespace wick {

namespace {

constexpr int kBadgePadding = 4;

}  // namespace

ChartLegend::ChartLegend(QWidget *parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
}

void ChartLegend::setRuns(std::vector<Run> runs)
{
    if (runs == m_runs)
        return;
    std::vector<Run> old = std::exchange(m_runs, std::move(runs));
    const std::vector<int> oldWidths = m_widths;
    const QSize oldSize = size();
    fit();
    // A crosshair move changes a few values, most often without moving any
    // run: repaint those runs only (a repaint lays out and draws every run it
    // touches), else the whole line.
    QRegion changed;
    bool sameLayout = size() == oldSize && old.size() == m_runs.size() && oldWidths == m_widths;
    for (std::size_t i = 0; sameLayout && i < m_runs.size(); ++i) {
        const Run &was = old[i];
        const Run &now = m_runs[i];
        if (was.spaceBefore != now.spaceBefore || was.bold != now.bold) {
            sameLayout = false;
            break;
        }
        if (!(was == now))
            changed += runBox(i);
    }
    if (sameLayout)
        update(changed);
    else
        update();
}

QRect ChartLegend::runBox(std::size_t index) const
{
    int x = 0;
    for (std::size_t i = 0; i < index; ++i)
        x += m_runs[i].spaceBefore + m_widths[i];
    x += m_runs[index].spaceBefore;
    return QRect(x, 0, m_widths[index], height());
}

void ChartLegend::setMaxWidth(int width)
{
    width = std::max(0, width);
    if (width == m_maxWidth)
        return;
    m_maxWidth = width;
    fit();
    update();
}

const QFont &ChartLegend::runFont(bool bold)
{
    std::optional<QFont> &font = m_fonts[bold ? 1 : 0];
    if (!font) {
        font = this->font();
        if (bold)
            font->setWeight(QFont::DemiBold);
    }
    return *font;
}

const QFontMetrics &ChartLegend::metrics(bool bold)
{
    std::optional<QFontMetrics> &metrics = m_metrics[bold ? 1 : 0];
    if (!metrics)
        metrics.emplace(runFont(bold));
    return *metrics;
}

int ChartLegend::textWidth(const QString &text, bool bold)
{
    QHash<QString, int> &cache = m_widthCache[bold ? 1 : 0];
    if (auto it = cache.constFind(text); it != cache.constEnd())
        return *it;
    if (cache.size() >= kWidthCacheSize)
        cache.clear();
    const int width = metrics(bold).horizontalAdvance(text);
    cache.insert(text, width);
    return width;
}

void ChartLegend::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange) {
        m_fonts = {};
        m_metrics = {};
        for (QHash<QString, int> &cache : m_widthCache)
            cache.clear();
        m_text.clear();
        fit();
        update();
    }
    QWidget::changeEvent(event);
}

void ChartLegend::fit()
{
    int width = 0;
    int height = 0;
    m_widths.clear();
    m_widths.reserve(m_runs.size());
    for (const Run &run : m_runs) {
        const int runWidth
            = textWidth(run.text, run.bold) + (run.background.isValid() ? 2 * kBadgePadding : 0);
        m_widths.push_back(runWidth);
        width += run.spaceBefore + runWidth;
        height = std::max(height, metrics(run.bold).height() + 2);
    }
    m_naturalWidth = width + 2;
    const QSize size(
        m_maxWidth > 0 ? std::min(m_naturalWidth, m_maxWidth) : m_naturalWidth, height);
    if (size != this->size())
        resize(size);
}

QString ChartLegend::text() const
{
    QStringList parts;
    for (const Run &run : m_runs)
        parts << run.text;
    return parts.join(QLatin1Char(' '));
}

void ChartLegend::paintEvent(QPaintEvent *event)
{
    // Often a strip (the crosshair's line behind the legend) or a few runs:
    // the runs outside it are neither laid out nor drawn.
    const QRegion &dirty = event->region();
    QPainter painter(this);
    const int limit = width();
    int x = 0;
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        const Run &run = m_runs[i];
        const QFont &font = runFont(run.bold);
        x += run.spaceBefore;
        const int padding = run.background.isValid() ? 2 * kBadgePadding : 0;
        QString text = run.text;
        int width = i < m_widths.size() ? m_widths[i] : textWidth(text, run.bold) + padding;
        const bool last = x + width > limit;
        if (!dirty.intersects(QRect(x, 0, std::min(width, limit - x), height()))) {
            if (last)
                break;
            x += width;
            continue;
        }
        if (last) {
            // The run that crosses the edge ends the line, elided.
            const QFontMetrics &fm = metrics(run.bold);
            text = fm.elidedText(text, Qt::ElideRight, std::max(0, limit - x - padding));
            if (text.isEmpty())
                break;
            width = fm.horizontalAdvance(text) + padding;
        }
        const QRect box(x, 0, width, height());
        if (run.background.isValid())
            painter.fillRect(box.adjusted(0, 1, 0, -1), run.background);
        m_text.draw(&painter, box, text, run.bold ? 1 : 0, font, run.color);
        x += width;
        if (last)
            break;
    }
}

}  // namespace wick
