using System.Collections.Generic;
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
                JsonMemberAccess.UnsafeAccessor => $"{Construct(obj, name)}()",
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
            var call = obj.ConstructorAccess == JsonMemberAccess.Direct ? $"new {t}({arguments})" : $"{Construct(obj, name)}({arguments})";
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

    private static string Construct(JsonObjectShape obj, string name) =>
        obj.Generic is { } generic ? $"Accessors_{name}<{generic.TypeArguments}>.Construct" : $"Construct_{name}";

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
        var accessor = p.Generic is { } generic ? $"Accessors_{shapeName}_{p.Name}<{generic.TypeArguments}>." : $"{shapeName}_{p.Name}";
        var getter = p.Getter switch
        {
            JsonMemberAccess.Direct => $"static obj => (({declaring})obj).{Emit.Identifier.Escape(p.Name)}!",
            JsonMemberAccess.UnsafeAccessor when p.IsField => $"static obj => {Name("Field", accessor)}({byRef}{target})!",
            JsonMemberAccess.UnsafeAccessor => $"static obj => {Name("Get", accessor)}({byRef}{target})!",
            _ => "null",
        };
        var setter = p.Setter switch
        {
            JsonMemberAccess.Direct => $"static (obj, value) => {target}.{Emit.Identifier.Escape(p.Name)} = value!",
            JsonMemberAccess.UnsafeAccessor when p.IsField => $"static (obj, value) => {Name("Field", accessor)}({byRef}{target}) = value!",
            JsonMemberAccess.UnsafeAccessor => $"static (obj, value) => {Name("Set", accessor)}({byRef}{target}, value!)",
            _ => "null",
        };

        code.AppendLine($"{indent}var {variable} = {JsonMetadataEmitter.Services}CreatePropertyInfo<{p.TypeName}>(options, new {Metadata}JsonPropertyInfoValues<{p.TypeName}>");
        code.AppendLine($"{indent}{{");
        code.AppendLine($"{indent}    IsProperty = {Bool(!p.IsField)},");
        // The metadata API refuses non-public [JsonInclude] members, assuming generated code cannot reach them; ours
        // can (directly when internal, else through [UnsafeAccessor]), so they are declared reachable.
        code.AppendLine($"{indent}    IsPublic = {Bool(p.IsPublic || p.HasJsonInclude)},");
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
            var generic = obj.Generic;
            var parameters = string.Join(", ", obj.ConstructorParameters.Select(p =>
                $"{(generic is null ? p.TypeName : generic.OpenMemberTypeNames[p.Position])} {Identifier(p.Name)}"));
            var declarations = new[] { ($"[{Accessor}({AccessorKind}.Constructor)]", $"extern {generic?.OpenTypeName ?? shape.TypeName} {(generic is null ? "Construct_" + name : "Construct")}({parameters});") };
            WriteDeclarations(code, generic, $"Accessors_{name}", declarations);
        }

        foreach (var p in obj.Properties)
        {
            var generic = p.Generic;
            var declaring = generic?.OpenTypeName ?? p.DeclaringTypeName;
            var type = generic?.OpenMemberTypeNames[0] ?? p.TypeName;
            var target = (p.DeclaringTypeIsValueType ? "ref " : string.Empty) + declaring;
            var suffix = generic is null ? $"_{name}_{p.Name}" : string.Empty;
            var declarations = new List<(string Attribute, string Signature)>();
            if (p.IsField && (p.Getter == JsonMemberAccess.UnsafeAccessor || p.Setter == JsonMemberAccess.UnsafeAccessor))
            {
                declarations.Add(($"[{Accessor}({AccessorKind}.Field, Name = {JsonLiterals.String(p.Name)})]", $"extern ref {type} Field{suffix}({target} obj);"));
            }
            else
            {
                if (p.Getter == JsonMemberAccess.UnsafeAccessor)
                {
                    declarations.Add(($"[{Accessor}({AccessorKind}.Method, Name = {JsonLiterals.String("get_" + p.Name)})]", $"extern {type} Get{suffix}({target} obj);"));
                }

                if (p.Setter == JsonMemberAccess.UnsafeAccessor)
                {
                    declarations.Add(($"[{Accessor}({AccessorKind}.Method, Name = {JsonLiterals.String("set_" + p.Name)})]", $"extern void Set{suffix}({target} obj, {type} value);"));
                }
            }

            WriteDeclarations(code, generic, $"Accessors_{name}_{p.Name}", declarations);
        }
    }

    private static void WriteDeclarations(StringBuilder code, JsonGenericAccess? generic, string className, IReadOnlyList<(string Attribute, string Signature)> declarations)
    {
        if (declarations.Count == 0)
        {
            return;
        }

        var indent = generic is null ? "    " : "        ";
        code.AppendLine();
        if (generic is not null)
        {
            code.AppendLine($"    private static class {className}<{generic.TypeParameters}>");
            code.AppendLine("    {");
        }

        for (var i = 0; i < declarations.Count; i++)
        {
            if (i > 0)
            {
                code.AppendLine();
            }

            code.AppendLine(indent + declarations[i].Attribute);
            code.AppendLine($"{indent}{(generic is null ? "private" : "public")} static {declarations[i].Signature}");
        }

        if (generic is not null)
        {
            code.AppendLine("    }");
        }
    }

    // "Get_Shape_Prop" for a plain accessor; "Accessors_Shape_Prop<int>.Get" inside a generic accessor class.
    private static string Name(string kind, string accessor) => accessor.EndsWith(".", System.StringComparison.Ordinal) ? accessor + kind : kind + "_" + accessor;

    private static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";
}
