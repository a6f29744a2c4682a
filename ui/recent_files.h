#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace graphs::ui {

/// The "Open Recent" list: kept in QSettings, newest first, shown in a menu this class fills.
class RecentFiles : public QObject
{
    Q_OBJECT

public:
    explicit RecentFiles(QMenu* menu, QObject* parent = nullptr);

    QStringList files() const;
    /// Moves `path` to the top of the list.
    void add(const QString& path);
    void remove(const QString& path);
    void clear();

    static constexpr int MaxFiles = 10;

Q_SIGNALS:
    void fileTriggered(const QString& path);

private:
    void store(const QStringList& files);
    void rebuildMenu();

    QMenu* m_menu;
};

} // namespace graphs::ui
