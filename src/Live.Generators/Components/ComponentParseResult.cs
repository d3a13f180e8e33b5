using Live.Generators.Diagnostics;
using Live.Generators.Model;

namespace Live.Generators.Components;

/// <summary>
/// The outcome of reading one <c>[LiveComponent]</c> class. The pipeline splits it right away so each consumer
/// only depends on the part it needs (the emitter on <see cref="Model"/>, which carries no locations).
/// </summary>
/// <param name="Model">The component to emit, or <see langword="null"/> when it cannot be emitted.</param>
/// <param name="NameClaim">The wire name claim, for the duplicate check, when the name is valid.</param>
/// <param name="Diagnostics">The problems found.</param>
internal sealed record ComponentParseResult(ComponentModel? Model, ComponentNameClaim? NameClaim, EquatableArray<DiagnosticInfo> Diagnostics);
