#include "TalibReference.h"

#ifdef WICK_HAVE_TALIB

#include <algorithm>

#include <ta_abstract.h>
#include <ta_libc.h>

#include "BenchClock.h"

namespace wick::bench {

namespace {

bool initialise()
{
    static const bool ok = [] {
        if (TA_Initialize() != TA_SUCCESS)
            return false;
        // The golden files' settings: no unstable period, TA-Lib's own compatibility.
        TA_SetUnstablePeriod(TA_FUNC_UNST_ALL, 0);
        TA_SetCompatibility(TA_COMPATIBILITY_DEFAULT);
        return true;
    }();
    return ok;
}

// What a real input of a one-input function reads: the close, except BETA and
// CORREL, whose two inputs are high and low (as the golden files were made).
const double *realInput(const std::string &name, unsigned index, const PriceColumns &in)
{
    if (name == "BETA" || name == "CORREL")
        return index == 0 ? in.high.data() : in.low.data();
    return in.close.data();
}

}  // namespace

bool TalibReference::available()
{
    return initialise();
}

std::string TalibReference::version()
{
    return TA_GetVersionString();
}

std::optional<TalibRun> TalibReference::run(const std::string &name, const PriceColumns &in)
{
    if (!initialise())
        return std::nullopt;
    const TA_FuncHandle *handle = nullptr;
    const TA_FuncInfo *info = nullptr;
    if (TA_GetFuncHandle(name.c_str(), &handle) != TA_SUCCESS
        || TA_GetFuncInfo(handle, &info) != TA_SUCCESS)
        return std::nullopt;
    TA_ParamHolder *params = nullptr;
    if (TA_ParamHolderAlloc(handle, &params) != TA_SUCCESS)
        return std::nullopt;
    const std::size_t n = in.size();
    bool ok = true;
    for (unsigned i = 0; i < info->nbInput && ok; ++i) {
        const TA_InputParameterInfo *p = nullptr;
        TA_GetInputParameterInfo(handle, i, &p);
        if (p->type == TA_Input_Price)
            ok = TA_SetInputParamPricePtr(params, i, in.open.data(), in.high.data(), in.low.data(),
                     in.close.data(), in.volume.data(), in.volume.data())
                == TA_SUCCESS;
        else if (p->type == TA_Input_Real)
            ok = TA_SetInputParamRealPtr(params, i, realInput(name, i, in)) == TA_SUCCESS;
        else
            ok = false;
    }
    TalibRun result;
    std::vector<std::vector<int>> integers(info->nbOutput);
    std::vector<bool> isInteger(info->nbOutput, false);
    result.outputs.resize(info->nbOutput);
    for (unsigned k = 0; k < info->nbOutput && ok; ++k) {
        const TA_OutputParameterInfo *p = nullptr;
        TA_GetOutputParameterInfo(handle, k, &p);
        if (p->type == TA_Output_Integer) {
            isInteger[k] = true;
            integers[k].assign(n, 0);
            ok = TA_SetOutputParamIntegerPtr(params, k, integers[k].data()) == TA_SUCCESS;
        } else {
            result.outputs[k].assign(n, 0.0);
            ok = TA_SetOutputParamRealPtr(params, k, result.outputs[k].data()) == TA_SUCCESS;
        }
    }
    TA_Integer begin = 0;
    TA_Integer count = 0;
    if (ok) {
        TA_RetCode code = TA_SUCCESS;
        result.nsPerBar
            = bestOf3(n, [&] { code = TA_CallFunc(params, 0, TA_Integer(n) - 1, &begin, &count); });
        ok = code == TA_SUCCESS;
    }
    TA_ParamHolderFree(params);
    if (!ok)
        return std::nullopt;
    result.begin = begin;
    for (unsigned k = 0; k < info->nbOutput; ++k) {
        if (isInteger[k])
            result.outputs[k].assign(integers[k].begin(), integers[k].end());
        result.outputs[k].resize(std::size_t(std::max(count, 0)));
    }
    return result;
}

}  // namespace wick::bench

#else

namespace wick::bench {

bool TalibReference::available()
{
    return false;
}

std::string TalibReference::version()
{
    return {};
}

std::optional<TalibRun> TalibReference::run(const std::string &, const PriceColumns &)
{
    return std::nullopt;
}

}  // namespace wick::bench

#endif
