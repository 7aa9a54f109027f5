#include "format/NumberFormat.h"

#include <cmath>

#include <QLocale>

namespace wick::format {

int decimalsForTick(double tickSize)
{
    if (!(tickSize > 0.0) || tickSize >= 1.0)
        return 0;
    // The epsilon keeps 0.01 (stored as 0.01000000000000000021) at 2, not 3.
    const int decimals = static_cast<int>(std::ceil(-std::log10(tickSize) - 1e-9));
    return qBound(0, decimals, 10);
}

QString price(double value, int decimals)
{
    if (std::isnan(value))
        return QString();
    return QLocale().toString(value, 'f', decimals);
}

QString changePercent(double percent)
{
    if (std::isnan(percent))
        return QString();
    const QString number = QLocale().toString(std::abs(percent), 'f', 2);
    const QChar sign = percent > 0.0 ? QLatin1Char('+') : (percent < 0.0 ? QChar(0x2212) : QChar());
    QString text = sign.isNull() ? number : QString(sign) + number;
    text += QLatin1Char('%');
    return text;
}

QString volume(double value)
{
    if (std::isnan(value))
        return QString();
    const QLocale locale;
    const double magnitude = std::abs(value);
    struct Unit {
        double scale;
        char suffix;
    };
    static constexpr Unit units[] = {{1e12, 'T'}, {1e9, 'B'}, {1e6, 'M'}, {1e3, 'K'}};
    for (const Unit &unit : units) {
        if (magnitude >= unit.scale) {
            const double scaled = value / unit.scale;
            const int decimals = std::abs(scaled) >= 100.0 ? 0 : 1;
            return locale.toString(scaled, 'f', decimals) + QLatin1Char(unit.suffix);
        }
    }
    // Fractional sizes (crypto) below 1000 keep a little precision.
    return locale.toString(
        value, 'f', magnitude >= 100.0 || magnitude == std::floor(magnitude) ? 0 : 2);
}

}  // namespace wick::format
