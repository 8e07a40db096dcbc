namespace PeerFlow.Domain.Email;

// Template models. Templates see the members in snake_case (RecipientFirstName → recipient_first_name).
// Every member is required and must not be null: a template that uses a missing or null member fails to render
// rather than sending an email with a gap in it. Dates are shown in Europe/London.

/// <summary>referral-received: to the referrer, who may be the person themself.</summary>
/// <param name="FirstContactWorkingDays">The scheme's deadline for first contact, in working days.</param>
public sealed record ReferralReceivedModel(
    string RecipientFirstName,
    string Reference,
    string SchemeName,
    string OrganisationName,
    int FirstContactWorkingDays);

/// <summary>referral-received-coordinator: to the scheme's coordinators.</summary>
public sealed record ReferralReceivedCoordinatorModel(
    string RecipientFirstName,
    string Reference,
    string SchemeName,
    bool Urgent,
    DateTimeOffset ReceivedAt,
    string ReferralUrl);

/// <summary>safeguarding-alert: to the coordinator and the manager. Deliberately carries nothing about the concern.</summary>
public sealed record SafeguardingAlertModel(
    string RecipientFirstName,
    string Reference,
    DateTimeOffset RaisedAt,
    string ReferralUrl);
