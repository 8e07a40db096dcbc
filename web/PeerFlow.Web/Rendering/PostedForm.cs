using System.Collections;
using System.ComponentModel;
using System.Reflection;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PeerFlow.Web.Rendering;

/// <summary>
/// A form post that has passed its antiforgery check, with every posted value kept in <see cref="ModelState"/> so
/// that a page drawn again after a failed post shows what was typed.
/// </summary>
public sealed class PostedForm
{
    private PostedForm(IFormCollection form)
    {
        Form = form;
        foreach (var (key, value) in form)
        {
            ModelState.SetModelValue(key, value.Count > 1 ? value.ToArray() : value.ToString(), value.ToString());

            // Kept to be shown again, not awaiting validation: only an added error makes the post invalid.
            ModelState.MarkFieldValid(key);
        }
    }

    public IFormCollection Form { get; }

    public ModelStateDictionary ModelState { get; } = new();

    public string? this[string key] => Form.TryGetValue(key, out var value) ? value.ToString() : null;

    /// <summary>
    /// The post, or null when it is not a form or its antiforgery token is missing or wrong: the caller answers 400.
    /// Both hosts call this explicitly: the Functions worker has no antiforgery middleware.
    /// </summary>
    public static async Task<PostedForm?> ReadAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            return null;
        }

        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return null;
        }

        return new PostedForm(await http.Request.ReadFormAsync(cancellationToken));
    }

    /// <summary>
    /// Fills a new <typeparamref name="T"/> from the fields named "{prefix}.{Property}". A value that does not convert
    /// is an error on its field, in MVC's words, and leaves the property as it was.
    /// </summary>
    public T Bind<T>(string prefix)
        where T : new()
    {
        var model = new T();
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
            if (!Form.TryGetValue(key, out var posted))
            {
                continue;
            }

            var type = property.PropertyType;
            if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
            {
                property.SetValue(model, posted.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList());
                continue;
            }

            var text = posted.ToString();
            var target = Nullable.GetUnderlyingType(type) ?? type;
            if (string.IsNullOrWhiteSpace(text))
            {
                if (type == typeof(string) || Nullable.GetUnderlyingType(type) is not null)
                {
                    property.SetValue(model, type == typeof(string) && text.Length > 0 ? text : null);
                }

                continue;
            }

            try
            {
                property.SetValue(model, target == typeof(string) ? text : TypeDescriptor.GetConverter(target).ConvertFromInvariantString(text.Trim()));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException || ex.InnerException is FormatException)
            {
                ModelState.AddModelError(key, $"The value '{text}' is not valid for {property.Name}.");
            }
        }

        return model;
    }
}
