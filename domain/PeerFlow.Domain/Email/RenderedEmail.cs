namespace PeerFlow.Domain.Email;

/// <summary>One message rendered from its template: a single-line subject, an HTML body and a plain-text body.</summary>
public sealed record RenderedEmail(string Subject, string Html, string Text);
