// ui/chart: TimeZoneButton, the chart toolbar's time-zone picker: shows the
// chart's zone ("NY", "UTC") and offers exchange, local, UTC, a few market
// zones and any other IANA zone (typed or picked from the machine's list).
// A widget on the UI thread.
#pragma once

#include <QToolButton>

#include "chart/ChartTimeZone.h"
#include "model/Symbol.h"

class QMenu;

namespace wick {

class TimeZoneButton : public QToolButton
{
    Q_OBJECT

public:
    explicit TimeZoneButton(QWidget *parent = nullptr);

    // What the button shows: the zone, for this symbol (the exchange zone is its own).
    void setZone(const ChartTimeZone &zone, const Symbol &symbol);
    const ChartTimeZone &zone() const { return m_zone; }

signals:
    void zoneChosen(const wick::ChartTimeZone &zone);

private:
    void rebuildMenu();
    void askForZone();

    QMenu *m_menu;
    ChartTimeZone m_zone;
    Symbol m_symbol;
};

}  // namespace wick
