// Accuracy of estimates against measurements: per-point errors and summaries checked against hand-computed values,
// Spearman's rank correlation with ties, bound coverage, errors for bad values, the three report formats, and the
// regression baseline (YAML round trip, worse is a regression, better is not, bad files name their line).

#include "validation/accuracy.h"
#include "validation/accuracy_baseline.h"
#include "validation/accuracy_report.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <optional>

using namespace graphs;

namespace {

constexpr double kTolerance = 1e-9;

/// A whole-model point whose estimate is `errorPct` percent off a 10 ms measurement.
ValidationPoint point(const std::string& model, double errorPct, std::optional<double> bound = std::nullopt,
    const std::string& item = {})
{
    return { model, item, 0.010, 0.010 * (1 + errorPct / 100), bound, "theoretical", false };
}

/// A point measured at exactly 1 s, so that errors like 6.25 % come out exact in binary.
ValidationPoint exact(const std::string& model, double estimatedSeconds, std::optional<double> bound = std::nullopt)
{
    return { model, "", 1.0, estimatedSeconds, bound, "calibrated", false };
}

std::vector<double> list(const QString& text)
{
    std::vector<double> out;
    for (const QString& part : text.split(u' ', Qt::SkipEmptyParts))
        out.push_back(part.toDouble());
    return out;
}

bool near(double a, double b)
{
    return std::abs(a - b) < kTolerance;
}

} // namespace

class TestAccuracy : public QObject
{
    Q_OBJECT

private slots:
    void summary_data()
    {
        // Errors in percent; expected figures worked out by hand.
        QTest::addColumn<QString>("errors");
        QTest::addColumn<double>("mape");
        QTest::addColumn<double>("median");
        QTest::addColumn<double>("worst");
        QTest::addColumn<int>("worstIndex");
        QTest::addColumn<double>("within10");
        // |e| = 5, 20, 10, 2: mean 37/4, sorted 2 5 10 20 → median 7.5; within ±10 %: 5, 10, 2.
        QTest::newRow("four points") << u"5 -20 10 -2"_qs << 9.25 << 7.5 << 20.0 << 1 << 0.75;
        // |e| = 50, 1, 3: mean 18, median 3, worst the first.
        QTest::newRow("odd count") << u"-50 1 3"_qs << 18.0 << 3.0 << 50.0 << 0 << 2.0 / 3;
        QTest::newRow("single exact") << u"0"_qs << 0.0 << 0.0 << 0.0 << 0 << 1.0;
        // A tie for the worst: the first one is named.
        QTest::newRow("tied worst") << u"30 -30 11"_qs << 71.0 / 3 << 30.0 << 30.0 << 0 << 0.0;
    }

    void summary()
    {
        QFETCH(QString, errors);
        QFETCH(double, mape);
        QFETCH(double, median);
        QFETCH(double, worst);
        QFETCH(int, worstIndex);
        QFETCH(double, within10);
        std::vector<ValidationPoint> points;
        for (double e : list(errors))
            points.push_back(point("m" + std::to_string(points.size()), e));
        auto s = summarizeAccuracy(points);
        QVERIFY2(s, s ? "" : s.error().message.c_str());
        QCOMPARE(s->count, points.size());
        QVERIFY2(near(s->mapePct, mape), std::to_string(s->mapePct).c_str());
        QVERIFY2(near(s->medianAbsPct, median), std::to_string(s->medianAbsPct).c_str());
        QVERIFY(near(s->worstAbsPct, worst));
        QCOMPARE(s->worstIndex, size_t(worstIndex));
        QCOMPARE(s->worstLabel, "m" + std::to_string(worstIndex));
        QVERIFY2(near(s->withinShare, within10), std::to_string(s->withinShare).c_str());
        QVERIFY(!s->boundCoverage);
    }

    void pointErrors()
    {
        const ValidationPoint p { "m", "conv1", 0.004, 0.005, 20.0, "calibrated", false };
        auto a = pointAccuracy(p);
        QVERIFY(a);
        QVERIFY(near(a->absoluteErrorSeconds, 0.001));
        QVERIFY(near(a->errorPct, 25.0));
        QCOMPARE(a->insideBound, std::optional<bool>(false));
        QCOMPARE(p.label(), std::string("m / conv1"));
    }

