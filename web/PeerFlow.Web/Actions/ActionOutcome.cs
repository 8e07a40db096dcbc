using FluentValidation.Results;

namespace PeerFlow.Web.Actions;

public enum OutcomeKind
{
    Done,
    NotFound,
    Conflict,
    Invalid,
    Gone,

    /// <summary>Refused for now by a limit; <see cref="ActionOutcome.Value"/> is how long to wait, as a <see cref="TimeSpan"/>.</summary>
    TooMany,

    /// <summary>Well formed, but it contradicts what was sent before (an idempotency key reused for other content).</summary>
    Unprocessable,
}

/// <summary>
/// What became of something a person asked PeerFlow to do. The API turns it into a status code and problem details,
/// the pages into a redirect or a form shown again with its messages.
/// </summary>
public sealed record ActionOutcome(OutcomeKind Kind, string? Title = null, string? Detail = null, IReadOnlyDictionary<string, string[]>? Errors = null, object? Value = null)
{
    public static readonly ActionOutcome Missing = new(OutcomeKind.NotFound, "No such referral or match");

    public bool Succeeded => Kind == OutcomeKind.Done;

    public static ActionOutcome Done(object? value = null) => new(OutcomeKind.Done, Value: value);

    public static ActionOutcome NotPossible(string detail) => new(OutcomeKind.Conflict, "Not possible now", detail);

    public static ActionOutcome Field(string field, string message) =>
        new(OutcomeKind.Invalid, "Some details need correcting", Errors: new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Each field's messages, field names as clients send them (camelCase).</summary>
    public static ActionOutcome Invalid(ValidationResult result) =>
        new(OutcomeKind.Invalid, "Some details need correcting", Errors: result.Errors
            .GroupBy(e => Camel(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));

    private static string Camel(string name) => string.Join('.', name.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
