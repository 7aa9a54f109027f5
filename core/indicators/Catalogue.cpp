#include "Catalogue.h"

#include <cmath>

#include <QLocale>

namespace wick {

namespace ind {

IndicatorParam period(double def, double min)
{
    return {QStringLiteral("period"), def, min, kMaxPeriod, true};
}

IndicatorParam named(const char16_t *name, double def, double min)
{
    return {QString::fromUtf16(name), def, min, kMaxPeriod, true};
}

IndicatorParam real(const char16_t *name, double def, double min, double max)
{
    return {QString::fromUtf16(name), def, min, max, false};
}

IndicatorParam smaOnlyType(const char16_t *name)
{
    return {QString::fromUtf16(name), 0, 0, 0, true, true};
}

QStringList oneOutput()
{
    return {QStringLiteral("value")};
}

// Integers without an exponent, others as short as exact.
QString formatParam(double v)
{
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        return QString::number(qint64(v));
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

}  // namespace ind

QString indicatorGroupName(IndicatorGroup group)
{
    switch (group) {
    case IndicatorGroup::Overlap:
        return QStringLiteral("Overlap Studies");
    case IndicatorGroup::Momentum:
        return QStringLiteral("Momentum Indicators");
    case IndicatorGroup::Volume:
        return QStringLiteral("Volume Indicators");
    case IndicatorGroup::Volatility:
        return QStringLiteral("Volatility Indicators");
    case IndicatorGroup::Cycle:
        return QStringLiteral("Cycle Indicators");
    case IndicatorGroup::PriceTransform:
        return QStringLiteral("Price Transform");
    case IndicatorGroup::Statistic:
        return QStringLiteral("Statistic Functions");
    case IndicatorGroup::Pattern:
        return QStringLiteral("Pattern Recognition");
    }
    return {};
}

std::span<const IndicatorInfo> indicatorCatalogue()
{
    static const std::vector<IndicatorInfo> infos = [] {
        std::vector<IndicatorInfo> all;
        for (auto family : {ind::averageEntries, ind::volatilityEntries, ind::directionalEntries,
                 ind::oscillatorEntries, ind::volumeEntries, ind::dojiEntries,
                 ind::twoCandleEntries, ind::lineShapeEntries, ind::candlePairEntries,
                 ind::candleTrioEntries, ind::fiveCandleEntries, ind::hikkakeEntries}) {
            for (IndicatorInfo &info : family())
                all.push_back(std::move(info));
        }
        return all;
    }();
    return infos;
}

const IndicatorInfo *findIndicator(const QString &name)
{
    for (const IndicatorInfo &info : indicatorCatalogue()) {
        if (info.name.compare(name, Qt::CaseInsensitive) == 0)
            return &info;
    }
    return nullptr;
}

}  // namespace wick
