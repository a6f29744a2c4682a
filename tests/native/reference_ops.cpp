#include "reference_ops.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace graphs::testing {

namespace {

std::vector<int64_t> stridesOf(const std::vector<int64_t>& shape)
{
    std::vector<int64_t> s(shape.size(), 1);
    for (size_t i = shape.size(); i-- > 1;)
        s[i - 1] = s[i] * shape[i];
    return s;
}

std::vector<int64_t> unravel(int64_t flat, const std::vector<int64_t>& shape)
{
    std::vector<int64_t> idx(shape.size());
    for (size_t i = shape.size(); i-- > 0;) {
        idx[i] = flat % shape[i];
        flat /= shape[i];
    }
    return idx;
}

int64_t product(const std::vector<int64_t>& shape)
{
    return std::accumulate(shape.begin(), shape.end(), int64_t(1), std::multiplies<>());
}

std::vector<int64_t> broadcastShape(const std::vector<int64_t>& a, const std::vector<int64_t>& b)
{
    const size_t rank = std::max(a.size(), b.size());
    std::vector<int64_t> out(rank);
    for (size_t i = 0; i < rank; ++i) {
        const int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
        const int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
        out[i] = std::max(da, db);
    }
    return out;
}

/// The flat index into `shape` of the output index `idx` under numpy broadcasting.
int64_t broadcastIndex(const std::vector<int64_t>& idx, const std::vector<int64_t>& shape)
{
    const size_t pad = idx.size() - shape.size();
    int64_t flat = 0;
    for (size_t i = 0; i < shape.size(); ++i)
        flat = flat * shape[i] + (shape[i] == 1 ? 0 : idx[pad + i]);
    return flat;
}

} // namespace

int64_t RefTensor::count() const
{
    return product(shape);
}

RefTensor randomTensor(const std::vector<int64_t>& shape, uint32_t seed, bool integers, int range)
{
    RefTensor t { shape, {} };
    uint32_t state = seed * 2654435761u + 1;
    for (int64_t i = 0; i < t.count(); ++i) {
        state = state * 1664525u + 1013904223u;
        const double unit = (state >> 8) / 16777216.0;
        // Rounded through float: the executor sees exactly these values.
        t.data.push_back(integers ? std::floor(unit * range) : static_cast<float>(unit * 2 - 1));
    }
    return t;
}

RefTensor conv2d(const RefTensor& x, const RefTensor& w, const RefTensor& bias, const ConvParams& p)
{
    const int64_t n = x.shape[0], c = x.shape[1], h = x.shape[2], wd = x.shape[3];
    const int64_t m = w.shape[0], cg = w.shape[1], kh = w.shape[2], kw = w.shape[3];
    const int64_t mg = m / p.group;
    const int64_t oh = (h + p.pads[0] + p.pads[2] - (p.dilations[0] * (kh - 1) + 1)) / p.strides[0] + 1;
    const int64_t ow = (wd + p.pads[1] + p.pads[3] - (p.dilations[1] * (kw - 1) + 1)) / p.strides[1] + 1;
    RefTensor y { { n, m, oh, ow }, std::vector<double>(static_cast<size_t>(n * m * oh * ow), 0.0) };
    for (int64_t b = 0; b < n; ++b)
        for (int64_t o = 0; o < m; ++o)
            for (int64_t yy = 0; yy < oh; ++yy)
                for (int64_t xx = 0; xx < ow; ++xx) {
                    double acc = bias.data.empty() ? 0.0 : bias.data[o];
                    const int64_t g = o / mg;
                    for (int64_t ci = 0; ci < cg; ++ci)
                        for (int64_t ky = 0; ky < kh; ++ky)
                            for (int64_t kx = 0; kx < kw; ++kx) {
                                const int64_t iy = yy * p.strides[0] - p.pads[0] + ky * p.dilations[0];
                                const int64_t ix = xx * p.strides[1] - p.pads[1] + kx * p.dilations[1];
                                if (iy < 0 || iy >= h || ix < 0 || ix >= wd)
                                    continue;
                                const int64_t ch = g * cg + ci;
                                acc += x.data[((b * c + ch) * h + iy) * wd + ix]
                                    * w.data[((o * cg + ci) * kh + ky) * kw + kx];
                            }
                    y.data[((b * m + o) * oh + yy) * ow + xx] = acc;
                }
    return y;
}