    void spearman_data()
    {
        QTest::addColumn<QString>("x");
        QTest::addColumn<QString>("y");
        QTest::addColumn<double>("expected"); // NaN: absent
        QTest::newRow("same order") << u"1 2 3 4"_qs << u"10 20 30 40"_qs << 1.0;
        QTest::newRow("inverted") << u"1 2 3 4 5"_qs << u"50 40 30 20 10"_qs << -1.0;
        // Ranks (1, 2, 3, 4) and (2, 1, 4, 3): d² sums to 4 → 1 − 6·4 / (4·15) = 0.6.
        QTest::newRow("two swaps") << u"1 2 3 4"_qs << u"2 1 4 3"_qs << 0.6;
        // y ranks with a tie: (1, 2.5, 2.5, 4); x ranks (1, 2, 3, 4). Pearson of ranks: Σ dx·dy = 4.5,
        // Σ dx² = 5, Σ dy² = 4.5 → 4.5 / √22.5 = 0.9486833.
        QTest::newRow("tie") << u"1 2 3 4"_qs << u"1 5 5 9"_qs << 4.5 / std::sqrt(22.5);
        // Both tied: x ranks (1.5, 1.5, 3), y ranks (1, 2.5, 2.5): Σ dx·dy = 0.75, Σ dx² = 1.5, Σ dy² = 1.5 → 0.5.
        QTest::newRow("ties on both sides") << u"1 1 2"_qs << u"1 2 2"_qs << 0.5;
        QTest::newRow("two points") << u"1 2"_qs << u"1 2"_qs << std::nan("");
        QTest::newRow("constant estimate") << u"1 2 3"_qs << u"5 5 5"_qs << std::nan("");
    }

    void spearman()
    {
        QFETCH(QString, x);
        QFETCH(QString, y);
        QFETCH(double, expected);
        const auto rho = spearmanCorrelation(list(x), list(y));
        if (std::isnan(expected)) {
            QVERIFY(!rho);
            return;
        }
        QVERIFY(rho);
        QVERIFY2(std::abs(*rho - expected) < 1e-9, std::to_string(*rho).c_str());

        // The same through a summary: measured x, estimated y (both positive here).
        std::vector<ValidationPoint> points;
        const auto xs = list(x), ys = list(y);
        for (size_t i = 0; i < xs.size(); ++i)
            points.push_back({ "m" + std::to_string(i), "", xs[i], ys[i], std::nullopt, "", false });
        auto s = summarizeAccuracy(points);
        QVERIFY(s && s->spearman);
        QVERIFY(std::abs(*s->spearman - expected) < 1e-9);
    }

    void coverage()
    {
        // Bounds: ±10 holds 5, ±10 misses −20, ±25 holds −20, none on the last.
        const std::vector<ValidationPoint> points = { point("a", 5, 10.0), point("b", -20, 10.0),
            point("c", -20, 25.0), point("d", 40) };
        auto s = summarizeAccuracy(points);
        QVERIFY(s);
        QCOMPARE(s->pointsWithBound, size_t(3));
        QVERIFY(s->boundCoverage);
        QVERIFY(near(*s->boundCoverage, 2.0 / 3));
        // An error exactly on the bound is inside it.
        auto edge = summarizeAccuracy({ exact("e", 0.875, 12.5) });
        QVERIFY(edge && edge->boundCoverage && *edge->boundCoverage == 1.0);
    }

    void scopes()
    {
        std::vector<ValidationPoint> points = { point("net", 10), point("net", -30, std::nullopt, "conv1"),
            point("net", 50, std::nullopt, "fc"), point("other", 20) };
        points[1].usedInCalibration = true;
        QCOMPARE(selectPoints(points, PointScope::WholeModel).size(), size_t(2));
        QCOMPARE(selectPoints(points, PointScope::Items).size(), size_t(2));
        auto analysis = analyzeAccuracy(points);
        QVERIFY(analysis);
        QVERIFY(analysis->wholeModel && analysis->items);
        QVERIFY(near(analysis->wholeModel->mapePct, 15.0));
        QVERIFY(near(analysis->items->mapePct, 40.0));
        QCOMPARE(analysis->items->worstLabel, std::string("net / fc"));
        QCOMPARE(analysis->all.usedInCalibration, size_t(1));
        QCOMPARE(analysis->wholeModel->usedInCalibration, size_t(0));

        auto wholeOnly = analyzeAccuracy({ point("net", 10) });
        QVERIFY(wholeOnly && wholeOnly->wholeModel && !wholeOnly->items);
    }

