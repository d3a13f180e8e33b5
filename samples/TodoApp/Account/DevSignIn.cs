using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace TodoApp.Account;

/// <summary>
/// DEVELOPMENT ONLY: a cookie sign-in with no password for the users listed under <c>TodoApp:DevUsers</c>
/// (<c>appsettings.Development.json</c>), so the sample can show a signed-in user and an admin-only action. The
/// endpoints exist only in the Development environment; a real app uses its own login (Identity, OpenID Connect …).
/// Cookie authentication itself is always on: the Live endpoint authenticates the WebSocket upgrade with it.
/// </summary>
public static class DevSignIn
{
    public const string AdminRole = "admin";

    public static void AddSignIn(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "todoapp.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
            });
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery();
    }

    public static void MapSignIn(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        var users = app.Environment.IsDevelopment()
            ? app.Configuration.GetSection("TodoApp:DevUsers").Get<List<DevUser>>() ?? []
            : [];

        // Who is signed in, the development users to offer, and an antiforgery token for the sign-in forms.
        app.MapGet("/account/me", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            var user = http.User;
            return Results.Json(new
            {
                name = user.Identity?.IsAuthenticated == true ? user.Identity.Name : null,
                roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray(),
                devUsers = users.Select(u => u.Name).ToArray(),
                antiforgery = new { field = tokens.FormFieldName, token = tokens.RequestToken },
            });
        });

        app.MapPost("/account/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());

        if (users.Count == 0)
        {
            return;
        }

        app.MapPost("/account/login", async (HttpContext http, [FromForm(Name = "user")] string name) =>
        {
            var user = users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal));
            if (user is null)
            {
                return Results.BadRequest($"'{name}' is not a development user.");
            }

            Claim[] claims =
            [
                new(ClaimTypes.NameIdentifier, user.Name),
                new(ClaimTypes.Name, user.Name),
                .. user.Roles.Select(r => new Claim(ClaimTypes.Role, r)),
            ];
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            return Results.LocalRedirect("/");
        });
    }
}
