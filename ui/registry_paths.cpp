#include "registry_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace graphs::ui {

QString bundledRegistryDir()
{
    QString env = qEnvironmentVariable("GRAPHS_DATA_DIR");
    if (!env.isEmpty())
        return env;
    const QString installed
        = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../share/graphs/registries"));
    if (QFileInfo(installed).isDir())
        return QDir::cleanPath(installed);
    return QStringLiteral(GRAPHS_SOURCE_DIR "/registries");
}

QString userRegistryDir()
{
    // Not QStandardPaths: the command-line tool reads these variables, and both must see the same folder.
    const QString xdg = qEnvironmentVariable("XDG_DATA_HOME");
    if (!xdg.isEmpty())
        return QDir(xdg).filePath(QStringLiteral("graphs"));
    const QString home = qEnvironmentVariable("HOME");
    if (!home.isEmpty())
        return QDir(home).filePath(QStringLiteral(".local/share/graphs"));
    return {};
}

QStringList registryDirs()
{
    QStringList dirs { bundledRegistryDir() };
    const QString user = userRegistryDir();
    if (!user.isEmpty() && QFileInfo(user).canonicalFilePath() != QFileInfo(dirs.constFirst()).canonicalFilePath())
        dirs << user;
    return dirs;
}

} // namespace graphs::ui
