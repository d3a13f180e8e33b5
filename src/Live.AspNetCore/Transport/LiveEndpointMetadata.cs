namespace Live.AspNetCore.Transport;

/// <summary>Marks the endpoints <c>MapLive</c> maps, so the connection-level path can find them and their policies.</summary>
internal sealed class LiveEndpointMetadata
{
    public static readonly LiveEndpointMetadata Instance = new();

    private LiveEndpointMetadata()
    {
    }
}
