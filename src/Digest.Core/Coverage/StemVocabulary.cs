using System.Collections.Concurrent;

namespace Digest.Core.Coverage;

/// <summary>
/// Process-wide numbers for stems, so that a sentence's stems are looked up by string once (when it is first profiled)
/// and every comparison after that reads arrays. Each stem also carries its word family (the first letters a soft match
/// needs in common), or none for numbers and short stems. Safe to share between threads: ids are only added.
/// </summary>
internal sealed class StemVocabulary
{
    /// <summary>
    /// Stems kept before a fresh vocabulary replaces this one. Numbers make the stem space open-ended, so a long-running
    /// host would otherwise grow it forever; profiles made against the old vocabulary renumber on their next use.
    /// </summary>
    private const int Capacity = 1 << 21;

    /// <summary>Letters two stems share at least to be of one word family (<see cref="SentenceMatcher"/>).</summary>
    public const int FamilyPrefix = 4;

    private static StemVocabulary current = new();

    private readonly ConcurrentDictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> families = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private string[] texts = new string[1024];
    private int[] familyOf = new int[1024];
    private int count;
    private int familyCount;

    /// <summary>The vocabulary new profiles number their stems in.</summary>
    public static StemVocabulary Current => Volatile.Read(ref current);

    /// <summary>Stems numbered so far: ids run from 0 to this, exclusive.</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>The stem's id, numbering it if it is new.</summary>
    public int Id(string stem)
    {
        if (ids.TryGetValue(stem, out var id))
        {
            return id;
        }

        lock (gate)
        {
            if (ids.TryGetValue(stem, out id))
            {
                return id;
            }

            id = count;
            if (id == texts.Length)
            {
                // Readers that hold an id read the arrays published with it: grow first, then publish the id.
                Array.Resize(ref texts, id * 2);
                Array.Resize(ref familyOf, id * 2);
            }

            texts[id] = stem;
            familyOf[id] = FamilyOf(stem);
            Volatile.Write(ref count, id + 1);
            ids[stem] = id;
            if (id + 1 >= Capacity)
            {
                Interlocked.CompareExchange(ref current, new StemVocabulary(), this);
            }

            return id;
        }
    }

    /// <summary>Word families named so far: family numbers run from 0 to this, exclusive.</summary>
    public int FamilyCount => Volatile.Read(ref familyCount);

    public string Text(int id) => Volatile.Read(ref texts)[id];

    /// <summary>The stem's word family, or -1 when it takes no soft match (numbers, stems shorter than the family prefix).</summary>
    public int Family(int id) => Volatile.Read(ref familyOf)[id];

    /// <summary>Called under the lock.</summary>
    private int FamilyOf(string stem)
    {
        if (stem.Length < FamilyPrefix || char.IsDigit(stem[0]))
        {
            return -1;
        }

        var prefix = stem[..FamilyPrefix];
        if (!families.TryGetValue(prefix, out var family))
        {
            families[prefix] = family = families.Count;
            Volatile.Write(ref familyCount, families.Count);
        }

        return family;
    }

    /// <summary>The ids of <paramref name="stems"/>, in order.</summary>
    public int[] Ids(string[] stems)
    {
        var result = new int[stems.Length];
        for (var i = 0; i < stems.Length; i++)
        {
            result[i] = Id(stems[i]);
        }

        return result;
    }
}
