using UnionFs.Kernel.Tests.Infrastructure;

namespace UnionFs.Kernel.Tests;

/// <summary>
/// Scripted scenarios after unionmount-testsuite's families (open, truncate, dir-open, readlink, mkdir, rmdir,
/// rmtree, unlink, rename-file, rename-dir, rename-new-dir, rename-pop-dir, rename-move-dir, rename-mass),
/// all over the same two lower layers.
/// </summary>
public static class KernelScriptedCases
{
    /// <summary>
    /// The layers every scripted case starts from. l1 (top) over l2 (bottom):
    /// <list type="bullet">
    /// <item>/f, /d (lower-only tree), /empty, /pop (populated): only in l2; /l1only, /l1dir: only in l1</item>
    /// <item>/m: merged (both layers; /m/both in each, l1 wins)</item>
    /// <item>/fod: a file in l1 over a directory in l2; /dof: a directory in l1 over a file in l2</item>
    /// <item>/wo, /wod: a file and a directory of l2 whited out in l1; /opq: opaque in l1 over l2's /opq</item>
    /// <item>/allwo: every entry of l2's /allwo whited out in l1 (merged, but empty)</item>
    /// <item>links in l1: /sfile -> f, /sdir -> d, /sdangle -> nowhere, /sloop -> sloop, /m/up -> ../f;
    /// in l2: /deep/er/up -> ../../f, /deep/er/updir -> ../../m (no case moves /deep, so ".." never climbs out)</item>
    /// </list>
    /// </summary>
    public static LayerSet Standard { get; } = new(
        new Lower()
            .File("/l1only", "l1 l1only")
            .File("/a.txt", "l1 a.txt")
            .Dir("/l1dir").File("/l1dir/a", "l1 l1dir/a")
            .File("/m/top", "l1 m/top").File("/m/both", "l1 m/both").Link("/m/up", "../f")
            .File("/fod", "l1 fod")
            .Dir("/dof").File("/dof/inner", "l1 dof/inner")
            .Whiteout("/wo").Whiteout("/wod")
            .Opaque("/opq").File("/opq/shown", "l1 opq/shown")
            .Dir("/allwo").Whiteout("/allwo/a").Whiteout("/allwo/b")
            .Link("/sfile", "f").Link("/sdir", "d").Link("/sdangle", "nowhere").Link("/sloop", "sloop"),
        new Lower()
            .File("/f", "l2 f")
            .Dir("/d").File("/d/f1", "l2 d/f1").File("/d/f2", "l2 d/f2").File("/d/readme.txt", "l2 d/readme.txt").File("/d/sub/f3", "l2 d/sub/f3")
            .File("/m/low", "l2 m/low").File("/m/both", "l2 m/both").File("/m/note.txt", "l2 m/note.txt").File("/m/sub/deep", "l2 m/sub/deep")
            .Dir("/empty")
            .Dir("/fod").File("/fod/inner", "l2 fod/inner")
            .File("/dof", "l2 dof")
            .File("/wo", "l2 wo").File("/wod/x", "l2 wod/x")
            .File("/opq/hidden", "l2 opq/hidden")
            .File("/allwo/a", "l2 allwo/a").File("/allwo/b", "l2 allwo/b")
            .File("/pop/a", "l2 pop/a").File("/pop/b/c", "l2 pop/b/c")
            .Link("/deep/er/up", "../../f").Link("/deep/er/updir", "../../m").File("/deep/er/own", "l2 deep/er/own"));

    /// <summary>Names an open can meet: lower files, a shadowed file, missing, links, directories, bad parents, a whiteout.</summary>
    private static readonly string[] OpenTargets =
        ["f", "l1only", "m/both", "new", "upper", "sfile", "sdangle", "sloop", "d", "sdir", "fod/inner", "nodir/x", "wo", "wod/x", "opq/hidden", "m/up"];

    private static readonly (FileMode Mode, FileAccess Access)[] ValidOpens =
    [
        (FileMode.Open, FileAccess.Read), (FileMode.Open, FileAccess.Write), (FileMode.Open, FileAccess.ReadWrite),
        (FileMode.OpenOrCreate, FileAccess.Read), (FileMode.OpenOrCreate, FileAccess.Write), (FileMode.OpenOrCreate, FileAccess.ReadWrite),
        (FileMode.Create, FileAccess.Write), (FileMode.Create, FileAccess.ReadWrite),
        (FileMode.CreateNew, FileAccess.Write), (FileMode.CreateNew, FileAccess.ReadWrite),
        (FileMode.Truncate, FileAccess.Write), (FileMode.Truncate, FileAccess.ReadWrite),
        (FileMode.Append, FileAccess.Write),
    ];

