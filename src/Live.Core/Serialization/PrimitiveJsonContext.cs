using System.Text.Json;
using System.Text.Json.Serialization;

namespace Live.Serialization;

/// <summary>
/// Source-generated metadata for primitives, last in the resolver chain: app code reading props or arguments as a
/// primitive (<c>context.TryGetProp&lt;string&gt;("name", …)</c>) works even when no component uses that type, and
/// nothing falls back to reflection.
/// </summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(DateTime))]
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class PrimitiveJsonContext : JsonSerializerContext;
