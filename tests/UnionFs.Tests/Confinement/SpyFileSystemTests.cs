using System.IO.Abstractions.TestingHelpers;

namespace UnionFs.Tests.Confinement;

/// <summary>The spy the confinement tests rely on sees what it must: every path argument, the infos it hands out, and host links.</summary>
public class SpyFileSystemTests
{
    private static readonly Type[] Watched =
    [
        typeof(IFile), typeof(IDirectory), typeof(IFileInfo), typeof(IDirectoryInfo), typeof(IFileSystemInfo),
        typeof(IFileInfoFactory), typeof(IDirectoryInfoFactory), typeof(IFileStreamFactory), typeof(IDriveInfoFactory),
        typeof(IFileSystemWatcherFactory), typeof(IFileVersionInfoFactory),
    ];

    [Test]
    public void EveryStringParameter_ShouldBeKnownAsAPathOrNot()
    {
        var unknown = Watched
            .SelectMany(t => t.GetMethods().SelectMany(m => m.GetParameters().Where(p => p.ParameterType == typeof(string)).Select(p => (Member: $"{t.Name}.{m.Name}", Name: p.Name!))))
            .Where(p => !AccessRules.Paths.Contains(p.Name) && !AccessRules.NotPaths.Contains(p.Name));

        unknown.Should().BeEmpty();
    }

    [Test]
    public void PathsOutsideTheRoot_AndRelativePaths_ShouldBeViolations()
    {
        var mock = new MockFileSystem();
        mock.Directory.CreateDirectory("/sandbox/root");
        mock.File.WriteAllText("/sandbox/canary.txt", "c");
        var spy = new SpyFileSystem(mock, "/sandbox/root", checkHostLinks: false);

        spy.File.Exists("/sandbox/root/a");
        spy.File.Exists("/sandbox/canary.txt");
        spy.File.ReadAllText("/sandbox/root/../canary.txt");
        spy.FileInfo.New("relative.txt").Exists.Should().BeFalse();

        spy.Violations.Should().HaveCount(4, "the relative path is outside twice: named, then read through its info");
        spy.Accesses.Select(a => a.Path).Should().Contain("/sandbox/root/a");
    }

    [Test]
    public void InfosHandedOut_ShouldBeWatchedToo()
    {
        var mock = new MockFileSystem();
        mock.Directory.CreateDirectory("/sandbox/root/dir");
        mock.File.WriteAllText("/sandbox/root/dir/f", "f");
        var spy = new SpyFileSystem(mock, "/sandbox/root", checkHostLinks: false);

        var file = spy.DirectoryInfo.New("/sandbox/root/dir").EnumerateFileSystemInfos().Single();
        file.Should().BeAssignableTo<IFileInfo>();
        ((IFileInfo)file).Directory!.Parent!.Parent!.Attributes = FileAttributes.Normal;

        spy.Accesses.Should().Contain(new HostAccess("IFileInfo.get_Directory", "/sandbox/root/dir/f", Writes: false));
        spy.Writes.Should().ContainSingle().Which.Should().Be(new HostAccess("IDirectoryInfo.set_Attributes", "/sandbox", Writes: true));
        spy.Violations.Should().ContainSingle().Which.Should().Contain("outside the root");
    }

    [Test]
    public void OnTheRealDisk_PassingThroughOrFollowingAHostLink_ShouldBeAViolation()
    {
        using var host = ConfinementHost.Create(HostKind.RealDisk);
        host.Planter.Link("out", host.Outside);
        host.Planter.Link("canary", host.Canary);
        var spy = new SpyFileSystem(host.Host, host.Root, checkHostLinks: true);

        _ = spy.FileInfo.New(host.Planter.InRoot("canary")).LinkTarget;
        spy.File.Delete(host.Planter.InRoot("nothing-here"));
        spy.Violations.Should().BeEmpty("reading a link, or naming what is not there, leaves nothing");

        spy.File.Exists(host.Planter.InRoot("out/secret.txt"));
        spy.File.GetUnixFileMode(host.Planter.InRoot("canary"));

        spy.Violations.Should().HaveCount(2).And.Contain(v => v.Contains("passes through the host link")).And.Contain(v => v.Contains("follows the host link"));
    }
}