    public static IEnumerable<TestCaseData> All() =>
        Open().Concat(Truncate()).Concat(ReadLink()).Concat(Mkdir()).Concat(Rmdir()).Concat(Rmtree()).Concat(Unlink())
            .Concat(RenameFile()).Concat(RenameDir()).Concat(RenameNewDir()).Concat(RenamePopDir()).Concat(RenameMoveDir())
            .Concat(RenameMass()).Concat(Metadata()).Concat(CopyAndReplace()).Concat(Listings());

    // ---- open: plain, trunc, creat, excl on every kind of name ----

    private static IEnumerable<TestCaseData> Open()
    {
        foreach (var target in OpenTargets)
        {
            foreach (var (mode, access) in ValidOpens)
            {
                var path = "/" + target;
                var ops = new List<Op>();
                if (target == "upper") ops.Add(new WriteAllText(path, "made in upper"));
                ops.Add(new OpenFile(path, mode, access, "<written>"));
                ops.Add(new OpenFile(path, mode, access, "<again>"));
                ops.Add(new ReadAllText(path));
                yield return Case($"open_{target.Replace('/', '_')}_{mode}_{access}", ops);
            }
        }
        foreach (var (mode, access) in new[]
                 {
                     (FileMode.Create, FileAccess.Read), (FileMode.CreateNew, FileAccess.Read), (FileMode.Truncate, FileAccess.Read),
                     (FileMode.Append, FileAccess.Read), (FileMode.Append, FileAccess.ReadWrite),
                 })
        {
            yield return Case($"open_invalid_{mode}_{access}", new OpenFile("/f", mode, access, "x"), new OpenFile("/new", mode, access, "x"));
        }
    }

    private static IEnumerable<TestCaseData> Truncate()
    {
        foreach (var target in new[] { "f", "sfile", "m/both", "new", "d", "sdangle" })
        {
            yield return Case($"truncate_{target.Replace('/', '_')}_to_0", new SetLength("/" + target, 0), new ReadAllText("/" + target));
            yield return Case($"truncate_{target.Replace('/', '_')}_to_2", new SetLength("/" + target, 2), new ReadAllText("/" + target));
        }
        foreach (var target in new[] { "f", "m/both", "l1only", "upper", "sfile" })
        {
            var path = "/" + target;
            var setup = target == "upper" ? new Op[] { new WriteAllText(path, "made in upper") } : [];
            yield return Case($"open_handle_{Safe(target)}_sees_append", [.. setup, new ReadHandle(path, WhileOpen.Append, "+appended")]);
            yield return Case($"open_handle_{Safe(target)}_sees_rewrite", [.. setup, new ReadHandle(path, WhileOpen.Rewrite, "rewritten")]);
            yield return Case($"open_handle_{Safe(target)}_survives_unlink", [.. setup, new ReadHandle(path, WhileOpen.Delete, "")]);
            yield return Case($"open_handle_{Safe(target)}_survives_rename", [.. setup, new ReadHandle(path, WhileOpen.Move, "/moved")]);
        }
        yield return Case("truncate_then_append_lower", new SetLength("/f", 1), new AppendAllText("/f", "+"), new ReadAllText("/f"));
        yield return Case("dir_open_read", new OpenFile("/d", FileMode.Open, FileAccess.Read, ""), new OpenFile("/m", FileMode.Open, FileAccess.Read, ""));
        yield return Case("dir_open_write", new OpenFile("/d", FileMode.Open, FileAccess.Write, ""), new OpenFile("/sdir", FileMode.OpenOrCreate, FileAccess.ReadWrite, ""));
    }

