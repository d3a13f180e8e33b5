using System.Security.Claims;
using Live.Authorization;
using Live.Protocol;
using Live.Registration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Live.Core.Tests.Authorization;

public sealed class AuthorizationGateTests
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());
    private static readonly ClaimsPrincipal Bob = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bob")], "test"));
    private static readonly IReadOnlyList<AuthorizeData> AdminOnly = [new AuthorizeData(Roles: "admin")];

    private readonly RecordingAuthorizer authorizer = new();

    [Fact]
    public async Task No_requirements_never_call_the_authorizer()
    {
        var gate = new AuthorizationGate(authorizer, detailedErrors: true, NullLogger.Instance);

        var error = await gate.CheckAsync(Anonymous, [], new object(), "mount 'X'");

        Assert.Null(error);
        Assert.Empty(authorizer.Calls);
    }

    [Fact]
    public async Task Requirements_without_an_authorizer_are_refused_not_waved_through()
    {
        var gate = new AuthorizationGate(authorizer: null, detailedErrors: true, NullLogger.Instance);

        var error = await gate.CheckAsync(Bob, AdminOnly, new object(), "mount 'X'");

        Assert.Equal(ErrorCodes.Forbidden, error?.Code);
        Assert.Contains("no ILiveAuthorizer is registered", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_authorizer_that_throws_answers_internal_error_with_details_only_when_detailed(bool detailed)
    {
        authorizer.Answer = () => throw new InvalidOperationException("policy store down");
        var gate = new AuthorizationGate(authorizer, detailed, NullLogger.Instance);

        var error = await gate.CheckAsync(Bob, AdminOnly, new object(), "mount 'X'");

        Assert.Equal(ErrorCodes.InternalError, error?.Code);
        Assert.Equal(detailed, error!.Message.Contains("policy store down", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, ErrorCodes.Unauthorized, "Sign in to mount 'X'.")]
    [InlineData(true, ErrorCodes.Forbidden, "You are not allowed to mount 'X'.")]
    public async Task A_denial_is_unauthorized_without_a_user_and_forbidden_with_one(bool signedIn, string code, string message)
    {
        authorizer.Answer = () => LiveAuthorizationResult.Fail("RolesAuthorizationRequirement");
        var production = new AuthorizationGate(authorizer, detailedErrors: false, NullLogger.Instance);
        var development = new AuthorizationGate(authorizer, detailedErrors: true, NullLogger.Instance);

        var terse = await production.CheckAsync(signedIn ? Bob : Anonymous, AdminOnly, new object(), "mount 'X'");
        var detailed = await development.CheckAsync(signedIn ? Bob : Anonymous, AdminOnly, new object(), "mount 'X'");

        Assert.Equal(code, terse?.Code);
        Assert.Equal(message, terse!.Message);
        Assert.Equal(message + " Failed requirement: RolesAuthorizationRequirement.", detailed!.Message);
    }

    [Fact]
    public async Task The_resource_and_the_exact_requirement_list_reach_the_authorizer()
    {
        var gate = new AuthorizationGate(authorizer, detailedErrors: false, NullLogger.Instance);
        var resource = new object();

        Assert.Null(await gate.CheckAsync(Bob, AdminOnly, resource, "join room 'lobby'"));

        var call = Assert.Single(authorizer.Calls);
        Assert.Same(Bob, call.User);
        Assert.Same(AdminOnly, call.Requirements);
        Assert.Same(resource, call.Resource);
    }

    [Fact]
    public void Allow_anonymous_action_has_no_requirements_and_others_add_to_the_class()
    {
        var descriptor = Descriptor(
            authorize: [new AuthorizeData(Policy: "members")],
            actions: [Action("open", allowAnonymous: true), Action("ban", authorize: AdminOnly), Action("chat")]);

        var rules = descriptor.Authorization;

        Assert.Empty(rules.ActionRequirements["open"]);
        Assert.Equal([new AuthorizeData(Policy: "members"), new AuthorizeData(Roles: "admin")], rules.ActionRequirements["ban"]);
        Assert.Equal([new AuthorizeData(Policy: "members")], rules.ActionRequirements["chat"]);
        Assert.Equal([new AuthorizeData(Policy: "members")], rules.MountRequirements);
    }

    [Fact]
    public void Class_allow_anonymous_lifts_class_requirements_only()
    {
        var descriptor = Descriptor(
            authorize: [new AuthorizeData()],
            allowAnonymous: true,
            actions: [Action("ban", authorize: AdminOnly), Action("chat")]);

        Assert.Empty(descriptor.Authorization.MountRequirements);
        Assert.Empty(descriptor.Authorization.ActionRequirements["chat"]);
        Assert.Equal(AdminOnly, descriptor.Authorization.ActionRequirements["ban"]);
    }

    [Fact]
    public void Write_policy_becomes_one_policy_requirement()
    {
        var descriptor = Descriptor(writePolicy: "editors", actions: [Action("post")]);

        Assert.Equal([new AuthorizeData(Policy: "editors")], descriptor.Authorization.WriteRequirements);
    }

    private static ActionDescriptor Action(string name, IReadOnlyList<AuthorizeData>? authorize = null, bool allowAnonymous = false) =>
        new(name, name, [], resultType: null, (_, _, _) => new ValueTask<ActionResult>(ActionResult.None), authorize, allowAnonymous);

    private static ComponentDescriptor Descriptor(
        IReadOnlyList<ActionDescriptor> actions,
        IReadOnlyList<AuthorizeData>? authorize = null,
        bool allowAnonymous = false,
        string? writePolicy = null) =>
        new("X", typeof(object), typeof(object), _ => throw new NotSupportedException(), actions, authorize: authorize, allowAnonymous: allowAnonymous, writePolicy: writePolicy);

    private sealed class RecordingAuthorizer : ILiveAuthorizer
    {
        public Func<LiveAuthorizationResult> Answer { get; set; } = () => LiveAuthorizationResult.Success;

        public List<(ClaimsPrincipal User, IReadOnlyList<AuthorizeData> Requirements, object Resource)> Calls { get; } = [];

        public ValueTask<LiveAuthorizationResult> AuthorizeAsync(ClaimsPrincipal user, IReadOnlyList<AuthorizeData> requirements, object resource)
        {
            Calls.Add((user, requirements, resource));
            return ValueTask.FromResult(Answer());
        }
    }
}
