#include "settings/ApiKeysDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace wick {

ApiKeysDialog::ApiKeysDialog(KeyVault *vault, std::vector<Source> sources, QWidget *parent)
    : QDialog(parent)
    , m_vault(vault)
{
    setWindowTitle(tr("API Keys"));
    setObjectName(QStringLiteral("apiKeysDialog"));
    auto *layout = new QVBoxLayout(this);
    // The window grows with a status that wraps onto more lines.
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    auto *intro = new QLabel(tr("Keys are kept in the operating system's keychain, never in "
                                "settings files, the cache or the log."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_rows.reserve(sources.size());
    for (Source &source : sources) {
        Row r;
        r.source = std::move(source);
        auto *box = new QGroupBox(r.source.title, this);
        box->setMinimumWidth(480);
        auto *rows = new QVBoxLayout(box);
        auto *form = new QFormLayout;
        rows->addLayout(form);
        r.key = new QLineEdit(box);
        r.key->setObjectName(r.source.name + QStringLiteral("Key"));
        r.key->setEchoMode(QLineEdit::Password);
        r.key->setPlaceholderText(tr("API key"));
        form->addRow(tr("Key"), r.key);
        if (r.source.hasSecret) {
            r.secret = new QLineEdit(box);
            r.secret->setObjectName(r.source.name + QStringLiteral("Secret"));
            r.secret->setEchoMode(QLineEdit::Password);
            form->addRow(tr("Secret"), r.secret);
        }
        auto *buttons = new QHBoxLayout;
        r.save = new QPushButton(tr("Save"), box);
        r.save->setObjectName(r.source.name + QStringLiteral("Save"));
        r.remove = new QPushButton(tr("Remove"), box);
        r.remove->setObjectName(r.source.name + QStringLiteral("Remove"));
        r.sessionOnly = new QPushButton(tr("Use for This Session Only"), box);
        r.sessionOnly->setObjectName(r.source.name + QStringLiteral("SessionOnly"));
        r.sessionOnly->setVisible(false);
        buttons->addWidget(r.save);
        buttons->addWidget(r.remove);
        buttons->addWidget(r.sessionOnly);
        buttons->addStretch(1);
        rows->addLayout(buttons);
        r.status = new QLabel(box);
        r.status->setObjectName(r.source.name + QStringLiteral("Status"));
        r.status->setWordWrap(true);
        r.status->setTextInteractionFlags(Qt::TextSelectableByMouse);
        // Room for the longest status (three lines) without the window jumping.
        r.status->setMinimumHeight(3 * r.status->fontMetrics().lineSpacing());
        r.status->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        rows->addWidget(r.status);
        layout->addWidget(box);
        m_rows.push_back(std::move(r));
    }
    for (Row &r : m_rows) {
        const QString name = r.source.name;
        connect(r.save, &QPushButton::clicked, this, [this, name] {
            if (Row *found = row(name))
                save(*found);
        });
        connect(r.remove, &QPushButton::clicked, this, [this, name] {
            if (Row *found = row(name)) {
                found->status->setText(tr("Removing\u2026"));
                m_vault->remove(name);
            }
        });
        connect(r.sessionOnly, &QPushButton::clicked, this, [this, name] {
            Row *found = row(name);
            if (!found || found->pending.isEmpty())
                return;
            emit credentialsChanged(name, found->pending);
            found->pending = {};
            found->sessionOnly->setVisible(false);
            found->status->setText(
                tr("In use for this session only: nothing was stored, the next start asks again."));
        });
    }
    connect(m_vault, &KeyVault::writeFinished, this, &ApiKeysDialog::onWritten);
    connect(m_vault, &KeyVault::removeFinished, this, &ApiKeysDialog::onRemoved);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(close);
}

ApiKeysDialog::Row *ApiKeysDialog::row(const QString &source)
{
    for (Row &r : m_rows) {
        if (r.source.name == source)
            return &r;
    }
    return nullptr;
}

QString ApiKeysDialog::statusText(const QString &source) const
{
    for (const Row &r : m_rows) {
        if (r.source.name == source)
            return r.status->text();
    }
    return {};
}

void ApiKeysDialog::save(Row &r)
{
    Credentials c {r.key->text().trimmed(), r.secret ? r.secret->text().trimmed() : QString()};
    if (c.isEmpty() || (r.source.hasSecret && c.secret.isEmpty())) {
        r.status->setText(
            r.source.hasSecret ? tr("Enter the key and the secret.") : tr("Enter the key."));
        return;
    }
    // The fields forget it at once; only the keychain (or this session) keeps it.
    r.key->clear();
    if (r.secret)
        r.secret->clear();
    r.pending = c;
    r.sessionOnly->setVisible(false);
    r.status->setText(tr("Saving to the keychain\u2026"));
    m_vault->write(r.source.name, c);
}

void ApiKeysDialog::onWritten(
    const QString &source, KeyVault::Outcome outcome, const QString &error)
{
    Row *r = row(source);
    if (!r || r->pending.isEmpty())
        return;
    switch (outcome) {
    case KeyVault::Outcome::Done:
        emit credentialsChanged(source, r->pending);
        r->pending = {};
        r->status->setText(tr("Stored in the OS keychain and in use."));
        return;
    case KeyVault::Outcome::NoKeychain:
        r->sessionOnly->setVisible(true);
        r->status->setText(tr("No keychain service answers (%1). Wick stores keys nowhere "
                              "else; you can use this key for this session only.")
                               .arg(error));
        return;
    case KeyVault::Outcome::NotFound:
    case KeyVault::Outcome::Failed:
        r->sessionOnly->setVisible(true);
        r->status->setText(tr("The keychain refused the key: %1").arg(error));
        return;
    }
}

void ApiKeysDialog::onRemoved(
    const QString &source, KeyVault::Outcome outcome, const QString &error)
{
    Row *r = row(source);
    if (!r)
        return;
    emit credentialsChanged(source, Credentials {});
    r->status->setText(outcome == KeyVault::Outcome::Done || outcome == KeyVault::Outcome::NotFound
            ? tr("Removed: the source asks nothing until it has a key.")
            : tr("Taken from the source, but the keychain could not remove it: %1").arg(error));
}

}  // namespace wick
