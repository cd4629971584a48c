namespace UnionFs.Images;

/// <summary><c>docker commit</c> for a union, in memory.</summary>
public static class UnionCommitExtensions
{
    /// <summary>
    /// Turns the upper branch of <paramref name="fs"/> into a read-only lower and continues with a fresh upper:
    /// the new union shows the same tree, its top lower is the old upper (behind a <see cref="ReadOnlyBranch"/>),
    /// and it has no changes yet. Nothing is copied, so stop writing through <paramref name="fs"/> afterwards: its
    /// writes would show through the new union's lower. <see cref="OciImageWriter"/> writes the result as an image.
    /// </summary>
    /// <param name="fs">A union with an upper branch.</param>
    /// <param name="newUpper">The new writable branch; a new <see cref="MemoryBranch"/> when null.</param>
    /// <returns>The new union: <paramref name="newUpper"/> over the old upper over the old lowers.</returns>
    /// <exception cref="ArgumentException"><paramref name="fs"/> is read-only.</exception>
    public static UnionFileSystem Commit(this UnionFileSystem fs, IBranch? newUpper = null)
    {
        ArgumentNullException.ThrowIfNull(fs);
        var upper = fs.Upper ?? throw new ArgumentException("A read-only union has no upper branch to commit.", nameof(fs));
        IBranch committed = upper.IsReadOnly ? upper : new ReadOnlyBranch(upper);
        return new UnionFileSystem(newUpper ?? new MemoryBranch(), [committed, .. fs.Lowers]);
    }
}
