using System.Globalization;
using System.Linq;
using System.Text;

namespace Live.Generators.Json;

/// <summary>
/// Writes <c>CreateObjectInfo</c> metadata for one object shape: creator, constructor parameters, properties, and
/// the <c>[UnsafeAccessor]</c> externs it needs.
/// </summary>
/// <remarks>
/// Init-only and <c>required</c> members: STJ's metadata API wants a <c>Setter</c> delegate, and C# forbids calling an
/// <c>init</c> accessor outside an object initializer. An object initializer inside the parameterized creator would
/// have to assign every init property, overwriting the defaults the type declares (<c>Filter = "all"</c>) whenever
/// the JSON omits them. An <c>[UnsafeAccessor]</c> extern for <c>set_X</c> instead calls the real init accessor only
/// for properties present in the JSON, keeps declared defaults, costs the same as a direct call, and needs no
/// reflection (.NET 8+). Positional records bind through their constructor, like STJ does.
/// </remarks>
internal static class JsonObjectMetadataWriter
{
    private const string Metadata = JsonMetadataEmitter.Metadata;
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    private const string Accessor = "global::System.Runtime.CompilerServices.UnsafeAccessor";
    private const string AccessorKind = "global::System.Runtime.CompilerServices.UnsafeAccessorKind";

    public static void WriteObject(StringBuilder code, JsonTypeShape shape, string name)
    {
        var t = shape.TypeName;
        var obj = shape.Object!;
        var parameters = obj.ConstructorParameters;
        code.AppendLine($"        var values = new {Metadata}JsonObjectInfoValues<{t}>");
        code.AppendLine("        {");
        if (parameters.IsEmpty)
        {
            var creator = obj.ConstructorAccess switch
            {
                JsonMemberAccess.Direct => $"new {t}()",
                JsonMemberAccess.UnsafeAccessor => $"Construct_{name}()",
                JsonMemberAccess.DefaultValue => $"default({t})",
                _ => null,
            };
            if (creator is not null)
            {
                code.AppendLine($"            ObjectCreator = static () => {creator},");
            }
        }
        else
        {
            var arguments = string.Join(", ", parameters.Select(p => $"({(obj.ConstructorAccess == JsonMemberAccess.Direct ? p.DeclaredTypeName : p.TypeName)})args[{Int(p.Position)}]!"));
            var call = obj.ConstructorAccess == JsonMemberAccess.Direct ? $"new {t}({arguments})" : $"Construct_{name}({arguments})";
            code.AppendLine($"            ObjectWithParameterizedConstructorCreator = static args => {call},");
            code.AppendLine($"            ConstructorParameterMetadataInitializer = static () => new {Metadata}JsonParameterInfoValues[]");
            code.AppendLine("            {");
            foreach (var p in parameters)
            {
                code.AppendLine("                new()");
                code.AppendLine("                {");
                code.AppendLine($"                    Name = {JsonLiterals.String(p.Name)},");
                code.AppendLine($"                    ParameterType = typeof({p.TypeName}),");
                code.AppendLine($"                    Position = {Int(p.Position)},");
                code.AppendLine($"                    HasDefaultValue = {Bool(p.DefaultValueLiteral is not null)},");
                code.AppendLine($"                    DefaultValue = {p.DefaultValueLiteral ?? "null"},");
                code.AppendLine($"                    IsNullable = {Bool(p.IsNullable)},");
                code.AppendLine("                },");
            }

            code.AppendLine("            },");
        }

        code.AppendLine($"            PropertyMetadataInitializer = _ => Properties_{name}(options),");
        code.AppendLine("        };");
        code.AppendLine($"        return Finish({JsonMetadataEmitter.Services}CreateObjectInfo<{t}>(options, values));");
    }

    public static void WriteMembers(StringBuilder code, JsonTypeShape shape, string name)
    {
        var obj = shape.Object!;
        code.AppendLine();
        code.AppendLine($"    private static {Metadata}JsonPropertyInfo[] Properties_{name}({JsonMetadataEmitter.Options} options)");
        code.AppendLine("    {");
        code.AppendLine($"        var properties = new global::System.Collections.Generic.List<{Metadata}JsonPropertyInfo>({Int(obj.Properties.Count)});");
        var index = 0;
        foreach (var property in obj.Properties)
        {
            // Reflection only serializes fields with [JsonInclude] or when the options ask for them; so do we.
            var conditional = property.IsField && !property.HasJsonInclude;
            var indent = conditional ? "            " : "        ";
            if (conditional)
            {
                code.AppendLine("        if (options.IncludeFields)");
                code.AppendLine("        {");
            }

            WriteProperty(code, indent, property, name, "property" + Int(index++));
            if (conditional)
            {
                code.AppendLine("        }");
            }
        }

        code.AppendLine("        return properties.ToArray();");
        code.AppendLine("    }");

        WriteAccessors(code, shape, name);
    }

