// tests/bench: TA-Lib's C library, called through its abstract interface
// (TA_CallFunc with the function's default parameters), for wick-bench's side-by-side
// figures. Compiled in only when CMake finds a TA-Lib build in WICK_TALIB_DIR
// (../shared/tools/talib/build.sh builds one; nothing of TA-Lib is committed or
// shipped); otherwise available() is false. The bench's main thread only.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace wick::bench {

// The input columns, one double per bar.
struct PriceColumns {
    std::vector<double> open, high, low, close, volume;
    std::size_t size() const { return close.size(); }
};

struct TalibRun {
    double nsPerBar = 0.0;  // best of 3, thread CPU time
    int begin = 0;  // TA-Lib's outBegIdx: outputs[k][j] is row begin + j
    std::vector<std::vector<double>> outputs;  // integer outputs converted to double
};

class TalibReference
{
public:
    static bool available();
    static std::string version();  // TA_GetVersionString(), or empty
    // Times TA-Lib's `name` over every row (startIdx 0), default parameters;
    // nullopt if TA-Lib lacks the function or returns an error.
    static std::optional<TalibRun> run(const std::string &name, const PriceColumns &in);
};

}  // namespace wick::bench
