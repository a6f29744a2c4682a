#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace graphs::ui {

/// What installTranslators() found for a locale. A locale without a catalogue of its own gets the English one (for
/// its plural forms); empty fields mean that not even that loaded.
struct InstalledTranslations
{
    QString language; ///< the language of the graphs catalogue loaded ("de"), empty for none
    QString appCatalogue; ///< the resource path of the graphs catalogue (":/i18n/graphs_de.qm")
    QString qtCatalogue; ///< Qt's own qtbase catalogue of that language, where Qt's translations are installed
};

/// Installs the graphs catalogue embedded under :/i18n that best matches `locale` (its uiLanguages in order, "de_AT"
/// falling back to "de"; the English catalogue when none matches), and Qt's qtbase catalogue of the same language from QLibraryInfo's translations folder.
/// Qt's catalogue follows the graphs one, so a locale the application has no catalogue for does not get Qt dialogs
/// in one language around an application in another. Replaces the translators of a previous call.
///
///     graphs::ui::installTranslators(app, QLocale::system());
InstalledTranslations installTranslators(QCoreApplication& app, const QLocale& locale);

/// Removes and deletes the translators installTranslators() installed on `app`.
void removeTranslators(QCoreApplication& app);

/// The languages of the embedded graphs catalogues ("de", "en"), sorted.
QStringList availableLanguages();

} // namespace graphs::ui
