using Microsoft.AspNetCore.Http;

namespace Live.AspNetCore.Transport.Direct;

/// <summary>A WebSocket upgrade request read by <see cref="UpgradeRequestParser"/>.</summary>
/// <param name="Path">The literal request path.</param>
/// <param name="Query">The query string with its leading <c>?</c>, or empty.</param>
/// <param name="Headers">Every header, repeated names appended.</param>
internal sealed record UpgradeRequest(string Path, string Query, IHeaderDictionary Headers);
