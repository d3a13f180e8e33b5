namespace Live.Generators.Components;

/// <summary>One settable state member, surfaced as a proxy property on the component.</summary>
/// <param name="Name">The member name.</param>
/// <param name="TypeName">The <c>global::</c>-qualified type, with nullable annotations.</param>
/// <param name="Accessibility">The proxy's accessibility keyword(s).</param>
internal sealed record StateMemberModel(string Name, string TypeName, string Accessibility);
