// ui/chart: IndicatorPicker, the chart's indicator dialog -- lists the chart's
// indicators, adds one from the catalogue (a tree by TA-Lib's groups, filtered
// by what is typed in its search field) with its default parameters, edits
// the parameters of the selected one (spin boxes within the catalogue's
// ranges) and removes it. Every valid change is applied at once through
// specsChanged. UI thread only.
#pragma once

#include <vector>

#include <QDialog>
#include <QStringList>

class QLineEdit;
class QTreeWidget;
class QFormLayout;
class QLabel;
class QListWidget;
class QPushButton;

namespace wick {

class IndicatorPicker : public QDialog
{
    Q_OBJECT

public:
    explicit IndicatorPicker(const QStringList &specs, QWidget *parent = nullptr);

    const QStringList &specs() const { return m_specs; }

    // What the buttons and spin boxes do (also for tests). False, with the
    // reason shown in the dialog, when the result would not be a valid spec or
    // is on the chart already.
    bool addIndicator(const QString &name);
    bool setParameter(int row, int param, double value);
    void removeAt(int row);
    // The chart's indicators changed elsewhere (the legend removed one, a
    // guest followed its host's parameters): the list shows these. With as
    // many specs as before only the rows' texts change (the parameter being
    // edited keeps its box); otherwise the list is rebuilt, the row kept.
    void syncSpecs(const QStringList &specs);
    // Selects an indicator of the list (its parameters show); out of range: none.
    void selectRow(int row);
    // Shows only the catalogue entries whose name or title contains text (any
    // case); returns how many are shown. The first of them becomes current.
    int filterCatalogue(const QString &text);
    // The catalogue's current entry ("RSI"); empty when a group or nothing is.
    QString currentCatalogueName() const;

    // "MACD:12,26,9", "VWAP": the spec of one indicator with these parameters.
    static QString specText(const QString &name, const std::vector<double> &params);

signals:
    void specsChanged(const QStringList &specs);

private:
    void fillCatalogue();
    void refreshList(int selectRow);
    void showParameters(int row);
    void showError(const QString &error);
    bool replaceAt(int row, const QString &spec);

    QStringList m_specs;
    QLineEdit *m_search = nullptr;
    QTreeWidget *m_catalogue = nullptr;
    QListWidget *m_list = nullptr;
    QPushButton *m_removeButton = nullptr;
    QWidget *m_parameters = nullptr;
    QFormLayout *m_parameterForm = nullptr;
    QLabel *m_error = nullptr;
};

}  // namespace wick
