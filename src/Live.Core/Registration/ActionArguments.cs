using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Live.Registration;

/// <summary>
/// The arguments object of one action call, read by generated invokers. The runtime has already checked that
/// it is a JSON object (or absent) and that it names no unknown parameter.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ActionArguments
{
    private readonly JsonElement arguments;
    private readonly JsonSerializerOptions options;

    internal ActionArguments(JsonElement arguments, JsonSerializerOptions options)
    {
        this.arguments = arguments;
        this.options = options;
    }

    /// <summary>Reads a parameter that must be present.</summary>
    /// <typeparam name="T">The parameter's declared type.</typeparam>
    /// <param name="name">The parameter name.</param>
    /// <param name="allowNull">Whether JSON <c>null</c> is acceptable.</param>
    /// <returns>The bound value.</returns>
    /// <exception cref="ActionArgumentException">The argument is missing, null where not allowed, or of the wrong shape.</exception>
    public T Required<T>(string name, bool allowNull = false)
    {
        if (!TryGet(name, out var element))
        {
            throw new ActionArgumentException(name, "is required but was not sent");
        }

        return Read<T>(name, element, allowNull);
    }

    /// <summary>Reads a parameter that may be omitted.</summary>
    /// <typeparam name="T">The parameter's declared type.</typeparam>
    /// <param name="name">The parameter name.</param>
    /// <param name="defaultValue">The value when the argument is omitted.</param>
    /// <param name="allowNull">Whether JSON <c>null</c> is acceptable.</param>
    /// <returns>The bound value.</returns>
    /// <exception cref="ActionArgumentException">The argument is null where not allowed, or of the wrong shape.</exception>
    public T Optional<T>(string name, T defaultValue, bool allowNull = false) =>
        TryGet(name, out var element) ? Read<T>(name, element, allowNull) : defaultValue;

    private bool TryGet(string name, out JsonElement element)
    {
        element = default;
        return arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty(name, out element);
    }

    private T Read<T>(string name, JsonElement element, bool allowNull)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            if (!allowNull)
            {
                throw new ActionArgumentException(name, "must not be null");
            }

            return default!;
        }

        try
        {
            var typeInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
            var value = element.Deserialize(typeInfo);
            if (value is null && !allowNull)
            {
                throw new ActionArgumentException(name, "must not be null");
            }

            return value!;
        }
        catch (JsonException ex)
        {
            throw new ActionArgumentException(name, DescribeMismatch<T>(element, ex), ex);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new ActionArgumentException(name, DescribeMismatch<T>(element, ex), ex);
        }
    }

    private static string DescribeMismatch<T>(JsonElement element, Exception ex)
    {
        var where = ex is JsonException { Path: { Length: > 1 } path } ? $" at {path}" : string.Empty;
        return $"expected {FriendlyTypeName(typeof(T))} but got {DescribeKind(element.ValueKind)}{where}";
    }

    internal static string DescribeKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    internal static string FriendlyTypeName(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return FriendlyTypeName(underlying) + " or null";
        }

        if (type == typeof(string) || type == typeof(Guid) || type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return $"a string ({type.Name})";
        }

        if (type == typeof(bool))
        {
            return "a boolean";
        }

        if (type.IsPrimitive || type == typeof(decimal))
        {
            return $"a number ({type.Name})";
        }

        if (type.IsEnum)
        {
            return $"a {type.Name} value";
        }

        if (type.IsArray || (type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)))
        {
            return "an array or object";
        }

        return $"an object ({type.Name})";
    }
}
