namespace Live.Generators.Json;

/// <summary>Which <c>JsonMetadataServices.Create…Info</c> factory builds a collection or dictionary.</summary>
internal enum JsonCollectionKind
{
    /// <summary>Not a collection.</summary>
    None,

    /// <summary><c>T[]</c> via <c>CreateArrayInfo</c>.</summary>
    Array,

    /// <summary><c>List&lt;T&gt;</c> via <c>CreateListInfo</c>.</summary>
    List,

    /// <summary><c>IEnumerable&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c>, <c>IReadOnlyCollection&lt;T&gt;</c> via <c>CreateIEnumerableInfo</c> (deserialized as a list).</summary>
    Enumerable,

    /// <summary><c>ICollection&lt;T&gt;</c> or a concrete collection with a parameterless constructor, via <c>CreateICollectionInfo</c>.</summary>
    Collection,

    /// <summary><c>IList&lt;T&gt;</c> or a concrete list type, via <c>CreateIListInfo</c>.</summary>
    IList,

    /// <summary><c>ISet&lt;T&gt;</c>, <c>HashSet&lt;T&gt;</c>, <c>SortedSet&lt;T&gt;</c> via <c>CreateISetInfo</c>.</summary>
    Set,

    /// <summary><c>Queue&lt;T&gt;</c> via <c>CreateQueueInfo</c>.</summary>
    Queue,

    /// <summary><c>Stack&lt;T&gt;</c> via <c>CreateStackInfo</c>.</summary>
    Stack,

    /// <summary>An immutable sequence via <c>CreateImmutableEnumerableInfo</c> and a <c>CreateRange</c> factory.</summary>
    ImmutableEnumerable,

    /// <summary><c>Dictionary&lt;K,V&gt;</c> via <c>CreateDictionaryInfo</c>.</summary>
    Dictionary,

    /// <summary><c>IDictionary&lt;K,V&gt;</c> or a concrete dictionary type, via <c>CreateIDictionaryInfo</c>.</summary>
    IDictionary,

    /// <summary><c>IReadOnlyDictionary&lt;K,V&gt;</c> via <c>CreateIReadOnlyDictionaryInfo</c>.</summary>
    IReadOnlyDictionary,

    /// <summary>An immutable dictionary via <c>CreateImmutableDictionaryInfo</c> and a <c>CreateRange</c> factory.</summary>
    ImmutableDictionary,
}
