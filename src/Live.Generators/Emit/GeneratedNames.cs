using System.Text;

namespace Live.Generators.Emit;

/// <summary>Names of the per-compilation generated types, shared by the files that declare and use them.</summary>
internal static class GeneratedNames
{
    public const string Namespace = "Live.Generated";

    /// <summary>
    /// The JSON resolver's class name. It carries the assembly name so two assemblies that see each other's internals
    /// (InternalsVisibleTo) never declare the same type.
    /// </summary>
    public static string JsonResolverClass(string? assemblyName) => "LiveJsonMetadata_" + Sanitize(assemblyName);

    /// <summary>The resolver's <c>global::</c>-qualified name.</summary>
    public static string JsonResolverType(string? assemblyName) => "global::" + Namespace + "." + JsonResolverClass(assemblyName);

    private static string Sanitize(string? assemblyName)
    {
        if (string.IsNullOrEmpty(assemblyName))
        {
            return "Assembly";
        }

        var name = new StringBuilder(assemblyName!.Length);
        foreach (var c in assemblyName)
        {
            name.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') ? c : '_');
        }

        return name.ToString();
    }
}
