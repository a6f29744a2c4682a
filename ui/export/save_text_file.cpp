#include "export/save_text_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

namespace graphs::ui {

QString saveTextFile(const QString& path, const QByteArray& contents)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size() || !file.commit()) {
        return QCoreApplication::translate("graphs::ui", "Could not write %1: %2")
            .arg(QDir::toNativeSeparators(path), file.errorString());
    }
    return {};
}

} // namespace graphs::ui
