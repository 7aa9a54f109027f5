#include "Indicator.h"

namespace wick {

namespace {

// outs sized to count x n, and a pointer to each output's doubles.
std::vector<double *> outputPointers(
    int count, std::size_t n, std::vector<std::vector<double>> &outs)
{
    outs.resize(std::size_t(count));
    std::vector<double *> pointers(static_cast<std::size_t>(count));
    for (int k = 0; k < count; ++k) {
        outs[std::size_t(k)].resize(n);
        pointers[std::size_t(k)] = outs[std::size_t(k)].data();
    }
    return pointers;
}

bool isAffine(CloseResponse r)
{
    return r == CloseResponse::Affine || r == CloseResponse::AffineIncreasing;
}

bool isIncreasing(CloseResponse r)
{
    return r == CloseResponse::Increasing || r == CloseResponse::AffineIncreasing;
}

}  // namespace

CloseResponse composeResponse(CloseResponse outer, CloseResponse inner)
{
    if (outer == CloseResponse::OtherFields || inner == CloseResponse::OtherFields)
        return CloseResponse::OtherFields;
    const bool affine = isAffine(outer) && isAffine(inner);
    const bool increasing = isIncreasing(outer) && isIncreasing(inner);
    if (affine)
        return increasing ? CloseResponse::AffineIncreasing : CloseResponse::Affine;
    return increasing ? CloseResponse::Increasing : CloseResponse::Unknown;
}

void Indicator::batch(const Bar *bars, std::size_t n, std::vector<std::vector<double>> &outs)
{
    batch(bars, n, outputPointers(outputCount(), n, outs).data());
}

bool Indicator::batchValues(const double *x, std::size_t n, std::vector<std::vector<double>> &outs)
{
    if (!valueInput())
        return false;
    return batchValues(x, n, outputPointers(outputCount(), n, outs).data());
}

void Indicator::batchColumns(
    const BarColumns &columns, std::size_t n, std::vector<std::vector<double>> &outs)
{
    batchColumns(columns, n, outputPointers(outputCount(), n, outs).data());
}

}  // namespace wick
