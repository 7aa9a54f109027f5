#include "Indicator.h"

namespace wick {

void Indicator::batch(const Bar *bars, std::size_t n, std::vector<std::vector<double>> &outs)
{
    const int count = outputCount();
    outs.resize(std::size_t(count));
    std::vector<double *> pointers(static_cast<std::size_t>(count));
    for (int k = 0; k < count; ++k) {
        outs[std::size_t(k)].resize(n);
        pointers[std::size_t(k)] = outs[std::size_t(k)].data();
    }
    batch(bars, n, pointers.data());
}

bool Indicator::batchValues(const double *x, std::size_t n, std::vector<std::vector<double>> &outs)
{
    if (!valueInput())
        return false;
    const int count = outputCount();
    outs.resize(std::size_t(count));
    std::vector<double *> pointers(static_cast<std::size_t>(count));
    for (int k = 0; k < count; ++k) {
        outs[std::size_t(k)].resize(n);
        pointers[std::size_t(k)] = outs[std::size_t(k)].data();
    }
    return batchValues(x, n, pointers.data());
}

}  // namespace wick
