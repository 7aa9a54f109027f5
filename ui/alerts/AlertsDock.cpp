#include "alerts/AlertsDock.h"

#include <cmath>

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QPointer>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QThreadPool>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <spdlog/spdlog.h>

#include "alerts/AlertEditorDialog.h"
#include "alerts/AlertService.h"
#include "storage/AtomicFile.h"

namespace wick {

namespace {

enum RuleColumn { RuleOn, RuleSymbol, RuleTf, RuleCondition, RuleTrigger, RuleState, RuleFires };
enum LogColumn { LogTime, LogSymbol, LogCondition, LogValues, LogNote };
constexpr int kBarTimeRole = Qt::UserRole + 1;

QString timeText(TimeMs ms)
{
    return ms == AlertRuleState::kNever || ms == 0
        ? QStringLiteral("-")
        : QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(u"yyyy-MM-dd HH:mm:ss");
}

QString valueText(double v)
{
    return std::isnan(v) ? QStringLiteral("-") : QString::number(v, 'g', 10);
}

QString stateText(const AlertEntry &e)
{
    if (!e.enabled)
        return AlertsDock::tr("off");
    if (e.state.paused)
        return e.state.pauseReason;
    if (e.state.expired)
        return AlertsDock::tr("expired");
    if (!e.state.armed)
        return AlertsDock::tr("fired, disarmed");
    return AlertsDock::tr("armed");
}

QTableWidgetItem *cell(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

QTableWidget *table(const QStringList &headers, QWidget *parent)
{
    auto *t = new QTableWidget(0, int(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->verticalHeader()->setVisible(false);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setAlternatingRowColors(true);
    return t;
}

}  // namespace

AlertsDock::AlertsDock(AlertService *service, QWidget *parent)
    : QDockWidget(tr("Alerts"), parent)
    , m_service(service)
{
    setObjectName(QStringLiteral("alertsDock"));
    auto *body = new QWidget(this);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    m_tabs = new QTabWidget(body);

    auto *rulesPage = new QWidget(m_tabs);
    auto *rulesLayout = new QVBoxLayout(rulesPage);
    rulesLayout->setContentsMargins(0, 0, 0, 0);
    m_rules = table({tr("On"), tr("Symbol"), tr("TF"), tr("Condition"), tr("Trigger"), tr("State"),
                        tr("Fires")},
        rulesPage);
    // Compact tool buttons: the dock shares the left column with the
    // watchlist and must not widen it; the less frequent actions sit in a menu.
    auto *ruleButtons = new QHBoxLayout;
    ruleButtons->setSpacing(2);
    const auto button = [&](QHBoxLayout *row, const QString &text, auto slot) {
        auto *b = new QToolButton(this);
        b->setText(text);
        connect(b, &QToolButton::clicked, this, slot);
        row->addWidget(b);
        return b;
    };
    button(ruleButtons, tr("New"), [this] {
        AlertEntry entry;
        entry.rule.symbol = m_symbolChoices.value(0);
        openEditor(entry);
    });
    button(ruleButtons, tr("Edit"), &AlertsDock::editSelected);
    button(ruleButtons, tr("Duplicate"), &AlertsDock::duplicateSelected);
    button(ruleButtons, tr("Delete"), &AlertsDock::deleteSelected);
    ruleButtons->addStretch(1);
    auto *more = new QToolButton(this);
    more->setText(tr("More"));
    more->setPopupMode(QToolButton::InstantPopup);
    auto *moreMenu = new QMenu(more);
    moreMenu->addAction(tr("Scanner…"), this, [this] { emit scannerRequested(); });
    moreMenu->addSeparator();
    moreMenu->addAction(tr("Import rules…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import alert rules"), QString(), tr("JSON (*.json)"));
        if (!path.isEmpty())
            importFrom(path);
    });
    moreMenu->addAction(tr("Export rules…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export alert rules"), QStringLiteral("alerts.json"), tr("JSON (*.json)"));
        if (!path.isEmpty())
            exportTo(path);
    });
    more->setMenu(moreMenu);
    ruleButtons->addWidget(more);
    rulesLayout->addWidget(m_rules, 1);
    rulesLayout->addLayout(ruleButtons);
    m_tabs->addTab(rulesPage, tr("Rules"));

