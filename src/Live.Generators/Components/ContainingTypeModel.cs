namespace Live.Generators.Components;

/// <summary>A type a nested component is declared in, re-opened as a partial declaration by the emitter.</summary>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The simple name.</param>
internal sealed record ContainingTypeModel(string Keyword, string Name);
