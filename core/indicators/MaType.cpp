#include "MaType.h"

namespace wick::ind {

QString maTypeProblem(double type)
{
    (void)type;  // every type 0..8 (the parameter's range) is computed
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
    case MaType::Mama:  // TA_MA's fixed limits; the period is not used
        return MamaValueCore {};
    case MaType::T3:
        return T3Core(period, 0.7);  // TA_MA's volume factor
    }
    return SmaCore(period);
}

}  // namespace wick::ind
