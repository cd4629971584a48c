using System.Text;
using CsCheck;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Properties;

/// <summary>
/// Random operation sequences over a small name space, fixtures split over two lowers: after every
/// operation the merged view must equal a plain dictionary model of a file system.
/// </summary>
public class ModelBasedTests
{
    private const long Iterations = 200;

    private static readonly string[] DirectoryNames = ["/a", "/b", "/a/c"];
    private static readonly string[] FileNames = ["/f", "/a/f", "/a/g", "/b/f", "/a/c/f", "/a/c"];
    private static readonly string[] AnyNames = [.. DirectoryNames, .. FileNames.Where(f => !DirectoryNames.Contains(f))];

    /// <summary>Where an initial file lives: 1 = l1, 2 = l2, 3 = both (l1 wins).</summary>
    public sealed record InitialFile(string Path, int Where, string Content);

    public abstract record Op
    {
        public sealed record Write(string Path, string Content) : Op;

        public sealed record Append(string Path, string Content) : Op;

        public sealed record DeleteFile(string Path) : Op;

        public sealed record CreateDirectory(string Path) : Op;

        public sealed record DeleteDirectory(string Path) : Op;

        public sealed record MoveFile(string Source, string Destination) : Op;

        public sealed record MoveDirectory(string Source, string Destination) : Op;
    }

    private static readonly Gen<string> GenContent = Gen.Int[0, 99].Select(i => "v" + i);
    private static readonly Gen<string> GenFile = Gen.OneOf(FileNames);
    private static readonly Gen<string> GenDirectory = Gen.OneOf(DirectoryNames);
    private static readonly Gen<string> GenAny = Gen.OneOf(AnyNames);