    auto *logPage = new QWidget(m_tabs);
    auto *logLayout = new QVBoxLayout(logPage);
    logLayout->setContentsMargins(0, 0, 0, 0);
    m_log = table(
        {tr("Time (UTC)"), tr("Symbol"), tr("Condition"), tr("Values"), tr("Note")}, logPage);
    auto *logButtons = new QHBoxLayout;
    button(logButtons, tr("Acknowledge"), &AlertsDock::acknowledgeSelected);
    logButtons->addStretch(1);
    logLayout->addWidget(m_log, 1);
    logLayout->addLayout(logButtons);
    m_tabs->addTab(logPage, tr("Log"));

    m_status = new QLabel(body);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_status);
    setWidget(body);

    connect(m_rules, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_refreshing || item->column() != RuleOn)
            return;
        m_service->setEnabled(ruleIdAt(item->row()), item->checkState() == Qt::Checked);
    });
    connect(m_rules, &QTableWidget::cellDoubleClicked, this, [this] { editSelected(); });
    connect(m_log, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        const QTableWidgetItem *item = m_log->item(row, LogTime);
        if (!item)
            return;
        emit openChart(item->data(Qt::UserRole + 2).toString(),
            Timeframe(item->data(Qt::UserRole + 3).toInt()), item->data(kBarTimeRole).toLongLong());
    });
    // The log holds the newest fires (AlertService::kLogLimit); scrolled to
    // its end (the oldest, at the bottom), the page before them comes in.
    connect(m_log->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value > 0 && value == m_log->verticalScrollBar()->maximum())
            m_service->loadOlderFires();
    });
    connect(this, &AlertsDock::fileDone, m_status, &QLabel::setText);
    connect(m_service, &AlertService::rulesChanged, this, &AlertsDock::refreshRules);
    // Fires come in batches, states with them: the tables follow at most 5 times a second.
    auto *coalesce = new QTimer(this);
    coalesce->setSingleShot(true);
    coalesce->setInterval(200);
    connect(coalesce, &QTimer::timeout, this, [this] {
        refreshRules();
        refreshLog();
    });
    const auto later = [coalesce] {
        if (!coalesce->isActive())
            coalesce->start();
    };
    connect(m_service, &AlertService::statesChanged, coalesce, later);
    connect(m_service, &AlertService::logChanged, coalesce, later);
    refreshRules();
    refreshLog();
}

