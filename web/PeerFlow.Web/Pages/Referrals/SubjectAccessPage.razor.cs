using System.Text.Json;
using Microsoft.AspNetCore.Components;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Referrals;

/// <summary>
/// <c>/referrals/{id}/export</c>: the subject-access export (<see cref="SubjectAccess"/>) as a page to read and
/// print, for managers; the same records as <c>GET /api/referrals/{id}/export</c>, each field by name.
/// </summary>
public sealed partial class SubjectAccessPage
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("ExportReferralPage", "GET", "/referrals/{id}/export", GetAsync, Audience.Managers),
    ];

    [CascadingParameter] public PageContext Context { get; set; } = default!;

    [Parameter, EditorRequired] public SubjectAccessExport Export { get; set; } = default!;

    /// <summary>A record's fields, in the JSON export's names; a nested value as its JSON, an empty one left out.</summary>
    private static IEnumerable<(string Name, string Value)> Fields(object record)
    {
        var element = JsonSerializer.SerializeToElement(record, record.GetType(), SubjectAccess.Json);
        if (element.ValueKind != JsonValueKind.Object)
        {
            yield return ("value", element.ToString());
            yield break;
        }

        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.Array when property.Value.GetArrayLength() == 0 => null,
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Object or JsonValueKind.Array => property.Value.GetRawText(),
                _ => property.Value.ToString(),
            };
            if (!string.IsNullOrEmpty(value))
            {
                yield return (property.Name, value);
            }
        }
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, SubjectAccess access, PageRenderer pages, CancellationToken cancellationToken) =>
        await access.ExportAsync(id, cancellationToken) is { } export
            ? await pages.RenderAsync<SubjectAccessPage>(http, new Dictionary<string, object?> { [nameof(Export)] = export })
            : Results.NotFound();
}
