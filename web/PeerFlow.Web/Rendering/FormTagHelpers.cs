using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PeerFlow.Web.Rendering;

/// <summary>
/// Form fields written once, the accessible way: a label, an optional hint, the field's own error beside it, and
/// aria-describedby/aria-invalid tying them together. What was typed comes back after a failed post.
/// </summary>
public abstract class FieldTagHelperBase : TagHelper
{
    [HtmlAttributeName("for")]
    public required Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression For { get; set; }

    public string? Hint { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public required ViewContext ViewContext { get; set; }

    protected string Name => ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);

    protected string Id => TagBuilder.CreateSanitizedId(Name, "_");

    protected IReadOnlyList<string> Errors =>
        ViewContext.ViewData.ModelState.TryGetValue(Name, out var entry) ? [.. entry.Errors.Select(e => e.ErrorMessage)] : [];

    /// <summary>The posted text after a failed post, otherwise the model's value.</summary>
    protected string Value =>
        ViewContext.ViewData.ModelState.TryGetValue(Name, out var entry) && entry.AttemptedValue is not null
            ? entry.AttemptedValue
            : Format(For.Model);

    protected IReadOnlyList<string> Values =>
        ViewContext.ViewData.ModelState.TryGetValue(Name, out var entry) && entry.RawValue is not null
            ? entry.RawValue switch { string[] many => many, string one => [one], _ => [] }
            : For.Model switch { IEnumerable<string> many => [.. many], null => [], var one => [Format(one)] };

    protected string DescribedBy => string.Join(' ', new[] { Hint is null ? null : Id + "-hint", Errors.Count == 0 ? null : Id + "-error" }.Where(x => x is not null));

    protected static string Format(object? value) => value switch
    {
        null => string.Empty,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    protected void Wrap(TagHelperOutput output, string css)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", Errors.Count == 0 ? css : css + " field--error");
    }

    protected IHtmlContent HintAndErrors()
    {
        var output = new HtmlContentBuilder();
        if (Hint is not null)
        {
            var hint = new TagBuilder("div");
            hint.AddCssClass("hint");
            hint.Attributes["id"] = Id + "-hint";
            hint.InnerHtml.Append(Hint);
            output.AppendHtml(hint);
        }

        if (Errors.Count > 0)
        {
            var error = new TagBuilder("p");
            error.AddCssClass("error-message");
            error.Attributes["id"] = Id + "-error";
            error.InnerHtml.AppendHtml("<span class=\"visually-hidden\">Error: </span>");
            error.InnerHtml.Append(string.Join(" ", Errors));
            output.AppendHtml(error);
        }

        return output;
    }

    protected void Describe(TagBuilder control)
    {
        if (DescribedBy.Length > 0)
        {
            control.Attributes["aria-describedby"] = DescribedBy;
        }

        if (Errors.Count > 0)
        {
            control.Attributes["aria-invalid"] = "true";
        }
    }
}

