// ui/chart: the volume pane's value axis, labelled 1.2K / 3.4M like the watchlist.
// Owned by that axis, on the UI thread.
#pragma once

#include <qcustomplot.h>

namespace wick {

class VolumeAxisTicker : public QCPAxisTicker
{
protected:
    QString getTickLabel(
        double tick, const QLocale &locale, QChar formatChar, int precision) override;
};

}  // namespace wick