RefTensor gemm(
    const RefTensor& a, const RefTensor& b, const RefTensor& c, bool transA, bool transB, double alpha, double beta)
{
    const int64_t m = transA ? a.shape[1] : a.shape[0], k = transA ? a.shape[0] : a.shape[1];
    const int64_t n = transB ? b.shape[0] : b.shape[1];
    RefTensor y { { m, n }, std::vector<double>(static_cast<size_t>(m * n)) };
    for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < n; ++j) {
            double acc = 0;
            for (int64_t q = 0; q < k; ++q)
                acc += (transA ? a.data[q * m + i] : a.data[i * k + q])
                    * (transB ? b.data[j * k + q] : b.data[q * n + j]);
            double cv = 0;
            if (!c.data.empty())
                cv = c.data[broadcastIndex({ i, j }, c.shape)];
            y.data[i * n + j] = alpha * acc + beta * cv;
        }
    return y;
}

RefTensor matmul(const RefTensor& a, const RefTensor& b)
{
    const int64_t m = a.shape[a.shape.size() - 2], k = a.shape.back(), n = b.shape.back();
    const std::vector<int64_t> ba(a.shape.begin(), a.shape.end() - 2), bb(b.shape.begin(), b.shape.end() - 2);
    std::vector<int64_t> batch = broadcastShape(ba, bb);
    std::vector<int64_t> shape = batch;
    shape.push_back(m);
    shape.push_back(n);
    RefTensor y { shape, std::vector<double>(static_cast<size_t>(product(shape))) };
    for (int64_t t = 0; t < product(batch); ++t) {
        const auto idx = unravel(t, batch);
        const int64_t ia = broadcastIndex(idx, ba), ib = broadcastIndex(idx, bb);
        for (int64_t i = 0; i < m; ++i)
            for (int64_t j = 0; j < n; ++j) {
                double acc = 0;
                for (int64_t q = 0; q < k; ++q)
                    acc += a.data[(ia * m + i) * k + q] * b.data[(ib * k + q) * n + j];
                y.data[(t * m + i) * n + j] = acc;
            }
    }
    return y;
}

RefTensor binary(const std::string& op, const RefTensor& a, const RefTensor& b)
{
    RefTensor y { broadcastShape(a.shape, b.shape), {} };
    for (int64_t i = 0; i < y.count(); ++i) {
        const auto idx = unravel(i, y.shape);
        const double p = a.data[broadcastIndex(idx, a.shape)], q = b.data[broadcastIndex(idx, b.shape)];
        double v = 0;
        if (op == "Add")
            v = p + q;
        else if (op == "Sub")
            v = p - q;
        else if (op == "Mul")
            v = p * q;
        else if (op == "Div")
            v = p / q;
        else if (op == "Pow")
            v = std::pow(p, q);
        else if (op == "Max")
            v = std::max(p, q);
        else if (op == "Min")
            v = std::min(p, q);
        y.data.push_back(v);
    }
    return y;
}

RefTensor softmax(const RefTensor& x, int64_t axis)
{
    if (axis < 0)
        axis += static_cast<int64_t>(x.shape.size());
    const auto st = stridesOf(x.shape);
    RefTensor y = x;
    for (int64_t i = 0; i < x.count(); ++i) {
        const auto idx = unravel(i, x.shape);
        if (idx[axis] != 0)
            continue;
        double max = -std::numeric_limits<double>::infinity(), sum = 0;
        for (int64_t k = 0; k < x.shape[axis]; ++k)
            max = std::max(max, x.data[i + k * st[axis]]);
        for (int64_t k = 0; k < x.shape[axis]; ++k)
            sum += std::exp(x.data[i + k * st[axis]] - max);
        for (int64_t k = 0; k < x.shape[axis]; ++k)
            y.data[i + k * st[axis]] = std::exp(x.data[i + k * st[axis]] - max) / sum;
    }
    return y;
}