    private static IEnumerable<TestCaseData> ReadLink()
    {
        foreach (var target in new[] { "sfile", "sdir", "sdangle", "sloop", "f", "d", "new", "m/up", "wo" })
        {
            yield return Case($"readlink_{target.Replace('/', '_')}", new ResolveLinkTarget("/" + target, false));
            yield return Case($"readlink_final_{target.Replace('/', '_')}", new ResolveLinkTarget("/" + target, true));
        }
        yield return Case("readlink_new_link", new CreateSymlink("/nl", "m/both"), new ResolveLinkTarget("/nl", false), new ReadAllText("/nl"));
        yield return Case("symlink_over_existing", new CreateSymlink("/f", "d"), new CreateSymlink("/d", "f"), new CreateSymlink("/sfile", "d"));
        yield return Case("symlink_over_whiteout", new CreateSymlink("/wo", "f"), new ReadAllText("/wo"), new CreateSymlink("/wod", "d"), new Enumerate("/wod", Listing.Entries, "*", SearchOption.TopDirectoryOnly));
        yield return Case("symlink_in_lower_dir", new CreateSymlink("/d/sub/l", "../f1"), new ReadAllText("/d/sub/l"));
        yield return Case("write_through_link", new WriteAllText("/sfile", "via link"), new ReadAllText("/f"), new WriteAllText("/sdangle", "made by link"), new ReadAllText("/nowhere"));
        yield return Case("dotdot_link_read", new ReadAllText("/deep/er/up"), new ResolveLinkTarget("/deep/er/up", true), new Enumerate("/deep/er/updir", Listing.Entries, "*", SearchOption.TopDirectoryOnly));
        yield return Case("dotdot_link_write", new AppendAllText("/deep/er/up", "+"), new ReadAllText("/f"), new WriteAllText("/deep/er/updir/new", "n"), new ReadAllText("/m/new"));
        yield return Case("dotdot_link_new", new CreateSymlink("/deep/er/l", "../../l1only"), new ReadAllText("/deep/er/l"), new CreateSymlink("/deep/er/own2", "../er/own"), new ReadAllText("/deep/er/own2"));
        yield return Case("dotdot_link_through_renamed_target", new MoveFile("/f", "/g", false), new ReadAllText("/deep/er/up"), new MoveFile("/g", "/f", false), new ReadAllText("/deep/er/up"));
        yield return Case("dotdot_link_delete", new DeleteFile("/deep/er/up"), new DeleteDirectory("/deep/er/updir", false), new Exists("/m"), new Enumerate("/deep", Listing.Entries, "*", SearchOption.AllDirectories));
        yield return Case("write_through_dir_link", new WriteAllText("/sdir/new", "via dir link"), new ReadAllText("/d/new"));
    }

    // ---- mkdir ----

    private static IEnumerable<TestCaseData> Mkdir()
    {
        foreach (var target in new[] { "new", "f", "d", "m", "empty", "sdir", "sdangle", "sfile", "sloop", "wo", "wod", "fod", "dof", "fod/inner", "nodir/a/b", "d/sub/new", "m/sub/new", "opq/hidden", "allwo/a" })
        {
            var path = "/" + target;
            yield return Case($"mkdir_{target.Replace('/', '_')}", new CreateDirectory(path), new Enumerate(path, Listing.Entries, "*", SearchOption.AllDirectories));
        }
        yield return Case("mkdir_after_rmdir_lower_is_opaque", new DeleteDirectory("/d", true), new CreateDirectory("/d"), new Enumerate("/d", Listing.Entries, "*", SearchOption.AllDirectories));
        yield return Case("mkdir_after_rmdir_merged_is_opaque", new DeleteDirectory("/m", true), new CreateDirectory("/m"), new Enumerate("/m", Listing.Entries, "*", SearchOption.AllDirectories));
        yield return Case("mkdir_after_unlink_lower_file", new DeleteFile("/f"), new CreateDirectory("/f"), new Enumerate("/f", Listing.Entries, "*", SearchOption.TopDirectoryOnly));
        yield return Case("mkdir_after_rmdir_allwo", new DeleteDirectory("/allwo", false), new CreateDirectory("/allwo"), new Enumerate("/allwo", Listing.Entries, "*", SearchOption.TopDirectoryOnly));
        yield return Case("mkdir_nested_after_rmdir", new DeleteDirectory("/d", true), new CreateDirectory("/d/sub"), new Enumerate("/d", Listing.Entries, "*", SearchOption.AllDirectories));
        yield return Case("mkdir_twice", new CreateDirectory("/n/o"), new CreateDirectory("/n/o"), new CreateDirectory("/n"));
    }