QString AlertsDock::ruleIdAt(int row) const
{
    const QTableWidgetItem *item = row >= 0 ? m_rules->item(row, RuleSymbol) : nullptr;
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void AlertsDock::refreshRules()
{
    m_refreshing = true;
    const QString selected = ruleIdAt(m_rules->currentRow());
    const auto &rules = m_service->rules();
    m_rules->setRowCount(int(rules.size()));
    for (int row = 0; row < int(rules.size()); ++row) {
        const AlertEntry &e = rules[std::size_t(row)];
        auto *on = cell(QString());
        on->setFlags((on->flags() | Qt::ItemIsUserCheckable));
        on->setCheckState(e.enabled ? Qt::Checked : Qt::Unchecked);
        m_rules->setItem(row, RuleOn, on);
        auto *symbol = cell(e.rule.symbol);
        symbol->setData(Qt::UserRole, e.rule.id);
        m_rules->setItem(row, RuleSymbol, symbol);
        m_rules->setItem(row, RuleTf, cell(timeframeName(e.rule.timeframe)));
        m_rules->setItem(row, RuleCondition, cell(e.rule.text));
        m_rules->setItem(row, RuleTrigger, cell(alertTriggerName(e.rule.trigger)));
        m_rules->setItem(row, RuleState, cell(stateText(e)));
        m_rules->setItem(row, RuleFires,
            cell(QStringLiteral("%1, last %2")
                     .arg(e.state.fireCount)
                     .arg(timeText(e.state.lastFire))));
        if (e.rule.id == selected)
            m_rules->setCurrentCell(row, RuleCondition);
    }
    m_rules->resizeColumnsToContents();
    m_refreshing = false;
}

void AlertsDock::refreshLog()
{
    const auto &log = m_service->log();
    m_log->setRowCount(int(log.size()));
    int unacknowledged = 0;
    for (int row = 0; row < int(log.size()); ++row) {
        const AlertLogEntry &e = log[log.size() - 1 - std::size_t(row)];  // newest first
        const AlertFire &f = e.fire;
        auto *time = cell(timeText(f.fireTime));
        time->setData(kBarTimeRole, qint64(f.barTime));
        time->setData(Qt::UserRole, f.ruleId);
        time->setData(Qt::UserRole + 2, f.symbol);
        time->setData(Qt::UserRole + 3, int(f.timeframe));
        m_log->setItem(row, LogTime, time);
        m_log->setItem(
            row, LogSymbol, cell(f.symbol + QLatin1Char(' ') + timeframeName(f.timeframe)));
        m_log->setItem(row, LogCondition, cell(e.condition));
        QString values = valueText(f.left) + QStringLiteral(" vs ") + valueText(f.right);
        if (!std::isnan(f.close))
            values += tr(", close %1").arg(valueText(f.close));
        m_log->setItem(row, LogValues, cell(values));
        QStringList notes;
        notes << tr("bar %1").arg(timeText(f.barTime));
        if (e.missed)
            notes << tr("missed while offline");
        if (f.intrabar)
            notes << tr("intrabar");
        notes << (e.acknowledged ? tr("acknowledged") : tr("new"));
        unacknowledged += e.acknowledged ? 0 : 1;
        m_log->setItem(row, LogNote, cell(notes.join(QStringLiteral(", "))));
        if (!e.acknowledged) {
            QFont bold = m_log->font();
            bold.setBold(true);
            for (int c = 0; c < m_log->columnCount(); ++c)
                m_log->item(row, c)->setFont(bold);
        }
    }
    m_log->resizeColumnsToContents();
    m_tabs->setTabText(1, unacknowledged > 0 ? tr("Log (%1)").arg(unacknowledged) : tr("Log"));
}

void AlertsDock::openEditor(const AlertEntry &entry)
{
    auto *dialog = new AlertEditorDialog(entry, m_symbolChoices, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const bool isNew = entry.rule.id.isEmpty() || !m_service->rule(entry.rule.id);
    connect(dialog, &QDialog::accepted, this, [this, dialog, isNew] {
        QString error;
        const AlertEntry edited = dialog->entry();
        const bool ok
            = isNew ? m_service->addRule(edited, &error) : m_service->updateRule(edited, &error);
        m_status->setText(ok ? tr("Saved alert: %1 on %2").arg(edited.rule.text, edited.rule.symbol)
                             : tr("Alert not saved: %1").arg(error));
    });
    dialog->open();
    emit editorOpened(dialog);
}

void AlertsDock::editSelected()
{
    if (const AlertEntry *e = m_service->rule(ruleIdAt(m_rules->currentRow())))
        openEditor(*e);
}

void AlertsDock::duplicateSelected()
{
    const AlertEntry *e = m_service->rule(ruleIdAt(m_rules->currentRow()));
    if (!e)
        return;
    AlertEntry copy = *e;
    copy.rule.id.clear();
    QString error;
    if (!m_service->addRule(copy, &error))
        m_status->setText(tr("Not duplicated: %1").arg(error));
}

void AlertsDock::deleteSelected()
{
    const QString id = ruleIdAt(m_rules->currentRow());
    if (!id.isEmpty())
        m_service->removeRule(id);
}

void AlertsDock::acknowledgeSelected()
{
    const QTableWidgetItem *item = m_log->item(m_log->currentRow(), LogTime);
    if (item)
        m_service->acknowledge(
            item->data(Qt::UserRole).toString(), item->data(kBarTimeRole).toLongLong());
}

QByteArray AlertsDock::exportJson(const std::vector<AlertEntry> &rules)
{
    QJsonArray array;
    for (const AlertEntry &e : rules) {
        QJsonObject o;
        o.insert(QStringLiteral("rule"), QJsonDocument::fromJson(e.rule.toJson()).object());
        o.insert(QStringLiteral("enabled"), e.enabled);
        o.insert(QStringLiteral("actions"), QJsonDocument::fromJson(e.actions.toJson()).object());
        array.append(o);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

std::vector<AlertEntry> AlertsDock::importJson(const QByteArray &json, QStringList *errors)
{
    std::vector<AlertEntry> rules;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isArray()) {
        errors->append(parseError.error != QJsonParseError::NoError
                ? tr("not JSON: %1 at offset %2")
                      .arg(parseError.errorString())
                      .arg(parseError.offset)
                : tr("not a JSON array of rules"));
        return rules;
    }
    const QJsonArray array = doc.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject o = array[i].toObject();
        QString error;
        const QJsonObject ruleObject
            = o.contains(QStringLiteral("rule")) ? o.value(QStringLiteral("rule")).toObject() : o;
        std::optional<AlertRule> rule
            = AlertRule::fromJson(QJsonDocument(ruleObject).toJson(QJsonDocument::Compact), &error);
        if (!rule) {
            errors->append(tr("rule %1: %2").arg(i + 1).arg(error));
            continue;
        }
        AlertEntry entry;
        entry.rule = std::move(*rule);
        entry.enabled = o.value(QStringLiteral("enabled")).toBool(true);
        if (auto actions = AlertActions::fromJson(
                QJsonDocument(o.value(QStringLiteral("actions")).toObject()).toJson(), &error))
            entry.actions = *actions;
        rules.push_back(std::move(entry));
    }
    return rules;
}

void AlertsDock::exportTo(const QString &path)
{
    const QByteArray json = exportJson(m_service->rules());
    const int count = int(m_service->rules().size());
    QPointer<AlertsDock> self(this);
    QThreadPool::globalInstance()->start([self, path, json, count] {
        QString error;
        const bool ok = writeFileAtomically(path, json, &error);
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, path, ok, error, count] {
            if (!self)
                return;
            const QString message = ok ? tr("Exported %1 rule(s) to %2").arg(count).arg(path)
                                       : tr("Export failed: %1").arg(error);
            spdlog::info("alerts: {}", message.toStdString());
            emit self->fileDone(message);
        });
    });
}

void AlertsDock::importFrom(const QString &path)
{
    QPointer<AlertsDock> self(this);
    QThreadPool::globalInstance()->start([self, path] {
        QFile file(path);
        QByteArray json;
        QString error;
        if (file.open(QIODevice::ReadOnly))
            json = file.readAll();
        else
            error = file.errorString();
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, path, json, error] {
            if (!self)
                return;
            QStringList errors;
            if (!error.isEmpty())
                errors << error;
            int added = 0;
            if (error.isEmpty()) {
                for (AlertEntry &entry : importJson(json, &errors)) {
                    entry.rule.id.clear();  // fresh ids: never replaces a rule
                    QString addError;
                    if (self->m_service->addRule(entry, &addError))
                        ++added;
                    else
                        errors << addError;
                }
            }
            const QString message = errors.isEmpty()
                ? tr("Imported %1 rule(s) from %2").arg(added).arg(path)
                : tr("Imported %1 rule(s) from %2; %3").arg(added).arg(path, errors.join(u"; "));
            spdlog::info("alerts: {}", message.toStdString());
            emit self->fileDone(message);
        });
    });
}

}  // namespace wick
