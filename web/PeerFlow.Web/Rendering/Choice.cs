namespace PeerFlow.Web.Rendering;

/// <summary>One answer of a <see cref="Components.Choices"/> field: the value posted, its label, and an optional hint.</summary>
public sealed record Choice(string Value, string Label, string? Hint = null);
