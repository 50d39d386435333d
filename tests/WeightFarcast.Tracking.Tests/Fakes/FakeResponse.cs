using System.Text;
using System.Text.Json.Nodes;

namespace WeightFarcast.Tracking.Tests.Fakes;

/// <summary>What a fake route answers.</summary>
public sealed record FakeResponse(int Status, byte[] Body, string ContentType, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static FakeResponse Ok(JsonNode json) => new(200, Encoding.UTF8.GetBytes(json.ToJsonString()), "application/json");

    public static FakeResponse Empty() => Ok(new JsonObject());

    public static FakeResponse Bytes(byte[] body) => new(200, body, "application/octet-stream");

    /// <summary>MLflow's JSON error body with the status MLflow maps the code to.</summary>
    public static FakeResponse Error(string errorCode, string message)
    {
        var status = errorCode switch
        {
            "RESOURCE_DOES_NOT_EXIST" => 404,
            "INTERNAL_ERROR" => 500,
            _ => 400,
        };
        var body = new JsonObject { ["error_code"] = errorCode, ["message"] = message };
        return new(status, Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json");
    }

    public static FakeResponse Html(int status, string text) =>
        new(status, Encoding.UTF8.GetBytes($"<!doctype html><html><head><title>{status}</title></head><body><p>{text}</p></body></html>"), "text/html");
}
