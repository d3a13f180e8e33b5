namespace Live.Authentication;

/// <summary>
/// Re-validates a token sent with <c>refresh</c> the way the connection's upgrade was authenticated. The transport
/// provides it (the ASP.NET Core endpoint runs the app's authentication scheme); the runtime never parses tokens.
/// </summary>
internal interface ITokenAuthenticator
{
    /// <summary>Validates <paramref name="token"/>; the result has a principal only when it is valid.</summary>
    ValueTask<TokenAuthenticationResult> AuthenticateAsync(string token, CancellationToken cancellationToken);
}
