// Elementwise operators: unary maps through Eigen arrays (vectorised exp/erf/logistic), binary and ternary
// operators over broadcast rows whose inner loops have unit or zero strides, so the compiler vectorises them.

#include "native/broadcast.h"
#include "native/dispatch.h"
#include "native/kernel.h"
#include "native/parallel.h"

#include <Eigen/Core>
#include <cmath>
#include <cstring>
#include <limits>
#include <unsupported/Eigen/SpecialFunctions>

namespace graphs::native {

namespace {

constexpr int64_t kGrain = 16384; // elements per thread below which a loop stays serial

enum class Unary {
    Relu,
    Sigmoid,
    Tanh,
    Exp,
    Log,
    Sqrt,
    Erf,
    Abs,
    Neg,
    Reciprocal,
    Floor,
    Ceil,
    Round,
    Sign,
    HardSigmoid,
    HardSwish,
    LeakyRelu,
    Elu,
    Selu,
    Softplus,
    Gelu,
    GeluTanh,
    Clip,
    Square,
    Cube,
    Not,
    Copy
};

class UnaryKernel : public Kernel
{
public:
    UnaryKernel(Unary op, const NodeDesc& node)
        : m_op(op)
        , m_node(node)
    {
    }

    Status prepare(
        const PrepareContext& ctx, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        if (in.empty() || !in[0] || out.size() != 1)
            return invalid("expects one input and one output");
        m_type = in[0]->type;
        m_count = in[0]->count();
        out[0] = TensorInfo { m_type, in[0]->shape, nullptr };
        m_alpha = static_cast<float>(m_node.attrFloat("alpha",
            m_op == Unary::HardSigmoid     ? 0.2
                : m_op == Unary::LeakyRelu ? 0.01
                : m_op == Unary::Selu      ? 1.67326319217681884765625
                                           : 1.0));
        m_beta = static_cast<float>(m_node.attrFloat("beta", 0.5));
        m_gamma = static_cast<float>(m_node.attrFloat("gamma", 1.05070102214813232421875));
        if (m_op == Unary::Gelu && m_node.attrString("approximate", "none") == "tanh")
            m_op = Unary::GeluTanh;
        if (m_op == Unary::Clip) {
            if (auto s = clipBounds(ctx, in); !s)
                return s;
        }
        if (m_op == Unary::Not)
            return m_type == DataType::Bool ? Status(Ok {}) : Status(invalid("expects a bool input"));
        if (m_op == Unary::Copy)
            return Ok {};
        const bool signedInt = m_type == DataType::Int64 || m_type == DataType::Int32;
        if (signedInt && (m_op == Unary::Neg || m_op == Unary::Abs || m_op == Unary::Clip))
            return Ok {};
        if (m_type != DataType::Float32)
            return Error { ErrorCode::Unsupported,
                "element type " + std::string(dataTypeName(m_type)) + " is not supported by the native runtime", {} };
        return Ok {};
    }

    Status run(const RunArgs& args) override
    {
        if (m_type == DataType::Float32) {
            const auto* x = static_cast<const float*>(args.in[0]);
            auto* y = static_cast<float*>(args.out[0]);
            parallelFor(m_count, kGrain, args.threads, [&](int64_t b, int64_t e) { apply(x + b, y + b, e - b); });
        } else if (m_op == Unary::Copy || m_op == Unary::Not) {
            const auto* x = static_cast<const uint8_t*>(args.in[0]);
            auto* y = static_cast<uint8_t*>(args.out[0]);
            const size_t bytes = static_cast<size_t>(m_count * bytesPerElement(m_type));
            if (m_op == Unary::Copy)
                std::memcpy(y, x, bytes);
            else
                for (size_t i = 0; i < bytes; ++i)
                    y[i] = !x[i];
        } else {
            dispatchSigned(m_type, [&](auto tag) {
                using T = decltype(tag);
                const auto* x = static_cast<const T*>(args.in[0]);
                auto* y = static_cast<T*>(args.out[0]);
                const auto lo = static_cast<T>(std::max<double>(m_low, double(std::numeric_limits<T>::lowest())));
                const auto hi = static_cast<T>(std::min<double>(m_high, double(std::numeric_limits<T>::max())));
                for (int64_t i = 0; i < m_count; ++i)
                    y[i] = m_op == Unary::Neg ? T(-x[i])
                        : m_op == Unary::Abs  ? (x[i] < 0 ? T(-x[i]) : x[i])
                                              : std::min(std::max(x[i], lo), hi);
            });
        }
        return Ok {};
    }

private:
    Status clipBounds(const PrepareContext& ctx, const std::vector<const TensorInfo*>& in)
    {
        m_low = -std::numeric_limits<double>::infinity();
        m_high = std::numeric_limits<double>::infinity();
        if (ctx.opset < 11) {
            m_low = m_node.attrFloat("min", m_low);
            m_high = m_node.attrFloat("max", m_high);
            return Ok {};
        }
        for (size_t i = 1; i < in.size() && i < 3; ++i) {
            if (!in[i])
                continue;
            if (!in[i]->isConstant() || in[i]->count() != 1)
                return Error { ErrorCode::Unsupported, "Clip bounds computed at run time are not supported", {} };
            double v = 0;
            dispatchNumeric(in[i]->type, [&](auto tag) { v = double(*in[i]->as<decltype(tag)>()); });
            (i == 1 ? m_low : m_high) = v;
        }
        return Ok {};
    }

