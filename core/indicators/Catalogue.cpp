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

IndicatorParam maTypeParam(const char16_t *name)
{
    // TA-Lib's TA_MAType order.
    return {QString::fromUtf16(name), 0, 0, 8, true, true,
        {QStringLiteral("SMA"), QStringLiteral("EMA"), QStringLiteral("WMA"),
            QStringLiteral("DEMA"), QStringLiteral("TEMA"), QStringLiteral("TRIMA"),
            QStringLiteral("KAMA"), QStringLiteral("MAMA"), QStringLiteral("T3")}};
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
        // One family per line (Catalogue.h lists them): a new family is one added line.
        const auto families = {
            ind::averageEntries,
            ind::volatilityEntries,
            ind::directionalEntries,
            ind::oscillatorEntries,
            ind::volumeEntries,
            ind::priceTransformEntries,
            ind::statisticEntries,
            ind::parabolicEntries,
            ind::aroonEntries,
            ind::rateOfChangeEntries,
            ind::pressureEntries,
            ind::macdFamilyEntries,
            ind::stochasticEntries,
            ind::dojiEntries,
            ind::twoCandleEntries,
            ind::starEntries,
            ind::soldierEntries,
            ind::shadowEntries,
            ind::breakawayEntries,
            ind::cycleEntries,
            ind::lineShapeEntries,
            ind::candlePairEntries,
            ind::candleTrioEntries,
            ind::fiveCandleEntries,
            ind::hikkakeEntries,
        };
        for (auto family : families) {
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
