// REST error bodies and rate-limit headers: parseBinanceApiError on the body,
// parseBinanceRateLimitHeaders on the input read as "Name: value" lines (the
// shape of the http_*_headers.txt fixtures; the status line and body are
// lines without a colon and skipped, as QNetworkReply never hands them over).
#include <QByteArray>
#include <QList>
#include <QPair>

#include "FuzzCheck.h"
#include "feeds/binance/BinanceRestParser.h"

using namespace wick;
using namespace wick::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char *data, std::size_t size)
{
    const std::string_view text = textOf(data, size);

    const Parsed<BinanceApiError> error = parseBinanceApiError(text);
    checkRefusal(error);
    if (error.ok() && error.value().bannedUntil)
        WICK_FUZZ_CHECK(*error.value().bannedUntil >= 0);

    QList<QPair<QByteArray, QByteArray>> headers;
    const QByteArray bytes(text.data(), qsizetype(text.size()));
    for (const QByteArray &line : bytes.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        headers.append({line.left(colon), line.mid(colon + 1)});
    }
    const Parsed<BinanceRateLimitHeaders> limits = parseBinanceRateLimitHeaders(headers);
    checkRefusal(limits);
    if (limits.ok()) {
        if (limits.value().usedWeight1m)
            WICK_FUZZ_CHECK(*limits.value().usedWeight1m >= 0);
        if (limits.value().retryAfterSeconds)
            WICK_FUZZ_CHECK(*limits.value().retryAfterSeconds >= 0
                && *limits.value().retryAfterSeconds <= 10LL * 365 * 86400);
    }
    return 0;
}
