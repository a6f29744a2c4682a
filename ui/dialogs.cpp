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
    QString path = QFileDialog::getSaveFileName(
        parent, title, QDir(lastExportDirectory(fallbackDirectory)).filePath(fileName), filter);
    if (!path.isEmpty())
        rememberExportDirectory(path);
    return path;
}

QString lastExportDirectory(const QString& fallbackDirectory)
{
    return QSettings().value(ExportDirectoryKey, fallbackDirectory).toString();
}

void rememberExportDirectory(const QString& path)
{
    QSettings().setValue(ExportDirectoryKey, QFileInfo(path).absolutePath());
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
