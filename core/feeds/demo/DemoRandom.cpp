#include "feeds/demo/DemoRandom.h"

#include <array>
#include <bit>
#include <cmath>

namespace wick {

namespace {

constexpr double kLn2Hi = 6.93147180369123816490e-01;  // high bits of ln 2 (exact in k * hi)
constexpr double kLn2Lo = 1.90821492927058770002e-10;  // ln 2 - kLn2Hi
constexpr double kInvLn2 = 1.44269504088896338700e+00;
// Series coefficients, folded by the compiler (IEEE round to nearest):
// log1p(f) = f * sum (-1)^k f^k / (k + 1), k = 0..9; exp(r) = sum r^n / n!, n = 0..7.
constexpr std::array<double, 10> kLog1pSeries = [] {
    std::array<double, 10> a {};
    for (std::size_t k = 0; k < a.size(); ++k)
        a[k] = (k % 2 == 0 ? 1.0 : -1.0) / static_cast<double>(k + 1);
    return a;
}();
constexpr std::array<double, 8> kExpSeries = [] {
    std::array<double, 8> a {};
    double factorial = 1.0;
    for (std::size_t n = 0; n < a.size(); ++n) {
        if (n > 0)
            factorial *= static_cast<double>(n);
        a[n] = 1.0 / factorial;
    }
    return a;
}();

std::uint64_t splitmix64(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// 2^(j/32); and for log, 1/c_j with c_j = 1 + (j + 0.5)/32 and -log(1/c_j).
// Literal constants, so they are the same bits everywhere.
constexpr std::array<double, 32> kExp2Table
    = {0x1.0000000000000p+0, 0x1.059b0d3158574p+0, 0x1.0b5586cf9890fp+0, 0x1.11301d0125b51p+0,
        0x1.172b83c7d517bp+0, 0x1.1d4873168b9aap+0, 0x1.2387a6e756238p+0, 0x1.29e9df51fdee1p+0,
        0x1.306fe0a31b715p+0, 0x1.371a7373aa9cbp+0, 0x1.3dea64c123422p+0, 0x1.44e086061892dp+0,
        0x1.4bfdad5362a27p+0, 0x1.5342b569d4f82p+0, 0x1.5ab07dd485429p+0, 0x1.6247eb03a5585p+0,
        0x1.6a09e667f3bcdp+0, 0x1.71f75e8ec5f74p+0, 0x1.7a11473eb0187p+0, 0x1.82589994cce13p+0,
        0x1.8ace5422aa0dbp+0, 0x1.93737b0cdc5e5p+0, 0x1.9c49182a3f090p+0, 0x1.a5503b23e255dp+0,
        0x1.ae89f995ad3adp+0, 0x1.b7f76f2fb5e47p+0, 0x1.c199bdd85529cp+0, 0x1.cb720dcef9069p+0,
        0x1.d5818dcfba487p+0, 0x1.dfc97337b9b5fp+0, 0x1.ea4afa2a490dap+0, 0x1.f50765b6e4540p+0};
constexpr std::array<double, 32> kLogInverse
    = {0x1.f81f81f81f820p-1, 0x1.e9131abf0b767p-1, 0x1.dae6076b981dbp-1, 0x1.cd85689039b0bp-1,
        0x1.c0e070381c0e0p-1, 0x1.b4e81b4e81b4fp-1, 0x1.a98ef606a63bep-1, 0x1.9ec8e951033d9p-1,
        0x1.948b0fcd6e9e0p-1, 0x1.8acb90f6bf3aap-1, 0x1.8181818181818p-1, 0x1.78a4c8178a4c8p-1,
        0x1.702e05c0b8170p-1, 0x1.6816816816817p-1, 0x1.6058160581606p-1, 0x1.58ed2308158edp-1,
        0x1.51d07eae2f815p-1, 0x1.4afd6a052bf5bp-1, 0x1.446f86562d9fbp-1, 0x1.3e22cbce4a902p-1,
        0x1.3813813813814p-1, 0x1.323e34a2b10bfp-1, 0x1.2c9fb4d812ca0p-1, 0x1.27350b8812735p-1,
        0x1.21fb78121fb78p-1, 0x1.1cf06ada2811dp-1, 0x1.1811811811812p-1, 0x1.135c81135c811p-1,
        0x1.0ecf56be69c90p-1, 0x1.0a6810a6810a7p-1, 0x1.0624dd2f1a9fcp-1, 0x1.0204081020408p-1};
constexpr std::array<double, 32> kLogOfCentre
    = {0x1.fc0a8b0fc03c4p-7, 0x1.77458f632dcffp-5, 0x1.341d7961bd1d0p-4, 0x1.a926d3a4ad562p-4,
        0x1.0d77e7cd08e5bp-3, 0x1.44d2b6ccb7d1cp-3, 0x1.7ab890210d907p-3, 0x1.af3c94e80bff3p-3,
        0x1.e27076e2af2e8p-3, 0x1.0a324e27390e2p-2, 0x1.22941fbcf7966p-2, 0x1.3a64c556945eap-2,
        0x1.51aad872df82ep-2, 0x1.686c81e9b14adp-2, 0x1.7eaf83b82afc2p-2, 0x1.947941c2116fbp-2,
        0x1.a9cec9a9a084ap-2, 0x1.beb4d9da71b7ap-2, 0x1.d32fe7e00ebd5p-2, 0x1.e744261d68789p-2,
        0x1.faf588f78f31dp-2, 0x1.0723e5c1cdf41p-1, 0x1.109f39e2d4c96p-1, 0x1.19ee6b467c96fp-1,
        0x1.23130d7bebf43p-1, 0x1.2c0e9ed448e8cp-1, 0x1.34e289d9ce1d2p-1, 0x1.3d9026a7156fbp-1,
        0x1.4618bc21c5ec2p-1, 0x1.4e7d811b75bb0p-1, 0x1.56bf9d5b3f399p-1, 0x1.5ee02a9241676p-1};

// floor() for |x| < 2^62 without a libm call (no SSE4.1 rounding by default).
std::int64_t floorToInt(double x)
{
    auto i = static_cast<std::int64_t>(x);
    if (static_cast<double>(i) > x)
        --i;
    return i;
}

std::uint64_t rotl(std::uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

}  // namespace

double portableLog(double x)
{
    if (!(x > 0.0))
        return x == 0.0 ? -HUGE_VAL : std::nan("");
    if (std::isinf(x))
        return x;
    int e = 0;
    double m = std::frexp(x, &e);  // x = m * 2^e, m in [0.5, 1)
    m *= 2.0;  // exact: m in [1, 2)
    --e;
    // log(m) = log(c_j) + log1p(m / c_j - 1), |m / c_j - 1| < 1/64.
    double f = m - 1.0;  // exact
    double logCentre = 0.0;
    if (f >= 1.0 / 64.0) {
        const auto j = static_cast<std::size_t>(f * 32.0);
        f = m * kLogInverse[j] - 1.0;
        logCentre = kLogOfCentre[j];
    }
    // log1p(f) to f^10 (Horner), error below 1e-19.
    double p = kLog1pSeries.back();
    for (std::size_t k = kLog1pSeries.size() - 1; k-- > 0;)
        p = kLog1pSeries[k] + f * p;
    const double de = static_cast<double>(e);
    return de * kLn2Hi + (de * kLn2Lo + (logCentre + f * p));
}

double portableExp(double x)
{
    if (std::isnan(x))
        return x;
    if (x > 709.78)
        return HUGE_VAL;
    if (x < -745.1)
        return 0.0;
    // x = (32 n + j) ln2 / 32 + r, |r| <= ln2 / 64.
    const std::int64_t ki = floorToInt(x * (32.0 * kInvLn2) + 0.5);
    const auto k = static_cast<double>(ki);
    const double r = (x - k * (kLn2Hi / 32.0)) - k * (kLn2Lo / 32.0);
    const auto j = static_cast<std::size_t>(ki & 31);
    const std::int64_t n = (ki - static_cast<std::int64_t>(j)) / 32;
    // e^r to r^7 / 7!, error below 1e-20.
    double p = kExpSeries.back();
    for (std::size_t i = kExpSeries.size() - 1; i-- > 0;)
        p = kExpSeries[i] + r * p;
    const double y = kExp2Table[j] * p;  // in [1, 2)
    if (n < -1021 || n > 1022)
        return std::ldexp(y, static_cast<int>(n));
    // y * 2^n, exactly, with 2^n built from its bits.
    const auto scale = std::bit_cast<double>(static_cast<std::uint64_t>(n + 1023) << 52);
    return y * scale;
}

std::uint64_t demoStreamSeed(std::uint64_t seed, std::string_view name)
{
    std::uint64_t hash = 0xCBF29CE484222325ull;  // FNV-1a 64
    for (const char c : name) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001B3ull;
    }
    std::uint64_t state = seed ^ rotl(hash, 17);
    splitmix64(state);
    return splitmix64(state) ^ hash;
}

DemoRandom::DemoRandom(std::uint64_t seed)
{
    std::uint64_t state = seed;
    for (auto &word : m_state)
        word = splitmix64(state);
}

std::uint64_t DemoRandom::nextU64()
{
    // xoshiro256** (Blackman & Vigna).
    const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const std::uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
}

double DemoRandom::uniform()
{
    return static_cast<double>((nextU64() >> 11) + 1) * 0x1.0p-53;
}

double DemoRandom::normal()
{
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spareNormal;
    }
    double u = 0.0;
    double v = 0.0;
    double s = 0.0;
    do {
        u = 2.0 * uniform() - 1.0;
        v = 2.0 * uniform() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double factor = std::sqrt(-2.0 * portableLog(s) / s);
    m_spareNormal = v * factor;
    m_hasSpare = true;
    return u * factor;
}

double DemoRandom::exponential()
{
    return -portableLog(uniform());
}

double DemoRandom::chiSquared(int degreesOfFreedom)
{
    // chi2(2k) = 2 * Gamma(k, 1) = -2 log(U1 ... Uk); an odd one adds a squared normal.
    double product = 1.0;
    for (int i = 0; i < degreesOfFreedom / 2; ++i)
        product *= uniform();
    double sum = -2.0 * portableLog(product);
    if (degreesOfFreedom % 2 != 0) {
        const double z = normal();
        sum += z * z;
    }
    return sum;
}

double DemoRandom::studentVarianceScale(int nu)
{
    return static_cast<double>(nu - 2) / chiSquared(nu);
}

}  // namespace wick
