using Live.Generators.Authorization;
using Live.Generators.Model;

namespace Live.Generators.Components;

/// <summary>
/// One public action. Kept rich (names, display types, nullability, result) because the TypeScript bindings are
/// emitted from the same model.
/// </summary>
/// <param name="WireName">The name clients call it by.</param>
/// <param name="MethodName">The C# method name.</param>
/// <param name="Parameters">All parameters in declaration order, including CancellationToken ones.</param>
/// <param name="ReturnKind">How the method returns (and whether it must be awaited).</param>
/// <param name="ResultTypeName">The <c>global::</c>-qualified result type with nullable annotations, or <see langword="null"/>.</param>
/// <param name="ResultTypeOfName">The result type as written inside <c>typeof(...)</c>, or <see langword="null"/>.</param>
/// <param name="ResultAllowsNull">Whether the result may be null.</param>
/// <param name="Authorization">The action's own <c>[Authorize]</c>/<c>[AllowAnonymous]</c>.</param>
/// <param name="RateLimit">The action's <c>[RateLimit]</c>, or <see langword="null"/>.</param>
internal sealed record ActionModel(
    string WireName,
    string MethodName,
    EquatableArray<ActionParameterModel> Parameters,
    ActionReturnKind ReturnKind,
    string? ResultTypeName,
    string? ResultTypeOfName,
    bool ResultAllowsNull,
    AuthorizationModel Authorization,
    RateLimitModel? RateLimit);
