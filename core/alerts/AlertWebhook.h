// core/alerts/AlertWebhook: a rule's webhook -- an HTTP POST whose body is
// the rule's template with {{symbol}} {{close}} {{time}} {{rule}} filled in,
// sent as application/json when the rendered body is JSON (text/plain
// otherwise), each attempt given kTimeoutMs, failures (no answer, timeout,
// 408, 429, 5xx) retried with backoff (net/Backoff) up to maxAttempts. Fully
// asynchronous (QNetworkAccessManager): nothing waits for an answer, so it
// may live on the session thread beside the alert service, far from the
// engine. Every attempt is logged (spdlog) and reported (attempted).
#pragma once

#include <memory>

#include <QObject>
#include <QString>
#include <QUrl>

#include "alerts/AlertEntry.h"
#include "net/Backoff.h"

class QNetworkAccessManager;

namespace wick {

struct WebhookAttempt {
    QString ruleId;
    QUrl url;
    int attempt = 1;  // 1-based
    int status = 0;  // HTTP status; 0: no answer
    QString error;  // empty when accepted (2xx)
    TimeMs elapsedMs = 0;
    bool accepted = false;
    bool final = false;  // no attempt follows (accepted, refused for good, or out of attempts)
};

struct WebhookPolicy {
    int timeoutMs = 3000;
    int maxAttempts = 4;
    BackoffPolicy backoff {500, 8000, 2.0, Jitter::Full};
};

class AlertWebhook final : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *kDefaultTemplate
        = R"({"rule":"{{rule}}","symbol":"{{symbol}}","close":{{close}},"time":"{{time}}"})";

    explicit AlertWebhook(WebhookPolicy policy = {}, QObject *parent = nullptr);
    ~AlertWebhook() override;

    // The body for one fire: the template (kDefaultTemplate when empty) with
    // the placeholders replaced -- {{time}} is the bar's open time in ISO 8601
    // UTC, {{close}} the bar's close ("null" when the fire has none), {{rule}}
    // the condition's text; inside a JSON template the text values are escaped.
    static QByteArray render(const QString &templ, const AlertLogEntry &entry);
    // Whether a body is JSON (then sent as application/json).
    static bool isJson(const QByteArray &body);

    // Sends one fire to url; attempts follow by themselves.
    void send(const QUrl &url, const QString &templ, const AlertLogEntry &entry);
    int inFlight() const { return m_inFlight; }

signals:
    void attempted(const wick::WebhookAttempt &attempt);

private:
    struct Delivery;
    void post(std::shared_ptr<Delivery> delivery);

    WebhookPolicy m_policy;
    QNetworkAccessManager *m_network;
    int m_inFlight = 0;
};

}  // namespace wick

Q_DECLARE_METATYPE(wick::WebhookAttempt)
