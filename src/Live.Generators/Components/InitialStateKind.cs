namespace Live.Generators.Components;

/// <summary>How the generator implements <c>CreateInitialState</c>.</summary>
internal enum InitialStateKind
{
    /// <summary>The author overrides it; emit nothing.</summary>
    AuthorDefined,

    /// <summary>Emit <c>new TState()</c>.</summary>
    ParameterlessConstructor,

    /// <summary>
    /// The state cannot be constructed (LIVE011 is reported); emit a throwing override so the author sees one
    /// clear diagnostic instead of a cascade of "abstract member not implemented" errors.
    /// </summary>
    NotConstructible,
}