    // ---- rmdir ----

    private static IEnumerable<TestCaseData> Rmdir()
    {
        foreach (var target in new[] { "empty", "d", "m", "allwo", "l1dir", "f", "new", "sdir", "sdangle", "opq", "wod", "fod", "dof", "d/sub", "m/sub", "nodir/x" })
        {
            var path = "/" + target;
            yield return Case($"rmdir_{target.Replace('/', '_')}", new DeleteDirectory(path, false), new Exists(path), new Enumerate("/", Listing.Entries, "*", SearchOption.TopDirectoryOnly));
        }
        yield return Case("rmdir_all_whited_out_counts_as_empty", new DeleteDirectory("/allwo", false), new Exists("/allwo"));
        yield return Case("rmdir_after_emptying_lower_dir",
            new DeleteFile("/d/f1"), new DeleteFile("/d/f2"), new DeleteFile("/d/readme.txt"), new DeleteDirectory("/d", false),
            new DeleteDirectory("/d/sub", true), new DeleteDirectory("/d", false), new Exists("/d"));
        yield return Case("rmdir_after_emptying_merged_dir",
            new DeleteFile("/m/top"), new DeleteFile("/m/both"), new DeleteFile("/m/low"), new DeleteFile("/m/note.txt"), new DeleteFile("/m/up"),
            new DeleteDirectory("/m", false), new DeleteDirectory("/m/sub", true), new DeleteDirectory("/m", false), new Exists("/m"));
        yield return Case("rmdir_dof_after_emptying", new DeleteFile("/dof/inner"), new DeleteDirectory("/dof", false), new Exists("/dof"), new WriteAllText("/dof", "new dof"));
        yield return Case("rmdir_then_recreate_file", new DeleteDirectory("/empty", false), new WriteAllText("/empty", "now a file"), new ReadAllText("/empty"));
        yield return Case("rmdir_new_upper_dir", new CreateDirectory("/nd"), new DeleteDirectory("/nd", false), new Exists("/nd"));
        yield return Case("rmdir_root", new DeleteDirectory("/", false));
    }

    private static IEnumerable<TestCaseData> Rmtree()
    {
        foreach (var target in new[] { "d", "m", "pop", "opq", "dof", "allwo", "wod", "l1dir", "sdir", "fod" })
        {
            var path = "/" + target;
            yield return Case($"rmtree_{target}", new DeleteDirectory(path, true), new Exists(path), new Enumerate("/", Listing.Entries, "*", SearchOption.AllDirectories));
        }
        yield return Case("rmtree_then_recreate", new DeleteDirectory("/pop", true), new WriteAllText("/pop/b/c", "new"), new CreateDirectory("/pop/b"), new WriteAllText("/pop/b/c", "new"), new Enumerate("/pop", Listing.Entries, "*", SearchOption.AllDirectories));
        yield return Case("rmtree_subtree_of_merged", new DeleteDirectory("/m/sub", true), new Enumerate("/m", Listing.Entries, "*", SearchOption.AllDirectories));
        yield return Case("rmtree_root", new DeleteDirectory("/", true), new Enumerate("/", Listing.Entries, "*", SearchOption.AllDirectories));
    }

    // ---- unlink ----

    private static IEnumerable<TestCaseData> Unlink()
    {
        foreach (var target in new[] { "f", "l1only", "m/both", "m/low", "m/up", "new", "d", "empty", "sfile", "sdir", "sdangle", "sloop", "wo", "fod", "dof", "nodir/x", "fod/inner" })
        {
            var path = "/" + target;
            yield return Case($"unlink_{target.Replace('/', '_')}", new DeleteFile(path), new Exists(path), new DeleteFile(path));
        }
        yield return Case("unlink_shadowing_file_does_not_reveal_lower", new DeleteFile("/m/both"), new ReadAllText("/m/both"), new Enumerate("/m", Listing.Entries, "*", SearchOption.TopDirectoryOnly));
        yield return Case("unlink_then_recreate", new DeleteFile("/f"), new WriteAllText("/f", "again"), new ReadAllText("/f"), new DeleteFile("/f"), new ReadAllText("/f"));
        yield return Case("unlink_upper_only", new WriteAllText("/n", "n"), new DeleteFile("/n"), new Exists("/n"));
        yield return Case("unlink_copied_up", new AppendAllText("/f", "+"), new DeleteFile("/f"), new Exists("/f"));
    }

