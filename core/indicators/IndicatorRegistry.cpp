#include "IndicatorRegistry.h"

#include <cmath>

#include "indicators/Catalogue.h"
#include "indicators/IndicatorPipeline.h"

namespace wick {

using ind::formatParam;

namespace {

bool validate(const IndicatorInfo &info, const std::vector<double> &p, QString *error)
{
    auto fail = [&](const QString &reason) {
        if (error)
            *error = info.name + QStringLiteral(": ") + reason;
        return false;
    };
    if (p.size() != info.params.size())
        return fail(
            QStringLiteral("takes %1 parameters, got %2").arg(info.params.size()).arg(p.size()));
    for (std::size_t i = 0; i < p.size(); ++i) {
        const IndicatorParam &d = info.params[i];
        const double v = p[i];
        const QString range
            = QStringLiteral("%1 must be %2 from %3 to %4, got %5")
                  .arg(d.name,
                      d.integer ? QStringLiteral("an integer") : QStringLiteral("a number"),
                      formatParam(d.min), formatParam(d.max), formatParam(v));
        if (!std::isfinite(v) || v < d.min || v > d.max || (d.integer && v != std::floor(v)))
            return fail(range);
    }
    if (info.check) {
        const QString reason = info.check(p);
        if (!reason.isEmpty())
            return fail(reason);
    }
    return true;
}

}  // namespace

QString IndicatorSpec::label() const
{
    QString text;
    for (auto it = stages.rbegin(); it != stages.rend(); ++it) {
        if (!text.isEmpty())
            text += QLatin1Char('@');
        text += it->info->name;
        std::size_t shown = it->params.size();
        while (shown > 0 && shown <= it->info->params.size()
            && it->info->params[shown - 1].quietDefault
            && it->params[shown - 1] == it->info->params[shown - 1].defaultValue)
            --shown;
        if (shown > 0) {
            QStringList params;
            for (std::size_t k = 0; k < shown; ++k)
                params << formatParam(it->params[k]);
            text += QLatin1Char('(') + params.join(QLatin1Char(',')) + QLatin1Char(')');
        }
        if (it != stages.rbegin() && it->info->outputs.size() > 1)
            text += QLatin1Char('.') + it->info->outputs.at(it->output);
    }
    return text;
}

QStringList IndicatorSpec::columnNames() const
{
    const QString base = label();
    const IndicatorInfo &last = info();
    if (last.outputs.size() == 1)
        return {base};
    QStringList names;
    for (const QString &output : last.outputs)
        names << base + QLatin1Char('.') + output;
    return names;
}

std::optional<IndicatorSpec> parseIndicatorSpec(const QString &text, QString *error)
{
    auto fail = [&](const QString &reason) -> std::optional<IndicatorSpec> {
        if (error)
            *error = QStringLiteral("bad indicator spec \"%1\": %2").arg(text, reason);
        return std::nullopt;
    };
    const QStringList parts = text.trimmed().split(QLatin1Char('@'));
    IndicatorSpec spec;
    // The text lists the outer stage first; stages[0] is the innermost.
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
        QString part = it->trimmed();
        const bool innermost = it == parts.rbegin();
        const bool outermost = it + 1 == parts.rend();
        QString outputName;
        const qsizetype dot = part.lastIndexOf(QLatin1Char('.'));
        if (dot >= 0 && dot + 1 < part.size() && part.at(dot + 1).isLetter()) {
            outputName = part.mid(dot + 1).toLower();
            part.truncate(dot);
        }
        const qsizetype colon = part.indexOf(QLatin1Char(':'));
        const QString name = (colon < 0 ? part : part.left(colon)).trimmed();
        if (name.isEmpty())
            return fail(QStringLiteral("missing indicator name"));
        const IndicatorInfo *info = findIndicator(name);
        if (!info)
            return fail(QStringLiteral("unknown indicator %1").arg(name));
        IndicatorStage stage;
        stage.info = info;
        if (colon >= 0) {
            const QStringList values = part.mid(colon + 1).split(QLatin1Char(','));
            if (qsizetype(values.size()) > qsizetype(info->params.size()))
                return fail(QStringLiteral("%1 takes at most %2 parameters, got %3")
                                .arg(info->name)
                                .arg(info->params.size())
                                .arg(values.size()));
            for (const QString &v : values) {
                bool ok = false;
                const double d = v.trimmed().toDouble(&ok);
                if (!ok || !std::isfinite(d))
                    return fail(
                        QStringLiteral("%1: parameter \"%2\" is not a number").arg(info->name, v));
                stage.params.push_back(d);
            }
        }
        for (std::size_t i = stage.params.size(); i < info->params.size(); ++i)
            stage.params.push_back(info->params[i].defaultValue);
        QString reason;
        if (!validate(*info, stage.params, &reason))
            return fail(reason);
        if (!outputName.isEmpty()) {
            if (outermost)
                return fail(QStringLiteral(".%1: an output is chosen only for an inner indicator")
                                .arg(outputName));
            stage.output = int(info->outputs.indexOf(outputName));
            if (stage.output < 0)
                return fail(
                    QStringLiteral("%1 has no output \"%2\" (it has %3)")
                        .arg(info->name, outputName, info->outputs.join(QStringLiteral(", "))));
            stage.outputNamed = true;
        }
        if (!innermost && !info->valueInput)
            return fail(QStringLiteral("%1 needs bars (high, low, volume) and cannot run on "
                                       "another indicator")
                            .arg(info->name));
        spec.stages.push_back(std::move(stage));
    }
    return spec;
}

std::unique_ptr<Indicator> createIndicator(
    const IndicatorSpec &spec, const IndicatorContext &context, QString *error)
{
    if (spec.stages.empty()) {
        if (error)
            *error = QStringLiteral("empty indicator spec");
        return nullptr;
    }
    std::vector<std::unique_ptr<Indicator>> stages;
    std::vector<int> selected;
    for (std::size_t i = 0; i < spec.stages.size(); ++i) {
        const IndicatorStage &s = spec.stages[i];
        if (!s.info || !validate(*s.info, s.params, error))
            return nullptr;
        if (i > 0 && !s.info->valueInput) {
            if (error)
                *error = s.info->name + QStringLiteral(": cannot run on another indicator");
            return nullptr;
        }
        if (s.output < 0 || s.output >= s.info->outputs.size()) {
            if (error)
                *error = s.info->name + QStringLiteral(": no such output");
            return nullptr;
        }
        stages.push_back(s.info->make(s.params, context));
        selected.push_back(s.output);
    }
    if (stages.size() == 1)
        return std::move(stages.front());
    return std::make_unique<IndicatorPipeline>(std::move(stages), std::move(selected));
}

std::unique_ptr<Indicator> createIndicator(const IndicatorSpec &spec, QString *error)
{
    return createIndicator(spec, IndicatorContext {}, error);
}

}  // namespace wick
