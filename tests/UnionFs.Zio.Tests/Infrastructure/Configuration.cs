using Zio;
using Zio.FileSystems;

namespace UnionFs.Zio.Tests.Infrastructure;

/// <summary>How the union under test is stacked: the same layers, in different branch types.</summary>
public enum Configuration
{
    /// <summary>A memory upper over a memory lower (the union alone).</summary>
    MemoryLower,

    /// <summary>A memory upper over a <see cref="ZioBranch"/> on Zio's memory file system.</summary>
    ZioMemoryLower,

    /// <summary>A memory upper over a <see cref="ZioBranch"/> on Zio's physical file system (a temporary directory).</summary>
    ZioPhysicalLower,

    /// <summary>A memory upper over a <see cref="ZioBranch"/> on a zip archive opened for reading.</summary>
    ZioZipLower,

    /// <summary>A <see cref="ZioBranch"/> upper on Zio's memory file system over a <see cref="ZioBranch"/> lower on another one.</summary>
    ZioUpperAndLower,

    /// <summary>A memory upper over two Zio lowers: Zio's memory file system on top, Zio's physical file system below.</summary>
    ZioMemoryAndPhysicalLowers,

    /// <summary>A <see cref="ZioBranch"/> upper on Zio's physical file system (a temporary directory) over a memory lower.</summary>
    ZioPhysicalUpper,
}

/// <summary>A union stacked per <see cref="Configuration"/>, with its Zio lower fingerprinted when built.</summary>
public sealed class StackedUnion : IDisposable
{
    private readonly string? _temporaryDirectory;
    private readonly string? _upperDirectory;
    private readonly global::Zio.IFileSystem? _lowerFs;
    private readonly UPath _lowerRoot;
    private readonly string? _lowerFingerprint;
    private readonly MemoryFileSystem? _topFs;
    private readonly string? _topFingerprint;

    public StackedUnion(Configuration configuration)
    {
        IBranch upper;
        if (configuration == Configuration.ZioPhysicalUpper)
        {
            _upperDirectory = Directory.CreateTempSubdirectory("unionfs-zio-upper-").FullName;
            var disk = new PhysicalFileSystem();
            var layer = disk.ConvertPathFromInternal(_upperDirectory);
            Layers.Fill(disk, layer, Layers.Upper, Layers.UpperWhiteouts);
            upper = new ZioBranch(disk, layer);
        }
        else if (configuration == Configuration.ZioUpperAndLower)
        {
            UpperFs = new MemoryFileSystem();
            UpperFs.CreateDirectory("/layer");
            Layers.Fill(UpperFs, "/layer", Layers.Upper, Layers.UpperWhiteouts);
            upper = new ZioBranch(UpperFs, "/layer");
        }
        else
        {
            var memory = new MemoryBranch();
            Layers.Fill(memory, Layers.Upper, Layers.UpperWhiteouts);
            upper = memory;
        }

        IBranch lower;
        switch (configuration)
        {
            case Configuration.MemoryLower:
            case Configuration.ZioPhysicalUpper:
                var memoryLower = new MemoryBranch();
                Layers.Fill(memoryLower, Layers.Lower);
                lower = memoryLower;
                break;
            case Configuration.ZioMemoryLower:
            case Configuration.ZioUpperAndLower:
                var memoryFs = new MemoryFileSystem();
                memoryFs.CreateDirectory("/base");
                Layers.Fill(memoryFs, "/base", Layers.Lower);
                (_lowerFs, _lowerRoot) = (memoryFs, "/base");
                lower = new ZioBranch(memoryFs, "/base");
                break;
            case Configuration.ZioPhysicalLower:
            case Configuration.ZioMemoryAndPhysicalLowers:
                _temporaryDirectory = Directory.CreateTempSubdirectory("unionfs-zio-").FullName;
                var physical = new PhysicalFileSystem();
                var root = physical.ConvertPathFromInternal(_temporaryDirectory);
                var twoLowers = configuration == Configuration.ZioMemoryAndPhysicalLowers;
                Layers.Fill(physical, root, twoLowers ? Layers.LowerBottom : Layers.Lower);
                (_lowerFs, _lowerRoot) = (physical, root);
                lower = new ZioBranch(physical, root);
                if (twoLowers)
                {
                    _topFs = new MemoryFileSystem();
                    Layers.Fill(_topFs, UPath.Root, Layers.LowerTop);
                    _topFingerprint = Fingerprint.Of(_topFs, UPath.Root, accessTimes: false);
                }
                break;
            case Configuration.ZioZipLower:
                var zip = Layers.OpenZip(Layers.Zip(Layers.Lower));
                (_lowerFs, _lowerRoot) = (zip, UPath.Root);
                lower = new ZioBranch(zip, UPath.Root);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(configuration));
        }
        if (_lowerFs is not null) _lowerFingerprint = Fingerprint.Of(_lowerFs, _lowerRoot, accessTimes: false);
        Union = _topFs is null ? new UnionFileSystem(upper, lower) : new UnionFileSystem(upper, new ZioBranch(_topFs, UPath.Root), lower);
        Zio = Union.AsZio();
    }

    public UnionFileSystem Union { get; }

    public global::Zio.IFileSystem Zio { get; }

    /// <summary>The Zio file system of the upper, when it is a <see cref="ZioBranch"/>.</summary>
    public MemoryFileSystem? UpperFs { get; }

    /// <summary>Throws when the Zio lower shows anything different from what it showed when the union was built.</summary>
    public void AssertLowerUnchanged()
    {
        if (_topFs is not null) Fingerprint.Of(_topFs, UPath.Root, accessTimes: false).Should().Be(_topFingerprint, "a lower branch is never written");
        if (_lowerFs is null) return;
        Fingerprint.Of(_lowerFs, _lowerRoot, accessTimes: false).Should().Be(_lowerFingerprint, "a lower branch is never written");
    }

    public void Dispose()
    {
        Zio.Dispose();
        (_lowerFs as IDisposable)?.Dispose();
        UpperFs?.Dispose();
        _topFs?.Dispose();
        if (_temporaryDirectory is not null) Directory.Delete(_temporaryDirectory, recursive: true);
        if (_upperDirectory is not null) DeleteWritable(_upperDirectory);
    }

    /// <summary>Deletes a directory tree in which the test may have made files read-only.</summary>
    private static void DeleteWritable(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
            File.SetAttributes(file, FileAttributes.Normal);
        Directory.Delete(directory, recursive: true);
    }
}
