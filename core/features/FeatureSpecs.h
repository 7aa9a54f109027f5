// core/features: the indicator specs and the squeeze window FeatureSet.cpp
// computes its indicator columns from (featureColumns() names them in its
// definitions: change both together, and kFeatureSetVersion). Constants, any
// thread.
#pragma once

#include <cstddef>

namespace wick {

inline constexpr char kRsiSpec[] = "RSI:14";
inline constexpr char kMacdSpec[] = "MACD:12,26,9";
inline constexpr char kBandsSpec[] = "BBANDS:20,2,2";
inline constexpr char kSma20Spec[] = "SMA:20";
inline constexpr char kSma50Spec[] = "SMA:50";
inline constexpr char kSma200Spec[] = "SMA:200";
inline constexpr char kVolumeMeanSpec[] = "SMA:20";  // over the volume column
// bb_squeeze ranks the current band width among this many (itself included).
inline constexpr std::size_t kSqueezeWindow = 100;

}  // namespace wick
