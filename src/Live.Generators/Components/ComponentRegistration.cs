namespace Live.Generators.Components;

/// <summary>What the per-compilation registration file needs of one emitted component.</summary>
/// <param name="ComponentName">The wire name (the registration order key).</param>
/// <param name="FullyQualifiedName">The <c>global::</c>-qualified component type.</param>
internal sealed record ComponentRegistration(string ComponentName, string FullyQualifiedName);