    // ---- rename-file ----

    private static IEnumerable<TestCaseData> RenameFile()
    {
        var pairs = new[]
        {
            ("f", "g"), ("f", "l1only"), ("f", "m/both"), ("m/both", "m/new"), ("m/both", "m/top"), ("f", "d"), ("f", "empty"), ("f", "f"),
            ("f", "nodir/g"), ("sfile", "s2"), ("sdangle", "s2"), ("sdir", "s2"), ("new", "g"), ("d", "g"), ("f", "d/f1"), ("f", "sfile"),
            ("f", "fod/inner"), ("f", "wo"), ("l1only", "d/sub/moved"), ("m/low", "f"), ("fod", "dof"), ("f", "sdir"),
        };
        foreach (var (source, destination) in pairs)
        {
            foreach (var overwrite in new[] { false, true })
            {
                yield return Case($"rename_file_{source.Replace('/', '_')}_to_{destination.Replace('/', '_')}{(overwrite ? "_overwrite" : "")}",
                    new MoveFile("/" + source, "/" + destination, overwrite), new Exists("/" + source), new ReadAllText("/" + destination));
            }
        }
        yield return Case("rename_file_shadowing_does_not_reveal_lower", new MoveFile("/m/both", "/m/moved", false), new ReadAllText("/m/both"), new Enumerate("/m", Listing.Entries, "*", SearchOption.TopDirectoryOnly));
        yield return Case("rename_file_back_and_forth", new MoveFile("/f", "/g", false), new MoveFile("/g", "/f", false), new ReadAllText("/f"), new Exists("/g"));
        yield return Case("rename_file_then_recreate_source", new MoveFile("/f", "/g", false), new WriteAllText("/f", "fresh"), new ReadAllText("/f"), new ReadAllText("/g"));
    }

    // ---- rename-dir ----

    private static IEnumerable<TestCaseData> RenameDir()
    {
        var all = SearchOption.AllDirectories;
        var pairs = new[]
        {
            ("d", "d2"), ("m", "m2"), ("d", "d/sub/x"), ("d", "d/x"), ("m", "m/sub/x"), ("d", "empty"), ("d", "f"), ("d", "m"), ("f", "g"), ("new", "g"),
            ("d", "nodir/x"), ("d", "m/d"), ("m", "d/m"), ("opq", "opq2"), ("dof", "dof2"), ("allwo", "allwo2"), ("sdir", "sdir2"), ("d", "d"),
            ("d", "wod"), ("d", "wo"), ("d/sub", "sub2"), ("m/sub", "msub"), ("fod", "fod2"), ("empty", "l1dir/empty"), ("l1dir", "d/l1dir"), ("d", "fod/x"),
            ("d/sub", "d"), ("sdir", "d/x"),
        };
        foreach (var (source, destination) in pairs)
        {
            var to = "/" + destination.TrimStart('/');
            var from = "/" + source.TrimStart('/');
            yield return Case($"rename_dir_{Safe(source)}_to_{Safe(destination)}",
                new MoveDirectory(from, to), new Exists(from), new Enumerate("/", Listing.Entries, "*", all));
        }
        yield return Case("rename_dir_and_back", new MoveDirectory("/d", "/d2"), new MoveDirectory("/d2", "/d"), new Enumerate("/d", Listing.Entries, "*", all));
        yield return Case("rename_dir_then_mkdir_old_name", new MoveDirectory("/d", "/d2"), new CreateDirectory("/d"), new Enumerate("/d", Listing.Entries, "*", all));
        yield return Case("rename_merged_dir_then_mkdir_old_name", new MoveDirectory("/m", "/m2"), new CreateDirectory("/m"), new Enumerate("/m", Listing.Entries, "*", all));
        yield return Case("rename_dir_then_move_child_to_old_name", new MoveDirectory("/d", "/d2"), new MoveDirectory("/d2/sub", "/d"), new Enumerate("/", Listing.Entries, "*", all));
        yield return Case("rename_merged_dir_then_write", new MoveDirectory("/m", "/m2"), new WriteAllText("/m2/low", "changed"), new AppendAllText("/m2/both", "+"), new DeleteFile("/m2/top"), new Enumerate("/m2", Listing.Entries, "*", all));
        yield return Case("rename_dir_chain", new MoveDirectory("/d", "/x1"), new MoveDirectory("/x1", "/x2"), new MoveDirectory("/x2/sub", "/x3"), new Enumerate("/", Listing.Entries, "*", all));
        yield return Case("rename_dir_into_whited_out_dir_name_hides_old", new MoveDirectory("/empty", "/wod"), new Enumerate("/wod", Listing.Entries, "*", all));
        yield return Case("rename_dir_onto_emptied_dir", new DeleteFile("/d/f1"), new DeleteFile("/d/f2"), new DeleteFile("/d/readme.txt"), new DeleteDirectory("/d/sub", true),
            new DeleteDirectory("/d", false), new MoveDirectory("/m", "/d"), new Enumerate("/d", Listing.Entries, "*", all));
        yield return Case("rename_dir_twice_then_delete", new MoveDirectory("/m", "/m2"), new MoveDirectory("/m2", "/d/m3"), new DeleteDirectory("/d/m3", true), new Enumerate("/", Listing.Entries, "*", all));
        yield return Case("rename_opaque_dir_then_back", new MoveDirectory("/opq", "/o2"), new MoveDirectory("/o2", "/opq"), new Enumerate("/opq", Listing.Entries, "*", all));
        yield return Case("rename_dir_then_rmdir_source_parent", new MoveDirectory("/d/sub", "/sub2"), new DeleteFile("/d/f1"), new DeleteFile("/d/f2"), new DeleteFile("/d/readme.txt"), new DeleteDirectory("/d", false), new Exists("/d"));
    }