    void apply(const float* xp, float* yp, int64_t n) const
    {
        Eigen::Map<const Eigen::ArrayXf> x(xp, n);
        Eigen::Map<Eigen::ArrayXf> y(yp, n);
        const float a = m_alpha;
        switch (m_op) {
        case Unary::Relu:
            y = x.max(0.0f);
            break;
        case Unary::Sigmoid:
            y = x.logistic();
            break;
        case Unary::Tanh:
            y = x.tanh();
            break;
        case Unary::Exp:
            y = x.exp();
            break;
        case Unary::Log:
            y = x.log();
            break;
        case Unary::Sqrt:
            y = x.sqrt();
            break;
        case Unary::Erf:
            y = x.erf();
            break;
        case Unary::Abs:
            y = x.abs();
            break;
        case Unary::Neg:
            y = -x;
            break;
        case Unary::Reciprocal:
            y = x.inverse();
            break;
        case Unary::Floor:
            y = x.floor();
            break;
        case Unary::Ceil:
            y = x.ceil();
            break;
        case Unary::Round:
            for (int64_t i = 0; i < n; ++i)
                yp[i] = std::nearbyint(xp[i]);
            break; // half to even
        case Unary::Sign:
            y = x.sign();
            break;
        case Unary::HardSigmoid:
            y = (a * x + m_beta).max(0.0f).min(1.0f);
            break;
        case Unary::HardSwish:
            y = x * (x * (1.0f / 6) + 0.5f).max(0.0f).min(1.0f);
            break;
        case Unary::LeakyRelu:
            y = (x > 0).select(x, a * x);
            break;
        case Unary::Elu:
            y = (x > 0).select(x, a * (x.exp() - 1.0f));
            break;
        case Unary::Selu:
            y = m_gamma * (x > 0).select(x, a * (x.exp() - 1.0f));
            break;
        case Unary::Softplus:
            y = (x > 20.0f).select(x, (x.min(20.0f).exp() + 1.0f).log());
            break;
        case Unary::Gelu:
            y = 0.5f * x * (1.0f + (x * float(M_SQRT1_2)).erf());
            break;
        case Unary::GeluTanh:
            y = 0.5f * x * (1.0f + (0.7978845608f * (x + 0.044715f * x.cube())).tanh());
            break;
        case Unary::Clip:
            y = x.max(float(m_low)).min(float(m_high));
            break;
        case Unary::Square:
            y = x.square();
            break;
        case Unary::Cube:
            y = x.cube();
            break;
        case Unary::Not:
        case Unary::Copy:
            y = x;
            break;
        }
    }

