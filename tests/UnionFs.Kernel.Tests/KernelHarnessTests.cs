using UnionFs.Kernel.Tests.Infrastructure;

namespace UnionFs.Kernel.Tests;

/// <summary>Checks of the kernel harness itself that need no kernel: layer descriptions, generator, repro code.</summary>
[TestFixture]
public sealed class KernelHarnessTests
{
    [Test]
    public void StandardLayers_AreWellFormed()
    {
        KernelScriptedCases.Standard.Sanitized().ToString().Should().Be(KernelScriptedCases.Standard.ToString());
    }

    [Test]
    public void Sanitized_DropsWhiteoutsOutsideMergedDirectories()
    {
        var layers = new LayerSet(
            new Lower().Whiteout("/a").Whiteout("/x/a").Whiteout("/m/a").Dir("/o"),
            new Lower().File("/a", "a").Dir("/m").Whiteout("/o/b"),
            new Lower().File("/o/b", "b"));

        var sanitized = layers.Sanitized();

        sanitized.Lowers[0].Entries.Should().BeEquivalentTo(new[]
        {
            new LayerEntry("/a", LayerEntryKind.Whiteout),
            new LayerEntry("/m/a", LayerEntryKind.Whiteout),
            new LayerEntry("/o", LayerEntryKind.Directory),
        });
        sanitized.Lowers[1].Entries.Should().Contain(new LayerEntry("/o/b", LayerEntryKind.Whiteout), "/o merges l1 and l2 with l3");
    }

    [Test]
    public void Sanitized_StopsAtOpaqueDirectoriesAndFiles()
    {
        var layers = new LayerSet(
            new Lower().Opaque("/o").Whiteout("/o/a").File("/f", "f"),
            new Lower().File("/o/a", "a").Dir("/f").Whiteout("/f/a"),
            new Lower().File("/f/a", "a"));

        var sanitized = layers.Sanitized();

        sanitized.Lowers[0].Entries.Should().NotContain(e => e.Kind == LayerEntryKind.Whiteout, "an opaque /o merges with nothing below");
        sanitized.Lowers[1].Entries.Should().NotContain(e => e.Kind == LayerEntryKind.Whiteout, "/f is a file on top, so l2's /f is not visible");
    }

    [Test]
    public void Generator_IsDeterministicPerSeed()
    {
        Generator.Scenario(42).ToCode().Should().Be(Generator.Scenario(42).ToCode());
        Generator.Scenario(42).ToCode().Should().NotBe(Generator.Scenario(43).ToCode());
    }

    [Test]
    public void Generator_NeverWritesLinkTargetsThatClimbOrAreAbsolute()
    {
        for (var seed = 1; seed <= 500; seed++)
        {
            var scenario = Generator.Scenario(seed);
            var targets = scenario.Layers.Lowers.SelectMany(l => l.Entries).Where(e => e.Kind == LayerEntryKind.SymbolicLink).Select(e => e.Text!)
                .Concat(scenario.Ops.OfType<CreateSymlink>().Select(op => op.Target));
            foreach (var target in targets)
            {
                target.Should().NotStartWith("/", $"seed {seed}");
                target.Split('/').Should().NotContain("..", $"seed {seed}");
            }
        }
    }

    [Test]
    public void Generator_UsesOnlyAbsoluteUnionPaths()
    {
        for (var seed = 1; seed <= 500; seed++)
        {
            foreach (var op in Generator.Scenario(seed).Ops)
            {
                var paths = op switch
                {
                    MoveFile m => [m.Source, m.Destination],
                    MoveDirectory m => [m.Source, m.Destination],
                    CopyFile c => [c.Source, c.Destination],
                    ReplaceFile r => new[] { r.Source, r.Destination, r.Backup }.OfType<string>().ToArray(),
                    ReadHandle { Action: WhileOpen.Move } h => [h.Path, h.Other],
                    _ => op.GetType().GetProperty("Path")?.GetValue(op) is string p ? [p] : Array.Empty<string>(),
                };
                foreach (var path in paths) path.Should().StartWith("/", $"seed {seed}: {op}");
            }
        }
    }

    [Test]
    public void Generator_LayersAreWellFormed()
    {
        for (var seed = 1; seed <= 200; seed++)
        {
            var layers = Generator.Scenario(seed).Layers;
            layers.Sanitized().ToString().Should().Be(layers.ToString(), $"seed {seed}");
            layers.Lowers.Count.Should().BeInRange(1, 4);
        }
    }

    [Test]
    public void Scenario_ToCode_PrintsPasteableCSharp()
    {
        var scenario = new Scenario("s", new LayerSet(new Lower().File("/a", "x\"y").Whiteout("/b")),
            [new MoveFile("/a", "/b", true), new Enumerate("/", Listing.Files, "*.txt", SearchOption.AllDirectories)]);

        scenario.ToCode().Should().Contain("new Lower().File(\"/a\", \"x\\\"y\").Whiteout(\"/b\")")
            .And.Contain("fs.File.Move(\"/a\", \"/b\", overwrite: true);")
            .And.Contain("fs.Directory.GetFiles(\"/\", \"*.txt\", SearchOption.AllDirectories);");
    }
}
