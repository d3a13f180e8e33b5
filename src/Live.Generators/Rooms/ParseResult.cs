using Live.Generators.Diagnostics;
using Live.Generators.Model;

namespace Live.Generators.Rooms;

/// <summary>The outcome of reading one <c>[LiveRoom]</c> or <c>[LiveEvent]</c> type.</summary>
/// <typeparam name="TModel">The model kind.</typeparam>
/// <param name="Model">What to emit, or <see langword="null"/> when nothing can be.</param>
/// <param name="Diagnostics">The problems found.</param>
internal sealed record ParseResult<TModel>(TModel? Model, EquatableArray<DiagnosticInfo> Diagnostics)
    where TModel : class;
