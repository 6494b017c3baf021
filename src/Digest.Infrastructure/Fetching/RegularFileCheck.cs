using System.Runtime.InteropServices;

namespace Digest.Infrastructure.Fetching;

/// <summary>
/// Tells whether a path (after following symbolic links) is a regular file, before it is opened. It must be before:
/// opening a FIFO blocks until a writer appears, and a device (<c>/dev/zero</c>, <c>/dev/stdin</c>) never ends or
/// steals the process's input.
/// </summary>
/// <remarks>
/// .NET does not expose the file type: <see cref="FileSystemInfo.Attributes"/> says <c>Normal</c> for a FIFO and for
/// <c>/dev/null</c> alike (checked on Linux). On Linux the type comes from <c>statx(2)</c>, whose layout is the same on
/// every architecture. Elsewhere only the attributes and the system folders below are checked.
/// </remarks>
internal static partial class RegularFileCheck
{
    // procfs and sysfs files say they are regular but are generated as they are read (some never end, some block);
    // /dev holds devices. None is a feed.
    private static readonly string[] SystemFolders = ["/dev/", "/proc/", "/sys/"];

    /// <summary>Null when <paramref name="path"/> is a regular file (or does not exist: opening it reports that), else why not.</summary>
    public static string? WhyNotRegular(string path)
    {
        var target = ResolvedPath(path);
        foreach (var candidate in new[] { Path.GetFullPath(path), target })
        {
            if (!OperatingSystem.IsWindows() && SystemFolders.Any(folder => candidate.StartsWith(folder, StringComparison.Ordinal)))
            {
                return $"{candidate} is a device or system file, not a regular file";
            }
        }

        if (Directory.Exists(target))
        {
            return "it is a folder, not a file";
        }

        if (OperatingSystem.IsLinux() && FileTypeOnLinux(target) is { } type && type != RegularType)
        {
            return $"it is {DescribeType(type)}, not a regular file";
        }

        var info = new FileInfo(target);
        if (info.Exists && (info.Attributes & FileAttributes.Device) != 0)
        {
            return "it is a device, not a regular file";
        }

        return null;
    }

    private static string ResolvedPath(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        }
        catch (IOException)
        {
            // A link loop or a dangling link: opening the path reports the problem.
            return Path.GetFullPath(path);
        }
    }

    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int StatxModeOffset = 28;
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;

    /// <summary>The S_IFMT bits of the file <paramref name="path"/> leads to, or null when they cannot be had.</summary>
    private static int? FileTypeOnLinux(string path)
    {
        var buffer = new byte[256]; // sizeof(struct statx)
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
            {
                return null;
            }
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }

        return BitConverter.ToUInt16(buffer, StatxModeOffset) & TypeMask;
    }

    private static string DescribeType(int type) => type switch
    {
        0x1000 => "a FIFO (named pipe)",
        0x2000 => "a character device",
        0x4000 => "a folder",
        0x6000 => "a block device",
        0xC000 => "a socket",
        _ => "not a regular file",
    };

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, [Out] byte[] buffer);
}
