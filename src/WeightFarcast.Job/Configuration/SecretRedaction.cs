using System.Text.RegularExpressions;

namespace WeightFarcast.Job.Configuration;

/// <summary>Keeps credentials embedded in URIs (https://user:pass@host, ?token=...) out of logs, params and reports.</summary>
public static partial class SecretRedaction
{
    public const string Mask = "***";

    public static string RedactUri(string value)
    {
        var withoutUserInfo = UserInfo().Replace(value, m => $"{m.Groups["scheme"].Value}{Mask}@");
        return SecretQuery().Replace(withoutUserInfo, m => $"{m.Groups["key"].Value}={Mask}");
    }

    [GeneratedRegex(@"(?<scheme>[a-zA-Z][a-zA-Z0-9+.\-]*://)[^/@\s]+@")]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"(?<key>(?:[?&;])(?:[a-z_]*token|[a-z_]*password|[a-z_]*secret|[a-z_]*key|sig))=[^&;\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretQuery();
}
