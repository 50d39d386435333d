using System.Globalization;

namespace WeightFarcast.Checkpoints.Inspection;

/// <summary>Short, culture-invariant number formats for tables: 4 significant digits or 1.23e-04; sizes as 1.5 MiB.</summary>
public static class CompactNumber
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
            return "nan";
        if (double.IsInfinity(value))
            return value > 0 ? "inf" : "-inf";
        if (value == 0)
            return "0";
        var abs = Math.Abs(value);
        var general = value.ToString("G4", CultureInfo.InvariantCulture);
        return abs < 1e-3 || abs >= 1e5 || general.Contains('E', StringComparison.Ordinal)
            ? value.ToString("0.00e+00", CultureInfo.InvariantCulture)
            : general;
    }

    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double size = bytes;
        var unit = 0;
        while (size >= 1024 && unit < units.Length - 1)
        {
            size /= 1024;
            unit++;
        }
        return unit == 0 ? $"{bytes} B" : size.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    public static string Integer(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
