// The translations of graphs-studio: the catalogues embedded under :/i18n load by locale; the German one translates
// the real main window (menus with unique accelerators, tab titles, the welcome text); every message of both
// catalogues is finished and keeps the source's placeholders, HTML tags, accelerator, line breaks and edge spaces;
// and the catalogues hold exactly the strings lupdate extracts from the sources now, so a new tr() string that
// nobody translated fails here (skipped where lupdate was not found at configure time).

#include "main_window.h"
#include "pages/calibration_page.h"
#include "pages/energy_page.h"
#include "pages/memory_page.h"
#include "pages/model_summary_page.h"
#include "pages/nodes_page.h"
#include "pages/subgraphs_page.h"
#include "translations.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLibraryInfo>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <optional>

using graphs::ui::MainWindow;

namespace {

struct Message
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    QString type; ///< the translation's type attribute: empty when finished, else unfinished, vanished or obsolete
    QStringList translations; ///< one, or the numerus forms
};

struct Catalogue
{
    QString language;
    QList<Message> messages;
};

QString cataloguePath(const QString& language)
{
    return QStringLiteral(GRAPHS_SOURCE_DIR "/translations/graphs_%1.ts").arg(language);
}

/// Reads the messages of a Qt Linguist .ts file; an error names the file and line.
Catalogue readCatalogue(const QString& path, QString* error)
{
    Catalogue catalogue;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return catalogue;
    }
    QXmlStreamReader xml(&file);
    QString context;
    while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("TS")) {
            catalogue.language = xml.attributes().value(QLatin1String("language")).toString();
            continue; // descend
        }
        if (xml.name() != QLatin1String("context")) {
            xml.skipCurrentElement();
            continue;
        }
        while (xml.readNextStartElement()) {
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
                continue;
            }
            if (xml.name() != QLatin1String("message")) {
                xml.skipCurrentElement();
                continue;
            }
            Message m;
            m.context = context;
            m.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            while (xml.readNextStartElement()) {
                if (xml.name() == QLatin1String("source")) {
                    m.source = xml.readElementText();
                } else if (xml.name() == QLatin1String("comment")) {
                    m.comment = xml.readElementText();
                } else if (xml.name() == QLatin1String("translation")) {
                    m.type = xml.attributes().value(QLatin1String("type")).toString();
                    if (m.numerus) {
                        while (xml.readNextStartElement()) {
                            if (xml.name() == QLatin1String("numerusform"))
                                m.translations << xml.readElementText();
                            else
                                xml.skipCurrentElement();
                        }
                    } else {
                        m.translations << xml.readElementText();
                    }
                } else {
                    xml.skipCurrentElement();
                }
            }
            catalogue.messages << m;
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return catalogue;
}

/// Identifies a message the way lupdate does: context, source text, disambiguating comment, plural or not.
QString keyOf(const Message& m)
{
    return m.context + QLatin1Char('|') + m.source + QLatin1Char('|') + m.comment
        + (m.numerus ? QStringLiteral("|n") : QString());
}

QStringList sortedMatches(const QRegularExpression& re, const QString& text, int group = 0)
{
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured(group);
    found.sort();
    return found;
}

QStringList placeholders(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("%L?[0-9]{1,2}|%n"));
    return sortedMatches(re, text);
}

/// Tag names with their slash ("b", "/b", "br"): a translation may move tags but must keep each.
QStringList htmlTags(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("<(/?[a-zA-Z][a-zA-Z0-9]*)[^<>]*>"));
    return sortedMatches(re, text, 1);
}

/// How many mnemonics (a single & before a character) the text has; "&&" is a literal ampersand.
int accelerators(const QString& text)
{
    int count = 0;
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != QLatin1Char('&'))
            continue;
        if (text[i + 1] == QLatin1Char('&'))
            ++i;
        else if (!text[i + 1].isSpace())
            ++count;
    }
    return count;
}

QChar mnemonic(const QString& text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != QLatin1Char('&'))
            continue;
        if (text[i + 1] != QLatin1Char('&'))
            return text[i + 1].toLower();
        ++i;
    }
    return {};
}

QString leadingSpace(const QString& text)
{
    qsizetype n = 0;
    while (n < text.size() && text[n].isSpace())
        ++n;
    return text.left(n);
}

