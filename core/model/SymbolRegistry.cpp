#include "model/SymbolRegistry.h"

namespace wick {

SymbolId SymbolRegistry::intern(const Symbol &symbol)
{
    const QString key = symbol.key();
    QWriteLocker locker(&m_lock);
    const auto it = m_byKey.constFind(key);
    if (it != m_byKey.cend())
        return it.value();
    const auto id = static_cast<SymbolId>(m_symbols.size());
    m_symbols.push_back(symbol);
    m_byKey.insert(key, id);
    return id;
}

std::optional<SymbolId> SymbolRegistry::find(const QString &key) const
{
    QReadLocker locker(&m_lock);
    const auto it = m_byKey.constFind(key);
    if (it == m_byKey.cend())
        return std::nullopt;
    return it.value();
}

Symbol SymbolRegistry::symbol(SymbolId id) const
{
    QReadLocker locker(&m_lock);
    return id < m_symbols.size() ? m_symbols[id] : Symbol {};
}

std::vector<Symbol> SymbolRegistry::all() const
{
    QReadLocker locker(&m_lock);
    return m_symbols;
}

std::size_t SymbolRegistry::size() const
{
    QReadLocker locker(&m_lock);
    return m_symbols.size();
}

}  // namespace wick
