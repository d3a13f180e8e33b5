namespace Live.Generators;

/// <summary>Names of the pipeline steps, so incrementality tests can assert which steps were cached.</summary>
internal static class TrackingNames
{
    public const string Parse = "LiveComponent.Parse";
    public const string Diagnostics = "LiveComponent.Diagnostics";
    public const string Model = "LiveComponent.Model";
    public const string Registrations = "LiveComponent.Registrations";
    public const string NameClaims = "LiveComponent.NameClaims";
    public const string OrphanActions = "LiveComponent.OrphanActions";
    public const string AssemblyName = "LiveComponent.AssemblyName";
    public const string JsonShapes = "LiveComponent.JsonShapes";
    public const string TypeScript = "LiveComponent.TypeScript";
    public const string RoomParse = "LiveRoom.Parse";
    public const string EventParse = "LiveEvent.Parse";
}
