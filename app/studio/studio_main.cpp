// graphs-studio: the desktop front end. Everything but argument handling lives in graphs::ui.

#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("graphs"));
    QApplication::setApplicationName(QStringLiteral("graphs-studio"));
    QApplication::setApplicationVersion(QStringLiteral(GRAPHS_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Latency, memory and energy estimates of neural networks on hardware."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("model"), QApplication::translate("main", "ONNX model to open."),
        QStringLiteral("[MODEL.onnx]"));
    parser.process(app);

    graphs::ui::MainWindow window;
    window.show();
    if (const QStringList models = parser.positionalArguments(); !models.isEmpty())
        window.openModel(models.constFirst());
    return QApplication::exec();
}
