namespace WeightFarcast.TorchRuntime;

/// <summary>Torch could not be loaded or the requested device does not exist; the message says what to do.</summary>
public sealed class TorchUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
