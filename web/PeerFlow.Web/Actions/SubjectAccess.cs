using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>
/// A subject-access export: everything PeerFlow holds about one referral's person, every kind of record in
/// <see cref="ReferralRecords.Kinds"/> (what erasure removes), and the audit trail of who read or changed it. Managers
/// only; the export itself is audited. Linked referrals of possibly the same person are listed, each to be exported
/// in its own right, since the link is only a possibility staff have to judge.
/// </summary>
public sealed class SubjectAccess(ApiServices services, ReferralRecords records)
{
    /// <summary>The audit trail's name in the export: kept when the rest is erased, so not one of the kinds.</summary>
    public const string AuditSection = "audit";

    /// <summary>How records are written, in the JSON export and on the page: enums by name, as the API writes them.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() }, WriteIndented = true };

    /// <summary>Null when there is no such referral.</summary>
    public async Task<SubjectAccessExport?> ExportAsync(string id, CancellationToken cancellationToken)
    {
        var referral = (await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return null;
        }

        // Recorded first, so that the export's own audit trail shows it.
        await Audit.RecordAsync(services, id, "exported everything held on the referral (subject access)", cancellationToken);
        var scope = await records.ScopeAsync(referral, cancellationToken);
        var sections = new List<ExportSection>();
        foreach (var kind in records.Kinds)
        {
            sections.Add(new ExportSection(kind.Name, kind.Label, await kind.ReadAsync(scope, cancellationToken)));
        }

        var audit = await services.Store.Audit.QueryAsync($"PartitionKey eq {id}", cancellationToken);
        sections.Add(new ExportSection(AuditSection, "Who read or changed the referral, and when", [.. audit.Select(a => (object)a.Value).OrderBy(a => ((Domain.Records.AuditEntry)a).At)]));
        return new SubjectAccessExport(referral.Id, referral.Reference, referral.SchemeId, services.Now, sections);
    }
}

/// <summary>Everything held about one referral, kind by kind.</summary>
public sealed record SubjectAccessExport(string ReferralId, string Reference, string SchemeId, DateTime ExportedAt, IReadOnlyList<ExportSection> Sections);

/// <summary>One kind of record: its name (as in <see cref="ReferralRecords.Kinds"/>), a heading for people, and every record of it.</summary>
public sealed record ExportSection(string Name, string Label, IReadOnlyList<object> Records);
