using BenchmarkDotNet.Attributes;

namespace UnionFs.Benchmarks.Infrastructure;

/// <summary>
/// What every comparison class shares: a lazily mounted tmpfs for the plain-tmpfs floor and the kernel
/// overlays, and one <see cref="GlobalCleanup"/> that unmounts them (overlays first, then the tmpfs).
/// Derived classes put their own clean-up in <see cref="Cleanup"/>, never in another [GlobalCleanup].
/// </summary>
public abstract class BenchmarkBase
{
    private readonly List<KernelOverlay> _overlays = [];
    private TmpfsMount? _tmpfs;

    /// <summary>The tmpfs of this benchmark process, mounted on first use.</summary>
    protected TmpfsMount Tmpfs => _tmpfs ??= new TmpfsMount();

    /// <summary>Writes <paramref name="layer"/> into a plain directory of the tmpfs and returns its path.</summary>
    protected string PlainDirectory(Layer layer, string name = "plain")
    {
        ArgumentNullException.ThrowIfNull(layer);
        var root = Tmpfs.Combine(name);
        layer.WriteTo(root);
        return root;
    }

    /// <summary>
    /// Writes <paramref name="lowers"/> (topmost first) and, when given, <paramref name="upper"/> into the
    /// directories of a kernel overlay on the tmpfs and mounts it.
    /// </summary>
    protected KernelOverlay MountOverlay(IReadOnlyList<Layer> lowers, Layer? upper = null, string name = "ovl")
    {
        ArgumentNullException.ThrowIfNull(lowers);
        var overlay = new KernelOverlay(Tmpfs, lowers.Count, name);
        _overlays.Add(overlay);
        for (var i = 0; i < lowers.Count; i++) lowers[i].WriteTo(overlay.LowerDirs[i]);
        upper?.WriteTo(overlay.UpperDir);
        overlay.Mount();
        return overlay;
    }

    /// <summary>Runs <see cref="Cleanup"/>, then unmounts every overlay and the tmpfs.</summary>
    [GlobalCleanup]
    public void GlobalCleanup()
    {
        try
        {
            Cleanup();
        }
        finally
        {
            foreach (var overlay in _overlays) overlay.Dispose();
            _overlays.Clear();
            _tmpfs?.Dispose();
            _tmpfs = null;
        }
    }

    /// <summary>A derived class's own clean-up (temporary files outside the tmpfs, for instance).</summary>
    protected virtual void Cleanup()
    {
    }

    /// <summary>Throws when a fixture does not look as the benchmark expects (a setup bug must not pass as a result).</summary>
    protected static void Check(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException($"The benchmark fixture does not look as expected: {what}.");
    }
}