RefTensor pool(bool max, const RefTensor& x, const std::vector<int64_t>& kernel, const std::vector<int64_t>& strides,
    const std::vector<int64_t>& pads, bool countIncludePad, bool ceilMode)
{
    const int64_t n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
    auto outSize = [&](int64_t in, int64_t k, int64_t s, int64_t p0, int64_t p1) {
        const int64_t span = in + p0 + p1 - k;
        int64_t o = (ceilMode ? (span + s - 1) / s : span / s) + 1;
        if (ceilMode && (o - 1) * s >= in + p0)
            --o;
        return o;
    };
    const int64_t oh = outSize(h, kernel[0], strides[0], pads[0], pads[2]);
    const int64_t ow = outSize(w, kernel[1], strides[1], pads[1], pads[3]);
    RefTensor y { { n, c, oh, ow }, {} };
    for (int64_t p = 0; p < n * c; ++p)
        for (int64_t yy = 0; yy < oh; ++yy)
            for (int64_t xx = 0; xx < ow; ++xx) {
                double acc = max ? -std::numeric_limits<double>::infinity() : 0.0;
                int64_t count = 0;
                for (int64_t ky = 0; ky < kernel[0]; ++ky)
                    for (int64_t kx = 0; kx < kernel[1]; ++kx) {
                        const int64_t iy = yy * strides[0] - pads[0] + ky, ix = xx * strides[1] - pads[1] + kx;
                        const bool inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
                        const bool inPadded = iy < h + pads[2] && ix < w + pads[3];
                        if (inside) {
                            const double v = x.data[(p * h + iy) * w + ix];
                            acc = max ? std::max(acc, v) : acc + v;
                        }
                        count += countIncludePad ? inPadded : inside;
                    }
                y.data.push_back(max ? acc : acc / static_cast<double>(count));
            }
    return y;
}

RefTensor globalAveragePool(const RefTensor& x)
{
    const int64_t planes = x.shape[0] * x.shape[1], size = x.count() / planes;
    RefTensor y { { x.shape[0], x.shape[1], 1, 1 }, {} };
    for (int64_t p = 0; p < planes; ++p)
        y.data.push_back(std::accumulate(x.data.begin() + p * size, x.data.begin() + (p + 1) * size, 0.0) / size);
    return y;
}

RefTensor transpose(const RefTensor& x, const std::vector<int64_t>& perm)
{
    std::vector<int64_t> shape;
    for (int64_t p : perm)
        shape.push_back(x.shape[p]);
    const auto st = stridesOf(x.shape);
    RefTensor y { shape, {} };
    for (int64_t i = 0; i < y.count(); ++i) {
        const auto idx = unravel(i, shape);
        int64_t src = 0;
        for (size_t d = 0; d < perm.size(); ++d)
            src += idx[d] * st[perm[d]];
        y.data.push_back(x.data[src]);
    }
    return y;
}

RefTensor slice(const RefTensor& x, const std::vector<int64_t>& starts, const std::vector<int64_t>& ends,
    const std::vector<int64_t>& axes, const std::vector<int64_t>& steps)
{
    std::vector<int64_t> first(x.shape.size(), 0), step(x.shape.size(), 1), shape = x.shape;
    for (size_t i = 0; i < axes.size(); ++i) {
        const int64_t ax = axes[i], dim = x.shape[ax];
        int64_t b = starts[i] < 0 ? starts[i] + dim : starts[i];
        int64_t e = ends[i] < 0 ? ends[i] + dim : ends[i];
        if (steps[i] > 0) {
            b = std::clamp<int64_t>(b, 0, dim);
            e = std::clamp<int64_t>(e, 0, dim);
        } else {
            b = std::clamp<int64_t>(b, 0, dim - 1);
            e = std::clamp<int64_t>(e, -1, dim - 1);
        }
        int64_t n = 0;
        for (int64_t v = b; steps[i] > 0 ? v < e : v > e; v += steps[i])
            ++n;
        first[ax] = b;
        step[ax] = steps[i];
        shape[ax] = n;
    }
    const auto st = stridesOf(x.shape);
    RefTensor y { shape, {} };
    for (int64_t i = 0; i < y.count(); ++i) {
        const auto idx = unravel(i, shape);
        int64_t src = 0;
        for (size_t d = 0; d < idx.size(); ++d)
            src += (first[d] + idx[d] * step[d]) * st[d];
        y.data.push_back(x.data[src]);
    }
    return y;
}

RefTensor gather(const RefTensor& x, const RefTensor& indices, int64_t axis)
{
    std::vector<int64_t> shape(x.shape.begin(), x.shape.begin() + axis);
    shape.insert(shape.end(), indices.shape.begin(), indices.shape.end());
    shape.insert(shape.end(), x.shape.begin() + axis + 1, x.shape.end());
    const auto st = stridesOf(x.shape);
    RefTensor y { shape, {} };
    const size_t ir = indices.shape.size();
    for (int64_t i = 0; i < y.count(); ++i) {
        const auto idx = unravel(i, shape);
        int64_t flatIndex = 0;
        for (size_t d = 0; d < ir; ++d)
            flatIndex = flatIndex * indices.shape[d] + idx[axis + d];
        auto k = static_cast<int64_t>(indices.data[flatIndex]);
        if (k < 0)
            k += x.shape[axis];
        int64_t src = k * st[axis];
        for (int64_t d = 0; d < axis; ++d)
            src += idx[d] * st[d];
        for (size_t d = axis + 1; d < x.shape.size(); ++d)
            src += idx[d + ir - 1] * st[d];
        y.data.push_back(x.data[src]);
    }
    return y;
}

