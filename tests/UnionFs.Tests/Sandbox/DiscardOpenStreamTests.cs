using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Sandbox;

/// <summary>
/// A stream open on an upper file keeps working on its own data after <see cref="UnionFileSystem.Discard"/>.
/// Not run over MockFileSystem, whose streams write their buffer back to the path when closed.
/// </summary>
[TestFixtureSource(typeof(SandboxPlacements), nameof(SandboxPlacements.KindsWhoseStreamsOutliveTheirFile))]
public class DiscardOpenStreamTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    [Test]
    public void Discard_WhileAStreamIsOpenOnAnUpperFile_ShouldLeaveTheStreamUsable()
    {
        var stream = Fs.File.Open("/books/c", FileMode.Open, FileAccess.ReadWrite);
        try
        {
            stream.Write("X"u8);

            Fs.Discard();

            stream.Write("Y"u8);
            stream.Position = 0;
            using var reader = new StreamReader(stream, leaveOpen: true);
            reader.ReadToEnd().Should().Be("XYbook");
        }
        finally
        {
            stream.Dispose();
        }

        Fs.File.ReadAllText("/books/c").Should().Be("c book", "the stream's writes no longer show in the union");
    }
}
