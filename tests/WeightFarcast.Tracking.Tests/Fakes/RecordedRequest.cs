namespace WeightFarcast.Tracking.Tests.Fakes;

/// <summary>One request as the fake server received it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string? Authorization, string? ContentType, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}
