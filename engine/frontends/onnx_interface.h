#pragma once

#include "core/error.h"
#include "ir/tensor.h"

#include <string>
#include <vector>

namespace graphs {

/// A graph input or output as the file declares it: symbolic dimensions keep their names ("batch_size").
struct DeclaredTensor
{
    std::string name;
    DataType dtype = DataType::Undefined;
    Shape shape;
};

/// What a model takes and gives, before any binding or shape inference.
struct ModelInterface
{
    std::vector<DeclaredTensor> inputs;  ///< fed at run time (initializers listed as inputs are left out)
    std::vector<DeclaredTensor> outputs;
};

/// Reads the declared inputs and outputs of an ONNX file: a parse that skips tensor values, no shape inference, so
/// it costs a fraction of an import. Used to decide how to bind a model's symbolic dimensions before importing it.
///
///     auto io = readOnnxInterface("decoder.onnx");
///     for (const DeclaredTensor& t : io->inputs) std::cout << t.name << ' ' << t.shape.toString() << '\n';
Result<ModelInterface> readOnnxInterface(const std::string& path);

} // namespace graphs
