using Microsoft.CodeAnalysis;

namespace Live.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the Live generator reports. Ids are stable: never renumber or reuse one, because authors
/// suppress and search for them. Each help link points at the matching anchor of <c>docs/diagnostics.md</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Live";
    private const string HelpBase = "https://github.com/live-framework/live/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor ComponentMustBePartial = Error(
        "LIVE001",
        "Live component must be partial",
        "The live component '{0}' must be declared 'partial' so the generator can add its registration and state properties; add the 'partial' modifier");

    public static readonly DiagnosticDescriptor ComponentMustDeriveFromLiveComponent = Error(
        "LIVE002",
        "[LiveComponent] class must derive from LiveComponent<TState>",
        "'{0}' is marked [LiveComponent] but does not derive from Live.LiveComponent<TState>; derive it from LiveComponent<YourState> or remove the attribute");

    public static readonly DiagnosticDescriptor ActionMustBePublicInstanceMethod = Error(
        "LIVE003",
        "Public action must be a public, non-static, non-generic method",
        "The action '{0}' {1}; a [PublicAction] must be a public, non-static, non-generic ordinary method, so change it or remove the attribute");

    public static readonly DiagnosticDescriptor ActionOnLifecycleMethod = Error(
        "LIVE004",
        "Lifecycle and override methods cannot be public actions",
        "'{0}' {1} and cannot be called by clients; remove [PublicAction] and expose a separate method if clients need to trigger it");

    public static readonly DiagnosticDescriptor ActionOutsideComponent = Error(
        "LIVE005",
        "[PublicAction] outside a live component",
        "'{0}' is marked [PublicAction] but '{1}' is not a [LiveComponent] class, so clients can never call it; move the method into a [LiveComponent] class or remove the attribute");

    public static readonly DiagnosticDescriptor DuplicateActionName = Error(
        "LIVE006",
        "Two actions share one wire name",
        "The action '{0}' has the wire name '{1}', which '{2}' already uses; actions are called by name, so rename the method or set a distinct [PublicAction(Name = \"...\")]");

    public static readonly DiagnosticDescriptor UnsupportedParameterType = Error(
        "LIVE007",
        "Unsupported action parameter",
        "The parameter '{0}' of action '{1}' {2}; action arguments are read from JSON, so use a serializable type such as a record, a collection, a primitive or JsonElement");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
        "LIVE008",
        "Unsupported action return type",
        "The action '{0}' {1}; return void, Task, ValueTask, or a serializable value (optionally wrapped in Task<T> or ValueTask<T>)");

    public static readonly DiagnosticDescriptor DuplicateComponentName = Error(
        "LIVE009",
        "Two components share one name",
        "The component name '{0}' of '{1}' is also used by '{2}'; clients mount components by name, so pass a distinct name to [LiveComponent(\"...\")]");

    public static readonly DiagnosticDescriptor InvalidComponentName = Error(
        "LIVE010",
        "Invalid component name",
        "The component name '{0}' is invalid; use 1 to 100 letters, digits, '_', '.' or '-'");

    public static readonly DiagnosticDescriptor StateNotConstructible = Error(
        "LIVE011",
        "State type cannot be constructed",
        "The state type '{0}' of '{1}' has no accessible parameterless constructor; add one, or override CreateInitialState() in the component to build the initial state");

    public static readonly DiagnosticDescriptor StateMustBeRecord = Error(
        "LIVE012",
        "State type must be a record class",
        "The state type '{0}' of '{1}' is not a record class; the generated state properties update state with 'with' expressions, so declare it as 'record' (or 'record class')");

    public static readonly DiagnosticDescriptor ContainingTypeMustBePartial = Error(
        "LIVE013",
        "Type containing a live component must be partial",
        "The live component '{0}' is nested in '{1}', which must be declared 'partial' too so the generator can extend the component; add the 'partial' modifier or move the component to the top level");

    public static readonly DiagnosticDescriptor ComponentNotAccessible = Error(
        "LIVE014",
        "Live component must be accessible in its assembly",
        "The live component '{0}' is not accessible from the rest of its assembly ({1}), so it cannot be registered; make it (and any type containing it) public or internal");

    public static readonly DiagnosticDescriptor ComponentMustBeConcrete = Error(
        "LIVE015",
        "Live component must be a concrete, non-generic class",
        "The live component '{0}' is {1}, so the runtime cannot create it; make it a non-abstract, non-generic class (or move [LiveComponent] to a concrete subclass)");

    public static readonly DiagnosticDescriptor InvalidActionName = Error(
        "LIVE016",
        "Invalid action name",
        "The action name '{0}' of '{1}' is invalid; use 1 to 100 letters, digits, '_', '.' or '-'");

    public static readonly DiagnosticDescriptor NoPublicConstructor = Error(
        "LIVE017",
        "Live component needs a public constructor",
        "The live component '{0}' has no public constructor, so the runtime cannot create it; add a public constructor (its parameters are resolved from dependency injection)");

    public static readonly DiagnosticDescriptor TypeCannotBeSerialized = Error(
        "LIVE018",
        "Type cannot be serialized",
        "The type '{0}' cannot be serialized to JSON: {1} (reached through '{2}')");

    public static readonly DiagnosticDescriptor AnonymousComponentWithOnlyAuthorizedActions = Warning(
        "LIVE019",
        "[AllowAnonymous] component whose every action requires authorization",
        "'{0}' is [AllowAnonymous] but every one of its actions has [Authorize]: anonymous users can mount it and see its state but call none of its actions (a component's [AllowAnonymous] never lifts an action's own [Authorize]); remove [AllowAnonymous], or suppress this warning if a read-only view for anonymous users is intended");

    public static readonly DiagnosticDescriptor AttributeOnNonAction = Warning(
        "LIVE020",
        "Authorization or rate-limit attribute on a method that is not a public action",
        "[{0}] on '{1}' has no effect because '{1}' is not a [PublicAction]; to protect mounting put it on the component class, to protect an action put it on the [PublicAction] method");

    public static readonly DiagnosticDescriptor InvalidRateLimit = Error(
        "LIVE021",
        "Invalid [RateLimit] arguments",
        "[RateLimit] on '{0}' has {1}; permits and perSeconds must both be at least 1");

    public static readonly DiagnosticDescriptor UnreadableAuthorizationAttribute = Error(
        "LIVE022",
        "Authorization attribute Live cannot honour",
        "The authorization attribute on '{0}' cannot be honoured: {1}");

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
