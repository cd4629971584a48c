using System.IO.Abstractions;
using UnionFs.Sandbox;

namespace UnionFs;

/// <summary>Apply: write the upper's changes out to a directory, then continue with an empty upper.</summary>
public sealed partial class UnionFileSystem
{
    /// <summary>
    /// Writes the union's changes (<see cref="GetChanges"/>) to the directory <paramref name="root"/> of
    /// <paramref name="target"/>, typically the directory of the lower the union runs over, and then empties the
    /// upper; refuses, writing nothing, when the target changed on its own where the union changed something.
    /// The overload with <see cref="ApplyOptions"/> describes every step.
    /// </summary>
    /// <param name="target">The file system to write to; not this union.</param>
    /// <param name="root">An existing directory of <paramref name="target"/>: the union's <c>/</c> maps to it.</param>
    /// <returns>The changes that were written.</returns>
    /// <exception cref="UnionConflictException">The target changed where the union changed something; nothing was written.</exception>
    /// <seealso cref="ApplyTo(IFileSystem, string, ApplyOptions)"/>
    public IReadOnlyList<UnionChange> ApplyTo(IFileSystem target, string root) => ApplyTo(target, root, ApplyOptions.Default);

    /// <summary>
    /// Writes the union's changes (<see cref="GetChanges"/>) to the directory <paramref name="root"/> of
    /// <paramref name="target"/>, typically the directory of the lower the union runs over, or another copy of it.
    /// <para>
    /// First every changed path is checked: the target must hold there what the lowers held when the union read
    /// them (absent, a directory, or a file of the same length and bytes), or already what the union would write.
    /// Otherwise the target changed on its own since, and unless <see cref="ApplyOptions.Overwrite"/> is set the
    /// apply throws a <see cref="UnionConflictException"/> listing every such path, having written nothing. A
    /// directory the union deletes conflicts when the target added or changed anything inside it; elsewhere, an
    /// entry the target added on its own is kept. When the target is the lower's own directory, the lower and the
    /// target are the same files, so a change made there behind the union's back shows as a different size or
    /// modification time than the union saw: it is noticed where the union had read the path (looked it up, as
    /// every change of a file does, or listed its directory), not in parts of a deleted tree it never read.
    /// </para>
    /// <para>
    /// Then the changes are written, all or nothing: new directories are made, deleted entries (whole trees, the
    /// contents an opaque directory hides, the old name of a renamed entry) are removed, an entry that changes kind
    /// (file, directory, symbolic link) is replaced, and each new or changed file is written first into a hidden work
    /// area under <paramref name="root"/> and then renamed into place. What the apply replaces or removes is renamed
    /// into the work area until the end (a replaced link is remembered by its target), so when any step fails every
    /// step before it is undone, the target is as it was before the call, the upper is left as it was, and the
    /// failure is rethrown. Nothing outside <paramref name="root"/> is written. (Another reader of the target, between
    /// the two renames of a replaced path, may find the path absent for that moment.) Unix modes and times are copied
    /// where the target supports them.
    /// </para>
    /// <para>
    /// Last, the upper is emptied (as <see cref="Discard"/>) and the union forgets what it knew of its lowers (as
    /// <see cref="RefreshLowers"/>): when the target is a lower's own directory, the union shows the same tree as
    /// before, now from the lower, with no changes. Checkpoints stay valid.
    /// </para>
    /// </summary>
    /// <param name="target">The file system to write to; not this union.</param>
    /// <param name="root">An existing directory of <paramref name="target"/>: the union's <c>/</c> maps to it.</param>
    /// <param name="options">Whether to overwrite conflicting paths.</param>
    /// <returns>The changes that were written, as <see cref="GetChanges"/> listed them.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> is this union.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> is not an existing directory of <paramref name="target"/>.</exception>
    /// <exception cref="UnionConflictException">The target changed where the union changed something; nothing was written.</exception>
    /// <exception cref="IOException">The union is read-only (HResult 0x1E), or writing to the target failed (the target is
    /// as it was; if even undoing failed, the message names the work area that holds what was set aside).</exception>
    public IReadOnlyList<UnionChange> ApplyTo(IFileSystem target, string root, ApplyOptions options)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(options);
        if (ReferenceEquals(target, this)) throw new ArgumentException("A union cannot apply its changes to itself.", nameof(target));
        lock (Engine.WriteGate)
        {
            var upper = WritableUpper();
            var applied = UnionApplier.Apply(Engine, new TargetTree(target, root), options);
            DiscardUpper(upper);
            Engine.Lookup.ForgetLowers();
            return applied;
        }
    }
}
