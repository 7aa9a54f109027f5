#include "Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

namespace wick {

namespace {

const char *const kTranslatorTag = "wickTranslator";

bool loadInto(QCoreApplication &app, const QLocale &locale, const QString &name,
    const QStringList &directories)
{
    for (const QString &dir : directories) {
        auto *translator = new QTranslator(&app);
        // Tries name_de_DE.qm, name_de.qm, ... in the order of locale.uiLanguages().
        if (translator->load(locale, name, QStringLiteral("_"), dir)) {
            translator->setProperty(kTranslatorTag, true);
            QCoreApplication::installTranslator(translator);
            return true;
        }
        delete translator;
    }
    return false;
}

}  // namespace

void installTranslators(QCoreApplication &app, const QLocale &locale)
{
    const auto previous = app.findChildren<QTranslator *>(QString(), Qt::FindDirectChildrenOnly);
    for (QTranslator *translator : previous) {
        if (translator->property(kTranslatorTag).toBool()) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }

    const QString appDir = QCoreApplication::applicationDirPath();
    const QStringList qtDirs {
        QLibraryInfo::path(QLibraryInfo::TranslationsPath),
        appDir + QStringLiteral("/translations"),
        QDir::cleanPath(appDir + QStringLiteral("/../share/qt6/translations")),
        QDir::cleanPath(appDir + QStringLiteral("/../Resources/translations")),
    };
    loadInto(app, locale, QStringLiteral("qtbase"), qtDirs);
    loadInto(app, locale, QStringLiteral("wick"), {QStringLiteral(":/i18n")});
}

}  // namespace wick
