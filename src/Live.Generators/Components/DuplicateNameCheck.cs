using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Live.Generators.Diagnostics;

namespace Live.Generators.Components;

/// <summary>Finds components sharing one wire name across the compilation (LIVE009).</summary>
internal static class DuplicateNameCheck
{
    public static IEnumerable<DiagnosticInfo> Find(ImmutableArray<ComponentNameClaim> claims)
    {
        foreach (var group in claims.GroupBy(c => c.ComponentName, StringComparer.Ordinal))
        {
            var owners = group.OrderBy(c => c.DisplayName, StringComparer.Ordinal).ToArray();
            if (owners.Length < 2)
            {
                continue;
            }

            // Every owner gets the error, so each declaration the author might rename is marked.
            foreach (var claim in owners)
            {
                var others = string.Join("', '", owners.Where(o => o != claim).Select(o => o.DisplayName));
                yield return DiagnosticInfo.Create(
                    DiagnosticDescriptors.DuplicateComponentName,
                    claim.Location,
                    claim.ComponentName,
                    claim.DisplayName,
                    others);
            }
        }
    }
}