    private static readonly Gen<InitialFile[]> GenInitial =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 3])
            .Select((f, af, ag, bf, acf) => new[] { ("/f", f), ("/a/f", af), ("/a/g", ag), ("/b/f", bf), ("/a/c/f", acf) }
                .Where(t => t.Item2 > 0)
                .Select(t => new InitialFile(t.Item1, t.Item2, "init" + t.Item1))
                .ToArray());

    private static readonly Gen<Op> GenBasicOp = Gen.OneOf<Op>(
        Gen.Select(GenFile, GenContent, (p, c) => (Op)new Op.Write(p, c)),
        Gen.Select(GenFile, GenContent, (p, c) => (Op)new Op.Append(p, c)),
        GenAny.Select(p => (Op)new Op.DeleteFile(p)),
        GenDirectory.Select(p => (Op)new Op.CreateDirectory(p)),
        GenDirectory.Select(p => (Op)new Op.DeleteDirectory(p)),
        Gen.Select(GenFile, GenFile, (s, d) => (Op)new Op.MoveFile(s, d)));

    private static readonly Gen<Op> GenOpWithDirectoryMoves = Gen.Frequency(
        (5, GenBasicOp),
        (1, Gen.Select(GenDirectory, Gen.OneOf("/a", "/b", "/d", "/b/d", "/a/e"), (s, d) => (Op)new Op.MoveDirectory(s, d))));

    [Test]
    public void RandomOperations_FileAndDirectoryOps_ShouldMatchModel()
    {
        Gen.Select(GenInitial, GenBasicOp.Array[1, 20])
            .Sample((initial, ops) => Run(initial, ops), iter: Iterations, threads: 1, print: Print);
    }

    [Test]
    public void RandomOperations_IncludingDirectoryMoves_ShouldMatchModel()
    {
        Gen.Select(GenInitial, GenOpWithDirectoryMoves.Array[1, 20])
            .Sample((initial, ops) => Run(initial, ops), iter: Iterations, threads: 1, print: Print);
    }

    private static string Print((InitialFile[] Initial, Op[] Ops) t) =>
        "initial: " + string.Join(", ", t.Initial.Select(i => $"{i.Path}@{(i.Where == 3 ? "l1+l2" : "l" + i.Where)}"))
        + "\nops:\n  " + string.Join("\n  ", t.Ops.Select(o => o.ToString()));

    private static void Run(InitialFile[] initial, Op[] ops)
    {
        var l1 = new MemoryBranch();
        var l2 = new MemoryBranch();
        BranchWriter.Write(l1, initial.Where(i => i.Where is 1 or 3).Select(i => new LayoutEntry(i.Path, EntryKind.File, i.Content + "@l1")));
        BranchWriter.Write(l2, initial.Where(i => i.Where is 2 or 3).Select(i => new LayoutEntry(i.Path, EntryKind.File, i.Content + "@l2")));
        var g1 = new GuardedBranch(l1, "l1");
        var g2 = new GuardedBranch(l2, "l2");
        var fs = new UnionFileSystem(new MemoryBranch(), g1, g2);

        var model = new Model();
        foreach (var file in initial) model.AddInitial(file.Path, file.Content + (file.Where == 2 ? "@l2" : "@l1"));
        Compare(fs, model, "initial");

        for (var i = 0; i < ops.Length; i++)
        {
            var op = ops[i];
            if (op is Op.MoveFile { Source: var s, Destination: var d } && s == d) continue;
            var expectedToSucceed = model.Apply(op);
            Exception? error = null;
            try
            {
                Execute(fs, op);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error = e;
            }

            if (expectedToSucceed && error is not null)
            {
                throw new InvalidOperationException($"op {i} {op} failed but the model says it succeeds: {error.GetType().Name}: {error.Message}", error);
            }

            if (!expectedToSucceed && error is null)
            {
                throw new InvalidOperationException($"op {i} {op} succeeded but the model says it fails");
            }

            Compare(fs, model, $"after op {i} {op}");
        }

        g1.Violations.Should().BeEmpty();
        g2.Violations.Should().BeEmpty();
    }

    private static void Execute(IFileSystem fs, Op op)
    {
        switch (op)
        {
            case Op.Write w: fs.File.WriteAllText(w.Path, w.Content); break;
            case Op.Append a: fs.File.AppendAllText(a.Path, a.Content); break;
            case Op.DeleteFile d: fs.File.Delete(d.Path); break;
            case Op.CreateDirectory c: fs.Directory.CreateDirectory(c.Path); break;
            case Op.DeleteDirectory d: fs.Directory.Delete(d.Path, recursive: true); break;
            case Op.MoveFile m: fs.File.Move(m.Source, m.Destination); break;
            case Op.MoveDirectory m: fs.Directory.Move(m.Source, m.Destination); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, null);
        }
    }

    private static void Compare(IFileSystem fs, Model model, string when)
    {
        var actual = TreeDump.Of(fs);
        var expected = model.Dump();
        if (!actual.SequenceEqual(expected))
        {
            throw new InvalidOperationException(
                $"merged view differs from model {when}\nexpected:\n  {string.Join("\n  ", expected)}\nactual:\n  {string.Join("\n  ", actual)}");
        }
    }

    /// <summary>The reference: path → directory (null content) or file (content).</summary>
    private sealed class Model
    {
        private readonly Dictionary<string, (bool IsDirectory, string? Content)> _entries = new(StringComparer.Ordinal);

        public void AddInitial(string path, string content)
        {
            foreach (var parent in Layout.Ancestors(path)) _entries[parent] = (true, null);
            _entries[path] = (false, content);
        }

        private bool IsDirectory(string path) => path == "/" || (_entries.TryGetValue(path, out var e) && e.IsDirectory);

        private bool IsFile(string path) => _entries.TryGetValue(path, out var e) && !e.IsDirectory;

        private static string Parent(string path) => path.LastIndexOf('/') == 0 ? "/" : path[..path.LastIndexOf('/')];

        private void RemoveTree(string path)
        {
            foreach (var key in _entries.Keys.Where(k => k == path || k.StartsWith(path + "/", StringComparison.Ordinal)).ToList())
            {
                _entries.Remove(key);
            }
        }

        /// <summary>Applies <paramref name="op"/>; false when System.IO would throw (and then nothing changes).</summary>
        public bool Apply(Op op)
        {
            switch (op)
            {
                case Op.Write w:
                    if (!IsDirectory(Parent(w.Path)) || IsDirectory(w.Path)) return false;
                    _entries[w.Path] = (false, w.Content);
                    return true;
                case Op.Append a:
                    if (!IsDirectory(Parent(a.Path)) || IsDirectory(a.Path)) return false;
                    _entries[a.Path] = (false, (IsFile(a.Path) ? _entries[a.Path].Content : string.Empty) + a.Content);
                    return true;
                case Op.DeleteFile d:
                    if (!IsDirectory(Parent(d.Path)) || IsDirectory(d.Path)) return false;
                    _entries.Remove(d.Path);
                    return true;
                case Op.CreateDirectory c:
                    if (Layout.Ancestors(c.Path).Append(c.Path).Any(IsFile)) return false;
                    foreach (var p in Layout.Ancestors(c.Path).Append(c.Path)) _entries[p] = (true, null);
                    return true;
                case Op.DeleteDirectory d:
                    if (!IsDirectory(d.Path)) return false;
                    RemoveTree(d.Path);
                    return true;
                case Op.MoveFile m:
                    if (!IsFile(m.Source) || !IsDirectory(Parent(m.Destination)) || _entries.ContainsKey(m.Destination)) return false;
                    _entries[m.Destination] = _entries[m.Source];
                    _entries.Remove(m.Source);
                    return true;
                case Op.MoveDirectory m when IsFile(m.Source):
                    // Directory.Move renames a file too (on Unix it only checks that the source exists).
                    if (!IsDirectory(Parent(m.Destination)) || _entries.ContainsKey(m.Destination)) return false;
                    _entries[m.Destination] = _entries[m.Source];
                    _entries.Remove(m.Source);
                    return true;
                case Op.MoveDirectory m:
                    if (!IsDirectory(m.Source) || !IsDirectory(Parent(m.Destination)) || _entries.ContainsKey(m.Destination)) return false;
                    if (m.Destination.StartsWith(m.Source + "/", StringComparison.Ordinal) || m.Source == m.Destination) return false;
                    foreach (var key in _entries.Keys.Where(k => k == m.Source || k.StartsWith(m.Source + "/", StringComparison.Ordinal)).ToList())
                    {
                        var value = _entries[key];
                        _entries.Remove(key);
                        _entries[m.Destination + key[m.Source.Length..]] = value;
                    }

                    return true;
                default:
                    throw new ArgumentOutOfRangeException(nameof(op), op, null);
            }
        }

        public IReadOnlyList<string> Dump()
        {
            var lines = _entries.Select(e => e.Value.IsDirectory ? e.Key + "/" : $"{e.Key}={e.Value.Content}").ToList();
            lines.Sort(StringComparer.Ordinal);
            return lines;
        }
    }
}
