using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Live.Generators.TypeScript;

/// <summary>Identifiers, property keys and string literals as TypeScript needs them.</summary>
internal static class TypeScriptNames
{
    // Reserved words, and the global types the bindings use: a C# type with one of these names gets a '_' suffix.
    private static readonly HashSet<string> Reserved = new()
    {
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
        "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
        "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "as",
        "implements", "interface", "let", "package", "private", "protected", "public", "static", "yield", "any",
        "boolean", "number", "string", "symbol", "bigint", "object", "unknown", "never", "undefined", "type", "await",
        "Record", "Array", "Promise", "Readonly", "Partial", "Date", "Map", "Set", "Object", "String", "Number",
        "Boolean", "Function", "Error", "JSON", "defineComponent",
    };

    /// <summary>System.Text.Json's <c>JsonNamingPolicy.CamelCase</c>: lower-cases the leading run of capitals.</summary>
    public static string CamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }

        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i]))
            {
                break;
            }

            var hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                // "URLValue" → "urlValue": the capital starting the next word stays.
                if (chars[i + 1] == ' ')
                {
                    chars[i] = char.ToLowerInvariant(chars[i]);
                }

                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }

    /// <summary>A property key: bare when it is an identifier, else a string literal.</summary>
    public static string PropertyKey(string name) => IsIdentifier(name) ? name : Literal(name);

    /// <summary>
    /// A double-quoted string literal. Everything outside printable ASCII, and '/', is escaped, so the text never
    /// holds a line break or the <c>*/</c> that would end the C# comment the bindings travel in.
    /// </summary>
    public static string Literal(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '/':
                    text.Append("\\/");
                    break;
                case < ' ' or > '~':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>An identifier made from C# display text (<c>Page&lt;Todo&gt;</c> → <c>Page_Todo</c>), never a reserved word.</summary>
    public static string ToIdentifier(string text)
    {
        var name = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var valid = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '$';
            if (valid)
            {
                name.Append(c);
            }
            else if (name.Length > 0 && name[name.Length - 1] != '_')
            {
                name.Append('_');
            }
        }

        var result = name.ToString().TrimEnd('_');
        if (result.Length == 0 || char.IsDigit(result[0]))
        {
            result = "_" + result;
        }

        return Reserved.Contains(result) ? result + "_" : result;
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '$'))
            {
                return false;
            }
        }

        return true;
    }
}
