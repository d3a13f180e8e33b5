namespace Live.Instances;

/// <summary>The outcome of attaching a connection to an instance.</summary>
internal enum AttachResult
{
    Attached,
    Failed,
    Destroyed,
}
