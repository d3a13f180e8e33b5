using System.Text.Json;

namespace Live.Protocol;

/// <summary>
/// One parsed client message. Its <see cref="JsonElement"/> members point into the frame's
/// <see cref="JsonDocument"/>, which the owner keeps alive until the message has been handled.
/// </summary>
internal readonly record struct ClientMessage(
    MessageType Type,
    string? Id,
    string? Component,
    string? Instance,
    string? Action,
    JsonElement Args,
    JsonElement Props,
    string? Token = null,
    string? Resume = null,
    long Version = 0,
    string? Room = null,
    bool Away = false);
