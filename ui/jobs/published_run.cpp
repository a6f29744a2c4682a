#include "jobs/published_run.h"

#include "hardware/hardware_registry.h"
#include "jobs/job_tracker.h"
#include "qt_strings.h"

#include <QCoreApplication>
#include <QDir>
#include <algorithm>

namespace graphs::ui {

namespace {

// The strings of this file, under one context for lupdate and the translators.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(graphs::ui::PublishedRun)
};

std::vector<std::string> toStd(const QStringList& list)
{
    std::vector<std::string> out;
    for (const QString& s : list)
        out.push_back(s.toStdString());
    return out;
}

} // namespace

PublishedRunResult runPublishedJob(const JobControl& control, const PublishedInputs& inputs)
{
    PublishedRunResult result;
    auto rows = loadPublishedResults(inputs.file.toStdString());
    if (!rows) {
        result.error = fromStd(rows.error().toString());
        return result;
    }
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
    auto validation = validatePublished(request, control.progress());
    if (validation)
        result.validation = std::make_shared<const PublishedValidation>(std::move(*validation));
    else if (validation.error().code != ErrorCode::Cancelled) // a cancelled run is dropped anyway
        result.error = fromStd(validation.error().toString());
    return result;
}

PublishedRunResult failedPublishedJob(const QString& message)
{
    PublishedRunResult result;
    result.error = Tr::tr("The validation failed: %1").arg(message);
    return result;
}

} // namespace graphs::ui
