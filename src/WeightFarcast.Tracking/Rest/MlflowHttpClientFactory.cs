using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace WeightFarcast.Tracking;

/// <summary>Builds the HttpClient for an MLflow server with the TLS settings of mlflow.md §1.6.</summary>
internal static class MlflowHttpClientFactory
{
    public const string InsecureTlsVariable = "MLFLOW_TRACKING_INSECURE_TLS";
    public const string ServerCertVariable = "MLFLOW_TRACKING_SERVER_CERT_PATH";
    public const string ClientCertVariable = "MLFLOW_TRACKING_CLIENT_CERT_PATH";

    public static HttpClient Create(TrackingOptions options, Func<string, string?> getVariable)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.RequestTimeout,
        };

        var insecure = options.InsecureSkipTlsVerify ?? IsTrue(getVariable(InsecureTlsVariable));
        var caPath = options.ServerCertificatePath ?? NullIfEmpty(getVariable(ServerCertVariable));
        var clientCertPath = options.ClientCertificatePath ?? NullIfEmpty(getVariable(ClientCertVariable));

        if (insecure)
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        else if (caPath is not null)
            handler.SslOptions.RemoteCertificateValidationCallback = TrustOnly(LoadPem(caPath, "server CA bundle"));

        if (clientCertPath is not null)
        {
            handler.SslOptions.ClientCertificates = [LoadClientCertificate(clientCertPath)];
        }

        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static bool IsTrue(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static X509Certificate2Collection LoadPem(string path, string what)
    {
        try
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPemFile(path);
            return certificates;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new TrackingException(TrackingFailureKind.InvalidInput, $"Cannot read the {what} '{path}': {e.Message}", inner: e);
        }
    }

    private static X509Certificate2 LoadClientCertificate(string path)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            // The message names the file only: the key material must not end up in logs.
            throw new TrackingException(TrackingFailureKind.InvalidInput, $"Cannot read the client certificate '{path}' (certificate and key in one PEM file expected).", inner: e);
        }
    }

    // Accepts the server only when its chain ends in one of the given CAs and the host name matches.
    private static RemoteCertificateValidationCallback TrustOnly(X509Certificate2Collection roots) =>
        (_, certificate, _, errors) =>
        {
            if (errors == SslPolicyErrors.None)
                return true;
            if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
                return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return chain.Build(leaf);
        };
}
