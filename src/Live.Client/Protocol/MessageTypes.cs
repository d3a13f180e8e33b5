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
    public const string Joined = "joined";
    public const string Left = "left";
    public const string Event = "event";
    public const string Refreshed = "refreshed";
    public const string Error = "error";
    public const string Token = "token";
    public const string Resumed = "resumed";
}
