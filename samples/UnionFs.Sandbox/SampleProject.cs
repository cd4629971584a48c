namespace UnionFs.Samples.Sandbox;

/// <summary>A small project on disk for the generator to run over when no directory is given.</summary>
internal static class SampleProject
{
    /// <summary>Creates the project in a new temporary directory and returns its path.</summary>
    public static string Create()
    {
        var root = Directory.CreateTempSubdirectory("unionfs-sandbox-").FullName;
        Write(root, "README.md", "# Shapes\n\nA tiny library of shapes.\n");
        Write(root, "src/Circle.cs", "namespace Shapes;\n\npublic partial class Circle\n{\n    public double Radius { get; init; }\n}\n");
        Write(root, "src/Square.cs", "namespace Shapes;\n\npublic partial class Square\n{\n    public double Side { get; init; }\n}\n");
        Write(root, "obsolete.txt", "notes nobody reads any more\n");
        return root;
    }

    private static void Write(string root, string relativePath, string text)
    {
        var path = Path.Join(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
