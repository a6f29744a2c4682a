// graphs-studio: the desktop front end. Everything but argument handling lives in graphs::ui.

#include "hardware/precision.h"
#include "main_window.h"
#include "screenshot_taker.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <cstdio>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("graphs"));
    QApplication::setApplicationName(QStringLiteral("graphs-studio"));
    QApplication::setApplicationVersion(QStringLiteral(GRAPHS_VERSION));
    // The AppStream/desktop-file id: lets Wayland compositors match the window to its .desktop file and icon.
    const QString appId = QStringLiteral("io.github.graphs.Studio");
    QGuiApplication::setDesktopFileName(appId);
    QIcon bundledIcon;
    for (const int size : { 48, 128, 256 })
        bundledIcon.addFile(QStringLiteral(":/icons/%1-%2.png").arg(appId).arg(size));
    QApplication::setWindowIcon(QIcon::fromTheme(appId, bundledIcon));

    // The language is chosen before the parser below is built, so that --help speaks it too.
    const QCommandLineOption language(QStringLiteral("language"), QString(), QStringLiteral("LANG"));
    QCommandLineParser languageParser;
    languageParser.addOption(language);
    languageParser.parse(QCoreApplication::arguments()); // the other options are the real parser's business
    const bool languageGiven = languageParser.isSet(language);
    const QLocale locale = languageGiven ? QLocale(languageParser.value(language)) : QLocale::system();
    const graphs::ui::InstalledTranslations installed = graphs::ui::installTranslators(app, locale);
    if (languageGiven && installed.language != locale.name().section(QLatin1Char('_'), 0, 0)) {
        std::fprintf(stderr, "%s\n",
            qPrintable(
                QApplication::translate("main", "graphs-studio: no translation for '%1' (available: %2)")
                    .arg(languageParser.value(language), graphs::ui::availableLanguages().join(QStringLiteral(", ")))));
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Latency, memory and energy estimates of neural networks on hardware."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("model"), QApplication::translate("main", "ONNX model to open."),
        QStringLiteral("[MODEL.onnx]"));
    const QCommandLineOption hardware({ QStringLiteral("H"), QStringLiteral("hardware") },
        QApplication::translate("main", "Estimate on the registry entry ID (see 'graphs hardware list')."),
        QStringLiteral("ID"));
    const QCommandLineOption precision({ QStringLiteral("p"), QStringLiteral("precision") },
        QApplication::translate("main", "Execution precision (fp32, fp16, bf16, int8, …) where the hardware has it."),
        QStringLiteral("PRECISION"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QApplication::translate("main",
            "Once the estimate is ready, save the Summary, Nodes, Subgraphs, Roofline, Graph, Energy and Memory pages as PNG "
            "files in DIR (then the Calibration and Validation pages, when the user registry holds measurements of "
            "the hardware and runtime last calibrated), then quit."),
        QStringLiteral("DIR"));
    const QCommandLineOption languageOption(QStringLiteral("language"),
        QApplication::translate("main", "Show the user interface in LANG (%1) instead of the system language.")
            .arg(graphs::ui::availableLanguages().join(QStringLiteral(", "))),
        QStringLiteral("LANG"));
    parser.addOptions({ hardware, precision, screenshot, languageOption });
    parser.process(app);

    graphs::ui::MainWindow window;
    if (parser.isSet(precision)) {
        const auto p = graphs::parsePrecision(parser.value(precision).toStdString());
        if (!p) {
            std::fprintf(stderr, "%s\n",
                qPrintable(QApplication::translate("main", "graphs-studio: unknown precision '%1'")
                               .arg(parser.value(precision))));
            return 2;
        }
        window.setPreferredPrecision(*p);
    }
    if (parser.isSet(hardware))
        window.selectHardware(parser.value(hardware));
    window.show();
    if (const QStringList models = parser.positionalArguments(); !models.isEmpty())
        window.openModel(models.constFirst());

    if (parser.isSet(screenshot)) {
        auto* taker = new graphs::ui::ScreenshotTaker(&window, parser.value(screenshot), &window);
        QObject::connect(taker, &graphs::ui::ScreenshotTaker::finished, &app, [](bool ok, const QString& message) {
            std::fprintf(ok ? stdout : stderr, "graphs-studio: %s\n", qPrintable(message));
            QCoreApplication::exit(ok ? 0 : 1);
        });
        taker->start();
    }
    return QApplication::exec();
}
