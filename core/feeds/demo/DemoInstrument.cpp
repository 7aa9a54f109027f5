#include "feeds/demo/DemoInstrument.h"

namespace wick {

namespace {

DemoInstrument crypto(const char *code, const char *name, double ticksPerUnit, double price,
    double dailyVol, double tradesPerMinute, double sizeDivisor, double medianLots)
{
    DemoInstrument d;
    d.symbol.source = QStringLiteral("demo");
    d.symbol.code = QString::fromLatin1(code);
    d.symbol.displayName = QString::fromLatin1(name);
    d.symbol.assetClass = AssetClass::Crypto;
    d.symbol.timeZoneId = QByteArrayLiteral("UTC");
    d.symbol.session = SessionHours::twentyFourSeven();
    d.symbol.tickSize = 1.0 / ticksPerUnit;
    d.ticksPerUnit = ticksPerUnit;
    d.referencePrice = price;
    d.dailyVolatility = dailyVol;
    d.tradesPerMinute = tradesPerMinute;
    d.sizeDivisor = sizeDivisor;
    d.medianLots = medianLots;
    d.lotsSigma = 1.4;
    return d;
}

DemoInstrument listed(const char *code, const char *name, AssetClass assetClass, const char *zone,
    int openMinute, int closeMinute, double price, double ticksPerUnit, double dailyVol,
    double tradesPerMinute, std::int64_t lotUnits, double medianLots)
{
    DemoInstrument d;
    d.symbol.source = QStringLiteral("demo");
    d.symbol.code = QString::fromLatin1(code);
    d.symbol.displayName = QString::fromLatin1(name);
    d.symbol.assetClass = assetClass;
    d.symbol.timeZoneId = QByteArray(zone);
    d.symbol.session = SessionHours::weekdaysBetween(openMinute, closeMinute);
    d.symbol.tickSize = 1.0 / ticksPerUnit;
    d.ticksPerUnit = ticksPerUnit;
    d.referencePrice = price;
    d.dailyVolatility = dailyVol;
    d.gapShare = 0.2;
    d.tradesPerMinute = tradesPerMinute;
    d.lotUnits = lotUnits;
    d.medianLots = medianLots;
    d.lotsSigma = 1.1;
    return d;
}

}  // namespace

std::vector<DemoInstrument> demoInstruments()
{
    constexpr int h930 = 9 * 60 + 30;
    constexpr int h1600 = 16 * 60;
    std::vector<DemoInstrument> all;
    // Crypto: sizes in 1e-4 BTC / ETH, 0.01 SOL, 0.1 XRP.
    all.push_back(
        crypto("BTCUSD", "Demo Bitcoin / US Dollar", 100.0, 95000.0, 0.028, 16.0, 10000.0, 60.0));
    all.push_back(
        crypto("ETHUSD", "Demo Ether / US Dollar", 100.0, 3400.0, 0.038, 12.0, 10000.0, 900.0));
    all.push_back(
        crypto("SOLUSD", "Demo Solana / US Dollar", 100.0, 190.0, 0.050, 9.0, 100.0, 400.0));
    all.push_back(crypto("XRPUSD", "Demo XRP / US Dollar", 10000.0, 2.3, 0.048, 8.0, 10.0, 4000.0));
    all.push_back(listed("ACME", "Acme Corp (demo)", AssetClass::Equity, "America/New_York", h930,
        h1600, 182.0, 100.0, 0.019, 24.0, 1, 40.0));
    all.push_back(listed("GLOBEX", "Globex Corp (demo)", AssetClass::Equity, "America/New_York",
        h930, h1600, 415.0, 100.0, 0.016, 18.0, 1, 25.0));
    all.push_back(listed("DEMO500", "Demo 500 Index (demo)", AssetClass::Index, "America/New_York",
        h930, h1600, 5900.0, 100.0, 0.009, 20.0, 1, 5.0));
    all.push_back(listed("RHEIN", "Rhein Industrie AG (demo)", AssetClass::Equity, "Europe/Berlin",
        9 * 60, 17 * 60 + 30, 86.0, 100.0, 0.015, 14.0, 1, 120.0));
    // Tokyo trades in units of 100 shares, 1-yen ticks at this price level.
    all.push_back(listed("NIKKO", "Nikko Electric (demo)", AssetClass::Equity, "Asia/Tokyo", 9 * 60,
        15 * 60 + 30, 2480.0, 1.0, 0.017, 14.0, 100, 3.0));
    return all;
}

}  // namespace wick
