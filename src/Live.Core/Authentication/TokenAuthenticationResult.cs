using System.Security.Claims;

namespace Live.Authentication;

/// <summary>The outcome of validating a token: the user and when the authentication expires, or why it failed.</summary>
/// <param name="User">The authenticated user; <see langword="null"/> when the token was refused.</param>
/// <param name="ExpiresAt">When the authentication expires, when it does.</param>
/// <param name="Failure">Why the token was refused (for logs and Development error text).</param>
internal readonly record struct TokenAuthenticationResult(ClaimsPrincipal? User, DateTimeOffset? ExpiresAt, string? Failure);
