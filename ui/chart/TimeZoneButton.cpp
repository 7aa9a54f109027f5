#include "chart/TimeZoneButton.h"

#include <QActionGroup>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>

namespace wick {

TimeZoneButton::TimeZoneButton(QWidget *parent)
    : QToolButton(parent)
    , m_menu(new QMenu(this))
{
    setObjectName(QStringLiteral("timeZoneButton"));
    setAutoRaise(true);
    setFocusPolicy(Qt::NoFocus);
    setPopupMode(QToolButton::InstantPopup);
    setMenu(m_menu);
    connect(m_menu, &QMenu::aboutToShow, this, &TimeZoneButton::rebuildMenu);
    setZone(m_zone, m_symbol);
}

void TimeZoneButton::setZone(const ChartTimeZone &zone, const Symbol &symbol)
{
    m_zone = zone;
    m_symbol = symbol;
    setText(zone.shortName(symbol));
    setToolTip(
        tr("Time zone of the time axis, crosshair and legend: %1").arg(zone.displayName(symbol)));
}

void TimeZoneButton::rebuildMenu()
{
    m_menu->clear();
    auto *group = new QActionGroup(m_menu);
    const auto add = [&](const ChartTimeZone &zone, const QString &text) {
        QAction *action = m_menu->addAction(text);
        action->setCheckable(true);
        action->setChecked(zone == m_zone);
        action->setData(zone.id());
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, zone] { emit zoneChosen(zone); });
    };
    add(ChartTimeZone::exchange(), ChartTimeZone::exchange().displayName(m_symbol));
    add(ChartTimeZone::local(), ChartTimeZone::local().displayName(m_symbol));
    add(ChartTimeZone::utc(), ChartTimeZone::utc().displayName(m_symbol));
    m_menu->addSeparator();
    bool listed = m_zone.kind() != ChartTimeZone::Kind::Named;
    for (const QString &id : ChartTimeZone::commonZoneIds()) {
        if (const auto zone = ChartTimeZone::named(id.toLatin1())) {
            add(*zone, id);
            listed = listed || *zone == m_zone;
        }
    }
    if (!listed)
        add(m_zone, m_zone.id());
    m_menu->addSeparator();
    m_menu->addAction(tr("Other time zone\u2026"), this, &TimeZoneButton::askForZone);
}

void TimeZoneButton::askForZone()
{
    auto *dialog = new QInputDialog(window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Chart time zone"));
    dialog->setLabelText(tr("IANA time zone (for example Europe/Zurich):"));
    QStringList ids;
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        ids.append(QString::fromLatin1(id));
    dialog->setComboBoxItems(ids);
    dialog->setComboBoxEditable(true);
    dialog->setTextValue(
        m_zone.kind() == ChartTimeZone::Kind::Named ? m_zone.id() : QStringLiteral("UTC"));
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &text) {
        if (const auto zone = ChartTimeZone::fromId(text.trimmed())) {
            emit zoneChosen(*zone);
            return;
        }
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Chart time zone"),
            tr("\u201c%1\u201d is not a time zone this machine knows. Use an IANA id such as "
               "America/New_York or Europe/Zurich.")
                .arg(text.trimmed()),
            QMessageBox::Ok, window());
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    dialog->open();
}

}  // namespace wick
