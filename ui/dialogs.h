#pragma once

#include <QString>

class QWidget;

namespace graphs::ui {

/// Asks where to save an export, starting in the folder of the last export (or `fallbackDirectory`), and remembers
/// the folder chosen. Returns an empty string when the user cancels.
QString askExportPath(QWidget* parent, const QString& title, const QString& fileName, const QString& filter,
    const QString& fallbackDirectory = {});

/// The folder exports start in: the last one chosen, else `fallbackDirectory`.
QString lastExportDirectory(const QString& fallbackDirectory = {});
/// Remembers the folder of `path` for the next export.
void rememberExportDirectory(const QString& path);

/// A warning box (object name "errorBox") with `details` as its informative text. Window-modal, opened with
/// open(): no nested event loop, and it deletes itself when closed.
void showErrorBox(QWidget* parent, const QString& title, const QString& text, const QString& details);

} // namespace graphs::ui
