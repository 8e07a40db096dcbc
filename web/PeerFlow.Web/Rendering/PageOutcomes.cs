using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PeerFlow.Web.Actions;

namespace PeerFlow.Web.Rendering;

public static class PageOutcomes
{
    // ModelState enumerates its keys in its own order, not the form's; the summary needs the order errors were found
    // in, which is the order of the validators' rules and so of the fields on the form.
    private static readonly ConditionalWeakTable<ModelStateDictionary, List<string>> Order = [];

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
                var key = string.IsNullOrEmpty(field) ? string.Empty
                    : (prefix.Length == 0 ? "" : prefix + ".") + string.Join('.', field.Split('.').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
                foreach (var message in messages)
                {
                    modelState.AddFieldError(key, message);
                }
            }
        }
        else if (!outcome.Succeeded)
        {
            modelState.AddFieldError(string.Empty, outcome.Detail ?? outcome.Title ?? "That could not be done.");
        }
    }

    /// <summary>
    /// A check-in form whose "have you met" was left unanswered: the API's check-in has no such state (a bool), so the
    /// pages check it themselves, reporting the form's other problems with it, so that a skipped question is asked
    /// again rather than stored as "no".
    /// </summary>
    public static void AddUnansweredMet(this ModelStateDictionary modelState, Api.CheckInRequest request, string prefix, string message)
    {
        if (new Api.CheckInRequestValidator().Validate(request) is { IsValid: false } invalid)
        {
            modelState.AddErrors(ActionOutcome.Invalid(invalid), prefix);
        }

        modelState.AddFieldError(prefix + ".Met", message);
    }

    /// <summary>Adds an error and remembers its place, so the summary lists errors in the order they were found.</summary>
    public static void AddFieldError(this ModelStateDictionary modelState, string key, string message)
    {
        modelState.AddModelError(key, message);
        var order = Order.GetOrCreateValue(modelState);
        if (!order.Contains(key))
        {
            order.Add(key);
        }
    }

    /// <summary>Every error as (key, message): in the order they were added, then any others (e.g. from model binding).</summary>
    public static IEnumerable<(string Key, string Message)> ErrorsInOrder(this ModelStateDictionary modelState)
    {
        var order = Order.TryGetValue(modelState, out var known) ? known : [];
        var keys = order.Where(modelState.ContainsKey).Concat(modelState.Keys.Where(k => !order.Contains(k)).Order(StringComparer.Ordinal));
        foreach (var key in keys)
        {
            foreach (var error in modelState[key]!.Errors)
            {
                yield return (key, string.IsNullOrEmpty(error.ErrorMessage) ? "Check this answer." : error.ErrorMessage);
            }
        }
    }
}
