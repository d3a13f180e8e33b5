using System.Linq;
using Live.Generators.Authorization;
using Live.Generators.Components;
using Microsoft.CodeAnalysis.CSharp;

namespace Live.Generators.Emit;

/// <summary>Writes <c>{Namespace}.{Type}.Live.g.cs</c>: the initial state, the state proxies and the descriptor.</summary>
internal static class ComponentEmitter
{
    private const string Registration = "global::Live.Registration";
    private const string ValueTaskOfResult = "global::System.Threading.Tasks.ValueTask<global::Live.Registration.ActionResult>";

    /// <summary>The component's file.</summary>
    /// <param name="model">The component.</param>
    /// <param name="jsonResolverType">The <c>global::</c>-qualified JSON resolver of the compilation.</param>
    public static string Emit(ComponentModel model, string jsonResolverType)
    {
        var w = new CodeWriter();
        PartialTypeFile.Open(w, model.Namespace, model.ContainingTypes, model.TypeName);
        var needsBlankLine = EmitInitialState(w, model);
        foreach (var member in model.StateMembers)
        {
            if (needsBlankLine)
            {
                w.Line();
            }

            EmitStateMember(w, member);
            needsBlankLine = true;
        }

        if (needsBlankLine)
        {
            w.Line();
        }

        EmitDescriptor(w, model, jsonResolverType);
        PartialTypeFile.Close(w, model.ContainingTypes);

        return w.ToString();
    }

    private static bool EmitInitialState(CodeWriter w, ComponentModel model)
    {
        switch (model.InitialState)
        {
            case InitialStateKind.ParameterlessConstructor:
                w.Line("/// <inheritdoc/>");
                w.Line($"protected override {model.StateTypeName} CreateInitialState() => new {model.StateTypeName}();");
                return true;
            case InitialStateKind.NotConstructible:
                // LIVE011 has been reported; this keeps the compiler from piling CS0534 on top of it.
                w.Line("/// <inheritdoc/>");
                w.Line($"protected override {model.StateTypeName} CreateInitialState() =>");
                w.Indent().Line($"throw new global::System.NotSupportedException({Literal($"{model.StateTypeName} cannot be constructed; override CreateInitialState().")});").Outdent();
                return true;
            default:
                return false;
        }
    }

    private static void EmitStateMember(CodeWriter w, StateMemberModel member)
    {
        w.Line($"/// <summary>Reads and writes <c>State.{member.Name}</c>; assigning a different value records the change.</summary>");
        var name = Identifier.Escape(member.Name);
        w.Open($"{member.Accessibility} {member.TypeName} {name}");
        w.Line($"get => State.{name};");
        w.Open("set");
        w.Open($"if (!global::System.Collections.Generic.EqualityComparer<{member.TypeName}>.Default.Equals(State.{name}, value))");
        w.Line($"State = State with {{ {name} = value }};");
        w.Line($"MarkChanged({Literal(member.Name)});");
        w.Close();
        w.Close();
        w.Close();
    }

    private static void EmitDescriptor(CodeWriter w, ComponentModel model, string jsonResolverType)
    {
        w.Line("/// <summary>Describes this component to the Live runtime; called by the generated registration.</summary>");
        w.Open($"internal static {Registration}.ComponentDescriptor CreateLiveDescriptor()");
        w.Line($"return new {Registration}.ComponentDescriptor(");
        w.Indent();
        w.Line($"name: {Literal(model.ComponentName)},");
        w.Line($"componentType: typeof({model.FullyQualifiedName}),");
        w.Line($"stateType: typeof({model.StateTypeName}),");
        EmitFactory(w, model.FullyQualifiedName, model.TypeName, model.ConstructorParameters, "component");
        EmitActions(w, model);
        w.Line($"singleton: {Bool(model.Singleton)},");
        w.Line($"keepAlive: {Bool(model.KeepAlive)},");
        EmitAuthorization(w, model.Authorization);
        if (model.WritePolicy is not null)
        {
            w.Line($"writePolicy: {Literal(model.WritePolicy)},");
        }

        w.Line($"typeInfoResolver: {jsonResolverType}.Default,");
        w.Line(model.KeyMemberNames.IsEmpty
            ? "keyMemberNames: global::System.Array.Empty<string>(),"
            : $"keyMemberNames: new string[] {{ {string.Join(", ", model.KeyMemberNames.Select(Literal))} }},");
        w.Line($"handlesRoomEvents: {Bool(model.HandlesRoomEvents)},");
        w.Line($"immutableState: {Bool(model.ImmutableState)});");
        w.Outdent();
        w.Close();
    }

    /// <summary>Writes the <c>factory:</c> argument: a lambda resolving constructor parameters from services.</summary>
    internal static void EmitFactory(CodeWriter w, string fullyQualifiedName, string typeName, Model.EquatableArray<ServiceParameterModel> parameters, string kind)
    {
        if (parameters.IsEmpty)
        {
            w.Line($"factory: static services => new {fullyQualifiedName}(),");
            return;
        }

        w.Line($"factory: static services => new {fullyQualifiedName}(");
        w.Indent();
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            var separator = i == parameters.Count - 1 ? ")," : ",";
            var lookup = $"services.GetService(typeof({p.TypeOfName}))";
            if (p.IsOptional)
            {
                w.Line($"{lookup} is {p.PatternTypeName} service{i} ? service{i} : {p.FallbackLiteral}{separator}");
            }
            else
            {
                var message = $"The {kind} '{typeName}' needs the service '{p.TypeOfName.Replace("global::", string.Empty)}' (constructor parameter '{p.Name}'), but none is registered.";
                w.Line($"({p.TypeName})({lookup} ?? throw new global::System.InvalidOperationException({Literal(message)})){separator}");
            }
        }