    private static void WriteProperty(StringBuilder code, string indent, JsonPropertyShape p, string shapeName, string variable)
    {
        var declaring = p.DeclaringTypeName;
        var target = p.DeclaringTypeIsValueType ? $"{Unsafe}.Unbox<{declaring}>(obj)" : $"(({declaring})obj)";
        var byRef = p.DeclaringTypeIsValueType ? "ref " : string.Empty;
        var accessor = $"{shapeName}_{p.Name}";
        var getter = p.Getter switch
        {
            JsonMemberAccess.Direct => $"static obj => (({declaring})obj).{p.Name}!",
            JsonMemberAccess.UnsafeAccessor when p.IsField => $"static obj => Field_{accessor}({byRef}{target})!",
            JsonMemberAccess.UnsafeAccessor => $"static obj => Get_{accessor}({byRef}{target})!",
            _ => "null",
        };
        var setter = p.Setter switch
        {
            JsonMemberAccess.Direct => $"static (obj, value) => {target}.{p.Name} = value!",
            JsonMemberAccess.UnsafeAccessor when p.IsField => $"static (obj, value) => Field_{accessor}({byRef}{target}) = value!",
            JsonMemberAccess.UnsafeAccessor => $"static (obj, value) => Set_{accessor}({byRef}{target}, value!)",
            _ => "null",
        };

        code.AppendLine($"{indent}var {variable} = {JsonMetadataEmitter.Services}CreatePropertyInfo<{p.TypeName}>(options, new {Metadata}JsonPropertyInfoValues<{p.TypeName}>");
        code.AppendLine($"{indent}{{");
        code.AppendLine($"{indent}    IsProperty = {Bool(!p.IsField)},");
        code.AppendLine($"{indent}    IsPublic = {Bool(p.IsPublic)},");
        code.AppendLine($"{indent}    IsVirtual = {Bool(p.IsVirtual)},");
        code.AppendLine($"{indent}    DeclaringType = typeof({declaring}),");
        code.AppendLine($"{indent}    Converter = {(p.ConverterTypeName is null ? "null" : $"Converter<{p.TypeName}>(new {p.ConverterTypeName}(), options)")},");
        code.AppendLine($"{indent}    Getter = {getter},");
        code.AppendLine($"{indent}    Setter = {setter},");
        code.AppendLine($"{indent}    IgnoreCondition = {(p.IgnoreCondition is null ? "null" : "global::System.Text.Json.Serialization.JsonIgnoreCondition." + p.IgnoreCondition)},");
        code.AppendLine($"{indent}    HasJsonInclude = {Bool(p.HasJsonInclude)},");
        code.AppendLine($"{indent}    IsExtensionData = {Bool(p.IsExtensionData)},");
        code.AppendLine($"{indent}    NumberHandling = {(p.NumberHandling is { } handling ? $"(global::System.Text.Json.Serialization.JsonNumberHandling){Int(handling)}" : "null")},");
        code.AppendLine($"{indent}    PropertyName = {JsonLiterals.String(p.Name)},");
        code.AppendLine($"{indent}    JsonPropertyName = {(p.JsonName is null ? "null" : JsonLiterals.String(p.JsonName))},");
        code.AppendLine($"{indent}}});");
        if (p.IsRequired)
        {
            code.AppendLine($"{indent}{variable}.IsRequired = true;");
        }

        if (p.Order is { } order)
        {
            code.AppendLine($"{indent}{variable}.Order = {Int(order)};");
        }

        // Only matters when options.RespectNullableAnnotations is on; null means value type or oblivious code.
        if (p.IsNullable == false)
        {
            code.AppendLine($"{indent}{variable}.IsGetNullable = false;");
            code.AppendLine($"{indent}{variable}.IsSetNullable = false;");
        }

        code.AppendLine($"{indent}properties.Add({variable});");
    }

    private static void WriteAccessors(StringBuilder code, JsonTypeShape shape, string name)
    {
        var obj = shape.Object!;
        if (obj.ConstructorAccess == JsonMemberAccess.UnsafeAccessor)
        {
            var parameters = string.Join(", ", obj.ConstructorParameters.Select(p => $"{p.TypeName} {Identifier(p.Name)}"));
            code.AppendLine();
            code.AppendLine($"    [{Accessor}({AccessorKind}.Constructor)]");
            code.AppendLine($"    private static extern {shape.TypeName} Construct_{name}({parameters});");
        }

        foreach (var p in obj.Properties)
        {
            var target = (p.DeclaringTypeIsValueType ? "ref " : string.Empty) + p.DeclaringTypeName;
            var accessor = $"{name}_{p.Name}";
            if (p.IsField && (p.Getter == JsonMemberAccess.UnsafeAccessor || p.Setter == JsonMemberAccess.UnsafeAccessor))
            {
                code.AppendLine();
                code.AppendLine($"    [{Accessor}({AccessorKind}.Field, Name = {JsonLiterals.String(p.Name)})]");
                code.AppendLine($"    private static extern ref {p.TypeName} Field_{accessor}({target} obj);");
                continue;
            }

            if (p.Getter == JsonMemberAccess.UnsafeAccessor)
            {
                code.AppendLine();
                code.AppendLine($"    [{Accessor}({AccessorKind}.Method, Name = {JsonLiterals.String("get_" + p.Name)})]");
                code.AppendLine($"    private static extern {p.TypeName} Get_{accessor}({target} obj);");
            }

            if (p.Setter == JsonMemberAccess.UnsafeAccessor)
            {
                code.AppendLine();
                code.AppendLine($"    [{Accessor}({AccessorKind}.Method, Name = {JsonLiterals.String("set_" + p.Name)})]");
                code.AppendLine($"    private static extern void Set_{accessor}({target} obj, {p.TypeName} value);");
            }
        }
    }

    private static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";
}
