using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Live.Diffing;

/// <summary>How the typed diff treats the values of one JSON contract.</summary>
internal enum TypedKind
{
    /// <summary>A scalar (number, string, bool, enum, Guid, date…) or a type with its own converter: compared whole.</summary>
    Leaf,

    /// <summary>
    /// A shape the typed diff does not walk (polymorphism, extension data, conditional members, member converters,
    /// sets and other non-indexable collections): both sides are serialized and diffed as JSON.
    /// </summary>
    Opaque,

    /// <summary>An object whose members are always written, in the order of <see cref="TypedShape.Properties"/>.</summary>
    Object,

    /// <summary>An indexable collection (<c>ImmutableList</c>, <c>ImmutableArray</c>, arrays): a JSON array.</summary>
    List,

    /// <summary>A dictionary with string keys written as they are: a JSON object.</summary>
    Dictionary,
}

/// <summary>
/// What the typed diff needs to know about one <see cref="JsonTypeInfo"/>: its kind, and for objects the member
/// getters and escaped JSON Pointer segments. Built once per contract and cached beside it.
/// </summary>
internal sealed class TypedShape
{
    private static readonly ConditionalWeakTable<JsonTypeInfo, TypedShape> Cache = new();

    private TypedShape(JsonTypeInfo info, TypedKind kind, TypedMember[] properties)
    {
        Info = info;
        Kind = kind;
        Properties = properties;
        OnlyExactInstances = info.Type.IsSealed || (info.Type.IsValueType && Nullable.GetUnderlyingType(info.Type) is null);
    }

    public JsonTypeInfo Info { get; }

    public TypedKind Kind { get; }

    /// <summary>For <see cref="TypedKind.Object"/>: the members in the order the serializer writes them.</summary>
    public TypedMember[] Properties { get; }

    /// <summary>For lists and dictionaries: the contract of the items.</summary>
    public TypedShape Element => field ??= Of(Info.Options.GetTypeInfo(Info.ElementType!));

    public static TypedShape Of(JsonTypeInfo info) => Cache.GetValue(info, Classify);

    /// <summary>
    /// Whether every non-null value typed as this contract's type is exactly of it (a sealed class or a struct), so
    /// <see cref="Fits"/> holds without asking (a boxed <c>Nullable&lt;T&gt;</c> is a <c>T</c>, so never for those).
    /// </summary>
    public bool OnlyExactInstances { get; }

    /// <summary>Whether <paramref name="value"/> (not null) is exactly of this contract's type, so walking it is sound.</summary>
    public bool Fits(object value) => value.GetType() == Info.Type;

    private static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan)
            || type == typeof(DateOnly) || type == typeof(TimeOnly);
    }

    private static TypedShape Classify(JsonTypeInfo info)
    {
        info.MakeReadOnly();
        if (info.PolymorphismOptions is not null)
        {
            return new TypedShape(info, TypedKind.Opaque, []);
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.None:
                // Scalars only: a type with its own converter may write an object, which PatchBuilder would walk.
                return new TypedShape(info, IsScalar(info.Type) ? TypedKind.Leaf : TypedKind.Opaque, []);
            case JsonTypeInfoKind.Enumerable:
                // Only collections read by index: sets, queues and lazy sequences are left to the JSON diff.
                return new TypedShape(info, typeof(System.Collections.IList).IsAssignableFrom(info.Type) ? TypedKind.List : TypedKind.Opaque, []);
            case JsonTypeInfoKind.Dictionary:
                var plainKeys = info.KeyType == typeof(string) && info.Options.DictionaryKeyPolicy is null
                    && typeof(System.Collections.IDictionary).IsAssignableFrom(info.Type);
                return new TypedShape(info, plainKeys ? TypedKind.Dictionary : TypedKind.Opaque, []);
            case JsonTypeInfoKind.Object:
                var members = new TypedMember[info.Properties.Count];
                for (var i = 0; i < members.Length; i++)
                {
                    var property = info.Properties[i];
                    if (property.Get is null || property.IsExtensionData || property.ShouldSerialize is not null
                        || property.CustomConverter is not null || property.NumberHandling is not null)
                    {
                        return new TypedShape(info, TypedKind.Opaque, []);
                    }

                    members[i] = new TypedMember(property);
                }

                return new TypedShape(info, TypedKind.Object, members);
            default:
                return new TypedShape(info, TypedKind.Opaque, []);
        }
    }
}

/// <summary>One member of an object contract: its getter, JSON name, escaped pointer segment and contract.</summary>
internal sealed class TypedMember(JsonPropertyInfo property)
{
    public JsonPropertyInfo Property { get; } = property;

    /// <summary>The member's JSON name as UTF-8 (for key lookups).</summary>
    public string Name => Property.Name;

    /// <summary>The UTF-8 of the JSON name, for appending to a pointer with escaping.</summary>
    public byte[] Utf8Name { get; } = Encoding.UTF8.GetBytes(property.Name);

    public TypedShape Shape => field ??= TypedShape.Of(Property.Options.GetTypeInfo(Property.PropertyType));

    public object? Get(object owner) => Property.Get!(owner);
}
