#include "feeds/yahoo/YahooQuotes.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "feeds/yahoo/YahooCrumb.h"
#include "feeds/yahoo/YahooQuoteParser.h"
#include "net/RestClient.h"

namespace wick {

YahooQuotes::YahooQuotes(RestClient &rest, YahooCrumb &crumb, int batchSize)
    : m_rest(rest)
    , m_crumb(crumb)
    , m_batchSize(std::max(1, batchSize))
{ }

void YahooQuotes::fetch(const QStringList &codes, Done done, Failed failed)
{
    for (qsizetype i = 0; i < codes.size(); i += m_batchSize)
        send(codes.mid(i, m_batchSize), done, failed, false);
}

void YahooQuotes::send(QStringList batch, Done done, Failed failed, bool retried)
{
    m_crumb.withCrumb([this, batch = std::move(batch), done = std::move(done),
                          failed = std::move(failed), retried](const QString &crumb) {
        RestRequest r;
        r.path = QStringLiteral("/v7/finance/quote");
        r.query.addQueryItem(QStringLiteral("symbols"), batch.join(QLatin1Char(',')));
        if (!crumb.isEmpty())
            r.query.addQueryItem(QStringLiteral("crumb"), crumb);
        r.maxAttempts = 3;
        r.onAnswer = [this, batch, done, failed, retried, crumb](const RestAnswer &a) {
            const bool refused = a.status == 401
                || (a.outcome == RestOutcome::ClientError
                    && a.error.message.contains(QLatin1String("Invalid Crumb")));
            if (refused && !retried) {
                // Yahoo rotated the crumb (or the cookie expired): both anew, once.
                spdlog::info("yahoo: quote batch refused ({}); refreshing cookie and crumb",
                    a.error.message.toStdString());
                ++m_crumbRetries;
                m_crumb.invalidate(crumb);
                send(batch, done, failed, true);
                return;
            }
            const auto quotes = a.outcome == RestOutcome::Success
                ? parseYahooQuotes(a.body)
                : Parsed<std::vector<YahooQuote>>(ParseError {QString(),
                    restOutcomeName(a.outcome) + QLatin1Char(' ') + QString::number(a.status)
                        + QStringLiteral(": ") + a.error.message});
            if (!quotes) {
                ++m_failures;
                spdlog::warn("yahoo: quotes of {} unusable: {}",
                    batch.join(QLatin1Char(',')).toStdString(),
                    quotes.error().toString().toStdString());
                if (failed)
                    failed(batch, quotes.error().toString());
                return;
            }
            done(batch, quotes.value());
        };
        m_rest.enqueue(std::move(r));
    });
}

}  // namespace wick