        w.Outdent();
    }

    private static void EmitActions(CodeWriter w, ComponentModel model)
    {
        if (model.Actions.IsEmpty)
        {
            w.Line($"actions: global::System.Array.Empty<{Registration}.ActionDescriptor>(),");
            return;
        }

        w.Line($"actions: new {Registration}.ActionDescriptor[]");
        w.Line("{");
        w.Indent();
        foreach (var action in model.Actions)
        {
            EmitAction(w, model, action);
        }

        w.Outdent();
        w.Line("},");
    }

    private static void EmitAction(CodeWriter w, ComponentModel model, ActionModel action)
    {
        var bound = action.Parameters.Where(p => !p.IsCancellationToken).ToArray();
        w.Line($"new {Registration}.ActionDescriptor(");
        w.Indent();
        w.Line($"name: {Literal(action.WireName)},");
        w.Line($"methodName: {Literal(action.MethodName)},");
        if (bound.Length == 0)
        {
            w.Line($"parameters: global::System.Array.Empty<{Registration}.ActionParameter>(),");
        }
        else
        {
            w.Line($"parameters: new {Registration}.ActionParameter[]");
            w.Line("{");
            w.Indent();
            foreach (var p in bound)
            {
                w.Line($"new {Registration}.ActionParameter({Literal(p.Name)}, typeof({p.TypeOfName}), IsOptional: {Bool(p.IsOptional)}, AllowsNull: {Bool(p.AllowsNull)}),");
            }

            w.Outdent();
            w.Line("},");
        }

        w.Line($"resultType: {(action.ResultTypeOfName is null ? "null" : $"typeof({action.ResultTypeOfName})")},");
        EmitAuthorization(w, action.Authorization);
        if (action.RateLimit is { } limit)
        {
            w.Line($"rateLimit: new global::Live.RateLimiting.ActionRateLimit({limit.Permits}, global::System.TimeSpan.FromSeconds({limit.PerSeconds}), PerUser: {Bool(limit.PerUser)}),");
        }

        var isAsync = action.ReturnKind is ActionReturnKind.Task or ActionReturnKind.TaskOfT or ActionReturnKind.ValueTask or ActionReturnKind.ValueTaskOfT;
        w.Line($"invoker: static {(isAsync ? "async " : string.Empty)}(component, arguments, cancellationToken) =>");
        w.Line("{");
        w.Indent();
        var callArguments = new string[action.Parameters.Count];
        for (var i = 0; i < action.Parameters.Count; i++)
        {
            var p = action.Parameters[i];
            if (p.IsCancellationToken)
            {
                callArguments[i] = "cancellationToken";
                continue;
            }

            callArguments[i] = $"arg{i}";
            var read = p.IsOptional
                ? $"arguments.Optional<{p.TypeName}>({Literal(p.Name)}, {p.DefaultValueLiteral}, allowNull: {Bool(p.AllowsNull)})"
                : $"arguments.Required<{p.TypeName}>({Literal(p.Name)}, allowNull: {Bool(p.AllowsNull)})";
            w.Line($"var arg{i} = {read};");
        }

        var call = $"(({model.FullyQualifiedName})component).{Identifier.Escape(action.MethodName)}({string.Join(", ", callArguments)})";
        switch (action.ReturnKind)
        {
            case ActionReturnKind.Void:
                w.Line(call + ";");
                w.Line($"return new {ValueTaskOfResult}({Registration}.ActionResult.None);");
                break;
            case ActionReturnKind.Value:
                w.Line($"var result = {call};");
                w.Line($"return new {ValueTaskOfResult}({Registration}.ActionResult.From<{action.ResultTypeName}>(result));");
                break;
            case ActionReturnKind.Task or ActionReturnKind.ValueTask:
                w.Line($"await {call}.ConfigureAwait(false);");
                w.Line($"return {Registration}.ActionResult.None;");
                break;
            default:
                w.Line($"var result = await {call}.ConfigureAwait(false);");
                w.Line($"return {Registration}.ActionResult.From<{action.ResultTypeName}>(result);");
                break;
        }

        w.Outdent();
        w.Line("}),");
        w.Outdent();
    }

    /// <summary>The <c>authorize:</c> and <c>allowAnonymous:</c> arguments, only when the attributes are present.</summary>
    private static void EmitAuthorization(CodeWriter w, AuthorizationModel authorization)
    {
        if (!authorization.Authorize.IsEmpty)
        {
            var items = authorization.Authorize.Select(a =>
                $"new global::Live.Authorization.AuthorizeData(Policy: {NullableLiteral(a.Policy)}, Roles: {NullableLiteral(a.Roles)})");
            w.Line($"authorize: new global::Live.Authorization.AuthorizeData[] {{ {string.Join(", ", items)} }},");
        }

        if (authorization.AllowAnonymous)
        {
            w.Line("allowAnonymous: true,");
        }
    }

    private static string NullableLiteral(string? value) => value is null ? "null" : Literal(value);

    internal static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private static string Bool(bool value) => value ? "true" : "false";
}
