using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Live.AspNetCore;

/// <summary>
/// Lets Development run without a configured signing key: the runtime then signs with an ephemeral random key and
/// logs a warning. Outside Development a missing key fails validation at start-up.
/// </summary>
internal sealed class EphemeralSigningKeyInDevelopment(IHostEnvironment environment) : IPostConfigureOptions<LiveOptions>
{
    public void PostConfigure(string? name, LiveOptions options)
    {
        if (options.Signing.Keys.Count == 0 && environment.IsDevelopment())
        {
            options.Signing.UsesEphemeralKey = true;
        }
    }
}
