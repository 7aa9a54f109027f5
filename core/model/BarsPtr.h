// core/model/BarsPtr: an immutable, shared vector of bars, the way bar history
// (from a feed or the cache) crosses threads in queued signals.
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
