using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Live;

/// <summary>What <see cref="LiveComponentBase.OnMountAsync"/> receives: the mounting connection and the client's props.</summary>
public sealed class MountContext
{
    private readonly JsonSerializerOptions serializerOptions;

    internal MountContext(LiveConnectionContext connection, JsonElement props, JsonSerializerOptions serializerOptions, bool isRehydrating = false)
    {
        Connection = connection;
        Props = props;
        IsRehydrating = isRehydrating;
        this.serializerOptions = serializerOptions;
    }

    /// <summary>
    /// Whether the instance is being rehydrated from a signed state token: the state set here is then replaced by the
    /// token's state right after this hook, and <see cref="LiveComponentBase.OnRehydrateAsync"/> runs. Skip loading
    /// state that the token brings back anyway; keep setting up subscriptions and timers.
    /// </summary>
    public bool IsRehydrating { get; }

    /// <summary>The connection mounting the component.</summary>
    public LiveConnectionContext Connection { get; }

    /// <summary>
    /// The props object the client sent with the mount message (a JSON object, or <see cref="JsonValueKind.Undefined"/>
    /// when none was sent). Props come from the client: validate them like any other input.
    /// </summary>
    public JsonElement Props { get; }

    /// <summary>Reads the prop <paramref name="name"/> as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type to read the prop as.</typeparam>
    /// <param name="name">The prop's name as sent by the client.</param>
    /// <param name="value">The prop's value when found and readable.</param>
    /// <returns><see langword="true"/> when the prop was present and could be read as <typeparamref name="T"/>.</returns>
    public bool TryGetProp<T>(string name, [MaybeNullWhen(false)] out T value)
    {
        value = default;
        if (Props.ValueKind != JsonValueKind.Object || !Props.TryGetProperty(name, out var element))
        {
            return false;
        }

        try
        {
            var typeInfo = (JsonTypeInfo<T>)serializerOptions.GetTypeInfo(typeof(T));
            value = element.Deserialize(typeInfo);
            return value is not null;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return false;
        }
    }
}
