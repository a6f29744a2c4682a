#include "export/report_export.h"

#include "estimation/graph_analysis.h"
#include "estimation/analysis_pipeline.h"
#include "export/save_text_file.h"
#include "jobs/estimate_runner.h"
#include "qt_strings.h"
#include "reporting/estimate_report.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QTextDocument>
#include <algorithm>
#include <cmath>

namespace graphs::ui {

namespace {

// The strings of this file, under one context for lupdate and the translators.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(graphs::ui::ReportExport)
};

bool isHtml(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("html") || suffix == QLatin1String("htm");
}

// Markdown link targets with spaces or parentheses need the <…> form.
QString linkTarget(const QString& path)
{
    return QStringLiteral("<%1>").arg(path);
}

} // namespace

QString reportMarkdown(const EstimatedModel& estimate, const QList<ReportFigure>& figures, const QString& figureFolder)
{
    const GraphAnalysis& analysis = *estimate.analysis;
    const HardwareSpec& hardware = estimate.hardware();
    QString md;
    md += Tr::tr("# %1 on %2").arg(fromStd(modelDisplayName(*analysis.graph)), fromStd(hardware.name))
        + QStringLiteral("\n\n");
    const QString calibration
        = estimate.calibration.isEmpty() ? Tr::tr("none (theoretical estimates)") : estimate.calibration;
    const std::pair<QString, QString> settings[] = {
        { Tr::tr("Model"), QFileInfo(fromStd(analysis.graph->sourcePath)).fileName() },
        { Tr::tr("Hardware"), QStringLiteral("%1 (`%2`)").arg(fromStd(hardware.name), fromStd(hardware.id)) },
        { Tr::tr("Batch"), QString::number(boundBatch(analysis)) },
        { Tr::tr("Precision"), fromStd(std::string(precisionName(estimate.estimate.options.precision))) },
        { Tr::tr("Runtime"), estimate.runtimeName },
        { Tr::tr("Calibration"), calibration },
        { Tr::tr("Written"),
            QStringLiteral("%1 by graphs-studio %2")
                .arg(QDateTime::currentDateTime().toString(Qt::ISODate), QCoreApplication::applicationVersion())
                .trimmed() },
    };
    md += QStringLiteral("| | |\n|---|---|\n");
    for (const auto& [key, value] : settings)
        md += QStringLiteral("| %1 | %2 |\n").arg(key, value);
    md += QLatin1Char('\n');
    // The engine's report starts with its own title; this document has one already.
    QString body = fromStd(estimateToMarkdown(analysis, estimate.partition, estimate.estimate, ReportOptions {}));
    if (body.startsWith(QLatin1String("# ")))
        body = body.mid(body.indexOf(QLatin1Char('\n')) + 1);
    md += body.trimmed() + QStringLiteral("\n");
    if (!figures.isEmpty()) {
        md += QStringLiteral("\n## ") + Tr::tr("Figures") + QStringLiteral("\n");
        for (const ReportFigure& f : figures)
            md += QStringLiteral("\n### %1\n\n![%1](%2)\n")
                      .arg(f.title, linkTarget(figureFolder + QLatin1Char('/') + f.fileName));
    }
    return md;
}

QString exportReport(const QString& path, const EstimatedModel& estimate, const QList<ReportFigure>& figures)
{
    const QFileInfo info(path);
    const QString folderName = info.completeBaseName() + QStringLiteral("_files");
    const QDir dir = info.absoluteDir();
    if (!figures.isEmpty()) {
        if (!dir.mkpath(folderName))
            return Tr::tr("%1: cannot create the folder for the figures")
                .arg(QDir::toNativeSeparators(dir.filePath(folderName)));
        for (const ReportFigure& f : figures)
            if (const QString error = f.write(dir.filePath(folderName + QLatin1Char('/') + f.fileName));
                !error.isEmpty())
                return error;
    }
    const QString md = reportMarkdown(estimate, figures, folderName);
    if (!isHtml(path))
        return saveTextFile(path, md.toUtf8());
    QTextDocument document;
    document.setMarkdown(md, QTextDocument::MarkdownDialectGitHub);
    document.setMetaInformation(QTextDocument::DocumentTitle, md.section(QLatin1Char('\n'), 0, 0).mid(2));
    return saveTextFile(path, document.toHtml().toUtf8());
}

QString saveScenePng(QGraphicsScene& scene, const QString& path, int maxSide)
{
    const QRectF source = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20);
    if (source.isEmpty())
        return Tr::tr("%1: there is no graph to draw").arg(QDir::toNativeSeparators(path));
    const double scale = std::min(2.0, maxSide / std::max(source.width(), source.height()));
    const QSize size(
        std::max(1, int(std::ceil(source.width() * scale))), std::max(1, int(std::ceil(source.height() * scale))));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        scene.render(&painter, QRectF(QPointF(0, 0), size), source);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
        return Tr::tr("%1: cannot write the picture (%2)").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

} // namespace graphs::ui
