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
}

/// <summary>A union stacked per <see cref="Configuration"/>, with its Zio lower fingerprinted when built.</summary>
public sealed class StackedUnion : IDisposable
{
    private readonly string? _temporaryDirectory;
    private readonly global::Zio.IFileSystem? _lowerFs;
    private readonly UPath _lowerRoot;
    private readonly string? _lowerFingerprint;

    public StackedUnion(Configuration configuration)
    {
        IBranch upper;
        if (configuration == Configuration.ZioUpperAndLower)
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
                _temporaryDirectory = Directory.CreateTempSubdirectory("unionfs-zio-").FullName;
                var physical = new PhysicalFileSystem();
                var root = physical.ConvertPathFromInternal(_temporaryDirectory);
                Layers.Fill(physical, root, Layers.Lower);
                (_lowerFs, _lowerRoot) = (physical, root);
                lower = new ZioBranch(physical, root);
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
        Union = new UnionFileSystem(upper, lower);
        Zio = Union.AsZio();
    }

    public UnionFileSystem Union { get; }

    public global::Zio.IFileSystem Zio { get; }

    /// <summary>The Zio file system of the upper, when it is a <see cref="ZioBranch"/>.</summary>
    public MemoryFileSystem? UpperFs { get; }

    /// <summary>Throws when the Zio lower shows anything different from what it showed when the union was built.</summary>
    public void AssertLowerUnchanged()
    {
        if (_lowerFs is null) return;
        Fingerprint.Of(_lowerFs, _lowerRoot, accessTimes: false).Should().Be(_lowerFingerprint, "a lower branch is never written");
    }

    public void Dispose()
    {
        Zio.Dispose();
        (_lowerFs as IDisposable)?.Dispose();
        UpperFs?.Dispose();
        if (_temporaryDirectory is not null) Directory.Delete(_temporaryDirectory, recursive: true);
    }
}
