// wick-ui-bench's tick-to-pixel phase (UiBenchTickToPixel.cpp).
#pragma once

#include <QSize>
#include <QStringList>

// FakeBinanceServer on its own thread streams 2,000 trades a second over four
// symbols to a real BinanceFeed (its thread) and MarketEngine (its thread); a
// ChartView of `size` with `indicators` shows BTCUSDT 1m. Prints the time from
// each BTCUSDT trade frame leaving the server's socket to the end of the first
// paint of the chart that shows it (the forming candle's close and volume, and
// so the last-price tag, are those of that trade or a later one):
// `tick to pixel: p50 X ms, p99 Y ms (N trades)`. Never fails on time.
void runTickToPixelPhase(const QSize &size, const QStringList &indicators, int seconds);
