using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Clarify.Typed.Models;

namespace Clarify.Typed.Rpc;

/// <summary>Walks a selection page by page (limit/skip) until the server's total, or a short page, says it is done.</summary>
internal static class ResourcePaging
{
    public static async IAsyncEnumerable<Resource<TAttributes>> PageAsync<TAttributes>(
        ResourceQuery? query,
        int pageSize,
        Func<ResourceQuery, CancellationToken, Task<Selection<List<Resource<TAttributes>>>>> fetchPage,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TAttributes : class
    {
        int skip = query?.Skip ?? 0;
        ResourceQuery template = query ?? new();
        while (true)
        {
            Selection<List<Resource<TAttributes>>> page = await fetchPage(template.Page(pageSize, skip), cancellationToken).ConfigureAwait(false);
            List<Resource<TAttributes>> resources = page.Data ?? [];
            foreach (Resource<TAttributes> resource in resources)
            {
                yield return resource;
            }

            skip += resources.Count;
            long total = page.Meta?.Total ?? -1;
            bool done = resources.Count == 0 || (total >= 0 ? skip >= total : resources.Count < pageSize);
            if (done)
            {
                yield break;
            }
        }
    }
}