    private static IEnumerable<TestCaseData> RenameNewDir()
    {
        var all = SearchOption.AllDirectories;
        yield return Case("rename_new_dir", new CreateDirectory("/n/o"), new WriteAllText("/n/o/p", "p"), new MoveDirectory("/n", "/n2"), new Enumerate("/", Listing.Entries, "*", all));
        yield return Case("rename_new_dir_into_merged", new CreateDirectory("/n"), new WriteAllText("/n/p", "p"), new MoveDirectory("/n", "/m/n"), new Enumerate("/m", Listing.Entries, "*", all));
        yield return Case("rename_new_dir_onto_whited_out_lower_dir", new CreateDirectory("/n"), new WriteAllText("/n/k", "k"), new MoveDirectory("/n", "/wod"), new Enumerate("/wod", Listing.Entries, "*", all));
        yield return Case("rename_new_dir_onto_deleted_lower_dir", new DeleteDirectory("/d", true), new CreateDirectory("/n"), new MoveDirectory("/n", "/d"), new Enumerate("/d", Listing.Entries, "*", all));
        yield return Case("rename_new_dir_onto_deleted_merged_dir", new DeleteDirectory("/m", true), new CreateDirectory("/n"), new WriteAllText("/n/low", "mine"), new MoveDirectory("/n", "/m"), new Enumerate("/m", Listing.Entries, "*", all));
        yield return Case("rename_new_dir_in_lower_dir", new CreateDirectory("/d/n"), new MoveDirectory("/d/n", "/d/sub/n"), new Enumerate("/d", Listing.Entries, "*", all));
        yield return Case("rename_new_dir_into_own_subtree", new CreateDirectory("/n/o"), new MoveDirectory("/n", "/n/o/p"), new Enumerate("/", Listing.Entries, "*", all));
    }

    private static IEnumerable<TestCaseData> RenamePopDir()
    {
        var all = SearchOption.AllDirectories;
        yield return Case("rename_pop_dir", new MoveDirectory("/pop", "/pop2"), new Enumerate("/pop2", Listing.Entries, "*", all), new ReadAllText("/pop2/b/c"), new Exists("/pop"));
        yield return Case("rename_pop_dir_then_delete", new MoveDirectory("/pop", "/pop2"), new DeleteDirectory("/pop2", true), new Enumerate("/", Listing.Entries, "*", all));
        yield return Case("rename_pop_dir_then_recreate_old", new MoveDirectory("/pop", "/pop2"), new WriteAllText("/pop/a", "new"), new CreateDirectory("/pop/b"), new Enumerate("/", Listing.Entries, "*", all));
        yield return Case("rename_pop_subdir_out_then_parent", new MoveDirectory("/pop/b", "/b"), new MoveDirectory("/pop", "/d/pop"), new Enumerate("/", Listing.Entries, "*", all));
        yield return Case("rename_pop_dir_modified_child", new WriteAllText("/pop/a", "changed"), new MoveDirectory("/pop", "/pop2"), new ReadAllText("/pop2/a"), new Enumerate("/pop2", Listing.Entries, "*", all));
        yield return Case("rename_pop_dir_with_deleted_child", new DeleteFile("/pop/a"), new MoveDirectory("/pop", "/pop2"), new Enumerate("/pop2", Listing.Entries, "*", all));
    }

