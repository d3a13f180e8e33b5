using System.Globalization;
using System.Reflection;
using Live.Authorization;
using Live.Generators.Tests.Infrastructure;
using Live.RateLimiting;
using Live.Registration;
using Microsoft.CodeAnalysis;

namespace Live.Generators.Tests;

/// <summary>
/// The standard ASP.NET Core authorization attributes and [RateLimit] are read at compile time and emitted into the
/// descriptors as plain data; misuse is reported where the author must change it.
/// </summary>
public sealed class AuthorizationGeneratorTests
{
    private const string Prelude = Samples.Usings + """
        using Microsoft.AspNetCore.Authorization;

        namespace Sample;

        public sealed record S { public int Count { get; init; } }

        """;

    [Fact]
    public void Class_and_action_attributes_are_emitted_into_the_descriptors()
    {
        var descriptor = Load("""
            [Authorize(Roles = "staff")]
            public abstract class StaffComponent<T> : LiveComponent<T> where T : class { }

            [LiveComponent(WritePolicy = "editors"), Authorize, Authorize("owner")]
            public sealed partial class Board : StaffComponent<S>
            {
                [PublicAction] public void Read() { }
                [PublicAction, Authorize(Roles = "admin,root"), RateLimit(5, 10)] public void Clear() { }
                [PublicAction, AllowAnonymous, RateLimit(permits: 1, perSeconds: 60, PerUser = true)] public void Ping() { }
                [PublicAction, Authorize(Policy = "a"), Authorize(Policy = "b")] public void Both() { }
            }
            """, "Sample.Board");

        Assert.Equal([new AuthorizeData(), new AuthorizeData(Policy: "owner"), new AuthorizeData(Roles: "staff")], descriptor.Authorize);
        Assert.False(descriptor.AllowAnonymous);
        Assert.Equal("editors", descriptor.WritePolicy);
        Assert.Empty(descriptor.Actions["read"].Authorize);
        Assert.Null(descriptor.Actions["read"].RateLimit);
        Assert.Equal([new AuthorizeData(Roles: "admin,root")], descriptor.Actions["clear"].Authorize);
        Assert.Equal(new ActionRateLimit(5, TimeSpan.FromSeconds(10), PerUser: false), descriptor.Actions["clear"].RateLimit);
        Assert.True(descriptor.Actions["ping"].AllowAnonymous);
        Assert.Equal(new ActionRateLimit(1, TimeSpan.FromSeconds(60), PerUser: true), descriptor.Actions["ping"].RateLimit);
        Assert.Equal([new AuthorizeData(Policy: "a"), new AuthorizeData(Policy: "b")], descriptor.Actions["both"].Authorize);
    }

    [Fact]
    public void Effective_requirements_add_action_level_to_class_level_and_allow_anonymous_opens_one_action()
    {
        var descriptor = Load("""
            [LiveComponent, Authorize(Roles = "member")]
            public sealed partial class Club : LiveComponent<S>
            {
                [PublicAction] public void Chat() { }
                [PublicAction, Authorize(Roles = "admin")] public void Ban() { }
                [PublicAction, AllowAnonymous] public void Hello() { }
            }
            """, "Sample.Club");

        var rules = descriptor.Authorization;
        Assert.Equal([new AuthorizeData(Roles: "member")], rules.MountRequirements);
        Assert.Equal([new AuthorizeData(Roles: "member")], rules.ActionRequirements["chat"]);
        Assert.Equal([new AuthorizeData(Roles: "member"), new AuthorizeData(Roles: "admin")], rules.ActionRequirements["ban"]);
        Assert.Empty(rules.ActionRequirements["hello"]);
    }

    [Fact]
    public void Class_level_allow_anonymous_lifts_class_requirements_but_keeps_an_actions_own()
    {
        var descriptor = Load("""
            [Authorize]
            public abstract class Secured<T> : LiveComponent<T> where T : class { }

            [LiveComponent, AllowAnonymous]
            public sealed partial class Lobby : Secured<S>
            {
                [PublicAction] public void Look() { }
                [PublicAction, Authorize(Roles = "admin")] public void Close() { }
            }
            """, "Sample.Lobby");

        Assert.True(descriptor.AllowAnonymous);
        Assert.Empty(descriptor.Authorization.MountRequirements);
        Assert.Empty(descriptor.Authorization.ActionRequirements["look"]);
        Assert.Equal([new AuthorizeData(Roles: "admin")], descriptor.Authorization.ActionRequirements["close"]);
    }

