using System.Collections.Concurrent;
using System.Reflection;

namespace PeerFlow.Domain.Text;

/// <summary>
/// Checks everything a person or client sent, whatever its type, before any rule of its own: every text (and list
/// of texts) against <see cref="PlainText"/>, every enum against its defined values (JSON and forms both accept
/// "99" for an enum), and nested PeerFlow records the same way. Done by shape rather than field by field so that a
/// field added later is covered without anyone remembering to.
/// </summary>
public static class TypedInput
{
    public const string TextMessage = "Remove the control or text-direction characters (line breaks are allowed only in longer notes).";
    public const string ChoiceMessage = "Choose one of the options offered.";

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>Each problem as (property path, message), the path in the type's own names ("Profile.Interests").</summary>
    public static IReadOnlyList<(string Field, string Message)> Problems(object? input)
    {
        var problems = new List<(string, string)>();
        Visit(input, "", 0, problems);
        return problems;
    }

    private static void Visit(object? input, string path, int depth, List<(string, string)> problems)
    {
        // Requests are shallow; the limit only guards against a cycle in a type added later.
        if (input is null || depth > 4)
        {
            return;
        }

        foreach (var property in Properties.GetOrAdd(input.GetType(), t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray()))
        {
            var value = property.GetValue(input);
            var field = path.Length == 0 ? property.Name : path + "." + property.Name;
            var multiLine = property.IsDefined(typeof(MultiLineAttribute));
            switch (value)
            {
                case string text when !PlainText.IsAllowed(text, multiLine):
                case IEnumerable<string> texts when texts.Any(t => !PlainText.IsAllowed(t, multiLine)):
                    problems.Add((field, TextMessage));
                    break;
                case Enum choice when !Enum.IsDefined(choice.GetType(), choice):
                    problems.Add((field, ChoiceMessage));
                    break;
                case not null when value.GetType() is { IsClass: true } type && type != typeof(string) && type.Namespace?.StartsWith("PeerFlow", StringComparison.Ordinal) == true:
                    Visit(value, field, depth + 1, problems);
                    break;
            }
        }
    }
}
