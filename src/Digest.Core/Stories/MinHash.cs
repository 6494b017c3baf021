using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Digest.Core.Stories;

/// <summary>
/// MinHash signatures of word 4-shingles with banded LSH keys. Wire copy republished by several outlets shares most of its
/// shingles even after a new headline or a trimmed last paragraph, so two signatures agreeing on most positions mean a
/// near-duplicate. Deterministic: fixed hash functions, no randomized string hashing.
/// </summary>
public static class MinHash
{
    public const int SignatureLength = 64;
    public const int Bands = 16;
    public const int RowsPerBand = SignatureLength / Bands;
    private const int ShingleSize = 4;
    private const int MaxShingles = 4000;

    private static readonly (ulong A, ulong B)[] HashFunctions = CreateHashFunctions();

    /// <summary>The hash functions' factors and offsets in two flat arrays: the innermost loop of every signature.</summary>
    private static readonly ulong[] Factors = HashFunctions.Select(f => f.A).ToArray();

    private static readonly ulong[] Offsets = HashFunctions.Select(f => f.B).ToArray();

    public static uint[] Signature(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var signature = new uint[SignatureLength];
        Array.Fill(signature, uint.MaxValue);
        if (words.Count == 0)
        {
            return signature;
        }

        var wordHashes = new ulong[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            wordHashes[i] = Fnv1a(words[i]);
        }

        // The minima in 64-bit lanes (each value fits 32 bits), so that four hash functions are minimized at a time.
        Span<ulong> minima = stackalloc ulong[SignatureLength];
        minima.Fill(uint.MaxValue);
        var shingles = Math.Min(MaxShingles, Math.Max(1, words.Count - ShingleSize + 1));
        for (var s = 0; s < shingles; s++)
        {
            ulong shingle = 1469598103934665603UL;
            for (var k = s; k < Math.Min(words.Count, s + ShingleSize); k++)
            {
                shingle = (shingle ^ wordHashes[k]) * 1099511628211UL;
            }

            Minimize(minima, shingle);
        }

        for (var h = 0; h < SignatureLength; h++)
        {
            signature[h] = (uint)minima[h];
        }

        return signature;
    }

    /// <summary>Folds one shingle's 64 hash values, (a·x + b) >> 32 in wrapping 64-bit arithmetic, into the running minima.</summary>
    private static void Minimize(Span<ulong> minima, ulong shingle)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var shingles = Vector256.Create(shingle);
            ref var factors = ref MemoryMarshal.GetArrayDataReference(Factors);
            ref var offsets = ref MemoryMarshal.GetArrayDataReference(Offsets);
            ref var minimum = ref MemoryMarshal.GetReference(minima);
            for (nuint h = 0; h < SignatureLength; h += (nuint)Vector256<ulong>.Count)
            {
                var values = Vector256.ShiftRightLogical((Vector256.LoadUnsafe(ref factors, h) * shingles) + Vector256.LoadUnsafe(ref offsets, h), 32);
                Vector256.Min(values, Vector256.LoadUnsafe(ref minimum, h)).StoreUnsafe(ref minimum, h);
            }

            return;
        }

        for (var h = 0; h < SignatureLength; h++)
        {
            minima[h] = Math.Min(minima[h], ((Factors[h] * shingle) + Offsets[h]) >> 32);
        }
    }

    /// <summary>Share of positions where two signatures agree: an unbiased estimate of the shingle sets' Jaccard similarity.</summary>
    public static double Similarity(uint[] a, uint[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var same = 0;
        for (var i = 0; i < SignatureLength; i++)
        {
            same += a[i] == b[i] ? 1 : 0;
        }

        return (double)same / SignatureLength;
    }

    /// <summary>One key per band; signatures sharing any key are near-duplicate candidates.</summary>
    public static ulong[] BandKeys(uint[] signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var keys = new ulong[Bands];
        for (var band = 0; band < Bands; band++)
        {
            ulong key = 1469598103934665603UL ^ (ulong)band;
            for (var row = 0; row < RowsPerBand; row++)
            {
                key = (key ^ signature[(band * RowsPerBand) + row]) * 1099511628211UL;
            }

            keys[band] = key;
        }

        return keys;
    }

    public static string Encode(uint[] signature)
    {
        var bytes = new byte[signature.Length * 4];
        Buffer.BlockCopy(signature, 0, bytes, 0, bytes.Length);
        return Convert.ToBase64String(bytes);
    }

    public static uint[] Decode(string encoded)
    {
        var bytes = Convert.FromBase64String(encoded);
        var signature = new uint[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, signature, 0, signature.Length * 4);
        return signature.Length == SignatureLength ? signature : throw new FormatException("A MinHash signature has 64 entries.");
    }

    internal static ulong Fnv1a(string text)
    {
        // The UTF-8 bytes, encoded into a stack buffer for the words of prose (a hash per word of every article).
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> buffer = length <= 256 ? stackalloc byte[256] : new byte[length];
        var hash = 1469598103934665603UL;
        foreach (var b in buffer[..Encoding.UTF8.GetBytes(text, buffer)])
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private static (ulong, ulong)[] CreateHashFunctions()
    {
        // SplitMix64 from a fixed seed: the same functions in every process, so stored signatures stay comparable.
        var state = 0x9E3779B97F4A7C15UL;
        var functions = new (ulong, ulong)[SignatureLength];
        for (var i = 0; i < SignatureLength; i++)
        {
            functions[i] = (Next(ref state) | 1UL, Next(ref state));
        }

        return functions;

        static ulong Next(ref ulong s)
        {
            s += 0x9E3779B97F4A7C15UL;
            var z = s;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
