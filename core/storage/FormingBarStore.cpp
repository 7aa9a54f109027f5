#include "storage/FormingBarStore.h"

#include "storage/BarStore.h"
#include "storage/Database.h"
#include "storage/Statement.h"

namespace wick {

void FormingBarStore::save(
    StoredSymbolId symbol, Timeframe timeframe, const Bar &bar, TimeMs savedAt)
{
    Query upsert = m_db.query(
        "INSERT INTO forming_bars (symbol_id, timeframe, time, open, high, low, close, volume, "
        "trade_count, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
        "ON CONFLICT (symbol_id, timeframe) DO UPDATE SET time = excluded.time, "
        "open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, "
        "volume = excluded.volume, trade_count = excluded.trade_count, "
        "updated_at = excluded.updated_at");
    upsert->bind(1, symbol);
    upsert->bind(2, int(timeframe));
    upsert->bind(3, bar.time);
    upsert->bind(4, bar.open);
    upsert->bind(5, bar.high);
    upsert->bind(6, bar.low);
    upsert->bind(7, bar.close);
    upsert->bind(8, bar.volume);
    upsert->bind(9, bar.tradeCount);
    upsert->bind(10, savedAt);
    upsert->run();
}

void FormingBarStore::remove(StoredSymbolId symbol, Timeframe timeframe)
{
    Query erase = m_db.query("DELETE FROM forming_bars WHERE symbol_id = ?1 AND timeframe = ?2");
    erase->bind(1, symbol);
    erase->bind(2, int(timeframe));
    erase->run();
}

std::optional<FormingBarRecord> FormingBarStore::saved(StoredSymbolId symbol, Timeframe timeframe)
{
    Query select = m_db.query(
        "SELECT time, open, high, low, close, volume, trade_count, updated_at FROM forming_bars "
        "WHERE symbol_id = ?1 AND timeframe = ?2");
    select->bind(1, symbol);
    select->bind(2, int(timeframe));
    if (!select->step())
        return std::nullopt;
    FormingBarRecord record;
    record.bar = Bar {select->int64(0), select->real(1), select->real(2), select->real(3),
        select->real(4), select->real(5), select->int64(6)};
    record.savedAt = select->int64(7);
    return record;
}

std::optional<FormingBarRecord> FormingBarStore::current(StoredSymbolId symbol, Timeframe timeframe)
{
    if (m_db.userVersion() < 5)
        return std::nullopt;
    std::optional<FormingBarRecord> record = saved(symbol, timeframe);
    if (!record)
        return std::nullopt;
    const std::vector<Bar> newest = BarStore(m_db).last(symbol, timeframe, 1);
    if (!newest.empty() && newest.back().time >= record->bar.time)
        return std::nullopt;
    return record;
}

}  // namespace wick
