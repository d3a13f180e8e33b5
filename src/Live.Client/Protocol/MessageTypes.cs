namespace Live.Client.Protocol;

/// <summary>The <c>type</c> values of the server → client messages (docs/protocol.md).</summary>
internal static class MessageTypes
{
    public const string Mounted = "mounted";
    public const string Patch = "patch";
    public const string State = "state";
    public const string Result = "result";
    public const string Unmounted = "unmounted";
    public const string Pong = "pong";
    public const string Refreshed = "refreshed";
    public const string Error = "error";
}
