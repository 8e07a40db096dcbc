namespace PeerFlow.Domain.Text;

/// <summary>Marks a free-text field shown as several lines, the only kind where line breaks are allowed (see <see cref="PlainText"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MultiLineAttribute : Attribute;
