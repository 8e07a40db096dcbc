namespace PeerFlow.Domain.Email;

/// <summary>
/// The custom_args PeerFlow puts on every message. SendGrid echoes them in its activity feed and event webhooks, which
/// is how a send is traced back to its key. Ids and names of templates only: no personal data.
/// </summary>
public static class SendGridCustomArgs
{
    public const string IdempotencyKey = "peerflow_key";
    public const string Template = "peerflow_template";
}
