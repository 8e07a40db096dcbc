using FluentValidation;

namespace PeerFlow.Web.Api;

/// <summary>
/// The limits every field shares, checked before anything is stored: one place for a phone number's shape, a
/// tag's length, how much free text a field takes. Table rows cap a property at 64 KiB, so nothing here may exceed
/// a fraction of that.
/// </summary>
public static class FieldRules
{
    public const int NameLength = 100;
    public const int ShortTextLength = 200;
    public const int ReasonLength = 500;
    public const int TagLength = 50;
    public const int TagCount = 20;

    public static IRuleBuilderOptions<T, string?> Phone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Matches(@"^[0-9 +()-]{7,20}$").WithMessage("Enter a phone number, like 07700 900123.");

    /// <summary>A list of short codes or words (interests, languages, availability): a few, each short.</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<string>> Tags<T>(this IRuleBuilder<T, IReadOnlyList<string>> rule, string what) =>
        rule.Must(tags => tags is null || (tags.Count <= TagCount && tags.All(t => t is { Length: > 0 and <= TagLength } && !t.Any(char.IsControl))))
            .WithMessage($"Choose at most {TagCount} {what}, each at most {TagLength} characters.");
}
