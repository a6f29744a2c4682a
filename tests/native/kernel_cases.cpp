#include "kernel_cases.h"

#include <cstring>

namespace graphs::testing {

namespace {

using A = Attr;

CaseInput in(const std::string& name, const std::vector<int64_t>& shape, uint32_t seed)
{
    return { name, randomTensor(shape, seed) };
}

std::string dimsName(const std::vector<int64_t>& dims)
{
    std::string s;
    for (int64_t d : dims)
        s += (s.empty() ? "" : "x") + std::to_string(d);
    return s;
}

RefTensor positive(RefTensor t)
{
    for (double& v : t.data)
        v = static_cast<float>(v + 1.5);
    return t;
}

KernelCase convCase(const std::string& name, const std::vector<int64_t>& x, const std::vector<int64_t>& w,
    const ConvParams& p, bool bias = true)
{
    KernelCase c;
    c.name = name;
    c.inputs = { in("x", x, 1) };
    c.weights = { in("w", w, 2) };
    if (bias)
        c.weights.push_back(in("b", { w[0] }, 3));
    std::vector<std::string> inputs = { "x", "w" };
    if (bias)
        inputs.push_back("b");
    c.nodes = [=](OnnxModelBuilder& b) {
        b.node("Conv", inputs, { "y" },
            { A::i("group", p.group), A::ints("strides", p.strides), A::ints("pads", p.pads),
                A::ints("dilations", p.dilations), A::ints("kernel_shape", { w[2], w[3] }) },
            "conv_node");
    };
    c.expected = conv2d(c.inputs[0].value, c.weights[0].value, bias ? c.weights[1].value : RefTensor {}, p);
    return c;
}

void addConvCases(std::vector<KernelCase>& cases)
{
    cases.push_back(
        convCase("conv 3x3 padded", { 1, 3, 9, 9 }, { 4, 3, 3, 3 }, { 1, { 1, 1 }, { 1, 1, 1, 1 }, { 1, 1 } }));
    cases.push_back(
        convCase("conv strided batch 2", { 2, 4, 10, 11 }, { 6, 4, 3, 3 }, { 1, { 2, 2 }, { 0, 0, 0, 0 }, { 1, 1 } }));
    cases.push_back(convCase(
        "conv asymmetric pads", { 1, 2, 8, 7 }, { 3, 2, 3, 2 }, { 1, { 1, 2 }, { 1, 0, 2, 1 }, { 1, 1 } }, false));
    cases.push_back(
        convCase("conv grouped", { 1, 8, 7, 7 }, { 6, 4, 3, 3 }, { 2, { 1, 1 }, { 1, 1, 1, 1 }, { 1, 1 } }));
    cases.push_back(convCase(
        "conv depthwise strided", { 1, 6, 12, 12 }, { 6, 1, 3, 3 }, { 6, { 2, 2 }, { 1, 1, 1, 1 }, { 1, 1 } }));
    cases.push_back(convCase("conv depthwise 5x5 multiplier 2", { 1, 6, 11, 11 }, { 12, 1, 5, 5 },
        { 6, { 1, 1 }, { 2, 2, 2, 2 }, { 1, 1 } }));
    cases.push_back(
        convCase("conv dilated", { 1, 3, 12, 12 }, { 5, 3, 3, 3 }, { 1, { 1, 1 }, { 2, 2, 2, 2 }, { 2, 2 } }));
    cases.push_back(convCase("conv pointwise", { 1, 16, 7, 7 }, { 8, 16, 1, 1 }, {}));
    cases.push_back(convCase(
        "conv pointwise strided", { 1, 16, 9, 9 }, { 8, 16, 1, 1 }, { 1, { 2, 2 }, { 0, 0, 0, 0 }, { 1, 1 } }));
    cases.push_back(
        convCase("conv column tiles", { 1, 8, 40, 40 }, { 16, 8, 3, 3 }, { 1, { 1, 1 }, { 1, 1, 1, 1 }, { 1, 1 } }));
    cases.push_back(convCase(
        "conv split by channel", { 1, 32, 5, 5 }, { 64, 32, 3, 3 }, { 1, { 1, 1 }, { 1, 1, 1, 1 }, { 1, 1 } }));

    // Fusions: BatchNormalization folded into the weights, then Relu; a residual Add, then Relu; Clip as Relu6.
    KernelCase bn = convCase(
        "conv + batchnorm + relu (folded)", { 1, 4, 8, 8 }, { 5, 4, 3, 3 }, { 1, { 1, 1 }, { 1, 1, 1, 1 }, { 1, 1 } });
    RefTensor var = positive(randomTensor({ 5 }, 7));
    bn.weights.push_back(in("scale", { 5 }, 4));
    bn.weights.push_back(in("shift", { 5 }, 5));
    bn.weights.push_back(in("mean", { 5 }, 6));
    bn.weights.push_back({ "var", var });
    bn.nodes = [](OnnxModelBuilder& b) {
        b.node("Conv", { "x", "w", "b" }, { "c" }, { A::ints("pads", { 1, 1, 1, 1 }) });
        b.node("BatchNormalization", { "c", "scale", "shift", "mean", "var" }, { "n" }, { A::f("epsilon", 1e-3f) });
        b.node("Relu", { "n" }, { "y" });
    };
    bn.expected = unary(
        "Relu", batchNorm(bn.expected, bn.weights[2].value, bn.weights[3].value, bn.weights[4].value, var, 1e-3f));
    cases.push_back(bn);

    KernelCase res = convCase("conv + residual add + relu (fused)", { 1, 4, 6, 6 }, { 4, 4, 3, 3 },
        { 1, { 1, 1 }, { 1, 1, 1, 1 }, { 1, 1 } });
    res.inputs.push_back(in("r", { 1, 4, 6, 6 }, 9));
    res.nodes = [](OnnxModelBuilder& b) {
        b.node("Conv", { "x", "w", "b" }, { "c" }, { A::ints("pads", { 1, 1, 1, 1 }) });
        b.node("Add", { "r", "c" }, { "s" });
        b.node("Relu", { "s" }, { "y" });
    };
    res.expected = unary("Relu", binary("Add", res.expected, res.inputs[1].value));
    cases.push_back(res);

    KernelCase clip = convCase("conv + clip 0..6 (fused)", { 1, 3, 6, 6 }, { 4, 3, 3, 3 }, {});
    for (double& v : clip.inputs[0].value.data)
        v *= 8; // so that the clip bites on both sides
    clip.weights.push_back({ "lo", { {}, { 0.0 } } });
    clip.weights.push_back({ "hi", { {}, { 6.0 } } });
    clip.nodes = [](OnnxModelBuilder& b) {
        b.node("Conv", { "x", "w", "b" }, { "c" });
        b.node("Clip", { "c", "lo", "hi" }, { "y" });
    };
    clip.expected = unary("Clip6", conv2d(clip.inputs[0].value, clip.weights[0].value, clip.weights[1].value, {}));
    cases.push_back(clip);
}

void addMatrixCases(std::vector<KernelCase>& cases)
{
    struct G
    {
        const char* name;
        std::vector<int64_t> a, b, c;
        bool ta, tb;
        float alpha, beta;
        bool relu;
    };
    for (const G& g : { G { "gemm", { 5, 7 }, { 7, 3 }, { 3 }, false, false, 1, 1, false },
             G { "gemm transA transB alpha beta", { 7, 5 }, { 3, 7 }, { 5, 3 }, true, true, 0.5f, 2.0f, false },
             G { "gemm column bias", { 4, 6 }, { 6, 5 }, { 4, 1 }, false, false, 1, 1, false },
             G { "gemm + relu, parallel columns", { 2, 64 }, { 80, 64 }, { 80 }, false, true, 1, 1, true },
             G { "gemm, parallel rows", { 70, 16 }, { 16, 9 }, { 9 }, false, false, 1, 1, false } }) {
        KernelCase c;
        c.name = g.name;
        c.inputs = { in("a", g.a, 11) };
        c.weights = { in("bm", g.b, 12), in("cm", g.c, 13) };
        c.nodes = [g](OnnxModelBuilder& b) {
            b.node("Gemm", { "a", "bm", "cm" }, { g.relu ? "g" : "y" },
                { A::i("transA", g.ta), A::i("transB", g.tb), A::f("alpha", g.alpha), A::f("beta", g.beta) });
            if (g.relu)
                b.node("Relu", { "g" }, { "y" });
        };
        c.expected = gemm(c.inputs[0].value, c.weights[0].value, c.weights[1].value, g.ta, g.tb, g.alpha, g.beta);
        if (g.relu)
            c.expected = unary("Relu", c.expected);
        cases.push_back(c);
    }
    struct M
    {
        const char* name;
        std::vector<int64_t> a, b;
        bool bIsWeight;
    };
    for (const M& m : { M { "matmul batched broadcast", { 2, 3, 4, 5 }, { 3, 5, 6 }, false },
             M { "matmul linear (batch folded)", { 2, 5, 8 }, { 8, 7 }, true },
             M { "matmul broadcast A", { 4, 5 }, { 2, 5, 3 }, false } }) {
        KernelCase c;
        c.name = m.name;
        c.inputs = { in("a", m.a, 21) };
        (m.bIsWeight ? c.weights : c.inputs).push_back(in("bm", m.b, 22));
        c.nodes = [](OnnxModelBuilder& b) { b.node("MatMul", { "a", "bm" }, { "y" }); };
        c.expected = matmul(c.inputs[0].value, m.bIsWeight ? c.weights[0].value : c.inputs[1].value);
        cases.push_back(c);
    }
}

void addLinearCase(std::vector<KernelCase>& cases)
{
    KernelCase c;
    c.name = "matmul + bias add + relu (fused)";
    c.inputs = { in("a", { 2, 5, 8 }, 23) };
    c.weights = { in("bm", { 8, 7 }, 24), in("bias", { 7 }, 25) };
    c.nodes = [](OnnxModelBuilder& b) {
        b.node("MatMul", { "a", "bm" }, { "m" });
        b.node("Add", { "bias", "m" }, { "s" });
        b.node("Relu", { "s" }, { "y" });
    };
    c.expected = unary("Relu", binary("Add", matmul(c.inputs[0].value, c.weights[0].value), c.weights[1].value));
    cases.push_back(c);
}

void addElementwiseCases(std::vector<KernelCase>& cases)
{
    struct B
    {
        const char* op;
        std::vector<int64_t> a, b;
    };
    for (const B& e : { B { "Add", { 2, 3, 4 }, { 4 } }, B { "Mul", { 2, 1, 4 }, { 3, 1 } },
             B { "Sub", { 1, 3, 1, 5 }, { 2, 1, 4, 1 } }, B { "Div", { 2, 3, 5, 5 }, { 3, 1, 1 } },
             B { "Max", { 300, 70 }, { 300, 70 } }, B { "Mul", { 1, 64, 20, 20 }, { 1, 64, 1, 1 } } }) {
        KernelCase c;
        c.name = std::string(e.op) + " " + dimsName(e.a) + " by " + dimsName(e.b);
        c.inputs = { in("a", e.a, 31), in("bb", e.b, 32) };
        if (std::string(e.op) == "Div")
            c.inputs[1].value = positive(c.inputs[1].value);
        c.nodes = [op = std::string(e.op)](OnnxModelBuilder& b) { b.node(op, { "a", "bb" }, { "y" }); };
        c.expected = binary(e.op, c.inputs[0].value, c.inputs[1].value);
        cases.push_back(c);
    }
    KernelCase pow;
    pow.name = "Pow by constant 2";
    pow.inputs = { in("a", { 3, 17 }, 33) };
    pow.weights = { { "two", { {}, { 2.0 } } } };
    pow.nodes = [](OnnxModelBuilder& b) { b.node("Pow", { "a", "two" }, { "y" }); };
    pow.expected = binary("Pow", pow.inputs[0].value, pow.weights[0].value);
    cases.push_back(pow);
    for (const char* op : { "Relu", "Sigmoid", "Erf", "HardSigmoid", "HardSwish", "Sqrt" }) {
        KernelCase c;
        c.name = std::string(op);
        c.inputs = { in("a", { 2, 3, 33 }, 34) };
        for (double& v : c.inputs[0].value.data)
            v = static_cast<float>(std::string(op) == "Sqrt" ? v + 1.5 : v * 4);
        c.nodes = [op = std::string(op)](OnnxModelBuilder& b) { b.node(op, { "a" }, { "y" }); };
        c.expected = unary(op, c.inputs[0].value);
        cases.push_back(c);
    }
}

void addStructureCases(std::vector<KernelCase>& cases)
{
    for (int64_t axis : { -1, 1 }) {
        KernelCase c;
        c.name = "Softmax axis " + std::to_string(axis);
        c.inputs = { in("a", { 2, 5, 7 }, 41) };
        c.nodes = [axis](OnnxModelBuilder& b) { b.node("Softmax", { "a" }, { "y" }, { A::i("axis", axis) }); };
        c.expected = softmax(c.inputs[0].value, axis);
        cases.push_back(c);
    }
    struct P
    {
        const char* name;
        bool max;
        std::vector<int64_t> k, s, pads;
        bool includePad, ceil;
    };
    for (const P& p : { P { "MaxPool 3x3 s2 p1", true, { 3, 3 }, { 2, 2 }, { 1, 1, 1, 1 }, false, false },
             P { "MaxPool ceil mode", true, { 3, 3 }, { 2, 2 }, { 0, 0, 0, 0 }, false, true },
             P { "AveragePool excluding pads", false, { 3, 3 }, { 2, 2 }, { 1, 1, 1, 1 }, false, false },
             P { "AveragePool including pads", false, { 3, 2 }, { 1, 2 }, { 1, 0, 1, 1 }, true, false } }) {
        KernelCase c;
        c.name = p.name;
        c.inputs = { in("a", { 1, 3, 10, 9 }, 42) };
        c.nodes = [p](OnnxModelBuilder& b) {
            b.node(p.max ? "MaxPool" : "AveragePool", { "a" }, { "y" },
                { A::ints("kernel_shape", p.k), A::ints("strides", p.s), A::ints("pads", p.pads),
                    A::i("ceil_mode", p.ceil), A::i("count_include_pad", p.includePad) });
        };
        c.expected = pool(p.max, c.inputs[0].value, p.k, p.s, p.pads, p.includePad, p.ceil);
        cases.push_back(c);
    }
    KernelCase gap;
    gap.name = "GlobalAveragePool";
    gap.inputs = { in("a", { 2, 3, 5, 6 }, 43) };
    gap.nodes = [](OnnxModelBuilder& b) { b.node("GlobalAveragePool", { "a" }, { "y" }); };
    gap.expected = globalAveragePool(gap.inputs[0].value);
    cases.push_back(gap);

    KernelCase rt;
    rt.name = "Reshape then Transpose";
    rt.inputs = { in("a", { 2, 3, 4 }, 44) };
    rt.weights = { { "shape", { { 2 }, { 4, -1 } }, true } };
    rt.nodes = [](OnnxModelBuilder& b) {
        b.node("Reshape", { "a", "shape" }, { "r" });
        b.node("Transpose", { "r" }, { "y" }, { A::ints("perm", { 1, 0 }) });
    };
    rt.expected = transpose({ { 4, 6 }, rt.inputs[0].value.data }, { 1, 0 });
    cases.push_back(rt);

    KernelCase tr;
    tr.name = "Transpose 4-D";
    tr.inputs = { in("a", { 2, 3, 4, 5 }, 45) };
    tr.nodes = [](OnnxModelBuilder& b) { b.node("Transpose", { "a" }, { "y" }, { A::ints("perm", { 0, 2, 3, 1 }) }); };
    tr.expected = transpose(tr.inputs[0].value, { 0, 2, 3, 1 });
    cases.push_back(tr);

    KernelCase sl;
    sl.name = "Slice with negative step";
    sl.inputs = { in("a", { 4, 6, 5 }, 46) };
    sl.weights = { { "starts", { { 2 }, { 1, -1 } }, true }, { "ends", { { 2 }, { 4, 0 } }, true },
        { "axes", { { 2 }, { 0, 2 } }, true }, { "steps", { { 2 }, { 2, -2 } }, true } };
    sl.nodes = [](OnnxModelBuilder& b) { b.node("Slice", { "a", "starts", "ends", "axes", "steps" }, { "y" }); };
    sl.expected = slice(sl.inputs[0].value, { 1, -1 }, { 4, 0 }, { 0, 2 }, { 2, -2 });
    cases.push_back(sl);

    KernelCase ga;
    ga.name = "Gather constant indices axis 1";
    ga.inputs = { in("a", { 5, 4, 3 }, 47) };
    ga.weights = { { "idx", { { 3 }, { 3, 0, -1 } }, true } };
    ga.nodes = [](OnnxModelBuilder& b) { b.node("Gather", { "a", "idx" }, { "y" }, { A::i("axis", 1) }); };
    ga.expected = gather(ga.inputs[0].value, ga.weights[0].value, 1);
    cases.push_back(ga);

    KernelCase emb;
    emb.name = "Gather run-time indices (embedding)";
    emb.inputs = { { "ids", randomTensor({ 2, 6 }, 48, true, 10), true } };
    emb.weights = { in("table", { 10, 8 }, 49) };
    emb.nodes = [](OnnxModelBuilder& b) { b.node("Gather", { "table", "ids" }, { "y" }); };
    emb.expected = gather(emb.weights[0].value, emb.inputs[0].value, 0);
    cases.push_back(emb);

    KernelCase cc;
    cc.name = "Concat axis 1";
    cc.inputs = { in("a", { 2, 3, 4 }, 50), in("bb", { 2, 1, 4 }, 51), in("cc", { 2, 2, 4 }, 52) };
    cc.nodes = [](OnnxModelBuilder& b) { b.node("Concat", { "a", "bb", "cc" }, { "y" }, { A::i("axis", 1) }); };
    cc.expected = concat({ cc.inputs[0].value, cc.inputs[1].value, cc.inputs[2].value }, 1);
    cases.push_back(cc);

    struct R
    {
        const char* name;
        std::vector<int64_t> shape, axes;
        bool keep;
    };
    for (const R& r : { R { "ReduceMean last axis", { 2, 3, 8 }, { -1 }, true },
             R { "ReduceMean spatial", { 2, 3, 4, 5 }, { 2, 3 }, false },
             R { "ReduceMean non-contiguous axes", { 2, 3, 4 }, { 0, 2 }, true } }) {
        KernelCase c;
        c.name = r.name;
        c.inputs = { in("a", r.shape, 53) };
        c.nodes = [r](OnnxModelBuilder& b) {
            b.node("ReduceMean", { "a" }, { "y" }, { A::ints("axes", r.axes), A::i("keepdims", r.keep) });
        };
        c.expected = reduceMean(c.inputs[0].value, r.axes, r.keep);
        cases.push_back(c);
    }

    // Concat inputs written in place by their producers, and a case where that must not happen (c is read twice).
    KernelCase ce;
    ce.name = "concat of conv outputs (written in place)";
    ce.inputs = { in("x", { 1, 3, 6, 6 }, 60) };
    ce.weights = { in("w1", { 4, 3, 3, 3 }, 61), in("w2", { 2, 3, 1, 1 }, 62) };
    ce.nodes = [](OnnxModelBuilder& b) {
        b.node("Conv", { "x", "w1" }, { "c1" }, { A::ints("pads", { 1, 1, 1, 1 }) });
        b.node("Relu", { "c1" }, { "r1" });
        b.node("Conv", { "x", "w2" }, { "c2" });
        b.node("Concat", { "r1", "c2" }, { "y" }, { A::i("axis", 1) });
    };
    ce.expected = concat(
        { unary("Relu", conv2d(ce.inputs[0].value, ce.weights[0].value, {}, { 1, { 1, 1 }, { 1, 1, 1, 1 }, { 1, 1 } })),
            conv2d(ce.inputs[0].value, ce.weights[1].value, {}, {}) },
        1);
    cases.push_back(ce);

    KernelCase cs;
    cs.name = "concat of a tensor read twice (copied)";
    cs.inputs = { in("x", { 1, 3, 5, 5 }, 63) };
    cs.weights = { in("w1", { 2, 3, 1, 1 }, 64) };
    cs.nodes = [](OnnxModelBuilder& b) {
        b.node("Conv", { "x", "w1" }, { "c" });
        b.node("Relu", { "c" }, { "r" });
        b.node("Concat", { "c", "r" }, { "y" }, { A::i("axis", 1) });
    };
    RefTensor conv = conv2d(cs.inputs[0].value, cs.weights[0].value, {}, {});
    cs.expected = concat({ conv, unary("Relu", conv) }, 1);
    cases.push_back(cs);

    KernelCase sv;
    sv.name = "channel slice as a view";
    sv.inputs = { in("x", { 1, 6, 4, 4 }, 65) };
    sv.weights = { { "s", { { 1 }, { 2 } }, true }, { "e", { { 1 }, { 5 } }, true }, { "ax", { { 1 }, { 1 } }, true } };
    sv.nodes = [](OnnxModelBuilder& b) {
        b.node("Relu", { "x" }, { "r" });
        b.node("Slice", { "r", "s", "e", "ax" }, { "v" });
        b.node("Sigmoid", { "v" }, { "y" });
    };
    sv.expected = unary("Sigmoid", slice(unary("Relu", sv.inputs[0].value), { 2 }, { 5 }, { 1 }, { 1 }));
    cases.push_back(sv);

    // Run-time Greater, Expand and Where with broadcasting: y[i, j, k] = a[j] > 0 ? a[j] : b[k].
    KernelCase wh;
    wh.name = "Greater, Expand and Where";
    wh.inputs = { in("a", { 3, 1 }, 66), in("bb", { 4 }, 67) };
    wh.weights = { { "zero", { {}, { 0.0 } } }, { "shape", { { 3 }, { 2, 3, 4 } }, true } };
    wh.nodes = [](OnnxModelBuilder& b) {
        b.node("Greater", { "a", "zero" }, { "m" });
        b.node("Expand", { "a", "shape" }, { "e" });
        b.node("Where", { "m", "e", "bb" }, { "y" });
    };
    wh.expected.shape = { 2, 3, 4 };
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 3; ++j)
            for (int k = 0; k < 4; ++k) {
                const double a = wh.inputs[0].value.data[j];
                wh.expected.data.push_back(a > 0 ? a : wh.inputs[1].value.data[k]);
            }
    cases.push_back(wh);