    Unary m_op;
    NodeDesc m_node;
    DataType m_type = DataType::Float32;
    int64_t m_count = 0;
    float m_alpha = 1, m_beta = 0.5, m_gamma = 1;
    double m_low = 0, m_high = 0;
};

enum class Binary {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Max,
    Min,
    Mod,
    PRelu,
    Equal,
    Less,
    Greater,
    LessEq,
    GreaterEq,
    And,
    Or,
    Xor
};

bool isComparison(Binary op)
{
    return op >= Binary::Equal && op <= Binary::GreaterEq;
}

bool isLogical(Binary op)
{
    return op >= Binary::And;
}

template <typename T> inline T applyBinary(Binary op, T a, T b)
{
    switch (op) {
    case Binary::Add:
        return a + b;
    case Binary::Sub:
        return a - b;
    case Binary::Mul:
        return a * b;
    case Binary::Div:
        if constexpr (std::is_integral_v<T>)
            return b == 0 ? T(0) : T(a / b); // never SIGFPE on user data
        else
            return a / b;
    case Binary::Pow:
        return static_cast<T>(std::pow(a, b));
    case Binary::Max:
        return a > b ? a : b;
    case Binary::Min:
        return a < b ? a : b;
    case Binary::Mod:
        if constexpr (std::is_integral_v<T>) {
            if (b == 0)
                return 0;
            const T r = a % b;
            return (r != 0 && ((r < 0) != (b < 0))) ? T(r + b) : r; // the sign of the divisor, as numpy
        } else {
            return std::fmod(a, b);
        }
    case Binary::PRelu:
        return a < 0 ? a * b : a;
    default:
        return a;
    }
}

template <typename T> inline uint8_t applyCompare(Binary op, T a, T b)
{
    switch (op) {
    case Binary::Equal:
        return a == b;
    case Binary::Less:
        return a < b;
    case Binary::Greater:
        return a > b;
    case Binary::LessEq:
        return a <= b;
    case Binary::GreaterEq:
        return a >= b;
    case Binary::And:
        return a && b;
    case Binary::Or:
        return a || b;
    case Binary::Xor:
        return bool(a) != bool(b);
    default:
        return 0;
    }
}

/// out[row] = f(a[row], b[row]) over broadcast rows; the four stride cases give the compiler known strides.
template <typename T, typename R, typename F>
void broadcastRows(const BroadcastLoop& loop, const T* a, const T* b, R* out, int threads, F f)
{
    const int64_t len = loop.rowLength();
    const int64_t sa = loop.rowStride(0);
    const int64_t sb = loop.rowStride(1);
    auto row = [&](int64_t r, int64_t begin, int64_t end) {
        const T* pa = a + loop.offset(0, r);
        const T* pb = b + loop.offset(1, r);
        R* po = out + r * len;
        if (sa && sb) {
            for (int64_t i = begin; i < end; ++i)
                po[i] = f(pa[i], pb[i]);
        } else if (sa) {
            const T vb = *pb;
            for (int64_t i = begin; i < end; ++i)
                po[i] = f(pa[i], vb);
        } else if (sb) {
            const T va = *pa;
            for (int64_t i = begin; i < end; ++i)
                po[i] = f(va, pb[i]);
        } else {
            const R v = f(*pa, *pb);
            for (int64_t i = begin; i < end; ++i)
                po[i] = v;
        }
    };
    if (loop.rows() >= threads) {
        parallelFor(loop.rows(), std::max<int64_t>(1, kGrain / std::max<int64_t>(len, 1)), threads,
            [&](int64_t b0, int64_t e0) {
                for (int64_t r = b0; r < e0; ++r)
                    row(r, 0, len);
            });
    } else {
        for (int64_t r = 0; r < loop.rows(); ++r)
            parallelFor(len, kGrain, threads, [&](int64_t b0, int64_t e0) { row(r, b0, e0); });
    }
}

class BinaryKernel : public Kernel
{
public:
    explicit BinaryKernel(Binary op)
        : m_op(op)
    {
    }

