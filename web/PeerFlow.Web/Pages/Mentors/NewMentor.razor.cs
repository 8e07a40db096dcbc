using Microsoft.AspNetCore.Mvc.ModelBinding;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;
using PeerFlow.Web.SignIn;

namespace PeerFlow.Web.Pages.Mentors;

/// <summary>"Add a mentor": the empty form, and its post.</summary>
public sealed partial class NewMentor
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("NewMentorPage", "GET", "/mentors/new", GetAsync, Audience.Staff),
        new("NewMentorPost", "POST", "/mentors/new", PostAsync, Audience.Staff),
    ];

    private static async Task<IResult> GetAsync(HttpContext http, SchemeAccess schemes, PageRenderer pages, CancellationToken cancellationToken)
    {
        var options = await MentorForm.SchemeOptionsAsync(schemes, cancellationToken);
        var input = new MentorInput();

        // With one scheme there is nothing to choose.
        if (options.Count == 1)
        {
            input.SchemeId = options[0].Value;
        }

        return await RenderAsync(http, pages, input, options);
    }

    private static async Task<IResult> PostAsync(HttpContext http, MentorActions mentors, SchemeAccess schemes, PageRenderer pages, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http, cancellationToken) is not { } form)
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        return await MentorForm.SaveAsync(
            http,
            form,
            schemes,
            request => mentors.CreateAsync(request, cancellationToken),
            (input, options, modelState) => RenderAsync(http, pages, input, options, modelState),
            cancellationToken);
    }

    private static Task<IResult> RenderAsync(HttpContext http, PageRenderer pages, MentorInput input, IReadOnlyList<Choice> options, ModelStateDictionary? modelState = null) =>
        pages.RenderAsync<NewMentor>(http, new Dictionary<string, object?> { [nameof(Input)] = input, [nameof(SchemeOptions)] = options }, modelState);
}
