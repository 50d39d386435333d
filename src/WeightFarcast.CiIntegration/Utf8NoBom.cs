using System.Text;

namespace WeightFarcast.CiIntegration;

/// <summary>CI runners read their command files as UTF-8 and take a BOM as part of the first name.</summary>
internal static class Utf8NoBom
{
    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static void Append(string path, string text) => File.AppendAllText(path, text, Encoding);

    public static void Write(string path, string text) => File.WriteAllText(path, text, Encoding);
}
