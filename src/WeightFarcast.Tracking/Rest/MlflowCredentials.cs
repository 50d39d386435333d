using System.Net.Http.Headers;
using System.Text;

namespace WeightFarcast.Tracking;

/// <summary>
/// The Authorization header MLflow's client would send (mlflow.md §1.6): Basic when username and
/// password are both set, otherwise Bearer with the token, otherwise user:password from the URI.
/// Also lists every secret string so error text can be scrubbed of them.
/// </summary>
internal sealed record MlflowCredentials(AuthenticationHeaderValue? Authorization, IReadOnlyList<string> Secrets)
{
    public const string UsernameVariable = "MLFLOW_TRACKING_USERNAME";
    public const string PasswordVariable = "MLFLOW_TRACKING_PASSWORD";
    public const string TokenVariable = "MLFLOW_TRACKING_TOKEN";

    public static MlflowCredentials Resolve(Func<string, string?> getVariable, string? uriUserInfo)
    {
        var user = NullIfEmpty(getVariable(UsernameVariable));
        var password = NullIfEmpty(getVariable(PasswordVariable));
        var token = NullIfEmpty(getVariable(TokenVariable));
        var secrets = new List<string?> { password, token };

        if (user is null && password is null && !string.IsNullOrEmpty(uriUserInfo))
        {
            var parts = uriUserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
            secrets.Add(uriUserInfo);
            secrets.Add(password);
        }

        AuthenticationHeaderValue? header = null;
        if (user is not null && password is not null)
        {
            var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
            header = new AuthenticationHeaderValue("Basic", encoded);
            secrets.Add(encoded);
        }
        else if (token is not null)
        {
            header = new AuthenticationHeaderValue("Bearer", token);
        }

        return new MlflowCredentials(header, secrets.OfType<string>().Where(s => s.Length > 0).ToArray());
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
