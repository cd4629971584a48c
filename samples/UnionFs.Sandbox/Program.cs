// A sandbox over a real directory: a code generator runs against the union, every write lands in memory,
// the changes are reviewed, and only `--apply` writes them to the directory.
//
//   dotnet run --project samples/UnionFs.Sandbox                  # over a fresh sample project; discards
//   dotnet run --project samples/UnionFs.Sandbox -- DIR --apply    # over DIR; writes the changes to DIR
using System.IO.Abstractions;
using UnionFs;
using UnionFs.Samples.Sandbox;

var apply = args.Contains("--apply");
var given = args.FirstOrDefault(arg => !arg.StartsWith("--", StringComparison.Ordinal));
var directory = given ?? SampleProject.Create();
var disk = new FileSystem();

// The directory is the read-only lower; a MemoryBranch upper takes every write.
var fs = new UnionFileSystem(new MemoryBranch(), new DirectoryBranch(disk, directory));
Console.WriteLine($"sandbox over {directory}");
Console.WriteLine();

var beforeRun = fs.Checkpoint();
try
{
    new CodeGenerator(fs).Run();
}
catch (IOException exception)
{
    fs.Rollback(beforeRun); // a failed run leaves nothing behind
    Console.WriteLine($"the generator failed, its changes were rolled back: {exception.Message}");
    return 1;
}

ChangeReport.Print(fs, Console.Out);

if (!apply)
{
    fs.Discard();
    Console.WriteLine("discarded: nothing on disk changed (run with --apply to write the changes)");
    if (given is null) Directory.Delete(directory, recursive: true); // the sample project was only for this run
    return 0;
}

try
{
    var applied = fs.ApplyTo(disk, directory);
    Console.WriteLine($"applied {applied.Count} changes to {directory}");
    return 0;
}
catch (UnionConflictException conflict)
{
    Console.WriteLine("not applied: the directory changed while the generator ran");
    foreach (var path in conflict.Conflicts) Console.WriteLine($"  {path}");
    return 1;
}
