#pragma once

#include <QObject>
#include <QPalette>

class QChart;
class QCustomPlot;
class QWidget;

namespace graphs::ui {

/// True for a palette whose windows are darker than their text (a dark desktop theme).
bool isDarkPalette(const QPalette& palette);

/// Background, axes, grid, labels and legend of a QCustomPlot in the colours of `palette`; the data's own colours
/// (operator classes, energy components) are left alone, they mean the same in both themes.
void applyPalette(QCustomPlot& plot, const QPalette& palette);
/// The same for a Qt Charts chart, without QChart::setTheme (which would reset the series' colours).
void applyPalette(QChart& chart, const QPalette& palette);

/// Keeps every chart under `root` in the application palette: now, and whenever the palette changes (the desktop
/// switching between light and dark). Charts created later under `root` are picked up at the next change or
/// refresh().
class ChartPaletteFollower : public QObject
{
    Q_OBJECT

public:
    explicit ChartPaletteFollower(QWidget* root);

    /// Applies the application palette to every chart under the root now.
    void refresh();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* m_root;
};

} // namespace graphs::ui
