using System.Globalization;

namespace WeightFarcast.Training;

/// <summary>Parses the digits CSV: a header <c>p0..p63,label</c>, then 64 pixel values 0..16 and a label 0..9 per row.</summary>
internal static class DigitsCsv
{
    public const int PixelCount = 64;
    public const float PixelMax = 16f;

    /// <summary>Returns features scaled to [0,1] (row-major, 64 per row) and the labels.</summary>
    public static (float[] Features, int[] Labels) Parse(TextReader reader)
    {
        var header = reader.ReadLine() ?? throw new InvalidDataException("digits CSV is empty");
        var columns = header.Split(',');
        if (columns.Length != PixelCount + 1 || columns[^1] != "label")
            throw new InvalidDataException($"digits CSV header must be {PixelCount} pixel columns then 'label', got {columns.Length} columns ending in '{columns[^1]}'");

        var features = new List<float>(1800 * PixelCount);
        var labels = new List<int>(1800);
        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            var cells = line.Split(',');
            if (cells.Length != PixelCount + 1)
                throw new InvalidDataException($"digits CSV line {lineNumber} has {cells.Length} cells, expected {PixelCount + 1}");
            for (var i = 0; i < PixelCount; i++)
                features.Add(ParseInt(cells[i], lineNumber, 0, (int)PixelMax) / PixelMax);
            labels.Add(ParseInt(cells[PixelCount], lineNumber, 0, 9));
        }
        return (features.ToArray(), labels.ToArray());
    }

    private static int ParseInt(string cell, int lineNumber, int min, int max)
    {
        if (!int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new InvalidDataException($"digits CSV line {lineNumber}: '{cell}' is not an integer in {min}..{max}");
        return value;
    }
}
