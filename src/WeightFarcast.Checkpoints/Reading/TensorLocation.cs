using Microsoft.Win32.SafeHandles;

namespace WeightFarcast.Checkpoints.Reading;

/// <summary>Where a tensor's bytes start: an open file and an absolute offset in it.</summary>
internal readonly record struct TensorLocation(SafeFileHandle Handle, string FilePath, long Offset, TensorInfo Tensor);
