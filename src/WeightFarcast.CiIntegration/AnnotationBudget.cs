namespace WeightFarcast.CiIntegration;

/// <summary>Counts annotations per severity against GitHub's cap of 10 shown per kind per step.</summary>
internal sealed class AnnotationBudget
{
    public const int PerKindLimit = 10;

    private readonly Dictionary<IssueSeverity, int> _shown = [];
    private readonly Dictionary<IssueSeverity, int> _heldBack = [];

    /// <summary>True when one more annotation of this kind will still be shown; otherwise counts it as held back.</summary>
    public bool TrySpend(IssueSeverity severity)
    {
        var shown = _shown.GetValueOrDefault(severity);
        if (shown < PerKindLimit)
        {
            _shown[severity] = shown + 1;
            return true;
        }
        _heldBack[severity] = _heldBack.GetValueOrDefault(severity) + 1;
        return false;
    }

    public int HeldBack(IssueSeverity severity) => _heldBack.GetValueOrDefault(severity);
}
