// ui/settings: KeyVault, the API keys of the sources that need an account, in
// the OS keychain through QtKeychain (the Secret Service or KWallet over D-Bus
// on Linux, the Keychain on macOS, the Credential Manager on Windows): service
// "Wick", one entry per source holding its key and secret. Every call is a
// job that answers with a signal: the UI thread never waits on the keychain,
// which may be locked and ask the user. Nothing of a key is logged. UI thread.
#pragma once

#include <QObject>
#include <QString>

#include "feeds/Feed.h"

namespace wick {

class KeyVault final : public QObject
{
    Q_OBJECT

public:
    // What a job came to.
    enum class Outcome {
        Done,  // read (found), written or removed
        NotFound,  // nothing stored for the source
        NoKeychain,  // no keychain service answers (headless Linux without one)
        Failed,  // the keychain refused (denied, locked and cancelled, ...)
    };
    Q_ENUM(Outcome)

    explicit KeyVault(QString service = QStringLiteral("Wick"), QObject *parent = nullptr);

    void read(const QString &source);
    void write(const QString &source, const wick::Credentials &credentials);
    void remove(const QString &source);

signals:
    // `credentials` is empty unless outcome is Done; `error` says why otherwise.
    void readFinished(const QString &source, wick::KeyVault::Outcome outcome,
        const wick::Credentials &credentials, const QString &error);
    void writeFinished(
        const QString &source, wick::KeyVault::Outcome outcome, const QString &error);
    void removeFinished(
        const QString &source, wick::KeyVault::Outcome outcome, const QString &error);

private:
    QString m_service;
};

}  // namespace wick
