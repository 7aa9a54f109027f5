// ui/alerts/AlertsDock: the alerts dock -- the rules (enable/disable, edit,
// duplicate, delete, JSON import/export) and the alert log (time, symbol,
// condition, values; acknowledge; a double-click asks for the chart at that
// bar; scrolled to its end, older fires are paged in from the cache). A view of AlertService: it
// edits through it and redraws on its signals. Files are read and written on the thread pool, never
// here. UI thread.
#pragma once

#include <QDockWidget>

#include "alerts/AlertEntry.h"

class QLabel;
class QTableWidget;
class QTabWidget;

namespace wick {

class AlertService;

class AlertsDock final : public QDockWidget
{
    Q_OBJECT

public:
    AlertsDock(AlertService *service, QWidget *parent = nullptr);

    QTableWidget *rulesTable() const { return m_rules; }
    QTableWidget *logTable() const { return m_log; }
    QTabWidget *tabs() const { return m_tabs; }
    // The rule of a row of the rules table ("" when none).
    QString ruleIdAt(int row) const;

    // The rules as one JSON array ({"rule": {...}, "enabled", "actions"} each).
    static QByteArray exportJson(const std::vector<AlertEntry> &rules);
    // The rules of such an array; bad items are left out, one line each in errors.
    static std::vector<AlertEntry> importJson(const QByteArray &json, QStringList *errors);
    // Exports to / imports from a file (on the thread pool); the outcome comes
    // back as fileDone(message).
    void exportTo(const QString &path);
    void importFrom(const QString &path);
    // The symbols the editor offers (the watchlist), and where a new rule starts.
    void setSymbolChoices(const QStringList &keys) { m_symbolChoices = keys; }
    // Opens the editor for a new rule (prefilled), or an existing one.
    void openEditor(const AlertEntry &entry);

signals:
    void openChart(const QString &symbol, wick::Timeframe timeframe, wick::TimeMs barTime);
    void fileDone(const QString &message);
    void editorOpened(QDialog *dialog);
    void scannerRequested();

private:
    void refreshRules();
    void refreshLog();
    void editSelected();
    void duplicateSelected();
    void deleteSelected();
    void acknowledgeSelected();

    AlertService *m_service;
    QTabWidget *m_tabs;
    QTableWidget *m_rules;
    QTableWidget *m_log;
    QLabel *m_status;
    QStringList m_symbolChoices;
    bool m_refreshing = false;
};

}  // namespace wick
