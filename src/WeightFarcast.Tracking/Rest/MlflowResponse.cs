namespace WeightFarcast.Tracking;

/// <summary>A successful HTTP response, fully read.</summary>
internal sealed record MlflowResponse(int StatusCode, byte[] Body, string? ContentType);
