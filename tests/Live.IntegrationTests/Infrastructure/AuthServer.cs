using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Live.IntegrationTests.Infrastructure;

/// <summary>
/// A Live server with real ASP.NET Core authentication: JwtBearer (scheme <c>Bearer</c>, HMAC-signed test tokens) and
/// cookies (scheme <c>Cookies</c>, signed in by <c>GET /login/{name}</c>). Which one is the default is chosen per test.
/// </summary>
public static class AuthServer
{
    public const string Bearer = JwtBearerDefaults.AuthenticationScheme;
    public const string Cookies = CookieAuthenticationDefaults.AuthenticationScheme;

    private static readonly SymmetricSecurityKey Key = new(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());
    private static readonly SymmetricSecurityKey OtherKey = new(Enumerable.Range(1, 32).Select(i => (byte)(i * 11)).ToArray());

    public static Task<LiveServer> StartAsync(
        string defaultScheme = Bearer,
        Action<LiveOptions>? configure = null,
        FakeTimeProvider? time = null,
        Action<IEndpointConventionBuilder>? endpoint = null,
        string environment = "Development",
        bool direct = false) =>
        LiveServer.StartAsync(
            configure,
            services =>
            {
                if (time is not null)
                {
                    services.AddSingleton<TimeProvider>(time);
                }

                services.AddAuthentication(defaultScheme)
                    .AddJwtBearer(o =>
                    {
                        o.MapInboundClaims = false;
                        o.TokenValidationParameters = new TokenValidationParameters
                        {
                            IssuerSigningKey = Key,
                            ValidateIssuer = false,
                            ValidateAudience = false,
                            ClockSkew = TimeSpan.Zero,
                            NameClaimType = "name",
                            RoleClaimType = "role",
                        };
                    })
                    .AddCookie();
                services.AddAuthorization();
            },
            app => app.MapGet("/login/{name}", async (HttpContext context, string name, long? expiresInSeconds) =>
            {
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.NameIdentifier, name)], Cookies);
                var properties = new AuthenticationProperties
                {
                    ExpiresUtc = expiresInSeconds is { } seconds ? DateTimeOffset.UtcNow.AddSeconds(seconds) : null,
                };
                await context.SignInAsync(Cookies, new ClaimsPrincipal(identity), properties);
                return Results.Ok();
            }),
            environment: environment,
            endpoint: endpoint,
            direct: direct);

    /// <summary>A JWT for <paramref name="user"/> that expires <paramref name="lifetime"/> from now (real time).</summary>
    public static string Token(string user, TimeSpan? lifetime = null, bool wrongKey = false, IReadOnlyDictionary<string, object>? claims = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(10));
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>(claims ?? new Dictionary<string, object>())
            {
                ["sub"] = user,
                ["name"] = user,
            },
            NotBefore = expires < now ? expires.AddMinutes(-10) : now.AddMinutes(-1),
            IssuedAt = expires < now ? expires.AddMinutes(-10) : now.AddMinutes(-1),
            Expires = expires,
            SigningCredentials = new SigningCredentials(wrongKey ? OtherKey : Key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>Signs <paramref name="user"/> in through the cookie scheme and returns the cookie header value.</summary>
    public static async Task<string> CookieAsync(LiveServer server, string user, TimeSpan? expiresIn = null)
    {
        using var handler = new HttpClientHandler { UseCookies = false };
        using var http = new HttpClient(handler);
        var query = expiresIn is { } e ? $"?expiresInSeconds={(long)e.TotalSeconds}" : string.Empty;
        var response = await http.GetAsync(new Uri(server.BaseUri, $"/login/{user}{query}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        return setCookie.Split(';')[0];
    }

    public static Uri WithToken(LiveServer server, string token) => new($"{server.LiveUri}?access_token={Uri.EscapeDataString(token)}");
}
