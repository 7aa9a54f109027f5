// ui/alerts/AlertEditorDialog: creates or edits one alert rule -- symbol,
// timeframe, the condition text validated as it is typed (the parser's own
// message: unknown indicator, bad number, an output the indicator does not
// have), the trigger with one sentence on what it means, cooldown, expiry,
// maximum fires, hysteresis, sound and webhook. OK stays disabled while the
// condition does not parse. Non-modal (open()); UI thread.
#pragma once

#include <QDialog>

#include "alerts/AlertEntry.h"

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace wick {

class AlertEditorDialog final : public QDialog
{
    Q_OBJECT

public:
    // symbols: the keys offered (the watchlist); the entry's own is added.
    AlertEditorDialog(
        const AlertEntry &entry, const QStringList &symbols, QWidget *parent = nullptr);

    // The rule as edited (valid when the dialog was accepted).
    AlertEntry entry() const;
    // The condition's parse error ("" when it parses), for tests.
    QString validationMessage() const;
    bool isValid() const;
    // The sentence shown for a trigger.
    static QString triggerSentence(AlertTrigger trigger);

    QLineEdit *conditionEdit() const { return m_condition; }
    QComboBox *triggerBox() const { return m_trigger; }
    QLabel *triggerLabel() const { return m_triggerText; }

private:
    void validate();

    AlertEntry m_entry;
    QComboBox *m_symbol;
    QComboBox *m_timeframe;
    QLineEdit *m_condition;
    QLabel *m_message;
    QComboBox *m_trigger;
    QLabel *m_triggerText;
    QSpinBox *m_cooldown;
    QCheckBox *m_expires;
    QDateTimeEdit *m_expiry;
    QSpinBox *m_maxFires;
    QCheckBox *m_useHysteresis;
    QDoubleSpinBox *m_hysteresis;
    QCheckBox *m_sound;
    QLineEdit *m_webhookUrl;
    QPlainTextEdit *m_webhookTemplate;
    QDialogButtonBox *m_buttons;
};

}  // namespace wick
