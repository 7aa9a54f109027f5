#include "chart/IndicatorPicker.h"

#include <cmath>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "indicators/IndicatorRegistry.h"

namespace wick {

IndicatorPicker::IndicatorPicker(const QStringList &specs, QWidget *parent)
    : QDialog(parent)
    , m_specs(specs)
{
    setWindowTitle(tr("Indicators"));
    setObjectName(QStringLiteral("indicatorPicker"));

    m_catalogue = new QComboBox(this);
    for (const IndicatorInfo &info : indicatorCatalogue())
        m_catalogue->addItem(QStringLiteral("%1 \u2014 %2").arg(info.name, info.title), info.name);
    auto *addButton = new QPushButton(tr("Add"), this);
    addButton->setDefault(true);
    connect(addButton, &QPushButton::clicked, this,
        [this] { addIndicator(m_catalogue->currentData().toString()); });
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_catalogue, 1);
    addRow->addWidget(addButton);

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
    body->addLayout(listColumn, 1);
    body->addWidget(m_parameters, 1);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #ef5350;"));
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(addRow);
    layout->addLayout(body, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(560, 360);
    refreshList(m_specs.isEmpty() ? -1 : 0);
}

QString IndicatorPicker::specText(const QString &name, const std::vector<double> &params)
{
    if (params.empty())
        return name;
    QStringList values;
    for (double v : params)
        values << QString::number(v, 'g', QLocale::FloatingPointShortest);
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
    if (QListWidgetItem *item = m_list->item(row)) {
        const std::optional<IndicatorSpec> parsed = parseIndicatorSpec(spec, nullptr);
        item->setText(parsed ? parsed->label() : spec);
    }
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

void IndicatorPicker::refreshList(int selectRow)
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const QString &text : m_specs) {
        QString error;
        const std::optional<IndicatorSpec> spec = parseIndicatorSpec(text, &error);
        auto *item = new QListWidgetItem(spec ? spec->label() : text, m_list);
        item->setToolTip(spec ? spec->info().title : error);
    }
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