    void badValues_data()
    {
        QTest::addColumn<double>("measured");
        QTest::addColumn<double>("estimated");
        QTest::addColumn<double>("bound"); // NaN: no bound
        QTest::addColumn<QString>("fragment");
        const double none = std::nan("");
        QTest::newRow("zero measured") << 0.0 << 1.0 << none << u"'bad / conv': measured time is not positive"_qs;
        QTest::newRow("negative measured") << -1.0 << 1.0 << none << u"measured time is not positive"_qs;
        QTest::newRow("nan measured") << none << 1.0 << none << u"measured time is not positive and finite"_qs;
        QTest::newRow("inf estimated") << 1.0 << HUGE_VAL << none << u"estimated time is not positive and finite"_qs;
        QTest::newRow("zero estimated") << 1.0 << 0.0 << none << u"estimated time is not positive"_qs;
        QTest::newRow("negative bound") << 1.0 << 1.0 << -5.0 << u"error bound is not a non-negative number"_qs;
        QTest::newRow("overflowing ratio") << 1e-300 << 1e300 << none << u"too far apart"_qs;
    }

    void badValues()
    {
        QFETCH(double, measured);
        QFETCH(double, estimated);
        QFETCH(double, bound);
        QFETCH(QString, fragment);
        ValidationPoint bad { "bad", "conv", measured, estimated, std::nullopt, "", false };
        if (!std::isnan(bound))
            bad.errorBoundPct = bound;
        const std::vector<ValidationPoint> points = { point("good", 5), bad };
        for (const auto& error : { summarizeAccuracy(points).error(), analyzeAccuracy(points).error() }) {
            QCOMPARE(error.code, ErrorCode::InvalidData);
            QVERIFY2(QString::fromStdString(error.message).contains(fragment), error.message.c_str());
            QCOMPARE(error.location, std::string("bad / conv"));
        }
    }

    void emptyIsAnError()
    {
        auto s = summarizeAccuracy({});
        QVERIFY(!s);
        QVERIFY(QString::fromStdString(s.error().message).contains(u"no validation points"_qs));
    }