    private static IEnumerable<TestCaseData> RenameMoveDir()
    {
        var all = SearchOption.AllDirectories;
        yield return Case("rename_move_dir_across_parents", new MoveDirectory("/m/sub", "/d/sub2"), new Enumerate("/", Listing.Entries, "*", all));
        yield return Case("rename_move_dir_down_then_up", new MoveDirectory("/d", "/m/sub/d"), new MoveDirectory("/m/sub/d", "/d"), new Enumerate("/", Listing.Entries, "*", all));
        yield return Case("rename_move_dir_to_renamed_parent", new MoveDirectory("/m", "/m2"), new MoveDirectory("/d", "/m2/d"), new Enumerate("/m2", Listing.Entries, "*", all));
        yield return Case("rename_move_dir_swap", new MoveDirectory("/d", "/t"), new MoveDirectory("/m", "/d"), new MoveDirectory("/t", "/m"), new Enumerate("/", Listing.Entries, "*", all));
    }

    private static IEnumerable<TestCaseData> RenameMass()
    {
        yield return Case("rename_mass",
            new MoveFile("/f", "/d/f", false), new MoveFile("/d/f1", "/m/f1", false), new MoveDirectory("/d/sub", "/m/sub/s"), new MoveFile("/m/both", "/d/both", true),
            new MoveDirectory("/pop/b", "/d/b"), new MoveDirectory("/d", "/pop/d"), new MoveDirectory("/m", "/pop/d/m"), new MoveFile("/l1only", "/pop/d/m/sub/l1only", false),
            new Enumerate("/", Listing.Entries, "*", SearchOption.AllDirectories));
    }

    // ---- metadata, copy, replace, listings ----

    private static IEnumerable<TestCaseData> Metadata()
    {
        foreach (var target in new[] { "f", "d", "m", "sfile", "sdir", "sdangle", "new", "m/both" })
        {
            var path = "/" + target;
            yield return Case($"chmod_{Safe(target)}", new SetUnixMode(path, (UnixFileMode)0x180), new GetAttributes(path), new GetUnixMode(path));
            yield return Case($"utimes_{Safe(target)}", new SetLastWriteTime(path), new GetAttributes(path));
            yield return Case($"readonly_{Safe(target)}", new SetReadOnly(path, true), new GetAttributes(path), new SetReadOnly(path, false), new GetAttributes(path));
            yield return Case($"attributes_{Safe(target)}", new GetAttributes(path), new Exists(path));
        }
        foreach (var target in new[] { "f", "d", "m", "l1only", "m/both", "sfile", "sdir", "opq", "dof", "fod" })
        {
            var path = "/" + target;
            yield return Case($"mode_{Safe(target)}", new GetUnixMode(path));
            yield return Case($"mode_{Safe(target)}_after_copy_up", new SetLastWriteTime(path), new GetUnixMode(path));
        }
        yield return Case("mode_new_file_and_dir", new WriteAllText("/n", "n"), new GetUnixMode("/n"), new CreateDirectory("/nd"), new GetUnixMode("/nd"));
        yield return Case("mode_parent_copied_up", new WriteAllText("/d/sub/n", "n"), new GetUnixMode("/d"), new GetUnixMode("/d/sub"), new GetUnixMode("/d/sub/f3"));
        yield return Case("mode_after_rename", new MoveFile("/f", "/g", false), new GetUnixMode("/g"), new MoveDirectory("/d", "/d2"), new GetUnixMode("/d2"), new GetUnixMode("/d2/f1"));
        yield return Case("mode_after_copy", new CopyFile("/f", "/g", false), new GetUnixMode("/g"));
        yield return Case("readonly_file_still_writable_as_root", new SetReadOnly("/f", true), new WriteAllText("/f", "root writes anyway"), new ReadAllText("/f"));
        yield return Case("chmod_keeps_content", new SetUnixMode("/m/both", (UnixFileMode)0x1C0), new ReadAllText("/m/both"));
    }

