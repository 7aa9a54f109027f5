#include "feeds/yahoo/YahooCrumb.h"

#include <spdlog/spdlog.h>

#include "net/RestClient.h"

namespace wick {

YahooCrumb::YahooCrumb(RestClient &rest, QUrl cookieUrl)
    : m_rest(rest)
    , m_cookieUrl(std::move(cookieUrl))
{ }

void YahooCrumb::withCrumb(Ready ready)
{
    if (!m_crumb.isEmpty()) {
        ready(m_crumb);
        return;
    }
    m_waiting.push_back(std::move(ready));
    if (!m_fetching)
        fetch();
}

void YahooCrumb::invalidate(const QString &refused)
{
    if (m_crumb == refused)
        m_crumb.clear();
}

void YahooCrumb::reset()
{
    m_crumb.clear();
    m_waiting.clear();
    m_fetching = false;
}

void YahooCrumb::fetch()
{
    m_fetching = true;
    ++m_fetches;
    // The visit sets the cookie (Yahoo answers it with 404 and Set-Cookie; any
    // answer will do: the crumb request says whether it worked).
    RestRequest visit;
    visit.url = m_cookieUrl;
    visit.path = m_cookieUrl.toString();
    visit.maxAttempts = 2;
    visit.onAnswer = [this](const RestAnswer &) {
        RestRequest r;
        r.path = QStringLiteral("/v1/test/getcrumb");
        r.maxAttempts = 3;
        r.onAnswer = [this](const RestAnswer &a) {
            const QString crumb = QString::fromUtf8(a.body).trimmed();
            // A crumb is a short token; an HTML or JSON page is not one.
            const bool ok = a.outcome == RestOutcome::Success && !crumb.isEmpty()
                && crumb.size() <= 64 && !crumb.contains(QLatin1Char('<'))
                && !crumb.contains(QLatin1Char('{'));
            if (!ok)
                spdlog::error("yahoo: no crumb (HTTP {}, {}): {}", a.status,
                    restOutcomeName(a.outcome).toStdString(), a.body.left(120).toStdString());
            done(ok ? crumb : QString());
        };
        m_rest.enqueue(std::move(r));
    };
    m_rest.enqueue(std::move(visit));
}

void YahooCrumb::done(const QString &crumb)
{
    m_fetching = false;
    m_crumb = crumb;
    std::vector<Ready> waiting;
    waiting.swap(m_waiting);
    for (const Ready &ready : waiting)
        ready(crumb);
}

}  // namespace wick
