using Microsoft.AspNetCore.Mvc.ModelBinding;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;
using PeerFlow.Web.SignIn;

namespace PeerFlow.Web.Pages.Mentors;

/// <summary>A mentor's details, filled in from their record, and the post that changes them.</summary>
public sealed partial class EditMentor
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("EditMentorPage", "GET", "/mentors/{id}/edit", GetAsync, Audience.Staff),
        new("EditMentorPost", "POST", "/mentors/{id}/edit", PostAsync, Audience.Staff),
    ];

    private static async Task<IResult> GetAsync(string id, HttpContext http, MentorActions mentors, SchemeAccess schemes, PageRenderer pages, CancellationToken cancellationToken)
    {
        if (await mentors.GetAsync(id, cancellationToken) is not { } mentor)
        {
            return Results.NotFound();
        }

        return await RenderAsync(http, pages, id, mentor, MentorInput.From(mentor), await MentorForm.SchemeOptionsAsync(schemes, cancellationToken));
    }

    private static async Task<IResult> PostAsync(string id, HttpContext http, MentorActions mentors, SchemeAccess schemes, PageRenderer pages, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http, cancellationToken) is not { } form)
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        if (await mentors.GetAsync(id, cancellationToken) is not { } mentor)
        {
            return Results.NotFound();
        }

        return await MentorForm.SaveAsync(
            http,
            form,
            schemes,
            request => mentors.UpdateAsync(id, request, cancellationToken),
            (input, options, modelState) => RenderAsync(http, pages, id, mentor, input, options, modelState),
            cancellationToken);
    }

    private static Task<IResult> RenderAsync(HttpContext http, PageRenderer pages, string id, Mentor mentor, MentorInput input, IReadOnlyList<Choice> options, ModelStateDictionary? modelState = null) =>
        pages.RenderAsync<EditMentor>(
            http,
            new Dictionary<string, object?> { [nameof(Id)] = id, [nameof(Name)] = mentor.Name, [nameof(Input)] = input, [nameof(SchemeOptions)] = options },
            modelState);
}
