namespace PeerFlow.Domain.Timetable;

/// <summary>
/// An assessment's times: the reminder (null when the deadline is too close for one to help), the deadline and the
/// manager's escalation. Also the result of the workflow's PlanReassessment activity, so its shape is kept.
/// </summary>
public sealed record AssessmentTimes(DateTime? ReminderAt, DateTime DueAt, DateTime EscalationAt);

/// <summary>A proposed match's times: the mentor's reminder, and when an unanswered proposal lapses.</summary>
public sealed record ProposalTimes(DateTime ReminderAt, DateTime ExpiresAt);

/// <summary>
/// One check-in cycle's times: the notice time of the day the check-in is due (the date overdue notices cite), the
/// mentor's reminder before it and the coordinator's alert after it.
/// </summary>
public sealed record CheckInTimes(DateTime DueAt, DateTime ReminderAt, DateTime OverdueAt);

/// <summary>What a match is measured against from the day it was accepted.</summary>
public sealed record SupportTimes(DateTime FirstMeetingBy, DateTime ReviewAt);

/// <summary>After closure: the reminder to give feedback, and when the window for it ends.</summary>
public sealed record FeedbackTimes(DateTime ReminderAt, DateTime WindowEndsAt);
