// HardwareListModel on the bundled registry (model invariants, headings per category, every entry once, searchable)
// and the HardwarePicker built on it, driven by the keyboard: typing part of an id completes to the entry.

#include "hardware/hardware_registry.h"
#include "models/hardware_list_model.h"
#include "widgets/hardware_picker.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QCompleter>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace graphs;
using graphs::ui::HardwareListModel;
using graphs::ui::HardwarePicker;

class TestHardwareListModel : public QObject
{
    Q_OBJECT

private:
    std::vector<std::shared_ptr<const HardwareSpec>> m_entries;

private Q_SLOTS:
    void initTestCase()
    {
        auto registry = HardwareRegistry::load({ GRAPHS_SOURCE_DIR "/registries" });
        QVERIFY2(registry, registry ? "" : registry.error().toString().c_str());
        m_entries = registry->entries();
        QVERIFY(m_entries.size() > 10);
    }

    void passesModelTester()
    {
        HardwareListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries(m_entries);
        QCOMPARE(model.columnCount(), int(HardwareListModel::NumColumns));
        model.setEntries({});
        QCOMPARE(model.rowCount(), 0);
        model.setEntries(m_entries);
    }

    void groupsByCategory()
    {
        HardwareListModel model;
        model.setEntries(m_entries);
        // CPU, GPU and Accelerator headings, then every entry once.
        QCOMPARE(model.rowCount(), int(m_entries.size()) + 3);
        QStringList headings;
        int lastCategory = -1;
        QSet<QString> ids;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row, HardwareListModel::Name);
            const auto entry = model.entry(row);
            if (!entry) {
                headings << index.data().toString();
                QCOMPARE(model.flags(index) & (Qt::ItemIsSelectable | Qt::ItemIsEnabled), Qt::ItemFlags());
                QVERIFY(index.data(HardwareListModel::IdRole).toString().isEmpty());
                continue;
            }
            const int category = index.data(HardwareListModel::CategoryRole).toInt();
            QVERIFY(category >= lastCategory);
            lastCategory = category;
            const QString id = index.data(HardwareListModel::IdRole).toString();
            QCOMPARE(id, QString::fromStdString(entry->id));
            QCOMPARE(model.rowOf(id), row);
            ids.insert(id);
            QVERIFY(model.flags(index) & Qt::ItemIsSelectable);
            QCOMPARE(model.index(row, HardwareListModel::Confidence).data().toString(), QStringLiteral("theoretical"));
            QVERIFY(index.data(HardwareListModel::SearchRole).toString().contains(id));
        }
        QCOMPARE(
            headings, (QStringList { QStringLiteral("CPU"), QStringLiteral("GPU"), QStringLiteral("Accelerator") }));
        QCOMPARE(ids.size(), int(m_entries.size()));
        QCOMPARE(model.rowOf(QStringLiteral("no-such-thing")), -1);

        const int l4 = model.rowOf(QStringLiteral("nvidia-l4"));
        QCOMPARE(model.index(l4, HardwareListModel::Name).data().toString(), QStringLiteral("NVIDIA L4 24GB"));
        QCOMPARE(model.index(l4, HardwareListModel::Peak).data().toString(), QStringLiteral("121 TFLOP/s fp16"));
    }

    void pickerCompletesOnId()
    {
        HardwarePicker picker;
        picker.setEntries(m_entries);
        picker.show();
        QApplication::setActiveWindow(&picker);
        picker.lineEdit()->setFocus();
        QVERIFY(!picker.hardware());

        QSignalSpy changed(&picker, &HardwarePicker::hardwareChanged);
        QTest::keyClicks(picker.lineEdit(), QStringLiteral("nvidia-l40s"));
        QAbstractItemView* popup = picker.completer()->popup();
        QTRY_VERIFY(popup->isVisible());
        QCOMPARE(popup->model()->rowCount(), 1);
        QTest::keyClick(popup, Qt::Key_Down);
        QTest::keyClick(popup, Qt::Key_Return);
        QTRY_COMPARE(changed.count(), 1);
        QVERIFY(picker.hardware());
        QCOMPARE(picker.hardware()->id, std::string("nvidia-l40s"));
        QCOMPARE(picker.currentText(), QStringLiteral("NVIDIA L40S 48GB"));

        // Part of a vendor name finds several; clearing the field chooses none.
        picker.lineEdit()->clear();
        QTest::keyClicks(picker.lineEdit(), QStringLiteral("jetson"));
        QTRY_VERIFY(popup->isVisible());
        QVERIFY(popup->model()->rowCount() >= 3);
        QTest::keyClick(popup, Qt::Key_Escape);
        // A search left without choosing shows the chosen entry again.
        QTest::keyClick(picker.lineEdit(), Qt::Key_Return);
        QCOMPARE(picker.lineEdit()->text(), QStringLiteral("NVIDIA L40S 48GB"));
        QCOMPARE(picker.hardware()->id, std::string("nvidia-l40s"));
        QCOMPARE(changed.count(), 1);
        picker.lineEdit()->selectAll();
        QTest::keyClick(picker.lineEdit(), Qt::Key_Backspace);
        QTRY_VERIFY(!picker.hardware());
        QCOMPARE(changed.count(), 2);

        QVERIFY(picker.selectId(QStringLiteral("google-tpu-v4")));
        QCOMPARE(picker.hardware()->id, std::string("google-tpu-v4"));
        QVERIFY(!picker.selectId(QStringLiteral("no-such-thing")));
        QCOMPARE(picker.hardware()->id, std::string("google-tpu-v4"));
    }
};

QTEST_MAIN(TestHardwareListModel)
#include "tst_hardware_list_model.moc"
