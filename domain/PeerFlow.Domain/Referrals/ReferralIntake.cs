using System.Globalization;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Domain.Text;

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
            if ((await store.People.GetAsync(referralId, nameof(PersonRole.Mentee), cancellationToken))?.Value is { } person)
            {
                // A retry finishes what a first attempt may have left undone after storing the referral.
                await LinkSamePersonAsync(existing.Value, person, cancellationToken);
            }

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
            ReferrerSector = submission.Kind == ReferralKind.Professional && ReferrerSectors.TryParse(submission.ReferrerSector, out var sector) ? sector : null,
            Urgent = submission.Urgent,
            ConsentGiven = submission.Consent,
            ReferrerUpdates = submission.ReferrerUpdates,
            ReceivedAt = now,
            SubmissionFingerprint = Fingerprint(submission),
        };

        var mentee = new Person
        {
            ReferralId = referralId,
            Role = PersonRole.Mentee,
            Name = submission.Name!.Trim(),
            Email = submission.Email?.Trim(),
            Phone = submission.Phone?.Trim(),
            Mobile = Sms.UkMobile.TryNormalise(submission.Mobile, out var mobile) ? mobile : null,
            TextConsent = submission.TextConsent,
            PreferredChannel = submission.PreferredChannel,
            PostcodeDistrict = submission.PostcodeDistrict?.Trim().ToUpperInvariant(),
            ReasonForReferral = submission.ReasonForReferral?.Trim(),
            Equalities = scheme.Equalities ? EqualitiesOf(submission) : null,
        };

        try
        {
            // People first: a referral row is only visible once everything it points to exists.
            await store.People.UpsertAsync(referralId, nameof(PersonRole.Mentee), mentee, null, cancellationToken);

            // Written with the person, so that whoever can read the referral can find it by name from the start.
            await store.PeopleIndex.AddAsync(scheme.Id, mentee, cancellationToken);
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
                await store.PeopleIndex.RemoveAsync(scheme.Id, mentee, CancellationToken.None);
                await store.People.DeletePartitionAsync(referralId, CancellationToken.None);
                await store.Starts.DeleteAsync(Workflow.PendingStart.Partition, referralId, CancellationToken.None);
            }

            throw;
        }

        await ReceivedAsync(referral, cancellationToken);
        await LinkSamePersonAsync(referral, mentee, cancellationToken);
        return referral;
    }

    private static Equalities? EqualitiesOf(ReferralSubmission submission)
    {
        var answers = new Equalities
        {
            AgeBand = Codes.Parse<AgeBand>(submission.AgeBand),
            Gender = Codes.Parse<Gender>(submission.Gender),
            EthnicGroup = Codes.Parse<EthnicGroup>(submission.EthnicGroup),
            Disability = Codes.Parse<Disability>(submission.Disability),
        };
        return answers.IsEmpty ? null : answers;
    }

    /// <summary>Closed referrals this recent still count as the same person's "recent" referral at intake.</summary>
    public static readonly TimeSpan RecentlyClosed = TimeSpan.FromDays(365);

    /// <summary>
    /// Links the new referral both ways to every open or recently closed referral of possibly the same person, in any
    /// scheme, for staff to see on both pages. Idempotent (a retried submission writes the same rows); the submitter is
    /// told nothing of it.
    /// </summary>
    private async Task LinkSamePersonAsync(Referral referral, Person mentee, CancellationToken cancellationToken)
    {
        var schemeIds = (await schemes.ListAsync(cancellationToken)).Select(s => s.Id).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        // Each candidate is read and linked at once: a common name in a busy district has many, and the submitter waits.
        await Task.WhenAll((await store.PeopleIndex.SamePersonAsync(schemeIds, mentee, cancellationToken)).Select(async found =>
        {
            var (entry, why) = found;
            var other = (await store.Referrals.GetAsync(entry.ReferralId, "", cancellationToken))?.Value;
            if (other is null || (other.Stage == ReferralStage.Closed && other.ClosedAt is { } closed && now - closed > RecentlyClosed))
            {
                return;
            }

            await Task.WhenAll(
                store.PersonLinks.UpsertAsync(referral.Id, other.Id, new PersonLink(referral.Id, other.Id, other.Reference, other.SchemeId, why, now), null, cancellationToken),
                store.PersonLinks.UpsertAsync(other.Id, referral.Id, new PersonLink(other.Id, referral.Id, referral.Reference, referral.SchemeId, why, now), null, cancellationToken));
        }));
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