    void csvQuotesNames()
    {
        std::vector<ValidationPoint> points = { point("resnet, v1", 5, 10.0), point("say \"hi\"", -5, std::nullopt,
            "node|1") };
        auto analysis = analyzeAccuracy(points);
        QVERIFY(analysis);
        const QString csv = QString::fromStdString(accuracyCsv(*analysis));
        const QStringList lines = csv.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith(u"model,item,measured_s,estimated_s,abs_error_s,error_pct,error_bound_pct"_qs));
        QVERIFY2(lines[1].startsWith(u"\"resnet, v1\",,0.01,0.0105,"_qs), qPrintable(lines[1]));
        QVERIFY2(lines[1].endsWith(u",10,true,theoretical,false"_qs), qPrintable(lines[1]));
        QVERIFY2(lines[2].startsWith(u"\"say \"\"hi\"\"\",node|1,"_qs), qPrintable(lines[2]));
        QVERIFY2(lines[2].endsWith(u",,,theoretical,false"_qs), qPrintable(lines[2])); // no bound: empty cells
    }

    void jsonParsesBack()
    {
        std::vector<ValidationPoint> points = { point("a", 5, 10.0), point("b", -20), point("c", 30, 5.0, "n") };
        points[0].usedInCalibration = true;
        auto analysis = analyzeAccuracy(points);
        QVERIFY(analysis);
        const auto doc = nlohmann::json::parse(accuracyJson(*analysis));
        QCOMPARE(doc.at("used_in_calibration").get<int>(), 1);
        QCOMPARE(doc.at("points").size(), size_t(3));
        QVERIFY(doc.at("points")[1].at("error_bound_pct").is_null());
        QCOMPARE(doc.at("points")[2].at("inside_bound").get<bool>(), false);
        QVERIFY(near(doc.at("points")[0].at("error_pct").get<double>(), 5.0));
        const auto& all = doc.at("summary").at("all");
        QVERIFY(near(all.at("mape_pct").get<double>(), 55.0 / 3));
        QCOMPARE(all.at("worst_point").get<std::string>(), std::string("c / n"));
        QVERIFY(all.at("spearman").is_null()); // every point measured 10 ms: no rank spread
        QVERIFY(near(all.at("bound_coverage").get<double>(), 0.5));
        QCOMPARE(doc.at("summary").at("whole_model").at("count").get<int>(), 2);
        QVERIFY(doc.at("summary").at("items").at("spearman").is_null()); // one item point
    }

    void markdownWarnsAboutCalibrationPoints()
    {
        std::vector<ValidationPoint> points = { point("a|b", 5), point("c", -20, 10.0) };
        auto clean = analyzeAccuracy(points);
        QVERIFY(clean);
        const std::string cleanText = accuracyMarkdown(*clean);
        QVERIFY(cleanText.find("WARNING") == std::string::npos);
        QVERIFY(cleanText.find("| a\\|b |") != std::string::npos);
        QVERIFY(cleanText.find("**All points** (2): MAPE 12.5 %") != std::string::npos);

        points[1].usedInCalibration = true;
        auto tainted = analyzeAccuracy(points);
        QVERIFY(tainted);
        const std::string text = accuracyMarkdown(*tainted);
        const size_t warning = text.find("WARNING: 1 of 2 points were also used in calibration");
        QVERIFY2(warning != std::string::npos, text.c_str());
        QVERIFY(warning < text.find("| model |")); // at the top, before the table
    }

    void baselineRegressions_data()
    {
        // The summary below has MAPE 12.5, worst 18.75, coverage 50 %, all exact in binary.
        QTest::addColumn<double>("mape");
        QTest::addColumn<double>("worst");
        QTest::addColumn<double>("coverage"); // NaN: none in the baseline
        QTest::addColumn<double>("tolerance");
        QTest::addColumn<QString>("expected"); // metrics regressed, comma-separated
        const double none = std::nan("");
        QTest::newRow("same") << 12.5 << 18.75 << 50.0 << 0.0 << QString();
        QTest::newRow("better now") << 30.0 << 40.0 << 10.0 << 0.0 << QString();
        QTest::newRow("worse MAPE") << 10.0 << 20.0 << none << 1.0 << u"MAPE"_qs;
        QTest::newRow("worse within tolerance") << 12.0 << 18.0 << 51.0 << 1.0 << QString();
        QTest::newRow("all worse") << 5.0 << 10.0 << 90.0 << 1.0 << u"MAPE,worst error,bound coverage"_qs;
    }

    void baselineRegressions()
    {
        QFETCH(double, mape);
        QFETCH(double, worst);
        QFETCH(double, coverage);
        QFETCH(double, tolerance);
        QFETCH(QString, expected);
        auto s = summarizeAccuracy({ exact("a", 1.0625, 10.0), exact("b", 0.8125, 10.0) });
        QVERIFY(s);
        BaselineEntry accepted { mape, worst, std::nullopt };
        if (!std::isnan(coverage))
            accepted.coveragePct = coverage;
        QStringList metrics;
        for (const AccuracyRegression& r : checkAgainstBaseline(*s, accepted, tolerance)) {
            metrics << QString::fromStdString(r.metric);
            QVERIFY2(r.text.find(r.metric) != std::string::npos, r.text.c_str());
        }
        QCOMPARE(metrics.join(u','), expected);
    }

    void baselineTextNamesFigures()
    {
        auto s = summarizeAccuracy({ point("a", 5), point("b", -20) });
        QVERIFY(s);
        AccuracyBaseline baseline;
        baseline.suites["cpu"] = { 10.0, 30.0, 80.0 };
        baseline.suites["gone"] = { 10.0, 30.0, std::nullopt };
        const auto regressions = checkAgainstBaseline({ { "cpu", *s }, { "new", *s } }, baseline, 0.5);
        QStringList texts;
        for (const AccuracyRegression& r : regressions)
            texts << QString::fromStdString(r.text);
        QCOMPARE(texts.size(), 3);
        QCOMPARE(texts[0], u"cpu: MAPE 12.5 % exceeds the baseline 10.0 % by more than 0.5 points"_qs);
        QCOMPARE(texts[1], u"cpu: bound coverage was 80.0 % in the baseline; now no point states a bound"_qs);
        QCOMPARE(texts[2], u"gone: in the baseline but not measured now"_qs);

        // Figures that round alike get the decimals that tell them apart; no tolerance, no "by more than".
        const auto close = checkAgainstBaseline(*s, BaselineEntry { 12.46, 30.0, std::nullopt }, 0.0);
        QCOMPARE(close.size(), size_t(1));
        QCOMPARE(QString::fromStdString(close[0].text), u"MAPE 12.50 % exceeds the baseline 12.46 %"_qs);
    }

    void baselineRoundTrip()
    {
        AccuracyBaseline baseline;
        baseline.suites["resnet50: cpu"] = { 12.345678901234, 40.0, 85.5 };
        baseline.suites["bert"] = { 0.1, 2.0, std::nullopt };
        const QString path = QDir(m_dir.path()).filePath(u"baseline.yaml"_qs);
        QVERIFY(saveAccuracyBaseline(path.toStdString(), baseline));
        auto back = loadAccuracyBaseline(path.toStdString());
        QVERIFY2(back, back ? "" : back.error().toString().c_str());
        QCOMPARE(back->suites.size(), size_t(2));
        const BaselineEntry& r = back->suites.at("resnet50: cpu");
        QCOMPARE(r.mapePct, 12.345678901234);
        QCOMPARE(r.worstAbsPct, 40.0);
        QCOMPARE(r.coveragePct, std::optional<double>(85.5));
        QVERIFY(!back->suites.at("bert").coveragePct);
        QCOMPARE(
            baselineEntryOf(*summarizeAccuracy({ point("a", 5, 10.0) })).coveragePct, std::optional<double>(100.0));
    }

    void badBaseline_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<QString>("fragment");
        QTest::addColumn<QString>("location");
        QTest::newRow("syntax") << u"suites:\n  cpu:\n    mape_pct: [1, 2\n"_qs << u"YAML syntax error"_qs
                                << u"b.yaml:4"_qs;
        QTest::newRow("not a number") << u"version: 1\nsuites:\n  cpu:\n    mape_pct: lots\n    worst_pct: 3\n"_qs
                                      << u"suites.cpu.mape_pct': expected a number, got 'lots'"_qs << u"b.yaml:4"_qs;
        QTest::newRow("negative") << u"suites:\n  cpu:\n    mape_pct: 1\n    worst_pct: -3\n"_qs
                                  << u"must be between 0 and"_qs << u"b.yaml:4"_qs;
        QTest::newRow("coverage over 100")
            << u"suites:\n  cpu:\n    mape_pct: 1\n    worst_pct: 3\n    coverage_pct: 120\n"_qs
            << u"must be between 0 and 100"_qs << u"b.yaml:5"_qs;
        QTest::newRow("missing worst") << u"suites:\n  cpu:\n    mape_pct: 1\n"_qs
                                       << u"suites.cpu.worst_pct': is required but missing"_qs << u"b.yaml:3"_qs;
        QTest::newRow("unknown key") << u"suites:\n  cpu:\n    mape_pct: 1\n    worst_pct: 2\n    mean: 3\n"_qs
                                     << u"unknown key"_qs << u"b.yaml:5"_qs;
        QTest::newRow("wrong version") << u"version: 2\nsuites: {}\n"_qs << u"version 1 baselines"_qs << u"b.yaml:1"_qs;
        QTest::newRow("empty") << QString() << u"the file is empty"_qs << u"b.yaml"_qs;
        QTest::newRow("suites a list") << u"suites:\n  - cpu\n"_qs << u"expected a mapping of suite names"_qs
                                       << u"b.yaml:2"_qs;
    }

    void badBaseline()
    {
        QFETCH(QString, yaml);
        QFETCH(QString, fragment);
        QFETCH(QString, location);
        auto b = parseAccuracyBaseline(yaml.toStdString(), "b.yaml");
        QVERIFY(!b);
        QCOMPARE(b.error().code, ErrorCode::InvalidData);
        QVERIFY2(QString::fromStdString(b.error().message).contains(fragment), b.error().toString().c_str());
        QCOMPARE(QString::fromStdString(b.error().location), location);
    }

    void missingBaselineFile()
    {
        auto b = loadAccuracyBaseline(QDir(m_dir.path()).filePath(u"none.yaml"_qs).toStdString());
        QVERIFY(!b);
        QCOMPARE(b.error().code, ErrorCode::Io);
        QVERIFY(QString::fromStdString(b.error().location).endsWith(u"none.yaml"_qs));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestAccuracy)
#include "tst_accuracy.moc"
