namespace PeerFlow.Domain.Email;

/// <summary>
/// referrer-update: to whoever referred the person (the person, on a self-referral), with their consent. Says the
/// stage and nothing they did not send: no mentor, no reasons, no notes.
/// </summary>
/// <param name="Stage">"assessed", "matched" or "closed".</param>
/// <param name="SelfReferral">Chooses "your referral" over "the referral you made".</param>
public sealed record ReferrerUpdateModel(string RecipientFirstName, string Reference, string SchemeName, string Stage, bool SelfReferral);
