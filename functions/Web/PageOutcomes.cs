using Microsoft.AspNetCore.Mvc.ModelBinding;
using PeerFlow.Functions.Actions;

namespace PeerFlow.Functions.Web;

public static class PageOutcomes
{
    /// <summary>
    /// Puts an outcome's messages where the form shows them: a field's message beside that field (camelCase API
    /// names mapped onto the page's "Input.Name" keys), anything else in the summary at the top of the page.
    /// </summary>
    public static void AddErrors(this ModelStateDictionary modelState, ActionOutcome outcome, string prefix = "Input")
    {
        if (outcome.Errors is { } errors)
        {
            foreach (var (field, messages) in errors)
            {
                var key = string.IsNullOrEmpty(field) ? string.Empty : prefix + "." + string.Join('.', field.Split('.').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
                foreach (var message in messages)
                {
                    modelState.AddModelError(key, message);
                }
            }
        }
        else if (!outcome.Succeeded)
        {
            modelState.AddModelError(string.Empty, outcome.Detail ?? outcome.Title ?? "That could not be done.");
        }
    }
}
