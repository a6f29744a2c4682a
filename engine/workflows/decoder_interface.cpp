#include "workflows/decoder_interface.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

namespace graphs {

namespace {

/// "past_key_values.3.key", "past.3.value", "present.3.key", "present_3_value": the layer, or -1.
int cacheLayer(const std::string& name, std::string_view prefix)
{
    if (name.rfind(prefix, 0) != 0)
        return -1;
    std::string_view rest = std::string_view(name).substr(prefix.size());
    if (rest.empty() || (rest[0] != '.' && rest[0] != '_'))
        return -1;
    rest.remove_prefix(1);
    int layer = -1;
    auto [end, err] = std::from_chars(rest.data(), rest.data() + rest.size(), layer);
    if (err != std::errc() || layer < 0)
        return -1;
    rest = rest.substr(static_cast<size_t>(end - rest.data()));
    const bool kind = rest == ".key" || rest == ".value" || rest == "_key" || rest == "_value";
    return kind ? layer : -1;
}

int pastLayer(const std::string& name)
{
    const int layer = cacheLayer(name, "past_key_values");
    return layer >= 0 ? layer : cacheLayer(name, "past");
}

Error notDecoder(const std::string& what, const std::string& where)
{
    return Error { ErrorCode::InvalidArgument, what, where };
}

} // namespace

double DecoderInterface::cacheBytesPerElement(Precision precision) const
{
    return cacheIsFloating ? precisionBytes(precision) : static_cast<double>(cacheBytesPerElementStored);
}

double DecoderInterface::kvCacheBytes(int64_t context, int64_t batch, Precision precision) const
{
    return static_cast<double>(cacheElementsPerToken) * static_cast<double>(context) * static_cast<double>(batch)
        * cacheBytesPerElement(precision);
}

ImportOptions DecoderInterface::bind(const DecoderBinding& b) const
{
    ImportOptions options;
    options.allowEmptyInputs = true;
    for (const Input& in : inputs) {
        std::vector<int64_t> dims;
        for (size_t d = 0; d < in.roles.size(); ++d) {
            switch (in.roles[d]) {
            case DecoderDim::Fixed: dims.push_back(in.fixed[d]); break;
            case DecoderDim::Batch: dims.push_back(b.batch); break;
            case DecoderDim::Sequence: dims.push_back(b.sequence); break;
            case DecoderDim::Past: dims.push_back(b.past); break;
            case DecoderDim::Total: dims.push_back(b.past + b.sequence); break;
            }
        }
        options.inputShapes[in.name] = std::move(dims);
    }
    return options;
}

Result<DecoderInterface> describeDecoder(const ModelInterface& io, const std::string& displayName)
{
    DecoderInterface decoder;
    std::set<int> layers;
    for (const DeclaredTensor& t : io.inputs)
        decoder.hasCache = decoder.hasCache || pastLayer(t.name) >= 0;
    const bool hasTokens = std::any_of(io.inputs.begin(), io.inputs.end(),
        [](const DeclaredTensor& t) { return t.name == "input_ids" || t.name == "inputs_embeds"; });
    if (!hasTokens)
        return notDecoder("not a decoder: it has no input_ids or inputs_embeds input", displayName);

    // Roles by name first; the symbols they carry then explain the other inputs' dimensions.
    std::map<std::string, DecoderDim> symbols;
    std::vector<bool> named(io.inputs.size(), false);
    for (size_t i = 0; i < io.inputs.size(); ++i) {
        const DeclaredTensor& t = io.inputs[i];
        const std::string where = displayName + ": input '" + t.name + "'";
        if (!t.shape.rankKnown)
            return notDecoder("the input has no declared shape", where);
        const size_t rank = t.shape.rank();
        DecoderInterface::Input in { t.name, std::vector<DecoderDim>(rank, DecoderDim::Fixed),
            std::vector<int64_t>(rank, 0) };
        for (size_t d = 0; d < rank; ++d)
            in.fixed[d] = t.shape.dims[d].value;
        auto need = [&](size_t minRank) -> Status {
            if (rank < minRank)
                return notDecoder("rank " + std::to_string(rank) + ", expected at least " + std::to_string(minRank),
                    where);
            return Ok {};
        };
        const int layer = pastLayer(t.name);
        if (t.name == "input_ids" || t.name == "inputs_embeds" || t.name == "position_ids") {
            if (auto s = need(2); !s)
                return s.error();
            in.roles[0] = DecoderDim::Batch;
            in.roles[1] = DecoderDim::Sequence;
        } else if (t.name == "attention_mask") {
            if (auto s = need(2); !s)
                return s.error();
            in.roles[0] = DecoderDim::Batch;
            in.roles[rank - 1] = decoder.hasCache ? DecoderDim::Total : DecoderDim::Sequence;
        } else if (t.name == "cache_position") {
            if (auto s = need(1); !s)
                return s.error();
            in.roles[0] = DecoderDim::Sequence;
        } else if (layer >= 0) {
            if (auto s = need(3); !s)
                return s.error();
            in.roles[0] = DecoderDim::Batch;
            int64_t perToken = 1;
            std::vector<int64_t> sizes;
            for (size_t d = 1; d < rank; ++d) {
                if (t.shape.dims[d].isKnown()) {
                    perToken *= t.shape.dims[d].value;
                    sizes.push_back(t.shape.dims[d].value);
                } else {
                    in.roles[d] = DecoderDim::Past;
                }
            }
            const auto pastDims = std::count(in.roles.begin(), in.roles.end(), DecoderDim::Past);
            if (pastDims != 1 || sizes.empty())
                return notDecoder("a past tensor must be [batch, …, past_sequence, …] with one symbolic sequence "
                                  "dimension and fixed head sizes; it is "
                        + t.shape.toString(),
                    where);
            if (decoder.pastInputs.empty()) {
                decoder.headDim = sizes.back();
                decoder.kvHeads = perToken / sizes.back();
                decoder.cacheIsFloating = isFloatingPoint(t.dtype);
                decoder.cacheBytesPerElementStored = bytesPerElement(t.dtype);
            }
            decoder.cacheElementsPerToken += perToken;
            decoder.pastInputs.push_back(t.name);
            layers.insert(layer);
        } else {
            decoder.inputs.push_back(std::move(in));
            continue; // explained by the symbols below
        }
        named[i] = true;
        for (size_t d = 0; d < rank; ++d) {
            const std::string& symbol = t.shape.dims[d].symbol;
            if (!t.shape.dims[d].isKnown() && !symbol.empty() && in.roles[d] != DecoderDim::Fixed)
                symbols.emplace(symbol, in.roles[d]);
        }
        decoder.inputs.push_back(std::move(in));
    }
    for (size_t i = 0, k = 0; i < io.inputs.size(); ++i) {
        DecoderInterface::Input& in = decoder.inputs[k++];
        if (named[i])
            continue;
        const DeclaredTensor& t = io.inputs[i];
        for (size_t d = 0; d < in.roles.size(); ++d) {
            if (t.shape.dims[d].isKnown())
                continue;
            auto it = symbols.find(t.shape.dims[d].symbol);
            if (it == symbols.end())
                return notDecoder("dimension " + std::to_string(d) + " ('" + t.shape.dims[d].symbol
                        + "') is neither batch, sequence nor past length; the generation workflow cannot bind it",
                    displayName + ": input '" + t.name + "'");
            in.roles[d] = it->second;
        }
    }
    for (const DeclaredTensor& t : io.outputs) {
        if (cacheLayer(t.name, "present") >= 0)
            decoder.presentOutputs.push_back(t.name);
    }
    decoder.layers = static_cast<int64_t>(layers.size());
    return decoder;
}

} // namespace graphs
