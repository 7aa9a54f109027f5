// core/model/SymbolRegistry: the run's symbol ids (small integers for
// source:CODE keys). One per process, shared by feeds, engine and UI; thread-safe.
#pragma once

#include <optional>
#include <vector>

#include <QHash>
#include <QReadWriteLock>

#include "model/Symbol.h"

namespace wick {

// Gives every symbol a small integer id (its index), so ticks and bars carry a
// 4-byte id instead of a string. Append-only and shared by feeds, the engine and
// the UI; every method is thread-safe.
class SymbolRegistry
{
public:
    // The id of the symbol with this key, registering it if it is new.
    SymbolId intern(const Symbol &symbol);
    std::optional<SymbolId> find(const QString &key) const;
    // The symbol of an id; an unknown id gives an empty Symbol.
    Symbol symbol(SymbolId id) const;
    std::vector<Symbol> all() const;
    std::size_t size() const;

private:
    mutable QReadWriteLock m_lock;
    std::vector<Symbol> m_symbols;
    QHash<QString, SymbolId> m_byKey;
};

}  // namespace wick
