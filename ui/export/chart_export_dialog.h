#pragma once

#include <QDialog>
#include <QSize>
#include <QString>
#include <optional>

class QLineEdit;
class QSpinBox;

namespace graphs::ui {

/// Where and how large to export a chart: the file (PNG, or SVG when its name ends in .svg) and the picture's size
/// in pixels.
struct ChartExportChoice
{
    QString path;
    QSize size;
};

/// One dialog for a chart export: the file, with a Browse… button, and the width and height of the picture.
class ChartExportDialog : public QDialog
{
    Q_OBJECT

public:
    ChartExportDialog(QWidget* parent, const QString& title, const QString& path, QSize size);

    ChartExportChoice choice() const;
    QLineEdit* pathEdit() const { return m_path; }
    QSpinBox* widthSpin() const { return m_width; }
    QSpinBox* heightSpin() const { return m_height; }

private:
    void browse();

    QLineEdit* m_path;
    QSpinBox* m_width;
    QSpinBox* m_height;
};

/// Asks where to export a chart and at what size, starting with `fileName` in the folder of the last export (or
/// `fallbackDirectory`) and `size`; remembers the folder chosen. nullopt when the user cancels.
std::optional<ChartExportChoice> askChartExport(
    QWidget* parent, const QString& title, const QString& fileName, QSize size, const QString& fallbackDirectory = {});

} // namespace graphs::ui
