namespace PeerFlow.Domain.Schemes;

/// <summary>
/// A scheme's short outcome scale, from the organisation file ("outcomeScale": { "statements": [ { "id": "confident",
/// "text": "I feel confident …" } ] }): statements the mentee scores from 1 (not at all) to 5 (very much) when a match
/// starts and again at closure, so the report can show how far people travelled. Answers are kept by statement id, so
/// a statement's wording may be improved without losing what was answered to it.
/// </summary>
public sealed record OutcomeScale
{
    public const int Lowest = 1;

    public const int Highest = 5;

    /// <summary>Short enough to answer in a minute on a phone, long enough to say something.</summary>
    public const int FewestStatements = 4;

    public const int MostStatements = 6;

    public IReadOnlyList<OutcomeStatement> Statements { get; init; } = [];

    /// <summary>Start-up check: a scale that cannot be asked stops the app, naming the scheme.</summary>
    public static void Validate(string schemeId, OutcomeScale? scale)
    {
        if (scale is null)
        {
            return;
        }

        var statements = scale.Statements ?? [];
        if (statements.Count is < FewestStatements or > MostStatements)
        {
            throw new InvalidOperationException($"Scheme \"{schemeId}\" has an outcome scale of {statements.Count} statements; use {FewestStatements} to {MostStatements}.");
        }

        if (statements.Any(s => s is null || string.IsNullOrEmpty(s.Id) || s.Id.Length > 40 || !s.Id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            throw new InvalidOperationException($"Scheme \"{schemeId}\" has an outcome statement whose id is not lower-case letters, digits and hyphens (up to 40).");
        }

        if (statements.Any(s => string.IsNullOrWhiteSpace(s.Text) || s.Text.Length > 200))
        {
            throw new InvalidOperationException($"Scheme \"{schemeId}\" has an outcome statement with no text, or more than 200 characters.");
        }

        if (statements.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count() != statements.Count)
        {
            throw new InvalidOperationException($"Scheme \"{schemeId}\" has two outcome statements with the same id.");
        }
    }
}

/// <summary>One statement of an outcome scale: its id (what answers are kept by) and its words.</summary>
public sealed record OutcomeStatement(string Id, string Text);

/// <summary>When the mentee answers the scale: as the match starts, and at closure.</summary>
public static class OutcomeMoment
{
    public const string Start = "start";

    public const string Close = "close";

    public static bool IsKnown(string? moment) => moment is Start or Close;
}
