using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using PeerFlow.Web.Components;

namespace PeerFlow.Web.Rendering;

/// <summary>
/// Draws a page component to HTML on the server (no circuit, no script) and answers with it. The same in both hosts:
/// nothing here depends on Razor Pages' routing, which the Functions worker does not have.
/// </summary>
public sealed class PageRenderer(IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions, IServiceProvider services, ILoggerFactory logs)
{
    public async Task<IResult> RenderAsync<TPage>(HttpContext http, IReadOnlyDictionary<string, object?>? parameters = null, ModelStateDictionary? modelState = null, int statusCode = StatusCodes.Status200OK)
        where TPage : IComponent
    {
        var context = new PageContext(() => antiforgery.GetAndStoreTokens(http).RequestToken)
        {
            PathAndQuery = http.Request.Path + http.Request.QueryString,
            ModelState = modelState ?? new ModelStateDictionary(),
            HasDevelopmentTools = (services.GetService<Hosting.DevelopmentTools>() ?? Hosting.DevelopmentTools.None).Available,
            AntiforgeryFieldName = antiforgeryOptions.Value.FormFieldName,
        };

        await using var renderer = new HtmlRenderer(http.RequestServices, logs);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var root = await renderer.RenderComponentAsync<PageRoot>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(PageRoot.Context)] = context,
                [nameof(PageRoot.Page)] = typeof(TPage),
                [nameof(PageRoot.Parameters)] = parameters ?? new Dictionary<string, object?>(),
            }));
            return root.ToHtmlString();
        });

        return Results.Content("<!DOCTYPE html>\n" + html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }
}
