// core/indicators: TA-Lib's moving-average types (optInMAType) and MaCore, the
// value core that computes TA_MA(type, period) bar by bar: the building block
// of every function with an MA-type parameter (BBANDS, STOCH, MA, ...). A plain
// copyable member of an indicator, on that indicator's thread.
#pragma once

#include <cstddef>
#include <variant>

#include <QString>

#include "indicators/AverageCores.h"
#include "indicators/HilbertCore.h"
#include "indicators/Windows.h"

namespace wick::ind {

// TA-Lib's numbering (TA_MAType_SMA = 0 ... TA_MAType_T3 = 8).
enum class MaType { Sma = 0, Ema, Wma, Dema, Tema, Trima, Kama, Mama, T3 };

// Empty if `type` (a parameter value) is a moving-average type that MaCore
// computes, else the reason it is refused.
QString maTypeProblem(double type);

// TA_MA(type, period) over a series that starts at the first step: NaN during
// the lookback, then TA-Lib's values bit for bit. Period 1 copies the input
// (lookback 0) whatever the type, as TA_MA does. step<false> changes nothing.
class MaCore
{
public:
    MaCore(MaType type, int period);

    int lookback() const
    {
        return std::visit([](const auto &c) { return c.lookback(); }, m_core);
    }

    template<bool Commit>
    double step(double x)
    {
        return std::visit([x](auto &c) { return c.template step<Commit>(x); }, m_core);
    }

    // Warm-up done: every later input gives a value.
    bool steady() const
    {
        return std::visit([](const auto &c) { return c.steady(); }, m_core);
    }

    // step<true> over the bars' closes (or a value column) while steady();
    // stops at the first NaN close and returns how many it stepped.
    template<class In>
    std::size_t runCloses(const In *bars, std::size_t len, double *__restrict out)
    {
        return std::visit([&](auto &c) { return c.runCloses(bars, len, out); }, m_core);
    }

private:
    // Period 1: the input itself.
    struct Copy {
        int lookback() const { return 0; }
        template<bool Commit>
        double step(double x)
        {
            return x;
        }
        bool steady() const { return true; }
        template<class In>
        std::size_t runCloses(const In *bars, std::size_t len, double *__restrict out)
        {
            return stepWhileValid<BarFields::Close>(
                bars, len, [&](const auto &b, std::size_t i) { out[i] = closeOf(b); });
        }
    };

    // One alternative per MaType.
    using Core = std::variant<Copy, SmaCore, EmaCore, WmaCore, MultiEmaCore<2>, MultiEmaCore<3>,
        TrimaCore, KamaCore, MamaValueCore, T3Core>;

    static Core make(MaType type, int period);

    Core m_core;
};

}  // namespace wick::ind