    Status prepare(
        const PrepareContext&, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        if (in.size() == 1 && in[0] && (m_op == Binary::Max || m_op == Binary::Min || m_op == Binary::Add)) {
            m_copy = true; // variadic Sum/Max/Min of one tensor
            m_bytes = in[0]->bytes();
            out[0] = TensorInfo { in[0]->type, in[0]->shape, nullptr };
            return Ok {};
        }
        if (in.size() != 2 || !in[0] || !in[1] || out.size() != 1)
            return Error { ErrorCode::Unsupported, "supported with exactly two inputs", {} };
        m_type = in[0]->type;
        if (in[1]->type != m_type) {
            // Pow may raise floats to integer powers: a constant exponent is converted once here.
            if (m_op != Binary::Pow || !in[1]->isConstant() || m_type != DataType::Float32)
                return invalid("inputs have different element types (" + std::string(dataTypeName(m_type)) + ", "
                    + std::string(dataTypeName(in[1]->type)) + ")");
            m_exponent.resize(static_cast<size_t>(in[1]->count()));
            dispatchNumeric(in[1]->type, [&](auto tag) {
                for (size_t i = 0; i < m_exponent.size(); ++i)
                    m_exponent[i] = static_cast<float>(in[1]->as<decltype(tag)>()[i]);
            });
        }
        auto shape = broadcastShapes({ in[0]->shape, in[1]->shape });
        if (!shape)
            return shape.error();
        const bool logical = isLogical(m_op);
        if (logical != (m_type == DataType::Bool) && !isComparison(m_op))
            return Error { ErrorCode::Unsupported,
                "element type " + std::string(dataTypeName(m_type)) + " is not supported by the native runtime", {} };
        if (m_type != DataType::Float32 && m_type != DataType::Float64 && m_type != DataType::Int64
            && m_type != DataType::Int32 && m_type != DataType::Bool)
            return Error { ErrorCode::Unsupported,
                "element type " + std::string(dataTypeName(m_type)) + " is not supported by the native runtime", {} };
        out[0] = TensorInfo { (isComparison(m_op) || logical) ? DataType::Bool : m_type, *shape, nullptr };
        m_loop = BroadcastLoop(*shape, { in[0]->shape, in[1]->shape });
        // x^2 (layer norms) as a product: std::pow does not vectorise.
        if (m_op == Binary::Pow && in[1]->isConstant() && in[1]->count() == 1 && m_type == DataType::Float32) {
            const float e = m_exponent.empty() ? *in[1]->as<float>() : m_exponent[0];
            m_square = e == 2.0f;
        }
        return Ok {};
    }

    Status run(const RunArgs& args) override
    {
        if (m_copy) {
            std::memcpy(args.out[0], args.in[0], m_bytes);
            return Ok {};
        }
        const void* b = m_exponent.empty() ? args.in[1] : m_exponent.data();
        if (m_square) {
            const auto* x = static_cast<const float*>(args.in[0]);
            broadcastRows(
                m_loop, x, x, static_cast<float*>(args.out[0]), args.threads, [](float p, float) { return p * p; });
            return Ok {};
        }
        const Binary op = m_op;
        if (isComparison(op) || isLogical(op)) {
            dispatchAll(m_type, [&](auto tag) {
                using T = decltype(tag);
                broadcastRows(m_loop, static_cast<const T*>(args.in[0]), static_cast<const T*>(b),
                    static_cast<uint8_t*>(args.out[0]), args.threads,
                    [op](T x, T y) { return applyCompare(op, x, y); });
            });
            return Ok {};
        }
        dispatchNumeric(m_type, [&](auto tag) {
            using T = decltype(tag);
            const auto* x = static_cast<const T*>(args.in[0]);
            const auto* y = static_cast<const T*>(b);
            auto* o = static_cast<T*>(args.out[0]);
            // Separate instantiations per operator keep the hot loops free of a switch.
            switch (op) {
            case Binary::Add:
                broadcastRows(m_loop, x, y, o, args.threads, [](T p, T q) { return T(p + q); });
                break;
            case Binary::Sub:
                broadcastRows(m_loop, x, y, o, args.threads, [](T p, T q) { return T(p - q); });
                break;
            case Binary::Mul:
                broadcastRows(m_loop, x, y, o, args.threads, [](T p, T q) { return T(p * q); });
                break;
            case Binary::Div:
                broadcastRows(m_loop, x, y, o, args.threads, [](T p, T q) { return applyBinary(Binary::Div, p, q); });
                break;
            default:
                broadcastRows(m_loop, x, y, o, args.threads, [op](T p, T q) { return applyBinary(op, p, q); });
                break;
            }
        });
        return Ok {};
    }

private:
    Binary m_op;
    DataType m_type = DataType::Float32;
    BroadcastLoop m_loop;
    std::vector<float> m_exponent;
    bool m_square = false;
    bool m_copy = false;
    size_t m_bytes = 0;
};

/// Where(cond, x, y): small in the models seen (attention masks), so one generic strided loop.
class WhereKernel : public Kernel
{
public:
    Status prepare(
        const PrepareContext&, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        if (in.size() != 3 || !in[0] || !in[1] || !in[2] || out.size() != 1)
            return invalid("expects three inputs");
        if (in[0]->type != DataType::Bool || in[1]->type != in[2]->type)
            return invalid("expects a bool condition and two inputs of one element type");
        auto shape = broadcastShapes({ in[0]->shape, in[1]->shape, in[2]->shape });
        if (!shape)
            return shape.error();
        m_size = bytesPerElement(in[1]->type);
        m_loop = BroadcastLoop(*shape, { in[0]->shape, in[1]->shape, in[2]->shape });
        out[0] = TensorInfo { in[1]->type, *shape, nullptr };
        return Ok {};
    }