    private static IEnumerable<TestCaseData> CopyAndReplace()
    {
        foreach (var (source, destination) in new[] { ("f", "g"), ("f", "l1only"), ("d", "g"), ("f", "d"), ("sfile", "g"), ("f", "nodir/g"), ("new", "g"), ("f", "sfile"), ("m/both", "m/low"), ("f", "wo"), ("sdangle", "g") })
        {
            foreach (var overwrite in new[] { false, true })
            {
                yield return Case($"copy_{Safe(source)}_to_{Safe(destination)}{(overwrite ? "_overwrite" : "")}",
                    new CopyFile("/" + source, "/" + destination, overwrite), new ReadAllText("/" + destination));
            }
        }
        foreach (var (source, destination, backup) in new[]
                 {
                     ("f", "l1only", null), ("f", "l1only", "bak"), ("new", "f", null), ("f", "new", null), ("f", "d", null), ("d", "f", null), ("m/both", "m/low", "m/top"),
                     ("d/f1", "f", "l1only"), ("f", "f", null), ("f", "f", "bak"), ("f", "new", "l1only"), ("f", "nodir/x", "l1only"), ("f", "l1only", "d"), ("f", "sfile", null),
                 })
        {
            yield return Case($"replace_{Safe(source)}_over_{Safe(destination)}{(backup is null ? "" : "_backup_" + Safe(backup))}",
                new ReplaceFile("/" + source, "/" + destination, backup is null ? null : "/" + backup), new Exists("/" + source), new ReadAllText("/" + destination));
        }
    }

    private static IEnumerable<TestCaseData> Listings()
    {
        foreach (var directory in new[] { "/", "/m", "/d", "/opq", "/allwo", "/dof", "/fod", "/sdir", "/new", "/wod", "/sdangle" })
        {
            foreach (var pattern in new[] { "*", "*.txt", "a*" })
            {
                foreach (var option in new[] { SearchOption.TopDirectoryOnly, SearchOption.AllDirectories })
                {
                    yield return Case($"list_{Safe(directory)}_{pattern.Replace("*", "star", StringComparison.Ordinal).Replace(".", "dot", StringComparison.Ordinal)}_{option}",
                        new Enumerate(directory, Listing.Entries, pattern, option),
                        new Enumerate(directory, Listing.Files, pattern, option),
                        new Enumerate(directory, Listing.Directories, pattern, option));
                }
            }
        }
        // .NET recurses into linked directories; a link to an ancestor makes a loop that ends where Linux's
        // 40-link limit makes the deepest name stop resolving.
        // One link only: two links back to the same ancestor would double the paths at every level (2^40).
        var loop = new LayerSet(new Lower().File("/deep/er/f", "f").Link("/deep/er/loop", ".."));
        yield return new TestCaseData(new Scenario("list_recursive_through_link_loop", loop,
        [
            new Enumerate("/deep", Listing.Entries, "*", SearchOption.AllDirectories),
            new Enumerate("/deep", Listing.Files, "f", SearchOption.AllDirectories),
            new Enumerate("/deep", Listing.Directories, "*", SearchOption.AllDirectories),
        ])).SetName("list_recursive_through_link_loop");
        yield return Case("list_after_changes",
            new WriteAllText("/m/new.txt", "n"), new DeleteFile("/m/note.txt"), new CreateDirectory("/m/a.dir"), new MoveFile("/a.txt", "/m/a.txt", false),
            new Enumerate("/m", Listing.Entries, "*.txt", SearchOption.AllDirectories), new Enumerate("/", Listing.Entries, "a*", SearchOption.AllDirectories));
    }

    private static string Safe(string path) => path.Trim('/').Length == 0 ? "root" : path.Trim('/').Replace('/', '_');

    private static TestCaseData Case(string name, params Op[] ops) => Case(name, (IReadOnlyList<Op>)ops);

    private static TestCaseData Case(string name, IReadOnlyList<Op> ops) =>
        new TestCaseData(new Scenario(name, Standard, ops)).SetName(name);
}
