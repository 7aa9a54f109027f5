// ui/settings: ApiKeysController, the app's side of API keys: at start it
// reads from the OS keychain (KeyVault, asynchronously) the key of every
// source of the session that needs one and hands it to the source's feed;
// View > API Keys... opens the ApiKeysDialog, whose saved or session-only keys
// go to the feed at once. Keys live in the keychain and in the feeds' memory,
// nowhere else. UI thread.
#pragma once

#include <QObject>
#include <QPointer>

#include "settings/ApiKeysDialog.h"

namespace wick {

class MarketSession;

class ApiKeysController final : public QObject
{
    Q_OBJECT

public:
    ApiKeysController(MarketSession *session, QWidget *dialogParent, KeyVault *vault = nullptr,
        QObject *parent = nullptr);

    // The sources the dialog lists: those of the catalogue that take a key.
    static std::vector<ApiKeysDialog::Source> keyedSources();
    // Reads the keys of the session's sources that need one (at start).
    void loadKeys();
    void openDialog();
    ApiKeysDialog *dialog() const { return m_dialog; }
    KeyVault *vault() const { return m_vault; }

signals:
    // A source got its key (or lost it): from the keychain or the dialog.
    void credentialsApplied(const QString &source, bool present);

private:
    void apply(const QString &source, const Credentials &credentials);

    MarketSession *m_session;
    QWidget *m_dialogParent;
    KeyVault *m_vault;
    QPointer<ApiKeysDialog> m_dialog;
};

}  // namespace wick