    KernelCase sp;
    sp.name = "Split, Unsqueeze and Squeeze";
    sp.inputs = { in("a", { 2, 6, 3 }, 68) };
    sp.weights = { { "sizes", { { 2 }, { 2, 4 } }, true }, { "axes0", { { 1 }, { 0 } }, true } };
    sp.nodes = [](OnnxModelBuilder& b) {
        b.node("Split", { "a", "sizes" }, { "first", "second" }, { A::i("axis", 1) });
        b.node("Unsqueeze", { "second", "axes0" }, { "u" });
        b.node("Squeeze", { "u", "axes0" }, { "s" });
        b.node("Relu", { "s" }, { "y" });
    };
    sp.expected = unary("Relu", slice(sp.inputs[0].value, { 2 }, { 6 }, { 1 }, { 1 }));
    cases.push_back(sp);

    KernelCase ca;
    ca.name = "Cast int64 to float";
    ca.inputs = { { "ids", randomTensor({ 2, 3 }, 69, true, 50), true } };
    ca.nodes
        = [](OnnxModelBuilder& b) { b.node("Cast", { "ids" }, { "y" }, { A::i("to", onnx::TensorProto::FLOAT) }); };
    ca.expected = ca.inputs[0].value;
    cases.push_back(ca);

    KernelCase ln;
    ln.name = "LayerNormalization";
    ln.opset = 17;
    ln.inputs = { in("a", { 3, 16 }, 54) };
    ln.weights = { in("g", { 16 }, 55), in("beta", { 16 }, 56) };
    ln.nodes = [](OnnxModelBuilder& b) { b.node("LayerNormalization", { "a", "g", "beta" }, { "y" }); };
    ln.expected = layerNorm(ln.inputs[0].value, ln.weights[0].value, ln.weights[1].value, 1e-5);
    cases.push_back(ln);

