using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Refer;

/// <summary>
/// The public referral form, for people referring themselves and for professionals. It asks for the fields of
/// <see cref="ReferralSubmission"/> and nothing more; the rules are the submission validator's, not the page's.
/// </summary>
public sealed partial class Form
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("ReferSelfPage", "GET", "/refer/self", (HttpContext http, SchemeCatalog schemes, PageRenderer pages, CancellationToken ct) =>
            ShowAsync(http, schemes, pages, professional: false, NewKey(), new ReferralInput(), null, ct), Audience.Public),
        new("ReferSelfPost", "POST", "/refer/self", (HttpContext http, Submissions submissions, SchemeCatalog schemes, ReceivedLinks received, PageRenderer pages, CancellationToken ct) =>
            PostAsync(http, submissions, schemes, received, pages, professional: false, ct), Audience.Public),
        new("ReferProfessionalPage", "GET", "/refer/professional", (HttpContext http, SchemeCatalog schemes, PageRenderer pages, CancellationToken ct) =>
            ShowAsync(http, schemes, pages, professional: true, NewKey(), new ReferralInput(), null, ct), Audience.Public),
        new("ReferProfessionalPost", "POST", "/refer/professional", (HttpContext http, Submissions submissions, SchemeCatalog schemes, ReceivedLinks received, PageRenderer pages, CancellationToken ct) =>
            PostAsync(http, submissions, schemes, received, pages, professional: true, ct), Audience.Public),
    ];

    private static async Task<IResult> PostAsync(
        HttpContext http, Submissions submissions, SchemeCatalog schemes, ReceivedLinks received, PageRenderer pages, bool professional, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http, cancellationToken) is not { } form)
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        var input = form.Bind<ReferralInput>("Input");
        var key = form["Key"] is { } posted && IsKey(posted) ? posted : NewKey();
        if (Honeypot.IsFilled(form))
        {
            form.ModelState.AddFieldError(string.Empty, Honeypot.Message);
            return await ShowAsync(http, schemes, pages, professional, key, input, form.ModelState, cancellationToken);
        }

        var outcome = await submissions.SubmitAsync(input.ToSubmission(professional ? ReferralKind.Professional : ReferralKind.Self), key, cancellationToken);
        if (outcome is { Succeeded: true, Value: Referral referral })
        {
            // See Other: the browser fetches the confirmation with a GET, so reloading it posts nothing again.
            http.Response.Headers.Location = received.UrlFor(referral.Id);
            return Results.StatusCode(StatusCodes.Status303SeeOther);
        }

        form.ModelState.AddErrors(outcome);
        if (outcome is { Kind: OutcomeKind.TooMany, Value: TimeSpan wait })
        {
            // The form comes back with nothing typed lost, as 429 with the wait, as the per-address limit answers.
            http.Response.Headers.RetryAfter = Api.RetryAfter.Seconds(wait);
            return await ShowAsync(http, schemes, pages, professional, key, input, form.ModelState, cancellationToken, StatusCodes.Status429TooManyRequests);
        }

        return await ShowAsync(http, schemes, pages, professional, key, input, form.ModelState, cancellationToken);
    }

    private static async Task<IResult> ShowAsync(
        HttpContext http, SchemeCatalog schemes, PageRenderer pages, bool professional, string key, ReferralInput input, ModelStateDictionary? modelState, CancellationToken cancellationToken, int statusCode = StatusCodes.Status200OK)
    {
        var all = await schemes.ListAsync(cancellationToken);
        IReadOnlyList<Choice> options = [.. all.Select(s => new Choice(s.Id, s.Name, string.IsNullOrWhiteSpace(s.Description) ? null : s.Description))];
        return await pages.RenderAsync<Form>(
            http,
            new Dictionary<string, object?>
            {
                [nameof(Professional)] = professional,
                [nameof(Key)] = key,
                [nameof(Input)] = input,
                [nameof(SchemeOptions)] = options,
                [nameof(EqualitiesSchemes)] = (IReadOnlyList<string>)[.. all.Where(s => s.Equalities).Select(s => s.Name)],
            },
            modelState,
            statusCode);
    }

    private static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    // Only keys this page made are used: anything else posted gets a fresh one.
    private static bool IsKey(string key) => key is { Length: 32 } && key.All(char.IsAsciiHexDigitLower);
}

