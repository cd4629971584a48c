using System.IO.Abstractions;

namespace UnionFs.Demo;

/// <summary>Prints a directory tree the way the <c>tree</c> command does.</summary>
internal static class TreePrinter
{
    /// <summary>
    /// Prints what a branch really stores, union markers included: whiteouts as <c>name (whiteout)</c>,
    /// opaque directories as <c>name/ (opaque)</c>.
    /// </summary>
    public static void PrintBranch(string title, IBranch branch) =>
        Print(title, BranchPath.Root, path => branch.List(path).Select(entry => new Node(
            entry.Name,
            Describe(entry),
            entry.IsDirectory ? BranchPath.Combine(path, entry.Name) : null)));

    /// <summary>Prints the merged view, as a program using the file system sees it.</summary>
    public static void PrintMerged(string title, IFileSystem fs) =>
        Print(title, "/", path =>
            fs.Directory.GetDirectories(path).Select(dir => new Node(fs.Path.GetFileName(dir), fs.Path.GetFileName(dir) + "/", dir))
                .Concat(fs.Directory.GetFiles(path).Select(file => new Node(fs.Path.GetFileName(file), fs.Path.GetFileName(file), null))));

    private static string Describe(BranchEntry entry) => entry.Kind switch
    {
        EntryKind.Directory when entry.IsOpaque => $"{entry.Name}/ (opaque)",
        EntryKind.Directory => $"{entry.Name}/",
        EntryKind.Whiteout => $"{entry.Name} (whiteout)",
        EntryKind.SymbolicLink => $"{entry.Name} -> {entry.LinkTarget}",
        _ => entry.Name,
    };

    private static void Print(string title, string root, Func<string, IEnumerable<Node>> children)
    {
        Console.WriteLine(title);
        Walk(root, string.Empty, children);
        Console.WriteLine();
    }

    private static void Walk(string path, string indent, Func<string, IEnumerable<Node>> children)
    {
        // `tree` sorts names case-insensitively: books, cities, README.txt, sports.
        var nodes = children(path).OrderBy(node => node.Name, StringComparer.OrdinalIgnoreCase).ToList();
        for (var i = 0; i < nodes.Count; i++)
        {
            var last = i == nodes.Count - 1;
            Console.WriteLine($"{indent}{(last ? "└── " : "├── ")}{nodes[i].Label}");
            if (nodes[i].DirectoryPath is { } directory)
            {
                Walk(directory, indent + (last ? "    " : "│   "), children);
            }
        }
    }

    /// <param name="Name">The name, used for sorting.</param>
    /// <param name="Label">What is printed.</param>
    /// <param name="DirectoryPath">The path to descend into; null for anything but a directory.</param>
    private readonly record struct Node(string Name, string Label, string? DirectoryPath);
}
