using System.Buffers;
using System.Collections;
using System.Text.Json;

namespace Live.Diffing;

internal sealed partial class TypedPatchBuilder
{
    // Same bound as PatchBuilder: past this much reordering work the list is replaced whole.
    private const long MaxMoveWork = 1L << 24;

    /// <summary>
    /// Lists, with PatchBuilder's decisions: keyed when the items carry a key, else by position. Items at the same
    /// place in both lists that are the same object (an immutable update keeps every unchanged item by reference) are
    /// trimmed from both ends first (<see cref="ListPair"/>) and never looked at again: every step below starts where
    /// that shared prefix and suffix end, so the work beyond one pass over the items is proportional to the change.
    /// </summary>
    private void DiffList(ref Session session, object oldValue, object newValue, TypedShape shape)
    {
        if (shape.Element.Kind == TypedKind.Opaque)
        {
            DiffAsJson(ref session, oldValue, newValue, shape);
            return;
        }

        using var oldItems = ListItems.Read(oldValue);
        using var newItems = ListItems.Read(newValue);
        var lists = new ListPair(oldValue, newValue, shape, oldItems.Span, newItems.Span);
        if (!lists.AllFit)
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
        var prefix = lists.SharedPrefix;
        while (prefix < shorter && ValuesEqual(ref session, oldItems[prefix], newItems[prefix], element))
        {
            prefix++;
        }

        var suffix = lists.SharedSuffixWithin(shorter - prefix);
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

    /// <summary>
    /// Both sides of a list being diffed: the collections, their contract, their items, and what one pass over them
    /// found: the shared prefix and suffix (same object at the same place from either end), whether any item is null,
    /// and whether every item is exactly of the element contract's type.
    /// </summary>
    private readonly ref struct ListPair
    {
        public ListPair(object oldValue, object newValue, TypedShape shape, ReadOnlySpan<object?> oldItems, ReadOnlySpan<object?> newItems)
        {
            OldValue = oldValue;
            NewValue = newValue;
            Shape = shape;
            Old = oldItems;
            New = newItems;

            // Items of the shared parts are the same objects on both sides: null and fit checks look at them once.
            var element = shape.Element;
            var checkFit = element.Kind != TypedKind.Leaf && !element.OnlyExactInstances;
            var type = element.Info.Type;
            var hasNull = false;
            var misfit = false;
            var shorter = Math.Min(oldItems.Length, newItems.Length);
            var prefix = 0;
            while (prefix < shorter)
            {
                var item = oldItems[prefix];
                if (!ReferenceEquals(item, newItems[prefix]))
                {
                    break;
                }

                Inspect(item, checkFit ? type : null, ref hasNull, ref misfit);
                prefix++;
            }

            var suffix = 0;
            while (suffix < shorter - prefix)
            {
                var item = oldItems[oldItems.Length - 1 - suffix];
                if (!ReferenceEquals(item, newItems[newItems.Length - 1 - suffix]))
                {
                    break;
                }

                Inspect(item, checkFit ? type : null, ref hasNull, ref misfit);
                suffix++;
            }

            foreach (var item in oldItems[prefix..^suffix])
            {
                Inspect(item, checkFit ? type : null, ref hasNull, ref misfit);
            }

            foreach (var item in newItems[prefix..^suffix])
            {
                Inspect(item, checkFit ? type : null, ref hasNull, ref misfit);
            }

            SharedPrefix = prefix;
            SharedSuffix = suffix;
            HasNull = hasNull;
            AllFit = !misfit;
        }

        public object OldValue { get; }

        public object NewValue { get; }

        public TypedShape Shape { get; }

        public TypedShape Element => Shape.Element;

        public ReadOnlySpan<object?> Old { get; }

        public ReadOnlySpan<object?> New { get; }

        /// <summary>How many leading items are the same object in both lists.</summary>
        public int SharedPrefix { get; }

        /// <summary>How many trailing items (not overlapping <see cref="SharedPrefix"/>) are the same object in both lists.</summary>
        public int SharedSuffix { get; }

        /// <summary>Whether either list holds a null item.</summary>
        public bool HasNull { get; }

        /// <summary>Whether every non-null item of both lists is exactly of the element contract's type.</summary>
        public bool AllFit { get; }

        /// <summary>Notes a null item, or one not exactly of <paramref name="exactType"/> when that is given.</summary>
        private static void Inspect(object? item, Type? exactType, ref bool hasNull, ref bool misfit)
        {
            if (item is null)
            {
                hasNull = true;
            }
            else if (exactType is not null && item.GetType() != exactType)
            {
                misfit = true;
            }
        }

        /// <summary>
        /// The shared suffix within a bound: after a prefix longer than <see cref="SharedPrefix"/>, a suffix may cover
        /// only the <paramref name="available"/> items the prefix left, exactly as in a walk from both ends.
        /// </summary>
        public int SharedSuffixWithin(int available) => Math.Min(SharedSuffix, available);
    }
}
