namespace PeerFlow.Domain.Email;

/// <summary>assessment-reminder: to the coordinator, before the deadline.</summary>
public sealed record AssessmentReminderModel(
    string RecipientFirstName,
    string Reference,
    string SchemeName,
    DateOnly DueDate,
    string ReferralUrl);

/// <summary>assessment-overdue: to the coordinator, at the deadline.</summary>
public sealed record AssessmentOverdueModel(
    string RecipientFirstName,
    string Reference,
    string SchemeName,
    DateOnly DueDate,
    string ReferralUrl);

/// <summary>assessment-escalation: to the scheme manager, when the assessment is still overdue.</summary>
public sealed record AssessmentEscalationModel(
    string RecipientFirstName,
    string Reference,
    string SchemeName,
    string CoordinatorFirstName,
    DateOnly DueDate,
    int WorkingDaysOverdue,
    string ReferralUrl);
