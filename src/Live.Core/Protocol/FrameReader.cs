using System.Text.Json;

namespace Live.Protocol;

/// <summary>
/// Turns one text frame into a <see cref="ClientMessage"/>, or into the precise error a client gets for it.
/// Everything a client sends passes through here first; nothing here trusts the frame.
/// </summary>
internal static partial class FrameReader
{
    /// <summary>The longest request id a client may use.</summary>
    public const int MaxRequestIdLength = 64;

    /// <summary>The longest component, action or instance name accepted; longer ones cannot exist.</summary>
    public const int MaxNameLength = 256;

    /// <summary>The longest token a <c>refresh</c> may carry.</summary>
    public const int MaxTokenLength = 16 * 1024;

    /// <summary>Parses <paramref name="frame"/>. On success the caller owns <paramref name="document"/> and must dispose it.</summary>
    /// <param name="frame">The frame's bytes; must stay unchanged while the document is in use.</param>
    /// <param name="maxDepth">The deepest JSON nesting accepted.</param>
    /// <param name="message">The parsed message.</param>
    /// <param name="document">The parsed document backing <paramref name="message"/>.</param>
    /// <param name="error">Why the frame was refused, with the request id when one could be read.</param>
    /// <param name="errorId">The request id the error answers, when the frame had a valid one.</param>
    /// <returns><see langword="true"/> when the frame is a valid message.</returns>
    public static bool TryRead(
        ReadOnlyMemory<byte> frame,
        int maxDepth,
        out ClientMessage message,
        out JsonDocument? document,
        out ProtocolError? error,
        out string? errorId)
    {
        JsonDocument? parsed = null;
        try
        {
            var ok = TryReadCore(frame, maxDepth, out message, ref parsed, out error, out errorId);
            document = parsed;
            return ok;
        }
        catch (InvalidOperationException)
        {
            parsed?.Dispose();
            // System.Text.Json reports a string escape that decodes to a lone UTF-16 surrogate ("\ud800") this way,
            // when a member name or value is read. Such a frame is as broken as malformed JSON.
            message = default;
            document = null;
            error = new ProtocolError(ErrorCodes.BadFrame, "The frame contains an invalid string escape (a lone UTF-16 surrogate).");
            errorId = null;
            return false;
        }
    }

