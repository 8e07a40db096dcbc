using System.Globalization;
using Fluid;
using Fluid.Values;
using PeerFlow.Domain.Calendar;

namespace PeerFlow.Domain.Email;

/// <summary>The template options, with date filters that always speak Europe/London and UK English.</summary>
internal static class TemplateFilters
{

    public static TemplateOptions Options { get; } = Create();

    private static TemplateOptions Create()
    {
        var options = new TemplateOptions
        {
            StrictVariables = true,
            StrictFilters = true,
            // Models are PeerFlow's own records, not user input, so any public member may be read; Liquid style is snake_case.
            MemberAccessStrategy = new UnsafeMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase },
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = UkTime.London,
        };

        // Fluid would turn a DateOnly into a culture-formatted string before a filter could see it.
        options.ValueConverters.Add(value => value is DateOnly date ? new ObjectValue(date) : null);
        options.Filters.AddFilter("long_date", (input, _, _) => Format(input, "long_date", d => d.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)));
        options.Filters.AddFilter("month_year", (input, _, _) => Format(input, "month_year", d => d.ToString("MMMM yyyy", CultureInfo.InvariantCulture)));
        options.Filters.AddFilter("date_time", (input, _, _) => input.ToObjectValue() is DateTimeOffset instant
            ? new StringValue(UkTime.LongDateTime(instant))
            : throw new EmailTemplateException($"The date_time filter needs a DateTimeOffset, not {Describe(input)}."));
        return options;
    }

    private static StringValue Format(FluidValue input, string filter, Func<DateOnly, string> format) => input.ToObjectValue() switch
    {
        DateOnly date => new StringValue(format(date)),
        DateTimeOffset instant => new StringValue(format(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, UkTime.London).DateTime))),
        _ => throw new EmailTemplateException($"The {filter} filter needs a DateOnly or DateTimeOffset, not {Describe(input)}."),
    };

    private static string Describe(FluidValue input) => input.ToObjectValue()?.GetType().Name ?? "nothing";
}
