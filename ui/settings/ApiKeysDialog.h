// ui/settings: ApiKeysDialog (View > API Keys...): for each source that
// needs an account (Alpha Vantage: a key; a source with a secret gets a second
// field) a hidden field, Save -- into the OS keychain, then in use at once --,
// and Remove. When no keychain service answers (headless Linux without a
// Secret Service) it says so and offers to use the key for this session only:
// nothing is stored then, and the next start asks again. What a key is never
// shows after it is saved (the fields clear). UI thread.
#pragma once

#include <vector>

#include <QDialog>

#include "feeds/Feed.h"
#include "settings/KeyVault.h"

class QLabel;
class QLineEdit;
class QPushButton;

namespace wick {

class ApiKeysDialog final : public QDialog
{
    Q_OBJECT

public:
    struct Source {
        QString name;  // "alphavantage"
        QString title;  // "Alpha Vantage"
        bool hasSecret = false;
    };

    ApiKeysDialog(KeyVault *vault, std::vector<Source> sources, QWidget *parent = nullptr);

    // What the dialog says for a source ("Stored in the OS keychain", ...): for tests.
    QString statusText(const QString &source) const;

signals:
    // A key to use now (empty: taken back), stored or for this session only.
    void credentialsChanged(const QString &source, const wick::Credentials &credentials);

private:
    struct Row {
        Source source;
        QLineEdit *key = nullptr;
        QLineEdit *secret = nullptr;
        QPushButton *save = nullptr;
        QPushButton *remove = nullptr;
        QPushButton *sessionOnly = nullptr;
        QLabel *status = nullptr;
        Credentials pending;  // what Save sent to the keychain
    };

    Row *row(const QString &source);
    void save(Row &row);
    void onWritten(const QString &source, KeyVault::Outcome outcome, const QString &error);
    void onRemoved(const QString &source, KeyVault::Outcome outcome, const QString &error);

    KeyVault *m_vault;
    std::vector<Row> m_rows;
};

}  // namespace wick