/// <summary>&lt;field for="Input.Name" label="Full name" hint="…" type="email" autocomplete="email" /&gt;; rows="5" makes a textarea.</summary>
[HtmlTargetElement("field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper : FieldTagHelperBase
{
    public required string Label { get; set; }

    public string Type { get; set; } = "text";

    public string? Autocomplete { get; set; }

    public string? Inputmode { get; set; }

    /// <summary>A textarea with this many rows; 0 for a one-line input.</summary>
    public int Rows { get; set; }

    /// <summary>CSS width class, e.g. "width-10" for a short answer.</summary>
    public string? Width { get; set; }

    public bool Optional { get; set; }

    public int? Maxlength { get; set; }

    public string? Min { get; set; }

    public string? Max { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        Wrap(output, "field");
        var label = new TagBuilder("label");
        label.Attributes["for"] = Id;
        label.AddCssClass("label");
        label.InnerHtml.Append(Label);
        if (Optional)
        {
            label.InnerHtml.AppendHtml(" <span class=\"optional\">(optional)</span>");
        }

        output.Content.AppendHtml(label);
        output.Content.AppendHtml(HintAndErrors());

        var control = new TagBuilder(Rows > 0 ? "textarea" : "input");
        control.Attributes["id"] = Id;
        control.Attributes["name"] = Name;
        control.AddCssClass(Rows > 0 ? "textarea" : "input");
        if (Width is not null)
        {
            control.AddCssClass(Width);
        }

        if (Rows > 0)
        {
            control.Attributes["rows"] = Rows.ToString(CultureInfo.InvariantCulture);
            control.InnerHtml.Append(Value);
        }
        else
        {
            control.TagRenderMode = TagRenderMode.SelfClosing;
            control.Attributes["type"] = Type;
            control.Attributes["value"] = Value;
        }

        Set(control, "autocomplete", Autocomplete);
        Set(control, "inputmode", Inputmode);
        Set(control, "maxlength", Maxlength?.ToString(CultureInfo.InvariantCulture));
        Set(control, "min", Min);
        Set(control, "max", Max);
        if (Type is "text" or "email" or "tel" && Rows == 0)
        {
            control.Attributes["spellcheck"] = "false";
        }

        Describe(control);
        output.Content.AppendHtml(control);
    }

    private static void Set(TagBuilder control, string name, string? value)
    {
        if (value is not null)
        {
            control.Attributes[name] = value;
        }
    }
}

/// <summary>
/// A fieldset of radios (one answer) or checkboxes (several, multiple="true"), e.g.
/// &lt;choices for="Input.Rag" legend="How is it going?" options="Options.Rag" /&gt;. Options are (value, label, hint) triples.
/// </summary>
[HtmlTargetElement("choices", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ChoicesTagHelper : FieldTagHelperBase
{
    public required string Legend { get; set; }

    public required IReadOnlyList<Choice> Options { get; set; }

    public bool Multiple { get; set; }

    /// <summary>Shows the options side by side (short answers such as yes/no).</summary>
    public bool Inline { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        Wrap(output, "field");
        var fieldset = new TagBuilder("fieldset");
        fieldset.AddCssClass("fieldset");
        Describe(fieldset);
        fieldset.Attributes.Remove("aria-invalid");
        var legend = new TagBuilder("legend");
        legend.AddCssClass("legend");
        legend.InnerHtml.Append(Legend);
        fieldset.InnerHtml.AppendHtml(legend);

        var chosen = Multiple ? Values : [Value];
        var list = new TagBuilder("div");
        list.AddCssClass(Inline ? "choices choices--inline" : "choices");
        for (var i = 0; i < Options.Count; i++)
        {
            var option = Options[i];
            var id = i == 0 ? Id : $"{Id}-{i}";
            var item = new TagBuilder("div");
            item.AddCssClass("choice");
            var input = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
            input.Attributes["type"] = Multiple ? "checkbox" : "radio";
            input.Attributes["id"] = id;
            input.Attributes["name"] = Name;
            input.Attributes["value"] = option.Value;
            if (chosen.Contains(option.Value, StringComparer.OrdinalIgnoreCase))
            {
                input.Attributes["checked"] = "checked";
            }

            if (option.Hint is not null)
            {
                input.Attributes["aria-describedby"] = id + "-item-hint";
            }

            var label = new TagBuilder("label");
            label.Attributes["for"] = id;
            label.InnerHtml.Append(option.Label);
            item.InnerHtml.AppendHtml(input);
            item.InnerHtml.AppendHtml(label);
            if (option.Hint is not null)
            {
                var hint = new TagBuilder("div");
                hint.AddCssClass("hint choice-hint");
                hint.Attributes["id"] = id + "-item-hint";
                hint.InnerHtml.Append(option.Hint);
                item.InnerHtml.AppendHtml(hint);
            }

            list.InnerHtml.AppendHtml(item);
        }

        fieldset.InnerHtml.AppendHtml(HintAndErrors());
        fieldset.InnerHtml.AppendHtml(list);
        output.Content.AppendHtml(fieldset);
    }
}

/// <summary>One answer of a <see cref="ChoicesTagHelper"/>.</summary>
public sealed record Choice(string Value, string Label, string? Hint = null);
