// Files the program rewrites are replaced atomically, and what is not a plain file (a device such as /dev/null, a
// pipe) is written to, never replaced by a plain file.

#include "core/atomic_file.h"

#include <QtTest>

#include <fstream>
#include <future>
#include <sstream>
#include <sys/stat.h>

using namespace graphs;

namespace {

std::string readAll(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

class TestAtomicFile : public QObject
{
    Q_OBJECT

private slots:
    void replacesAPlainFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("report.md")).toStdString();
        QVERIFY(writeFileAtomically(path, "old"));
        QVERIFY(writeFileAtomically(path, "new contents"));
        QCOMPARE(readAll(path), std::string("new contents"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1); // no temporary left behind
    }

    void failedWriteKeepsTheOldFile()
    {
        QTemporaryDir dir;
        const std::string missing = dir.filePath(QStringLiteral("no/such/folder/x.md")).toStdString();
        auto written = writeFileAtomically(missing, "x");
        QVERIFY(!written);
        QCOMPARE(written.error().location, missing);
        QVERIFY(QString::fromStdString(written.error().message).contains(u"temporary file"_qs));
        const std::string folder = dir.path().toStdString();
        auto onFolder = writeFileAtomically(folder, "x");
        QVERIFY(!onFolder);
        QVERIFY(QString::fromStdString(onFolder.error().message).contains(u"folder"_qs));
    }

    void writesThroughAPipeInsteadOfReplacingIt()
    {
        QTemporaryDir dir;
        const std::string fifo = dir.filePath(QStringLiteral("pipe")).toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        auto reader = std::async(std::launch::async, [&] { return readAll(fifo); });
        QVERIFY(writeFileAtomically(fifo, "through the pipe"));
        QCOMPARE(reader.get(), std::string("through the pipe"));
        struct stat st {};
        QCOMPARE(::stat(fifo.c_str(), &st), 0);
        QVERIFY(S_ISFIFO(st.st_mode)); // still a pipe, not a plain file renamed over it
    }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomic_file.moc"
