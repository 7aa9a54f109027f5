#include "alerts/AlertEditorDialog.h"

#include <cmath>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimeZone>

#include "alerts/AlertWebhook.h"

namespace wick {

AlertEditorDialog::AlertEditorDialog(
    const AlertEntry &entry, const QStringList &symbols, QWidget *parent)
    : QDialog(parent)
    , m_entry(entry)
{
    setWindowTitle(
        entry.rule.id.isEmpty() ? tr("New alert") : tr("Edit alert %1").arg(entry.rule.id));
    auto *form = new QFormLayout;

    m_symbol = new QComboBox(this);
    m_symbol->setEditable(true);
    QStringList keys = symbols;
    if (!entry.rule.symbol.isEmpty() && !keys.contains(entry.rule.symbol))
        keys.prepend(entry.rule.symbol);
    m_symbol->addItems(keys);
    m_symbol->setCurrentText(entry.rule.symbol);
    form->addRow(tr("Symbol"), m_symbol);

    m_timeframe = new QComboBox(this);
    for (const Timeframe tf : kAllTimeframes)
        m_timeframe->addItem(timeframeName(tf), int(tf));
    m_timeframe->setCurrentIndex(int(timeframeIndex(entry.rule.timeframe)));
    form->addRow(tr("Timeframe"), m_timeframe);

    m_condition = new QLineEdit(entry.rule.text, this);
    m_condition->setPlaceholderText(
        tr("close crosses_above SMA:20, RSI:14 < 30 AND volume_spike 3 20"));
    m_condition->setMinimumWidth(420);
    form->addRow(tr("Condition"), m_condition);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    form->addRow(QString(), m_message);

    m_trigger = new QComboBox(this);
    for (const AlertTrigger t :
        {AlertTrigger::OncePerBarClose, AlertTrigger::OncePerBar, AlertTrigger::Once})
        m_trigger->addItem(alertTriggerName(t), int(t));
    m_trigger->setCurrentIndex(m_trigger->findData(int(entry.rule.trigger)));
    form->addRow(tr("Trigger"), m_trigger);
    m_triggerText = new QLabel(this);
    m_triggerText->setWordWrap(true);
    form->addRow(QString(), m_triggerText);

    m_cooldown = new QSpinBox(this);
    m_cooldown->setRange(0, 7 * 24 * 3600);
    m_cooldown->setSuffix(tr(" s"));
    m_cooldown->setSpecialValueText(tr("none"));
    m_cooldown->setValue(int(entry.rule.cooldownMs / 1000));
    form->addRow(tr("Cooldown"), m_cooldown);

    auto *expiryRow = new QHBoxLayout;
    m_expires = new QCheckBox(tr("expires"), this);
    m_expiry = new QDateTimeEdit(this);
    m_expiry->setTimeSpec(Qt::UTC);
    m_expiry->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    m_expiry->setDateTime(entry.rule.expiresAt != 0
            ? QDateTime::fromMSecsSinceEpoch(entry.rule.expiresAt, QTimeZone::utc())
            : QDateTime::currentDateTimeUtc().addDays(7));
    m_expires->setChecked(entry.rule.expiresAt != 0);
    m_expiry->setEnabled(m_expires->isChecked());
    connect(m_expires, &QCheckBox::toggled, m_expiry, &QWidget::setEnabled);
    expiryRow->addWidget(m_expires);
    expiryRow->addWidget(m_expiry, 1);
    form->addRow(tr("Expiry"), expiryRow);

    m_maxFires = new QSpinBox(this);
    m_maxFires->setRange(0, 1'000'000);
    m_maxFires->setSpecialValueText(tr("no limit"));
    m_maxFires->setValue(entry.rule.maxFires);
    form->addRow(tr("Max fires"), m_maxFires);

    auto *bandRow = new QHBoxLayout;
    m_useHysteresis = new QCheckBox(tr("re-arm past the level by"), this);
    m_hysteresis = new QDoubleSpinBox(this);
    m_hysteresis->setRange(0, 1e9);
    m_hysteresis->setDecimals(6);
    m_useHysteresis->setChecked(!std::isnan(entry.rule.hysteresis));
    m_hysteresis->setValue(std::isnan(entry.rule.hysteresis) ? 0.0 : entry.rule.hysteresis);
    m_hysteresis->setEnabled(m_useHysteresis->isChecked());
    connect(m_useHysteresis, &QCheckBox::toggled, m_hysteresis, &QWidget::setEnabled);
    bandRow->addWidget(m_useHysteresis);
    bandRow->addWidget(m_hysteresis, 1);
    form->addRow(tr("Hysteresis"), bandRow);

    m_sound = new QCheckBox(tr("beep when it fires"), this);
    m_sound->setChecked(entry.actions.sound);
    form->addRow(tr("Sound"), m_sound);
    m_webhookUrl = new QLineEdit(entry.actions.webhookUrl, this);
    m_webhookUrl->setPlaceholderText(QStringLiteral("https://example.com/hook"));
    form->addRow(tr("Webhook"), m_webhookUrl);
    m_webhookTemplate = new QPlainTextEdit(entry.actions.webhookTemplate, this);
    m_webhookTemplate->setPlaceholderText(QString::fromUtf8(AlertWebhook::kDefaultTemplate));
    m_webhookTemplate->setFixedHeight(54);
    form->addRow(tr("Body"), m_webhookTemplate);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_condition, &QLineEdit::textChanged, this, &AlertEditorDialog::validate);
    connect(m_trigger, &QComboBox::currentIndexChanged, this, &AlertEditorDialog::validate);
    validate();
}

