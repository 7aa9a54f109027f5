#pragma once

#include <memory>
#include <vector>

#include <QMetaType>

#include "model/Bar.h"

namespace wick {

// Immutable bars shared between threads (history from a feed or the cache).
using BarsPtr = std::shared_ptr<const std::vector<Bar>>;

}  // namespace wick

Q_DECLARE_METATYPE(wick::BarsPtr)
