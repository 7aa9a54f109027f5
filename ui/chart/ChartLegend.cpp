#include "chart/ChartLegend.h"

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
    int width = 0;
    int height = 0;
    for (const Run &run : m_runs) {
        const QFontMetrics metrics(runFont(font(), run.bold));
        width += run.spaceBefore + metrics.horizontalAdvance(run.text)
            + (run.background.isValid() ? 2 * kBadgePadding : 0);
        height = std::max(height, metrics.height() + 2);
    }
    resize(width + 2, height);
    update();
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
    int x = 0;
    for (const Run &run : m_runs) {
        const QFont font = runFont(this->font(), run.bold);
        const QFontMetrics metrics(font);
        x += run.spaceBefore;
        const int width = metrics.horizontalAdvance(run.text)
            + (run.background.isValid() ? 2 * kBadgePadding : 0);
        const QRect box(x, 0, width, height());
        if (run.background.isValid())
            painter.fillRect(box.adjusted(0, 1, 0, -1), run.background);
        painter.setFont(font);
        painter.setPen(run.color);
        painter.drawText(box, Qt::AlignCenter, run.text);
        x += width;
    }
}

}  // namespace wick
