using System.Buffers;
using System.Collections;
using System.Text.Json;

namespace Live.Diffing;

internal sealed partial class TypedPatchBuilder
{
    // Same bound as PatchBuilder: past this much reordering work the list is replaced whole.
    private const long MaxMoveWork = 1L << 24;

    /// <summary>Lists, with PatchBuilder's decisions: keyed when the items carry a key, else by position.</summary>
    private void DiffList(ref Session session, object oldValue, object newValue, TypedShape shape)
    {
        var oldList = (ICollection)oldValue;
        var newList = (ICollection)newValue;
        var oldArray = ArrayPool<object?>.Shared.Rent(oldList.Count);
        var newArray = ArrayPool<object?>.Shared.Rent(newList.Count);
        try
        {
            // One pass each (an ImmutableList's indexer is O(log n)); value-type items are boxed here.
            oldList.CopyTo(oldArray, 0);
            newList.CopyTo(newArray, 0);
            var lists = new ListPair(oldValue, newValue, shape, oldArray.AsSpan(0, oldList.Count), newArray.AsSpan(0, newList.Count));
            var element = shape.Element;
            if (element.Kind == TypedKind.Opaque || !AllFit(lists.Old, element) || !AllFit(lists.New, element))
            {
                DiffAsJson(ref session, oldValue, newValue, shape);
                return;
            }

            var key = KeyMember(lists);
            if (key is not null && key.Shape.Kind != TypedKind.Leaf)
            {
                DiffAsJson(ref session, oldValue, newValue, shape);
                return;
            }

            if (key is not null && TryDiffKeyed(ref session, lists, key))
            {
                return;
            }

            DiffPositional(ref session, lists);
        }
        finally
        {
            ArrayPool<object?>.Shared.Return(oldArray, clearArray: true);
            ArrayPool<object?>.Shared.Return(newArray, clearArray: true);
        }
    }

    private static bool AllFit(ReadOnlySpan<object?> items, TypedShape element)
    {
        if (element.Kind == TypedKind.Leaf)
        {
            return true;
        }

        foreach (var item in items)
        {
            if (item is not null && !element.Fits(item))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>PatchBuilder's key: the first configured name present on the first item, when that item is an object.</summary>
    private TypedMember? KeyMember(in ListPair lists)
    {
        var first = lists.Old.Length > 0 ? lists.Old[0] : lists.New.Length > 0 ? lists.New[0] : null;
        if (first is null || lists.Element.Kind != TypedKind.Object)
        {
            return null;
        }

        foreach (var name in Json.Options.KeyMemberNames)
        {
            foreach (var member in lists.Element.Properties)
            {
                if (string.Equals(member.Name, name, StringComparison.Ordinal))
                {
                    return member;
                }
            }
        }

        return null;
    }

    /// <summary>Position by position, exactly as <c>PatchBuilder.DiffPositional</c> (see there).</summary>
    private void DiffPositional(ref Session session, in ListPair lists)
    {
        var oldItems = lists.Old;
        var newItems = lists.New;
        var element = lists.Element;
        var shorter = Math.Min(oldItems.Length, newItems.Length);
        var prefix = 0;
        while (prefix < shorter && ValuesEqual(ref session, oldItems[prefix], newItems[prefix], element))
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < shorter - prefix && ValuesEqual(ref session, oldItems[oldItems.Length - 1 - suffix], newItems[newItems.Length - 1 - suffix], element))
        {
            suffix++;
        }

        var oldMiddle = oldItems.Length - prefix - suffix;
        var newMiddle = newItems.Length - prefix - suffix;
        var overlap = Math.Min(oldMiddle, newMiddle);
        var itemPath = session.Path.Length + PatchBuilder.IndexSegmentEstimate;
        long estimate = 0;
        for (var k = 0; k < overlap; k++)
        {
            if (!ValuesEqual(ref session, oldItems[prefix + k], newItems[prefix + k], element))
            {
                estimate += PatchBuilder.ReplaceOverhead + itemPath + SerializedLength(ref session, newItems[prefix + k], element);
            }
        }

        for (var k = overlap; k < newMiddle; k++)
        {
            estimate += PatchBuilder.AddOverhead + itemPath + SerializedLength(ref session, newItems[prefix + k], element);
        }

        estimate += (long)(oldMiddle - overlap) * (PatchBuilder.RemoveOverhead + itemPath);
        if (ReplaceIsCheaper(ref session, estimate, lists))
        {
            WriteReplace(ref session, lists.NewValue, lists.Shape);
            return;
        }

        var basePath = session.Path.Length;
        for (var k = 0; k < overlap; k++)
        {
            session.Path.AppendIndex(prefix + k);
            DiffValue(ref session, oldItems[prefix + k], newItems[prefix + k], element);
            session.Path.Truncate(basePath);
        }

        for (var k = overlap; k < newMiddle; k++)
        {
            session.Path.AppendInsertPosition(prefix + k, appending: suffix == 0);
            WriteAdd(ref session, newItems[prefix + k], element);
            session.Path.Truncate(basePath);
        }

        for (var k = oldMiddle - 1; k >= overlap; k--)
        {
            session.Path.AppendIndex(prefix + k);
            WriteRemove(ref session);
            session.Path.Truncate(basePath);
        }
    }

    /// <summary>
    /// PatchBuilder's rule, <c>estimate ≥ replace overhead + path + length of the new list's JSON</c>, serializing
    /// the new list only when a lower bound of its length (one byte and a comma per item) does not already settle it.
    /// </summary>
    private static bool ReplaceIsCheaper(ref Session session, long estimate, in ListPair lists)
    {
        var fixedCost = PatchBuilder.ReplaceOverhead + session.Path.Length;
        var lowerBound = lists.New.Length == 0 ? 2L : 1L + (2L * lists.New.Length);
        if (estimate < fixedCost + lowerBound)
        {
            return false;
        }

        return estimate >= fixedCost + SerializedLength(ref session, lists.NewValue, lists.Shape);
    }

    /// <summary>Both sides of a list being diffed: the collections, their contract and their items.</summary>
    private readonly ref struct ListPair(object oldValue, object newValue, TypedShape shape, ReadOnlySpan<object?> oldItems, ReadOnlySpan<object?> newItems)
    {
        public object OldValue { get; } = oldValue;

        public object NewValue { get; } = newValue;

        public TypedShape Shape { get; } = shape;

        public TypedShape Element => Shape.Element;

        public ReadOnlySpan<object?> Old { get; } = oldItems;

        public ReadOnlySpan<object?> New { get; } = newItems;
    }
}
