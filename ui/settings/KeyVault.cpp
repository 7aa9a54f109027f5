#include "settings/KeyVault.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QJsonDocument>
#include <QJsonObject>

#include <qt6keychain/keychain.h>
#include <spdlog/spdlog.h>

namespace wick {

namespace {

QString entryName(const QString &source)
{
    return source + QStringLiteral("/credentials");
}

// Whether a keychain service could answer at all: on Linux, a D-Bus session
// bus with the Secret Service or KWallet on it (running or activatable).
// Elsewhere the platform's own keychain always exists.
bool keychainServiceReachable()
{
#ifdef Q_OS_LINUX
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    QStringList names = bus.interface()->registeredServiceNames().value();
    names += bus.interface()->activatableServiceNames().value();
    for (const QString &name : std::as_const(names)) {
        if (name == QLatin1String("org.freedesktop.secrets")
            || name.startsWith(QLatin1String("org.kde.kwalletd")))
            return true;
    }
    return false;
#else
    return true;
#endif
}

// What a finished job came to, and what to say when it is not Done. The
// session bus is asked (synchronously, a local call) at most once, and only
// when a job failed for a reason QtKeychain does not name.
struct Verdict {
    KeyVault::Outcome outcome;
    QString reason;  // empty when Done
};

Verdict verdictOf(const QKeychain::Job &job)
{
    switch (job.error()) {
    case QKeychain::NoError:
        return {KeyVault::Outcome::Done, {}};
    case QKeychain::EntryNotFound:
        return {KeyVault::Outcome::NotFound, job.errorString()};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return {KeyVault::Outcome::NoKeychain, job.errorString()};
    default:
        // QtKeychain says "Unknown error" when no service is there to ask.
        if (keychainServiceReachable())
            return {KeyVault::Outcome::Failed, job.errorString()};
        return {KeyVault::Outcome::NoKeychain,
            KeyVault::tr("no Secret Service or KWallet on the D-Bus session bus")};
    }
}

}  // namespace

KeyVault::KeyVault(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
{ }

void KeyVault::read(const QString &source)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(entryName(source));
    connect(job, &QKeychain::Job::finished, this, [this, source](QKeychain::Job *done) {
        auto *reader = static_cast<QKeychain::ReadPasswordJob *>(done);
        auto [outcome, error] = verdictOf(*reader);
        Credentials credentials;
        if (outcome == Outcome::Done) {
            const QJsonObject o = QJsonDocument::fromJson(reader->textData().toUtf8()).object();
            credentials.key = o.value(QLatin1String("key")).toString();
            credentials.secret = o.value(QLatin1String("secret")).toString();
            if (credentials.isEmpty()) {
                outcome = Outcome::Failed;
                error = tr("the keychain entry holds no key");
            }
        }
        spdlog::info("keys: {} read from the keychain: {}", source.toStdString(),
            QVariant::fromValue(outcome).toString().toStdString());
        emit readFinished(source, outcome, credentials, error);
    });
    job->start();
}

void KeyVault::write(const QString &source, const Credentials &credentials)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);  // never a plain file
    job->setKey(entryName(source));
    job->setTextData(QString::fromUtf8(QJsonDocument(
        QJsonObject {{QStringLiteral("key"), credentials.key},
            {QStringLiteral("secret"),
                credentials.secret}}).toJson(QJsonDocument::Compact)));
    connect(job, &QKeychain::Job::finished, this, [this, source](QKeychain::Job *done) {
        const Verdict verdict = verdictOf(*done);
        spdlog::info("keys: {} written to the keychain: {}", source.toStdString(),
            QVariant::fromValue(verdict.outcome).toString().toStdString());
        emit writeFinished(source, verdict.outcome, verdict.reason);
    });
    job->start();
}

void KeyVault::remove(const QString &source)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(entryName(source));
    connect(job, &QKeychain::Job::finished, this, [this, source](QKeychain::Job *done) {
        const Verdict verdict = verdictOf(*done);
        emit removeFinished(source, verdict.outcome, verdict.reason);
    });
    job->start();
}

}  // namespace wick
