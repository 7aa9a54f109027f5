// core/indicators: Ehlers' Hilbert transform machinery shared by HT_DCPERIOD,
// HT_DCPHASE, HT_PHASOR, HT_SINE, HT_TRENDMODE, HT_TRENDLINE and MAMA, in
// TA-Lib's order of floating-point operations (bit-exact with TA-Lib 0.6.4).
// Plain copyable values, members of an indicator on the thread that feeds it.
//
// HilbertCore folds one close per call: a 4-tap weighted smoother of the price
// (weights 4,3,2,1 over 10), then, from bar `start` on, the detrender, the
// quadrature Q1, the in-phase I1 (the detrender three bars back) and jI/jQ,
// each kept in separate buffers for even and odd bars, then the measured
// period and its smoothed value. The start bar is 12 for the functions with
// lookback 32 and 37 for those with lookback 63 (TA-Lib's warm-up of its
// smoother), and it fixes which bars count as even. The unstable period is 0.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>

#include "indicators/Indicator.h"

namespace wick::ind {

// 180/pi as TA-Lib forms it (45/atan(1) and 180/(4 atan(1)) are the same double).
inline const double kHtRad2Deg = 45.0 / std::atan(1.0);
inline const double kHtDeg2Rad = 1.0 / kHtRad2Deg;
inline const double kHtTwoPi = std::atan(1.0) * 8.0;

class HilbertCore
{
public:
    explicit HilbertCore(int start)
        : m_start(start)
    { }

    // Folds x; true if the transform ran on this bar (the fields below are
    // then this bar's). Bars are counted from 0.
    bool advance(double x)
    {
        const int t = m_bars++;
        if (t < 3) {
            m_sub += x;
            m_sum += x * double(t + 1);
            shiftInputs(x);
            return false;
        }
        m_sub += x;
        m_sub -= m_trailing;
        m_sum += x * 4.0;
        m_trailing = m_in[2];
        smoothed = m_sum * 0.1;
        m_sum -= m_sub;
        shiftInputs(x);
        if (t < m_start)
            return false;
        transform((t % 2) == 0);
        return true;
    }

    int bars() const { return m_bars; }

    double smoothed = 0.0;  // the smoothed price
    double inPhase = 0.0;  // I1
    double quadrature = 0.0;  // Q1
    double period = 0.0;  // the measured period, limited and smoothed once
    double smoothPeriod = 0.0;  // ... and twice

private:
    // One of the four transforms: its even and odd halves.
    struct Stage {
        struct Half {
            std::array<double, 3> ring {};
            double prev = 0.0;
            double prevInput = 0.0;
        };
        Half half[2];  // [0] even bars, [1] odd bars
    };

    double apply(Stage &stage, int parity, double input, double adjusted) const
    {
        Stage::Half &h = stage.half[parity];
        const double scaled = 0.0962 * input;
        double v = -h.ring[std::size_t(m_ringPos)];
        h.ring[std::size_t(m_ringPos)] = scaled;
        v += scaled;
        v -= h.prev;
        h.prev = 0.5769 * h.prevInput;
        v += h.prev;
        h.prevInput = input;
        v *= adjusted;
        return v;
    }

    void transform(bool even)
    {
        const double adjusted = (0.075 * period) + 0.54;
        const int parity = even ? 0 : 1;
        const double i1 = even ? m_i1Even3 : m_i1Odd3;
        const double detrender = apply(m_detrender, parity, smoothed, adjusted);
        const double q1 = apply(m_q1, parity, detrender, adjusted);
        const double ji = apply(m_ji, parity, i1, adjusted);
        const double jq = apply(m_jq, parity, q1, adjusted);
        if (even) {
            if (++m_ringPos == 3)
                m_ringPos = 0;
        }
        const double q2 = (0.2 * (q1 + ji)) + (0.8 * m_prevQ2);
        const double i2 = (0.2 * (i1 - jq)) + (0.8 * m_prevI2);
        if (even) {
            m_i1Odd3 = m_i1Odd2;
            m_i1Odd2 = detrender;
        } else {
            m_i1Even3 = m_i1Even2;
            m_i1Even2 = detrender;
        }
        inPhase = i1;
        quadrature = q1;

        m_re = (0.2 * ((i2 * m_prevI2) + (q2 * m_prevQ2))) + (0.8 * m_re);
        m_im = (0.2 * ((i2 * m_prevQ2) - (q2 * m_prevI2))) + (0.8 * m_im);
        m_prevQ2 = q2;
        m_prevI2 = i2;
        const double last = period;
        if ((m_im != 0.0) && (m_re != 0.0))
            period = 360.0 / (std::atan(m_im / m_re) * kHtRad2Deg);
        double limit = 1.5 * last;
        if (period > limit)
            period = limit;
        limit = 0.67 * last;
        if (period < limit)
            period = limit;
        if (period < 6)
            period = 6;
        else if (period > 50)
            period = 50;
        period = (0.2 * period) + (0.8 * last);
        smoothPeriod = (0.33 * period) + (0.67 * smoothPeriod);
    }

    void shiftInputs(double x)
    {
        m_in[2] = m_in[1];
        m_in[1] = m_in[0];
        m_in[0] = x;
    }

