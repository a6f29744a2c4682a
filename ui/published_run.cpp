#include "published_run.h"

#include "hardware/hardware_registry.h"

#include <QCoreApplication>
#include <QDir>
#include <algorithm>
#include <chrono>
#include <exception>

namespace graphs::ui {

namespace {

// The strings of this file, under one context for lupdate and the translators.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(graphs::ui::PublishedRun)
};

QString fromStd(const std::string& s)
{
    return QString::fromStdString(s);
}

std::vector<std::string> toStd(const QStringList& list)
{
    std::vector<std::string> out;
    for (const QString& s : list)
        out.push_back(s.toStdString());
    return out;
}

} // namespace

void runPublishedJob(QPromise<PublishedRunResult>& promise, quint64 generation, const PublishedInputs& inputs)
{
    promise.setProgressRange(0, 1000);
    PublishedRunResult result;
    result.generation = generation;
    try {
        auto rows = loadPublishedResults(inputs.file.toStdString());
        if (!rows) {
            result.error = fromStd(rows.error().toString());
        } else {
            PublishedRequest request;
            request.rows = std::move(*rows);
            request.registry = inputs.registry.get();
            request.registryDirs = toStd(inputs.registryDirs);
            request.benchmarks = findPublishedBenchmarks(toStd(inputs.modelDirs));
            for (const char* benchmark : { "resnet50", "bert-99" }) {
                const bool needed = std::any_of(request.rows.begin(), request.rows.end(),
                    [&](const PublishedRow& r) { return r.benchmark == benchmark; });
                const bool found = std::any_of(request.benchmarks.begin(), request.benchmarks.end(),
                    [&](const PublishedBenchmark& b) { return b.benchmark == benchmark; });
                if (needed && !found) {
                    result.notes << Tr::tr("No model for %1 in %2: its rows are skipped.")
                                        .arg(QLatin1String(benchmark),
                                            QDir::toNativeSeparators(inputs.modelDirs.join(QStringLiteral(", "))));
                }
            }
            auto lastReport = std::chrono::steady_clock::now() - std::chrono::seconds(1);
            const auto progress = [&](double fraction) {
                const auto now = std::chrono::steady_clock::now();
                if (now - lastReport >= std::chrono::milliseconds(100)) {
                    lastReport = now;
                    promise.setProgressValue(static_cast<int>(fraction * 1000));
                }
                return !promise.isCanceled();
            };
            auto validation = validatePublished(request, progress);
            if (validation)
                result.validation = std::make_shared<const PublishedValidation>(std::move(*validation));
            else if (validation.error().code == ErrorCode::Cancelled)
                result.cancelled = true;
            else
                result.error = fromStd(validation.error().toString());
        }
    } catch (const std::exception& e) {
        result.error = Tr::tr("The validation failed: %1").arg(QString::fromUtf8(e.what()));
    }
    promise.setProgressValue(1000);
    promise.addResult(std::move(result));
}

} // namespace graphs::ui
