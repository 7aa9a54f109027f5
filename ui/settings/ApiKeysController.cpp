#include "settings/ApiKeysController.h"

#include <spdlog/spdlog.h>

#include "feeds/SourceCatalog.h"
#include "session/FeedHost.h"
#include "session/MarketSession.h"

namespace wick {

ApiKeysController::ApiKeysController(
    MarketSession *session, QWidget *dialogParent, KeyVault *vault, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_dialogParent(dialogParent)
    , m_vault(vault ? vault : new KeyVault(QStringLiteral("Wick"), this))
{
    connect(m_vault, &KeyVault::readFinished, this,
        [this](const QString &source, KeyVault::Outcome outcome, const Credentials &credentials,
            const QString &error) {
            if (outcome == KeyVault::Outcome::Done)
                apply(source, credentials);
            else if (outcome != KeyVault::Outcome::NotFound)
                spdlog::warn("keys: no key for {} from the keychain ({}); View > API Keys... "
                             "takes one",
                    source.toStdString(), error.toStdString());
        });
}

std::vector<ApiKeysDialog::Source> ApiKeysController::keyedSources()
{
    const std::vector<ApiKeysDialog::Source> known {
        {QStringLiteral("alphavantage"), QStringLiteral("Alpha Vantage"), false},
        {QStringLiteral("alpaca"), QStringLiteral("Alpaca"), true},
    };
    std::vector<ApiKeysDialog::Source> listed;
    for (const ApiKeysDialog::Source &s : known) {
        if (SourceCatalog::instance().contains(s.name))
            listed.push_back(s);
    }
    return listed;
}

void ApiKeysController::loadKeys()
{
    for (const auto &host : m_session->feeds()) {
        if (host->capabilities() & Feed::NeedsCredentials)
            m_vault->read(host->source());
    }
}

void ApiKeysController::openDialog()
{
    if (!m_dialog) {
        m_dialog = new ApiKeysDialog(m_vault, keyedSources(), m_dialogParent);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_dialog, &ApiKeysDialog::credentialsChanged, this, &ApiKeysController::apply);
    }
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
}

void ApiKeysController::apply(const QString &source, const Credentials &credentials)
{
    if (FeedHost *host = m_session->feed(source))
        host->setCredentials(credentials);
    else
        spdlog::info("keys: {} is not a source of this session (settings.ini sources/{}); the "
                     "key is used when it is",
            source.toStdString(), source.toStdString());
    emit credentialsApplied(source, !credentials.isEmpty());
}

}  // namespace wick
