#include "chart/IndicatorPicker.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "indicators/IndicatorRegistry.h"

namespace wick {

namespace {

// A row of the list: the spec's label and its title, or the spec itself and
// why it does not parse.
void showSpec(QListWidgetItem *item, const QString &text)
{
    QString error;
    const std::optional<IndicatorSpec> spec = parseIndicatorSpec(text, &error);
    item->setText(spec ? spec->label() : text);
    item->setToolTip(spec ? spec->info().title : error);
}

}  // namespace

IndicatorPicker::IndicatorPicker(const QStringList &specs, QWidget *parent)
    : QDialog(parent)
    , m_specs(specs)
{
    setWindowTitle(tr("Indicators"));
    setObjectName(QStringLiteral("indicatorPicker"));

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("indicatorSearch"));
    m_search->setPlaceholderText(tr("Search indicators (name or title)"));
    m_search->setClearButtonEnabled(true);
    m_catalogue = new QTreeWidget(this);
    m_catalogue->setObjectName(QStringLiteral("indicatorCatalogue"));
    m_catalogue->setHeaderHidden(true);
    m_catalogue->setMinimumWidth(260);
    fillCatalogue();
    connect(m_search, &QLineEdit::textChanged, this, &IndicatorPicker::filterCatalogue);
    auto *addButton = new QPushButton(tr("Add"), this);
    addButton->setDefault(true);
    connect(addButton, &QPushButton::clicked, this, [this] {
        if (const QString name = currentCatalogueName(); !name.isEmpty())
            addIndicator(name);
    });
    connect(m_catalogue, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (const QString name = item->data(0, Qt::UserRole).toString(); !name.isEmpty())
            addIndicator(name);
    });
    connect(m_search, &QLineEdit::returnPressed, addButton, &QPushButton::click);
    auto *catalogueColumn = new QVBoxLayout;
    catalogueColumn->addWidget(m_search);
    catalogueColumn->addWidget(m_catalogue, 1);
    catalogueColumn->addWidget(addButton);

    m_list = new QListWidget(this);
    m_list->setMinimumWidth(220);
    m_removeButton = new QPushButton(tr("Remove"), this);
    connect(
        m_removeButton, &QPushButton::clicked, this, [this] { removeAt(m_list->currentRow()); });
    connect(m_list, &QListWidget::currentRowChanged, this, &IndicatorPicker::showParameters);
    auto *listColumn = new QVBoxLayout;
    listColumn->addWidget(m_list, 1);
    listColumn->addWidget(m_removeButton);

    m_parameters = new QWidget(this);
    m_parameterForm = new QFormLayout(m_parameters);
    m_parameterForm->setContentsMargins(0, 0, 0, 0);
    auto *body = new QHBoxLayout;
    body->addLayout(catalogueColumn, 1);
    body->addLayout(listColumn, 1);
    body->addWidget(m_parameters, 1);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #ef5350;"));
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(820, 480);
    refreshList(m_specs.isEmpty() ? -1 : 0);
}

void IndicatorPicker::fillCatalogue()
{
    std::map<int, QTreeWidgetItem *> groups;
    for (const IndicatorInfo &info : indicatorCatalogue()) {
        QTreeWidgetItem *&group = groups[int(info.group)];
        if (!group) {
            group = new QTreeWidgetItem(QStringList {indicatorGroupName(info.group)});
            group->setFlags(Qt::ItemIsEnabled);
        }
        auto *item = new QTreeWidgetItem(
            group, QStringList {QStringLiteral("%1 \u2014 %2").arg(info.name, info.title)});
        item->setData(0, Qt::UserRole, info.name);
        item->setToolTip(0, info.title);
    }
    for (const auto &[order, group] : groups) {
        group->sortChildren(0, Qt::AscendingOrder);
        m_catalogue->addTopLevelItem(group);
    }
    filterCatalogue(QString());
}

int IndicatorPicker::filterCatalogue(const QString &text)
{
    const QString needle = text.trimmed();
    int shown = 0;
    QTreeWidgetItem *first = nullptr;
    for (int g = 0; g < m_catalogue->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_catalogue->topLevelItem(g);
        int inGroup = 0;
        for (int c = 0; c < group->childCount(); ++c) {
            QTreeWidgetItem *item = group->child(c);
            const bool match
                = needle.isEmpty() || item->text(0).contains(needle, Qt::CaseInsensitive);
            item->setHidden(!match);
            if (match) {
                ++inGroup;
                if (!first)
                    first = item;
            }
        }
        group->setHidden(inGroup == 0);
        // Typing opens every group that matches; the full list starts folded.
        group->setExpanded(!needle.isEmpty() && inGroup > 0);
        shown += inGroup;
    }
    if (!needle.isEmpty() && first)
        m_catalogue->setCurrentItem(first);
    return shown;
}

QString IndicatorPicker::currentCatalogueName() const
{
    const QTreeWidgetItem *item = m_catalogue->currentItem();
    return item && !item->isHidden() ? item->data(0, Qt::UserRole).toString() : QString();
}

QString IndicatorPicker::specText(const QString &name, const std::vector<double> &params)
{
    // Trailing parameters that keep a quiet default (MA types) are left out.
    std::size_t shown = params.size();
    if (const IndicatorInfo *info = findIndicator(name)) {
        while (shown > 0 && shown <= info->params.size() && info->params[shown - 1].quietDefault
            && params[shown - 1] == info->params[shown - 1].defaultValue)
            --shown;
    }
    if (shown == 0)
        return name;
    QStringList values;
    for (std::size_t i = 0; i < shown; ++i)
        values << QString::number(params[i], 'g', QLocale::FloatingPointShortest);
    return name + QLatin1Char(':') + values.join(QLatin1Char(','));
}

