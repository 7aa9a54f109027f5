#include "chart/VolumeAxisTicker.h"

#include "format/NumberFormat.h"

namespace wick {

QString VolumeAxisTicker::getTickLabel(
    double tick, const QLocale &locale, QChar formatChar, int precision)
{
    Q_UNUSED(locale)
    Q_UNUSED(formatChar)
    Q_UNUSED(precision)
    return format::volume(tick);
}

}  // namespace wick
