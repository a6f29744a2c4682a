#pragma once

#include <QString>
#include <QStringList>

namespace graphs::ui {

/// The bundled registries, found the way the command-line tool finds them: $GRAPHS_DATA_DIR, then
/// <exe>/../share/graphs/registries (installed), then the source tree's registries/ (build tree).
QString bundledRegistryDir();

/// The user's registry: $XDG_DATA_HOME/graphs, else ~/.local/share/graphs.
QString userRegistryDir();

/// The registry directories in overlay order: bundled first, then the user's when it is another folder.
QStringList registryDirs();

} // namespace graphs::ui
