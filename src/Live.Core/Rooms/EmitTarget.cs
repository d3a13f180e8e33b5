namespace Live.Rooms;

/// <summary>Who receives an event.</summary>
internal enum EmitTarget
{
    All,
    Others,
    User,
}
