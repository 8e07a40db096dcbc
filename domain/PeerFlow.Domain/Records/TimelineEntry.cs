namespace PeerFlow.Domain.Records;

/// <summary>One line of a referral's story as a coordinator reads it ("Reminder sent to the coordinator").</summary>
public sealed record TimelineEntry(string ReferralId, DateTime At, string Kind, string Text);

/// <summary>Who read or changed a referral, and what they did. Staff actions only; never the data itself.</summary>
public sealed record AuditEntry(string ReferralId, DateTime At, string Actor, string Action);