/// <summary>What the form posts. Everything is text, so no answer can fail to bind; the validator judges it all.</summary>
public sealed class ReferralInput
{
    public const string Yes = "yes";

    public string? SchemeId { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Mobile { get; set; }

    /// <summary>"Email", "Sms" or "Both"; blank is email.</summary>
    public string? PreferredChannel { get; set; }

    /// <summary>"yes" when the box is ticked.</summary>
    public string? TextConsent { get; set; }

    public string? PostcodeDistrict { get; set; }

    public string? ReasonForReferral { get; set; }

    /// <summary>"yes" when the box is ticked.</summary>
    public string? Urgent { get; set; }

    /// <summary>"yes" when the box is ticked.</summary>
    public string? Consent { get; set; }

    /// <summary>"yes" when the box is ticked.</summary>
    public string? ReferrerUpdates { get; set; }

    public string? ReferrerName { get; set; }

    public string? ReferrerEmail { get; set; }

    public string? ReferrerPhone { get; set; }

    public string? ReferrerOrganisation { get; set; }

    /// <summary>Optional equality monitoring codes (<see cref="Domain.Records.Equalities"/>), from radio buttons; kept only where the chosen scheme asks them.</summary>
    public string? AgeBand { get; set; }

    public string? Gender { get; set; }

    public string? EthnicGroup { get; set; }

    public string? Disability { get; set; }

    /// <summary>A <see cref="ReferrerSector"/> code, from the radio buttons.</summary>
    public string? ReferrerSector { get; set; }

    public ReferralSubmission ToSubmission(ReferralKind kind) => new()
    {
        SchemeId = Blank(SchemeId),
        Kind = kind,
        Urgent = Urgent == Yes,
        Consent = Consent == Yes,
        ReferrerUpdates = ReferrerUpdates == Yes,
        Name = Blank(Name),
        Email = Blank(Email),
        Phone = Blank(Phone),
        Mobile = Blank(Mobile),
        TextConsent = TextConsent == Yes,
        PreferredChannel = Channel(PreferredChannel),
        PostcodeDistrict = Blank(PostcodeDistrict),
        ReasonForReferral = Blank(ReasonForReferral),
        AgeBand = Blank(AgeBand),
        Gender = Blank(Gender),
        EthnicGroup = Blank(EthnicGroup),
        Disability = Blank(Disability),
        // A self-referral has no referrer, whatever a tampered form sends.
        ReferrerName = kind == ReferralKind.Professional ? Blank(ReferrerName) : null,
        ReferrerEmail = kind == ReferralKind.Professional ? Blank(ReferrerEmail) : null,
        ReferrerPhone = kind == ReferralKind.Professional ? Blank(ReferrerPhone) : null,
        ReferrerOrganisation = kind == ReferralKind.Professional ? Blank(ReferrerOrganisation) : null,
        ReferrerSector = kind == ReferralKind.Professional ? Blank(ReferrerSector) : null,
    };

    /// <summary>An answer that is none of the options stays out of range, so the validator says "choose one of the options".</summary>
    private static PeerFlow.Domain.Sms.ContactChannel Channel(string? value) =>
        string.IsNullOrWhiteSpace(value) ? PeerFlow.Domain.Sms.ContactChannel.Email
        : Enum.TryParse<PeerFlow.Domain.Sms.ContactChannel>(value, ignoreCase: false, out var channel) && Enum.IsDefined(channel) && !char.IsDigit(value[0]) ? channel
        : (PeerFlow.Domain.Sms.ContactChannel)(-1);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