    private static bool TryReadCore(
        ReadOnlyMemory<byte> frame,
        int maxDepth,
        out ClientMessage message,
        ref JsonDocument? document,
        out ProtocolError? error,
        out string? errorId)
    {
        message = default;
        errorId = null;
        try
        {
            document = JsonDocument.Parse(frame, new JsonDocumentOptions
            {
                MaxDepth = maxDepth,
                AllowDuplicateProperties = false,
                CommentHandling = JsonCommentHandling.Disallow,
                AllowTrailingCommas = false,
            });
        }
        catch (JsonException ex)
        {
            error = new ProtocolError(ErrorCodes.BadFrame, DescribeJsonError(ex, maxDepth));
            errorId = SalvageId(frame.Span);
            return false;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = new ProtocolError(ErrorCodes.BadFrame, "A frame must be a JSON object with a \"type\" member.");
            return Fail(ref document);
        }

        if (!TryReadId(root, out errorId, out error))
        {
            return Fail(ref document);
        }

        if (!root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            error = new ProtocolError(ErrorCodes.UnknownType, "The frame has no string member \"type\".");
            return Fail(ref document);
        }

        MessageType type;
        if (typeElement.ValueEquals("action"u8))
        {
            type = MessageType.Action;
        }
        else if (typeElement.ValueEquals("mount"u8))
        {
            type = MessageType.Mount;
        }
        else if (typeElement.ValueEquals("ping"u8))
        {
            type = MessageType.Ping;
        }
        else if (typeElement.ValueEquals("unmount"u8))
        {
            type = MessageType.Unmount;
        }
        else if (typeElement.ValueEquals("resync"u8))
        {
            type = MessageType.Resync;
        }
        else if (typeElement.ValueEquals("rehydrate"u8))
        {
            type = MessageType.Rehydrate;
        }
        else if (typeElement.ValueEquals("resume"u8))
        {
            type = MessageType.Resume;
        }
        else if (typeElement.ValueEquals("join"u8))
        {
            type = MessageType.Join;
        }
        else if (typeElement.ValueEquals("leave"u8))
        {
            type = MessageType.Leave;
        }
        else if (typeElement.ValueEquals("refresh"u8))
        {
            type = MessageType.Refresh;
        }
        else if (typeElement.ValueEquals("presence"u8))
        {
            type = MessageType.Presence;
        }
        else
        {
            error = new ProtocolError(
                ErrorCodes.UnknownType,
                $"Unknown message type '{Truncate(typeElement.GetString())}'; expected mount, action, unmount, resync, rehydrate, resume, join, leave, presence, refresh or ping.");
            return Fail(ref document);
        }

        if (type != MessageType.Ping && errorId is null)
        {
            error = new ProtocolError(ErrorCodes.InvalidRequest, $"A '{Name(type)}' message needs a string member \"id\" (the request id).");
            return Fail(ref document);
        }

        string? component = null, instance = null, action = null, token = null, resume = null, room = null;
        JsonElement args = default, props = default;
        long version = 0;
        var away = false;
        switch (type)
        {
            case MessageType.Mount:
                if (!TryReadName(root, "component", required: true, out component, out error)
                    || !TryReadObject(root, "props", out props, out error))
                {
                    return Fail(ref document);
                }

                break;
            case MessageType.Action:
                if (!TryReadName(root, "instance", required: true, out instance, out error)
                    || !TryReadName(root, "action", required: true, out action, out error)
                    || !TryReadObject(root, "args", out args, out error))
                {
                    return Fail(ref document);
                }

                break;
            case MessageType.Unmount:
            case MessageType.Resync:
                if (!TryReadName(root, "instance", required: true, out instance, out error))
                {
                    return Fail(ref document);
                }

                break;
            case MessageType.Join:
            case MessageType.Leave:
                if (!TryReadName(root, "instance", required: true, out instance, out error)
                    || !TryReadName(root, "room", required: true, out room, out error)
                    || (type == MessageType.Join && !TryReadObject(root, "metadata", out props, out error)))
                {
                    return Fail(ref document);
                }

                break;
            case MessageType.Presence:
                if (!TryReadName(root, "room", required: true, out room, out error)
                    || !TryReadStatus(root, out away, out error))
                {
                    return Fail(ref document);
                }

                break;
            case MessageType.Refresh:
                if (!TryReadName(root, "token", required: true, out token, out error, MaxTokenLength))
                {
                    return Fail(ref document);
                }

                break;
            case MessageType.Rehydrate:
                if (!TryReadName(root, "component", required: true, out component, out error)
                    || !TryReadString(root, "token", int.MaxValue, out token, out error)
                    || !TryReadObject(root, "props", out props, out error))
                {
                    return Fail(ref document);
                }

                break;
            case MessageType.Resume:
                if (!TryReadName(root, "instance", required: true, out instance, out error)
                    || !TryReadString(root, "resume", MaxNameLength, out resume, out error)
                    || !TryReadVersion(root, out version, out error))
                {
                    return Fail(ref document);
                }

                break;
            case MessageType.Ping:
            default:
                break;
        }

        message = new ClientMessage(type, errorId, component, instance, action, args, props, token, resume, version, room, away);
        error = null;
        return true;
    }

    /// <summary>
    /// Finds a top-level string <c>"id"</c> in a frame that failed to parse as a whole (truncated, duplicate member,
    /// too deep), so the error can still answer the request. Reads only as far as the frame stays well-formed.
    /// </summary>
    internal static string? SalvageId(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 256 });
        string? found = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                if (!reader.Read())
                {
                    break;
                }

                if (isId && reader.TokenType == JsonTokenType.String && found is null)
                {
                    var value = reader.GetString();
                    found = value is { Length: > 0 and <= MaxRequestIdLength } ? value : null;
                }
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    // Nested values cannot hold the top-level id.
                    reader.Skip();
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Broken further on (or an undecodable escape); whatever was found before the break stands.
        }

        return found;
    }

    private static bool Fail(ref JsonDocument? document)
    {
        document?.Dispose();
        document = null;
        return false;
    }

    private static string DescribeJsonError(JsonException ex, int maxDepth)
    {
        // JsonException messages describe position and cause without echoing the input, so they are safe to return.
        var message = ex.Message;
        if (message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            return $"The frame is nested deeper than {maxDepth} levels.";
        }

        if (message.Contains("duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return $"The frame has a duplicate member{(ex.Path is { Length: > 0 } p ? $" at {p}" : string.Empty)}.";
        }

        var position = ex.BytePositionInLine is { } pos ? $" (line {ex.LineNumber + 1}, byte {pos + 1})" : string.Empty;
        return $"The frame is not valid JSON{position}.";
    }

    private static string Name(MessageType type) => type switch
    {
        MessageType.Mount => "mount",
        MessageType.Action => "action",
        MessageType.Unmount => "unmount",
        MessageType.Resync => "resync",
        MessageType.Rehydrate => "rehydrate",
        MessageType.Resume => "resume",
        MessageType.Join => "join",
        MessageType.Leave => "leave",
        MessageType.Refresh => "refresh",
        MessageType.Presence => "presence",
        _ => "ping",
    };

    private static string Truncate(string? text) =>
        text is null ? string.Empty : text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");
}
