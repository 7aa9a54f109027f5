// core/storage/SymbolStore: the symbols table, keyed by (source, code). A view
// over one Database, on that connection's thread.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "model/Symbol.h"
#include "storage/StorageTypes.h"

namespace wick {

class Database;

struct StoredSymbol {
    StoredSymbolId id = 0;
    Symbol symbol;
    friend bool operator==(const StoredSymbol &, const StoredSymbol &) = default;
};

// Symbols known to the cache (table symbols), keyed by (source, code). Sources
// are stored lowercased ("Binance" and "binance" are one source); codes as given.
class SymbolStore
{
public:
    explicit SymbolStore(Database &db)
        : m_db(db)
    { }

    // Inserts the symbol or updates every field of the stored one; returns its id.
    StoredSymbolId save(const Symbol &symbol);
    // The id of source:code, inserting it with default fields if it is new
    // (an existing symbol keeps its fields).
    StoredSymbolId ensure(const QString &source, const QString &code);
    std::optional<StoredSymbolId> find(const QString &source, const QString &code);
    std::optional<Symbol> symbol(StoredSymbolId id);
    // Every symbol, by id.
    std::vector<StoredSymbol> all();
    // Removes the symbol with its bars, coverage and watchlist entries.
    bool remove(StoredSymbolId id);

    static QString normalizedSource(const QString &source) { return source.toLower(); }
    // "source:CODE" -> {source lowercased, CODE}; nullopt unless both are non-empty.
    static std::optional<std::pair<QString, QString>> splitKey(const QString &key);

private:
    Database &m_db;
};

}  // namespace wick
