#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QTranslator>

namespace graphs::ui {

namespace {

const QString CatalogueDir = QStringLiteral(":/i18n");
const QString CatalogueName = QStringLiteral("graphs");
// Marks the translators this file installs, so that a later call (or removeTranslators) finds them among the
// application's children and leaves translators installed by others alone.
const char* const OwnerProperty = "graphsTranslator";

QTranslator* newTranslator(QCoreApplication& app)
{
    auto* translator = new QTranslator(&app);
    translator->setProperty(OwnerProperty, true);
    return translator;
}

} // namespace

InstalledTranslations installTranslators(QCoreApplication& app, const QLocale& locale)
{
    removeTranslators(app);
    InstalledTranslations installed;

    QTranslator* graphs = newTranslator(app);
    // A language without a catalogue gets the English one: the source strings are English but lack the plural forms
    // ("%n node(s)" → "1 node", "2 nodes") that only a catalogue gives.
    if (!graphs->load(locale, CatalogueName, QStringLiteral("_"), CatalogueDir)
        && !graphs->load(CatalogueName + QStringLiteral("_en"), CatalogueDir)) {
        delete graphs;
        return installed;
    }
    QCoreApplication::installTranslator(graphs);
    installed.appCatalogue = graphs->filePath();
    installed.language = graphs->language();
    if (installed.language.isEmpty()) // a catalogue without a language attribute: its file name says it
        installed.language = QFileInfo(installed.appCatalogue).completeBaseName().section(QLatin1Char('_'), 1);

    // Qt's catalogues are a separate package (qt6-translations-l10n on Debian); without them the standard buttons
    // and file dialogs stay in English.
    QTranslator* qt = newTranslator(app);
    const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (qt->load(QLocale(installed.language), QStringLiteral("qtbase"), QStringLiteral("_"), qtDir)) {
        QCoreApplication::installTranslator(qt);
        installed.qtCatalogue = qt->filePath();
    } else {
        delete qt;
    }
    return installed;
}

void removeTranslators(QCoreApplication& app)
{
    for (QTranslator* translator : app.findChildren<QTranslator*>(Qt::FindDirectChildrenOnly)) {
        if (translator->property(OwnerProperty).toBool())
            delete translator; // ~QTranslator removes it from the application
    }
}

QStringList availableLanguages()
{
    QStringList languages;
    const QString prefix = CatalogueName + QLatin1Char('_');
    for (const QString& file : QDir(CatalogueDir).entryList({ prefix + QStringLiteral("*.qm") }, QDir::Files))
        languages << file.mid(prefix.size()).chopped(3);
    languages.sort();
    return languages;
}

} // namespace graphs::ui
