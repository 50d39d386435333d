namespace WeightFarcast.Tracking.Tests.Fakes;

/// <summary>A scripted misbehaviour the fake server applies instead of (or before) the real handling.</summary>
public abstract record ServerFault
{
    /// <summary>Answer with this status, body and headers instead of handling the request.</summary>
    public sealed record Respond(int Status, string Body, string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null) : ServerFault;

    /// <summary>Wait this long before handling the request normally (to trip the client's timeout).</summary>
    public sealed record Stall(TimeSpan Delay) : ServerFault;

    public static Respond Json(int status, string errorCode, string message = "injected") =>
        new(status, $$"""{"error_code":"{{errorCode}}","message":"{{message}}"}""");

    public static Respond Html(int status, string title) =>
        new(status, $"<!doctype html>\n<html lang=en>\n<head><title>{title}</title><style>body{{color:red}}</style></head>\n<body><h1>{title}</h1>\n<p>The server could not handle the request.</p></body></html>", "text/html; charset=utf-8");
}
