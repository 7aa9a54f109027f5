// core/feeds/yahoo: YahooCrumb, the cookie and crumb that Yahoo's quote
// endpoint wants (on its feed's thread, over the feed's RestClient, whose
// cookie jar keeps the cookie). A first visit to the cookie URL sets the
// cookie, GET /v1/test/getcrumb answers the crumb as plain text, and a crumb
// Yahoo refuses (401 "Invalid Crumb") is dropped with invalidate() so the next
// caller fetches cookie and crumb again.
#pragma once

#include <functional>
#include <vector>

#include <QString>
#include <QUrl>

namespace wick {

class RestClient;

class YahooCrumb
{
public:
    using Ready = std::function<void(const QString &crumb)>;

    YahooCrumb(RestClient &rest, QUrl cookieUrl);

    // `ready` gets the crumb: at once when one is known, else once fetched (an
    // empty crumb when Yahoo would not give one; logged).
    void withCrumb(Ready ready);
    // `refused` was refused: when it is still the crumb, the next withCrumb()
    // fetches cookie and crumb anew (a newer one is kept).
    void invalidate(const QString &refused);
    // The client stopped (its queue dropped): nothing is fetched or waited for.
    void reset();
    const QString &crumb() const { return m_crumb; }
    // Cookie and crumb fetches started so far.
    int fetches() const { return m_fetches; }

private:
    void fetch();
    void done(const QString &crumb);

    RestClient &m_rest;
    QUrl m_cookieUrl;
    QString m_crumb;
    std::vector<Ready> m_waiting;
    bool m_fetching = false;
    int m_fetches = 0;
};

}  // namespace wick
