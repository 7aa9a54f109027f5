// Stream frames: parseBinanceStreamFrame, parseBinanceTrade, parseBinanceKline,
// parseBinanceMiniTicker, parseBinanceReply and the QJsonDocument trade parser on the same bytes.
// The specific parsers must agree with the frame classifier.
#include <QByteArrayView>

#include "FuzzCheck.h"
#include "feeds/binance/BinanceStreamParser.h"

using namespace wick;
using namespace wick::fuzz;

namespace {

bool sameTrade(const BinanceTrade &a, const BinanceTrade &b)
{
    // Bitwise: both came from the same text through the same decimal parser.
    return a.symbol == b.symbol && a.eventTime == b.eventTime && a.tradeTime == b.tradeTime
        && a.tradeId == b.tradeId && a.price == b.price && a.quantity == b.quantity
        && a.buyerIsMaker == b.buyerIsMaker;
}

bool sameKline(const BinanceKline &a, const BinanceKline &b)
{
    return a.symbol == b.symbol && a.interval == b.interval && a.eventTime == b.eventTime
        && a.bar.time == b.bar.time && a.bar.open == b.bar.open && a.bar.high == b.bar.high
        && a.bar.low == b.bar.low && a.bar.close == b.bar.close && a.bar.volume == b.bar.volume
        && a.bar.tradeCount == b.bar.tradeCount && a.closeTime == b.closeTime
        && a.firstTradeId == b.firstTradeId && a.lastTradeId == b.lastTradeId
        && a.quoteVolume == b.quoteVolume && a.takerBuyBaseVolume == b.takerBuyBaseVolume
        && a.takerBuyQuoteVolume == b.takerBuyQuoteVolume && a.closed == b.closed;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char *data, std::size_t size)
{
    const std::string_view text = textOf(data, size);

    const Parsed<BinanceFrame> frame = parseBinanceStreamFrame(text);
    const Parsed<BinanceTrade> trade = parseBinanceTrade(text);
    const Parsed<BinanceKline> kline = parseBinanceKline(text);
    const Parsed<BinanceReply> reply = parseBinanceReply(text);
    const Parsed<BinanceMiniTicker> ticker = parseBinanceMiniTicker(text);
    checkRefusal(ticker);
    checkRefusal(frame);
    checkRefusal(trade);
    checkRefusal(kline);
    checkRefusal(reply);

    const bool isTrade = frame.ok() && frame.value().kind == BinanceFrame::Kind::Trade;
    const bool isKline = frame.ok() && frame.value().kind == BinanceFrame::Kind::Kline;
    WICK_FUZZ_CHECK(trade.ok() == isTrade);
    WICK_FUZZ_CHECK(kline.ok() == isKline);
    if (trade.ok()) {
        checkTrade(trade.value());
        WICK_FUZZ_CHECK(sameTrade(trade.value(), frame.value().trade));
        WICK_FUZZ_CHECK(frame.value().eventTime == trade.value().eventTime);
        WICK_FUZZ_CHECK(frame.value().eventType == "trade");
    }
    if (kline.ok()) {
        checkBar(kline.value().bar);
        WICK_FUZZ_CHECK(std::isfinite(kline.value().quoteVolume));
        WICK_FUZZ_CHECK(std::isfinite(kline.value().takerBuyBaseVolume));
        WICK_FUZZ_CHECK(std::isfinite(kline.value().takerBuyQuoteVolume));
        WICK_FUZZ_CHECK(kline.value().closeTime >= kline.value().bar.time);
        WICK_FUZZ_CHECK(sameKline(kline.value(), frame.value().kline));
        WICK_FUZZ_CHECK(frame.value().eventType == "kline");
    }
    const bool isTicker = frame.ok() && frame.value().kind == BinanceFrame::Kind::MiniTicker;
    WICK_FUZZ_CHECK(ticker.ok() == isTicker);
    if (ticker.ok()) {
        const BinanceMiniTicker &t = ticker.value();
        const BinanceMiniTicker &f = frame.value().miniTicker;
        WICK_FUZZ_CHECK(std::isfinite(t.open) && t.open > 0.0 && std::isfinite(t.close)
            && t.close > 0.0 && t.high >= t.low);
        WICK_FUZZ_CHECK(t.symbol == f.symbol && t.eventTime == f.eventTime && t.open == f.open
            && t.close == f.close && t.high == f.high && t.low == f.low && t.volume == f.volume
            && t.quoteVolume == f.quoteVolume);
        WICK_FUZZ_CHECK(frame.value().eventType == "24hrMiniTicker");
    }
    if (frame.ok() && frame.value().kind == BinanceFrame::Kind::Reply) {
        // A frame classified as a reply is one to the reply parser too, the same one.
        WICK_FUZZ_CHECK(reply.ok());
        const BinanceReply &a = frame.value().reply;
        const BinanceReply &b = reply.value();
        WICK_FUZZ_CHECK(a.id == b.id && a.isError == b.isError && a.errorCode == b.errorCode
            && a.errorMessage == b.errorMessage && a.hasList == b.hasList
            && a.streams == b.streams);
        WICK_FUZZ_CHECK(!(a.isError && a.hasList));
    }
    if (reply.ok() && reply.value().id.kind != BinanceRequestId::Kind::Text)
        WICK_FUZZ_CHECK(reply.value().id.text.isEmpty());

    // The QJsonDocument alternative: any input, no crash; a trade it accepts is finite.
    const Parsed<BinanceTrade> qt = parseBinanceTradeQt(
        QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    checkRefusal(qt);
    if (qt.ok())
        checkTrade(qt.value());
    return 0;
}
