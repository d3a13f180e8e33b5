namespace Live.Presence;

/// <summary>Whether a room member is active.</summary>
public enum PresenceStatus
{
    /// <summary>Connected and active (the default on join).</summary>
    Online,

    /// <summary>Connected but away (set by the app, e.g. from an action when the tab is hidden).</summary>
    Away,
}