RefTensor concat(const std::vector<RefTensor>& xs, int64_t axis)
{
    std::vector<int64_t> shape = xs[0].shape;
    shape[axis] = 0;
    for (const RefTensor& t : xs)
        shape[axis] += t.shape[axis];
    RefTensor y { shape, {} };
    for (int64_t i = 0; i < y.count(); ++i) {
        auto idx = unravel(i, shape);
        for (const RefTensor& t : xs) {
            if (idx[axis] < t.shape[axis]) {
                int64_t src = 0;
                for (size_t d = 0; d < idx.size(); ++d)
                    src = src * t.shape[d] + idx[d];
                y.data.push_back(t.data[src]);
                break;
            }
            idx[axis] -= t.shape[axis];
        }
    }
    return y;
}

RefTensor reduceMean(const RefTensor& x, const std::vector<int64_t>& axes, bool keepDims)
{
    std::vector<bool> reduced(x.shape.size(), false);
    for (int64_t a : axes)
        reduced[a < 0 ? a + static_cast<int64_t>(x.shape.size()) : a] = true;
    std::vector<int64_t> kept;
    for (size_t d = 0; d < x.shape.size(); ++d)
        kept.push_back(reduced[d] ? 1 : x.shape[d]);
    std::vector<double> sum(static_cast<size_t>(product(kept)), 0.0);
    int64_t count = 1;
    for (size_t d = 0; d < x.shape.size(); ++d)
        count *= reduced[d] ? x.shape[d] : 1;
    for (int64_t i = 0; i < x.count(); ++i) {
        auto idx = unravel(i, x.shape);
        int64_t o = 0;
        for (size_t d = 0; d < idx.size(); ++d)
            o = o * kept[d] + (reduced[d] ? 0 : idx[d]);
        sum[o] += x.data[i];
    }
    RefTensor y;
    for (size_t d = 0; d < x.shape.size(); ++d) {
        if (!reduced[d] || keepDims)
            y.shape.push_back(kept[d]);
    }
    for (double s : sum)
        y.data.push_back(s / static_cast<double>(count));
    return y;
}

RefTensor unary(const std::string& op, const RefTensor& x)
{
    RefTensor y { x.shape, {} };
    for (double v : x.data) {
        if (op == "Relu")
            y.data.push_back(std::max(v, 0.0));
        else if (op == "Sigmoid")
            y.data.push_back(1.0 / (1.0 + std::exp(-v)));
        else if (op == "Erf")
            y.data.push_back(std::erf(v));
        else if (op == "Sqrt")
            y.data.push_back(std::sqrt(v));
        else if (op == "HardSigmoid")
            y.data.push_back(std::clamp(0.2 * v + 0.5, 0.0, 1.0));
        else if (op == "HardSwish")
            y.data.push_back(v * std::clamp(v / 6 + 0.5, 0.0, 1.0));
        else if (op == "Clip6")
            y.data.push_back(std::clamp(v, 0.0, 6.0));
    }
    return y;
}

RefTensor batchNorm(const RefTensor& x, const RefTensor& scale, const RefTensor& bias, const RefTensor& mean,
    const RefTensor& var, double epsilon)
{
    RefTensor y = x;
    const int64_t c = x.shape[1], inner = x.count() / (x.shape[0] * c);
    for (int64_t i = 0; i < x.count(); ++i) {
        const int64_t ch = (i / inner) % c;
        y.data[i] = (x.data[i] - mean.data[ch]) / std::sqrt(var.data[ch] + epsilon) * scale.data[ch] + bias.data[ch];
    }
    return y;
}

RefTensor layerNorm(const RefTensor& x, const RefTensor& scale, const RefTensor& bias, double epsilon)
{
    RefTensor y = x;
    const int64_t d = x.shape.back(), rows = x.count() / d;
    for (int64_t r = 0; r < rows; ++r) {
        double mean = 0, var = 0;
        for (int64_t i = 0; i < d; ++i)
            mean += x.data[r * d + i] / d;
        for (int64_t i = 0; i < d; ++i)
            var += (x.data[r * d + i] - mean) * (x.data[r * d + i] - mean) / d;
        for (int64_t i = 0; i < d; ++i)
            y.data[r * d + i] = (x.data[r * d + i] - mean) / std::sqrt(var + epsilon) * scale.data[i] + bias.data[i];
    }
    return y;
}

} // namespace graphs::testing
