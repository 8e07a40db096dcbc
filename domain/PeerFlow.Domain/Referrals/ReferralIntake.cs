using System.Globalization;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Domain.Referrals;

/// <summary>Stores a validated referral: the workflow record and, apart from it, the people on it.</summary>
public sealed class ReferralIntake(PeerFlowStore store, SchemeCatalog schemes, TimeProvider time)
{
    /// <param name="referralId">Chosen by the caller so that a retried submission stores nothing twice.</param>
    public async Task<Referral> StoreAsync(string referralId, ReferralSubmission submission, CancellationToken cancellationToken)
    {
        var existing = await store.Referrals.GetAsync(referralId, "", cancellationToken);
        if (existing is not null)
        {
            await ReceivedAsync(existing.Value, cancellationToken);
            return existing.Value;
        }

        var scheme = await schemes.GetAsync(submission.SchemeId!, cancellationToken) ?? throw new KeyNotFoundException(submission.SchemeId);
        var policy = await schemes.LatestPolicyAsync(scheme.Id, cancellationToken) ?? throw new InvalidOperationException($"Scheme {scheme.Id} has no policy.");
        var now = time.GetUtcNow().UtcDateTime;
        var number = await store.NextNumberAsync("ref-" + scheme.Id, now.Year.ToString(CultureInfo.InvariantCulture), cancellationToken);
        var referral = new Referral
        {
            Id = referralId,
            Reference = string.Create(CultureInfo.InvariantCulture, $"{ReferencePrefix(scheme)}-{now.Year}-{number:D4}"),
            SchemeId = scheme.Id,
            PolicyVersion = policy.Version,
            Kind = submission.Kind,
            Urgent = submission.Urgent,
            ConsentGiven = submission.Consent,
            ReceivedAt = now,
            SubmissionFingerprint = Fingerprint(submission),
        };

        try
        {
            // People first: a referral row is only visible once everything it points to exists.
            await store.People.UpsertAsync(referralId, nameof(PersonRole.Mentee), new Person
            {
                ReferralId = referralId,
                Role = PersonRole.Mentee,
                Name = submission.Name!.Trim(),
                Email = submission.Email?.Trim(),
                Phone = submission.Phone?.Trim(),
                PostcodeDistrict = submission.PostcodeDistrict?.Trim().ToUpperInvariant(),
                ReasonForReferral = submission.ReasonForReferral?.Trim(),
            }, null, cancellationToken);
            if (submission.Kind == ReferralKind.Professional)
            {
                await store.People.UpsertAsync(referralId, nameof(PersonRole.Referrer), new Person
                {
                    ReferralId = referralId,
                    Role = PersonRole.Referrer,
                    Name = submission.ReferrerName!.Trim(),
                    Email = submission.ReferrerEmail?.Trim(),
                    Phone = submission.ReferrerPhone?.Trim(),
                    Organisation = submission.ReferrerOrganisation?.Trim(),
                }, null, cancellationToken);
            }

            // Before the referral is visible: whatever happens next, the sweeper finds it and starts its workflow.
            await store.Starts.TryInsertAsync(
                Workflow.PendingStart.Partition, referralId, new Workflow.PendingStart { ReferralId = referralId, MarkedAt = now }, null, cancellationToken);
            if (!await store.Referrals.TryInsertAsync(referralId, "", referral, MatchProposals.ReferralColumns(referral), cancellationToken))
            {
                return (await store.Referrals.GetAsync(referralId, "", cancellationToken))!.Value;
            }
        }
        catch (Exception)
        {
            // Part-way through a new referral: no personal details may stay behind that no page shows and no
            // erasure can reach. A retry of a referral already stored keeps its details: its row exists.
            if (await NoReferralAsync(referralId))
            {
                await store.People.DeletePartitionAsync(referralId, CancellationToken.None);
                await store.Starts.DeleteAsync(Workflow.PendingStart.Partition, referralId, CancellationToken.None);
            }

            throw;
        }

        await ReceivedAsync(referral, cancellationToken);
        return referral;
    }

    /// <summary>Its "received" line, keyed by the referral's arrival: a retried submission writes the same row, not a second.</summary>
    private Task<bool> ReceivedAsync(Referral referral, CancellationToken cancellationToken) =>
        store.Timeline.TryInsertAsync(
            referral.Id, PeerFlowStore.Key(referral.ReceivedAt) + "-received", new TimelineEntry(referral.Id, referral.ReceivedAt, "received", "Referral received"), null, cancellationToken);

    /// <summary>Initials of the scheme's name: "Foster Carer Mentoring" → "FCM".</summary>
    public static string ReferencePrefix(Scheme scheme) =>
        string.Concat(scheme.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetter(w[0])).Take(3).Select(w => char.ToUpperInvariant(w[0])));

    private async Task<bool> NoReferralAsync(string referralId)
    {
        try
        {
            return await store.Referrals.GetAsync(referralId, "", CancellationToken.None) is null;
        }
        catch (Azure.RequestFailedException)
        {
            // Cannot tell (the table itself is unreachable): the referral is not there to be seen either.
            return true;
        }
    }

    /// <summary>A hash of the submission as stored (after normalising), the same for a retry of the same referral.</summary>
    public static string Fingerprint(ReferralSubmission submission) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(submission)));
}