QString trailingSpace(const QString& text)
{
    qsizetype n = 0;
    while (n < text.size() && text[text.size() - 1 - n].isSpace())
        ++n;
    return text.right(n);
}

/// The text of `page`'s tab.
QString tabTitle(const MainWindow& window, QWidget* page)
{
    return window.pages()->tabText(window.pages()->indexOf(page));
}

/// Checks that the mnemonics of `menu`'s entries, and of its submenus', are unique within each menu.
void checkMnemonics(const QMenu* menu)
{
    QHash<QChar, QString> taken;
    for (const QAction* action : menu->actions()) {
        if (action->isSeparator())
            continue;
        if (action->menu())
            checkMnemonics(action->menu());
        const QChar m = mnemonic(action->text());
        if (m.isNull())
            continue;
        QVERIFY2(!taken.contains(m),
            qPrintable(QStringLiteral("'%1' and '%2' of menu '%3' share the mnemonic %4")
                           .arg(taken.value(m), action->text(), menu->title(), m)));
        taken.insert(m, action->text());
    }
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private:
    Catalogue m_de;
    Catalogue m_en;
    std::optional<Catalogue> m_extracted; ///< what lupdate extracts from the sources now
    QString m_lupdateOutput; ///< its warnings
    QString m_lupdateProblem; ///< why there is no extraction

    /// Runs lupdate as scripts/update-translations.sh does, into a scratch catalogue.
    void extractStrings()
    {
#ifndef GRAPHS_LUPDATE
        m_lupdateProblem = QStringLiteral("lupdate (Qt 6 Linguist tools) was not found when configuring: install "
                                          "qt6-l10n-tools and reconfigure to check the catalogues against the sources");
#else
        const QString lupdate = QStringLiteral(GRAPHS_LUPDATE);
        if (!QFileInfo(lupdate).isExecutable()) {
            m_lupdateProblem = QStringLiteral("lupdate is no longer at " GRAPHS_LUPDATE ", where configuring found "
                                              "it: reinstall qt6-l10n-tools, or reconfigure");
            return;
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString extracted = dir.filePath(QStringLiteral("graphs_de.ts"));
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(lupdate,
            { QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
                QStringLiteral("-no-obsolete"), QStringLiteral("-source-language"), QStringLiteral("en"),
                QStringLiteral(GRAPHS_SOURCE_DIR "/ui"), QStringLiteral(GRAPHS_SOURCE_DIR "/app/studio"),
                QStringLiteral("-ts"), extracted });
        QVERIFY2(process.waitForFinished(30000), qPrintable(process.errorString()));
        m_lupdateOutput = QString::fromLocal8Bit(process.readAll());
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0, qPrintable(m_lupdateOutput));
        QString error;
        m_extracted = readCatalogue(extracted, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
#endif
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The main window reads and writes QSettings: keep the user's out of it.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("graphs-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_translations"));
        QString error;
        m_de = readCatalogue(cataloguePath(QStringLiteral("de")), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_en = readCatalogue(cataloguePath(QStringLiteral("en")), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(m_de.language, QStringLiteral("de"));
        QCOMPARE(m_en.language, QStringLiteral("en"));
        QVERIFY(!m_de.messages.isEmpty());
        extractStrings();
    }

    void cleanup()
    {
        graphs::ui::removeTranslators(*QCoreApplication::instance());
    }

    void embedsCatalogues()
    {
        QCOMPARE(graphs::ui::availableLanguages(), (QStringList { QStringLiteral("de"), QStringLiteral("en") }));
    }

    void loadsByLocale_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("open"); // what "&Open…" of the main window becomes

        const QString german = QStringLiteral("Ö&ffnen…");
        const QString english = QStringLiteral("&Open…");
        QTest::newRow("de") << QStringLiteral("de") << QStringLiteral("de") << german;
        QTest::newRow("de_DE") << QStringLiteral("de_DE") << QStringLiteral("de") << german;
        QTest::newRow("de_AT falls back to de") << QStringLiteral("de_AT") << QStringLiteral("de") << german;
        QTest::newRow("de_CH falls back to de") << QStringLiteral("de_CH") << QStringLiteral("de") << german;
        QTest::newRow("en_US") << QStringLiteral("en_US") << QStringLiteral("en") << english;
        QTest::newRow("en_GB") << QStringLiteral("en_GB") << QStringLiteral("en") << english;
        // No catalogue of their own: the English one, for its plural forms.
        QTest::newRow("fr_FR: no catalogue, English") << QStringLiteral("fr_FR") << QStringLiteral("en") << english;
        QTest::newRow("C: no catalogue, English") << QStringLiteral("C") << QStringLiteral("en") << english;
    }

    void loadsByLocale()
    {
        QFETCH(QString, locale);
        QFETCH(QString, language);
        QFETCH(QString, open);

        auto& app = *QCoreApplication::instance();
        const auto installed = graphs::ui::installTranslators(app, QLocale(locale));
        QCOMPARE(installed.language, language);
        QCOMPARE(installed.appCatalogue,
            language.isEmpty() ? QString() : QStringLiteral(":/i18n/graphs_%1.qm").arg(language));
        QCOMPARE(QCoreApplication::translate("graphs::ui::MainWindow", "&Open…"), open);

        // Qt's own catalogue comes along where it is installed (qt6-translations-l10n), and only with one of ours.
        const QString qtbase = QDir(QLibraryInfo::path(QLibraryInfo::TranslationsPath))
                                   .filePath(QStringLiteral("qtbase_%1.qm").arg(language));
        if (language.isEmpty() || !QFileInfo::exists(qtbase))
            QCOMPARE(installed.qtCatalogue, QString());
        else
            QCOMPARE(QFileInfo(installed.qtCatalogue).canonicalFilePath(), QFileInfo(qtbase).canonicalFilePath());

        // A second call replaces the first: no translator of another language lingers.
        graphs::ui::installTranslators(app, QLocale::c());
        QCOMPARE(QCoreApplication::translate("graphs::ui::MainWindow", "&Open…"), QStringLiteral("&Open…"));
    }

    void translatesMainWindow_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QStringList>("menus");
        QTest::addColumn<QString>("open");
        QTest::addColumn<QStringList>("tabs"); // Summary, Nodes, Subgraphs, Energy, Memory, Calibration
        QTest::addColumn<QString>("welcome"); // a fragment of the text shown with no model open
        // The mnemonics must be unique within each menu, in the sources as in every translation.
        QTest::addColumn<bool>("uniqueMnemonics");

        const QStringList germanMenus { QStringLiteral("&Datei"), QStringLiteral("&Ansicht"),
            QStringLiteral("&Hilfe") };
        const QStringList germanTabs { QStringLiteral("Übersicht"), QStringLiteral("Knoten"),
            QStringLiteral("Teilgraphen"), QStringLiteral("Energie"), QStringLiteral("Speicher"),
            QStringLiteral("Kalibrierung") };
        QTest::newRow("de") << QStringLiteral("de") << germanMenus << QStringLiteral("Ö&ffnen…") << germanTabs
                            << QStringLiteral("Kein Modell geöffnet") << true;
        const QStringList englishMenus { QStringLiteral("&File"), QStringLiteral("&View"), QStringLiteral("&Help") };
        const QStringList englishTabs { QStringLiteral("Summary"), QStringLiteral("Nodes"), QStringLiteral("Subgraphs"),
            QStringLiteral("Energy"), QStringLiteral("Memory"), QStringLiteral("Calibration") };
        QTest::newRow("en") << QStringLiteral("en") << englishMenus << QStringLiteral("&Open…") << englishTabs
                            << QStringLiteral("No model open") << true;
    }

    void translatesMainWindow()
    {
        QFETCH(QString, language);
        QFETCH(QStringList, menus);
        QFETCH(QString, open);
        QFETCH(QStringList, tabs);
        QFETCH(QString, welcome);
        QFETCH(bool, uniqueMnemonics);

        QCOMPARE(graphs::ui::installTranslators(*QCoreApplication::instance(), QLocale(language)).language, language);
        MainWindow window;

        QStringList menuTitles;
        QSet<QChar> barMnemonics;
        for (const QAction* action : window.menuBar()->actions()) {
            if (!action->menu())
                continue;
            menuTitles << action->text();
            if (!uniqueMnemonics)
                continue;
            QVERIFY2(!barMnemonics.contains(mnemonic(action->text())), qPrintable(action->text()));
            barMnemonics.insert(mnemonic(action->text()));
            checkMnemonics(action->menu());
        }
        for (const QString& title : menus)
            QVERIFY2(menuTitles.contains(title), qPrintable(menuTitles.join(QStringLiteral(", "))));

        QMenu* file = window.menuBar()->actions().constFirst()->menu();
        QVERIFY(file);
        QCOMPARE(file->actions().constFirst()->text(), open);

        const QStringList shown { tabTitle(window, window.summaryPage()), tabTitle(window, window.nodesPage()),
            tabTitle(window, window.subgraphsPage()), tabTitle(window, window.energyPage()),
            tabTitle(window, window.memoryPage()), tabTitle(window, window.calibrationPage()) };
        QCOMPARE(shown, tabs);

        auto* label = window.findChild<QLabel*>(QStringLiteral("welcome"));
        QVERIFY(label);
        QVERIFY2(label->text().contains(welcome), qPrintable(label->text()));
    }

    void messagesFinished_data()
    {
        QTest::addColumn<int>("language"); // 0: German, 1: English
        QTest::addColumn<int>("index");
        for (int l = 0; l < 2; ++l) {
            const Catalogue& c = l == 0 ? m_de : m_en;
            for (int i = 0; i < c.messages.size(); ++i) {
                const Message& m = c.messages[i];
                const QString row = QStringLiteral("%1 %2: %3")
                                        .arg(c.language, m.context.section(QStringLiteral("::"), -1),
                                            m.source.left(60).replace(QLatin1Char('\n'), QLatin1Char(' ')));
                QTest::newRow(qPrintable(row)) << l << i;
            }
        }
    }

    void messagesFinished()
    {
        QFETCH(int, language);
        QFETCH(int, index);
        const Message& m = (language == 0 ? m_de : m_en).messages[index];

        QVERIFY2(m.type.isEmpty(), qPrintable(QStringLiteral("translation type '%1'").arg(m.type)));
        // German and English both have a singular and a plural.
        QCOMPARE(m.translations.size(), m.numerus ? 2 : 1);
        for (const QString& t : m.translations) {
            QVERIFY2(!t.isEmpty(), "empty translation");
            QCOMPARE(placeholders(t), placeholders(m.source));
            QCOMPARE(htmlTags(t), htmlTags(m.source));
            QCOMPARE(accelerators(t), accelerators(m.source));
            QCOMPARE(t.count(QLatin1Char('\n')), m.source.count(QLatin1Char('\n')));
            QCOMPARE(leadingSpace(t), leadingSpace(m.source));
            QCOMPARE(trailingSpace(t), trailingSpace(m.source));
            // A menu entry or button that opens a dialog keeps its ellipsis; a form label keeps its colon.
            QCOMPARE(t.endsWith(QChar(0x2026)), m.source.endsWith(QChar(0x2026)));
            QCOMPARE(t.trimmed().endsWith(QLatin1Char(':')), m.source.trimmed().endsWith(QLatin1Char(':')));
        }
    }

    void cataloguesCurrent()
    {
        if (!m_extracted)
            QSKIP(qPrintable(m_lupdateProblem));
        QSet<QString> all;
        QSet<QString> plural; // the English catalogue holds only these (lupdate -pluralonly)
        QHash<QString, QString> shown;
        for (const Message& m : m_extracted->messages) {
            all.insert(keyOf(m));
            if (m.numerus)
                plural.insert(keyOf(m));
            shown.insert(keyOf(m), m.context + QStringLiteral(": ") + m.source);
        }
        const std::pair<const Catalogue*, QSet<QString>> expected[] = { { &m_de, all }, { &m_en, plural } };
        for (const auto& [catalogue, wanted] : expected) {
            QSet<QString> held;
            for (const Message& m : catalogue->messages) {
                held.insert(keyOf(m));
                shown.insert(keyOf(m), m.context + QStringLiteral(": ") + m.source);
            }
            QStringList missing;
            for (const QString& key : wanted - held)
                missing << shown.value(key);
            QStringList stale;
            for (const QString& key : held - wanted)
                stale << shown.value(key);
            missing.sort();
            stale.sort();
            const QString name = QFileInfo(cataloguePath(catalogue->language)).fileName();
            QVERIFY2(missing.isEmpty(),
                qPrintable(QStringLiteral("%1 lacks %2 string(s) of the sources; run scripts/update-translations.sh "
                                          "and translate them:\n  %3")
                               .arg(name)
                               .arg(missing.size())
                               .arg(missing.join(QStringLiteral("\n  ")))));
            QVERIFY2(stale.isEmpty(),
                qPrintable(QStringLiteral("%1 holds %2 string(s) no longer in the sources; run "
                                          "scripts/update-translations.sh:\n  %3")
                               .arg(name)
                               .arg(stale.size())
                               .arg(stale.join(QStringLiteral("\n  ")))));
        }
    }

    /// Strings the catalogue holds under another context than the one the code looks them up in, or that lupdate
    /// does not extract at all, stay in English whatever the catalogue says: a tr() outside a Q_OBJECT class or
    /// Q_DECLARE_TR_FUNCTIONS (lupdate warns of it), and a plural message whose count lupdate cannot parse.
    void stringsReachCatalogue()
    {
        if (!m_extracted)
            QSKIP(qPrintable(m_lupdateProblem));
        QStringList problems;
        static const QRegularExpression noQObject(
            QStringLiteral("^(.+):([0-9]+): Class '(.+)' lacks Q_OBJECT macro$"), QRegularExpression::MultilineOption);
        const QString root = QStringLiteral(GRAPHS_SOURCE_DIR "/");
        for (auto it = noQObject.globalMatch(m_lupdateOutput); it.hasNext();) {
            const auto match = it.next();
            problems << QStringLiteral("%1:%2: tr() outside a class with Q_OBJECT or Q_DECLARE_TR_FUNCTIONS (filed "
                                       "under '%3')")
                            .arg(QString(match.captured(1)).remove(root), match.captured(2), match.captured(3));
        }

        QSet<QString> plurals;
        QSet<QString> contexts;
        for (const Message& m : m_extracted->messages) {
            contexts.insert(m.context);
            if (m.numerus)
                plurals.insert(m.source);
        }
        // A local tr() helper, translate("context", text) with the text not a literal: lupdate cannot tell which
        // strings it receives, and files them by where the calls stand, so the helper's context holds none of them.
        static const QRegularExpression helper(QStringLiteral("translate\\(\\s*\"([^\"]+)\"\\s*,\\s*[A-Za-z_]"));
        // A string literal, or adjacent ones that the compiler joins: the piece list of each literal run.
        static const QRegularExpression run(
            QStringLiteral("\"(?:[^\"\\\\\\n]|\\\\.)*\"(?:\\s*\"(?:[^\"\\\\\\n]|\\\\.)*\")*"));
        static const QRegularExpression piece(QStringLiteral("\"((?:[^\"\\\\\\n]|\\\\.)*)\""));
        for (const QString& folder : { QStringLiteral("ui"), QStringLiteral("app/studio") }) {
            QDirIterator files(root + folder, { QStringLiteral("*.cpp"), QStringLiteral("*.h") }, QDir::Files,
                QDirIterator::Subdirectories);
            while (files.hasNext()) {
                QFile file(files.next());
                if (!file.open(QIODevice::ReadOnly))
                    continue;
                const QString text = QString::fromUtf8(file.readAll());
                const QString name = QString(file.fileName()).remove(root);
                for (auto it = helper.globalMatch(text); it.hasNext();) {
                    const auto match = it.next();
                    if (!contexts.contains(match.captured(1))) {
                        problems << QStringLiteral("%1:%2: the strings passed to this translate() are not in context "
                                                   "'%3'")
                                        .arg(name)
                                        .arg(text.left(match.capturedStart()).count(QLatin1Char('\n')) + 1)
                                        .arg(match.captured(1));
                    }
                }
                for (auto it = run.globalMatch(text); it.hasNext();) {
                    const auto match = it.next();
                    if (!match.captured().contains(QLatin1String("%n")))
                        continue;
                    QString source;
                    for (auto p = piece.globalMatch(match.captured()); p.hasNext();)
                        source += p.next().captured(1);
                    source.replace(QLatin1String("\\n"), QLatin1String("\n"))
                        .replace(QLatin1String("\\\""), QLatin1String("\""))
                        .replace(QLatin1String("\\\\"), QLatin1String("\\"));
                    if (plurals.contains(source))
                        continue;
                    problems << QStringLiteral("%1:%2: \"%3\" is not extracted as a plural message (pass the count "
                                               "as a plain variable)")
                                    .arg(name)
                                    .arg(text.left(match.capturedStart()).count(QLatin1Char('\n')) + 1)
                                    .arg(source);
                }
            }
        }
        problems.sort();
        for (const QString& problem : std::as_const(problems))
            qWarning().noquote() << problem;
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
