// core/engine: BarListener, how a consumer on the engine thread (an alert
// rule engine, a NATS publisher) observes one series as it changes, without
// copying history. Register it with MarketEngine::addBarListener(listener,
// symbol, timeframe) and remove it with removeBarListener() before it goes;
// both on the engine thread. Every call comes on the engine thread, with a
// SeriesView that is valid for that call only.
//
// When:
// - barClosed: a bar of the series closed (live trades, the clock, a source's
//   closed bars appended at the tail); called after the bar is in
//   series.closed() and every indicator run of the series has its value at it,
//   once per closed bar, oldest first. The higher timeframes a minute closes
//   are called after that minute's 1m call.
// - formingBarChanged: trades or a source's forming bar changed the forming
//   bar; once per batch of trades (after the closes the batch caused), not per
//   trade. A close by the clock that leaves no forming bar calls only barClosed.
// - seriesReset: the closed bars were replaced rather than appended (history
//   loaded, a source's bar replacing the newest closed one, a higher
//   timeframe's native bars merged): one call after the whole load, never one
//   per historical bar. Re-read what you need from the view.
// A call may add or remove listeners (one removed during a call is not called
// again) and acquire or release indicator runs; it must not feed the engine
// (ticks, bars) from inside a call.
// During a call a listener may say which forming updates it need not hear of
// (SeriesView::holdForming, engine/FormingHold.h): the engine then skips them
// until its next call of the series.
#pragma once

namespace wick {

class SeriesView;

class BarListener
{
public:
    virtual ~BarListener() = default;

    virtual void barClosed(const SeriesView &series) = 0;
    virtual void formingBarChanged(const SeriesView &series) = 0;
    virtual void seriesReset(const SeriesView &series) = 0;
};

}  // namespace wick
