using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WeightFarcast.Tracking;

/// <summary>
/// Turns an error response into "error_code: message" when it is MLflow JSON, or a short readable
/// excerpt when it is an HTML page or plain text (proxies, Flask 404/405/500, basic-auth 401).
/// </summary>
internal static partial class MlflowErrorBody
{
    private const int ExcerptLength = 200;

    public static (string? ErrorCode, string Detail) Describe(byte[] body, string? contentType)
    {
        var text = Encoding.UTF8.GetString(body);
        if (TryReadMlflowError(text, out var code, out var message))
            return (code, $"{code}: {message}");

        var kind = string.IsNullOrEmpty(contentType) ? "no content type" : contentType;
        var excerpt = Excerpt(text);
        return (null, excerpt.Length == 0 ? $"empty {kind} body" : $"non-JSON body ({kind}): {excerpt}");
    }

    private static bool TryReadMlflowError(string text, out string? code, out string message)
    {
        code = null;
        message = "";
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error_code", out var codeElement))
                return false;
            code = codeElement.ToString();
            message = root.TryGetProperty("message", out var messageElement) ? messageElement.ToString() : "";
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The page title and text without tags, whitespace collapsed, cut to a short length.</summary>
    public static string Excerpt(string text)
    {
        var title = Title().Match(text);
        var withoutMarkup = Tags().Replace(NonVisible().Replace(text, " "), " ");
        var plain = WebUtility.HtmlDecode(Whitespace().Replace(withoutMarkup, " ")).Trim();
        if (title.Success)
        {
            var titleText = WebUtility.HtmlDecode(Whitespace().Replace(title.Groups[1].Value, " ")).Trim();
            if (titleText.Length > 0 && !plain.StartsWith(titleText, StringComparison.Ordinal))
                plain = $"{titleText}: {plain}";
        }
        return plain.Length <= ExcerptLength ? plain : plain[..ExcerptLength] + "…";
    }

    [GeneratedRegex(@"<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Title();

    [GeneratedRegex(@"<(script|style|head)[^>]*>.*?</\1>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex NonVisible();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
