namespace Live.Protocol;

/// <summary>The WebSocket subprotocols (protocol versions) this server speaks.</summary>
public static class ProtocolVersion
{
    /// <summary>Version 1 of the JSON protocol.</summary>
    public const string V1 = "live.v1";

    /// <summary>All versions this server speaks, newest first.</summary>
    public static IReadOnlyList<string> Supported { get; } = [V1];
}
