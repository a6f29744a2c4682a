#include "dialogs.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>

namespace graphs::ui {

namespace {

const QString ExportDirectoryKey = QStringLiteral("mainWindow/exportDirectory");

} // namespace

QString askExportPath(QWidget* parent, const QString& title, const QString& fileName, const QString& filter,
    const QString& fallbackDirectory)
{
    QSettings settings;
    const QString directory = settings.value(ExportDirectoryKey, fallbackDirectory).toString();
    QString path = QFileDialog::getSaveFileName(parent, title, QDir(directory).filePath(fileName), filter);
    if (!path.isEmpty())
        settings.setValue(ExportDirectoryKey, QFileInfo(path).absolutePath());
    return path;
}

void showErrorBox(QWidget* parent, const QString& title, const QString& text, const QString& details)
{
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setInformativeText(details);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace graphs::ui
