// ui/i18n: installs the translators for the UI language -- Qt's own qtbase strings
// and Wick's strings compiled from translations/wick_<lang>.ts into :/i18n.
// Called once on the main (UI) thread, before the first window.
#pragma once

#include <QLocale>

class QCoreApplication;

namespace wick {

// Installs Qt's qtbase translation (from QLibraryInfo::TranslationsPath, or a
// translations/ folder next to the executable) and Wick's :/i18n/wick_<lang>.qm
// for `locale`. The translators are children of `app`. Missing files are not an
// error: the UI then stays in English (the source language). Calling it again
// replaces the translators installed by the previous call.
void installTranslators(QCoreApplication &app, const QLocale &locale = QLocale());

}  // namespace wick
