using System.Collections;

namespace Leapfrog.Engine;

/// <summary>A list that several tasks may add to at once (cells run concurrently); enumerating reads a snapshot.</summary>
internal sealed class SyncList<T> : IEnumerable<T>
{
    private readonly List<T> _items = [];

    /// <summary>Appends <paramref name="item"/>.</summary>
    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator()
    {
        lock (_items)
        {
            return _items.ToList().GetEnumerator();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
