using System.Text;

namespace WeightFarcast.CiIntegration;

/// <summary>
/// Appends Markdown to GitHub's <c>$GITHUB_STEP_SUMMARY</c> without passing its 1 MiB per-step limit:
/// GitHub drops an oversized summary whole, so an overlong append is cut at a line end and closed with a note.
/// </summary>
internal sealed class StepSummaryFile(string path)
{
    public const int LimitBytes = 1024 * 1024;

    public const string TruncationNote =
        "\n\n> **Summary truncated:** GitHub keeps at most 1 MiB of summary per step; the rest was left out. The full report is in the run's artifacts.\n";

    private const string ClosingFence = "```\n";

    private static readonly int TruncationNoteBytes = Utf8NoBom.Encoding.GetByteCount(TruncationNote);

    private bool _truncated;

    /// <summary>True when all of <paramref name="markdown"/> was written; false when it was cut or dropped.</summary>
    public bool Append(string markdown)
    {
        if (_truncated)
            return false;

        var existing = File.Exists(path) ? new FileInfo(path).Length : 0;
        var available = LimitBytes - existing;
        if (Utf8NoBom.Encoding.GetByteCount(markdown) <= available)
        {
            Utf8NoBom.Append(path, markdown);
            return true;
        }

        _truncated = true;
        if (available < TruncationNoteBytes + ClosingFence.Length)
            return false;
        // Room for a closing fence is always kept back, so closing one never passes the limit.
        var kept = CutAtLineEnd(markdown, (int)(available - TruncationNoteBytes - ClosingFence.Length));
        Utf8NoBom.Append(path, CloseOpenFence(kept) + TruncationNote);
        return false;
    }

    /// <summary>The longest prefix of whole lines (or, without any line end, whole characters) that fits.</summary>
    internal static string CutAtLineEnd(string markdown, int maxBytes)
    {
        var fits = LongestPrefixWithin(markdown, maxBytes);
        var lastNewline = markdown.LastIndexOf('\n', Math.Max(fits - 1, 0), fits);
        return lastNewline >= 0 ? markdown[..(lastNewline + 1)] : markdown[..fits];
    }

    // Counts UTF-8 bytes per code point so a surrogate pair is never split.
    private static int LongestPrefixWithin(string text, int maxBytes)
    {
        var bytes = 0;
        var index = 0;
        while (index < text.Length)
        {
            var width = char.IsHighSurrogate(text[index]) && index + 1 < text.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(index, width));
            if (bytes + size > maxBytes)
                break;
            bytes += size;
            index += width;
        }
        return index;
    }

    // A cut inside a ``` block would swallow the note into the code block.
    private static string CloseOpenFence(string kept)
    {
        var fences = kept.Split('\n').Count(line => line.TrimStart().StartsWith("```", StringComparison.Ordinal));
        return fences % 2 == 1 ? kept + ClosingFence : kept;
    }
}
