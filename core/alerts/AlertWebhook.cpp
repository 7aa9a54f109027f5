#include "alerts/AlertWebhook.h"

#include <cmath>

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <spdlog/spdlog.h>

#include "session/CoreMetaTypes.h"

namespace wick {

struct AlertWebhook::Delivery {
    QUrl url;
    QByteArray body;
    QByteArray contentType;
    QString ruleId;
    Backoff backoff;
    int attempt = 0;
};

AlertWebhook::AlertWebhook(WebhookPolicy policy, QObject *parent)
    : QObject(parent)
    , m_policy(policy)
    , m_network(new QNetworkAccessManager(this))
{
    registerCoreMetaTypes();
}

AlertWebhook::~AlertWebhook() = default;

namespace {

// A text value as it goes inside a JSON string (without the quotes).
QString jsonEscaped(const QString &text)
{
    QByteArray quoted = QJsonDocument::fromVariant(QVariantList {text})
                            .toJson(QJsonDocument::Compact);  // ["..."]
    return QString::fromUtf8(quoted.mid(2, quoted.size() - 4));
}

}  // namespace

QByteArray AlertWebhook::render(const QString &templ, const AlertLogEntry &entry)
{
    const QString pattern = templ.trimmed().isEmpty() ? QString::fromUtf8(kDefaultTemplate) : templ;
    const AlertFire &f = entry.fire;
    const QString close
        = std::isnan(f.close) ? QStringLiteral("null") : QString::number(f.close, 'g', 17);
    const QString time = QDateTime::fromMSecsSinceEpoch(f.barTime, QTimeZone::utc())
                             .toString(u"yyyy-MM-dd'T'HH:mm:ss'Z'");
    const auto fill = [&](const QString &symbol, const QString &rule) {
        QString body = pattern;
        body.replace(QStringLiteral("{{symbol}}"), symbol);
        body.replace(QStringLiteral("{{close}}"), close);
        body.replace(QStringLiteral("{{time}}"), time);
        body.replace(QStringLiteral("{{rule}}"), rule);
        return body.toUtf8();
    };
    // A JSON template (JSON once filled with plain words) gets its text values
    // escaped; any other template takes them as they are.
    const bool json = isJson(fill(QStringLiteral("s"), QStringLiteral("r")));
    return json ? fill(jsonEscaped(f.symbol), jsonEscaped(entry.condition))
                : fill(f.symbol, entry.condition);
}

bool AlertWebhook::isJson(const QByteArray &body)
{
    QJsonParseError error;
    QJsonDocument::fromJson(body, &error);
    return error.error == QJsonParseError::NoError;
}

void AlertWebhook::send(const QUrl &url, const QString &templ, const AlertLogEntry &entry)
{
    auto delivery = std::make_shared<Delivery>();
    delivery->url = url;
    delivery->body = render(templ, entry);
    delivery->contentType = isJson(delivery->body) ? QByteArrayLiteral("application/json")
                                                   : QByteArrayLiteral("text/plain; charset=utf-8");
    delivery->ruleId = entry.fire.ruleId;
    delivery->backoff = Backoff(m_policy.backoff);
    ++m_inFlight;
    post(std::move(delivery));
}

void AlertWebhook::post(std::shared_ptr<Delivery> delivery)
{
    ++delivery->attempt;
    QNetworkRequest request(delivery->url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, delivery->contentType);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Wick alerts"));
    request.setTransferTimeout(m_policy.timeoutMs);
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    QNetworkReply *reply = m_network->post(request, delivery->body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, delivery, elapsed] {
        reply->deleteLater();
        WebhookAttempt a;
        a.ruleId = delivery->ruleId;
        a.url = delivery->url;
        a.attempt = delivery->attempt;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.elapsedMs = elapsed->elapsed();
        a.accepted = reply->error() == QNetworkReply::NoError && a.status >= 200 && a.status < 300;
        const bool retryable = !a.accepted
            && (a.status == 0 || a.status == 408 || a.status == 429 || a.status >= 500);
        if (!a.accepted) {
            a.error = reply->error() == QNetworkReply::OperationCanceledError
                ? QStringLiteral("timed out after %1 ms").arg(m_policy.timeoutMs)
                : a.status != 0 ? QStringLiteral("HTTP %1").arg(a.status)
                                : reply->errorString();
        }
        a.final = a.accepted || !retryable || delivery->attempt >= m_policy.maxAttempts;
        const TimeMs delay = a.final ? 0 : delivery->backoff.nextDelayMs();
        if (a.accepted)
            spdlog::info("alerts: webhook {} for rule {} accepted (HTTP {}, attempt {}, {} ms)",
                a.url.toString().toStdString(), a.ruleId.toStdString(), a.status, a.attempt,
                a.elapsedMs);
        else
            spdlog::warn("alerts: webhook {} for rule {} failed (attempt {}/{}, {} ms): {}{}",
                a.url.toString().toStdString(), a.ruleId.toStdString(), a.attempt,
                m_policy.maxAttempts, a.elapsedMs, a.error.toStdString(),
                a.final ? std::string(", giving up")
                        : ", retrying in " + std::to_string(delay) + " ms");
        if (a.final)
            --m_inFlight;
        emit attempted(a);
        if (!a.final)
            QTimer::singleShot(int(delay), this, [this, delivery] { post(delivery); });
    });
}

}  // namespace wick
