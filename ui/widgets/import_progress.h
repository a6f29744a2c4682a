#pragma once

#include <QWidget>

class QProgressBar;

namespace graphs::ui {

class ModelLoader;

/// The status bar's part in opening a model: a progress bar ("importProgress") that follows `loader` and a Cancel
/// button ("cancelImport") that stops it, shown while a load is under way.
class ImportProgress : public QWidget
{
    Q_OBJECT

public:
    explicit ImportProgress(ModelLoader* loader, QWidget* parent = nullptr);

    /// Shows the bar, back at 0, and the button; or hides them.
    void setLoading(bool loading);

private:
    QProgressBar* m_bar;
};

} // namespace graphs::ui
