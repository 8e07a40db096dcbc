using PeerFlow.Domain.Referrals;
using PeerFlow.Orchestrations.Starts;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>New referrals, from the public form or a referrer's system.</summary>
public sealed class Submissions(ApiServices services, LifecycleStarts starts, Endpoints.SchemeIntakeLimiter schemeLimit, Endpoints.RefusedPosts refused)
{
    /// <param name="idempotencyKey">A retry with the same key gets the same referral, not a second one.</param>
    public async Task<ActionOutcome> SubmitAsync(ReferralSubmission submission, string? idempotencyKey, CancellationToken cancellationToken)
    {
        // Only the first half of a postcode is kept (data minimisation); people often type all of it.
        submission = submission with { PostcodeDistrict = OutwardCode(submission.PostcodeDistrict) };
        var schemeIds = (await services.Schemes.ListAsync(cancellationToken)).Select(s => s.Id).ToList();
        var validation = await new ReferralSubmissionValidator(schemeIds).ValidateAsync(submission, cancellationToken);
        if (!validation.IsValid)
        {
            return ActionOutcome.Invalid(validation);
        }

        // Anonymous referrals only: staff entering referrals are not a flood. Before anything is stored or started.
        if (services.Staff.Principal is null && schemeLimit.Refuse(submission.SchemeId!) is { } wait)
        {
            refused.Record();
            return new ActionOutcome(
                OutcomeKind.TooMany,
                "Too many referrals at once",
                "This scheme is receiving more referrals than usual just now, so this one has not been sent. Please try again in a few minutes.",
                Value: wait);
        }

        var id = string.IsNullOrWhiteSpace(idempotencyKey) ? "r" + Guid.NewGuid().ToString("N")[..16] : "r" + Hash(idempotencyKey);
        var referral = await services.Intake.StoreAsync(id, submission, cancellationToken);
        if (referral.SubmissionFingerprint != ReferralIntake.Fingerprint(submission))
        {
            // The key was used before for a different referral: never hand back someone else's.
            return new ActionOutcome(
                OutcomeKind.Unprocessable,
                "Idempotency key already used",
                "This Idempotency-Key was sent before with a different referral. Use a new key for each referral, and the same key only to retry the same one.");
        }

        // Claimed before it is started, so a retry (same key) or a crash never starts it twice; what a crash leaves
        // unstarted the sweeper starts.
        await starts.StartNewAsync(id, services.Workflows, cancellationToken);

        return ActionOutcome.Done(referral);
    }

    /// <summary>"ex1 1aa" and "EX11AA" → "EX1"; anything that is not a full postcode is left for the validator.</summary>
    internal static string? OutwardCode(string? postcode)
    {
        var compact = postcode?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return compact is { Length: >= 5 and <= 7 } && System.Text.RegularExpressions.Regex.IsMatch(compact, "^[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}$")
            ? compact[..^3]
            : postcode?.Trim();
    }

    private static string Hash(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..16];
}
