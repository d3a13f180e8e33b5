namespace Live.Client.Protocol;

/// <summary>
/// What a pending request is, for exception messages. An action's name is built only when a message needs it (a
/// timeout, an error answer), not once per call.
/// </summary>
/// <param name="Text">The whole description, for requests that are not actions.</param>
/// <param name="Action">The action's wire name, for an action.</param>
/// <param name="Instance">The instance the action runs on, for an action.</param>
internal readonly record struct RequestDescription(string? Text, string? Action = null, string? Instance = null)
{
    public static implicit operator RequestDescription(string text) => new(text);

    /// <summary>An action request.</summary>
    public static RequestDescription ForAction(string action, string instance) => new(null, action, instance);

    /// <summary>The text, e.g. <c>action 'add' on 'c_1' (request 2)</c>.</summary>
    public string Format(string id) => Text ?? $"action '{Action}' on '{Instance}' (request {id})";
}
