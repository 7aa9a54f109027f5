// core/feeds/demo: the offline demo market. DemoRandom is its random source:
// xoshiro256** seeded through splitmix64, with its own uniform, normal,
// exponential and chi-squared sampling built only from IEEE-exact operations
// (+ - * / sqrt, frexp, ldexp) and the portable log/exp below, so that the same
// seed gives the same numbers with every compiler and standard library
// (std::normal_distribution and std::log do not promise that). A plain value
// on its owner's thread (each demo symbol process has its own).
#pragma once

#include <cstdint>
#include <string_view>

namespace wick {

// log and exp from basic arithmetic only: bit-identical on every platform
// (the build disables floating-point contraction). Accurate to about 1 ulp.
double portableLog(double x);
double portableExp(double x);

// A 64-bit hash of a seed and a name (FNV-1a over the name, mixed by
// splitmix64): each demo symbol's stream is seeded from hash(seed, code), so
// adding a symbol never changes another one's data.
std::uint64_t demoStreamSeed(std::uint64_t seed, std::string_view name);

class DemoRandom
{
public:
    explicit DemoRandom(std::uint64_t seed);

    std::uint64_t nextU64();
    // Uniform in (0, 1]: never 0, so its log is finite.
    double uniform();
    // Standard normal (Marsaglia's polar method).
    double normal();
    // Exponential with mean 1.
    double exponential();
    // Chi-squared with an integer number of degrees of freedom.
    double chiSquared(int degreesOfFreedom);
    // A draw of (nu - 2) / chi2(nu): multiplying a normal's variance by it gives
    // a Student-t with nu degrees of freedom and unit variance (nu > 2).
    double studentVarianceScale(int nu);

private:
    std::uint64_t m_state[4];
    double m_spareNormal = 0.0;
    bool m_hasSpare = false;
};

}  // namespace wick
