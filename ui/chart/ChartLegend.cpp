#include "chart/ChartLegend.h"

#include <algorithm>

#include <QFontMetrics>
#include <QPainter>

namespace wick {

namespace {

constexpr int kBadgePadding = 4;

QFont runFont(const QFont &base, bool bold)
{
    QFont font = base;
    if (bold)
        font.setWeight(QFont::DemiBold);
    return font;
}

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
    m_runs = std::move(runs);
    fit();
    update();
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

void ChartLegend::fit()
{
    int width = 0;
    int height = 0;
    for (const Run &run : m_runs) {
        const QFontMetrics metrics(runFont(font(), run.bold));
        width += run.spaceBefore + metrics.horizontalAdvance(run.text)
            + (run.background.isValid() ? 2 * kBadgePadding : 0);
        height = std::max(height, metrics.height() + 2);
    }
    m_naturalWidth = width + 2;
    resize(m_maxWidth > 0 ? std::min(m_naturalWidth, m_maxWidth) : m_naturalWidth, height);
}

QString ChartLegend::text() const
{
    QStringList parts;
    for (const Run &run : m_runs)
        parts << run.text;
    return parts.join(QLatin1Char(' '));
}

void ChartLegend::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const int limit = width();
    int x = 0;
    for (const Run &run : m_runs) {
        const QFont font = runFont(this->font(), run.bold);
        const QFontMetrics metrics(font);
        x += run.spaceBefore;
        const int padding = run.background.isValid() ? 2 * kBadgePadding : 0;
        QString text = run.text;
        int width = metrics.horizontalAdvance(text) + padding;
        const bool last = x + width > limit;
        if (last) {
            // The run that crosses the edge ends the line, elided.
            text = metrics.elidedText(text, Qt::ElideRight, std::max(0, limit - x - padding));
            if (text.isEmpty())
                break;
            width = metrics.horizontalAdvance(text) + padding;
        }
        const QRect box(x, 0, width, height());
        if (run.background.isValid())
            painter.fillRect(box.adjusted(0, 1, 0, -1), run.background);
        painter.setFont(font);
        painter.setPen(run.color);
        painter.drawText(box, Qt::AlignCenter, text);
        x += width;
        if (last)
            break;
    }
}

}  // namespace wick
