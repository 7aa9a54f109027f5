#include "MaType.h"

namespace wick::ind {

QString maTypeProblem(double type)
{
    if (MaType(int(type)) == MaType::Mama)
        return QStringLiteral("MAMA as a moving-average type is not available yet");
    return {};
}

MaCore::MaCore(MaType type, int period)
    : m_core(make(type, period))
{ }

MaCore::Core MaCore::make(MaType type, int period)
{
    if (period == 1)
        return Copy {};
    switch (type) {
    case MaType::Sma:
        return SmaCore(period);
    case MaType::Ema:
        return EmaCore(period);
    case MaType::Wma:
        return WmaCore(period);
    case MaType::Dema:
        return MultiEmaCore<2>(period);
    case MaType::Tema:
        return MultiEmaCore<3>(period);
    case MaType::Trima:
        return TrimaCore(period);
    case MaType::Kama:
        return KamaCore(period);
    case MaType::Mama:  // refused by maTypeProblem() until its core exists
        break;
    case MaType::T3:
        return T3Core(period, 0.7);  // TA_MA's volume factor
    }
    return SmaCore(period);
}

}  // namespace wick::ind