bool IndicatorPicker::addIndicator(const QString &name)
{
    const IndicatorInfo *info = findIndicator(name);
    if (!info)
        return false;
    std::vector<double> defaults;
    for (const IndicatorParam &param : info->params)
        defaults.push_back(param.defaultValue);
    const QString spec = specText(info->name, defaults);
    if (m_specs.contains(spec)) {
        showError(tr("%1 is on the chart already.").arg(spec));
        return false;
    }
    m_specs.append(spec);
    showError(QString());
    refreshList(static_cast<int>(m_specs.size()) - 1);
    emit specsChanged(m_specs);
    return true;
}

bool IndicatorPicker::setParameter(int row, int param, double value)
{
    if (row < 0 || row >= m_specs.size())
        return false;
    QString error;
    const std::optional<IndicatorSpec> spec = parseIndicatorSpec(m_specs.at(row), &error);
    if (!spec || spec->stages.size() != 1 || param < 0
        || static_cast<std::size_t>(param) >= spec->stages.front().params.size())
        return false;
    std::vector<double> params = spec->stages.front().params;
    params[static_cast<std::size_t>(param)] = value;
    return replaceAt(row, specText(spec->info().name, params));
}

bool IndicatorPicker::replaceAt(int row, const QString &spec)
{
    if (spec == m_specs.at(row))
        return true;
    QString error;
    if (!parseIndicatorSpec(spec, &error)) {
        showError(error);
        return false;
    }
    if (m_specs.contains(spec)) {
        showError(tr("%1 is on the chart already.").arg(spec));
        return false;
    }
    m_specs[row] = spec;
    showError(QString());
    // Only the row's text changes: the spin boxes stay as they are.
    if (QListWidgetItem *item = m_list->item(row))
        showSpec(item, spec);
    emit specsChanged(m_specs);
    return true;
}

void IndicatorPicker::removeAt(int row)
{
    if (row < 0 || row >= m_specs.size())
        return;
    m_specs.removeAt(row);
    showError(QString());
    refreshList(std::min(row, static_cast<int>(m_specs.size()) - 1));
    emit specsChanged(m_specs);
}

void IndicatorPicker::syncSpecs(const QStringList &specs)
{
    if (specs == m_specs)
        return;
    if (specs.size() != m_specs.size()) {
        m_specs = specs;
        refreshList(std::min(m_list->currentRow(), static_cast<int>(m_specs.size()) - 1));
        return;
    }
    m_specs = specs;
    for (int row = 0; row < m_specs.size(); ++row) {
        if (QListWidgetItem *item = m_list->item(row))
            showSpec(item, m_specs.at(row));
    }
}

void IndicatorPicker::refreshList(int selectRow)
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const QString &text : m_specs)
        showSpec(new QListWidgetItem(m_list), text);
    m_list->setCurrentRow(selectRow);
    m_removeButton->setEnabled(selectRow >= 0);
    showParameters(selectRow);
}

void IndicatorPicker::showParameters(int row)
{
    while (m_parameterForm->rowCount() > 0)
        m_parameterForm->removeRow(0);
    m_removeButton->setEnabled(row >= 0 && row < m_specs.size());
    if (row < 0 || row >= m_specs.size())
        return;
    QString error;
    const std::optional<IndicatorSpec> spec = parseIndicatorSpec(m_specs.at(row), &error);
    if (!spec) {
        m_parameterForm->addRow(new QLabel(error, m_parameters));
        return;
    }
    auto *title = new QLabel(
        QStringLiteral("<b>%1</b>").arg(spec->info().title.toHtmlEscaped()), m_parameters);
    m_parameterForm->addRow(title);
    if (spec->stages.size() != 1) {
        // A chain (SMA:9@RSI:14) is edited as text in the settings for now.
        m_parameterForm->addRow(new QLabel(spec->label(), m_parameters));
        return;
    }
    const IndicatorStage &stage = spec->stages.front();
    if (stage.info->params.empty())
        m_parameterForm->addRow(new QLabel(tr("No parameters."), m_parameters));
    for (std::size_t i = 0; i < stage.info->params.size(); ++i) {
        const IndicatorParam &param = stage.info->params[i];
        if (!param.choices.isEmpty()) {
            auto *choice = new QComboBox(m_parameters);
            choice->setObjectName(QStringLiteral("param_") + param.name);
            choice->addItems(param.choices);
            choice->setCurrentIndex(int(stage.params[i]));
            connect(choice, &QComboBox::currentIndexChanged, this, [this, row, i](int index) {
                setParameter(row, static_cast<int>(i), double(index));
            });
            m_parameterForm->addRow(param.name, choice);
            continue;
        }
        auto *box = new QDoubleSpinBox(m_parameters);
        box->setObjectName(QStringLiteral("param_") + param.name);
        box->setDecimals(param.integer ? 0 : 3);
        box->setRange(param.min, param.max);
        box->setSingleStep(param.integer ? 1.0 : (param.max <= 1.0 ? 0.01 : 0.1));
        box->setValue(stage.params[i]);
        box->setKeyboardTracking(false);
        connect(box, &QDoubleSpinBox::valueChanged, this,
            [this, row, i](double value) { setParameter(row, static_cast<int>(i), value); });
        m_parameterForm->addRow(param.name, box);
    }
}

void IndicatorPicker::showError(const QString &error)
{
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
}

void IndicatorPicker::selectRow(int row)
{
    if (row >= 0 && row < m_list->count())
        m_list->setCurrentRow(row);
}

}  // namespace wick
