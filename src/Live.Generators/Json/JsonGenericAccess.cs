namespace Live.Generators.Json;

/// <summary>
/// What an <c>[UnsafeAccessor]</c> needs for a member of a generic type: the runtime only binds such accessors when
/// they are declared on a generic class whose type parameters stand for the target type's (.NET 9+), so the emitter
/// writes <c>Accessors&lt;T&gt;</c> against the open type and calls it with the closed type arguments.
/// </summary>
/// <param name="TypeParameters">The open type's parameters, e.g. <c>TLeft, TRight</c>.</param>
/// <param name="TypeArguments">The closed type's arguments, fully qualified, e.g. <c>string, global::Samples.Point</c>.</param>
/// <param name="OpenTypeName">The open type, e.g. <c>global::Samples.Pair&lt;TLeft, TRight&gt;</c>.</param>
/// <param name="OpenMemberTypeNames">
/// The member's type in terms of the type parameters (a property: one entry; a constructor: one per parameter).
/// </param>
internal sealed record JsonGenericAccess(
    string TypeParameters,
    string TypeArguments,
    string OpenTypeName,
    Live.Generators.Model.EquatableArray<string> OpenMemberTypeNames);
