// ui/alerts/AlertMarks: markers on the chart where an alert fired -- a small
// flag above the high of each fired bar of the shown series (its symbol and
// timeframe), the rule's condition on hover. Keeps the newest kMaxFires fires
// of the log; the marks are placed by bar time (a binary search each) before
// every replot, so new bars, older history and level of detail keep them on
// their bars. QCustomPlot items on the chart's price pane; UI thread.
#pragma once

#include <memory>
#include <vector>

#include <QObject>
#include <QPointer>

#include "alerts/AlertEntry.h"

class QCPItemText;

namespace wick {

class ChartView;
class SymbolRegistry;

class AlertMarks final : public QObject
{
    Q_OBJECT

public:
    static constexpr std::size_t kMaxFires = 500;

    AlertMarks(
        ChartView *chart, std::shared_ptr<SymbolRegistry> symbols, QObject *parent = nullptr);
    ~AlertMarks() override;

    // The log's fires (any symbol); the shown series' are marked.
    void setFires(const std::vector<AlertLogEntry> &fires);
    // Marks drawn on bars of the shown series now, for tests.
    int visibleMarks() const;
    // The bar times marked, in order, for tests.
    std::vector<TimeMs> markedBars() const;

private:
    void rebuild();
    void place();

    QPointer<ChartView> m_chart;
    std::shared_ptr<SymbolRegistry> m_symbols;
    std::vector<AlertLogEntry> m_fires;
    std::vector<const AlertLogEntry *> m_shown;  // the shown series' fires, one per item
    std::vector<QCPItemText *> m_items;
    SymbolId m_symbol = kInvalidSymbol;
    Timeframe m_timeframe = Timeframe::M1;
    bool m_rebuildQueued = false;
};

}  // namespace wick
