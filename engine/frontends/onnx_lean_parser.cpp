#include "frontends/onnx_lean_parser.h"

#include <climits>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/wire_format_lite.h>
#include <string>
#include <vector>

namespace graphs::onnxfe {

namespace {

using google::protobuf::io::CodedInputStream;
using Wire = google::protobuf::internal::WireFormatLite;

constexpr int kMaxDepth = 100; // protobuf's own recursion limit

/// The messages on the way to a tensor's values; everything else is copied as it is.
enum class Kind { Model, Graph, Node, Attribute, Tensor, Other };

// Field numbers from onnx.proto.
Kind childKind(Kind parent, int field)
{
    switch (parent) {
    case Kind::Model:
        return field == 7 ? Kind::Graph : Kind::Other; // graph
    case Kind::Graph:
        return field == 1 ? Kind::Node : field == 5 ? Kind::Tensor : Kind::Other; // node, initializer
    case Kind::Node:
        return field == 5 ? Kind::Attribute : Kind::Other; // attribute
    case Kind::Attribute:
        return field == 5 ? Kind::Tensor : field == 6 || field == 11 ? Kind::Graph : Kind::Other; // t, g, graphs
    default:
        return Kind::Other;
    }
}

/// The TensorProto fields dropLargeTensorData() clears, in any encoding protobuf accepts for them.
bool isValueField(int field, Wire::WireType wire)
{
    if (wire == Wire::WIRETYPE_LENGTH_DELIMITED)
        return field == 4 || field == 5 || field == 7 || field == 9 || field == 10 || field == 11;
    switch (field) {
    case 4: // float_data
        return wire == Wire::WIRETYPE_FIXED32;
    case 5: // int32_data
    case 7: // int64_data
    case 11: // uint64_data
        return wire == Wire::WIRETYPE_VARINT;
    case 10: // double_data
        return wire == Wire::WIRETYPE_FIXED64;
    default:
        return false;
    }
}

void appendVarint(std::string& out, uint64_t v)
{
    while (v >= 0x80) {
        out.push_back(static_cast<char>(v | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

void appendFixed(std::string& out, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

/// The element count of the dims seen so far, as onnx_model_checks counts it: a negative dim or an overflow counts
/// as too many.
class ElementCount
{
public:
    void add(int64_t dim)
    {
        if (dim < 0 || __builtin_mul_overflow(m_n, dim, &m_n))
            m_n = INT64_MAX;
    }
    int64_t value() const { return m_n; }

private:
    int64_t m_n = 1;
};

class LeanParser
{
public:
    LeanParser(CodedInputStream& in, int64_t keepElements)
        : m_in(in)
        , m_keep(keepElements)
    {
    }

    /// Reads fields up to the current limit, appending the kept ones to `out`.
    bool message(Kind kind, int depth, std::string& out)
    {
        ElementCount elements;
        for (;;) {
            if (m_in.BytesUntilLimit() == 0)
                return true;
            uint32_t tag = 0;
            if (!readTag(tag))
                return false;
            const int field = Wire::GetTagFieldNumber(tag);
            const Wire::WireType wire = Wire::GetTagWireType(tag);
            if (field == 0)
                return false;
            bool ok = false;
            if (kind == Kind::Tensor && field == 1)
                ok = dims(tag, elements, out);
            else if (kind == Kind::Tensor && isValueField(field, wire) && elements.value() > m_keep)
                ok = skip(tag);
            else if (wire == Wire::WIRETYPE_LENGTH_DELIMITED && childKind(kind, field) != Kind::Other)
                ok = child(tag, childKind(kind, field), depth + 1, out);
            else
                ok = copy(tag, out);
            if (!ok)
                return false;
        }
    }

private:
    /// A tag as protobuf's parser reads it: at most five bytes, never zero, the input not ending inside it.
    bool readTag(uint32_t& tag)
    {
        const int start = m_in.CurrentPosition();
        uint64_t v = 0;
        if (!m_in.ReadVarint64(&v) || m_in.CurrentPosition() - start > 5)
            return false;
        tag = static_cast<uint32_t>(v);
        return tag != 0;
    }

    bool length(uint32_t& len)
    {
        if (!m_in.ReadVarint32(&len))
            return false;
        const int left = m_in.BytesUntilLimit(); // there is always a limit: the whole input's
        return left >= 0 && len <= static_cast<uint32_t>(left);
    }

    bool child(uint32_t tag, Kind kind, int depth, std::string& out)
    {
        uint32_t len = 0;
        if (depth > kMaxDepth || !length(len))
            return false;
        // One buffer per depth, kept between siblings: a model has hundreds of thousands of nodes to copy.
        std::string& inner = m_buffers[static_cast<size_t>(depth)];
        inner.clear();
        const auto limit = m_in.PushLimit(static_cast<int>(len));
        const bool ok = message(kind, depth, inner);
        m_in.PopLimit(limit);
        if (!ok)
            return false;
        appendVarint(out, tag);
        appendVarint(out, inner.size());
        out += inner;
        return true;
    }

    bool dims(uint32_t tag, ElementCount& elements, std::string& out)
    {
        const auto wire = Wire::GetTagWireType(tag);
        if (wire == Wire::WIRETYPE_VARINT) {
            uint64_t v = 0;
            if (!m_in.ReadVarint64(&v))
                return false;
            elements.add(static_cast<int64_t>(v));
            appendVarint(out, tag);
            appendVarint(out, v);
            return true;
        }
        if (wire != Wire::WIRETYPE_LENGTH_DELIMITED)
            return copy(tag, out);
        uint32_t len = 0;
        if (!length(len))
            return false;
        std::string packed(len, '\0');
        if (!m_in.ReadRaw(packed.data(), static_cast<int>(len)))
            return false;
        CodedInputStream values(reinterpret_cast<const uint8_t*>(packed.data()), static_cast<int>(len));
        while (values.CurrentPosition() < static_cast<int>(len)) {
            uint64_t v = 0;
            if (!values.ReadVarint64(&v))
                return false;
            elements.add(static_cast<int64_t>(v));
        }
        appendVarint(out, tag);
        appendVarint(out, len);
        out += packed;
        return true;
    }

    /// Passes over a value field without keeping it, failing where protobuf would. Bytes and packed fixed-size
    /// numbers are skipped on the stream, unread; packed varints are read (never held) to find malformed ones.
    bool skip(uint32_t tag)
    {
        if (Wire::GetTagWireType(tag) != Wire::WIRETYPE_LENGTH_DELIMITED)
            return Wire::SkipField(&m_in, tag);
        uint32_t len = 0;
        if (!length(len))
            return false;
        switch (Wire::GetTagFieldNumber(tag)) {
        case 4: // float_data
            return len % 4 == 0 && m_in.Skip(static_cast<int>(len));
        case 10: // double_data
            return len % 8 == 0 && m_in.Skip(static_cast<int>(len));
        case 5: // int32_data
        case 7: // int64_data
        case 11: { // uint64_data
            const auto limit = m_in.PushLimit(static_cast<int>(len));
            bool ok = true;
            uint64_t v = 0;
            while (ok && m_in.BytesUntilLimit() > 0)
                ok = m_in.ReadVarint64(&v);
            m_in.PopLimit(limit);
            return ok;
        }
        default: // raw_data
            return m_in.Skip(static_cast<int>(len));
        }
    }

    bool copy(uint32_t tag, std::string& out)
    {
        switch (Wire::GetTagWireType(tag)) {
        case Wire::WIRETYPE_VARINT: {
            uint64_t v = 0;
            if (!m_in.ReadVarint64(&v))
                return false;
            appendVarint(out, tag);
            appendVarint(out, v);
            return true;
        }
        case Wire::WIRETYPE_FIXED64: {
            uint64_t v = 0;
            if (!m_in.ReadLittleEndian64(&v))
                return false;
            appendVarint(out, tag);
            appendFixed(out, v, 8);
            return true;
        }
        case Wire::WIRETYPE_FIXED32: {
            uint32_t v = 0;
            if (!m_in.ReadLittleEndian32(&v))
                return false;
            appendVarint(out, tag);
            appendFixed(out, v, 4);
            return true;
        }
        case Wire::WIRETYPE_LENGTH_DELIMITED: {
            uint32_t len = 0;
            if (!length(len))
                return false;
            appendVarint(out, tag);
            appendVarint(out, len);
            const size_t at = out.size();
            out.resize(at + len);
            return m_in.ReadRaw(out.data() + at, static_cast<int>(len));
        }
        case Wire::WIRETYPE_START_GROUP: {
            // No ONNX field is a group, but protobuf keeps unknown ones; so do we.
            std::string group;
            {
                google::protobuf::io::StringOutputStream stream(&group);
                google::protobuf::io::CodedOutputStream coded(&stream);
                if (!Wire::SkipField(&m_in, tag, &coded))
                    return false;
            }
            out += group;
            return true;
        }
        default: // an end-group tag where no group is open, or an invalid wire type
            return false;
        }
    }

    CodedInputStream& m_in;
    int64_t m_keep;
    /// The kept bytes of the message open at each depth; sized once, as callers hold references into it.
    std::vector<std::string> m_buffers = std::vector<std::string>(kMaxDepth + 1);
};

} // namespace

google::protobuf::ArenaOptions modelArenaOptions()
{
    google::protobuf::ArenaOptions options;
    options.start_block_size = 64 * 1024;
    options.max_block_size = 1024 * 1024;
    return options;
}

bool modelSkeleton(
    google::protobuf::io::ZeroCopyInputStream& input, int64_t size, int64_t keepElements, std::string& skeleton)
{
    skeleton.clear();
    if (size <= 0 || size >= INT_MAX)
        return false;
    CodedInputStream in(&input);
    in.SetTotalBytesLimit(INT_MAX);
    // The limit bounds every length read below by what the input really holds.
    in.PushLimit(static_cast<int>(size));
    LeanParser parser(in, keepElements);
    return parser.message(Kind::Model, 0, skeleton);
}

bool parseModelSkippingLargeTensors(
    google::protobuf::io::ZeroCopyInputStream& input, int64_t size, int64_t keepElements, onnx::ModelProto& model)
{
    std::string skeleton;
    return modelSkeleton(input, size, keepElements, skeleton) && model.ParseFromString(skeleton);
}

} // namespace graphs::onnxfe
