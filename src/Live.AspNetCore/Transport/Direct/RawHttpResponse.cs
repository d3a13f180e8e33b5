using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Live.AspNetCore.Transport.Direct;

/// <summary>Writes a refused upgrade's captured response to the connection as HTTP/1.1, then the connection closes.</summary>
internal static class RawHttpResponse
{
    public static async Task WriteAsync(ConnectionContext connection, HttpContext context)
    {
        var body = context.Features.Get<IHttpResponseBodyFeature>()?.Stream is MemoryStream captured ? captured.ToArray() : [];
        var response = context.Response;
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(response.StatusCode).Append(' ').Append(ReasonPhrases.GetReasonPhrase(response.StatusCode)).Append("\r\n");
        foreach (var (name, values) in response.Headers)
        {
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in values)
            {
                // Header values were made printable ASCII by their writers; drop line breaks all the same.
                head.Append(name).Append(": ").Append(value?.Replace('\r', ' ').Replace('\n', ' ')).Append("\r\n");
            }
        }

        head.Append("Content-Length: ").Append(body.Length).Append("\r\nConnection: close\r\n\r\n");
        var output = connection.Transport.Output;
        await output.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), connection.ConnectionClosed).ConfigureAwait(false);
        if (body.Length > 0)
        {
            await output.WriteAsync(body, connection.ConnectionClosed).ConfigureAwait(false);
        }
    }
}
