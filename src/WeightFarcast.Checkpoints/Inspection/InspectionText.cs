using System.Text;
using WeightFarcast.Checkpoints.DTypes;

namespace WeightFarcast.Checkpoints.Inspection;

/// <summary>Human-readable inspection: a header, an aligned table (numbers right-aligned) and a totals line.</summary>
public static class InspectionText
{
    private static readonly string[] Headings = ["name", "dtype", "shape", "bytes", "min", "max", "mean", "std", "sum", "nan", "inf"];

    // name, dtype and shape read left to right; every numeric column is right-aligned.
    private const int FirstNumericColumn = 3;

    public static string Format(CheckpointInspection inspection)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        var text = new StringBuilder();
        text.AppendLine($"{inspection.Path}  ({InspectionJson.FormatName(inspection.Format)})");
        if (inspection.Metadata.Count > 0)
            text.AppendLine("metadata: " + string.Join(", ", inspection.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
        var rows = inspection.Tensors.Select(Row).ToList();
        AppendTable(text, rows);
        text.AppendLine($"{inspection.Tensors.Count} tensors, {CompactNumber.Integer(inspection.TotalBytes)} bytes ({CompactNumber.Bytes(inspection.TotalBytes)})");
        return text.ToString();
    }

    public static string Format(TrajectoryInspection inspection)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        var text = new StringBuilder();
        text.AppendLine($"trajectory {inspection.Pattern}");
        text.AppendLine($"{inspection.Steps.Count} steps: {string.Join(", ", inspection.Steps)}");
        text.AppendLine(inspection.Consistent
            ? "all steps have the same tensors, shapes and dtypes"
            : $"{inspection.Mismatches.Count} mismatch(es) with the first step:");
        foreach (var mismatch in inspection.Mismatches)
            text.AppendLine("  - " + mismatch.Message);
        text.AppendLine();
        text.Append(Format(inspection.Reference));
        return text.ToString();
    }

    private static string[] Row(TensorInspection tensor)
    {
        var (info, stats) = tensor;
        string Stat(double? value) => value is { } v && !double.IsNaN(v) ? CompactNumber.Format(v) : "-";
        return
        [
            info.Name, info.DType.SafetensorsName(), info.ShapeText, CompactNumber.Integer(info.ByteLength),
            Stat(stats?.Min), Stat(stats?.Max), Stat(stats?.Mean), Stat(stats?.Std), Stat(stats?.Sum),
            stats is null ? "-" : CompactNumber.Integer(stats.NaNCount), stats is null ? "-" : CompactNumber.Integer(stats.InfCount),
        ];
    }

    private static void AppendTable(StringBuilder text, List<string[]> rows)
    {
        var widths = Headings.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        void AppendRow(string[] cells)
        {
            var line = string.Join("  ", cells.Select((cell, c) => c < FirstNumericColumn ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c])));
            text.AppendLine(line.TrimEnd());
        }
        AppendRow(Headings);
        AppendRow(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows)
            AppendRow(row);
    }
}