    int m_start;
    int m_bars = 0;
    // The smoother: running sums and the last three inputs.
    double m_sub = 0.0;
    double m_sum = 0.0;
    double m_trailing = 0.0;
    std::array<double, 3> m_in {};
    // The transform.
    int m_ringPos = 0;
    Stage m_detrender;
    Stage m_q1;
    Stage m_ji;
    Stage m_jq;
    double m_i1Odd2 = 0.0;
    double m_i1Odd3 = 0.0;
    double m_i1Even2 = 0.0;
    double m_i1Even3 = 0.0;
    double m_prevI2 = 0.0;
    double m_prevQ2 = 0.0;
    double m_re = 0.0;
    double m_im = 0.0;
};

// The dominant cycle phase in degrees (HT_DCPHASE, HT_SINE, HT_TRENDMODE): a
// discrete Fourier sum over the last int(smoothPeriod + 0.5) smoothed prices.
class DcPhase
{
public:
    double update(double smoothed, double smoothPeriod)
    {
        m_prices[std::size_t(m_pos)] = smoothed;
        const int n = int(smoothPeriod + 0.5);
        double realPart = 0.0;
        double imagPart = 0.0;
        int at = m_pos;
        for (int i = 0; i < n; ++i) {
            const double angle = (double(i) * kHtTwoPi) / double(n);
            const double v = m_prices[std::size_t(at)];
            realPart += std::sin(angle) * v;
            imagPart += std::cos(angle) * v;
            at = at == 0 ? kSize - 1 : at - 1;
        }
        const double magnitude = std::fabs(imagPart);
        if (magnitude > 0.0)
            m_phase = std::atan(realPart / imagPart) * kHtRad2Deg;
        else if (magnitude <= 0.01) {
            if (realPart < 0.0)
                m_phase -= 90.0;
            else if (realPart > 0.0)
                m_phase += 90.0;
        }
        m_phase += 90.0;
        m_phase += 360.0 / smoothPeriod;
        if (imagPart < 0.0)
            m_phase += 180.0;
        if (m_phase > 315.0)
            m_phase -= 360.0;
        if (++m_pos == kSize)
            m_pos = 0;
        return m_phase;
    }

    double phase() const { return m_phase; }

private:
    static constexpr int kSize = 50;
    std::array<double, kSize> m_prices {};
    int m_pos = 0;
    double m_phase = 0.0;
};

// The instantaneous trendline (HT_TRENDLINE, HT_TRENDMODE): the mean of the
// last int(smoothPeriod + 0.5) closes, then a 4-3-2-1 weighted average of it.
class HtTrendline
{
public:
    void push(double x)  // every bar, from the first
    {
        if (++m_pos == kSize)
            m_pos = 0;
        m_closes[std::size_t(m_pos)] = x;
    }

    double update(double smoothPeriod)  // after push() of the bar
    {
        const int n = int(smoothPeriod + 0.5);
        double mean = 0.0;
        int at = m_pos;
        for (int i = 0; i < n; ++i) {
            mean += m_closes[std::size_t(at)];
            at = at == 0 ? kSize - 1 : at - 1;
        }
        if (n > 0)
            mean = mean / double(n);
        const double line = (4.0 * mean + 3.0 * m_trend1 + 2.0 * m_trend2 + m_trend3) / 10.0;
        m_trend3 = m_trend2;
        m_trend2 = m_trend1;
        m_trend1 = mean;
        return line;
    }

private:
    static constexpr int kSize = 64;
    std::array<double, kSize> m_closes {};
    int m_pos = kSize - 1;
    double m_trend1 = 0.0;
    double m_trend2 = 0.0;
    double m_trend3 = 0.0;
};

// MESA adaptive moving average (MAMA and FAMA): alpha from the rate of change
// of the phase atan(Q1/I1), between slowLimit and fastLimit. Lookback 32.
class MamaCore
{
public:
    MamaCore(double fastLimit, double slowLimit)
        : m_fast(fastLimit)
        , m_slow(slowLimit)
    { }

    static constexpr int kLookback = 32;

    // Folds x; true (and mama/fama set) from the bar the transform starts on.
    bool advance(double x)
    {
        if (!m_ht.advance(x))
            return false;
        double phase = 0.0;
        if (m_ht.inPhase != 0.0)
            phase = std::atan(m_ht.quadrature / m_ht.inPhase) * kHtRad2Deg;
        double delta = m_prevPhase - phase;
        m_prevPhase = phase;
        if (delta < 1.0)
            delta = 1.0;
        double alpha;
        if (delta > 1.0) {
            alpha = m_fast / delta;
            if (alpha < m_slow)
                alpha = m_slow;
        } else {
            alpha = m_fast;
        }
        mama = (alpha * x) + ((1 - alpha) * mama);
        alpha *= 0.5;
        fama = (alpha * mama) + ((1 - alpha) * fama);
        return true;
    }

    int bars() const { return m_ht.bars(); }

    double mama = 0.0;
    double fama = 0.0;

private:
    HilbertCore m_ht {12};
    double m_fast;
    double m_slow;
    double m_prevPhase = 0.0;
};

// TA_MA with the MAMA type: MAMA's first output with TA-Lib's limits 0.5 and
// 0.05 (the period is not used). A value core like SmaCore (Windows.h): NaN
// during the lookback, step<false> changes nothing.
class MamaValueCore
{
public:
    int lookback() const { return MamaCore::kLookback; }

    template<bool Commit>
    double step(double x)
    {
        if constexpr (Commit) {
            return advance(x);
        } else {
            MamaValueCore copy = *this;
            return copy.advance(x);
        }
    }

    bool steady() const { return m_core.bars() >= MamaCore::kLookback; }

    template<class In>
    std::size_t runCloses(const In *bars, std::size_t len, double *__restrict out)
    {
        return stepWhileValid<BarFields::Close>(bars, len, [&](const auto &b, std::size_t i) {
            m_core.advance(closeOf(b));
            out[i] = m_core.mama;
        });
    }

private:
    double advance(double x)
    {
        if (!m_core.advance(x) || m_core.bars() <= MamaCore::kLookback)
            return kNaN;
        return m_core.mama;
    }

    MamaCore m_core {0.5, 0.05};
};

}  // namespace wick::ind
