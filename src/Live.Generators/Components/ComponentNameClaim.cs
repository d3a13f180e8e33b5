using Live.Generators.Diagnostics;

namespace Live.Generators.Components;

/// <summary>A component's claim on a wire name, collected across the compilation to find duplicates (LIVE009).</summary>
/// <param name="ComponentName">The wire name.</param>
/// <param name="DisplayName">The component type as shown in messages.</param>
/// <param name="Location">Where the name is set (the attribute).</param>
internal sealed record ComponentNameClaim(string ComponentName, string DisplayName, LocationInfo? Location);
