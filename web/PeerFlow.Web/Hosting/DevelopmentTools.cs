namespace PeerFlow.Web.Hosting;

/// <summary>
/// Whether this host serves the development tools (the sandbox clock, the mail capture): only the local host in
/// Development with the development identity, never behind Easy Auth's sign-in, where they would show real
/// people's email and move a clock to anyone who could reach them. Pages offer the tools only when they exist.
/// </summary>
public sealed record DevelopmentTools(bool Available)
{
    public static DevelopmentTools None { get; } = new(false);
}