    Status run(const RunArgs& args) override
    {
        const auto* c = static_cast<const uint8_t*>(args.in[0]);
        const auto* x = static_cast<const uint8_t*>(args.in[1]);
        const auto* y = static_cast<const uint8_t*>(args.in[2]);
        auto* o = static_cast<uint8_t*>(args.out[0]);
        const int64_t len = m_loop.rowLength();
        for (int64_t r = 0; r < m_loop.rows(); ++r) {
            const uint8_t* pc = c + m_loop.offset(0, r);
            const uint8_t* px = x + m_loop.offset(1, r) * m_size;
            const uint8_t* py = y + m_loop.offset(2, r) * m_size;
            for (int64_t i = 0; i < len; ++i) {
                const uint8_t* src = pc[i * m_loop.rowStride(0)] ? px + i * m_loop.rowStride(1) * m_size
                                                                 : py + i * m_loop.rowStride(2) * m_size;
                std::memcpy(o + (r * len + i) * m_size, src, static_cast<size_t>(m_size));
            }
        }
        return Ok {};
    }

private:
    BroadcastLoop m_loop;
    int64_t m_size = 4;
};

} // namespace

std::unique_ptr<Kernel> makeElementwiseKernel(const NodeDesc& node)
{
    static const std::map<std::string, Unary> unary = { { "Relu", Unary::Relu }, { "Sigmoid", Unary::Sigmoid },
        { "Tanh", Unary::Tanh }, { "Exp", Unary::Exp }, { "Log", Unary::Log }, { "Sqrt", Unary::Sqrt },
        { "Erf", Unary::Erf }, { "Abs", Unary::Abs }, { "Neg", Unary::Neg }, { "Reciprocal", Unary::Reciprocal },
        { "Floor", Unary::Floor }, { "Ceil", Unary::Ceil }, { "Round", Unary::Round }, { "Sign", Unary::Sign },
        { "HardSigmoid", Unary::HardSigmoid }, { "HardSwish", Unary::HardSwish }, { "LeakyRelu", Unary::LeakyRelu },
        { "Elu", Unary::Elu }, { "Selu", Unary::Selu }, { "Softplus", Unary::Softplus }, { "Gelu", Unary::Gelu },
        { "Clip", Unary::Clip }, { "Not", Unary::Not } };
    static const std::map<std::string, Binary> binary = { { "Add", Binary::Add }, { "Sum", Binary::Add },
        { "Sub", Binary::Sub }, { "Mul", Binary::Mul }, { "Div", Binary::Div }, { "Pow", Binary::Pow },
        { "Max", Binary::Max }, { "Min", Binary::Min }, { "Mod", Binary::Mod }, { "PRelu", Binary::PRelu },
        { "Equal", Binary::Equal }, { "Less", Binary::Less }, { "Greater", Binary::Greater },
        { "LessOrEqual", Binary::LessEq }, { "GreaterOrEqual", Binary::GreaterEq }, { "And", Binary::And },
        { "Or", Binary::Or }, { "Xor", Binary::Xor } };
    if (auto it = unary.find(node.opType); it != unary.end())
        return std::make_unique<UnaryKernel>(it->second, node);
    if (auto it = binary.find(node.opType); it != binary.end())
        return std::make_unique<BinaryKernel>(it->second);
    if (node.opType == "Where")
        return std::make_unique<WhereKernel>();
    return nullptr;
}

} // namespace graphs::native
