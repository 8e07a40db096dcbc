using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;

namespace PeerFlow.Domain.Email;

/// <summary>
/// Renders PeerFlow's emails from the Liquid templates embedded from Email/Templates: for each message
/// <c>{name}.subject.liquid</c>, <c>{name}.html.liquid</c> and <c>{name}.txt.liquid</c>, wrapped in the shared
/// <c>_layout.html.liquid</c> and <c>_layout.txt.liquid</c>.
/// </summary>
public static partial class EmailTemplates
{
    private const string ResourcePrefix = "PeerFlow.Email.Templates.";
    private const string Layout = "_layout";
    private static readonly string[] Parts = ["subject", "html", "txt"];
    private static readonly string[] LayoutParts = ["html", "txt"];
    private static readonly Lazy<IReadOnlyDictionary<string, IFluidTemplate>> Parsed = new(Load);

    /// <summary>The messages that have all three parts.</summary>
    public static IReadOnlyCollection<string> Names =>
        Parsed.Value.Keys.Where(k => k.EndsWith(".subject", StringComparison.Ordinal) && !k.StartsWith(Layout, StringComparison.Ordinal))
            .Select(k => k[..^".subject".Length]).Order(StringComparer.Ordinal).ToArray();

    /// <exception cref="EmailTemplateException">
    /// The template is unknown, or it uses a member that <paramref name="model"/> lacks or holds as null.
    /// </exception>
    public static RenderedEmail Render(string template, object model, EmailSignature? signature = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(template);
        ArgumentNullException.ThrowIfNull(model);
        if (template.StartsWith(Layout, StringComparison.Ordinal) || !Parsed.Value.ContainsKey(template + ".subject"))
        {
            throw new EmailTemplateException($"Unknown email template '{template}'. Known templates: {string.Join(", ", Names)}.");
        }

        RejectNullMembers(template, model);
        var subject = OneLine(RenderPart(template, "subject", model, NullEncoder.Default));
        var html = RenderPart(template, "html", model, Html);
        var text = RenderPart(template, "txt", model, NullEncoder.Default);
        return new RenderedEmail(
            subject,
            RenderPart(Layout, "html", LayoutModel.Of(subject, html, signature), Html),
            TidyText(RenderPart(Layout, "txt", LayoutModel.Of(subject, text, signature), NullEncoder.Default)));
    }

    /// <summary>Whether the message has a text-message version (<c>{name}.sms.liquid</c>).</summary>
    public static bool HasText(string template) => Parsed.Value.ContainsKey(template + ".sms");

    /// <summary>
    /// The text-message version of a message, from the same model as its email (so a text never says more than the
    /// email would), on one line, ending with who to contact when <paramref name="signature"/> is given.
    /// </summary>
    /// <exception cref="EmailTemplateException">The message has no text version, or the model does not fit it.</exception>
    public static string RenderText(string template, object model, EmailSignature? signature = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(template);
        ArgumentNullException.ThrowIfNull(model);
        if (!HasText(template))
        {
            throw new EmailTemplateException($"Email template '{template}' has no text-message version.");
        }

        RejectNullMembers(template, model);
        var body = OneLine(RenderPart(template, "sms", model, NullEncoder.Default));
        return signature is null
            ? body
            : $"{body} Questions: {signature.Name}, {(signature.Phone.Length > 0 ? signature.Phone : signature.Email)}";
    }

    /// <summary>
    /// Encodes what HTML needs encoded (&lt;, &amp;, quotes) and leaves every script as characters: the default encoder
    /// writes anything beyond Latin as numeric entities, which doubles the size of a message in Arabic or Chinese.
    /// </summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string RenderPart(string template, string part, object model, TextEncoder encoder)
    {
        try
        {
            return Parsed.Value[$"{template}.{part}"].Render(new TemplateContext(model, TemplateFilters.Options), encoder);
        }
        catch (FluidException ex)
        {
            // Strict variables: a member the model lacks is an error, not an empty gap in an email someone relies on.
            throw new EmailTemplateException($"Email template '{template}.{part}' cannot render with {model.GetType().Name}: {ex.Message}", ex);
        }
    }

    /// <summary>Fluid treats a null member like a missing one, with a less helpful message; say which member it is.</summary>
    private static void RejectNullMembers(string template, object model)
    {
        foreach (var property in model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.GetValue(model) is null)
            {
                throw new EmailTemplateException($"Email template '{template}': {model.GetType().Name}.{property.Name} is null; email models take no nulls.");
            }
        }
    }

    /// <summary>A subject is a header: no line breaks (header injection) and no stray spaces.</summary>
    private static string OneLine(string value) => Whitespace().Replace(value, " ").Trim();

    private static string TidyText(string value) => BlankLines().Replace(value.Replace("\r\n", "\n", StringComparison.Ordinal), "\n\n").Trim() + "\n";

    private static Dictionary<string, IFluidTemplate> Load()
    {
        var assembly = typeof(EmailTemplates).Assembly;
        var parser = new FluidParser();
        var templates = new Dictionary<string, IFluidTemplate>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".liquid", StringComparison.Ordinal)))
        {
            var key = resource[ResourcePrefix.Length..^".liquid".Length];
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            if (!parser.TryParse(reader.ReadToEnd(), out var parsed, out var error))
            {
                throw new EmailTemplateException($"Email template '{key}' does not parse: {error}");
            }

            templates.Add(key, parsed);
        }

        // Every message needs all three parts; finding out when the first such email is due would be too late.
        var missing = templates.Keys.Select(k => k[..k.LastIndexOf('.')]).Append(Layout).Distinct()
            .SelectMany(name => (name == Layout ? LayoutParts : Parts).Select(part => $"{name}.{part}"))
            .Where(key => !templates.ContainsKey(key))
            .ToArray();
        if (missing.Length > 0)
        {
            throw new EmailTemplateException($"Email templates are missing: {string.Join(", ", missing)}.");
        }

        return templates;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n[ \t]*(\n[ \t]*){2,}")]
    private static partial Regex BlankLines();

    /// <summary>Liquid's strict variables take no nulls, so an unsigned email has empty contact fields.</summary>
    private sealed record LayoutModel(string Subject, string Body, bool Signed, string ContactName, string ContactRole, string ContactEmail, string ContactPhone)
    {
        public static LayoutModel Of(string subject, string body, EmailSignature? signature) => signature is null
            ? new(subject, body, false, "", "", "", "")
            : new(subject, body, true, signature.Name, signature.Role, signature.Email, signature.Phone);
    }
}
