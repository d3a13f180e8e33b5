using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Live.AspNetCore;

/// <summary>Turns on detailed errors in Development when the app did not choose.</summary>
internal sealed class DetailedErrorsFromEnvironment(IHostEnvironment environment) : IPostConfigureOptions<LiveOptions>
{
    public void PostConfigure(string? name, LiveOptions options) =>
        options.DetailedErrors ??= environment.IsDevelopment();
}
