#pragma once

class QWidget;

namespace graphs::ui {

/// Help › About: the version and what graphs-studio does. Window-modal, opened with open(); deletes itself.
void showAboutBox(QWidget* parent);

} // namespace graphs::ui
