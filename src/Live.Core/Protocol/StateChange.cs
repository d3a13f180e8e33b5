namespace Live.Protocol;

/// <summary>
/// One state change of an instance as it goes on the wire: the new version and the RFC 6902 ops (a JSON array)
/// that turn the previous version into it. Sent as a <c>patch</c> frame, or inside the caller's <c>result</c> (there the version
/// is implied, not written).
/// </summary>
/// <param name="Version">The version the ops produce.</param>
/// <param name="Ops">The UTF-8 JSON array of ops.</param>
internal readonly record struct StateChange(long Version, ReadOnlyMemory<byte> Ops);
