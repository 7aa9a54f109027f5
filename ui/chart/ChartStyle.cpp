#include "chart/ChartStyle.h"

#include <QCoreApplication>

namespace wick {

QString chartTypeKey(ChartType type)
{
    switch (type) {
    case ChartType::Candles:
        return QStringLiteral("candles");
    case ChartType::HollowCandles:
        return QStringLiteral("hollow");
    case ChartType::OhlcBars:
        return QStringLiteral("bars");
    case ChartType::Line:
        return QStringLiteral("line");
    case ChartType::Area:
        return QStringLiteral("area");
    case ChartType::Baseline:
        return QStringLiteral("baseline");
    case ChartType::HeikinAshi:
        return QStringLiteral("heikin-ashi");
    }
    return QStringLiteral("candles");
}

std::optional<ChartType> chartTypeFromKey(const QString &key)
{
    for (ChartType type : kAllChartTypes) {
        if (chartTypeKey(type) == key)
            return type;
    }
    return std::nullopt;
}

QString chartTypeName(ChartType type)
{
    switch (type) {
    case ChartType::Candles:
        return QCoreApplication::translate("wick::ChartStyle", "Candles");
    case ChartType::HollowCandles:
        return QCoreApplication::translate("wick::ChartStyle", "Hollow candles");
    case ChartType::OhlcBars:
        return QCoreApplication::translate("wick::ChartStyle", "Bars");
    case ChartType::Line:
        return QCoreApplication::translate("wick::ChartStyle", "Line");
    case ChartType::Area:
        return QCoreApplication::translate("wick::ChartStyle", "Area");
    case ChartType::Baseline:
        return QCoreApplication::translate("wick::ChartStyle", "Baseline");
    case ChartType::HeikinAshi:
        return QCoreApplication::translate("wick::ChartStyle", "Heikin-Ashi");
    }
    return {};
}

QString scaleModeKey(ScaleMode mode)
{
    switch (mode) {
    case ScaleMode::Linear:
        return QStringLiteral("linear");
    case ScaleMode::Log:
        return QStringLiteral("log");
    case ScaleMode::Percent:
        return QStringLiteral("percent");
    }
    return QStringLiteral("linear");
}

std::optional<ScaleMode> scaleModeFromKey(const QString &key)
{
    for (ScaleMode mode : {ScaleMode::Linear, ScaleMode::Log, ScaleMode::Percent}) {
        if (scaleModeKey(mode) == key)
            return mode;
    }
    return std::nullopt;
}

}  // namespace wick