QString AlertEditorDialog::triggerSentence(AlertTrigger trigger)
{
    switch (trigger) {
    case AlertTrigger::Once:
        return tr("Fires the first time the condition holds, on a forming or a closed bar, then "
                  "stays off until you re-arm it.");
    case AlertTrigger::OncePerBar:
        return tr("Checked on every update of the forming bar and at each close; fires at most "
                  "once per bar.");
    case AlertTrigger::OncePerBarClose:
        return tr("Checked only when a bar closes: a cross that reverts before the close never "
                  "fires.");
    }
    return {};
}

void AlertEditorDialog::validate()
{
    const auto trigger = AlertTrigger(m_trigger->currentData().toInt());
    m_triggerText->setText(triggerSentence(trigger));
    const QString message = validationMessage();
    if (m_condition->text().trimmed().isEmpty())
        m_message->setText(tr("Write a condition, e.g. close crosses_above 101.50"));
    else
        m_message->setText(message.isEmpty() ? tr("\u2713 valid") : message);
    m_message->setStyleSheet(
        message.isEmpty() ? QStringLiteral("color: #4caf50;") : QStringLiteral("color: #ef5350;"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(message.isEmpty());
}

QString AlertEditorDialog::validationMessage() const
{
    AlertRule probe;
    QString error;
    if (m_condition->text().trimmed().isEmpty())
        return tr("no condition");
    return probe.setText(m_condition->text(), &error) ? QString() : error;
}

bool AlertEditorDialog::isValid() const
{
    return validationMessage().isEmpty() && !m_symbol->currentText().trimmed().isEmpty();
}

AlertEntry AlertEditorDialog::entry() const
{
    AlertEntry e = m_entry;
    e.rule.symbol = m_symbol->currentText().trimmed();
    e.rule.timeframe = Timeframe(m_timeframe->currentData().toInt());
    QString error;
    e.rule.setText(m_condition->text().trimmed(), &error);
    e.rule.trigger = AlertTrigger(m_trigger->currentData().toInt());
    e.rule.cooldownMs = TimeMs(m_cooldown->value()) * 1000;
    e.rule.expiresAt = m_expires->isChecked() ? m_expiry->dateTime().toMSecsSinceEpoch() : 0;
    e.rule.maxFires = m_maxFires->value();
    e.rule.hysteresis = m_useHysteresis->isChecked() ? m_hysteresis->value() : std::nan("");
    e.actions.sound = m_sound->isChecked();
    e.actions.webhookUrl = m_webhookUrl->text().trimmed();
    e.actions.webhookTemplate = m_webhookTemplate->toPlainText();
    return e;
}

}  // namespace wick
