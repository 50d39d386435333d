namespace WeightFarcast.Checkpoints.Reading.Safetensors;

/// <summary>A header entry: the tensor and where its bytes begin, relative to the data buffer.</summary>
internal readonly record struct SafetensorsEntry(TensorInfo Tensor, long Begin);