    [Fact]
    public void Components_without_attributes_emit_no_authorization_arguments()
    {
        var run = GeneratorHarness.Run(Prelude + """
            [LiveComponent]
            public sealed partial class Plain : LiveComponent<S> { [PublicAction] public void Go() { } }
            """);

        var source = run.GeneratedSource("Sample.Plain.Live.g.cs");
        Assert.DoesNotContain("authorize:", source, StringComparison.Ordinal);
        Assert.DoesNotContain("rateLimit:", source, StringComparison.Ordinal);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void LIVE019_allow_anonymous_component_whose_every_action_is_authorize_is_a_warning_at_the_attribute() =>
        AssertSingle("LIVE019", DiagnosticSeverity.Warning, """
            [LiveComponent, [|AllowAnonymous|]]
            public sealed partial class Odd : LiveComponent<S>
            {
                [PublicAction, Authorize] public void A() { }
                [PublicAction, Authorize(Roles = "x")] public void B() { }
            }
            """);

    [Theory]
    [InlineData("[PublicAction] public void A() { } [PublicAction, Authorize] public void B() { }")]
    [InlineData("[PublicAction, Authorize] public void A() { } [PublicAction, Authorize, AllowAnonymous] public void B() { }")]
    public void LIVE019_is_not_reported_when_some_action_is_open(string members)
    {
        var run = GeneratorHarness.Run(Prelude + $$"""
            [LiveComponent, AllowAnonymous]
            public sealed partial class Fine : LiveComponent<S> { {{members}} }
            """);

        Assert.Empty(run.LiveDiagnostics);
    }

    [Theory]
    [InlineData("[[|Authorize|]] protected override Task OnMountAsync(MountContext context) => Task.CompletedTask;")]
    [InlineData("[[|Authorize(Roles = \"admin\")|]] public void Helper() { }")]
    [InlineData("[[|AllowAnonymous|]] public void Helper() { }")]
    [InlineData("[[|RateLimit(1, 1)|]] public void Helper() { }")]
    public void LIVE020_attribute_on_a_method_that_is_not_an_action_is_a_warning(string member)
    {
        var message = AssertSingle("LIVE020", DiagnosticSeverity.Warning, $$"""
            [LiveComponent]
            public sealed partial class C : LiveComponent<S> { {{member}} }
            """);

        Assert.Contains("has no effect", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[PublicAction, [|RateLimit(0, 10)|]] public void Go() { }", "permits 0")]
    [InlineData("[PublicAction, [|RateLimit(5, -1)|]] public void Go() { }", "perSeconds -1")]
    [InlineData("[PublicAction, [|RateLimit(permits: -2, perSeconds: 0)|]] public void Go() { }", "permits -2 and perSeconds 0")]
    public void LIVE021_non_positive_rate_limit_arguments_are_reported_at_the_attribute(string member, string expected)
    {
        var message = AssertSingle("LIVE021", DiagnosticSeverity.Error, $$"""
            [LiveComponent]
            public sealed partial class C : LiveComponent<S> { {{member}} }
            """);

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void LIVE022_authentication_schemes_are_refused_at_the_argument()
    {
        var message = AssertSingle("LIVE022", DiagnosticSeverity.Error, """
            [LiveComponent]
            public sealed partial class C : LiveComponent<S>
            {
                [PublicAction, Authorize([|AuthenticationSchemes = "Bearer"|])] public void Go() { }
            }
            """);

        Assert.Contains("AuthenticationSchemes", message, StringComparison.Ordinal);
    }

    [Fact]
    public void LIVE022_custom_authorize_attribute_is_refused_because_its_constructor_cannot_be_read()
    {
        var message = AssertSingle("LIVE022", DiagnosticSeverity.Error, """
            public sealed class AdminOnlyAttribute : AuthorizeAttribute { public AdminOnlyAttribute() { Roles = "admin"; } }

            [LiveComponent, [|AdminOnly|]]
            public sealed partial class C : LiveComponent<S> { [PublicAction] public void Go() { } }
            """);

        Assert.Contains("'AdminOnlyAttribute' is a custom authorization attribute", message, StringComparison.Ordinal);
    }

    private static ComponentDescriptor Load(string source, string typeName)
    {
        var run = GeneratorHarness.Run(Prelude + source);
        Assert.Empty(run.LiveDiagnostics);
        Assert.Empty(run.CompilationProblems);
        using var loaded = LoadedAssembly.Emit(run.OutputCompilation);
        return (ComponentDescriptor)loaded.Type(typeName)
            .GetMethod("CreateLiveDescriptor", BindingFlags.Static | BindingFlags.NonPublic)!
            .Invoke(null, null)!;
    }

    private static string AssertSingle(string id, DiagnosticSeverity severity, string marked)
    {
        var (source, span) = Markup.Parse(Prelude + marked);

        var run = GeneratorHarness.Run(source);

        var diagnostic = Assert.Single(run.LiveDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.DoesNotContain("{", message, StringComparison.Ordinal);
        return message;
    }
}
