#include "alerts/AlertMarks.h"

#include <QTimer>

#include <qcustomplot.h>

#include "chart/CandleDataAdapter.h"
#include "chart/ChartView.h"
#include "model/SymbolRegistry.h"

namespace wick {

AlertMarks::AlertMarks(ChartView *chart, std::shared_ptr<SymbolRegistry> symbols, QObject *parent)
    : QObject(parent)
    , m_chart(chart)
    , m_symbols(std::move(symbols))
{
    connect(chart->plot(), &QCustomPlot::beforeReplot, this, [this] {
        if (!m_chart)
            return;
        if (m_chart->symbol() != m_symbol || m_chart->timeframe() != m_timeframe) {
            // Items are not made inside a replot: the next turn does it.
            if (!m_rebuildQueued) {
                m_rebuildQueued = true;
                QTimer::singleShot(0, this, [this] {
                    m_rebuildQueued = false;
                    rebuild();
                });
            }
            return;
        }
        place();
    });
}

AlertMarks::~AlertMarks()
{
    if (m_chart)
        for (QCPItemText *item : m_items)
            m_chart->plot()->removeItem(item);
}

void AlertMarks::setFires(const std::vector<AlertLogEntry> &fires)
{
    const std::size_t first = fires.size() > kMaxFires ? fires.size() - kMaxFires : 0;
    m_fires.assign(fires.begin() + std::ptrdiff_t(first), fires.end());
    rebuild();
}

void AlertMarks::rebuild()
{
    if (!m_chart)
        return;
    QCustomPlot *plot = m_chart->plot();
    m_symbol = m_chart->symbol();
    m_timeframe = m_chart->timeframe();
    const QString key = m_symbol == kInvalidSymbol || m_symbol >= m_symbols->size()
        ? QString()
        : m_symbols->symbol(m_symbol).key();
    m_shown.clear();
    for (const AlertLogEntry &entry : m_fires)
        if (!key.isEmpty() && entry.fire.symbol == key && entry.fire.timeframe == m_timeframe)
            m_shown.push_back(&entry);
    while (m_items.size() > m_shown.size()) {
        plot->removeItem(m_items.back());
        m_items.pop_back();
    }
    QCPAxisRect *rect = plot->axisRect(0);
    while (m_items.size() < m_shown.size()) {
        auto *item = new QCPItemText(plot);
        item->setClipAxisRect(rect);
        item->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atRight));
        item->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        item->setText(QStringLiteral("\u25BC"));  // a down-pointing flag above the bar
        item->setColor(QColor(255, 193, 7));
        QFont font = item->font();
        font.setBold(true);
        item->setFont(font);
        item->setSelectable(false);
        m_items.push_back(item);
    }
    for (std::size_t i = 0; i < m_shown.size(); ++i) {
        const AlertLogEntry &e = *m_shown[i];
        m_items[i]->setColor(e.missed ? QColor(158, 158, 158) : QColor(255, 193, 7));
        m_items[i]->setObjectName(e.fire.ruleId + QStringLiteral(": ") + e.condition);
    }
    place();
    plot->replot(QCustomPlot::rpQueuedReplot);
}

void AlertMarks::place()
{
    if (!m_chart)
        return;
    const CandleDataAdapter *data = m_chart->candleData();
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        const std::optional<std::size_t> index
            = data ? data->indexOfTime(m_shown[i]->fire.barTime) : std::nullopt;
        m_items[i]->setVisible(index.has_value());
        if (index)
            m_items[i]->position->setCoords(double(*index), data->bar(*index).high);
    }
}

int AlertMarks::visibleMarks() const
{
    int count = 0;
    for (const QCPItemText *item : m_items)
        count += item->visible() ? 1 : 0;
    return count;
}

std::vector<TimeMs> AlertMarks::markedBars() const
{
    std::vector<TimeMs> bars;
    for (std::size_t i = 0; i < m_items.size(); ++i)
        if (m_items[i]->visible())
            bars.push_back(m_shown[i]->fire.barTime);
    return bars;
}

}  // namespace wick