    // A shape computation that runs at plan time: Reshape(x, Concat(Unsqueeze(Gather(Shape(x), 0)), [-1])).
    KernelCase sh;
    sh.name = "shape subgraph folded (Shape, Gather, Unsqueeze, Concat, Reshape)";
    sh.inputs = { in("a", { 2, 3, 4 }, 57) };
    sh.weights = { { "zero", { {}, { 0 } }, true }, { "minus1", { { 1 }, { -1 } }, true },
        { "axes0", { { 1 }, { 0 } }, true } };
    sh.nodes = [](OnnxModelBuilder& b) {
        b.node("Shape", { "a" }, { "s" });
        b.node("Gather", { "s", "zero" }, { "n" }, { A::i("axis", 0) });
        b.node("Unsqueeze", { "n", "axes0" }, { "n1" });
        b.node("Concat", { "n1", "minus1" }, { "target" }, { A::i("axis", 0) });
        b.node("Reshape", { "a", "target" }, { "r" });
        b.node("Relu", { "r" }, { "y" });
    };
    sh.expected = unary("Relu", { { 2, 12 }, sh.inputs[0].value.data });
    cases.push_back(sh);
}

void addInitializer(OnnxModelBuilder& b, const CaseInput& w)
{
    auto* t = b.graph().add_initializer();
    t->set_name(w.name);
    t->set_data_type(w.int64 ? onnx::TensorProto::INT64 : onnx::TensorProto::FLOAT);
    for (int64_t d : w.value.shape)
        t->add_dims(d);
    std::string raw;
    for (double v : w.value.data) {
        char bytes[8];
        if (w.int64) {
            const auto i = static_cast<int64_t>(v);
            std::memcpy(bytes, &i, 8);
            raw.append(bytes, 8);
        } else {
            const auto f = static_cast<float>(v);
            std::memcpy(bytes, &f, 4);
            raw.append(bytes, 4);
        }
    }
    t->set_raw_data(raw);
}

} // namespace

const std::vector<KernelCase>& kernelCases()
{
    static const std::vector<KernelCase> cases = [] {
        std::vector<KernelCase> all;
        addConvCases(all);
        addMatrixCases(all);
        addLinearCase(all);
        addElementwiseCases(all);
        addStructureCases(all);
        return all;
    }();
    return cases;
}

OnnxModelBuilder buildCaseModel(const KernelCase& c)
{
    OnnxModelBuilder b(c.opset);
    for (const CaseInput& i : c.inputs) {
        std::vector<TestDim> dims(i.value.shape.begin(), i.value.shape.end());
        b.input(i.name, dims, i.int64 ? onnx::TensorProto::INT64 : onnx::TensorProto::FLOAT);
    }
    for (const CaseInput& w : c.weights)
        addInitializer(b, w);
    c.nodes(b);
    b.output("y");
    return b;
}

} // namespace graphs::testing
