namespace Live;

/// <summary>
/// Marks the member that identifies an item of a list in component state. Lists whose items carry a key
/// (a member marked with this attribute, or a member named <c>Id</c>) are diffed by key, so changing,
/// inserting or removing one item produces a patch for that item only.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = true, AllowMultiple = false)]
public sealed class LiveKeyAttribute : Attribute
{
}
