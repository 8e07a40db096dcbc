namespace PeerFlow.Domain.Records;

/// <summary>
/// A scheme's report for a month that has ended, as it was generated (the monthly run on the 1st, or the first view
/// after the month ended): shown from here afterwards, so a month's figures do not move when records change later.
/// PartitionKey = scheme id, RowKey = yyyy-MM. Counts only, as the report: no names, references or free text.
/// </summary>
/// <param name="Figures">The report's figures for the scheme, as JSON (the web's <c>SchemeEvaluation</c>).</param>
/// <param name="FirstGeneratedAt">When a manager regenerated it: when it was first generated; null otherwise.</param>
public sealed record StoredReport(string SchemeId, string Month, DateTime GeneratedAt, DateTime? FirstGeneratedAt, string Figures);
