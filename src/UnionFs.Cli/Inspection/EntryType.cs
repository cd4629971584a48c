namespace UnionFs.Cli.Inspection;

/// <summary>What a name in the merged view is.</summary>
internal enum EntryType
{
    File,
    Directory,
    SymbolicLink,
}
