namespace Live;

/// <summary>The per-instance queue that runs actions and <c>InvokeAsync</c> work one at a time.</summary>
internal interface IComponentScheduler
{
    Task InvokeAsync(Func<Task> work);
}
