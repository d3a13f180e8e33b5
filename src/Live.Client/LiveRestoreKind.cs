namespace Live.Client;

/// <summary>How a component came back after a reconnect.</summary>
public enum LiveRestoreKind
{
    /// <summary>The server still held the instance: same instance, the missed changes replayed.</summary>
    Resumed,

    /// <summary>A new instance was created from the component's signed state token (the server restarted, or no longer held it).</summary>
    Rehydrated,

    /// <summary>Neither worked: the component was mounted afresh with the same props (its state starts over).</summary>
    Mounted,
}
