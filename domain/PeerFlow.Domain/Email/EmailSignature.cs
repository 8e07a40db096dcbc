namespace PeerFlow.Domain.Email;

/// <summary>
/// The person behind an email sent to a referrer, mentee or mentor: replies to PeerFlow are not read, so every such
/// email ends by naming who to contact and how.
/// </summary>
public sealed record EmailSignature(string Name, string Role, string Email, string Phone);
