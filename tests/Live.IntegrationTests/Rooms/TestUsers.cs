using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Live.IntegrationTests.Rooms;

/// <summary>Test sign-in: a <c>?user=alice</c> query on the upgrade makes the connection's user "alice" (with a "name" claim).</summary>
public static class TestUsers
{
    public static void SignInFromQuery(WebApplication app) => app.Use(async (context, next) =>
    {
        if (context.Request.Query.TryGetValue("user", out var user) && !string.IsNullOrEmpty(user))
        {
            var name = user.ToString();
            context.User = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim("sub", name), new Claim("name", char.ToUpperInvariant(name[0]) + name[1..]), new Claim(ClaimTypes.Role, name == "admin" ? "admin" : "user")],
                authenticationType: "test"));
        }

        await next(context);
    });
}
