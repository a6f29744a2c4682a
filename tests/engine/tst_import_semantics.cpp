// The ONNX frontend's graph semantics: constant folding of shape computations, nested graphs, unknown operators,
// topological order and the --input-shape syntax. Models are written in memory (import_test_models.h).

#include "import_test_models.h"

class TestImportSemantics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void foldsShapeComputations_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<ImportOptions>("options");
        QTest::newRow("C, H, W bound by inputShapes")
            << toBytes(channelShuffleModel({ 1, "C", "H", "W" })) << shapes("x", { 1, 8, 4, 4 });
        QTest::newRow("N bound by batch") << toBytes(channelShuffleModel({ "N", 8, 4, 4 })) << batchOf(1);
        QTest::newRow("concrete input") << toBytes(channelShuffleModel({ 1, 8, 4, 4 })) << ImportOptions {};
    }
    void foldsShapeComputations()
    {
        QFETCH(QByteArray, model);
        QFETCH(ImportOptions, options);
        auto result = importOnnxBytes(view(model), "shuffle.onnx", {}, options);
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(describe(result.error())));
        const ComputeGraph& g = *result->graph;

        for (const TensorDescriptor& t : g.tensors())
            QVERIFY2(t.shape.isFullyKnown(), qPrintable(QString::fromStdString(t.name + ": " + t.shape.toString())));
        QCOMPARE(shapeOf(g, "r"), QStringLiteral("1x2x4x4x4"));
        QCOMPARE(shapeOf(g, "t"), QStringLiteral("1x4x2x4x4"));
        QCOMPARE(shapeOf(g, "y"), QStringLiteral("1x8x4x4"));
        const int shape5 = g.findTensor("shape5");
        QVERIFY(shape5 >= 0 && g.tensor(shape5).value);
        QCOMPARE(g.tensor(shape5).value->ints, (std::vector<int64_t> { 1, 2, 4, 4, 4 }));

        const std::set<std::string> computed = { "reshape5", "transpose", "reshape4" };
        for (const Node& n : g.nodes()) {
            const bool expectFolded = computed.count(n.name) == 0;
            QVERIFY2(n.foldedAtImport == expectFolded,
                qPrintable(QString::fromStdString(n.label()) + (expectFolded ? u" not folded"_qs : u" folded"_qs)));
        }

        // Folded shape arithmetic costs nothing; the two Reshapes are views; only the Transpose moves data.
        auto analysis = analyzeGraph(result->graph);
        QVERIFY2(analysis.ok(), analysis.ok() ? "" : qPrintable(describe(analysis.error())));
        for (size_t i = 0; i < g.nodeCount(); ++i) {
            if (g.node(static_cast<int>(i)).foldedAtImport)
                QCOMPARE(QString::fromLatin1(opClassName(analysis->nodes[i].opClass)), QStringLiteral("metadata"));
        }
        QCOMPARE(analysis->totals.macs, qint64(0));
        QCOMPARE(analysis->totals.flops.total(), qint64(0));
        QCOMPARE(analysis->totals.activationBytesRead, qint64(1 * 8 * 4 * 4 * 4));
        QCOMPARE(analysis->totals.bytesWritten, qint64(1 * 8 * 4 * 4 * 4));
    }

    // Values the folder computes, checked against ONNX's operator definitions.
    void foldsConstantValues_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<QList<qint64>>("dims");
        QTest::addColumn<QList<qint64>>("values");
        auto row = [](const char* name, const OnnxModelBuilder& b, const QList<qint64>& dims,
                       const QList<qint64>& values) { QTest::newRow(name) << toBytes(b) << dims << values; };
        const std::vector<int64_t> dividends = { -4, 7, 5, 4, -7, 8 };
        const std::vector<int64_t> divisors = { 2, -3, 8, -2, 3, 5 };
        {
            OnnxModelBuilder b;
            b.ints("a", dividends)
                .ints("b", divisors)
                .node("Mod", { "a", "b" }, { "z" }, {}, "fold")
                .output("z", onnx::TensorProto::INT64);
            // ONNX: integer Mod (fmod = 0) takes the sign of the divisor, like Python (the spec's own example).
            row("Mod, integer (sign of divisor)", b, { 6 }, { 0, -2, 5, 0, 2, 3 });
        }
        {
            OnnxModelBuilder b;
            b.ints("a", dividends).ints("b", divisors);
            b.node("Mod", { "a", "b" }, { "z" }, { Attr::i("fmod", 1) }, "fold").output("z", onnx::TensorProto::INT64);
            row("Mod, fmod = 1 (sign of dividend)", b, { 6 }, { 0, 1, 5, 0, -1, 3 });
        }
        {
            OnnxModelBuilder b;
            b.ints("a", { 7, -7 })
                .ints("b", { 2, 2 })
                .node("Div", { "a", "b" }, { "z" }, {}, "fold")
                .output("z", onnx::TensorProto::INT64);
            row("Div, integer truncates", b, { 2 }, { 3, -3 });
        }
        {
            OnnxModelBuilder b;
            b.ints("data", { 0, 1, 2, 3, 4, 5 }).ints("starts", { 4 }).ints("ends", { -7 }).ints("axes", { 0 });
            b.ints("steps", { -2 });
            b.node("Slice", { "data", "starts", "ends", "axes", "steps" }, { "z" }, {}, "fold")
                .output("z", onnx::TensorProto::INT64);
            row("Slice, negative step to the start", b, { 3 }, { 4, 2, 0 });
        }
        {
            OnnxModelBuilder b;
            b.ints("data", { 0, 1, 2, 3, 4, 5 }).ints("starts", { -2 }).ints("ends", { INT64_MAX });
            b.node("Slice", { "data", "starts", "ends" }, { "z" }, {}, "fold").output("z", onnx::TensorProto::INT64);
            row("Slice, end past the end", b, { 2 }, { 4, 5 });
        }
        {
            OnnxModelBuilder b;
            b.ints("start", { 0 }, true).ints("limit", { 10 }, true).ints("delta", { 3 }, true);
            b.node("Range", { "start", "limit", "delta" }, { "z" }, {}, "fold").output("z", onnx::TensorProto::INT64);
            row("Range", b, { 4 }, { 0, 3, 6, 9 });
        }
        {
            OnnxModelBuilder b;
            b.ints("data", { 1, 8, 4, 4 }).ints("index", { -1 }, true);
            b.node("Gather", { "data", "index" }, { "z" }, { Attr::i("axis", 0) }, "fold")
                .output("z", onnx::TensorProto::INT64);
            row("Gather, negative index", b, {}, { 4 });
        }
        {
            OnnxModelBuilder b(15);
            b.input("x", { 1, 8, 4, 4 });
            b.node("Shape", { "x" }, { "z" }, { Attr::i("start", 1), Attr::i("end", -1) }, "fold")
                .output("z", onnx::TensorProto::INT64);
            row("Shape with start and end", b, { 2 }, { 8, 4 });
        }
        {
            OnnxModelBuilder b;
            b.floats("f", { 2.7f, -2.7f });
            b.node("Cast", { "f" }, { "z" }, { Attr::i("to", onnx::TensorProto::INT64) }, "fold")
                .output("z", onnx::TensorProto::INT64);
            row("Cast float to int64 truncates", b, { 2 }, { 2, -2 });
        }
        {
            onnx::TensorProto seven;
            seven.set_data_type(onnx::TensorProto::INT64);
            seven.add_dims(1);
            seven.add_int64_data(7);
            OnnxModelBuilder b;
            b.ints("shape", { 2, 3 });
            b.node("ConstantOfShape", { "shape" }, { "z" }, { Attr::tensor("value", seven) }, "fold")
                .output("z", onnx::TensorProto::INT64);
            row("ConstantOfShape", b, { 2, 3 }, { 7, 7, 7, 7, 7, 7 });
        }
        {
            OnnxModelBuilder b;
            b.ints("a", { 1, 2, 3 }).ints("b", { 1, 0, 3 }).ints("zero", { 0 });
            b.node("Equal", { "a", "b" }, { "m" }, {}, "equal")
                .node("Where", { "m", "a", "zero" }, { "z" }, {}, "fold");
            b.output("z", onnx::TensorProto::INT64);
            row("Equal then Where", b, { 3 }, { 1, 0, 3 });
        }
        {
            OnnxModelBuilder b;
            b.ints("a", { 5 }).ints("shape", { 3 }).node("Expand", { "a", "shape" }, { "z" }, {}, "fold");
            b.output("z", onnx::TensorProto::INT64);
            row("Expand", b, { 3 }, { 5, 5, 5 });
        }
        {
            OnnxModelBuilder b;
            b.ints("a", { 1, 2, 3, 4, 5, 6 }).ints("shape", { 0, -1 });
            b.node("Reshape", { "a", "shape" }, { "z" }, {}, "fold").output("z", onnx::TensorProto::INT64);
            b.graph().mutable_initializer(0)->set_dims(0, 2);
            b.graph().mutable_initializer(0)->add_dims(3);
            row("Reshape, 0 copies the dimension", b, { 2, 3 }, { 1, 2, 3, 4, 5, 6 });
        }
    }
    void foldsConstantValues()
    {
        QFETCH(QByteArray, model);
        QFETCH(QList<qint64>, dims);
        QFETCH(QList<qint64>, values);
        auto result = importOnnxBytes(view(model), "fold.onnx", {}, {});
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(describe(result.error())));
        const ComputeGraph& g = *result->graph;
        const int node = findNode(g, "fold");
        QVERIFY(node >= 0);
        QVERIFY(g.node(node).foldedAtImport);
        const TensorDescriptor& z = g.tensor(g.findTensor("z"));
        QVERIFY(z.isConstant);
        QVERIFY(z.value.has_value());
        QVERIFY(z.value->isInteger());
        QCOMPARE(QString::fromStdString(z.shape.toString()),
            dims.isEmpty()
                ? QStringLiteral("scalar")
                : QString::fromStdString(Shape::of(std::vector<int64_t>(dims.begin(), dims.end())).toString()));
        QCOMPARE(QList<qint64>(z.value->ints.begin(), z.value->ints.end()), values);
    }

    void nestedIfWarnsControlFlow_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<int>("bodyNodes");
        QTest::newRow("one node per branch")
            << toBytes(ifModel(branch("then", "Relu", "t_out"), branch("else", "Neg", "e_out"))) << 2;
        onnx::GraphProto longer = branch("then", "Relu", "t_mid");
        auto* n = longer.add_node();
        n->set_op_type("Sigmoid");
        n->set_name("then_sigmoid");
        n->add_input("t_mid");
        n->add_output("t_out");
        longer.mutable_output(0)->set_name("t_out");
        QTest::newRow("two nodes in then") << toBytes(ifModel(longer, branch("else", "Neg", "e_out"))) << 3;
    }
    void nestedIfWarnsControlFlow()
    {
        QFETCH(QByteArray, model);
        QFETCH(int, bodyNodes);
        auto result = importOnnxBytes(view(model), "if.onnx", {}, {});
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(describe(result.error())));
        const ComputeGraph& g = *result->graph;
        const int ifNode = findNode(g, "if1");
        QVERIFY(ifNode >= 0);
        size_t imported = 0;
        for (const auto& sub : g.node(ifNode).subgraphs())
            imported += sub->nodeCount();
        QCOMPARE(imported, size_t(bodyNodes));
        QCOMPARE(g.node(ifNode).subgraphs().size(), size_t(2));
        QCOMPARE(shapeOf(g, "y"), QStringLiteral("1x3x8x8"));

        auto analysis = analyzeGraph(result->graph);
        QVERIFY2(analysis.ok(), analysis.ok() ? "" : qPrintable(describe(analysis.error())));
        QCOMPARE(QString::fromLatin1(opClassName(analysis->nodes[ifNode].opClass)), QStringLiteral("control_flow"));
        bool warned = false;
        for (const Diagnostic& d : analysis->diagnostics) {
            const QString message = QString::fromStdString(d.message);
            if (d.severity == Diagnostic::Severity::Warning && d.location == "if1"
                && message.contains(QStringLiteral("control flow"))
                && message.contains(QStringLiteral("(%1 nodes)").arg(bodyNodes)))
                warned = true;
        }
        QVERIFY(warned);
    }

    void unknownOperatorWarns_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<QString>("qualifiedOp");
        OnnxModelBuilder custom;
        custom.opsetImport("com.example", 1);
        custom.input("x", { 1, 4 }).node("Foo", { "x" }, { "y" }, {}, "foo1", "com.example").output("y");
        QTest::newRow("custom domain") << toBytes(custom) << QStringLiteral("com.example::Foo");
        OnnxModelBuilder unknown;
        unknown.input("x", { 1, 4 }).node("NoSuchOp", { "x" }, { "y" }, {}, "foo1").output("y");
        QTest::newRow("default domain") << toBytes(unknown) << QStringLiteral("'NoSuchOp'");
    }
    void unknownOperatorWarns()
    {
        QFETCH(QByteArray, model);
        QFETCH(QString, qualifiedOp);
        auto result = importOnnxBytes(view(model), "custom.onnx", {}, {});
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(describe(result.error())));
        auto analysis = analyzeGraph(result->graph);
        QVERIFY2(analysis.ok(), analysis.ok() ? "" : qPrintable(describe(analysis.error())));
        QCOMPARE(analysis->nodes.size(), size_t(1));
        const NodeCost& cost = analysis->nodes[0];
        QVERIFY(!cost.modelled);
        QCOMPARE(QString::fromLatin1(opClassName(cost.opClass)), QStringLiteral("unknown"));
        QCOMPARE(cost.flops.total(), qint64(0));
        QCOMPARE(cost.macs, qint64(0));
        QCOMPARE(analysis->totals.unmodelledNodes, 1);
        QCOMPARE(analysis->totals.flops.total(), qint64(0));
        bool warned = false;
        for (const Diagnostic& d : analysis->diagnostics) {
            const QString message = QString::fromStdString(d.message);
            if (d.severity == Diagnostic::Severity::Warning && message.contains(qualifiedOp)
                && message.contains(QStringLiteral("foo1")))
                warned = true;
        }
        QVERIFY(warned);
    }

    void sortsTopologically_data()
    {
        QTest::addColumn<QStringList>("fileOrder");
        QTest::addColumn<bool>("keepsFileOrder");
        QTest::newRow("already sorted") << QStringList { u"add"_qs, u"neg"_qs, u"relu"_qs, u"mul"_qs, u"sig"_qs }
                                        << true;
        QTest::newRow("independent node first")
            << QStringList { u"sig"_qs, u"add"_qs, u"neg"_qs, u"relu"_qs, u"mul"_qs } << true;
        QTest::newRow("reversed") << QStringList { u"sig"_qs, u"mul"_qs, u"relu"_qs, u"neg"_qs, u"add"_qs } << false;
        QTest::newRow("shuffled") << QStringList { u"relu"_qs, u"mul"_qs, u"add"_qs, u"sig"_qs, u"neg"_qs } << false;
    }
    void sortsTopologically()
    {
        QFETCH(QStringList, fileOrder);
        QFETCH(bool, keepsFileOrder);
        auto result = importOnnxBytes(chainModel(fileOrder).serialize(), "order.onnx", {}, {});
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(describe(result.error())));
        const ComputeGraph& g = *result->graph;
        QCOMPARE(g.nodeCount(), size_t(fileOrder.size()));

        QStringList order;
        for (const Node& n : g.nodes())
            order << QString::fromStdString(n.name);
        if (keepsFileOrder)
            QCOMPARE(order, fileOrder);
        // Every producer comes before its consumers, and producer/consumer indices follow the new order.
        for (size_t i = 0; i < g.nodeCount(); ++i) {
            const Node& n = g.node(static_cast<int>(i));
            for (int in : n.inputs) {
                const TensorDescriptor& t = g.tensor(in);
                QVERIFY2(t.producer < static_cast<int>(i), qPrintable(order.join(u',')));
                QVERIFY(std::count(t.consumers.begin(), t.consumers.end(), static_cast<int>(i)) > 0);
            }
            for (int out : n.outputs)
                QCOMPARE(g.tensor(out).producer, static_cast<int>(i));
        }
        QVERIFY(order.indexOf(u"add"_qs) < order.indexOf(u"neg"_qs));
        QVERIFY(order.indexOf(u"neg"_qs) < order.indexOf(u"relu"_qs));
        QVERIFY(order.indexOf(u"relu"_qs) < order.indexOf(u"mul"_qs));
    }

    void parsesInputShapeArgument_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QList<qint64>>("dims");
        QTest::newRow("x separators") << u"input=1x3x224x224"_qs << u"input"_qs << QList<qint64> { 1, 3, 224, 224 };
        QTest::newRow("colon and commas") << u"x:1,3,8,8"_qs << u"x"_qs << QList<qint64> { 1, 3, 8, 8 };
        QTest::newRow("name with a colon") << u"in:put=2x5"_qs << u"in:put"_qs << QList<qint64> { 2, 5 };
        QTest::newRow("one dimension") << u"ids=128"_qs << u"ids"_qs << QList<qint64> { 128 };
    }
    void parsesInputShapeArgument()
    {
        QFETCH(QString, text);
        QFETCH(QString, name);
        QFETCH(QList<qint64>, dims);
        auto parsed = parseInputShapeArgument(text.toStdString());
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(describe(parsed.error())));
        QCOMPARE(QString::fromStdString(parsed->first), name);
        QCOMPARE(QList<qint64>(parsed->second.begin(), parsed->second.end()), dims);
    }

    void rejectsInputShapeArgument_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("no separator") << u"x"_qs << u"no '='"_qs;
        QTest::newRow("no name") << u"=1x3"_qs << u"no input name"_qs;
        QTest::newRow("no dimensions") << u"x="_qs << u"no dimensions"_qs;
        QTest::newRow("not a number") << u"x=1xax3"_qs << u"'a' is not a whole number"_qs;
        QTest::newRow("zero") << u"x=1x0"_qs << u"must be positive"_qs;
        QTest::newRow("negative") << u"x=-1x3"_qs << u"must be positive"_qs;
        QTest::newRow("trailing separator") << u"x=1x3x"_qs << u"trailing separator"_qs;
        QTest::newRow("too large") << u"x=99999999999999999999"_qs << u"not a whole number"_qs;
    }
    void rejectsInputShapeArgument()
    {
        QFETCH(QString, text);
        QFETCH(QString, fragment);
        auto parsed = parseInputShapeArgument(text.toStdString());
        QVERIFY(!parsed.ok());
        QCOMPARE(codeName(parsed.error().code), codeName(ErrorCode::InvalidArgument));
        const QString message = QString::fromStdString(parsed.error().message);
        QVERIFY2(message.contains(fragment), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestImportSemantics)
#include "tst_import_semantics.moc"
